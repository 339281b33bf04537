//! The `baocao` binary: parses the command line and runs it; every error is printed
//! once, in the user's language, with exit code 2.

use std::process::ExitCode;

use clap::Parser;

fn main() -> ExitCode {
    let cli = baocao::cli::Cli::parse();
    let lang = baocao::i18n::Lang::detect(cli.lang.as_deref());
    match baocao::cli::run(cli) {
        Ok(code) => code,
        Err(failure) => {
            eprintln!(
                "baocao: {}: {}",
                baocao::i18n::error_prefix(lang),
                // A name or a path in the message may hold escape sequences.
                baocao::visible::visible(&failure.message)
            );
            ExitCode::from(2)
        }
    }
}
