#![allow(clippy::unwrap_used, clippy::expect_used)]
//! A draft changed behind the session's back (issue 11, point 2): another program
//! saves over it, a link is put in its place, it is removed. The session notices
//! before its next save, writes nothing over the other change, and the user chooses:
//! open theirs (keeping their own in `recovered`), keep their own (the other kept as a
//! generation), or save their own elsewhere.

mod common;

use std::fs;
use std::path::Path;

use baocao::app::Modal;
use baocao::app::opening::Hitch;
use baocao::store::{self, identity::Change};
use common::{Harness, template};

/// Another program writes a draft with `text` in I.2 over the file, the way editors
/// and sync tools save (a new file renamed over it).
fn saved_by_another_program(path: &Path, text: &str) {
    let mut theirs = store::load(path, &[&template()]).unwrap();
    theirs.answers.entry("I.2/text".into()).or_default().text = text.into();
    let tmp = path.with_extension("other");
    fs::write(&tmp, store::to_ron(&theirs)).unwrap();
    fs::rename(&tmp, path).unwrap();
}

fn i2(path: &Path) -> String {
    let d = store::load(path, &[&template()]).unwrap();
    d.answer("I.2", "text")
        .map(|a| a.text.clone())
        .unwrap_or_default()
}

fn changed_dialog(h: &Harness) -> Change {
    match &h.app.modal {
        Some(Modal::Hitch {
            hitch: Hitch::Changed { change, .. },
            ..
        }) => *change,
        other => panic!("no dialog about the changed file: {other:?}"),
    }
}

#[test]
fn another_programs_save_is_never_overwritten_by_autosave() {
    let mut h = Harness::district(Some("i.2"));
    let path = h.path("tp");
    saved_by_another_program(&path, "Bản của người khác");
    h.press("Bản của tôi");
    h.wait(2.0);
    assert_eq!(changed_dialog(&h), Change::Replaced);
    assert_eq!(i2(&path), "Bản của người khác");
    // Deciding later: saving waits, however long the user goes on typing.
    h.press("<esc> thêm");
    for _ in 0..4 {
        h.wait(6.0);
        h.press("<c-s>");
        h.press("<esc>");
    }
    assert_eq!(
        i2(&path),
        "Bản của người khác",
        "their change is still there"
    );
    let screen = h.screen();
    assert!(screen.contains("Ctrl-S để chọn"), "{screen}");
    assert_eq!(
        h.draft().answer("I.2", "text").unwrap().text,
        "Bản của tôi thêm",
        "nothing typed is lost"
    );
}

#[test]
fn keeping_mine_keeps_theirs_as_the_newest_generation() {
    let mut h = Harness::district(Some("i.2"));
    let path = h.path("tp");
    h.press("Bản đầu<c-s>");
    saved_by_another_program(&path, "Bản của người khác");
    h.press(" của tôi<c-s>");
    changed_dialog(&h);
    h.press("<down><enter>");
    assert!(h.app.modal.is_none());
    assert!(h.status().contains("tp.ron.~1~"), "{}", h.status());
    h.wait(2.0);
    assert_eq!(i2(&path), "Bản đầu của tôi");
    assert_eq!(
        i2(&store::generation_path(&path, 1)),
        "Bản của người khác",
        "theirs is kept as generation 1"
    );
    // Later saves go on as usual.
    h.press(" nữa<c-s>");
    assert!(h.app.modal.is_none());
    assert_eq!(i2(&path), "Bản đầu của tôi nữa");
}

#[test]
fn opening_theirs_keeps_mine_in_the_recovered_folder() {
    let mut h = Harness::district(Some("i.2"));
    let path = h.path("tp");
    saved_by_another_program(&path, "Bản của người khác");
    h.press("Bản của tôi<c-s>");
    changed_dialog(&h);
    h.press("<enter>");
    let w = h.app.wizard().expect("the draft is open again");
    assert_eq!(
        w.draft.answer("I.2", "text").unwrap().text,
        "Bản của người khác"
    );
    assert_eq!(w.step_id(), "I.2", "at the same step");
    let recovered = h.performer.store.root.join("recovered");
    let kept: Vec<_> = fs::read_dir(&recovered).unwrap().flatten().collect();
    assert_eq!(kept.len(), 1);
    assert_eq!(i2(&kept[0].path()), "Bản của tôi");
    assert!(h.status().contains("recovered"), "{}", h.status());
    // The session goes on with theirs, saving normally.
    h.press(" và của tôi<c-s>");
    assert!(h.app.modal.is_none());
    assert_eq!(i2(&path), "Bản của người khác và của tôi");
}

