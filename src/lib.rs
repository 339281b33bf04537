//! baocao: fill the 3-year review report of Resolution 05-NQ/TU in a terminal.
//!
//! The functional core (`template`, `draft`, `number`, `rules`) has no I/O and no
//! terminal; `store` and `cli` are thin adapters around it; the TUI is a shell.

pub mod app;
pub mod cli;
pub mod draft;
pub mod export;
pub mod guard;
pub mod i18n;
pub mod ime;
pub mod layout;
pub mod localtime;
pub mod number;
pub mod report;
pub mod rules;
pub mod store;
pub mod synth;
pub mod template;
pub mod tui;
pub mod ui;
pub mod visible;
