//! The wizard's state and its one entry point, [`App::update`]: an [`Action`] (a key,
//! a paste, a resize, a timer tick, the result of a save) changes the state and may ask
//! for [`Effect`]s (save, open, create …) that [`perform`] carries out. Nothing here
//! draws or touches the terminal; `ui` reads this state to draw it.

mod columns;
mod editor;
mod export;
mod fields;
pub(crate) mod grid;
pub mod history;
pub mod keymap;
mod modal;
pub mod opening;
pub mod perform;
mod saving;
mod start;
mod wizard;

use std::path::{Path, PathBuf};
use std::time::{Instant, SystemTime};

use ratatui::crossterm::event::{KeyEvent, KeyEventKind};

pub use editor::Editor;
pub use fields::{FieldEditor, FieldKey, FieldKind, Fields, MetaField};
pub use grid::{CellEdit, GridState};
pub use keymap::{Cmd, Context};
pub use modal::{Confirm, Modal};
pub use perform::{Performer, perform};
pub use saving::SaveState;
pub use start::{DraftInfo, StartScreen};
pub use wizard::{Focus, Wizard};

use crate::draft::Draft;
use crate::i18n::Lang;
use crate::template::Template;

/// Something that happened.
#[derive(Debug)]
pub enum Action {
    /// A key press (releases and repeats are dropped before this).
    Key(KeyEvent),
    /// Text pasted with bracketed paste.
    Paste(String),
    /// The terminal changed size.
    Resize(u16, u16),
    /// Time passed (timers: autosave, retries).
    Tick,
    /// A save finished.
    Saved {
        /// Which change count was saved.
        generation: u64,
        /// When it was written, or what the OS said.
        result: Result<SystemTime, String>,
    },
    /// A save found the file changed by someone else and wrote nothing.
    ChangedOnDisk {
        /// The draft.
        path: PathBuf,
        /// Which change count was to be saved.
        generation: u64,
        /// What happened to the file.
        change: crate::store::identity::Change,
    },
    /// The drafts folder was read.
    Listed(Result<Vec<DraftInfo>, String>),
    /// A draft was opened (or could not be).
    Opened(Result<Box<Opened>, String>),
    /// A start-screen operation finished (message to show).
    Done(Result<String, String>),
    /// A draft did not open at once: a choice is needed.
    Hitch(opening::Hitch),
    /// An export was written (with what kept it a draft, if anything), or not.
    Exported {
        /// Where it went, in which format, and how ready it was; or where it was to
        /// go, in which format, and why it failed.
        result: Result<
            (PathBuf, crate::export::Format, crate::export::Readiness),
            (PathBuf, crate::export::Format, String),
        >,
    },
    /// A copy was saved elsewhere (or not).
    CopySaved {
        /// Where, or what the OS said.
        result: Result<PathBuf, String>,
        /// What comes next.
        then: AfterCopy,
    },
}

/// What follows a copy of the draft saved elsewhere.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum AfterCopy {
    /// Quit (the draft itself could not be saved).
    Quit,
    /// Read the draft again from its file (changed by someone else): the user's own
    /// version is now safe in the copy.
    Reload,
}

/// A draft read from disk, ready for the wizard.
#[derive(Debug)]
pub struct Opened {
    /// Its name.
    pub name: String,
    /// Its path.
    pub path: PathBuf,
    /// Its content.
    pub draft: Draft,
    /// When it was last written.
    pub saved: Option<SystemTime>,
    /// Step to open at.
    pub goto: Option<String>,
    /// This session's hold on the draft (none when read-only).
    pub lock: Option<crate::store::lock::DraftLock>,
    /// Opened only to look.
    pub read_only: bool,
    /// Why the draft could not be locked for this session, if it could not.
    pub lock_problem: Option<String>,
}

