#![allow(clippy::unwrap_used, clippy::expect_used)]
//! The exports opened by a real office suite: LibreOffice turns the sample DOCX and
//! XLSX into PDF; `pdfinfo` gives each page's orientation and `pdftotext` its text.
//! Also checks that a recalculating reader computes the same XLSX totals as the
//! program: the cached results are zeroed first, so only the formulas can bring the
//! totals back. Skips, saying why, where LibreOffice or poppler is not installed
//! (`.ci/run` installs both).

use std::fs;
use std::io::{Read, Write};
use std::path::{Path, PathBuf};
use std::process::Command as Proc;

mod common;
use common::pdf::pages;
use common::{export_ok, sample};

fn have(tool: &str) -> bool {
    Proc::new(tool)
        .arg("--version")
        .output()
        .is_ok_and(|o| o.status.success() || !o.stdout.is_empty() || !o.stderr.is_empty())
}

/// Whether the tools are here; prints why the test is skipped when not (under CI,
/// which installs them, their absence fails the test).
fn tools() -> bool {
    for tool in ["soffice", "pdfinfo", "pdftotext"] {
        if !have(tool) {
            assert!(
                std::env::var("CI").as_deref() != Ok("true"),
                "{tool} is missing: .ci/run installs it"
            );
            eprintln!(
                "skipped: {tool} is not installed (apt-get install libreoffice-writer-nogui \
                 libreoffice-calc-nogui poppler-utils fonts-liberation; .ci/run does)"
            );
            return false;
        }
    }
    true
}

/// LibreOffice with a profile of its own in `dir` (two instances cannot share one);
/// `recalc` makes it recompute every formula of an XLSX on load.
fn to_pdf(dir: &Path, file: &Path, recalc: bool) -> PathBuf {
    let profile = dir.join(if recalc { "lo-recalc" } else { "lo" });
    let user = profile.join("user");
    fs::create_dir_all(&user).unwrap();
    if recalc {
        // Calc ▸ Formula ▸ "Recalculation on file load" for Excel files: always.
        fs::write(
            user.join("registrymodifications.xcu"),
            r#"<?xml version="1.0" encoding="UTF-8"?>
<oor:items xmlns:oor="http://openoffice.org/2001/registry" xmlns:xs="http://www.w3.org/2001/XMLSchema" xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance">
<item oor:path="/org.openoffice.Office.Calc/Formula/Load"><prop oor:name="OOXMLRecalcMode" oor:op="fuse"><value>0</value></prop></item>
</oor:items>
"#,
        )
        .unwrap();
    }
    let outdir = dir.join(if recalc { "pdf-recalc" } else { "pdf" });
    let o = Proc::new("soffice")
        .arg(format!(
            "-env:UserInstallation=file://{}",
            profile.display()
        ))
        .args([
            "--headless",
            "--norestore",
            "--convert-to",
            "pdf",
            "--outdir",
        ])
        .arg(&outdir)
        .arg(file)
        .env("HOME", dir)
        .output()
        .unwrap();
    let pdf = outdir.join(file.with_extension("pdf").file_name().unwrap());
    assert!(
        pdf.exists(),
        "LibreOffice made no PDF: {}{}",
        String::from_utf8_lossy(&o.stdout),
        String::from_utf8_lossy(&o.stderr)
    );
    pdf
}

/// Words of a line, for comparing table rows whatever the column spacing.
fn words(line: &str) -> Vec<&str> {
    line.split_whitespace().collect()
}

