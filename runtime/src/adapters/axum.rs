//! `impl axum::response::IntoResponse` for every derived error (feature
//! `axum`, axum 0.8 through `axum-core` 0.5), and [`NegotiateLayer`], which
//! sends each error in the body format the request's `Accept` prefers.
//!
//! The derive calls `__axum_glue!` with the type, its generics and its
//! where-clause; with this feature on, the macro expands to the impl below,
//! and to nothing otherwise. The module is always compiled, so that the
//! macro exists in both forms.

#[cfg(feature = "axum")]
use core::future::Future;
#[cfg(feature = "axum")]
use core::marker::PhantomData;
#[cfg(feature = "axum")]
use core::pin::Pin;
#[cfg(feature = "axum")]
use core::task::{Context, Poll};

#[cfg(feature = "axum")]
use axum_core::{body::Body, response::Response};

#[cfg(feature = "axum")]
use crate::{ApiError, BodyFormat};

/// The axum response of an error: the status, the content type, the
/// variant's headers and the body of [`ApiError::to_response`] (problem
/// details for a `format = "problem"` enum), the body moved into axum's
/// `Body` without a copy (a fixed message's body is `'static` and is not
/// allocated at all).
///
/// The response is built here, whole, and not through a wrapper such as
/// `(StatusCode, Json(..))`, so nothing on the way can change its status.
#[cfg(feature = "axum")]
#[inline]
pub fn response<E: ApiError + ?Sized>(error: &E) -> Response {
    let (parts, body) = error.to_response().into_parts();
    Response::from_parts(parts, Body::from(body))
}

/// A tower layer for an axum `Router` that sends each error of `E`'s catalog
/// in the body format the request's `Accept` header prefers: problem
/// details for `Accept: application/problem+json`, the `{status, code,
/// message}` body for `Accept: application/json`, `E`'s own
/// [`body_format`](ApiError::body_format) otherwise (no `Accept`, `*/*`, a
/// tie). See [`BodyFormat::negotiate`] for the rules.
///
/// A handler returns its error as before; the layer rewrites only a
/// response that is an error body of one of `E`'s codes (looked up through
/// `transparent` variants) in the format the request did not prefer, and
/// keeps its status and its other headers. A response that is not an error
/// in the other format is not read, and costs nothing; an error body that is
/// not one of `E`'s is sent with its bytes unchanged.
///
/// Add it once, to the router:
///
/// ```text
/// let app = Router::new()
///     .route("/licenses/{key}", get(check_license))
///     .layer(error_catalog::NegotiateLayer::<LicenseError>::new());
/// ```
///
/// Here around a plain tower service that fails as a handler would:
///
/// ```
/// use std::sync::Arc;
/// use std::future::Future as _;
/// use std::task::{Context, Poll, Wake, Waker};
///
/// use error_catalog::{ApiError, NegotiateLayer};
/// use tower_layer::Layer as _;
/// use tower_service::Service;
///
/// #[derive(Debug, ApiError)]
/// enum LicenseError {
///     #[api_error(status = 404, code = "license_not_found", message = "License not found")]
///     LicenseNotFound,
/// }
///
/// struct Handler;
///
/// impl Service<http::Request<()>> for Handler {
///     type Response = axum_core::response::Response;
///     type Error = std::convert::Infallible;
///     type Future = std::future::Ready<Result<Self::Response, Self::Error>>;
///
///     fn poll_ready(&mut self, _: &mut Context<'_>) -> Poll<Result<(), Self::Error>> {
///         Poll::Ready(Ok(()))
///     }
///
///     fn call(&mut self, _: http::Request<()>) -> Self::Future {
///         let response = axum_core::response::IntoResponse::into_response(LicenseError::LicenseNotFound);
///         std::future::ready(Ok(response))
///     }
/// }
///
/// let mut service = NegotiateLayer::<LicenseError>::new().layer(Handler);
/// let request = http::Request::builder()
///     .header("accept", "application/problem+json")
///     .body(())
///     .unwrap();
///
/// struct Noop;
/// impl Wake for Noop {
///     fn wake(self: Arc<Self>) {}
/// }
/// let waker = Waker::from(Arc::new(Noop));
/// let mut future = std::pin::pin!(service.call(request));
/// let Poll::Ready(Ok(response)) = future.as_mut().poll(&mut Context::from_waker(&waker)) else {
///     unreachable!("a body in memory converts at once");
/// };
/// assert_eq!(response.status(), 404);
/// assert_eq!(response.headers()["content-type"], "application/problem+json");
/// ```
#[cfg(feature = "axum")]
pub struct NegotiateLayer<E> {
    error: PhantomData<fn() -> E>,
}

