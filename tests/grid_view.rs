#![allow(clippy::unwrap_used, clippy::expect_used)]
//! Issue 10, point 2: the whole row in view at 80×24. Phụ lục 1's columns (1)–(8) are
//! all on screen with figures up to 9.999.999 whole; the outline tree folds away on
//! table steps of a narrow terminal (Ctrl-W or Esc shows it); column widths follow
//! their content; a cut name is shown whole under the grid; Phụ lục 2 and 4 show every
//! number column, Phụ lục 3 at least (2), (3), (4), (5) and (7). Snapshots of each
//! table at 80×24.

mod common;

use common::{Harness, line_with, message_lines};

const SMALL: (u16, u16) = (80, 24);

/// Snapshot with the clock reading of the save state blanked.
macro_rules! snap {
    ($name:expr, $screen:expr) => {
        insta::with_settings!({filters => vec![(r"Đã lưu \d\d:\d\d", "Đã lưu [hh:mm]")]}, {
            insta::assert_snapshot!($name, $screen);
        });
    };
}

/// The grid's header line of column numbers: "(1)", "(2)" … as on screen.
fn column_numbers(screen: &str) -> Vec<String> {
    let line = screen.lines().find(|l| l.contains("│(1)")).unwrap_or("");
    line.split('│')
        .map(str::trim)
        .filter(|c| c.starts_with('(') && c.ends_with(')'))
        .map(str::to_string)
        .collect()
}

#[test]
fn phu_luc_1_shows_all_eight_columns_with_seven_digit_figures_whole() {
    let mut h = Harness::district(Some("pl1"));
    // 9.999.999 in each of (3)–(8) of «1 Tại cấp huyện», typed with Tab between.
    h.press("9999999<tab>9999999<tab>9999999<tab>9999999<tab>9999999<tab>9999999<tab>");
    // A pause: the line under the grid catches up with the cursor.
    h.wait(0.5);
    let screen = h.screen();
    assert_eq!(
        column_numbers(&screen),
        ["(1)", "(2)", "(3)", "(4)", "(5)", "(6)", "(7)", "(8)"],
        "{screen}"
    );
    let row = line_with(&screen, "│1  │ Tại cấp");
    assert_eq!(row.matches("9.999.999").count(), 6, "{screen}");
    // The sums above and below are whole too (III and TỔNG CỘNG).
    assert_eq!(
        line_with(&screen, "TỔNG CỘNG").matches("9.999.999").count(),
        6
    );
    // The outline tree has folded away: no step ids at the left edge.
    assert!(!screen.contains("PL1  "), "{screen}");
    snap!("pl1_seven_digits_80x24", screen);
}

#[test]
fn the_outline_tree_comes_back_with_ctrl_w_or_esc() {
    let mut h = Harness::district(Some("pl1"));
    let folded = h.screen();
    assert!(
        !folded
            .lines()
            .any(|l| l.contains("PL1") && l.starts_with('·'))
    );
    h.press("<c-w>");
    let shown = h.screen();
    assert!(
        shown.lines().any(|l| l.contains("PL1") && l.contains('│')),
        "{shown}"
    );
    h.press("<c-w>");
    assert_eq!(h.screen(), folded);
    // Esc gives the keyboard to the outline, which is then on screen.
    h.press("<esc>");
    assert!(h.screen().lines().any(|l| l.contains("PL2")));
    // A wide terminal always has it, with the steps' names.
    let wide = Harness::with_sample("huyen-tuy-phuoc", Some("pl1"), (160, 48));
    assert!(
        wide.screen().contains("✓ Phụ lục 1 Kết quả"),
        "{}",
        wide.screen()
    );
}

#[test]
fn a_name_the_grid_cuts_is_shown_whole_under_it() {
    let mut h = Harness::with_sample("huyen-tuy-phuoc", Some("pl3"), SMALL);
    // Row «2 Chỉ số PAPI …» is longer than the name column at 80 columns.
    h.press("<down><down><down>");
    let screen = h.screen();
    let w = h.app.wizard().unwrap();
    let sheet = w.eval.sheet("pl3").unwrap();
    let name = sheet.rows[w.grid.row].display_label();
    assert!(
        !line_with(&screen, "│2  │").contains(&name),
        "cut in the grid"
    );
    let squeezed = message_lines(&screen).replace('\n', " ");
    assert!(squeezed.contains(&name), "{name} in:\n{screen}");
}

#[test]
fn every_table_at_80x24_shows_the_columns_it_must() {
    for (step, must) in [
        ("pl2", &["(1)", "(2)", "(3)", "(4)", "(5)"][..]),
        ("pl3", &["(2)", "(3)", "(4)", "(5)", "(7)"][..]),
        ("pl4", &["(1)", "(2)", "(3)", "(4)"][..]),
    ] {
        let h = Harness::with_sample("huyen-tuy-phuoc", Some(step), SMALL);
        let screen = h.screen();
        let shown = column_numbers(&screen);
        for c in must {
            assert!(
                shown.iter().any(|s| s == c),
                "{step}: {c} in {shown:?}\n{screen}"
            );
        }
        snap!(format!("{step}_80x24"), screen);
    }
}

#[test]
fn a_long_message_wraps_to_a_second_line_instead_of_being_cut() {
    let mut h = Harness::district(Some("pl1"));
    h.press("<up><up><up>7");
    let msg = message_lines(&h.screen());
    let squeezed = msg.split_whitespace().collect::<Vec<_>>().join(" ");
    assert!(
        squeezed.contains("Số liệu của đơn vị nhập vào dòng: 1 Tại cấp huyện; 2 Tại cấp xã"),
        "{msg}"
    );
    assert!(!msg.contains('…'), "{msg}");
    assert!(msg.lines().all(|l| !l.starts_with(' ')), "{msg}");
}

#[test]
fn only_a_value_the_grid_cuts_is_repeated_under_it() {
    let mut h = Harness::with_sample("huyen-tuy-phuoc", Some("pl2"), SMALL);
    // On «1.1 Lĩnh vực đất đai»: its (3) is shown whole, its cause (5) is cut.
    h.press("<right>");
    assert!(
        !message_lines(&h.screen()).contains("= 142"),
        "{}",
        h.screen()
    );
    h.press("<right><right>");
    let msg = message_lines(&h.screen()).replace('\n', " ");
    assert!(
        msg.contains("= Hồ sơ cấp Giấy chứng nhận lần đầu có nguồn gốc đất phức tạp"),
        "{msg}"
    );
}
