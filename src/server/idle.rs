//! The idle timeout: a connection on which no byte has moved, either way,
//! for the idle time while no request is being handled, is ended. hyper has
//! no such timeout, so the socket itself keeps the clock: a read that finds
//! the connection idle too long reads end-of-stream (hyper then closes the
//! connection as if the client had), and a write that has stalled that long
//! fails.

use std::future::Future;
use std::pin::Pin;
use std::sync::atomic::{AtomicUsize, Ordering};
use std::sync::Arc;
use std::task::{Context, Poll};
use std::time::Duration;

use tokio::io::{AsyncRead, AsyncWrite, ReadBuf};
use tokio::net::TcpStream;
use tokio::time::{Instant, Sleep};

/// Counts a request as being handled for as long as it lives, so that the
/// idle clock of [`ClientSocket`] does not run meanwhile.
pub(super) struct Busy(Arc<AtomicUsize>);

impl Busy {
    pub(super) fn new(count: Arc<AtomicUsize>) -> Self {
        count.fetch_add(1, Ordering::SeqCst);
        Busy(count)
    }
}

impl Drop for Busy {
    fn drop(&mut self) {
        self.0.fetch_sub(1, Ordering::SeqCst);
    }
}

/// The client's socket, with the idle clock: no byte moved, either way, for
/// `idle`, while no request is being handled, and a read returns
/// end-of-stream (hyper then closes the connection) and a stalled write
/// fails.
pub(super) struct ClientSocket {
    socket: TcpStream,
    idle: Duration,
    /// Requests being handled on this connection; see [`Busy`].
    busy: Arc<AtomicUsize>,
    /// Whether the last look found a request being handled: the clock then
    /// restarts when it ends.
    was_busy: bool,
    /// When a byte last moved.
    last_active: Instant,
    /// Wakes the connection at `last_active + idle`.
    timer: Pin<Box<Sleep>>,
}

impl ClientSocket {
    pub(super) fn new(socket: TcpStream, idle: Duration, busy: Arc<AtomicUsize>) -> Self {
        let now = Instant::now();
        ClientSocket {
            socket,
            idle,
            busy,
            was_busy: false,
            last_active: now,
            timer: Box::pin(tokio::time::sleep_until(now + idle)),
        }
    }

    /// Whether the connection has been idle for too long; if not, `cx` is
    /// woken when it may have been.
    fn idle_too_long(&mut self, cx: &mut Context<'_>) -> bool {
        if self.busy.load(Ordering::SeqCst) > 0 {
            self.was_busy = true;
            return false;
        }
        if std::mem::take(&mut self.was_busy) {
            self.last_active = Instant::now();
        }
        let deadline = self.last_active + self.idle;
        if self.timer.deadline() != deadline {
            self.timer.as_mut().reset(deadline);
        }
        self.timer.as_mut().poll(cx).is_ready()
    }

    fn moved(&mut self, bytes: usize) {
        if bytes > 0 {
            self.last_active = Instant::now();
        }
    }

    fn stalled_write<T>(&mut self, cx: &mut Context<'_>) -> Poll<std::io::Result<T>> {
        if self.idle_too_long(cx) {
            Poll::Ready(Err(std::io::Error::new(
                std::io::ErrorKind::TimedOut,
                "the client read nothing for the idle time",
            )))
        } else {
            Poll::Pending
        }
    }
}

impl AsyncRead for ClientSocket {
    fn poll_read(
        self: Pin<&mut Self>,
        cx: &mut Context<'_>,
        buf: &mut ReadBuf<'_>,
    ) -> Poll<std::io::Result<()>> {
        let this = self.get_mut();
        let before = buf.filled().len();
        match Pin::new(&mut this.socket).poll_read(cx, buf) {
            Poll::Ready(Ok(())) => {
                this.moved(buf.filled().len() - before);
                Poll::Ready(Ok(()))
            }
            // Nothing read: end-of-stream, as if the client had closed.
            Poll::Pending if this.idle_too_long(cx) => Poll::Ready(Ok(())),
            other => other,
        }
    }
}

impl AsyncWrite for ClientSocket {
    fn poll_write(
        self: Pin<&mut Self>,
        cx: &mut Context<'_>,
        buf: &[u8],
    ) -> Poll<std::io::Result<usize>> {
        let this = self.get_mut();
        match Pin::new(&mut this.socket).poll_write(cx, buf) {
            Poll::Ready(Ok(n)) => {
                this.moved(n);
                Poll::Ready(Ok(n))
            }
            Poll::Pending => this.stalled_write(cx),
            other => other,
        }
    }

    fn poll_write_vectored(
        self: Pin<&mut Self>,
        cx: &mut Context<'_>,
        bufs: &[std::io::IoSlice<'_>],
    ) -> Poll<std::io::Result<usize>> {
        let this = self.get_mut();
        match Pin::new(&mut this.socket).poll_write_vectored(cx, bufs) {
            Poll::Ready(Ok(n)) => {
                this.moved(n);
                Poll::Ready(Ok(n))
            }
            Poll::Pending => this.stalled_write(cx),
            other => other,
        }
    }

    fn is_write_vectored(&self) -> bool {
        self.socket.is_write_vectored()
    }

    fn poll_flush(self: Pin<&mut Self>, cx: &mut Context<'_>) -> Poll<std::io::Result<()>> {
        Pin::new(&mut self.get_mut().socket).poll_flush(cx)
    }

    fn poll_shutdown(self: Pin<&mut Self>, cx: &mut Context<'_>) -> Poll<std::io::Result<()>> {
        Pin::new(&mut self.get_mut().socket).poll_shutdown(cx)
    }
}
