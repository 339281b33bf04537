//! Exports of a draft for submission, from the same draft, template and rules as the
//! wizard. Each format is its own module; every export is written atomically (a
//! failed export leaves no half-written file) and never changes the draft.

pub mod docx;
pub mod layout;
pub mod markdown;
pub mod meta;
pub mod metrics;
pub mod pdf;
pub mod target;
pub mod xlsx;

use std::path::Path;

use crate::draft::Draft;
use crate::rules::Evaluation;
use crate::store::{self, SaveError};
use crate::template::{Severity, Table, Template};

/// The formats a report can leave in.
#[derive(Debug, Clone, Copy, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
pub enum Format {
    /// Markdown: readable in a terminal and in any Markdown viewer.
    Markdown,
    /// Word (DOCX) in the official layout.
    Docx,
    /// Excel (XLSX) appendices.
    Xlsx,
    /// PDF/A of the Word document, for the digital signature (through LibreOffice).
    Pdf,
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
            Some("pdf") => Some(Format::Pdf),
            _ => None,
        }
    }
}

/// How far the report is from final: errors, and places it would print as "…"
/// (unanswered fields, a missing number, date, place or signer). Either makes the
/// export a draft, marked "DỰ THẢO", since a final document needs no re-typing.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Readiness {
    /// Errors the rules found.
    pub errors: usize,
    /// Blanks printed as "…" or as empty cells, by kind (the review step counts the
    /// same).
    pub blanks: crate::rules::missing::Missing,
}

impl Readiness {
    /// Whether the export leaves marked "DỰ THẢO".
    pub fn is_draft(self) -> bool {
        self.errors > 0 || self.blanks.total() > 0
    }
}

/// The report's readiness.
pub fn readiness(template: &Template, draft: &Draft, eval: &Evaluation) -> Readiness {
    Readiness {
        errors: eval.count(Severity::Error),
        blanks: crate::rules::missing::report(template, draft, eval),
    }
}

/// "Tuy Phước, ngày 05 tháng 9 năm 2024" from "05/09/2024" (State layout: days 01–09
/// and months 01–02 written with a leading zero); the date as typed when it does not
/// name a real day (the rules flag it, so the report stays a draft).
pub fn place_and_date(draft: &Draft) -> String {
    let m = &draft.meta;
    let date = match crate::rules::read_date(&m.date) {
        Ok((d, mo, y)) => format!("ngày {d:02} tháng {} năm {y}", month(mo)),
        // Room to write the date by hand, as on a printed form.
        Err(_) if m.date.trim().is_empty() => "ngày … tháng … năm …".to_string(),
        Err(_) => m.date.trim().to_string(),
    };
    let place = if m.place.trim().is_empty() {
        "…".to_string()
    } else {
        m.place.trim().to_string()
    };
    format!("{place}, {date}")
}

/// "(Kèm theo Báo cáo số 215/BC-UBND ngày 05 tháng 9 năm 2024 của UBND huyện Tuy Phước)".
pub fn attachment_line(draft: &Draft) -> String {
    let m = &draft.meta;
    let or_dots = |s: &str| {
        let s = s.trim();
        if s.is_empty() {
            "…".to_string()
        } else {
            s.to_string()
        }
    };
    let number = or_dots(&m.number);
    // Written out as in the document's own date line (Nghị định 30): «ngày 05
    // tháng 9 năm 2024».
    let date = match crate::rules::read_date(&m.date) {
        Ok((d, mo, y)) => format!("ngày {d:02} tháng {} năm {y}", month(mo)),
        Err(_) => format!("ngày {}", or_dots(&m.date)),
    };
    format!(
        "(Kèm theo Báo cáo số {number} {date} của {})",
        or_dots(&m.unit)
    )
}

/// A month as dates are written: 01 and 02 with a leading zero, the others without.
fn month(mo: u32) -> String {
    if mo <= 2 {
        format!("{mo:02}")
    } else {
        mo.to_string()
    }
}

/// The recipients as listed under "Nơi nhận:": "- Name;" and a full stop after the
/// last.
pub fn recipient_lines(draft: &Draft) -> Vec<String> {
    let list = &draft.meta.recipients;
    list.iter()
        .enumerate()
        .map(|(i, r)| {
            let r = r.trim().trim_end_matches([';', '.']);
            let end = if i + 1 == list.len() { "." } else { ";" };
            format!("- {r}{end}")
        })
        .collect()
}

