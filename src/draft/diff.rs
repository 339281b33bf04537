//! Which parts of the report two drafts differ in, in the order of the wizard's steps:
//! what a recovery offer says, so that the user knows what they would get back.

use super::{Answer, Draft, TableData};
use crate::template::Template;

/// A part of the report, as the wizard's steps have it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Part {
    /// The information step (unit, number, date, signer, recipients).
    Info,
    /// A section of the outline, by id ("I.2").
    Section(String),
    /// An appendix, by its number ("1").
    Table(String),
    /// The notes explaining warnings.
    Notes,
}

/// A section's answers that hold something.
fn answers<'d>(d: &'d Draft, prefix: &str) -> Vec<(&'d String, &'d Answer)> {
    d.answers
        .iter()
        .filter(|(k, v)| k.starts_with(prefix) && (!v.text.is_empty() || v.nothing_to_report))
        .collect()
}

/// The parts in which `a` and `b` differ.
pub fn differing(template: &Template, a: &Draft, b: &Draft) -> Vec<Part> {
    let mut out = Vec::new();
    if a.meta != b.meta {
        out.push(Part::Info);
    }
    for (_, section) in template.all_sections() {
        let prefix = format!("{}/", section.id);
        if answers(a, &prefix) != answers(b, &prefix) {
            out.push(Part::Section(section.id.clone()));
        }
    }
    let empty = TableData::default();
    for table in &template.tables {
        let of_a = a.tables.get(&table.id).map_or(&empty, |t| t.as_ref());
        let of_b = b.tables.get(&table.id).map_or(&empty, |t| t.as_ref());
        if of_a != of_b {
            out.push(Part::Table(table.number.clone()));
        }
    }
    if a.explained != b.explained {
        out.push(Part::Notes);
    }
    out
}
