//! Message templates: the format strings of `message = "..."`.
//!
//! A template is parsed once into pieces; the expansion rewrites every
//! argument it names (`{key}`, `{0}`, `{}`, `{:width$}`) to a generated name,
//! so that the user's field names never meet the expansion's own locals.

/// What one argument reference names.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum ArgRef {
    /// `{key}`.
    Named(String),
    /// `{0}`, or the n-th `{}`.
    Index(usize),
}

/// The formatting trait a placeholder asks for.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Trait {
    /// `{x}`.
    Display,
    /// `{x:?}`.
    Debug,
    /// `{x:x}`.
    LowerHex,
    /// `{x:X}`.
    UpperHex,
    /// `{x:o}`.
    Octal,
    /// `{x:b}`.
    Binary,
    /// `{x:e}`.
    LowerExp,
    /// `{x:E}`.
    UpperExp,
    /// `{x:p}`.
    Pointer,
}

/// What a template does with an argument.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Role {
    /// Formats it with a trait: `{x}`, `{x:?}`, `{x:p}`.
    Format(Trait),
    /// Reads it as a width or a precision: `{y:x$}`, `{y:.x$}`; a `usize`.
    Count,
}

impl Trait {
    /// The trait's name in `core::fmt`.
    pub fn path_name(self) -> &'static str {
        match self {
            Trait::Display => "Display",
            Trait::Debug => "Debug",
            Trait::LowerHex => "LowerHex",
            Trait::UpperHex => "UpperHex",
            Trait::Octal => "Octal",
            Trait::Binary => "Binary",
            Trait::LowerExp => "LowerExp",
            Trait::UpperExp => "UpperExp",
            Trait::Pointer => "Pointer",
        }
    }
}

/// A piece of a template.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Piece {
    /// Literal text, braces unescaped.
    Lit(String),
    /// `{...}`.
    Placeholder(Placeholder),
}

/// A placeholder: `{arg:spec}`.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Placeholder {
    /// The argument it formats.
    pub arg: ArgRef,
    /// The spec after `:`, as written (empty when none).
    pub spec: String,
    /// The trait the spec asks for.
    pub trait_: Trait,
    /// Arguments named by the spec: `width$`, `.prec$`.
    pub spec_args: Vec<ArgRef>,
}

impl Placeholder {
    /// A bare `{field}`: no spec, Display.
    pub fn is_plain(&self) -> bool {
        self.spec.is_empty()
    }
}

/// A parsed template: its pieces in order.
#[derive(Debug)]
pub struct Template {
    /// Literal text and placeholders, in order.
    pub pieces: Vec<Piece>,
}

impl Template {
    /// The placeholders, in order.
    pub fn placeholders(&self) -> impl Iterator<Item = &Placeholder> {
        Placeholders {
            pieces: self.pieces.iter(),
        }
    }

    /// Whether the template has no placeholder.
    pub fn is_fixed(&self) -> bool {
        self.placeholders().next().is_none()
    }

    /// The literal text of a template without placeholders.
    pub fn fixed_text(&self) -> String {
        let mut out = String::new();
        for piece in &self.pieces {
            if let Piece::Lit(s) = piece {
                out.push_str(s);
            }
        }
        out
    }

    /// Every argument the template names, the spec's included.
    pub fn args(&self) -> impl Iterator<Item = (&ArgRef, Role)> {
        Args {
            placeholders: Placeholders {
                pieces: self.pieces.iter(),
            },
            spec_args: [].iter(),
        }
    }

