//! Time to build each export, on the district sample (what an official exports) and
//! on a consolidated draft of 10,000 table rows with 30 answers of 20 KB (the
//! province's report). Bytes are written to memory; the atomic file write is measured
//! in the `rules` bench's save.
//! Run: `cargo bench --bench export`.

#![allow(clippy::unwrap_used, clippy::expect_used)]

use std::path::Path;

use baocao::draft::Draft;
use baocao::export::{self, Format};
use baocao::template::Template;
use baocao::{rules, store, synth};

fn main() {
    divan::main();
}

fn district() -> (Template, Draft) {
    let t = Template::builtin().unwrap();
    let path = Path::new(env!("CARGO_MANIFEST_DIR")).join("sample/huyen-tuy-phuoc.ron");
    let d = store::load(&path, &[&t]).unwrap();
    (t, d)
}

fn consolidated() -> (Template, Draft) {
    let t = Template::builtin().unwrap();
    let d = synth::consolidated(&t, 10_000, 20 * 1024);
    (t, d)
}

const FORMATS: [Format; 3] = [Format::Docx, Format::Xlsx, Format::Markdown];

#[divan::bench(args = FORMATS, sample_count = 20)]
fn district_sample(bencher: divan::Bencher, format: Format) {
    let (t, d) = district();
    bencher.bench_local(|| {
        let eval = rules::evaluate(&t, &d);
        export::render(format, &t, &d, &eval).unwrap()
    });
}

#[divan::bench(args = FORMATS, sample_count = 3)]
fn consolidated_10k_rows(bencher: divan::Bencher, format: Format) {
    let (t, d) = consolidated();
    bencher.bench_local(|| {
        let eval = rules::evaluate(&t, &d);
        export::render(format, &t, &d, &eval).unwrap()
    });
}
