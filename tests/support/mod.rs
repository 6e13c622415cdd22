//! HTTP client helpers shared by the framework and server tests: a real
//! client (hyper-util's legacy client), a raw HTTP/1.1 exchange over a TCP
//! socket, which gives the exact bytes on the wire, and the validation of
//! error bodies against the schemas a server serves.
#![allow(dead_code)]

pub mod capture;
mod schema;

#[allow(unused_imports)]
pub use schema::{only_content, BodySchema, Document};

use std::net::SocketAddr;

use bytes::Bytes;
use error_catalog::ApiError;
use http_body_util::{BodyExt, Empty};
use hyper_util::client::legacy::Client;
use hyper_util::rt::TokioExecutor;
use tokio::io::{AsyncReadExt, AsyncWriteExt};

/// A response as a real HTTP client sees it.
pub struct Reply {
    pub status: http::StatusCode,
    pub headers: http::HeaderMap,
    pub body: Bytes,
}

/// `GET http://{addr}{path}` with hyper-util's legacy client.
pub async fn get(addr: SocketAddr, path: &str) -> Reply {
    let client: Client<_, Empty<Bytes>> = Client::builder(TokioExecutor::new()).build_http();
    let uri: http::Uri = format!("http://{addr}{path}").parse().expect("valid uri");
    let response = client.get(uri).await.expect("request sent");
    let (parts, body) = response.into_parts();
    let body = body.collect().await.expect("body received").to_bytes();
    Reply {
        status: parts.status,
        headers: parts.headers,
        body,
    }
}

/// A response as bytes on the wire.
pub struct Wire {
    /// Everything the server sent: status line, headers and body.
    pub all: Vec<u8>,
    /// The status line.
    pub status_line: String,
    /// The header lines, as sent.
    pub header_lines: Vec<String>,
    /// The body: the bytes after the blank line.
    pub body: Vec<u8>,
}

/// `GET {path}` as a hand-written HTTP/1.1 request with `connection:
/// close`, reading the socket to its end.
pub async fn raw_get(addr: SocketAddr, path: &str) -> Wire {
    let mut stream = tokio::net::TcpStream::connect(addr)
        .await
        .expect("connected");
    let request = format!("GET {path} HTTP/1.1\r\nhost: {addr}\r\nconnection: close\r\n\r\n");
    stream
        .write_all(request.as_bytes())
        .await
        .expect("request sent");
    let mut all = Vec::new();
    stream.read_to_end(&mut all).await.expect("response read");

    let split = all
        .windows(4)
        .position(|w| w == b"\r\n\r\n")
        .expect("a blank line ends the head");
    let head = std::str::from_utf8(&all[..split]).expect("the head is text");
    let mut lines = head.split("\r\n");
    let status_line = lines.next().expect("a status line").to_owned();
    let header_lines = lines.map(str::to_owned).collect();
    let body = all[split + 4..].to_vec();
    Wire {
        all,
        status_line,
        header_lines,
        body,
    }
}

impl Wire {
    /// The value of the one header named `name` (case-insensitive).
    pub fn header(&self, name: &str) -> &str {
        let values: Vec<&str> = self
            .header_lines
            .iter()
            .filter_map(|line| {
                let (n, v) = line.split_once(':')?;
                n.eq_ignore_ascii_case(name).then(|| v.trim())
            })
            .collect();
        assert_eq!(
            values.len(),
            1,
            "exactly one `{name}` header in {:?}",
            self.header_lines
        );
        values[0]
    }
}

/// Checks a reply against the error it carries: the status, `content-type:
/// application/json`, a `content-length` that matches, and the body,
/// byte for byte the `expected` text (written by hand in the test), the body
/// of `to_response()` and `serde_json::to_vec`.
pub fn assert_reply<E>(reply: &Reply, error: &E, status: u16, expected: &str)
where
    E: ApiError + serde::Serialize,
{
    assert_eq!(reply.status.as_u16(), status, "status of {expected}");
    assert_eq!(
        reply.headers[http::header::CONTENT_TYPE],
        "application/json"
    );
    assert_eq!(
        reply
            .headers
            .get_all(http::header::CONTENT_TYPE)
            .iter()
            .count(),
        1,
        "one content-type"
    );
    assert_eq!(
        reply.headers[http::header::CONTENT_LENGTH],
        expected.len().to_string().as_str()
    );
    assert_eq!(reply.body, expected.as_bytes(), "body on the wire");

    // The same bytes, whichever way the response is built.
    let response = error.to_response();
    assert_eq!(response.status().as_u16(), status);
    assert_eq!(
        response.headers()[http::header::CONTENT_TYPE],
        "application/json"
    );
    assert_eq!(response.body(), &reply.body, "to_response() body");
    assert_eq!(
        serde_json::to_vec(error).expect("serializes"),
        reply.body,
        "serde_json::to_vec"
    );
}

/// Checks that `secret` is nowhere in what the server sent.
pub fn assert_no_secret(wire: &Wire, secret: &str) {
    let found = wire
        .all
        .windows(secret.len())
        .any(|w| w == secret.as_bytes());
    assert!(
        !found,
        "the secret leaked: {}",
        String::from_utf8_lossy(&wire.all)
    );
    assert!(!wire.status_line.contains(secret));
    assert!(wire.header_lines.iter().all(|line| !line.contains(secret)));
}
