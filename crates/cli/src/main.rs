//! `ocrmend`: batch repair of OCR text. Each subcommand lives in its own
//! module; this file only parses arguments and maps outcomes to exit codes.

mod atomic;
mod decode;
mod eval;
mod inputs;
mod repair;
mod report;
mod serve;

use clap::{Parser, Subcommand};
use std::process::ExitCode;

/// Shown under every `--help`; the codes follow sysexits in spirit (0 ok,
/// 1 partial failure, 2 usage) like grep and ripgrep.
pub const EXIT_STATUS_HELP: &str = "\
Exit status:
  0  every input was processed
  1  one or more inputs failed (the others were still processed and written)
  2  usage error: bad option, unreadable --dict file, or an unsafe output target";

#[derive(Parser, Debug)]
#[command(
    name = "ocrmend",
    version,
    about = "Finds and repairs OCR damage in plain text",
    after_help = EXIT_STATUS_HELP
)]
struct Cli {
    #[command(subcommand)]
    command: Command,
}

#[derive(Subcommand, Debug)]
enum Command {
    /// Repair OCR text in files, directories or standard input
    Repair(repair::RepairArgs),
    /// Serve the review UI in the browser, on 127.0.0.1 only
    Serve(serve::ServeArgs),
    // No doc comment: it would replace the long description EvalArgs gives.
    Eval(eval::EvalArgs),
}

/// How a run ended; the discriminant is the process exit code.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Status {
    Ok = 0,
    SomeFailed = 1,
    Usage = 2,
}

/// An error in how the tool was invoked (exit code 2) rather than in one
/// of the inputs.
#[derive(Debug)]
pub struct UsageError(pub String);

impl std::fmt::Display for UsageError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(&self.0)
    }
}

impl std::error::Error for UsageError {}

fn main() -> ExitCode {
    let cli = Cli::parse();
    let result = match cli.command {
        Command::Repair(args) => repair::run(args),
        Command::Serve(args) => serve::run(args),
        Command::Eval(args) => eval::run(args),
    };
    let status = match result {
        Ok(status) => status,
        Err(err) => {
            eprintln!("error: {err:#}");
            if err.downcast_ref::<UsageError>().is_some() {
                Status::Usage
            } else {
                Status::SomeFailed
            }
        }
    };
    ExitCode::from(status as u8)
}
