//! A small in-memory License API on axum, whose every error is a
//! [`LicenseApiError`].
//!
//! Three endpoints, as the LicenseSpring License API names them:
//!
//! | method and path | input | answers |
//! | --- | --- | --- |
//! | `POST /api/v4/activate_license` | JSON body `{"license_key", "hardware_id", "product"}` | the license's state for that device |
//! | `POST /api/v4/deactivate_license` | the same JSON body | the license's state after the device is released |
//! | `GET /api/v4/check_license` | query parameters `license_key`, `hardware_id`, `product` | the license's state for that device |
//! | `GET /api/v4/openapi.json` | | the API's OpenAPI 3.1 document ([`openapi`]) |
//!
//! Every request to the three License API endpoints needs an
//! `Authorization` header whose value is one of the demo keys,
//! [`seed::API_KEYS`]; `GET /api/v4/openapi.json` serves the
//! API's OpenAPI 3.1 document. Every failure the router answers is a catalog
//! error, with its status and its `{"status", "code", "message"}` body:
//! axum's own rejections (a malformed body, a wrong content type, a bad
//! query string, an unknown path, a method the path does not take) are
//! mapped into [`LicenseApiError`] too. Bytes that are not an HTTP/1.1
//! request (a request line or header hyper cannot parse, a bad or doubled
//! `content-length`, a request target over 65,534 bytes, a head over about
//! 400 KB or with more than 100 headers) never reach the router: hyper
//! answers them itself with an empty 400, 414 or 431 and `connection: close`.
//!
//! [`serve`] reads every request body whole before answering, under three
//! [`Timeouts`]; see [`serve_with`].
//!
//! | answer | when |
//! | --- | --- |
//! | `missing_headers` | no `Authorization` header |
//! | `authentication_failure` (401) | the `Authorization` value is not a demo key; with a `www-authenticate` header |
//! | `validation_error` | the body is not `application/json`, is larger than [`BODY_LIMIT`], is JSON of the wrong shape, or cannot be read (broken, or not received within [`Timeouts::body_read`]); the query string cannot be read |
//! | `invalid_json` | the body is not JSON at all |
//! | `missing_parameters` | `license_key`, `hardware_id` or `product` is missing or empty (the message names them) |
//! | `license_not_found` | no license with that key for that product |
//! | `license_not_enabled` | the license is disabled |
//! | `license_expired` | the license's validity has ended |
//! | `license_activated_max_times` | a new device, and every activation slot is taken |
//! | `device_not_found` | deactivating or checking a device the license is not active on |
//! | `not_found` (404) | any other path, or a method the path does not take (then with an `allow` header that names the methods it takes) |
//! | `internal_error` (500) | the store failed; the cause is the error's `source()`, logged on the server, never sent |
//!
//! [`Store::seeded`] holds one license of each kind (see [`seed`]), so
//! every answer above can be produced against a fresh server.
//!
//! # Example
//!
//! ```
//! use std::sync::Arc;
//!
//! use error_catalog_examples::server::{self, seed, Store};
//!
//! # #[tokio::main(flavor = "current_thread")]
//! # async fn main() -> std::io::Result<()> {
//! let listener = tokio::net::TcpListener::bind("127.0.0.1:0").await?;
//! let addr = listener.local_addr()?;
//! let (stop, stopped) = tokio::sync::oneshot::channel::<()>();
//! let server = tokio::spawn(server::serve(listener, Arc::new(Store::seeded()), async {
//!     let _ = stopped.await;
//! }));
//!
//! // Any HTTP client will do; this one is a raw HTTP/1.1 exchange.
//! use tokio::io::{AsyncReadExt, AsyncWriteExt};
//! let mut stream = tokio::net::TcpStream::connect(addr).await?;
//! let path = format!(
//!     "/api/v4/check_license?license_key={}&hardware_id=new-device&product={}",
//!     seed::EXPIRED_KEY,
//!     seed::PRODUCT,
//! );
//! let request = format!(
//!     "GET {path} HTTP/1.1\r\nhost: {addr}\r\nauthorization: demo\r\nconnection: close\r\n\r\n"
//! );
//! stream.write_all(request.as_bytes()).await?;
//! let mut response = String::new();
//! stream.read_to_string(&mut response).await?;
//! assert!(response.starts_with("HTTP/1.1 400 Bad Request\r\n"));
//! assert!(response.ends_with(
//!     r#"{"status":400,"code":"license_expired","message":"The license has expired"}"#
//! ));
//!
//! let _ = stop.send(());
//! server.await.unwrap()?;
//! # Ok(())
//! # }
//! ```

use std::collections::{BTreeSet, HashMap};
use std::fmt;
use std::future::Future;
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::{Arc, Mutex};
use std::time::{Duration, SystemTime};

use axum::extract::rejection::JsonRejection;
use axum::extract::{DefaultBodyLimit, FromRequest, FromRequestParts, Query, Request, State};
use axum::http::{header, request::Parts};
use axum::routing::{get, post};
use axum::{Json, Router};
use bytes::Bytes;
use serde::de::DeserializeOwned;
use serde::{Deserialize, Serialize};
use utoipa::OpenApi;

