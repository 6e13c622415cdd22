//! How the License API server meets its clients: the accept loop, the three
//! timeouts, and the reading of request bodies.
//!
//! axum's own `serve` sets no timeout, so the server runs its own loop over
//! hyper's HTTP/1 connection builder:
//!
//! - **head**: hyper's header-read timeout, which runs from the moment the
//!   connection is ready for a request (just accepted, or its previous
//!   response written) to the end of the request's head;
//! - **idle**: [`ClientSocket`] (in `idle.rs`) wraps the socket and ends a
//!   connection on which no byte has moved, either way, for the idle time
//!   while no request is being handled;
//! - **body**: [`handle`] gives the router a [`RequestBody`] that fails once
//!   the body-read time has passed since the head.
//!
//! A request's body is read whole before its answer goes out, even when the
//! handler answered without it (a missing `Authorization`, a wrong content
//! type, a body on a `GET`), so the connection stays usable for the next
//! request. When the body cannot be read whole (declared or found larger than
//! [`BODY_LIMIT`], late, or broken), the answer says `connection: close` and
//! the server closes the connection after it. A body declared larger than the
//! limit is refused at once, before routing and without a `100 Continue`.

use std::future::{poll_fn, Future};
use std::pin::{pin, Pin};
use std::sync::atomic::AtomicUsize;
use std::sync::{Arc, Mutex, MutexGuard};
use std::task::{ready, Context, Poll};
use std::time::Duration;

use axum::response::{IntoResponse, Response};
use axum::Router;
use bytes::Bytes;
use http::header::{HeaderValue, CONNECTION};
use hyper::body::{Body, Frame, Incoming, SizeHint};
use hyper::server::conn::http1;
use hyper_util::rt::{TokioIo, TokioTimer};
use hyper_util::server::graceful::GracefulShutdown;
use tokio::net::TcpListener;
use tokio::time::{Instant, Sleep};
use tower_service::Service;

use super::idle::{Busy, ClientSocket};
use super::BODY_LIMIT;
use crate::LicenseApiError;

/// How long the License API server waits on a client before it closes the
/// connection.
///
/// | limit | production value ([`Timeouts::default`]) | the clock runs | when it runs out |
/// | --- | --- | --- | --- |
/// | [`header_read`](Timeouts::header_read) | 10 s | from the moment the connection is ready for a request (just accepted, or its previous response written) to the end of the request's head | the connection is closed, with no answer |
/// | [`idle`](Timeouts::idle) | 5 s | while no request is being handled, from the last byte that moved either way | the connection is closed, with no answer |
/// | [`body_read`](Timeouts::body_read) | 10 s | from the end of the request's head to the end of its body | the answer is a `validation_error` with `connection: close`, then the connection is closed |
///
/// A client that trickles its head a byte at a time meets `header_read`; a
/// keep-alive connection left unused, or a client that stops reading the
/// answers, meets `idle`; a half-sent body meets `body_read`. Since hyper
/// starts the head's clock as soon as the connection is ready for a request,
/// an unused connection is closed after the shorter of `idle` and
/// `header_read`.
///
/// ```
/// use std::time::Duration;
/// use error_catalog_examples::server::Timeouts;
///
/// let production = Timeouts::default();
/// assert_eq!(production.header_read, Duration::from_secs(10));
/// assert_eq!(production.idle, Duration::from_secs(5));
/// assert_eq!(production.body_read, Duration::from_secs(10));
///
/// // Shorter limits, as the tests use them.
/// let short = Timeouts { idle: Duration::from_secs(1), ..production };
/// assert_eq!(short.header_read, Duration::from_secs(10));
/// ```
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Timeouts {
    /// The longest a request's head may take to arrive, counted from the
    /// moment the connection is ready for it.
    pub header_read: Duration,
    /// The longest a connection may stay without a byte moving while no
    /// request is being handled.
    pub idle: Duration,
    /// The longest a request's body may take to arrive, counted from the end
    /// of its head.
    pub body_read: Duration,
}

