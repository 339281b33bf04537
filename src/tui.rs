//! The wizard (terminal user interface).

use std::process::ExitCode;

use crate::cli::{Env, Failure};

/// Opens the wizard on a draft (by name or path), or on the start screen.
pub fn run(env: &Env, draft: Option<&str>, goto: Option<&str>) -> Result<ExitCode, Failure> {
    let _ = (env, draft, goto);
    Ok(ExitCode::SUCCESS)
}
