#![allow(clippy::unwrap_used, clippy::expect_used)]
//! Issue 10, point 5: Ctrl-Z / Ctrl-Y undo and redo any change to the draft — a cell
//! typed or cleared, a row added, deleted or moved, «Không phát sinh», a paste, a
//! text typed — across cells and steps, at least 200 steps back; the status line says
//! what was undone and the wizard goes to it.

mod common;

use baocao::app::{Action, Modal};
use common::Harness;

fn pl2_rows(h: &Harness) -> Vec<(String, String)> {
    h.draft().tables.get("pl2").map_or(Vec::new(), |t| {
        t.rows
            .iter()
            .map(|r| {
                (
                    r.cells.get("2").cloned().unwrap_or_default(),
                    r.cells.get("5").cloned().unwrap_or_default(),
                )
            })
            .collect()
    })
}

#[test]
fn a_cleared_cause_comes_back_with_ctrl_z_and_the_status_says_what_was_undone() {
    let mut h = Harness::district(Some("pl2"));
    h.press("<c-a>Hộ tịch<tab>20<tab>5<tab>Thiếu người<enter>");
    assert_eq!(pl2_rows(&h), [("Hộ tịch".into(), "Thiếu người".into())]);
    // Back on the cause, Del empties it.
    h.press("<up><del>");
    assert_eq!(pl2_rows(&h)[0].1, "");
    h.press("<c-z>");
    assert_eq!(pl2_rows(&h)[0].1, "Thiếu người");
    assert!(
        h.status()
            .starts_with("Đã hoàn tác: xóa ô (5) dòng 1.1 Hộ tịch"),
        "{}",
        h.status()
    );
    // The whole typed cause is one step: the next Ctrl-Z takes it all.
    h.press("<c-z>");
    assert_eq!(pl2_rows(&h)[0].1, "");
    assert!(
        h.status().contains("nhập ô (5) dòng 1.1 Hộ tịch"),
        "{}",
        h.status()
    );
    // Ctrl-Y makes both again.
    h.press("<c-y><c-y>");
    assert_eq!(pl2_rows(&h)[0].1, "");
    assert!(
        h.status().starts_with("Đã làm lại: xóa ô (5)"),
        "{}",
        h.status()
    );
}

#[test]
fn undo_walks_back_across_cells_rows_and_steps_to_where_each_change_was() {
    let mut h = Harness::district(Some("pl1"));
    h.press("1250<tab>1000<tab>");
    h.press("<c-n>");
    h.press("<c-a>Đất đai<tab>");
    h.press("<c-k>");
    // Newest first: «Không phát sinh», the field's name, the added row, (4), (3).
    h.press("<c-z>");
    assert!(!h.draft().tables["pl2"].nothing_to_report);
    h.press("<c-z>");
    assert_eq!(pl2_rows(&h)[0].0, "");
    h.press("<c-z>");
    assert!(pl2_rows(&h).is_empty());
    assert!(
        h.status().contains("thêm dòng ở Phụ lục 2"),
        "{}",
        h.status()
    );
    h.press("<c-z>");
    let w = h.app.wizard().unwrap();
    assert_eq!(w.table(), Some("pl1"), "back on the step of the change");
    assert_eq!(w.grid.col, 3, "on the cell: (4)");
    assert!(!h.draft().tables["pl1"].cells["III.1"].contains_key("4"));
    h.press("<c-z>");
    assert!(
        !h.draft()
            .tables
            .get("pl1")
            .is_some_and(|t| t.cells.contains_key("III.1"))
    );
    h.press("<c-z>");
    assert_eq!(h.status(), "Không còn gì để hoàn tác");
    // And forward again, all of it.
    h.press("<c-y><c-y><c-y><c-y><c-y>");
    assert!(h.draft().tables["pl2"].nothing_to_report);
    assert_eq!(h.draft().tables["pl1"].cells["III.1"]["4"], "1000");
}

