/**
 * @file tv_mbedtls_config.h
 * @brief libtradovate's complete mbedTLS 3.6 configuration.
 *
 * This is the whole configuration, not mbedTLS's default with tweaks: every
 * option mbedTLS reads is either set here, with the reason, or left at its
 * default of "off". Everything the library and its users compile against
 * mbedTLS must see this file (`-DMBEDTLS_CONFIG_FILE='"tv_mbedtls_config.h"'`
 * and `-Iport/mbedtls`); tv_tls.h refuses to compile otherwise, because the
 * layout of mbedTLS's structures depends on it.
 *
 * What it builds: a TLS 1.2 + TLS 1.3 *client* that verifies RSA and ECDSA
 * certificate chains, agrees keys with ECDHE over X25519, P-256 or P-384,
 * encrypts with AES-GCM or ChaCha20-Poly1305, and resumes sessions with
 * tickets. No server, no renegotiation, no files, no sockets (the port does
 * TCP), no debug output, no printf-family, no libc time conversions, and no
 * heap but the caller's arena.
 *
 * Knobs an integrator may set before this file is read (with -D or from
 * TV_MBEDTLS_USER_CONFIG, see the end of the file):
 *  - TV_MBEDTLS_NO_THREADS: do not build mbedTLS's mutexes on a POSIX host
 *    (single-threaded processes save the locking).
 *  - TV_MBEDTLS_THREADING_ALT: an RTOS provides mutexes (threading_alt.h).
 *  - TV_MBEDTLS_CTR_DRBG: a DRBG between tv_port_entropy and PSA (below).
 *  - TV_MBEDTLS_TLS13_P256M: the flash-bound TLS-1.3-only build (see below).
 *  - TV_MBEDTLS_NO_SHA1_ROOTS: no SHA-1 (about 4.5 KB of Cortex-M4 flash) for
 *    a device that trusts only its own, SHA-256-signed roots (see below).
 */
#ifndef TV_MBEDTLS_CONFIG_H
#define TV_MBEDTLS_CONFIG_H

#include <stdint.h>

/* ------------------------------------------------------------------ */
/* Platform: memory                                                    */
/* ------------------------------------------------------------------ */

/* Route mbedtls_calloc/mbedtls_free through a function pointer that ... */
#define MBEDTLS_PLATFORM_C
#define MBEDTLS_PLATFORM_MEMORY
/* ... the buffer allocator points at the caller's static arena
 * (tv_tls_arena_init). Every byte mbedTLS allocates comes from there; libc's
 * malloc is never called. The allocator is process-wide (one arena). */
#define MBEDTLS_MEMORY_BUFFER_ALLOC_C
/* Without a heap to fall back on, the default calloc/free must not be libc's:
 * before tv_tls_arena_init every allocation fails instead of using malloc. */
#define MBEDTLS_PLATFORM_STD_CALLOC tv_mbedtls_no_calloc
#define MBEDTLS_PLATFORM_STD_FREE   tv_mbedtls_no_free
/* Arena blocks aligned for any C object mbedTLS stores, including uint64_t
 * and pointers on 64-bit hosts (the default of 4 is misaligned there, which
 * UBSan reports, and the AAPCS wants 8 for 64-bit types on Cortex-M too). */
#define MBEDTLS_MEMORY_ALIGN_MULTIPLE 8

/* Buffers passed to PSA are ours and never shared with another trust domain,
 * so PSA need not copy them: per-request cost drops by about a third and a
 * 4.4 KB arena spike on every write disappears (mbedtls-notes.md). */
#define MBEDTLS_PSA_ASSUME_EXCLUSIVE_BUFFERS

/* ------------------------------------------------------------------ */
/* Platform: time                                                      */
/* ------------------------------------------------------------------ */

/* Certificates have validity periods and sessions have lifetimes. */
#define MBEDTLS_HAVE_TIME
#define MBEDTLS_HAVE_TIME_DATE
/* Wall-clock seconds come from the port (tv_port_unix_time_s), not time(),
 * which a bare-metal target does not have. */
