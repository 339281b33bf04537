//! Synthetic drafts of any size, consistent by construction, for benchmarks and load
//! tests (a province's consolidated report has thousands of unit and field rows).

use crate::draft::{AddedRow, Answer, Draft, Meta, UnitGroup};
use crate::template::{FieldKind, Template};

/// A consolidated draft with `rows` table rows spread over Phụ lục 1 (60 %), 2 (30 %)
/// and 4 (10 %), and every text answer `answer_bytes` long (30 answers in the built-in
/// outline). Phụ lục 1 rows satisfy R1; Phụ lục 2 explains every late dossier.
pub fn consolidated(template: &Template, rows: usize, answer_bytes: usize) -> Draft {
    let mut d = Draft::new(
        template,
        Meta {
            unit: "Sở Nội vụ tỉnh Bình Định".into(),
            group: UnitGroup::I,
            consolidated: true,
            ..Meta::default()
        },
    );
    for t in d.tables.values_mut() {
        std::sync::Arc::make_mut(t).rows.clear();
    }
    let groups = ["I", "II", "III.1", "III.2"];
    let sentence = "Ủy ban nhân dân tỉnh đã ban hành kế hoạch cải cách hành chính, \
                    tăng cường kỷ luật, kỷ cương hành chính và chuyển đổi số. ";
    let mut text = String::with_capacity(answer_bytes + sentence.len());
    while text.len() < answer_bytes {
        text.push_str(sentence);
    }
    for s in template.steps() {
        for f in s.fields.iter().filter(|f| f.kind == FieldKind::Text) {
            d.answers.insert(
                s.answer_key(f),
                Answer {
                    text: text.clone(),
                    nothing_to_report: false,
                },
            );
        }
    }
    let pl1 = rows * 6 / 10;
    let pl2 = rows * 3 / 10;
    let pl4 = rows - pl1 - pl2;
    let cells = |pairs: &[(&str, String)]| {
        pairs
            .iter()
            .map(|(k, v)| (k.to_string(), v.clone()))
            .collect()
    };
    let t1 = d.table_mut("pl1");
    for i in 0..pl1 {
        let (a, b, c, e, f) = (100 + i % 50, 40 + i % 7, i % 3, 5 + i % 4, i % 2);
        t1.rows.push(std::sync::Arc::new(AddedRow {
            id: i as u32 + 1,
            parent: groups[i % 4].into(),
            cells: cells(&[
                ("2", format!("Đơn vị số {}", i + 1)),
                ("3", (a + b + c + e + f).to_string()),
                ("4", a.to_string()),
                ("5", b.to_string()),
                ("6", c.to_string()),
                ("7", e.to_string()),
                ("8", f.to_string()),
            ]),
        }));
    }
    let t2 = d.table_mut("pl2");
    for i in 0..pl2 {
        t2.rows.push(std::sync::Arc::new(AddedRow {
            id: i as u32 + 1,
            parent: groups[i % 4].into(),
            cells: cells(&[
                ("2", format!("Lĩnh vực {}", i + 1)),
                ("3", (i % 3).to_string()),
                ("4", (i % 2).to_string()),
                (
                    "5",
                    "Hồ sơ phải xác minh, lấy ý kiến nhiều cơ quan.".to_string(),
                ),
            ]),
        }));
    }
    let t4 = d.table_mut("pl4");
    for i in 0..pl4 {
        t4.rows.push(std::sync::Arc::new(AddedRow {
            id: i as u32 + 1,
            parent: String::new(),
            cells: cells(&[
                ("2", format!("UBND xã số {}", i + 1)),
                ("3", "Một cửa số".to_string()),
                ("4", "Tiếp nhận, trả kết quả trực tuyến.".to_string()),
                ("5", "Nhân rộng toàn tỉnh.".to_string()),
            ]),
        }));
    }
    d
}
