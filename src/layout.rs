//! Screen geometry, shared by the state (which must keep the selected cell in view)
//! and the views (which draw into the same rectangles). Pure arithmetic on the
//! terminal size; nothing is drawn here.

use ratatui::layout::Rect;

use crate::template::{ColumnKind, Table};

/// The smallest terminal the wizard works in.
pub const MIN_SIZE: (u16, u16) = (80, 24);

/// The parts of the main screen.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Areas {
    /// Draft name, completion, save state.
    pub header: Rect,
    /// The outline tree.
    pub tree: Rect,
    /// The current step.
    pub content: Rect,
    /// The message for the current field or cell.
    pub message: Rect,
    /// Keys for the current focus.
    pub footer: Rect,
}

/// Whether the terminal is large enough.
pub fn fits(size: (u16, u16)) -> bool {
    size.0 >= MIN_SIZE.0 && size.1 >= MIN_SIZE.1
}

/// Below this width a table step narrows the outline tree to step ids, so that the
/// grid has the room.
pub const WIDE: u16 = 120;

/// The areas of the main screen at this size; `table` when a table step is shown.
pub fn areas(size: (u16, u16), table: bool) -> Areas {
    let (w, h) = size;
    let tree_w = if table && w < WIDE {
        COMPACT_TREE
    } else if w >= WIDE {
        34
    } else if w >= 100 {
        28
    } else {
        22
    };
    let tree_w = tree_w.min(w / 3);
    let body_h = h.saturating_sub(4);
    Areas {
        header: Rect::new(0, 0, w, 1),
        tree: Rect::new(0, 1, tree_w, body_h),
        content: Rect::new(tree_w, 1, w.saturating_sub(tree_w), body_h),
        message: Rect::new(0, 1 + body_h, w, 2),
        footer: Rect::new(0, h.saturating_sub(1), w, 1),
    }
}

/// Width of the narrowed outline tree ("✓ PL3").
pub const COMPACT_TREE: u16 = 9;

/// Rows of the grid header: two lines of caption and the "(n)" line.
pub const GRID_HEADER_ROWS: u16 = 3;

/// The room for grid rows and columns inside the content area (a border around it,
/// a title line, the header rows).
pub fn grid_body(size: (u16, u16)) -> Rect {
    let c = areas(size, true).content;
    let top = c.y + 1 + 1 + GRID_HEADER_ROWS;
    let height = c.height.saturating_sub(2 + 1 + GRID_HEADER_ROWS);
    Rect::new(c.x + 1, top, c.width.saturating_sub(2), height)
}

/// Whether a column stays on screen when the table scrolls sideways.
pub fn frozen(kind: ColumnKind) -> bool {
    matches!(kind, ColumnKind::Stt | ColumnKind::Label)
}

/// Column widths for the available width: the template's widths, with any spare room
/// given to the name and text columns. Each column is followed by a 1-cell separator.
pub fn column_widths(table: &Table, avail: u16) -> Vec<u16> {
    let mut widths: Vec<u16> = table.columns.iter().map(|c| c.width.max(3)).collect();
    let total: u16 = widths.iter().map(|w| w + 1).sum();
    if total < avail {
        let growers: Vec<usize> = table
            .columns
            .iter()
            .enumerate()
            .filter(|(_, c)| {
                matches!(
                    c.kind,
                    ColumnKind::Label
                        | ColumnKind::LongText
                        | ColumnKind::Text
                        | ColumnKind::Target
                        | ColumnKind::Derived
                )
            })
            .map(|(i, _)| i)
            .collect();
        if !growers.is_empty() {
            let extra = (avail - total) / growers.len() as u16;
            for i in growers {
                widths[i] += extra;
            }
        }
    } else {
        // Narrow screen: when giving up part of the name column (down to 16 cells)
        // lets every column fit, it does; otherwise frozen columns take at most two
        // fifths of the width and the rest scrolls.
        let over = total - avail;
        let label = table
            .columns
            .iter()
            .position(|c| c.kind == ColumnKind::Label);
        if let Some(l) = label
            && widths[l].saturating_sub(16) >= over
        {
            widths[l] -= over;
        }
        let frozen_total: u16 = table
            .columns
            .iter()
            .zip(&widths)
            .filter(|(c, _)| frozen(c.kind))
            .map(|(_, w)| w + 1)
            .sum();
        let cap = avail * 2 / 5;
        if let Some(l) = label
            && frozen_total > cap
        {
            widths[l] = widths[l].saturating_sub(frozen_total - cap).max(10);
        }
    }
    widths
}

/// The scrollable columns shown when the first one is `left`, for this width.
pub fn visible_columns(table: &Table, widths: &[u16], avail: u16, left: usize) -> Vec<usize> {
    let mut shown: Vec<usize> = (0..table.columns.len())
        .filter(|&i| frozen(table.columns[i].kind))
        .collect();
    let mut used: u16 = shown.iter().map(|&i| widths[i] + 1).sum();
    let scrollable = (0..table.columns.len())
        .filter(|&i| !frozen(table.columns[i].kind))
        .skip(left);
    for (n, i) in scrollable.enumerate() {
        // At least one scrollable column is always shown, clipped if need be.
        if used + widths[i] + 1 > avail && n > 0 {
            break;
        }
        used += widths[i] + 1;
        shown.push(i);
    }
    shown
}