#define MBEDTLS_PLATFORM_TIME_TYPE_MACRO int64_t
#define MBEDTLS_PLATFORM_TIME_MACRO      tv_mbedtls_time
/* Our own UTC calendar conversion: glibc's gmtime_r reads the time zone once
 * (5 mallocs) and newlib's pulls in its reentrancy machinery. */
#define MBEDTLS_PLATFORM_GMTIME_R_ALT
/* TLS 1.3 ticket ages in ms come from the port's monotonic clock. */
#define MBEDTLS_PLATFORM_MS_TIME_ALT

/* ------------------------------------------------------------------ */
/* Platform: randomness                                                */
/* ------------------------------------------------------------------ */

/* PSA's random generator is tv_port_entropy() itself, through
 * mbedtls_psa_external_get_random(), and so is TLS's (tv_mbedtls_rng). The
 * port contract already demands cryptographic quality (getrandom() on
 * POSIX, a conditioned hardware RNG on bare metal), and measured against
 * the alternative below (tests/tls/HANDSHAKE.md) a DRBG on top adds 1.8 KB
 * of Cortex-M4 flash, 740 B of static RAM and 280 B of arena while saving
 * nothing measurable: a handshake draws about 170 random bytes in 5-6 calls.
 * A target whose RNG is slow or raw builds with TV_MBEDTLS_CTR_DRBG. */
#if !defined(TV_MBEDTLS_CTR_DRBG)
#define MBEDTLS_PSA_CRYPTO_EXTERNAL_RNG
#else
/* The alternative, for a target whose RNG is slow or raw: PSA runs its own
 * AES CTR_DRBG, seeded and reseeded from tv_port_entropy() as the entropy
 * module's one (hardware) source. */
#define MBEDTLS_ENTROPY_C
#define MBEDTLS_ENTROPY_HARDWARE_ALT
#define MBEDTLS_CTR_DRBG_C
#endif
/* No platform entropy polling (/dev/urandom, getrandom). */
#define MBEDTLS_NO_PLATFORM_ENTROPY

/* ------------------------------------------------------------------ */
/* Platform: threads                                                   */
/* ------------------------------------------------------------------ */

/* The PSA key store, its RNG and the arena allocator are process-wide, so two
 * clients in two threads need mbedTLS's mutexes. POSIX hosts get pthreads
 * (pthread_mutex_init does not allocate); an RTOS supplies its own. */
#if defined(TV_MBEDTLS_THREADING_ALT)
#define MBEDTLS_THREADING_C
#define MBEDTLS_THREADING_ALT
#elif !defined(TV_MBEDTLS_NO_THREADS) && (defined(__unix__) || defined(__APPLE__))
#define MBEDTLS_THREADING_C
#define MBEDTLS_THREADING_PTHREAD
#endif

/* ------------------------------------------------------------------ */
/* Speed and size                                                      */
/* ------------------------------------------------------------------ */

/* Inline assembly for bignum multiply (x86-64, Thumb-2): RSA and ECC speed. */
#define MBEDTLS_HAVE_ASM
/* AES-NI and PCLMUL for AES-GCM on x86-64 hosts (detected at run time;
 * compiled only where the architecture has them). */
#define MBEDTLS_AESNI_C
/* The 8 KB of AES tables stay in flash instead of being built in RAM. */
#define MBEDTLS_AES_ROM_TABLES
/* Fast reduction modulo the NIST primes: the built-in ECP is about 5x faster
 * than the p256-m driver on x86-64 (37 M instead of 187 M instructions per
 * full handshake), and p256-m cannot be combined with X25519 or with TLS 1.2
 * in 3.6.6 (see TV_MBEDTLS_TLS13_P256M). */
#define MBEDTLS_ECP_NIST_OPTIM

/* ------------------------------------------------------------------ */
/* Crypto primitives                                                   */
/* ------------------------------------------------------------------ */

/* PSA is the crypto API of TLS 1.3, and with USE_PSA_CRYPTO TLS 1.2 and X.509
 * go through it as well, so each algorithm is compiled once. */
#define MBEDTLS_PSA_CRYPTO_C
#define MBEDTLS_USE_PSA_CRYPTO
/* Key slots are allocated (from the arena) as needed rather than as a
 * fixed static table. */