#[test]
fn docx_renders_portrait_report_then_landscape_appendices() {
    if !tools() {
        return;
    }
    let dir = tempfile::tempdir().unwrap();
    let docx = dir.path().join("bao-cao.docx");
    export_ok(&sample("huyen-tuy-phuoc.ron"), &docx);
    let pages = pages(&to_pdf(dir.path(), &docx, false));
    let first_landscape = pages.iter().position(|(l, _)| *l).unwrap();
    assert!(
        first_landscape >= 2,
        "the report takes portrait pages first"
    );
    assert!(
        pages[first_landscape..].iter().all(|(l, _)| *l),
        "every page after the report is landscape"
    );
    // Numbered from page 2 on, through the appendices.
    for (i, (_, text)) in pages.iter().enumerate().skip(1) {
        let first = text.split_whitespace().next().unwrap_or("");
        assert_eq!(first, (i + 1).to_string(), "page {}:\n{text}", i + 1);
    }
    let (_, one) = &pages[0];
    for s in [
        "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM",
        "Độc lập - Tự do - Hạnh phúc",
        "UBND HUYỆN TUY PHƯỚC",
        "Số: 215/BC-UBND",
        "Tuy Phước, ngày 05 tháng 9 năm 2024",
        "BÁO CÁO",
        "I. CÔNG TÁC CHỈ ĐẠO, ĐIỀU HÀNH",
    ] {
        assert!(one.contains(s), "page 1 lacks {s}:\n{one}");
    }
    assert!(!one.trim_start().starts_with('1'), "no number on page 1");
    let two = pages[1].1.trim_start();
    assert!(
        two.starts_with("2\n") || two.starts_with("2 "),
        "page 2 is numbered:\n{two}"
    );
    let report: String = pages[..first_landscape]
        .iter()
        .map(|(_, t)| t.as_str())
        .collect();
    for s in [
        "V. ĐỀ XUẤT, KIẾN NGHỊ",
        "Nơi nhận:",
        "KT. CHỦ TỊCH",
        "Trần Văn Thanh",
    ] {
        assert!(report.contains(s), "the report lacks {s}");
    }
    for n in 1..=4 {
        let label = format!("PHỤ LỤC {n}");
        let at = pages.iter().position(|(_, t)| t.contains(&label)).unwrap();
        assert!(at >= first_landscape, "{label} on a landscape page");
    }
    let total = pages
        .iter()
        .flat_map(|(_, t)| t.lines())
        .find(|l| l.contains("TỔNG CỘNG"))
        .unwrap();
    assert_eq!(
        words(total),
        [
            "TỔNG", "CỘNG", "114.770", "71.079", "41.384", "701", "1.431", "175"
        ]
    );
    // The header rows repeat on the next page of Phụ lục 2.
    let pl2 = pages
        .iter()
        .position(|(_, t)| t.contains("PHỤ LỤC 2"))
        .unwrap();
    let next = &pages[pl2 + 1].1;
    assert!(!next.contains("PHỤ LỤC 2"), "{next}");
    assert!(
        next.contains("Cơ quan, đơn vị/lĩnh vực giải quyết"),
        "{next}"
    );
    assert!(
        next.lines()
            .any(|l| words(l) == ["(1)", "(2)", "(3)", "(4)", "(5)"]),
        "{next}"
    );
}

#[test]
fn party_and_draft_reports_render_their_own_heading() {
    if !tools() {
        return;
    }
    let dir = tempfile::tempdir().unwrap();
    let party = dir.path().join("huyen-uy.docx");
    export_ok(&sample("huyen-uy-tuy-phuoc.ron"), &party);
    let draft = dir.path().join("du-thao.docx");
    export_ok(&sample("vi-pham-quy-tac.ron"), &draft);
    let one = &pages(&to_pdf(dir.path(), &party, false))[0].1;
    assert!(one.contains("ĐẢNG CỘNG SẢN VIỆT NAM") && one.contains("Số 127-BC/HU"));
    assert!(!one.contains("CỘNG HÒA XÃ HỘI"), "{one}");
    let all = pages(&to_pdf(dir.path(), &draft, false));
    let one = &all[0].1;
    assert!(one.trim_start().starts_with("DỰ THẢO"), "{one}");
    for (i, (_, text)) in all.iter().enumerate() {
        assert!(text.contains("DỰ THẢO"), "page {} has no draft mark", i + 1);
    }
}

/// A copy of an XLSX with every formula's cached result set to 0.
fn zero_cached_results(src: &Path, dst: &Path) {
    let mut zin = zip::ZipArchive::new(fs::File::open(src).unwrap()).unwrap();
    let mut zout = zip::ZipWriter::new(fs::File::create(dst).unwrap());
    let opts = zip::write::SimpleFileOptions::default();
    for i in 0..zin.len() {
        let mut f = zin.by_index(i).unwrap();
        let name = f.name().unwrap().to_string();
        let mut body = String::new();
        f.read_to_string(&mut body).unwrap();
        if name.starts_with("xl/worksheets/") {
            let mut out = String::new();
            let mut rest = body.as_str();
            while let Some(at) = rest.find("</f><v>") {
                let end = rest[at..].find("</v>").unwrap() + at;
                out.push_str(&rest[..at]);
                out.push_str("</f><v>0</v>");
                rest = &rest[end + 4..];
            }
            out.push_str(rest);
            body = out;
        }
        zout.start_file(name, opts).unwrap();
        zout.write_all(body.as_bytes()).unwrap();
    }
    zout.finish().unwrap();
}

fn total_line(pages: &[(bool, String)]) -> Vec<String> {
    let line = pages
        .iter()
        .flat_map(|(_, t)| t.lines())
        .find(|l| l.contains("TỔNG CỘNG"))
        .unwrap();
    words(line).into_iter().map(str::to_string).collect()
}

