//! A draft report: metadata, narrative answers and table cells exactly as typed.
//!
//! Nothing here is parsed or computed: a cell keeps its raw text so that a wrong number
//! is never lost; the rules engine derives numbers and findings from it. Maps are
//! ordered so that saving the same draft always gives the same bytes.

use std::collections::BTreeMap;
use std::sync::Arc;

use serde::{Deserialize, Serialize};
use unicode_normalization::UnicodeNormalization;

use crate::template::{Template, answer_key};

/// The draft file format this program writes. A file with a larger number was written
/// by a newer baocao and is refused rather than silently losing its new fields.
/// Version 2: a unit's own figures are in its group's rows, not in an added unit row
/// (see [`migrate`]). Version 3: the time of the save is in the file (`saved_at`).
pub const FORMAT_VERSION: u32 = 3;

pub mod diff;
mod migrate;
mod unique;
pub use migrate::migrate;

/// A whole draft.
#[derive(Debug, Clone, Serialize, Deserialize, PartialEq, Default)]
#[serde(deny_unknown_fields)]
pub struct Draft {
    /// File format version ([`FORMAT_VERSION`] when written by this program).
    pub format_version: u32,
    /// The outline this draft fills.
    pub template: TemplateRef,
    /// When this state was written, in UTC to the millisecond ("2026-12-04T18:16:02.125Z"); set
    /// by every save and emergency copy. It tells a leftover that holds a newer state
    /// than the draft from one that is older, whatever the files' times say (a copy,
    /// a restore from backup and `touch` all change those).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub saved_at: Option<String>,
    /// Who reports, document number, place, date, signer, recipients.
    pub meta: Meta,
    /// Narrative answers by key "SECTION/FIELD" ("II.1/a").
    #[serde(default, deserialize_with = "unique::map")]
    pub answers: BTreeMap<String, Answer>,
    /// Table contents by table id ("pl1"). Shared, so that a copy of the draft (for
    /// the save thread, for the emergency guard) costs nothing for unchanged tables.
    #[serde(default, deserialize_with = "unique::map")]
    pub tables: BTreeMap<String, Arc<TableData>>,
    /// Warnings the user explained («giải trình»): finding key ("R2 pl1/F:TOTAL/3")
    /// → why the figure is right.
    #[serde(
        default,
        skip_serializing_if = "BTreeMap::is_empty",
        deserialize_with = "unique::map"
    )]
    pub explained: BTreeMap<String, String>,
    /// The file format the draft was read in, when it was older and was converted on
    /// load (not stored: the next save writes the current format).
    #[serde(skip)]
    pub migrated_from: Option<u32>,
}

/// Which outline a draft fills.
#[derive(Debug, Clone, Serialize, Deserialize, PartialEq, Eq, Default)]
#[serde(deny_unknown_fields)]
pub struct TemplateRef {
    /// The template's id.
    pub id: String,
    /// The template's version when the draft was made.
    pub version: u32,
}

/// The three groups of reporting units (the row groups of the appendix tables).
#[derive(Debug, Clone, Copy, Serialize, Deserialize, PartialEq, Eq, Default)]
pub enum UnitGroup {
    /// Các Sở, ban, ngành.
    #[default]
    I,
    /// Các đơn vị ngành dọc.
    II,
    /// Các huyện, thành phố.
    III,
}

/// Now in UTC to `unit` ("2026-12-04T18:16:02.125Z" to the millisecond, as
/// [`Draft::saved_at`] records it; to the second for a document's properties).
pub fn utc_now(unit: jiff::Unit) -> String {
    let now = jiff::Timestamp::now();
    now.round(unit).unwrap_or(now).to_string()
}

impl Draft {
    /// Whether two drafts hold the same report (whenever each was saved).
    pub fn same_state(&self, other: &Draft) -> bool {
        self.meta == other.meta
            && self.answers == other.answers
            && self.tables == other.tables
            && self.explained == other.explained
    }

    /// When this state was saved, if the file says.
    pub fn saved_time(&self) -> Option<std::time::SystemTime> {
        let ts: jiff::Timestamp = self.saved_at.as_deref()?.parse().ok()?;
        let ms = u64::try_from(ts.as_millisecond()).ok()?;
        Some(std::time::UNIX_EPOCH + std::time::Duration::from_millis(ms))
    }
}

impl UnitGroup {
    /// The group's key as used in the template's row keys ("I", "II", "III").
    pub fn key(self) -> &'static str {
        match self {
            UnitGroup::I => "I",
            UnitGroup::II => "II",
            UnitGroup::III => "III",
        }
    }

    /// Parses "I", "II", "III" (any case).
    pub fn parse(s: &str) -> Option<UnitGroup> {
        match s.trim().to_ascii_uppercase().as_str() {
            "I" | "1" => Some(UnitGroup::I),
            "II" | "2" => Some(UnitGroup::II),
            "III" | "3" => Some(UnitGroup::III),
            _ => None,
        }
    }
}

