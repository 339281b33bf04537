//! The report as a Word document in the official layout: the heading block, "BÁO CÁO"
//! and its summary line, the outline's sections with their answers, recipients and the
//! signature block on portrait A4 pages numbered in the top margin from page 2; then
//! each appendix on landscape pages of its own. Every measure comes from the layout
//! profile chosen by the draft's State/Party metadata ([`super::layout`]).

mod appendix;
mod text;

use docx_rs::{
    AlignmentType, Docx, Footer, Header, PageMargin, PageNumType, PageOrientationType, Paragraph,
    RunFonts, Section, Table, TableCell, TableRow, VAlignType, WidthType,
};

use self::text::{Face, para, rule, run};
use super::layout::{HeaderKind, IssuerMark, Layout, Margins};
use super::metrics;
use crate::draft::Draft;
use crate::rules::Evaluation;
use crate::template::{FieldKind, Template};

/// A4 in twentieths of a point.
const A4_SHORT: u32 = 11_906;
const A4_LONG: u32 = 16_838;

/// Millimetres to twentieths of a point.
fn twips(mm: f64) -> i32 {
    (mm * 1440.0 / 25.4).round() as i32
}

/// What one section of the document holds, before it is placed.
enum Block {
    Paragraph(Box<Paragraph>),
    Table(Box<Table>),
}

impl Block {
    fn para(p: Paragraph) -> Block {
        Block::Paragraph(Box::new(p))
    }
}

/// A section of pages: its orientation, margins and contents.
struct Part {
    landscape: bool,
    margins: Margins,
    blocks: Vec<Block>,
}

impl Part {
    /// Text width in twips.
    fn width(&self) -> i32 {
        let page = if self.landscape { A4_LONG } else { A4_SHORT };
        page as i32 - twips(self.margins.left) - twips(self.margins.right)
    }
}

/// The report as DOCX bytes; `draft_mark` puts "DỰ THẢO" on page 1 and every header.
pub fn render(
    template: &Template,
    draft: &Draft,
    eval: &Evaluation,
    layout: &Layout,
    draft_mark: bool,
) -> Result<Vec<u8>, String> {
    let mut parts = vec![report(template, draft, draft_mark, layout)];
    let report_tables = parts[0]
        .blocks
        .iter()
        .filter(|b| matches!(b, Block::Table(_)))
        .count();
    for (table, sheet) in template.tables.iter().zip(eval.sheets.iter()) {
        let margins = layout.appendix_margins;
        let mut part = Part {
            landscape: true,
            margins,
            blocks: Vec::new(),
        };
        let width = part.width();
        part.blocks = appendix::blocks(table, sheet, draft, layout, width);
        parts.push(part);
    }
    let mut doc = Docx::new()
        .default_fonts(
            RunFonts::new()
                .ascii(&layout.font)
                .hi_ansi(&layout.font)
                .cs(&layout.font)
                .east_asia(&layout.font),
        )
        .default_size(text::half_points(layout.sizes.body));
    let last = parts.len() - 1;
    for (i, part) in parts.into_iter().enumerate() {
        let margin = PageMargin::new()
            .top(twips(part.margins.top))
            .bottom(twips(part.margins.bottom))
            .left(twips(part.margins.left))
            .right(twips(part.margins.right))
            .header(twips(part.margins.top / 2.0))
            .footer(twips(part.margins.bottom / 2.0));
        let (w, h, orient) = if part.landscape {
            (A4_LONG, A4_SHORT, PageOrientationType::Landscape)
        } else {
            (A4_SHORT, A4_LONG, PageOrientationType::Portrait)
        };
        // The report numbers its pages from 1 and leaves the first unnumbered (a
        // "title page" without a first-page header); appendices go on counting, or
        // start again, as the profile says. (docx-rs takes the last section's
        // settings on the document itself, hence two branches below.)
        let restart = i == 0 || layout.page_numbers.restart_in_appendices;
        let title_pg = restart && !layout.page_numbers.on_first_page;
        let (header, footer) = page_furniture(
            layout,
            part.width(),
            draft_mark.then_some(&layout.draft_mark),
        );
        if i < last {
            let mut s = Section::new()
                .page_size(docx_rs::PageSize::new().size(w, h).orient(orient))
                .page_margin(margin)
                .header(header)
                .footer(footer);
            if restart {
                s = s.page_num_type(PageNumType::new().start(1));
            }
            if title_pg {
                s = s.title_pg();
            }
            for b in part.blocks {
                s = match b {
                    Block::Paragraph(p) => s.add_paragraph(*p),
                    Block::Table(t) => s.add_table(*t),
                };
            }
            doc = doc.add_section(s);
        } else {
            doc = doc
                .page_size(w, h)
                .page_orient(orient)
                .page_margin(margin)
                .header(header)
                .footer(footer);
            if restart {
                doc = doc.page_num_type(PageNumType::new().start(1));
            }
            if title_pg {
                doc = doc.title_pg();
            }
            for b in part.blocks {
                doc = match b {
                    Block::Paragraph(p) => doc.add_paragraph(*p),
                    Block::Table(t) => doc.add_table(*t),
                };
            }
        }
    }
    // The official header rows and the row of column numbers repeat.
    let heads: Vec<usize> = template.tables.iter().map(|t| t.header.len() + 1).collect();
    // The report's own tables (heading and signature blocks) come first.
    let skip = report_tables;
    let props = Props {
        title: template.title.join(" "),
        author: draft.meta.unit.trim().to_string(),
        at: crate::draft::utc_now(jiff::Unit::Second),
    };
    pack(doc, skip, &heads, &props)
}

