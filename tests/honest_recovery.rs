#![allow(clippy::unwrap_used, clippy::expect_used)]
//! Recovery that tells the truth (issue 11, point 6): a leftover is offered as newer
//! only when the save time inside it is later than the draft's and it holds another
//! report, with that time to the second and the parts it changes; stale files (older
//! states, the draft's own, cut-off writes) are listed as stale and cleaned up only
//! after a yes; trashing a draft takes its generations and emergency copies along; an
//! emergency copy in the home folder is offered like one beside the draft.

mod common;

use std::fs;
use std::path::{Path, PathBuf};
use std::time::{Duration, SystemTime};

use baocao::app::opening::Hitch;
use baocao::app::{Effect, Modal};
use baocao::store::{self, recovery};
use common::pty::{Session, new_draft};
use common::{Harness, template};

fn reopen(h: &mut Harness) {
    h.close();
    h.open_at("tp", Some("i.2"));
}

fn set_mtime(path: &Path, t: SystemTime) {
    fs::File::options()
        .write(true)
        .open(path)
        .unwrap()
        .set_modified(t)
        .unwrap();
}

fn stale_files(h: &Harness) -> Vec<(PathBuf, String)> {
    match &h.app.modal {
        Some(Modal::Hitch {
            hitch: Hitch::Stale { stale },
            ..
        }) => stale
            .iter()
            .map(|s| (s.leftover.path.clone(), s.why.clone()))
            .collect(),
        other => panic!("no list of stale files: {other:?}"),
    }
}

#[test]
fn an_emergency_copy_older_than_the_draft_is_stale_whatever_its_file_time() {
    let mut h = Harness::district(Some("i.2"));
    let path = h.path("tp");
    // An emergency copy of an earlier state, then more work saved in the draft.
    let mut old = h.draft().clone();
    old.set_answer("I.2", "text", "Bản cũ".into());
    let emergency = recovery::emergency_path(&path);
    store::save_copy(&emergency, &old).unwrap();
    std::thread::sleep(Duration::from_millis(5));
    h.press("Bản mới hơn<c-s>");
    // Copied around, touched: the copy's file time says "newer".
    set_mtime(&emergency, SystemTime::now() + Duration::from_secs(3600));
    reopen(&mut h);
    assert!(h.app.wizard().is_some(), "the draft opens, nothing offered");
    assert_eq!(h.draft().answer("I.2", "text").unwrap().text, "Bản mới hơn");
    let stale = stale_files(&h);
    assert_eq!(stale.len(), 1);
    assert!(stale[0].1.contains("cũ hơn"), "{:?}", stale[0]);
    // Yes: the stale copy is removed; the draft is untouched.
    h.press("<enter>");
    assert!(!emergency.exists());
    assert_eq!(
        store::load(&path, &[&template()])
            .unwrap()
            .answer("I.2", "text")
            .unwrap()
            .text,
        "Bản mới hơn"
    );
}

#[test]
fn stale_temp_files_are_listed_kept_on_no_and_cleaned_up_on_yes() {
    let mut h = Harness::district(Some("i.2"));
    let path = h.path("tp");
    h.press("Lần một<c-s>");
    let dir = path.parent().unwrap();
    // What kill -9 during saves leaves: a whole temp file of an older state and one
    // cut off while it was written.
    let whole = dir.join(".tp.ron.tmp-4242-0-1a");
    let cut = dir.join(".tp.ron.tmp-4242-1-2b");
    fs::copy(&path, &whole).unwrap();
    let text = fs::read_to_string(&path).unwrap();
    fs::write(&cut, &text[..text.len() / 2]).unwrap();
    h.press(" và hai<c-s>");
    reopen(&mut h);
    let stale = stale_files(&h);
    assert_eq!(stale.len(), 2, "{stale:?}");
    assert!(
        stale
            .iter()
            .any(|(p, why)| p == &whole && why.contains("cũ hơn"))
    );
    assert!(
        stale
            .iter()
            .any(|(p, why)| p == &cut && why.contains("không đọc được"))
    );
    let screen = h.screen();
    assert!(screen.contains("Tệp cũ còn sót lại"), "{screen}");
    // No: kept, and asked again next time.
    h.press("<down><enter>");
    assert!(whole.exists() && cut.exists());
    reopen(&mut h);
    assert_eq!(stale_files(&h).len(), 2);
    // Yes: the older state is removed; the cut-off one is moved to `recovered`.
    h.press("<enter>");
    assert!(!whole.exists() && !cut.exists());
    let recovered: Vec<_> = fs::read_dir(h.performer.store.root.join("recovered"))
        .unwrap()
        .flatten()
        .collect();
    assert_eq!(recovered.len(), 1);
    assert_eq!(
        fs::read_to_string(recovered[0].path()).unwrap(),
        text[..text.len() / 2]
    );
    reopen(&mut h);
    assert!(h.app.modal.is_none(), "{:?}", h.app.modal);
}

