//! An order service's errors, as first released (`v1`), and as later
//! releases change them, one change a module. The tests compare their
//! catalogs; few of their variants are ever built.
#![allow(dead_code)]

use error_catalog::ApiError;

/// A SKU that displays but does not parse from a string.
#[derive(Debug, PartialEq)]
pub struct Sku(pub String);

impl std::fmt::Display for Sku {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(&self.0)
    }
}

pub mod v1 {
    use super::*;

    #[derive(Debug, PartialEq, ApiError)]
    #[api_error(status = 400)]
    pub enum OrderError {
        /// The order is closed to changes.
        #[api_error(code = "order_closed", message = "The order is closed")]
        OrderClosed,
        /// The quantity is above the item's limit.
        #[api_error(
            code = "quantity_too_large",
            message = "Quantity {quantity} exceeds {limit}"
        )]
        QuantityTooLarge { quantity: u32, limit: u32 },
        /// The SKU is not in the catalog.
        #[api_error(status = 404, code = "unknown_sku", message = "Unknown SKU {0}")]
        UnknownSku(String),
        /// The SKU is malformed.
        #[api_error(code = "bad_sku", message = "Bad SKU {0:?}")]
        BadSku(String),
    }
}

/// `unknown_sku` removed.
pub mod removed {
    use super::*;

    #[derive(Debug, ApiError)]
    #[api_error(status = 400)]
    pub enum OrderError {
        /// The order is closed to changes.
        #[api_error(code = "order_closed", message = "The order is closed")]
        OrderClosed,
        /// The quantity is above the item's limit.
        #[api_error(
            code = "quantity_too_large",
            message = "Quantity {quantity} exceeds {limit}"
        )]
        QuantityTooLarge { quantity: u32, limit: u32 },
        /// The SKU is malformed.
        #[api_error(code = "bad_sku", message = "Bad SKU {0:?}")]
        BadSku(String),
    }
}

/// `order_closed` moved from 400 to 409.
pub mod status {
    use super::*;

    #[derive(Debug, ApiError)]
    #[api_error(status = 400)]
    pub enum OrderError {
        /// The order is closed to changes.
        #[api_error(status = 409, code = "order_closed", message = "The order is closed")]
        OrderClosed,
        /// The quantity is above the item's limit.
        #[api_error(
            code = "quantity_too_large",
            message = "Quantity {quantity} exceeds {limit}"
        )]
        QuantityTooLarge { quantity: u32, limit: u32 },
        /// The SKU is not in the catalog.
        #[api_error(status = 404, code = "unknown_sku", message = "Unknown SKU {0}")]
        UnknownSku(String),
        /// The SKU is malformed.
        #[api_error(code = "bad_sku", message = "Bad SKU {0:?}")]
        BadSku(String),
    }
}

/// The literal text of a message that rebuilds, changed.
pub mod literal {
    use super::*;

    #[derive(Debug, PartialEq, ApiError)]
    #[api_error(status = 400)]
    pub enum OrderError {
        /// The order is closed to changes.
        #[api_error(code = "order_closed", message = "The order is closed")]
        OrderClosed,
        /// The quantity is above the item's limit.
        #[api_error(
            code = "quantity_too_large",
            message = "Quantity {quantity} is over the limit of {limit}"
        )]
        QuantityTooLarge { quantity: u32, limit: u32 },
        /// The SKU is not in the catalog.
        #[api_error(status = 404, code = "unknown_sku", message = "Unknown SKU {0}")]
        UnknownSku(String),
        /// The SKU is malformed.
        #[api_error(code = "bad_sku", message = "Bad SKU {0:?}")]
        BadSku(String),
    }
}

/// A placeholder of a message that rebuilds, renamed with its field.
pub mod renamed {
    use super::*;

    #[derive(Debug, ApiError)]
    #[api_error(status = 400)]
    pub enum OrderError {
        /// The order is closed to changes.
        #[api_error(code = "order_closed", message = "The order is closed")]
        OrderClosed,
        /// The quantity is above the item's limit.
        #[api_error(
            code = "quantity_too_large",
            message = "Quantity {quantity} exceeds {max}"
        )]
        QuantityTooLarge { quantity: u32, max: u32 },
        /// The SKU is not in the catalog.
        #[api_error(status = 404, code = "unknown_sku", message = "Unknown SKU {0}")]
        UnknownSku(String),
        /// The SKU is malformed.
        #[api_error(code = "bad_sku", message = "Bad SKU {0:?}")]
        BadSku(String),
    }
}

/// The placeholders of a message that rebuilds, swapped; the literal text kept.
pub mod reordered {
    use super::*;

    #[derive(Debug, PartialEq, ApiError)]
    #[api_error(status = 400)]
    pub enum OrderError {
        /// The order is closed to changes.
        #[api_error(code = "order_closed", message = "The order is closed")]
        OrderClosed,
        /// The quantity is above the item's limit.
        #[api_error(
            code = "quantity_too_large",
            message = "Quantity {limit} exceeds {quantity}"
        )]
        QuantityTooLarge { quantity: u32, limit: u32 },
        /// The SKU is not in the catalog.
        #[api_error(status = 404, code = "unknown_sku", message = "Unknown SKU {0}")]
        UnknownSku(String),
        /// The SKU is malformed.
        #[api_error(code = "bad_sku", message = "Bad SKU {0:?}")]
        BadSku(String),
    }
}

