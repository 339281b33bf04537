#![allow(clippy::unwrap_used, clippy::expect_used)]
//! The command line, run as a user runs it: the real binary, a temporary config folder,
//! the sample drafts; exit codes and what is printed.

use std::fs;

use assert_cmd::Command;

mod common;
use common::{baocao, sample};

fn stdout(c: &mut Command) -> (i32, String, String) {
    let out = c.output().unwrap();
    (
        out.status.code().unwrap_or(-1),
        String::from_utf8(out.stdout).unwrap(),
        String::from_utf8(out.stderr).unwrap(),
    )
}

#[test]
fn new_creates_the_draft_in_the_config_folder_and_never_overwrites() {
    let cfg = tempfile::tempdir().unwrap();
    let (code, out, _) = stdout(baocao(cfg.path()).args([
        "new",
        "tuy-phuoc",
        "--unit",
        "UBND huyện Tuy Phước",
        "--group",
        "III",
    ]));
    assert_eq!(code, 0);
    let path = cfg.path().join("baocao/drafts/tuy-phuoc.ron");
    assert!(out.contains(&path.display().to_string()), "{out}");
    let text = fs::read_to_string(&path).unwrap();
    assert!(text.contains("unit: \"UBND huyện Tuy Phước\""), "{text}");
    assert!(text.contains("group: III"));

    let (code, _, err) =
        stdout(baocao(cfg.path()).args(["new", "tuy-phuoc", "--unit", "Khác", "--group", "I"]));
    assert_eq!(code, 2);
    assert!(err.contains("đã có"), "{err}");
    assert_eq!(fs::read_to_string(&path).unwrap(), text);

    let (code, _, err) =
        stdout(baocao(cfg.path()).args(["new", "x", "--unit", "A", "--group", "IV"]));
    assert_eq!(code, 2, "{err}");
}

#[test]
fn new_with_party_records_a_party_body() {
    let cfg = tempfile::tempdir().unwrap();
    baocao(cfg.path())
        .args([
            "new",
            "hu",
            "--unit",
            "Huyện ủy Tuy Phước",
            "--group",
            "III",
            "--party",
        ])
        .assert()
        .success();
    let text = fs::read_to_string(cfg.path().join("baocao/drafts/hu.ron")).unwrap();
    assert!(text.contains("body: Party"), "{text}");
}

#[test]
fn list_shows_name_unit_completion_counts_and_time() {
    let cfg = tempfile::tempdir().unwrap();
    let drafts = cfg.path().join("baocao/drafts");
    fs::create_dir_all(&drafts).unwrap();
    fs::copy(sample("vi-pham-quy-tac.ron"), drafts.join("loi.ron")).unwrap();
    fs::copy(sample("huyen-tuy-phuoc.ron"), drafts.join("tp.ron")).unwrap();
    fs::write(drafts.join("hong.ron"), "Draft(format_version: 1,").unwrap();
    let (code, out, _) = stdout(baocao(cfg.path()).arg("list"));
    assert_eq!(code, 0);
    let line = |name: &str| {
        out.lines()
            .find(|l| l.starts_with(name))
            .unwrap()
            .to_string()
    };
    let tp = line("tp ");
    assert!(
        tp.contains("UBND huyện Tuy Phước") && tp.contains("23/23"),
        "{out}"
    );
    let loi = line("loi ");
    assert!(loi.contains("Sở Tư pháp") && loi.contains(" 9 "), "{out}");
    let hong = line("hong ");
    assert!(
        hong.contains("hong.ron:1:"),
        "a broken draft is listed with its position: {out}"
    );
}

#[test]
fn list_on_an_empty_folder_says_how_to_start() {
    let cfg = tempfile::tempdir().unwrap();
    let (code, out, _) = stdout(baocao(cfg.path()).arg("list"));
    assert_eq!(code, 0);
    assert!(out.contains("baocao new"), "{out}");
}

#[test]
fn check_exits_0_on_a_consistent_report() {
    let cfg = tempfile::tempdir().unwrap();
    for s in ["huyen-tuy-phuoc.ron", "so-noi-vu.ron"] {
        let (code, out, _) = stdout(baocao(cfg.path()).arg("check").arg(sample(s)));
        assert_eq!(code, 0, "{s}: {out}");
        assert!(out.trim_end().ends_with("0 lỗi, 0 cảnh báo"), "{out}");
    }
}

