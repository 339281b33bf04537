//! How wide a line of text is in the document's font (Times New Roman; Liberation
//! Serif has the same advance widths), from a width table generated from the font
//! (`widths.ron`, by `tools/font_widths.py`). The DOCX export draws the rules under the
//! issuing body, the motto and the summary line from these widths.

use std::collections::HashMap;
use std::sync::OnceLock;

use serde::Deserialize;

const WIDTHS_RON: &str = include_str!("widths.ron");

#[derive(Deserialize)]
struct Face {
    units_per_em: u32,
    advance: HashMap<char, u32>,
}

#[derive(Deserialize)]
struct Faces {
    regular: Face,
    bold: Face,
}

fn faces() -> Option<&'static Faces> {
    static FACES: OnceLock<Option<Faces>> = OnceLock::new();
    FACES
        .get_or_init(|| ron::from_str(WIDTHS_RON).ok())
        .as_ref()
}

/// The width of `text` set in `size` points, bold or regular, in points. A character
/// the table lacks counts as an «n» (about the average letter).
pub fn width_pt(text: &str, size: f64, bold: bool) -> f64 {
    let Some(faces) = faces() else {
        // The table is part of the program; without it, half an em a letter.
        return text.chars().count() as f64 * size / 2.0;
    };
    let face = if bold { &faces.bold } else { &faces.regular };
    let fallback = face
        .advance
        .get(&'n')
        .copied()
        .unwrap_or(face.units_per_em / 2);
    let units: u64 = text
        .chars()
        .map(|c| u64::from(face.advance.get(&c).copied().unwrap_or(fallback)))
        .sum();
    units as f64 * size / f64::from(face.units_per_em)
}

/// How many lines `text` takes in a column `width` points wide, wrapped at spaces
/// (a word wider than the column takes a line of its own).
pub fn lines(text: &str, width: f64, size: f64, bold: bool) -> usize {
    let space = width_pt(" ", size, bold);
    text.split('\n')
        .map(|para| {
            let mut count = 1;
            let mut used = 0.0;
            for word in para.split_whitespace() {
                let w = width_pt(word, size, bold);
                if used > 0.0 && used + space + w > width {
                    count += 1;
                    used = w;
                } else if used > 0.0 {
                    used += space + w;
                } else {
                    used = w;
                }
            }
            count
        })
        .sum()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_table_reads_and_vietnamese_letters_are_measured() {
        assert!(faces().is_some(), "widths.ron reads");
        // Times New Roman: "n" is 1024/2048 em, "m" 1593; bold is wider.
        assert!((width_pt("n", 12.0, false) - 6.0).abs() < 0.01);
        assert!(width_pt("m", 12.0, true) > width_pt("m", 12.0, false));
        // Precomposed Vietnamese letters are in the table, as wide as their base.
        assert_eq!(width_pt("Ệ", 13.0, true), width_pt("E", 13.0, true));
        // The horn makes «ư» wider than «u», as in Times New Roman.
        assert!(width_pt("ư", 13.0, false) > width_pt("u", 13.0, false));
    }

    #[test]
    fn lines_wrap_at_spaces_within_the_width() {
        let w = width_pt("Số hồ sơ", 12.0, true);
        assert_eq!(lines("Số hồ sơ", w + 0.1, 12.0, true), 1);
        assert_eq!(lines("Số hồ sơ đang", w + 0.1, 12.0, true), 2);
        assert_eq!(lines("một\nhai", 500.0, 12.0, false), 2);
    }
}