use crate::LicenseApiError;

mod connection;
mod idle;

pub use connection::Timeouts;

/// The address the example server listens on unless told otherwise.
///
/// ```
/// let addr: std::net::SocketAddr = error_catalog_examples::server::DEFAULT_ADDR.parse().unwrap();
/// assert!(addr.ip().is_loopback());
/// ```
pub const DEFAULT_ADDR: &str = "127.0.0.1:8080";

/// The largest request body the server reads, in bytes. A License API
/// request is a few hundred bytes; a larger body is a `validation_error`.
pub const BODY_LIMIT: usize = 16 * 1024;

/// The licenses of [`Store::seeded`]: one of each kind, all for
/// [`PRODUCT`](seed::PRODUCT).
///
/// ```
/// use error_catalog_examples::server::{seed, Store};
///
/// let store = Store::seeded();
/// let state = store.check(seed::PRODUCT, seed::ACTIVE_KEY, seed::ACTIVE_DEVICE).unwrap();
/// assert!(state.license_active);
/// ```
pub mod seed {
    /// The API keys the server takes as the `Authorization` value: the
    /// README's and the example client's, the tests', the load test's.
    pub const API_KEYS: &[&str] = &["demo", "demo-token", "load-test"];
    /// The product every seeded license belongs to.
    pub const PRODUCT: &str = "demo";
    /// Enabled, valid for a year, 3 activations, active on
    /// [`ACTIVE_DEVICE`].
    pub const ACTIVE_KEY: &str = "ACTIVE-0001";
    /// The device [`ACTIVE_KEY`] is active on.
    pub const ACTIVE_DEVICE: &str = "device-1";
    /// Enabled, but its validity ended on 2020-01-01.
    pub const EXPIRED_KEY: &str = "EXPIRED-0002";
    /// Valid, but disabled.
    pub const DISABLED_KEY: &str = "DISABLED-0003";
    /// Enabled and valid, 1 activation, taken by [`FULL_DEVICE`].
    pub const FULL_KEY: &str = "FULL-0004";
    /// The device that holds [`FULL_KEY`]'s only activation.
    pub const FULL_DEVICE: &str = "device-9";
    /// A record the store cannot read: every request for it is an
    /// `internal_error`.
    pub const BROKEN_KEY: &str = "BROKEN-0005";
    /// The store's own description of [`BROKEN_KEY`]'s failure. It is the
    /// error's `source()`, and must never reach a client.
    pub const BROKEN_DETAIL: &str =
        "record BROKEN-0005 is corrupt: checksum mismatch at page 0x2f of /var/lib/licenses.db";
    /// The store's own description of its failure while it is
    /// [unavailable](super::Store::set_unavailable). Never sent to a client.
    pub const UNAVAILABLE_DETAIL: &str =
        "license store unavailable: connection to db-primary.internal:5432 refused";
}

/// A license as the store keeps it.
///
/// ```
/// use std::time::{Duration, SystemTime};
///
/// use error_catalog_examples::server::License;
///
/// let license = License::new("demo", "K-1", 2);
/// assert!(license.enabled);
/// assert!(!license.is_expired(SystemTime::now()));
/// let expired = License { expires_at: Some(SystemTime::UNIX_EPOCH), ..license };
/// assert!(expired.is_expired(SystemTime::UNIX_EPOCH + Duration::from_secs(1)));
/// ```
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct License {
    /// The product code the license belongs to.
    pub product: String,
    /// The license key.
    pub key: String,
    /// A disabled license answers `license_not_enabled`.
    pub enabled: bool,
    /// The end of the license's validity; `None` for a perpetual license.
    pub expires_at: Option<SystemTime>,
    /// How many devices may hold the license at once.
    pub max_activations: u32,
    /// The hardware ids of the devices the license is active on.
    pub devices: BTreeSet<String>,
}

impl License {
    /// An enabled, perpetual license with no device.
    ///
    /// ```
    /// let license = error_catalog_examples::server::License::new("demo", "K-1", 2);
    /// assert_eq!(license.max_activations, 2);
    /// assert!(license.devices.is_empty());
    /// ```
    pub fn new(product: impl Into<String>, key: impl Into<String>, max_activations: u32) -> Self {
        License {
            product: product.into(),
            key: key.into(),
            enabled: true,
            expires_at: None,
            max_activations,
            devices: BTreeSet::new(),
        }
    }

    /// Whether the license's validity has ended at `now`.
    ///
    /// ```
    /// use std::time::SystemTime;
    /// let license = error_catalog_examples::server::License::new("demo", "K-1", 2);
    /// assert!(!license.is_expired(SystemTime::now()));
    /// ```
    pub fn is_expired(&self, now: SystemTime) -> bool {
        self.expires_at.is_some_and(|end| end <= now)
    }

    fn state(&self, hardware_id: &str) -> LicenseState {
        LicenseState {
            license_key: self.key.clone(),
            hardware_id: hardware_id.to_owned(),
            product: self.product.clone(),
            license_active: self.devices.contains(hardware_id),
            times_activated: self.devices.len(),
            max_activations: self.max_activations,
        }
    }
}