#[test]
fn xlsx_prints_landscape_in_vietnamese_and_a_recalculating_reader_gets_the_same_totals() {
    if !tools() {
        return;
    }
    let dir = tempfile::tempdir().unwrap();
    let xlsx = dir.path().join("phu-luc.xlsx");
    export_ok(&sample("huyen-tuy-phuoc.ron"), &xlsx);
    let pages = pages(&to_pdf(dir.path(), &xlsx, false));
    assert!(
        pages.iter().all(|(l, _)| *l),
        "every sheet prints landscape"
    );
    let all: String = pages.iter().map(|(_, t)| t.as_str()).collect();
    for s in [
        "PHỤ LỤC 1",
        "PHỤ LỤC 4",
        "(Kèm theo Báo cáo số 215/BC-UBND ngày 05 tháng 9 năm 2024 của UBND huyện Tuy Phước)",
        "tăng 3,6%",
        "Chưa đạt (còn thiếu",
        "96,4",
    ] {
        assert!(all.contains(s), "lacks {s}");
    }
    let want = [
        "TỔNG", "CỘNG", "114.770", "71.079", "41.384", "701", "1.431", "175",
    ];
    assert_eq!(total_line(&pages), want);
    // Only the formulas can bring the totals back from zeroed caches.
    let zeroed = dir.path().join("zeroed.xlsx");
    zero_cached_results(&xlsx, &zeroed);
    let stale = pages_of(dir.path(), &zeroed, false);
    assert_ne!(
        total_line(&stale),
        want,
        "a reader that does not recalculate shows the cache"
    );
    let recalculated = pages_of(dir.path(), &zeroed, true);
    assert_eq!(total_line(&recalculated), want);
    let all: String = recalculated.iter().map(|(_, t)| t.as_str()).collect();
    assert!(all.contains("tăng 3,6%"), "the change column recomputed");
    // The verdict's margin keeps its decimal comma whatever the reader's locale.
    assert!(
        all.contains("1,5%)") && !all.contains("1.5%)"),
        "the verdict recomputed"
    );
}

fn pages_of(dir: &Path, file: &Path, recalc: bool) -> Vec<(bool, String)> {
    pages(&to_pdf(dir, file, recalc))
}

#[test]
fn a_pdf_export_is_pdfa_2b_with_the_drafts_title_and_author_a4_pages_and_embedded_fonts() {
    // Issue 12, point 6.
    if !tools() {
        return;
    }
    let dir = tempfile::tempdir().unwrap();
    let out = dir.path().join("bao-cao.pdf");
    export_ok(&sample("huyen-tuy-phuoc.ron"), &out);
    let meta = Proc::new("pdfinfo")
        .arg("-meta")
        .arg(&out)
        .output()
        .unwrap();
    let meta = String::from_utf8_lossy(&meta.stdout).into_owned();
    assert!(meta.contains("<pdfaid:part>2</pdfaid:part>"), "{meta}");
    assert!(
        meta.contains("<pdfaid:conformance>B</pdfaid:conformance>"),
        "{meta}"
    );
    let info = Proc::new("pdfinfo").arg(&out).output().unwrap();
    let info = String::from_utf8_lossy(&info.stdout).into_owned();
    assert!(
        info.contains("Title:           Kết quả sơ kết 03 năm"),
        "{info}"
    );
    assert!(
        info.contains("Author:          UBND huyện Tuy Phước"),
        "{info}"
    );
    let pages = pages(&out);
    assert!(pages.len() > 8);
    assert!(!pages[0].0, "the report starts on a portrait A4 page");
    assert!(pages.last().unwrap().0, "the appendices are landscape");
    let fonts = Proc::new("pdffonts").arg(&out).output().unwrap();
    let fonts = String::from_utf8_lossy(&fonts.stdout).into_owned();
    for line in fonts.lines().skip(2) {
        let cols: Vec<&str> = line.split_whitespace().collect();
        // name type [encoding] emb sub uni object ID: "emb" is the fourth from the end.
        assert_eq!(cols[cols.len() - 5], "yes", "a font not embedded: {line}");
    }
}

#[test]
fn without_libreoffice_a_pdf_export_says_what_to_install_and_writes_nothing() {
    let dir = tempfile::tempdir().unwrap();
    let out = dir.path().join("bao-cao.pdf");
    let o = common::baocao(dir.path())
        .env("PATH", dir.path())
        .args(["export"])
        .arg(sample("huyen-tuy-phuoc.ron"))
        .arg("--to")
        .arg(&out)
        .output()
        .unwrap();
    assert_eq!(o.status.code(), Some(2));
    let err = String::from_utf8_lossy(&o.stderr);
    assert!(err.contains("libreoffice-writer-nogui"), "{err}");
    assert!(!out.exists(), "nothing written");
}

#[test]
fn the_meta_file_of_a_pdf_counts_its_pages() {
    if !tools() {
        return;
    }
    let dir = tempfile::tempdir().unwrap();
    let out = dir.path().join("bao-cao.pdf");
    common::baocao(dir.path())
        .args(["export"])
        .arg(sample("huyen-tuy-phuoc.ron"))
        .arg("--to")
        .arg(&out)
        .arg("--meta")
        .assert()
        .success();
    let v: serde_json::Value =
        serde_json::from_str(&fs::read_to_string(dir.path().join("bao-cao.meta.json")).unwrap())
            .unwrap();
    assert_eq!(v["pages"].as_u64().unwrap() as usize, pages(&out).len());
}
