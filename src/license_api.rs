//! The License API's errors: every error the LicenseSpring License API can
//! return, declared once with `#[derive(ApiError)]`.

use error_catalog::ApiError;

/// Every error the License API returns: its 79 codes, with the status, the
/// code and the message that reach the client, in the order of the API's
/// reference table.
///
/// Each variant's doc comment is its entry in the reference table, and
/// becomes its `description` in [`LicenseApiError::catalog()`]. Variants
/// whose message carries details have fields ([`Validation`], [`InvalidValue`],
/// [`MissingParameters`], [`MissingHeaders`]); every other message is fixed,
/// and its JSON body is written at compile time. [`Internal`] keeps the
/// server-side cause as its `source()`, which never reaches the client.
///
/// [`Validation`]: LicenseApiError::Validation
/// [`InvalidValue`]: LicenseApiError::InvalidValue
/// [`MissingParameters`]: LicenseApiError::MissingParameters
/// [`MissingHeaders`]: LicenseApiError::MissingHeaders
/// [`Internal`]: LicenseApiError::Internal
///
/// # Example
///
/// ```
/// use error_catalog::ApiError;
/// use error_catalog_examples::LicenseApiError;
///
/// let err = LicenseApiError::LicenseNotFound;
/// assert_eq!(err.status(), http::StatusCode::BAD_REQUEST);
/// assert_eq!(err.code(), "license_not_found");
/// assert_eq!(
///     err.to_response().body(),
///     r#"{"status":400,"code":"license_not_found","message":"License not found"}"#,
/// );
///
/// let err = LicenseApiError::InvalidValue {
///     parameter: "hardware_id".into(),
///     reason: "must not be empty".into(),
/// };
/// assert_eq!(err.to_string(), "Invalid value for hardware_id: must not be empty");
///
/// // A client rebuilds the typed error from the body it received.
/// let received: LicenseApiError = serde_json::from_slice(&err.to_json()).unwrap();
/// assert!(matches!(
///     received,
///     LicenseApiError::InvalidValue { ref parameter, .. } if parameter == "hardware_id"
/// ));
///
/// // The cause of a server error stays on the server.
/// let err = LicenseApiError::internal(std::io::Error::other("connection to db-1 refused"));
/// assert_eq!(err.status(), 500);
/// assert!(!String::from_utf8_lossy(&err.to_json()).contains("db-1"));
/// assert!(std::error::Error::source(&err).is_some());
///
/// assert_eq!(LicenseApiError::catalog().len(), 79);
/// ```
#[derive(Debug, ApiError)]
#[api_error(status = 400)]
pub enum LicenseApiError {
    /// Requested API path doesn't exist
    #[api_error(status = 404, code = "not_found", message = "Not found")]
    NotFound,

    /// Caused by request data not conforming to the validation schema. The message of the error response contains details on what failed
    #[api_error(code = "validation_error", message = "{0}")]
    Validation(String),

    /// A required header is missing
    #[api_error(code = "missing_headers", message = "Missing header: {header}")]
    MissingHeaders {
        /// The name of the missing header.
        header: String,
    },

