/*
 * Private interface between the files of the TLS layer (src/tls_*.c).
 * Not installed; tests include it to reach the pieces they check directly.
 */
#ifndef TV_TLS_PRIV_H
#define TV_TLS_PRIV_H

#include "tradovate/tv_tls.h"

/** What a trust-store buffer holds, as tv_tls_ca_format() sees it. */
typedef enum tv_tls_ca_kind {
    TV_TLS_CA_PEM = 1, /**< text with -----BEGIN CERTIFICATE----- blocks */
    TV_TLS_CA_DER = 2  /**< one or more concatenated DER certificates */
} tv_tls_ca_kind;

/**
 * Classify a trust store without parsing it: DER when it starts like a DER
 * certificate (a SEQUENCE with a long-form length), PEM when it contains a
 * certificate block marker.
 * @return TV_TLS_CA_PEM, TV_TLS_CA_DER or TV_ERR_TLS_BAD_CA.
 */
int tv_tls_ca_format(const uint8_t *buf, size_t len);

/**
 * Append every certificate of buf (PEM or DER, see tv_tls_ca_format) to
 * chain. A well-formed certificate this mbedTLS cannot use (an unknown
 * signature or key algorithm, an unsupported curve) is skipped and counted
 * in *skipped; a malformed one refuses the store. All or nothing is the
 * caller's business: on error chain may hold the certificates parsed before
 * the bad one.
 * @return the number of certificates added (> 0), TV_ERR_TLS_BAD_CA (also
 *         when none could be added) or TV_ERR_TLS_ARENA_EXHAUSTED.
 */
int tv_tls_ca_parse(mbedtls_x509_crt *chain, const uint8_t *buf, size_t len, unsigned *skipped);

/**
 * Translate an mbedTLS status: allocation failures of any module (high- or
 * low-level part, or PSA's) become TV_ERR_TLS_ARENA_EXHAUSTED, entropy
 * failures TV_ERR_ENTROPY, anything else `fallback`.
 */
int tv_tls_err_from_mbedtls(int ret, int fallback);

#endif /* TV_TLS_PRIV_H */
