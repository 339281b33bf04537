#![allow(clippy::unwrap_used, clippy::expect_used)]
//! Issue 11, point 4 (the command line and the Markdown export): what a draft holds is
//! shown as text, never obeyed by the terminal. A unit name with an OSC title, a screen
//! clear, an OSC 52 clipboard write, a C1 CSI and a right-to-left override goes through
//! `list`, `check`, `check --json`, `show`, the Markdown export and an error message
//! with every one of them made visible.

mod common;

use std::fs;

use baocao::draft::{Draft, Meta, UnitGroup};
use baocao::store::Store;
use common::{baocao, template};

const HOSTILE: &str =
    "UBND\u{1b}]0;pwned\u{7}\u{1b}[2J\u{1b}]52;c;ZWNobyBoaQ==\u{7}\u{9b}31m\u{202e}cba";

/// Whether a text holds anything a terminal would act on.
fn acts(text: &str) -> Option<char> {
    text.chars().find(|&c| {
        (c.is_control() && c != '\n' && c != '\t') || ('\u{202a}'..='\u{202e}').contains(&c)
    })
}

#[test]
fn a_hostile_unit_name_is_shown_escaped_by_every_command() {
    let home = tempfile::tempdir().unwrap();
    let store = Store {
        root: home.path().join("baocao"),
    };
    let draft = Draft::new(
        &template(),
        Meta {
            unit: HOSTILE.into(),
            group: UnitGroup::III,
            ..Meta::default()
        },
    );
    store.create("xau", &draft).unwrap();
    let md = home.path().join("xau.md");
    for args in [
        vec!["list"],
        vec!["check", "xau"],
        vec!["check", "xau", "--json"],
        vec!["show", "xau"],
        vec!["export", "xau", "--to", md.to_str().unwrap()],
    ] {
        let out = baocao(home.path()).args(&args).output().unwrap();
        let stdout = String::from_utf8_lossy(&out.stdout);
        let stderr = String::from_utf8_lossy(&out.stderr);
        assert_eq!(acts(&stdout), None, "{args:?} stdout: {stdout:?}");
        assert_eq!(acts(&stderr), None, "{args:?} stderr: {stderr:?}");
        if args[0] == "show" {
            assert!(stdout.contains("UBND\\u{1b}]0;pwned\\u{7}"), "{stdout}");
            assert!(stdout.contains("\\u{202e}cba"), "{stdout}");
        }
        if args.contains(&"--json") {
            // Still valid JSON, and the name reads back as it was.
            let v: serde_json::Value = serde_json::from_str(&stdout).unwrap();
            assert!(v["findings"].is_array());
        }
    }
    let written = fs::read_to_string(&md).unwrap();
    assert_eq!(acts(&written), None, "{written:?}");
    assert!(written.contains("\\u{9b}31m"), "{written}");

    // An error that names what was asked echoes no escape either.
    let out = baocao(home.path())
        .args(["check", "khong\u{1b}[2Jco"])
        .output()
        .unwrap();
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert_eq!(out.status.code(), Some(2));
    assert_eq!(acts(&stderr), None, "{stderr:?}");
    assert!(stderr.contains("\\u{1b}[2J"), "{stderr}");
}

#[test]
fn keys_after_an_end_marker_inside_a_paste_are_text_never_commands() {
    // Issue 11, point 4: a pasted text holding ESC [ 201 ~ ends the paste early in the
    // terminal; the Ctrl-K after it used to mark the section «Không phát sinh».
    use common::pty::{Session, new_draft};
    let home = tempfile::tempdir().unwrap();
    let path = new_draft(home.path(), "tp");
    let mut s = Session::open_first_time(home.path(), "tp", &["--goto", "i.2"]);
    s.send("\x1b[200~Dòng một\x1b[201~Dòng hai\rDòng ba\x0b\x1b[201~");
    s.wait_text("Dòng ba");
    s.quit();
    let d = baocao::store::load(&path, &[&template()]).unwrap();
    let a = d.answer("I.2", "text").unwrap();
    assert!(
        !a.nothing_to_report,
        "Ctrl-K from inside the paste was obeyed"
    );
    assert_eq!(a.text, "Dòng mộtDòng hai\nDòng ba");
}
