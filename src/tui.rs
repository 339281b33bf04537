//! The wizard's event loop: sets the terminal up (raw mode, alternate screen,
//! bracketed paste) and puts it back; reads the terminal on its own thread and saves on
//! another, so that neither typing nor a slow disk waits for the other; draws only when
//! the state changed; publishes every change to the [`Guard`] so that a signal, a
//! hang-up or a panic can still save it.

pub mod backend;
pub mod safety;
mod writer;

use std::io::IsTerminal;
use std::process::ExitCode;
use std::sync::mpsc::{self, Receiver, RecvTimeoutError, Sender};
use std::thread;
use std::time::{Duration, Instant};

use ratatui::Terminal;
use ratatui::crossterm::event::{self, EnableBracketedPaste, Event};
use ratatui::crossterm::execute;
use ratatui::crossterm::terminal::EnterAlternateScreen;
use ratatui::layout::Size;

use backend::LeanBackend;
use writer::TermWriter;

use crate::app::perform::{SaveJob, SaverMsg};
use crate::app::{Action, App, Effect, Performer, perform};
use crate::cli::{Env, Failure};
use crate::guard::Guard;
use crate::i18n;

/// Opens the wizard on a draft (by name or path), or on the start screen.
pub fn run(env: &Env, draft: Option<&str>, goto: Option<&str>) -> Result<ExitCode, Failure> {
    if !std::io::stdin().is_terminal() || !std::io::stdout().is_terminal() {
        return Err(Failure {
            message: i18n::needs_terminal(env.lang).to_string(),
        });
    }
    // A terminal that cannot place the cursor (TERM=dumb, an editor's shell buffer,
    // a serial console set up without a type) would show escape codes as text.
    let term = std::env::var("TERM").unwrap_or_default();
    if matches!(term.trim(), "" | "dumb" | "unknown") {
        return Err(Failure {
            message: i18n::dumb_terminal(env.lang, &term),
        });
    }
    let utf8 = crate::ui::glyphs::utf8_locale();
    crate::ui::glyphs::use_ascii(env.ascii || !utf8);
    let settings = env.store.settings();
    let first_run = !settings.welcomed;
    let (tx, rx) = mpsc::channel::<Action>();
    let mut terminal = init(tx.clone()).map_err(|e| Failure {
        message: e.to_string(),
    })?;
    safety::install(env.lang);
    safety::install_panic_hook(env.lang);
    let size = terminal
        .size()
        .map(|s| (s.width, s.height))
        .unwrap_or((80, 24));

    spawn_input(tx.clone());
    spawn_resize_watch(tx.clone());
    let saver = spawn_saver(env.lang, tx.clone());
    let performer = Performer {
        store: env.store.clone(),
        lang: env.lang,
        saver: Some(saver),
        background: Some(tx),
    };

    let (mut app, mut effects) = App::new(env.lang, env.template.clone(), size, first_run);
    if draft.is_some() {
        // Straight into a draft: the start screen's list (every draft read and checked)
        // is not needed.
        effects.retain(|e| *e != Effect::List);
    }
    if !utf8 {
        // Said in plain words at once: typed Vietnamese would otherwise lose letters.
        app.modal = Some(crate::app::Modal::Notice {
            text: i18n::not_utf8(env.lang, &locale_name()),
        });
    }
    // Drafts are private: a folder open to others that cannot be closed is said at
    // once, before anything is typed into it.
    if let Err(e) = env.store.ensure()
        && app.modal.is_none()
    {
        app.modal = Some(crate::app::Modal::Notice {
            text: i18n::store_error(env.lang, &e),
        });
    }
    app.typing = crate::ime::Typing {
        method: settings.input_method,
        modern: settings.modern_accents,
    };
    // The last export's folder, while it still exists.
    app.last_export = settings
        .export_format
        .zip(settings.export_folder.clone())
        .filter(|(_, dir)| dir.is_dir());
    let mut queue: Vec<Action> = Vec::new();
    for e in effects {
        queue.extend(perform(&performer, &app.template, e));
    }
    if let Some(name) = draft {
        queue.extend(perform(
            &performer,
            &app.template,
            Effect::Open {
                name: name.to_string(),
                goto: goto.map(str::to_string),
                mode: Default::default(),
            },
        ));
    }

    let result = event_loop(&mut terminal, &mut app, &performer, &rx, queue);
    let unsaved = app
        .wizard()
        .is_some_and(|w| !w.read_only && !w.save.is_clean());
    if result.is_err() || unsaved {
        // The terminal failed under us (a dead or broken link): save before anything
        // touches it again.
        let _ = Guard::global().emergency();
    }
    // The last frame reaches the terminal before it is put back (not forever).
    terminal.backend().writer().drain(Duration::from_secs(1));
    safety::restore_terminal();
    result.map(|()| ExitCode::SUCCESS).map_err(|e| Failure {
        message: e.to_string(),
    })
}

