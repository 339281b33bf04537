#![allow(clippy::unwrap_used, clippy::expect_used)]
//! Issue 12, point 1: page-layout guarantees, proved by a sweep. The district and
//! Party samples with 0 to 15 added sentences in V.2, and the district sample with 0
//! to 40 added rows in each appendix that takes rows, go through LibreOffice to PDF in
//! one run; on every page of every document:
//! - no page is blank or holds only its number;
//! - «Nơi nhận», the signer's title and the signer's name are on one page, and that
//!   page has text of the report above them;
//! - every appendix starts on a landscape page of its own with its title;
//! - a table that goes on to another page repeats its header rows there.
//!
//! Skips, saying why, without LibreOffice and poppler; fails under CI=true then.

use std::fs;
use std::path::{Path, PathBuf};
use std::process::Command;
use std::sync::Arc;

use baocao::draft::{AddedRow, Draft};
use baocao::export::{self, Format};
use baocao::template::Template;

mod common;
use common::pdf::pages;

fn tools() -> bool {
    let have = |t: &str| Command::new(t).arg("--version").output().is_ok();
    let missing: Vec<&str> = ["soffice", "pdfinfo", "pdftotext"]
        .into_iter()
        .filter(|t| !have(t))
        .collect();
    if missing.is_empty() {
        return true;
    }
    let why = format!(
        "{missing:?} not installed (apt-get install libreoffice-writer-nogui poppler-utils \
         fonts-liberation; .ci/run does)"
    );
    assert!(std::env::var("CI").as_deref() != Ok("true"), "{why}");
    eprintln!("skipped: {why}");
    false
}

fn sentence(k: usize) -> String {
    format!("Đề nghị tỉnh tiếp tục quan tâm hỗ trợ kinh phí cho nội dung số {k}.")
}

/// The sample with `k` short sentences added to V.2.
fn with_sentences(t: &Template, sample: &str, k: usize) -> Draft {
    let mut d = baocao::store::load(&common::sample(sample), &[t]).unwrap();
    let mut text = d
        .answer("V", "2")
        .map(|a| a.text.clone())
        .unwrap_or_default();
    for i in 1..=k {
        text.push(' ');
        text.push_str(&sentence(i));
    }
    d.set_answer("V", "2", text);
    d
}

/// Where rows may be added to `table`: the first row that takes them, or the table.
fn row_parent(t: &Template, table: &str) -> Option<String> {
    let spec = t.table(table)?;
    if spec.accepts.is_some() {
        return Some(String::new());
    }
    spec.all_rows()
        .into_iter()
        .find(|(_, r)| r.accepts.is_some() && r.children.is_empty())
        .map(|(_, r)| r.key.clone())
}

/// The district sample with `n` rows added to `table`.
fn with_rows(t: &Template, table: &str, parent: &str, n: usize) -> Draft {
    let mut d = baocao::store::load(&common::sample("huyen-tuy-phuoc.ron"), &[t]).unwrap();
    let spec = t.table(table).unwrap();
    let label = spec
        .columns
        .iter()
        .find(|c| c.kind == baocao::template::ColumnKind::Label)
        .map(|c| c.id.clone())
        .unwrap_or_else(|| "2".into());
    let data = d.table_mut(table);
    for i in 0..n {
        let id = data.next_id();
        let mut cells = std::collections::BTreeMap::new();
        cells.insert(label.clone(), format!("Đơn vị bổ sung số {}", i + 1));
        data.rows.push(Arc::new(AddedRow {
            id,
            parent: parent.to_string(),
            cells,
        }));
    }
    d
}

fn docx(t: &Template, d: &Draft, path: &Path) {
    let eval = baocao::rules::evaluate(t, d);
    let (bytes, _) = export::render(Format::Docx, t, d, &eval).unwrap();
    fs::write(path, bytes).unwrap();
}

/// Converts every DOCX of `dir` to PDF in one LibreOffice run.
fn convert_all(dir: &Path, files: &[PathBuf]) -> PathBuf {
    let out = dir.join("pdf");
    let profile = dir.join("lo-profile");
    let o = Command::new("soffice")
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
        .arg(&out)
        .args(files)
        .env("HOME", dir)
        .output()
        .unwrap();
    assert!(
        o.status.success(),
        "LibreOffice: {}",
        String::from_utf8_lossy(&o.stderr)
    );
    out
}

/// The lines of a page that hold something, without its header line (the page
/// number and the «DỰ THẢO» mark of a report with errors).
fn content(page: &str) -> Vec<&str> {
    page.lines()
        .map(str::trim)
        .filter(|l| {
            let rest = l.trim_start_matches(|c: char| c.is_ascii_digit()).trim();
            !(rest.is_empty() || rest == "DỰ THẢO")
        })
        .collect()
}

