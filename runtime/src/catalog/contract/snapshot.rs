//! [`Snapshot`]: a type's flattened catalog as stable JSON, one entry a code,
//! and reading it back ([`SnapshotError`]).

use core::fmt;
use std::path::{Path, PathBuf};

use serde::ser::{SerializeStruct, Serializer};
use serde_json::Value;

use crate::catalog::flatten;
use crate::{ApiError, ErrorSpec};

use super::template::Shape;

/// The error contract of an error type: every code a client can receive, with
/// what a client depends on, sorted by code.
///
/// It is made from the catalog expanded through `transparent` variants
/// ([`catalog::flatten`](crate::catalog::flatten)), and written as a JSON
/// array, one object a code, one member a line, sorted by code, so that a
/// change to the contract is a small diff in code review. A code that appears
/// twice in the flattened catalog (an outer and a wrapped enum both declare it)
/// has two entries, in catalog order.
///
/// # Example
///
/// ```
/// use error_catalog::contract::Snapshot;
/// use error_catalog::ApiError;
///
/// #[derive(Debug, ApiError)]
/// #[api_error(status = 400)]
/// enum LicenseError {
///     /// The license key is not known.
///     #[api_error(status = 404, code = "license_not_found", message = "License {key} not found")]
///     LicenseNotFound { key: String },
///     /// The license has expired.
///     #[api_error(code = "license_expired", message = "The license has expired")]
///     LicenseExpired,
/// }
///
/// let snapshot = Snapshot::of::<LicenseError>();
/// let codes: Vec<_> = snapshot.entries().iter().map(|entry| entry.code.as_str()).collect();
/// assert_eq!(codes, ["license_expired", "license_not_found"]); // sorted by code
///
/// let entry = &snapshot.entries()[1];
/// assert_eq!(entry.status, 404);
/// assert_eq!(entry.message, "License {key} not found");
/// assert_eq!(entry.placeholders, ["key"]);
/// assert!(entry.rebuilds);
/// assert_eq!(entry.variant, "LicenseNotFound");
///
/// // The JSON reads back into the same snapshot.
/// assert_eq!(Snapshot::from_json(&snapshot.to_json()).unwrap(), snapshot);
/// ```
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct Snapshot {
    entries: Vec<Entry>,
}

/// One code of a [`Snapshot`]: what a client depends on.
///
/// ```
/// use error_catalog::contract::Snapshot;
///
/// let snapshot = Snapshot::from_json(r#"[{
///     "code": "quantity_too_large",
///     "status": 400,
///     "message": "Quantity {0} exceeds {1}",
///     "placeholders": ["0", "1"],
///     "rebuilds": true,
///     "variant": "QuantityTooLarge",
///     "description": ""
/// }]"#).unwrap();
/// let entry = &snapshot.entries()[0];
/// assert_eq!((entry.code.as_str(), entry.status), ("quantity_too_large", 400));
/// ```
#[derive(Debug, Clone, PartialEq, Eq)]
#[non_exhaustive]
pub struct Entry {
    /// The stable code.
    pub code: String,
    /// The HTTP status.
    pub status: u16,
    /// The message template as declared, placeholders included.
    pub message: String,
    /// The argument each placeholder of the message names, in order: `key`
    /// for `{key}` or `{key:?}`, `0` for `{0}` and for the first `{}`.
    pub placeholders: Vec<String>,
    /// Whether a client rebuilds the typed variant from a received body
    /// ([`ErrorSpec::rebuilds`]).
    pub rebuilds: bool,
    /// The Rust variant's name.
    pub variant: String,
    /// The variant's doc comment.
    pub description: String,
}

impl Entry {
    fn from_spec(spec: &ErrorSpec) -> Self {
        Entry {
            code: spec.code.to_owned(),
            status: spec.status,
            message: spec.message.to_owned(),
            placeholders: Shape::of(spec.message).placeholders,
            rebuilds: spec.rebuilds(),
            variant: spec.variant.to_owned(),
            description: spec.description.to_owned(),
        }
    }
}

