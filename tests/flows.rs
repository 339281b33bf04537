#![allow(clippy::unwrap_used, clippy::expect_used)]
//! Key sequences driving the wizard without a terminal, as a user types them.

mod common;

use baocao::app::{Action, Effect, Modal, Screen};
use baocao::draft::RowRef;
use baocao::i18n::{self, Lang};
use baocao::report::StepRef;
use baocao::rules::{RowKind, StepState};
use common::{Harness, template};

/// Moves the grid cursor to a row and column by pressing keys.
fn go_to_cell(h: &mut Harness, row: usize, col: &str) {
    let t = template();
    let w = h.app.wizard().unwrap();
    let table = w.table().unwrap().to_string();
    let col = t.table(&table).unwrap().column_index(col).unwrap();
    let (cur_row, cur_col) = (w.grid.row, w.grid.col);
    let vertical = if row >= cur_row {
        "<down>".repeat(row - cur_row)
    } else {
        "<up>".repeat(cur_row - row)
    };
    let horizontal = if col >= cur_col {
        "<right>".repeat(col - cur_col)
    } else {
        "<left>".repeat(cur_col - col)
    };
    h.press(&format!("{vertical}{horizontal}"));
    let w = h.app.wizard().unwrap();
    assert_eq!((w.grid.row, w.grid.col), (row, col));
}

/// The sheet index of a fixed row.
fn fixed_row(h: &Harness, table: &str, key: &str) -> usize {
    h.app
        .wizard()
        .unwrap()
        .eval
        .sheet(table)
        .unwrap()
        .fixed(key)
        .unwrap()
}

/// The sheet index of the row a unit's own report types into (its group's row).
fn unit_row(h: &Harness, table: &str, parent: &str) -> usize {
    let w = h.app.wizard().unwrap();
    let s = w.eval.sheet(table).unwrap();
    let p = s.fixed(parent).unwrap();
    assert!(!s.rows[p].foreign, "{parent} is another group's row");
    p
}

/// In the open findings list, moves to the first finding of `rule` and opens it.
fn open_finding(h: &mut Harness, rule: &str) {
    let w = h.app.wizard().unwrap();
    let n = w
        .order
        .iter()
        .position(|&i| w.eval.findings[i].rule == rule)
        .unwrap();
    h.press(&"<down>".repeat(n));
    h.press("<enter>");
}

fn messages(h: &Harness, rule: &str) -> Vec<String> {
    let w = h.app.wizard().unwrap();
    w.eval
        .findings
        .iter()
        .filter(|f| f.rule == rule)
        .map(|f| i18n::message(Lang::Vi, &h.app.template, f))
        .collect()
}

