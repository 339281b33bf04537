//! The one table of key bindings. The event handler looks keys up here, and the footer
//! and the help screen are generated from it, so what is shown is what works. Every
//! command has a key that survives PuTTY, the Linux console and tmux (Ctrl-letters,
//! Tab, Enter, Esc, arrows, PgUp/PgDn); F-keys are only extra shortcuts.

use ratatui::crossterm::event::{KeyCode, KeyEvent, KeyModifiers};

use crate::i18n::Lang;

/// Where the keyboard focus is; each binding belongs to one context.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Context {
    /// Everywhere in a draft (reserved chords, taken before any editor).
    Global,
    /// The outline tree.
    Outline,
    /// A narrative text field or a number field.
    Text,
    /// A table grid, not editing.
    Grid,
    /// Editing a cell of a grid.
    CellEdit,
    /// The list of drafts.
    Start,
    /// The report information form.
    Form,
    /// A choice field (unit group, State or Party body) of the form or the information
    /// step: its keys are shown before those of the form or step around it.
    Choice,
    /// A list in a dialog (findings).
    List,
    /// The last step, "Kiểm tra & xuất".
    Review,
    /// A one-line prompt (go to step, a name, a path).
    Prompt,
    /// The export dialog.
    ExportDialog,
    /// A text to read (help, welcome).
    Dialog,
}

/// What a key asks for.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Cmd {
    /// Save now.
    Save,
    /// Leave (asks only when changes could not be saved).
    Quit,
    /// Next step of the outline.
    NextStep,
    /// Previous step.
    PrevStep,
    /// Type a step id to go there.
    Jump,
    /// The list of all findings.
    Findings,
    /// Export the report (DOCX, XLSX, Markdown).
    Export,
    /// Help.
    Help,
    /// Redraw the whole screen.
    Redraw,
    /// Built-in Vietnamese typing: off → Telex → VNI.
    InputMethod,
    /// Toggle between the outline tree and the step.
    ToggleFocus,
    /// Mark the field or table "Không phát sinh", or unmark it.
    NothingToReport,
    /// Undo the last change to the draft (anywhere in it).
    Undo,
    /// Redo the last undone change.
    Redo,
    /// Next field / cell.
    NextField,
    /// Previous field / cell.
    PrevField,
    /// Open the selected item / start editing / commit.
    Enter,
    /// Leave the current editor or dialog (never discards a committed value).
    Back,
    /// Move up.
    Up,
    /// Move down.
    Down,
    /// Move left.
    Left,
    /// Move right.
    Right,
    /// A page up.
    PageUp,
    /// A page down.
    PageDown,
    /// Start of line / first column.
    Home,
    /// End of line / last column.
    End,
    /// Add a row to the group of the current row.
    AddRow,
    /// Delete the current row (asks first).
    DeleteRow,
    /// Move the current row up within its group.
    RowUp,
    /// Move the current row down within its group.
    RowDown,
    /// Clear the current cell.
    ClearCell,
    /// Show or fold the outline tree beside a table (narrow terminals).
    ToggleTree,
    /// Explain a warning («giải trình»): a note why the figure is right.
    Explain,
    /// Start screen: new draft.
    New,
    /// Start screen: duplicate the selected draft.
    Duplicate,
    /// Start screen: move the selected draft to the trash.
    Delete,
    /// A choice field: the previous / next option.
    Choose,
}

/// A key: code and modifiers.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Key {
    /// The key.
    pub code: KeyCode,
    /// Ctrl, Alt, Shift.
    pub mods: KeyModifiers,
}

const fn k(code: KeyCode) -> Key {
    Key {
        code,
        mods: KeyModifiers::NONE,
    }
}

const fn ctrl(c: char) -> Key {
    Key {
        code: KeyCode::Char(c),
        mods: KeyModifiers::CONTROL,
    }
}

const fn ch(c: char) -> Key {
    k(KeyCode::Char(c))
}

/// One binding: keys, command, context, and the words for footer and help.
pub struct Binding {
    /// The keys, the first one shown in the footer.
    pub keys: &'static [Key],
    /// What they do.
    pub cmd: Cmd,
    /// Where.
    pub context: Context,
    /// Shown in the footer (otherwise only in help).
    pub footer: bool,
}

impl Binding {
    /// The label in a language (the words live in `i18n`).
    pub fn label(&self, lang: Lang) -> &'static str {
        crate::i18n::cmd_label(lang, self.context, self.cmd)
    }

    /// The keys as the footer writes them: the first one ("^S"), or the pair of a
    /// choice ("←/→").
    pub fn footer_keys(&self, lang: Lang) -> String {
        let shown = if self.cmd == Choose { 2 } else { 1 };
        self.keys
            .iter()
            .take(shown)
            .map(|k| key_name(lang, k))
            .collect::<Vec<_>>()
            .join("/")
    }
}

use Cmd::*;
use Context::*;

macro_rules! b {
    ($ctx:expr, $footer:expr, [$($key:expr),+], $cmd:expr) => {
        Binding { keys: &[$($key),+], cmd: $cmd, context: $ctx, footer: $footer }
    };
}

