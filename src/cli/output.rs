//! `check` and `show`: findings one per line (or JSON), and the whole report as text
//! for a quick look over SSH.

use std::fmt::Write as _;
use std::process::ExitCode;

use serde::Serialize;
use unicode_width::UnicodeWidthStr;

use super::{Env, Failure};
use crate::draft::{BodyKind, Draft};
use crate::i18n::{self, Lang};
use crate::report::cell_text;
use crate::rules::{self, Evaluation, Finding, Place};
use crate::template::{ColumnKind, FieldKind, Severity, Template};

#[derive(Serialize)]
struct JsonFinding<'a> {
    rule: &'a str,
    severity: &'static str,
    place: &'a Place,
    place_text: String,
    message: String,
    hint: Option<String>,
    /// A warning's explanation («giải trình»): it no longer counts as open.
    #[serde(skip_serializing_if = "Option::is_none")]
    explained: Option<&'a str>,
}

#[derive(Serialize)]
struct JsonReport<'a> {
    file: String,
    errors: usize,
    warnings: usize,
    explained: usize,
    findings: Vec<JsonFinding<'a>>,
}

/// One finding on one line, place first.
pub fn finding_line(lang: Lang, template: &Template, f: &Finding) -> String {
    let mut line = format!(
        "{} — {} {}: {}",
        i18n::place(lang, template, &f.place),
        i18n::severity(lang, f.severity),
        f.rule,
        i18n::message(lang, template, f)
    );
    match &f.explained {
        Some(note) => {
            let _ = write!(line, " [{}]", i18n::explanation(lang, note));
        }
        None => {
            if let Some(h) = i18n::hint(lang, f) {
                let _ = write!(line, " ({}: {h})", i18n::hint_prefix(lang));
            }
        }
    }
    line
}

pub(super) fn check(env: &Env, name: &str, json: bool) -> Result<ExitCode, Failure> {
    let (path, draft) = env.load(name)?;
    let eval = rules::evaluate(&env.template, &draft);
    let (errors, warnings) = (eval.count(Severity::Error), eval.count(Severity::Warning));
    if json {
        let report = JsonReport {
            file: path.display().to_string(),
            errors,
            warnings,
            explained: eval.explained(),
            findings: eval
                .findings
                .iter()
                .map(|f| JsonFinding {
                    rule: &f.rule,
                    severity: match f.severity {
                        Severity::Error => "error",
                        Severity::Warning => "warning",
                    },
                    place: &f.place,
                    place_text: i18n::place(env.lang, &env.template, &f.place),
                    message: i18n::message(env.lang, &env.template, f),
                    hint: i18n::hint(env.lang, f),
                    explained: f.explained.as_deref(),
                })
                .collect(),
        };
        let text =
            serde_json::to_string_pretty(&report).map_err(|e| Failure::new(e.to_string()))?;
        crate::cli::say!("{}", crate::visible::json(&text));
    } else {
        for f in &eval.findings {
            crate::cli::say!("{}", finding_line(env.lang, &env.template, f));
        }
        crate::cli::say!(
            "{}",
            i18n::check_summary(env.lang, errors, warnings, eval.explained())
        );
    }
    Ok(if errors > 0 {
        ExitCode::from(1)
    } else {
        ExitCode::SUCCESS
    })
}

pub(super) fn show(env: &Env, name: &str) -> Result<ExitCode, Failure> {
    let (_, draft) = env.load(name)?;
    let eval = rules::evaluate(&env.template, &draft);
    crate::cli::say_raw!("{}", render(env.lang, &env.template, &draft, &eval));
    Ok(ExitCode::SUCCESS)
}

