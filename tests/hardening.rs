//! The License API example server against clients that break the rules:
//! stalled connections, bodies the handler does not read, bodies over the
//! limit, `Expect: 100-continue`, and bytes that are not HTTP/1.1.
//!
//! Every test talks to its own server on 127.0.0.1 through a raw TCP socket,
//! so it sees exactly the bytes the server sends, and when it closes. The
//! timeout tests shorten one limit to 1 s and leave the others at 60 s, so
//! that the limit under test is the only one that can close the connection;
//! they allow 5 s for it, so they hold on a busy machine. Every read is
//! bounded.

use std::net::SocketAddr;
use std::sync::Arc;
use std::time::{Duration, Instant};

use error_catalog_examples::server::{self, seed, Store, Timeouts};
use tokio::io::{AsyncReadExt, AsyncWriteExt};
use tokio::net::TcpStream;
use tokio::sync::oneshot;
use tokio::task::JoinHandle;

/// The limit under test, in the timeout tests.
const SHORT: Duration = Duration::from_secs(1);
/// Every other limit, in the timeout tests: never reached.
const LONG: Duration = Duration::from_secs(60);
/// How long a test waits for something the server must do at once, or
/// within a 1 s limit.
const PATIENCE: Duration = Duration::from_secs(5);

struct Server {
    addr: SocketAddr,
    stop: oneshot::Sender<()>,
    task: JoinHandle<std::io::Result<()>>,
}

impl Server {
    async fn start(timeouts: Timeouts) -> Server {
        let listener = tokio::net::TcpListener::bind("127.0.0.1:0").await.unwrap();
        let addr = listener.local_addr().unwrap();
        let (stop, stopped) = oneshot::channel::<()>();
        let task = tokio::spawn(server::serve_with(
            listener,
            Arc::new(Store::seeded()),
            timeouts,
            async {
                let _ = stopped.await;
            },
        ));
        Server { addr, stop, task }
    }

    /// The production timeouts: no test waits for them.
    async fn production() -> Server {
        Server::start(Timeouts::default()).await
    }

    async fn connect(&self) -> TcpStream {
        TcpStream::connect(self.addr).await.unwrap()
    }

    /// Stops the server, and checks that it returns within [`PATIENCE`].
    async fn stop(self) {
        let _ = self.stop.send(());
        tokio::time::timeout(PATIENCE, self.task)
            .await
            .expect("the server stops within 5 s")
            .unwrap()
            .unwrap();
    }
}

/// One response, as sent.
#[derive(Debug)]
struct Answer {
    status_line: String,
    headers: Vec<(String, String)>,
    body: Vec<u8>,
}

impl Answer {
    fn header(&self, name: &str) -> Option<&str> {
        let mut values = self
            .headers
            .iter()
            .filter(|(n, _)| n.eq_ignore_ascii_case(name))
            .map(|(_, v)| v.as_str());
        let value = values.next();
        assert!(values.next().is_none(), "one `{name}` in {self:?}");
        value
    }

    fn closes(&self) -> bool {
        self.header("connection") == Some("close")
    }

    fn body(&self) -> &str {
        std::str::from_utf8(&self.body).unwrap()
    }

    /// A catalog error: its status line, `content-type: application/json`
    /// and the body, byte for byte.
    #[track_caller]
    fn assert_error(&self, status_line: &str, body: &str) {
        assert_eq!(self.status_line, status_line, "{self:?}");
        assert_eq!(
            self.header("content-type"),
            Some("application/json"),
            "{self:?}"
        );
        assert_eq!(self.body(), body);
    }
}

