//! The company's logo, read once at start and served from memory. An SVG may hold script, so
//! it is served with a policy that lets it run none and sandboxes it if opened on its own.

use actix_web::http::header;
use actix_web::{HttpResponse, web};

const MOST_BYTES: u64 = 1024 * 1024;

#[derive(Debug, Clone)]
pub struct Logo {
    bytes: web::Bytes,
    content_type: &'static str,
}

impl Logo {
    /// The file at `path`, if it is an image of a known kind and at most 1 MB.
    pub fn read(path: &str) -> Result<Logo, String> {
        let content_type = match std::path::Path::new(path)
            .extension()
            .and_then(|e| e.to_str())
            .map(str::to_ascii_lowercase)
            .as_deref()
        {
            Some("png") => "image/png",
            Some("jpg" | "jpeg") => "image/jpeg",
            Some("webp") => "image/webp",
            Some("svg") => "image/svg+xml",
            _ => return Err(format!("{path}: not a .png, .jpg, .webp or .svg file")),
        };
        let size = std::fs::metadata(path).map_err(|e| format!("{path}: {e}"))?.len();
        if size > MOST_BYTES {
            return Err(format!("{path}: larger than 1 MB"));
        }
        let bytes = std::fs::read(path).map_err(|e| format!("{path}: {e}"))?;
        Ok(Logo {
            bytes: bytes.into(),
            content_type,
        })
    }
}

/// The company's colours over the stylesheet's defaults (a file, since the pages' policy
/// allows no inline style).
#[derive(Debug, Clone)]
pub struct Theme(String);

impl Theme {
    pub fn of(accent: crate::config::Accent) -> Theme {
        Theme(format!(":root {{ --accent: {}; }}\n", accent.css()))
    }
}

pub fn configure(cfg: &mut web::ServiceConfig) {
    cfg.route("/branding/logo", web::get().to(logo))
        .route("/branding/theme.css", web::get().to(theme));
}

async fn theme(theme: web::Data<Theme>) -> HttpResponse {
    HttpResponse::Ok()
        .content_type("text/css; charset=utf-8")
        .insert_header((header::CACHE_CONTROL, "public, max-age=3600"))
        .body(theme.0.clone())
}

async fn logo(logo: web::Data<Option<Logo>>) -> HttpResponse {
    match logo.as_ref() {
        Some(logo) => HttpResponse::Ok()
            .content_type(logo.content_type)
            .insert_header((header::CACHE_CONTROL, "public, max-age=3600"))
            .insert_header((
                header::CONTENT_SECURITY_POLICY,
                "default-src 'none'; style-src 'unsafe-inline'; sandbox",
            ))
            .body(logo.bytes.clone()),
        None => HttpResponse::NotFound().finish(),
    }
}
