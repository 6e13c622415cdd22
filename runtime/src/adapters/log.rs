//! Logging of server errors as they become responses (feature `tracing`).

use core::fmt;
use std::error::Error;

use crate::ApiError;

/// How many sources a logged chain shows at most: a guard against an error
/// whose `source()` chain never ends.
const MAX_SOURCES: usize = 64;

/// Logs a 5xx error at error level: its message (the one the client gets),
/// `code`, `status`, and `sources`, the whole source chain, outermost first.
/// A 4xx error is the client's mistake, not the server's: it is only logged
/// at debug level, with its code and status.
///
/// The sources' text goes to the log only; the response carries the message
/// that the catalog's template makes and nothing else.
#[inline]
pub(crate) fn server_error<E: ApiError + ?Sized>(error: &E) {
    // Both events are at ERROR or DEBUG level: when not even ERROR is
    // enabled, nothing is logged, and nothing needs computing.
    if tracing::Level::ERROR > tracing::level_filters::STATIC_MAX_LEVEL
        || tracing::Level::ERROR > tracing::level_filters::LevelFilter::current()
    {
        return;
    }
    log(error);
}

/// The target of every event this crate logs, whatever module it comes
/// from: a subscriber filters on it (`RUST_LOG=error_catalog::log=debug`).
pub(crate) const TARGET: &str = "error_catalog::log";

#[inline(never)]
fn log<E: ApiError + ?Sized>(error: &E) {
    let status = error.status();
    if status.is_server_error() {
        tracing::error!(
            target: TARGET,
            code = error.code(),
            status = status.as_u16(),
            sources = ?Sources(error.source()),
            "{}",
            error,
        );
    } else {
        tracing::debug!(target: TARGET, code = error.code(), status = status.as_u16(), "{}", error);
    }
}

/// A source chain, displayed as a list of each source's `Display`:
/// `["query failed", "connection refused"]`.
struct Sources<'a>(Option<&'a (dyn Error + 'static)>);

impl fmt::Debug for Sources<'_> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let mut list = f.debug_list();
        let mut next = self.0;
        let mut shown = 0;
        while let Some(source) = next {
            if shown == MAX_SOURCES {
                list.entry(&format_args!("..."));
                break;
            }
            list.entry(&source.to_string());
            shown += 1;
            next = source.source();
        }
        list.finish()
    }
}
