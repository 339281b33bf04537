#![allow(clippy::unwrap_used, clippy::expect_used)]
//! The DOCX export read back as a package: every section, answer and appendix in
//! place; the heading block of the State and the Party layouts; fonts, sizes and
//! margins from the layout profile; merged header cells repeated on each page;
//! portrait report pages then one landscape section per appendix; page numbers from
//! page 2; "DỰ THẢO" only while errors remain.

use std::fs;
use std::io::Read;
use std::path::Path;

mod common;
use baocao::draft::BodyKind;
use baocao::export::layout;
use baocao::store;
use baocao::template::{FieldKind, Template};
use common::{export_ok, sample};

const W: &str = "http://schemas.openxmlformats.org/wordprocessingml/2006/main";

/// Exports `src` as DOCX and returns its parts by name.
fn export(src: &Path) -> Package {
    let dir = tempfile::tempdir().unwrap();
    let out = dir.path().join("bao-cao.docx");
    export_ok(src, &out);
    let mut zip = zip::ZipArchive::new(fs::File::open(&out).unwrap()).unwrap();
    let mut parts = Vec::new();
    for i in 0..zip.len() {
        let mut f = zip.by_index(i).unwrap();
        let mut s = String::new();
        if f.is_file() {
            f.read_to_string(&mut s).unwrap();
        }
        parts.push((f.name().unwrap().to_string(), s));
    }
    Package(parts)
}

struct Package(Vec<(String, String)>);

impl Package {
    fn part(&self, name: &str) -> &str {
        &self
            .0
            .iter()
            .find(|(n, _)| n == name)
            .unwrap_or_else(|| panic!("no {name}"))
            .1
    }
}

fn w<'a>(n: roxmltree::Node<'a, '_>, name: &str) -> Vec<roxmltree::Node<'a, 'a>>
where
    'a: 'a,
{
    n.descendants()
        .filter(|d| d.tag_name().namespace() == Some(W) && d.tag_name().name() == name)
        .collect()
}

fn attr<'a>(n: roxmltree::Node<'a, '_>, name: &str) -> Option<&'a str> {
    n.attributes()
        .find(|a| a.name() == name && a.namespace() == Some(W))
        .map(|a| a.value())
}

/// The text of a paragraph or cell: its runs joined.
fn text(n: roxmltree::Node<'_, '_>) -> String {
    w(n, "t").iter().filter_map(|t| t.text()).collect()
}

/// The size (in half-points) and bold flag of the first run of `n`.
fn first_run(n: roxmltree::Node<'_, '_>) -> (Option<u32>, bool) {
    let run = w(n, "r")
        .into_iter()
        .find(|r| !text(*r).is_empty())
        .unwrap();
    let size = w(run, "sz")
        .first()
        .and_then(|s| attr(*s, "val"))
        .map(|v| v.parse().unwrap());
    (size, !w(run, "b").is_empty())
}

#[test]
fn every_section_answer_and_appendix_is_in_the_document() {
    let pkg = export(&sample("huyen-tuy-phuoc.ron"));
    let xml = roxmltree::Document::parse(pkg.part("word/document.xml")).unwrap();
    let paras: Vec<String> = w(xml.root(), "p").into_iter().map(text).collect();
    let has = |s: &str| paras.iter().any(|p| p == s);
    let t = Template::builtin().unwrap();
    let draft = store::load(&sample("huyen-tuy-phuoc.ron"), &[&t]).unwrap();
    for (_, s) in t.all_sections() {
        assert!(has(&format!("{} {}", s.number, s.title)), "{}", s.id);
        for f in &s.fields {
            let Some(a) = draft.answer(&s.id, &f.id) else {
                continue;
            };
            if a.nothing_to_report {
                assert!(has("Không phát sinh."), "{}/{}", s.id, f.id);
            } else if f.kind == FieldKind::Text {
                for line in a.text.lines().filter(|l| !l.trim().is_empty()) {
                    assert!(has(line.trim()), "{}/{}: {line}", s.id, f.id);
                }
            } else {
                let line = format!("- {}: {} {}", f.title, a.text.trim(), f.unit);
                assert!(has(line.trim_end()), "{line}");
            }
        }
    }
    for table in &t.tables {
        assert!(has(&format!("PHỤ LỤC {}", table.number)), "{}", table.id);
    }
    // Months 01 and 02 only take a leading zero.
    assert!(has(
        "(Kèm theo Báo cáo số 215/BC-UBND ngày 05 tháng 9 năm 2024 của UBND huyện Tuy Phước)"
    ));
    assert!(
        !paras.iter().any(|p| p.contains("Kèm theo Kế hoạch")),
        "the outline's own attachment line is replaced by the report's"
    );
    assert!(!has("DỰ THẢO"), "no errors: not a draft");
    assert!(has("BÁO CÁO"));
    assert!(has("Nơi nhận:"));
    assert!(
        has("- Lưu: VT, NV."),
        "the last recipient ends with a full stop"
    );
    assert!(has("Trần Văn Thanh"));
    let core = pkg.part("docProps/core.xml");
    assert!(
        core.contains("<dc:creator>UBND huyện Tuy Phước</dc:creator>"),
        "{core}"
    );
}

