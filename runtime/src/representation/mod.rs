//! The other wire forms of an error, beside the JSON body of `error/`: each
//! one plain data, with no framework types, which an adapter converts.

pub mod grpc;
pub(crate) mod problem;

pub use problem::{BodyFormat, PROBLEM_JSON};
