#![allow(clippy::unwrap_used, clippy::expect_used)]
//! Drafts on disk: byte-identical round trips, NFC, atomic replace that keeps links and
//! modes, and refusal of files this program must not rewrite (left byte-identical).

use std::fs;
use std::os::unix::fs::{PermissionsExt, symlink};
use std::path::Path;

use baocao::draft::{Draft, Meta, UnitGroup};
use baocao::store::{self, LoadError, Store, StoreError};
use baocao::template::Template;

fn tpl() -> Template {
    Template::builtin().unwrap()
}

fn sample_draft(t: &Template) -> Draft {
    let mut d = Draft::new(
        t,
        Meta {
            unit: "UBND huyện Tuy Phước".into(),
            group: UnitGroup::III,
            parent: "UBND TỈNH BÌNH ĐỊNH".into(),
            recipients: vec!["Ban Thường vụ Tỉnh ủy (b/c)".into(), "Lưu: VT".into()],
            ..Meta::default()
        },
    );
    d.set_answer(
        "I.1",
        "text",
        "Tổ chức 12 hội nghị quán triệt \"Nghị quyết\" số 05-NQ/TU;\nđăng tải trên Cổng thông tin điện tử huyện.".into(),
    );
    d.set_answer("I.1", "dang_vien", "1.234".into());
    d
}

fn files_in(dir: &Path) -> Vec<String> {
    let mut v: Vec<String> = fs::read_dir(dir)
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .collect();
    v.sort();
    v
}

/// A draft's text without the time of its save (which every save sets).
fn unstamped(bytes: Vec<u8>) -> String {
    let text = String::from_utf8(bytes).unwrap();
    assert!(
        text.lines().any(|l| l.starts_with("    saved_at: Some(\"")),
        "every save records its time"
    );
    text.lines()
        .filter(|l| !l.starts_with("    saved_at: "))
        .map(|l| format!("{l}\n"))
        .collect()
}

/// `d` with the time of its save forgotten.
fn unstamp(mut d: baocao::draft::Draft) -> baocao::draft::Draft {
    d.saved_at = None;
    d
}

#[test]
fn saving_an_unchanged_loaded_draft_gives_identical_bytes() {
    let t = tpl();
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("d.ron");
    store::save(&path, &sample_draft(&t)).unwrap();
    let first = fs::read(&path).unwrap();
    let loaded = store::load(&path, &[&t]).unwrap();
    store::save(&path, &loaded).unwrap();
    assert_eq!(unstamped(fs::read(&path).unwrap()), unstamped(first));
    assert_eq!(unstamp(loaded), sample_draft(&t));
}

#[test]
fn the_sample_drafts_round_trip_byte_for_byte() {
    let t = tpl();
    let dir = tempfile::tempdir().unwrap();
    let samples = Path::new(env!("CARGO_MANIFEST_DIR")).join("sample");
    let mut seen = 0;
    for entry in fs::read_dir(samples).unwrap() {
        let p = entry.unwrap().path();
        if p.extension().is_none_or(|e| e != "ron") {
            continue;
        }
        let original = fs::read(&p).unwrap();
        let draft = store::load(&p, &[&t]).unwrap();
        let out = dir.path().join(p.file_name().unwrap());
        store::save(&out, &draft).unwrap();
        assert_eq!(
            unstamped(fs::read(&out).unwrap()),
            String::from_utf8(original).unwrap(),
            "{}",
            p.display()
        );
        seen += 1;
    }
    assert!(seen >= 3, "expected at least three samples, found {seen}");
}

#[test]
fn vietnamese_is_stored_readable_and_composed() {
    let t = tpl();
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("d.ron");
    let mut d = sample_draft(&t);
    // "Việt Nam" typed decomposed, as the Windows Vietnamese keyboard sends it.
    let nfd = "Vie\u{0323}\u{0302}t Nam";
    d.set_answer("I.2", "text", nfd.into());
    store::save(&path, &d).unwrap();
    let text = fs::read_to_string(&path).unwrap();
    assert!(text.contains("Việt Nam"), "{text}");
    assert!(!text.contains("\\u"), "no escapes: {text}");
    assert!(text.contains("UBND huyện Tuy Phước"));
    let loaded = store::load(&path, &[&t]).unwrap();
    assert_eq!(loaded.answer("I.2", "text").unwrap().text, "Việt Nam");
}