#[test]
fn state_heading_block_fonts_sizes_and_margins_follow_the_profile() {
    let pkg = export(&sample("huyen-tuy-phuoc.ron"));
    let profile = layout::for_body(BodyKind::State).unwrap();
    let half = |pt: f64| (pt * 2.0).round() as u32;
    let styles = roxmltree::Document::parse(pkg.part("word/styles.xml")).unwrap();
    let fonts = w(styles.root(), "rFonts");
    assert!(
        fonts
            .iter()
            .any(|f| attr(*f, "ascii") == Some("Times New Roman")),
        "default font"
    );
    let xml = roxmltree::Document::parse(pkg.part("word/document.xml")).unwrap();
    let para = |s: &str| {
        w(xml.root(), "p")
            .into_iter()
            .find(|p| text(*p) == s)
            .unwrap_or_else(|| panic!("no paragraph {s:?}"))
    };
    assert_eq!(
        first_run(para("CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM")),
        (Some(half(profile.sizes.motto_top)), true)
    );
    assert_eq!(
        first_run(para("Độc lập - Tự do - Hạnh phúc")),
        (Some(half(profile.sizes.motto)), true)
    );
    assert_eq!(
        first_run(para("UBND HUYỆN TUY PHƯỚC")),
        (Some(half(profile.sizes.issuer)), true)
    );
    assert_eq!(
        first_run(para("UBND TỈNH BÌNH ĐỊNH")),
        (Some(half(profile.sizes.parent)), false)
    );
    assert_eq!(
        first_run(para("Số: 215/BC-UBND")),
        (Some(half(profile.sizes.number)), false)
    );
    let date = para("Tuy Phước, ngày 05 tháng 9 năm 2024");
    assert!(!w(date, "i").is_empty(), "the date line is italic");
    assert_eq!(
        first_run(para("BÁO CÁO")),
        (Some(half(profile.sizes.title)), true)
    );
    // A body paragraph: justified, first-line indent, the profile's size.
    let body = w(xml.root(), "p")
        .into_iter()
        .find(|p| text(*p).starts_with("Ngay sau khi Ban Thường vụ Tỉnh ủy"))
        .unwrap();
    assert_eq!(first_run(body), (Some(half(profile.sizes.body)), false));
    assert_eq!(attr(w(body, "jc")[0], "val"), Some("both"));
    let ind = w(body, "ind")[0];
    let want = (profile.first_line_indent * 1440.0 / 25.4)
        .round()
        .to_string();
    assert_eq!(attr(ind, "firstLine"), Some(want.as_str()));
    // The report's section: portrait A4 with the prescribed margins, numbered in the
    // header from page 2.
    let sects = w(xml.root(), "sectPr");
    let first = sects[0];
    let size = w(first, "pgSz")[0];
    assert_eq!(attr(size, "w"), Some("11906"));
    assert_eq!(attr(size, "h"), Some("16838"));
    let mar = w(first, "pgMar")[0];
    let twips = |mm: f64| (mm * 1440.0 / 25.4).round().to_string();
    assert_eq!(attr(mar, "top"), Some(twips(profile.margins.top).as_str()));
    assert_eq!(
        attr(mar, "left"),
        Some(twips(profile.margins.left).as_str())
    );
    assert_eq!(
        attr(mar, "right"),
        Some(twips(profile.margins.right).as_str())
    );
    assert!(
        !w(first, "titlePg").is_empty(),
        "no number on the first page"
    );
    assert!(!w(first, "headerReference").is_empty());
    let header = pkg.part("word/header1.xml");
    assert!(header.contains("PAGE"), "{header}");
    assert!(
        header.contains(&format!(
            "<w:sz w:val=\"{}\" />",
            half(profile.sizes.page_number)
        )),
        "{header}"
    );
}

