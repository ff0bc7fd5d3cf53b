use std::process::ExitCode;

use clap::Parser;

#[actix_web::main]
async fn main() -> ExitCode {
    // ldap3 (ring) and other crates may both bring a rustls provider: name the one to use.
    let _ = rustls::crypto::ring::default_provider().install_default();
    allmende::cli::run(allmende::cli::Cli::parse()).await
}