#[test]
fn saving_mine_elsewhere_then_opens_theirs() {
    let mut h = Harness::district(Some("i.2"));
    let path = h.path("tp");
    saved_by_another_program(&path, "Bản của người khác");
    h.press("Bản của tôi<c-s>");
    changed_dialog(&h);
    h.press("<down><down><enter>");
    let Some(Modal::SaveAs { .. }) = &h.app.modal else {
        panic!("{:?}", h.app.modal);
    };
    let copy = h.dir.path().join("cua-toi.ron");
    h.press("<c-u>");
    h.app
        .modal
        .as_mut()
        .unwrap()
        .paste(&copy.display().to_string());
    h.press("<enter>");
    assert_eq!(i2(&copy), "Bản của tôi");
    assert_eq!(
        h.draft().answer("I.2", "text").unwrap().text,
        "Bản của người khác"
    );
    assert_eq!(i2(&path), "Bản của người khác");
}

#[test]
fn a_link_put_in_place_of_the_draft_is_not_written_through() {
    let mut h = Harness::district(Some("i.2"));
    let path = h.path("tp");
    let precious = h.dir.path().join("bashrc");
    fs::write(&precious, "export PATH=/usr/bin\n").unwrap();
    fs::remove_file(&path).unwrap();
    std::os::unix::fs::symlink(&precious, &path).unwrap();
    h.press("Bản của tôi<c-s>");
    assert_eq!(changed_dialog(&h), Change::Link);
    assert_eq!(
        fs::read_to_string(&precious).unwrap(),
        "export PATH=/usr/bin\n"
    );
    // Keeping mine replaces the link itself; what it pointed to is untouched.
    h.press("<down><enter>");
    h.wait(2.0);
    assert_eq!(
        fs::read_to_string(&precious).unwrap(),
        "export PATH=/usr/bin\n"
    );
    assert!(
        !fs::symlink_metadata(&path)
            .unwrap()
            .file_type()
            .is_symlink()
    );
    assert_eq!(i2(&path), "Bản của tôi");
}

#[test]
fn a_removed_draft_can_be_written_again() {
    let mut h = Harness::district(Some("i.2"));
    let path = h.path("tp");
    fs::remove_file(&path).unwrap();
    h.press("Bản của tôi<c-s>");
    assert_eq!(changed_dialog(&h), Change::Removed);
    assert!(!path.exists(), "nothing written without a choice");
    h.press("<enter>");
    assert_eq!(i2(&path), "Bản của tôi");
}

#[test]
fn quitting_with_a_changed_file_asks_first() {
    let mut h = Harness::district(Some("i.2"));
    let path = h.path("tp");
    h.press("Bản của tôi");
    saved_by_another_program(&path, "Bản của người khác");
    h.press("<c-q>");
    assert!(!h.app.quit);
    changed_dialog(&h);
    assert_eq!(i2(&path), "Bản của người khác");
}

#[test]
fn a_symlinked_draft_of_the_users_own_keeps_its_link() {
    let h0 = Harness::new();
    let real = h0.dir.path().join("real.ron");
    // The user keeps the draft elsewhere and links it into the drafts folder.
    let mut h = Harness::district(Some("i.2"));
    let path = h.path("tp");
    fs::rename(&path, &real).unwrap();
    std::os::unix::fs::symlink(&real, &path).unwrap();
    h.close();
    h.open_at("tp", Some("i.2"));
    h.press("Qua liên kết<c-s>");
    assert!(h.app.modal.is_none(), "{:?}", h.app.modal);
    assert!(
        fs::symlink_metadata(&path)
            .unwrap()
            .file_type()
            .is_symlink()
    );
    assert_eq!(i2(&real), "Qua liên kết");
}

