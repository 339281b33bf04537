//! A column of labelled fields, each with its own editor: the answers of a section
//! step, the report information (unit, group, number, place, date, signer …), and the
//! form that creates a new draft. Values go back into the draft through [`FieldKey`].

use ratatui::crossterm::event::{KeyCode, KeyEvent};

use super::editor::Editor;
use crate::draft::{BodyKind, Draft, Meta, UnitGroup};
use crate::i18n::{self, Lang};
use crate::template::{FieldKind as TField, Section};

/// Where a field's value lives.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum FieldKey {
    /// A section's answer.
    Answer {
        /// Section id.
        section: String,
        /// Field id.
        field: String,
    },
    /// Report information.
    Meta(MetaField),
    /// The file name of a new draft.
    Name,
}

/// The report information fields.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum MetaField {
    /// Reporting unit.
    Unit,
    /// Group I/II/III.
    Group,
    /// State or Party body.
    Body,
    /// Parent body.
    Parent,
    /// Number and symbol.
    Number,
    /// Place.
    Place,
    /// Date.
    Date,
    /// Signer's name.
    Signer,
    /// Signer's title.
    SignerTitle,
    /// Recipients, one per line.
    Recipients,
}

impl FieldKey {
    /// Whether a finding at `place` is about this field.
    pub fn is_at(&self, place: &crate::rules::Place) -> bool {
        use crate::rules::Place;
        match (self, place) {
            (
                FieldKey::Answer { section, field },
                Place::Answer {
                    section: s,
                    field: f,
                },
            ) => section == s && field == f,
            (FieldKey::Meta(MetaField::Date), Place::Info { field }) => field == "date",
            _ => false,
        }
    }
}

/// What kind of input a field takes.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum FieldKind {
    /// A paragraph, soft-wrapped.
    Paragraph,
    /// One line of text.
    Line,
    /// A number (one line).
    Number,
    /// One of a few options, cycled with ←/→ or Space.
    Choice {
        /// The options' labels.
        options: Vec<String>,
        /// The chosen one.
        index: usize,
    },
}

/// One field.
#[derive(Debug, Clone)]
pub struct FieldEditor {
    /// Where its value goes.
    pub key: FieldKey,
    /// Its label ("a) Kiểm soát thủ tục hành chính").
    pub label: String,
    /// A unit or a hint shown beside it ("người", "dd/mm/yyyy").
    pub hint: String,
    /// Its kind.
    pub kind: FieldKind,
    /// The text being edited.
    pub editor: Editor,
    /// Marked "Không phát sinh".
    pub nothing_to_report: bool,
}

/// A column of fields with one focused.
#[derive(Debug, Clone, Default)]
pub struct Fields {
    /// The fields, top to bottom.
    pub items: Vec<FieldEditor>,
    /// The focused one.
    pub focus: usize,
}

impl FieldEditor {
    fn new(key: FieldKey, label: String, hint: String, kind: FieldKind, text: &str) -> FieldEditor {
        let single = !matches!(kind, FieldKind::Paragraph);
        FieldEditor {
            key,
            label,
            hint,
            kind,
            editor: Editor::new(text, single),
            nothing_to_report: false,
        }
    }

    /// A list, one item a line (the recipients): shown line by line, never run
    /// together.
    pub fn one_per_line(&self) -> bool {
        self.key == FieldKey::Meta(MetaField::Recipients)
    }

    /// The value as text (a choice gives its index as a digit).
    pub fn value(&self) -> String {
        match &self.kind {
            FieldKind::Choice { index, .. } => index.to_string(),
            _ => self.editor.text(),
        }
    }
}

