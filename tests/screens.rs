#![allow(clippy::unwrap_used, clippy::expect_used)]
//! Whole screens drawn into a test terminal at 80×24 and at a wide size (insta
//! snapshots), and buffer assertions that flags and computed cells carry their style.

mod common;

use baocao::ui::theme;
use common::Harness;
use ratatui::style::Modifier;

const SMALL: (u16, u16) = (80, 24);
const WIDE: (u16, u16) = (160, 48);

/// Snapshot with the clock readings (file times, "Đã lưu 14:32") blanked.
macro_rules! snap {
    ($name:expr, $screen:expr) => {
        insta::with_settings!({filters => vec![
            (r"\d\d/\d\d/\d{4} \d\d:\d\d", "[dd/mm/yyyy hh:mm]"),
            (r"Đã lưu \d\d:\d\d", "Đã lưu [hh:mm]"),
        ]}, {
            insta::assert_snapshot!($name, $screen);
        });
    };
}

#[test]
fn start_screen() {
    let mut h = Harness::sized(SMALL);
    for s in ["huyen-tuy-phuoc", "so-noi-vu", "vi-pham-quy-tac"] {
        let from = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join(format!("sample/{s}.ron"));
        let to = h.path(s);
        std::fs::create_dir_all(to.parent().unwrap()).unwrap();
        std::fs::copy(from, to).unwrap();
    }
    h.perform_list();
    snap!("start_80x24", h.screen());
}

#[test]
fn new_draft_form() {
    let mut h = Harness::sized(SMALL);
    h.press("ntuy-phuoc<tab>UBND huyện Tuy Phước");
    snap!("new_draft_80x24", h.screen());
}

#[test]
fn section_step() {
    for (size, name) in [(SMALL, "section_i1_80x24"), (WIDE, "section_i1_160x48")] {
        let h = Harness::with_sample("huyen-tuy-phuoc", Some("i.1"), size);
        snap!(name, h.screen());
    }
}

#[test]
fn section_with_lettered_items() {
    let h = Harness::with_sample("huyen-tuy-phuoc", Some("ii.1"), SMALL);
    snap!("section_ii1_80x24", h.screen());
}

#[test]
fn table_with_a_flagged_row() {
    for (size, name) in [(SMALL, "pl1_flagged_80x24"), (WIDE, "pl1_flagged_160x48")] {
        let h = Harness::with_sample("vi-pham-quy-tac", Some("pl1"), size);
        snap!(name, h.screen());
    }
}

#[test]
fn indicators_with_targets_and_bars() {
    for (size, name) in [(SMALL, "pl3_80x24"), (WIDE, "pl3_160x48")] {
        let h = Harness::with_sample("so-noi-vu", Some("pl3"), size);
        snap!(name, h.screen());
    }
}

#[test]
fn review_step() {
    let h = Harness::with_sample("vi-pham-quy-tac", Some("review"), SMALL);
    snap!("review_80x24", h.screen());
}

#[test]
fn export_dialog_with_errors() {
    let mut h = Harness::with_sample("vi-pham-quy-tac", Some("review"), SMALL);
    h.press("<c-x><end><c-u>");
    // A fixed path: the suggestion depends on the machine's home folder.
    h.send(baocao::app::Action::Paste("/srv/bao-cao/bc.docx".into()));
    snap!("export_80x24", h.screen());
}

#[test]
fn findings_dialog_and_help() {
    let mut h = Harness::with_sample("vi-pham-quy-tac", Some("pl1"), SMALL);
    h.press("<c-e>");
    snap!("findings_80x24", h.screen());
    h.press("<esc>?");
    snap!("help_80x24", h.screen());
}

#[test]
fn welcome_on_first_use() {
    let (app, _) = baocao::app::App::new(baocao::i18n::Lang::Vi, common::template(), SMALL, true);
    let mut h = Harness::sized(SMALL);
    h.app = app;
    snap!("welcome_80x24", h.screen());
}

#[test]
fn too_small_says_what_is_needed_and_recovers() {
    let mut h = Harness::district(Some("i.1"));
    h.press("Đang viết dở");
    h.send(baocao::app::Action::Resize(60, 20));
    let small = h.screen();
    assert!(small.contains("cần ít nhất 80×24"), "{small}");
    assert!(small.contains("60×20"), "{small}");
    h.send(baocao::app::Action::Resize(0, 0));
    let _ = h.screen();
    h.send(baocao::app::Action::Resize(80, 24));
    let back = h.screen();
    assert!(back.contains("Đang viết dở"), "{back}");
}

#[test]
fn english_interface() {
    let mut h = Harness::with_sample("vi-pham-quy-tac", Some("pl1"), SMALL);
    h.app.lang = baocao::i18n::Lang::En;
    let s = h.screen();
    assert!(s.contains("Enter edit cell  Del clear cell"), "{s}");
    assert!(s.contains("APPENDIX 1"), "{s}");
}