/// Something to do outside the state: files, the terminal.
#[derive(Debug, Clone, PartialEq)]
pub enum Effect {
    /// Write the draft.
    Save {
        /// Where.
        path: PathBuf,
        /// A snapshot of the draft.
        draft: Box<Draft>,
        /// Its change count.
        generation: u64,
        /// Put it over a file someone else changed (the user chose to keep theirs).
        replace: bool,
    },
    /// Keep the user's version of the draft in the `recovered` folder, then read the
    /// draft again (it was changed by someone else).
    KeepAside {
        /// The draft's name, for the copy's name.
        name: String,
        /// The user's version.
        draft: Box<Draft>,
    },
    /// Clean up stale leftovers (after the user said yes).
    CleanUp {
        /// Files holding an older state or the draft's own: removed.
        remove: Vec<PathBuf>,
        /// Files that do not read: moved to `recovered`, in case a person can read
        /// what a program cannot.
        aside: Vec<PathBuf>,
    },
    /// Read the drafts folder.
    List,
    /// Open a draft by name or path.
    Open {
        /// Name or path.
        name: String,
        /// Step to open at.
        goto: Option<String>,
        /// Normally, read-only, or taking it over.
        mode: opening::OpenMode,
    },
    /// Move leftover files into the `recovered` folder (after the user chose).
    SetAside {
        /// The files.
        paths: Vec<PathBuf>,
    },
    /// Set a broken draft aside and put an earlier generation in its place, then open.
    Restore {
        /// Name or path as asked.
        name: String,
        /// The broken file.
        broken: PathBuf,
        /// The generation to restore.
        from: PathBuf,
        /// Step to open at.
        goto: Option<String>,
    },
    /// Create a new draft and open it.
    Create {
        /// Name.
        name: String,
        /// Content.
        draft: Box<Draft>,
    },
    /// Copy a draft under a new name.
    Duplicate {
        /// From.
        from: PathBuf,
        /// New name.
        name: String,
    },
    /// Move a draft to the trash folder.
    Trash {
        /// The draft.
        path: PathBuf,
    },
    /// Save a copy of the draft elsewhere.
    SaveCopy {
        /// Where.
        path: PathBuf,
        /// What.
        draft: Box<Draft>,
        /// Quit once it is written.
        then: AfterCopy,
    },
    /// Export the report.
    Export {
        /// Where.
        path: PathBuf,
        /// In which format.
        format: crate::export::Format,
        /// A snapshot of the draft.
        draft: Box<Draft>,
    },
    /// Remember that the welcome was shown.
    Welcomed,
    /// Remember the typing method.
    RememberTyping(crate::ime::InputMethod),
    /// Remember where and how the last export went.
    RememberExport(crate::export::Format, PathBuf),
    /// Clear and repaint the whole terminal.
    Redraw,
}

/// What the whole screen shows.
#[derive(Debug)]
pub enum Screen {
    /// The list of drafts.
    Start(StartScreen),
    /// The report information form for a new draft.
    NewDraft(Fields),
    /// A draft open in the wizard.
    Wizard(Box<Wizard>),
}

/// A short message in the status line.
#[derive(Debug, Clone, PartialEq)]
pub struct Status {
    /// The text.
    pub text: String,
    /// Whether it reports a failure.
    pub error: bool,
}

/// The whole state of the program.
pub struct App {
    /// Interface language.
    pub lang: Lang,
    /// The outline.
    pub template: Template,
    /// The screen.
    pub screen: Screen,
    /// A dialog over it.
    pub modal: Option<Modal>,
    /// The last status message.
    pub status: Option<Status>,
    /// Terminal size.
    pub size: (u16, u16),
    /// Set when the program should end.
    pub quit: bool,
    /// Set when the state changed and the screen must be drawn again.
    pub dirty: bool,
    /// Show the welcome on first use.
    pub first_run: bool,
    /// Built-in Vietnamese typing (remembered per user).
    pub typing: crate::ime::Typing,
    /// The format and folder of the last export, suggested for the next one.
    pub last_export: Option<(crate::export::Format, PathBuf)>,
    /// Exports being written on their own threads; quitting waits for them.
    pub exports_in_flight: usize,
}