/// The success answer of every endpoint: the license's state for one device.
///
/// ```
/// use error_catalog_examples::server::{seed, Store};
///
/// let state = Store::seeded().check(seed::PRODUCT, seed::ACTIVE_KEY, seed::ACTIVE_DEVICE).unwrap();
/// assert_eq!(
///     serde_json::to_string(&state).unwrap(),
///     r#"{"license_key":"ACTIVE-0001","hardware_id":"device-1","product":"demo","license_active":true,"times_activated":1,"max_activations":3}"#,
/// );
/// ```
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, utoipa::ToSchema)]
#[schema(description = "The license's state for one device.")]
pub struct LicenseState {
    /// The license key.
    pub license_key: String,
    /// The device asked about.
    pub hardware_id: String,
    /// The product code.
    pub product: String,
    /// Whether the license is active on that device.
    pub license_active: bool,
    /// How many devices hold the license now.
    pub times_activated: usize,
    /// How many devices may hold it at once.
    pub max_activations: u32,
}

/// Why the store failed. It becomes the `source()` of
/// [`LicenseApiError::Internal`]: logged on the server, never sent.
///
/// ```
/// use error_catalog::ApiError;
/// use error_catalog_examples::server::{seed, Store};
///
/// let err = Store::seeded().check(seed::PRODUCT, seed::BROKEN_KEY, "device-1").unwrap_err();
/// assert_eq!(err.code(), "internal_error");
/// assert_eq!(std::error::Error::source(&err).unwrap().to_string(), seed::BROKEN_DETAIL);
/// assert!(!String::from_utf8_lossy(&err.to_json()).contains("checksum"));
/// ```
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct StoreError {
    detail: String,
}

impl fmt::Display for StoreError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.detail)
    }
}

impl std::error::Error for StoreError {}

fn store_failure(detail: impl Into<String>) -> LicenseApiError {
    LicenseApiError::internal(StoreError {
        detail: detail.into(),
    })
}

#[derive(Debug)]
enum Record {
    License(License),
    /// A record the store holds but cannot read, with the reason.
    Corrupt(String),
}

/// The in-memory license store, shared by every request.
///
/// Its operations are the License API's: each answers the license's state,
/// or the [`LicenseApiError`] the API sends for it.
///
/// ```
/// use error_catalog::ApiError;
/// use error_catalog_examples::server::{seed, Store};
///
/// let store = Store::seeded();
/// let state = store.activate(seed::PRODUCT, seed::ACTIVE_KEY, "device-2").unwrap();
/// assert_eq!(state.times_activated, 2);
///
/// let err = store.activate(seed::PRODUCT, seed::FULL_KEY, "device-2").unwrap_err();
/// assert_eq!(err.code(), "license_activated_max_times");
///
/// store.set_unavailable(true);
/// let err = store.check(seed::PRODUCT, seed::ACTIVE_KEY, "device-2").unwrap_err();
/// assert_eq!(err.status(), 500);
/// ```
#[derive(Debug, Default)]
pub struct Store {
    /// product code -> license key -> record
    records: Mutex<HashMap<String, HashMap<String, Record>>>,
    unavailable: AtomicBool,
}

impl Store {
    /// An empty store.
    ///
    /// ```
    /// use error_catalog::ApiError;
    /// let store = error_catalog_examples::server::Store::new();
    /// assert_eq!(store.check("demo", "K-1", "device-1").unwrap_err().code(), "license_not_found");
    /// ```
    pub fn new() -> Self {
        Store::default()
    }

    /// A store with the licenses of [`seed`]: one active, one expired, one
    /// disabled, one at its activation limit, and one unreadable record.
    ///
    /// ```
    /// use error_catalog::ApiError;
    /// use error_catalog_examples::server::{seed, Store};
    ///
    /// let store = Store::seeded();
    /// let check = |key| store.check(seed::PRODUCT, key, "device-2").unwrap_err().code();
    /// assert_eq!(check(seed::EXPIRED_KEY), "license_expired");
    /// assert_eq!(check(seed::DISABLED_KEY), "license_not_enabled");
    /// assert_eq!(check(seed::BROKEN_KEY), "internal_error");
    /// ```
    pub fn seeded() -> Self {
        let store = Store::new();
        let year = Duration::from_secs(365 * 24 * 60 * 60);
        let now = SystemTime::now();

        let mut active = License::new(seed::PRODUCT, seed::ACTIVE_KEY, 3);
        active.expires_at = Some(now + year);
        active.devices.insert(seed::ACTIVE_DEVICE.to_owned());
        store.insert(active);

        let mut expired = License::new(seed::PRODUCT, seed::EXPIRED_KEY, 3);
        // 2020-01-01T00:00:00Z
        expired.expires_at = Some(SystemTime::UNIX_EPOCH + Duration::from_secs(1_577_836_800));
        store.insert(expired);

        let mut disabled = License::new(seed::PRODUCT, seed::DISABLED_KEY, 3);
        disabled.enabled = false;
        disabled.expires_at = Some(now + year);
        store.insert(disabled);

        let mut full = License::new(seed::PRODUCT, seed::FULL_KEY, 1);
        full.devices.insert(seed::FULL_DEVICE.to_owned());
        store.insert(full);

        store.put(
            seed::PRODUCT,
            seed::BROKEN_KEY,
            Record::Corrupt(seed::BROKEN_DETAIL.to_owned()),
        );
        store
    }