/// Every binding, in the order help lists them.
pub static BINDINGS: &[Binding] = &[
    b!(Global, true, [ctrl('s')], Save),
    b!(Global, true, [ctrl('n')], NextStep),
    b!(Global, true, [ctrl('p')], PrevStep),
    b!(Global, true, [ctrl('g')], Jump),
    b!(Global, true, [ctrl('e')], Findings),
    b!(Global, false, [ctrl('x')], Export),
    b!(Global, false, [ctrl('o'), k(KeyCode::F(6))], ToggleFocus),
    b!(Global, true, [ctrl('q'), ctrl('c')], Quit),
    b!(Global, false, [k(KeyCode::F(1))], Help),
    b!(Global, false, [ctrl('l')], Redraw),
    b!(Global, false, [ctrl('z')], Undo),
    b!(Global, false, [ctrl('y')], Redo),
    b!(Global, false, [ctrl('r')], Explain),
    b!(Global, true, [ctrl('t')], InputMethod),
    b!(Outline, true, [k(KeyCode::Enter), k(KeyCode::Right)], Enter),
    b!(Outline, false, [k(KeyCode::Up)], Up),
    b!(Outline, false, [k(KeyCode::Down)], Down),
    b!(Outline, true, [ch('?')], Help),
    b!(Text, true, [k(KeyCode::Tab)], NextField),
    b!(Text, false, [k(KeyCode::BackTab)], PrevField),
    b!(Text, true, [ctrl('k')], NothingToReport),
    b!(Text, true, [k(KeyCode::Esc)], Back),
    b!(Grid, true, [k(KeyCode::Enter), k(KeyCode::F(2))], Enter),
    b!(
        Grid,
        true,
        [k(KeyCode::Delete), k(KeyCode::Backspace)],
        ClearCell
    ),
    b!(Grid, false, [k(KeyCode::Tab)], NextField),
    b!(Grid, false, [k(KeyCode::BackTab)], PrevField),
    b!(Grid, false, [k(KeyCode::Up)], Up),
    b!(Grid, false, [k(KeyCode::Down)], Down),
    b!(Grid, false, [k(KeyCode::Left)], Left),
    b!(Grid, false, [k(KeyCode::Right)], Right),
    b!(Grid, false, [k(KeyCode::PageUp)], PageUp),
    b!(Grid, false, [k(KeyCode::PageDown)], PageDown),
    b!(Grid, false, [k(KeyCode::Home)], Home),
    b!(Grid, false, [k(KeyCode::End)], End),
    b!(Grid, true, [ctrl('a')], AddRow),
    b!(Grid, true, [ctrl('d')], DeleteRow),
    b!(Grid, false, [ctrl('u')], RowUp),
    b!(Grid, false, [ctrl('b')], RowDown),
    b!(Grid, false, [ctrl('k')], NothingToReport),
    b!(Grid, false, [ctrl('w')], ToggleTree),
    b!(Grid, true, [ch('?')], Help),
    b!(Grid, false, [k(KeyCode::Esc)], Back),
    b!(CellEdit, true, [k(KeyCode::Enter)], Enter),
    b!(CellEdit, true, [k(KeyCode::Tab)], NextField),
    b!(CellEdit, false, [k(KeyCode::BackTab)], PrevField),
    b!(CellEdit, true, [k(KeyCode::Esc)], Back),
    b!(CellEdit, false, [ctrl('z')], Undo),
    b!(CellEdit, false, [ctrl('y')], Redo),
    b!(Start, true, [k(KeyCode::Enter)], Enter),
    b!(Start, true, [ch('n'), ctrl('a')], New),
    b!(Start, true, [ch('c')], Duplicate),
    b!(Start, true, [ch('x'), k(KeyCode::Delete)], Delete),
    b!(Start, false, [k(KeyCode::Up)], Up),
    b!(Start, false, [k(KeyCode::Down)], Down),
    b!(Start, true, [ch('?'), k(KeyCode::F(1))], Help),
    b!(Start, true, [ch('q'), ctrl('q'), ctrl('c')], Quit),
    b!(Form, true, [k(KeyCode::Tab), k(KeyCode::Down)], NextField),
    b!(
        Form,
        false,
        [k(KeyCode::BackTab), k(KeyCode::Up)],
        PrevField
    ),
    b!(Form, true, [k(KeyCode::Enter)], Enter),
    b!(Form, true, [ctrl('s')], Save),
    b!(Form, true, [ctrl('t')], InputMethod),
    b!(Form, true, [k(KeyCode::Esc)], Back),
    // Taken by the field itself (see `Fields::handles`); listed for the footer and help.
    b!(
        Choice,
        true,
        [k(KeyCode::Left), k(KeyCode::Right), ch(' ')],
        Choose
    ),
    b!(Review, true, [ctrl('x')], Export),
    b!(Review, true, [k(KeyCode::Enter)], Enter),
    b!(Review, false, [k(KeyCode::Up)], Up),
    b!(Review, false, [k(KeyCode::Down)], Down),
    b!(Review, true, [k(KeyCode::Esc)], Back),
    b!(Review, false, [ch('?')], Help),
    b!(Prompt, true, [k(KeyCode::Enter)], Enter),
    b!(Prompt, true, [k(KeyCode::Esc)], Back),
    b!(
        ExportDialog,
        true,
        [k(KeyCode::Tab), k(KeyCode::Down)],
        NextField
    ),
    b!(
        ExportDialog,
        false,
        [k(KeyCode::BackTab), k(KeyCode::Up)],
        PrevField
    ),
    b!(ExportDialog, true, [k(KeyCode::Enter)], Enter),
    b!(ExportDialog, true, [ctrl('e')], Findings),
    b!(ExportDialog, true, [k(KeyCode::Esc)], Back),
    b!(List, true, [k(KeyCode::Enter)], Enter),
    b!(List, false, [k(KeyCode::Up)], Up),
    b!(List, false, [k(KeyCode::Down)], Down),
    b!(List, false, [k(KeyCode::PageUp)], PageUp),
    b!(List, false, [k(KeyCode::PageDown)], PageDown),
    b!(List, true, [ch('g'), ctrl('r')], Explain),
    b!(List, false, [k(KeyCode::Home)], Home),
    b!(List, false, [k(KeyCode::End)], End),
    b!(List, true, [k(KeyCode::Esc)], Back),
    b!(List, false, [ch('?')], Help),
    b!(Dialog, true, [k(KeyCode::Esc), k(KeyCode::Enter)], Back),
    b!(Dialog, true, [k(KeyCode::Up)], Up),
    b!(Dialog, true, [k(KeyCode::Down)], Down),
    b!(Dialog, false, [k(KeyCode::PageUp)], PageUp),
    b!(Dialog, false, [k(KeyCode::PageDown)], PageDown),
];