/// Whether the issuing body follows the State or the Party document layout.
#[derive(Debug, Clone, Copy, Serialize, Deserialize, PartialEq, Eq, Default)]
pub enum BodyKind {
    /// A State body (Nghị định 30/2020/NĐ-CP).
    #[default]
    State,
    /// A Party body (Hướng dẫn 36-HD/VPTW).
    Party,
}

/// The report's metadata.
#[derive(Debug, Clone, Serialize, Deserialize, PartialEq, Default)]
#[serde(deny_unknown_fields)]
pub struct Meta {
    /// The reporting unit ("UBND huyện Tuy Phước").
    pub unit: String,
    /// Its group.
    pub group: UnitGroup,
    /// State or Party body.
    pub body: BodyKind,
    /// The parent body ("UBND TỈNH BÌNH ĐỊNH").
    #[serde(default)]
    pub parent: String,
    /// Document number and symbol ("125/BC-UBND").
    #[serde(default)]
    pub number: String,
    /// Place name for the date line ("Tuy Phước").
    #[serde(default)]
    pub place: String,
    /// Date, dd/mm/yyyy.
    #[serde(default)]
    pub date: String,
    /// Signer's name.
    #[serde(default)]
    pub signer: String,
    /// Signer's title, with its authority prefix ("KT. CHỦ TỊCH\nPHÓ CHỦ TỊCH").
    #[serde(default)]
    pub signer_title: String,
    /// Recipients, one per line ("Ban Thường vụ Tỉnh ủy (b/c)").
    #[serde(default)]
    pub recipients: Vec<String>,
    /// The province's report made from its units' reports: every group's rows are
    /// open and hold a row per unit. A unit's own report types into its group's rows.
    #[serde(default, skip_serializing_if = "is_false")]
    pub consolidated: bool,
}

/// A narrative answer or a typed number of a section.
#[derive(Debug, Clone, Serialize, Deserialize, PartialEq, Eq, Default)]
#[serde(deny_unknown_fields)]
pub struct Answer {
    /// What the user typed (kept even when marked "Không phát sinh").
    #[serde(default)]
    pub text: String,
    /// Explicitly nothing to report ("Không phát sinh").
    #[serde(default, skip_serializing_if = "is_false")]
    pub nothing_to_report: bool,
}

fn is_false(b: &bool) -> bool {
    !*b
}

/// The contents of one table.
#[derive(Debug, Clone, Serialize, Deserialize, PartialEq, Eq, Default)]
#[serde(deny_unknown_fields)]
pub struct TableData {
    /// Cells of the template's fixed rows: row key → column id → raw text.
    #[serde(default, deserialize_with = "unique::map_of_maps")]
    pub cells: BTreeMap<String, BTreeMap<String, String>>,
    /// Rows the user added, in display order. Each shared, so that changing one cell
    /// of a table of thousands of rows copies that row, not the table.
    #[serde(default)]
    pub rows: Vec<Arc<AddedRow>>,
    /// Explicitly nothing to report in this table ("Không phát sinh").
    #[serde(default, skip_serializing_if = "is_false")]
    pub nothing_to_report: bool,
}

/// A row the user added (a unit, a field of procedures, a model).
#[derive(Debug, Clone, Serialize, Deserialize, PartialEq, Eq, Default)]
#[serde(deny_unknown_fields)]
pub struct AddedRow {
    /// Id unique within the table.
    pub id: u32,
    /// Key of the fixed row it belongs under; empty for rows directly in the table.
    #[serde(default)]
    pub parent: String,
    /// Column id → raw text.
    #[serde(default, deserialize_with = "unique::map")]
    pub cells: BTreeMap<String, String>,
}

/// A row of a table: a fixed template row or one the user added.
#[derive(Debug, Clone, PartialEq, Eq, Hash, Serialize, Deserialize, PartialOrd, Ord)]
pub enum RowRef {
    /// A template row, by key.
    Fixed(String),
    /// An added row, by id.
    Added(u32),
}

impl Draft {
    /// A new, empty draft for `template`. A unit types its figures straight into its
    /// group's rows, so no row is added for it.
    pub fn new(template: &Template, meta: Meta) -> Draft {
        Draft {
            format_version: FORMAT_VERSION,
            template: TemplateRef {
                id: template.id.clone(),
                version: template.version,
            },
            saved_at: None,
            meta,
            answers: BTreeMap::new(),
            tables: BTreeMap::new(),
            explained: BTreeMap::new(),
            migrated_from: None,
        }
    }

