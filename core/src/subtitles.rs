//! Film subtitles from WebVTT files: parsed once when the pack loads, then
//! asked "what is said at this moment?" as the film plays.
//!
//! Only what a kiosk shows is kept: cue times and plain text. Styling,
//! regions, notes and cue settings are accepted and ignored, so files from
//! any subtitle editor load; markup inside cue text is stripped.

use std::time::Duration;

/// One WebVTT file's cues, sorted by start.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Subtitles {
    cues: Vec<Cue>,
}

#[derive(Debug, Clone, PartialEq)]
pub struct Cue {
    pub start: Duration,
    pub end: Duration,
    /// Plain text; lines separated by `\n`.
    pub text: String,
}

/// What is wrong with a subtitle file, and on which line (1-based).
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("line {line}: {message}")]
pub struct SubtitleError {
    pub line: usize,
    pub message: String,
}

impl Subtitles {
    pub fn parse(source: &str) -> Result<Subtitles, SubtitleError> {
        let source = source.strip_prefix('\u{feff}').unwrap_or(source);
        let lines: Vec<&str> = source.lines().collect();
        let header = lines.first().copied().unwrap_or_default();
        let signature_ok = header
            .strip_prefix("WEBVTT")
            .is_some_and(|rest| rest.is_empty() || rest.starts_with([' ', '\t']));
        if !signature_ok {
            return Err(error(1, "a WebVTT file must start with `WEBVTT`"));
        }

        let mut cues = Vec::new();
        let mut index = 1;
        // The header block runs to the first blank line.
        while index < lines.len() && !lines[index].trim().is_empty() {
            index += 1;
        }
        while index < lines.len() {
            if lines[index].trim().is_empty() {
                index += 1;
                continue;
            }
            let block_start = index;
            while index < lines.len() && !lines[index].trim().is_empty() {
                index += 1;
            }
            let block = &lines[block_start..index];
            if let Some(cue) = parse_block(block, block_start)? {
                cues.push(cue);
            }
        }
        cues.sort_by_key(|cue| cue.start);
        Ok(Subtitles { cues })
    }

    pub fn cues(&self) -> &[Cue] {
        &self.cues
    }

    /// The text on screen at `position`: every cue showing then, in order
    /// of start, one under the other; `None` between cues.
    pub fn text_at(&self, position: Duration) -> Option<String> {
        let showing: Vec<&str> = self
            .cues
            .iter()
            .take_while(|cue| cue.start <= position)
            .filter(|cue| position < cue.end)
            .map(|cue| cue.text.as_str())
            .collect();
        (!showing.is_empty()).then(|| showing.join("\n"))
    }
}

fn error(line: usize, message: impl Into<String>) -> SubtitleError {
    SubtitleError {
        line,
        message: message.into(),
    }
}

/// One block between blank lines: a cue (optional id line, timing line,
/// text lines) or a NOTE, STYLE or REGION block, which carry nothing shown.
/// `first` is the block's 0-based line index.
fn parse_block(block: &[&str], first: usize) -> Result<Option<Cue>, SubtitleError> {
    let opening = block[0].trim_start();
    if ["NOTE", "STYLE", "REGION"]
        .iter()
        .any(|word| opening == *word || opening.starts_with(&format!("{word} ")))
    {
        return Ok(None);
    }
    let (timing_offset, timing) = match block.iter().position(|line| line.contains("-->")) {
        Some(offset @ (0 | 1)) => (offset, block[offset]),
        _ => {
            return Err(error(
                first + 1,
                "expected a cue timing like `00:00:01.000 --> 00:00:04.000`",
            ));
        }
    };
    let line = first + timing_offset + 1;
    let (start, rest) = timing
        .split_once("-->")
        .map(|(start, rest)| (start.trim(), rest.trim()))
        .unwrap_or_default();
    // Cue settings (position, alignment) may follow the end time.
    let end = rest.split_whitespace().next().unwrap_or_default();
    let start = parse_timestamp(start).ok_or_else(|| {
        error(
            line,
            format!("`{start}` is not a time like 00:01.500 or 00:00:01.500"),
        )
    })?;
    let end = parse_timestamp(end).ok_or_else(|| {
        error(
            line,
            format!("`{end}` is not a time like 00:04.000 or 00:00:04.000"),
        )
    })?;
    if end <= start {
        return Err(error(line, "the cue ends before it starts"));
    }
    let text = block[timing_offset + 1..]
        .iter()
        .map(|line| plain_text(line))
        .filter(|line| !line.is_empty())
        .collect::<Vec<_>>()
        .join("\n");
    if text.is_empty() {
        return Err(error(line, "the cue has no text"));
    }
    Ok(Some(Cue { start, end, text }))
}

