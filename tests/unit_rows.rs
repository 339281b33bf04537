#![allow(clippy::unwrap_used, clippy::expect_used)]
//! Issue 10, point 1: a unit types its figures straight into its own group's rows;
//! other groups' rows refuse typing and say where to type; a draft of the old format
//! (an invented unit row under each group row) opens with the same figures in the
//! same printed rows and keeps the old file as a generation.

mod common;

use baocao::draft::{FORMAT_VERSION, RowRef};
use baocao::rules::RowKind;
use common::{Harness, template};

fn selected_row(h: &Harness) -> String {
    let w = h.app.wizard().unwrap();
    let sheet = w.eval.sheet(w.table().unwrap()).unwrap();
    sheet.rows[w.grid.row].display_label()
}

#[test]
fn a_district_opening_phu_luc_1_types_its_first_figure_into_tai_cap_huyen() {
    let mut h = Harness::district(Some("pl1"));
    assert_eq!(selected_row(&h), "1 Tại cấp huyện");
    assert_eq!(h.app.wizard().unwrap().grid.col, 2, "on column (3)");
    h.press("1250<enter>");
    let pl1 = &h.draft().tables["pl1"];
    assert_eq!(pl1.cells["III.1"]["3"], "1250");
    assert!(pl1.rows.is_empty(), "no invented unit row: {:?}", pl1.rows);
    let w = h.app.wizard().unwrap();
    let sheet = w.eval.sheet("pl1").unwrap();
    let total = &sheet.rows[sheet.fixed("TOTAL").unwrap()];
    assert_eq!(total.cells[2].value(), Some(1250.0));
    let i = &sheet.rows[sheet.fixed("I").unwrap()];
    assert!(i.foreign && i.cells[2].value().is_none());
}

#[test]
fn another_groups_row_refuses_typing_and_names_the_units_own_rows() {
    let mut h = Harness::district(Some("pl1"));
    // From «1 Tại cấp huyện» up past III (computed) and II to I.
    h.press("<up><up><up>");
    assert_eq!(selected_row(&h), "I Các Sở, ban, ngành");
    h.press("7<enter>");
    assert!(
        !h.draft()
            .tables
            .get("pl1")
            .is_some_and(|t| t.cells.contains_key("I")),
        "nothing typed into the departments' row"
    );
    let s = h.status();
    assert!(
        s.contains("nhóm đơn vị khác") && s.contains("1 Tại cấp huyện; 2 Tại cấp xã"),
        "{s}"
    );
    // The row is drawn apart and its blank cells are not typeable.
    let w = h.app.wizard().unwrap();
    let sheet = w.eval.sheet("pl1").unwrap();
    assert!(!sheet.rows[w.grid.row].cells[2].is_input());
}

#[test]
fn a_unit_report_adds_no_row_per_unit_but_adds_fields_in_its_own_rows() {
    let mut h = Harness::district(Some("pl1"));
    h.press("<c-a>");
    assert!(
        h.draft()
            .tables
            .get("pl1")
            .is_none_or(|t| t.rows.is_empty())
    );
    let s = h.status();
    assert!(s.contains("nhập thẳng vào dòng: 1 Tại cấp huyện"), "{s}");

    let mut h = Harness::district(Some("pl2"));
    assert_eq!(selected_row(&h), "1 Tại cấp huyện");
    h.press("<c-a>Hộ tịch<tab>3<tab>");
    let rows = &h.draft().tables["pl2"].rows;
    assert_eq!(rows.len(), 1);
    assert_eq!(rows[0].parent, "III.1");
    assert_eq!(rows[0].cells["2"], "Hộ tịch");
    // Adding a field under the departments' row is refused.
    let mut h = Harness::district(Some("pl2"));
    h.press("<up><up><up><c-a>");
    assert_eq!(selected_row(&h), "I Các Sở, ban, ngành");
    assert!(
        h.draft()
            .tables
            .get("pl2")
            .is_none_or(|t| t.rows.is_empty())
    );
    assert!(h.status().contains("nhóm đơn vị khác"));
}

