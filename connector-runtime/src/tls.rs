//! TLS for outbound HTTPS: rustls with the ring provider (no OpenSSL, no C build).

/// Installs ring as the process-wide rustls provider; every HTTP client needs one. Safe to call
/// more than once.
pub(crate) fn ensure_crypto_provider() {
    if rustls::crypto::CryptoProvider::get_default().is_none() {
        // Losing a race with another installer is fine: a provider is installed either way.
        let _ = rustls::crypto::ring::default_provider().install_default();
    }
}