impl App {
    /// Leaves the open draft and reads `path` (its file again, or a copy of it) at
    /// the same step.
    fn reload_from(&mut self, path: &Path, effects: &mut Vec<Effect>) {
        let Screen::Wizard(w) = &self.screen else {
            return;
        };
        let mut name = path.display().to_string();
        if !name.contains('/') {
            name = format!("./{name}");
        }
        let goto = Some(w.step_id().to_string());
        // The wizard (and its lock) goes first, so the draft can be taken again.
        self.screen = Screen::Start(Default::default());
        effects.push(Effect::Open {
            name,
            goto,
            mode: opening::OpenMode::Normal,
        });
    }
}

/// Whether quitting loses nothing: every change on disk, no save and no export being
/// written (`exports` in flight).
pub(crate) fn nothing_pending(w: &Wizard, exports: usize) -> bool {
    w.save.is_clean() && w.save.in_flight.is_none() && exports == 0
}

impl App {
    /// A new app on the start screen; the caller performs the returned effects.
    pub fn new(
        lang: Lang,
        template: Template,
        size: (u16, u16),
        first_run: bool,
    ) -> (App, Vec<Effect>) {
        let app = App {
            lang,
            template,
            screen: Screen::Start(StartScreen::default()),
            modal: first_run.then_some(Modal::Welcome),
            status: None,
            size,
            quit: false,
            dirty: true,
            first_run,
            typing: crate::ime::Typing::default(),
            last_export: None,
            exports_in_flight: 0,
        };
        (app, vec![Effect::List])
    }

    /// The focus that decides which bindings apply.
    pub fn context(&self) -> Context {
        if let Some(m) = &self.modal {
            return m.context();
        }
        match &self.screen {
            Screen::Start(_) => Context::Start,
            Screen::NewDraft(_) => Context::Form,
            Screen::Wizard(w) => w.context(&self.template),
        }
    }

    /// The wizard, when a draft is open.
    pub fn wizard(&self) -> Option<&Wizard> {
        match &self.screen {
            Screen::Wizard(w) => Some(w),
            _ => None,
        }
    }

    /// When the next timer is due (autosave, retry), if any.
    pub fn next_deadline(&self) -> Option<Instant> {
        let w = self.wizard()?;
        [w.save.due(), w.eval_due, w.message_hold.map(|h| h.0)]
            .into_iter()
            .flatten()
            .min()
    }