/// The command bound to a key in a context (the context's own bindings first, then
/// the global ones when `with_global`).
pub fn lookup(context: Context, key: &KeyEvent, with_global: bool) -> Option<Cmd> {
    let want = normalize(key);
    let find = |ctx: Context| {
        BINDINGS
            .iter()
            .filter(|b| b.context == ctx)
            .find(|b| b.keys.contains(&want))
            .map(|b| b.cmd)
    };
    find(context).or_else(|| if with_global { find(Global) } else { None })
}

/// Shift is part of the character for printable keys ('?' is Shift-/), and some
/// terminals send BackTab with Shift: compare without it.
fn normalize(key: &KeyEvent) -> Key {
    let mut mods = key.modifiers;
    if matches!(key.code, KeyCode::Char(_) | KeyCode::BackTab) {
        mods.remove(KeyModifiers::SHIFT);
    }
    let code = match key.code {
        KeyCode::Char(c) if mods.contains(KeyModifiers::CONTROL) => {
            KeyCode::Char(c.to_ascii_lowercase())
        }
        other => other,
    };
    Key { code, mods }
}

/// How a key is written in the footer and help: "Ctrl-S", "F1", "Enter".
pub fn key_name(lang: Lang, key: &Key) -> String {
    let base = match key.code {
        KeyCode::Char(' ') => crate::i18n::space_key(lang).to_string(),
        KeyCode::Char(c) => c.to_ascii_uppercase().to_string(),
        KeyCode::F(n) => format!("F{n}"),
        KeyCode::Enter => "Enter".into(),
        KeyCode::Esc => "Esc".into(),
        KeyCode::Tab => "Tab".into(),
        KeyCode::BackTab => "Shift-Tab".into(),
        KeyCode::Up => "↑".into(),
        KeyCode::Down => "↓".into(),
        KeyCode::Left => "←".into(),
        KeyCode::Right => "→".into(),
        KeyCode::PageUp => "PgUp".into(),
        KeyCode::PageDown => "PgDn".into(),
        KeyCode::Home => "Home".into(),
        KeyCode::End => "End".into(),
        KeyCode::Delete => "Del".into(),
        KeyCode::Backspace => "Backspace".into(),
        other => format!("{other:?}"),
    };
    if key.mods.contains(KeyModifiers::CONTROL) {
        format!("^{base}")
    } else if matches!(key.code, KeyCode::Char(_)) {
        base.to_lowercase()
    } else {
        base
    }
}

/// The footer bindings of a context, followed by the global ones when `in_draft`:
/// the keys of the pane the user is in come first, so a narrow footer shows them. On a
/// choice field (`choice`) its own keys come before the context's.
pub fn footer(
    context: Context,
    in_draft: bool,
    choice: bool,
) -> impl Iterator<Item = &'static Binding> {
    let field = BINDINGS
        .iter()
        .filter(move |b| choice && b.footer && b.context == Choice);
    let own = BINDINGS
        .iter()
        .filter(move |b| b.footer && b.context == context);
    let global = BINDINGS
        .iter()
        .filter(move |b| in_draft && b.footer && b.context == Global);
    field.chain(own).chain(global)
}