    /// Adds a license, or replaces the one with the same product and key.
    ///
    /// ```
    /// use error_catalog_examples::server::{License, Store};
    /// let store = Store::new();
    /// store.insert(License::new("demo", "K-1", 1));
    /// assert!(store.activate("demo", "K-1", "device-1").is_ok());
    /// ```
    pub fn insert(&self, license: License) {
        let (product, key) = (license.product.clone(), license.key.clone());
        self.put(&product, &key, Record::License(license));
    }

    fn put(&self, product: &str, key: &str, record: Record) {
        let mut records = match self.records.lock() {
            Ok(records) => records,
            Err(poisoned) => poisoned.into_inner(),
        };
        records
            .entry(product.to_owned())
            .or_default()
            .insert(key.to_owned(), record);
    }

    /// Makes every later operation fail as a broken database would
    /// (`true`), or work again (`false`). The failure is an
    /// `internal_error` whose source is [`seed::UNAVAILABLE_DETAIL`].
    ///
    /// ```
    /// use error_catalog::ApiError;
    /// use error_catalog_examples::server::{seed, Store};
    ///
    /// let store = Store::seeded();
    /// store.set_unavailable(true);
    /// let err = store.check(seed::PRODUCT, seed::ACTIVE_KEY, seed::ACTIVE_DEVICE).unwrap_err();
    /// assert_eq!(err.code(), "internal_error");
    /// store.set_unavailable(false);
    /// assert!(store.check(seed::PRODUCT, seed::ACTIVE_KEY, seed::ACTIVE_DEVICE).is_ok());
    /// ```
    pub fn set_unavailable(&self, unavailable: bool) {
        self.unavailable.store(unavailable, Ordering::SeqCst);
    }

    /// Runs `op` on the license `key` of `product`, or answers why it cannot.
    fn with_license<T>(
        &self,
        product: &str,
        key: &str,
        op: impl FnOnce(&mut License) -> Result<T, LicenseApiError>,
    ) -> Result<T, LicenseApiError> {
        if self.unavailable.load(Ordering::SeqCst) {
            return Err(store_failure(seed::UNAVAILABLE_DETAIL));
        }
        let mut records = self
            .records
            .lock()
            .map_err(|_| store_failure("license store lock poisoned by a panic"))?;
        match records.get_mut(product).and_then(|keys| keys.get_mut(key)) {
            None => Err(LicenseApiError::LicenseNotFound),
            Some(Record::Corrupt(detail)) => Err(store_failure(detail.clone())),
            Some(Record::License(license)) => op(license),
        }
    }

    /// Activates the license on a device. Activating it again on a device
    /// that already holds it changes nothing.
    ///
    /// Errors: `license_not_found`, `license_not_enabled`,
    /// `license_expired`, `license_activated_max_times`, `internal_error`.
    ///
    /// ```
    /// use error_catalog::ApiError;
    /// use error_catalog_examples::server::{seed, Store};
    ///
    /// let store = Store::seeded();
    /// let state = store.activate(seed::PRODUCT, seed::ACTIVE_KEY, "device-2").unwrap();
    /// assert!(state.license_active);
    /// let err = store.activate(seed::PRODUCT, seed::EXPIRED_KEY, "device-2").unwrap_err();
    /// assert_eq!(err.code(), "license_expired");
    /// ```
    pub fn activate(
        &self,
        product: &str,
        key: &str,
        hardware_id: &str,
    ) -> Result<LicenseState, LicenseApiError> {
        self.with_license(product, key, |license| {
            usable(license)?;
            if !license.devices.contains(hardware_id) {
                if license.devices.len() >= license.max_activations as usize {
                    return Err(LicenseApiError::LicenseActivatedMaxTimes);
                }
                license.devices.insert(hardware_id.to_owned());
            }
            Ok(license.state(hardware_id))
        })
    }

    /// Releases the license's activation on a device.
    ///
    /// Errors: `license_not_found`, `device_not_found` (the license is not
    /// active on that device), `internal_error`.
    ///
    /// ```
    /// use error_catalog::ApiError;
    /// use error_catalog_examples::server::{seed, Store};
    ///
    /// let store = Store::seeded();
    /// let state = store.deactivate(seed::PRODUCT, seed::ACTIVE_KEY, seed::ACTIVE_DEVICE).unwrap();
    /// assert!(!state.license_active);
    /// let err = store.deactivate(seed::PRODUCT, seed::ACTIVE_KEY, seed::ACTIVE_DEVICE).unwrap_err();
    /// assert_eq!(err.code(), "device_not_found");
    /// ```
    pub fn deactivate(
        &self,
        product: &str,
        key: &str,
        hardware_id: &str,
    ) -> Result<LicenseState, LicenseApiError> {
        self.with_license(product, key, |license| {
            if !license.devices.remove(hardware_id) {
                return Err(LicenseApiError::DeviceNotFound);
            }
            Ok(license.state(hardware_id))
        })
    }

