#![allow(clippy::unwrap_used, clippy::expect_used)]
//! Exports from the command line (Markdown here; DOCX and XLSX in their own files): every section and answer, the
//! appendices with their column numbers and the program's own totals, "DỰ THẢO" while
//! errors remain; the draft never changes and a failed export leaves no file.

use std::fs;

mod common;
use baocao::template::{FieldKind, Template};
use common::{baocao, export, sample};

#[test]
fn markdown_holds_every_section_answer_and_appendix() {
    let dir = tempfile::tempdir().unwrap();
    let out = dir.path().join("bao-cao.md");
    let src = sample("huyen-tuy-phuoc.ron");
    let before = fs::read(&src).unwrap();
    export(dir.path(), &src, &out).assert().success();
    assert_eq!(
        fs::read(&src).unwrap(),
        before,
        "exporting never changes the draft"
    );
    let md = fs::read_to_string(&out).unwrap();
    // Prose is wrapped at 80 columns: compared with every run of blanks as one space.
    let squash = |s: &str| s.split_whitespace().collect::<Vec<_>>().join(" ");
    let flat = squash(&md);
    let t = Template::builtin().unwrap();
    let d = baocao::store::load(&src, &[&t]).unwrap();
    for (_, s) in t.all_sections() {
        assert!(
            md.contains(&format!("{} {}", s.number, s.title)),
            "{} missing",
            s.id
        );
        for f in s.fields.iter().filter(|f| f.kind == FieldKind::Text) {
            match d.answer(&s.id, &f.id) {
                Some(a) if a.nothing_to_report => assert!(md.contains("Không phát sinh.")),
                Some(a) => {
                    let first = a.text.trim().lines().next().unwrap();
                    assert!(
                        flat.contains(&squash(first)),
                        "{}/{} answer missing",
                        s.id,
                        f.id
                    );
                }
                None => {}
            }
        }
    }
    for n in 1..=4 {
        assert!(md.contains(&format!("## PHỤ LỤC {n}")));
    }
    assert!(
        md.lines()
            .any(|l| squash(l) == "| (1) | (2) | (3) | (4) | (5) | (6) | (7) | (8) |"),
        "Phụ lục 1 is headed by its column numbers"
    );
    // TỔNG CỘNG is the program's own total.
    let eval = baocao::rules::evaluate(&t, &d);
    let pl1 = eval.sheet("pl1").unwrap();
    let total = &pl1.rows[pl1.fixed("TOTAL").unwrap()];
    let table = t.table("pl1").unwrap();
    let value = baocao::report::cell_text(baocao::i18n::Lang::Vi, &d, table, total, 2);
    let line = md.lines().find(|l| l.contains("TỔNG CỘNG")).unwrap();
    assert!(line.contains(&format!("**{value}**")), "{line}");
    assert!(flat.contains("Tuy Phước, ngày 05 tháng 9 năm 2024"));
    assert!(!md.contains("DỰ THẢO"));
}

#[test]
fn a_report_with_errors_is_marked_du_thao() {
    let dir = tempfile::tempdir().unwrap();
    let out = dir.path().join("x.md");
    let o = export(dir.path(), &sample("vi-pham-quy-tac.ron"), &out)
        .output()
        .unwrap();
    assert!(o.status.success());
    assert!(String::from_utf8_lossy(&o.stdout).contains("DỰ THẢO"));
    assert!(fs::read_to_string(&out).unwrap().starts_with("**DỰ THẢO**"));
}

#[test]
fn an_impossible_date_is_printed_as_typed_and_keeps_the_report_a_draft() {
    let dir = tempfile::tempdir().unwrap();
    let src = dir.path().join("sai-ngay.ron");
    let text = fs::read_to_string(sample("huyen-tuy-phuoc.ron")).unwrap();
    assert!(text.contains("\"05/09/2024\""));
    fs::write(&src, text.replace("\"05/09/2024\"", "\"31/09/2024\"")).unwrap();
    let out = dir.path().join("x.md");
    export(dir.path(), &src, &out).assert().success();
    let md = fs::read_to_string(&out).unwrap();
    assert!(md.starts_with("**DỰ THẢO**"));
    assert!(md.contains("Tuy Phước, 31/09/2024"), "{md}");
}

