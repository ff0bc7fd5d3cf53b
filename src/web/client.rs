//! Who a request comes from and which host it was sent to. Behind a reverse proxy the peer is
//! the proxy, and only the proxy's headers tell; but anyone can send those headers, so they are
//! read only when `server.trust_forwarded_headers` says a proxy that sets them stands in front.

use actix_web::HttpRequest;
use actix_web::http::header;

/// The client's address: the peer, or the proxy's word for it when trusted.
pub fn address(req: &HttpRequest, trust_forwarded: bool) -> Option<std::net::IpAddr> {
    if trust_forwarded {
        req.connection_info().realip_remote_addr().and_then(parse_ip)
    } else {
        req.peer_addr().map(|a| a.ip())
    }
}

/// `1.2.3.4`, `1.2.3.4:5678`, `::1` or `[::1]:5678`.
fn parse_ip(text: &str) -> Option<std::net::IpAddr> {
    text.parse()
        .ok()
        .or_else(|| text.parse::<std::net::SocketAddr>().ok().map(|a| a.ip()))
}

/// The host (with port, if any) the request was sent to: the `Host` header, or the proxy's
/// `Forwarded` / `X-Forwarded-Host` when trusted.
pub fn host(req: &HttpRequest, trust_forwarded: bool) -> String {
    if trust_forwarded {
        return req.connection_info().host().to_string();
    }
    req.headers()
        .get(header::HOST)
        .and_then(|h| h.to_str().ok())
        .map(str::to_string)
        .or_else(|| req.uri().authority().map(|a| a.to_string()))
        .unwrap_or_default()
}
