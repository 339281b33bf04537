//! The cell formats of the XLSX export: the profile's font, bordered and wrapped
//! cells, bold group rows, and Vietnamese number formats (thousands "." and decimal
//! ",", by the vi-VN locale tag; readers that honour it show 1.234,5).

use rust_xlsxwriter::{Format, FormatAlign, FormatBorder};

use crate::export::layout::Layout;
use crate::template::ColumnKind;

/// The locale tag that makes a number format Vietnamese.
const VI: &str = "[$-42A]";

/// The formats one workbook uses.
pub struct Styles {
    /// A bordered cell, the base of the others.
    base: Format,
    /// "PHỤ LỤC n" and the title lines.
    pub title: Format,
    /// The "(Kèm theo Báo cáo số …)" line.
    pub subtitle: Format,
    /// The official header cells.
    pub header: Format,
    /// The (1)…(n) row.
    pub numbers_row: Format,
    /// Notes under a table.
    pub note: Format,
    /// Text cells: plain, bold, centred, bold centred.
    text: [Format; 4],
}

impl Styles {
    /// The formats for `layout`.
    pub fn new(layout: &Layout) -> Styles {
        let base = Format::new()
            .set_font_name(&layout.font)
            .set_font_size(layout.sizes.table);
        // Indented one step so text and numbers do not touch the borders.
        let cell = base
            .clone()
            .set_border(FormatBorder::Thin)
            .set_align(FormatAlign::VerticalCenter)
            .set_indent(1);
        let text = |bold: bool, centre: bool| {
            let f = cell.clone().set_text_wrap();
            let f = if bold { f.set_bold() } else { f };
            if centre {
                f.set_indent(0).set_align(FormatAlign::Center)
            } else {
                f.set_align(FormatAlign::Left)
            }
        };
        Styles {
            title: base
                .clone()
                .set_font_size(layout.sizes.body)
                .set_bold()
                .set_align(FormatAlign::Center)
                .set_text_wrap(),
            subtitle: base
                .clone()
                .set_font_size(layout.sizes.body)
                .set_italic()
                .set_align(FormatAlign::Center)
                .set_text_wrap(),
            header: cell
                .clone()
                .set_indent(0)
                .set_font_size(layout.sizes.table_header)
                .set_bold()
                .set_text_wrap()
                .set_align(FormatAlign::Center),
            numbers_row: cell
                .clone()
                .set_indent(0)
                .set_italic()
                .set_align(FormatAlign::Center),
            note: base.clone().set_italic(),
            text: [
                text(false, false),
                text(true, false),
                text(false, true),
                text(true, true),
            ],
            base: cell,
        }
    }

    /// A text cell of a column of `kind` (STT centred, others left), bold or not.
    pub fn text(&self, bold: bool, kind: ColumnKind) -> &Format {
        let centre = kind == ColumnKind::Stt;
        &self.text[usize::from(bold) + 2 * usize::from(centre)]
    }

    /// A number with `decimals` places, in Vietnamese format.
    pub fn number(&self, decimals: usize, bold: bool) -> Format {
        let f = self
            .base
            .clone()
            .set_align(FormatAlign::Right)
            .set_num_format(format!("{VI}{}", digits(decimals)));
        if bold { f.set_bold() } else { f }
    }

    /// A change in Phụ lục 3 column (6): the number shown as "tăng 7 bậc",
    /// "giảm 2,5 điểm", "không đổi", as the program writes it.
    pub fn change(&self, decimals: usize, unit: &str) -> Format {
        let n = digits(decimals);
        let u = if unit == "%" {
            "\"%\"".to_string()
        } else {
            format!("\" {}\"", super::formula::quoted(unit))
        };
        self.base
            .clone()
            .set_text_wrap()
            .set_align(FormatAlign::Left)
            .set_num_format(format!("{VI}\"tăng \"{n}{u};\"giảm \"{n}{u};\"không đổi\""))
    }
}

/// "#,##0" or "#,##0.00": grouped digits with exactly `decimals` places (a format
/// like "0.##" would leave a bare decimal separator after whole numbers).
fn digits(decimals: usize) -> String {
    if decimals == 0 {
        "#,##0".to_string()
    } else {
        format!("#,##0.{}", "0".repeat(decimals))
    }
}
