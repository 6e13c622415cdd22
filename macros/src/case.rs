//! `rename_all`: a code derived from the variant's name.

#[derive(Clone, Copy, PartialEq, Eq, Debug)]
pub(crate) enum Case {
    Lower,
    Upper,
    Pascal,
    Camel,
    Snake,
    ScreamingSnake,
    Kebab,
    ScreamingKebab,
}

pub(crate) const CASES: &[(&str, Case)] = &[
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
    pub(crate) fn from_name(name: &str) -> Option<Case> {
        CASES.iter().find(|(n, _)| *n == name).map(|(_, c)| *c)
    }

    /// Applies the case to a PascalCase variant name.
    pub(crate) fn apply(self, variant: &str) -> String {
        let words = split_words(variant);
        let join = |sep: &str, upper: bool| {
            words
                .iter()
                .map(|w| {
                    if upper {
                        w.to_uppercase()
                    } else {
                        w.to_lowercase()
                    }
                })
                .collect::<Vec<_>>()
                .join(sep)
        };
        match self {
            Case::Lower => variant.to_lowercase(),
            Case::Upper => variant.to_uppercase(),
            Case::Pascal => variant.to_owned(),
            Case::Camel => {
                let mut chars = variant.chars();
                match chars.next() {
                    Some(first) => first.to_lowercase().chain(chars).collect(),
                    None => String::new(),
                }
            }
            Case::Snake => join("_", false),
            Case::ScreamingSnake => join("_", true),
            Case::Kebab => join("-", false),
            Case::ScreamingKebab => join("-", true),
        }
    }
}

/// `LicenseNotFound` → `License`, `Not`, `Found`; `HTTPError` → `HTTP`, `Error`;
/// `Error2` → `Error2`.
fn split_words(name: &str) -> Vec<String> {
    let chars: Vec<char> = name.trim_start_matches("r#").chars().collect();
    let mut words = Vec::new();
    let mut current = String::new();
    for (i, &c) in chars.iter().enumerate() {
        if c == '_' {
            if !current.is_empty() {
                words.push(std::mem::take(&mut current));
            }
            continue;
        }
        let prev = i.checked_sub(1).map(|p| chars[p]);
        let next = chars.get(i + 1).copied();
        let boundary = c.is_uppercase()
            && !current.is_empty()
            && (prev.is_some_and(|p| p.is_lowercase() || p.is_ascii_digit())
                || next.is_some_and(|n| n.is_lowercase()));
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
