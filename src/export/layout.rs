//! The document layouts of the DOCX export as data: one profile per kind of issuing
//! body (State: Nghị định 30/2020/NĐ-CP; Party: Hướng dẫn 36-HD/VPTW), read from the
//! embedded `layouts.ron`. The exporter takes every margin, size and wording choice
//! from the profile, so a changed rule is a changed value, not a new code path.

use serde::Deserialize;

use crate::draft::BodyKind;

/// The embedded profiles.
const LAYOUTS_RON: &str = include_str!("layouts.ron");

/// A document layout.
#[derive(Debug, Clone, Deserialize, PartialEq)]
#[serde(deny_unknown_fields)]
pub struct Layout {
    /// Which issuing bodies use it.
    pub body: BodyKind,
    /// The regulation it follows, for the reader of the profile.
    pub source: String,
    /// The document's font.
    pub font: String,
    /// Page margins of the portrait pages, in mm.
    pub margins: Margins,
    /// Page margins of the landscape appendix pages, in mm.
    pub appendix_margins: Margins,
    /// What heads the right column of the heading block.
    pub header: HeaderKind,
    /// What stands under the issuing body's name.
    pub issuer_mark: IssuerMark,
    /// Written before the document number: "Số: " or "Số ".
    pub number_prefix: String,
    /// Font sizes in points.
    pub sizes: Sizes,
    /// First-line indent of body paragraphs, in mm.
    pub first_line_indent: f64,
    /// Space after a body paragraph, in points.
    pub paragraph_after: f64,
    /// Line spacing as a multiple of single.
    pub line_spacing: f64,
    /// Share of the text width taken by the heading block's left column.
    pub heading_left: f64,
    /// Where page numbers go.
    pub page_numbers: PageNumbers,
    /// How "Nơi nhận:" is set.
    pub recipients_label: LabelStyle,
    /// Space above «Nơi nhận» and the signer's title, under the last line of text, in
    /// points.
    pub closing_before: f64,
    /// How long each rule is, as a share of the width of the text above it.
    pub rules: RuleLengths,
    /// "PHỤ LỤC".
    pub appendix_label: String,
    /// The mark on a document that still has errors.
    pub draft_mark: String,
}

/// The rules of the heading block and under the summary line, each as a share of the
/// text it stands under (measured in the document's font).
#[derive(Debug, Clone, Copy, Deserialize, PartialEq)]
#[serde(deny_unknown_fields)]
pub struct RuleLengths {
    /// Under the issuing body.
    pub issuer: f64,
    /// Under the motto «Độc lập - Tự do - Hạnh phúc», or under «ĐẢNG CỘNG SẢN VIỆT
    /// NAM».
    pub motto: f64,
    /// Under the summary line (its longest line).
    pub summary: f64,
}

/// Page margins in millimetres.
#[derive(Debug, Clone, Copy, Deserialize, PartialEq)]
#[serde(deny_unknown_fields)]
pub struct Margins {
    /// Top.
    pub top: f64,
    /// Bottom.
    pub bottom: f64,
    /// Left.
    pub left: f64,
    /// Right.
    pub right: f64,
}

/// The right column of the heading block.
#[derive(Debug, Clone, Copy, Deserialize, PartialEq, Eq)]
pub enum HeaderKind {
    /// "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM" / "Độc lập - Tự do - Hạnh phúc".
    NationalMotto,
    /// "ĐẢNG CỘNG SẢN VIỆT NAM".
    Party,
}

/// What stands under the issuing body's name.
#[derive(Debug, Clone, Copy, Deserialize, PartialEq, Eq)]
pub enum IssuerMark {
    /// A short rule.
    Rule,
    /// A "*".
    Star,
}