#[test]
fn a_department_types_into_row_i_and_a_vertical_agency_into_row_ii() {
    use baocao::draft::UnitGroup;
    let h = Harness::with_draft("snv", "Sở Nội vụ", UnitGroup::I, Some("pl1"));
    assert_eq!(selected_row(&h), "I Các Sở, ban, ngành");
    let h = Harness::with_draft("ct", "Cục Thuế tỉnh", UnitGroup::II, Some("pl1"));
    assert_eq!(selected_row(&h), "II Các đơn vị ngành dọc");
}

#[test]
fn a_draft_of_the_old_format_opens_with_its_figures_in_the_group_rows() {
    let mut h = Harness::new();
    let path = h.path("cu");
    std::fs::create_dir_all(path.parent().unwrap()).unwrap();
    let fixture = std::path::Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("tests/fixtures/v1-huyen-tuy-phuoc.ron");
    let old = std::fs::read_to_string(&fixture).unwrap();
    assert!(old.contains("format_version: 1,") && old.contains("parent: \"III.1\""));
    std::fs::write(&path, &old).unwrap();
    h.perform(baocao::app::Effect::Open {
        name: "cu".into(),
        goto: Some("pl1".into()),
        mode: Default::default(),
    });
    assert!(h.status().contains("Đã chuyển bản nháp từ định dạng 1"));
    let pl1 = &h.draft().tables["pl1"];
    assert_eq!(pl1.cells["III.1"]["3"], "18.452");
    assert_eq!(pl1.cells["III.2"]["8"], "121");
    assert!(pl1.rows.is_empty());
    // Phụ lục 2's fields stay where they were.
    assert_eq!(h.draft().tables["pl2"].rows.len(), 7);
    let w = h.app.wizard().unwrap();
    let sheet = w.eval.sheet("pl1").unwrap();
    let huyen = &sheet.rows[sheet.fixed("III.1").unwrap()];
    assert_eq!(huyen.kind, RowKind::Group { computed: false });
    assert!(sheet.find(&RowRef::Added(1)).is_none());

    // Saved in the new format at once; the old file is the first generation.
    h.wait(1.0);
    let saved = std::fs::read_to_string(&path).unwrap();
    assert!(saved.contains(&format!("format_version: {FORMAT_VERSION},")));
    assert!(saved.contains("\"III.1\": {"));
    let kept = std::fs::read_to_string(baocao::store::generation_path(&path, 1)).unwrap();
    assert_eq!(kept, old);
}

#[test]
fn an_old_draft_with_several_units_under_a_group_keeps_them() {
    let t = template();
    let old = std::fs::read_to_string(
        std::path::Path::new(env!("CARGO_MANIFEST_DIR"))
            .join("tests/fixtures/v1-huyen-tuy-phuoc.ron"),
    )
    .unwrap()
    .replace(
        "AddedRow(id: 2, parent: \"III.2\"",
        "AddedRow(id: 3, parent: \"III.1\", cells: {\"2\": \"UBND xã Phước Hưng\", \"3\": \"5\"}),\n                AddedRow(id: 2, parent: \"III.2\"",
    );
    let d = baocao::store::parse(std::path::Path::new("x.ron"), &old, &[&t]).unwrap();
    assert_eq!(d.migrated_from, Some(1));
    // Several units under one group: a consolidated report, kept as it is.
    assert!(d.meta.consolidated);
    let pl1 = &d.tables["pl1"];
    assert_eq!(pl1.rows.iter().filter(|r| r.parent == "III.1").count(), 2);
    assert_eq!(pl1.rows.iter().filter(|r| r.parent == "III.2").count(), 1);
    assert!(pl1.cells.is_empty());
    // Its groups' rows are all open: rows per unit can be added anywhere.
    assert!(d.owns_row("I") && d.owns_row("II"));
}
