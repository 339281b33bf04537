//! A test harness that drives the app like a user, without a terminal: key strings in
//! the style of helix's tests ("<tab>1.250<enter>"), a clock the test moves, and a
//! real store in a temporary config folder.

#![allow(dead_code, clippy::unwrap_used, clippy::expect_used)]

#[cfg(unix)]
pub mod pdf;
#[cfg(unix)]
pub mod pty;
#[cfg(unix)]
pub mod users;

use std::path::{Path, PathBuf};
use std::time::{Duration, Instant};

use baocao::app::{Action, App, Effect, Performer, perform};
use baocao::draft::{Draft, Meta, UnitGroup};
use baocao::i18n::Lang;
use baocao::store::Store;
use baocao::template::Template;
use ratatui::crossterm::event::{KeyCode, KeyEvent, KeyModifiers};

/// A sample draft shipped in `sample/`.
pub fn sample(name: &str) -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("sample")
        .join(name)
}

/// The real binary with `config` as its config folder and a Vietnamese UTF-8 locale.
pub fn baocao(config: &Path) -> assert_cmd::Command {
    let mut c = assert_cmd::Command::cargo_bin("baocao").unwrap();
    c.env("XDG_CONFIG_HOME", config)
        .env("LANG", "C.UTF-8")
        .env_remove("LC_ALL");
    c
}

/// `baocao export SRC --to OUT`, ready to run.
pub fn export(config: &Path, src: &Path, out: &Path) -> assert_cmd::Command {
    let mut c = baocao(config);
    c.arg("export").arg(src).arg("--to").arg(out);
    c
}

/// Exports `src` to `out` (its folder as the config folder) and asserts it worked.
pub fn export_ok(src: &Path, out: &Path) {
    export(out.parent().unwrap(), src, out).assert().success();
}

pub struct Harness {
    pub app: App,
    pub performer: Performer,
    pub dir: tempfile::TempDir,
    pub now: Instant,
    pub effects: Vec<Effect>,
}

pub fn template() -> Template {
    Template::builtin().unwrap()
}

impl Harness {
    /// The start screen over an empty config folder.
    pub fn new() -> Harness {
        Harness::sized((80, 24))
    }

    pub fn sized(size: (u16, u16)) -> Harness {
        let dir = tempfile::tempdir().unwrap();
        let store = Store {
            root: dir.path().join("baocao"),
        };
        let performer = Performer {
            store,
            lang: Lang::Vi,
            saver: None,
            background: None,
        };
        let (app, effects) = App::new(Lang::Vi, template(), size, false);
        let mut h = Harness {
            app,
            performer,
            dir,
            now: Instant::now(),
            effects: Vec::new(),
        };
        for e in effects {
            h.perform(e);
        }
        h
    }

    /// The district draft most flows start from: "tp", UBND huyện Tuy Phước, group
    /// III, new and opened (at `goto`).
    pub fn district(goto: Option<&str>) -> Harness {
        Harness::with_draft("tp", "UBND huyện Tuy Phước", UnitGroup::III, goto)
    }

    /// A new draft written to the drafts folder and opened (at `goto`).
    pub fn with_draft(name: &str, unit: &str, group: UnitGroup, goto: Option<&str>) -> Harness {
        let mut h = Harness::new();
        let draft = Draft::new(
            &template(),
            Meta {
                unit: unit.into(),
                group,
                ..Meta::default()
            },
        );
        h.performer.store.create(name, &draft).unwrap();
        h.perform(Effect::Open {
            name: name.into(),
            goto: goto.map(str::to_string),
            mode: Default::default(),
        });
        assert!(h.app.wizard().is_some(), "the draft opened");
        h
    }

    pub fn path(&self, name: &str) -> PathBuf {
        self.performer.store.draft_path(name).unwrap()
    }

    pub fn perform(&mut self, e: Effect) {
        self.effects.push(e.clone());
        for a in perform(&self.performer, &self.app.template, e) {
            self.send(a);
        }
    }

    /// Applies an action and everything it leads to.
    pub fn send(&mut self, a: Action) {
        for e in self.app.update(a, self.now) {
            self.perform(e);
        }
    }

    /// Types a key string: plain characters, and <tab> <s-tab> <enter> <esc> <up>
    /// <down> <left> <right> <home> <end> <pgup> <pgdn> <del> <bs> <f1> <f2> <c-x>.
    pub fn press(&mut self, keys: &str) {
        for k in parse_keys(keys) {
            self.send(Action::Key(k));
        }
    }

    /// Moves the clock and lets timers fire.
    pub fn wait(&mut self, secs: f64) {
        self.now += Duration::from_secs_f64(secs);
        self.send(Action::Tick);
    }

    /// The draft as the wizard holds it.
    /// Opens a draft by name or path at step `goto`, as the start screen would.
    pub fn open_at(&mut self, name: &str, goto: Option<&str>) {
        self.perform(Effect::Open {
            name: name.into(),
            goto: goto.map(str::to_string),
            mode: Default::default(),
        });
    }