    /// A required parameter in the query or body of the request is missing
    #[api_error(
        code = "missing_parameters",
        message = "Missing parameters: {parameters}"
    )]
    MissingParameters {
        /// The names of the missing parameters, comma separated.
        parameters: String,
    },

    /// An offline activation/deactivation request received an empty request
    #[api_error(code = "missing_content", message = "The request content is empty")]
    MissingContent,

    /// Caused by general invalid json in POST requests
    #[api_error(code = "invalid_json", message = "The request body is not valid JSON")]
    InvalidJson,

    /// A /versions or /installation_file request is called without an active license provided in the parameters
    #[api_error(
        code = "active_license_required",
        message = "An active license is required"
    )]
    ActiveLicenseRequired,

    /// An activation is being attempted using an API key which does not have permissions to activate the requested product
    #[api_error(
        code = "api_key_product_not_allowed",
        message = "The API key is not allowed to activate this product"
    )]
    ApiKeyProductNotAllowed,

    /// An activation is being attempted on a product which is archived
    #[api_error(code = "archived_product", message = "The product is archived")]
    ArchivedProduct,

    /// Provided Authorization header is malformed
    #[api_error(
        code = "authorization_invalid_headers",
        message = "The Authorization header is malformed"
    )]
    AuthorizationInvalidHeaders,

    /// Provided Authorization header has missing data
    #[api_error(
        code = "authorization_missing_params",
        message = "The Authorization header is missing data"
    )]
    AuthorizationMissingParams,

    /// Activation is being attempted using a blacklisted device
    #[api_error(code = "blacklisted", message = "The device is blacklisted")]
    Blacklisted,

    /// /floating/borrow is being called with an invalid borrowed_until date
    #[api_error(
        code = "borrow_until_not_valid",
        message = "The borrowed_until date is not valid"
    )]
    BorrowUntilNotValid,

    /// /change_password is being called but is not allowed
    #[api_error(
        code = "change_password_not_allowed",
        message = "Changing the password is not allowed"
    )]
    ChangePasswordNotAllowed,

    /// The provided customer_account_id does not match the customer account of the customer in the request
    #[api_error(
        code = "customer_account_id_mismatch",
        message = "The customer account ID does not match the customer"
    )]
    CustomerAccountIdMismatch,

    /// When creating an order, the provided customer_account_id does not match an existing customer
    #[api_error(
        code = "customer_account_not_found",
        message = "Customer account not found"
    )]
    CustomerAccountNotFound,

    /// /customer_license_users is being called but the provided customer does not exist
    #[api_error(code = "customer_does_not_exist", message = "Customer does not exist")]
    CustomerDoesNotExist,

    /// /customer_license_users is being called with authorization values which do not grant permissions to view data for the given customer
    #[api_error(code = "customer_not_found", message = "Customer not found")]
    CustomerNotFound,

    /// A license deactivation or an endpoint which changes license values is being called using an inactive license device
    #[api_error(
        code = "device_not_found",
        message = "No active device found for this license"
    )]
    DeviceNotFound,

    /// A license activation is being attempted on a product which is disabled
    #[api_error(code = "disabled_product", message = "The product is disabled")]
    DisabledProduct,

    /// A request to generate a trial license for a user-based license is being attempted with no email provided
    #[api_error(code = "email_missing", message = "An email address is required")]
    EmailMissing,

    /// Adding a feature consumption is being attempted but the consumption limit has already been reached
    #[api_error(
        code = "feature_not_enough_consumptions",
        message = "The feature has no consumptions left"
    )]
    FeatureNotEnoughConsumptions,

    /// /floating/feature_release is being called on a feature which is not a floating cloud feature
    #[api_error(
        code = "feature_not_floating",
        message = "The feature is not a floating feature"
    )]
    FeatureNotFloating,

    /// /floating/feature_release is being called on a feature which has no associated used device
    #[api_error(
        code = "floating_feature_device_not_in_use",
        message = "The floating feature is not in use by any device"
    )]
    FloatingFeatureDeviceNotInUse,

    /// A check, borrow or release is being called on a floating cloud license which has no available slots left
    #[api_error(
        code = "floating_not_available",
        message = "No floating license slots are available"
    )]
    FloatingNotAvailable,

    /// An action is being attempted which requires a licensespring-hardware-key header
    #[api_error(
        code = "hardware_key_required",
        message = "The licensespring-hardware-key header is required"
    )]
    HardwareKeyRequired,

    /// An API-key-based Authorization header was sent but is missing a hmac value
    #[api_error(
        code = "hmac_required",
        message = "The Authorization header is missing the hmac value"
    )]
    HmacRequired,

    /// An invalid API key is being used
    #[api_error(code = "invalid_api_key", message = "Invalid API key")]
    InvalidApiKey,

    /// An action requiring a hardware ID parameter received an empty hardware ID
    #[api_error(
        code = "invalid_hardware_id",
        message = "The hardware ID must not be empty"
    )]
    InvalidHardwareId,

    /// A license feature action is being attempted on a feature which cannot be found
    #[api_error(
        code = "invalid_license_feature_code",
        message = "License feature not found"
    )]
    InvalidLicenseFeatureCode,

    /// /customer_license_users is being called on a product which is not a user-based product
    #[api_error(
        code = "invalid_product_auth_method",
        message = "The product is not a user-based product"
    )]
    InvalidProductAuthMethod,

    /// A provided parameter does not contain a valid value. The message of the error will contain more information on the parameter and acceptable values
    #[api_error(
        code = "invalid_value",
        message = "Invalid value for {parameter}: {reason}"
    )]
    InvalidValue {
        /// The parameter whose value was rejected.
        parameter: String,
        /// Why the value was rejected, or which values are accepted.
        reason: String,
    },

    /// An order is being created for a key-based license, but a list of users was provided
    #[api_error(
        code = "key_product_based_does_not_allow_users",
        message = "A key-based license does not accept users"
    )]
    KeyProductBasedDoesNotAllowUsers,

    /// A new license activation is being attempted, but the license has already been activated the maximum number of times allowed
    #[api_error(
        code = "license_activated_max_times",
        message = "The license has been activated the maximum number of times"
    )]
    LicenseActivatedMaxTimes,

    /// A license borrowing is being attempted on a license which does not allow borrowing
    #[api_error(
        code = "license_borrow_not_allowed",
        message = "The license does not allow borrowing"
    )]
    LicenseBorrowNotAllowed,

    /// A device is being added to a license, but the device is already registered on that license
    #[api_error(
        code = "license_device_exists",
        message = "The device is already registered on this license"
    )]
    LicenseDeviceExists,

    /// A license activation or borrowing is being attempted on an expired license
    #[api_error(code = "license_expired", message = "The license has expired")]
    LicenseExpired,

    /// /device_licenses is being called, but the provided device has no associated licenses
    #[api_error(
        code = "license_hwid_not_found",
        message = "No licenses found for this device"
    )]
    LicenseHwidNotFound,

    /// An action is being attempted on a license which is not active
    #[api_error(code = "license_not_active", message = "The license is not active")]
    LicenseNotActive,

    /// A consumption action is being attempted on a license which is not a consumption-type license
    #[api_error(
        code = "license_not_consumption",
        message = "The license is not a consumption license"
    )]
    LicenseNotConsumption,

    /// An action is being attempted on a license which is not enabled
    #[api_error(code = "license_not_enabled", message = "The license is not enabled")]
    LicenseNotEnabled,

    /// Adding a license consumption is being attempted but the consumption limit has already been reached
    #[api_error(
        code = "license_not_enough_consumptions",
        message = "The license has no consumptions left"
    )]
    LicenseNotEnoughConsumptions,

    /// An action is being attempted on a license which cannot be found
    #[api_error(code = "license_not_found", message = "License not found")]
    LicenseNotFound,

    /// A license activation is being attempted but is not allowed by the license's start_date
    #[api_error(
        code = "license_start_date_error",
        message = "The license cannot be activated before its start date"
    )]
    LicenseStartDateError,

    /// A license transfer is being attempted, but the maximum number of allowed transfers has already been reached
    #[api_error(
        code = "license_transferred_max_times",
        message = "The license has been transferred the maximum number of times"
    )]
    LicenseTransferredMaxTimes,

    /// A new license activation is being attempted, but the license user has already activated this license the maximum number of times allowed
    #[api_error(
        code = "license_user_activated_max_times",
        message = "The license user has activated this license the maximum number of times"
    )]
    LicenseUserActivatedMaxTimes,

    /// An action is being attempted for a user-based license, but the provided user is not associated to the license
    #[api_error(
        code = "license_user_not_found",
        message = "The user is not assigned to this license"
    )]
    LicenseUserNotFound,

    /// An order is being created but the number of provided users exceeds the max_license_users value set on the license
    #[api_error(
        code = "license_users_error",
        message = "The number of users exceeds the maximum allowed for this license"
    )]
    LicenseUsersError,

    /// A request requiring a licensespring-hardware-key was sent but the device specified has no assigned device certificate
    #[api_error(
        code = "missing_hardware_key_certificate",
        message = "The device has no hardware key certificate"
    )]
    MissingHardwareKeyCertificate,

    /// A consumption request with a negative consumption value was sent, but negative consumptions are not allowed on this license
    #[api_error(
        code = "negative_consumptions_not_allowed",
        message = "Negative consumptions are not allowed on this license"
    )]
    NegativeConsumptionsNotAllowed,

    /// An OAuth-authorized request is being attempted using OAuth credentials which do not have access to the requested resource
    #[api_error(
        code = "oauth_product_not_allowed",
        message = "The OAuth credentials do not grant access to this resource"
    )]
    OauthProductNotAllowed,

    /// A request is being attempted using API Key credentials, but OAuth is enforced as the only allowed authorization mechanism
    #[api_error(code = "oauth_required", message = "OAuth authorization is required")]
    OauthRequired,

    /// A request is being attempted using an expired OAuth token
    #[api_error(code = "oauth_token_expired", message = "The OAuth token has expired")]
    OauthTokenExpired,

    /// A request is being attempted using a malformed OAuth token
    #[api_error(
        code = "oauth_token_malformed",
        message = "The OAuth token is malformed"
    )]
    OauthTokenMalformed,

    /// An offline activation is being attempted on a floating cloud license which does not allow offline activation
    #[api_error(
        code = "offline_floating_cloud_not_supported",
        message = "Offline activation is not supported for floating cloud licenses"
    )]
    OfflineFloatingCloudNotSupported,

    /// A bundle action is being attempted but the specified product is not a bundle
    #[api_error(code = "product_not_bundle", message = "The product is not a bundle")]
    ProductNotBundle,

    /// A request for generating license keys was sent to the /license webhook, but the requested amount of keys to generate exceeds the maximum allowed quantity
    #[api_error(
        code = "quantity_too_large",
        message = "The requested quantity of license keys is too large"
    )]
    QuantityTooLarge,

    /// A non-read action is being attempted using a read-only API Key
    #[api_error(code = "read_only_api_key", message = "The API key is read-only")]
    ReadOnlyApiKey,

    /// An action is being attempted using an API Key which has been revoked
    #[api_error(code = "revoked_api_key", message = "The API key has been revoked")]
    RevokedApiKey,

    /// An activation is being attempted on an expired trial license
    #[api_error(code = "trial_expired", message = "The trial license has expired")]
    TrialExpired,

    /// A trial license is being requested but the product does not allow trial licenses
    #[api_error(
        code = "trial_not_allowed",
        message = "The product does not allow trial licenses"
    )]
    TrialNotAllowed,

    /// A license policy was specified in the request but no such policy was found
    #[api_error(code = "unknown_policy_code", message = "License policy not found")]
    UnknownPolicyCode,

    /// A product code was specified in the request but no such product was found
    #[api_error(code = "unknown_product_code", message = "Product not found")]
    UnknownProductCode,

    /// A feature consumption is being attempted on a feature which is not a consumption feature
    #[api_error(
        code = "unsupported_product_feature",
        message = "The feature is not a consumption feature"
    )]
    UnsupportedProductFeature,

    /// A license in the order request contains a license key but the product is not a key-based product
    #[api_error(
        code = "user_based_product_does_not_allow_license_key",
        message = "A user-based product does not accept license keys"
    )]
    UserBasedProductDoesNotAllowLicenseKey,

    /// A /user_licenses request has been sent but the provided user is not assigned to any license
    #[api_error(
        code = "user_not_assigned_to_product",
        message = "The user is not assigned to any license"
    )]
    UserNotAssignedToProduct,

    /// An /installation_file request has been sent but no file version has been found that matches the given parameters
    #[api_error(code = "version_not_found", message = "No matching version found")]
    VersionNotFound,

    /// An activation is being attempted which was sent from a Virtual Machine but the licenses disallows VM activations
    #[api_error(
        code = "vm_not_allowed",
        message = "The license does not allow activation on virtual machines"
    )]
    VmNotAllowed,

    /// Authentication for the request has failed
    #[api_error(
        status = 401,
        code = "authentication_failure",
        message = "Authentication failed",
        header("www-authenticate", "ApiKey realm=\"License API\"")
    )]
    AuthenticationFailure,

    /// The hardware key value sent in the licensespring-hardware-key is invalid
    #[api_error(
        status = 401,
        code = "hardware_key_signature_mismatch",
        message = "The hardware key signature is invalid"
    )]
    HardwareKeySignatureMismatch,

    /// OAuth authentication failed
    #[api_error(
        status = 401,
        code = "invalid_client_credentials",
        message = "Invalid client credentials"
    )]
    InvalidClientCredentials,

    /// An offline activation or deactivation is being attempted but the provided signature value is invalid
    #[api_error(
        status = 401,
        code = "offline_signature_mismatch",
        message = "The offline request signature is invalid"
    )]
    OfflineSignatureMismatch,

    /// An API-key request is being sent but the signature in the header is invalid
    #[api_error(
        status = 401,
        code = "signature_mismatch",
        message = "The request signature is invalid"
    )]
    SignatureMismatch,

    /// An order request has been sent but failed due to a license_key collision
    #[api_error(
        status = 409,
        code = "license_key_exists",
        message = "The license key already exists"
    )]
    LicenseKeyExists,

    /// A non-appending order request has been sent but the provided order id already exists
    #[api_error(
        status = 409,
        code = "order_id_exists",
        message = "The order ID already exists"
    )]
    OrderIdExists,

    /// An unexpected server error has occured
    #[api_error(
        status = 500,
        code = "internal_error",
        message = "An unexpected server error has occured"
    )]
    Internal(#[source] Box<dyn std::error::Error + Send + Sync>),

    /// An error has occured while attempting to assign a license manager
    #[api_error(
        status = 500,
        code = "adding_manager_error",
        message = "The license manager could not be assigned"
    )]
    AddingManagerError,

    /// An error has occured while attempting to send a notification for a consumption or assigning a license user to a license order
    #[api_error(
        status = 500,
        code = "mail_sending_error",
        message = "The notification email could not be sent"
    )]
    MailSendingError,

    /// An error has occured while attempting to send a notification for a license activation, trial key, order creation
    #[api_error(
        status = 500,
        code = "notification_sending_error",
        message = "The notification could not be sent"
    )]
    NotificationSendingError,
}

impl LicenseApiError {
    /// An [`Internal`](LicenseApiError::Internal) error caused by `source`.
    ///
    /// The client receives only the fixed message "An unexpected server error
    /// has occured"; `source` stays available through
    /// [`std::error::Error::source`] for the server's logs.
    ///
    /// ```
    /// use error_catalog::ApiError;
    /// use error_catalog_examples::LicenseApiError;
    ///
    /// let err = LicenseApiError::internal("license store unreachable");
    /// assert_eq!(err.code(), "internal_error");
    /// assert_eq!(err.to_string(), "An unexpected server error has occured");
    /// assert_eq!(
    ///     std::error::Error::source(&err).unwrap().to_string(),
    ///     "license store unreachable",
    /// );
    /// ```
    pub fn internal(source: impl Into<Box<dyn std::error::Error + Send + Sync>>) -> Self {
        LicenseApiError::Internal(source.into())
    }
}
