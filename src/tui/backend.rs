//! A terminal backend that sends as few bytes as it can, for slow SSH links: it
//! remembers where the terminal's cursor is, which colours and attributes are active
//! and whether the cursor is shown, and sends only changes — no reset after every
//! frame, no cursor move to where the cursor already is, no hide/show that changes
//! nothing, shorter moves along a row, and the 16 basic colours as their short codes
//! (which every old terminal knows). Each frame leaves in one write.

use std::fmt::Write as _;
use std::io::{self, Write};

use ratatui::backend::{Backend, ClearType, WindowSize};
use ratatui::buffer::Cell;
use ratatui::layout::{Position, Size};
use ratatui::style::{Color, Modifier};
use unicode_width::UnicodeWidthStr;

/// The active look of text on the terminal.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
struct Pen {
    fg: Color,
    bg: Color,
    modifier: Modifier,
}

const PLAIN: Pen = Pen {
    fg: Color::Reset,
    bg: Color::Reset,
    modifier: Modifier::empty(),
};

/// The lean backend over any writer (the terminal, or a buffer in tests).
pub struct LeanBackend<W: Write> {
    out: W,
    buf: String,
    /// Where the terminal's cursor is, when known.
    at: Option<Position>,
    /// What the terminal draws with now, when known.
    pen: Option<Pen>,
    /// Whether the cursor is shown, when known.
    visible: Option<bool>,
    size: Size,
}

impl<W: Write> LeanBackend<W> {
    /// A backend writing to `out`, for a terminal of `size`.
    pub fn new(out: W, size: Size) -> LeanBackend<W> {
        LeanBackend {
            out,
            buf: String::with_capacity(4096),
            at: None,
            pen: None,
            visible: None,
            size,
        }
    }

    /// The terminal changed size: nothing about it is known any more.
    pub fn resized(&mut self, size: Size) {
        self.size = size;
        self.at = None;
    }

    /// The writer, for tests.
    pub fn writer(&self) -> &W {
        &self.out
    }

    fn move_to(&mut self, p: Position) {
        if self.at == Some(p) {
            return;
        }
        match self.at {
            // Along the same row, an absolute column is shorter.
            Some(a) if a.y == p.y => {
                let _ = write!(self.buf, "\x1b[{}G", p.x + 1);
            }
            _ => {
                let _ = write!(self.buf, "\x1b[{};{}H", p.y + 1, p.x + 1);
            }
        }
        self.at = Some(p);
    }

    fn set_pen(&mut self, want: Pen) {
        if self.pen == Some(want) {
            return;
        }
        let mut params: Vec<String> = Vec::new();
        let from = match self.pen {
            // Taking an attribute off: start from plain, it is shorter than the
            // attribute-specific codes and every terminal knows it.
            Some(p) if p.modifier - want.modifier == Modifier::empty() => p,
            _ => {
                params.push("0".into());
                PLAIN
            }
        };
        let added = want.modifier - from.modifier;
        for (m, code) in [
            (Modifier::BOLD, "1"),
            (Modifier::DIM, "2"),
            (Modifier::ITALIC, "3"),
            (Modifier::UNDERLINED, "4"),
            (Modifier::SLOW_BLINK, "5"),
            (Modifier::REVERSED, "7"),
            (Modifier::HIDDEN, "8"),
            (Modifier::CROSSED_OUT, "9"),
        ] {
            if added.contains(m) {
                params.push(code.into());
            }
        }
        if want.fg != from.fg {
            params.push(color(want.fg, false));
        }
        if want.bg != from.bg {
            params.push(color(want.bg, true));
        }
        if !params.is_empty() {
            let _ = write!(self.buf, "\x1b[{}m", params.join(";"));
        }
        self.pen = Some(want);
    }
}

/// The SGR parameters of a colour; the 16 basic ones in their short form.
fn color(c: Color, bg: bool) -> String {
    let base = if bg { 40 } else { 30 };
    let bright = if bg { 100 } else { 90 };
    let n = |i: u8| (base + i).to_string();
    let b = |i: u8| (bright + i).to_string();
    match c {
        Color::Reset => (if bg { 49 } else { 39 }).to_string(),
        Color::Black => n(0),
        Color::Red => n(1),
        Color::Green => n(2),
        Color::Yellow => n(3),
        Color::Blue => n(4),
        Color::Magenta => n(5),
        Color::Cyan => n(6),
        Color::Gray => n(7),
        Color::DarkGray => b(0),
        Color::LightRed => b(1),
        Color::LightGreen => b(2),
        Color::LightYellow => b(3),
        Color::LightBlue => b(4),
        Color::LightMagenta => b(5),
        Color::LightCyan => b(6),
        Color::White => b(7),
        Color::Indexed(i) => format!("{};5;{i}", if bg { 48 } else { 38 }),
        Color::Rgb(r, g, bl) => format!("{};2;{r};{g};{bl}", if bg { 48 } else { 38 }),
    }
}

impl<W: Write> Backend for LeanBackend<W> {
    type Error = io::Error;

    fn draw<'a, I>(&mut self, content: I) -> io::Result<()>
    where
        I: Iterator<Item = (u16, u16, &'a Cell)>,
    {
        for (x, y, cell) in content {
            self.move_to(Position { x, y });
            self.set_pen(Pen {
                fg: cell.fg,
                bg: cell.bg,
                modifier: cell.modifier,
            });
            let symbol = cell.symbol();
            self.buf.push_str(symbol);
            let width = symbol.width().max(1) as u16;
            // Past the last column the terminal's cursor is in a pending-wrap state
            // that terminals handle differently: forget where it is.
            self.at = (x + width < self.size.width).then_some(Position { x: x + width, y });
        }
        Ok(())
    }

    fn hide_cursor(&mut self) -> io::Result<()> {
        if self.visible != Some(false) {
            self.buf.push_str("\x1b[?25l");
            self.visible = Some(false);
        }
        Ok(())
    }

    fn show_cursor(&mut self) -> io::Result<()> {
        if self.visible != Some(true) {
            self.buf.push_str("\x1b[?25h");
            self.visible = Some(true);
        }
        Ok(())
    }

    fn get_cursor_position(&mut self) -> io::Result<Position> {
        Ok(self.at.unwrap_or_default())
    }

    fn set_cursor_position<P: Into<Position>>(&mut self, position: P) -> io::Result<()> {
        self.move_to(position.into());
        Ok(())
    }

    fn clear(&mut self) -> io::Result<()> {
        self.set_pen(PLAIN);
        self.buf.push_str("\x1b[2J");
        self.at = None;
        Ok(())
    }

    fn clear_region(&mut self, clear_type: ClearType) -> io::Result<()> {
        self.set_pen(PLAIN);
        let code = match clear_type {
            ClearType::All => "\x1b[2J",
            ClearType::AfterCursor => "\x1b[J",
            ClearType::BeforeCursor => "\x1b[1J",
            ClearType::CurrentLine => "\x1b[2K",
            ClearType::UntilNewLine => "\x1b[K",
        };
        self.buf.push_str(code);
        Ok(())
    }

    fn size(&self) -> io::Result<Size> {
        Ok(self.size)
    }

    fn window_size(&mut self) -> io::Result<WindowSize> {
        Ok(WindowSize {
            columns_rows: self.size,
            pixels: Size::default(),
        })
    }

    fn flush(&mut self) -> io::Result<()> {
        if !self.buf.is_empty() {
            self.out.write_all(self.buf.as_bytes())?;
            self.buf.clear();
        }
        self.out.flush()
    }
}
