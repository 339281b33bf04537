//! Words for findings, places and the computed cells of Phụ lục 3.

use super::Lang;
use crate::number::{NumError, format_rounded};
use crate::rules::{Cell, Change, Finding, Place, Problem, Verdict};
use crate::template::{Severity, Template};

/// Why a typed number is refused.
pub fn num_error(lang: Lang, e: &NumError) -> &'static str {
    match e {
        NumError::NotANumber => lang.pick("không phải là số", "is not a number"),
        NumError::ForeignDigits => lang.pick(
            "dùng chữ số 0–9 thông thường (không dùng chữ số toàn độ rộng)",
            "use the plain digits 0–9 (not full-width digits)",
        ),
        NumError::AmbiguousComma => lang.pick(
            "không rõ nghĩa: dấu phẩy là dấu thập phân; số nguyên viết 1234 hoặc 1.234",
            "ambiguous: the comma is the decimal mark; write whole numbers as 1234 or 1.234",
        ),
        NumError::EnglishGrouping => lang.pick(
            "viết kiểu Việt Nam: dấu chấm ngăn nghìn, dấu phẩy thập phân (1.234,5)",
            "write it the Vietnamese way: dot for thousands, comma for decimals (1.234,5)",
        ),
        NumError::NotWhole => lang.pick("phải là số nguyên", "must be a whole number"),
        NumError::BadGrouping => lang.pick(
            "dấu ngăn cách không đúng chỗ (nhóm nghìn phải đủ 3 chữ số: 1.234.567)",
            "separators in the wrong place (groups of 3 digits: 1.234.567)",
        ),
        NumError::TooLarge => lang.pick("số quá lớn", "number too large"),
    }
}

/// "Lỗi" / "Cảnh báo".
pub fn severity(lang: Lang, s: Severity) -> &'static str {
    match s {
        Severity::Error => lang.pick("Lỗi", "Error"),
        Severity::Warning => lang.pick("Cảnh báo", "Warning"),
    }
}

fn num(v: f64) -> String {
    format_rounded(v, 2)
}

fn cols(list: &[String]) -> String {
    list.iter()
        .map(|c| format!("({c})"))
        .collect::<Vec<_>>()
        .join(", ")
}

/// "Phụ lục 1" for a table id.
pub fn table_name(lang: Lang, template: &Template, table: &str) -> String {
    let number = template.table(table).map_or(table, |t| t.number.as_str());
    format!("{} {number}", lang.pick("Phụ lục", "Appendix"))
}

/// Where a finding is, in words: "Phụ lục 1, dòng «I Các Sở, ban, ngành», cột (3)".
pub fn place(lang: Lang, template: &Template, p: &Place) -> String {
    match p {
        Place::Answer { section, field } => {
            let sec = template.section(section);
            let f = sec.and_then(|s| s.fields.iter().find(|f| &f.id == field));
            let mut out = format!("{} {section}", lang.pick("Mục", "Section"));
            if let Some(f) = f {
                if let Some(n) = f.number.strip_suffix('.') {
                    out.push_str(&format!(".{n}"));
                } else if !f.number.is_empty() {
                    out.push_str(&format!(" {}", f.number));
                } else if f.kind != crate::template::FieldKind::Text {
                    out.push_str(&format!(", {}", f.title));
                }
            }
            out
        }
        Place::Cell {
            table,
            row_label,
            col,
            ..
        } => {
            let mut out = format!(
                "{}, {} «{row_label}»",
                table_name(lang, template, table),
                lang.pick("dòng", "row")
            );
            if let Some(c) = col {
                out.push_str(&format!(", {} ({c})", lang.pick("cột", "column")));
            }
            out
        }
        Place::Table { table } => table_name(lang, template, table),
        Place::Info { .. } => lang
            .pick(
                "Thông tin báo cáo, ngày báo cáo",
                "Report information, date",
            )
            .to_string(),
    }
}