/// Reads one response from `stream`: its head, then `content-length` bytes
/// of body. `None` if the stream ends before the first byte.
async fn read_answer(stream: &mut TcpStream, pending: &mut Vec<u8>) -> Option<Answer> {
    let read = async {
        let head_end = loop {
            if let Some(at) = pending.windows(4).position(|w| w == b"\r\n\r\n") {
                break at;
            }
            let mut chunk = [0; 4096];
            let n = stream.read(&mut chunk).await.expect("read");
            if n == 0 {
                assert!(pending.is_empty(), "a truncated head: {pending:?}");
                return None;
            }
            pending.extend_from_slice(&chunk[..n]);
        };
        let head = String::from_utf8(pending[..head_end].to_vec()).expect("a text head");
        pending.drain(..head_end + 4);
        let mut lines = head.split("\r\n");
        let status_line = lines.next().unwrap().to_owned();
        let headers: Vec<(String, String)> = lines
            .map(|line| {
                let (name, value) = line.split_once(':').expect("name: value");
                (name.to_owned(), value.trim().to_owned())
            })
            .collect();
        let mut answer = Answer {
            status_line,
            headers,
            body: Vec::new(),
        };
        let length: usize = match answer.header("content-length") {
            Some(length) => length.parse().unwrap(),
            None => 0,
        };
        while pending.len() < length {
            let mut chunk = [0; 4096];
            let n = stream.read(&mut chunk).await.expect("read");
            assert!(n > 0, "a truncated body");
            pending.extend_from_slice(&chunk[..n]);
        }
        answer.body = pending.drain(..length).collect();
        Some(answer)
    };
    tokio::time::timeout(PATIENCE, read)
        .await
        .expect("an answer within 5 s")
}

/// Reads `stream` to its end, which must come within `within`; returns what
/// was read. A reset counts as an end.
async fn read_to_close(stream: &mut TcpStream, within: Duration) -> Vec<u8> {
    let mut all = Vec::new();
    let read = async {
        loop {
            let mut chunk = [0; 4096];
            match stream.read(&mut chunk).await {
                Ok(0) => break,
                Ok(n) => all.extend_from_slice(&chunk[..n]),
                Err(error) if error.kind() == std::io::ErrorKind::ConnectionReset => break,
                Err(error) => panic!("read: {error}"),
            }
        }
    };
    tokio::time::timeout(within, read)
        .await
        .unwrap_or_else(|_| panic!("the server closes the connection within {within:?}"));
    all
}

fn check_path() -> String {
    format!(
        "/api/v4/check_license?license_key={}&hardware_id={}&product={}",
        seed::ACTIVE_KEY,
        seed::ACTIVE_DEVICE,
        seed::PRODUCT
    )
}

fn params() -> String {
    format!(
        r#"{{"license_key":"{}","hardware_id":"device-2","product":"{}"}}"#,
        seed::ACTIVE_KEY,
        seed::PRODUCT
    )
}

/// A request with a `content-length` body.
fn request(method: &str, path: &str, headers: &[&str], body: &str) -> String {
    let mut request = format!("{method} {path} HTTP/1.1\r\nhost: test\r\n");
    for header in headers {
        request.push_str(header);
        request.push_str("\r\n");
    }
    if !body.is_empty() {
        request.push_str(&format!("content-length: {}\r\n", body.len()));
    }
    request.push_str("\r\n");
    request.push_str(body);
    request
}

const AUTH: &str = "authorization: demo";
const JSON: &str = "content-type: application/json";

const MISSING_AUTHORIZATION: &str =
    r#"{"status":400,"code":"missing_headers","message":"Missing header: Authorization"}"#;
const NOT_JSON: &str = r#"{"status":400,"code":"validation_error","message":"Expected a request with content-type application/json"}"#;
const NOT_FOUND: &str = r#"{"status":404,"code":"not_found","message":"Not found"}"#;
const TOO_LARGE: &str =
    r#"{"status":400,"code":"validation_error","message":"The request body is too large"}"#;
const UNREADABLE: &str =
    r#"{"status":400,"code":"validation_error","message":"The request body could not be read"}"#;