/// An appendix's title lines as the report prints them: the outline's own, without
/// its "(Kèm theo Kế hoạch …)" line, which the report replaces with
/// [`attachment_line`].
pub fn appendix_title(table: &Table) -> impl Iterator<Item = &str> {
    table
        .title
        .iter()
        .map(String::as_str)
        .filter(|l| !l.trim_start().starts_with("(Kèm theo"))
}

/// Why an export was not written. Nothing at the path was changed.
#[derive(Debug)]
pub enum WriteError {
    /// The path holds something an export must not replace.
    Refused(std::path::PathBuf, target::Refusal),
    /// Writing failed.
    Save(SaveError),
}

/// Writes an export atomically, unless the path holds a draft or is not a regular
/// file ([`target::check`]).
pub fn write(path: &Path, bytes: &[u8]) -> Result<(), WriteError> {
    target::check(path).map_err(|why| WriteError::Refused(path.to_path_buf(), why))?;
    store::write_atomic(path, bytes, store::How::EXPORT).map_err(WriteError::Save)
}

/// The error text of a PDF export without LibreOffice; the interface puts it in words
/// ([`crate::i18n::export_failed`]).
pub const NO_LIBREOFFICE: &str = "no-libreoffice";

/// Choices of an export beyond its format.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Options {
    /// Markdown: the column at which prose is wrapped.
    pub width: usize,
}

impl Default for Options {
    fn default() -> Self {
        Options { width: 80 }
    }
}

/// The report in `format`, as bytes, with how ready it is (whether it went out
/// marked "DỰ THẢO", and why); an error says what could not be built.
pub fn render(
    format: Format,
    template: &Template,
    draft: &Draft,
    eval: &Evaluation,
) -> Result<(Vec<u8>, Readiness), String> {
    render_with(format, template, draft, eval, Options::default())
}

/// [`render`] with [`Options`].
pub fn render_with(
    format: Format,
    template: &Template,
    draft: &Draft,
    eval: &Evaluation,
    options: Options,
) -> Result<(Vec<u8>, Readiness), String> {
    let layout = layout::for_body(draft.meta.body)?;
    let ready = readiness(template, draft, eval);
    let mark = ready.is_draft();
    let bytes = match format {
        Format::Markdown => {
            markdown::render(template, draft, eval, &layout, mark, options.width).into_bytes()
        }
        Format::Docx => docx::render(template, draft, eval, &layout, mark)?,
        Format::Xlsx => xlsx::render(template, draft, eval, &layout, mark)?,
        Format::Pdf => {
            let docx = docx::render(template, draft, eval, &layout, mark)?;
            pdf::from_docx(&docx).map_err(|e| match e {
                pdf::PdfError::NoLibreOffice => NO_LIBREOFFICE.to_string(),
                other => other.to_string(),
            })?
        }
    };
    Ok((bytes, ready))
}

/// The file name suggested for an export: "bao-cao-huyen-tuy-phuoc.docx" from the
/// draft's name.
pub fn suggested_name(draft_name: &str, format: Format) -> String {
    format!("bao-cao-{draft_name}.{}", format.extension())
}

impl Format {
    /// The next format (or the previous one) in DOCX → XLSX → Markdown order.
    pub fn cycle(self, forward: bool) -> Format {
        const ORDER: [Format; 4] = [Format::Docx, Format::Pdf, Format::Xlsx, Format::Markdown];
        let i = ORDER.iter().position(|f| *f == self).unwrap_or(0);
        let n = ORDER.len();
        ORDER[if forward {
            (i + 1) % n
        } else {
            (i + n - 1) % n
        }]
    }

    /// Its name as shown.
    pub fn label(self) -> &'static str {
        match self {
            Format::Docx => "DOCX",
            Format::Xlsx => "XLSX",
            Format::Markdown => "Markdown",
            Format::Pdf => "PDF",
        }
    }

    /// The file extension.
    pub fn extension(self) -> &'static str {
        match self {
            Format::Markdown => "md",
            Format::Docx => "docx",
            Format::Xlsx => "xlsx",
            Format::Pdf => "pdf",
        }
    }
}
