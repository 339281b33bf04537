//! Dialogs over the screen: welcome, help, the list of findings, the jump prompt, a
//! name prompt, the export dialog, confirmations, and the editor of a long table cell. A dialog takes
//! every key until it closes.

use std::path::PathBuf;
use std::time::Instant;

use ratatui::crossterm::event::{KeyCode, KeyEvent};

use super::editor::Editor;
use super::history::CellChange;
use super::keymap::{self, Cmd, Context};
use super::{App, Effect, Screen, Status};
use crate::draft::RowRef;
use crate::export::Format;
use crate::i18n;

/// A dialog.
#[derive(Debug)]
pub enum Modal {
    /// First-run explanation of the flow and the keys that matter.
    Welcome,
    /// A message to read (the terminal is not UTF-8, …); any of Enter/Esc closes it.
    Notice {
        /// The text.
        text: String,
    },
    /// Every key binding, from the binding table.
    Help {
        /// First line shown.
        scroll: usize,
    },
    /// All findings grouped by step; Enter jumps to one.
    Findings {
        /// The selected finding (index into the sorted list).
        selected: usize,
        /// The dialog it was opened from, back on Esc (the export dialog).
        back: Option<Box<Modal>>,
    },
    /// "Go to step": type an id (i.1, ii.2, pl1 …).
    Jump {
        /// What was typed.
        editor: Editor,
    },
    /// A note explaining a warning («giải trình»).
    Explain {
        /// The warning's key ([`crate::rules::Finding::key`]).
        key: String,
        /// Its step and place as shown, for the undo history.
        step: String,
        /// Its place as shown.
        label: String,
        /// The note.
        editor: Editor,
        /// The dialog to go back to when the prompt closes (the findings list).
        back: Option<Box<Modal>>,
    },
    /// A new name for a copy of a draft.
    Duplicate {
        /// The draft to copy.
        from: PathBuf,
        /// The name typed.
        editor: Editor,
    },
    /// A yes/no question.
    Confirm(Confirm),
    /// Where to save a copy of the draft (when it cannot be saved in its place).
    SaveAs {
        /// The path typed.
        editor: Editor,
        /// What follows the copy.
        then: super::AfterCopy,
    },
    /// A draft did not open at once: locked, leftovers found, or broken.
    Hitch {
        /// What is in the way.
        hitch: super::opening::Hitch,
        /// The highlighted choice.
        selected: usize,
    },
    /// Export the report: a format and a path.
    Export {
        /// The chosen format.
        format: Format,
        /// The path typed.
        editor: Editor,
        /// Why the last try failed (the dialog stays open to fix the path).
        error: Option<String>,
    },
    /// A long text cell (Phụ lục 2 cause, Phụ lục 4 descriptions), edited in a box.
    LongText {
        /// Table id.
        table: String,
        /// Row.
        row: RowRef,
        /// Column id.
        col: String,
        /// The text.
        editor: Editor,
        /// What was there before (Esc puts it back).
        original: String,
    },
}

/// What a confirmation is about.
#[derive(Debug, Clone, PartialEq)]
pub enum Confirm {
    /// Move a draft to the trash.
    Trash {
        /// The draft.
        path: PathBuf,
        /// Its name.
        name: String,
    },
    /// Delete a table row.
    DeleteRow {
        /// Table id.
        table: String,
        /// The row.
        row: RowRef,
        /// Its name, for the question.
        label: String,
    },
    /// Quit although the last changes could not be saved.
    QuitUnsaved {
        /// What the OS said.
        error: String,
        /// Where the emergency copy will be written on quitting; `None` when no
        /// private place can be written (quitting then loses the changes).
        place: Option<PathBuf>,
    },
    /// Leave the new-draft form, dropping what was typed in it.
    DiscardForm,
    /// Replace a file with a new export.
    Overwrite {
        /// The file.
        path: PathBuf,
        /// The export's format.
        format: Format,
    },
}

impl Modal {
    /// The duplicate prompt with a suggested name.
    pub fn duplicate(from: PathBuf, name: &str) -> Modal {
        Modal::Duplicate {
            from,
            editor: Editor::new(&format!("{name}-2"), true),
        }
    }

    /// The export dialog on `path` in `format`, saying why the last try failed if it
    /// did.
    pub fn export(format: Format, path: &str, error: Option<String>) -> Modal {
        Modal::Export {
            format,
            editor: Editor::new(path, true),
            error,
        }
    }

