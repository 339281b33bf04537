//! Check kind `AnswersRequired` (R10): every narrative answer is written, or explicitly
//! marked "Không phát sinh" (nothing to report).

use super::{Ctx, Place, Problem};
use crate::template::{FieldKind, RuleSpec};

pub(super) fn required(ctx: &mut Ctx<'_>, rule: &RuleSpec) {
    for section in ctx.template.steps() {
        for field in section.fields.iter().filter(|f| f.kind == FieldKind::Text) {
            let answered = ctx
                .draft
                .answer(&section.id, &field.id)
                .is_some_and(|a| a.nothing_to_report || !a.text.trim().is_empty());
            if !answered {
                let place = Place::Answer {
                    section: section.id.clone(),
                    field: field.id.clone(),
                };
                ctx.push(rule, place, Problem::Unanswered);
            }
        }
    }
}
