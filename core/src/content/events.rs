//! `events.toml` → the joint calendar.

use std::collections::{BTreeSet, HashMap};

use super::check::{Checker, TextRule};
use super::model::Event;
use super::raw::RawEvents;
use crate::source::SourceFile;

const TITLE_MAX: usize = 70;

/// `town_ids` are the ids of the pack's towns, for checking references.
pub(crate) fn events(
    check: &mut Checker,
    file: &SourceFile,
    raw: &RawEvents,
    town_ids: &BTreeSet<String>,
) -> Vec<Event> {
    let mut first_line_of_id: HashMap<String, usize> = HashMap::new();
    let mut events: Vec<Event> = raw
        .event
        .iter()
        .map(|event| {
            let id = check.id(file, &event.id, "event id");
            let line = file.line_of(&event.id.span());
            if let Some(first) = first_line_of_id.get(&id) {
                check.report(
                    file,
                    &event.id.span(),
                    format!("duplicate event id `{id}` (first at line {first})"),
                );
            } else {
                first_line_of_id.insert(id.clone(), line);
            }
            let town = event.town.get_ref().clone();
            if !town_ids.contains(&town) {
                check.report(
                    file,
                    &event.town.span(),
                    format!("event `{id}`: town `{town}` is not in the pack"),
                );
            }
            let start = check.date(file, &event.start, "start");
            let end = check.date(file, &event.end, "end");
            if end < start {
                check.report(
                    file,
                    &event.end.span(),
                    format!("event `{id}` ends ({end}) before it starts ({start})"),
                );
            }
            Event {
                title: check.text(
                    file,
                    &event.title,
                    &format!("event `{id}` title"),
                    TextRule::Short(TITLE_MAX),
                ),
                text: check.text(
                    file,
                    &event.text,
                    &format!("event `{id}` text"),
                    TextRule::Long,
                ),
                category: *event.category.get_ref(),
                id,
                town,
                start,
                end,
            }
        })
        .collect();
    events.sort_by(|a, b| (a.start, &a.id).cmp(&(b.start, &b.id)));
    events
}