/// The wizard's terminal: raw mode, alternate screen, bracketed paste, lean output
/// written by a thread of its own.
type Term = Terminal<LeanBackend<TermWriter>>;

fn init(events: Sender<Action>) -> std::io::Result<Term> {
    ratatui::crossterm::terminal::enable_raw_mode()?;
    execute!(
        std::io::stdout(),
        EnterAlternateScreen,
        EnableBracketedPaste
    )?;
    let (w, h) = ratatui::crossterm::terminal::size().unwrap_or((80, 24));
    Terminal::new(LeanBackend::new(TermWriter::spawn(events), Size::new(w, h)))
}

fn event_loop(
    terminal: &mut Term,
    app: &mut App,
    performer: &Performer,
    rx: &Receiver<Action>,
    mut queue: Vec<Action>,
) -> std::io::Result<()> {
    let mut applied: u64 = 0;
    let mut publisher = Publisher::default();
    loop {
        // Everything already known is applied before drawing once.
        while !queue.is_empty() {
            let action = queue.remove(0);
            if matches!(action, Action::Key(_) | Action::Paste(_)) {
                applied += 1;
            }
            // Quick resizes arrive coalesced, sometimes with an old size: ask the
            // terminal what it is now.
            let action = match action {
                Action::Resize(w, h) => {
                    let (w, h) = ratatui::crossterm::terminal::size().unwrap_or((w, h));
                    Action::Resize(w, h)
                }
                other => other,
            };
            if let Action::Resize(w, h) = action {
                terminal.backend_mut().resized(Size::new(w, h));
                // Several quick resizes arrive as one, possibly of the old size, after
                // the terminal has wiped or reflowed the screen: repaint everything.
                terminal.clear()?;
            }
            for effect in app.update(action, Instant::now()) {
                if effect == Effect::Redraw {
                    terminal.clear()?;
                    app.dirty = true;
                } else {
                    queue.extend(perform(performer, &app.template, effect));
                }
            }
        }
        publisher.publish(app, performer);
        Guard::global().applied(applied);
        if app.quit {
            return Ok(());
        }
        // With frames piling up unwritten (a stalled link), drawing waits: keys are
        // still applied and saved, and the writer thread says when it has caught up.
        if app.dirty && terminal.backend().writer().pending() < writer::STALLED {
            terminal.draw(|f| crate::ui::render(app, f))?;
            app.dirty = false;
        }
        // While the screen says the terminal is too small, look at its size now and
        // then: a resize signal can be lost in a storm of them (crossterm reads one
        // event per wake-up), and the user must not be told to resize a fine terminal.
        let too_small = !crate::layout::fits(app.size);
        let deadline = match (app.next_deadline(), too_small) {
            (d, false) => d,
            (Some(d), true) => Some(d.min(Instant::now() + Duration::from_millis(500))),
            (None, true) => Some(Instant::now() + Duration::from_millis(500)),
        };
        let deadline = match (deadline, publisher.due()) {
            (Some(a), Some(b)) => Some(a.min(b)),
            (a, b) => a.or(b),
        };
        let next = match deadline {
            Some(at) => match rx.recv_timeout(at.saturating_duration_since(Instant::now())) {
                Ok(a) => a,
                Err(RecvTimeoutError::Timeout) => match ratatui::crossterm::terminal::size() {
                    Ok(real) if too_small && real != app.size => Action::Resize(real.0, real.1),
                    _ => Action::Tick,
                },
                Err(RecvTimeoutError::Disconnected) => return Ok(()),
            },
            None => match rx.recv() {
                Ok(a) => a,
                Err(_) => return Ok(()),
            },
        };
        if test_panic(&next) {
            panic!("test panic (BAOCAO_TEST_PANIC, F12)");
        }
        queue.push(next);
    }
}

