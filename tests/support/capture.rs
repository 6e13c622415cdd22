//! A tiny `tracing` subscriber that keeps every event, with its fields as
//! text, for the tests of what error-catalog logs. It is the process's
//! global subscriber: [`install`] it once in every test that reads
//! [`captured`].

use std::fmt;
use std::sync::{Mutex, Once};

use tracing::field::{Field, Visit};
use tracing::span::{Attributes, Id, Record};
use tracing::{Event, Level, Metadata, Subscriber};

/// One event, as the subscriber saw it.
#[derive(Debug, Clone)]
pub struct Captured {
    pub level: Level,
    pub target: String,
    pub fields: Vec<(String, String)>,
}

impl Captured {
    /// The text of the field `name`, if the event has it.
    pub fn field(&self, name: &str) -> Option<&str> {
        self.fields
            .iter()
            .find(|(n, _)| n == name)
            .map(|(_, v)| v.as_str())
    }
}

static EVENTS: Mutex<Vec<Captured>> = Mutex::new(Vec::new());

/// Every event captured so far, by every test of this binary.
pub fn captured() -> Vec<Captured> {
    EVENTS.lock().unwrap_or_else(|e| e.into_inner()).clone()
}

/// Makes the capturing subscriber the global one (once).
pub fn install() {
    static ONCE: Once = Once::new();
    ONCE.call_once(|| {
        tracing::subscriber::set_global_default(Capture).expect("the only subscriber");
    });
}

struct Capture;

struct Fields<'a>(&'a mut Vec<(String, String)>);

impl Visit for Fields<'_> {
    fn record_str(&mut self, field: &Field, value: &str) {
        self.0.push((field.name().to_owned(), value.to_owned()));
    }
    fn record_u64(&mut self, field: &Field, value: u64) {
        self.0.push((field.name().to_owned(), value.to_string()));
    }
    fn record_debug(&mut self, field: &Field, value: &dyn fmt::Debug) {
        self.0.push((field.name().to_owned(), format!("{value:?}")));
    }
}

impl Subscriber for Capture {
    fn enabled(&self, _: &Metadata<'_>) -> bool {
        true
    }
    fn new_span(&self, _: &Attributes<'_>) -> Id {
        Id::from_u64(1)
    }
    fn record(&self, _: &Id, _: &Record<'_>) {}
    fn record_follows_from(&self, _: &Id, _: &Id) {}
    fn event(&self, event: &Event<'_>) {
        let mut fields = Vec::new();
        event.record(&mut Fields(&mut fields));
        EVENTS
            .lock()
            .unwrap_or_else(|e| e.into_inner())
            .push(Captured {
                level: *event.metadata().level(),
                target: event.metadata().target().to_owned(),
                fields,
            });
    }
    fn enter(&self, _: &Id) {}
    fn exit(&self, _: &Id) {}
}