#[test]
fn decomposed_text_in_a_file_is_composed_on_load() {
    let t = tpl();
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("d.ron");
    store::save(&path, &sample_draft(&t)).unwrap();
    let text = fs::read_to_string(&path)
        .unwrap()
        .replace("Tuy Phước", "Tuy Phu\u{031b}o\u{031b}\u{0301}c");
    fs::write(&path, text).unwrap();
    let loaded = store::load(&path, &[&t]).unwrap();
    assert_eq!(loaded.meta.unit, "UBND huyện Tuy Phước");
}

#[test]
fn saving_leaves_no_temporary_file_and_replaces_the_old_content() {
    let t = tpl();
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("d.ron");
    let mut d = sample_draft(&t);
    store::save(&path, &d).unwrap();
    let first = fs::read(&path).unwrap();
    d.set_answer("I.3", "text", "Tác động rõ rệt.".into());
    store::save(&path, &d).unwrap();
    assert_eq!(
        files_in(dir.path()),
        vec!["d.ron".to_string(), "d.ron.~1~".to_string()]
    );
    assert_eq!(unstamp(store::load(&path, &[&t]).unwrap()), d);
    assert_eq!(
        fs::read(dir.path().join("d.ron.~1~")).unwrap(),
        first,
        "the previous save is kept"
    );
}

#[test]
fn the_last_three_generations_are_kept_beside_the_draft() {
    let t = tpl();
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("d.ron");
    let mut d = sample_draft(&t);
    let mut states = Vec::new();
    for n in 0..6 {
        d.set_answer("I.3", "text", format!("lần lưu {n}"));
        store::save(&path, &d).unwrap();
        states.push(fs::read(&path).unwrap());
    }
    assert_eq!(
        files_in(dir.path()),
        vec!["d.ron", "d.ron.~1~", "d.ron.~2~", "d.ron.~3~"]
    );
    for g in 1..=3 {
        assert_eq!(
            fs::read(store::generation_path(&path, g)).unwrap(),
            states[5 - g],
            "generation {g}"
        );
    }
}

#[test]
fn a_symlinked_draft_keeps_its_link_and_the_target_is_updated() {
    let t = tpl();
    let dir = tempfile::tempdir().unwrap();
    fs::create_dir(dir.path().join("real")).unwrap();
    let target = dir.path().join("real/d.ron");
    let link = dir.path().join("link.ron");
    store::save(&target, &sample_draft(&t)).unwrap();
    symlink("real/d.ron", &link).unwrap();
    let mut d = store::load(&link, &[&t]).unwrap();
    d.set_answer("I.3", "text", "Qua liên kết.".into());
    store::save(&link, &d).unwrap();
    assert!(
        fs::symlink_metadata(&link)
            .unwrap()
            .file_type()
            .is_symlink()
    );
    assert!(store::load(&target, &[&t]).unwrap().same_state(&d));
}

#[test]
fn a_draft_readable_by_its_group_is_private_after_its_next_save() {
    let t = tpl();
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("d.ron");
    store::save(&path, &sample_draft(&t)).unwrap();
    fs::set_permissions(&path, fs::Permissions::from_mode(0o640)).unwrap();
    store::save(&path, &sample_draft(&t)).unwrap();
    // A draft is unpublished official data: its owner's alone (issue 11).
    assert_eq!(
        fs::metadata(&path).unwrap().permissions().mode() & 0o777,
        0o600
    );
}

fn assert_untouched(path: &Path, before: &[u8], err: LoadError) -> LoadError {
    assert_eq!(fs::read(path).unwrap(), before, "the file must not change");
    assert_eq!(err.path(), path);
    err
}

#[test]
fn a_draft_from_a_newer_format_is_refused_and_left_byte_identical() {
    let t = tpl();
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("new.ron");
    store::save(&path, &sample_draft(&t)).unwrap();
    let text = fs::read_to_string(&path).unwrap().replace(
        &format!("format_version: {},", baocao::draft::FORMAT_VERSION),
        "format_version: 7,\n    signatures: [\"x\"],",
    );
    fs::write(&path, &text).unwrap();
    let err = store::load(&path, &[&t]).unwrap_err();
    let err = assert_untouched(&path, text.as_bytes(), err);
    assert!(
        matches!(
            err,
            LoadError::NewerFormat {
                found: 7,
                supported: baocao::draft::FORMAT_VERSION,
                ..
            }
        ),
        "{err:?}"
    );
}