/// The document's core properties: the summary line as its title, the issuing body
/// as its author, the time of the export (docx-rs writes 1970 and "unknown").
struct Props {
    title: String,
    author: String,
    at: String,
}

/// The page header and footer of a section `width` twips wide: the page number
/// centred in the top margin or, as the profile says, in the bottom one; and, while
/// errors remain, the draft mark at the right of the header, so that every printed
/// page says it is a draft.
fn page_furniture(layout: &Layout, width: i32, mark: Option<&String>) -> (Header, Footer) {
    let pt = layout.sizes.page_number;
    let mark = mark.map(String::as_str);
    let on_top = layout.page_numbers.centred_in_top_margin;
    let mut header = Header::new();
    if on_top || mark.is_some() {
        header = header.add_paragraph(text::header_line(pt, width, on_top, mark));
    }
    let mut footer = Footer::new();
    if !on_top {
        footer = footer.add_paragraph(text::header_line(pt, width, true, None));
    }
    (header, footer)
}

/// Builds the package; header rows of appendix tables are marked to repeat on every
/// page (docx-rs has no switch for `w:tblHeader`; see [`text::repeat_header_rows`]).
fn pack(doc: Docx, skip: usize, heads: &[usize], props: &Props) -> Result<Vec<u8>, String> {
    let mut xml = doc.build();
    xml.document = text::repeat_header_rows(&xml.document, skip, heads);
    xml.document = text::tiny_section_breaks(&xml.document);
    xml.styles = text::language(&xml.styles, "vi-VN");
    let mut stored = std::io::Cursor::new(Vec::new());
    xml.pack(&mut stored).map_err(|e| e.to_string())?;
    deflate(stored.get_ref(), props).map_err(|e| e.to_string())
}

/// docx-rs stores its parts uncompressed; a consolidated report would be tens of
/// megabytes that way. Repacks every part deflated, in the same order, naming the
/// reporting unit as the document's author (docx-rs writes "unknown" and has no
/// setter).
fn deflate(stored: &[u8], props: &Props) -> zip::result::ZipResult<Vec<u8>> {
    use std::io::{Cursor, Read, Write};
    let mut input = zip::ZipArchive::new(Cursor::new(stored))?;
    let mut output = zip::ZipWriter::new(Cursor::new(Vec::with_capacity(stored.len() / 4)));
    let options = zip::write::SimpleFileOptions::default()
        .compression_method(zip::CompressionMethod::Deflated);
    let mut buf = Vec::new();
    for i in 0..input.len() {
        let mut part = input.by_index(i)?;
        let name = part.name()?.to_string();
        if part.is_dir() {
            output.add_directory(name, options)?;
            continue;
        }
        buf.clear();
        part.read_to_end(&mut buf)?;
        if name == "docProps/core.xml" {
            buf = core_props(&buf, props);
        }
        output.start_file(name, options)?;
        output.write_all(&buf)?;
    }
    Ok(output.finish()?.into_inner())
}