/// `unknown_sku`'s field is now a type that does not parse: the same
/// message, but the code no longer rebuilds.
pub mod opaque {
    use super::*;

    #[derive(Debug, ApiError)]
    #[api_error(status = 400)]
    pub enum OrderError {
        /// The order is closed to changes.
        #[api_error(code = "order_closed", message = "The order is closed")]
        OrderClosed,
        /// The quantity is above the item's limit.
        #[api_error(
            code = "quantity_too_large",
            message = "Quantity {quantity} exceeds {limit}"
        )]
        QuantityTooLarge { quantity: u32, limit: u32 },
        /// The SKU is not in the catalog.
        #[api_error(status = 404, code = "unknown_sku", message = "Unknown SKU {0}")]
        UnknownSku(Sku),
        /// The SKU is malformed.
        #[api_error(code = "bad_sku", message = "Bad SKU {0:?}")]
        BadSku(String),
    }
}

/// `rate_limited` added.
pub mod added {
    use super::*;

    #[derive(Debug, ApiError)]
    #[api_error(status = 400)]
    pub enum OrderError {
        /// The order is closed to changes.
        #[api_error(code = "order_closed", message = "The order is closed")]
        OrderClosed,
        /// The quantity is above the item's limit.
        #[api_error(
            code = "quantity_too_large",
            message = "Quantity {quantity} exceeds {limit}"
        )]
        QuantityTooLarge { quantity: u32, limit: u32 },
        /// The SKU is not in the catalog.
        #[api_error(status = 404, code = "unknown_sku", message = "Unknown SKU {0}")]
        UnknownSku(String),
        /// The SKU is malformed.
        #[api_error(code = "bad_sku", message = "Bad SKU {0:?}")]
        BadSku(String),
        /// Too many requests.
        #[api_error(status = 429, code = "rate_limited", message = "Slow down")]
        RateLimited,
    }
}

/// Messages that no client rebuilds from, reworded: a fixed one, one whose
/// code does not rebuild; and a rebuilt one spelled otherwise (`{}`).
pub mod reworded {
    use super::*;

    #[derive(Debug, PartialEq, ApiError)]
    #[api_error(status = 400)]
    pub enum OrderError {
        /// The order is closed to changes.
        #[api_error(
            code = "order_closed",
            message = "This order no longer accepts changes"
        )]
        OrderClosed,
        /// The quantity is above the item's limit.
        #[api_error(
            code = "quantity_too_large",
            message = "Quantity {quantity} exceeds {limit}"
        )]
        QuantityTooLarge { quantity: u32, limit: u32 },
        /// The SKU is not in the catalog.
        #[api_error(status = 404, code = "unknown_sku", message = "Unknown SKU {}")]
        UnknownSku(String),
        /// The SKU is malformed.
        #[api_error(code = "bad_sku", message = "Malformed SKU: {0:?}")]
        BadSku(String),
    }
}

/// A description changed, a variant renamed.
pub mod documented {
    use super::*;

    #[derive(Debug, ApiError)]
    #[api_error(status = 400)]
    pub enum OrderError {
        /// The order was shipped or cancelled, and takes no more changes.
        #[api_error(code = "order_closed", message = "The order is closed")]
        OrderClosed,
        /// The quantity is above the item's limit.
        #[api_error(
            code = "quantity_too_large",
            message = "Quantity {quantity} exceeds {limit}"
        )]
        QuantityTooLarge { quantity: u32, limit: u32 },
        /// The SKU is not in the catalog.
        #[api_error(status = 404, code = "unknown_sku", message = "Unknown SKU {0}")]
        SkuNotFound(String),
        /// The SKU is malformed.
        #[api_error(code = "bad_sku", message = "Bad SKU {0:?}")]
        BadSku(String),
    }
}

/// `bad_sku`, a message that no client rebuilds, names its field otherwise.
pub mod renamed_unrebuilt {
    use super::*;

    #[derive(Debug, ApiError)]
    #[api_error(status = 400)]
    pub enum OrderError {
        /// The order is closed to changes.
        #[api_error(code = "order_closed", message = "The order is closed")]
        OrderClosed,
        /// The quantity is above the item's limit.
        #[api_error(
            code = "quantity_too_large",
            message = "Quantity {quantity} exceeds {limit}"
        )]
        QuantityTooLarge { quantity: u32, limit: u32 },
        /// The SKU is not in the catalog.
        #[api_error(status = 404, code = "unknown_sku", message = "Unknown SKU {0}")]
        UnknownSku(String),
        /// The SKU is malformed.
        #[api_error(code = "bad_sku", message = "Bad SKU {sku:?}")]
        BadSku { sku: String },
    }
}