#[test]
fn a_failed_export_leaves_no_file() {
    let dir = tempfile::tempdir().unwrap();
    for target in [
        dir.path().join("khong-co/x.md"),
        dir.path().join("khong-co/x.docx"),
        dir.path().join("khong-co/x.xlsx"),
        dir.path().join("x.odt"),
    ] {
        let o = export(dir.path(), &sample("so-noi-vu.ron"), &target)
            .output()
            .unwrap();
        assert_eq!(o.status.code(), Some(2), "{target:?}");
        assert!(!target.exists());
    }
    let left: Vec<_> = fs::read_dir(dir.path())
        .unwrap()
        .flatten()
        .map(|e| e.file_name())
        .collect();
    assert!(left.is_empty(), "{left:?}");
}

#[test]
fn format_flag_overrides_the_extension_and_unknown_ones_are_refused() {
    let dir = tempfile::tempdir().unwrap();
    let out = dir.path().join("bao-cao.txt");
    export(dir.path(), &sample("huyen-tuy-phuoc.ron"), &out)
        .args(["--format", "md"])
        .assert()
        .success();
    assert!(fs::read_to_string(&out).unwrap().contains("# BÁO CÁO"));
    let docx = dir.path().join("x.bin");
    export(dir.path(), &sample("huyen-tuy-phuoc.ron"), &docx)
        .args(["--format", "DOCX"])
        .assert()
        .success();
    assert_eq!(&fs::read(&docx).unwrap()[..2], b"PK");
    let o = export(
        dir.path(),
        &sample("huyen-tuy-phuoc.ron"),
        &dir.path().join("x.odt"),
    )
    .output()
    .unwrap();
    assert_eq!(o.status.code(), Some(2));
    let err = String::from_utf8_lossy(&o.stderr);
    assert!(
        err.contains(".docx")
            && err.contains(".pdf")
            && err.contains(".xlsx")
            && err.contains(".md"),
        "{err}"
    );
}

/// A report with no errors but with blanks (printed "…") is not final either: it is
/// marked "DỰ THẢO" and the message says what is missing. A complete one is not.
#[test]
fn blanks_keep_a_report_a_draft_even_without_errors() {
    let dir = tempfile::tempdir().unwrap();
    baocao(dir.path())
        .args(["new", "moi", "--unit", "Sở Tài chính", "--group", "I"])
        .assert()
        .success();
    let out = dir.path().join("moi.md");
    let o = baocao(dir.path())
        .args(["export", "moi", "--to"])
        .arg(&out)
        .output()
        .unwrap();
    assert!(o.status.success());
    let said = String::from_utf8_lossy(&o.stdout);
    assert!(
        said.contains("chỗ chưa điền") && !said.contains("lỗi"),
        "{said}"
    );
    let md = fs::read_to_string(&out).unwrap();
    assert!(md.starts_with("**DỰ THẢO**"), "{md}");
    assert!(
        md.contains("…, ngày … tháng … năm …"),
        "room for the date by hand"
    );
    let full = dir.path().join("full.md");
    let o = export(dir.path(), &sample("huyen-tuy-phuoc.ron"), &full)
        .output()
        .unwrap();
    assert!(!String::from_utf8_lossy(&o.stdout).contains("DỰ THẢO"));
    assert!(!fs::read_to_string(&full).unwrap().contains("DỰ THẢO"));
}

#[test]
fn meta_writes_the_documents_identification_beside_the_export() {
    // Issue 12, point 7.
    let dir = tempfile::tempdir().unwrap();
    let out = dir.path().join("bao-cao.docx");
    baocao(dir.path())
        .args(["export"])
        .arg(sample("huyen-tuy-phuoc.ron"))
        .arg("--to")
        .arg(&out)
        .arg("--meta")
        .assert()
        .success();
    let side = dir.path().join("bao-cao.meta.json");
    let v: serde_json::Value = serde_json::from_str(&fs::read_to_string(&side).unwrap()).unwrap();
    let t = Template::builtin().unwrap();
    let d = baocao::store::load(&sample("huyen-tuy-phuoc.ron"), &[&t]).unwrap();
    assert_eq!(v["issuing_body"], d.meta.unit.as_str());
    assert_eq!(v["number_and_symbol"], "215/BC-UBND");
    assert_eq!(v["date"], "2024-09-05");
    assert_eq!(v["summary"], t.title.join(" ").as_str());
    assert_eq!(v["signer"], d.meta.signer.as_str());
    assert_eq!(v["signer_title"][0], "KT. CHỦ TỊCH");
    assert_eq!(
        v["recipients"].as_array().unwrap().len(),
        d.meta.recipients.len()
    );
    assert_eq!(v["format"], "docx");
    assert!(
        v["pages"].is_null(),
        "a DOCX's pages are the reader's to lay out"
    );
    assert_eq!(v["draft"], false);
}