/// docProps/core.xml with the document's title, author, language and time.
fn core_props(core: &[u8], props: &Props) -> Vec<u8> {
    let escape = |s: &str| {
        text::xml_safe(s)
            .replace('&', "&amp;")
            .replace('<', "&lt;")
            .replace('>', "&gt;")
    };
    let (author, title) = (escape(&props.author), escape(&props.title));
    let epoch = "1970-01-01T00:00:00Z";
    String::from_utf8_lossy(core)
        .replace(
            "<dc:creator>unknown</dc:creator>",
            &format!("<dc:creator>{author}</dc:creator>"),
        )
        .replace(
            "<cp:lastModifiedBy>unknown</cp:lastModifiedBy>",
            &format!("<cp:lastModifiedBy>{author}</cp:lastModifiedBy>"),
        )
        .replace(epoch, &props.at)
        .replace(
            "</cp:coreProperties>",
            &format!(
                "<dc:title>{title}</dc:title><dc:language>vi-VN</dc:language></cp:coreProperties>"
            ),
        )
        .into_bytes()
}

/// The portrait part: heading block, title, sections, recipients and signature.
fn report(template: &Template, draft: &Draft, draft_mark: bool, layout: &Layout) -> Part {
    let mut part = Part {
        landscape: false,
        margins: layout.margins,
        blocks: Vec::new(),
    };
    let width = part.width();
    let sz = &layout.sizes;
    let mut blocks = Vec::new();
    if draft_mark {
        blocks.push(Block::para(para(AlignmentType::Right).add_run(run(
            &layout.draft_mark,
            sz.body,
            Face::BOLD,
        ))));
    }
    blocks.push(Block::Table(Box::new(heading_block(draft, layout, width))));
    blocks.push(Block::para(para(AlignmentType::Center).add_run(run(
        "",
        sz.body,
        Face::PLAIN,
    ))));
    blocks.push(Block::para(para(AlignmentType::Center).add_run(run(
        "BÁO CÁO",
        sz.title,
        Face::BOLD,
    ))));
    for line in &template.title {
        // Should a line still not fit, its last two words wrap together: never one
        // word alone on the last line.
        let line = match line.trim().rsplit_once(' ') {
            Some((head, last)) => format!("{head}\u{a0}{last}"),
            None => line.trim().to_string(),
        };
        blocks.push(Block::para(
            para(AlignmentType::Center)
                .keep_next(true)
                .add_run(run(&line, sz.summary, Face::BOLD)),
        ));
    }
    // Under the summary line: the profile's share of its longest line.
    let longest = template
        .title
        .iter()
        .map(|l| metrics::width_pt(l, sz.summary, true))
        .fold(0.0, f64::max);
    blocks.push(Block::para(rule(
        width,
        share(width, longest, layout.rules.summary),
    )));
    body(template, draft, layout, &mut blocks);
    // The signature block never stands alone on a page: the last paragraph of the
    // text goes with it, whole.
    if let Some(Block::Paragraph(p)) = blocks.last_mut() {
        let last = std::mem::take(&mut **p);
        **p = last.keep_next(true).keep_lines(true);
    }
    blocks.push(Block::Table(Box::new(closing_block(draft, layout, width))));
    part.blocks = blocks;
    part
}