impl Snapshot {
    /// The snapshot of `E`'s catalog.
    ///
    /// ```
    /// # use error_catalog::{contract::Snapshot, ApiError};
    /// # #[derive(Debug, ApiError)]
    /// # enum E { #[api_error(status = 404, code = "not_found", message = "Not found")] NotFound }
    /// assert_eq!(Snapshot::of::<E>().entries()[0].code, "not_found");
    /// ```
    pub fn of<E: ApiError>() -> Self {
        Self::from_catalog(E::catalog())
    }

    /// The snapshot of a catalog, as [`ApiError::catalog`] returns it;
    /// `transparent` entries are expanded into the codes they wrap.
    ///
    /// ```
    /// use error_catalog::{contract::Snapshot, ApiError};
    ///
    /// #[derive(Debug, ApiError)]
    /// enum StoreError {
    ///     #[api_error(status = 503, code = "store_unavailable", message = "Store unavailable")]
    ///     Unavailable,
    /// }
    ///
    /// #[derive(Debug, ApiError)]
    /// enum ServiceError {
    ///     #[api_error(status = 404, code = "not_found", message = "Not found")]
    ///     NotFound,
    ///     #[api_error(transparent)]
    ///     Store(#[from] StoreError),
    /// }
    ///
    /// let snapshot = Snapshot::from_catalog(ServiceError::catalog());
    /// let codes: Vec<_> = snapshot.entries().iter().map(|e| (e.code.as_str(), e.status)).collect();
    /// assert_eq!(codes, [("not_found", 404), ("store_unavailable", 503)]);
    /// ```
    pub fn from_catalog(catalog: &'static [ErrorSpec]) -> Self {
        let mut entries: Vec<Entry> = flatten(catalog).into_iter().map(Entry::from_spec).collect();
        // Stable: two entries of one code keep their catalog order.
        entries.sort_by(|a, b| a.code.cmp(&b.code));
        Snapshot { entries }
    }

    /// The entries, in the order of the snapshot: sorted by code when made
    /// from a catalog, as written when read from JSON.
    ///
    /// ```
    /// # use error_catalog::contract::Snapshot;
    /// assert!(Snapshot::from_json("[]").unwrap().entries().is_empty());
    /// ```
    pub fn entries(&self) -> &[Entry] {
        &self.entries
    }

    /// The snapshot as pretty-printed JSON: an array of objects with the
    /// members `code`, `status`, `message`, `placeholders`, `rebuilds`,
    /// `variant` and `description`, in that order, one a line; a newline at
    /// the end. The same snapshot always gives the same bytes.
    ///
    /// ```
    /// use error_catalog::{contract::Snapshot, ApiError};
    ///
    /// #[derive(Debug, ApiError)]
    /// enum E {
    ///     /// Nothing here.
    ///     #[api_error(status = 404, code = "not_found", message = "Not found")]
    ///     NotFound,
    /// }
    ///
    /// assert_eq!(
    ///     Snapshot::of::<E>().to_json(),
    ///     r#"[
    ///   {
    ///     "code": "not_found",
    ///     "status": 404,
    ///     "message": "Not found",
    ///     "placeholders": [],
    ///     "rebuilds": true,
    ///     "variant": "NotFound",
    ///     "description": "Nothing here."
    ///   }
    /// ]
    /// "#,
    /// );
    /// ```
    pub fn to_json(&self) -> String {
        // Strings, integers and booleans always serialize.
        let mut json =
            serde_json::to_string_pretty(&self.entries).expect("a snapshot always serializes");
        json.push('\n');
        json
    }

