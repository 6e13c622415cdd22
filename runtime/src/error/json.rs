//! Writing error bodies as JSON, byte for byte what `serde_json` writes.

use core::fmt;

/// The JSON escape of one byte, or `None` for a byte that stands as it is.
/// The same table as `serde_json`'s, so that every path that writes a body
/// (the compile-time body, the templated writer, `Serialize`) sends the same
/// bytes.
#[inline]
fn escape(byte: u8) -> Option<&'static str> {
    const HEX: &[u8; 16] = b"0123456789abcdef";
    const fn table() -> [[u8; 6]; 32] {
        let mut t = [[0u8; 6]; 32];
        let mut i = 0;
        while i < 32 {
            t[i] = [b'\\', b'u', b'0', b'0', HEX[i >> 4], HEX[i & 0xf]];
            i += 1;
        }
        t
    }
    static CONTROL: [[u8; 6]; 32] = table();
    match byte {
        b'"' => Some("\\\""),
        b'\\' => Some("\\\\"),
        b'\n' => Some("\\n"),
        b'\r' => Some("\\r"),
        b'\t' => Some("\\t"),
        0x08 => Some("\\b"),
        0x0c => Some("\\f"),
        // SAFETY-free: the table holds ASCII only.
        0x00..=0x1f => core::str::from_utf8(&CONTROL[byte as usize]).ok(),
        _ => None,
    }
}

/// Whether a byte must be escaped inside a JSON string: a control
/// character, `"` or `\`. Every other byte, non-ASCII UTF-8 included, is
/// written as it is (as `serde_json` does).
#[inline(always)]
fn needs_escape(byte: u8) -> bool {
    byte < 0x20 || byte == b'"' || byte == b'\\'
}

/// The length of the longest prefix of `bytes` that needs no escape.
///
/// Eight bytes at a time: with `ONES` = 0x0101..01 and `HIGH` = 0x8080..80,
/// `(w - n * ONES) & !w & HIGH` is non-zero exactly when a byte of `w` is
/// below `n` (for `n <= 0x80`), and a byte equal to `c` is a zero byte of
/// `w ^ c * ONES`. A word that has none of the three is skipped whole; from
/// the first word that has one, and in the last short word, the scan goes
/// byte by byte.
#[inline]
fn clean_prefix(bytes: &[u8]) -> usize {
    const ONES: u64 = u64::from_ne_bytes([0x01; 8]);
    const HIGH: u64 = u64::from_ne_bytes([0x80; 8]);
    #[inline(always)]
    fn dirty(w: u64) -> bool {
        let quote = w ^ (ONES * b'"' as u64);
        let backslash = w ^ (ONES * b'\\' as u64);
        let control = w.wrapping_sub(ONES * 0x20) & !w;
        let quote = quote.wrapping_sub(ONES) & !quote;
        let backslash = backslash.wrapping_sub(ONES) & !backslash;
        (control | quote | backslash) & HIGH != 0
    }
    let scan = |rest: &[u8]| {
        rest.iter()
            .position(|&b| needs_escape(b))
            .unwrap_or(rest.len())
    };
    let mut clean = 0;
    let mut words = bytes.chunks_exact(8);
    for word in &mut words {
        let mut w = [0u8; 8];
        w.copy_from_slice(word);
        if dirty(u64::from_ne_bytes(w)) {
            break;
        }
        clean += 8;
    }
    clean + scan(&bytes[clean..])
}

/// Where a body is written: a fixed buffer, a length count or a `Vec`.
pub(crate) trait Sink {
    /// Appends `bytes`; `false` when they do not fit (the sink is full).
    fn push(&mut self, bytes: &[u8]) -> bool;

    /// Appends `s` as the inside of a JSON string, escaped in one pass: each
    /// run of bytes that needs no escape is copied whole.
    #[inline]
    fn push_escaped(&mut self, s: &str) -> bool {
        let mut rest = s.as_bytes();
        loop {
            let clean = clean_prefix(rest);
            if !self.push(&rest[..clean]) {
                return false;
            }
            let Some(&byte) = rest.get(clean) else {
                return true;
            };
            let esc = escape(byte).unwrap_or_default();
            if !self.push(esc.as_bytes()) {
                return false;
            }
            rest = &rest[clean + 1..];
        }
    }
}

