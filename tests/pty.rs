#![allow(clippy::unwrap_used, clippy::expect_used)]
//! End to end, as an official uses it: the real `baocao` binary in a pseudo-terminal of
//! 80×24, keys typed as a terminal sends them, the screen read back through a `vt100`
//! model of the terminal, and the draft file checked on disk afterwards.
//!
//! Nothing here sleeps and hopes: every step waits (polling every 20 ms) until the
//! screen shows what it should, and fails after a generous timeout with the whole screen
//! in the message. Every test waits for the program to exit; if a test fails first, the
//! session's `Drop` kills the program and reaps it, so no process is left behind.
//!
//! Unix only: the terminal settings are read with termios.
#![cfg(unix)]

mod common;

use common::pty::*;
use unicode_normalization::UnicodeNormalization;

/// Whether the outline tree has the keyboard: its selected step, the row starting
/// with `label`, is drawn on cyan (the content pane's selection is reversed instead).
fn outline_has_focus(screen: &vt100::Screen, label: &str) -> bool {
    let row = screen
        .rows(0, 80)
        .position(|r| r.chars().skip(2).collect::<String>().starts_with(label))
        .and_then(|r| u16::try_from(r).ok());
    row.and_then(|r| screen.cell(r, 2))
        .is_some_and(|c| c.bgcolor() == vt100::Color::Idx(6))
}

/// Whether a header line says "Đã lưu HH:MM".
fn saved_at_hh_mm(header: &str) -> bool {
    header.split_once("Đã lưu ").is_some_and(|(_, at)| {
        let b = at.as_bytes();
        b.len() >= 5
            && b[..2].iter().all(u8::is_ascii_digit)
            && b[2] == b':'
            && b[3..5].iter().all(u8::is_ascii_digit)
    })
}

/// The line of the screen containing `needle`.
fn line_with<'a>(screen: &'a str, needle: &str) -> &'a str {
    screen.lines().find(|l| l.contains(needle)).unwrap_or("")
}

/// The message line (under the content, above the footer).
fn message_line(screen: &str) -> &str {
    screen.lines().nth(20).unwrap_or("")
}

/// The RON text of the cells of group row `key` in the draft file ("" when none).
fn group_cells<'a>(ron: &'a str, key: &str) -> &'a str {
    let Some(at) = ron.find(&format!("\"{key}\": {{")) else {
        return "";
    };
    let rest = &ron[at..];
    &rest[..rest.find('}').unwrap_or(rest.len())]
}

/// The district's own row «1 Tại cấp huyện» of Phụ lục 1 on screen.
fn unit_row(screen: &str) -> &str {
    line_with(screen, "Tại cấp huyện")
}

/// The cells of the unit row on screen, trimmed ("1.250✗", "1.000" …).
fn unit_cells(screen: &str) -> Vec<&str> {
    unit_row(screen).split('│').map(str::trim).collect()
}

