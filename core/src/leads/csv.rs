//! Leads as CSV for staff and the towns' offices: UTF-8 with a byte-order
//! mark and semicolons, which is what Excel expects in Austria, Slovenia
//! and Hungary (it then shows č, ő and ß right and splits the columns).

use std::io::{self, Write};

use super::{Lead, timestamp};

/// The columns, in order; [`row_values`] gives a lead's values for them.
pub const HEADER: &[&str] = &[
    "id",
    "created_at",
    "kiosk",
    "venue",
    "language",
    "email",
    "name",
    "country",
    "towns",
    "themes",
    "family",
    "calendar",
    "postal_address",
    "message",
    "consent_version",
    "consent_contact",
    "consent_newsletter",
];

/// A lead's values for the [`HEADER`] columns: the one place a lead is
/// laid out as a row, for the kiosk's exports and the hub's.
pub fn row_values(lead: &Lead) -> [String; 17] {
    let yes_no = |flag: bool| if flag { "yes" } else { "no" }.to_string();
    let text = |value: &Option<String>| value.clone().unwrap_or_default();
    [
        lead.id.to_string(),
        timestamp(lead.created_at),
        lead.kiosk_id.clone(),
        lead.venue.clone(),
        lead.language.code().to_string(),
        lead.email.as_str().to_string(),
        text(&lead.name),
        text(&lead.country),
        lead.towns.join(","),
        lead.themes
            .iter()
            .map(|theme| theme.key())
            .collect::<Vec<_>>()
            .join(","),
        yes_no(lead.family),
        lead.calendar
            .map(|by| by.key().to_string())
            .unwrap_or_default(),
        text(&lead.postal_address),
        text(&lead.message),
        lead.consent_version.clone(),
        yes_no(lead.consent_contact),
        yes_no(lead.consent_newsletter),
    ]
}

#[derive(Debug, Clone, Copy)]
pub struct CsvStyle {
    pub delimiter: char,
}

impl Default for CsvStyle {
    fn default() -> Self {
        CsvStyle { delimiter: ';' }
    }
}

pub struct CsvWriter<W: Write> {
    out: W,
    style: CsvStyle,
}

impl<W: Write> CsvWriter<W> {
    /// Writes the byte-order mark and the leads' header line.
    pub fn new(out: W, style: CsvStyle) -> io::Result<CsvWriter<W>> {
        CsvWriter::with_header(out, style, HEADER)
    }

    /// A CSV of other records (e.g. figures), with the same rules.
    pub fn with_header(mut out: W, style: CsvStyle, header: &[&str]) -> io::Result<CsvWriter<W>> {
        out.write_all("\u{feff}".as_bytes())?;
        let mut writer = CsvWriter { out, style };
        writer.row(header.iter().copied())?;
        Ok(writer)
    }

    /// One record; CRLF line ends, as RFC 4180 and Excel want.
    pub fn row<'a>(&mut self, fields: impl IntoIterator<Item = &'a str>) -> io::Result<()> {
        let mut first = true;
        for field in fields {
            if !first {
                write!(self.out, "{}", self.style.delimiter)?;
            }
            first = false;
            self.field(field)?;
        }
        self.out.write_all(b"\r\n")
    }

    fn field(&mut self, value: &str) -> io::Result<()> {
        // A cell starting with = + - @ is a formula to Excel: a visitor's
        // text must never run as one (CSV injection), so it gets a quote.
        // A text starting with the quote itself gets one too, so that
        // reading the file back is never ambiguous.
        let guard = if value.starts_with(GUARDED) { "'" } else { "" };
        let needs_quotes = value.contains(self.style.delimiter)
            || value.contains(['"', '\n', '\r'])
            || (guard.is_empty() && value.starts_with(' '))
            || value.ends_with(' ');
        if needs_quotes {
            write!(self.out, "\"{guard}{}\"", value.replace('"', "\"\""))
        } else {
            self.out.write_all(guard.as_bytes())?;
            self.out.write_all(value.as_bytes())
        }
    }

    /// One lead, in the [`HEADER`] columns.
    pub fn lead(&mut self, lead: &Lead) -> io::Result<()> {
        let fields = row_values(lead);
        self.row(fields.iter().map(String::as_str))
    }

    /// The writer underneath, e.g. to take a `Vec<u8>`'s bytes so far.
    pub fn get_mut(&mut self) -> &mut W {
        &mut self.out
    }

    pub fn finish(mut self) -> io::Result<W> {
        self.out.flush()?;
        Ok(self.out)
    }
}

/// The delimiter of a file this writer wrote, read from its header.
pub fn delimiter_of(text: &str) -> Option<char> {
    text.strip_prefix('\u{feff}')?
        .strip_prefix("id")?
        .chars()
        .next()
        .filter(|c| matches!(c, ';' | ',' | '\t'))
}

