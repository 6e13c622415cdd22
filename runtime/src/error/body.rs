//! [`ErrorBody`], the owned form of an error body.

use core::fmt;

use serde::de::{self, Deserializer, IgnoredAny, MapAccess, Visitor};
use serde::ser::{SerializeStruct, Serializer};

use crate::representation::problem::code_from_type;

/// An error body as it travels: `{"status": 400, "code": "...", "message": "..."}`.
///
/// This is the owned, untyped form, for code that holds a body it did not make
/// (a client, a proxy, a test). It serializes to exactly the three members, in
/// that order. It deserializes from the three members in any order, ignores
/// members it does not know (a server may add a `request_id`), and rejects a
/// body that lacks one of them, repeats one, or gives one the wrong type.
///
/// It also deserializes from RFC 9457 problem details (a body without
/// `message`, with a `detail` or a `type`): the code is its `code` member,
/// or else the last segment of its `type`; the message is its `detail`, or
/// else its `title`, or else empty. Its `type`, `title` and `detail` must be
/// strings.
///
/// # Example
///
/// ```
/// use error_catalog::ErrorBody;
///
/// let body: ErrorBody = serde_json::from_str(
///     r#"{"message": "License not found", "request_id": "r-1", "code": "license_not_found", "status": 400}"#,
/// ).unwrap();
/// assert_eq!(body.status, 400);
/// assert_eq!(body.code, "license_not_found");
/// assert_eq!(
///     serde_json::to_string(&body).unwrap(),
///     r#"{"status":400,"code":"license_not_found","message":"License not found"}"#,
/// );
///
/// let missing = serde_json::from_str::<ErrorBody>(r#"{"status": 400, "code": "x"}"#);
/// assert!(missing.unwrap_err().to_string().contains("missing field `message`"));
///
/// let problem: ErrorBody = serde_json::from_str(
///     r#"{"type": "https://docs.example.com/errors/license_not_found", "title": "Not found.", "status": 404, "detail": "License K-1 not found"}"#,
/// ).unwrap();
/// assert_eq!(problem, ErrorBody::new(404, "license_not_found", "License K-1 not found"));
/// ```
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub struct ErrorBody {
    /// The HTTP status the body declares.
    pub status: u16,
    /// The stable error code.
    pub code: String,
    /// The human-readable message.
    pub message: String,
}

impl ErrorBody {
    /// Builds a body from its three parts.
    ///
    /// ```
    /// let body = error_catalog::ErrorBody::new(404, "not_found", "Not found");
    /// assert_eq!(body.code, "not_found");
    /// ```
    pub fn new(status: u16, code: impl Into<String>, message: impl Into<String>) -> Self {
        ErrorBody {
            status,
            code: code.into(),
            message: message.into(),
        }
    }

    /// The body as JSON bytes, exactly as a derived error with the same three
    /// parts would send it.
    ///
    /// ```
    /// let body = error_catalog::ErrorBody::new(400, "bad", "Say \"hi\"");
    /// assert_eq!(&body.to_json()[..], br#"{"status":400,"code":"bad","message":"Say \"hi\""}"#);
    /// ```
    pub fn to_json(&self) -> bytes::Bytes {
        let mut buf = crate::error::json::BodyBuf::new();
        crate::error::json::write_body(&mut buf, self.status, &self.code, &self.message);
        buf.into_bytes()
    }
}

impl fmt::Display for ErrorBody {
    /// `400 license_not_found: License not found`.
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{} {}: {}", self.status, self.code, self.message)
    }
}

impl serde::Serialize for ErrorBody {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        let mut s = serializer.serialize_struct("ErrorBody", 3)?;
        s.serialize_field("status", &self.status)?;
        s.serialize_field("code", &self.code)?;
        s.serialize_field("message", &self.message)?;
        s.end()
    }
}

const FIELDS: &[&str] = &["status", "code", "message"];

enum Member {
    Status,
    Code,
    Message,
    Type,
    Title,
    Detail,
    Other,
}

impl<'de> serde::Deserialize<'de> for Member {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        struct MemberVisitor;
        impl Visitor<'_> for MemberVisitor {
            type Value = Member;
            fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
                f.write_str("a member name")
            }
            fn visit_str<E: de::Error>(self, v: &str) -> Result<Member, E> {
                Ok(match v {
                    "status" => Member::Status,
                    "code" => Member::Code,
                    "message" => Member::Message,
                    "type" => Member::Type,
                    "title" => Member::Title,
                    "detail" => Member::Detail,
                    _ => Member::Other,
                })
            }
        }
        deserializer.deserialize_identifier(MemberVisitor)
    }
}

impl<'de> serde::Deserialize<'de> for ErrorBody {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        let parts = Parts::<String>::deserialize(deserializer)?;
        Ok(ErrorBody {
            status: parts.status,
            code: parts.code,
            message: parts.message,
        })
    }
}

