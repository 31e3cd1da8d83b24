//! Leads as CSV for staff and the towns' offices: UTF-8 with a byte-order
//! mark and semicolons, which is what Excel expects in Austria, Slovenia
//! and Hungary (it then shows č, ő and ß right and splits the columns).

use std::io::{self, Write};

/// The columns, in order.
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
    /// Writes the byte-order mark and the header line.
    pub fn new(mut out: W, style: CsvStyle) -> io::Result<CsvWriter<W>> {
        out.write_all("\u{feff}".as_bytes())?;
        let mut writer = CsvWriter { out, style };
        writer.row(HEADER.iter().copied())?;
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
        let guard = if value.starts_with(['=', '+', '-', '@', '\t', '\r']) {
            "'"
        } else {
            ""
        };
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

    /// The writer underneath, e.g. to take a `Vec<u8>`'s bytes so far.
    pub fn get_mut(&mut self) -> &mut W {
        &mut self.out
    }

    pub fn finish(mut self) -> io::Result<W> {
        self.out.flush()?;
        Ok(self.out)
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
            written(&["=HYPERLINK(\"x\")", "+386", "@me", "-1"], ';'),
            "\"'=HYPERLINK(\"\"x\"\")\";'+386;'@me;'-1"
        );
    }

    #[test]
    fn files_start_with_a_byte_order_mark_and_the_header() {
        let writer = CsvWriter::new(Vec::new(), CsvStyle::default()).unwrap();
        let text = String::from_utf8(writer.finish().unwrap()).unwrap();
        assert!(text.starts_with("\u{feff}id;created_at;kiosk;"));
        assert!(text.ends_with("consent_newsletter\r\n"));
    }
}