impl Fields {
    /// The fields of a section step, filled from the draft.
    pub fn for_section(section: &Section, draft: &Draft) -> Fields {
        let items = section
            .fields
            .iter()
            .map(|f| {
                let answer = draft.answer(&section.id, &f.id);
                let label = match (f.number.is_empty(), f.title.is_empty()) {
                    (false, false) => format!("{} {}", f.number, f.title),
                    (false, true) => f.number.clone(),
                    (true, _) => f.title.clone(),
                };
                let kind = match f.kind {
                    TField::Text => FieldKind::Paragraph,
                    TField::Whole | TField::Decimal => FieldKind::Number,
                };
                let mut e = FieldEditor::new(
                    FieldKey::Answer {
                        section: section.id.clone(),
                        field: f.id.clone(),
                    },
                    label,
                    f.unit.clone(),
                    kind,
                    answer.map_or("", |a| a.text.as_str()),
                );
                e.nothing_to_report = answer.is_some_and(|a| a.nothing_to_report);
                e
            })
            .collect();
        Fields { items, focus: 0 }
    }

    /// The report information fields, filled from `meta`.
    pub fn for_meta(lang: Lang, meta: &Meta) -> Fields {
        use MetaField::*;
        let groups = vec![
            i18n::group_name(lang, UnitGroup::I).to_string(),
            i18n::group_name(lang, UnitGroup::II).to_string(),
            i18n::group_name(lang, UnitGroup::III).to_string(),
        ];
        let bodies = vec![
            i18n::body_kind(lang, false).to_string(),
            i18n::body_kind(lang, true).to_string(),
        ];
        let group_index = match meta.group {
            UnitGroup::I => 0,
            UnitGroup::II => 1,
            UnitGroup::III => 2,
        };
        let body_index = usize::from(meta.body == BodyKind::Party);
        let line = |f: MetaField, text: &str| {
            FieldEditor::new(
                FieldKey::Meta(f),
                i18n::meta_field(lang, f).to_string(),
                i18n::meta_hint(lang, f).to_string(),
                FieldKind::Line,
                text,
            )
        };
        let mut items = vec![
            line(Unit, &meta.unit),
            FieldEditor::new(
                FieldKey::Meta(Group),
                i18n::meta_field(lang, Group).into(),
                String::new(),
                FieldKind::Choice {
                    options: groups,
                    index: group_index,
                },
                "",
            ),
            FieldEditor::new(
                FieldKey::Meta(Body),
                i18n::meta_field(lang, Body).into(),
                String::new(),
                FieldKind::Choice {
                    options: bodies,
                    index: body_index,
                },
                "",
            ),
            line(Parent, &meta.parent),
            line(Number, &meta.number),
            line(Place, &meta.place),
            line(Date, &meta.date),
            line(Signer, &meta.signer),
        ];
        let mut title = line(SignerTitle, &meta.signer_title);
        title.kind = FieldKind::Paragraph;
        title.editor = Editor::new(&meta.signer_title, false);
        items.push(title);
        let mut rec = line(Recipients, &meta.recipients.join("\n"));
        rec.kind = FieldKind::Paragraph;
        rec.editor = Editor::new(&meta.recipients.join("\n"), false);
        items.push(rec);
        Fields { items, focus: 0 }
    }

    /// The form for a new draft: its name, then the report information.
    pub fn for_new(lang: Lang) -> Fields {
        let mut f = Fields::for_meta(lang, &Meta::default());
        f.items.insert(
            0,
            FieldEditor::new(
                FieldKey::Name,
                i18n::draft_name_label(lang).into(),
                i18n::draft_name_hint(lang).into(),
                FieldKind::Line,
                "",
            ),
        );
        f
    }

    /// The focused field.
    pub fn current(&self) -> Option<&FieldEditor> {
        self.items.get(self.focus)
    }

    /// The focused field, to change.
    pub fn current_mut(&mut self) -> Option<&mut FieldEditor> {
        self.items.get_mut(self.focus)
    }

    /// Puts the focus on the answer with this field id ("a"); false when there is none.
    pub fn focus_answer(&mut self, id: &str) -> bool {
        let found = self
            .items
            .iter()
            .position(|f| matches!(&f.key, FieldKey::Answer { field, .. } if field == id));
        if let Some(i) = found {
            self.focus = i;
        }
        found.is_some()
    }

    /// Moves the focus; returns false at either end.
    pub fn move_focus(&mut self, forward: bool) -> bool {
        if forward && self.focus + 1 < self.items.len() {
            self.focus += 1;
            true
        } else if !forward && self.focus > 0 {
            self.focus -= 1;
            true
        } else {
            false
        }
    }