#[test]
fn a_deleted_row_says_how_to_get_it_back_and_comes_back() {
    let mut h = Harness::district(Some("pl2"));
    h.press("<c-a>Hộ tịch<tab>20<tab>5<tab>Thiếu người<enter><up>");
    h.press("<c-d>");
    assert!(matches!(h.app.modal, Some(Modal::Confirm(_))));
    h.press("c");
    assert!(pl2_rows(&h).is_empty());
    assert!(h.status().contains("Ctrl-Z để lấy lại"), "{}", h.status());
    h.press("<c-z>");
    assert_eq!(pl2_rows(&h), [("Hộ tịch".into(), "Thiếu người".into())]);
    assert!(
        h.status().contains("xóa dòng 1.1 Hộ tịch"),
        "{}",
        h.status()
    );
}

#[test]
fn moved_rows_pastes_and_typed_text_undo_too() {
    let mut h = Harness::district(Some("pl2"));
    h.press("<c-a>A<enter><c-a>B<enter>");
    assert_eq!(pl2_rows(&h)[0].0, "A");
    h.press("<c-u>");
    assert_eq!(pl2_rows(&h)[0].0, "B");
    h.press("<c-z>");
    assert_eq!(pl2_rows(&h)[0].0, "A");
    assert!(h.status().contains("chuyển dòng"), "{}", h.status());

    // Text: one step per word.
    let mut h = Harness::district(Some("i.1"));
    h.press("Đã ban hành kế hoạch");
    let text = |h: &Harness| {
        h.draft()
            .answer("I.1", "text")
            .map(|a| a.text.clone())
            .unwrap_or_default()
    };
    h.press("<c-z>");
    assert_eq!(text(&h), "Đã ban hành kế ");
    h.press("<c-z>");
    assert_eq!(text(&h), "Đã ban hành ");
    // A paste is a step of its own.
    h.send(Action::Paste("số 45/KH-UBND".into()));
    assert!(text(&h).ends_with("số 45/KH-UBND"));
    h.press("<c-z>");
    assert_eq!(text(&h), "Đã ban hành ");
    assert!(h.status().contains("dán vào I.1"), "{}", h.status());
}

#[test]
fn two_hundred_changes_can_all_be_undone() {
    let mut h = Harness::district(Some("pl1"));
    // 250 commits, alternating two cells.
    for i in 0..250 {
        h.press(&format!("{i}<enter><up>"));
    }
    assert_eq!(h.draft().tables["pl1"].cells["III.1"]["3"], "249");
    for _ in 0..249 {
        h.press("<c-z>");
    }
    assert_eq!(h.draft().tables["pl1"].cells["III.1"]["3"], "0");
    h.press("<c-z>");
    assert!(
        !h.draft()
            .tables
            .get("pl1")
            .is_some_and(|t| t.cells.contains_key("III.1"))
    );
}

#[test]
fn undoing_many_added_rows_of_a_scrolled_table_keeps_the_selection_in_view() {
    let mut h = Harness::district(Some("pl2"));
    for i in 0..15 {
        h.press(&format!("<c-a>Lĩnh vực {i}<enter>"));
    }
    assert_eq!(pl2_rows(&h).len(), 15);
    assert!(h.app.wizard().unwrap().grid.top > 0, "scrolled down");
    for _ in 0..30 {
        h.press("<c-z>");
        let _ = h.screen();
    }
    assert!(pl2_rows(&h).is_empty());
    let w = h.app.wizard().unwrap();
    let n = w.eval.sheet("pl2").unwrap().rows.len();
    assert!(
        w.grid.row < n && w.grid.top <= w.grid.row,
        "{} {} {n}",
        w.grid.row,
        w.grid.top
    );
    // And all the way forward again.
    for _ in 0..30 {
        h.press("<c-y>");
        let _ = h.screen();
    }
    assert_eq!(pl2_rows(&h).len(), 15);
    let w = h.app.wizard().unwrap();
    let n = w.eval.sheet("pl2").unwrap().rows.len();
    assert!(w.grid.row < n && w.grid.top <= w.grid.row);
}
