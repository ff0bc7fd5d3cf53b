//! CSV downloads (the KPI tables, the audit log).

use actix_web::HttpResponse;
use actix_web::http::header;

/// A CSV field (RFC 4180), and never a formula for a spreadsheet that opens it.
pub fn field(v: &str) -> String {
    let v = if v.starts_with(['=', '+', '-', '@']) {
        format!("'{v}")
    } else {
        v.to_string()
    };
    if v.contains([',', '"', '\r', '\n']) {
        format!("\"{}\"", v.replace('"', "\"\""))
    } else {
        v
    }
}

/// `body` as a download named `name`.
pub fn download(body: String, name: &str) -> HttpResponse {
    HttpResponse::Ok()
        .content_type("text/csv; charset=utf-8")
        .insert_header((header::CONTENT_DISPOSITION, format!("attachment; filename=\"{name}\"")))
        .body(body)
}

#[cfg(test)]
mod tests {
    #[test]
    fn fields_are_quoted_and_never_formulas() {
        assert_eq!(super::field("plain"), "plain");
        assert_eq!(super::field("a,b"), "\"a,b\"");
        assert_eq!(super::field("say \"hi\""), "\"say \"\"hi\"\"\"");
        assert_eq!(super::field("=HYPERLINK(1)"), "'=HYPERLINK(1)");
    }
}
