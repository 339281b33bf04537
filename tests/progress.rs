#![allow(clippy::unwrap_used, clippy::expect_used)]
//! Issue 10, point 7: honest progress. A step is ✓ only when every cell and field it
//! asks for is filled or marked «Không phát sinh»; the review step and the export
//! dialog count what is missing the same way and say what they count.

mod common;

use baocao::report::StepRef;
use baocao::rules::StepState;
use common::Harness;

fn state(h: &Harness, step: &str) -> StepState {
    let w = h.app.wizard().unwrap();
    let i = w
        .steps
        .iter()
        .position(|s| match s {
            StepRef::Section(id) | StepRef::Table(id) => id == step,
            _ => false,
        })
        .unwrap();
    w.state(i)
}

#[test]
fn phu_luc_1_is_done_only_when_both_of_the_districts_rows_are_filled() {
    let mut h = Harness::district(Some("pl1"));
    h.press("100<tab>60<tab>40<tab>0<tab>0<tab>0<tab>");
    assert_eq!(
        state(&h, "pl1"),
        StepState::Partial,
        "«2 Tại cấp xã» is empty"
    );
    h.press("50<tab>30<tab>20<tab>0<tab>0<tab>");
    assert_eq!(state(&h, "pl1"), StepState::Partial, "one cell left");
    h.press("0<tab>");
    assert_eq!(state(&h, "pl1"), StepState::Done);
    // «Không phát sinh» counts as filled, for a table with nothing in it.
    h.press("<c-n><c-k>");
    assert_eq!(state(&h, "pl2"), StepState::Done);
}

#[test]
fn a_section_is_done_only_with_its_figures_too() {
    let mut h = Harness::district(Some("i.1"));
    h.press("Đã tổ chức 12 hội nghị quán triệt.");
    assert_eq!(state(&h, "I.1"), StepState::Partial, "two figures blank");
    h.press("<tab>4236<tab>1875");
    assert_eq!(state(&h, "I.1"), StepState::Done);
}

#[test]
fn the_review_step_and_the_export_dialog_count_the_blanks_the_same_way() {
    let mut h = Harness::district(Some("pl1"));
    h.press("100<tab>60<tab>40<tab>0<tab>0<tab>0<tab>");
    let w = h.app.wizard().unwrap();
    let blanks = baocao::rules::missing::report(&h.app.template, &w.draft, &w.eval);
    assert_eq!(blanks.cells, 6, "«2 Tại cấp xã»: six cells");
    assert_eq!(blanks.tables, 3, "Phụ lục 2, 3 and 4 are empty");
    let said = baocao::i18n::missing(baocao::i18n::Lang::Vi, &blanks);
    assert!(
        said.contains("6 ô bảng") && said.contains("3 phụ lục trống"),
        "{said}"
    );
    let squeeze = |s: &str| s.split_whitespace().collect::<Vec<_>>().join(" ");
    // The text as the pane shows it: each line after the tree (and a dialog's frame),
    // the wrapped lines joined.
    let pane = |h: &Harness| {
        let screen = h.screen();
        let text: Vec<String> = screen
            .lines()
            .map(|l| {
                let right = l.split_once('│').map_or(l, |(_, r)| r);
                right.replace(['│', '┐', '┘', '┌', '└', '─'], " ")
            })
            .collect();
        squeeze(&text.join(" "))
    };
    let said = squeeze(&said);
    h.press("<c-g>review<enter>");
    assert!(pane(&h).contains(&said), "review:\n{}", h.screen());
    h.press("<c-x>");
    assert!(pane(&h).contains(&said), "export dialog:\n{}", h.screen());
}
