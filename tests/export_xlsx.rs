#![allow(clippy::unwrap_used, clippy::expect_used)]
//! The XLSX export read back by a real reader (calamine): one sheet per appendix with
//! the official header's merged cells and the (1)…(n) row; every sum and computed
//! cell a formula whose cached value is the program's own; Vietnamese number formats;
//! A4 landscape, one page wide, header rows repeated.

use std::fs;
use std::io::Read;
use std::path::Path;

mod common;
use baocao::i18n::{self, Lang};
use baocao::rules::{self, Cell};
use baocao::store;
use baocao::template::Template;
use calamine::{Data, Reader, Xlsx, open_workbook};
use common::{export_ok, sample};

fn part(path: &Path, name: &str) -> String {
    let mut zip = zip::ZipArchive::new(fs::File::open(path).unwrap()).unwrap();
    let mut s = String::new();
    zip.by_name(name).unwrap().read_to_string(&mut s).unwrap();
    s
}

fn number(d: &Data) -> Option<f64> {
    match d {
        Data::Int(i) => Some(*i as f64),
        Data::Float(f) => Some(*f),
        _ => None,
    }
}

/// The sum of the numbers in the cells a formula's SUM part names ("D7:D9,D12").
fn sum_of_refs(formula: &str, values: &calamine::Range<Data>) -> f64 {
    let cell = |r: &str| -> (u32, u32) {
        let letters: String = r.chars().take_while(char::is_ascii_uppercase).collect();
        let col = letters
            .bytes()
            .fold(0u32, |n, b| n * 26 + u32::from(b - b'A' + 1))
            - 1;
        let row: u32 = r[letters.len()..].parse().unwrap();
        (row - 1, col)
    };
    let mut total = 0.0;
    for part in formula.split("SUM(").skip(1) {
        let args = part.split(')').next().unwrap();
        for arg in args.split(',') {
            let (a, b) = arg.split_once(':').unwrap_or((arg, arg));
            let ((r0, c0), (r1, _)) = (cell(a), cell(b));
            for r in r0..=r1 {
                total += values.get_value((r, c0)).and_then(number).unwrap_or(0.0);
            }
        }
    }
    total
}

/// For every sample: every computed cell of every appendix is a formula, and its cached
/// value is what the rules engine computed; typed numbers are numbers.
#[test]
fn every_computed_cell_is_a_formula_cached_with_the_programs_value() {
    let t = Template::builtin().unwrap();
    for name in [
        "huyen-tuy-phuoc.ron",
        "so-noi-vu.ron",
        "vi-pham-quy-tac.ron",
    ] {
        let dir = tempfile::tempdir().unwrap();
        let out = dir.path().join("x.xlsx");
        export_ok(&sample(name), &out);
        let draft = store::load(&sample(name), &[&t]).unwrap();
        let eval = rules::evaluate(&t, &draft);
        let mut book: Xlsx<_> = open_workbook(&out).unwrap();
        let names = book.sheet_names();
        assert_eq!(names, ["Phụ lục 1", "Phụ lục 2", "Phụ lục 3", "Phụ lục 4"]);
        let (mut formulas_seen, mut sums_seen) = (0, 0);
        for (table, sheet) in t.tables.iter().zip(eval.sheets.iter()) {
            let sname = format!("Phụ lục {}", table.number);
            let values = book.worksheet_range(&sname).unwrap();
            let formulas = book.worksheet_formula(&sname).unwrap();
            let numbers_row = (0..200u32)
                .find(|&r| values.get_value((r, 0)) == Some(&Data::String("(1)".into())))
                .unwrap();
            for (i, row) in sheet.rows.iter().enumerate() {
                let r = numbers_row + 1 + i as u32;
                for (c, cell) in row.cells.iter().enumerate() {
                    let at = (r, c as u32);
                    let v = values.get_value(at).cloned().unwrap_or(Data::Empty);
                    let f = formulas.get_value(at).cloned().unwrap_or_default();
                    let place = format!("{name} {sname} {} ({})", row.display_label(), c + 1);
                    match cell {
                        Cell::Sum(Some(x)) => {
                            assert!(f.contains("SUM("), "{place}: {f:?}");
                            assert_eq!(number(&v), Some(*x), "{place}");
                            // The cells the formula names add up to the program's sum.
                            let named = sum_of_refs(&f, &values);
                            assert!((named - x).abs() < 1e-9, "{place}: {f} gives {named}");
                            sums_seen += 1;
                        }
                        Cell::Sum(None) => {
                            assert!(f.contains("SUM("), "{place}: {f:?}");
                            assert_eq!(v, Data::String(String::new()), "{place}: blank");
                        }
                        Cell::Change(ch) => {
                            assert!(!f.is_empty(), "{place}");
                            assert!((number(&v).unwrap() - ch.amount).abs() < 1e-9, "{place}");
                        }
                        Cell::Verdict(_) => {
                            assert!(f.starts_with("IF("), "{place}: {f}");
                            let want = i18n::cell_value(Lang::Vi, cell).unwrap();
                            assert_eq!(v, Data::String(want), "{place}");
                        }
                        Cell::Number(x) => assert_eq!(number(&v), Some(*x), "{place}"),
                        _ => {}
                    }
                    if !f.is_empty() {
                        formulas_seen += 1;
                    }
                }
            }
        }
        assert!(sums_seen > 0 && formulas_seen >= sums_seen, "{name}");
    }
}