#[cfg(feature = "axum")]
impl<E> NegotiateLayer<E> {
    /// The layer for the errors of `E`.
    ///
    /// ```
    /// # use error_catalog::{ApiError, NegotiateLayer};
    /// # #[derive(Debug, ApiError)]
    /// # enum E { #[api_error(status = 404, code = "not_found", message = "Not found")] NotFound }
    /// let layer = NegotiateLayer::<E>::new();
    /// # drop(layer);
    /// ```
    pub const fn new() -> Self {
        NegotiateLayer { error: PhantomData }
    }
}

#[cfg(feature = "axum")]
impl<E> Default for NegotiateLayer<E> {
    fn default() -> Self {
        NegotiateLayer::new()
    }
}

#[cfg(feature = "axum")]
impl<E> Clone for NegotiateLayer<E> {
    fn clone(&self) -> Self {
        NegotiateLayer::new()
    }
}

#[cfg(feature = "axum")]
impl<E> core::fmt::Debug for NegotiateLayer<E> {
    fn fmt(&self, f: &mut core::fmt::Formatter<'_>) -> core::fmt::Result {
        f.write_str("NegotiateLayer")
    }
}

#[cfg(feature = "axum")]
impl<S, E> tower_layer::Layer<S> for NegotiateLayer<E> {
    type Service = Negotiate<S, E>;

    fn layer(&self, inner: S) -> Negotiate<S, E> {
        Negotiate {
            inner,
            error: PhantomData,
        }
    }
}

/// The service of [`NegotiateLayer`], around the inner service `S`.
#[cfg(feature = "axum")]
pub struct Negotiate<S, E> {
    inner: S,
    error: PhantomData<fn() -> E>,
}

#[cfg(feature = "axum")]
impl<S: Clone, E> Clone for Negotiate<S, E> {
    fn clone(&self) -> Self {
        Negotiate {
            inner: self.inner.clone(),
            error: PhantomData,
        }
    }
}

#[cfg(feature = "axum")]
impl<S: core::fmt::Debug, E> core::fmt::Debug for Negotiate<S, E> {
    fn fmt(&self, f: &mut core::fmt::Formatter<'_>) -> core::fmt::Result {
        f.debug_struct("Negotiate")
            .field("inner", &self.inner)
            .finish()
    }
}

#[cfg(feature = "axum")]
impl<S, E, B> tower_service::Service<http::Request<B>> for Negotiate<S, E>
where
    S: tower_service::Service<http::Request<B>, Response = Response>,
    E: ApiError,
{
    type Response = Response;
    type Error = S::Error;
    type Future = NegotiateFuture<S::Future>;

    fn poll_ready(&mut self, cx: &mut Context<'_>) -> Poll<Result<(), S::Error>> {
        self.inner.poll_ready(cx)
    }

    fn call(&mut self, request: http::Request<B>) -> Self::Future {
        let own = E::body_format();
        let accept = request.headers().get_all(http::header::ACCEPT);
        let wanted = own.negotiate(accept.iter().map(|value| value.as_bytes()));
        let convert = (wanted != own).then(|| Convert {
            from: own,
            to: wanted,
            catalog: E::catalog(),
        });
        NegotiateFuture {
            inner: self.inner.call(request),
            convert,
            converting: None,
        }
    }
}

/// What a response of the other format is turned into.
#[cfg(feature = "axum")]
struct Convert {
    from: BodyFormat,
    to: BodyFormat,
    catalog: &'static [crate::ErrorSpec],
}

/// The largest body the layer reads to convert it; a derived error's body
/// is far smaller, and a larger one is not one.
#[cfg(feature = "axum")]
const MAX_BODY: u64 = 64 * 1024;

