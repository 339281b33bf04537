#![allow(clippy::unwrap_used, clippy::expect_used)]
//! Every rule R1–R12 with real numbers, passing and failing, on the built-in outline.

use baocao::draft::{AddedRow, Answer, Draft, Meta, RowRef, UnitGroup};
use baocao::i18n::{self, Lang};
use baocao::rules::{Cell, Finding, evaluate};
use baocao::template::{Severity, Template};

fn tpl() -> Template {
    Template::builtin().unwrap()
}

fn draft(t: &Template, unit: &str, group: UnitGroup) -> Draft {
    Draft::new(
        t,
        Meta {
            unit: unit.into(),
            group,
            ..Meta::default()
        },
    )
}

/// Adds a row under `parent` of `table` and returns it.
fn add_row(d: &mut Draft, table: &str, parent: &str, cells: &[(&str, &str)]) -> RowRef {
    let data = d.table_mut(table);
    let id = data.next_id();
    data.rows.push(std::sync::Arc::new(AddedRow {
        id,
        parent: parent.into(),
        cells: cells
            .iter()
            .map(|(k, v)| (k.to_string(), v.to_string()))
            .collect(),
    }));
    RowRef::Added(id)
}

/// The row a unit's own report types into: its group's row itself.
fn unit_row(d: &Draft, table: &str, parent: &str) -> RowRef {
    assert!(
        d.owns_row(parent),
        "{table}: {parent} is not the unit's group"
    );
    RowRef::Fixed(parent.into())
}

fn set_row(d: &mut Draft, table: &str, row: &RowRef, values: &[(&str, &str)]) {
    for (c, v) in values {
        d.set_cell(table, row, c, v.to_string());
    }
}

fn fixed(key: &str) -> RowRef {
    RowRef::Fixed(key.into())
}

fn of_rule<'a>(all: &'a [Finding], rule: &str) -> Vec<&'a Finding> {
    all.iter().filter(|f| f.rule == rule).collect()
}

fn messages(t: &Template, all: &[Finding], rule: &str) -> Vec<String> {
    of_rule(all, rule)
        .into_iter()
        .map(|f| i18n::message(Lang::Vi, t, f))
        .collect()
}

const PL1_GOOD: [(&str, &str); 6] = [
    ("3", "1.250"),
    ("4", "1000"),
    ("5", "200"),
    ("6", "30"),
    ("7", "12"),
    ("8", "8"),
];

#[test]
fn r1_row_sum_reports_both_numbers_and_the_difference_then_clears_when_fixed() {
    let t = tpl();
    let mut d = draft(&t, "Sở Nội vụ", UnitGroup::I);
    let row = unit_row(&d, "pl1", "I");
    set_row(&mut d, "pl1", &row, &PL1_GOOD);
    set_row(&mut d, "pl1", &row, &[("8", "6")]);
    let e = evaluate(&t, &d);
    let m = messages(&t, &e.findings, "R1");
    assert_eq!(
        m,
        vec!["(3) 1.250 ≠ (4)+(5)+(6)+(7)+(8) = 1.248 · lệch 2".to_string()]
    );
    assert_eq!(of_rule(&e.findings, "R1")[0].severity, Severity::Error);
    let hint = i18n::hint(Lang::Vi, of_rule(&e.findings, "R1")[0]).unwrap();
    assert!(hint.contains("1.248"), "{hint}");

    set_row(&mut d, "pl1", &row, &[("8", "8")]);
    let e = evaluate(&t, &d);
    assert!(of_rule(&e.findings, "R1").is_empty());
}

#[test]
fn r1_a_half_filled_row_is_reported_incomplete_not_as_a_wrong_sum() {
    let t = tpl();
    let mut d = draft(&t, "Sở Nội vụ", UnitGroup::I);
    let row = unit_row(&d, "pl1", "I");
    set_row(&mut d, "pl1", &row, &[("3", "1250"), ("4", "900")]);
    let e = evaluate(&t, &d);
    let r1 = of_rule(&e.findings, "R1");
    assert_eq!(r1.len(), 1);
    assert_eq!(r1[0].severity, Severity::Warning);
    let m = i18n::message(Lang::Vi, &t, r1[0]);
    assert!(m.contains("(5), (6), (7), (8)"), "{m}");
    assert!(!m.contains("lệch"), "{m}");
}

