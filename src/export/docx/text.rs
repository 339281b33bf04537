//! Paragraph and run helpers of the DOCX export: alignment, sizes in points, the
//! short rules of the heading block, the sized PAGE field, and marking table header
//! rows to repeat on every page.

use docx_rs::{
    AlignmentType, BorderType, FieldCharType, InstrPAGE, InstrText, LineSpacing, LineSpacingType,
    Paragraph, ParagraphBorder, ParagraphBorderPosition, ParagraphBorders, Run, SpecialIndentType,
    Tab, TabValueType,
};

use crate::export::layout::Layout;

/// How a run is set.
#[derive(Debug, Clone, Copy)]
pub struct Face {
    /// Bold.
    pub bold: bool,
    /// Italic.
    pub italic: bool,
    /// Underlined.
    pub underline: bool,
}

impl Face {
    pub const PLAIN: Face = Face {
        bold: false,
        italic: false,
        underline: false,
    };
    pub const BOLD: Face = Face {
        bold: true,
        italic: false,
        underline: false,
    };
    pub const ITALIC: Face = Face {
        bold: false,
        italic: true,
        underline: false,
    };
    pub const BOLD_ITALIC: Face = Face {
        bold: true,
        italic: true,
        underline: false,
    };
}

/// Points to the half-points Word counts sizes in.
pub fn half_points(pt: f64) -> usize {
    (pt * 2.0).round() as usize
}

/// `text` without the control characters XML 1.0 forbids (a hand-edited draft can
/// hold them; docx-rs would write them and Word would refuse the file).
pub fn xml_safe(text: &str) -> String {
    text.chars()
        .filter(|&c| !matches!(c, '\u{0}'..='\u{8}' | '\u{b}' | '\u{c}' | '\u{e}'..='\u{1f}' | '\u{fffe}' | '\u{ffff}'))
        .collect()
}

/// A run of text (line breaks inside become breaks).
pub fn run(text: &str, pt: f64, face: Face) -> Run {
    let mut r = Run::new().size(half_points(pt));
    for (i, line) in xml_safe(text).split('\n').enumerate() {
        if i > 0 {
            r = r.add_break(docx_rs::BreakType::TextWrapping);
        }
        r = r.add_text(line);
    }
    if face.bold {
        r = r.bold();
    }
    if face.italic {
        r = r.italic();
    }
    if face.underline {
        r = r.underline("single");
    }
    r
}

/// A paragraph with single spacing and no space around it (heading block, tables).
pub fn para(align: AlignmentType) -> Paragraph {
    Paragraph::new().align(align).line_spacing(
        LineSpacing::new()
            .before(0)
            .after(0)
            .line(240)
            .line_rule(LineSpacingType::Auto),
    )
}

/// A body paragraph: justified, the profile's spacing, and a first-line indent when
/// `indent`.
pub fn body_para(layout: &Layout, indent: bool) -> Paragraph {
    let p = Paragraph::new().align(AlignmentType::Both).line_spacing(
        LineSpacing::new()
            .before(0)
            .after((layout.paragraph_after * 20.0).round() as u32)
            .line((layout.line_spacing * 240.0).round() as i32)
            .line_rule(LineSpacingType::Auto),
    );
    let first = (layout.first_line_indent * 1440.0 / 25.4).round() as i32;
    // No line of a paragraph alone at the foot or the head of a page.
    p.indent(None, Some(SpecialIndentType::FirstLine(first)), None, None)
        .keep_lines(!indent)
        .widow_control(true)
}

/// A short centred rule: an empty, tiny paragraph `share` of `width` twips wide with a
/// bottom border (docx-rs: `ParagraphBorders::with_empty().set(bottom)` draws one side).
pub fn rule(width: i32, share: f64) -> Paragraph {
    let side = ((f64::from(width) * (1.0 - share)) / 2.0).round() as i32;
    let mut p = Paragraph::new()
        .align(AlignmentType::Center)
        .indent(Some(side), None, Some(side), None)
        .line_spacing(
            // Clear of the text above, and a little room below.
            LineSpacing::new()
                .before(40)
                .after(80)
                .line(40)
                .line_rule(LineSpacingType::Exact),
        )
        .size(2);
    p.property = p.property.set_borders(
        ParagraphBorders::with_empty().set(
            ParagraphBorder::new(ParagraphBorderPosition::Bottom)
                .val(BorderType::Single)
                .size(6)
                .space(1)
                .color("000000"),
        ),
    );
    p
}