    /// The template as a format string, each argument renamed by `rename`
    /// for its role, literal braces escaped again.
    ///
    /// ```
    /// use error_catalog_rules::fmt::{self, ArgRef};
    ///
    /// let template = fmt::parse("{{{key}}} is {n:>width$}").unwrap();
    /// let renamed = template.rewrite(|arg, _role| match arg {
    ///     ArgRef::Named(name) => format!("__{name}"),
    ///     ArgRef::Index(i) => format!("__{i}"),
    /// });
    /// assert_eq!(renamed, "{{{__key}}} is {__n:>__width$}");
    /// ```
    pub fn rewrite(&self, rename: impl Fn(&ArgRef, Role) -> String) -> String {
        let mut out = String::new();
        for piece in &self.pieces {
            match piece {
                Piece::Lit(s) => push_escaped(&mut out, s),
                Piece::Placeholder(p) => {
                    out.push('{');
                    out.push_str(&rename(&p.arg, Role::Format(p.trait_)));
                    if !p.spec.is_empty() {
                        out.push(':');
                        out.push_str(&rewrite_spec(&p.spec, &rename));
                    }
                    out.push('}');
                }
            }
        }
        out
    }
}

/// The placeholders of a template, in order.
struct Placeholders<'a> {
    pieces: std::slice::Iter<'a, Piece>,
}

impl<'a> Iterator for Placeholders<'a> {
    type Item = &'a Placeholder;

    fn next(&mut self) -> Option<&'a Placeholder> {
        for piece in self.pieces.by_ref() {
            if let Piece::Placeholder(p) = piece {
                return Some(p);
            }
        }
        None
    }
}

/// The arguments of a template, in order: each placeholder's own argument,
/// then the ones its spec names.
struct Args<'a> {
    placeholders: Placeholders<'a>,
    /// The spec's arguments of the placeholder last read, not yet given.
    spec_args: std::slice::Iter<'a, ArgRef>,
}

