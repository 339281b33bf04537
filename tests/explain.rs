#![allow(clippy::unwrap_used, clippy::expect_used)]
//! Issue 10, point 8: a warning can be explained («giải trình») with a short note; it
//! then shows as such on the cell, stops counting as open, is listed with its note by
//! `check` and `check --json`, and is kept in the draft. Errors cannot be explained.

mod common;

use baocao::app::Modal;
use baocao::template::Severity;
use common::{Harness, baocao, line_with};

const NOTE: &str = "Số liệu cấp xã tổng hợp sau ngày 01/10";

/// A district whose «1 Tại cấp huyện» row is partly filled (R1 warns), cursor off it.
fn half_filled_row() -> Harness {
    let mut h = Harness::district(Some("pl1"));
    h.press("1250<tab>800<tab><down>");
    h
}

#[test]
fn a_warning_explained_on_its_cell_stops_counting_and_is_kept_in_the_draft() {
    let mut h = half_filled_row();
    let open = h.app.wizard().unwrap().eval.count(Severity::Warning);
    // On the flagged cell: (5), the first blank of the row.
    h.press("<up><home><right><right><right><right>");
    h.press("<c-r>");
    assert!(
        matches!(h.app.modal, Some(Modal::Explain { .. })),
        "{}",
        h.screen()
    );
    assert!(h.screen().contains("Giải trình cảnh báo"), "{}", h.screen());
    h.press(NOTE);
    h.press("<enter>");
    assert!(h.app.modal.is_none());
    assert!(
        h.status().starts_with("Đã ghi giải trình"),
        "{}",
        h.status()
    );
    let w = h.app.wizard().unwrap();
    assert_eq!(w.eval.count(Severity::Warning), open - 1);
    assert_eq!(w.eval.explained(), 1);
    assert_eq!(
        h.draft().explained.values().collect::<Vec<_>>(),
        [&NOTE.to_string()]
    );
    // The cell shows it as explained, and the line under the grid gives the note.
    let screen = h.screen();
    let row = line_with(&screen, "│1  │");
    assert!(row.contains('✎') && !row.contains('!'), "{row}");
    assert!(
        screen.contains(&format!("Đã giải trình: {NOTE}")),
        "{screen}"
    );
    // Saved, then listed by `check` and `check --json` with the note.
    h.press("<c-s>");
    h.wait(1.0);
    let cfg = h.dir.path();
    let out = baocao(cfg).args(["check", "tp"]).output().unwrap();
    let text = String::from_utf8_lossy(&out.stdout);
    assert!(
        text.contains(&format!("[Đã giải trình: {NOTE}]"))
            && text.contains("1 cảnh báo đã giải trình"),
        "{text}"
    );
    let out = baocao(cfg)
        .args(["check", "tp", "--json"])
        .output()
        .unwrap();
    let json: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    assert_eq!(json["explained"], 1);
    let f = json["findings"]
        .as_array()
        .unwrap()
        .iter()
        .find(|f| f["explained"].is_string())
        .expect("the explained warning");
    assert_eq!(f["explained"], NOTE);
    assert_eq!(f["rule"], "R1");
}

#[test]
fn an_explanation_is_given_from_the_findings_list_and_an_empty_note_removes_it() {
    let mut h = half_filled_row();
    h.press("<c-e>");
    let w = h.app.wizard().unwrap();
    let at = w
        .order
        .iter()
        .position(|&i| w.eval.findings[i].rule == "R1")
        .unwrap();
    for _ in 0..at {
        h.press("<down>");
    }
    h.press("g");
    assert!(matches!(h.app.modal, Some(Modal::Explain { .. })));
    h.press("Đúng theo sổ theo dõi<enter>");
    assert_eq!(h.app.wizard().unwrap().eval.explained(), 1);
    h.press("<esc>");
    // Ctrl-Z takes it back.
    h.press("<c-z>");
    assert_eq!(h.app.wizard().unwrap().eval.explained(), 0);
    h.press("<c-y>");
    assert_eq!(h.app.wizard().unwrap().eval.explained(), 1);
    // The prompt opens with the note; emptied, the explanation goes.
    h.press("<c-e>");
    for _ in 0..at {
        h.press("<down>");
    }
    h.press("g<end><c-u>");
    h.press("<enter>");
    assert_eq!(h.status(), "Đã bỏ giải trình");
    assert!(h.draft().explained.is_empty());
}

#[test]
fn errors_cannot_be_explained() {
    let mut h = Harness::district(Some("pl1"));
    h.press("25630<tab>25000<tab>500<tab>30<tab>5<tab>5<enter><up>");
    assert!(
        h.app
            .wizard()
            .unwrap()
            .current_findings(&h.app.template)
            .iter()
            .all(|f| f.severity == Severity::Error)
    );
    h.press("<c-r>");
    assert!(h.app.modal.is_none());
    assert!(
        h.status().starts_with("Lỗi không giải trình được"),
        "{}",
        h.status()
    );
    assert!(h.draft().explained.is_empty());
}

#[test]
fn the_findings_list_comes_back_after_a_note_and_a_deleted_row_takes_its_notes() {
    let mut h = Harness::district(Some("pl4"));
    // Two models with their unit's name only: each row warns of its blanks (R11).
    h.press("<c-a>UBND huyện Tuy Phước<enter><c-a>UBND xã Phước Hưng<enter>");
    h.press("<c-e>");
    let w = h.app.wizard().unwrap();
    let at = w
        .order
        .iter()
        .position(|&i| {
            let f = &w.eval.findings[i];
            f.severity == Severity::Warning
                && matches!(
                    &f.place,
                    baocao::rules::Place::Cell {
                        row: baocao::draft::RowRef::Added(_),
                        ..
                    }
                )
        })
        .unwrap_or_else(|| panic!("a row warning: {:?}", w.eval.findings));
    for _ in 0..at {
        h.press("<down>");
    }
    h.press("g");
    h.press("Mô hình mới, đang tổng kết<enter>");
    assert!(
        matches!(h.app.modal, Some(Modal::Findings { selected, .. }) if selected == at),
        "back to the list where it was"
    );
    assert_eq!(h.draft().explained.len(), 1);
    h.press("<enter>");
    // On the row of the explained warning: delete it; its note goes with it.
    h.press("<c-d>c");
    assert!(h.draft().explained.is_empty(), "{:?}", h.draft().explained);
    // Ctrl-Z brings back the row and its note together.
    h.press("<c-z>");
    assert_eq!(h.draft().explained.len(), 1);
}