#[test]
fn consistent_row_totals_are_formulas_and_broken_ones_keep_what_was_typed() {
    let dir = tempfile::tempdir().unwrap();
    let t = Template::builtin().unwrap();
    for (name, want_formula) in [
        ("huyen-tuy-phuoc.ron", true),
        ("vi-pham-quy-tac.ron", false),
    ] {
        let out = dir.path().join(format!("{name}.xlsx"));
        export_ok(&sample(name), &out);
        let mut book: Xlsx<_> = open_workbook(&out).unwrap();
        let values = book.worksheet_range("Phụ lục 1").unwrap();
        let formulas = book.worksheet_formula("Phụ lục 1").unwrap();
        let draft = store::load(&sample(name), &[&t]).unwrap();
        let eval = rules::evaluate(&t, &draft);
        let sheet = eval.sheet("pl1").unwrap();
        let numbers_row = (0..50u32)
            .find(|&r| values.get_value((r, 0)) == Some(&Data::String("(1)".into())))
            .unwrap();
        // The first row the unit typed: its (3) against (4)+…+(8).
        let i = sheet
            .rows
            .iter()
            .position(|r| {
                r.kind == (rules::RowKind::Group { computed: false }) && r.cells[2].is_typed()
            })
            .unwrap();
        let at = (numbers_row + 1 + i as u32, 2);
        let f = formulas.get_value(at).cloned().unwrap_or_default();
        let parts: f64 = (3..8).filter_map(|c| sheet.rows[i].cells[c].value()).sum();
        let typed = sheet.rows[i].cells[2].value().unwrap();
        assert_eq!((typed - parts).abs() < 1e-9, want_formula, "{name}");
        if want_formula {
            let r = at.0 + 1;
            assert_eq!(f, format!("SUM(D{r},E{r},F{r},G{r},H{r})"), "{name}");
        } else {
            assert!(
                f.is_empty(),
                "{name}: a broken row keeps the typed total, got {f}"
            );
        }
        assert_eq!(number(values.get_value(at).unwrap()), Some(typed), "{name}");
        // A report with errors says so on every printed page.
        let sheet1 = part(&out, "xl/worksheets/sheet1.xml");
        assert_eq!(
            sheet1.contains("<oddHeader>") && sheet1.contains("DỰ THẢO"),
            !want_formula
        );
    }
}

