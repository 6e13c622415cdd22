//! [`diff`]: every change between two snapshots, each classified by who it
//! breaks ([`Severity`]).

use core::fmt;
use std::collections::{BTreeMap, VecDeque};

use super::snapshot::{Entry, Snapshot};
use super::template::Shape;

/// Every change from `old` to `new`, classified (see [`ChangeKind`] for the
/// rules), most severe first, then by code.
///
/// Entries are matched by code; when a code has several entries, the n-th
/// of `old` is matched with the n-th of `new`.
///
/// # Example
///
/// ```
/// use error_catalog::contract::{diff, ChangeKind, Severity, Snapshot};
/// use error_catalog::ApiError;
///
/// mod v1 {
///     #[derive(Debug, error_catalog::ApiError)]
///     #[api_error(status = 400)]
///     pub enum LicenseError {
///         #[api_error(code = "license_not_found", message = "License {key} not found")]
///         LicenseNotFound { key: String },
///         #[api_error(code = "license_expired", message = "License expired")]
///         LicenseExpired,
///     }
/// }
///
/// mod v2 {
///     #[derive(Debug, error_catalog::ApiError)]
///     #[api_error(status = 400)]
///     pub enum LicenseError {
///         #[api_error(status = 404, code = "license_not_found", message = "License {key} not found")]
///         LicenseNotFound { key: String },
///         #[api_error(code = "license_expired", message = "The license has expired")]
///         LicenseExpired,
///         #[api_error(code = "license_disabled", message = "The license is disabled")]
///         LicenseDisabled,
///     }
/// }
///
/// let changes = diff(&Snapshot::of::<v1::LicenseError>(), &Snapshot::of::<v2::LicenseError>());
/// assert!(changes.is_breaking());
/// let found: Vec<_> = changes
///     .changes()
///     .iter()
///     .map(|c| (c.severity(), c.code.as_str(), c.kind))
///     .collect();
/// assert_eq!(
///     found,
///     [
///         (Severity::Breaking, "license_not_found", ChangeKind::StatusChanged),
///         (Severity::Additive, "license_disabled", ChangeKind::CodeAdded),
///         (Severity::Cosmetic, "license_expired", ChangeKind::MessageReworded),
///     ],
/// );
/// println!("{changes}");
/// // breaking: license_not_found: status 400 -> 404
/// // additive: license_disabled: code added (400 "The license is disabled")
/// // cosmetic: license_expired: message "License expired" -> "The license has expired"
/// ```
pub fn diff(old: &Snapshot, new: &Snapshot) -> Diff {
    let mut unmatched: BTreeMap<&str, VecDeque<&Entry>> = BTreeMap::new();
    for entry in new.entries() {
        unmatched.entry(&entry.code).or_default().push_back(entry);
    }
    let mut changes = Vec::new();
    for before in old.entries() {
        match unmatched
            .get_mut(before.code.as_str())
            .and_then(VecDeque::pop_front)
        {
            Some(after) => compare(before, after, &mut changes),
            None => changes.push(Change::new(
                before,
                ChangeKind::CodeRemoved,
                Some(summary(before)),
                None,
            )),
        }
    }
    for after in unmatched.into_values().flatten() {
        changes.push(Change::new(
            after,
            ChangeKind::CodeAdded,
            None,
            Some(summary(after)),
        ));
    }
    // Stable: two changes of one kind to one code keep their order.
    changes.sort_by(|a, b| (a.severity(), &a.code, a.kind).cmp(&(b.severity(), &b.code, b.kind)));
    Diff { changes }
}

/// The changes of one code that is in both snapshots.
fn compare(old: &Entry, new: &Entry, changes: &mut Vec<Change>) {
    let mut push = |kind, before: String, after: String| {
        changes.push(Change::new(old, kind, Some(before), Some(after)));
    };
    if old.status != new.status {
        push(
            ChangeKind::StatusChanged,
            old.status.to_string(),
            new.status.to_string(),
        );
    }
    if old.rebuilds != new.rebuilds {
        let kind = if old.rebuilds {
            ChangeKind::NoLongerRebuilds
        } else {
            ChangeKind::NowRebuilds
        };
        push(kind, old.rebuilds.to_string(), new.rebuilds.to_string());
    }
    if old.message != new.message {
        // Typed clients split the old message when its code rebuilds and it
        // has fields to give back; a fixed message rebuilds nothing. The
        // placeholders' names are also keys that clients read by name (the
        // values of the message's fields), so renaming or reordering them
        // breaks typed clients whether or not the message rebuilds.
        let (before, after) = (Shape::of(&old.message), Shape::of(&new.message));
        let rebuilt = old.rebuilds && !before.placeholders.is_empty();
        let renamed = before.placeholders != after.placeholders;
        let kind = if renamed || (rebuilt && before != after) {
            ChangeKind::TemplateChanged
        } else {
            ChangeKind::MessageReworded
        };
        push(kind, old.message.clone(), new.message.clone());
    }
    if old.description != new.description {
        push(
            ChangeKind::DescriptionChanged,
            old.description.clone(),
            new.description.clone(),
        );
    }
    if old.variant != new.variant {
        push(
            ChangeKind::VariantRenamed,
            old.variant.clone(),
            new.variant.clone(),
        );
    }
}