#[test]
fn types_vietnamese_flags_an_inconsistent_row_fixes_it_saves_and_quits() {
    let home = tempfile::tempdir().unwrap();
    let path = new_draft(home.path(), "tuy-phuoc");
    let mut s = Session::open_first_time(home.path(), "tuy-phuoc", &[]);

    // I.1: the text goes into "Nội dung báo cáo".
    s.go_to("i.1");
    s.wait_text("│ I.1 Công tác tuyên truyền");
    s.wait_text("Nội dung báo cáo");
    s.send(SENTENCE);
    s.wait_for(
        "the sentence in the content pane",
        |t| content_squeezed(t).contains(&squeeze(SENTENCE)),
        TIMEOUT,
    );

    // Phụ lục 1, the district's row "1 Tại cấp huyện", column (3). The cursor is put at
    // the top-left first (PgUp, Home) so the path does not depend on where it starts.
    s.go_to("pl1");
    s.wait_text("PHỤ LỤC 1");
    s.send(PAGE_UP);
    s.send(HOME);
    s.send(&[DOWN; 3].concat());
    s.send(&[RIGHT; 2].concat());
    s.wait_for(
        "column (3) selected",
        |t| message_line(t).starts_with("(3) Tổng số hồ sơ"),
        TIMEOUT,
    );
    s.send("1250");
    s.wait_for(
        "1250 typed into the unit row",
        |t| unit_row(t).contains("1250"),
        TIMEOUT,
    );
    // Tab commits and goes to the next input cell; Enter commits and goes down.
    s.send(
        &[
            TAB, "1000", TAB, "200", TAB, "30", TAB, "10", TAB, "8", ENTER,
        ]
        .concat(),
    );
    s.wait_for(
        "(8) = 8 committed, flagged with the rest of the row",
        |t| unit_row(t).contains("      8✗"),
        TIMEOUT,
    );
    // Back to the unit row's (3): the flag and the exact difference.
    s.send(UP);
    s.send(HOME);
    s.send(&[RIGHT; 2].concat());
    let screen = s.wait_text("lệch 2");
    assert!(
        screen.contains("✗ R1 (3) 1.250 ≠ (4)+(5)+(6)+(7)+(8) = 1.248 · lệch 2"),
        "{screen}"
    );
    // Every cell of the sum is marked; the mark takes the separator after the figure.
    assert!(unit_row(&screen).contains("│  1.250✗  1.000✗"), "{screen}");

    // Fix (8) to 10, come back to (3): no flag, no message.
    // (8) shows the row's equation too, so nothing on screen tells the columns
    // apart: the keys go in one go, and the program takes them in order.
    s.send(&[RIGHT; 5].concat());
    s.send(&["10", ENTER, UP, HOME, RIGHT, RIGHT].concat());
    s.wait_for(
        "the row consistent again",
        |t| {
            !t.contains("lệch")
                && message_line(t).starts_with("(3) Tổng số hồ sơ")
                && unit_cells(t).contains(&"1.250")
                // (6) keeps its mark: Phụ lục 2 does not explain the late ones (R4).
                && unit_row(t).contains("1.250│  1.000│    200│     30✗     10│     10")
        },
        TIMEOUT,
    );

    // Ctrl-S: saved, and the file has the fix before quitting.
    s.send(CTRL_S);
    s.wait_for(
        "\"Đã lưu HH:MM\" in the header",
        |t| t.lines().next().is_some_and(saved_at_hh_mm),
        TIMEOUT,
    );
    let saved = std::fs::read_to_string(&path).unwrap();
    assert!(
        group_cells(&saved, "III.1").contains("\"8\": \"10\""),
        "{saved}"
    );

    s.quit();

    let ron = std::fs::read_to_string(&path).unwrap();
    assert!(!ron.contains("\\u{"), "escaped text in the draft:\n{ron}");
    let answer = ron
        .find("\"I.1/text\"")
        .map(|i| &ron[i..])
        .unwrap_or_else(|| panic!("no I.1/text answer:\n{ron}"));
    let quoted = format!("text: \"{SENTENCE}\"");
    assert!(answer.contains(&quoted), "{ron}");
    let stored = answer
        .split_once("text: \"")
        .unwrap()
        .1
        .split_once('"')
        .unwrap()
        .0;
    assert_eq!(stored, SENTENCE);
    assert_eq!(stored.nfc().collect::<String>(), stored, "not NFC");
    let row = group_cells(&ron, "III.1");
    for (col, value) in [
        ("3", "1250"),
        ("4", "1000"),
        ("5", "200"),
        ("6", "30"),
        ("7", "10"),
        ("8", "10"),
    ] {
        assert!(
            row.contains(&format!("\"{col}\": \"{value}\"")),
            "({col}) ≠ {value}: {row}"
        );
    }
    // The commune row was not touched.
    assert!(!group_cells(&ron, "III.2").contains("\"3\""), "{ron}");
}

#[test]
fn opens_at_the_requested_step() {
    let home = tempfile::tempdir().unwrap();
    new_draft(home.path(), "goto");

    let mut s = Session::open_first_time(home.path(), "goto", &["--goto", "pl3"]);
    let screen = s.wait_text("PHỤ LỤC 3");
    assert!(
        line_with(&screen, "PHỤ LỤC 3").contains("Kết quả thực hiện các chỉ tiêu"),
        "{screen}"
    );
    s.quit();

    // Second run: welcomed already, straight into II.2.
    let mut s = Session::start(home.path(), &["open", "goto", "--goto", "ii.2"]);
    let screen = s.wait_text("│ II.2 Cải cách thủ tục hành chính");
    assert!(
        !screen.contains("Chào mừng"),
        "welcome shown twice:\n{screen}"
    );
    assert!(
        screen.lines().nth(1).unwrap().contains("│ II.2 "),
        "{screen}"
    );
    s.quit();
}