/// Font sizes in points.
#[derive(Debug, Clone, Copy, Deserialize, PartialEq)]
#[serde(deny_unknown_fields)]
pub struct Sizes {
    /// The parent body.
    pub parent: f64,
    /// The issuing body.
    pub issuer: f64,
    /// The number and symbol.
    pub number: f64,
    /// "CỘNG HÒA …" or "ĐẢNG CỘNG SẢN VIỆT NAM".
    pub motto_top: f64,
    /// "Độc lập - Tự do - Hạnh phúc".
    pub motto: f64,
    /// Place and date.
    pub date: f64,
    /// "BÁO CÁO".
    pub title: f64,
    /// The summary line.
    pub summary: f64,
    /// Body text and headings.
    pub body: f64,
    /// Page numbers.
    pub page_number: f64,
    /// "Nơi nhận:".
    pub recipients_label: f64,
    /// The list of recipients.
    pub recipients: f64,
    /// The signature block.
    pub signature: f64,
    /// Appendix table cells.
    pub table: f64,
    /// Appendix table headers.
    pub table_header: f64,
}

/// How a label is set.
#[derive(Debug, Clone, Copy, Deserialize, PartialEq, Eq)]
#[serde(deny_unknown_fields)]
pub struct LabelStyle {
    /// Bold.
    pub bold: bool,
    /// Italic.
    pub italic: bool,
    /// Underlined.
    pub underline: bool,
}

/// Where page numbers go.
#[derive(Debug, Clone, Copy, Deserialize, PartialEq, Eq)]
#[serde(deny_unknown_fields)]
pub struct PageNumbers {
    /// Centred in the top margin (else centred in the bottom margin).
    pub centred_in_top_margin: bool,
    /// Whether the first page shows its number.
    pub on_first_page: bool,
    /// Whether each appendix numbers its pages from 1 again (else they go on from
    /// the report's).
    pub restart_in_appendices: bool,
}

/// Every profile; an error names the line and column when the data is broken (only
/// possible in a development build, as the data is embedded and tested).
pub fn all() -> Result<Vec<Layout>, ron::error::SpannedError> {
    ron::from_str(LAYOUTS_RON)
}

/// The profile for a kind of issuing body.
pub fn for_body(body: BodyKind) -> Result<Layout, String> {
    let layouts = all().map_err(|e| format!("layouts.ron {}: {}", e.span.start, e.code))?;
    layouts
        .into_iter()
        .find(|l| l.body == body)
        .ok_or_else(|| format!("layouts.ron: no layout for {body:?}"))
}

impl Layout {
    /// "Số: 215/BC-UBND" (State) or "Số 127-BC/HU" (Party); "…" for a number not yet
    /// given.
    pub fn number_line(&self, number: &str) -> String {
        let n = number.trim();
        let n = if n.is_empty() { "…" } else { n };
        format!("{}{n}", self.number_prefix)
    }
}

#[cfg(test)]
mod tests {
    #![allow(clippy::unwrap_used)]
    use super::*;

    #[test]
    fn every_body_has_exactly_one_profile_within_the_prescribed_ranges() {
        let all = all().unwrap();
        for body in [BodyKind::State, BodyKind::Party] {
            assert_eq!(all.iter().filter(|l| l.body == body).count(), 1);
        }
        let state = for_body(BodyKind::State).unwrap();
        // Nghị định 30/2020: top/bottom 20–25, left 30–35, right 15–20 mm; body 13–14.
        assert!((20.0..=25.0).contains(&state.margins.top));
        assert!((20.0..=25.0).contains(&state.margins.bottom));
        assert!((30.0..=35.0).contains(&state.margins.left));
        assert!((15.0..=20.0).contains(&state.margins.right));
        assert!((13.0..=14.0).contains(&state.sizes.body));
        assert_eq!(state.number_line("215/BC-UBND"), "Số: 215/BC-UBND");
        let party = for_body(BodyKind::Party).unwrap();
        assert_eq!(party.header, HeaderKind::Party);
        assert_eq!(party.issuer_mark, IssuerMark::Star);
        assert_eq!(party.number_line("127-BC/HU"), "Số 127-BC/HU");
        assert_eq!(party.number_line(" "), "Số …");
    }
}