#[test]
fn r1_a_fully_blank_row_is_not_entered_and_says_nothing() {
    let t = tpl();
    let d = draft(&t, "Sở Nội vụ", UnitGroup::I);
    let e = evaluate(&t, &d);
    assert!(of_rule(&e.findings, "R1").is_empty());
    assert_eq!(e.count(Severity::Error), 0);
}

#[test]
fn r2_groups_subtotals_and_the_grand_total_are_computed() {
    let t = tpl();
    let mut d = draft(&t, "UBND huyện Tuy Phước", UnitGroup::III);
    let huyen = unit_row(&d, "pl1", "III.1");
    let xa = unit_row(&d, "pl1", "III.2");
    set_row(&mut d, "pl1", &huyen, &PL1_GOOD);
    set_row(
        &mut d,
        "pl1",
        &xa,
        &[
            ("3", "500"),
            ("4", "400"),
            ("5", "90"),
            ("6", "5"),
            ("7", "3"),
            ("8", "2"),
        ],
    );
    let extra = add_row(
        &mut d,
        "pl1",
        "I",
        &[("2", "Sở Tư pháp"), ("3", "10"), ("4", "10")],
    );
    set_row(
        &mut d,
        "pl1",
        &extra,
        &[("5", "0"), ("6", "0"), ("7", "0"), ("8", "0")],
    );
    let e = evaluate(&t, &d);
    let s = e.sheet("pl1").unwrap();
    let col3 = t.table("pl1").unwrap().column_index("3").unwrap();
    let value = |key: &str| s.rows[s.fixed(key).unwrap()].cells[col3].clone();
    // The district's rows are typed; the groups above them are sums.
    assert_eq!(value("III.1"), Cell::Number(1250.0));
    assert_eq!(value("III"), Cell::Sum(Some(1750.0)));
    assert_eq!(value("I"), Cell::Sum(Some(10.0)));
    assert_eq!(
        value("II"),
        Cell::Na,
        "another group's row without rows takes no input in a district's report"
    );
    assert_eq!(value("TOTAL"), Cell::Sum(Some(1760.0)));
    assert!(of_rule(&e.findings, "R2").is_empty());
}

#[test]
fn r2_a_value_typed_into_a_computed_row_is_kept_ignored_and_reported() {
    let t = tpl();
    let mut d = draft(&t, "UBND huyện Tuy Phước", UnitGroup::III);
    let huyen = unit_row(&d, "pl1", "III.1");
    set_row(&mut d, "pl1", &huyen, &PL1_GOOD);
    set_row(&mut d, "pl1", &fixed("III"), &[("3", "1.200")]);
    let e = evaluate(&t, &d);
    let m = messages(&t, &e.findings, "R2");
    assert_eq!(
        m,
        vec!["Ô tự tính (= 1.250); giá trị đã gõ “1.200” bị bỏ qua".to_string()]
    );
    assert_eq!(
        d.cell("pl1", &fixed("III"), "3"),
        "1.200",
        "the typed text is kept"
    );
}

#[test]
fn r3_counts_must_be_whole_and_not_negative() {
    let t = tpl();
    let mut d = draft(&t, "Sở Nội vụ", UnitGroup::I);
    let row = unit_row(&d, "pl1", "I");
    set_row(&mut d, "pl1", &row, &PL1_GOOD);
    set_row(&mut d, "pl1", &row, &[("7", "12,5"), ("8", "-3")]);
    d.set_answer("I.1", "dang_vien", "1,234".into());
    d.set_answer("I.4", "so_cuoc", "4".into());
    let e = evaluate(&t, &d);
    let m = messages(&t, &e.findings, "R3");
    assert_eq!(m.len(), 3, "{m:?}");
    assert!(
        m.iter()
            .any(|x| x.contains("“12,5”") && x.contains("số nguyên")),
        "{m:?}"
    );
    assert!(
        m.iter().any(|x| x.contains("-3") && x.contains("≥ 0")),
        "{m:?}"
    );
    assert!(
        m.iter()
            .any(|x| x.contains("“1,234”") && x.contains("không rõ")),
        "{m:?}"
    );
    assert!(
        of_rule(&e.findings, "R3")
            .iter()
            .all(|f| f.severity == Severity::Error)
    );
}

