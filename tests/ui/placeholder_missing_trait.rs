#![allow(dead_code)]

use error_catalog::ApiError;

#[derive(Debug)]
struct NoDisplay;

struct NoDebug;

// A field whose type lacks the trait its placeholder needs is reported at the
// message, naming the trait. (A path displays through `.display()`; an
// `Option` of one does not.)
#[derive(ApiError)]
#[api_error(status = 400)]
enum ThreadError {
    #[api_error(code = "thread", message = "thread: {thread}")]
    Thread { thread: NoDisplay },
    #[api_error(code = "only", message = "{0}")]
    Only(NoDisplay),
    #[api_error(code = "debug", message = "thread: {thread:?}")]
    Debugged { thread: NoDebug },
    #[api_error(code = "pointer", message = "at {0:p}")]
    Pointer(String),
    #[api_error(code = "file", message = "failed to read '{0}'")]
    File(Option<std::path::PathBuf>),
}

impl std::fmt::Debug for ThreadError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str("ThreadError")
    }
}

fn main() {}
