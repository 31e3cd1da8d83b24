//! A text file read for parsing, able to turn byte offsets into line numbers
//! so that every problem can be reported as `path:line: message`.

use std::io;
use std::ops::Range;
use std::path::{Path, PathBuf};

use serde::de::DeserializeOwned;

pub(crate) struct SourceFile {
    /// The path as it is shown to people (as given, not canonicalised).
    pub path: PathBuf,
    pub text: String,
}

/// Where in a source file a parse failed, and why.
pub(crate) struct ParseFailure {
    pub line: Option<usize>,
    pub message: String,
}

impl SourceFile {
    pub fn read(path: &Path) -> io::Result<SourceFile> {
        Ok(SourceFile {
            path: path.to_path_buf(),
            text: std::fs::read_to_string(path)?,
        })
    }

    /// 1-based line of a byte offset.
    pub fn line_at(&self, offset: usize) -> usize {
        let end = offset.min(self.text.len());
        self.text.as_bytes()[..end]
            .iter()
            .filter(|&&b| b == b'\n')
            .count()
            + 1
    }

    pub fn line_of(&self, span: &Range<usize>) -> usize {
        self.line_at(span.start)
    }

    /// Parses the whole file as TOML into `T`, which should deny unknown
    /// keys so that a misspelt key is an error, not a silent default.
    pub fn parse_toml<T: DeserializeOwned>(&self) -> Result<T, ParseFailure> {
        toml::from_str(&self.text).map_err(|error| ParseFailure {
            line: error.span().map(|span| self.line_of(&span)),
            message: tidy_toml_message(error.message()),
        })
    }
}

/// serde's wording ("unknown field") speaks to programmers; editors and
/// admins know TOML "keys".
fn tidy_toml_message(message: &str) -> String {
    message
        .trim()
        .replace("unknown field", "unknown key")
        .replace("missing field", "missing key")
        .replace("unknown variant", "unknown value")
        .lines()
        .map(str::trim)
        .collect::<Vec<_>>()
        .join("; ")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn lines_are_counted_from_one() {
        let file = SourceFile {
            path: "x.toml".into(),
            text: "a = 1\nb = 2\n\nc = 3".into(),
        };
        assert_eq!(file.line_at(0), 1);
        assert_eq!(file.line_at(6), 2);
        assert_eq!(file.line_at(13), 4);
        assert_eq!(file.line_at(10_000), 4);
    }
}