#[cfg(feature = "axum")]
impl Convert {
    /// Whether `response` may be a derived error's body in the format
    /// `from`: an error status, that content type, a known small length.
    fn applies(&self, response: &Response) -> bool {
        use http_body::Body as _;
        let status = response.status();
        (status.is_client_error() || status.is_server_error())
            && response
                .headers()
                .get(http::header::CONTENT_TYPE)
                .is_some_and(|value| value.as_bytes() == self.from.content_type().as_bytes())
            && response
                .body()
                .size_hint()
                .exact()
                .is_some_and(|len| len <= MAX_BODY)
    }

    async fn run(self, response: Response) -> Response {
        use http_body_util::BodyExt as _;
        let (mut parts, body) = response.into_parts();
        let bytes = match body.collect().await {
            Ok(collected) => collected.to_bytes(),
            // A body that fails cannot be sent whole either way.
            Err(_) => return Response::from_parts(parts, Body::empty()),
        };
        match crate::representation::problem::convert(self.catalog, &bytes, self.to) {
            Some(converted) => {
                parts.headers.insert(
                    http::header::CONTENT_TYPE,
                    http::HeaderValue::from_static(self.to.content_type()),
                );
                parts.headers.remove(http::header::CONTENT_LENGTH);
                Response::from_parts(parts, Body::from(converted))
            }
            None => Response::from_parts(parts, Body::from(bytes)),
        }
    }
}

#[cfg(feature = "axum")]
type Converting = Pin<Box<dyn Future<Output = Response> + Send>>;

#[cfg(feature = "axum")]
pin_project_lite::pin_project! {
    /// The future of [`Negotiate`]: the inner service's, then, for an error
    /// body in the format the request did not prefer, its conversion.
    pub struct NegotiateFuture<F> {
        #[pin]
        inner: F,
        convert: Option<Convert>,
        converting: Option<Converting>,
    }
}

#[cfg(feature = "axum")]
impl<F, Error> Future for NegotiateFuture<F>
where
    F: Future<Output = Result<Response, Error>>,
{
    type Output = Result<Response, Error>;

    fn poll(self: Pin<&mut Self>, cx: &mut Context<'_>) -> Poll<Self::Output> {
        let this = self.project();
        if let Some(converting) = this.converting {
            return converting.as_mut().poll(cx).map(Ok);
        }
        let response = match this.inner.poll(cx) {
            Poll::Ready(Ok(response)) => response,
            Poll::Ready(Err(error)) => return Poll::Ready(Err(error)),
            Poll::Pending => return Poll::Pending,
        };
        match this.convert.take() {
            Some(convert) if convert.applies(&response) => {
                let mut converting: Converting = Box::pin(convert.run(response));
                match converting.as_mut().poll(cx) {
                    Poll::Ready(response) => Poll::Ready(Ok(response)),
                    Poll::Pending => {
                        *this.converting = Some(converting);
                        Poll::Pending
                    }
                }
            }
            _ => Poll::Ready(Ok(response)),
        }
    }
}

/// Expands to `impl IntoResponse` for a derived error (feature `axum` on).
///
/// Input: `[impl generics] [the type with its generics] [where P1, P2, ]`,
/// the where-bracket always starting with `where` and every predicate ending
/// with a comma. The impl generics may come with their angle brackets (as
/// `syn`'s `ImplGenerics` prints them) or without.
#[cfg(feature = "axum")]
#[doc(hidden)]
#[macro_export]
macro_rules! __axum_glue {
    ([< $($generics:tt)*] [$($ty:tt)*] [where $($where:tt)*]) => {
        $crate::__axum_glue! { @impl [< $($generics)*] [$($ty)*] [$($where)*] }
    };
    ([$($generics:tt)*] [$($ty:tt)*] [where $($where:tt)*]) => {
        $crate::__axum_glue! { @impl [<$($generics)*>] [$($ty)*] [$($where)*] }
    };
    (@impl [$($generics:tt)*] [$($ty:tt)*] [$($where:tt)*]) => {
        #[automatically_derived]
        impl $($generics)* $crate::__private::axum_core::response::IntoResponse for $($ty)*
        where
            $($where)*
            $($ty)*: $crate::__private::ApiError,
        {
            #[inline]
            fn into_response(self) -> $crate::__private::axum_core::response::Response {
                $crate::__private::axum_response(&self)
            }
        }
    };
}

/// Expands to nothing: the feature `axum` is off.
#[cfg(not(feature = "axum"))]
#[doc(hidden)]
#[macro_export]
macro_rules! __axum_glue {
    ($($args:tt)*) => {};
}