#[test]
fn r4_late_dossiers_need_an_explanation_in_appendix_2() {
    let t = tpl();
    let mut d = draft(&t, "Sở Nội vụ", UnitGroup::I);
    let row = unit_row(&d, "pl1", "I");
    set_row(&mut d, "pl1", &row, &PL1_GOOD);
    let e = evaluate(&t, &d);
    let m = messages(&t, &e.findings, "R4");
    assert_eq!(m.len(), 1, "{m:?}");
    assert!(
        m[0].contains("(6) = 30") && m[0].contains("(8) = 8"),
        "{m:?}"
    );
    assert_eq!(of_rule(&e.findings, "R4")[0].place.step(), "pl2");

    add_row(
        &mut d,
        "pl2",
        "I",
        &[
            ("2", "Lĩnh vực đất đai"),
            ("3", "30"),
            ("4", "8"),
            ("5", "Hồ sơ phức tạp, phải xác minh nguồn gốc đất"),
        ],
    );
    let e = evaluate(&t, &d);
    assert!(of_rule(&e.findings, "R4").is_empty());
    assert!(of_rule(&e.findings, "R5").is_empty());
    assert!(of_rule(&e.findings, "R6").is_empty());
}

#[test]
fn r5_appendix_2_group_totals_must_match_appendix_1() {
    let t = tpl();
    let mut d = draft(&t, "Sở Nội vụ", UnitGroup::I);
    let row = unit_row(&d, "pl1", "I");
    set_row(&mut d, "pl1", &row, &PL1_GOOD);
    add_row(
        &mut d,
        "pl2",
        "I",
        &[
            ("2", "Lĩnh vực đất đai"),
            ("3", "20"),
            ("4", "8"),
            ("5", "Thiếu nhân lực"),
        ],
    );
    add_row(
        &mut d,
        "pl2",
        "I",
        &[
            ("2", "Lĩnh vực xây dựng"),
            ("3", "7"),
            ("4", "0"),
            ("5", "Chờ ý kiến liên ngành"),
        ],
    );
    let e = evaluate(&t, &d);
    let m = messages(&t, &e.findings, "R5");
    assert_eq!(
        m,
        vec!["Dòng «I Các Sở, ban, ngành»: tổng cột (3) Phụ lục 2 = 27 nhưng cột (6) Phụ lục 1 = 30, lệch 3".to_string()]
    );
}

#[test]
fn r6_a_field_with_late_dossiers_needs_its_name_and_cause() {
    let t = tpl();
    let mut d = draft(&t, "Sở Nội vụ", UnitGroup::I);
    add_row(&mut d, "pl2", "I", &[("3", "5")]);
    add_row(
        &mut d,
        "pl2",
        "I",
        &[("2", "Lĩnh vực hộ tịch"), ("3", "0"), ("4", "0")],
    );
    let e = evaluate(&t, &d);
    let m = messages(&t, &e.findings, "R6");
    assert_eq!(m, vec!["Còn thiếu cột (2), (5)".to_string()]);
}

fn pl3_cell(t: &Template, d: &Draft, key: &str, col: &str) -> String {
    let e = evaluate(t, d);
    let table = t.table("pl3").unwrap();
    let s = e.sheet("pl3").unwrap();
    let row = &s.rows[s.fixed(key).unwrap()];
    baocao::report::cell_text(Lang::Vi, d, table, row, table.column_index(col).unwrap())
}