#[test]
fn help_and_findings_dialogs_open_by_keyboard() {
    let home = tempfile::tempdir().unwrap();
    new_draft(home.path(), "dialogs");
    let mut s = Session::open_first_time(home.path(), "dialogs", &[]);

    // Esc leaves the text field for the outline, where '?' is help.
    s.send(ESC);
    s.wait_screen(
        "the outline focused (its selected step highlighted in cyan)",
        |screen| outline_has_focus(screen, "Thông tin báo cáo"),
        TIMEOUT,
    );
    s.send("?");
    s.wait_text("Trợ giúp");
    s.send(ESC);
    s.wait_gone("Trợ giúp");

    s.send(CTRL_E);
    let screen = s.wait_text("Các chỗ cần xem");
    assert!(screen.contains("R10"), "{screen}");
    s.send(ESC);
    s.wait_gone("Các chỗ cần xem");

    // In a grid, '?' is help too.
    s.go_to("pl1");
    s.wait_text("PHỤ LỤC 1");
    s.send("?");
    s.wait_text("Trợ giúp");
    s.send(ESC);
    s.wait_gone("Trợ giúp");
    s.send(CTRL_E);
    s.wait_text("Các chỗ cần xem");
    s.send(ESC);
    s.wait_gone("Các chỗ cần xem");
    let screen = s.wait_text("PHỤ LỤC 1");
    // The footer names the '?' key itself; the grid above it must not hold one.
    let body: Vec<&str> = screen.lines().collect();
    let body = body[..body.len().saturating_sub(1)].join("\n");
    assert!(!body.contains('?'), "'?' typed into the grid:\n{screen}");

    s.quit();
    // Nothing was changed by looking.
    let ron = std::fs::read_to_string(draft_path(home.path(), "dialogs")).unwrap();
    assert!(!ron.contains('?'), "{ron}");
}

#[test]
fn below_80x24_it_says_the_size_needed_and_recovers() {
    let home = tempfile::tempdir().unwrap();
    let path = new_draft(home.path(), "small");
    let mut s = Session::open_first_time(home.path(), "small", &[]);
    s.go_to("i.1");
    s.wait_text("│ I.1 Công tác tuyên truyền");
    s.send("Đã tuyên truyền sâu rộng");
    s.wait_text("│Đã tuyên truyền sâu rộng");

    s.resize(20, 60);
    let screen = s.wait_text("cần ít nhất 80×24");
    assert!(screen.contains("60×20"), "{screen}");
    assert!(!screen.contains("Nội dung báo cáo"), "{screen}");

    s.resize(24, 80);
    let screen = s.wait_text("│Đã tuyên truyền sâu rộng");
    assert!(!screen.contains("cần ít nhất"), "{screen}");
    assert!(screen.contains("│ I.1 Công tác tuyên truyền"), "{screen}");

    // Still typing into the same field.
    s.send(", kịp thời");
    s.wait_text("│Đã tuyên truyền sâu rộng, kịp thời");
    s.quit();
    let ron = std::fs::read_to_string(&path).unwrap();
    assert!(
        ron.contains("text: \"Đã tuyên truyền sâu rộng, kịp thời\""),
        "{ron}"
    );
}