/// A body that fits in `INLINE` bytes, on the stack.
struct Inline<'a> {
    buf: &'a mut [u8; INLINE],
    len: &'a mut usize,
    full: bool,
}

impl Sink for Inline<'_> {
    #[inline]
    fn push(&mut self, bytes: &[u8]) -> bool {
        let end = *self.len + bytes.len();
        match self.buf.get_mut(*self.len..end) {
            Some(dst) if !self.full => {
                dst.copy_from_slice(bytes);
                *self.len = end;
                true
            }
            _ => {
                self.full = true;
                false
            }
        }
    }
}

/// Counts the bytes of a body without writing them.
struct Count(usize);

impl Sink for Count {
    #[inline]
    fn push(&mut self, bytes: &[u8]) -> bool {
        self.0 += bytes.len();
        true
    }
}

impl Sink for Vec<u8> {
    #[inline]
    fn push(&mut self, bytes: &[u8]) -> bool {
        self.extend_from_slice(bytes);
        true
    }
}

/// A buffer for one body: short bodies are written on the stack, then
/// copied once into an allocation of their exact size; a longer one is
/// measured first, then written into an allocation of its exact size.
pub(crate) struct BodyBuf {
    inline: [u8; INLINE],
    len: usize,
    spill: Vec<u8>,
}

const INLINE: usize = 256;

impl BodyBuf {
    #[inline]
    pub(crate) fn new() -> Self {
        BodyBuf {
            inline: [0; INLINE],
            len: 0,
            spill: Vec::new(),
        }
    }

    #[cfg(test)]
    pub(crate) fn push_escaped(&mut self, s: &str) {
        let mut inline = Inline {
            buf: &mut self.inline,
            len: &mut self.len,
            full: false,
        };
        assert!(inline.push_escaped(s), "the test string fits inline");
    }

    #[cfg(test)]
    pub(crate) fn as_slice(&self) -> &[u8] {
        if self.spill.capacity() == 0 {
            &self.inline[..self.len]
        } else {
            &self.spill
        }
    }

    /// The body, in one allocation of its exact size.
    #[inline]
    pub(crate) fn into_bytes(self) -> bytes::Bytes {
        if self.spill.capacity() == 0 {
            bytes::Bytes::copy_from_slice(&self.inline[..self.len])
        } else {
            // Its exact size when the message displayed twice the same way:
            // then `Bytes` takes the allocation over as it is.
            bytes::Bytes::from(self.spill)
        }
    }
}

/// Formats into a [`Sink`], escaping as a JSON string. A full sink stops
/// the formatting with an error; `full` tells it apart from an error of the
/// message's own `Display`.
struct Escaper<'a, S> {
    sink: &'a mut S,
    full: bool,
}

impl<S: Sink> fmt::Write for Escaper<'_, S> {
    #[inline]
    fn write_str(&mut self, s: &str) -> fmt::Result {
        // An empty piece may be a dangling pointer: skip it rather than copy
        // zero bytes from it (see `split_template` in `__private`).
        if s.is_empty() {
            return Ok(());
        }
        if self.sink.push_escaped(s) {
            Ok(())
        } else {
            self.full = true;
            Err(fmt::Error)
        }
    }
}

/// What a body writes around its message: the members before it, up to the
/// message's opening quote, and the rest after its closing one. The error
/// body's frame is here; the problem details' is in
/// `representation/problem.rs`.
pub(crate) trait Frame {
    /// Everything before the message; `false` when the sink is full.
    fn head<S: Sink>(&self, sink: &mut S) -> bool;
    /// Everything after the message; `false` when the sink is full.
    fn tail<S: Sink>(&self, sink: &mut S) -> bool;
}

/// `{"status":S,"code":"C","message":"` ... `"}`.
struct ErrorBodyFrame<'a> {
    status: u16,
    code: &'a str,
}