/// The requests that the router answers without reading their body, each
/// with its answer.
fn answered_before_the_body() -> Vec<(String, &'static str, &'static str)> {
    let body = params();
    vec![
        (
            request("POST", "/api/v4/activate_license", &[JSON], &body),
            "HTTP/1.1 400 Bad Request",
            MISSING_AUTHORIZATION,
        ),
        (
            request(
                "POST",
                "/api/v4/activate_license",
                &[AUTH, "content-type: text/plain"],
                &body,
            ),
            "HTTP/1.1 400 Bad Request",
            NOT_JSON,
        ),
        // A JSON body on a method that takes none.
        (
            request("GET", &check_path(), &[AUTH, JSON], &body),
            "HTTP/1.1 200 OK",
            "",
        ),
        (
            request("POST", "/api/v4/no_such_endpoint", &[AUTH, JSON], &body),
            "HTTP/1.1 404 Not Found",
            NOT_FOUND,
        ),
        (
            request("PUT", "/api/v4/activate_license", &[AUTH, JSON], &body),
            "HTTP/1.1 404 Not Found",
            NOT_FOUND,
        ),
        // A chunked body, in two chunks.
        (
            format!(
                "POST /api/v4/deactivate_license HTTP/1.1\r\nhost: test\r\n{JSON}\r\ntransfer-encoding: chunked\r\n\r\n5\r\n{}\r\n{:x}\r\n{}\r\n0\r\n\r\n",
                &body[..5],
                body.len() - 5,
                &body[5..],
            ),
            "HTTP/1.1 400 Bad Request",
            MISSING_AUTHORIZATION,
        ),
    ]
}