#[test]
fn a_newer_copy_is_offered_with_its_time_to_the_second_and_the_parts_it_changes() {
    let mut h = Harness::district(Some("i.2"));
    let path = h.path("tp");
    let mut lost = h.draft().clone();
    lost.set_answer("I.2", "text", "Viết trước khi mất kết nối".into());
    lost.set_answer("II.1", "text", "Và phần II.1".into());
    std::thread::sleep(Duration::from_millis(5));
    store::save_copy(&recovery::emergency_path(&path), &lost).unwrap();
    reopen(&mut h);
    let Some(Modal::Hitch {
        hitch: Hitch::Leftovers { found, .. },
        ..
    }) = &h.app.modal
    else {
        panic!("{:?}", h.app.modal);
    };
    assert_eq!(found.len(), 1);
    let parts: Vec<String> = found[0].parts.iter().map(|p| format!("{p:?}")).collect();
    assert_eq!(parts, ["Section(\"I.2\")", "Section(\"II.1\")"]);
    let screen = h.draw();
    let text: String = screen
        .backend()
        .buffer()
        .content()
        .iter()
        .map(|c| c.symbol())
        .collect();
    assert!(text.contains("khác ở: I.2, II.1"), "{}", h.screen());
    // dd/mm/yyyy HH:MM:SS
    let line = common::line_with(&h.screen(), "Bản lưu khẩn cấp").to_string();
    let seconds = line
        .split(" · ")
        .nth(1)
        .map(|at| at.trim().chars().filter(|c| *c == ':').count());
    assert_eq!(seconds, Some(2), "{line}");
}

#[test]
fn a_copy_holding_the_drafts_own_report_is_not_offered() {
    let mut h = Harness::district(Some("i.2"));
    let path = h.path("tp");
    h.press("Đã lưu<c-s>");
    // Written after the save (a later second), but with the same report.
    std::thread::sleep(Duration::from_millis(5));
    store::save_copy(&recovery::emergency_path(&path), h.draft()).unwrap();
    reopen(&mut h);
    assert!(h.app.wizard().is_some());
    let stale = stale_files(&h);
    assert!(stale[0].1.contains("giống hệt"), "{stale:?}");
}

#[test]
fn trashing_a_draft_takes_its_companions_so_a_new_one_starts_clean() {
    let mut h = Harness::district(Some("i.2"));
    let path = h.path("tp");
    let meta = h.draft().meta.clone();
    h.press("Một<c-s> hai<c-s>");
    let mut lost = h.draft().clone();
    lost.set_answer("I.2", "text", "Bản khẩn cấp của bản nháp cũ".into());
    store::save_copy(&recovery::emergency_path(&path), &lost).unwrap();
    assert!(store::generation_path(&path, 1).exists());
    h.app.screen = baocao::app::Screen::Start(Default::default());
    h.perform(Effect::Trash { path: path.clone() });
    let dir = path.parent().unwrap();
    let left: Vec<String> = fs::read_dir(dir)
        .unwrap()
        .flatten()
        .map(|e| e.file_name().to_string_lossy().into_owned())
        .collect();
    assert!(left.is_empty(), "left in the drafts folder: {left:?}");
    let trash: Vec<String> = fs::read_dir(h.performer.store.trash_dir())
        .unwrap()
        .flatten()
        .map(|e| e.file_name().to_string_lossy().into_owned())
        .collect();
    assert!(
        trash.iter().any(|n| n.ends_with(".ron.emergency")),
        "{trash:?}"
    );
    assert!(trash.iter().any(|n| n.ends_with(".ron.~1~")), "{trash:?}");
    // A new draft of the same name: nothing of the old one is offered.
    let draft = baocao::draft::Draft::new(&template(), meta);
    h.perform(Effect::Create {
        name: "tp".into(),
        draft: Box::new(draft),
    });
    reopen(&mut h);
    assert!(h.app.modal.is_none(), "{:?}", h.app.modal);
}

#[test]
fn an_emergency_copy_in_the_home_folder_is_offered_on_the_next_open() {
    let home = tempfile::tempdir().unwrap();
    let path = new_draft(home.path(), "tp");
    let mut lost = store::load(&path, &[&template()]).unwrap();
    lost.set_answer("I.2", "text", "Ghi vào thư mục nhà khi đĩa đầy".into());
    std::thread::sleep(Duration::from_millis(5));
    let copy = recovery::home_emergency_path(home.path(), &path);
    store::save_copy(&copy, &lost).unwrap();
    let mut s = Session::start(home.path(), &["open", "tp"]);
    s.wait_text("Bản lưu khẩn cấp");
    s.send("\r");
    s.go_to("i.2");
    s.wait_text("Ghi vào thư mục nhà");
    s.quit();
}
