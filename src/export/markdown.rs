//! The whole report as Markdown: heading block, the outline's sections with their
//! answers ("Không phát sinh" where marked), recipients and signature, then each
//! appendix as a table with its column numbers, group rows in bold and computed values.

use std::fmt::Write as _;

use super::layout::Layout;
use crate::draft::{BodyKind, Draft};
use crate::i18n::Lang;
use crate::report::cell_text;
use crate::rules::{Evaluation, RowKind};
use crate::template::{FieldKind, Template};

fn cell(text: &str) -> String {
    text.replace('|', "\\|").replace('\n', "<br>")
}

/// The report as Markdown.
/// `draft_mark`: the report is not final ([`super::Readiness`]).
pub fn render(
    t: &Template,
    d: &Draft,
    eval: &Evaluation,
    layout: &Layout,
    draft_mark: bool,
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
    for line in &t.title {
        let _ = writeln!(out, "**{line}**\n");
    }
    for (depth, s) in t.all_sections() {
        let hashes = "#".repeat(depth + 2);
        let _ = writeln!(out, "{hashes} {} {}\n", s.number, s.title);
        for f in &s.fields {
            let answer = d.answer(&s.id, &f.id);
            if f.kind != FieldKind::Text {
                if let Some(a) = answer.filter(|a| !a.text.trim().is_empty()) {
                    let _ = writeln!(out, "- {}: {} {}\n", f.title, a.text.trim(), f.unit);
                }
                continue;
            }
            if !f.number.is_empty() {
                let _ = writeln!(out, "**{} {}**\n", f.number, f.title);
            }
            match answer {
                Some(a) if a.nothing_to_report => out.push_str("Không phát sinh.\n\n"),
                Some(a) if !a.text.trim().is_empty() => {
                    for para in a.text.trim().split('\n').filter(|p| !p.trim().is_empty()) {
                        let _ = writeln!(out, "{}\n", para.trim());
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
        for line in super::appendix_title(table) {
            let _ = writeln!(out, "**{line}**  ");
        }
        let _ = writeln!(out, "*{}*", super::attachment_line(d));
        out.push('\n');
        let heads: Vec<String> = table.columns.iter().map(|c| cell(&c.header)).collect();
        let _ = writeln!(out, "| {} |", heads.join(" | "));
        let _ = writeln!(out, "|{}|", vec!["---"; table.columns.len()].join("|"));
        let numbers: Vec<String> = table
            .columns
            .iter()
            .map(|c| format!("({})", c.id))
            .collect();
        let _ = writeln!(out, "| {} |", numbers.join(" | "));
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
            let _ = writeln!(out, "| {} |", cells.join(" | "));
        }
        for n in &table.notes {
            let _ = writeln!(out, "\n*{n}*");
        }
    }
    // Read with `cat` or `less`: what the draft holds is shown, not obeyed.
    crate::visible::visible(&out).into_owned()
}
