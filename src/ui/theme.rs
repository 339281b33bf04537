//! Named styles. Views never pick colours themselves; they ask for a role here. The
//! monochrome theme (NO_COLOR, or a terminal without colour) keeps every role apart
//! with bold, reverse, underline and dim, and the symbols carry the meaning anyway.

use ratatui::style::{Color, Modifier, Style};

use crate::rules::StepState;
use crate::template::Severity;

/// The styles of every role on screen.
#[derive(Debug, Clone, Copy)]
pub struct Theme {
    /// Ordinary text.
    pub normal: Style,
    /// Less important text (guidance, hints).
    pub dim: Style,
    /// Titles and headings.
    pub title: Style,
    /// The header and footer bars.
    pub bar: Style,
    /// Key names in the footer.
    pub key: Style,
    /// The selected item or cell when its pane has the keyboard.
    pub focus: Style,
    /// The selected item when its pane does not have the keyboard.
    pub selected: Style,
    /// Cells the program computes.
    pub computed: Style,
    /// Group and total rows.
    pub group: Style,
    /// Error flags.
    pub error: Style,
    /// Warning flags.
    pub warning: Style,
    /// Done, met.
    pub ok: Style,
    /// Borders.
    pub border: Style,
    /// The border of the pane with the keyboard.
    pub border_focus: Style,
}

impl Theme {
    /// The 16-colour theme.
    pub fn color() -> Theme {
        let s = Style::default();
        Theme {
            normal: s,
            dim: s.fg(Color::DarkGray),
            title: s.add_modifier(Modifier::BOLD),
            bar: s.bg(Color::Blue).fg(Color::White),
            key: s
                .bg(Color::Blue)
                .fg(Color::Yellow)
                .add_modifier(Modifier::BOLD),
            focus: s.bg(Color::Cyan).fg(Color::Black),
            selected: s.add_modifier(Modifier::REVERSED),
            computed: s.fg(Color::Cyan),
            group: s.add_modifier(Modifier::BOLD),
            error: s
                .fg(Color::Red)
                .add_modifier(Modifier::BOLD | Modifier::UNDERLINED),
            warning: s.fg(Color::Yellow).add_modifier(Modifier::UNDERLINED),
            ok: s.fg(Color::Green),
            border: s.fg(Color::DarkGray),
            border_focus: s.fg(Color::Cyan),
        }
    }

    /// The theme without colour.
    pub fn mono() -> Theme {
        let s = Style::default();
        Theme {
            normal: s,
            dim: s.add_modifier(Modifier::DIM),
            title: s.add_modifier(Modifier::BOLD),
            bar: s.add_modifier(Modifier::REVERSED),
            key: s.add_modifier(Modifier::REVERSED | Modifier::BOLD),
            focus: s.add_modifier(Modifier::REVERSED),
            selected: s.add_modifier(Modifier::UNDERLINED),
            computed: s.add_modifier(Modifier::ITALIC),
            group: s.add_modifier(Modifier::BOLD),
            error: s.add_modifier(Modifier::BOLD | Modifier::UNDERLINED),
            warning: s.add_modifier(Modifier::UNDERLINED),
            ok: s,
            border: s,
            border_focus: s.add_modifier(Modifier::BOLD),
        }
    }

    /// The theme for this environment: no colour when NO_COLOR is set.
    pub fn detect() -> Theme {
        if std::env::var_os("NO_COLOR").is_some_and(|v| !v.is_empty()) {
            Theme::mono()
        } else {
            Theme::color()
        }
    }

    /// The style of a finding's severity.
    pub fn severity(&self, s: Severity) -> Style {
        match s {
            Severity::Error => self.error,
            Severity::Warning => self.warning,
        }
    }

    /// The style of a step's mark.
    pub fn state(&self, s: StepState) -> Style {
        match s {
            StepState::Empty => self.dim,
            StepState::Partial => self.warning.remove_modifier(Modifier::UNDERLINED),
            StepState::Done => self.ok,
            StepState::Error => self.error.remove_modifier(Modifier::UNDERLINED),
        }
    }
}

/// The mark of a step's state; each reads without colour.
pub fn state_mark(s: StepState) -> &'static str {
    let [empty, partial, done, error] = super::glyphs::glyphs().states;
    match s {
        StepState::Empty => empty,
        StepState::Partial => partial,
        StepState::Done => done,
        StepState::Error => error,
    }
}

/// The mark after a flagged cell or field.
pub fn severity_mark(s: Severity) -> &'static str {
    let [error, warning] = super::glyphs::glyphs().flags;
    match s {
        Severity::Error => error,
        Severity::Warning => warning,
    }
}