    /// Gives a key to the focused field; returns whether its value changed. Keys the
    /// field does not take return false.
    pub fn key(&mut self, key: &KeyEvent, typing: crate::ime::Typing) -> bool {
        let Some(f) = self.current_mut() else {
            return false;
        };
        if let FieldKind::Choice { options, index } = &mut f.kind {
            let n = options.len();
            return match key.code {
                KeyCode::Left => {
                    *index = (*index + n - 1) % n;
                    true
                }
                KeyCode::Right | KeyCode::Char(' ') => {
                    *index = (*index + 1) % n;
                    true
                }
                _ => false,
            };
        }
        // Numbers are typed as they are: a Telex "s" or VNI "1" must stay a digit.
        let typing = if f.kind == FieldKind::Number {
            crate::ime::Typing::OFF
        } else {
            typing
        };
        f.editor.key_with(key, typing)
    }

    /// Whether the focused field takes this key itself.
    pub fn handles(&self, key: &KeyEvent) -> bool {
        match self.current() {
            Some(FieldEditor {
                kind: FieldKind::Choice { .. },
                ..
            }) => matches!(
                key.code,
                KeyCode::Left | KeyCode::Right | KeyCode::Char(' ')
            ),
            Some(f) => f.editor.handles(key),
            None => false,
        }
    }

    /// Pastes into the focused field.
    pub fn paste(&mut self, text: &str) -> bool {
        match self.current_mut() {
            Some(f) if !matches!(f.kind, FieldKind::Choice { .. }) => f.editor.insert(text),
            _ => false,
        }
    }

    /// Writes every field's value into the draft.
    pub fn apply(&self, draft: &mut Draft) {
        for f in &self.items {
            apply_one(f, draft);
        }
    }

    /// Writes the focused field's value into the draft.
    pub fn apply_current(&self, draft: &mut Draft) {
        if let Some(f) = self.current() {
            apply_one(f, draft);
        }
    }

    /// The text of the name field (new-draft form).
    pub fn name(&self) -> String {
        self.items
            .iter()
            .find(|f| f.key == FieldKey::Name)
            .map(|f| f.editor.text().trim().to_string())
            .unwrap_or_default()
    }
}

fn apply_one(f: &FieldEditor, draft: &mut Draft) {
    let text = f.editor.text();
    match &f.key {
        FieldKey::Answer { section, field } => {
            draft.set_answer(section, field, text);
            if let Some(a) = draft
                .answers
                .get_mut(&crate::template::answer_key(section, field))
            {
                a.nothing_to_report = f.nothing_to_report;
            } else if f.nothing_to_report {
                draft.answers.insert(
                    crate::template::answer_key(section, field),
                    crate::draft::Answer {
                        text: String::new(),
                        nothing_to_report: true,
                    },
                );
            }
        }
        FieldKey::Meta(m) => apply_meta(*m, f, &text, &mut draft.meta),
        FieldKey::Name => {}
    }
}

fn apply_meta(m: MetaField, f: &FieldEditor, text: &str, meta: &mut Meta) {
    let index = match &f.kind {
        FieldKind::Choice { index, .. } => *index,
        _ => 0,
    };
    match m {
        MetaField::Unit => meta.unit = text.trim().to_string(),
        MetaField::Group => {
            meta.group = [UnitGroup::I, UnitGroup::II, UnitGroup::III][index.min(2)];
        }
        MetaField::Body => {
            meta.body = if index == 1 {
                BodyKind::Party
            } else {
                BodyKind::State
            };
        }
        MetaField::Parent => meta.parent = text.trim().to_string(),
        MetaField::Number => meta.number = text.trim().to_string(),
        MetaField::Place => meta.place = text.trim().to_string(),
        MetaField::Date => meta.date = text.trim().to_string(),
        MetaField::Signer => meta.signer = text.trim().to_string(),
        MetaField::SignerTitle => meta.signer_title = text.trim_end().to_string(),
        MetaField::Recipients => {
            meta.recipients = text
                .lines()
                .map(str::trim)
                .filter(|l| !l.is_empty())
                .map(str::to_string)
                .collect();
        }
    }
}
