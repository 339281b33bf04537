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
        let _ = self.buf.write_str(&shortest_move(self.at, p));
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

/// The shortest sequence that takes the cursor from `from` (when known) to `to`: an
/// absolute position when nothing is known, else the shortest of the absolute one,
/// a carriage return, and the VT100 relative moves (up, down, forward, back) and the
/// absolute column. A Tab in a grid moves the cursor over several cells of a few rows,
/// and each move saved is 3–5 bytes on the wire.
fn shortest_move(from: Option<Position>, to: Position) -> String {
    // A parameter of 1 is the default and can be left out.
    let n = |k: u16| if k == 1 { String::new() } else { k.to_string() };
    let absolute = if to.x == 0 {
        format!("\x1b[{}H", n(to.y + 1))
    } else {
        format!("\x1b[{};{}H", to.y + 1, to.x + 1)
    };
    let Some(a) = from else { return absolute };
    let mut options = vec![absolute];
    if a.y == to.y {
        options.push(format!("\x1b[{}G", n(to.x + 1)));
        if to.x == 0 {
            options.push("\r".into());
        } else if to.x > a.x {
            options.push(format!("\x1b[{}C", n(to.x - a.x)));
        } else {
            options.push(format!("\x1b[{}D", n(a.x - to.x)));
        }
    } else if a.x == to.x {
        if to.y > a.y {
            options.push(format!("\x1b[{}B", n(to.y - a.y)));
        } else {
            options.push(format!("\x1b[{}A", n(a.y - to.y)));
        }
    }
    options
        .into_iter()
        .min_by_key(String::len)
        .unwrap_or_default()
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

#[cfg(test)]
mod tests {
    #![allow(clippy::unwrap_used)]

    use super::*;
    use ratatui::Terminal;
    use ratatui::style::Style;
    use ratatui::text::Line;
    use ratatui::widgets::Paragraph;

    /// Draws `frames` (one text per row) through the lean backend into a terminal
    /// emulator; the emulator's screen after each frame and the bytes each frame cost.
    fn replay(frames: &[Vec<(u16, u16, &str, Style)>]) -> Vec<(String, usize)> {
        let size = Size::new(40, 8);
        let mut term = Terminal::new(LeanBackend::new(Vec::new(), size)).unwrap();
        let nz = |n: u16| std::num::NonZeroU16::new(n).unwrap();
        let mut vt = vt100::Parser::new(nz(size.height), nz(size.width), 0);
        let mut seen = 0;
        let mut out = Vec::new();
        for f in frames {
            term.draw(|frame| {
                for (x, y, text, style) in f {
                    let area = ratatui::layout::Rect::new(*x, *y, 40 - x, 1);
                    frame.render_widget(Paragraph::new(Line::styled(*text, *style)), area);
                }
            })
            .unwrap();
            let bytes = &term.backend().writer()[seen..];
            vt.process(bytes);
            out.push((vt.screen().contents(), bytes.len()));
            seen += bytes.len();
        }
        out
    }

    #[test]
    fn relative_and_short_moves_land_where_absolute_ones_would() {
        let plain = Style::default();
        let cyan = Style::default().fg(Color::Cyan);
        let frames = vec![
            vec![
                (0, 0, "STT Tên", plain),
                (4, 3, "1.250", cyan),
                (4, 5, "800", cyan),
            ],
            // Same column lower down, same row to the left and right, back to column 0.
            vec![(4, 3, "1.251", cyan), (4, 6, "9", cyan), (0, 6, "x", plain)],
            vec![
                (20, 2, "abc", plain),
                (2, 2, "d", plain),
                (30, 1, "e", plain),
            ],
            vec![
                (0, 7, "cuối", plain),
                (39, 7, "z", plain),
                (0, 0, "Đầu", plain),
            ],
            // The next change straight below where the last one ended.
            vec![(5, 1, "a", plain), (6, 4, "q", plain)],
            vec![(5, 1, "b", plain), (6, 2, "c", plain), (6, 4, "q", plain)],
        ];
        // Each screen is what its frame's widgets say: the backend's choice of moves
        // changes how the cursor gets there, never where the text lands.
        for (f, (screen, _)) in frames.iter().zip(replay(&frames)) {
            let mut want = vec![vec![' '; 40]; 8];
            for (x, y, text, _) in f {
                for (k, c) in text.chars().enumerate() {
                    want[*y as usize][*x as usize + k] = c;
                }
            }
            let want: Vec<String> = want
                .iter()
                .map(|l| l.iter().collect::<String>().trim_end().to_string())
                .collect();
            let got: Vec<String> = screen.lines().map(|l| l.trim_end().to_string()).collect();
            let got: Vec<String> = (0..8)
                .map(|i| got.get(i).cloned().unwrap_or_default())
                .collect();
            assert_eq!(got, want);
        }
    }

    #[test]
    fn the_shortest_move_is_chosen() {
        let at = |x, y| Some(Position { x, y });
        let to = |x, y| Position { x, y };
        assert_eq!(shortest_move(None, to(4, 2)), "\x1b[3;5H");
        assert_eq!(shortest_move(None, to(0, 0)), "\x1b[H");
        assert_eq!(shortest_move(at(4, 2), to(4, 3)), "\x1b[B");
        assert_eq!(shortest_move(at(4, 9), to(4, 3)), "\x1b[6A");
        assert_eq!(shortest_move(at(4, 3), to(5, 3)), "\x1b[C");
        assert_eq!(shortest_move(at(40, 3), to(0, 3)), "\r");
        assert_eq!(shortest_move(at(70, 3), to(60, 3)), "\x1b[61G");
        assert_eq!(shortest_move(at(7, 3), to(60, 9)), "\x1b[10;61H");
    }
}
