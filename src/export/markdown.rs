//! The whole report as Markdown: heading block, the outline's sections with their
//! answers ("Không phát sinh" where marked), recipients and signature, then each
//! appendix as a table with its column numbers, group rows in bold and computed values.
//! Prose is wrapped at a width (80 columns unless asked), so that `less` on an 80-column
//! terminal reads it; tables are GitHub-flavoured, their columns padded to one width and
//! numbers aligned right, a multi-row header read as «group – column».

use std::fmt::Write as _;

use unicode_width::UnicodeWidthStr;

use super::layout::Layout;
use crate::draft::{BodyKind, Draft};
use crate::i18n::Lang;
use crate::report::cell_text;
use crate::rules::{Evaluation, RowKind};
use crate::template::{FieldKind, Template};

fn cell(text: &str) -> String {
    text.replace('|', "\\|").replace('\n', "<br>")
}

/// Wrapping at spaces only: «05-NQ/TU» and «2021–2025» are never cut.
fn wrap_options(width: usize) -> textwrap::Options<'static> {
    textwrap::Options::new(width.max(20))
        .break_words(false)
        .word_separator(textwrap::WordSeparator::AsciiSpace)
        .word_splitter(textwrap::WordSplitter::NoHyphenation)
}

/// A paragraph wrapped at `width`, then a blank line.
fn prose(out: &mut String, text: &str, width: usize) {
    let _ = writeln!(
        out,
        "{}\n",
        textwrap::fill(text.trim(), wrap_options(width))
    );
}

/// Each column's caption: the captions over it in the official header, top to bottom
/// («Số hồ sơ đã giải quyết – Trước hạn»), or the column's own.
fn captions(table: &crate::template::Table) -> Vec<String> {
    let placed = crate::template::header::place(table);
    (0..table.columns.len())
        .map(|c| {
            let mut over: Vec<&str> = placed
                .iter()
                .filter(|p| p.col <= c && c < p.col + p.cols)
                .map(|p| p.text)
                .collect();
            over.dedup();
            let joined = over
                .iter()
                .map(|t| t.split_whitespace().collect::<Vec<_>>().join(" "))
                .collect::<Vec<_>>()
                .join(" – ");
            if joined.is_empty() {
                table.columns[c].header.clone()
            } else {
                joined
            }
        })
        .collect()
}

/// A GFM table: every column padded to one width, numeric ones aligned right.
fn table_text(out: &mut String, rows: &[Vec<String>], numeric: &[bool]) {
    let n = numeric.len();
    let mut widths = vec![3usize; n];
    for row in rows {
        for (c, text) in row.iter().enumerate().take(n) {
            widths[c] = widths[c].max(text.width());
        }
    }
    let line = |out: &mut String, row: &[String]| {
        let cells: Vec<String> = (0..n)
            .map(|c| {
                let text = row.get(c).map_or("", String::as_str);
                let pad = " ".repeat(widths[c].saturating_sub(text.width()));
                if numeric[c] {
                    format!("{pad}{text}")
                } else {
                    format!("{text}{pad}")
                }
            })
            .collect();
        let _ = writeln!(out, "| {} |", cells.join(" | "));
    };
    let Some((head, body)) = rows.split_first() else {
        return;
    };
    line(out, head);
    let rule: Vec<String> = (0..n)
        .map(|c| {
            let dashes = "-".repeat(widths[c]);
            if numeric[c] {
                format!("{}:", &dashes[1..])
            } else {
                dashes
            }
        })
        .collect();
    let _ = writeln!(out, "| {} |", rule.join(" | "));
    for row in body {
        line(out, row);
    }
}