#[test]
fn check_lists_every_rule_with_the_place_first_and_exits_1() {
    let cfg = tempfile::tempdir().unwrap();
    let (code, out, _) = stdout(
        baocao(cfg.path())
            .arg("check")
            .arg(sample("vi-pham-quy-tac.ron")),
    );
    assert_eq!(code, 1);
    let lines: Vec<&str> = out.lines().collect();
    for rule in (1..=12).map(|n| format!("R{n}:")) {
        assert!(
            lines.iter().any(|l| l.contains(&format!(" {rule} "))),
            "{rule} missing:\n{out}"
        );
    }
    for l in &lines[..lines.len() - 1] {
        assert!(
            l.starts_with("Phụ lục ") || l.starts_with("Mục "),
            "place first: {l}"
        );
    }
    assert!(
        out.contains("(3) 2.451 ≠ (4)+(5)+(6)+(7)+(8) = 2.449 · lệch 2"),
        "{out}"
    );
}

#[test]
fn check_json_carries_the_same_findings() {
    let cfg = tempfile::tempdir().unwrap();
    let (code, text, _) = stdout(
        baocao(cfg.path())
            .arg("check")
            .arg(sample("vi-pham-quy-tac.ron")),
    );
    let (jcode, json, _) = stdout(
        baocao(cfg.path())
            .args(["check", "--json"])
            .arg(sample("vi-pham-quy-tac.ron")),
    );
    assert_eq!(code, jcode);
    let v: serde_json::Value = serde_json::from_str(&json).unwrap();
    let findings = v["findings"].as_array().unwrap();
    assert_eq!(findings.len(), text.lines().count() - 1);
    assert_eq!(
        v["errors"].as_u64().unwrap() as usize,
        findings.iter().filter(|f| f["severity"] == "error").count()
    );
    let r1 = findings.iter().find(|f| f["rule"] == "R1").unwrap();
    assert_eq!(r1["place"]["kind"], "cell");
    assert_eq!(r1["place"]["table"], "pl1");
    assert_eq!(r1["place"]["col"], "3");
    assert!(r1["message"].as_str().unwrap().contains("lệch 2"));
    for f in findings {
        assert!(text.contains(f["message"].as_str().unwrap()));
    }
}

#[test]
fn check_on_an_unreadable_draft_exits_2_with_path_line_and_column() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("hong.ron");
    let text = fs::read_to_string(sample("so-noi-vu.ron"))
        .unwrap()
        .replacen("group: I,", "group: VI,", 1);
    fs::write(&path, &text).unwrap();
    let line = text.lines().position(|l| l.contains("group: VI")).unwrap() + 1;
    let (code, _, err) = stdout(baocao(dir.path()).arg("check").arg(&path));
    assert_eq!(code, 2);
    assert!(
        err.contains(&format!("{}:{line}:", path.display())),
        "{err}"
    );
    assert_eq!(fs::read_to_string(&path).unwrap(), text);

    let (code, _, err) = stdout(baocao(dir.path()).args(["check", "khong-co"]));
    assert_eq!(code, 2);
    assert!(err.contains("khong-co.ron"), "{err}");
}

#[test]
fn a_newer_draft_is_refused_by_every_command_and_stays_byte_identical() {
    let cfg = tempfile::tempdir().unwrap();
    let drafts = cfg.path().join("baocao/drafts");
    fs::create_dir_all(&drafts).unwrap();
    let path = drafts.join("moi.ron");
    let text = fs::read_to_string(sample("so-noi-vu.ron"))
        .unwrap()
        .replacen(
            &format!("format_version: {},", baocao::draft::FORMAT_VERSION),
            "format_version: 99,\n    attachments: [],",
            1,
        );
    fs::write(&path, &text).unwrap();
    for args in [
        vec!["check", "moi"],
        vec!["show", "moi"],
        vec!["check", "--json", "moi"],
    ] {
        let (code, _, err) = stdout(baocao(cfg.path()).args(&args));
        assert_eq!(code, 2, "{args:?}");
        assert!(err.contains("mới hơn"), "{err}");
    }
    baocao(cfg.path()).arg("list").assert().success();
    assert_eq!(fs::read_to_string(&path).unwrap(), text);
}

#[test]
fn show_prints_sections_answers_and_tables_with_computed_cells() {
    let cfg = tempfile::tempdir().unwrap();
    let (code, out, _) = stdout(
        baocao(cfg.path())
            .arg("show")
            .arg(sample("huyen-tuy-phuoc.ron")),
    );
    assert_eq!(code, 0);
    for heading in [
        "I. CÔNG TÁC CHỈ ĐẠO, ĐIỀU HÀNH",
        "5. Bài học kinh nghiệm",
        "PHỤ LỤC 4",
        "Không phát sinh",
    ] {
        assert!(out.contains(heading), "{heading} missing");
    }
    let total = out.lines().find(|l| l.contains("TỔNG CỘNG")).unwrap();
    assert!(total.contains("114.770"), "{total}");

    let (_, out, _) = stdout(baocao(cfg.path()).arg("show").arg(sample("so-noi-vu.ron")));
    let par = out
        .lines()
        .find(|l| l.contains("Vị thứ") && l.contains("28"))
        .unwrap();
    assert!(par.contains("tăng 7 bậc"), "{par}");

    let (_, out, _) = stdout(
        baocao(cfg.path())
            .arg("show")
            .arg(sample("vi-pham-quy-tac.ron")),
    );
    assert!(
        out.contains("! Phụ lục 1"),
        "findings are flagged under their table"
    );
}

