#![allow(clippy::unwrap_used, clippy::expect_used)]
//! Opening a draft when something is in the way, by keys: another session holds it, an
//! earlier session left work beside it, the file does not read; and quitting when the
//! work cannot be saved in its place.

mod common;

use std::fs;

use baocao::app::opening::Hitch;
use baocao::app::{Effect, Modal};
use baocao::store::{self, recovery};
use common::{Harness, template};

#[test]
fn a_second_session_sees_who_holds_the_draft_and_may_only_read() {
    let mut a = Harness::district(Some("i.2"));
    let mut b = a.second();
    b.open_at("tp", Some("i.2"));
    match &b.app.modal {
        Some(Modal::Hitch {
            hitch: Hitch::Locked { holder, .. },
            ..
        }) => {
            assert_eq!(holder.pid, std::process::id());
            assert!(!holder.since.is_empty());
        }
        other => panic!("{other:?}"),
    }
    b.press("r");
    let w = b.app.wizard().expect("opened read-only");
    assert!(w.read_only);
    b.press("Sửa thử");
    assert!(b.app.status.as_ref().unwrap().error);
    assert!(
        b.draft().answer("I.2", "text").is_none(),
        "nothing typed in a read-only session"
    );
    b.press("<c-q>");
    assert!(b.app.quit);
    a.close();
    // Once the first session is gone (its lock with it), the draft opens at once.
    let mut c = a.second();
    c.open_at("tp", Some("i.2"));
    assert!(c.app.modal.is_none());
    assert!(!c.app.wizard().unwrap().read_only);
}

#[test]
fn an_emergency_copy_is_offered_with_its_time_and_size_and_never_used_silently() {
    let mut a = Harness::district(Some("i.2"));
    let path = a.path("tp");
    // An earlier session was cut off: its last state is in an emergency copy.
    let mut lost = a.draft().clone();
    lost.set_answer("I.2", "text", "Nội dung viết trước khi mất kết nối".into());
    store::save_copy(&recovery::emergency_path(&path), &lost).unwrap();
    a.press("<c-q>");
    let before = fs::read(&path).unwrap();

    let mut b = a.second();
    a.close();
    b.open_at("tp", Some("i.2"));
    let Some(Modal::Hitch {
        hitch: Hitch::Leftovers { found, .. },
        ..
    }) = &b.app.modal
    else {
        panic!("{:?}", b.app.modal);
    };
    assert_eq!(found.len(), 1);
    assert!(found[0].leftover.size > 0 && found[0].leftover.modified.is_some());
    assert_eq!(
        fs::read(&path).unwrap(),
        before,
        "nothing replaced before the choice"
    );

    b.press("<enter>");
    assert_eq!(
        b.draft().answer("I.2", "text").unwrap().text,
        "Nội dung viết trước khi mất kết nối"
    );
    assert!(
        !recovery::emergency_path(&path).exists(),
        "moved aside once chosen"
    );
    let kept: Vec<_> = fs::read_dir(b.performer.store.root.join("recovered"))
        .unwrap()
        .collect();
    assert_eq!(kept.len(), 1, "kept, not deleted");
    b.wait(2.0);
    let saved = store::load(&path, &[&template()]).unwrap();
    assert_eq!(
        saved.answer("I.2", "text").unwrap().text,
        "Nội dung viết trước khi mất kết nối"
    );
    assert!(
        store::generation_path(&path, 1).exists(),
        "the old draft is a generation"
    );
}

#[test]
fn escape_at_the_offer_opens_nothing_and_moves_nothing() {
    let mut a = Harness::district(None);
    let path = a.path("tp");
    let mut lost = a.draft().clone();
    lost.set_answer("I.2", "text", "Viết sau lần lưu cuối".into());
    store::save_copy(&recovery::emergency_path(&path), &lost).unwrap();
    a.press("<c-q>");
    let mut b = a.second();
    a.close();
    b.open_at("tp", Some("i.2"));
    b.press("<esc>");
    assert!(b.app.wizard().is_none());
    assert!(recovery::emergency_path(&path).exists());
}

#[test]
fn a_broken_draft_is_set_aside_and_the_newest_good_generation_offered() {
    let mut a = Harness::district(Some("i.2"));
    let path = a.path("tp");
    a.press("Bản tốt<c-s>");
    a.press("<c-q>");
    // Someone edited it by hand and broke it.
    let broken = fs::read_to_string(&path)
        .unwrap()
        .replacen("group: III", "group: IIII", 1);
    fs::write(&path, &broken).unwrap();

    let mut b = a.second();
    a.close();
    b.open_at("tp", Some("i.2"));
    let Some(Modal::Hitch {
        hitch: Hitch::Broken {
            error, generation, ..
        },
        ..
    }) = &b.app.modal
    else {
        panic!("{:?}", b.app.modal);
    };
    assert!(
        error.contains("tp.ron:") && error.contains("giữ nguyên"),
        "{error}"
    );
    assert!(generation.is_some());
    b.press("<enter>");
    assert!(b.app.wizard().is_some());
    let aside: Vec<String> = fs::read_dir(path.parent().unwrap())
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .filter(|n| n.contains(".broken-"))
        .collect();
    assert_eq!(aside.len(), 1);
    assert_eq!(
        fs::read_to_string(path.parent().unwrap().join(&aside[0])).unwrap(),
        broken,
        "kept byte for byte"
    );
    store::load(&path, &[&template()]).unwrap();
}