#[tokio::test]
async fn an_answer_given_before_the_body_keeps_the_connection_usable() {
    let server = Server::production().await;
    let mut stream = server.connect().await;
    let mut pending = Vec::new();
    for (request, status_line, body) in answered_before_the_body() {
        stream.write_all(request.as_bytes()).await.unwrap();
        let answer = read_answer(&mut stream, &mut pending)
            .await
            .expect("an answer");
        assert_eq!(answer.status_line, status_line, "{request}");
        if !body.is_empty() {
            answer.assert_error(status_line, body);
        }
        assert!(!answer.closes(), "{request}: {answer:?}");
    }
    // The same connection still serves a request: it was not closed.
    let check = request("GET", &check_path(), &[AUTH], "");
    stream.write_all(check.as_bytes()).await.unwrap();
    let answer = read_answer(&mut stream, &mut pending).await.unwrap();
    assert_eq!(answer.status_line, "HTTP/1.1 200 OK");
    assert!(answer.body().contains(r#""license_active":true"#));
    server.stop().await;
}

#[tokio::test]
async fn pipelined_requests_answered_before_their_bodies_are_all_answered_in_order() {
    let server = Server::production().await;
    let mut stream = server.connect().await;
    let cases = answered_before_the_body();
    let all: String = cases.iter().map(|(request, ..)| request.as_str()).collect();
    stream.write_all(all.as_bytes()).await.unwrap();
    let mut pending = Vec::new();
    for (request, status_line, _) in &cases {
        let answer = read_answer(&mut stream, &mut pending).await.unwrap();
        assert_eq!(answer.status_line, *status_line, "{request}");
    }
    server.stop().await;
}

#[tokio::test]
async fn a_body_declared_over_the_limit_is_refused_at_once_and_the_connection_closed() {
    let server = Server::production().await;
    let mut stream = server.connect().await;
    // The head alone: the answer must not wait for the body.
    let head = format!(
        "POST /api/v4/activate_license HTTP/1.1\r\nhost: test\r\n{AUTH}\r\n{JSON}\r\ncontent-length: {}\r\n\r\n",
        server::BODY_LIMIT + 1
    );
    stream.write_all(head.as_bytes()).await.unwrap();
    let answer = read_answer(&mut stream, &mut Vec::new()).await.unwrap();
    answer.assert_error("HTTP/1.1 400 Bad Request", TOO_LARGE);
    assert!(answer.closes(), "{answer:?}");
    let rest = read_to_close(&mut stream, PATIENCE).await;
    assert!(rest.is_empty(), "{rest:?}");
    server.stop().await;
}

#[tokio::test]
async fn expect_100_continue_over_the_limit_gets_the_rejection_instead_of_100_continue() {
    let server = Server::production().await;
    let mut stream = server.connect().await;
    let head = format!(
        "POST /api/v4/activate_license HTTP/1.1\r\nhost: test\r\n{AUTH}\r\n{JSON}\r\nexpect: 100-continue\r\ncontent-length: {}\r\n\r\n",
        server::BODY_LIMIT * 64
    );
    stream.write_all(head.as_bytes()).await.unwrap();
    let all = read_to_close(&mut stream, PATIENCE).await;
    let all = String::from_utf8(all).unwrap();
    assert!(
        all.starts_with("HTTP/1.1 400 Bad Request\r\n"),
        "the first answer is the rejection: {all}"
    );
    assert!(!all.contains("100 Continue"), "{all}");
    assert!(all.contains("\r\nconnection: close\r\n"), "{all}");
    assert!(all.ends_with(&format!("\r\n\r\n{TOO_LARGE}")), "{all}");
    server.stop().await;
}

#[tokio::test]
async fn expect_100_continue_within_the_limit_gets_100_continue_then_the_answer() {
    let server = Server::production().await;
    let mut stream = server.connect().await;
    let body = params();
    let head = format!(
        "POST /api/v4/activate_license HTTP/1.1\r\nhost: test\r\n{AUTH}\r\n{JSON}\r\nexpect: 100-continue\r\ncontent-length: {}\r\n\r\n",
        body.len()
    );
    stream.write_all(head.as_bytes()).await.unwrap();
    let mut pending = Vec::new();
    let interim = read_answer(&mut stream, &mut pending).await.unwrap();
    assert_eq!(interim.status_line, "HTTP/1.1 100 Continue");
    stream.write_all(body.as_bytes()).await.unwrap();
    let answer = read_answer(&mut stream, &mut pending).await.unwrap();
    assert_eq!(answer.status_line, "HTTP/1.1 200 OK", "{answer:?}");
    assert!(
        answer.body().contains(r#""times_activated":2"#),
        "{answer:?}"
    );
    assert!(!answer.closes());
    server.stop().await;
}

#[tokio::test]
async fn a_chunked_body_over_the_limit_is_refused_and_the_connection_closed() {
    let server = Server::production().await;
    let mut stream = server.connect().await;
    let head = format!(
        "POST /api/v4/activate_license HTTP/1.1\r\nhost: test\r\n{AUTH}\r\n{JSON}\r\ntransfer-encoding: chunked\r\n\r\n"
    );
    stream.write_all(head.as_bytes()).await.unwrap();
    // One byte over the limit, in 1 KiB chunks, and no last chunk: the
    // server must not wait for the end of a body it refuses.
    let chunk = format!("400\r\n{}\r\n", "x".repeat(1024));
    for _ in 0..server::BODY_LIMIT / 1024 {
        stream.write_all(chunk.as_bytes()).await.unwrap();
    }
    stream.write_all(b"1\r\nx\r\n").await.unwrap();
    let answer = read_answer(&mut stream, &mut Vec::new()).await.unwrap();
    answer.assert_error("HTTP/1.1 400 Bad Request", TOO_LARGE);
    assert!(answer.closes(), "{answer:?}");
    read_to_close(&mut stream, PATIENCE).await;
    server.stop().await;
}

#[tokio::test]
async fn a_broken_chunked_body_is_answered_and_the_connection_closed() {
    let server = Server::production().await;
    let mut stream = server.connect().await;
    let request = format!(
        "POST /api/v4/activate_license HTTP/1.1\r\nhost: test\r\n{AUTH}\r\n{JSON}\r\ntransfer-encoding: chunked\r\n\r\nzz\r\n{{}}\r\n0\r\n\r\n"
    );
    stream.write_all(request.as_bytes()).await.unwrap();
    let answer = read_answer(&mut stream, &mut Vec::new()).await.unwrap();
    answer.assert_error("HTTP/1.1 400 Bad Request", UNREADABLE);
    assert!(answer.closes(), "{answer:?}");
    read_to_close(&mut stream, PATIENCE).await;
    server.stop().await;
}

// ---------------------------------------------------------------------------
// Timeouts: each stalled connection is closed within its limit.

fn only(limit: fn(&mut Timeouts) -> &mut Duration) -> Timeouts {
    let mut timeouts = Timeouts {
        header_read: LONG,
        idle: LONG,
        body_read: LONG,
    };
    *limit(&mut timeouts) = SHORT;
    timeouts
}

// Each test takes its start before the event that starts the server's clock
// (the connection, the last request), so the server cannot close the
// connection less than the limit after it.

#[tokio::test]
async fn a_connection_that_sends_nothing_is_closed_after_the_idle_time() {
    let server = Server::start(only(|t| &mut t.idle)).await;
    let start = Instant::now();
    let mut stream = server.connect().await;
    let sent = read_to_close(&mut stream, PATIENCE).await;
    assert!(sent.is_empty(), "closed without an answer: {sent:?}");
    assert!(start.elapsed() >= SHORT, "not before the limit");
    server.stop().await;
}

#[tokio::test]
async fn a_keep_alive_connection_left_unused_is_closed_after_the_idle_time() {
    let server = Server::start(only(|t| &mut t.idle)).await;
    let mut stream = server.connect().await;
    let mut pending = Vec::new();
    // Requests 0.3 s apart keep it open past the idle time.
    let mut start = Instant::now();
    for i in 0..5 {
        if i > 0 {
            tokio::time::sleep(Duration::from_millis(300)).await;
        }
        start = Instant::now();
        let check = request("GET", &check_path(), &[AUTH], "");
        stream.write_all(check.as_bytes()).await.unwrap();
        let answer = read_answer(&mut stream, &mut pending).await.unwrap();
        assert_eq!(answer.status_line, "HTTP/1.1 200 OK");
        assert!(!answer.closes());
    }
    let sent = read_to_close(&mut stream, PATIENCE).await;
    assert!(sent.is_empty(), "closed without an answer: {sent:?}");
    assert!(start.elapsed() >= SHORT, "not before the limit");
    server.stop().await;
}

#[tokio::test]
async fn a_head_trickled_byte_by_byte_is_closed_after_the_header_read_time() {
    let server = Server::start(only(|t| &mut t.header_read)).await;
    let start = Instant::now();
    let stream = server.connect().await;
    let (mut reader, mut writer) = stream.into_split();
    // A byte every 50 ms, for up to 10 s: a head that never ends.
    let trickle = tokio::spawn(async move {
        let head = format!("GET {} HTTP/1.1\r\nhost: test\r\n", check_path());
        let filler = "x-filler: 0123456789\r\n".repeat(20);
        for byte in head.bytes().chain(filler.bytes()).take(200) {
            if writer.write_all(&[byte]).await.is_err() {
                return;
            }
            tokio::time::sleep(Duration::from_millis(50)).await;
        }
    });
    let mut sent = Vec::new();
    let read = tokio::time::timeout(PATIENCE, reader.read_to_end(&mut sent)).await;
    let after = start.elapsed();
    assert!(
        matches!(read, Ok(Ok(0)) | Ok(Err(_))),
        "closed within 5 s: {read:?}"
    );
    assert!(sent.is_empty(), "closed without an answer: {sent:?}");
    assert!(after >= SHORT, "not before the limit: {after:?}");
    trickle.abort();
    server.stop().await;
}

#[tokio::test]
async fn a_half_sent_body_is_answered_and_closed_after_the_body_read_time() {
    let server = Server::start(only(|t| &mut t.body_read)).await;
    let mut stream = server.connect().await;
    let body = params();
    let start = Instant::now();
    let head = format!(
        "POST /api/v4/activate_license HTTP/1.1\r\nhost: test\r\n{AUTH}\r\n{JSON}\r\ncontent-length: {}\r\n\r\n",
        body.len()
    );
    stream.write_all(head.as_bytes()).await.unwrap();
    stream.write_all(&body.as_bytes()[..10]).await.unwrap();
    let answer = read_answer(&mut stream, &mut Vec::new()).await.unwrap();
    answer.assert_error("HTTP/1.1 400 Bad Request", UNREADABLE);
    assert!(answer.closes(), "{answer:?}");
    read_to_close(&mut stream, PATIENCE).await;
    assert!(start.elapsed() >= SHORT, "not before the limit");
    server.stop().await;
}

#[tokio::test]
async fn a_body_the_handler_does_not_read_is_still_bounded_by_the_body_read_time() {
    // A GET whose body never comes: the handler answers at once, and the
    // answer waits for the body only until the body-read time.
    let server = Server::start(only(|t| &mut t.body_read)).await;
    let mut stream = server.connect().await;
    let head = format!(
        "GET {} HTTP/1.1\r\nhost: test\r\n{AUTH}\r\ncontent-length: 100\r\n\r\n",
        check_path()
    );
    stream.write_all(head.as_bytes()).await.unwrap();
    let answer = read_answer(&mut stream, &mut Vec::new()).await.unwrap();
    assert_eq!(answer.status_line, "HTTP/1.1 200 OK");
    assert!(answer.closes(), "{answer:?}");
    read_to_close(&mut stream, PATIENCE).await;
    server.stop().await;
}

#[tokio::test]
async fn a_client_that_reads_no_answers_is_closed_after_the_idle_time() {
    let server = Server::start(only(|t| &mut t.idle)).await;
    let socket = tokio::net::TcpSocket::new_v4().unwrap();
    // A small receive window, so that the server's writes stall soon.
    socket.set_recv_buffer_size(4096).unwrap();
    let stream = socket.connect(server.addr).await.unwrap();
    let (_reader, mut writer) = stream.into_split();
    let check = request("GET", &check_path(), &[AUTH], "").repeat(100);
    // Pipelined requests, never reading an answer, until the server closes
    // the connection (bounded: at most 100,000 requests).
    let writing = async {
        for _ in 0..1_000 {
            if let Err(error) = writer.write_all(check.as_bytes()).await {
                return Some(error);
            }
        }
        None
    };
    let error = tokio::time::timeout(Duration::from_secs(20), writing)
        .await
        .expect("the server closes the connection within 20 s");
    assert!(error.is_some(), "the server stopped the client's writes");
    server.stop().await;
}

#[tokio::test]
async fn shutdown_returns_while_clients_stall() {
    let server = Server::start(Timeouts {
        body_read: SHORT,
        ..Timeouts::default()
    })
    .await;
    // One connection idle, one in the middle of a body.
    let idle = server.connect().await;
    let mut half = server.connect().await;
    let head = format!(
        "POST /api/v4/activate_license HTTP/1.1\r\nhost: test\r\n{AUTH}\r\n{JSON}\r\ncontent-length: 100\r\n\r\n{{"
    );
    half.write_all(head.as_bytes()).await.unwrap();
    tokio::time::sleep(Duration::from_millis(100)).await;
    server.stop().await;
    drop((idle, half));
}

// ---------------------------------------------------------------------------
// What hyper answers itself: bytes that are not an HTTP/1.1 request never
// reach the router.

/// Sends `request` (from another task, which may find the connection
/// closed under it), and returns all the server sent before it closed.
async fn exchange(server: &Server, request: Vec<u8>) -> String {
    let (mut reader, mut writer) = server.connect().await.into_split();
    let writing = tokio::spawn(async move {
        let _ = writer.write_all(&request).await;
        writer
    });
    let mut sent = Vec::new();
    let read = async {
        let mut chunk = [0; 4096];
        loop {
            match reader.read(&mut chunk).await {
                Ok(0) | Err(_) => break,
                Ok(n) => sent.extend_from_slice(&chunk[..n]),
            }
        }
    };
    tokio::time::timeout(PATIENCE, read)
        .await
        .expect("closed within 5 s");
    drop(writing.await);
    String::from_utf8(sent).expect("a text answer")
}

/// hyper's own answer: the status line, `connection: close`,
/// `content-length: 0`, a `date`, and nothing else.
#[track_caller]
fn assert_hyper_answer(sent: &str, status_line: &str) {
    let (head, body) = sent.split_once("\r\n\r\n").expect("a whole head");
    assert_eq!(body, "", "{sent}");
    let mut lines = head.split("\r\n");
    assert_eq!(lines.next(), Some(status_line), "{sent}");
    let mut headers: Vec<&str> = lines.collect();
    headers.sort_unstable();
    assert_eq!(headers.len(), 3, "{sent}");
    assert_eq!(headers[0], "connection: close");
    assert_eq!(headers[1], "content-length: 0");
    assert!(headers[2].starts_with("date: "), "{sent}");
}

#[tokio::test]
async fn bytes_that_are_not_http_get_an_empty_answer_from_hyper() {
    let server = Server::production().await;
    let bad_request: &[&[u8]] = &[
        // Bytes a request target may not hold.
        b"GET /api/v4/<check_license HTTP/1.1\r\nhost: test\r\n\r\n",
        b"GET /api/v4/\xffcheck_license HTTP/1.1\r\nhost: test\r\n\r\n",
        b"GET /api/v4/check license HTTP/1.1\r\nhost: test\r\n\r\n",
        // A content-length that is not a number, or given twice, differently.
        b"POST /api/v4/activate_license HTTP/1.1\r\nhost: test\r\ncontent-length: ten\r\n\r\n",
        b"POST /api/v4/activate_license HTTP/1.1\r\nhost: test\r\ncontent-length: 2\r\ncontent-length: 3\r\n\r\n{}}",
        // A header line without a colon; not HTTP at all (a TLS hello).
        b"GET / HTTP/1.1\r\nhost test\r\n\r\n",
        b"\x16\x03\x01\x02\x00\x01\x00\x01\xfc\x03\x03",
    ];
    for request in bad_request {
        let sent = exchange(&server, request.to_vec()).await;
        assert_hyper_answer(&sent, "HTTP/1.1 400 Bad Request");
    }

    // A 64 KiB request target.
    let long = format!(
        "GET /api/v4/check_license?product={} HTTP/1.1\r\nhost: test\r\n\r\n",
        "x".repeat(64 * 1024)
    );
    let sent = exchange(&server, long.into_bytes()).await;
    assert_hyper_answer(&sent, "HTTP/1.1 414 URI Too Long");

    // A 1 MiB header.
    let large = format!(
        "GET / HTTP/1.1\r\nhost: test\r\nx-large: {}\r\n\r\n",
        "x".repeat(1024 * 1024)
    );
    let sent = exchange(&server, large.into_bytes()).await;
    assert_hyper_answer(&sent, "HTTP/1.1 431 Request Header Fields Too Large");

    // 101 headers.
    let many: String = (0..100).map(|i| format!("x-{i}: {i}\r\n")).collect();
    let many = format!("GET / HTTP/1.1\r\nhost: test\r\n{many}\r\n");
    let sent = exchange(&server, many.into_bytes()).await;
    assert_hyper_answer(&sent, "HTTP/1.1 431 Request Header Fields Too Large");

    // The HTTP/2 preface: closed with no answer at all.
    let sent = exchange(&server, b"PRI * HTTP/2.0\r\n\r\nSM\r\n\r\n".to_vec()).await;
    assert_eq!(sent, "");
    server.stop().await;
}

#[tokio::test]
async fn a_quote_in_the_target_reaches_the_router() {
    // httparse takes `"` in a request target, so the router answers it.
    let server = Server::production().await;
    let mut stream = server.connect().await;
    let request = request("GET", "/api/v4/\"check_license\"", &[AUTH], "");
    stream.write_all(request.as_bytes()).await.unwrap();
    let answer = read_answer(&mut stream, &mut Vec::new()).await.unwrap();
    answer.assert_error("HTTP/1.1 404 Not Found", NOT_FOUND);
    server.stop().await;
}
