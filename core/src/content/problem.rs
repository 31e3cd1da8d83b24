//! A problem found in a content pack, reported to editors as
//! `path:line: message`.

use std::fmt;
use std::path::{Path, PathBuf};

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Problem {
    /// The file at fault, as a path under the pack folder given.
    pub path: PathBuf,
    /// 1-based line where the file format has lines (TOML, subtitles).
    pub line: Option<usize>,
    pub message: String,
}

impl Problem {
    pub fn at(path: &Path, line: usize, message: impl Into<String>) -> Problem {
        Problem {
            path: path.to_path_buf(),
            line: Some(line),
            message: message.into(),
        }
    }

    pub fn in_file(path: &Path, message: impl Into<String>) -> Problem {
        Problem {
            path: path.to_path_buf(),
            line: None,
            message: message.into(),
        }
    }
}

impl fmt::Display for Problem {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self.line {
            Some(line) => write!(f, "{}:{}: {}", self.path.display(), line, self.message),
            None => write!(f, "{}: {}", self.path.display(), self.message),
        }
    }
}

/// A pack that failed validation, with every problem found in it.
#[derive(Debug, Clone, thiserror::Error)]
#[error("the content pack in {} has {} problem(s):\n{}", .root.display(), .problems.len(), list(.problems))]
pub struct InvalidPack {
    pub root: PathBuf,
    pub problems: Vec<Problem>,
    /// The films and audio guides that exist, so a checker that can decode
    /// them reports their problems along with the rest.
    pub media: Vec<MediaFile>,
}

/// A film or recording of a pack, which only a player can fully check.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum MediaFile {
    Film(PathBuf),
    AudioGuide(PathBuf),
}

fn list(problems: &[Problem]) -> String {
    problems
        .iter()
        .map(Problem::to_string)
        .collect::<Vec<_>>()
        .join("\n")
}
