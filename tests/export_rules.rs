#![allow(clippy::unwrap_used, clippy::expect_used)]
//! Issue 12, point 2: the rules of the heading block and under the summary line,
//! measured on the page LibreOffice renders. Text widths come from `pdftotext
//! -bbox-layout`, rules from the page drawn at 300 dpi (long runs of dark pixels).
//! Nghị định 30: under the issuing body one third to one half of its line, centred;
//! under the motto as long as the motto; under the summary one third to one half of
//! it. Hướng dẫn 36: under «ĐẢNG CỘNG SẢN VIỆT NAM» as long as it. The lengths are
//! printed (MEASURE …) for the record.

use std::fs;
use std::path::Path;
use std::process::Command;

mod common;
use common::{export_ok, sample};

const DPI: f64 = 300.0;

fn tools() -> bool {
    let have = |t: &str| Command::new(t).arg("-v").output().is_ok();
    let ok = ["soffice", "pdftoppm", "pdftotext"].into_iter().all(have);
    if !ok {
        assert!(
            std::env::var("CI").as_deref() != Ok("true"),
            "CI installs LibreOffice and poppler"
        );
        eprintln!("skipped: LibreOffice or poppler-utils is not installed (.ci/run installs them)");
    }
    ok
}

/// A line of text on page 1: its words and its left and right edges in points.
struct TextLine {
    text: String,
    x0: f64,
    x1: f64,
    y1: f64,
}

fn lines(pdf: &Path) -> Vec<TextLine> {
    lines_of(pdf, 1)
}

/// The lines of page `page`.
fn lines_of(pdf: &Path, page: usize) -> Vec<TextLine> {
    let page = page.to_string();
    let o = Command::new("pdftotext")
        .args(["-bbox-layout", "-f", &page, "-l", &page])
        .arg(pdf)
        .arg("-")
        .output()
        .unwrap();
    let xml = String::from_utf8_lossy(&o.stdout).into_owned();
    let options = roxmltree::ParsingOptions {
        allow_dtd: true,
        ..Default::default()
    };
    let doc = roxmltree::Document::parse_with_options(&xml, options).unwrap();
    doc.descendants()
        .filter(|n| n.tag_name().name() == "line")
        .map(|l| {
            let num = |a: &str| l.attribute(a).unwrap().parse::<f64>().unwrap();
            let words: Vec<&str> = l
                .children()
                .filter(|w| w.tag_name().name() == "word")
                .filter_map(|w| w.text())
                .collect();
            TextLine {
                text: words.join(" "),
                x0: num("xMin"),
                x1: num("xMax"),
                y1: num("yMax"),
            }
        })
        .collect()
}

/// Horizontal rules on page 1: (y, x0, x1) in points, each a run of at least 40 dark
/// pixels that no glyph makes.
fn rules(pdf: &Path, dir: &Path) -> Vec<(f64, f64, f64)> {
    let base = dir.join("page");
    Command::new("pdftoppm")
        .args(["-gray", "-r", "300", "-f", "1", "-l", "1"])
        .arg(pdf)
        .arg(&base)
        .status()
        .unwrap();
    let file = fs::read_dir(dir)
        .unwrap()
        .flatten()
        .map(|e| e.path())
        .find(|p| p.extension().is_some_and(|e| e == "pgm"))
        .unwrap();
    let bytes = fs::read(file).unwrap();
    // P5 header: "P5\n<w> <h>\n<max>\n".
    let mut fields = Vec::new();
    let mut at = 0;
    while fields.len() < 4 {
        while bytes[at].is_ascii_whitespace() {
            at += 1;
        }
        let start = at;
        while !bytes[at].is_ascii_whitespace() {
            at += 1;
        }
        fields.push(String::from_utf8_lossy(&bytes[start..at]).into_owned());
    }
    let (w, h): (usize, usize) = (fields[1].parse().unwrap(), fields[2].parse().unwrap());
    let px = &bytes[at + 1..];
    let mut found: Vec<(f64, f64, f64)> = Vec::new();
    let pt = |p: usize| p as f64 * 72.0 / DPI;
    for y in 0..h {
        let row = &px[y * w..(y + 1) * w];
        let mut x = 0;
        while x < w {
            if row[x] < 128 {
                let start = x;
                while x < w && row[x] < 128 {
                    x += 1;
                }
                if x - start >= 40 {
                    let (y0, a, b) = (pt(y), pt(start), pt(x));
                    // A rule a few pixels thick is one rule.
                    if !found.iter().any(|&(fy, fa, fb)| {
                        (fy - y0).abs() < 2.0 && (fa - a).abs() < 1.0 && (fb - b).abs() < 1.0
                    }) {
                        found.push((y0, a, b));
                    }
                }
            }
            x += 1;
        }
    }
    found
}