/// Every guarantee, on every page of one document; returns what failed.
fn check(name: &str, pages: &[(bool, String)], d: &Draft, t: &Template) -> Vec<String> {
    let mut bad = Vec::new();
    for (i, (_, text)) in pages.iter().enumerate() {
        if content(text).is_empty() {
            bad.push(format!(
                "{name}: page {} is blank or holds only a number",
                i + 1
            ));
        }
    }
    // The closing block: «Nơi nhận», the title, the name, on one page with text above.
    let signer = d.meta.signer.trim();
    let title = d
        .meta
        .signer_title
        .lines()
        .next()
        .unwrap_or("")
        .trim()
        .to_uppercase();
    let on = |needle: &str| {
        pages
            .iter()
            .position(|(_, p)| p.contains(needle))
            .map(|i| i + 1)
    };
    let (r, s, n) = (on("Nơi nhận"), on(&title), on(signer));
    if r.is_none() || r != s || s != n {
        bad.push(format!(
            "{name}: the closing block is split: «Nơi nhận» on page {r:?}, the title on \
             {s:?}, the name on {n:?}"
        ));
    } else if let Some(p) = r {
        let text = &pages[p - 1].1;
        let lines = content(text);
        let at = lines
            .iter()
            .position(|l| l.contains("Nơi nhận"))
            .unwrap_or(0);
        if at == 0 {
            bad.push(format!(
                "{name}: page {p} holds the closing block without text of the report above it"
            ));
        }
    }
    // Each appendix: its own landscape page, title first; later pages repeat the header.
    for (k, table) in t.tables.iter().enumerate() {
        let label = format!("PHỤ LỤC {}", table.number);
        let Some(first) = pages
            .iter()
            .position(|(_, p)| content(p).first() == Some(&label.as_str()))
        else {
            bad.push(format!("{name}: no page starts with «{label}»"));
            continue;
        };
        if !pages[first].0 {
            bad.push(format!("{name}: «{label}» starts on a portrait page"));
        }
        if k + 1 < t.tables.len() {
            let next = format!("PHỤ LỤC {}", t.tables[k + 1].number);
            if pages[first].1.contains(&next) {
                bad.push(format!("{name}: «{next}» shares a page with «{label}»"));
            }
        }
        // Pages of this appendix after its first, up to the next appendix.
        for (i, (_, p)) in pages.iter().enumerate().skip(first + 1) {
            let c = content(p);
            if c.first().is_some_and(|l| l.starts_with("PHỤ LỤC")) {
                break;
            }
            // The row of column numbers is the last header row: "(1) (2) (3)…". A page
            // holding only the notes under the table has no rows to head.
            let header = c
                .iter()
                .take(12)
                .any(|l| l.contains("(1)") && l.contains("(2)"));
            let only_notes = c.iter().all(|l| {
                table
                    .notes
                    .iter()
                    .any(|n| n.starts_with(l.trim()) || n.contains(l.trim()))
            });
            if !header && !only_notes {
                bad.push(format!(
                    "{name}: page {} goes on with «{label}» without its header rows",
                    i + 1
                ));
            }
        }
    }
    bad
}

#[test]
fn no_split_signature_no_blank_page_appendices_on_their_own_pages_headers_repeat() {
    if !tools() {
        return;
    }
    let t = Template::builtin().unwrap();
    let dir = tempfile::tempdir().unwrap();
    let mut jobs: Vec<(String, Draft)> = Vec::new();
    for (sample, short) in [
        ("huyen-tuy-phuoc.ron", "huyen"),
        ("huyen-uy-tuy-phuoc.ron", "dang"),
    ] {
        for k in 0..=15 {
            jobs.push((format!("{short}-v2-{k:02}"), with_sentences(&t, sample, k)));
        }
    }
    for table in &t.tables {
        let Some(parent) = row_parent(&t, &table.id) else {
            // Phụ lục 3 has a fixed list of indicators: no rows to add.
            continue;
        };
        for n in 0..=40 {
            jobs.push((
                format!("{}-rows-{n:02}", table.id),
                with_rows(&t, &table.id, &parent, n),
            ));
        }
    }
    let mut files = Vec::new();
    for (name, d) in &jobs {
        let path = dir.path().join(format!("{name}.docx"));
        docx(&t, d, &path);
        files.push(path);
    }
    let out = convert_all(dir.path(), &files);
    let mut bad = Vec::new();
    for (name, d) in &jobs {
        let pdf = out.join(format!("{name}.pdf"));
        assert!(pdf.exists(), "no PDF for {name}");
        bad.extend(check(name, &pages(&pdf), d, &t));
    }
    assert!(
        bad.is_empty(),
        "{} of {} documents break a guarantee:\n{}",
        bad.len(),
        jobs.len(),
        bad.join("\n")
    );
}