/// The whole report as plain text.
pub fn render(lang: Lang, t: &Template, d: &Draft, eval: &Evaluation) -> String {
    let mut out = String::new();
    meta(&mut out, lang, d);
    out.push_str("\nBÁO CÁO\n");
    for line in &t.title {
        let _ = writeln!(out, "{line}");
    }
    for (depth, s) in t.all_sections() {
        let indent = "  ".repeat(depth);
        let _ = writeln!(out, "\n{indent}{} {}", s.number, s.title);
        for f in &s.fields {
            let a = d.answer(&s.id, &f.id);
            let head = match (f.number.is_empty(), f.kind) {
                (false, _) => format!("{indent}  {} {}", f.number, f.title),
                (true, FieldKind::Text) => String::new(),
                (true, _) => format!("{indent}  {}:", f.title),
            };
            let body = match a {
                Some(a) if a.nothing_to_report => i18n::nothing_to_report(lang).to_string(),
                Some(a) if !a.text.trim().is_empty() => {
                    if f.kind == FieldKind::Text {
                        a.text.clone()
                    } else {
                        format!("{} {}", a.text.trim(), f.unit)
                    }
                }
                _ => i18n::unanswered(lang).to_string(),
            };
            if f.kind == FieldKind::Text {
                if !head.is_empty() {
                    let _ = writeln!(out, "{head}");
                }
                for line in body.lines() {
                    let _ = writeln!(out, "{indent}    {line}");
                }
            } else {
                let _ = writeln!(out, "{head} {}", body.trim_end());
            }
            for f in eval.findings.iter().filter(|x| {
                matches!(&x.place, Place::Answer { section, field } if section == &s.id && field == &f.id)
            }) {
                let _ = writeln!(out, "{indent}    ! {}", finding_line(lang, t, f));
            }
        }
    }
    for (table, sheet) in t.tables.iter().zip(eval.sheets.iter()) {
        let _ = writeln!(out, "\nPHỤ LỤC {}", table.number);
        for line in &table.title {
            let _ = writeln!(out, "{line}");
        }
        let narrow: Vec<usize> = (0..table.columns.len())
            .filter(|&i| table.columns[i].kind != ColumnKind::LongText)
            .collect();
        let mut grid: Vec<Vec<String>> = vec![
            narrow
                .iter()
                .map(|&i| format!("({})", table.columns[i].id))
                .collect(),
        ];
        let mut notes: Vec<(usize, String)> = Vec::new();
        for row in &sheet.rows {
            grid.push(
                narrow
                    .iter()
                    .map(|&i| cell_text(lang, d, table, row, i))
                    .collect(),
            );
            for (i, c) in table.columns.iter().enumerate() {
                if c.kind == ColumnKind::LongText {
                    let text = cell_text(lang, d, table, row, i);
                    if !text.trim().is_empty() {
                        notes.push((grid.len() - 1, format!("({}) {}", c.id, text.trim())));
                    }
                }
            }
        }
        let widths: Vec<usize> = (0..narrow.len())
            .map(|c| grid.iter().map(|r| r[c].width()).max().unwrap_or(0).min(36))
            .collect();
        for (ri, r) in grid.iter().enumerate() {
            let cells: Vec<Vec<String>> = r
                .iter()
                .zip(&widths)
                .map(|(text, &w)| {
                    textwrap::wrap(text, w.max(1))
                        .into_iter()
                        .map(|l| l.into_owned())
                        .collect()
                })
                .collect();
            let height = cells.iter().map(Vec::len).max().unwrap_or(1).max(1);
            for line_no in 0..height {
                let mut line = String::new();
                for (c, lines) in cells.iter().enumerate() {
                    let text = lines.get(line_no).map_or("", String::as_str);
                    let pad = " ".repeat(widths[c].saturating_sub(text.width()));
                    if table.columns[narrow[c]].kind.is_numeric() {
                        line.push_str(&pad);
                        line.push_str(text);
                    } else {
                        line.push_str(text);
                        line.push_str(&pad);
                    }
                    line.push_str(" │ ");
                }
                let _ = writeln!(out, "{}", line.trim_end_matches([' ', '│']).trim_end());
            }
            for (_, note) in notes.iter().filter(|(n, _)| *n == ri) {
                let _ = writeln!(out, "      {note}");
            }
        }
        for f in eval.findings.iter().filter(|f| f.place.step() == table.id) {
            let _ = writeln!(out, "  ! {}", finding_line(lang, t, f));
        }
    }
    out
}

fn meta(out: &mut String, lang: Lang, d: &Draft) {
    let l = i18n::meta_labels(lang);
    let m = &d.meta;
    let rows = [
        (l[0], m.unit.clone()),
        (l[1], m.group.key().to_string()),
        (
            l[2],
            i18n::body_kind(lang, m.body == BodyKind::Party).to_string(),
        ),
        (l[3], m.parent.clone()),
        (l[4], m.number.clone()),
        (l[5], m.place.clone()),
        (l[6], m.date.clone()),
        (
            l[7],
            format!("{} {}", m.signer_title.replace('\n', " "), m.signer)
                .trim()
                .to_string(),
        ),
        (l[8], m.recipients.join("; ")),
    ];
    for (label, value) in rows {
        if !value.trim().is_empty() {
            let _ = writeln!(out, "{label}: {value}");
        }
    }
}

pub(super) fn export(
    env: &Env,
    name: &str,
    to: &std::path::Path,
    format: Option<&str>,
    options: crate::export::Options,
    meta: bool,
) -> Result<ExitCode, Failure> {
    let (_, draft) = env.load(name)?;
    let Some(fmt) = crate::export::Format::pick(format, to) else {
        return Err(Failure::new(i18n::export_unknown_format(env.lang, to)));
    };
    let eval = rules::evaluate(&env.template, &draft);
    let (bytes, ready) = crate::export::render_with(fmt, &env.template, &draft, &eval, options)
        .map_err(|e| Failure::new(i18n::export_failed(env.lang, &e)))?;
    crate::export::write(to, &bytes)
        .map_err(|e| Failure::new(i18n::export_write_error(env.lang, &e)))?;
    crate::cli::say!("{}", i18n::exported(env.lang, to, ready));
    if meta {
        use crate::export::meta;
        let side = meta::path_for(to);
        let described = meta::describe(&env.template, &draft, to, fmt, &bytes, ready.is_draft());
        let json = serde_json::to_string_pretty(&described).unwrap_or_default() + "\n";
        crate::export::write(&side, json.as_bytes())
            .map_err(|e| Failure::new(i18n::export_write_error(env.lang, &e)))?;
        crate::cli::say!("{}", i18n::exported(env.lang, &side, ready));
    }
    Ok(ExitCode::SUCCESS)
}