/// The report as Markdown.
/// `draft_mark`: the report is not final ([`super::Readiness`]).
pub fn render(
    t: &Template,
    d: &Draft,
    eval: &Evaluation,
    layout: &Layout,
    draft_mark: bool,
    width: usize,
) -> String {
    let mut out = String::new();
    let m = &d.meta;
    if draft_mark {
        out.push_str("**DỰ THẢO**\n\n");
    }
    match m.body {
        BodyKind::State => {
            let _ = writeln!(out, "{}  ", m.parent.to_uppercase());
            let _ = writeln!(out, "**{}**  ", m.unit.to_uppercase());
            let _ = writeln!(out, "{}\n", layout.number_line(&d.meta.number));
            out.push_str(
                "**CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM**  \n**Độc lập - Tự do - Hạnh phúc**\n\n",
            );
        }
        BodyKind::Party => {
            out.push_str("**ĐẢNG CỘNG SẢN VIỆT NAM**\n\n");
            let _ = writeln!(out, "{}  ", m.parent.to_uppercase());
            let _ = writeln!(out, "**{}**  ", m.unit.to_uppercase());
            out.push_str("\\*  \n");
            let _ = writeln!(out, "{}\n", layout.number_line(&d.meta.number));
        }
    }
    let _ = writeln!(out, "*{}*\n", super::place_and_date(d));
    out.push_str("# BÁO CÁO\n\n");
    prose(&mut out, &format!("**{}**", t.title.join(" ")), width);
    for (depth, s) in t.all_sections() {
        let hashes = "#".repeat(depth + 2);
        let _ = writeln!(out, "{hashes} {} {}\n", s.number, s.title);
        for f in &s.fields {
            let answer = d.answer(&s.id, &f.id);
            if f.kind != FieldKind::Text {
                if let Some(a) = answer.filter(|a| !a.text.trim().is_empty()) {
                    let item = format!("- {}: {} {}", f.title, a.text.trim(), f.unit);
                    let options = wrap_options(width).subsequent_indent("  ");
                    let _ = writeln!(out, "{}\n", textwrap::fill(item.trim_end(), options));
                }
                continue;
            }
            if !f.number.is_empty() {
                prose(&mut out, &format!("**{} {}**", f.number, f.title), width);
            }
            match answer {
                Some(a) if a.nothing_to_report => out.push_str("Không phát sinh.\n\n"),
                Some(a) if !a.text.trim().is_empty() => {
                    for para in a.text.trim().split('\n').filter(|p| !p.trim().is_empty()) {
                        prose(&mut out, para, width);
                    }
                }
                _ => out.push_str("…\n\n"),
            }
        }
    }
    out.push_str("**Nơi nhận:**\n\n");
    for r in super::recipient_lines(d) {
        let _ = writeln!(out, "{r}");
    }
    out.push('\n');
    for line in m.signer_title.lines() {
        let _ = writeln!(out, "**{}**  ", line.trim());
    }
    let _ = writeln!(out, "\n\n**{}**\n", m.signer);
    for (table, sheet) in t.tables.iter().zip(eval.sheets.iter()) {
        let _ = writeln!(out, "\n## PHỤ LỤC {}\n", table.number);
        let title: Vec<&str> = super::appendix_title(table).collect();
        prose(&mut out, &format!("**{}**", title.join(" ")), width);
        prose(&mut out, &format!("*{}*", super::attachment_line(d)), width);
        // The captions as a list above the table, the table headed by the column
        // numbers: long captions would make every column as wide as its caption.
        for (c, caption) in table.columns.iter().zip(captions(table)) {
            let item = format!("- ({}) {caption}", c.id);
            let options = wrap_options(width).subsequent_indent("  ");
            let _ = writeln!(out, "{}", textwrap::fill(&item, options));
        }
        out.push('\n');
        let mut rows: Vec<Vec<String>> = vec![
            table
                .columns
                .iter()
                .map(|c| format!("({})", c.id))
                .collect(),
        ];
        let numeric: Vec<bool> = table
            .columns
            .iter()
            .map(|c| c.kind.is_numeric() || c.kind == crate::template::ColumnKind::Derived)
            .collect();
        for row in &sheet.rows {
            let bold = matches!(
                row.kind,
                RowKind::Group { .. } | RowKind::Total | RowKind::Heading
            );
            let cells: Vec<String> = (0..table.columns.len())
                .map(|i| {
                    let text = cell(&cell_text(Lang::Vi, d, table, row, i));
                    if bold && !text.is_empty() {
                        format!("**{text}**")
                    } else {
                        text
                    }
                })
                .collect();
            rows.push(cells);
        }
        table_text(&mut out, &rows, &numeric);
        out.push('\n');
        for n in &table.notes {
            prose(&mut out, &format!("*{n}*"), width);
        }
    }
    // Read with `cat` or `less`: what the draft holds is shown, not obeyed.
    crate::visible::visible(&out).into_owned()
}