/// Reads back a file this writer wrote (any delimiter it may have used):
/// its records, header first, each field as written (a formula guard `'`
/// stays). `None` when the text is not such a file.
pub fn read_records(text: &str) -> Option<Vec<Vec<String>>> {
    let delimiter = delimiter_of(text)?;
    let text = text.strip_prefix('\u{feff}')?;
    let mut records = Vec::new();
    let mut record = Vec::new();
    let mut field = String::new();
    let mut chars = text.chars().peekable();
    let mut quoted = false;
    while let Some(c) = chars.next() {
        if quoted {
            match c {
                '"' if chars.peek() == Some(&'"') => {
                    chars.next();
                    field.push('"');
                }
                '"' => quoted = false,
                _ => field.push(c),
            }
        } else if c == '"' && field.is_empty() {
            quoted = true;
        } else if c == delimiter {
            record.push(std::mem::take(&mut field));
        } else if c == '\r' && chars.peek() == Some(&'\n') {
            chars.next();
            record.push(std::mem::take(&mut field));
            records.push(std::mem::take(&mut record));
        } else {
            field.push(c);
        }
    }
    if quoted {
        return None;
    }
    if !field.is_empty() || !record.is_empty() {
        record.push(field);
        records.push(record);
    }
    Some(records)
}

/// What a field may not start with as written: formula characters, and the
/// guard that defuses them.
const GUARDED: [char; 7] = ['=', '+', '-', '@', '\t', '\r', '\''];

/// A field as the visitor typed it, without the formula guard.
pub fn unguarded(field: &str) -> &str {
    match field.strip_prefix('\'') {
        Some(rest) if rest.starts_with(GUARDED) => rest,
        _ => field,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn written(fields: &[&str], delimiter: char) -> String {
        let mut writer = CsvWriter::new(Vec::new(), CsvStyle { delimiter }).unwrap();
        writer.row(fields.iter().copied()).unwrap();
        let bytes = writer.finish().unwrap();
        let text = String::from_utf8(bytes).unwrap();
        text.split("\r\n").nth(1).unwrap().to_string()
    }

    #[test]
    fn commas_quotes_newlines_and_letters_of_three_countries_survive() {
        assert_eq!(
            written(&["a", "b;c", "say \"hi\"", "two\nlines"], ';'),
            "a;\"b;c\";\"say \"\"hi\"\"\";\"two\nlines\""
        );
        assert_eq!(written(&["a,b", "c"], ','), "\"a,b\",c");
        assert_eq!(written(&["a,b", "c"], ';'), "a,b;c");
        assert_eq!(
            written(&["Čuček Žiga", "Őry Ödön", "Straße"], ';'),
            "Čuček Žiga;Őry Ödön;Straße"
        );
        assert_eq!(written(&["", " padded "], ';'), ";\" padded \"");
    }

    #[test]
    fn formulas_are_defused() {
        assert_eq!(
            written(
                &["=HYPERLINK(\"x\")", "+386", "@me", "-1", "'=1", "it's"],
                ';'
            ),
            "\"'=HYPERLINK(\"\"x\"\")\";'+386;'@me;'-1;''=1;it's"
        );
        assert_eq!(unguarded("''=1"), "'=1");
        assert_eq!(unguarded("'+386"), "+386");
        assert_eq!(unguarded("'plain"), "'plain");
    }

    #[test]
    fn what_is_written_reads_back_field_for_field() {
        let rows: Vec<Vec<&str>> = vec![
            vec!["a", "b;c", "say \"hi\"", "two\r\nlines"],
            vec!["=1+1", "", " padded ", "Őry Ödön"],
        ];
        for delimiter in [';', ','] {
            let mut writer = CsvWriter::new(Vec::new(), CsvStyle { delimiter }).unwrap();
            for row in &rows {
                writer.row(row.iter().copied()).unwrap();
            }
            let text = String::from_utf8(writer.finish().unwrap()).unwrap();
            let records = read_records(&text).unwrap();
            assert_eq!(records[0], HEADER);
            assert_eq!(records[1], rows[0]);
            assert_eq!(unguarded(&records[2][0]), "=1+1");
            assert_eq!(&records[2][1..], &rows[1][1..]);
        }
        assert_eq!(read_records("not,a,csv"), None);
    }

    #[test]
    fn files_start_with_a_byte_order_mark_and_the_header() {
        let writer = CsvWriter::new(Vec::new(), CsvStyle::default()).unwrap();
        let text = String::from_utf8(writer.finish().unwrap()).unwrap();
        assert!(text.starts_with("\u{feff}id;created_at;kiosk;"));
        assert!(text.ends_with("consent_newsletter\r\n"));
    }
}
