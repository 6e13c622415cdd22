//! The catalog as a JSON array, one object per code.

use serde::ser::{SerializeStruct, Serializer};

use crate::ErrorSpec;

use super::flatten;

/// The catalog as a pretty-printed JSON array, one object per entry of
/// [`flatten`], in declaration order, with the members `status`, `code`,
/// `message` (the template as written), `description` and `variant`.
///
/// # Example
///
/// ```
/// use error_catalog::{catalog, ApiError};
///
/// #[derive(Debug, ApiError)]
/// #[api_error(status = 400)]
/// enum LicenseError {
///     /// An action is being attempted on a license which cannot be found
///     #[api_error(code = "license_not_found", message = "License {key} not found")]
///     LicenseNotFound { key: String },
/// }
///
/// let json = catalog::to_json(LicenseError::catalog());
/// let value: serde_json::Value = serde_json::from_str(&json).unwrap();
/// assert_eq!(
///     value,
///     serde_json::json!([{
///         "status": 400,
///         "code": "license_not_found",
///         "message": "License {key} not found",
///         "description": "An action is being attempted on a license which cannot be found",
///         "variant": "LicenseNotFound",
///     }]),
/// );
/// ```
pub fn to_json(catalog: &'static [ErrorSpec]) -> String {
    let entries: Vec<Entry> = flatten(catalog).into_iter().map(Entry).collect();
    // Serializing strings and integers into a String cannot fail.
    serde_json::to_string_pretty(&entries).expect("a catalog always serializes to JSON")
}

/// One catalog entry as a JSON object, members in a fixed order.
struct Entry(&'static ErrorSpec);

impl serde::Serialize for Entry {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        let spec = self.0;
        let mut s = serializer.serialize_struct("ErrorSpec", 5)?;
        s.serialize_field("status", &spec.status)?;
        s.serialize_field("code", spec.code)?;
        s.serialize_field("message", spec.message)?;
        s.serialize_field("description", spec.description)?;
        s.serialize_field("variant", spec.variant)?;
        s.end()
    }
}

#[cfg(test)]
mod tests {
    use super::super::fixtures::*;
    use super::*;

    #[test]
    fn json_has_the_five_members_in_order() {
        let json = to_json(&INNER);
        assert!(json.starts_with("[\n  {\n    \"status\": 404,\n    \"code\": \"a\",\n    \"message\": \"A | B\",\n    \"description\": \"First | second\",\n    \"variant\": \"A\"\n  },"), "{json}");
        let value: serde_json::Value = serde_json::from_str(&json).unwrap();
        assert_eq!(value.as_array().unwrap().len(), 2);
        assert_eq!(
            value[1]["description"],
            "Line one\nline two\n\nNext \\| kept"
        );
    }
}