#define MBEDTLS_PSA_KEY_STORE_DYNAMIC

/* Record protection: AES-GCM (AES-NI/hardware friendly) and
 * ChaCha20-Poly1305 (fast in software on MCUs without AES hardware). */
#define MBEDTLS_AES_C
#define MBEDTLS_GCM_C
#define MBEDTLS_CHACHA20_C
#define MBEDTLS_POLY1305_C
#define MBEDTLS_CHACHAPOLY_C
/* TLS 1.2 record layer and PSA AEAD keys go through the cipher layer. */
#define MBEDTLS_CIPHER_C

/* Hashes: SHA-256 everywhere; SHA-384 (on SHA-512) for P-384 chains,
 * ecdsa-with-SHA384 signatures and TLS_AES_256_GCM_SHA384. No MD5.
 * SHA-1 only so that mbedTLS can parse SHA-1-signed roots (30 of the 143 in
 * Debian's store, DigiCert Global Root CA and Baltimore among them; without
 * it mbedTLS refuses such a certificate outright): a root's self-signature
 * is never checked, the default certificate profile refuses SHA-1 inside a
 * chain, and tls_config.c offers no SHA-1 signature algorithm. */
#define MBEDTLS_MD_C
#if !defined(TV_MBEDTLS_NO_SHA1_ROOTS)
#define MBEDTLS_SHA1_C
#endif
#define MBEDTLS_SHA256_C
#define MBEDTLS_SHA384_C
#define MBEDTLS_SHA512_C
/* TLS 1.3 key schedule. */
#define MBEDTLS_HKDF_C

/* ------------------------------------------------------------------ */
/* Public-key crypto                                                   */
/* ------------------------------------------------------------------ */

/* Big numbers and elliptic curves, for ECDHE and for verifying signatures. */
#define MBEDTLS_BIGNUM_C
#define MBEDTLS_ECP_C
/* Key agreement groups we offer, in this order (tls_config.c sets it, and
 * says why): P-256, X25519, P-384. P-384 also verifies P-384 CA keys. */
#define MBEDTLS_ECP_DP_CURVE25519_ENABLED
#define MBEDTLS_ECP_DP_SECP256R1_ENABLED
#define MBEDTLS_ECP_DP_SECP384R1_ENABLED
#define MBEDTLS_ECDH_C
/* ECDSA verification only; we never sign, so no deterministic ECDSA
 * (and no HMAC_DRBG). */
#define MBEDTLS_ECDSA_C
/* RSA verification: PKCS#1 v1.5 for certificate signatures and TLS 1.2,
 * PSS for TLS 1.3's CertificateVerify and RSASSA-PSS certificates. */
#define MBEDTLS_RSA_C
#define MBEDTLS_PKCS1_V15
#define MBEDTLS_PKCS1_V21
#define MBEDTLS_X509_RSASSA_PSS_SUPPORT
/* Largest RSA modulus accepted: 4096 bits (512 bytes) instead of 8192. */
#define MBEDTLS_MPI_MAX_SIZE 512

/* ------------------------------------------------------------------ */
/* Certificates                                                        */
/* ------------------------------------------------------------------ */

/* X.509 certificate chains: DER parsing, OIDs, public keys (PK) and the
 * verification itself. */
#define MBEDTLS_ASN1_PARSE_C
/* ECDSA signatures are converted between DER and PSA's raw form. */
#define MBEDTLS_ASN1_WRITE_C
#define MBEDTLS_OID_C
#define MBEDTLS_PK_C
#define MBEDTLS_PK_PARSE_C
#define MBEDTLS_X509_USE_C
#define MBEDTLS_X509_CRT_PARSE_C
/* PEM trust stores are split and decoded by tv_tls itself (which needs no
 * NUL terminator); base64 is mbedTLS's. No PEM_PARSE_C. */
#define MBEDTLS_BASE64_C
/* No human-readable certificate dumps: they are the only users of
 * snprintf in X.509, which would drag newlib's printf into firmware. */
#define MBEDTLS_X509_REMOVE_INFO