    /// The license's state on a device that holds it.
    ///
    /// Errors: `license_not_found`, `license_not_enabled`,
    /// `license_expired`, `device_not_found` (the license is not active on
    /// that device), `internal_error`.
    ///
    /// ```
    /// use error_catalog::ApiError;
    /// use error_catalog_examples::server::{seed, Store};
    ///
    /// let store = Store::seeded();
    /// assert!(store.check(seed::PRODUCT, seed::FULL_KEY, seed::FULL_DEVICE).is_ok());
    /// let err = store.check(seed::PRODUCT, seed::FULL_KEY, "device-2").unwrap_err();
    /// assert_eq!(err.code(), "device_not_found");
    /// ```
    pub fn check(
        &self,
        product: &str,
        key: &str,
        hardware_id: &str,
    ) -> Result<LicenseState, LicenseApiError> {
        self.with_license(product, key, |license| {
            usable(license)?;
            if !license.devices.contains(hardware_id) {
                return Err(LicenseApiError::DeviceNotFound);
            }
            Ok(license.state(hardware_id))
        })
    }
}

/// A license can be activated or checked only while enabled and valid.
fn usable(license: &License) -> Result<(), LicenseApiError> {
    if !license.enabled {
        return Err(LicenseApiError::LicenseNotEnabled);
    }
    if license.is_expired(SystemTime::now()) {
        return Err(LicenseApiError::LicenseExpired);
    }
    Ok(())
}

/// The router of the License API over `store`, with its fallbacks: every
/// answer, success or failure, comes from the handlers below.
///
/// ```
/// use std::sync::Arc;
/// use error_catalog_examples::server::{router, Store};
///
/// let app: axum::Router = router(Arc::new(Store::seeded()));
/// # drop(app);
/// ```
pub fn router(store: Arc<Store>) -> Router {
    let document = openapi_json();
    Router::new()
        .route("/api/v4/activate_license", post(activate_license))
        .route("/api/v4/deactivate_license", post(deactivate_license))
        .route("/api/v4/check_license", get(check_license))
        .route(
            "/api/v4/openapi.json",
            get(move || async move { ([(header::CONTENT_TYPE, "application/json")], document) }),
        )
        .fallback(not_found)
        // The API's routes are a method and a path: another method on a
        // known path is a route that does not exist either.
        .method_not_allowed_fallback(not_found)
        .layer(DefaultBodyLimit::max(BODY_LIMIT))
        .with_state(store)
}

/// Serves the License API over `store` on `listener` until `shutdown`
/// completes, then finishes the requests in flight and returns. The
/// [`Timeouts`] are the production ones, [`Timeouts::default`].
///
/// ```
/// use std::sync::Arc;
/// use error_catalog_examples::server::{serve, Store};
///
/// # #[tokio::main(flavor = "current_thread")]
/// # async fn main() -> std::io::Result<()> {
/// let listener = tokio::net::TcpListener::bind("127.0.0.1:0").await?;
/// // Shut down at once: `serve` returns when its shutdown future completes.
/// serve(listener, Arc::new(Store::seeded()), async {}).await?;
/// # Ok(())
/// # }
/// ```
///
/// The [module](self) example sends it a request.
pub async fn serve(
    listener: tokio::net::TcpListener,
    store: Arc<Store>,
    shutdown: impl Future<Output = ()> + Send + 'static,
) -> std::io::Result<()> {
    serve_with(listener, store, Timeouts::default(), shutdown).await
}

/// [`serve`], with other [`Timeouts`].
///
/// Each connection is served by hyper's HTTP/1 server under the three
/// timeouts. Every request body is read whole, within [`BODY_LIMIT`] and
/// [`Timeouts::body_read`], before its answer goes out, even when the
/// handler answered without reading it, so the connection stays usable. An
/// answer sent without the whole body (one declared or found over the limit,
/// one late or broken) carries `connection: close`, and the connection is
/// closed after it. A body declared over the limit is refused at once: a
/// client that sent `Expect: 100-continue` gets the `validation_error`, not
/// `100 Continue`.
///
/// On `shutdown`, the server stops accepting, closes idle connections, lets
/// each busy one finish its request, and returns when all are closed.
///
/// ```
/// use std::sync::Arc;
/// use std::time::Duration;
/// use error_catalog_examples::server::{serve_with, Store, Timeouts};
///
/// # #[tokio::main(flavor = "current_thread")]
/// # async fn main() -> std::io::Result<()> {
/// let listener = tokio::net::TcpListener::bind("127.0.0.1:0").await?;
/// let timeouts = Timeouts { idle: Duration::from_secs(1), ..Timeouts::default() };
/// serve_with(listener, Arc::new(Store::seeded()), timeouts, async {}).await?;
/// # Ok(())
/// # }
/// ```
pub async fn serve_with(
    listener: tokio::net::TcpListener,
    store: Arc<Store>,
    timeouts: Timeouts,
    shutdown: impl Future<Output = ()> + Send + 'static,
) -> std::io::Result<()> {
    connection::serve(listener, router(store), timeouts, shutdown).await
}