#[test]
fn appendices_are_landscape_sections_with_merged_repeated_headers() {
    let pkg = export(&sample("huyen-tuy-phuoc.ron"));
    let xml = roxmltree::Document::parse(pkg.part("word/document.xml")).unwrap();
    let t = Template::builtin().unwrap();
    let sects = w(xml.root(), "sectPr");
    assert_eq!(
        sects.len(),
        1 + t.tables.len(),
        "the report, then one per appendix"
    );
    for s in &sects[1..] {
        let size = w(*s, "pgSz")[0];
        assert_eq!(attr(size, "orient"), Some("landscape"));
        assert_eq!(attr(size, "w"), Some("16838"));
        // The appendices' pages go on counting from the report's, every one numbered.
        assert!(w(*s, "pgNumType").is_empty() && w(*s, "titlePg").is_empty());
        assert!(!w(*s, "headerReference").is_empty());
    }
    // Phụ lục 1: "Số hồ sơ đã giải quyết" spans (4)–(6); the others span two rows.
    let tables: Vec<_> = w(xml.root(), "tbl")
        .into_iter()
        .filter(|t| w(*t, "tc").iter().any(|c| text(*c) == "STT"))
        .collect();
    assert_eq!(tables.len(), t.tables.len());
    let pl1 = tables[0];
    let rows = w(pl1, "tr");
    let cells = |r: usize| w(rows[r], "tc");
    let solved = cells(0)
        .into_iter()
        .find(|c| text(*c) == "Số hồ sơ đã giải quyết")
        .unwrap();
    assert_eq!(attr(w(solved, "gridSpan")[0], "val"), Some("3"));
    let stt = cells(0)[0];
    assert_eq!(attr(w(stt, "vMerge")[0], "val"), Some("restart"));
    let under = cells(1)[0];
    assert!(!w(under, "vMerge").is_empty() && text(under).is_empty());
    let second: Vec<String> = cells(1)
        .into_iter()
        .map(text)
        .filter(|s| !s.is_empty())
        .collect();
    assert_eq!(second, ["Trước hạn", "Đúng hạn", "Trễ hạn"]);
    let numbers: Vec<String> = cells(2).into_iter().map(text).collect();
    assert_eq!(
        numbers,
        ["(1)", "(2)", "(3)", "(4)", "(5)", "(6)", "(7)", "(8)"]
    );
    // The official header rows and the column numbers repeat on every page; data rows
    // do not, and no row is cut across two pages.
    for (table, spec) in tables.iter().zip(&t.tables) {
        let heads = spec.header.len() + 1;
        for (i, r) in w(*table, "tr").into_iter().enumerate() {
            assert_eq!(
                !w(r, "tblHeader").is_empty(),
                i < heads,
                "{} row {i}",
                spec.id
            );
            assert!(!w(r, "cantSplit").is_empty(), "{} row {i}", spec.id);
        }
    }
    // TỔNG CỘNG: bold, with the program's own totals in Vietnamese format.
    let total = rows
        .iter()
        .find(|r| w(**r, "tc").iter().any(|c| text(*c) == "TỔNG CỘNG"))
        .unwrap();
    let values: Vec<String> = w(*total, "tc").into_iter().map(text).collect();
    assert_eq!(
        values[2..],
        ["114.770", "71.079", "41.384", "701", "1.431", "175"]
    );
    let bold = w(*total, "tc").into_iter().skip(2).all(|c| first_run(c).1);
    assert!(bold, "group and total rows are bold");
}

#[test]
fn party_layout_has_its_own_heading_and_number_form() {
    let pkg = export(&sample("huyen-uy-tuy-phuoc.ron"));
    let profile = layout::for_body(BodyKind::Party).unwrap();
    let xml = roxmltree::Document::parse(pkg.part("word/document.xml")).unwrap();
    let paras: Vec<String> = w(xml.root(), "p").into_iter().map(text).collect();
    let has = |s: &str| paras.iter().any(|p| p == s);
    assert!(has("ĐẢNG CỘNG SẢN VIỆT NAM"));
    assert!(!has("CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM"));
    assert!(!has("Độc lập - Tự do - Hạnh phúc"));
    assert!(has("ĐẢNG BỘ TỈNH BÌNH ĐỊNH"));
    assert!(has("HUYỆN ỦY TUY PHƯỚC"));
    assert!(has("*"), "a star, not a rule, under the issuing body");
    assert!(has("Số 127-BC/HU"), "no colon after Số: {paras:?}");
    assert!(has("T/M BAN THƯỜNG VỤ"));
    let label = w(xml.root(), "p")
        .into_iter()
        .find(|p| text(*p) == "Nơi nhận:")
        .unwrap();
    let run = w(label, "r")[0];
    let style = (
        !w(run, "u").is_empty(),
        !w(run, "b").is_empty(),
        !w(run, "i").is_empty(),
    );
    assert_eq!(style, (true, false, false), "Party: underlined, upright");
    let p = w(xml.root(), "p")
        .into_iter()
        .find(|p| text(*p) == "ĐẢNG CỘNG SẢN VIỆT NAM")
        .unwrap();
    assert_eq!(
        first_run(p),
        (Some((profile.sizes.motto_top * 2.0) as u32), true)
    );
}

