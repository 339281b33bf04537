//! Evaluation of every rule and computed cell, and load + save, on a consolidated
//! draft with 10,000 table rows and 30 narrative answers of 20 KB each.
//! Targets (2-core machine): evaluate < 5 ms; load + save < 50 ms.
//! Run: `cargo bench --bench rules`.

#![allow(clippy::unwrap_used, clippy::expect_used)]

use baocao::draft::Draft;
use baocao::template::Template;
use baocao::{rules, store, synth};

fn main() {
    divan::main();
}

fn big() -> (Template, Draft) {
    let t = Template::builtin().unwrap();
    let d = synth::consolidated(&t, 10_000, 20 * 1024);
    (t, d)
}

#[divan::bench(sample_count = 50)]
fn evaluate_10k_rows(bencher: divan::Bencher) {
    let (t, d) = big();
    bencher.bench_local(|| rules::evaluate(divan::black_box(&t), divan::black_box(&d)));
}

#[divan::bench(sample_count = 20)]
fn load_10k_rows(bencher: divan::Bencher) {
    let (t, d) = big();
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("big.ron");
    store::save(&path, &d).unwrap();
    bencher.bench_local(|| store::load(&path, &[&t]).unwrap());
}

#[divan::bench(sample_count = 20)]
fn save_10k_rows(bencher: divan::Bencher) {
    let (_, d) = big();
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("big.ron");
    bencher.bench_local(|| store::save(&path, &d).unwrap());
}

#[divan::bench(sample_count = 20)]
fn load_and_save_10k_rows(bencher: divan::Bencher) {
    let (t, d) = big();
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("big.ron");
    store::save(&path, &d).unwrap();
    bencher.bench_local(|| {
        let loaded = store::load(&path, &[&t]).unwrap();
        store::save(&path, &loaded).unwrap();
    });
}
