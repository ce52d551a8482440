/**
 * @file tv_tls.h
 * @brief TLS over the port's TCP: the arena, a verified configuration, and
 *        connections that the HTTP layer reads and writes as a tv_transport.
 *
 * Three objects, all owned by the caller:
 *
 *  - **The arena** (tv_tls_arena_init): a static byte array from which mbedTLS
 *    takes every byte it allocates. mbedTLS's allocator and its PSA crypto
 *    core are process-wide, so there is exactly one arena per process, set up
 *    once before anything else here; every tv_tls_config and tv_tls_conn in
 *    the process draws from it. TV_TLS_ARENA_RECOMMENDED (tv_config.h,
 *    52 KB) serves one connection with 10 % to spare (two 16/4 KB record
 *    buffers, a handshake with a two-certificate RSA chain, the kept
 *    session: 43.7 KB at the peak); see tv_tls_arena_peak().
 *  - **A configuration** (tv_tls_config): the trusted CA certificates and
 *    optional SPKI pins. Server certificates are always verified (chain,
 *    validity dates, host name); there is no switch to turn that off. Many
 *    connections may share one configuration.
 *  - **A connection** (tv_tls_conn): one TLS session over one TCP socket.
 *    It remembers the last session it negotiated and resumes it (TLS 1.2 and
 *    TLS 1.3 tickets) when it reconnects to the same host.
 *
 * No application byte is ever written before the handshake has completed and
 * the server's certificate (and pin) have been accepted: verification runs
 * inside the handshake, which is aborted with an alert when it fails.
 *
 * Deadlines are absolute tv_port_now_ms() times (tv_port.h). Nothing here
 * logs anything; no key material leaves mbedTLS, whose structures wipe
 * themselves when freed.
 *
 * Include this header only with mbedTLS configured by tv_mbedtls_config.h
 * (the build's `-DMBEDTLS_CONFIG_FILE='"tv_mbedtls_config.h"'
 * -Iport/mbedtls`): the objects embed mbedTLS structures whose layout
 * depends on it, so a mismatch is refused at compile time.
 */
#ifndef TV_TLS_H
#define TV_TLS_H

#if !defined(MBEDTLS_CONFIG_FILE)
#define MBEDTLS_CONFIG_FILE "tv_mbedtls_config.h"
#endif
#include <mbedtls/ssl.h>
#include <mbedtls/x509_crt.h>
#if !defined(TV_MBEDTLS_CONFIG_H)
#error "tv_tls.h needs mbedTLS built with port/mbedtls/tv_mbedtls_config.h (MBEDTLS_CONFIG_FILE)"
#endif

#include <stddef.h>
#include <stdint.h>

#include "tradovate/tv_config.h"
#include "tradovate/tv_port.h"
#include "tradovate/tv_transport.h"