    /// Applies one action; returns what must be done outside.
    pub fn update(&mut self, action: Action, now: Instant) -> Vec<Effect> {
        let mut effects = Vec::new();
        match action {
            Action::Key(key) => {
                if key.kind != KeyEventKind::Press {
                    return effects;
                }
                self.dirty = true;
                // A message answers the last key; the next key clears it (save
                // failures stay in the header and message line until saved).
                self.status = None;
                self.key(backspace_as_sent(key), now, &mut effects);
            }
            Action::Paste(text) => {
                self.dirty = true;
                self.paste(&text, now);
            }
            Action::Resize(w, h) => {
                self.size = (w, h);
                self.dirty = true;
            }
            Action::Tick => {}
            Action::Saved { generation, result } => {
                if let Screen::Wizard(w) = &mut self.screen {
                    w.save.finished(generation, result.clone(), now);
                    if w.quit_requested {
                        match &result {
                            Ok(_) if nothing_pending(w, self.exports_in_flight) => self.quit = true,
                            Ok(_) => {}
                            Err(e) => {
                                w.quit_requested = false;
                                self.modal = Some(wizard::quit_question(e.clone(), &w.path));
                            }
                        }
                    }
                }
                if let Err(e) = result {
                    self.status = Some(Status {
                        text: e,
                        error: true,
                    });
                }
                self.dirty = true;
            }
            Action::ChangedOnDisk { change, path, .. } => {
                // About the draft open now (not one left since).
                if let Screen::Wizard(w) = &mut self.screen
                    && w.path == path
                    && !w.read_only
                {
                    let text = crate::i18n::changed_on_disk(self.lang, &w.path, change);
                    w.save.conflicted(change, text.clone());
                    w.quit_requested = false;
                    // Asked at once, unless another dialog is open: then the message
                    // says that Ctrl-S asks.
                    if self.modal.is_none() {
                        self.modal = Some(opening::changed_dialog(w));
                    }
                    self.status = Some(Status { text, error: true });
                }
                self.dirty = true;
            }
            Action::Listed(result) => {
                if let Screen::Start(s) = &mut self.screen {
                    s.listed(result);
                }
                self.dirty = true;
            }
            Action::Opened(Ok(opened)) => {
                let goto = opened.goto.clone();
                if let Some(text) = opened.lock_problem.clone() {
                    self.status = Some(Status { text, error: true });
                }
                let mut w = Wizard::new(&self.template, self.lang, *opened);
                if let Some(from) = w.draft.migrated_from
                    && !w.read_only
                {
                    // Saved in the new format at once; the old file stays as a
                    // generation.
                    w.changed(&self.template, now);
                    w.save.now(now);
                    self.status = Some(Status {
                        text: crate::i18n::migrated(self.lang, from),
                        error: false,
                    });
                }
                if let Some(id) = goto
                    && !w.goto(&self.template, &id)
                {
                    self.status = Some(Status {
                        text: crate::i18n::unknown_step(self.lang, &id),
                        error: true,
                    });
                }
                self.screen = Screen::Wizard(Box::new(w));
                self.dirty = true;
            }
            Action::Opened(Err(e)) | Action::Done(Err(e)) => {
                self.status = Some(Status {
                    text: e,
                    error: true,
                });
                self.dirty = true;
            }
            Action::CopySaved { result, then } => {
                match result {
                    Ok(path) => {
                        let text = match then {
                            AfterCopy::Quit => crate::i18n::copy_saved(self.lang, &path),
                            AfterCopy::Reload => crate::i18n::reloaded_theirs(self.lang, &path),
                        };
                        self.status = Some(Status { text, error: false });
                        match then {
                            AfterCopy::Quit => self.quit = true,
                            // A removed draft has nothing to read again: the session
                            // goes on in the copy.
                            AfterCopy::Reload
                                if self.wizard().is_some_and(|w| !w.path.exists()) =>
                            {
                                self.status = Some(Status {
                                    text: crate::i18n::going_on_in(self.lang, &path),
                                    error: false,
                                });
                                self.reload_from(&path, &mut effects)
                            }
                            AfterCopy::Reload => {
                                let path = self.wizard().map(|w| w.path.clone());
                                if let Some(p) = path {
                                    self.reload_from(&p, &mut effects);
                                }
                            }
                        }
                    }
                    Err(e) => {
                        self.status = Some(Status {
                            text: e,
                            error: true,
                        })
                    }
                }
                self.dirty = true;
            }
            Action::Exported { result } => {
                self.exports_in_flight = self.exports_in_flight.saturating_sub(1);
                if let Screen::Wizard(w) = &self.screen
                    && w.quit_requested
                    && nothing_pending(w, self.exports_in_flight)
                {
                    self.quit = true;
                }
                match result {
                    Ok((path, format, ready)) => {
                        let folder = path.parent().map(Path::to_path_buf).unwrap_or_default();
                        self.last_export = Some((format, folder.clone()));
                        effects.push(Effect::RememberExport(format, folder));
                        self.status = Some(Status {
                            text: crate::i18n::exported_status(self.lang, &path, ready),
                            error: false,
                        });
                    }
                    // The dialog comes back with the path, to fix it or cancel, unless
                    // the user has moved on (another dialog, another screen): then the
                    // status line says it.
                    Err((path, format, why)) if self.modal.is_none() && self.wizard().is_some() => {
                        let path = path.display().to_string();
                        self.modal = Some(Modal::export(format, &path, Some(why)));
                    }
                    Err((_, _, why)) => {
                        self.status = Some(Status {
                            text: why,
                            error: true,
                        });
                    }
                }
                self.dirty = true;
            }
            // Nothing newer, only stale files: the draft opens, and they are asked
            // about over it.
            Action::Hitch(opening::Hitch::Leftovers {
                opened,
                found,
                stale,
            }) if found.is_empty() => {
                effects.extend(self.update(Action::Opened(Ok(opened)), now));
                let hitch = opening::Hitch::Stale { stale };
                self.modal = Some(Modal::Hitch { hitch, selected: 0 });
                self.dirty = true;
            }
            Action::Hitch(hitch) => {
                self.modal = Some(Modal::Hitch { hitch, selected: 0 });
                self.dirty = true;
            }
            Action::Done(Ok(msg)) => {
                self.status = Some(Status {
                    text: msg,
                    error: false,
                });
                effects.push(Effect::List);
                self.dirty = true;
            }
        }
        if let Screen::Wizard(w) = &mut self.screen {
            // Findings owed after a pause in typing in a very large draft, or before
            // anything other than typing in a cell.
            if w.eval_due.is_some_and(|d| d <= now)
                || (w.eval_due.is_some() && w.grid.edit.is_none())
            {
                w.settle(&self.template);
                self.dirty = true;
            }
            if w.message_hold.is_some_and(|h| h.0 <= now) {
                w.message_hold = None;
                self.dirty = true;
            }
            // A read-only session never writes, whatever reached its draft.
            if !w.read_only
                && let Some(e) = w.save.poll(&w.path, &w.draft, now)
            {
                effects.push(e);
            }
        }
        effects
    }

