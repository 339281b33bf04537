#![allow(clippy::unwrap_used, clippy::expect_used)]
//! Issue 10, point 3: flags where the user is typing. A row whose sum does not hold
//! marks every cell that takes part and shows the equation with the live numbers on
//! any of them; a cross-table mismatch names the level and the other table on the
//! cell; the findings list puts errors first and has Home/End.

mod common;

use baocao::app::Modal;
use baocao::template::Severity;
use common::{Harness, line_with};

/// Moves to column index `col` of the selected row.
fn to_col(h: &mut Harness, col: usize) {
    h.press("<home>");
    for _ in 0..col {
        h.press("<right>");
    }
}

#[test]
fn a_wrong_row_sum_marks_every_cell_and_shows_the_equation_on_each() {
    let mut h = Harness::district(Some("pl1"));
    h.press("25630<tab>25000<tab>500<tab>30<tab>5<tab>5<enter><up>");
    let screen = h.screen();
    let row = line_with(&screen, "│1  │");
    assert_eq!(row.matches('✗').count(), 6, "{row}");
    let equation = "(3) 25.630 ≠ (4)+(5)+(6)+(7)+(8) = 25.540 · lệch 90";
    for col in 2..8 {
        to_col(&mut h, col);
        let msg = h.message().replace('\n', " ");
        assert!(msg.contains(equation), "column index {col}: {msg}");
    }
    // Fixed: the sum's marks go; (6) and (8) keep theirs, for Phụ lục 2 (R4).
    to_col(&mut h, 2);
    h.press("25540<enter><up>");
    let screen = h.screen();
    let row = line_with(&screen, "│1  │");
    assert!(row.contains(" 25.540│ 25.000│    500│     30✗"), "{row}");
    assert!(!h.message().replace('\n', " ").contains('≠'));
}

#[test]
fn a_cross_table_mismatch_names_the_level_and_the_other_table_on_both_cells() {
    let mut h = Harness::district(Some("pl1"));
    // 1 Tại cấp huyện: 30 late (6), 5 pending (8).
    h.press("100<tab>60<tab>5<tab>30<tab>0<tab>5<enter>");
    // Phụ lục 2 explains 20 of the 30 late dossiers of the same level.
    h.press("<c-n>");
    h.press("<c-a>Hộ tịch<tab>20<tab>5<tab>");
    h.press("<esc>");
    let r5 = |h: &Harness| {
        h.app
            .wizard()
            .unwrap()
            .current_findings(&h.app.template)
            .iter()
            .any(|f| f.rule == "R5")
    };
    // On Phụ lục 1's (6) of the row.
    h.press("<c-p>");
    let w = h.app.wizard().unwrap();
    let row = w.eval.sheet("pl1").unwrap().fixed("III.1").unwrap();
    let cur = w.grid.row;
    for _ in cur..row {
        h.press("<down>");
    }
    to_col(&mut h, 5);
    assert!(r5(&h), "R5 shows on Phụ lục 1 (6)");
    let msg = h.message().replace('\n', " ");
    assert!(
        msg.contains("Dòng «1 Tại cấp huyện»")
            && msg.contains("Phụ lục 2")
            && msg.contains("lệch 10"),
        "{msg}"
    );
    let screen = h.screen();
    assert!(line_with(&screen, "│1  │").contains('✗'), "{screen}");
}

#[test]
fn the_findings_list_puts_errors_first_and_has_home_and_end() {
    let mut h = Harness::with_sample("vi-pham-quy-tac", Some("pl1"), (80, 24));
    h.press("<c-e>");
    let w = h.app.wizard().unwrap();
    let severities: Vec<Severity> = w
        .order
        .iter()
        .map(|&i| w.eval.findings[i].severity)
        .collect();
    let first_warning = severities.iter().position(|s| *s == Severity::Warning);
    let last_error = severities.iter().rposition(|s| *s == Severity::Error);
    assert!(first_warning.is_some() && last_error.is_some());
    // The list is grouped by step; the steps with errors come first, and in each
    // step errors come before warnings.
    assert_eq!(severities[0], Severity::Error);
    assert!(
        w.order.windows(2).all(|p| {
            let (a, b) = (&w.eval.findings[p[0]], &w.eval.findings[p[1]]);
            a.place.step() != b.place.step() || a.severity <= b.severity
        }),
        "{severities:?}"
    );
    // Each entry is whole, wrapped, not cut at the dialog's edge.
    let screen = h.screen();
    assert!(
        screen.contains("(4)+(5)+(6)+(7)+(8) = 2.449 · lệch 2"),
        "{screen}"
    );
    assert!(screen.contains("bị bỏ qua"), "{screen}");
    let n = w.order.len();
    h.press("<end>");
    assert!(matches!(h.app.modal, Some(Modal::Findings { selected, .. }) if selected == n - 1));
    h.press("<home>");
    assert!(matches!(
        h.app.modal,
        Some(Modal::Findings { selected: 0, .. })
    ));
}

#[test]
fn a_row_being_typed_is_not_flagged_unfinished_until_the_cursor_leaves_it() {
    let mut h = Harness::district(Some("pl1"));
    h.press("1250<tab>800<tab>");
    let screen = h.screen();
    let row = line_with(&screen, "│1  │");
    assert!(
        !row.contains('!'),
        "no «unfinished» mark chasing the cursor: {row}"
    );
    assert!(
        !h.message().replace('\n', " ").contains("R1"),
        "{}",
        h.message().replace('\n', " ")
    );
    // Off the row: the warning shows, on the row and in the list.
    h.press("<down>");
    let screen = h.screen();
    let row = line_with(&screen, "│1  │");
    assert!(row.contains('!'), "{row}");
    let w = h.app.wizard().unwrap();
    assert!(w.eval.findings.iter().any(|f| f.rule == "R1"));
    // Back on the row without typing: it is not being typed any more, so it shows.
    h.press("<up>");
    assert!(line_with(&h.screen(), "│1  │").contains('!'));
    assert!(
        h.message().replace('\n', " ").contains("R1"),
        "{}",
        h.message().replace('\n', " ")
    );
}