/// The rule just under `line` (within 12 pt), overlapping it.
fn under(rules: &[(f64, f64, f64)], line: &TextLine) -> (f64, f64) {
    rules
        .iter()
        .filter(|(y, a, b)| {
            *y > line.y1 - 4.0 && *y < line.y1 + 12.0 && *b > line.x0 && *a < line.x1
        })
        .map(|&(_, a, b)| (a, b))
        .next()
        .unwrap_or_else(|| panic!("no rule under «{}»", line.text))
}

fn mm(pt: f64) -> f64 {
    pt * 25.4 / 72.0
}

/// Exports `sample` to PDF and checks its rules.
fn check(sample_name: &str, issuer: Option<&str>, top: &str) {
    let dir = tempfile::tempdir().unwrap();
    let pdf = dir.path().join("bc.pdf");
    // One conversion (the PDF export itself): the same LibreOffice the user runs.
    export_ok(&sample(sample_name), &pdf);
    let lines = lines(&pdf);
    let rules = rules(&pdf, dir.path());
    let find = |needle: &str| {
        lines
            .iter()
            .find(|l| l.text == needle)
            .unwrap_or_else(|| panic!("no line «{needle}» on page 1"))
    };
    // The rule under `line`, as a share of the width of `of` (the same line, or the
    // longest line of the summary above it).
    let ratio = |line: &TextLine, of: &TextLine, name: &str| {
        let (a, b) = under(&rules, line);
        let (len, text) = (b - a, of.x1 - of.x0);
        let centre = ((a + b) / 2.0 - (of.x0 + of.x1) / 2.0).abs();
        println!(
            "MEASURE {sample_name}: {name}: rule {:.1} mm under {:.1} mm of text ({:.0} %), centred within {:.1} mm",
            mm(len),
            mm(text),
            100.0 * len / text,
            mm(centre)
        );
        assert!(
            mm(centre) < 1.0,
            "{sample_name}: the rule under {name} is not centred"
        );
        len / text
    };
    // A Party document has a star under the issuing body, not a rule.
    if let Some(issuer) = issuer {
        let line = find(issuer);
        let r = ratio(line, line, "the issuing body");
        assert!(
            (1.0 / 3.0..=0.5).contains(&r),
            "{sample_name}: issuer rule at {r:.2}"
        );
    }
    let line = find(top);
    let r = ratio(line, line, top);
    assert!(
        (0.95..=1.05).contains(&r),
        "{sample_name}: rule under «{top}» at {r:.2}"
    );
    let longest = find("của Ban Thường vụ Tỉnh ủy về đẩy mạnh công tác cải cách hành chính");
    let last = find("trên địa bàn tỉnh đến năm 2025");
    let r = ratio(last, longest, "the summary line");
    assert!(
        (1.0 / 3.0..=0.5).contains(&r),
        "{sample_name}: summary rule at {r:.2}"
    );
}

#[test]
fn rules_are_drawn_to_the_decree_in_the_three_samples() {
    if !tools() {
        return;
    }
    let motto = "Độc lập - Tự do - Hạnh phúc";
    check("huyen-tuy-phuoc.ron", Some("UBND HUYỆN TUY PHƯỚC"), motto);
    check("so-noi-vu.ron", Some("SỞ NỘI VỤ"), motto);
    check("huyen-uy-tuy-phuoc.ron", None, "ĐẢNG CỘNG SẢN VIỆT NAM");
}

#[test]
fn noi_nhan_starts_at_the_text_margin() {
    // Issue 12, point 3: no cell padding pushes «Nơi nhận» right of the margin.
    if !tools() {
        return;
    }
    let dir = tempfile::tempdir().unwrap();
    let pdf = dir.path().join("bc.pdf");
    export_ok(&sample("huyen-tuy-phuoc.ron"), &pdf);
    let page = (1..30)
        .find(|&p| {
            lines_of(&pdf, p)
                .iter()
                .any(|l| l.text.starts_with("Nơi nhận"))
        })
        .expect("a page with «Nơi nhận»");
    let lines = lines_of(&pdf, page);
    let noi_nhan = lines
        .iter()
        .find(|l| l.text.starts_with("Nơi nhận"))
        .unwrap();
    // The text margin: where most lines of the page begin (30 mm in the profile).
    let margin = lines.iter().map(|l| l.x0).fold(f64::INFINITY, f64::min);
    println!(
        "MEASURE «Nơi nhận» at {:.1} mm, the text margin at {:.1} mm",
        mm(noi_nhan.x0),
        mm(margin)
    );
    assert!((mm(noi_nhan.x0) - mm(margin)).abs() < 0.3);
    assert!(
        (mm(margin) - 30.0).abs() < 0.5,
        "the profile's left margin is 30 mm"
    );
}