impl Frame for ErrorBodyFrame<'_> {
    #[inline]
    fn head<S: Sink>(&self, sink: &mut S) -> bool {
        sink.push(b"{\"status\":")
            && push_u16(sink, self.status)
            && sink.push(b",\"code\":\"")
            && sink.push_escaped(self.code)
            && sink.push(b"\",\"message\":\"")
    }

    #[inline]
    fn tail<S: Sink>(&self, sink: &mut S) -> bool {
        sink.push(b"\"}")
    }
}

/// A number as serde_json writes a u16: its digits, no leading zero.
#[inline]
pub(crate) fn push_u16<S: Sink>(sink: &mut S, n: u16) -> bool {
    let mut digits = [0u8; 5];
    let mut start = digits.len();
    let mut n = n;
    loop {
        start -= 1;
        digits[start] = b'0' + (n % 10) as u8;
        n /= 10;
        if n == 0 {
            break;
        }
    }
    sink.push(&digits[start..])
}

/// Writes the whole body into `sink`; `false` when it did not fit.
fn write_to<S: Sink, F: Frame>(sink: &mut S, frame: &F, message: &dyn fmt::Display) -> bool {
    if !frame.head(sink) {
        return false;
    }
    let mut escaper = Escaper { sink, full: false };
    // A Display impl that returns an error leaves the message cut short,
    // still valid JSON.
    let _ = fmt::write(&mut escaper, format_args!("{message}"));
    !escaper.full && frame.tail(escaper.sink)
}

/// Writes `{"status":S,"code":"C","message":"` + the escaped message + `"}`.
///
/// The message is displayed once when the body fits on the stack. A longer
/// one is displayed up to three times: the first pass stops where the stack
/// buffer is full, the second counts, the third writes. A `Display` that
/// writes something else each time still gives a valid body (the last
/// pass's), only not in an allocation of its exact size.
#[inline]
pub(crate) fn write_body(buf: &mut BodyBuf, status: u16, code: &str, message: &dyn fmt::Display) {
    write_framed(buf, &ErrorBodyFrame { status, code }, message);
}

/// Writes the members of `frame` around the escaped message, as
/// [`write_body`] does.
pub(crate) fn write_framed<F: Frame>(buf: &mut BodyBuf, frame: &F, message: &dyn fmt::Display) {
    buf.len = 0;
    buf.spill = Vec::new();
    let mut inline = Inline {
        buf: &mut buf.inline,
        len: &mut buf.len,
        full: false,
    };
    if write_to(&mut inline, frame, message) {
        return;
    }
    // Too long for the stack: measure, then write once at the exact size.
    let mut count = Count(0);
    write_to(&mut count, frame, message);
    let mut spill = Vec::with_capacity(count.0);
    write_to(&mut spill, frame, message);
    buf.len = 0;
    buf.spill = spill;
}

#[cfg(test)]
mod tests {
    use super::*;

    fn escaped(s: &str) -> String {
        let mut buf = BodyBuf::new();
        buf.push_escaped(s);
        String::from_utf8(buf.as_slice().to_vec()).unwrap()
    }

    #[test]
    fn escapes_like_serde_json() {
        let samples = [
            "plain",
            "quote \" backslash \\ slash /",
            "\n\r\t\u{8}\u{c}\u{0}\u{1f}\u{7f}",
            "non-ASCII: é ü 日本 🚀",
            "",
        ];
        for s in samples {
            let expected = serde_json::to_string(s).unwrap();
            assert_eq!(format!("\"{}\"", escaped(s)), expected, "{s:?}");
        }
    }

    #[test]
    fn spills_long_bodies_to_the_heap() {
        let long = "x\"".repeat(400);
        let mut buf = BodyBuf::new();
        write_body(&mut buf, 500, "c", &long);
        let bytes = buf.into_bytes();
        let v: serde_json::Value = serde_json::from_slice(&bytes).unwrap();
        assert_eq!(v["message"], long.as_str());
        assert_eq!(v["status"], 500);
    }