#[test]
fn vietnamese_text_and_an_inconsistent_row_are_flagged_fixed_and_saved() {
    let mut h = Harness::district(Some("i.1"));
    let text = "Ủy ban nhân dân huyện đã quán triệt Nghị quyết số 05-NQ/TU";
    h.press(text);
    assert_eq!(h.draft().answer("I.1", "text").unwrap().text, text);

    h.press("<c-g>pl1<enter>");
    assert_eq!(
        h.app.wizard().unwrap().step(),
        &StepRef::Table("pl1".into())
    );
    let row = unit_row(&h, "pl1", "III.1");
    go_to_cell(&mut h, row, "3");
    h.press("1250<tab>1000<tab>200<tab>30<tab>10<tab>8<enter>");
    let expected = "(3) 1.250 ≠ (4)+(5)+(6)+(7)+(8) = 1.248 · lệch 2";
    assert_eq!(messages(&h, "R1"), vec![expected.to_string()]);

    // The message is shown for the flagged cell, where the user is.
    go_to_cell(&mut h, row, "3");
    let w = h.app.wizard().unwrap();
    let here: Vec<String> = w
        .current_findings(&h.app.template)
        .iter()
        .map(|f| i18n::message(Lang::Vi, &h.app.template, f))
        .collect();
    assert!(here.contains(&expected.to_string()), "{here:?}");

    go_to_cell(&mut h, row, "8");
    h.press("10<enter>");
    assert!(messages(&h, "R1").is_empty());

    h.press("<c-s>");
    let saved = std::fs::read_to_string(h.path("tp")).unwrap();
    assert!(saved.contains(text), "{saved}");
    assert!(
        saved.contains(r#""3": "1250", "4": "1000", "5": "200", "6": "30", "7": "10", "8": "10""#),
        "{saved}"
    );
    assert!(h.app.wizard().unwrap().save.is_clean());
}

#[test]
fn escape_restores_what_was_in_the_cell() {
    let mut h = Harness::district(Some("pl1"));
    let row = unit_row(&h, "pl1", "III.1");
    go_to_cell(&mut h, row, "3");
    h.press("500<enter><up>");
    h.press("9999");
    let w = h.app.wizard().unwrap();
    assert_eq!(
        w.draft
            .cell("pl1", &w.eval.sheet("pl1").unwrap().rows[row].row, "3"),
        "9999",
        "live while typing"
    );
    h.press("<esc>");
    let w = h.app.wizard().unwrap();
    assert_eq!(
        w.draft
            .cell("pl1", &w.eval.sheet("pl1").unwrap().rows[row].row, "3"),
        "500"
    );
    assert!(w.grid.edit.is_none());
}

#[test]
fn a_wrong_number_is_kept_as_typed_and_explained() {
    let mut h = Harness::district(Some("pl1"));
    let row = unit_row(&h, "pl1", "III.1");
    go_to_cell(&mut h, row, "3");
    h.press("1,234<enter>");
    let w = h.app.wizard().unwrap();
    let r = &w.eval.sheet("pl1").unwrap().rows[row].row;
    assert_eq!(w.draft.cell("pl1", r, "3"), "1,234");
    let m = messages(&h, "R3");
    assert_eq!(m.len(), 1);
    assert!(
        m[0].contains("“1,234”") && m[0].contains("không rõ"),
        "{m:?}"
    );
}

#[test]
fn computed_cells_cannot_be_typed_into() {
    let mut h = Harness::district(Some("pl1"));
    let total = fixed_row(&h, "pl1", "TOTAL");
    go_to_cell(&mut h, total, "3");
    h.press("7");
    let w = h.app.wizard().unwrap();
    assert!(w.grid.edit.is_none());
    assert_eq!(w.draft.cell("pl1", &RowRef::Fixed("TOTAL".into()), "3"), "");
    assert_eq!(
        h.app.status.as_ref().unwrap().text,
        i18n::computed_cell(Lang::Vi)
    );
}

#[test]
fn rows_are_added_moved_and_deleted_within_their_group() {
    let mut h = Harness::district(Some("pl2"));
    let group = fixed_row(&h, "pl2", "III.1");
    go_to_cell(&mut h, group, "3");
    h.press("<c-a>Lĩnh vực đất đai<tab>3<tab>1<enter>");
    // Enter moved down to the next group's row; back up onto the new row.
    h.press("<up><up><c-a>Lĩnh vực xây dựng<tab>");
    let rows = |h: &Harness| -> Vec<(String, String)> {
        h.draft().tables["pl2"]
            .rows
            .iter()
            .map(|r| {
                (
                    r.parent.clone(),
                    r.cells.get("2").cloned().unwrap_or_default(),
                )
            })
            .collect()
    };
    assert_eq!(
        rows(&h),
        vec![
            ("III.1".to_string(), "Lĩnh vực đất đai".to_string()),
            ("III.1".to_string(), "Lĩnh vực xây dựng".to_string())
        ]
    );
    // Numbered under their group, "1.1", "1.2".
    let w = h.app.wizard().unwrap();
    let s = w.eval.sheet("pl2").unwrap();
    let stts: Vec<&str> = s
        .rows
        .iter()
        .filter(|r| r.kind == RowKind::Added)
        .map(|r| r.stt.as_str())
        .collect();
    assert_eq!(stts, vec!["1.1", "1.2"]);

    // The cursor is on the new row: move it up, above the first.
    h.press("<c-u>");
    assert_eq!(rows(&h)[0].1, "Lĩnh vực xây dựng");
    h.press("<c-u>");
    assert_eq!(
        rows(&h)[0].1,
        "Lĩnh vực xây dựng",
        "it stays within its group"
    );

    h.press("<c-d>");
    assert!(matches!(h.app.modal, Some(Modal::Confirm(_))));
    h.press("<esc>");
    assert_eq!(rows(&h).len(), 2, "Esc keeps the row");
    h.press("<c-d><enter>");
    assert_eq!(
        rows(&h),
        vec![("III.1".to_string(), "Lĩnh vực đất đai".to_string())]
    );
}

#[test]
fn long_text_cells_open_a_box_and_keep_the_text() {
    let mut h = Harness::district(Some("pl2"));
    let group = fixed_row(&h, "pl2", "III.2");
    go_to_cell(&mut h, group, "3");
    h.press("<c-a>Lĩnh vực hộ tịch<tab>2<tab>0<tab>");
    assert_eq!(h.app.wizard().unwrap().grid.col, 4);
    h.press("<enter>");
    assert!(matches!(h.app.modal, Some(Modal::LongText { .. })));
    h.press("Thiếu công chức tư pháp – hộ tịch.");
    // A pasted paragraph keeps its line breaks; Enter finishes the cell.
    h.send(baocao::app::Action::Paste("\nĐã bổ sung.".into()));
    h.press("<enter>");
    assert!(h.app.modal.is_none());
    let row = &h.draft().tables["pl2"].rows[0];
    assert_eq!(
        row.cells["5"],
        "Thiếu công chức tư pháp – hộ tịch.\nĐã bổ sung."
    );
}

#[test]
fn nothing_to_report_is_one_key_and_back_and_keeps_the_text() {
    let mut h = Harness::district(Some("ii.5"));
    let before = messages(&h, "R10").len();
    h.press("Nháp dở");
    h.press("<c-k>");
    let a = h.draft().answer("II.5", "text").unwrap();
    assert!(a.nothing_to_report);
    assert_eq!(a.text, "Nháp dở", "the text is kept");
    assert_eq!(messages(&h, "R10").len(), before - 1);
    h.press("<c-k>");
    assert!(!h.draft().answer("II.5", "text").unwrap().nothing_to_report);
}

#[test]
fn next_and_previous_walk_the_outline_in_order() {
    let mut h = Harness::district(Some("i.4"));
    h.press("<c-n>");
    assert_eq!(
        h.app.wizard().unwrap().step(),
        &StepRef::Section("II.1".into())
    );
    h.press("<c-p><c-p>");
    assert_eq!(
        h.app.wizard().unwrap().step(),
        &StepRef::Section("I.3".into())
    );
    h.press("<c-g>v<enter><c-n>");
    assert_eq!(
        h.app.wizard().unwrap().step(),
        &StepRef::Table("pl1".into())
    );
    h.press("<c-g>review<enter><c-n>");
    assert_eq!(
        h.app.wizard().unwrap().step(),
        &StepRef::Review,
        "the last step stays"
    );
}

#[test]
fn an_unknown_step_id_is_reported_and_nothing_moves() {
    let mut h = Harness::district(Some("i.2"));
    h.press("<c-g>pl9<enter>");
    assert_eq!(
        h.app.wizard().unwrap().step(),
        &StepRef::Section("I.2".into())
    );
    assert!(h.app.status.as_ref().unwrap().text.contains("pl9"));
}

#[test]
fn the_findings_list_jumps_to_the_place() {
    let mut h = Harness::district(Some("pl1"));
    let row = unit_row(&h, "pl1", "III.2");
    go_to_cell(&mut h, row, "3");
    h.press("100<tab>1<tab>1<tab>1<tab>1<tab>1<enter>");
    h.press("<c-g>i.1<enter><c-e>");
    assert!(matches!(h.app.modal, Some(Modal::Findings { .. })));
    open_finding(&mut h, "R1");
    let w = h.app.wizard().unwrap();
    assert!(h.app.modal.is_none());
    assert_eq!(w.step(), &StepRef::Table("pl1".into()));
    assert_eq!(w.grid.row, row);
    assert_eq!(
        w.grid.col,
        template().table("pl1").unwrap().column_index("3").unwrap()
    );
}

#[test]
fn it_saves_by_itself_shortly_after_a_change_and_on_a_step_change() {
    let mut h = Harness::district(Some("i.2"));
    let saves = |h: &Harness| {
        h.effects
            .iter()
            .filter(|e| matches!(e, Effect::Save { .. }))
            .count()
    };
    h.press("Kế hoạch số 45/KH-UBND");
    assert_eq!(saves(&h), 0, "not while typing");
    assert_eq!(h.app.next_deadline().map(|d| d > h.now), Some(true));
    h.wait(0.5);
    assert_eq!(saves(&h), 0);
    h.wait(0.6);
    assert_eq!(saves(&h), 1, "about a second after the last key");
    assert!(
        std::fs::read_to_string(h.path("tp"))
            .unwrap()
            .contains("45/KH-UBND")
    );
    h.press("x<c-n>");
    assert_eq!(saves(&h), 2, "a step change saves at once");
}

#[test]
fn typing_for_a_long_time_still_saves_every_half_minute() {
    let mut h = Harness::district(Some("i.2"));
    let saves = |h: &Harness| {
        h.effects
            .iter()
            .filter(|e| matches!(e, Effect::Save { .. }))
            .count()
    };
    for _ in 0..70 {
        h.press("a");
        h.wait(0.5);
    }
    assert!(saves(&h) >= 1, "a save within 35 s of continuous typing");
}

#[test]
fn a_failed_save_keeps_everything_says_why_and_retries() {
    let mut h = Harness::district(Some("i.2"));
    let drafts = h.path("tp").parent().unwrap().to_path_buf();
    // The folder goes away under the program (an unmounted share, say).
    let moved = h.dir.path().join("moved");
    std::fs::rename(&drafts, &moved).unwrap();
    h.press("Văn bản quan trọng<c-s>");
    let w = h.app.wizard().unwrap();
    assert!(w.save.error.is_some());
    assert!(!w.save.is_clean());
    assert!(h.app.status.as_ref().unwrap().text.contains("tp.ron"));
    assert_eq!(
        w.draft.answer("I.2", "text").unwrap().text,
        "Văn bản quan trọng"
    );

    // Quitting asks, since the work is not on disk.
    h.press("<c-q>");
    assert!(!h.app.quit);
    assert!(matches!(h.app.modal, Some(Modal::Confirm(_))));
    h.press("<esc>");
    assert!(!h.app.quit);

    std::fs::rename(&moved, &drafts).unwrap();
    h.wait(6.0);
    assert!(h.app.wizard().unwrap().save.is_clean(), "retried by itself");
    h.press("<c-q>");
    assert!(h.app.quit, "nothing unsaved: quits without asking");
}

#[test]
fn quitting_saves_first_and_does_not_ask() {
    let mut h = Harness::district(Some("i.3"));
    h.press("Tác động tích cực<c-q>");
    assert!(h.app.quit);
    assert!(h.app.modal.is_none());
    assert!(
        std::fs::read_to_string(h.path("tp"))
            .unwrap()
            .contains("Tác động tích cực")
    );
}

#[test]
fn findings_never_block_moving_saving_or_quitting() {
    let mut h = Harness::district(Some("pl1"));
    let row = unit_row(&h, "pl1", "III.1");
    go_to_cell(&mut h, row, "3");
    h.press("abc<enter><c-n><c-p><c-s>");
    assert!(h.app.wizard().unwrap().save.is_clean());
    assert!(!messages(&h, "R3").is_empty());
    h.press("<c-q>");
    assert!(h.app.quit);
}

#[test]
fn report_information_is_edited_in_its_step() {
    let mut h = Harness::district(Some("info"));
    h.press("<tab><tab><tab>UBND TỈNH BÌNH ĐỊNH<tab>215/BC-UBND<tab>Tuy Phước<tab>05/09/2024");
    let m = &h.draft().meta;
    assert_eq!(m.parent, "UBND TỈNH BÌNH ĐỊNH");
    assert_eq!(m.number, "215/BC-UBND");
    assert_eq!(m.date, "05/09/2024");
    h.press("<s-tab><s-tab><s-tab><s-tab><right>");
    assert_eq!(h.draft().meta.body, baocao::draft::BodyKind::Party);
}

#[test]
fn an_impossible_date_is_kept_as_typed_flagged_where_typed_and_found_from_anywhere() {
    let mut h = Harness::district(Some("info"));
    h.press("<tab><tab><tab><tab><tab><tab>31/04/2024");
    assert_eq!(h.draft().meta.date, "31/04/2024");
    let screen = h.screen();
    assert!(
        screen.contains("“31/04/2024”: tháng 4/2024 chỉ có 30 ngày"),
        "{screen}"
    );
    assert_eq!(messages(&h, "TT").len(), 1);
    assert_eq!(h.app.wizard().unwrap().state(0), StepState::Error);
    // From another step, the findings list leads back to the date field; it is listed
    // first, as its step is the first one.
    h.press("<c-g>i.1<enter><c-e>");
    let w = h.app.wizard().unwrap();
    assert_eq!(w.eval.findings[w.order[0]].rule, "TT");
    let screen = h.screen();
    assert!(screen.contains("Thông tin báo cáo — 1 lỗi"), "{screen}");
    open_finding(&mut h, "TT");
    let w = h.app.wizard().unwrap();
    assert_eq!(w.step(), &StepRef::Info);
    assert_eq!(w.fields.current().unwrap().value(), "31/04/2024");
    // Fixing it clears the finding; a leap day of a leap year is a real day.
    h.press(&format!("<end>{}29/2/2024", "<bs>".repeat(10)));
    assert_eq!(h.draft().meta.date, "29/2/2024");
    assert!(messages(&h, "TT").is_empty());
    h.press("<bs>5");
    assert_eq!(
        messages(&h, "TT"),
        ["“29/2/2025”: tháng 2/2025 chỉ có 28 ngày"]
    );
}

#[test]
fn the_start_screen_creates_duplicates_and_trashes_drafts() {
    let mut h = Harness::new();
    h.press("n");
    assert!(matches!(h.app.screen, Screen::NewDraft(_)));
    h.press("<enter>");
    assert!(
        h.app.status.as_ref().unwrap().error,
        "name and unit are needed"
    );
    h.press("so-noi-vu<tab>Sở Nội vụ<tab><enter>");
    assert_eq!(h.app.wizard().unwrap().draft.meta.unit, "Sở Nội vụ");
    assert!(h.path("so-noi-vu").exists());
    h.press("<c-q>");

    let mut h2 = Harness::new();
    h2.performer.store = h.performer.store.clone();
    h2.send(baocao::app::Action::Tick);
    h2.perform_list();
    h2.press("c<bs><bs>-ban-sao<enter>");
    assert!(h2.path("so-noi-vu-ban-sao").exists());
    h2.press("x");
    assert!(matches!(h2.app.modal, Some(Modal::Confirm(_))));
    h2.press("<enter>");
    assert!(!h2.path("so-noi-vu").exists());
    let trash: Vec<_> = std::fs::read_dir(h2.performer.store.trash_dir())
        .unwrap()
        .collect();
    assert_eq!(trash.len(), 1, "moved to the trash, not deleted");
}

#[test]
fn a_paste_is_text_one_undo_step_with_unix_line_breaks() {
    let mut h = Harness::district(Some("i.2"));
    h.press("Mở đầu. ");
    h.send(baocao::app::Action::Paste(
        "Dòng một\r\nDòng hai\rDòng ba".into(),
    ));
    assert_eq!(
        h.draft().answer("I.2", "text").unwrap().text,
        "Mở đầu. Dòng một\nDòng hai\nDòng ba"
    );
    h.press("<c-z>");
    assert_eq!(
        h.draft().answer("I.2", "text").unwrap().text,
        "Mở đầu. ",
        "one undo step"
    );
}

#[test]
fn an_unbracketed_paste_stays_in_its_step() {
    let mut h = Harness::district(Some("i.2"));
    // Without bracketed paste, line breaks and tabs arrive as Enter and Tab keys.
    h.press("Kế hoạch số 12<enter>Công văn số 7<tab>thêm<enter><enter>");
    let w = h.app.wizard().unwrap();
    assert_eq!(w.step(), &StepRef::Section("I.2".into()));
    assert!(!h.app.quit);
    assert!(
        h.draft()
            .answer("I.2", "text")
            .unwrap()
            .text
            .contains("Kế hoạch số 12\nCông văn số 7")
    );
}

#[test]
fn decomposed_typing_is_composed_as_it_comes() {
    let mut h = Harness::district(Some("i.2"));
    // "Việt" as a decomposed keyboard sends it: e, combining dot below, combining circumflex.
    h.press("Vie\u{0323}\u{0302}t");
    assert_eq!(h.draft().answer("I.2", "text").unwrap().text, "Việt");
    h.press("<bs>");
    assert_eq!(
        h.draft().answer("I.2", "text").unwrap().text,
        "Việ",
        "Backspace removes a whole letter"
    );
}

#[test]
fn key_releases_and_repeats_are_ignored() {
    use ratatui::crossterm::event::{KeyCode, KeyEvent, KeyEventKind, KeyModifiers};
    let mut h = Harness::district(Some("i.2"));
    for kind in [KeyEventKind::Release, KeyEventKind::Repeat] {
        let mut k = KeyEvent::new(KeyCode::Char('x'), KeyModifiers::NONE);
        k.kind = kind;
        h.send(baocao::app::Action::Key(k));
    }
    assert!(h.draft().answer("I.2", "text").is_none());
}

#[test]
fn built_in_telex_types_vietnamese_and_is_remembered() {
    let mut h = Harness::district(Some("i.1"));
    h.press("<c-t>");
    assert_eq!(h.app.typing.method, baocao::ime::InputMethod::Telex);
    h.press("Uyr ban nhaan daan huyeenj Tuy Phuwowcs");
    assert_eq!(
        h.draft().answer("I.1", "text").unwrap().text,
        "Ủy ban nhân dân huyện Tuy Phước"
    );
    // Numbers stay numbers: Telex letters in a number field are not tone keys.
    h.press("<tab>1234");
    assert_eq!(h.draft().answer("I.1", "dang_vien").unwrap().text, "1234");
    assert!(h.performer.store.settings().input_method == baocao::ime::InputMethod::Telex);
    h.press("<c-t>");
    assert_eq!(h.app.typing.method, baocao::ime::InputMethod::Vni);
    h.press("<c-t>");
    assert_eq!(h.app.typing.method, baocao::ime::InputMethod::Off);
}

#[test]
fn findings_follow_a_pause_in_typing_or_leaving_the_cell_in_a_very_large_draft() {
    let mut h = Harness::new();
    let t = template();
    let big = baocao::synth::consolidated(&t, 3000, 64);
    h.performer.store.create("big", &big).unwrap();
    h.perform(Effect::Open {
        name: "big".into(),
        goto: Some("pl1".into()),
        mode: Default::default(),
    });
    let before = messages(&h, "R1").len();
    // The first unit row of group I: (3) made wrong by typing over it.
    let row = {
        let w = h.app.wizard().unwrap();
        let s = w.eval.sheet("pl1").unwrap();
        s.rows[s.fixed("I").unwrap()].children[0]
    };
    go_to_cell(&mut h, row, "3");
    h.press("9");
    assert_eq!(messages(&h, "R1").len(), before, "not yet: typing goes on");
    assert!(h.app.wizard().unwrap().eval_due.is_some());
    h.wait(0.5);
    assert_eq!(
        messages(&h, "R1").len(),
        before + 1,
        "after a pause the findings catch up"
    );
    h.press("<bs>1000<enter>");
    assert!(
        h.app.wizard().unwrap().eval_due.is_none(),
        "leaving the cell evaluates"
    );
    assert!(messages(&h, "R1").iter().any(|m| m.contains("(3) 1.000 ≠")));
}

/// Ctrl-X, the path replaced with one in the test's folder.
fn open_export_to(h: &mut Harness, path: &std::path::Path) {
    h.press("<c-x>");
    assert!(h.screen().contains("Xuất báo cáo"), "{}", h.screen());
    h.press("<end><c-u>");
    h.send(Action::Paste(path.display().to_string()));
}

#[test]
fn the_review_step_exports_docx_xlsx_and_markdown_without_changing_the_draft() {
    let mut h = Harness::with_sample("huyen-tuy-phuoc", Some("review"), (80, 24));
    let before = std::fs::read(h.path("huyen-tuy-phuoc")).unwrap();
    assert!(h.screen().contains("Ctrl-X: xuất báo cáo"));
    h.press("<c-x>");
    let s = h.screen();
    assert!(s.contains("[ DOCX ]"), "{s}");
    assert!(
        s.contains("bao-cao-huyen-tuy-phuoc.docx"),
        "a name from the draft's: {s}"
    );
    assert!(!s.contains("DỰ THẢO"), "no errors, no warning: {s}");
    // Tab changes the format and the suggested name's extension with it: the PDF of
    // the same document comes next.
    h.press("<tab>");
    let s = h.screen();
    assert!(
        s.contains("[ PDF ]") && s.contains("bao-cao-huyen-tuy-phuoc.pdf"),
        "{s}"
    );
    h.press("<tab>");
    let s = h.screen();
    assert!(
        s.contains("[ XLSX ]") && s.contains("bao-cao-huyen-tuy-phuoc.xlsx"),
        "{s}"
    );
    h.press("<esc>");
    assert!(h.app.modal.is_none());
    let out = h.dir.path().join("xuat");
    std::fs::create_dir_all(&out).unwrap();
    // A typed name's extension chooses the format; a name without one gets the
    // chosen format's.
    for (name, shown, written) in [
        ("bc.docx", "[ DOCX ]", "bc.docx"),
        ("bc.xlsx", "[ XLSX ]", "bc.xlsx"),
        ("bc.md", "[ Markdown ]", "bc.md"),
        ("bang", "[ Markdown ]", "bang.md"),
    ] {
        open_export_to(&mut h, &out.join(name));
        assert!(h.screen().contains(shown), "{name}: {}", h.screen());
        h.press("<enter>");
        assert!(h.app.modal.is_none(), "{name}: {}", h.screen());
        assert!(out.join(written).exists(), "{written} written");
        let status = &h.app.status.as_ref().unwrap().text;
        assert!(
            status.contains("Đã xuất") && status.contains(written),
            "{status}"
        );
    }
    let zip_has = |name: &str, part: &str| {
        let f = std::fs::File::open(out.join(name)).unwrap();
        zip::ZipArchive::new(f).unwrap().by_name(part).is_ok()
    };
    assert!(zip_has("bc.docx", "word/document.xml"));
    assert!(zip_has("bc.xlsx", "xl/workbook.xml"));
    let md = std::fs::read_to_string(out.join("bc.md")).unwrap();
    assert!(md.contains("# BÁO CÁO"));
    assert_eq!(std::fs::read(h.path("huyen-tuy-phuoc")).unwrap(), before);
    // The next export suggests the last folder and format.
    h.press("<c-x>");
    let s = h.screen();
    assert!(s.contains("[ Markdown ]"), "{s}");
    assert!(s.contains(&out.display().to_string()), "{s}");
    h.press("<esc>");
    // A bare name goes to that folder; a folder gets the suggested name.
    open_export_to(&mut h, std::path::Path::new("tuong-doi"));
    h.press("<enter>");
    assert!(out.join("tuong-doi.md").exists());
    open_export_to(&mut h, &out);
    h.press("<enter>");
    let suggested = out.join("bao-cao-huyen-tuy-phuoc.md");
    assert!(suggested.exists(), "{}", h.screen());
    // Nothing typed: the dialog says so and stays.
    h.press("<c-x><end><c-u><enter>");
    assert!(h.screen().contains("Gõ tên tệp"), "{}", h.screen());
    h.press("<esc>");
    // An existing file is replaced only when the user says so.
    fs_write(&suggested, "bản đã sửa tay");
    open_export_to(&mut h, &suggested);
    h.press("<enter>");
    assert!(h.screen().contains("Đã có tệp"), "{}", h.screen());
    h.press("k");
    assert_eq!(
        std::fs::read_to_string(&suggested).unwrap(),
        "bản đã sửa tay"
    );
    // "No" goes back to the dialog with the path, to change it.
    assert!(matches!(h.app.modal, Some(Modal::Export { .. })));
    assert!(
        h.screen().contains("bao-cao-huyen-tuy-phuoc.md"),
        "{}",
        h.screen()
    );
    h.press("<enter>c");
    assert!(
        std::fs::read_to_string(&suggested)
            .unwrap()
            .contains("# BÁO CÁO")
    );
}

fn fs_write(path: &std::path::Path, text: &str) {
    std::fs::write(path, text).unwrap();
}

#[test]
fn exporting_with_errors_warns_and_marks_the_draft_and_a_bad_path_keeps_the_dialog() {
    let mut h = Harness::with_sample("vi-pham-quy-tac", Some("review"), (80, 24));
    h.press("<c-x>");
    let s = h.screen();
    assert!(s.contains("Còn 9 lỗi") && s.contains("DỰ THẢO"), "{s}");
    // Ctrl-E from the dialog lists the errors.
    h.press("<end>x<c-e>");
    assert!(matches!(h.app.modal, Some(Modal::Findings { .. })));
    // Esc goes back to the dialog as it was left.
    h.press("<esc>");
    assert!(h.screen().contains("docxx"), "{}", h.screen());
    h.press("<esc>");
    let bad = h.dir.path().join("khong-co").join("bc.docx");
    open_export_to(&mut h, &bad);
    h.press("<enter>");
    let s = h.screen();
    assert!(
        matches!(h.app.modal, Some(Modal::Export { .. })),
        "the dialog is back: {s}"
    );
    assert!(
        s.contains("Không có thư mục"),
        "says the folder is missing: {s}"
    );
    assert!(s.contains("khong-co"), "the path is kept to fix: {s}");
    assert!(!bad.exists());
    let good = h.dir.path().join("bc.docx");
    h.press("<end><c-u>");
    h.send(Action::Paste(good.display().to_string()));
    h.press("<enter>");
    assert!(good.exists());
    assert!(h.app.status.as_ref().unwrap().text.contains("DỰ THẢO"));
}

#[test]
fn a_typed_extension_in_capitals_follows_tab_and_decides_the_format() {
    let mut h = Harness::with_sample("huyen-tuy-phuoc", Some("review"), (80, 24));
    let out = h.dir.path().join("BC.DOCX");
    open_export_to(&mut h, &out);
    assert!(h.screen().contains("[ DOCX ]"), "{}", h.screen());
    h.press("<tab><tab>");
    let s = h.screen();
    assert!(s.contains("[ XLSX ]") && s.contains("BC.xlsx"), "{s}");
    h.press("<enter>");
    let written = h.dir.path().join("BC.xlsx");
    let f = std::fs::File::open(&written).unwrap();
    assert!(
        zip::ZipArchive::new(f)
            .unwrap()
            .by_name("xl/workbook.xml")
            .is_ok()
    );
    assert!(!out.exists());
}

#[test]
fn quitting_while_an_export_is_written_waits_for_it_and_a_late_failure_is_reported() {
    let mut h = Harness::with_sample("huyen-tuy-phuoc", Some("review"), (80, 24));
    // Exports on a thread of their own, as in the real program.
    let (tx, rx) = std::sync::mpsc::channel();
    h.performer.background = Some(tx);
    let out = h.dir.path().join("bc.docx");
    open_export_to(&mut h, &out);
    h.press("<enter><c-q>");
    assert!(!h.app.quit, "the export is still being written");
    let s = h.screen();
    assert!(s.contains("sẽ thoát khi xuất xong"), "{s}");
    let done = rx.recv_timeout(std::time::Duration::from_secs(30)).unwrap();
    h.send(done);
    assert!(h.app.quit, "quits once it is written");
    assert!(out.exists());

    // A failure that arrives while another dialog is open does not take its place.
    let mut h = Harness::with_sample("huyen-tuy-phuoc", Some("review"), (80, 24));
    h.press("<c-e>");
    h.send(Action::Exported {
        result: Err((out.clone(), baocao::export::Format::Docx, "đĩa đầy".into())),
    });
    assert!(matches!(h.app.modal, Some(Modal::Findings { .. })));
    let status = h.app.status.as_ref().unwrap();
    assert!(status.error && status.text.contains("đĩa đầy"));
}

/// The last line of the screen.
fn footer(h: &Harness) -> String {
    h.screen().lines().last().unwrap_or("").to_string()
}

#[test]
fn the_footer_says_left_right_chooses_on_a_choice_field() {
    // The new-draft form: name, unit, then the group and the kind of body.
    let mut h = Harness::new();
    h.press("n");
    assert!(!footer(&h).contains("←/→"), "{}", footer(&h));
    h.press("<tab><tab>");
    assert!(
        footer(&h).starts_with(" ←/→ chọn  Tab ô sau"),
        "{}",
        footer(&h)
    );
    h.press("<tab>");
    assert!(footer(&h).contains("←/→ chọn"), "{}", footer(&h));
    h.press("<tab>");
    assert!(!footer(&h).contains("←/→"), "{}", footer(&h));
    // The information step of a draft.
    let mut h = Harness::district(Some("info"));
    assert!(!footer(&h).contains("←/→"), "{}", footer(&h));
    h.press("<tab>");
    assert!(
        footer(&h).starts_with(" ←/→ chọn  Tab ô sau"),
        "{}",
        footer(&h)
    );
    h.press("<right>");
    assert_eq!(h.draft().meta.group, baocao::draft::UnitGroup::I);
    h.press("<tab>");
    assert!(footer(&h).starts_with(" ←/→ chọn"), "{}", footer(&h));
    h.press("<tab>");
    assert!(footer(&h).starts_with(" Tab ô sau"), "{}", footer(&h));
}

#[test]
fn the_start_screen_says_x_moves_a_draft_to_the_trash() {
    let h = Harness::district(None);
    let mut h2 = Harness::new();
    h2.performer.store = h.performer.store.clone();
    h2.perform_list();
    let f = footer(&h2);
    assert!(f.contains(" x bỏ vào thùng rác "), "{f}");
    assert!(!f.contains("x xóa"), "{f}");
}

#[test]
fn go_to_takes_the_outline_numbering_down_to_lettered_items() {
    for typed in ["ii.2.a", "II.2 a", "II.2a", "ii.2 a)", "ii.2.c", "II.2 c)"] {
        let mut h = Harness::district(Some("i.1"));
        h.press(&format!("<c-g>{typed}<enter>"));
        let w = h.app.wizard().unwrap();
        assert!(h.app.status.is_none(), "{typed}: {:?}", h.app.status);
        assert_eq!(w.step(), &StepRef::Section("II.2".into()), "{typed}");
        let want = if typed.contains('c') { "c" } else { "a" };
        assert!(
            matches!(&w.fields.current().unwrap().key,
                baocao::app::FieldKey::Answer { field, .. } if field == want),
            "{typed}"
        );
        // Typing goes into that item.
        h.press("Đã rà soát");
        assert_eq!(
            h.draft().answer("II.2", want).map(|a| a.text.as_str()),
            Some("Đã rà soát"),
            "{typed}"
        );
    }
    // Steps and tables keep working; the cursor starts on the step's first item.
    for (typed, step) in [
        ("ii.2", StepRef::Section("II.2".into())),
        ("pl1", StepRef::Table("pl1".into())),
        ("phụ lục 1", StepRef::Table("pl1".into())),
    ] {
        let mut h = Harness::district(Some("i.1"));
        h.press(&format!("<c-g>{typed}<enter>"));
        let w = h.app.wizard().unwrap();
        assert_eq!(w.step(), &step, "{typed}");
        assert_eq!(w.fields.focus, 0, "{typed}");
    }
    let mut h = Harness::district(Some("i.1"));
    h.press("<c-g>ii.2.z<enter>");
    assert_eq!(
        h.app.wizard().unwrap().step(),
        &StepRef::Section("I.1".into())
    );
    assert!(h.app.status.as_ref().unwrap().text.contains("ii.2.a"));
}

#[test]
fn the_draft_name_field_gives_an_example_and_the_characters_allowed() {
    let mut h = Harness::new();
    h.press("n");
    let screen = h.screen();
    assert!(
        screen
            .contains("vd: huyen-tuy-phuoc · chữ, số, - _ . (không dấu cách, không mở đầu bằng .)"),
        "{screen}"
    );
    // A name the store refuses is said so, in the same words.
    h.press("tuy phuoc<tab>UBND huyện Tuy Phước<c-s>");
    let status = h.app.status.as_ref().unwrap();
    assert!(
        status.error && status.text.contains("chỉ dùng chữ, số"),
        "{}",
        status.text
    );
    // Each focused field says what it takes on the row under the form.
    h.press("<tab><tab><tab><tab>");
    assert!(h.screen().contains("│vd: 215/BC-UBND"), "{}", h.screen());
}

#[test]
fn recipients_show_every_line_and_keep_a_typed_semicolon() {
    let mut h = Harness::district(Some("info"));
    h.press(&"<tab>".repeat(9));
    h.press("Như trên;<enter>Sở Nội vụ;<enter>UBND tỉnh<enter>Lưu: VT, VP.");
    assert_eq!(
        h.draft().meta.recipients,
        ["Như trên;", "Sở Nội vụ;", "UBND tỉnh", "Lưu: VT, VP."]
    );
    // The hint says the export adds the ";", whole on the message line.
    let screen = h.screen();
    assert!(
        screen.contains("mỗi dòng một nơi nhận; dấu ; ở cuối do chương trình thêm khi xuất"),
        "{screen}"
    );
    // Away from it, every line is shown on its own row, as typed.
    h.press("<s-tab>");
    let screen = h.screen();
    for line in ["Như trên;", "Sở Nội vụ;", "UBND tỉnh", "Lưu: VT, VP."] {
        assert!(
            screen.lines().any(|l| l.ends_with(&format!("│   {line}"))),
            "{line}\n{screen}"
        );
    }
    // The export ends each line with one ";" and the last with ".".
    assert_eq!(
        baocao::export::recipient_lines(h.draft()),
        [
            "- Như trên;",
            "- Sở Nội vụ;",
            "- UBND tỉnh;",
            "- Lưu: VT, VP."
        ]
    );
}

#[test]
fn the_new_draft_form_shows_every_recipient_line() {
    let mut h = Harness::new();
    h.press("n");
    h.press(&"<tab>".repeat(10));
    h.press("Như trên;<enter>Sở Nội vụ;<enter>UBND tỉnh;<enter>Lưu: VT.");
    let screen = h.screen();
    assert!(
        screen.contains("mỗi dòng một nơi nhận; dấu ; ở cuối do chương trình thêm khi xuất"),
        "{screen}"
    );
    h.press("<s-tab>");
    let screen = h.screen();
    for line in ["Như trên;", "Sở Nội vụ;", "UBND tỉnh;", "Lưu: VT."] {
        assert!(screen.contains(&format!(" {line} ")), "{line}\n{screen}");
    }
    h.press(&format!("{}tp<tab>Sở Nội vụ<c-s>", "<s-tab>".repeat(9)));
    assert_eq!(
        h.app.wizard().unwrap().draft.meta.recipients,
        ["Như trên;", "Sở Nội vụ;", "UBND tỉnh;", "Lưu: VT."]
    );
}

#[test]
fn the_footer_keeps_its_keys_at_80_columns_in_every_typing_mode() {
    // Issue 13, point 5: with Telex shown, «^N bước sau» fell off.
    for lang in [baocao::i18n::Lang::Vi, baocao::i18n::Lang::En] {
        let mut h = Harness::district(Some("i.2"));
        h.app.lang = lang;
        let mut seen = Vec::new();
        for method in [
            baocao::ime::InputMethod::Off,
            baocao::ime::InputMethod::Telex,
            baocao::ime::InputMethod::Vni,
        ] {
            h.app.typing.method = method;
            let line = footer(&h);
            assert!(line.contains("^N"), "{lang:?} {method:?}: {line}");
            assert!(line.contains("^S"), "{lang:?} {method:?}: {line}");
            assert!(line.contains("^T"), "{lang:?} {method:?}: {line}");
            assert!(
                line.trim_end().ends_with(match method {
                    baocao::ime::InputMethod::Off => {
                        if lang == baocao::i18n::Lang::Vi {
                            "tắt"
                        } else {
                            "plain"
                        }
                    }
                    baocao::ime::InputMethod::Telex => "Telex",
                    baocao::ime::InputMethod::Vni => "VNI",
                }),
                "{lang:?} {method:?}: {line}"
            );
            seen.push(line);
        }
        assert!(
            seen.iter()
                .all(|l| unicode_width::UnicodeWidthStr::width(l.as_str()) <= 80)
        );
    }
}
