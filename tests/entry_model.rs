#![allow(clippy::unwrap_used, clippy::expect_used)]
//! Issue 10, point 4: one entry model for every cell. Typing over a selected cell
//! replaces it; Enter or F2 edits the value; Enter commits and goes down to the next
//! input cell of the column; Tab commits and goes right, then to the next row's first
//! input cell; Esc restores; Del or Backspace clears. Long text cells do the same in
//! their box, which says the footer's keys. A district types both its Phụ lục 1 and 2
//! with at most 1.1 navigation keys per value.

mod common;

use baocao::app::Modal;
use common::{Harness, parse_keys};
use ratatui::crossterm::event::KeyCode;

fn cell<'h>(h: &'h Harness, table: &str, key: &str, col: &str) -> &'h str {
    h.draft()
        .tables
        .get(table)
        .and_then(|t| t.cells.get(key))
        .and_then(|c| c.get(col))
        .map_or("", String::as_str)
}

fn selected(h: &Harness) -> (String, String) {
    let w = h.app.wizard().unwrap();
    let table = w.table().unwrap();
    let row = w.eval.sheet(table).unwrap().rows[w.grid.row].display_label();
    let col = h.app.template.table(table).unwrap().columns[w.grid.col]
        .id
        .clone();
    (row, col)
}

#[test]
fn number_cells_replace_edit_commit_restore_and_clear() {
    let mut h = Harness::district(Some("pl1"));
    h.press("1250<enter>");
    // Enter went down to the next input cell of (3): «2 Tại cấp xã».
    assert_eq!(selected(&h), ("2 Tại cấp xã".into(), "3".into()));
    h.press("<up>");
    // Typing over replaces.
    h.press("9<enter><up>");
    assert_eq!(cell(&h, "pl1", "III.1", "3"), "9");
    // Enter (and F2) edit the value in place.
    h.press("<enter>00<enter><up><f2>1<enter><up>");
    assert_eq!(cell(&h, "pl1", "III.1", "3"), "9001");
    // Esc puts back what was there, whatever was typed.
    h.press("777<esc>");
    assert_eq!(cell(&h, "pl1", "III.1", "3"), "9001");
    h.press("<enter><bs><bs>5<esc>");
    assert_eq!(cell(&h, "pl1", "III.1", "3"), "9001");
    // Del and Backspace on the selected cell clear it.
    h.press("<del>");
    assert_eq!(cell(&h, "pl1", "III.1", "3"), "");
    h.press("42<enter><up><bs>");
    assert_eq!(cell(&h, "pl1", "III.1", "3"), "");
    // The footer says so.
    let screen = h.screen();
    let footer = screen.lines().last().unwrap();
    assert!(footer.contains("Del xóa ô"), "{footer}");
    assert!(footer.contains("Enter sửa ô"), "{footer}");
}

#[test]
fn tab_after_the_last_input_cell_of_a_row_goes_to_the_next_rows_first() {
    let mut h = Harness::district(Some("pl1"));
    h.press("1<tab>1<tab>0<tab>0<tab>0<tab>0<tab>");
    assert_eq!(selected(&h), ("2 Tại cấp xã".into(), "3".into()));
    h.press("<s-tab>");
    assert_eq!(selected(&h), ("1 Tại cấp huyện".into(), "8".into()));
}

#[test]
fn long_text_cells_replace_restore_and_move_like_number_cells() {
    let mut h = Harness::district(Some("pl2"));
    h.press("<c-a>Hộ tịch<tab>20<tab>5<tab>");
    assert_eq!(selected(&h).1, "5");
    // Typing opens the box with what is typed, replacing the cell.
    h.press("Thiếu người");
    assert!(matches!(h.app.modal, Some(Modal::LongText { .. })));
    let screen = h.screen();
    assert!(
        screen.contains("Enter ghi, xuống  Tab ghi, sang phải  Esc bỏ sửa"),
        "the box says the footer's keys:\n{screen}"
    );
    let footer = screen.lines().last().unwrap().to_string();
    assert!(footer.contains("Esc bỏ sửa"), "{footer}");
    h.press("<tab>");
    assert!(h.app.modal.is_none());
    let rows = &h.draft().tables["pl2"].rows;
    assert_eq!(rows[0].cells["5"], "Thiếu người");
    // Back on it: typing replaces the whole text, Esc restores it.
    h.press("<s-tab>");
    assert_eq!(selected(&h).1, "5");
    h.press("Khác<esc>");
    assert!(h.app.modal.is_none());
    assert_eq!(h.draft().tables["pl2"].rows[0].cells["5"], "Thiếu người");
    h.press("Quá tải<enter>");
    assert_eq!(h.draft().tables["pl2"].rows[0].cells["5"], "Quá tải");
    // Enter (or F2) edits the text in place; Del clears it.
    h.press("<up><enter> hồ sơ<enter>");
    assert_eq!(h.draft().tables["pl2"].rows[0].cells["5"], "Quá tải hồ sơ");
    h.press("<up><del>");
    assert!(!h.draft().tables["pl2"].rows[0].cells.contains_key("5"));
}

