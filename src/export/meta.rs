//! The side file for the document system (`--meta`): the document's identification as
//! Nghị định 30 lists it for an outgoing document — issuing body, number and symbol,
//! date, summary, page count, signer's title and name, recipients — as JSON beside
//! the export, so that the office's system takes it without re-typing.

use std::path::{Path, PathBuf};

use serde::Serialize;

use crate::draft::Draft;
use crate::template::Template;

/// What the side file says.
#[derive(Debug, Serialize)]
pub struct DocumentMeta {
    /// Tên cơ quan, tổ chức ban hành văn bản.
    pub issuing_body: String,
    /// Tên cơ quan, tổ chức chủ quản (may be empty).
    pub parent_body: String,
    /// Số, ký hiệu của văn bản ("215/BC-UBND").
    pub number_and_symbol: String,
    /// Ngày, tháng, năm ban hành, ISO 8601 ("2024-09-05"); as typed when it is not a date.
    pub date: String,
    /// Địa danh.
    pub place: String,
    /// Tên loại văn bản.
    pub kind: String,
    /// Trích yếu nội dung.
    pub summary: String,
    /// Số trang: known for a PDF (counted in it); null for the other formats, whose
    /// pages the reader lays out.
    pub pages: Option<usize>,
    /// Chức vụ của người ký, each line as printed ("KT. CHỦ TỊCH", "PHÓ CHỦ TỊCH").
    pub signer_title: Vec<String>,
    /// Họ tên người ký.
    pub signer: String,
    /// Nơi nhận.
    pub recipients: Vec<String>,
    /// The export this describes (its file name) and its format.
    pub file: String,
    /// "docx", "pdf", "xlsx" or "md".
    pub format: String,
    /// Still marked «DỰ THẢO» (errors or blanks remain).
    pub draft: bool,
}

/// The side file's path: `bao-cao.docx` → `bao-cao.meta.json`.
pub fn path_for(export: &Path) -> PathBuf {
    let stem = export
        .file_stem()
        .map(|s| s.to_string_lossy().into_owned())
        .unwrap_or_else(|| "bao-cao".into());
    export.with_file_name(format!("{stem}.meta.json"))
}

/// The pages of a PDF: its page objects (`/Type /Page`, not `/Pages`).
pub fn pdf_pages(pdf: &[u8]) -> usize {
    let text = String::from_utf8_lossy(pdf);
    text.match_indices("/Type")
        .filter(|(i, _)| {
            let rest = text[i + 5..].trim_start();
            rest.starts_with("/Page") && !rest.starts_with("/Pages")
        })
        .count()
}

/// The identification of `draft`'s document, exported to `file` as `format`.
pub fn describe(
    template: &Template,
    draft: &Draft,
    file: &Path,
    format: super::Format,
    bytes: &[u8],
    is_draft: bool,
) -> DocumentMeta {
    let m = &draft.meta;
    let date = match crate::rules::read_date(&m.date) {
        Ok((d, mo, y)) => format!("{y:04}-{mo:02}-{d:02}"),
        Err(_) => m.date.trim().to_string(),
    };
    DocumentMeta {
        issuing_body: m.unit.trim().to_string(),
        parent_body: m.parent.trim().to_string(),
        number_and_symbol: m.number.trim().to_string(),
        date,
        place: m.place.trim().to_string(),
        kind: "Báo cáo".into(),
        summary: template.title.join(" "),
        pages: (format == super::Format::Pdf).then(|| pdf_pages(bytes)),
        signer_title: m
            .signer_title
            .lines()
            .map(|l| l.trim().to_uppercase())
            .filter(|l| !l.is_empty())
            .collect(),
        signer: m.signer.trim().to_string(),
        recipients: m.recipients.iter().map(|r| r.trim().to_string()).collect(),
        file: file
            .file_name()
            .map(|f| f.to_string_lossy().into_owned())
            .unwrap_or_default(),
        format: format.extension().to_string(),
        draft: is_draft,
    }
}
