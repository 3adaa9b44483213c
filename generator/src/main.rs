use clap::Parser;
use signpost::cli::Cli;
use std::process::ExitCode;

fn main() -> ExitCode {
    signpost::cmd::run(Cli::parse())
}