/// The header (or footer) line of a page `width` twips wide, at `pt` points: the
/// PAGE field at a centre tab (docx-rs's `PageNum` cannot be sized, so the field is built from its
/// runs) and `mark` at a right tab.
pub fn header_line(pt: f64, width: i32, number: bool, mark: Option<&str>) -> Paragraph {
    let sz = half_points(pt);
    let width = width.max(0) as usize;
    let mut p = para(AlignmentType::Left)
        .add_tab(Tab::new().val(TabValueType::Center).pos(width / 2))
        .add_tab(Tab::new().val(TabValueType::Right).pos(width))
        .add_run(Run::new().size(sz).add_tab());
    if number {
        p = p
            .add_run(
                Run::new()
                    .size(sz)
                    .add_field_char(FieldCharType::Begin, false),
            )
            .add_run(
                Run::new()
                    .size(sz)
                    .add_instr_text(InstrText::PAGE(InstrPAGE::new())),
            )
            .add_run(
                Run::new()
                    .size(sz)
                    .add_field_char(FieldCharType::Separate, false),
            )
            .add_run(Run::new().size(sz).add_text("1"))
            .add_run(
                Run::new()
                    .size(sz)
                    .add_field_char(FieldCharType::End, false),
            );
    }
    if let Some(mark) = mark {
        p = p
            .add_run(Run::new().size(sz).add_tab())
            .add_run(run(mark, pt, Face::BOLD));
    }
    p
}

/// The row-property mark that docx-rs writes for `TableRow::cant_split`: every row of
/// an appendix table has it (a row is never cut across pages), and no other table's.
const CANT_SPLIT: &[u8] = b"<w:cantSplit />";
const CANT_SPLIT_HEADER: &[u8] = b"<w:cantSplit /><w:tblHeader />";
const TABLE: &[u8] = b"<w:tbl>";

/// Marks the first `heads[i]` rows of the i-th appendix table to repeat on every page
/// (`<w:tblHeader/>` after their `<w:cantSplit/>`): docx-rs has no repeat-header option.
/// The first `skip` tables (the heading and signature blocks, whose one row can't be
/// split either) are left as they are.
pub fn repeat_header_rows(document: &[u8], skip: usize, heads: &[usize]) -> Vec<u8> {
    let mut out = Vec::with_capacity(document.len() + 1024);
    let mut heads = std::iter::repeat_n(0, skip).chain(heads.iter().copied());
    // Positions are absolute; each search starts where the last one ended, so the
    // whole document is read about once (a consolidated report is megabytes).
    let mut at = 0;
    let mut next_table = find_from(document, TABLE, 0);
    let mut next_row = find_from(document, CANT_SPLIT, 0);
    // Rows of the current appendix table still to mark.
    let mut left = 0;
    loop {
        match (next_row, next_table) {
            (Some(r), t) if t.is_none_or(|t| r < t) => {
                out.extend_from_slice(&document[at..r]);
                if left > 0 {
                    out.extend_from_slice(CANT_SPLIT_HEADER);
                    left -= 1;
                } else {
                    out.extend_from_slice(CANT_SPLIT);
                }
                at = r + CANT_SPLIT.len();
                next_row = find_from(document, CANT_SPLIT, at);
            }
            (_, Some(t)) => {
                let start = t + TABLE.len();
                left = heads.next().unwrap_or(0);
                next_table = find_from(document, TABLE, start);
            }
            _ => break,
        }
    }
    out.extend_from_slice(&document[at..]);
    out
}

/// The empty paragraphs that only carry a section break (to the landscape appendix
/// pages, between appendices) made one point high: at their usual 14 pt one that does
/// not fit at the foot of a full page opens a blank numbered page of its own.
pub fn tiny_section_breaks(document: &[u8]) -> Vec<u8> {
    const BREAK: &str = "<w:pPr><w:sectPr>";
    const TINY: &str = "<w:pPr><w:spacing w:before=\"0\" w:after=\"0\" w:line=\"20\" \
        w:lineRule=\"exact\" /><w:rPr><w:sz w:val=\"2\" /><w:szCs w:val=\"2\" /></w:rPr><w:sectPr>";
    let text = String::from_utf8_lossy(document);
    text.replace(BREAK, TINY).into_bytes()
}

/// styles.xml with `lang` as the document's language (spelling and hyphenation in
/// Vietnamese, not the reader's default).
pub fn language(styles: &[u8], lang: &str) -> Vec<u8> {
    let text = String::from_utf8_lossy(styles);
    text.replacen(
        "<w:rPrDefault><w:rPr>",
        &format!(
            "<w:rPrDefault><w:rPr><w:lang w:val=\"{lang}\" w:eastAsia=\"{lang}\" w:bidi=\"ar-SA\" />"
        ),
        1,
    )
    .into_bytes()
}

/// The first place of `needle` in `hay` at or after `from`.
fn find_from(hay: &[u8], needle: &[u8], from: usize) -> Option<usize> {
    hay.get(from..)
        .and_then(|h| h.windows(needle.len()).position(|w| w == needle))
        .map(|i| i + from)
}