fn range(lang: Lang, min: Option<f64>, max: Option<f64>) -> String {
    match (min, max) {
        (Some(a), Some(b)) => format!("{}–{}", num(a), num(b)),
        (Some(a), None) => format!("≥ {}", num(a)),
        (None, Some(b)) => format!("≤ {}", num(b)),
        (None, None) => lang.pick("bất kỳ", "any").to_string(),
    }
}

/// What is wrong, with the actual numbers.
pub fn message(lang: Lang, template: &Template, f: &Finding) -> String {
    let vi = lang == Lang::Vi;
    match &f.problem {
        Problem::BadNumber { raw, error } => format!("“{raw}”: {}", num_error(lang, error)),
        Problem::OutOfRange { value, min, max } => {
            if vi {
                format!(
                    "{} nằm ngoài khoảng cho phép {}",
                    num(*value),
                    range(lang, *min, *max)
                )
            } else {
                format!(
                    "{} is outside the allowed range {}",
                    num(*value),
                    range(lang, *min, *max)
                )
            }
        }
        Problem::NotWhole { value } => {
            format!(
                "{} {}",
                num(*value),
                lang.pick("phải là số nguyên", "must be a whole number")
            )
        }
        Problem::RowSum {
            total_col,
            total,
            parts,
            sum,
        } => {
            let plus = parts
                .iter()
                .map(|p| format!("({p})"))
                .collect::<Vec<_>>()
                .join("+");
            let diff = num((total - sum).abs());
            if vi {
                format!(
                    "({total_col}) {} ≠ {plus} = {} · lệch {diff}",
                    num(*total),
                    num(*sum)
                )
            } else {
                format!(
                    "({total_col}) {} ≠ {plus} = {} · off by {diff}",
                    num(*total),
                    num(*sum)
                )
            }
        }
        Problem::Incomplete { blanks } => {
            if vi {
                format!("Dòng mới nhập một phần: còn trống cột {}", cols(blanks))
            } else {
                format!("Row partly filled: column {} still blank", cols(blanks))
            }
        }
        Problem::TypedInComputed { typed, computed } => {
            let value = computed.map(num);
            match (vi, value) {
                (true, Some(v)) => format!("Ô tự tính (= {v}); giá trị đã gõ “{typed}” bị bỏ qua"),
                (true, None) => format!("Ô tự tính; giá trị đã gõ “{typed}” bị bỏ qua"),
                (false, Some(v)) => {
                    format!("Computed cell (= {v}); the typed “{typed}” is ignored")
                }
                (false, None) => format!("Computed cell; the typed “{typed}” is ignored"),
            }
        }
        Problem::TypedInHeading { typed } => {
            if vi {
                format!("Dòng tiêu đề không nhận số liệu; giá trị “{typed}” bị bỏ qua")
            } else {
                format!("A heading row takes no figures; the typed “{typed}” is ignored")
            }
        }
        Problem::Unexplained {
            source,
            values,
            target,
            level,
        } => {
            let vals = values
                .iter()
                .map(|(c, v)| format!("({c}) = {}", num(*v)))
                .collect::<Vec<_>>()
                .join(", ");
            let (s, t) = (
                table_name(lang, template, source),
                table_name(lang, template, target),
            );
            if vi {
                format!(
                    "Dòng «{level}»: {s} có {vals} (hồ sơ trễ hạn/tồn đọng) nhưng {t} chưa giải trình lĩnh vực nào ở dòng này"
                )
            } else {
                format!(
                    "Row “{level}”: {s} has {vals} (late/pending dossiers) but {t} explains no field in this row"
                )
            }
        }
        Problem::GroupMismatch {
            from,
            from_col,
            from_value,
            to,
            to_col,
            to_value,
            level,
        } => {
            let (s, t) = (
                table_name(lang, template, from),
                table_name(lang, template, to),
            );
            match (vi, to_value) {
                (true, Some(tv)) => format!(
                    "Dòng «{level}»: tổng cột ({from_col}) {s} = {} nhưng cột ({to_col}) {t} = {}, lệch {}",
                    num(*from_value),
                    num(*tv),
                    num((from_value - tv).abs())
                ),
                (true, None) => format!(
                    "Dòng «{level}»: tổng cột ({from_col}) {s} = {} nhưng cột ({to_col}) {t} chưa nhập",
                    num(*from_value)
                ),
                (false, Some(tv)) => format!(
                    "Row “{level}”: total of column ({from_col}) in {s} = {} but column ({to_col}) in {t} = {}, off by {}",
                    num(*from_value),
                    num(*tv),
                    num((from_value - tv).abs())
                ),
                (false, None) => format!(
                    "Row “{level}”: total of column ({from_col}) in {s} = {} but column ({to_col}) in {t} is blank",
                    num(*from_value)
                ),
            }
        }
        Problem::Missing { cols: c } => {
            if vi {
                format!("Còn thiếu cột {}", cols(c))
            } else {
                format!("Column {} missing", cols(c))
            }
        }
        Problem::BadDate { text, issue } => date_issue(lang, text, issue),
        Problem::Unanswered => lang
            .pick(
                "Chưa trả lời (viết nội dung hoặc đánh dấu «Không phát sinh»)",
                "Not answered (write it, or mark it “Không phát sinh” — nothing to report)",
            )
            .to_string(),
        Problem::SectionWithoutRows { table } => {
            let t = table_name(lang, template, table);
            if vi {
                format!("Mục đã nêu mô hình điển hình nhưng {t} chưa có dòng nào")
            } else {
                format!("The section describes models but {t} has no rows")
            }
        }
        Problem::RowsWithoutSection { section, rows } => {
            if vi {
                format!("Phụ lục có {rows} mô hình nhưng Mục {section} chưa mô tả")
            } else {
                format!("The appendix lists {rows} models but section {section} describes none")
            }
        }
    }
}

