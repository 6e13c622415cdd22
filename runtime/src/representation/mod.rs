//! The other wire forms of an error, as plain data: no framework types.

pub(crate) mod problem;

pub use problem::{BodyFormat, PROBLEM_JSON};
