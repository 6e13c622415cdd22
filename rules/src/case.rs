//! `rename_all`: a code derived from the variant's name.

/// A naming case of `rename_all`, each named as serde names it.
#[derive(Clone, Copy, PartialEq, Eq, Debug)]
pub enum Case {
    /// `lowercase`: `licensenotfound`.
    Lower,
    /// `UPPERCASE`: `LICENSENOTFOUND`.
    Upper,
    /// `PascalCase`: `LicenseNotFound`.
    Pascal,
    /// `camelCase`: `licenseNotFound`.
    Camel,
    /// `snake_case`: `license_not_found`.
    Snake,
    /// `SCREAMING_SNAKE_CASE`: `LICENSE_NOT_FOUND`.
    ScreamingSnake,
    /// `kebab-case`: `license-not-found`.
    Kebab,
    /// `SCREAMING-KEBAB-CASE`: `LICENSE-NOT-FOUND`.
    ScreamingKebab,
}

/// Every case, by the name `rename_all` takes.
pub const CASES: &[(&str, Case)] = &[
    ("lowercase", Case::Lower),
    ("UPPERCASE", Case::Upper),
    ("PascalCase", Case::Pascal),
    ("camelCase", Case::Camel),
    ("snake_case", Case::Snake),
    ("SCREAMING_SNAKE_CASE", Case::ScreamingSnake),
    ("kebab-case", Case::Kebab),
    ("SCREAMING-KEBAB-CASE", Case::ScreamingKebab),
];

impl Case {
    /// The case `rename_all = "..."` names, if any.
    ///
    /// ```
    /// use error_catalog_rules::case::Case;
    ///
    /// assert_eq!(Case::from_name("kebab-case"), Some(Case::Kebab));
    /// assert_eq!(Case::from_name("kebab"), None);
    /// ```
    pub fn from_name(name: &str) -> Option<Case> {
        for &(n, case) in CASES {
            if n == name {
                return Some(case);
            }
        }
        None
    }

    /// Applies the case to a PascalCase variant name.
    ///
    /// ```
    /// use error_catalog_rules::case::Case;
    ///
    /// assert_eq!(Case::ScreamingSnake.apply("LicenseNotFound"), "LICENSE_NOT_FOUND");
    /// assert_eq!(Case::Camel.apply("LicenseNotFound"), "licenseNotFound");
    /// ```
    pub fn apply(self, variant: &str) -> String {
        match self {
            Case::Lower => variant.to_lowercase(),
            Case::Upper => variant.to_uppercase(),
            Case::Pascal => variant.to_owned(),
            Case::Camel => {
                let mut chars = variant.chars();
                let mut out = String::with_capacity(variant.len());
                if let Some(first) = chars.next() {
                    for c in first.to_lowercase() {
                        out.push(c);
                    }
                    out.push_str(chars.as_str());
                }
                out
            }
            Case::Snake => join_words(variant, '_', false),
            Case::ScreamingSnake => join_words(variant, '_', true),
            Case::Kebab => join_words(variant, '-', false),
            Case::ScreamingKebab => join_words(variant, '-', true),
        }
    }
}

/// The words of a PascalCase name, all lower or all upper case, with `sep`
/// between them.
fn join_words(variant: &str, sep: char, upper: bool) -> String {
    let mut out = String::new();
    for (i, word) in split_words(variant).iter().enumerate() {
        if i > 0 {
            out.push(sep);
        }
        if upper {
            out.push_str(&word.to_uppercase());
        } else {
            out.push_str(&word.to_lowercase());
        }
    }
    out
}

/// `LicenseNotFound` → `License`, `Not`, `Found`; `HTTPError` → `HTTP`, `Error`;
/// `Error2` → `Error2`.
fn split_words(name: &str) -> Vec<String> {
    let chars = crate::fmt::chars_of(name.trim_start_matches("r#"));
    let mut words = Vec::new();
    let mut current = String::new();
    for (i, &c) in chars.iter().enumerate() {
        if c == '_' {
            if !current.is_empty() {
                words.push(std::mem::take(&mut current));
            }
            continue;
        }
        let prev = if i == 0 { None } else { Some(chars[i - 1]) };
        let next = chars.get(i + 1);
        let boundary = c.is_uppercase()
            && !current.is_empty()
            && (matches!(prev, Some(p) if p.is_lowercase() || p.is_ascii_digit())
                || matches!(next, Some(n) if n.is_lowercase()));
        if boundary {
            words.push(std::mem::take(&mut current));
        }
        current.push(c);
    }
    if !current.is_empty() {
        words.push(current);
    }
    words
}

/// `text` with every `removed` character left out.
///
/// ```
/// assert_eq!(error_catalog_rules::case::without("a :: b", ' '), "a::b");
/// ```
pub fn without(text: &str, removed: char) -> String {
    let mut out = String::with_capacity(text.len());
    for c in text.chars() {
        if c != removed {
            out.push(c);
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn cases() {
        assert_eq!(Case::Snake.apply("LicenseNotFound"), "license_not_found");
        assert_eq!(Case::Snake.apply("HTTPError"), "http_error");
        assert_eq!(Case::Snake.apply("Error2Fast"), "error2_fast");
        assert_eq!(Case::ScreamingSnake.apply("NotFound"), "NOT_FOUND");
        assert_eq!(Case::Kebab.apply("NotFound"), "not-found");
        assert_eq!(Case::ScreamingKebab.apply("NotFound"), "NOT-FOUND");
        assert_eq!(Case::Camel.apply("NotFound"), "notFound");
        assert_eq!(Case::Pascal.apply("NotFound"), "NotFound");
        assert_eq!(Case::Lower.apply("NotFound"), "notfound");
        assert_eq!(Case::Upper.apply("NotFound"), "NOTFOUND");
    }
}