    /// Which bindings apply inside it.
    pub fn context(&self) -> Context {
        match self {
            // The same keys as a number cell being edited.
            Modal::LongText { .. } => Context::CellEdit,
            Modal::Jump { .. }
            | Modal::Duplicate { .. }
            | Modal::SaveAs { .. }
            | Modal::Explain { .. } => Context::Prompt,
            Modal::Export { .. } => Context::ExportDialog,
            Modal::Help { .. } | Modal::Welcome | Modal::Notice { .. } => Context::Dialog,
            _ => Context::List,
        }
    }

    /// A paste goes into the dialog's editor, if it has one.
    pub fn paste(&mut self, text: &str) {
        if let Modal::Export { format, editor, .. } = self {
            editor.insert(text);
            super::export::follow_extension(format, &editor.text());
            return;
        }
        match self {
            Modal::Jump { editor }
            | Modal::Duplicate { editor, .. }
            | Modal::SaveAs { editor, .. }
            | Modal::Explain { editor, .. }
            | Modal::LongText { editor, .. } => {
                editor.insert(text);
            }
            _ => {}
        }
    }
}

/// A one-line prompt: Enter gives its text to `submit`, Esc closes it, other keys edit
/// it. Returns whether it stays open.
fn prompt(
    editor: &mut Editor,
    key: &KeyEvent,
    cmd: Option<Cmd>,
    submit: impl FnOnce(String),
) -> bool {
    match cmd {
        Some(Cmd::Enter) => {
            submit(editor.text());
            false
        }
        Some(Cmd::Back) => false,
        _ => {
            editor.key(key);
            true
        }
    }
}

/// Moves a selection or scroll position by a line or a page, within `0..len`; returns
/// whether the dialog stays open (any other key closes it).
fn move_in_list(pos: &mut usize, cmd: Option<Cmd>, len: usize) -> bool {
    let last = len.saturating_sub(1);
    match cmd {
        Some(Cmd::Up) => *pos = pos.saturating_sub(1),
        Some(Cmd::Down) => *pos = (*pos + 1).min(last),
        Some(Cmd::PageUp) => *pos = pos.saturating_sub(10),
        Some(Cmd::PageDown) => *pos = (*pos + 10).min(last),
        Some(Cmd::Home) => *pos = 0,
        Some(Cmd::End) => *pos = last,
        _ => return false,
    }
    true
}

fn yes(key: &KeyEvent) -> bool {
    matches!(
        key.code,
        KeyCode::Enter | KeyCode::Char('c' | 'C' | 'y' | 'Y')
    )
}