/// What would fix it, where something can be said.
pub fn hint(lang: Lang, f: &Finding) -> Option<String> {
    let vi = lang == Lang::Vi;
    match &f.problem {
        Problem::RowSum { total_col, sum, .. } => Some(if vi {
            format!(
                "Sửa cột ({total_col}) thành {} hoặc sửa các cột thành phần",
                num(*sum)
            )
        } else {
            format!(
                "Set column ({total_col}) to {} or correct the parts",
                num(*sum)
            )
        }),
        Problem::Incomplete { .. } => Some(
            lang.pick(
                "Nhập 0 cho ô không phát sinh",
                "Type 0 where there is nothing",
            )
            .to_string(),
        ),
        Problem::TypedInHeading { .. } => Some(
            lang.pick(
                "Nhập số liệu vào các dòng a), b), c) bên dưới",
                "Enter the figures in the a), b), c) rows below",
            )
            .to_string(),
        ),
        Problem::TypedInComputed { .. } => Some(
            lang.pick(
                "Xóa giá trị đã gõ; chương trình tự tính ô này",
                "Delete the typed value; the program computes this cell",
            )
            .to_string(),
        ),
        Problem::Unexplained { .. } => Some(
            lang.pick(
                "Thêm các dòng «Lĩnh vực…» vào nhóm này, với số hồ sơ và nguyên nhân",
                "Add “Lĩnh vực…” rows to this group, with counts and causes",
            )
            .to_string(),
        ),
        Problem::GroupMismatch { .. } => Some(
            lang.pick(
                "Đối chiếu số liệu hai phụ lục theo từng nhóm",
                "Reconcile the two appendices group by group",
            )
            .to_string(),
        ),
        Problem::BadNumber { error, .. } => Some(
            match error {
                NumError::NotWhole | NumError::AmbiguousComma => lang.pick(
                    "Số nguyên, ví dụ: 1234 hoặc 1.234",
                    "A whole number, e.g. 1234 or 1.234",
                ),
                _ => lang.pick(
                    "Ví dụ hợp lệ: 1234, 1.234, 95,5",
                    "Valid examples: 1234, 1.234, 95,5",
                ),
            }
            .to_string(),
        ),
        Problem::NotWhole { .. } => Some(
            lang.pick(
                "Số nguyên, ví dụ: 1234 hoặc 1.234",
                "A whole number, e.g. 1234 or 1.234",
            )
            .to_string(),
        ),
        _ => None,
    }
}