#[test]
fn r7_rank_semantics_a_smaller_rank_is_a_rise() {
    let t = tpl();
    let mut d = draft(&t, "Sở Nội vụ", UnitGroup::I);
    set_row(&mut d, "pl3", &fixed("1b"), &[("3", "28"), ("5", "21")]);
    assert_eq!(pl3_cell(&t, &d, "1b", "6"), "tăng 7 bậc");
    assert_eq!(pl3_cell(&t, &d, "1b", "7"), "Chưa đạt (còn thiếu 1 bậc)");
    set_row(&mut d, "pl3", &fixed("1b"), &[("3", "21"), ("5", "28")]);
    assert_eq!(pl3_cell(&t, &d, "1b", "6"), "giảm 7 bậc");
    set_row(&mut d, "pl3", &fixed("1b"), &[("5", "16")]);
    assert_eq!(pl3_cell(&t, &d, "1b", "7"), "Đạt (vượt 4 bậc)");
    set_row(&mut d, "pl3", &fixed("1b"), &[("5", "20")]);
    assert_eq!(pl3_cell(&t, &d, "1b", "7"), "Đạt");
}

#[test]
fn r7_scores_and_percentages_against_at_least_targets() {
    let t = tpl();
    let mut d = draft(&t, "Sở Nội vụ", UnitGroup::I);
    set_row(&mut d, "pl3", &fixed("1a"), &[("3", "74"), ("5", "76,5")]);
    assert_eq!(pl3_cell(&t, &d, "1a", "6"), "tăng 2,5 điểm");
    assert_eq!(pl3_cell(&t, &d, "1a", "7"), "Chưa đạt (còn thiếu 3,5 điểm)");
    set_row(&mut d, "pl3", &fixed("18"), &[("3", "0"), ("5", "12")]);
    assert_eq!(pl3_cell(&t, &d, "18", "7"), "Đạt (vượt 2%)");
    set_row(&mut d, "pl3", &fixed("9"), &[("3", "2"), ("5", "3")]);
    assert_eq!(pl3_cell(&t, &d, "9", "7"), "Đạt");
    // Nothing entered: nothing computed, nothing reported.
    assert_eq!(pl3_cell(&t, &d, "4", "6"), "");
    assert_eq!(pl3_cell(&t, &d, "4", "7"), "");
}

#[test]
fn r7_text_typed_into_a_computed_column_is_reported() {
    let t = tpl();
    let mut d = draft(&t, "Sở Nội vụ", UnitGroup::I);
    set_row(
        &mut d,
        "pl3",
        &fixed("4"),
        &[("3", "30"), ("5", "22"), ("7", "Đạt")],
    );
    let e = evaluate(&t, &d);
    let r7 = of_rule(&e.findings, "R7");
    assert_eq!(r7.len(), 1);
    assert!(i18n::message(Lang::Vi, &t, r7[0]).contains("“Đạt”"));
}

#[test]
fn r8_indicator_values_stay_within_their_units() {
    let t = tpl();
    let mut d = draft(&t, "Sở Tư pháp", UnitGroup::I);
    set_row(&mut d, "pl3", &fixed("2"), &[("3", "70"), ("5", "20,5")]);
    set_row(&mut d, "pl3", &fixed("6a"), &[("3", "98"), ("5", "120")]);
    set_row(
        &mut d,
        "pl3",
        &fixed("1a"),
        &[("3", "84,12"), ("5", "88,5")],
    );
    let e = evaluate(&t, &d);
    let m = messages(&t, &e.findings, "R8");
    assert_eq!(m.len(), 3, "{m:?}");
    assert!(
        m.iter().any(|x| x.contains("70") && x.contains("1–63")),
        "{m:?}"
    );
    assert!(m.iter().any(|x| x.contains("“20,5”")), "{m:?}");
    assert!(
        m.iter().any(|x| x.contains("120") && x.contains("0–100")),
        "{m:?}"
    );
}

