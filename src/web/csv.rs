//! CSV downloads (the KPI tables, the audit log), made to open in the reader's spreadsheet:
//! Excel takes a file without a byte order mark for the Windows code page (ä becomes Ã¤), and
//! German Excel splits at `;` and reads `0,5` as a number, where English Excel wants `,` and
//! `0.5`. A page download follows the page's language; the API always writes `,`.

use actix_web::HttpResponse;
use actix_web::http::header;

use crate::domain::Locale;

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Dialect {
    /// `,` between fields, `.` in numbers.
    Comma,
    /// `;` between fields, `,` in numbers (German).
    Semicolon,
}

impl Dialect {
    pub fn of(lang: Locale) -> Dialect {
        match lang {
            Locale::De => Dialect::Semicolon,
            Locale::En => Dialect::Comma,
        }
    }

    fn separator(self) -> char {
        match self {
            Dialect::Comma => ',',
            Dialect::Semicolon => ';',
        }
    }

    /// A CSV field (RFC 4180 with this separator), and never a formula for a spreadsheet
    /// that opens it.
    pub fn field(self, v: &str) -> String {
        let v = if v.starts_with(['=', '+', '-', '@']) {
            format!("'{v}")
        } else {
            v.to_string()
        };
        if v.contains([self.separator(), '"', '\r', '\n']) {
            format!("\"{}\"", v.replace('"', "\"\""))
        } else {
            v
        }
    }

    /// A number as the spreadsheet reads it: whole numbers plain, others to three places.
    pub fn number(self, v: f64) -> String {
        let plain = if v.fract() == 0.0 {
            format!("{v:.0}")
        } else {
            format!("{v:.3}")
        };
        match self {
            Dialect::Comma => plain,
            Dialect::Semicolon => plain.replace('.', ","),
        }
    }

    /// One line of already written fields.
    pub fn row<S: AsRef<str>>(self, fields: &[S]) -> String {
        let mut line = fields
            .iter()
            .map(|f| f.as_ref())
            .collect::<Vec<_>>()
            .join(&self.separator().to_string());
        line.push_str("\r\n");
        line
    }
}

/// `body` as a download named `name`, marked as UTF-8 for spreadsheets.
pub fn download(body: String, name: &str) -> HttpResponse {
    HttpResponse::Ok()
        .content_type("text/csv; charset=utf-8")
        .insert_header((header::CONTENT_DISPOSITION, format!("attachment; filename=\"{name}\"")))
        .body(format!("\u{feff}{body}"))
}

#[cfg(test)]
mod tests {
    use super::Dialect;

    #[test]
    fn fields_are_quoted_and_never_formulas() {
        let c = Dialect::Comma;
        assert_eq!(c.field("plain"), "plain");
        assert_eq!(c.field("a,b"), "\"a,b\"");
        assert_eq!(c.field("a;b"), "a;b");
        assert_eq!(Dialect::Semicolon.field("a;b"), "\"a;b\"");
        assert_eq!(c.field("say \"hi\""), "\"say \"\"hi\"\"\"");
        assert_eq!(c.field("=HYPERLINK(1)"), "'=HYPERLINK(1)");
    }

    #[test]
    fn numbers_are_written_as_the_language_reads_them() {
        assert_eq!(Dialect::Comma.number(0.5), "0.500");
        assert_eq!(Dialect::Semicolon.number(0.5), "0,500");
        assert_eq!(Dialect::Semicolon.number(14.0), "14");
        assert_eq!(Dialect::Semicolon.row(&["a", "b"]), "a;b\r\n");
    }
}