#[test]
fn english_interface_on_request() {
    let cfg = tempfile::tempdir().unwrap();
    let (code, out, _) = stdout(
        baocao(cfg.path())
            .args(["--lang", "en", "check"])
            .arg(sample("vi-pham-quy-tac.ron")),
    );
    assert_eq!(code, 1);
    assert!(
        out.contains("(3) 2.451 ≠ (4)+(5)+(6)+(7)+(8) = 2.449 · off by 2"),
        "{out}"
    );
    assert!(out.trim_end().ends_with("9 errors, 9 warnings"), "{out}");
}

#[test]
fn template_check_accepts_the_builtin_outline_and_locates_errors() {
    let dir = tempfile::tempdir().unwrap();
    let (code, ron, _) = stdout(baocao(dir.path()).args(["template", "dump"]));
    assert_eq!(code, 0);
    let good = dir.path().join("nq05.ron");
    fs::write(&good, &ron).unwrap();
    let (code, out, _) = stdout(baocao(dir.path()).args(["template", "check"]).arg(&good));
    assert_eq!(code, 0, "{out}");

    let broken = dir.path().join("broken.ron");
    let bad = ron.replacen("version: 1,", "version: \"một\",", 1);
    let line = bad.lines().position(|l| l.contains("\"một\"")).unwrap() + 1;
    fs::write(&broken, bad).unwrap();
    let (code, _, err) = stdout(baocao(dir.path()).args(["template", "check"]).arg(&broken));
    assert_eq!(code, 2);
    assert!(err.contains(&format!("broken.ron:{line}:")), "{err}");

    let wrong = dir.path().join("wrong.ron");
    fs::write(
        &wrong,
        ron.replace("table: \"pl1\", total", "table: \"pl9\", total"),
    )
    .unwrap();
    let (code, _, err) = stdout(baocao(dir.path()).args(["template", "check"]).arg(&wrong));
    assert_eq!(code, 2);
    assert!(err.contains("pl9"), "{err}");
}

#[test]
fn a_draft_is_checked_against_an_outline_given_with_template() {
    let dir = tempfile::tempdir().unwrap();
    let (_, ron, _) = stdout(baocao(dir.path()).args(["template", "dump"]));
    let file = dir.path().join("khac.ron");
    fs::write(
        &file,
        ron.replacen("id: \"nq05-tu-so-ket-3-nam\"", "id: \"de-cuong-khac\"", 1),
    )
    .unwrap();
    // A draft of the built-in outline is unknown to another outline…
    let (code, _, err) = stdout(
        baocao(dir.path())
            .arg("--template")
            .arg(&file)
            .arg("check")
            .arg(sample("so-noi-vu.ron")),
    );
    assert_eq!(code, 2);
    assert!(err.contains("nq05-tu-so-ket-3-nam"), "{err}");
}

#[test]
fn new_and_open_agree_on_what_a_name_ending_in_ron_means() {
    // Issue 11, point 7: `new x.ron` made `x.ron.ron`, and `open x.ron` looked in the
    // current folder.
    let dir = tempfile::tempdir().unwrap();
    let cfg = dir.path().join("cfg");
    baocao(&cfg)
        .current_dir(dir.path())
        .args([
            "new",
            "x.ron",
            "--unit",
            "UBND huyện Tuy Phước",
            "--group",
            "III",
        ])
        .assert()
        .success();
    let drafts = cfg.join("baocao/drafts");
    assert!(drafts.join("x.ron").is_file());
    assert!(!drafts.join("x.ron.ron").exists());
    for name in ["x", "x.ron"] {
        baocao(&cfg)
            .current_dir(dir.path())
            .args(["show", name])
            .assert()
            .success();
    }
    // A file of that name in the current folder is reached with ./, and said so when
    // the draft is not in the drafts folder.
    std::fs::copy(drafts.join("x.ron"), dir.path().join("y.ron")).unwrap();
    let out = baocao(&cfg)
        .current_dir(dir.path())
        .args(["show", "y.ron"])
        .output()
        .unwrap();
    assert!(!out.status.success());
    let err = String::from_utf8_lossy(&out.stderr);
    assert!(err.contains("./y.ron"), "{err}");
    baocao(&cfg)
        .current_dir(dir.path())
        .args(["show", "./y.ron"])
        .assert()
        .success();
}