#[test]
fn quit_restores_the_terminal() {
    let home = tempfile::tempdir().unwrap();
    new_draft(home.path(), "restore");
    let mut s = Session::start(home.path(), &["open", "restore"]);
    let before = s.initial_termios.clone();
    assert!(before.contains("ICANON"), "{before}");
    s.wait_text("Chào mừng đến với baocao");
    s.send(ENTER);
    s.wait_gone("Chào mừng đến với baocao");
    {
        let parser = lock(&s.parser);
        assert!(parser.screen().alternate_screen());
        assert!(parser.screen().bracketed_paste());
    }
    assert_ne!(s.termios(), before, "the program is not in raw mode");
    s.go_to("i.1");
    s.wait_text("│ I.1 Công tác tuyên truyền");
    s.send("x");
    s.wait_text("Chưa lưu");

    s.quit();
    s.wait_raw("leaving the alternate screen", b"\x1b[?1049l");
    s.wait_raw("disabling bracketed paste", b"\x1b[?2004l");
    let raw = lock(&s.raw).clone();
    let last = |seq: &[u8]| raw.windows(seq.len()).rposition(|w| w == seq);
    assert!(
        last(b"\x1b[?1049l") > last(b"\x1b[?1049h"),
        "left, then entered again"
    );
    assert!(
        last(b"\x1b[?2004l") > last(b"\x1b[?2004h"),
        "paste enabled again"
    );
    {
        let parser = lock(&s.parser);
        assert!(!parser.screen().alternate_screen());
        assert!(!parser.screen().bracketed_paste());
    }
    assert_eq!(s.termios(), before, "terminal settings not restored");
    // Ctrl-Q saved the change first.
    let ron = std::fs::read_to_string(draft_path(home.path(), "restore")).unwrap();
    assert!(ron.contains("text: \"x\""), "{ron}");
}

#[test]
fn footer_shows_the_keys_of_the_focused_pane_first() {
    let home = tempfile::tempdir().unwrap();
    new_draft(home.path(), "footer");
    let mut s = Session::open_first_time(home.path(), "footer", &[]);
    let footer = |t: &str| t.lines().last().unwrap_or("").to_string();

    s.go_to("i.1");
    s.wait_text("│ I.1 Công tác tuyên truyền");
    s.wait_for(
        "Tab in the footer of a text field",
        |t| footer(t).starts_with(" Tab ô sau"),
        TIMEOUT,
    );

    s.go_to("pl1");
    s.wait_text("PHỤ LỤC 1");
    s.wait_for(
        "Enter in the footer of a grid",
        |t| footer(t).starts_with(" Enter sửa ô"),
        TIMEOUT,
    );
    s.quit();
}

/// The real program exports from the review step, and the next run suggests the same
/// folder and format.
#[test]
fn exports_from_the_wizard_and_remembers_where_next_time() {
    const CTRL_X: &str = "\x18";
    const CTRL_U: &str = "\x15";
    let home = tempfile::tempdir().unwrap();
    new_draft(home.path(), "xuat");
    let folder = home.path().join("bao-cao-nop");
    std::fs::create_dir_all(&folder).unwrap();
    let mut s = Session::open_first_time(home.path(), "xuat", &["--goto", "review"]);
    s.wait_text("Ctrl-X: xuất báo cáo");
    s.send(CTRL_X);
    s.wait_text("Xuất báo cáo");
    s.send(TAB);
    s.wait_text("[ PDF ]");
    s.send(TAB);
    s.wait_text("[ XLSX ]");
    s.send(CTRL_U);
    s.send(&format!("{}/", folder.display()));
    s.send(ENTER);
    s.wait_text("Đã xuất bao-cao-xuat.xlsx");
    assert!(folder.join("bao-cao-xuat.xlsx").is_file());
    s.quit();

    let mut s = Session::start(home.path(), &["open", "xuat", "--goto", "review"]);
    s.wait_text(" baocao │ ");
    s.send(CTRL_X);
    let screen = s.wait_text("[ XLSX ]");
    assert!(
        screen.contains(&folder.join("bao-cao-xuat.xlsx").display().to_string()),
        "{screen}"
    );
    s.send(ESC);
    s.wait_gone("Định dạng (Tab");
    s.quit();
}

#[test]
fn a_clean_quit_leaves_no_lock_file() {
    let home = tempfile::tempdir().unwrap();
    let draft = new_draft(home.path(), "tp");
    let lock = baocao::store::lock::lock_path(&draft);
    let mut s = Session::open_first_time(home.path(), "tp", &[]);
    assert!(lock.exists(), "the open draft is locked");
    s.quit();
    assert!(!lock.exists(), "{} is left after Ctrl-Q", lock.display());
    assert!(draft.exists());
}