    /// Whether a template row key is in this draft's own unit group ("III", "III.1").
    /// A consolidated report owns every row.
    pub fn owns_row(&self, key: &str) -> bool {
        if self.meta.consolidated {
            return true;
        }
        let group = self.meta.group.key();
        key == group
            || key
                .strip_prefix(group)
                .is_some_and(|rest| rest.starts_with('.'))
    }

    /// A table's contents to change (created when missing; copied first if shared).
    pub fn table_mut(&mut self, table: &str) -> &mut TableData {
        Arc::make_mut(self.tables.entry(table.to_string()).or_default())
    }

    /// The answer stored for a section's field, if any.
    pub fn answer(&self, section: &str, field: &str) -> Option<&Answer> {
        self.answers.get(&answer_key(section, field))
    }

    /// The raw text of a cell ("" when never typed).
    pub fn cell(&self, table: &str, row: &RowRef, col: &str) -> &str {
        let Some(data) = self.tables.get(table) else {
            return "";
        };
        let cells = match row {
            RowRef::Fixed(key) => data.cells.get(key),
            RowRef::Added(id) => data.rows.iter().find(|r| r.id == *id).map(|r| &r.cells),
        };
        cells
            .and_then(|c| c.get(col))
            .map(String::as_str)
            .unwrap_or("")
    }

    /// Sets the raw text of a cell; an empty text removes it.
    pub fn set_cell(&mut self, table: &str, row: &RowRef, col: &str, text: String) {
        let data = self.table_mut(table);
        let cells = match row {
            RowRef::Fixed(key) => Some(data.cells.entry(key.clone()).or_default()),
            RowRef::Added(id) => data
                .rows
                .iter_mut()
                .find(|r| r.id == *id)
                .map(|r| &mut Arc::make_mut(r).cells),
        };
        if let Some(cells) = cells {
            if text.is_empty() {
                cells.remove(col);
            } else {
                cells.insert(col.to_string(), text);
            }
        }
        if let RowRef::Fixed(key) = row
            && data.cells.get(key).is_some_and(BTreeMap::is_empty)
        {
            data.cells.remove(key);
        }
    }

    /// Sets the text of an answer, keeping its "Không phát sinh" mark.
    pub fn set_answer(&mut self, section: &str, field: &str, text: String) {
        let key = answer_key(section, field);
        let answer = self.answers.entry(key.clone()).or_default();
        answer.text = text;
        if answer.text.is_empty() && !answer.nothing_to_report {
            self.answers.remove(&key);
        }
    }
}

/// Rewrites a string in NFC, allocating only when it changes.
pub fn nfc(s: &mut String) {
    if !unicode_normalization::is_nfc_quick(s.chars()).eq(&unicode_normalization::IsNormalized::Yes)
    {
        *s = s.nfc().collect();
    }
}

impl Draft {
    /// Whether every text of the draft is already NFC (the usual case: saving then
    /// needs no copy).
    pub fn is_nfc(&self) -> bool {
        let ok = |s: &String| {
            unicode_normalization::is_nfc_quick(s.chars())
                == unicode_normalization::IsNormalized::Yes
        };
        let m = &self.meta;
        [
            &m.unit,
            &m.parent,
            &m.number,
            &m.place,
            &m.date,
            &m.signer,
            &m.signer_title,
        ]
        .into_iter()
        .chain(&m.recipients)
        .all(ok)
            && self.answers.values().all(|a| ok(&a.text))
            && self.explained.values().all(ok)
            && self.tables.values().all(|t| {
                t.cells.values().flat_map(|m| m.values()).all(ok)
                    && t.rows.iter().flat_map(|r| r.cells.values()).all(ok)
            })
    }

    /// Rewrites every text of the draft in NFC (decomposed Vietnamese from some
    /// keyboards and files would otherwise be stored as escapes and compare unequal).
    pub fn normalize(&mut self) {
        let m = &mut self.meta;
        for s in [
            &mut m.unit,
            &mut m.parent,
            &mut m.number,
            &mut m.place,
            &mut m.date,
            &mut m.signer,
            &mut m.signer_title,
        ] {
            nfc(s);
        }
        m.recipients.iter_mut().for_each(nfc);
        self.answers.values_mut().for_each(|a| nfc(&mut a.text));
        self.explained.values_mut().for_each(nfc);
        for t in self.tables.values_mut().map(Arc::make_mut) {
            t.cells
                .values_mut()
                .flat_map(|m| m.values_mut())
                .for_each(nfc);
            t.rows
                .iter_mut()
                .flat_map(|r| Arc::make_mut(r).cells.values_mut())
                .for_each(nfc);
        }
    }
}

impl TableData {
    /// An id for a new added row: one more than any used.
    pub fn next_id(&self) -> u32 {
        self.rows.iter().map(|r| r.id).max().unwrap_or(0) + 1
    }
}
