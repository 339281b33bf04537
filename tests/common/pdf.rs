//! Reading a PDF back as a reader would: each page's orientation (`pdfinfo`) and text
//! (`pdftotext -layout`, pages split at form feeds).

#![allow(dead_code, clippy::unwrap_used, clippy::expect_used)]

use std::path::Path;
use std::process::Command;

/// (landscape, text) of every page. A4 pages are asserted.
pub fn pages(pdf: &Path) -> Vec<(bool, String)> {
    let info = Command::new("pdfinfo")
        .args(["-f", "1", "-l", "9999"])
        .arg(pdf)
        .output()
        .unwrap();
    let info = String::from_utf8_lossy(&info.stdout).into_owned();
    let landscape: Vec<bool> = info
        .lines()
        .filter(|l| l.starts_with("Page") && l.contains(" size:"))
        .map(|l| {
            // "Page    3 size:  841.89 x 595.304 pts (A4)": page number, width, height.
            let dims: Vec<f64> = l
                .split_whitespace()
                .filter_map(|w| w.parse::<f64>().ok())
                .collect();
            dims[1] > dims[2]
        })
        .collect();
    assert!(!landscape.is_empty(), "{info}");
    assert!(info.contains("(A4)"), "A4 pages: {info}");
    let text = Command::new("pdftotext")
        .arg("-layout")
        .arg(pdf)
        .arg("-")
        .output()
        .unwrap();
    let text = String::from_utf8_lossy(&text.stdout).into_owned();
    let texts: Vec<String> = text.split('\u{c}').map(str::to_string).collect();
    assert!(texts.len() >= landscape.len(), "{}", pdf.display());
    landscape.into_iter().zip(texts).collect()
}