    /// Reads a snapshot written by [`to_json`](Self::to_json). Members other
    /// than the seven are ignored; the entries keep the order of the text.
    ///
    /// # Errors
    ///
    /// [`SnapshotError::Syntax`] when the text is not JSON,
    /// [`SnapshotError::Shape`] when it is JSON but not a snapshot: not an
    /// array of objects, a member missing or of the wrong type, a status
    /// above 65535, or `placeholders` that are not those of the `message`.
    ///
    /// ```
    /// use error_catalog::contract::{Snapshot, SnapshotError};
    ///
    /// assert!(matches!(Snapshot::from_json("<html>"), Err(SnapshotError::Syntax { .. })));
    /// let err = Snapshot::from_json(r#"[{"code": "x", "status": "400"}]"#).unwrap_err();
    /// assert!(matches!(err, SnapshotError::Shape { entry: Some(0), .. }));
    /// assert_eq!(err.to_string(), "not an error contract snapshot: entry 0 (`x`): `status` must be an integer from 0 to 65535");
    /// ```
    pub fn from_json(text: &str) -> Result<Self, SnapshotError> {
        let value: Value = serde_json::from_str(text).map_err(|err| SnapshotError::Syntax {
            path: None,
            message: err.to_string(),
        })?;
        let Value::Array(items) = value else {
            return Err(shape(None, "the snapshot must be a JSON array of entries"));
        };
        let entries = items
            .iter()
            .enumerate()
            .map(|(i, item)| read_entry(i, item))
            .collect::<Result<Vec<_>, _>>()?;
        Ok(Snapshot { entries })
    }

    /// Reads the snapshot in a file.
    ///
    /// # Errors
    ///
    /// [`SnapshotError::Io`] when the file cannot be read, else the errors of
    /// [`from_json`](Self::from_json), with the file's path.
    ///
    /// ```
    /// use error_catalog::contract::Snapshot;
    ///
    /// let err = Snapshot::read("no/such/file.json").unwrap_err();
    /// assert!(err.is_not_found());
    /// assert_eq!(err.path(), Some(std::path::Path::new("no/such/file.json")));
    /// ```
    pub fn read(path: impl AsRef<Path>) -> Result<Self, SnapshotError> {
        let path = path.as_ref();
        let text = std::fs::read_to_string(path).map_err(|source| SnapshotError::Io {
            path: path.to_owned(),
            source,
        })?;
        Self::from_json(&text).map_err(|err| err.with_path(path))
    }
}

impl serde::Serialize for Entry {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        let mut s = serializer.serialize_struct("Entry", 7)?;
        s.serialize_field("code", &self.code)?;
        s.serialize_field("status", &self.status)?;
        s.serialize_field("message", &self.message)?;
        s.serialize_field("placeholders", &self.placeholders)?;
        s.serialize_field("rebuilds", &self.rebuilds)?;
        s.serialize_field("variant", &self.variant)?;
        s.serialize_field("description", &self.description)?;
        s.end()
    }
}

fn read_entry(index: usize, item: &Value) -> Result<Entry, SnapshotError> {
    let Value::Object(object) = item else {
        return Err(shape(
            Some(index),
            &format!("entry {index} is not a JSON object"),
        ));
    };
    // Named in later errors, once known.
    let code = object.get("code").and_then(Value::as_str);
    let fail = |message: String| {
        let message = match code {
            Some(code) => format!("entry {index} (`{code}`): {message}"),
            None => format!("entry {index}: {message}"),
        };
        SnapshotError::Shape {
            path: None,
            entry: Some(index),
            message,
        }
    };
    let string = |name: &str| match object.get(name) {
        Some(Value::String(s)) => Ok(s.clone()),
        Some(_) => Err(fail(format!("`{name}` must be a string"))),
        None => Err(fail(format!("`{name}` is missing"))),
    };
    let code = string("code")?;
    let status = match object.get("status") {
        Some(value) => value
            .as_u64()
            .and_then(|n| u16::try_from(n).ok())
            .ok_or_else(|| fail("`status` must be an integer from 0 to 65535".to_owned()))?,
        None => return Err(fail("`status` is missing".to_owned())),
    };
    let message = string("message")?;
    let placeholders = match object.get("placeholders") {
        Some(Value::Array(items)) => items
            .iter()
            .map(|item| item.as_str().map(str::to_owned))
            .collect::<Option<Vec<_>>>()
            .ok_or_else(|| fail("`placeholders` must be an array of strings".to_owned()))?,
        Some(_) => {
            return Err(fail(
                "`placeholders` must be an array of strings".to_owned(),
            ))
        }
        None => return Err(fail("`placeholders` is missing".to_owned())),
    };
    let expected = Shape::of(&message).placeholders;
    if placeholders != expected {
        return Err(fail(format!(
            "`placeholders` {placeholders:?} are not those of the message, {expected:?}"
        )));
    }
    let rebuilds = match object.get("rebuilds") {
        Some(Value::Bool(b)) => *b,
        Some(_) => return Err(fail("`rebuilds` must be true or false".to_owned())),
        None => return Err(fail("`rebuilds` is missing".to_owned())),
    };
    Ok(Entry {
        code,
        status,
        message,
        placeholders,
        rebuilds,
        variant: string("variant")?,
        description: string("description")?,
    })
}