    fn key(&mut self, key: KeyEvent, now: Instant, effects: &mut Vec<Effect>) {
        if self.modal.is_some() {
            modal::key(self, key, now, effects);
            return;
        }
        let ctx = self.context();
        let global = matches!(
            ctx,
            Context::Outline | Context::Text | Context::Grid | Context::CellEdit
        );
        let cmd = keymap::lookup(ctx, &key, global);
        // Commands every screen shares.
        match cmd {
            Some(Cmd::Help) => {
                self.modal = Some(Modal::Help { scroll: 0 });
                return;
            }
            Some(Cmd::Redraw) => {
                effects.push(Effect::Redraw);
                return;
            }
            Some(Cmd::InputMethod) => {
                self.typing.method = self.typing.method.next();
                effects.push(Effect::RememberTyping(self.typing.method));
                return;
            }
            _ => {}
        }
        match &mut self.screen {
            Screen::Start(_) => start::key(self, cmd, effects),
            Screen::NewDraft(_) => start::form_key(self, key, cmd, effects),
            Screen::Wizard(_) => wizard::key(self, key, cmd, now, effects),
        }
    }

    fn paste(&mut self, text: &str, now: Instant) {
        let text = crate::app::editor::clean_paste(text);
        if let Some(m) = &mut self.modal {
            m.paste(&text);
            // A long cell's box writes through to the draft as it changes.
            if let Modal::LongText {
                table,
                row,
                col,
                editor,
                ..
            } = m
                && let Screen::Wizard(w) = &mut self.screen
            {
                let typed = history::CellChange::Typed;
                w.set_cell(&self.template, table, row, col, editor.text(), typed, now);
            }
            return;
        }
        match &mut self.screen {
            Screen::NewDraft(f) => {
                f.paste(&text);
            }
            Screen::Wizard(w) => w.paste(&self.template, &text, now),
            Screen::Start(_) => {}
        }
    }
}

/// ^H is Backspace where the terminal sends it so (a PuTTY setting, some consoles); no
/// binding uses Ctrl-H.
fn backspace_as_sent(key: KeyEvent) -> KeyEvent {
    use ratatui::crossterm::event::{KeyCode, KeyModifiers};
    if key.code == KeyCode::Char('h') && key.modifiers == KeyModifiers::CONTROL {
        KeyEvent::new(KeyCode::Backspace, KeyModifiers::NONE)
    } else {
        key
    }
}
