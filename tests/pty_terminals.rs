#![allow(clippy::unwrap_used, clippy::expect_used)]
//! Old terminals over SSH: every TERM an office machine may report draws the wizard
//! and quits cleanly; the keys PuTTY and the Linux console send for F1, Home and End
//! work; NO_COLOR sends no colour; `--ascii` and a locale that is not UTF-8 draw with
//! ASCII only, and the latter is explained in plain words.
#![cfg(unix)]

mod common;

use std::path::Path;

use common::pty::*;

fn welcomed(home: &Path) {
    let dir = home.join("config/baocao");
    std::fs::create_dir_all(&dir).unwrap();
    std::fs::write(dir.join("settings.ron"), "Settings(welcomed: true)").unwrap();
}

fn raw(s: &Session) -> String {
    String::from_utf8_lossy(&s.raw.lock().unwrap_or_else(|e| e.into_inner())).into_owned()
}

#[test]
fn every_common_term_draws_the_wizard_and_quits_cleanly() {
    for term in [
        "linux",
        "vt100",
        "xterm",
        "putty",
        "screen",
        "tmux-256color",
    ] {
        let home = tempfile::tempdir().unwrap();
        new_draft(home.path(), "t");
        welcomed(home.path());
        let mut s = Session::start_with(
            home.path(),
            &["open", "t", "--goto", "pl1"],
            &[("TERM", term)],
        );
        s.wait_text("PHỤ LỤC 1");
        s.wait_text("TỔNG CỘNG");
        s.quit();
        let out = raw(&s);
        assert!(out.contains("\x1b[?1049l"), "{term}: alternate screen left");
        // Only the 16 basic colours: no 256-colour or true-colour codes.
        assert!(
            !out.contains("38;5;") && !out.contains("48;5;") && !out.contains("38;2;"),
            "{term}"
        );
    }
}

#[test]
fn putty_and_linux_console_keys_for_f1_home_and_end() {
    let home = tempfile::tempdir().unwrap();
    new_draft(home.path(), "t");
    welcomed(home.path());
    let mut s = Session::start_with(
        home.path(),
        &["open", "t", "--goto", "pl1"],
        &[("TERM", "linux")],
    );
    s.wait_text("PHỤ LỤC 1");
    // F1: Linux console "ESC [ [ A", PuTTY "ESC [ 1 1 ~", xterm "ESC O P".
    for f1 in ["\x1b[[A", "\x1b[11~", "\x1bOP"] {
        s.send(f1);
        s.wait_text("Trợ giúp – các phím");
        s.send(ESC);
        s.wait_gone("Trợ giúp – các phím");
    }
    // End and Home in a grid go to the last and first columns; the line under the grid
    // names the column. PuTTY and the console send "ESC [ 4 ~" and "ESC [ 1 ~".
    s.send("\x1b[4~");
    s.wait_text("(8) Số hồ sơ tồn đọng");
    s.send("\x1b[1~");
    s.wait_text("(1) STT");
    s.send("\x1b[F");
    s.wait_text("(8) Số hồ sơ tồn đọng");
    s.send("\x1b[H");
    s.wait_text("(1) STT");
    s.quit();
}

#[test]
fn no_color_sends_no_colour_but_flags_still_show() {
    let home = tempfile::tempdir().unwrap();
    new_draft(home.path(), "t");
    welcomed(home.path());
    let mut s = Session::start_with(
        home.path(),
        &["open", "t", "--goto", "i.1"],
        &[("NO_COLOR", "1")],
    );
    s.wait_text("I.1");
    s.quit();
    let out = raw(&s);
    for code in [
        "[31m", "[32m", "[33m", "[34m", "[36m", ";31m", ";33m", ";36m", ";44m", "[44m",
    ] {
        assert!(!out.contains(code), "colour {code} sent with NO_COLOR");
    }
    // The unanswered warning is still marked, by a symbol.
    assert!(out.contains('!'));
}

#[test]
fn ascii_draws_without_line_characters() {
    let home = tempfile::tempdir().unwrap();
    new_draft(home.path(), "t");
    welcomed(home.path());
    let mut s = Session::start_with(home.path(), &["--ascii", "open", "t", "--goto", "pl1"], &[]);
    s.wait_text("TỔNG CỘNG");
    let screen = s.screen();
    for c in [
        '│', '─', '┌', '┐', '└', '┘', '▰', '▱', '✓', '✗', '◐', '·', '…',
    ] {
        assert!(!screen.contains(c), "{c} drawn in ASCII mode:\n{screen}");
    }
    assert!(screen.contains("|"), "{screen}");
    s.quit();
}

#[test]
fn a_locale_that_is_not_utf8_is_explained_and_ascii_is_used() {
    let home = tempfile::tempdir().unwrap();
    new_draft(home.path(), "t");
    welcomed(home.path());
    let mut s = Session::start_with(
        home.path(),
        &["open", "t", "--goto", "i.1"],
        &[("LANG", "C"), ("LC_ALL", ""), ("LC_CTYPE", "")],
    );
    let screen = s.wait_text("UTF-8");
    assert!(screen.contains("LANG=C"), "{screen}");
    s.send(ENTER);
    s.wait_gone("LANG=C");
    assert!(!s.screen().contains('│'));
    s.quit();
}

#[test]
fn a_dumb_or_unset_terminal_gets_a_clear_message_not_escape_codes() {
    // Issue 11, point 7.
    let dir = tempfile::tempdir().unwrap();
    welcomed(dir.path());
    for term in ["dumb", ""] {
        let mut s = Session::start_with(dir.path(), &[], &[("TERM", term)]);
        let screen = s.wait_text("TERM=");
        assert!(screen.contains("export TERM=xterm-256color"), "{screen}");
        let status = s.wait_exit();
        assert_eq!(status.exit_code(), 2, "TERM={term:?}");
        // Nothing of the full-screen interface was sent: no alternate screen.
        assert!(
            !raw(&s).contains("\x1b[?1049h"),
            "TERM={term:?}: {:?}",
            raw(&s)
        );
    }
}
