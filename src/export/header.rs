//! Where the cells of an appendix's official header rows fall on the column grid, as
//! HTML lays out row and column spans: shared by the DOCX and XLSX exports so both
//! merge the same cells.

use crate::template::Table;

/// A header cell placed on the grid.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Placed<'t> {
    /// Header row of its top edge (0 = first header row).
    pub row: usize,
    /// Column of its left edge.
    pub col: usize,
    /// Rows spanned (≥ 1).
    pub rows: usize,
    /// Columns spanned (≥ 1).
    pub cols: usize,
    /// Caption.
    pub text: &'t str,
}

/// Every header cell of `table` with its place; a cell that would run past the last
/// column or row is cut at the edge.
pub fn place(table: &Table) -> Vec<Placed<'_>> {
    let ncols = table.columns.len();
    let nrows = table.header.len();
    let mut taken = vec![vec![false; ncols]; nrows];
    let mut out = Vec::new();
    for (r, line) in table.header.iter().enumerate() {
        let mut c = 0;
        for cell in line {
            while c < ncols && taken[r][c] {
                c += 1;
            }
            if c >= ncols {
                break;
            }
            let cols = usize::from(cell.colspan.max(1)).min(ncols - c);
            let rows = usize::from(cell.rowspan.max(1)).min(nrows - r);
            for line in &mut taken[r..r + rows] {
                for slot in &mut line[c..c + cols] {
                    *slot = true;
                }
            }
            out.push(Placed {
                row: r,
                col: c,
                rows,
                cols,
                text: &cell.text,
            });
            c += cols;
        }
    }
    out
}

#[cfg(test)]
mod tests {
    #![allow(clippy::unwrap_used)]
    use super::*;
    use crate::template::Template;

    #[test]
    fn phu_luc_1_spans_4_to_6_under_one_caption_and_the_rest_span_two_rows() {
        let t = Template::builtin().unwrap();
        let placed = place(t.table("pl1").unwrap());
        let solved = placed
            .iter()
            .find(|p| p.text == "Số hồ sơ đã giải quyết")
            .unwrap();
        assert_eq!(
            (solved.row, solved.col, solved.rows, solved.cols),
            (0, 3, 1, 3)
        );
        let second: Vec<(usize, &str)> = placed
            .iter()
            .filter(|p| p.row == 1)
            .map(|p| (p.col, p.text))
            .collect();
        assert_eq!(
            second,
            vec![(3, "Trước hạn"), (4, "Đúng hạn"), (5, "Trễ hạn")]
        );
        let tall: Vec<usize> = placed
            .iter()
            .filter(|p| p.rows == 2)
            .map(|p| p.col)
            .collect();
        assert_eq!(tall, vec![0, 1, 2, 6, 7]);
    }
}