/// The sections in the outline's numbering, with their answers.
fn body(template: &Template, draft: &Draft, layout: &Layout, blocks: &mut Vec<Block>) {
    let sz = layout.sizes.body;
    for (depth, s) in template.all_sections() {
        let heading = format!("{} {}", s.number, s.title);
        // I. and 1. in bold; deeper headings (a), b)) in bold italic.
        let style = if depth < 2 {
            Face::BOLD
        } else {
            Face::BOLD_ITALIC
        };
        blocks.push(Block::para(
            text::body_para(layout, false)
                .keep_next(true)
                .add_run(run(&heading, sz, style)),
        ));
        for f in &s.fields {
            let answer = draft.answer(&s.id, &f.id);
            if f.kind != FieldKind::Text {
                let value = answer.map(|a| a.text.trim()).unwrap_or("");
                let value = if value.is_empty() { "…" } else { value };
                let line = format!("- {}: {value} {}", f.title, f.unit);
                blocks.push(Block::para(text::body_para(layout, true).add_run(run(
                    line.trim_end(),
                    sz,
                    Face::PLAIN,
                ))));
                continue;
            }
            if !f.number.is_empty() {
                let label = format!("{} {}", f.number, f.title);
                // «1.» items are headings of the «1.» level (bold, as V.1 and V.2
                // are printed); lettered «a)» items are set in italic.
                let face = if f.number.starts_with(|c: char| c.is_ascii_digit()) {
                    Face::BOLD
                } else {
                    Face::ITALIC
                };
                blocks.push(Block::para(
                    text::body_para(layout, true)
                        .keep_next(true)
                        .add_run(run(&label, sz, face)),
                ));
            }
            let paragraphs: Vec<&str> = match answer {
                Some(a) if a.nothing_to_report => vec!["Không phát sinh."],
                Some(a) if !a.text.trim().is_empty() => a
                    .text
                    .split('\n')
                    .map(str::trim)
                    .filter(|p| !p.is_empty())
                    .collect(),
                _ => vec!["…"],
            };
            for p in paragraphs {
                blocks.push(Block::para(text::body_para(layout, true).add_run(run(
                    p,
                    sz,
                    Face::PLAIN,
                ))));
            }
        }
    }
}

/// The share of a column `column` twips wide that a rule takes: `fraction` of a text
/// `text_pt` points wide (a text wider than the column wraps: the column then).
fn share(column: i32, text_pt: f64, fraction: f64) -> f64 {
    let column = f64::from(column.max(1));
    (text_pt * 20.0 * fraction).min(column) / column
}

/// A borderless table of two columns, `left` share of `width` on the left.
fn two_columns(width: i32, left: f64, l: Vec<Paragraph>, r: Vec<Paragraph>) -> Table {
    let lw = (f64::from(width) * left).round() as usize;
    let rw = width as usize - lw;
    let cell = |w: usize, ps: Vec<Paragraph>| {
        ps.into_iter()
            .fold(TableCell::new(), TableCell::add_paragraph)
            .width(w, WidthType::Dxa)
            .vertical_align(VAlignType::Top)
            .clear_all_border()
    };
    // One row that never splits: the heading block, and «Nơi nhận» with the signature
    // (title, room for signature and seal, name) stay on one page. No cell padding,
    // so that the text of both columns starts at the text margin.
    Table::without_borders(vec![
        TableRow::new(vec![cell(lw, l), cell(rw, r)]).cant_split(),
    ])
    .set_grid(vec![lw, rw])
    .width(width as usize, WidthType::Dxa)
    .margins(docx_rs::TableCellMargins::new().margin(0, 0, 0, 0))
    .indent(0)
    .layout(docx_rs::TableLayoutType::Fixed)
}

/// Parent body, issuing body, number (left); motto or Party name, place and date
/// (right).
fn heading_block(draft: &Draft, layout: &Layout, width: i32) -> Table {
    let m = &draft.meta;
    let sz = &layout.sizes;
    let lw = f64::from(width) * layout.heading_left;
    let rw = f64::from(width) - lw;
    let mut left = Vec::new();
    if !m.parent.trim().is_empty() {
        left.push(para(AlignmentType::Center).add_run(run(
            &m.parent.to_uppercase(),
            sz.parent,
            Face::PLAIN,
        )));
    }
    let issuer = m.unit.to_uppercase();
    left.push(para(AlignmentType::Center).add_run(run(&issuer, sz.issuer, Face::BOLD)));
    match layout.issuer_mark {
        IssuerMark::Rule => {
            let text = metrics::width_pt(issuer.trim(), sz.issuer, true);
            left.push(rule(lw as i32, share(lw as i32, text, layout.rules.issuer)));
        }
        IssuerMark::Star => {
            left.push(para(AlignmentType::Center).add_run(run("*", sz.issuer, Face::PLAIN)))
        }
    }
    left.push(para(AlignmentType::Center).add_run(run(
        &layout.number_line(&m.number),
        sz.number,
        Face::PLAIN,
    )));
    let mut right = Vec::new();
    match layout.header {
        HeaderKind::NationalMotto => {
            right.push(para(AlignmentType::Center).add_run(run(
                "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM",
                sz.motto_top,
                Face::BOLD,
            )));
            let motto = "Độc lập - Tự do - Hạnh phúc";
            right.push(para(AlignmentType::Center).add_run(run(motto, sz.motto, Face::BOLD)));
            let text = metrics::width_pt(motto, sz.motto, true);
            right.push(rule(rw as i32, share(rw as i32, text, layout.rules.motto)));
        }
        HeaderKind::Party => {
            let party = "ĐẢNG CỘNG SẢN VIỆT NAM";
            right.push(para(AlignmentType::Center).add_run(run(party, sz.motto_top, Face::BOLD)));
            let text = metrics::width_pt(party, sz.motto_top, true);
            right.push(rule(rw as i32, share(rw as i32, text, layout.rules.motto)));
        }
    }
    right.push(para(AlignmentType::Center).add_run(run(
        &super::place_and_date(draft),
        sz.date,
        Face::ITALIC,
    )));
    two_columns(width, layout.heading_left, left, right)
}

