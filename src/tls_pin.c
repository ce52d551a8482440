/*
 * SPKI pins: SHA-256 over a certificate's DER SubjectPublicKeyInfo, found by
 * walking the first fields of the TBSCertificate (RFC 5280, 4.1). The same
 * walk serves the public helper and the handshake's pin check, which sees
 * the certificate as mbedTLS received it (crt->raw).
 */
#include "tls_priv.h"

#include <mbedtls/asn1.h>
#include <mbedtls/sha256.h>

#define TV_ASN1_SEQ (MBEDTLS_ASN1_CONSTRUCTED | MBEDTLS_ASN1_SEQUENCE)

int tv_tls_spki_sha256(const uint8_t *der, size_t len, uint8_t out[TV_TLS_PIN_LEN])
{
    /* serialNumber, signature, issuer, validity, subject: skipped whole. */
    static const int skip[] = {MBEDTLS_ASN1_INTEGER, TV_ASN1_SEQ, TV_ASN1_SEQ, TV_ASN1_SEQ,
                               TV_ASN1_SEQ};
    if (der == NULL || out == NULL) {
        return TV_ERR_INVALID_ARG;
    }
    unsigned char *p = (unsigned char *)der; /* mbedTLS's cursor type; never written */
    const unsigned char *end = der + len;
    size_t n = 0;
    if (mbedtls_asn1_get_tag(&p, end, &n, TV_ASN1_SEQ) != 0) { /* Certificate */
        return TV_ERR_INVALID_ARG;
    }
    end = p + n;
    if (mbedtls_asn1_get_tag(&p, end, &n, TV_ASN1_SEQ) != 0) { /* TBSCertificate */
        return TV_ERR_INVALID_ARG;
    }
    end = p + n;
    const int version_tag = MBEDTLS_ASN1_CONTEXT_SPECIFIC | MBEDTLS_ASN1_CONSTRUCTED | 0;
    int ret = mbedtls_asn1_get_tag(&p, end, &n, version_tag); /* optional */
    if (ret == 0) {
        p += n;
    } else if (ret != MBEDTLS_ERR_ASN1_UNEXPECTED_TAG) {
        return TV_ERR_INVALID_ARG;
    }
    for (size_t i = 0; i < sizeof skip / sizeof skip[0]; i++) {
        if (mbedtls_asn1_get_tag(&p, end, &n, skip[i]) != 0) {
            return TV_ERR_INVALID_ARG;
        }
        p += n;
    }
    const unsigned char *spki = p;
    if (mbedtls_asn1_get_tag(&p, end, &n, TV_ASN1_SEQ) != 0) {
        return TV_ERR_INVALID_ARG;
    }
    if (mbedtls_sha256(spki, (size_t)(p - spki) + n, out, 0) != 0) {
        return TV_ERR_INTERNAL;
    }
    return TV_OK;
}