/// For the fault tests only: with `BAOCAO_TEST_PANIC` set, F12 panics the UI thread.
fn test_panic(action: &Action) -> bool {
    matches!(action, Action::Key(k) if k.code == ratatui::crossterm::event::KeyCode::F(12))
        && std::env::var_os("BAOCAO_TEST_PANIC").is_some()
}

/// A draft with more table rows than [`BIG_DRAFT_ROWS`] is handed to the guard at most every
/// [`PUBLISH_EVERY`]: the guard's copy shares the rows, and the next edit of a shared
/// table copies its list of rows, which for a consolidated report of thousands of rows
/// would cost more than the key itself. An emergency copy then lacks at most that much
/// typing (the promise allows 2 s).
const PUBLISH_EVERY: Duration = Duration::from_millis(300);

/// A draft with more table rows than this (a province's consolidated report) is a
/// very large one for the guard (see [`PUBLISH_EVERY`]).
const BIG_DRAFT_ROWS: usize = 2000;

/// When the open draft was last handed to the guard, and whether a change waits.
#[derive(Default)]
struct Publisher {
    last: Option<Instant>,
    waiting: bool,
}

impl Publisher {
    /// When a waiting change must be handed over.
    fn due(&self) -> Option<Instant> {
        self.waiting
            .then(|| self.last.map_or_else(Instant::now, |l| l + PUBLISH_EVERY))
    }

    /// Hands the open draft's latest state to the guard (the guard skips a generation
    /// it already has), at once for ordinary drafts.
    fn publish(&mut self, app: &App, performer: &Performer) {
        let g = Guard::global();
        let Some(w) = app.wizard() else {
            g.closed();
            return;
        };
        if w.read_only {
            return;
        }
        let rows: usize = w.draft.tables.values().map(|t| t.rows.len()).sum();
        let now = Instant::now();
        if rows > BIG_DRAFT_ROWS && self.last.is_some_and(|l| now < l + PUBLISH_EVERY) {
            self.waiting = true;
            return;
        }
        self.waiting = false;
        if g.publish(&w.path, &w.draft, w.save.generation) {
            self.last = Some(now);
            if let Some(tx) = &performer.saver {
                let _ = tx.send(SaverMsg::Changed);
            }
        }
    }
}

/// Reads the terminal and forwards what matters: key presses, pastes, resizes.
fn spawn_input(tx: Sender<Action>) {
    thread::spawn(move || {
        loop {
            let action = match event::read() {
                Ok(Event::Key(k)) => {
                    Guard::global().received();
                    Action::Key(k)
                }
                Ok(Event::Paste(s)) => {
                    Guard::global().received();
                    let (text, resizes) = rest_of_paste(s);
                    for r in resizes {
                        if tx.send(r).is_err() {
                            return;
                        }
                    }
                    Action::Paste(text)
                }
                Ok(Event::Resize(w, h)) => Action::Resize(w, h),
                Ok(_) => continue,
                Err(_) => return,
            };
            if tx.send(action).is_err() {
                return;
            }
        }
    });
}

