use std::process::ExitCode;

use clap::Parser;

fn main() -> ExitCode {
    kensho::cli::run(kensho::cli::Cli::parse())
}