#[test]
fn r9_the_responsible_unit_must_fill_its_indicators_others_need_not() {
    let t = tpl();
    let d = draft(&t, "Sở Nội vụ", UnitGroup::I);
    let e = evaluate(&t, &d);
    let rows: Vec<String> = of_rule(&e.findings, "R9")
        .iter()
        .map(|f| match &f.place {
            baocao::rules::Place::Cell {
                row: RowRef::Fixed(k),
                ..
            } => k.clone(),
            other => panic!("{other:?}"),
        })
        .collect();
    for key in ["1a", "1b", "2", "3a", "3b", "16", "17", "18", "19"] {
        assert!(
            rows.contains(&key.to_string()),
            "{key} missing from {rows:?}"
        );
    }
    assert!(!rows.contains(&"4".to_string()));
    let other = draft(&t, "UBND huyện Tuy Phước", UnitGroup::III);
    assert!(of_rule(&evaluate(&t, &other).findings, "R9").is_empty());
}

#[test]
fn r10_every_answer_is_written_or_marked_nothing_to_report() {
    let t = tpl();
    let mut d = draft(&t, "Sở Nội vụ", UnitGroup::I);
    let before = of_rule(&evaluate(&t, &d).findings, "R10").len();
    let text_fields: usize = t
        .steps()
        .iter()
        .map(|s| {
            s.fields
                .iter()
                .filter(|f| f.kind == baocao::template::FieldKind::Text)
                .count()
        })
        .sum();
    assert_eq!(before, text_fields);
    d.set_answer(
        "I.2",
        "text",
        "Ban hành Kế hoạch số 12/KH-SNV ngày 10/11/2021.".into(),
    );
    d.answers.insert(
        "I.3/text".into(),
        Answer {
            text: String::new(),
            nothing_to_report: true,
        },
    );
    d.set_answer("I.4", "text", "   ".into());
    assert_eq!(of_rule(&evaluate(&t, &d).findings, "R10").len(), before - 2);
}

#[test]
fn r11_models_in_ii_8_and_rows_in_appendix_4_go_together() {
    let t = tpl();
    let mut d = draft(&t, "Sở Nội vụ", UnitGroup::I);
    d.set_answer(
        "II.8",
        "text",
        "Mô hình «Một cửa số» tại Bộ phận một cửa huyện.".into(),
    );
    let e = evaluate(&t, &d);
    assert_eq!(of_rule(&e.findings, "R11").len(), 1);
    assert_eq!(of_rule(&e.findings, "R11")[0].place.step(), "pl4");

    let mut d2 = draft(&t, "Sở Nội vụ", UnitGroup::I);
    add_row(
        &mut d2,
        "pl4",
        "",
        &[("2", "UBND xã Phước Lộc"), ("3", "Một cửa số")],
    );
    let e2 = evaluate(&t, &d2);
    let m = messages(&t, &e2.findings, "R11");
    assert_eq!(m.len(), 2, "{m:?}");
    assert!(m.iter().any(|x| x.contains("(4), (5)")), "{m:?}");
    assert!(m.iter().any(|x| x.contains("II.8")), "{m:?}");
}

#[test]
fn r12_cchc_scores_and_ranks_of_ii_7_b() {
    let t = tpl();
    let mut d = draft(&t, "Sở Nội vụ", UnitGroup::I);
    d.set_answer("II.7", "diem_2021", "105".into());
    d.set_answer("II.7", "diem_2022", "87,6".into());
    d.set_answer("II.7", "vi_thu_2022", "0".into());
    d.set_answer("II.7", "vi_thu_2023", "3,5".into());
    d.set_answer("II.7", "vi_thu_2021", "4".into());
    let e = evaluate(&t, &d);
    let m = messages(&t, &e.findings, "R12");
    assert_eq!(m.len(), 3, "{m:?}");
    assert!(m.iter().any(|x| x.contains("105") && x.contains("0–100")));
    assert!(m.iter().any(|x| x.starts_with("0 ") && x.contains("≥ 1")));
    assert!(m.iter().any(|x| x.contains("“3,5”")));
}

#[test]
fn evaluation_is_a_pure_function_of_its_inputs() {
    let t = tpl();
    let mut d = draft(&t, "Sở Nội vụ", UnitGroup::I);
    let row = unit_row(&d, "pl1", "I");
    set_row(&mut d, "pl1", &row, &PL1_GOOD);
    let a = evaluate(&t, &d);
    let b = evaluate(&t, &d);
    assert_eq!(a.findings, b.findings);
}