/// "3 điểm", "5%".
fn amount(v: f64, unit: &str) -> String {
    if unit == "%" {
        format!("{}%", num(v))
    } else {
        format!("{} {unit}", num(v))
    }
}

/// Phụ lục 3 column (6): "tăng 7 bậc", "giảm 2,5 điểm", "không đổi".
pub fn change(lang: Lang, c: &Change) -> String {
    if c.amount.abs() < 1e-9 {
        return lang.pick("không đổi", "unchanged").to_string();
    }
    let word = if c.amount > 0.0 {
        lang.pick("tăng", "up")
    } else {
        lang.pick("giảm", "down")
    };
    format!("{word} {}", amount(c.amount.abs(), &c.unit))
}

/// Phụ lục 3 column (7): "Đạt", "Đạt (vượt 4 bậc)", "Chưa đạt (còn thiếu 3,5 điểm)".
pub fn verdict(lang: Lang, v: &Verdict) -> String {
    let margin = amount(v.margin, &v.unit);
    match (v.met, v.margin.abs() < 1e-9, lang) {
        (true, true, _) => lang.pick("Đạt", "Met").to_string(),
        (true, false, Lang::Vi) => format!("Đạt (vượt {margin})"),
        (true, false, Lang::En) => format!("Met (exceeded by {margin})"),
        (false, _, Lang::Vi) => format!("Chưa đạt (còn thiếu {margin})"),
        (false, _, Lang::En) => format!("Not met (short by {margin})"),
    }
}

/// The text of a computed or typed numeric cell for display; `None` for cells whose
/// text lives elsewhere (typed text, template text).
pub fn cell_value(lang: Lang, c: &Cell) -> Option<String> {
    match c {
        Cell::Number(v) | Cell::Sum(Some(v)) => Some(num(*v)),
        Cell::Change(ch) => Some(change(lang, ch)),
        Cell::Verdict(v) => Some(verdict(lang, v)),
        Cell::Blank | Cell::Sum(None) | Cell::Na => Some(String::new()),
        Cell::Invalid(_) | Cell::Text | Cell::Fixed => None,
    }
}

/// "Không phát sinh".
pub fn nothing_to_report(lang: Lang) -> &'static str {
    lang.pick("Không phát sinh", "Không phát sinh (nothing to report)")
}

/// Why the report's date does not read: "“31/4/2024”: tháng 4/2024 chỉ có 30 ngày".
fn date_issue(lang: Lang, text: &str, issue: &crate::rules::DateIssue) -> String {
    use crate::rules::DateIssue;
    let why = match issue {
        DateIssue::Format => lang
            .pick(
                "không đọc được; viết ngày/tháng/năm, ví dụ 05/9/2024",
                "does not read; write day/month/year, e.g. 05/9/2024",
            )
            .to_string(),
        DateIssue::NoSuchMonth { month } => match lang {
            Lang::Vi => format!("không có tháng {month}"),
            Lang::En => format!("there is no month {month}"),
        },
        DateIssue::NoSuchDay {
            month, year, days, ..
        } => match lang {
            Lang::Vi => format!("tháng {month}/{year} chỉ có {days} ngày"),
            Lang::En => format!("month {month}/{year} has only {days} days"),
        },
    };
    format!("“{text}”: {why}")
}