/// Presses keys and counts those that are not characters typed into a value.
fn count_nav(h: &mut Harness, keys: &str, nav: &mut usize) {
    for k in parse_keys(keys) {
        let plain_char = matches!(k.code, KeyCode::Char(_))
            && !k
                .modifiers
                .intersects(ratatui::crossterm::event::KeyModifiers::CONTROL);
        if !plain_char {
            *nav += 1;
        }
        h.send(baocao::app::Action::Key(k));
    }
}

#[test]
fn a_district_types_both_appendix_tables_with_at_most_1_1_navigation_keys_per_value() {
    let mut h = Harness::district(Some("pl1"));
    let mut nav = 0;
    let mut values = 0;
    // Phụ lục 1: «1 Tại cấp huyện» and «2 Tại cấp xã», six figures each.
    // Tab after each; the last one is followed by Ctrl-N to Phụ lục 2, which keeps it.
    let figures = [
        "18452", "9874", "7912", "214", "398", "54", "96318", "61205", "33472", "487", "1033",
        "121",
    ];
    for (i, v) in figures.iter().enumerate() {
        let then = if i + 1 == figures.len() {
            "<c-n>"
        } else {
            "<tab>"
        };
        count_nav(&mut h, &format!("{v}{then}"), &mut nav);
        values += 1;
    }
    // Phụ lục 2: one field under each level: name, (3), (4), cause.
    for (name, late, pending, cause) in [
        ("Đất đai", "214", "54", "Hồ sơ phải xác minh nguồn gốc đất"),
        ("Hộ tịch", "487", "121", "Chờ xác minh nơi đăng ký trước"),
    ] {
        count_nav(
            &mut h,
            &format!("<c-a>{name}<tab>{late}<tab>{pending}<tab>{cause}<tab>"),
            &mut nav,
        );
        values += 4;
    }
    let w = h.app.wizard().unwrap();
    let pl1 = &h.draft().tables["pl1"];
    assert_eq!(pl1.cells["III.1"]["3"], "18452");
    assert_eq!(pl1.cells["III.2"]["8"], "121");
    let pl2 = &h.draft().tables["pl2"];
    assert_eq!(pl2.rows.len(), 2);
    assert_eq!(
        (pl2.rows[0].parent.as_str(), pl2.rows[1].parent.as_str()),
        ("III.1", "III.2")
    );
    assert_eq!(pl2.rows[1].cells["5"], "Chờ xác minh nơi đăng ký trước");
    // Everything typed agrees: no error left in either table.
    assert!(
        !w.eval
            .findings
            .iter()
            .any(|f| f.severity == baocao::template::Severity::Error
                && (f.place.step() == "pl1" || f.place.step() == "pl2")),
        "{:?}",
        w.eval.findings
    );
    assert!(
        nav * 10 <= values * 11,
        "{nav} navigation keys for {values} values = {:.2}",
        nav as f64 / values as f64
    );
}

#[test]
fn ctrl_h_is_backspace_where_the_terminal_sends_backspace_so() {
    // Issue 11, point 7: PuTTY and some consoles send ^H for Backspace.
    let mut h = Harness::district(Some("i.1"));
    h.press("Nội dungx<c-h>");
    assert_eq!(h.draft().answer("I.1", "text").unwrap().text, "Nội dung");
    let mut h = Harness::district(Some("pl1"));
    h.press("125<c-h>0<enter>");
    assert_eq!(cell(&h, "pl1", "III.1", "3"), "120");
    // On a selected cell, like Backspace, it clears it.
    h.press("<up><c-h>");
    assert_eq!(cell(&h, "pl1", "III.1", "3"), "");
}