    /// Leaves the open draft (its lock goes with it); the config folder stays.
    pub fn close(&mut self) {
        self.app.screen = baocao::app::Screen::Start(Default::default());
    }

    /// A second session on the same config folder.
    pub fn second(&self) -> Harness {
        let mut b = Harness::new();
        b.performer.store = self.performer.store.clone();
        b
    }

    pub fn draft(&self) -> &Draft {
        &self.app.wizard().unwrap().draft
    }
}

pub fn parse_keys(keys: &str) -> Vec<KeyEvent> {
    let mut out = Vec::new();
    let mut chars = keys.chars().peekable();
    while let Some(c) = chars.next() {
        if c == '<' && chars.peek().is_some_and(|n| n.is_ascii_alphanumeric()) {
            let mut name = String::new();
            for n in chars.by_ref() {
                if n == '>' {
                    break;
                }
                name.push(n);
            }
            out.push(named(&name));
        } else {
            out.push(KeyEvent::new(KeyCode::Char(c), KeyModifiers::NONE));
        }
    }
    out
}

fn named(name: &str) -> KeyEvent {
    let plain = |code| KeyEvent::new(code, KeyModifiers::NONE);
    if let Some(c) = name.strip_prefix("c-") {
        let ch = c.chars().next().unwrap();
        return KeyEvent::new(KeyCode::Char(ch), KeyModifiers::CONTROL);
    }
    match name {
        "tab" => plain(KeyCode::Tab),
        "s-tab" => KeyEvent::new(KeyCode::BackTab, KeyModifiers::SHIFT),
        "enter" => plain(KeyCode::Enter),
        "esc" => plain(KeyCode::Esc),
        "up" => plain(KeyCode::Up),
        "down" => plain(KeyCode::Down),
        "left" => plain(KeyCode::Left),
        "right" => plain(KeyCode::Right),
        "home" => plain(KeyCode::Home),
        "end" => plain(KeyCode::End),
        "pgup" => plain(KeyCode::PageUp),
        "pgdn" => plain(KeyCode::PageDown),
        "del" => plain(KeyCode::Delete),
        "bs" => plain(KeyCode::Backspace),
        "f1" => plain(KeyCode::F(1)),
        "f2" => plain(KeyCode::F(2)),
        "lt" => plain(KeyCode::Char('<')),
        other => panic!("unknown key <{other}>"),
    }
}

/// The first line of a screen that contains `needle` ("" when none).
pub fn line_with<'a>(screen: &'a str, needle: &str) -> &'a str {
    screen.lines().find(|l| l.contains(needle)).unwrap_or("")
}

/// The message lines of a wizard screen (the three above the footer), joined with
/// line breaks.
pub fn message_lines(screen: &str) -> String {
    let lines: Vec<&str> = screen.lines().collect();
    lines[lines.len().saturating_sub(4)..lines.len().saturating_sub(1)].join("\n")
}

impl Harness {
    /// The status line's text ("" when none).
    pub fn status(&self) -> String {
        self.app
            .status
            .as_ref()
            .map(|s| s.text.clone())
            .unwrap_or_default()
    }

    /// The message lines under the content, as [`message_lines`].
    pub fn message(&self) -> String {
        message_lines(&self.screen())
    }
}

impl Harness {
    /// Reads the drafts folder again (the start screen's list).
    pub fn perform_list(&mut self) {
        self.perform(Effect::List);
    }
}

impl Harness {
    /// A sample draft from `sample/` copied into the drafts folder and opened.
    pub fn with_sample(sample: &str, goto: Option<&str>, size: (u16, u16)) -> Harness {
        let mut h = Harness::sized(size);
        let from = std::path::Path::new(env!("CARGO_MANIFEST_DIR"))
            .join("sample")
            .join(format!("{sample}.ron"));
        let to = h.path(sample);
        std::fs::create_dir_all(to.parent().unwrap()).unwrap();
        std::fs::copy(from, &to).unwrap();
        h.perform(Effect::Open {
            name: sample.into(),
            goto: goto.map(str::to_string),
            mode: Default::default(),
        });
        assert!(h.app.wizard().is_some(), "{sample} opened");
        h
    }

    /// Draws the app into a test terminal of its size.
    pub fn draw(&self) -> ratatui::Terminal<ratatui::backend::TestBackend> {
        let (w, hgt) = self.app.size;
        let mut t = ratatui::Terminal::new(ratatui::backend::TestBackend::new(w, hgt)).unwrap();
        t.draw(|f| baocao::ui::render(&self.app, f)).unwrap();
        t
    }

    /// The screen as text, one line per row.
    pub fn screen(&self) -> String {
        let t = self.draw();
        let buf = t.backend().buffer();
        let mut out = String::new();
        for y in 0..buf.area.height {
            let mut line = String::new();
            for x in 0..buf.area.width {
                line.push_str(buf[(x, y)].symbol());
            }
            out.push_str(line.trim_end());
            out.push('\n');
        }
        out
    }
}
