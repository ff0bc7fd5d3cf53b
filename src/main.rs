use std::process::ExitCode;

use clap::Parser;

// glibc's allocator made freeing a page of directory entries on another thread than the one
// that parsed them a large share of a sync's time (see BENCHMARKS.md).
#[global_allocator]
static ALLOCATOR: mimalloc::MiMalloc = mimalloc::MiMalloc;

#[actix_web::main]
async fn main() -> ExitCode {
    // ldap3 (ring) and other crates may both bring a rustls provider: name the one to use.
    let _ = rustls::crypto::ring::default_provider().install_default();
    allmende::cli::run(allmende::cli::Cli::parse()).await
}
