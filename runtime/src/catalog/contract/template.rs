//! [`Shape`]: a message template read as the derive reads it, for the
//! snapshot's placeholders and the diff's rules.

/// A message template read as the derive reads it: the literal text around
/// the placeholders, and the argument each placeholder names.
#[derive(Debug, PartialEq, Eq)]
pub(super) struct Shape {
    /// One more than the placeholders: the text before, between and after
    /// them, braces unescaped.
    pub(super) literals: Vec<String>,
    pub(super) placeholders: Vec<String>,
}

impl Shape {
    /// Reads any text, never fails: a brace that opens no placeholder is
    /// literal text.
    pub(super) fn of(template: &str) -> Shape {
        let mut literals = vec![String::new()];
        let mut placeholders = Vec::new();
        let mut next_implicit = 0usize;
        let mut rest = template;
        while let Some(c) = rest.chars().next() {
            let literal = literals.last_mut().expect("never empty");
            if let Some(after) = rest.strip_prefix("{{") {
                literal.push('{');
                rest = after;
            } else if let Some(after) = rest.strip_prefix("}}") {
                literal.push('}');
                rest = after;
            } else if c == '{' {
                let Some(close) = rest.find('}') else {
                    literal.push_str(rest);
                    break;
                };
                let inner = &rest[1..close];
                let arg = inner.split(':').next().unwrap_or_default().trim();
                placeholders.push(if arg.is_empty() {
                    next_implicit += 1;
                    (next_implicit - 1).to_string()
                } else {
                    arg.to_owned()
                });
                literals.push(String::new());
                rest = &rest[close + 1..];
            } else {
                literal.push(c);
                rest = &rest[c.len_utf8()..];
            }
        }
        Shape {
            literals,
            placeholders,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[track_caller]
    fn check(template: &str, literals: &[&str], placeholders: &[&str]) {
        let shape = Shape::of(template);
        assert_eq!(shape.literals, literals, "{template:?}");
        assert_eq!(shape.placeholders, placeholders, "{template:?}");
    }

    #[test]
    fn shapes_follow_the_format_syntax() {
        check("Not found", &["Not found"], &[]);
        check(
            "License {key} not found",
            &["License ", " not found"],
            &["key"],
        );
        check("{0}", &["", ""], &["0"]);
        check(
            "{} and {} and {0}",
            &["", " and ", " and ", ""],
            &["0", "1", "0"],
        );
        check(
            "{{literal}} {n:>8.2} {x:?}{ y }",
            &["{literal} ", " ", "", ""],
            &["n", "x", "y"],
        );
        check("{:w$}", &["", ""], &["0"]);
        // Not templates the derive accepts, still read without a panic.
        check("a } b { c", &["a } b { c"], &[]);
        check("é{é}é", &["é", "é"], &["é"]);
        check("", &[""], &[]);
    }
}