async fn not_found() -> LicenseApiError {
    LicenseApiError::NotFound
}

/// The License API's OpenAPI 3.1 document, built by utoipa from the
/// handlers: each endpoint with its parameters, its success response and
/// one response per status of only the errors it can return (its
/// [`subset!`](error_catalog::subset) below), every code with its
/// description and an example. `components.schemas.LicenseApiError` is
/// the schema of every error body the API sends, for answers that belong
/// to no endpoint (`not_found`).
///
/// The server serves it at `GET /api/v4/openapi.json`.
///
/// ```
/// let document = error_catalog_examples::server::openapi();
/// let check = &document.paths.paths["/api/v4/check_license"];
/// let responses = &check.get.as_ref().unwrap().responses.responses;
/// // The success response, and one response for every error status of
/// // the endpoint: 400 (several codes), 401 (a wrong key, with its
/// // `www-authenticate` header) and 500.
/// assert_eq!(responses.keys().collect::<Vec<_>>(), ["200", "400", "401", "500"]);
/// ```
pub fn openapi() -> utoipa::openapi::OpenApi {
    ApiDoc::openapi()
}

/// [`openapi`] as the JSON the server sends.
fn openapi_json() -> Bytes {
    // utoipa's types are plain data with string keys: they always
    // serialize.
    Bytes::from(serde_json::to_vec(&openapi()).expect("the OpenAPI document serializes"))
}

#[derive(OpenApi)]
#[openapi(
    info(
        title = "License API",
        description = "A small in-memory License API. Every error is a JSON object \
            `{\"status\", \"code\", \"message\"}` from `LicenseApiError`'s catalog.",
    ),
    paths(activate_license, deactivate_license, check_license),
    components(schemas(LicenseApiError)),
    tags((name = "licenses", description = "Activate, check and release licenses")),
)]
struct ApiDoc;

error_catalog::subset! {
    /// The errors of `POST /api/v4/activate_license`.
    pub struct ActivateLicenseErrors: LicenseApiError {
        MissingHeaders, AuthenticationFailure, Validation, InvalidJson, MissingParameters,
        LicenseNotFound, LicenseNotEnabled, LicenseExpired, LicenseActivatedMaxTimes, Internal,
    }
}

error_catalog::subset! {
    /// The errors of `POST /api/v4/deactivate_license`.
    pub struct DeactivateLicenseErrors: LicenseApiError {
        MissingHeaders, AuthenticationFailure, Validation, InvalidJson, MissingParameters,
        LicenseNotFound, DeviceNotFound, Internal,
    }
}

error_catalog::subset! {
    /// The errors of `GET /api/v4/check_license`.
    pub struct CheckLicenseErrors: LicenseApiError {
        MissingHeaders, AuthenticationFailure, Validation, MissingParameters, LicenseNotFound,
        LicenseNotEnabled, LicenseExpired, DeviceNotFound, Internal,
    }
}

/// Activates the license on a device.
///
/// Activating it again on a device that already holds it changes nothing.
#[utoipa::path(
    post,
    path = "/api/v4/activate_license",
    tag = "licenses",
    params(Authorization),
    request_body = LicenseParams,
    responses(
        (status = 200, description = "The license's state on the device", body = LicenseState),
        ActivateLicenseErrors,
    ),
)]
async fn activate_license(
    _: Authorized,
    State(store): State<Arc<Store>>,
    LicenseJson(params): LicenseJson<LicenseParams>,
) -> Result<Json<LicenseState>, LicenseApiError> {
    let (product, key, hardware_id) = params.require()?;
    store.activate(product, key, hardware_id).map(Json)
}

/// Releases the license's activation on a device.
#[utoipa::path(
    post,
    path = "/api/v4/deactivate_license",
    tag = "licenses",
    params(Authorization),
    request_body = LicenseParams,
    responses(
        (status = 200, description = "The license's state after the device is released", body = LicenseState),
        DeactivateLicenseErrors,
    ),
)]
async fn deactivate_license(
    _: Authorized,
    State(store): State<Arc<Store>>,
    LicenseJson(params): LicenseJson<LicenseParams>,
) -> Result<Json<LicenseState>, LicenseApiError> {
    let (product, key, hardware_id) = params.require()?;
    store.deactivate(product, key, hardware_id).map(Json)
}

/// The license's state on a device that holds it.
#[utoipa::path(
    get,
    path = "/api/v4/check_license",
    tag = "licenses",
    params(Authorization, LicenseParams),
    responses(
        (status = 200, description = "The license's state on the device", body = LicenseState),
        CheckLicenseErrors,
    ),
)]
async fn check_license(
    _: Authorized,
    State(store): State<Arc<Store>>,
    LicenseQuery(params): LicenseQuery<LicenseParams>,
) -> Result<Json<LicenseState>, LicenseApiError> {
    let (product, key, hardware_id) = params.require()?;
    store.check(product, key, hardware_id).map(Json)
}

