#![allow(clippy::unwrap_used, clippy::expect_used)]
//! Issue 12, point 5: the Markdown export reads at 80 columns and is valid
//! GitHub-flavoured Markdown. A real Markdown parser (pulldown-cmark) reads it back:
//! its tables hold the program's own values cell for cell, numeric columns are aligned
//! right, and prose is wrapped at the width asked for (80, or `--width N`).

use std::fs;

use baocao::i18n::Lang;
use baocao::report::cell_text;
use baocao::template::Template;
use pulldown_cmark::{Alignment, Event, Options, Parser, Tag, TagEnd};
use unicode_width::UnicodeWidthStr;

mod common;
use common::{baocao, sample};

/// Each table: its column alignments and its rows of cell texts.
fn tables(md: &str) -> Vec<(Vec<Alignment>, Vec<Vec<String>>)> {
    let mut out = Vec::new();
    let mut row: Vec<String> = Vec::new();
    let mut cell: Option<String> = None;
    for ev in Parser::new_ext(md, Options::ENABLE_TABLES) {
        match ev {
            Event::Start(Tag::Table(al)) => out.push((al, Vec::new())),
            Event::Start(Tag::TableCell) => cell = Some(String::new()),
            Event::End(TagEnd::TableCell) => row.push(cell.take().unwrap_or_default()),
            Event::End(TagEnd::TableHead | TagEnd::TableRow) => {
                if let Some((_, rows)) = out.last_mut() {
                    rows.push(std::mem::take(&mut row));
                }
            }
            Event::Text(t) | Event::Code(t) => {
                if let Some(c) = cell.as_mut() {
                    c.push_str(&t);
                }
            }
            _ => {}
        }
    }
    out
}

fn export(width: Option<&str>) -> String {
    let dir = tempfile::tempdir().unwrap();
    let out = dir.path().join("bao-cao.md");
    let mut cmd = baocao(dir.path());
    cmd.args(["export"])
        .arg(sample("huyen-tuy-phuoc.ron"))
        .arg("--to")
        .arg(&out);
    if let Some(w) = width {
        cmd.args(["--width", w]);
    }
    cmd.assert().success();
    fs::read_to_string(&out).unwrap()
}

/// The prose lines: not table rows, not headings (a Markdown heading is one line).
fn prose_lines(md: &str) -> impl Iterator<Item = &str> {
    md.lines()
        .filter(|l| !l.starts_with('|') && !l.starts_with('#'))
}

#[test]
fn tables_hold_the_programs_values_aligned_and_prose_reads_at_80_columns() {
    let md = export(None);
    let over: Vec<&str> = prose_lines(&md).filter(|l| l.width() > 80).collect();
    assert!(over.is_empty(), "prose lines over 80 columns: {over:#?}");

    let t = Template::builtin().unwrap();
    let d = baocao::store::load(&sample("huyen-tuy-phuoc.ron"), &[&t]).unwrap();
    let eval = baocao::rules::evaluate(&t, &d);
    let found = tables(&md);
    assert_eq!(found.len(), t.tables.len(), "one table per appendix");
    for ((table, sheet), (align, rows)) in t.tables.iter().zip(eval.sheets.iter()).zip(&found) {
        // Headed by the column numbers, then one row per row of the program's sheet.
        let numbers: Vec<String> = table
            .columns
            .iter()
            .map(|c| format!("({})", c.id))
            .collect();
        assert_eq!(rows[0], numbers, "{}", table.id);
        assert_eq!(rows.len() - 1, sheet.rows.len(), "{}", table.id);
        for (r, row) in sheet.rows.iter().enumerate() {
            for (c, got) in rows[r + 1].iter().enumerate() {
                let want = cell_text(Lang::Vi, &d, table, row, c).replace('\n', "");
                assert_eq!(got.trim(), want.trim(), "{} row {r} column {c}", table.id);
            }
            assert_eq!(
                rows[r + 1].len(),
                table.columns.len(),
                "{} row {r}",
                table.id
            );
        }
        for (c, col) in table.columns.iter().enumerate() {
            if col.kind.is_numeric() {
                assert_eq!(
                    align[c],
                    Alignment::Right,
                    "{} ({}) right-aligned",
                    table.id,
                    col.id
                );
            }
        }
    }
    // Phụ lục 1's two header rows read as «group – column» in the list above it.
    assert!(md.contains("- (4) Số hồ sơ đã giải quyết – Trước hạn"));
    assert!(md.contains("- (6) Số hồ sơ đã giải quyết – Trễ hạn"));
    // Words are never cut at a hyphen.
    assert!(!md.contains("05-\n"), "«05-NQ/TU» cut across lines");
}

#[test]
fn width_sets_where_prose_wraps() {
    let narrow = export(Some("60"));
    assert!(prose_lines(&narrow).all(|l| l.width() <= 60 || !l.contains(' ')));
    assert!(prose_lines(&narrow).any(|l| l.width() > 50));
    let wide = export(Some("120"));
    assert!(prose_lines(&wide).any(|l| l.width() > 100));
}