impl<'a> Iterator for Args<'a> {
    type Item = (&'a ArgRef, Role);

    fn next(&mut self) -> Option<Self::Item> {
        if let Some(arg) = self.spec_args.next() {
            return Some((arg, Role::Count));
        }
        let p = self.placeholders.next()?;
        self.spec_args = p.spec_args.iter();
        Some((&p.arg, Role::Format(p.trait_)))
    }
}

/// Literal text, its braces escaped again.
fn push_escaped(out: &mut String, text: &str) {
    for c in text.chars() {
        match c {
            '{' => out.push_str("{{"),
            '}' => out.push_str("}}"),
            c => out.push(c),
        }
    }
}

/// Parses a template. The error says what is wrong, for the literal's span.
///
/// ```
/// use error_catalog_rules::fmt::{self, ArgRef, Piece, Trait};
///
/// let template = fmt::parse("License {key:?} not found").unwrap();
/// match &template.pieces[1] {
///     Piece::Placeholder(p) => {
///         assert_eq!(p.arg, ArgRef::Named("key".into()));
///         assert_eq!(p.trait_, Trait::Debug);
///     }
///     other => panic!("{other:?}"),
/// }
/// assert!(fmt::parse("unclosed {key").is_err());
/// ```
pub fn parse(template: &str) -> Result<Template, String> {
    let mut pieces = Vec::new();
    let mut lit = String::new();
    let mut next_implicit = 0;
    let mut chars = template.char_indices().peekable();
    while let Some((_, c)) = chars.next() {
        match c {
            '{' if matches!(chars.peek(), Some(&(_, '{'))) => {
                chars.next();
                lit.push('{');
            }
            '}' if matches!(chars.peek(), Some(&(_, '}'))) => {
                chars.next();
                lit.push('}');
            }
            '}' => {
                return Err(
                    "unmatched `}` in the message: write `}}` for a literal brace".to_owned(),
                )
            }
            '{' => {
                let mut inner = String::new();
                let mut closed = false;
                for (_, c) in chars.by_ref() {
                    if c == '}' {
                        closed = true;
                        break;
                    }
                    if c == '{' {
                        return Err(
                            "`{` inside a placeholder: write `{{` for a literal brace".to_owned()
                        );
                    }
                    inner.push(c);
                }
                if !closed {
                    return Err(
                        "unclosed `{` in the message: close the placeholder with `}`, or write `{{` for a literal brace"
                            .to_owned(),
                    );
                }
                if !lit.is_empty() {
                    pieces.push(Piece::Lit(std::mem::take(&mut lit)));
                }
                pieces.push(Piece::Placeholder(parse_placeholder(
                    &inner,
                    &mut next_implicit,
                )?));
            }
            c => lit.push(c),
        }
    }
    if !lit.is_empty() {
        pieces.push(Piece::Lit(lit));
    }
    Ok(Template { pieces })
}

fn parse_placeholder(inner: &str, next_implicit: &mut usize) -> Result<Placeholder, String> {
    let (arg, spec) = match inner.find(':') {
        Some(i) => (inner[..i].trim(), &inner[i + 1..]),
        None => (inner.trim(), ""),
    };
    let arg = if arg.is_empty() {
        let i = *next_implicit;
        *next_implicit += 1;
        ArgRef::Index(i)
    } else {
        match parse_arg(arg) {
            Some(arg) => arg,
            None => return Err(format!("`{{{arg}}}` names no field: a placeholder is a field name like `{{key}}` or a position like `{{0}}`")),
        }
    };
    let (trait_, spec_args) = parse_spec(spec)?;
    Ok(Placeholder {
        arg,
        spec: spec.to_owned(),
        trait_,
        spec_args,
    })
}

fn parse_arg(arg: &str) -> Option<ArgRef> {
    if is_digits(arg) {
        return match arg.parse() {
            Ok(i) => Some(ArgRef::Index(i)),
            Err(_) => None,
        };
    }
    let ident = arg.strip_prefix("r#").unwrap_or(arg);
    let mut chars = ident.chars();
    let first = chars.next()?;
    if !(first.is_alphabetic() || first == '_') {
        return None;
    }
    for c in chars {
        if !is_word_char(c) {
            return None;
        }
    }
    Some(ArgRef::Named(ident.to_owned()))
}

/// Whether the text is ASCII digits only (or empty).
pub fn is_digits(text: &str) -> bool {
    for b in text.bytes() {
        if !b.is_ascii_digit() {
            return false;
        }
    }
    true
}

/// A character of an identifier or an integer.
fn is_word_char(c: char) -> bool {
    c.is_alphanumeric() || c == '_'
}

/// The characters of `text`, to index.
pub fn chars_of(text: &str) -> Vec<char> {
    let mut chars = Vec::with_capacity(text.len());
    for c in text.chars() {
        chars.push(c);
    }
    chars
}

/// The characters as a string.
fn text(chars: &[char]) -> String {
    let mut out = String::with_capacity(chars.len());
    for &c in chars {
        out.push(c);
    }
    out
}

/// `[[fill]align][sign]['#']['0'][width]['.' precision][type]`, where width
/// and precision may be `N$` or `name$`.
fn parse_spec(spec: &str) -> Result<(Trait, Vec<ArgRef>), String> {
    let chars = chars_of(spec);
    let mut i = 0;
    let mut args = Vec::new();
    if matches!(chars.get(1), Some('<' | '^' | '>')) {
        i = 2;
    } else if matches!(chars.first(), Some('<' | '^' | '>')) {
        i = 1;
    }
    if matches!(chars.get(i), Some('+' | '-')) {
        i += 1;
    }
    if chars.get(i) == Some(&'#') {
        i += 1;
    }
    if chars.get(i) == Some(&'0') && chars.get(i + 1) != Some(&'$') {
        i += 1;
    }
    // width
    i = parse_count(&chars, i, &mut args);
    if chars.get(i) == Some(&'.') {
        i += 1;
        if chars.get(i) == Some(&'*') {
            return Err(
                "`.*` precision is not supported in a message: name the precision with `.name$`"
                    .to_owned(),
            );
        }
        i = parse_count(&chars, i, &mut args);
    }
    let ty = text(&chars[i..]);
    let trait_ = match ty.as_str() {
        "" => Trait::Display,
        "?" | "x?" | "X?" | "#?" => Trait::Debug,
        "x" => Trait::LowerHex,
        "X" => Trait::UpperHex,
        "o" => Trait::Octal,
        "b" => Trait::Binary,
        "e" => Trait::LowerExp,
        "E" => Trait::UpperExp,
        "p" => Trait::Pointer,
        other => {
            return Err(format!(
                "unknown format spec `:{spec}` (at `{other}`): use `{{field}}`, `{{field:?}}`, or a width and precision like `{{field:>8.2}}`"
            ))
        }
    };
    Ok((trait_, args))
}

/// A width or precision: an integer, or `N$` / `name$` naming an argument.
fn parse_count(chars: &[char], start: usize, args: &mut Vec<ArgRef>) -> usize {
    let mut end = start;
    while end < chars.len() && is_word_char(chars[end]) {
        end += 1;
    }
    if end > start && chars.get(end) == Some(&'$') {
        let word = text(&chars[start..end]);
        if let Some(arg) = parse_arg(&word) {
            args.push(arg);
            return end + 1;
        }
    }
    // A plain integer count.
    let mut end = start;
    while end < chars.len() && chars[end].is_ascii_digit() {
        end += 1;
    }
    end
}

/// Renames the `N$` / `name$` arguments of a spec.
fn rewrite_spec(spec: &str, rename: &impl Fn(&ArgRef, Role) -> String) -> String {
    let chars = chars_of(spec);
    let mut out = String::new();
    let mut i = 0;
    while i < chars.len() {
        if is_word_char(chars[i]) {
            let start = i;
            while i < chars.len() && is_word_char(chars[i]) {
                i += 1;
            }
            let word = text(&chars[start..i]);
            // Only a word right before `$` names an argument; a fill
            // character followed by an align is not a word.
            let is_fill =
                start == 0 && i - start == 1 && matches!(chars.get(i), Some('<' | '^' | '>'));
            match (chars.get(i), parse_arg(&word)) {
                (Some('$'), Some(arg)) if !is_fill => out.push_str(&rename(&arg, Role::Count)),
                _ => out.push_str(&word),
            }
        } else {
            out.push(chars[i]);
            i += 1;
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    fn rename(arg: &ArgRef, role: Role) -> String {
        let prefix = if role == Role::Count { "c" } else { "" };
        match arg {
            ArgRef::Named(n) => format!("__{prefix}n_{n}"),
            ArgRef::Index(i) => format!("__{prefix}i_{i}"),
        }
    }

    #[test]
    fn rewrites_arguments_and_keeps_specs() {
        let t = parse("License {key} not found ({0:>5.2}, {:?}, {n:w$.p$}) {{x}}").unwrap();
        assert_eq!(
            t.rewrite(rename),
            "License {__n_key} not found ({__i_0:>5.2}, {__i_0:?}, {__n_n:__cn_w$.__cn_p$}) {{x}}"
        );
        assert!(!t.is_fixed());
    }

    #[test]
    fn fill_characters_are_not_arguments() {
        let t = parse("{0:x>5}").unwrap();
        assert_eq!(t.rewrite(rename), "{__i_0:x>5}");
        let t = parse("{0:0$}").unwrap();
        assert_eq!(t.rewrite(rename), "{__i_0:__ci_0$}");
    }

    #[test]
    fn fixed_text_unescapes_braces() {
        let t = parse("Use {{ and }}").unwrap();
        assert!(t.is_fixed());
        assert_eq!(t.fixed_text(), "Use { and }");
    }

    #[test]
    fn rejects_malformed_templates() {
        assert!(parse("open {").is_err());
        assert!(parse("close }").is_err());
        assert!(parse("{a b}").is_err());
        assert!(parse("{0:.*}").is_err());
        assert!(parse("{0:q}").is_err());
    }
}
