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

/// A growable buffer that keeps short bodies on the stack, so that a body is
/// copied once into an allocation of its exact size.
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

    #[inline]
    pub(crate) fn push(&mut self, bytes: &[u8]) {
        if self.spill.capacity() == 0 && self.len + bytes.len() <= INLINE {
            self.inline[self.len..self.len + bytes.len()].copy_from_slice(bytes);
            self.len += bytes.len();
        } else {
            if self.spill.capacity() == 0 {
                self.spill.reserve(2 * INLINE + bytes.len());
                self.spill.extend_from_slice(&self.inline[..self.len]);
            }
            self.spill.extend_from_slice(bytes);
        }
    }

    /// Writes `s` as the inside of a JSON string.
    #[inline]
    pub(crate) fn push_escaped(&mut self, s: &str) {
        let bytes = s.as_bytes();
        let mut start = 0;
        for (i, &b) in bytes.iter().enumerate() {
            if let Some(esc) = escape(b) {
                self.push(&bytes[start..i]);
                self.push(esc.as_bytes());
                start = i + 1;
            }
        }
        self.push(&bytes[start..]);
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
            bytes::Bytes::from(self.spill.into_boxed_slice())
        }
    }
}

/// Formats into a [`BodyBuf`], escaping as a JSON string.
pub(crate) struct Escaper<'a>(pub(crate) &'a mut BodyBuf);

impl fmt::Write for Escaper<'_> {
    #[inline]
    fn write_str(&mut self, s: &str) -> fmt::Result {
        self.0.push_escaped(s);
        Ok(())
    }
}

/// Writes `{"status":S,"code":"C","message":"` + the escaped message + `"}`.
pub(crate) fn write_body(buf: &mut BodyBuf, status: u16, code: &str, message: &dyn fmt::Display) {
    buf.push(b"{\"status\":");
    let digits = [
        b'0' + (status / 100 % 10) as u8,
        b'0' + (status / 10 % 10) as u8,
        b'0' + (status % 10) as u8,
    ];
    buf.push(&digits);
    buf.push(b",\"code\":\"");
    buf.push_escaped(code);
    buf.push(b"\",\"message\":\"");
    // Writing into a BodyBuf cannot fail; a Display impl that returns an
    // error leaves the message cut short, still valid JSON.
    let _ = fmt::write(&mut Escaper(buf), format_args!("{message}"));
    buf.push(b"\"}");
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
}