/* ------------------------------------------------------------------ */
/* TLS                                                                 */
/* ------------------------------------------------------------------ */

/* A client only, TLS 1.2 and 1.3: servers we talk to may offer either.
 * TLS 1.2 takes about 7 KB of libmbedtls's Cortex-M4 flash (26.1 KB against
 * 18.9 KB in the 1.3-only p256-m variant below). No server side, no DTLS. */
#define MBEDTLS_SSL_TLS_C
#define MBEDTLS_SSL_CLI_C
#define MBEDTLS_SSL_PROTO_TLS1_2
#define MBEDTLS_SSL_PROTO_TLS1_3
/* TLS 1.2 key exchanges: ECDHE only (forward secrecy), signed with ECDSA or
 * RSA. No static RSA, no DHE, no PSK. */
#define MBEDTLS_KEY_EXCHANGE_ECDHE_ECDSA_ENABLED
#define MBEDTLS_KEY_EXCHANGE_ECDHE_RSA_ENABLED
/* TLS 1.3: a full handshake is (EC)DHE; resumption is PSK + (EC)DHE, the
 * mode servers choose by default. Pure-PSK resumption (no forward secrecy)
 * is left out: OpenSSL-based servers refuse it unless told otherwise. */
#define MBEDTLS_SSL_TLS1_3_KEY_EXCHANGE_MODE_EPHEMERAL_ENABLED
#define MBEDTLS_SSL_TLS1_3_KEY_EXCHANGE_MODE_PSK_EPHEMERAL_ENABLED
/* Some middleboxes drop TLS 1.3 handshakes that do not look like TLS 1.2. */
#define MBEDTLS_SSL_TLS1_3_COMPATIBILITY_MODE
/* Only the suites we want, in the order we prefer: AES-128-GCM (cheapest with
 * AES-NI, and what servers pick), ChaCha20-Poly1305, then AES-256-GCM. This
 * also drops every other suite's table entry from flash. */
#define MBEDTLS_SSL_CIPHERSUITES                                                                   \
    MBEDTLS_TLS1_3_AES_128_GCM_SHA256, MBEDTLS_TLS1_3_CHACHA20_POLY1305_SHA256,                    \
        MBEDTLS_TLS1_3_AES_256_GCM_SHA384, MBEDTLS_TLS_ECDHE_ECDSA_WITH_AES_128_GCM_SHA256,        \
        MBEDTLS_TLS_ECDHE_RSA_WITH_AES_128_GCM_SHA256,                                             \
        MBEDTLS_TLS_ECDHE_ECDSA_WITH_CHACHA20_POLY1305_SHA256,                                     \
        MBEDTLS_TLS_ECDHE_RSA_WITH_CHACHA20_POLY1305_SHA256,                                       \
        MBEDTLS_TLS_ECDHE_ECDSA_WITH_AES_256_GCM_SHA384,                                           \
        MBEDTLS_TLS_ECDHE_RSA_WITH_AES_256_GCM_SHA384
/* Resumption on reconnect: a TLS 1.2 ticket resumption costs 1/94 of a full
 * handshake, a TLS 1.3 one 1/3 (tests/tls/HANDSHAKE.md). */
#define MBEDTLS_SSL_SESSION_TICKETS
/* SNI, and the name the certificate is checked against. */
#define MBEDTLS_SSL_SERVER_NAME_INDICATION
/* RFC 7627: binds a resumed TLS 1.2 session to its original handshake. */
#define MBEDTLS_SSL_EXTENDED_MASTER_SECRET
/* Required by mbedTLS 3.6's TLS 1.3 client. It keeps the peer certificate in
 * the session (about 1-2 KB of arena per kept session). */
#define MBEDTLS_SSL_KEEP_PEER_CERTIFICATE
/* Records: a server may send full 16 KB records, so the input buffer must
 * hold one. Our requests are small, so 4 KB out is plenty (a longer write
 * is split into several records). */
#ifndef MBEDTLS_SSL_IN_CONTENT_LEN
#define MBEDTLS_SSL_IN_CONTENT_LEN 16384
#endif
#ifndef MBEDTLS_SSL_OUT_CONTENT_LEN
#define MBEDTLS_SSL_OUT_CONTENT_LEN 4096
#endif

