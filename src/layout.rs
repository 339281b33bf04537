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

/// Below this width a table step folds the outline tree away (or, shown on request,
/// narrows it to step ids), so that the grid has the room.
pub const WIDE: u16 = 120;

/// The areas of the main screen at this size: `table` when a table step is shown,
/// `tree` when the outline tree is wanted on it (always shown on other steps and
/// from [`WIDE`] columns on).
pub fn areas(size: (u16, u16), table: bool, tree: bool) -> Areas {
    let (w, h) = size;
    let tree_w = if table && w < WIDE {
        if tree { COMPACT_TREE } else { 0 }
    } else if w >= WIDE {
        34
    } else if w >= 100 {
        28
    } else {
        22
    };
    let tree_w = tree_w.min(w / 3);
    let body_h = h.saturating_sub(2 + MESSAGE_LINES);
    Areas {
        header: Rect::new(0, 0, w, 1),
        tree: Rect::new(0, 1, tree_w, body_h),
        content: Rect::new(tree_w, 1, w.saturating_sub(tree_w), body_h),
        message: Rect::new(0, 1 + body_h, w, MESSAGE_LINES),
        footer: Rect::new(0, h.saturating_sub(1), w, 1),
    }
}

/// Lines under the content for the message of the field or cell: a message wraps to a
/// second line rather than being cut, and its hint or the status takes the third.
pub const MESSAGE_LINES: u16 = 3;

/// Width of the narrowed outline tree ("✓ PL3").
pub const COMPACT_TREE: u16 = 9;

/// Rows of the grid header: two lines of caption and the "(n)" line.
pub const GRID_HEADER_ROWS: u16 = 3;

/// The room for grid rows and columns inside the content area (a border around it,
/// a title line, the header rows).
pub fn grid_body(size: (u16, u16), tree: bool) -> Rect {
    let c = areas(size, true, tree).content;
    let top = c.y + 1 + 1 + GRID_HEADER_ROWS;
    let height = c.height.saturating_sub(2 + 1 + GRID_HEADER_ROWS);
    Rect::new(c.x + 1, top, c.width.saturating_sub(2), height)
}

/// Whether a column stays on screen when the table scrolls sideways.
pub fn frozen(kind: ColumnKind) -> bool {
    matches!(kind, ColumnKind::Stt | ColumnKind::Label)
}

/// The narrowest a number column gets: 999.999 whole, so that typing a figure of
/// up to six digits does not move the columns.
const MIN_NUMBER: u16 = 7;

/// The narrowest the name column gets before columns scroll sideways.
const MIN_LABEL: u16 = 12;

/// Column widths for the available width. Each column is as wide as its widest
/// content (`content`, in terminal cells, per column), within bounds: number columns
/// from [`MIN_NUMBER`] up to whatever their figures need, text columns up to the
/// template's width; spare room goes to the name and text columns. When that is more
/// than the width, the name column gives way down to [`MIN_LABEL`] and, failing
/// that, frozen columns take at most two fifths and the rest scrolls. Each column is
/// followed by a 1-cell separator.
pub fn column_widths(table: &Table, content: &[u16], avail: u16) -> Vec<u16> {
    let caption = |c: &crate::template::Column| {
        c.short
            .split_whitespace()
            .map(|w| unicode_width::UnicodeWidthStr::width(w) as u16)
            .max()
            .unwrap_or(0)
            .max(format!("({})", c.id).len() as u16)
    };
    let mut widths: Vec<u16> = table
        .columns
        .iter()
        .enumerate()
        .map(|(i, c)| {
            let have = content.get(i).copied().unwrap_or(0);
            let least = caption(c);
            match c.kind {
                ColumnKind::Stt => have.max(least).max(2),
                ColumnKind::Label => have.max(least).clamp(MIN_LABEL, c.width.max(MIN_LABEL)),
                k if k.is_numeric() => have.max(least).max(MIN_NUMBER),
                _ => have.max(least).max(6).min(c.width.max(least)),
            }
        })
        .collect();
    let total: u16 = widths.iter().map(|w| w + 1).sum();
    let growers: Vec<usize> = table
        .columns
        .iter()
        .enumerate()
        .filter(|(_, c)| {
            matches!(
                c.kind,
                ColumnKind::Label | ColumnKind::LongText | ColumnKind::Text
            )
        })
        .map(|(i, _)| i)
        .collect();
    if total <= avail {
        if !growers.is_empty() {
            let n = growers.len() as u16;
            let extra = avail - total;
            for (k, &i) in growers.iter().enumerate() {
                // The remainder goes to the first growers, so the row fills the width.
                widths[i] += extra / n + u16::from((k as u16) < extra % n);
            }
        }
        return widths;
    }
    let over = total - avail;
    let label = table
        .columns
        .iter()
        .position(|c| c.kind == ColumnKind::Label);
    if let Some(l) = label {
        let give = widths[l].saturating_sub(MIN_LABEL).min(over);
        widths[l] -= give;
        if give == over {
            return widths;
        }
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
