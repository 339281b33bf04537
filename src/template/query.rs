//! Finding things in a template: steps, sections, tables, rows, units by id.

use super::{
    AddedKind, DEFAULT_RON, Field, RowSpec, Section, Table, Template, TemplateError, UnitSpec,
    check_semantics,
};

impl Template {
    /// The embedded default outline.
    pub fn builtin() -> Result<Template, TemplateError> {
        Template::parse(DEFAULT_RON, "<built-in>")
    }

    /// Parses and validates a template; `origin` names it in errors.
    pub fn parse(text: &str, origin: &str) -> Result<Template, TemplateError> {
        let template: Template =
            ron::from_str(text).map_err(|e| TemplateError::from_ron(origin, &e))?;
        check_semantics(&template).map_err(|problems| TemplateError::Invalid {
            origin: origin.to_string(),
            problems,
        })?;
        Ok(template)
    }

    /// Every section that is a wizard step (has fields), in outline order.
    pub fn steps(&self) -> Vec<&Section> {
        fn walk<'a>(sections: &'a [Section], out: &mut Vec<&'a Section>) {
            for s in sections {
                if !s.fields.is_empty() {
                    out.push(s);
                }
                walk(&s.children, out);
            }
        }
        let mut out = Vec::new();
        walk(&self.sections, &mut out);
        out
    }

    /// Every section in outline order, with its depth (0 for I–V).
    pub fn all_sections(&self) -> Vec<(usize, &Section)> {
        fn walk<'a>(sections: &'a [Section], depth: usize, out: &mut Vec<(usize, &'a Section)>) {
            for s in sections {
                out.push((depth, s));
                walk(&s.children, depth + 1, out);
            }
        }
        let mut out = Vec::new();
        walk(&self.sections, 0, &mut out);
        out
    }

    /// The section with this id.
    pub fn section(&self, id: &str) -> Option<&Section> {
        self.all_sections()
            .into_iter()
            .map(|(_, s)| s)
            .find(|s| s.id == id)
    }

    /// The table with this id.
    pub fn table(&self, id: &str) -> Option<&Table> {
        self.tables.iter().find(|t| t.id == id)
    }

    /// The unit with this id.
    pub fn unit(&self, id: &str) -> Option<&UnitSpec> {
        self.units.iter().find(|u| u.id == id)
    }
}

impl Table {
    /// Index of the column with this id.
    pub fn column_index(&self, id: &str) -> Option<usize> {
        self.columns.iter().position(|c| c.id == id)
    }

    /// Every fixed row in order, depth first, with its depth.
    pub fn all_rows(&self) -> Vec<(usize, &RowSpec)> {
        fn walk<'a>(rows: &'a [RowSpec], depth: usize, out: &mut Vec<(usize, &'a RowSpec)>) {
            for r in rows {
                out.push((depth, r));
                walk(&r.children, depth + 1, out);
            }
        }
        let mut out = Vec::new();
        walk(&self.rows, 0, &mut out);
        out
    }

    /// The fixed row with this key.
    pub fn row(&self, key: &str) -> Option<&RowSpec> {
        self.all_rows()
            .into_iter()
            .map(|(_, r)| r)
            .find(|r| r.key == key)
    }
}

impl RowSpec {
    /// Whether the user adds a row per unit under this row (Phụ lục 1's groups).
    pub fn takes_units(&self) -> bool {
        self.accepts
            .as_ref()
            .is_some_and(|a| a.kind == AddedKind::Unit)
    }
}

impl Section {
    /// The key under which a field's answer is stored in a draft: "II.1/a".
    pub fn answer_key(&self, field: &Field) -> String {
        answer_key(&self.id, &field.id)
    }
}

/// The key under which a field's answer is stored in a draft: "II.1/a".
pub fn answer_key(section: &str, field: &str) -> String {
    format!("{section}/{field}")
}
