//! Where the cells of a table's official header rows fall on the column grid, as
//! HTML lays out row and column spans: the template check refuses overlaps, and the
//! DOCX and XLSX exports merge the same cells from it.

use super::Table;

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
    /// Its span was cut short: it ran into a cell spanning down from a row above, or
    /// past the last column or row (the template check reports it).
    pub cut: bool,
}

/// Every header cell of `table` with its place; a cell that would run into another
/// or past the last column or row is cut there.
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
            let want_cols = usize::from(cell.colspan.max(1));
            let want_rows = usize::from(cell.rowspan.max(1));
            // Free columns to the right in this row.
            let free = taken[r][c..].iter().take_while(|t| !**t).count();
            let cols = want_cols.min(free);
            // Free rows below, across those columns.
            let rows = (r..nrows)
                .take_while(|&rr| taken[rr][c..c + cols].iter().all(|t| !*t))
                .count()
                .min(want_rows);
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
                cut: cols < want_cols || rows < want_rows,
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
        assert!(placed.iter().all(|p| !p.cut));
    }

    #[test]
    fn a_cell_running_into_a_tall_one_is_cut_and_the_check_says_so() {
        let mut t = Template::builtin().unwrap();
        // "Trước hạn" widened to 4 columns: (4)–(6) are free, (7) spans down from above.
        t.tables[0].header[1][0].colspan = 4;
        let placed = place(&t.tables[0]);
        let cell = placed.iter().find(|p| p.text == "Trước hạn").unwrap();
        assert_eq!((cell.cols, cell.cut), (3, true));
        let problems = crate::template::check_semantics(&t).unwrap_err();
        assert!(
            problems
                .iter()
                .any(|p| p.contains("Trước hạn") && p.contains("runs into")),
            "{problems:?}"
        );
        assert!(
            problems
                .iter()
                .any(|p| p.contains("2 header cells do not fit")),
            "{problems:?}"
        );
        let mut t = Template::builtin().unwrap();
        t.tables[1].columns.clear();
        t.tables[1].header.clear();
        let problems = crate::template::check_semantics(&t).unwrap_err();
        assert!(
            problems.iter().any(|p| p.contains("has no columns")),
            "{problems:?}"
        );
    }
}