    fn body(status: u16, code: &str, message: &str) -> Vec<u8> {
        let mut buf = BodyBuf::new();
        write_body(&mut buf, status, code, &message);
        buf.into_bytes().to_vec()
    }

    /// The body as serde_json writes it: its own escaping of the strings,
    /// the status as serde_json writes a `u16`.
    fn serde_body(status: u16, code: &str, message: &str) -> Vec<u8> {
        let status = serde_json::to_string(&status).unwrap();
        let code = serde_json::to_string(code).unwrap();
        let message = serde_json::to_string(message).unwrap();
        format!(r#"{{"status":{status},"code":{code},"message":{message}}}"#).into_bytes()
    }

    #[test]
    fn every_byte_at_every_offset_escapes_like_serde_json() {
        // Each ASCII byte (and a two-byte character) at each position of a
        // string that spans several eight-byte words, so that the word-wise
        // scan meets it at every lane.
        let mut specials: Vec<String> = (0u8..0x80).map(|b| (b as char).to_string()).collect();
        specials.push("é".into());
        for special in &specials {
            for at in 0..24 {
                let mut s = "a".repeat(at);
                s.push_str(special);
                s.push_str(&"b".repeat(24 - at));
                assert_eq!(
                    format!("\"{}\"", escaped(&s)),
                    serde_json::to_string(&s).unwrap(),
                    "{s:?}"
                );
            }
        }
    }

    #[test]
    fn mixed_strings_escape_like_serde_json() {
        // Strings drawn from characters on both sides of every test the
        // word-wise scan makes, by a fixed pseudo-random sequence.
        let alphabet = [
            "a", " ", "!", "#", "[", "]", "\"", "\\", "\n", "\u{0}", "\u{1f}", "\u{7f}", "é", "日",
            "🚀",
        ];
        let mut state: u32 = 0x2545_f491;
        let mut next = |n: usize| {
            state ^= state << 13;
            state ^= state >> 17;
            state ^= state << 5;
            state as usize % n
        };
        for _ in 0..3000 {
            let len = next(40);
            let s: String = (0..len).map(|_| alphabet[next(alphabet.len())]).collect();
            assert_eq!(
                format!("\"{}\"", escaped(&s)),
                serde_json::to_string(&s).unwrap(),
                "{s:?}"
            );
        }
    }

    #[test]
    fn bodies_match_serde_json_short_and_long() {
        let messages = [
            String::new(),
            "License not found".into(),
            "tab\there \"quoted\" back\\slash \u{1}".into(),
            "x".repeat(INLINE),
            "é\"\n".repeat(200),
            "y".repeat(10_000),
        ];
        for message in &messages {
            for status in [400, 404, 500, 599] {
                assert_eq!(
                    body(status, "license_not_found", message),
                    serde_body(status, "license_not_found", message),
                    "{} bytes",
                    message.len()
                );
            }
        }
    }

    #[test]
    fn any_status_is_a_json_number() {
        for status in [0, 7, 42, 100, 999, 1000, 65535] {
            assert_eq!(
                body(status, "c", "m"),
                serde_body(status, "c", "m"),
                "{status}"
            );
        }
    }

    #[test]
    fn a_long_body_is_allocated_at_its_exact_size() {
        let long = "z\"".repeat(300);
        let mut buf = BodyBuf::new();
        write_body(&mut buf, 400, "c", &long);
        assert_eq!(buf.spill.len(), buf.spill.capacity());
        assert_eq!(buf.into_bytes(), serde_body(400, "c", &long));
    }

    #[test]
    fn a_failing_display_cuts_the_message_short() {
        struct Fails;
        impl fmt::Display for Fails {
            fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
                f.write_str("partial")?;
                Err(fmt::Error)
            }
        }
        let mut buf = BodyBuf::new();
        write_body(&mut buf, 500, "c", &Fails);
        assert_eq!(
            &buf.into_bytes()[..],
            br#"{"status":500,"code":"c","message":"partial"}"#
        );
    }
}