/// Finds the position of the first cell at or after `(0, y)` that starts `text`.
fn find(buf: &ratatui::buffer::Buffer, text: &str) -> Option<(u16, u16)> {
    for y in 0..buf.area.height {
        let line: Vec<String> = (0..buf.area.width)
            .map(|x| buf[(x, y)].symbol().to_string())
            .collect();
        let joined: String = line.concat();
        if let Some(byte) = joined.find(text) {
            let prefix = &joined[..byte];
            // Every cell holds one symbol here, so count symbols.
            let mut x = 0u16;
            let mut acc = String::new();
            for s in &line {
                if acc.len() >= prefix.len() {
                    break;
                }
                acc.push_str(s);
                x += 1;
            }
            return Some((x, y));
        }
    }
    None
}

#[test]
fn a_flagged_cell_is_marked_by_style_and_symbol_and_computed_cells_stand_apart() {
    let mut h = Harness::with_sample("vi-pham-quy-tac", Some("pl1"), SMALL);
    // Off the flagged cell (where the step opens), so that its own style shows.
    h.press("<down><down>");
    let term = h.draw();
    let buf = term.backend().buffer();
    let th = theme();
    // The unit's row's (3) = 2.451 is flagged (R1).
    let (x, y) = find(buf, "2.451✗").expect("the flagged value with its mark");
    let cell = &buf[(x, y)];
    assert!(cell.modifier.contains(Modifier::UNDERLINED), "{cell:?}");
    assert_eq!(cell.fg, th.error.fg.unwrap_or_default());
    // TỔNG CỘNG is computed: its (4) is drawn in the computed style.
    let (_, ty) = find(buf, "TỔNG CỘNG").unwrap();
    let (cx, cy) = find(buf, "2.535").unwrap();
    assert_eq!(cy, ty);
    let c = &buf[(cx, cy)];
    let computed = th.computed;
    assert!(
        computed.fg.is_none_or(|fg| c.fg == fg) && c.modifier.contains(computed.add_modifier),
        "{c:?}"
    );
    // Group rows are bold.
    let (gx, gy) = find(buf, "Các Sở, ban, ngành").unwrap();
    assert!(buf[(gx, gy)].modifier.contains(Modifier::BOLD));
}

#[test]
fn information_labels_and_values_are_whole_at_80x24() {
    for lang in ["vi", "en"] {
        let mut h = Harness::with_sample("huyen-tuy-phuoc", Some("info"), SMALL);
        if lang == "en" {
            h.app.lang = baocao::i18n::Lang::En;
        }
        let screen = h.screen();
        let w = h.app.wizard().unwrap();
        for f in &w.fields.items {
            assert!(
                screen.contains(&f.label),
                "{lang}: label «{}» cut\n{screen}",
                f.label
            );
            let value = f.value();
            if matches!(f.kind, baocao::app::FieldKind::Line) && value.chars().count() <= 24 {
                assert!(
                    screen.contains(&value),
                    "{lang}: value «{value}» cut\n{screen}"
                );
            }
        }
    }
}

#[test]
fn a_wrapped_paragraph_never_starts_a_row_with_a_space_and_the_cursor_follows_the_text() {
    let mut h = Harness::with_sample("huyen-tuy-phuoc", Some("i.1"), SMALL);
    h.press(" Thêm một câu nữa để thử xuống dòng.");
    let mut term = h.draw();
    let screen = h.screen();
    // The editor's rows: after the tree and the editor's left border "│ │".
    let rows: Vec<&str> = screen
        .lines()
        .filter_map(|l| l.split_once("│ │").map(|(_, r)| r))
        .collect();
    assert!(rows.len() > 3, "{screen}");
    for r in &rows {
        assert!(
            !r.starts_with(' '),
            "a row starts with a space: «{r}»\n{screen}"
        );
    }
    // The cursor is right after the last character typed.
    let last = rows.iter().rev().find(|r| !r.trim().is_empty()).unwrap();
    assert!(last.trim_end().ends_with("xuống dòng."), "{screen}");
    let pos = term.get_cursor_position().unwrap();
    let buf = term.backend().buffer().clone();
    let line: String = (0..buf.area.width)
        .map(|x| buf[(x, pos.y)].symbol().to_string())
        .collect();
    assert!(line.contains("xuống dòng."), "cursor row: {line}");
    let before: String = (0..pos.x)
        .map(|x| buf[(x, pos.y)].symbol().to_string())
        .collect();
    assert!(
        before.trim_end().ends_with("dòng."),
        "cursor after: «{before}»"
    );
}