#[test]
fn a_draft_for_an_unknown_template_is_refused_and_left_byte_identical() {
    let t = tpl();
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("other.ron");
    store::save(&path, &sample_draft(&t)).unwrap();
    let text = fs::read_to_string(&path)
        .unwrap()
        .replace("nq05-tu-so-ket-3-nam", "bao-cao-nam-2030");
    fs::write(&path, &text).unwrap();
    let err = store::load(&path, &[&t]).unwrap_err();
    let err = assert_untouched(&path, text.as_bytes(), err);
    assert!(matches!(err, LoadError::UnknownTemplate { ref id, .. } if id == "bao-cao-nam-2030"));
}

#[test]
fn a_broken_draft_is_reported_with_line_and_column() {
    let t = tpl();
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("broken.ron");
    store::save(&path, &sample_draft(&t)).unwrap();
    let text = fs::read_to_string(&path)
        .unwrap()
        .replacen("group: III,", "group: IV,", 1);
    let line = text.lines().position(|l| l.contains("group: IV")).unwrap() + 1;
    fs::write(&path, &text).unwrap();
    let err = store::load(&path, &[&t]).unwrap_err();
    match assert_untouched(&path, text.as_bytes(), err) {
        LoadError::Parse {
            line: l, column, ..
        } => {
            assert_eq!(l, line);
            assert!(column > 1);
        }
        other => panic!("{other:?}"),
    }
}

#[test]
fn a_file_that_is_not_utf8_is_reported_with_its_position() {
    let t = tpl();
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("latin1.ron");
    let bytes = b"Draft(\n    format_version: 1,\n    x: \"Vi\xeat\",\n".to_vec();
    fs::write(&path, &bytes).unwrap();
    match store::load(&path, &[&t]).unwrap_err() {
        LoadError::NotUtf8 { line, column, .. } => assert_eq!((line, column), (3, 11)),
        other => panic!("{other:?}"),
    }
    assert_eq!(fs::read(&path).unwrap(), bytes);
}

#[test]
fn every_truncation_of_a_draft_loads_or_fails_cleanly() {
    let t = tpl();
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("d.ron");
    store::save(&path, &sample_draft(&t)).unwrap();
    let full = fs::read(&path).unwrap();
    let cut = dir.path().join("cut.ron");
    let mut failures = 0;
    for n in 0..full.len() {
        fs::write(&cut, &full[..n]).unwrap();
        if store::load(&cut, &[&t]).is_err() {
            failures += 1;
        }
    }
    assert!(
        failures >= full.len() - 2,
        "a truncated draft must not load as complete"
    );
}

#[test]
fn new_refuses_to_overwrite_an_existing_draft() {
    let t = tpl();
    let dir = tempfile::tempdir().unwrap();
    let s = Store {
        root: dir.path().to_path_buf(),
    };
    let path = s.create("tuy-phuoc", &sample_draft(&t)).unwrap();
    assert_eq!(path, dir.path().join("drafts/tuy-phuoc.ron"));
    let before = fs::read(&path).unwrap();
    let other = Draft::new(
        &t,
        Meta {
            unit: "Khác".into(),
            ..Meta::default()
        },
    );
    let err = s.create("tuy-phuoc", &other).unwrap_err();
    assert!(
        matches!(err, store::CreateError::Store(StoreError::Exists(_))),
        "{err:?}"
    );
    assert_eq!(fs::read(&path).unwrap(), before);
    assert!(matches!(s.draft_path("../x"), Err(StoreError::BadName(_))));
    assert!(matches!(
        s.draft_path(".hidden"),
        Err(StoreError::BadName(_))
    ));
}

#[test]
fn names_are_looked_up_in_the_drafts_folder_and_paths_used_as_given() {
    let s = Store {
        root: "/cfg/baocao".into(),
    };
    assert_eq!(
        s.resolve("tp").unwrap(),
        Path::new("/cfg/baocao/drafts/tp.ron")
    );
    assert_eq!(s.resolve("./tp").unwrap(), Path::new("./tp"));
    // "tp.ron" is the draft tp, as `new tp.ron` makes it (issue 11, point 7); a file
    // in the current folder is ./tp.ron.
    assert_eq!(
        s.resolve("tp.ron").unwrap(),
        Path::new("/cfg/baocao/drafts/tp.ron")
    );
    assert_eq!(s.resolve("./tp.ron").unwrap(), Path::new("./tp.ron"));
}