impl Default for Timeouts {
    /// The production values: 10 s for the head, 5 s idle, 10 s for the
    /// body.
    fn default() -> Self {
        Timeouts {
            header_read: Duration::from_secs(10),
            idle: Duration::from_secs(5),
            body_read: Duration::from_secs(10),
        }
    }
}

/// How long the accept loop waits after an error that is not about one
/// connection (too many open files, say) before it accepts again.
const ACCEPT_BACKOFF: Duration = Duration::from_secs(1);

/// Serves `router` on `listener` until `shutdown` completes, then stops
/// accepting, lets each open connection finish the request it is on (an
/// idle one is closed at once), and returns when all are closed.
pub(super) async fn serve(
    listener: TcpListener,
    router: Router,
    timeouts: Timeouts,
    shutdown: impl Future<Output = ()>,
) -> std::io::Result<()> {
    let mut builder = http1::Builder::new();
    builder
        .timer(TokioTimer::new())
        .header_read_timeout(timeouts.header_read);
    let graceful = GracefulShutdown::new();
    let mut shutdown = pin!(shutdown);

    loop {
        let stream = tokio::select! {
            accepted = listener.accept() => match accepted {
                Ok((stream, _)) => stream,
                Err(error) if is_about_one_connection(&error) => continue,
                Err(error) => {
                    tracing::error!(%error, "accepting a connection failed; trying again in 1 s");
                    tokio::time::sleep(ACCEPT_BACKOFF).await;
                    continue;
                }
            },
            () = &mut shutdown => break,
        };
        let busy = Arc::new(AtomicUsize::new(0));
        let io = TokioIo::new(ClientSocket::new(stream, timeouts.idle, busy.clone()));
        let router = router.clone();
        let service = hyper::service::service_fn(move |request| {
            handle(router.clone(), busy.clone(), timeouts.body_read, request)
        });
        let connection = graceful.watch(builder.serve_connection(io, service));
        tokio::spawn(async move {
            // A client that breaks the protocol, or times out, ends its own
            // connection; there is no one else to tell.
            let _ = connection.await;
        });
    }

    drop(listener);
    graceful.shutdown().await;
    Ok(())
}

/// Errors of `accept` that concern one connection only; the next `accept`
/// may well succeed at once.
fn is_about_one_connection(error: &std::io::Error) -> bool {
    use std::io::ErrorKind::{ConnectionAborted, ConnectionRefused, ConnectionReset};
    matches!(
        error.kind(),
        ConnectionAborted | ConnectionRefused | ConnectionReset
    )
}

/// The message of the `validation_error` for a body over [`BODY_LIMIT`].
pub(super) const BODY_TOO_LARGE: &str = "The request body is too large";

/// One request: refuse a body declared over the limit, route the request
/// with its body cut off at the deadline, then read what the handler left
/// of the body before the answer goes out.
async fn handle(
    mut router: Router,
    busy: Arc<AtomicUsize>,
    body_read: Duration,
    request: http::Request<Incoming>,
) -> Result<Response, std::convert::Infallible> {
    let _busy = Busy::new(busy);
    let deadline = Instant::now() + body_read;

    // hyper reads `content-length` into the body's size hint. Refusing here,
    // before the body is polled, means hyper never sends `100 Continue`.
    if request.body().size_hint().lower() > BODY_LIMIT as u64 {
        return Ok(closing(
            LicenseApiError::Validation(BODY_TOO_LARGE.to_owned()).into_response(),
        ));
    }

    let (parts, incoming) = request.into_parts();
    let shared = Arc::new(Mutex::new(Shared {
        incoming,
        read: 0,
        failed: false,
    }));
    let body = RequestBody {
        shared: shared.clone(),
        deadline: Box::pin(tokio::time::sleep_until(deadline)),
    };
    let request = http::Request::from_parts(parts, axum::body::Body::new(body));
    poll_fn(|cx| Service::<axum::extract::Request>::poll_ready(&mut router, cx)).await?;
    let response = router.call(request).await?;

    let drained = tokio::time::timeout_at(deadline, drain(&shared)).await;
    Ok(match drained {
        Ok(true) => response,
        Ok(false) | Err(_) => closing(response),
    })
}