/// A removed or added code, as its status and its message.
fn summary(entry: &Entry) -> String {
    format!("{} {:?}", entry.status, entry.message)
}

/// The changes from one snapshot to another, from [`diff`].
///
/// Its `Display` is one line a change, most severe first:
/// `breaking: license_not_found: status 400 -> 404`.
///
/// ```
/// use error_catalog::contract::{diff, Snapshot};
///
/// let snapshot = Snapshot::from_json("[]").unwrap();
/// let changes = diff(&snapshot, &snapshot);
/// assert!(changes.is_empty() && !changes.is_breaking());
/// assert_eq!(changes.to_string(), "");
/// ```
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct Diff {
    changes: Vec<Change>,
}

impl Diff {
    /// Every change, most severe first, then by code.
    ///
    /// ```
    /// # use error_catalog::contract::{diff, Snapshot};
    /// let old = Snapshot::from_json(r#"[{"code": "gone", "status": 400, "message": "Gone",
    ///     "placeholders": [], "rebuilds": true, "variant": "Gone", "description": ""}]"#).unwrap();
    /// let changes = diff(&old, &Snapshot::from_json("[]").unwrap());
    /// assert_eq!(changes.changes()[0].code, "gone");
    /// assert_eq!(changes.changes()[0].old.as_deref(), Some(r#"400 "Gone""#));
    /// ```
    pub fn changes(&self) -> &[Change] {
        &self.changes
    }

    /// Whether there is no change at all.
    ///
    /// ```
    /// # use error_catalog::contract::{diff, Snapshot};
    /// # let snapshot = Snapshot::from_json("[]").unwrap();
    /// assert!(diff(&snapshot, &snapshot).is_empty());
    /// ```
    pub fn is_empty(&self) -> bool {
        self.changes.is_empty()
    }

    /// Whether a change breaks clients: [`Severity::Breaking`] or
    /// [`Severity::BreakingForTypedClients`].
    ///
    /// ```
    /// # use error_catalog::contract::{diff, Snapshot};
    /// let empty = Snapshot::from_json("[]").unwrap();
    /// let one = Snapshot::from_json(r#"[{"code": "new", "status": 400, "message": "New",
    ///     "placeholders": [], "rebuilds": true, "variant": "New", "description": ""}]"#).unwrap();
    /// assert!(!diff(&empty, &one).is_breaking()); // a code added
    /// assert!(diff(&one, &empty).is_breaking()); // a code removed
    /// ```
    pub fn is_breaking(&self) -> bool {
        self.changes.iter().any(|c| c.severity().is_breaking())
    }

    /// The number of changes of a severity.
    ///
    /// ```
    /// # use error_catalog::contract::{diff, Severity, Snapshot};
    /// # let snapshot = Snapshot::from_json("[]").unwrap();
    /// assert_eq!(diff(&snapshot, &snapshot).count(Severity::Breaking), 0);
    /// ```
    pub fn count(&self, severity: Severity) -> usize {
        self.changes
            .iter()
            .filter(|c| c.severity() == severity)
            .count()
    }
}

impl fmt::Display for Diff {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        for change in &self.changes {
            writeln!(f, "{change}")?;
        }
        Ok(())
    }
}

