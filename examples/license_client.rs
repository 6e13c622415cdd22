//! A client of the License API example server: it sends requests that fail in
//! different ways, decodes every error response with
//! [`error_catalog::decode`], and matches on the typed `LicenseApiError`.
//!
//! ```text
//! cargo run --example license_server        # in one terminal
//! cargo run --example license_client        # in another
//! cargo run --example license_client -- 127.0.0.1:3000
//! LICENSE_SERVER_ADDR=127.0.0.1:3000 cargo run --example license_client
//! ```
//!
//! If the server is not reachable, it says how to start it and exits with a
//! failure status.

use std::process::ExitCode;
use std::time::Duration;

use bytes::Bytes;
use error_catalog::{decode, ApiError, ReceivedKind};
use error_catalog_examples::server::{seed, DEFAULT_ADDR};
use error_catalog_examples::LicenseApiError;
use http::{header, Method, Request, StatusCode};
use http_body_util::{BodyExt, Full};
use hyper_util::client::legacy::connect::HttpConnector;
use hyper_util::client::legacy::Client;
use hyper_util::rt::TokioExecutor;

type HttpClient = Client<HttpConnector, Full<Bytes>>;

/// One request to send, and what it is meant to show.
struct Call {
    what: &'static str,
    method: Method,
    path: String,
    authorization: bool,
    json: Option<String>,
}

fn calls() -> Vec<Call> {
    let body = |key: &str, device: &str| {
        serde_json::json!({ "license_key": key, "hardware_id": device, "product": seed::PRODUCT })
            .to_string()
    };
    let query = |key: &str, device: &str| {
        format!(
            "/api/v4/check_license?license_key={key}&hardware_id={device}&product={}",
            seed::PRODUCT
        )
    };
    let post = |what, path: &str, authorization, json: String| Call {
        what,
        method: Method::POST,
        path: path.to_owned(),
        authorization,
        json: Some(json),
    };
    let get = |what, path: String| Call {
        what,
        method: Method::GET,
        path,
        authorization: true,
        json: None,
    };
    vec![
        get(
            "check an active license",
            query(seed::ACTIVE_KEY, seed::ACTIVE_DEVICE),
        ),
        post(
            "activate without an Authorization header",
            "/api/v4/activate_license",
            false,
            body(seed::ACTIVE_KEY, "device-2"),
        ),
        post(
            "activate with a malformed JSON body",
            "/api/v4/activate_license",
            true,
            r#"{"license_key": "ACTIVE-0001", "hardware_id": "#.to_owned(),
        ),
        post(
            "activate without a hardware id",
            "/api/v4/activate_license",
            true,
            serde_json::json!({ "license_key": seed::ACTIVE_KEY, "product": seed::PRODUCT })
                .to_string(),
        ),
        post(
            "activate an unknown license",
            "/api/v4/activate_license",
            true,
            body("NO-SUCH-KEY", "device-2"),
        ),
        post(
            "activate an expired license",
            "/api/v4/activate_license",
            true,
            body(seed::EXPIRED_KEY, "device-2"),
        ),
        get(
            "check a disabled license",
            query(seed::DISABLED_KEY, "device-2"),
        ),
        post(
            "activate a license on one device too many",
            "/api/v4/activate_license",
            true,
            body(seed::FULL_KEY, "device-2"),
        ),
        post(
            "deactivate a device the license is not active on",
            "/api/v4/deactivate_license",
            true,
            body(seed::ACTIVE_KEY, "device-7"),
        ),
        get(
            "check a license whose record cannot be read",
            query(seed::BROKEN_KEY, "device-2"),
        ),
        get(
            "call a path that does not exist",
            "/api/v4/no_such_endpoint".to_owned(),
        ),
    ]
}