/// A pasted text may itself hold an end-of-paste marker: the terminal then ends the
/// paste there, and what follows in the same read would arrive as keys (Ctrl-K marking
/// a section «Không phát sinh», say). Whatever is already waiting when a paste ends
/// came with it, so it is the paste's text: letters, line breaks and tabs are added
/// to it, other keys are dropped, never acted on. Returns the whole text and any
/// resizes met on the way (passed on as they are).
fn rest_of_paste(mut text: String) -> (String, Vec<Action>) {
    use ratatui::crossterm::event::{KeyCode, KeyEventKind, KeyModifiers};
    let mut resizes = Vec::new();
    while matches!(event::poll(Duration::ZERO), Ok(true)) {
        match event::read() {
            Ok(Event::Paste(more)) => text.push_str(&more),
            Ok(Event::Key(k)) if k.kind != KeyEventKind::Release => {
                let plain = !k
                    .modifiers
                    .intersects(KeyModifiers::CONTROL | KeyModifiers::ALT);
                match k.code {
                    KeyCode::Char(c) if plain => text.push(c),
                    KeyCode::Enter => text.push('\n'),
                    KeyCode::Tab => text.push('\t'),
                    _ => {}
                }
            }
            Ok(Event::Resize(w, h)) => resizes.push(Action::Resize(w, h)),
            Ok(_) => {}
            Err(_) => break,
        }
    }
    (text, resizes)
}

/// Watches SIGWINCH itself and reports every resize: crossterm 0.29 can drop resize
/// events in a storm of them, and a terminal that shrank and grew back has wiped what
/// it showed, so a lost event would leave parts of the screen blank (only changed
/// cells are sent). The loop asks the terminal its real size and repaints everything.
/// Blocks while nothing happens: no wake-ups.
fn spawn_resize_watch(tx: Sender<Action>) {
    let Ok(mut signals) = signal_hook::iterator::Signals::new([signal_hook::consts::SIGWINCH])
    else {
        return;
    };
    thread::spawn(move || {
        for _ in signals.forever() {
            let (w, h) = ratatui::crossterm::terminal::size().unwrap_or((0, 0));
            if tx.send(Action::Resize(w, h)).is_err() {
                return;
            }
        }
    });
}

/// Writes drafts off the UI thread and reports back. While a change is not on disk
/// it also watches the clock: when the UI thread has not asked for a save of a change
/// 1.5 s old (it may be stuck drawing to a stalled link), it saves the published state
/// by itself. With everything saved it sleeps until told of a change.
fn spawn_saver(lang: i18n::Lang, tx: Sender<Action>) -> Sender<SaverMsg> {
    let (jobs, rx) = mpsc::channel::<SaverMsg>();
    thread::spawn(move || {
        let guard = Guard::global();
        let mut pending = false;
        loop {
            let msg = if pending {
                rx.recv_timeout(Duration::from_millis(500))
            } else {
                rx.recv().map_err(|_| RecvTimeoutError::Disconnected)
            };
            let action = match msg {
                Ok(SaverMsg::Save(job)) => Some(crate::app::perform::run_save(lang, &job)),
                Ok(SaverMsg::Changed) => None,
                Err(RecvTimeoutError::Timeout) => {
                    guard
                        .stale(Duration::from_millis(1500))
                        .map(|(path, draft, generation)| {
                            crate::app::perform::run_save(
                                lang,
                                &SaveJob {
                                    path,
                                    draft: Box::new(draft),
                                    generation,
                                    replace: false,
                                },
                            )
                        })
                }
                Err(RecvTimeoutError::Disconnected) => return,
            };
            pending = guard.unsaved();
            if let Some(a) = action
                && tx.send(a).is_err()
            {
                return;
            }
        }
    });
    jobs
}

/// The locale setting in force, for the message about UTF-8.
fn locale_name() -> String {
    ["LC_ALL", "LC_CTYPE", "LANG"]
        .iter()
        .find_map(|v| {
            std::env::var(v)
                .ok()
                .filter(|s| !s.is_empty())
                .map(|s| format!("{v}={s}"))
        })
        .unwrap_or_else(|| "LANG=(trống)".to_string())
}
