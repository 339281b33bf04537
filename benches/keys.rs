//! The cost of one key press in the wizard with a consolidated draft of 10,000 table
//! rows: the state update (evaluation included), the copy handed to the guard, and
//! drawing the frame (only visible rows). Run: `cargo bench --bench keys`.

#![allow(clippy::unwrap_used, clippy::expect_used)]

use std::time::Instant;

use baocao::app::{Action, App, Effect, Opened, Performer, perform};
use baocao::i18n::Lang;
use baocao::store::Store;
use baocao::template::Template;
use ratatui::Terminal;
use ratatui::backend::TestBackend;
use ratatui::crossterm::event::{KeyCode, KeyEvent, KeyModifiers};

fn main() {
    divan::main();
}

fn app_at(goto: &str) -> (App, tempfile::TempDir) {
    let t = Template::builtin().unwrap();
    let dir = tempfile::tempdir().unwrap();
    let store = Store {
        root: dir.path().to_path_buf(),
    };
    let draft = baocao::synth::consolidated(&t, 10_000, 2048);
    let path = store.create("big", &draft).unwrap();
    let (mut app, _) = App::new(Lang::Vi, t, (80, 24), false);
    let opened = Opened {
        name: "big".into(),
        path,
        draft,
        saved: None,
        goto: Some(goto.into()),
        lock: None,
        read_only: false,
        lock_problem: None,
    };
    app.update(Action::Opened(Ok(Box::new(opened))), Instant::now());
    let _ = (
        Performer {
            store,
            lang: Lang::Vi,
            saver: None,
            background: None,
        },
        perform,
        Effect::List,
    );
    (app, dir)
}

fn key(c: char) -> Action {
    Action::Key(KeyEvent::new(KeyCode::Char(c), KeyModifiers::NONE))
}

#[divan::bench(sample_count = 30)]
fn type_in_a_narrative_step(bencher: divan::Bencher) {
    let (mut app, _dir) = app_at("iv");
    bencher.bench_local(|| drop(app.update(key('a'), Instant::now())));
}

#[divan::bench(sample_count = 30)]
fn type_a_digit_in_a_table(bencher: divan::Bencher) {
    let (mut app, _dir) = app_at("pl1");
    bencher.bench_local(|| drop(app.update(key('7'), Instant::now())));
}

#[divan::bench(sample_count = 30)]
fn copy_for_the_guard(bencher: divan::Bencher) {
    let (app, _dir) = app_at("iv");
    let w = app.wizard().unwrap();
    bencher.bench_local(|| divan::black_box(w.draft.clone()));
}

#[divan::bench(sample_count = 30)]
fn draw_a_table_frame(bencher: divan::Bencher) {
    let (app, _dir) = app_at("pl1");
    let mut term = Terminal::new(TestBackend::new(80, 24)).unwrap();
    bencher.bench_local(|| {
        term.draw(|f| baocao::ui::render(&app, f)).unwrap();
    });
}

#[divan::bench(sample_count = 30)]
fn draw_a_narrative_frame(bencher: divan::Bencher) {
    let (app, _dir) = app_at("iv");
    let mut term = Terminal::new(TestBackend::new(80, 24)).unwrap();
    bencher.bench_local(|| {
        term.draw(|f| baocao::ui::render(&app, f)).unwrap();
    });
}