#[test]
fn saving_mine_elsewhere_never_writes_over_an_existing_file() {
    let mut h = Harness::district(Some("i.2"));
    let path = h.path("tp");
    saved_by_another_program(&path, "Bản của người khác");
    h.press("Bản của tôi<c-s>");
    changed_dialog(&h);
    h.press("<down><down><enter><c-u>");
    // The draft's own path, typed by mistake.
    h.app
        .modal
        .as_mut()
        .unwrap()
        .paste(&path.display().to_string());
    h.press("<enter>");
    assert!(h.status().contains("Đã có tệp"), "{}", h.status());
    assert_eq!(i2(&path), "Bản của người khác");
    assert_eq!(
        h.draft().answer("I.2", "text").unwrap().text,
        "Bản của tôi",
        "still in memory"
    );
}

mod in_a_terminal {
    //! The same, through the real binary: its save thread tries again by itself, and
    //! must neither ask again every half second nor save the old text after a reload.
    use super::*;
    use common::pty::{CTRL_S, ENTER, ESC, Session, new_draft};

    fn welcomed(home: &Path) {
        fs::write(
            home.join("config/baocao/settings.ron"),
            "Settings(welcomed: true)\n",
        )
        .unwrap();
    }

    #[test]
    fn decided_later_stays_decided_and_opening_theirs_keeps_theirs() {
        let home = tempfile::tempdir().unwrap();
        let path = new_draft(home.path(), "tp");
        welcomed(home.path());
        let mut s = Session::start(home.path(), &["open", "tp", "--goto", "i.2"]);
        s.wait_text(" baocao │ ");
        s.send("Bản của tôi");
        s.wait_text("Bản của tôi");
        saved_by_another_program(&path, "Bản của người khác");
        s.send(CTRL_S);
        s.wait_text("Bản nháp bị thay đổi bên ngoài");
        s.send(ESC);
        s.wait_gone("Bản nháp bị thay đổi bên ngoài");
        // The save thread saves a change left 1.5 s alone; it must not ask again.
        let quiet = std::time::Instant::now();
        while quiet.elapsed() < std::time::Duration::from_secs(3) {
            assert!(
                !s.screen().contains("Bản nháp bị thay đổi bên ngoài"),
                "asked again without a key"
            );
            std::thread::sleep(std::time::Duration::from_millis(100));
        }
        assert_eq!(i2(&path), "Bản của người khác");
        // Open theirs: after it, nothing of mine is saved over theirs.
        s.send(CTRL_S);
        s.wait_text("Bản nháp bị thay đổi bên ngoài");
        s.send(ENTER);
        s.wait_text("recovered");
        std::thread::sleep(std::time::Duration::from_secs(3));
        assert_eq!(i2(&path), "Bản của người khác");
        s.quit();
        assert_eq!(i2(&path), "Bản của người khác");
    }
}

#[test]
fn a_removed_draft_saved_elsewhere_goes_on_in_the_copy() {
    let mut h = Harness::district(Some("i.2"));
    let path = h.path("tp");
    fs::remove_file(&path).unwrap();
    h.press("Bản của tôi<c-s>");
    assert_eq!(changed_dialog(&h), Change::Removed);
    let screen = h.screen();
    assert!(
        screen.contains("Ghi lại bản của bạn vào chỗ cũ"),
        "{screen}"
    );
    h.press("<down><enter><c-u>");
    let copy = h.dir.path().join("cua-toi.ron");
    h.app
        .modal
        .as_mut()
        .unwrap()
        .paste(&copy.display().to_string());
    h.press("<enter>");
    let w = h.app.wizard().expect("the copy is open");
    assert_eq!(w.path, copy);
    assert_eq!(w.draft.answer("I.2", "text").unwrap().text, "Bản của tôi");
    assert!(h.status().contains("làm tiếp"), "{}", h.status());
    assert!(!path.exists());
}
