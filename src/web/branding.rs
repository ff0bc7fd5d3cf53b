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
/// allows no inline style), and the browser tab's icon in them: the name's first letter on
/// the accent, as the header shows it when there is no logo.
#[derive(Debug, Clone)]
pub struct Theme {
    css: String,
    icon: String,
}

impl Theme {
    pub fn of(accent: crate::config::Accent, name: &str) -> Theme {
        let mark: String = name
            .chars()
            .find(|c| c.is_alphanumeric())
            .into_iter()
            .flat_map(char::to_uppercase)
            .collect();
        let icon = format!(
            "<svg xmlns=\"http://www.w3.org/2000/svg\" viewBox=\"0 0 32 32\">\
             <rect width=\"32\" height=\"32\" rx=\"7\" fill=\"{}\"/>\
             <text x=\"16\" y=\"22.5\" font-family=\"system-ui, sans-serif\" font-size=\"19\" \
             font-weight=\"700\" fill=\"#fff\" text-anchor=\"middle\">{mark}</text></svg>",
            accent.css()
        );
        Theme {
            css: format!(":root {{ --accent: {}; }}\n", accent.css()),
            icon,
        }
    }
}

pub fn configure(cfg: &mut web::ServiceConfig) {
    cfg.route("/branding/logo", web::get().to(logo))
        .route("/branding/theme.css", web::get().to(theme))
        .route("/branding/icon.svg", web::get().to(icon))
        // Browsers and bookmark tools that ask for the old name get the same icon.
        .route("/favicon.ico", web::get().to(favicon));
}

async fn theme(theme: web::Data<Theme>) -> HttpResponse {
    HttpResponse::Ok()
        .content_type("text/css; charset=utf-8")
        .insert_header((header::CACHE_CONTROL, "public, max-age=3600"))
        .body(theme.css.clone())
}

async fn favicon(logo: web::Data<Option<Logo>>) -> HttpResponse {
    let to = if logo.is_some() {
        "/branding/logo"
    } else {
        "/branding/icon.svg"
    };
    HttpResponse::MovedPermanently()
        .insert_header((header::LOCATION, to))
        .finish()
}

async fn icon(theme: web::Data<Theme>) -> HttpResponse {
    HttpResponse::Ok()
        .content_type("image/svg+xml")
        .insert_header((header::CACHE_CONTROL, "public, max-age=3600"))
        .body(theme.icon.clone())
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