/// `response`, marked as the last one on its connection: hyper closes the
/// connection once it is written.
fn closing(mut response: Response) -> Response {
    response
        .headers_mut()
        .insert(CONNECTION, HeaderValue::from_static("close"));
    response
}

/// A request's body, shared between the router's [`RequestBody`] and
/// [`handle`], which reads what the router left.
struct Shared {
    incoming: Incoming,
    /// The data bytes read so far, by either.
    read: usize,
    /// Whether reading failed: the client broke the body, or it came late.
    failed: bool,
}

fn lock(shared: &Mutex<Shared>) -> MutexGuard<'_, Shared> {
    // Nothing that holds the lock can panic half-way through an update.
    shared
        .lock()
        .unwrap_or_else(|poisoned| poisoned.into_inner())
}

impl Shared {
    fn poll_frame(&mut self, cx: &mut Context<'_>) -> Poll<Option<hyper::Result<Frame<Bytes>>>> {
        let frame = ready!(Pin::new(&mut self.incoming).poll_frame(cx));
        match &frame {
            Some(Ok(frame)) => {
                let data = frame.data_ref().map_or(0, Bytes::len);
                self.read = self.read.saturating_add(data);
            }
            Some(Err(_)) => self.failed = true,
            None => {}
        }
        Poll::Ready(frame)
    }
}

/// Reads the rest of the body. `true` once it has ended within
/// [`BODY_LIMIT`]; `false` if it is over the limit, broken or late.
async fn drain(shared: &Mutex<Shared>) -> bool {
    poll_fn(|cx| loop {
        let mut shared = lock(shared);
        if shared.failed || shared.read > BODY_LIMIT {
            return Poll::Ready(false);
        }
        if ready!(shared.poll_frame(cx)).is_none() {
            return Poll::Ready(true);
        }
    })
    .await
}

/// Why the router could not read a body.
#[derive(Debug)]
enum BodyError {
    /// The body-read time ran out.
    Late,
    /// hyper's own error: the client closed the connection mid-body, or sent
    /// a broken chunk.
    Broken(hyper::Error),
}

impl std::fmt::Display for BodyError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            BodyError::Late => f.write_str("the request body did not arrive in time"),
            BodyError::Broken(error) => error.fmt(f),
        }
    }
}

impl std::error::Error for BodyError {
    fn source(&self) -> Option<&(dyn std::error::Error + 'static)> {
        match self {
            BodyError::Late => None,
            BodyError::Broken(error) => Some(error),
        }
    }
}

/// The body the router reads: the request's, until the body-read deadline.
struct RequestBody {
    shared: Arc<Mutex<Shared>>,
    deadline: Pin<Box<Sleep>>,
}

impl Body for RequestBody {
    type Data = Bytes;
    type Error = BodyError;

    fn poll_frame(
        mut self: Pin<&mut Self>,
        cx: &mut Context<'_>,
    ) -> Poll<Option<Result<Frame<Bytes>, BodyError>>> {
        let this = &mut *self;
        let mut shared = lock(&this.shared);
        if let Poll::Ready(frame) = shared.poll_frame(cx) {
            return Poll::Ready(frame.map(|frame| frame.map_err(BodyError::Broken)));
        }
        ready!(this.deadline.as_mut().poll(cx));
        shared.failed = true;
        Poll::Ready(Some(Err(BodyError::Late)))
    }

    fn is_end_stream(&self) -> bool {
        lock(&self.shared).incoming.is_end_stream()
    }

    fn size_hint(&self) -> SizeHint {
        lock(&self.shared).incoming.size_hint()
    }
}