#[test]
fn draft_names_take_exactly_what_the_name_field_says() {
    // The hint: "vd: huyen-tuy-phuoc · chữ, số, - _ . (không dấu cách, không mở đầu
    // bằng .)".
    let hint = baocao::i18n::draft_name_hint(baocao::i18n::Lang::Vi);
    assert!(hint.contains("huyen-tuy-phuoc") && hint.contains("chữ, số, - _ ."));
    let s = Store {
        root: "/cfg/baocao".into(),
    };
    for ok in ["huyen-tuy-phuoc", "tuy_phước.2024", "SoNoiVu2", "a"] {
        assert!(s.draft_path(ok).is_ok(), "{ok}");
    }
    for bad in ["tuy phuoc", ".an", "a/b", "a;b", "a,b", "", "bản:nháp"] {
        assert!(
            matches!(s.draft_path(bad), Err(StoreError::BadName(_))),
            "{bad}"
        );
    }
}

#[test]
fn a_byte_order_mark_is_accepted_and_not_written_back() {
    // Issue 11, point 7.
    let t = tpl();
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("bom.ron");
    store::save(&path, &sample_draft(&t)).unwrap();
    let text = fs::read_to_string(&path).unwrap();
    fs::write(&path, format!("\u{feff}{text}")).unwrap();
    let d = store::load(&path, &[&t]).unwrap();
    assert_eq!(unstamp(d.clone()), sample_draft(&t));
    store::save(&path, &d).unwrap();
    assert!(!fs::read_to_string(&path).unwrap().starts_with('\u{feff}'));
}

#[test]
fn a_decomposed_name_is_the_composed_name_it_looks_like() {
    // Issue 11, point 7: "phước" typed as p h u + horn + o + hook above… (NFD).
    let s = store::Store {
        root: std::path::PathBuf::from("/nonexistent/baocao"),
    };
    let nfd = "tuy-phu\u{31b}o\u{31b}\u{301}c";
    let nfc = "tuy-phước";
    assert_ne!(nfd, nfc);
    assert_eq!(s.draft_path(nfd).unwrap(), s.draft_path(nfc).unwrap());
}

#[test]
fn a_key_given_twice_is_an_error_at_its_line_and_column_and_the_file_is_untouched() {
    // Issue 11, point 7: serde keeps the last of two equal keys and drops the first.
    let t = tpl();
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("dup.ron");
    store::save(&path, &sample_draft(&t)).unwrap();
    let text = fs::read_to_string(&path).unwrap();
    let mut lines: Vec<String> = text.lines().map(str::to_string).collect();
    let at = lines
        .iter()
        .position(|l| l.trim_start().starts_with("\"I.1/dang_vien\""))
        .unwrap();
    // The entry is three lines: key, text, closing parenthesis.
    let entry: Vec<String> = lines[at..at + 3]
        .iter()
        .map(|l| l.replace("1.234", "9.999"))
        .collect();
    for (k, l) in entry.into_iter().enumerate() {
        lines.insert(at + 3 + k, l);
    }
    let doubled = lines.join("\n") + "\n";
    fs::write(&path, &doubled).unwrap();
    match store::load(&path, &[&t]) {
        Err(store::LoadError::Parse { line, message, .. }) => {
            assert!(
                message.contains("I.1/dang_vien") && message.contains("twice"),
                "{message}"
            );
            assert!(
                (at + 4..=at + 6).contains(&line),
                "reported at line {line}, the second key is on line {}",
                at + 4
            );
        }
        other => panic!("{other:?}"),
    }
    assert_eq!(fs::read_to_string(&path).unwrap(), doubled);
    // A field of a record given twice is refused too.
    let unit = text
        .lines()
        .find(|l| l.trim_start().starts_with("unit:"))
        .unwrap();
    let twice = text.replacen(unit, &format!("{unit}\n{unit}"), 1);
    fs::write(&path, &twice).unwrap();
    assert!(matches!(
        store::load(&path, &[&t]),
        Err(store::LoadError::Parse { .. })
    ));
}
