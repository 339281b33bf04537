#![allow(clippy::unwrap_used, clippy::expect_used)]
//! Typing a figure into a table cell over a slow link: while the digits come, only the
//! cell changes on screen (the sums, findings, progress, message line and footer wait
//! for the value to be committed or for a pause), and nothing typed is lost or unsaved.

mod common;

use baocao::rules::RowKind;
use common::{Harness, template};

/// The first row of Phụ lục 1 whose column (3) the district types into, and that
/// column's index (wherever the draft opens: the test positions the cursor itself).
fn first_input_row(h: &Harness) -> (usize, usize) {
    let t = template();
    let w = h.app.wizard().unwrap();
    let col = t.table("pl1").unwrap().column_index("3").unwrap();
    let sheet = w.eval.sheet("pl1").unwrap();
    let row = (0..sheet.rows.len())
        .find(|&r| sheet.rows[r].cells[col].is_input())
        .unwrap();
    (row, col)
}

/// The value of TỔNG CỘNG's column `col`, as the grid has it.
fn total(h: &Harness, col: usize) -> Option<f64> {
    let w = h.app.wizard().unwrap();
    let sheet = w.eval.sheet("pl1").unwrap();
    let r = sheet
        .rows
        .iter()
        .find(|r| r.kind == RowKind::Total)
        .unwrap();
    r.cells[col].value()
}

/// The screen line of TỔNG CỘNG.
fn total_line(h: &Harness) -> String {
    h.screen()
        .lines()
        .find(|l| l.contains("TỔNG CỘNG"))
        .unwrap()
        .to_string()
}

fn footer(h: &Harness) -> String {
    h.screen().lines().last().unwrap().to_string()
}

fn go_to(h: &mut Harness, row: usize, col: usize) {
    // From the top left corner, whatever cell the step opened on.
    h.press("<pgup><pgup><pgup><home>");
    h.press(&"<down>".repeat(row));
    h.press(&"<right>".repeat(col));
    let w = h.app.wizard().unwrap();
    assert_eq!((w.grid.row, w.grid.col), (row, col));
}

#[test]
fn digits_typed_in_a_cell_change_only_the_cell_until_tab_commits_them() {
    let mut h = Harness::district(Some("pl1"));
    let (row, col) = first_input_row(&h);
    go_to(&mut h, row, col);
    let (footer_before, total_before) = (footer(&h), total_line(&h));

    h.press("1250");
    let w = h.app.wizard().unwrap();
    assert_eq!(
        h.draft()
            .cell("pl1", &w.eval.sheet("pl1").unwrap().rows[row].row, "3"),
        "1250",
        "the draft has every digit at once"
    );
    assert!(!w.save.is_clean(), "and the change is owed to the disk");
    assert_eq!(total(&h, col), None, "the sum waits");
    assert_eq!(total_line(&h), total_before, "TỔNG CỘNG on screen waits");
    assert_eq!(
        footer(&h),
        footer_before,
        "the footer does not flip per number"
    );

    h.press("<tab>");
    assert_eq!(
        total(&h, col),
        Some(1250.0),
        "Tab commits: the sums catch up"
    );
    assert!(total_line(&h).contains("1.250"), "{}", total_line(&h));
    assert!(h.app.wizard().unwrap().eval_due.is_none());
}

#[test]
fn a_pause_in_typing_brings_the_sums_findings_and_footer_up_to_date() {
    let mut h = Harness::district(Some("pl1"));
    let (row, col) = first_input_row(&h);
    go_to(&mut h, row, col);
    let footer_before = footer(&h);
    h.press("77");
    assert_eq!(total(&h, col), None);
    h.wait(0.1);
    assert_eq!(
        total(&h, col),
        None,
        "a short gap between digits is still typing"
    );
    h.wait(0.5);
    assert_eq!(total(&h, col), Some(77.0), "after a pause the sums follow");
    assert!(total_line(&h).contains("77"), "{}", total_line(&h));
    assert_ne!(
        footer(&h),
        footer_before,
        "and the footer shows the keys of a cell being edited"
    );
    assert!(h.app.wizard().unwrap().grid.edit.is_some(), "still editing");
}

#[test]
fn digits_typed_and_left_in_the_cell_are_saved() {
    let mut h = Harness::district(Some("pl1"));
    let (row, col) = first_input_row(&h);
    go_to(&mut h, row, col);
    h.press("4321");
    // No Enter, no Tab: the autosave after a quiet second writes them.
    h.wait(1.5);
    let w = h.app.wizard().unwrap();
    assert!(w.save.is_clean(), "saved");
    let key = w.eval.sheet("pl1").unwrap().rows[row].row.clone();
    let t = template();
    let on_disk = baocao::store::load(&h.path("tp"), &[&t]).unwrap();
    assert_eq!(on_disk.cell("pl1", &key, "3"), "4321");
}

#[test]
fn a_row_typed_without_a_pause_keeps_the_line_under_the_grid_until_the_pause() {
    let mut h = Harness::district(Some("pl1"));
    let start = h.message();
    assert!(start.starts_with("(3) Tổng số hồ sơ"), "{start}");
    // Figures and Tabs in one burst: the line still speaks of (3), where it began.
    h.press("1250<tab>");
    h.wait(0.1);
    h.press("800<tab>300<tab>");
    assert_eq!(h.message(), start);
    assert_eq!(h.app.wizard().unwrap().grid.col, 5, "the cursor went on");
    // A pause: it follows the cursor, to (6).
    h.wait(0.5);
    let now = h.message();
    assert!(
        now.starts_with("(6) Số hồ sơ đã giải quyết: Trễ hạn"),
        "{now}"
    );
    // Any other key (an arrow) brings it up to date at once.
    h.press("0<tab><left>");
    assert!(h.message().starts_with("(6)"), "{}", h.message());
}