/// The parameters every endpoint takes, from the JSON body or the query.
/// Each is optional here so that a missing one is a `missing_parameters`
/// that names it, not a deserialization error.
///
/// ```
/// use error_catalog::ApiError;
/// use error_catalog_examples::server::LicenseParams;
///
/// let params: LicenseParams = serde_json::from_str(r#"{"license_key": "K-1", "product": ""}"#).unwrap();
/// let err = params.require().unwrap_err();
/// assert_eq!(err.to_string(), "Missing parameters: hardware_id, product");
/// ```
///
/// The API needs all three, non-empty: its document says they are
/// required.
#[derive(Debug, Clone, Default, utoipa::ToSchema, utoipa::IntoParams)]
#[schema(description = "The license and the device: all three are required, non-empty.")]
#[into_params(parameter_in = Query)]
pub struct LicenseParams {
    /// The license key.
    #[schema(value_type = String, required = true)]
    #[param(value_type = String, required = true)]
    pub license_key: Option<String>,
    /// The device's hardware id.
    #[schema(value_type = String, required = true)]
    #[param(value_type = String, required = true)]
    pub hardware_id: Option<String>,
    /// The product code.
    #[schema(value_type = String, required = true)]
    #[param(value_type = String, required = true)]
    pub product: Option<String>,
}

/// Only from a map (a JSON object, a query string), never from a sequence;
/// a parameter given twice is an error, one the API does not take is ignored.
impl<'de> Deserialize<'de> for LicenseParams {
    fn deserialize<D: serde::Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        struct ParamsVisitor;
        impl<'de> serde::de::Visitor<'de> for ParamsVisitor {
            type Value = LicenseParams;
            fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
                f.write_str("an object with `license_key`, `hardware_id` and `product`")
            }
            fn visit_map<A: serde::de::MapAccess<'de>>(
                self,
                mut map: A,
            ) -> Result<LicenseParams, A::Error> {
                let mut params = LicenseParams::default();
                let mut seen = [false; 3];
                while let Some(name) = map.next_key::<std::borrow::Cow<'de, str>>()? {
                    let (i, slot) = match &*name {
                        "license_key" => (0, &mut params.license_key),
                        "hardware_id" => (1, &mut params.hardware_id),
                        "product" => (2, &mut params.product),
                        _ => {
                            map.next_value::<serde::de::IgnoredAny>()?;
                            continue;
                        }
                    };
                    if std::mem::replace(&mut seen[i], true) {
                        return Err(serde::de::Error::custom(format_args!(
                            "duplicate parameter `{name}`"
                        )));
                    }
                    *slot = map.next_value()?;
                }
                Ok(params)
            }
        }
        deserializer.deserialize_map(ParamsVisitor)
    }
}

impl LicenseParams {
    /// `(product, license_key, hardware_id)`, or `missing_parameters` naming
    /// every one that is absent or empty, in the order `license_key`,
    /// `hardware_id`, `product`.
    ///
    /// ```
    /// use error_catalog_examples::server::LicenseParams;
    ///
    /// let params = LicenseParams {
    ///     license_key: Some("K-1".into()),
    ///     hardware_id: Some("device-1".into()),
    ///     product: Some("demo".into()),
    /// };
    /// assert_eq!(params.require().unwrap(), ("demo", "K-1", "device-1"));
    /// ```
    pub fn require(&self) -> Result<(&str, &str, &str), LicenseApiError> {
        fn given(value: &Option<String>) -> Option<&str> {
            value.as_deref().filter(|v| !v.is_empty())
        }
        match (
            given(&self.product),
            given(&self.license_key),
            given(&self.hardware_id),
        ) {
            (Some(product), Some(key), Some(hardware_id)) => Ok((product, key, hardware_id)),
            _ => {
                let missing: Vec<&str> = [
                    ("license_key", &self.license_key),
                    ("hardware_id", &self.hardware_id),
                    ("product", &self.product),
                ]
                .into_iter()
                .filter(|(_, value)| given(value).is_none())
                .map(|(name, _)| name)
                .collect();
                Err(LicenseApiError::MissingParameters {
                    parameters: missing.join(", "),
                })
            }
        }
    }
}

/// Extracts nothing; rejects a request without an `Authorization` header
/// (or with an empty one) with `missing_headers`, and one whose value is not
/// one of [`seed::API_KEYS`] with `authentication_failure` (401, with a
/// `www-authenticate` header).
///
/// ```
/// use axum::extract::FromRequestParts;
/// use error_catalog::ApiError;
/// use error_catalog_examples::server::Authorized;
///
/// # #[tokio::main(flavor = "current_thread")]
/// # async fn main() {
/// let (mut parts, ()) = http::Request::new(()).into_parts();
/// let err = Authorized::from_request_parts(&mut parts, &()).await.unwrap_err();
/// assert_eq!(err.to_string(), "Missing header: Authorization");
///
/// let request = http::Request::builder().header("authorization", "not-a-key").body(()).unwrap();
/// let (mut parts, ()) = request.into_parts();
/// let err = Authorized::from_request_parts(&mut parts, &()).await.unwrap_err();
/// assert_eq!(err.code(), "authentication_failure");
/// assert_eq!(err.to_response().headers()["www-authenticate"], r#"ApiKey realm="License API""#);
/// # }
/// ```
#[derive(Debug, Clone, Copy)]
pub struct Authorized;