#[test]
fn r5_pending_dossiers_with_a_blank_appendix_2_column_are_reported() {
    let t = tpl();
    let mut d = draft(&t, "Sở Nội vụ", UnitGroup::I);
    let row = unit_row(&d, "pl1", "I");
    set_row(
        &mut d,
        "pl1",
        &row,
        &[
            ("3", "115"),
            ("4", "100"),
            ("5", "0"),
            ("6", "10"),
            ("7", "0"),
            ("8", "5"),
        ],
    );
    add_row(
        &mut d,
        "pl2",
        "I",
        &[
            ("2", "Lĩnh vực đất đai"),
            ("3", "10"),
            ("5", "Thiếu cán bộ địa chính"),
        ],
    );
    let e = evaluate(&t, &d);
    let m = messages(&t, &e.findings, "R5");
    assert_eq!(m.len(), 1, "{m:?}");
    assert!(
        m[0].contains("cột (4)") && m[0].contains("cột (8) Phụ lục 1 = 5"),
        "{m:?}"
    );
}

#[test]
fn r7_figures_typed_on_a_heading_row_are_reported_not_dropped() {
    let t = tpl();
    let mut d = draft(&t, "Sở Nội vụ", UnitGroup::I);
    set_row(&mut d, "pl3", &fixed("1"), &[("3", "80")]);
    let e = evaluate(&t, &d);
    let r7: Vec<_> = of_rule(&e.findings, "R7");
    assert_eq!(r7.len(), 1);
    assert!(i18n::message(Lang::Vi, &t, r7[0]).contains("“80”"));
}

#[test]
fn r7_an_impossible_value_gives_no_verdict() {
    let t = tpl();
    let mut d = draft(&t, "Sở Tư pháp", UnitGroup::I);
    set_row(&mut d, "pl3", &fixed("6b"), &[("3", "94,5"), ("5", "1000")]);
    set_row(&mut d, "pl3", &fixed("2"), &[("3", "70"), ("5", "24")]);
    assert_eq!(pl3_cell(&t, &d, "6b", "7"), "");
    assert_eq!(pl3_cell(&t, &d, "6b", "6"), "");
    assert_eq!(pl3_cell(&t, &d, "2", "6"), "");
    assert_eq!(pl3_cell(&t, &d, "2", "7"), "Chưa đạt (còn thiếu 4 bậc)");
}

#[test]
fn r9_a_shorter_name_does_not_make_a_unit_responsible() {
    let t = tpl();
    let d = draft(&t, "UBND tỉnh", UnitGroup::I);
    assert!(of_rule(&evaluate(&t, &d).findings, "R9").is_empty());
    let d = draft(&t, "Sở Nội vụ tỉnh Bình Định", UnitGroup::I);
    assert!(!of_rule(&evaluate(&t, &d).findings, "R9").is_empty());
}

#[test]
fn re_evaluating_answers_only_gives_the_same_findings_as_a_full_evaluation() {
    let t = tpl();
    let path = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("sample/vi-pham-quy-tac.ron");
    let mut d = baocao::store::load(&path, &[&t]).unwrap();
    let before = evaluate(&t, &d);
    for (section, field, text) in [
        ("II.8", "text", ""),
        ("III.5", "text", "Bài học: bám sát cơ sở."),
        ("II.7", "diem_2023", "95"),
        ("I.4", "so_cuoc", "12,5"),
    ] {
        d.set_answer(section, field, text.into());
        let quick = baocao::rules::evaluate_answers(&t, &d, &before);
        let full = evaluate(&t, &d);
        let key = |f: &Finding| format!("{} {:?} {:?}", f.rule, f.place, f.problem);
        let mut a: Vec<String> = quick.findings.iter().map(key).collect();
        let mut b: Vec<String> = full.findings.iter().map(key).collect();
        a.sort();
        b.sort();
        assert_eq!(a, b, "after setting {section}/{field}");
    }
}