#[test]
fn headers_are_merged_numbers_vietnamese_and_pages_a4_landscape_with_repeated_rows() {
    let dir = tempfile::tempdir().unwrap();
    let out = dir.path().join("x.xlsx");
    export_ok(&sample("huyen-tuy-phuoc.ron"), &out);
    let mut book: Xlsx<_> = open_workbook(&out).unwrap();
    let values = book.worksheet_range("Phụ lục 1").unwrap();
    let merged = book.merge_cells_by_sheet_name("Phụ lục 1").unwrap();
    let at = |r: u32, c: u32| values.get_value((r, c)).cloned().unwrap_or(Data::Empty);
    let solved = (0..20u32)
        .find(|&r| at(r, 3) == Data::String("Số hồ sơ đã giải quyết".into()))
        .unwrap();
    let spans: Vec<((u32, u32), (u32, u32))> = merged.iter().map(|d| (d.start, d.end)).collect();
    assert!(
        spans.contains(&((solved, 3), (solved, 5))),
        "(4)–(6): {spans:?}"
    );
    for c in [0, 1, 2, 6, 7] {
        assert!(
            spans.contains(&((solved, c), (solved + 1, c))),
            "column {c}: {spans:?}"
        );
    }
    assert_eq!(at(solved + 1, 3), Data::String("Trước hạn".into()));
    assert_eq!(at(solved + 2, 7), Data::String("(8)".into()));
    assert_eq!(at(0, 0), Data::String("PHỤ LỤC 1".into()));
    // Vietnamese number formats, page setup, repeated header rows.
    let styles = part(&out, "xl/styles.xml");
    assert!(styles.contains("formatCode=\"[$-42A]#,##0\""), "{styles}");
    let sheet1 = part(&out, "xl/worksheets/sheet1.xml");
    assert!(sheet1.contains("paperSize=\"9\""), "A4");
    assert!(sheet1.contains("orientation=\"landscape\""));
    assert!(sheet1.contains("fitToHeight=\"0\""), "one page wide");
    let workbook = part(&out, "xl/workbook.xml");
    let titles = format!("'Phụ lục 1'!${}:${}", solved + 1, solved + 3);
    assert!(
        workbook.contains("_xlnm.Print_Titles") && workbook.contains(&titles),
        "{workbook}"
    );
}

#[test]
fn sheets_print_like_the_docx_with_page_numbers_and_numeric_targets_are_numbers() {
    // Issue 12, point 4.
    let dir = tempfile::tempdir().unwrap();
    let out = dir.path().join("pl.xlsx");
    export_ok(&sample("huyen-tuy-phuoc.ron"), &out);
    let layout = baocao::export::layout::for_body(baocao::draft::BodyKind::State).unwrap();
    let m = layout.appendix_margins;
    for n in 1..=4 {
        let xml = part(&out, &format!("xl/worksheets/sheet{n}.xml"));
        let doc = roxmltree::Document::parse(&xml).unwrap();
        let margins = doc
            .descendants()
            .find(|e| e.tag_name().name() == "pageMargins")
            .unwrap();
        let inch = |a: &str| margins.attribute(a).unwrap().parse::<f64>().unwrap() * 25.4;
        for (a, mm) in [
            ("left", m.left),
            ("right", m.right),
            ("top", m.top),
            ("bottom", m.bottom),
        ] {
            assert!(
                (inch(a) - mm).abs() < 0.1,
                "sheet {n} {a}: {} mm, the DOCX {mm}",
                inch(a)
            );
        }
        let footer = doc
            .descendants()
            .find(|e| e.tag_name().name() == "oddFooter")
            .and_then(|e| e.text())
            .unwrap_or_default();
        assert!(
            footer.contains("&P"),
            "sheet {n} prints its page number: {footer:?}"
        );
    }
    // Phụ lục 3: «100» is a number, «80 trở lên» and «TOP 20» are text.
    let mut book: Xlsx<_> = open_workbook(&out).unwrap();
    let pl3 = book.worksheet_range("Phụ lục 3").unwrap();
    let cells: Vec<&Data> = pl3.used_cells().map(|(_, _, d)| d).collect();
    assert!(
        cells
            .iter()
            .any(|d| matches!(d, Data::Float(v) if *v == 100.0))
    );
    assert!(
        cells
            .iter()
            .any(|d| matches!(d, Data::String(s) if s == "80 trở lên"))
    );
    assert!(
        cells
            .iter()
            .any(|d| matches!(d, Data::String(s) if s == "TOP 20"))
    );
    assert!(
        !cells
            .iter()
            .any(|d| matches!(d, Data::String(s) if s == "100")),
        "no target «100» stored as text"
    );
}