/// "Nơi nhận:" and the list (left); the signer's title, room for signature and seal,
/// and the name (right).
fn closing_block(draft: &Draft, layout: &Layout, width: i32) -> Table {
    let m = &draft.meta;
    let sz = &layout.sizes;
    let label = &layout.recipients_label;
    let face = Face {
        bold: label.bold,
        italic: label.italic,
        underline: label.underline,
    };
    // The profile's space above both columns, under the last line of text.
    let first = |align| {
        para(align).line_spacing(
            docx_rs::LineSpacing::new()
                .before((layout.closing_before * 20.0).round() as u32)
                .after(0)
                .line(240)
                .line_rule(docx_rs::LineSpacingType::Auto),
        )
    };
    let mut left =
        vec![first(AlignmentType::Left).add_run(run("Nơi nhận:", sz.recipients_label, face))];
    for line in super::recipient_lines(draft) {
        left.push(para(AlignmentType::Left).add_run(run(&line, sz.recipients, Face::PLAIN)));
    }
    let mut right: Vec<Paragraph> = m
        .signer_title
        .lines()
        .map(str::trim)
        .filter(|l| !l.is_empty())
        .enumerate()
        .map(|(i, l)| {
            let p = if i == 0 {
                first(AlignmentType::Center)
            } else {
                para(AlignmentType::Center)
            };
            p.add_run(run(&l.to_uppercase(), sz.signature, Face::BOLD))
        })
        .collect();
    // Room for the signature and the seal.
    for _ in 0..4 {
        right.push(para(AlignmentType::Center).add_run(run("", sz.signature, Face::PLAIN)));
    }
    right.push(para(AlignmentType::Center).add_run(run(m.signer.trim(), sz.signature, Face::BOLD)));
    two_columns(width, 0.5, left, right)
}

#[cfg(test)]
mod tests {
    #![allow(clippy::unwrap_used)]
    use std::io::Read;

    use super::*;
    use crate::draft::{BodyKind, Meta};

    fn parts(bytes: &[u8]) -> Vec<(String, String)> {
        let mut zip = zip::ZipArchive::new(std::io::Cursor::new(bytes)).unwrap();
        (0..zip.len())
            .map(|i| {
                let mut f = zip.by_index(i).unwrap();
                let mut s = String::new();
                if f.is_file() {
                    f.read_to_string(&mut s).unwrap();
                }
                (f.name().unwrap().to_string(), s)
            })
            .collect()
    }

    #[test]
    fn a_profile_with_numbers_at_the_bottom_puts_them_in_the_footer() {
        let t = Template::builtin().unwrap();
        let d = Draft::new(&t, Meta::default());
        let eval = crate::rules::evaluate(&t, &d);
        let mut layout = crate::export::layout::for_body(BodyKind::State).unwrap();
        let with_page = |bytes: &[u8], prefix: &str| {
            parts(bytes)
                .iter()
                .filter(|(n, x)| n.starts_with(prefix) && x.contains("PAGE"))
                .count()
        };
        let top = render(&t, &d, &eval, &layout, false).unwrap();
        assert!(with_page(&top, "word/header") > 0);
        assert_eq!(with_page(&top, "word/footer"), 0);
        layout.page_numbers.centred_in_top_margin = false;
        let bottom = render(&t, &d, &eval, &layout, false).unwrap();
        assert_eq!(with_page(&bottom, "word/header"), 0);
        assert!(with_page(&bottom, "word/footer") > 0);
    }
}