/// One change to one code, from [`diff`]: its code, what changed, and the
/// old and new values as text.
///
/// The values are: a status as its number; a message, a description or a
/// variant as written; `true` or `false` for whether the code rebuilds; a
/// removed or added code as its status and quoted message (`None` on the
/// side where it does not exist).
///
/// ```
/// use error_catalog::contract::{diff, ChangeKind, Snapshot};
///
/// let entry = |status: u16| format!(r#"[{{"code": "taken", "status": {status}, "message": "Taken",
///     "placeholders": [], "rebuilds": true, "variant": "Taken", "description": ""}}]"#);
/// let old = Snapshot::from_json(&entry(400)).unwrap();
/// let new = Snapshot::from_json(&entry(409)).unwrap();
/// let changes = diff(&old, &new);
/// let change = &changes.changes()[0];
/// assert_eq!(change.kind, ChangeKind::StatusChanged);
/// assert_eq!((change.old.as_deref(), change.new.as_deref()), (Some("400"), Some("409")));
/// assert_eq!(change.to_string(), "breaking: taken: status 400 -> 409");
/// ```
#[derive(Debug, Clone, PartialEq, Eq)]
#[non_exhaustive]
pub struct Change {
    /// The code.
    pub code: String,
    /// What changed.
    pub kind: ChangeKind,
    /// The value before; `None` for an added code.
    pub old: Option<String>,
    /// The value after; `None` for a removed code.
    pub new: Option<String>,
}

impl Change {
    fn new(entry: &Entry, kind: ChangeKind, old: Option<String>, new: Option<String>) -> Self {
        Change {
            code: entry.code.clone(),
            kind,
            old,
            new,
        }
    }

    /// Who the change breaks: the severity of its [`kind`](Self::kind).
    ///
    /// ```
    /// # use error_catalog::contract::{diff, Severity, Snapshot};
    /// # let old = Snapshot::from_json(r#"[{"code": "gone", "status": 400, "message": "Gone",
    /// #     "placeholders": [], "rebuilds": true, "variant": "Gone", "description": ""}]"#).unwrap();
    /// let changes = diff(&old, &Snapshot::from_json("[]").unwrap());
    /// assert_eq!(changes.changes()[0].severity(), Severity::Breaking);
    /// ```
    pub fn severity(&self) -> Severity {
        self.kind.severity()
    }
}

impl fmt::Display for Change {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}: {}: ", self.severity(), self.code)?;
        let none = String::new();
        let (old, new) = (
            self.old.as_ref().unwrap_or(&none),
            self.new.as_ref().unwrap_or(&none),
        );
        match self.kind {
            ChangeKind::CodeRemoved => write!(f, "code removed (was {old})"),
            ChangeKind::CodeAdded => write!(f, "code added ({new})"),
            ChangeKind::StatusChanged => write!(f, "status {old} -> {new}"),
            ChangeKind::NoLongerRebuilds | ChangeKind::NowRebuilds => {
                write!(f, "rebuilds {old} -> {new}")
            }
            ChangeKind::TemplateChanged | ChangeKind::MessageReworded => {
                write!(f, "message {old:?} -> {new:?}")
            }
            ChangeKind::DescriptionChanged => write!(f, "description {old:?} -> {new:?}"),
            ChangeKind::VariantRenamed => write!(f, "variant {old} -> {new}"),
        }
    }
}

/// What changed in one code, each kind with its [`Severity`].
///
/// | kind | severity | why |
/// | --- | --- | --- |
/// | [`CodeRemoved`](Self::CodeRemoved) | breaking | every client that matches on the code never sees it again |
/// | [`StatusChanged`](Self::StatusChanged) | breaking | clients branch on the status; the derived `Deserialize` rejects a body whose status is not its catalog's |
/// | [`TemplateChanged`](Self::TemplateChanged) | breaking for typed clients | a typed client splits the message along its own template's literal text and placeholders, and reads the fields' values by their names; the new message no longer splits, or a name it reads is gone |
/// | [`NoLongerRebuilds`](Self::NoLongerRebuilds) | breaking for typed clients | a typed client that matched on the variant now gets only its catalog entry |
/// | [`CodeAdded`](Self::CodeAdded) | additive | old clients see an unknown code; strict ones reject it |
/// | [`NowRebuilds`](Self::NowRebuilds) | additive | typed clients of the new version rebuild the variant; old ones are as before |
/// | [`MessageReworded`](Self::MessageReworded) | cosmetic | no client splits this message: clients show it as received |
/// | [`DescriptionChanged`](Self::DescriptionChanged) | cosmetic | documentation only |
/// | [`VariantRenamed`](Self::VariantRenamed) | cosmetic | the Rust name never reaches the wire |
///
/// ```
/// use error_catalog::contract::{ChangeKind, Severity};
///
/// assert_eq!(ChangeKind::TemplateChanged.severity(), Severity::BreakingForTypedClients);
/// assert_eq!(ChangeKind::VariantRenamed.severity(), Severity::Cosmetic);
/// ```
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
#[non_exhaustive]
pub enum ChangeKind {
    /// The code is gone.
    CodeRemoved,
    /// The code's status changed.
    StatusChanged,
    /// A message that typed clients rebuild from (one whose code rebuilds,
    /// with placeholders) changed its literal text; or any message changed a
    /// placeholder's name or order. Placeholder names are also the names of
    /// the error's fields, the keys under which their values are sent.
    TemplateChanged,
    /// The code rebuilt on the client side, and no longer does.
    NoLongerRebuilds,
    /// A new code.
    CodeAdded,
    /// The code did not rebuild on the client side, and now does.
    NowRebuilds,
    /// A message that no client rebuilds from (a fixed message, or one whose
    /// code does not rebuild) changed; or a rebuilt message changed its
    /// spelling only (`{}` for `{0}`).
    MessageReworded,
    /// The description (the doc comment) changed.
    DescriptionChanged,
    /// The variant's name changed.
    VariantRenamed,
}