/// Sends one request; returns the status and the body.
async fn send(
    client: &HttpClient,
    addr: &str,
    call: &Call,
) -> Result<(StatusCode, Bytes), Box<dyn std::error::Error + Send + Sync>> {
    let mut request = Request::builder()
        .method(call.method.clone())
        .uri(format!("http://{addr}{}", call.path));
    if call.authorization {
        request = request.header(header::AUTHORIZATION, "demo");
    }
    if call.json.is_some() {
        request = request.header(header::CONTENT_TYPE, "application/json");
    }
    let body = Full::new(Bytes::from(call.json.clone().unwrap_or_default()));
    let response = client.request(request.body(body)?).await?;
    let status = response.status();
    let bytes = response.into_body().collect().await?.to_bytes();
    Ok((status, bytes))
}

/// What the client does with each typed error: the point of decoding.
fn advice(error: &LicenseApiError) -> String {
    use LicenseApiError::*;
    match error {
        MissingHeaders { header } => format!("send the `{header}` header"),
        MissingParameters { parameters } => format!("fill in: {parameters}"),
        InvalidJson => "fix the request body: it is not JSON".into(),
        Validation(details) => format!("fix the request: {details}"),
        LicenseNotFound => "check the license key and the product".into(),
        LicenseExpired | TrialExpired => "renew the license".into(),
        LicenseNotEnabled => "ask the vendor to enable the license".into(),
        LicenseActivatedMaxTimes => "deactivate another device first".into(),
        DeviceNotFound => "nothing to deactivate on this device".into(),
        NotFound => "this client is calling an endpoint the server does not have".into(),
        other => format!("{} ({})", other, other.code()),
    }
}

fn report(status: StatusCode, bytes: &[u8]) {
    if status.is_success() {
        println!("  {status}: {}", String::from_utf8_lossy(bytes));
        return;
    }
    let received = match decode::<LicenseApiError>(status, bytes) {
        Ok(received) => received,
        Err(err) => {
            // Not an error body at all: a proxy's page, an empty body...
            println!("  not an error body: {err}");
            return;
        }
    };
    println!(
        "  {status}, code `{}`, message {:?}",
        received.code(),
        received.message()
    );
    match received.kind() {
        ReceivedKind::Typed(error) => {
            println!("  typed: {error:?}");
            println!("  -> {}", advice(error));
        }
        ReceivedKind::Known(spec) => {
            // In the catalog, but not rebuildable: `Internal` has a source
            // error, which never crosses the wire.
            println!(
                "  known, not rebuilt: variant `{}`, documented as {:?}",
                spec.variant, spec.description
            );
            println!("  -> retry later; the server logged the cause");
        }
        ReceivedKind::Unknown => {
            println!(
                "  unknown code: a newer server? Kept as is: {}",
                received.body()
            );
        }
    }
    if let Some(mismatch) = received.status_mismatch() {
        println!("  warning: statuses disagree ({mismatch})");
    }
}

#[tokio::main]
async fn main() -> ExitCode {
    let addr = std::env::args()
        .nth(1)
        .or_else(|| std::env::var("LICENSE_SERVER_ADDR").ok())
        .unwrap_or_else(|| DEFAULT_ADDR.to_owned());

    let mut connector = HttpConnector::new();
    connector.set_connect_timeout(Some(Duration::from_secs(2)));
    let client: HttpClient = Client::builder(TokioExecutor::new()).build(connector);

    println!("License API at http://{addr}\n");
    for call in calls() {
        println!("{} {} ({})", call.method, call.path, call.what);
        match send(&client, &addr, &call).await {
            Ok((status, bytes)) => report(status, &bytes),
            Err(err) => {
                eprintln!("\ncannot reach the License API at http://{addr}: {err}");
                let mut source = std::error::Error::source(&*err);
                while let Some(cause) = source {
                    eprintln!("  caused by: {cause}");
                    source = cause.source();
                }
                eprintln!("Start the example server first, in another terminal:");
                eprintln!("  cargo run --example license_server");
                eprintln!("or point this client at it:");
                eprintln!("  LICENSE_SERVER_ADDR=host:port cargo run --example license_client");
                return ExitCode::FAILURE;
            }
        }
        println!();
    }
    ExitCode::SUCCESS
}