#ifdef __cplusplus
extern "C" {
#endif

/** Length of an SPKI pin: the SHA-256 of a DER SubjectPublicKeyInfo. */
#define TV_TLS_PIN_LEN 32

/** Smallest arena tv_tls_arena_init() accepts (it holds nothing useful yet). */
#define TV_TLS_ARENA_MIN 1024u

/* ------------------------------------------------------------------ */
/* The arena                                                           */
/* ------------------------------------------------------------------ */

/**
 * @brief Give mbedTLS the caller's arena and start its crypto core.
 *
 * Call once per process, before any other tv_tls function but
 * tv_tls_spki_sha256(), from one thread. From then on every allocation
 * mbedTLS makes comes from this array; libc's heap is never used.
 *
 * @param arena the memory, owned by the caller; it must stay valid and be
 *              left alone until tv_tls_arena_free(). Typically a static
 *              array. Its contents on entry do not matter.
 * @param len   its size in bytes, at least TV_TLS_ARENA_MIN.
 * @return TV_OK; TV_ERR_INVALID_ARG (NULL or too small);
 *         TV_ERR_TLS_ARENA_EXHAUSTED (too small for the crypto core);
 *         TV_ERR_ENTROPY (tv_port_entropy failed); TV_ERR_INTERNAL.
 */
int tv_tls_arena_init(uint8_t *arena, size_t len);

/**
 * @brief How much of the arena mbedTLS has used at most since
 *        tv_tls_arena_init(): the highest byte it ever wrote, in bytes from
 *        the start.
 *
 * This is the arena size the workload so far needed (allocator headers and
 * fragmentation included), so `peak <= 0.9 * len` means 10 % headroom. Call
 * it while no other thread is inside mbedTLS.
 *
 * @param arena, len the same array and size given to tv_tls_arena_init().
 * @return the peak in bytes (at most len); 0 if arena is NULL.
 */
size_t tv_tls_arena_peak(const uint8_t *arena, size_t len);

/**
 * @brief Stop the crypto core and release the arena.
 *
 * Every tv_tls_config and tv_tls_conn must have been freed first. Afterwards
 * the arena array is the caller's again and tv_tls_arena_init() may be called
 * anew (with this or another array).
 */
void tv_tls_arena_free(void);

/* ------------------------------------------------------------------ */
/* Configuration                                                       */
/* ------------------------------------------------------------------ */

/** Trusted CAs, pins and mbedTLS's settings, shared by connections. */
typedef struct tv_tls_config {
    mbedtls_ssl_config ssl;          /**< mbedTLS settings (private) */
    mbedtls_ssl_config ssl_no_pss;   /**< the same without RSA-PSS; see tls_config.c (private) */
    mbedtls_x509_crt ca;             /**< parsed trust anchors (private) */
    uint8_t pins[2][TV_TLS_PIN_LEN]; /**< SPKI SHA-256 pins (private) */
    uint8_t pin_count;               /**< 0, 1 or 2 (private) */
    uint16_t ca_skipped;             /**< unusable CAs left out; see tv_tls_config_init() */
} tv_tls_config;

/**
 * @brief Build a client configuration that trusts the given CA certificates.
 *
 * @param cfg    the object to set up, owned by the caller; it must outlive
 *               every connection that uses it.
 * @param ca     the trusted certificates, owned by the caller and only read
 *               during the call: either PEM text (one or more
 *               `-----BEGIN CERTIFICATE-----` blocks, other text between them
 *               ignored, no NUL terminator needed) or DER (one certificate, or
 *               several concatenated). Which one is detected from the bytes.
 * @param ca_len its length in bytes.
 * @return TV_OK; TV_ERR_INVALID_ARG (NULL); TV_ERR_TLS_BAD_CA (neither PEM
 *         nor DER, no certificate found, an unterminated PEM block, bad
 *         base64, or a malformed certificate: one broken certificate refuses
 *         the whole set; also when no certificate is usable);
 *         TV_ERR_TLS_ARENA_EXHAUSTED. On failure cfg holds nothing (no
 *         tv_tls_config_free needed, though allowed).
 *
 * A well-formed certificate this build cannot use, because its signature
 * or key algorithm or its curve is not compiled in (Ed25519, P-521 or DSA
 * roots in a system store), is left out and counted in cfg->ca_skipped: it
 * could anchor no chain the client accepts. SHA-1-signed roots (about a
 * fifth of a system store, DigiCert Global Root CA among them) are kept:
 * their self-signature is never checked, and SHA-1 signatures inside a
 * chain are still refused.
 *
 * The result offers TLS 1.3 and TLS 1.2, key exchange groups P-256, X25519,
 * P-384 in that order, requires a verified server certificate, and accepts
 * session tickets.
 */
int tv_tls_config_init(tv_tls_config *cfg, const uint8_t *ca, size_t ca_len);

/**
 * @brief Pin the server's key: from now on a handshake only succeeds when the
 *        SHA-256 of the leaf certificate's DER SubjectPublicKeyInfo equals
 *        primary or backup, in addition to the normal chain verification.
 *
 * @param cfg     a configured tv_tls_config (connections made after this
 *                call see the pins).
 * @param primary TV_TLS_PIN_LEN bytes, copied.
 * @param backup  TV_TLS_PIN_LEN bytes, copied; NULL for none.
 * @return TV_OK or TV_ERR_INVALID_ARG (cfg or primary NULL).
 *
 * Compute a pin with tv_tls_spki_sha256(), or with
 * `openssl x509 -pubkey -noout | openssl pkey -pubin -outform der |
 * openssl dgst -sha256`.
 */
int tv_tls_config_set_pins(tv_tls_config *cfg, const uint8_t *primary, const uint8_t *backup);

/** @brief Release what the configuration holds in the arena. Safe on a
 *         zeroed or failed configuration; calling it twice is harmless. */
void tv_tls_config_free(tv_tls_config *cfg);

/**
 * @brief The SPKI pin of a DER certificate: SHA-256 over its DER
 *        SubjectPublicKeyInfo (the "pin-sha256" of RFC 7469).
 *
 * @param der  the certificate, DER, owned by the caller; only the structure
 *             up to the SubjectPublicKeyInfo is read. No arena needed.
 * @param len  its length.
 * @param out  receives TV_TLS_PIN_LEN bytes.
 * @return TV_OK; TV_ERR_INVALID_ARG (NULL, or der is not a certificate);
 *         TV_ERR_INTERNAL (SHA-256 failed, which it does not).
 */
int tv_tls_spki_sha256(const uint8_t *der, size_t len, uint8_t out[TV_TLS_PIN_LEN]);

/* ------------------------------------------------------------------ */
/* Connections                                                         */
/* ------------------------------------------------------------------ */

/** One TLS connection, and the session kept for the next one. */
typedef struct tv_tls_conn {
    mbedtls_ssl_context ssl;        /**< live while open (private) */
    mbedtls_ssl_session session;    /**< kept for resumption (private) */
    const tv_tls_config *cfg;       /**< (private) */
    tv_socket sock;                 /**< (private) */
    uint64_t deadline;              /**< of the call in progress (private) */
    int io_err;                     /**< the port's error behind an mbedTLS one (private) */
    int err;                        /**< sticky error of a broken connection (private) */
    uint8_t state;                  /**< closed / open (private) */
    uint8_t have_session;           /**< session holds a resumable session (private) */
    uint8_t cert_seen;              /**< this handshake verified a certificate (private) */
    uint8_t pin_failed;             /**< the leaf matched no pin (private) */
    uint8_t resumed;                /**< the last handshake resumed (private) */
    uint8_t pss_refused;            /**< TLS 1.2 failed on an RSA-PSS signature (private) */
    char host[TV_MAX_HOST_LEN + 1]; /**< the session's host (private) */
} tv_tls_conn;

/**
 * @brief Prepare a closed connection that will use cfg.
 * @param conn owned by the caller (static, or on a task stack); holds no
 *             arena memory until tv_tls_connect().
 * @param cfg  a configured tv_tls_config that outlives conn.
 */
void tv_tls_conn_init(tv_tls_conn *conn, const tv_tls_config *cfg);

/**
 * @brief Open TCP to host:port and complete a verified TLS handshake, all
 *        before the deadline.
 *
 * The certificate must chain to a configured CA, be within its validity
 * period by tv_port_unix_time_s(), name host (SNI is sent with it), and match
 * a pin when pins are set. If the connection holds a session from an earlier
 * connection to the same host, it is offered for resumption. A connection
 * that is still open is closed first.
 *
 * @param conn     an initialised, closed connection.
 * @param host     NUL-terminated host name or IP address, at most
 *                 TV_MAX_HOST_LEN bytes; copied.
 * @param port     TCP port.
 * @param deadline absolute tv_port_now_ms() time; TV_PORT_NO_WAIT is refused.
 * @return TV_OK: the connection is open;
 *         TV_ERR_INVALID_ARG (NULL, host empty or too long, NO_WAIT);
 *         from TCP: TV_ERR_DNS, TV_ERR_CONNECT, TV_ERR_TIMEOUT, TV_ERR_IO,
 *         TV_ERR_CONNECTION_RESET, TV_ERR_PEER_CLOSED (closed during the
 *         handshake);
 *         from verification: TV_ERR_TLS_CERT_UNTRUSTED,
 *         TV_ERR_TLS_CERT_EXPIRED, TV_ERR_TLS_CERT_NOT_YET_VALID (also when
 *         the port has no wall clock yet), TV_ERR_TLS_HOSTNAME_MISMATCH,
 *         TV_ERR_TLS_PIN_MISMATCH, TV_ERR_TLS_CERT_BAD (key usage, weak or
 *         unsupported key); when several apply, the first in this list;
 *         TV_ERR_TLS_HANDSHAKE (no common version, group or suite, an alert,
 *         a malformed message); TV_ERR_TLS_ARENA_EXHAUSTED; TV_ERR_ENTROPY.
 *         On any error the connection is closed and nothing was sent.
 */
int tv_tls_connect(tv_tls_conn *conn, const char *host, uint16_t port, uint64_t deadline);

/**
 * @brief Encrypt and send up to len bytes.
 *
 * Writes at most one record (MBEDTLS_SSL_OUT_CONTENT_LEN bytes) per call.
 * After TV_ERR_WOULD_BLOCK or TV_ERR_TIMEOUT, part of a record may be queued:
 * the next call must pass the same bytes again (or close).
 *
 * @param conn     an open connection.
 * @param buf      owned by the caller, only read during the call.
 * @param len      bytes to send, > 0.
 * @param deadline absolute time, or TV_PORT_NO_WAIT for non-blocking use.
 * @return bytes accepted (> 0); TV_ERR_WOULD_BLOCK; TV_ERR_TIMEOUT;
 *         TV_ERR_STATE (not open, nothing sent); TV_ERR_INVALID_ARG;
 *         TV_ERR_PEER_CLOSED, TV_ERR_CONNECTION_RESET, TV_ERR_IO, TV_ERR_TLS,
 *         TV_ERR_TLS_ARENA_EXHAUSTED: the connection is broken and every later
 *         send/recv returns the same code until tv_tls_close().
 */
int32_t tv_tls_send(tv_tls_conn *conn, const uint8_t *buf, size_t len, uint64_t deadline);

/**
 * @brief Receive and decrypt up to len bytes.
 *
 * Session tickets that arrive (TLS 1.3 sends them after the handshake) are
 * kept for the next connect and are not an error.
 *
 * @param conn     an open connection.
 * @param buf      owned by the caller, receives the bytes.
 * @param len      its size, > 0.
 * @param deadline absolute time, or TV_PORT_NO_WAIT for non-blocking use.
 * @return bytes received (> 0); TV_ERR_WOULD_BLOCK (no complete record yet;
 *         also possible with a deadline after a burst of tickets: call
 *         again); TV_ERR_TIMEOUT; TV_ERR_PEER_CLOSED (close_notify, or TCP FIN
 *         without it); TV_ERR_STATE; TV_ERR_INVALID_ARG;
 *         TV_ERR_CONNECTION_RESET, TV_ERR_IO, TV_ERR_TLS (bad record or MAC,
 *         fatal alert), TV_ERR_TLS_ARENA_EXHAUSTED: sticky as for send.
 */
int32_t tv_tls_recv(tv_tls_conn *conn, uint8_t *buf, size_t len, uint64_t deadline);

/**
 * @brief Send close_notify if it can go out at once, close the socket and
 *        release the connection's arena memory. The session is kept for the
 *        next tv_tls_connect(). Safe on a closed connection.
 */
void tv_tls_close(tv_tls_conn *conn);

/** @brief tv_tls_close() and forget the kept session as well. */
void tv_tls_conn_free(tv_tls_conn *conn);

/** @brief 1 if the last successful tv_tls_connect() resumed a session (no
 *         certificate was exchanged), else 0. */
int tv_tls_resumed(const tv_tls_conn *conn);

/**
 * @brief The connection as a byte stream for the HTTP layer.
 * @return a tv_transport whose ctx is conn (which must outlive it) and whose
 *         send/recv are tv_tls_send/tv_tls_recv.
 */
tv_transport tv_tls_transport(tv_tls_conn *conn);

#ifdef __cplusplus
}
#endif

#endif /* TV_TLS_H */