#[test]
fn a_draft_from_a_newer_program_is_refused_in_the_wizard_and_left_untouched() {
    let mut a = Harness::district(None);
    let path = a.path("tp");
    a.press("<c-q>");
    let newer = fs::read_to_string(&path).unwrap().replacen(
        &format!("format_version: {}", baocao::draft::FORMAT_VERSION),
        "format_version: 99",
        1,
    );
    fs::write(&path, &newer).unwrap();
    let mut b = a.second();
    a.close();
    b.open_at("tp", Some("i.2"));
    assert!(b.app.wizard().is_none());
    assert!(b.app.status.as_ref().unwrap().text.contains("mới hơn"));
    b.press("<c-q>");
    assert_eq!(fs::read_to_string(&path).unwrap(), newer);
}

#[test]
fn quitting_with_unsaved_work_offers_to_save_it_elsewhere() {
    let mut h = Harness::district(Some("i.2"));
    let drafts = h.path("tp").parent().unwrap().to_path_buf();
    let moved = h.dir.path().join("moved");
    fs::rename(&drafts, &moved).unwrap();
    h.press("Công việc quý<c-q>");
    assert!(matches!(h.app.modal, Some(Modal::Confirm(_))));
    // The question says where the work goes on quitting: not beside the draft (its
    // folder is gone), but an emergency copy in a private place, or nowhere.
    let Some(Modal::Confirm(baocao::app::Confirm::QuitUnsaved { place, .. })) = &h.app.modal else {
        panic!("{:?}", h.app.modal);
    };
    let expected = recovery::emergency_place(&h.path("tp"));
    assert_eq!(place, &expected);
    assert!(!place.as_ref().is_some_and(|p| p.starts_with(&drafts)));
    let screen = h.screen();
    match place {
        Some(p) => assert!(
            screen
                .chars()
                .filter(|c| !c.is_whitespace() && *c != '│')
                .collect::<String>()
                .contains(&*p.file_name().unwrap().to_string_lossy()),
            "{screen}"
        ),
        None => assert!(screen.contains("sẽ mất"), "{screen}"),
    }
    h.press("l");
    let Some(Modal::SaveAs { .. }) = &h.app.modal else {
        panic!("{:?}", h.app.modal);
    };
    let target = h.dir.path().join("cuu.ron");
    // Replace the suggestion with a path of our choosing.
    h.press(&"<bs>".repeat(300));
    h.press(&target.display().to_string());
    h.press("<enter>");
    assert!(h.app.quit);
    let copy = store::load(&target, &[&template()]).unwrap();
    assert_eq!(copy.answer("I.2", "text").unwrap().text, "Công việc quý");
}

#[test]
fn a_cancelled_cell_edit_comes_back_with_ctrl_z() {
    let mut h = Harness::district(Some("pl1"));
    h.press("12345<esc>");
    let w = h.app.wizard().unwrap();
    let (row, col) = (
        w.eval.sheet("pl1").unwrap().rows[w.grid.row].row.clone(),
        "3",
    );
    assert_eq!(w.draft.cell("pl1", &row, col), "");
    h.press("<c-z>");
    assert_eq!(h.draft().cell("pl1", &row, col), "12345");
}

#[test]
fn a_stray_escape_in_the_new_draft_form_asks_before_dropping_it() {
    let mut h = Harness::new();
    h.press("nten-moi<tab>Sở Y tế<esc>");
    assert!(matches!(h.app.modal, Some(Modal::Confirm(_))));
    h.press("<esc>");
    assert!(
        matches!(h.app.screen, baocao::app::Screen::NewDraft(_)),
        "still in the form"
    );
}

#[test]
fn a_read_only_session_refuses_undo_explain_and_paste_and_writes_nothing() {
    let mut a = Harness::district(Some("pl1"));
    a.press("1250<tab>800<tab><down>");
    a.press("<c-s>");
    a.wait(1.0);
    let path = a.path("tp");
    let before = fs::read(&path).unwrap();
    let mut b = a.second();
    b.perform(Effect::Open {
        name: "tp".into(),
        goto: Some("pl1".into()),
        mode: baocao::app::opening::OpenMode::ReadOnly,
    });
    assert!(b.app.wizard().unwrap().read_only);
    let explained = |b: &Harness| b.draft().explained.len();
    // From the findings list: g is refused.
    b.press("<c-e>");
    b.press("g");
    assert!(!matches!(b.app.modal, Some(Modal::Explain { .. })));
    assert!(b.app.status.as_ref().unwrap().error);
    b.press("<esc>");
    for keys in ["<c-r>", "<c-z>", "<c-y>"] {
        b.press(keys);
        assert!(b.app.status.as_ref().unwrap().error, "{keys} refused");
    }
    b.send(baocao::app::Action::Paste("999".into()));
    b.wait(2.0);
    assert_eq!(explained(&b), 0);
    assert_eq!(fs::read(&path).unwrap(), before, "the file is untouched");
}