fn shape(entry: Option<usize>, message: &str) -> SnapshotError {
    SnapshotError::Shape {
        path: None,
        entry,
        message: message.to_owned(),
    }
}

/// Why a snapshot could not be read (or, for [`Io`](Self::Io), written).
///
/// ```
/// use error_catalog::contract::{Snapshot, SnapshotError};
///
/// let err = Snapshot::from_json(r#"{"code": "x"}"#).unwrap_err();
/// assert!(matches!(err, SnapshotError::Shape { entry: None, .. }));
/// println!("{err}"); // not an error contract snapshot: the snapshot must be a JSON array of entries
/// ```
#[derive(Debug)]
#[non_exhaustive]
pub enum SnapshotError {
    /// The file cannot be read or written.
    Io {
        /// The file.
        path: PathBuf,
        /// What the system said.
        source: std::io::Error,
    },
    /// The text is not JSON.
    Syntax {
        /// The file, when the text came from one.
        path: Option<PathBuf>,
        /// What is wrong, and its line and column.
        message: String,
    },
    /// The text is JSON, but not a snapshot.
    Shape {
        /// The file, when the text came from one.
        path: Option<PathBuf>,
        /// The index of the entry at fault, when one is.
        entry: Option<usize>,
        /// What is wrong.
        message: String,
    },
}

impl SnapshotError {
    /// The file the error is about, when there is one.
    ///
    /// ```
    /// # use error_catalog::contract::Snapshot;
    /// assert_eq!(Snapshot::from_json("nope").unwrap_err().path(), None);
    /// ```
    pub fn path(&self) -> Option<&Path> {
        match self {
            SnapshotError::Io { path, .. } => Some(path),
            SnapshotError::Syntax { path, .. } | SnapshotError::Shape { path, .. } => {
                path.as_deref()
            }
        }
    }

    /// Whether the file does not exist.
    ///
    /// ```
    /// # use error_catalog::contract::Snapshot;
    /// assert!(Snapshot::read("missing.json").unwrap_err().is_not_found());
    /// assert!(!Snapshot::from_json("").unwrap_err().is_not_found());
    /// ```
    pub fn is_not_found(&self) -> bool {
        matches!(self, SnapshotError::Io { source, .. } if source.kind() == std::io::ErrorKind::NotFound)
    }

    fn with_path(self, file: &Path) -> Self {
        match self {
            SnapshotError::Syntax { message, .. } => SnapshotError::Syntax {
                path: Some(file.to_owned()),
                message,
            },
            SnapshotError::Shape { entry, message, .. } => SnapshotError::Shape {
                path: Some(file.to_owned()),
                entry,
                message,
            },
            io => io,
        }
    }
}

impl fmt::Display for SnapshotError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        if let Some(path) = self.path() {
            write!(f, "{}: ", path.display())?;
        }
        match self {
            SnapshotError::Io { source, .. } => write!(f, "{source}"),
            SnapshotError::Syntax { message, .. } => write!(f, "not JSON: {message}"),
            SnapshotError::Shape { message, .. } => {
                write!(f, "not an error contract snapshot: {message}")
            }
        }
    }
}

impl std::error::Error for SnapshotError {
    fn source(&self) -> Option<&(dyn std::error::Error + 'static)> {
        match self {
            SnapshotError::Io { source, .. } => Some(source),
            _ => None,
        }
    }
}