pub(super) fn key(app: &mut App, key: KeyEvent, now: Instant, effects: &mut Vec<Effect>) {
    let Some(mut modal) = app.modal.take() else {
        return;
    };
    if let Modal::Hitch { hitch, selected } = modal {
        if let Some((hitch, selected)) =
            super::opening::key(app, hitch, selected, key, now, effects)
        {
            app.modal = Some(Modal::Hitch { hitch, selected });
        }
        return;
    }
    let cmd = keymap::lookup(modal.context(), &key, false);
    // The export dialog points to the findings while errors remain.
    if matches!(modal, Modal::Export { .. }) && cmd == Some(Cmd::Findings) {
        app.modal = Some(Modal::Findings {
            selected: 0,
            back: Some(Box::new(modal)),
        });
        return;
    }
    let keep = match &mut modal {
        Modal::Welcome => {
            let close = matches!(key.code, KeyCode::Enter | KeyCode::Esc | KeyCode::Char(' '));
            if close {
                app.first_run = false;
                effects.push(Effect::Welcomed);
            }
            !close
        }
        Modal::Help { scroll } => move_in_list(scroll, cmd, usize::MAX),
        Modal::Notice { .. } => !matches!(key.code, KeyCode::Enter | KeyCode::Esc),
        Modal::Findings { selected, back } => {
            let count = app.wizard().map_or(0, |w| w.eval.findings.len());
            match cmd {
                Some(Cmd::Up | Cmd::Down | Cmd::PageUp | Cmd::PageDown | Cmd::Home | Cmd::End) => {
                    move_in_list(selected, cmd, count)
                }
                Some(Cmd::Enter) => {
                    let sel = *selected;
                    if let Screen::Wizard(w) = &mut app.screen {
                        w.jump_to_finding(&app.template, sel, now);
                    }
                    false
                }
                Some(Cmd::Explain) if app.wizard().is_some_and(|w| w.read_only) => {
                    app.status = Some(Status {
                        text: i18n::read_only_refusal(app.lang).into(),
                        error: true,
                    });
                    true
                }
                Some(Cmd::Explain) => {
                    let sel = *selected;
                    let target = app.wizard().map(|w| {
                        w.order
                            .get(sel)
                            .and_then(|&i| w.eval.findings.get(i))
                            .map(|f| w.explain_target(&app.template, app.lang, f))
                    });
                    match target.flatten() {
                        Some(Ok(mut m)) => {
                            // Back to the list, as it was, after the note.
                            if let Modal::Explain { back: b, .. } = &mut m {
                                *b = Some(Box::new(Modal::Findings {
                                    selected: sel,
                                    back: back.take(),
                                }));
                            }
                            app.modal = Some(m);
                            return;
                        }
                        Some(Err(error)) => {
                            app.status = Some(Status {
                                text: i18n::nothing_to_explain(app.lang, error).into(),
                                error: false,
                            });
                        }
                        None => {}
                    }
                    true
                }
                Some(Cmd::Back) => {
                    // Back to the dialog it came from, as it was left.
                    app.modal = back.take().map(|b| *b);
                    return;
                }
                _ => true,
            }
        }
        Modal::Explain {
            key: fkey,
            step,
            label,
            editor,
            back,
        } => {
            let open = prompt(editor, &key, cmd, |note| {
                if let Screen::Wizard(w) = &mut app.screen {
                    let kept = w.explain(&app.template, fkey, step, label, note, now);
                    app.status = Some(Status {
                        text: i18n::explained(app.lang, kept).into(),
                        error: false,
                    });
                }
            });
            if !open {
                app.modal = back.take().map(|b| *b);
            }
            open
        }
        Modal::Jump { editor } => prompt(editor, &key, cmd, |id| {
            if let Screen::Wizard(w) = &mut app.screen {
                if w.goto(&app.template, &id) {
                    w.save.now(now);
                } else {
                    app.status = Some(Status {
                        text: i18n::unknown_step(app.lang, &id),
                        error: true,
                    });
                }
            }
        }),
        Modal::Duplicate { from, editor } => prompt(editor, &key, cmd, |name| {
            effects.push(Effect::Duplicate {
                from: from.clone(),
                name: name.trim().to_string(),
            });
        }),
        Modal::SaveAs { editor, then } => prompt(editor, &key, cmd, |path| {
            if let Some(w) = app.wizard() {
                effects.push(Effect::SaveCopy {
                    path: PathBuf::from(path.trim()),
                    draft: Box::new(w.draft.clone()),
                    then: *then,
                });
            }
        }),
        Modal::Export {
            format,
            editor,
            error,
        } => match cmd {
            Some(Cmd::NextField | Cmd::PrevField) => {
                let next = format.cycle(cmd == Some(Cmd::NextField));
                let path = super::export::with_extension(&editor.text(), *format, next);
                *editor = Editor::new(&path, true);
                *format = next;
                *error = None;
                true
            }
            Some(Cmd::Enter) => {
                let folder = super::export::folder(&app.last_export);
                let name = app.wizard().map_or("", |w| w.name.as_str());
                let resolved = super::export::resolve(&editor.text(), *format, &folder, name);
                // The written name's extension decides, whatever Tab chose last.
                let format = resolved
                    .as_deref()
                    .and_then(|p| Format::pick(None, p))
                    .unwrap_or(*format);
                let parent = resolved.as_deref().and_then(std::path::Path::parent);
                match resolved {
                    None => {
                        *error = Some(i18n::export_no_name(app.lang).to_string());
                        true
                    }
                    // Said at once, before any work starts.
                    Some(_) if parent.is_some_and(|d| !d.is_dir()) => {
                        let dir = parent.map(std::path::Path::to_path_buf).unwrap_or_default();
                        *error = Some(i18n::export_no_folder(app.lang, &dir));
                        true
                    }
                    // A draft or a device at that path is said before any question.
                    Some(path) => match crate::export::target::check(&path) {
                        Err(why) => {
                            let refused = crate::export::WriteError::Refused(path, why);
                            *error = Some(i18n::export_write_error(app.lang, &refused));
                            true
                        }
                        Ok(()) if path.exists() => {
                            app.modal = Some(Modal::Confirm(Confirm::Overwrite { path, format }));
                            return;
                        }
                        Ok(()) => {
                            export(app, path, format, effects);
                            false
                        }
                    },
                }
            }
            Some(Cmd::Back) => false,
            _ => {
                editor.key(&key);
                super::export::follow_extension(format, &editor.text());
                *error = None;
                true
            }
        },
        Modal::Confirm(Confirm::QuitUnsaved { .. })
            if matches!(key.code, KeyCode::Char('l' | 'L' | 's' | 'S')) =>
        {
            let suggestion = app.wizard().map(save_as_suggestion).unwrap_or_default();
            app.modal = Some(Modal::SaveAs {
                editor: Editor::new(&suggestion, true),
                then: super::AfterCopy::Quit,
            });
            return;
        }
        Modal::Confirm(c) => {
            if yes(&key) {
                confirmed(app, c.clone(), now, effects);
                false
            } else if matches!(
                key.code,
                KeyCode::Esc | KeyCode::Char('k' | 'K' | 'n' | 'N')
            ) {
                // "No" to replacing a file goes back to the export dialog and its path.
                if let Confirm::Overwrite { path, format } = c {
                    app.modal = Some(Modal::export(*format, &path.display().to_string(), None));
                    return;
                }
                false
            } else {
                true
            }
        }
        Modal::Hitch { .. } => false,
        Modal::LongText {
            table,
            row,
            col,
            editor,
            original,
        } => {
            // The keys of any cell being edited: Enter commits and goes down, Tab
            // commits and goes on, Esc puts back what was there (a pasted text keeps
            // its line breaks).
            let close = matches!(
                cmd,
                Some(Cmd::Enter | Cmd::NextField | Cmd::PrevField | Cmd::Back)
            );
            let changed = match cmd {
                Some(Cmd::Undo) => editor.undo(),
                Some(Cmd::Redo) => editor.redo(),
                _ if !close => editor.key_with(&key, app.typing),
                _ => false,
            };
            if let Screen::Wizard(w) = &mut app.screen {
                let t = &app.template;
                if changed {
                    w.set_cell(t, table, row, col, editor.text(), CellChange::Typed, now);
                }
                match cmd {
                    Some(Cmd::Back) => {
                        w.history.seal();
                        let restored = CellChange::Restored;
                        w.set_cell(t, table, row, col, original.clone(), restored, now);
                    }
                    Some(Cmd::Enter) => super::grid::next_below(w, table),
                    Some(Cmd::NextField) => super::grid::next_input(w, t, table, true),
                    Some(Cmd::PrevField) => super::grid::next_input(w, t, table, false),
                    _ => {}
                }
                if close {
                    w.history.seal();
                    super::grid::scroll_into_view(w, t, table, app.size);
                }
            }
            !close
        }
    };
    if keep {
        app.modal = Some(modal);
    }
}

