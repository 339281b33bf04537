//! `new` and `list`: creating a draft and the table of drafts in the config folder.

use std::process::ExitCode;

use unicode_width::UnicodeWidthStr;

use super::{Env, Failure};
use crate::draft::{BodyKind, Draft, Meta, UnitGroup};
use crate::i18n;
use crate::rules::{self, completion, step_statuses};
use crate::store;
use crate::template::Severity;

pub(super) fn new(
    env: &Env,
    name: &str,
    unit: String,
    group: UnitGroup,
    party: bool,
    parent: Option<String>,
) -> Result<ExitCode, Failure> {
    let meta = Meta {
        unit,
        group,
        body: if party {
            BodyKind::Party
        } else {
            BodyKind::State
        },
        parent: parent.unwrap_or_default(),
        ..Meta::default()
    };
    let draft = Draft::new(&env.template, meta);
    let path = env
        .store
        .create(name, &draft)
        .map_err(|e| Failure::new(i18n::create_error(env.lang, &e)))?;
    crate::cli::say!("{}", i18n::created(env.lang, &path));
    Ok(ExitCode::SUCCESS)
}

pub(super) fn list(env: &Env) -> Result<ExitCode, Failure> {
    let entries = env
        .store
        .list()
        .map_err(|e| Failure::new(i18n::store_error(env.lang, &e)))?;
    if entries.is_empty() {
        crate::cli::say!("{}", i18n::no_drafts(env.lang, &env.store.drafts_dir()));
        return Ok(ExitCode::SUCCESS);
    }
    let mut rows: Vec<[String; 6]> = vec![i18n::list_header(env.lang).map(str::to_string)];
    for e in entries {
        let saved = e
            .modified
            .map(crate::localtime::date_time)
            .unwrap_or_default();
        let row = match store::load(&e.path, &[&env.template]) {
            Ok(draft) => {
                let eval = rules::evaluate(&env.template, &draft);
                let (done, total) = completion(&step_statuses(&env.template, &draft, &eval));
                [
                    e.name,
                    draft.meta.unit.clone(),
                    format!("{done}/{total}"),
                    eval.count(Severity::Error).to_string(),
                    eval.count(Severity::Warning).to_string(),
                    saved,
                ]
            }
            Err(err) => [
                e.name,
                i18n::load_error(env.lang, &err),
                String::new(),
                String::new(),
                String::new(),
                saved,
            ],
        };
        rows.push(row);
    }
    crate::cli::say_raw!("{}", aligned(&rows));
    Ok(ExitCode::SUCCESS)
}

/// Rows padded to column widths measured in terminal cells, two spaces apart.
pub(super) fn aligned<const N: usize>(rows: &[[String; N]]) -> String {
    let mut widths = [0usize; N];
    for r in rows {
        for (w, c) in widths.iter_mut().zip(r) {
            *w = (*w).max(c.width());
        }
    }
    let mut out = String::new();
    for r in rows {
        let mut line = String::new();
        for (i, c) in r.iter().enumerate() {
            line.push_str(c);
            if i + 1 < N {
                line.push_str(&" ".repeat(widths[i] - c.width() + 2));
            }
        }
        out.push_str(line.trim_end());
        out.push('\n');
    }
    out
}

pub(super) fn save_loop(
    env: &Env,
    file: &std::path::Path,
    count: u64,
) -> Result<ExitCode, Failure> {
    use std::io::Write;
    let mut draft = store::load(file, &[&env.template])
        .map_err(|e| Failure::new(i18n::load_error(env.lang, &e)))?;
    let mut out = std::io::stdout();
    for n in 1..=count {
        // Each state is distinct and bigger than the last, so a torn write shows.
        draft.set_answer(
            "I.1",
            "text",
            format!("thế hệ {n}\n{}", "Nội dung. ".repeat(n as usize % 50)),
        );
        store::save(file, &draft).map_err(|e| Failure::new(i18n::save_error(env.lang, &e)))?;
        let _ = writeln!(out, "{n}");
        let _ = out.flush();
    }
    Ok(ExitCode::SUCCESS)
}