#[test]
fn a_report_with_errors_is_marked_du_thao_and_the_draft_is_untouched() {
    let src = sample("vi-pham-quy-tac.ron");
    let before = fs::read(&src).unwrap();
    let pkg = export(&src);
    let xml = roxmltree::Document::parse(pkg.part("word/document.xml")).unwrap();
    let first = text(w(xml.root(), "p")[0]);
    assert_eq!(first, "DỰ THẢO");
    // And on every later page, in the page header beside the number.
    let headers: Vec<&str> = pkg
        .0
        .iter()
        .filter(|(n, _)| n.starts_with("word/header"))
        .map(|(_, x)| x.as_str())
        .collect();
    assert!(!headers.is_empty());
    assert!(
        headers
            .iter()
            .all(|h| h.contains("DỰ THẢO") && h.contains("PAGE"))
    );
    assert_eq!(fs::read(&src).unwrap(), before);
    let clean = export(&sample("huyen-tuy-phuoc.ron"));
    assert!(!clean.part("word/header1.xml").contains("DỰ THẢO"));
}

#[test]
fn control_characters_from_a_hand_edited_draft_do_not_break_the_xml() {
    let dir = tempfile::tempdir().unwrap();
    let src = dir.path().join("tay.ron");
    let ron = fs::read_to_string(sample("huyen-tuy-phuoc.ron")).unwrap();
    assert!(ron.contains("Trần Văn Thanh") && ron.contains("unit: \"UBND huyện Tuy Phước\""));
    let ron = ron.replace("Trần Văn Thanh", "Trần\u{b}Văn Thanh").replace(
        "unit: \"UBND huyện Tuy Phước\"",
        "unit: \"UBND huyện\u{c} Tuy Phước\"",
    );
    fs::write(&src, ron).unwrap();
    let pkg = export(&src);
    let xml = roxmltree::Document::parse(pkg.part("word/document.xml")).expect("well-formed");
    let paras: Vec<String> = w(xml.root(), "p").into_iter().map(text).collect();
    assert!(paras.iter().any(|p| p == "TrầnVăn Thanh"), "{paras:?}");
    roxmltree::Document::parse(pkg.part("docProps/core.xml")).expect("well-formed");
}

#[test]
fn the_document_says_its_title_author_time_and_language_and_sets_text_as_a_clerk_would() {
    // Issue 12, point 3.
    let pkg = export(&sample("huyen-tuy-phuoc.ron"));
    let core = roxmltree::Document::parse(pkg.part("docProps/core.xml")).unwrap();
    let dc = |name: &str| {
        core.descendants()
            .find(|n| n.tag_name().name() == name)
            .and_then(|n| n.text())
            .unwrap_or_default()
            .to_string()
    };
    assert!(dc("title").starts_with("Kết quả sơ kết 03 năm thực hiện Nghị quyết số 05-NQ/TU"));
    assert!(dc("title").ends_with("đến năm 2025"));
    assert_eq!(dc("creator"), "UBND huyện Tuy Phước");
    assert_eq!(dc("language"), "vi-VN");
    let created = dc("created");
    assert!(
        !created.starts_with("1970") && created.ends_with('Z'),
        "{created}"
    );
    let styles = roxmltree::Document::parse(pkg.part("word/styles.xml")).unwrap();
    let lang = w(styles.root(), "lang");
    assert!(
        lang.iter().any(|l| attr(*l, "val") == Some("vi-VN")),
        "the document's language is Vietnamese"
    );
    let doc = roxmltree::Document::parse(pkg.part("word/document.xml")).unwrap();
    let paras = w(doc.root(), "p");
    // Body paragraphs keep a lone line off the foot and head of a page.
    let body = paras
        .iter()
        .find(|p| text(**p).starts_with("Ngay sau khi Ban Thường vụ Tỉnh ủy"))
        .unwrap();
    assert!(!w(*body, "widowControl").is_empty());
    // V.1 and V.2 are bold like every «1.» heading, not italic.
    for heading in ["1. Đối với Trung ương", "2. Đối với địa phương"] {
        let p = paras.iter().find(|p| text(**p) == heading).unwrap();
        let (_, bold) = first_run(*p);
        assert!(bold, "{heading} is bold");
        assert!(w(*p, "i").is_empty(), "{heading} is not italic");
    }
    // The summary line in the template's three phrases, the last two words of each
    // held together.
    let summary: Vec<String> = paras
        .iter()
        .map(|p| text(*p))
        .skip_while(|t| t != "BÁO CÁO")
        .skip(1)
        .take(3)
        .collect();
    assert_eq!(summary.len(), 3);
    assert!(summary[2].ends_with("năm\u{a0}2025"), "{summary:?}");
}