fn confirmed(app: &mut App, c: Confirm, now: Instant, effects: &mut Vec<Effect>) {
    match c {
        Confirm::Trash { path, .. } => effects.push(Effect::Trash { path }),
        Confirm::DeleteRow { table, row, label } => {
            if let Screen::Wizard(w) = &mut app.screen {
                w.delete_row(&app.template, &table, &row, now);
                app.status = Some(Status {
                    text: i18n::row_deleted(app.lang, &label),
                    error: false,
                });
            }
        }
        Confirm::QuitUnsaved { .. } => app.quit = true,
        Confirm::DiscardForm => {
            app.screen = Screen::Start(Default::default());
            effects.push(Effect::List);
        }
        Confirm::Overwrite { path, format } => export(app, path, format, effects),
    }
}

/// Exports the draft as it is now.
fn export(app: &mut App, path: PathBuf, format: Format, effects: &mut Vec<Effect>) {
    app.exports_in_flight += 1;
    app.status = Some(Status {
        text: i18n::exporting(app.lang, &path),
        error: false,
    });
    if let Some(w) = app.wizard() {
        effects.push(Effect::Export {
            path,
            format,
            draft: Box::new(w.draft.clone()),
        });
    }
}

/// A place for a copy: the home folder (when it is the user's own), else the draft's
/// folder, with the draft's name and the time; never a shared folder such as /tmp.
pub(super) fn save_as_suggestion(w: &super::Wizard) -> String {
    let home = std::env::var_os("HOME")
        .map(PathBuf::from)
        .filter(|h| crate::store::recovery::private_folder(h));
    let beside = w.path.parent().map(std::path::Path::to_path_buf);
    let dir = home.or(beside).unwrap_or_default();
    let stamp = crate::localtime::stamp(std::time::SystemTime::now());
    dir.join(format!("{}-{stamp}.ron", w.name))
        .display()
        .to_string()
}
