use std::process::ExitCode;

use clap::Parser;

#[actix_web::main]
async fn main() -> ExitCode {
    allmende::cli::run(allmende::cli::Cli::parse()).await
}