/// `hh:mm:ss.ttt` or `mm:ss.ttt`, as WebVTT defines them.
fn parse_timestamp(text: &str) -> Option<Duration> {
    let (clock, millis) = text.split_once('.')?;
    if millis.len() != 3 || !millis.bytes().all(|b| b.is_ascii_digit()) {
        return None;
    }
    let parts: Vec<&str> = clock.split(':').collect();
    let number = |part: &str, width: Option<usize>| -> Option<u64> {
        let digits_ok = !part.is_empty() && part.bytes().all(|b| b.is_ascii_digit());
        let width_ok = width.is_none_or(|width| part.len() == width);
        (digits_ok && width_ok).then(|| part.parse().ok()).flatten()
    };
    let (hours, minutes, seconds) = match parts.as_slice() {
        [minutes, seconds] => (0, number(minutes, Some(2))?, number(seconds, Some(2))?),
        [hours, minutes, seconds] if hours.len() >= 2 => (
            number(hours, None)?,
            number(minutes, Some(2))?,
            number(seconds, Some(2))?,
        ),
        _ => return None,
    };
    if minutes > 59 || seconds > 59 {
        return None;
    }
    let millis: u64 = millis.parse().ok()?;
    // Hours may have any number of digits: a count too large for the
    // milliseconds to hold is no time either, not an overflow.
    let total = hours
        .checked_mul(60)?
        .checked_add(minutes)?
        .checked_mul(60)?
        .checked_add(seconds)?
        .checked_mul(1000)?
        .checked_add(millis)?;
    Some(Duration::from_millis(total))
}

/// A cue line without markup (`<i>`, `<v Speaker>`, `<00:01.000>`) and
/// with the character references WebVTT allows decoded.
fn plain_text(line: &str) -> String {
    let mut text = String::with_capacity(line.len());
    let mut in_tag = false;
    for c in line.chars() {
        match (in_tag, c) {
            (false, '<') => in_tag = true,
            (true, '>') => in_tag = false,
            (false, c) => text.push(c),
            (true, _) => {}
        }
    }
    let text = text
        .replace("&lt;", "<")
        .replace("&gt;", ">")
        .replace("&nbsp;", "\u{a0}")
        .replace("&lrm;", "\u{200e}")
        .replace("&rlm;", "\u{200f}")
        .replace("&amp;", "&");
    text.trim().to_string()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn secs(s: f64) -> Duration {
        Duration::from_secs_f64(s)
    }

    #[test]
    fn reads_cues_with_ids_settings_markup_and_notes() {
        let file = "WEBVTT - town film\n\nNOTE written by the editor\nspanning lines\n\nSTYLE\n::cue { color: yellow }\n\n1\n00:00.500 --> 00:03.000 line:90%\n<v Guide>The <i>castle</i> &amp; the river\n\n00:00:03.000 --> 00:00:06.250\nFirst line\nsecond line\n";
        let subtitles = Subtitles::parse(file).unwrap();
        assert_eq!(subtitles.cues().len(), 2);
        assert_eq!(subtitles.text_at(secs(0.2)), None);
        assert_eq!(
            subtitles.text_at(secs(0.5)).as_deref(),
            Some("The castle & the river")
        );
        assert_eq!(
            subtitles.text_at(secs(3.0)).as_deref(),
            Some("First line\nsecond line")
        );
        assert_eq!(subtitles.text_at(secs(6.25)), None);
    }

    #[test]
    fn overlapping_cues_show_together_in_order_of_start() {
        let file = "WEBVTT\n\n00:02.000 --> 00:05.000\nlater\n\n00:01.000 --> 00:04.000\nearlier\n";
        let subtitles = Subtitles::parse(file).unwrap();
        assert_eq!(
            subtitles.text_at(secs(3.0)).as_deref(),
            Some("earlier\nlater")
        );
        assert_eq!(subtitles.text_at(secs(4.5)).as_deref(), Some("later"));
    }

    #[test]
    fn hours_may_have_more_than_two_digits() {
        let file = "WEBVTT\n\n100:00:00.000 --> 100:00:01.000\nlate\n";
        let subtitles = Subtitles::parse(file).unwrap();
        assert_eq!(subtitles.cues()[0].start, Duration::from_secs(360_000));
    }

    #[test]
    fn hours_too_many_to_count_are_an_error_naming_the_line() {
        // 10^16 hours fit in a u64, their milliseconds do not.
        let file = "WEBVTT\n\n10000000000000000:00:00.000 --> 10000000000000000:00:01.000\nlate\n";
        let error = Subtitles::parse(file).unwrap_err();
        assert_eq!(error.line, 3, "{error}");
        assert!(
            error.message.contains("10000000000000000:00:00.000"),
            "{error}"
        );
    }

    #[test]
    fn errors_name_the_line() {
        let cases = [
            ("1\n00:01.000 --> 00:02.000\nx\n", 1, "WEBVTT"),
            (
                "WEBVTT\n\n00:01.000 --> 00:02.000\nok\n\n00:03,000 --> 00:04.000\nbad\n",
                6,
                "00:03,000",
            ),
            (
                "WEBVTT\n\nid\n00:05.000 --> 00:04.000\nx\n",
                4,
                "ends before",
            ),
            ("WEBVTT\n\njust some words\n", 3, "expected a cue timing"),
            ("WEBVTT\n\n00:01.000 --> 00:61.000\nx\n", 3, "00:61.000"),
            ("WEBVTT\n\n00:01.000 --> 00:02.000\n<b></b>\n", 3, "no text"),
            ("WEBVTTX\n", 1, "WEBVTT"),
        ];
        for (file, line, words) in cases {
            let error = Subtitles::parse(file).unwrap_err();
            assert_eq!(error.line, line, "{file:?}: {error}");
            assert!(error.message.contains(words), "{file:?}: {error}");
        }
    }

    #[test]
    fn accepts_a_byte_order_mark_and_windows_line_ends() {
        let file = "\u{feff}WEBVTT\r\n\r\n00:00.000 --> 00:01.000\r\nHallo\r\n";
        let subtitles = Subtitles::parse(file).unwrap();
        assert_eq!(subtitles.text_at(secs(0.5)).as_deref(), Some("Hallo"));
    }
}