impl ChangeKind {
    /// Who a change of this kind breaks.
    ///
    /// ```
    /// # use error_catalog::contract::{ChangeKind, Severity};
    /// assert_eq!(ChangeKind::CodeRemoved.severity(), Severity::Breaking);
    /// ```
    pub fn severity(self) -> Severity {
        match self {
            ChangeKind::CodeRemoved | ChangeKind::StatusChanged => Severity::Breaking,
            ChangeKind::TemplateChanged | ChangeKind::NoLongerRebuilds => {
                Severity::BreakingForTypedClients
            }
            ChangeKind::CodeAdded | ChangeKind::NowRebuilds => Severity::Additive,
            ChangeKind::MessageReworded
            | ChangeKind::DescriptionChanged
            | ChangeKind::VariantRenamed => Severity::Cosmetic,
        }
    }
}

/// Who a change breaks, most severe first (the order of `Ord`).
///
/// Its `Display` is the word used in reports: `breaking`,
/// `breaking for typed clients`, `additive`, `cosmetic`.
///
/// ```
/// use error_catalog::contract::Severity;
///
/// assert!(Severity::Breaking < Severity::Cosmetic);
/// assert!(Severity::BreakingForTypedClients.is_breaking());
/// assert_eq!(Severity::BreakingForTypedClients.to_string(), "breaking for typed clients");
/// ```
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum Severity {
    /// Breaks every client.
    Breaking,
    /// Breaks clients that rebuild typed errors from the body.
    BreakingForTypedClients,
    /// Breaks no client; strict clients see a code they do not know.
    Additive,
    /// Breaks no client.
    Cosmetic,
}

impl Severity {
    /// Whether the change breaks some client.
    ///
    /// ```
    /// # use error_catalog::contract::Severity;
    /// assert!(Severity::Breaking.is_breaking() && !Severity::Additive.is_breaking());
    /// ```
    pub fn is_breaking(self) -> bool {
        matches!(self, Severity::Breaking | Severity::BreakingForTypedClients)
    }
}

impl fmt::Display for Severity {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(match self {
            Severity::Breaking => "breaking",
            Severity::BreakingForTypedClients => "breaking for typed clients",
            Severity::Additive => "additive",
            Severity::Cosmetic => "cosmetic",
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn snapshot(entries: &[(&str, u16)]) -> Snapshot {
        let entries: Vec<String> = entries
            .iter()
            .map(|(code, status)| {
                format!(
                    r#"{{"code": "{code}", "status": {status}, "message": "M", "placeholders": [],
                        "rebuilds": true, "variant": "V", "description": ""}}"#
                )
            })
            .collect();
        Snapshot::from_json(&format!("[{}]", entries.join(","))).unwrap()
    }

    #[test]
    fn entries_of_one_code_are_matched_in_order() {
        // An outer and a wrapped enum both declare `a`; the wrapped one drops it.
        let old = snapshot(&[("a", 400), ("a", 503), ("b", 400)]);
        let new = snapshot(&[("b", 400), ("a", 400)]);
        let changes = diff(&old, &new);
        assert_eq!(changes.changes().len(), 1, "{changes}");
        let change = &changes.changes()[0];
        assert_eq!(
            (change.kind, change.code.as_str(), change.old.as_deref()),
            (ChangeKind::CodeRemoved, "a", Some(r#"503 "M""#))
        );
        // And the other way round: the second `a` is new.
        let changes = diff(&new, &old);
        let kinds: Vec<_> = changes.changes().iter().map(|c| c.kind).collect();
        assert_eq!(kinds, [ChangeKind::CodeAdded]);
    }

    #[test]
    fn order_of_entries_is_no_change() {
        let old = snapshot(&[("a", 400), ("b", 404)]);
        let new = snapshot(&[("b", 404), ("a", 400)]);
        assert!(diff(&old, &new).is_empty());
    }
}
