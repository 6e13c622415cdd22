//! [`ErrorBody`], the owned form of an error body.

use core::fmt;

use serde::de::{self, Deserializer, IgnoredAny, MapAccess, Visitor};
use serde::ser::{SerializeStruct, Serializer};

/// An error body as it travels: `{"status": 400, "code": "...", "message": "..."}`.
///
/// This is the owned, untyped form, for code that holds a body it did not make
/// (a client, a proxy, a test). It serializes to exactly the three members, in
/// that order. It deserializes from the three members in any order, ignores
/// members it does not know (a server may add a `request_id`), and rejects a
/// body that lacks one of them, repeats one, or gives one the wrong type.
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
pub(crate) struct Parts<S> {
    pub(crate) status: u16,
    pub(crate) code: S,
    pub(crate) message: S,
}

impl<'de, S: serde::Deserialize<'de>> serde::Deserialize<'de> for Parts<S> {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        struct PartsVisitor<S>(core::marker::PhantomData<S>);
        impl<'de, S: serde::Deserialize<'de>> Visitor<'de> for PartsVisitor<S> {
            type Value = Parts<S>;
            fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
                f.write_str("an error body with `status`, `code` and `message`")
            }
            fn visit_map<A: MapAccess<'de>>(self, mut map: A) -> Result<Parts<S>, A::Error> {
                let mut status = None;
                let mut code = None;
                let mut message = None;
                while let Some(member) = map.next_key::<Member>()? {
                    match member {
                        Member::Status if status.is_some() => {
                            return Err(de::Error::duplicate_field("status"))
                        }
                        Member::Status => status = Some(map.next_value::<u16>()?),
                        Member::Code if code.is_some() => {
                            return Err(de::Error::duplicate_field("code"))
                        }
                        Member::Code => code = Some(map.next_value::<S>()?),
                        Member::Message if message.is_some() => {
                            return Err(de::Error::duplicate_field("message"))
                        }
                        Member::Message => message = Some(map.next_value::<S>()?),
                        Member::Other => {
                            map.next_value::<IgnoredAny>()?;
                        }
                    }
                }
                Ok(Parts {
                    status: status.ok_or_else(|| de::Error::missing_field("status"))?,
                    code: code.ok_or_else(|| de::Error::missing_field("code"))?,
                    message: message.ok_or_else(|| de::Error::missing_field("message"))?,
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