/// The three members of a body, read into `S`: `String` for [`ErrorBody`],
/// [`Text`] for the derived `Deserialize`, which borrows from the input where
/// it can and so allocates nothing for the code and the message.
///
/// A problem details body (RFC 9457) reads into the same three: the code
/// from its `code` member, else from the last segment of its `type`; the
/// message from its `detail`, else its `title`, else empty. A body is read
/// as problem details when it has no `message` but a `detail` or a `type`;
/// `type`, `title` and `detail` must then be strings, as the RFC says.
pub(crate) struct Parts<S> {
    pub(crate) status: u16,
    pub(crate) code: S,
    pub(crate) message: S,
}

/// What [`Parts`] reads a string member into.
pub(crate) trait PartText: Sized {
    /// The empty string: the message of a problem with no `detail` and no `title`.
    fn empty() -> Self;
    /// The code that a problem's `type` names (see
    /// `representation::problem::code_from_type`).
    fn code_of_type(self) -> Option<Self>;
}

impl PartText for String {
    fn empty() -> Self {
        String::new()
    }

    fn code_of_type(self) -> Option<Self> {
        code_from_type(&self).map(str::to_owned)
    }
}

impl PartText for Text<'_> {
    fn empty() -> Self {
        Text(std::borrow::Cow::Borrowed(""))
    }

    fn code_of_type(self) -> Option<Self> {
        use std::borrow::Cow;
        match self.0 {
            Cow::Borrowed(s) => code_from_type(s).map(|code| Text(Cow::Borrowed(code))),
            Cow::Owned(s) => code_from_type(&s).map(|code| Text(Cow::Owned(code.to_owned()))),
        }
    }
}

/// One member's slot: an error at the second time it is seen.
fn read_once<'de, A: MapAccess<'de>, T: serde::Deserialize<'de>>(
    map: &mut A,
    slot: &mut Option<T>,
    name: &'static str,
) -> Result<(), A::Error> {
    if slot.is_some() {
        return Err(de::Error::duplicate_field(name));
    }
    *slot = Some(map.next_value::<T>()?);
    Ok(())
}

impl<'de, S: serde::Deserialize<'de> + PartText> serde::Deserialize<'de> for Parts<S> {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        struct PartsVisitor<S>(core::marker::PhantomData<S>);
        impl<'de, S: serde::Deserialize<'de> + PartText> Visitor<'de> for PartsVisitor<S> {
            type Value = Parts<S>;
            fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
                f.write_str("an error body with `status`, `code` and `message`, or problem details")
            }
            fn visit_map<A: MapAccess<'de>>(self, mut map: A) -> Result<Parts<S>, A::Error> {
                let mut status = None;
                let mut code = None;
                let mut message = None;
                let mut problem_type: Option<S> = None;
                let mut title: Option<S> = None;
                let mut detail: Option<S> = None;
                while let Some(member) = map.next_key::<Member>()? {
                    match member {
                        Member::Status => read_once::<_, u16>(&mut map, &mut status, "status")?,
                        Member::Code => read_once(&mut map, &mut code, "code")?,
                        Member::Message => read_once(&mut map, &mut message, "message")?,
                        Member::Type => read_once(&mut map, &mut problem_type, "type")?,
                        Member::Title => read_once(&mut map, &mut title, "title")?,
                        Member::Detail => read_once(&mut map, &mut detail, "detail")?,
                        Member::Other => {
                            map.next_value::<IgnoredAny>()?;
                        }
                    }
                }
                // Missing members are reported in the order status, code,
                // message.
                let status = status.ok_or_else(|| de::Error::missing_field("status"))?;
                let is_problem = problem_type.is_some();
                let code = match code {
                    Some(code) => code,
                    None => problem_type
                        .and_then(S::code_of_type)
                        .ok_or_else(|| de::Error::missing_field("code"))?,
                };
                let message = match (message, detail) {
                    (Some(message), _) | (None, Some(message)) => message,
                    (None, None) if is_problem => title.unwrap_or_else(S::empty),
                    (None, None) => return Err(de::Error::missing_field("message")),
                };
                Ok(Parts {
                    status,
                    code,
                    message,
                })
            }
        }
        deserializer.deserialize_struct(
            "ErrorBody",
            FIELDS,
            PartsVisitor(core::marker::PhantomData),
        )
    }
}

/// A string member, borrowed from the input when it has no escapes.
pub(crate) struct Text<'de>(pub(crate) std::borrow::Cow<'de, str>);

impl<'de> serde::Deserialize<'de> for Text<'de> {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        struct TextVisitor;
        impl<'de> Visitor<'de> for TextVisitor {
            type Value = Text<'de>;
            fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
                f.write_str("a string")
            }
            fn visit_borrowed_str<E: de::Error>(self, v: &'de str) -> Result<Text<'de>, E> {
                Ok(Text(std::borrow::Cow::Borrowed(v)))
            }
            fn visit_str<E: de::Error>(self, v: &str) -> Result<Text<'de>, E> {
                Ok(Text(std::borrow::Cow::Owned(v.to_owned())))
            }
            fn visit_string<E: de::Error>(self, v: String) -> Result<Text<'de>, E> {
                Ok(Text(std::borrow::Cow::Owned(v)))
            }
        }
        deserializer.deserialize_str(TextVisitor)
    }
}