/// The `Authorization` header, in the OpenAPI document.
#[derive(utoipa::IntoParams)]
#[into_params(parameter_in = Header)]
#[allow(dead_code)]
struct Authorization {
    /// One of the demo keys; without it, `missing_headers`; any other
    /// value, `authentication_failure`.
    #[param(rename = "Authorization")]
    authorization: String,
}

impl<S: Send + Sync> FromRequestParts<S> for Authorized {
    type Rejection = LicenseApiError;

    async fn from_request_parts(parts: &mut Parts, _: &S) -> Result<Self, Self::Rejection> {
        match parts.headers.get(header::AUTHORIZATION) {
            Some(value) if seed::API_KEYS.iter().any(|key| value == key) => Ok(Authorized),
            Some(value) if !value.is_empty() => Err(LicenseApiError::AuthenticationFailure),
            _ => Err(LicenseApiError::MissingHeaders {
                header: "Authorization".to_owned(),
            }),
        }
    }
}

/// axum's [`Json`] extractor, with its rejections mapped into the catalog.
///
/// | axum's rejection | answer |
/// | --- | --- |
/// | the body is not JSON (including an empty body) | `invalid_json` |
/// | JSON of the wrong shape | `validation_error`: "The request body must be a JSON object of strings" |
/// | no `content-type: application/json` | `validation_error`: "Expected a request with content-type application/json" |
/// | the body is larger than [`BODY_LIMIT`] | `validation_error`: "The request body is too large" |
/// | the body cannot be read | `validation_error`: "The request body could not be read" |
///
/// ```
/// use axum::extract::FromRequest;
/// use error_catalog::ApiError;
/// use error_catalog_examples::server::{LicenseJson, LicenseParams};
///
/// # #[tokio::main(flavor = "current_thread")]
/// # async fn main() {
/// let request = http::Request::builder()
///     .header("content-type", "application/json")
///     .body(axum::body::Body::from("{\"license_key\": "))
///     .unwrap();
/// let err = LicenseJson::<LicenseParams>::from_request(request, &()).await.unwrap_err();
/// assert_eq!(err.code(), "invalid_json");
/// # }
/// ```
#[derive(Debug, Clone)]
pub struct LicenseJson<T>(pub T);

impl<T, S> FromRequest<S> for LicenseJson<T>
where
    T: DeserializeOwned + Send,
    S: Send + Sync,
{
    type Rejection = LicenseApiError;

    async fn from_request(request: Request, state: &S) -> Result<Self, Self::Rejection> {
        match Json::<T>::from_request(request, state).await {
            Ok(Json(value)) => Ok(LicenseJson(value)),
            Err(rejection) => Err(json_rejection(&rejection)),
        }
    }
}

fn json_rejection(rejection: &JsonRejection) -> LicenseApiError {
    use axum::extract::rejection::{BytesRejection, FailedToBufferBody};
    let message = match rejection {
        JsonRejection::JsonSyntaxError(_) => return LicenseApiError::InvalidJson,
        JsonRejection::JsonDataError(_) => "The request body must be a JSON object of strings",
        JsonRejection::MissingJsonContentType(_) => {
            "Expected a request with content-type application/json"
        }
        JsonRejection::BytesRejection(BytesRejection::FailedToBufferBody(
            FailedToBufferBody::LengthLimitError(_),
        )) => connection::BODY_TOO_LARGE,
        _ => "The request body could not be read",
    };
    LicenseApiError::Validation(message.to_owned())
}

/// axum's [`Query`] extractor, with its rejection mapped into the catalog:
/// a query string that does not deserialize (a parameter given twice, say)
/// is a `validation_error`, "The query string could not be read".
///
/// ```
/// use axum::extract::FromRequestParts;
/// use error_catalog::ApiError;
/// use error_catalog_examples::server::{LicenseParams, LicenseQuery};
///
/// # #[tokio::main(flavor = "current_thread")]
/// # async fn main() {
/// let (mut parts, ()) = http::Request::builder()
///     .uri("/?product=a&product=b")
///     .body(())
///     .unwrap()
///     .into_parts();
/// let err = LicenseQuery::<LicenseParams>::from_request_parts(&mut parts, &()).await.unwrap_err();
/// assert_eq!(err.code(), "validation_error");
/// # }
/// ```
#[derive(Debug, Clone)]
pub struct LicenseQuery<T>(pub T);

impl<T, S> FromRequestParts<S> for LicenseQuery<T>
where
    T: DeserializeOwned + Send,
    S: Send + Sync,
{
    type Rejection = LicenseApiError;

    async fn from_request_parts(parts: &mut Parts, state: &S) -> Result<Self, Self::Rejection> {
        match Query::<T>::from_request_parts(parts, state).await {
            Ok(Query(value)) => Ok(LicenseQuery(value)),
            Err(_) => Err(LicenseApiError::Validation(
                "The query string could not be read".to_owned(),
            )),
        }
    }
}