/* Left off on purpose (mbedTLS defaults them on): server side, DTLS,
 * renegotiation, ALPN, max_fragment_length, encrypt-then-MAC (CBC only),
 * context serialization, keying material export, FS_IO (no files),
 * NET_C (the port does TCP), TIMING_C, ENTROPY_C, CTR_DRBG_C, HMAC_DRBG_C,
 * PEM, DEBUG_C, ERROR_C (tv_error.h has our messages), VERSION_C, SELF_TEST,
 * PSA storage, and every unused algorithm and curve. */

/* ------------------------------------------------------------------ */
/* Opt-in: flash-bound TLS-1.3-only builds with p256-m                 */
/* ------------------------------------------------------------------ */

/* TV_MBEDTLS_TLS13_P256M replaces the built-in ECP with the p256-m driver
 * for flash-bound devices: mbedTLS shrinks from 114 KB to 89 KB of Cortex-M4
 * flash and the firmware image's arena peak from 37 KB to 31 KB, but a full
 * handshake costs 5x as much (187 M instead of 37 M instructions on x86-64, see
 * tests/tls/HANDSHAKE.md). In mbedTLS 3.6.6 p256-m cannot be combined with
 * X25519 when TLS is enabled, and a TLS 1.2 build on it sends no
 * supported_groups and fails ECDHE (-0x7F80), so this variant is TLS 1.3
 * only and P-256 only: the server must offer TLS 1.3 and accept P-256, and
 * its chain must be P-256 ECDSA or RSA (P-384 CAs cannot be verified).
 * PSA's mechanisms are then listed in tv_psa_crypto_config.h. */
#if defined(TV_MBEDTLS_TLS13_P256M)
#undef MBEDTLS_SSL_PROTO_TLS1_2
#undef MBEDTLS_KEY_EXCHANGE_ECDHE_ECDSA_ENABLED
#undef MBEDTLS_KEY_EXCHANGE_ECDHE_RSA_ENABLED
#undef MBEDTLS_SSL_EXTENDED_MASTER_SECRET
#undef MBEDTLS_SSL_CIPHERSUITES
#define MBEDTLS_SSL_CIPHERSUITES                                                                   \
    MBEDTLS_TLS1_3_AES_128_GCM_SHA256, MBEDTLS_TLS1_3_CHACHA20_POLY1305_SHA256,                    \
        MBEDTLS_TLS1_3_AES_256_GCM_SHA384
#undef MBEDTLS_ECP_C
#undef MBEDTLS_ECDH_C
#undef MBEDTLS_ECDSA_C
#undef MBEDTLS_ECP_NIST_OPTIM
#undef MBEDTLS_ECP_DP_CURVE25519_ENABLED
#undef MBEDTLS_ECP_DP_SECP256R1_ENABLED
#undef MBEDTLS_ECP_DP_SECP384R1_ENABLED
#define MBEDTLS_PSA_CRYPTO_CONFIG
#define MBEDTLS_PSA_CRYPTO_CONFIG_FILE "tv_psa_crypto_config.h"
#define MBEDTLS_PSA_P256M_DRIVER_ENABLED
#endif

/* ------------------------------------------------------------------ */
/* Our glue (port/mbedtls/tv_mbedtls_platform.c)                       */
/* ------------------------------------------------------------------ */

#include <stddef.h>

#ifdef __cplusplus
extern "C" {
#endif
/** time() for mbedTLS: tv_port_unix_time_s(), stored in *t when t != NULL. */
int64_t tv_mbedtls_time(int64_t *t);
/** Default allocator before the arena exists: always fails. */
void *tv_mbedtls_no_calloc(size_t n, size_t size);
/** Default free before the arena exists: nothing was allocated. */
void tv_mbedtls_no_free(void *p);
#ifdef __cplusplus
}
#endif

#if defined(TV_MBEDTLS_USER_CONFIG)
#include TV_MBEDTLS_USER_CONFIG
#endif

#endif /* TV_MBEDTLS_CONFIG_H */
