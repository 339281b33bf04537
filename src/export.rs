//! Exports of a draft for submission, from the same draft, template and rules as the
//! wizard. Each format is its own module; every export is written atomically (a
//! failed export leaves no half-written file) and never changes the draft.

pub mod markdown;

use std::path::Path;

use crate::draft::{BodyKind, Draft};
use crate::rules::Evaluation;
use crate::store::{self, SaveError};
use crate::template::{Severity, Template};

/// The formats a report can leave in.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Format {
    /// Markdown: readable in a terminal and in any Markdown viewer.
    Markdown,
    /// Word (DOCX) in the official layout.
    Docx,
    /// Excel (XLSX) appendices.
    Xlsx,
}

impl Format {
    /// The format named by `--format`, or by the file's extension.
    pub fn pick(name: Option<&str>, path: &Path) -> Option<Format> {
        let ext = path
            .extension()
            .map(|e| e.to_string_lossy().to_ascii_lowercase());
        match name
            .map(str::to_ascii_lowercase)
            .as_deref()
            .or(ext.as_deref())
        {
            Some("md" | "markdown") => Some(Format::Markdown),
            Some("docx") => Some(Format::Docx),
            Some("xlsx") => Some(Format::Xlsx),
            _ => None,
        }
    }
}

/// Whether the report still has errors, and so leaves marked "Dự thảo".
pub fn is_draft(eval: &Evaluation) -> bool {
    eval.count(Severity::Error) > 0
}

/// "Tuy Phước, ngày 05 tháng 9 năm 2024" from "05/09/2024" (State layout: days 01–09
/// and months 01–02 written with a leading zero); the date as typed when it does not
/// name a real day (the rules flag it, so the report stays a draft).
pub fn place_and_date(draft: &Draft) -> String {
    let m = &draft.meta;
    let date = match crate::rules::read_date(&m.date) {
        Ok((d, mo, y)) => {
            let month = if mo <= 2 {
                format!("{mo:02}")
            } else {
                mo.to_string()
            };
            format!("ngày {d:02} tháng {month} năm {y}")
        }
        Err(_) => m.date.trim().to_string(),
    };
    let place = if m.place.trim().is_empty() {
        "…".to_string()
    } else {
        m.place.trim().to_string()
    };
    format!("{place}, {date}")
}

/// "Số: 215/BC-UBND" (State) or "Số 127-BC/HU" (Party).
pub fn number_line(draft: &Draft) -> String {
    let n = if draft.meta.number.trim().is_empty() {
        "…".to_string()
    } else {
        draft.meta.number.trim().to_string()
    };
    match draft.meta.body {
        BodyKind::State => format!("Số: {n}"),
        BodyKind::Party => format!("Số {n}"),
    }
}

/// Writes an export atomically.
pub fn write(path: &Path, bytes: &[u8]) -> Result<(), SaveError> {
    store::write_atomic(path, bytes)
}

/// The report in `format`, as bytes.
pub fn render(
    format: Format,
    template: &Template,
    draft: &Draft,
    eval: &Evaluation,
) -> Option<Vec<u8>> {
    match format {
        Format::Markdown => Some(markdown::render(template, draft, eval).into_bytes()),
        Format::Docx | Format::Xlsx => None,
    }
}
