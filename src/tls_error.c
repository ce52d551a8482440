/*
 * mbedTLS statuses as tv_err codes, where the meaning does not depend on the
 * call: running out of arena and running out of entropy.
 */
#include "tls_priv.h"

#include <mbedtls/asn1.h>
#include <mbedtls/bignum.h>
#include <mbedtls/cipher.h>
#include <mbedtls/ecp.h>
#include <mbedtls/entropy.h>
#include <mbedtls/md.h>
#include <mbedtls/pk.h>
#include <mbedtls/x509.h>
#include <psa/crypto.h>

int tv_tls_err_from_mbedtls(int ret, int fallback)
{
    if (ret == PSA_ERROR_INSUFFICIENT_MEMORY) {
        return TV_ERR_TLS_ARENA_EXHAUSTED;
    }
    if (ret == PSA_ERROR_INSUFFICIENT_ENTROPY) {
        return TV_ERR_ENTROPY;
    }
    /* mbedTLS codes are a high-level module part plus a low-level one. */
    int high = -(-ret & 0xFF80);
    int low = -(-ret & 0x007F);
    switch (high) {
    case MBEDTLS_ERR_SSL_ALLOC_FAILED:
    case MBEDTLS_ERR_X509_ALLOC_FAILED:
    case MBEDTLS_ERR_PK_ALLOC_FAILED:
    case MBEDTLS_ERR_ECP_ALLOC_FAILED:
    case MBEDTLS_ERR_MD_ALLOC_FAILED:
    case MBEDTLS_ERR_CIPHER_ALLOC_FAILED:
        return TV_ERR_TLS_ARENA_EXHAUSTED;
    default:
        break;
    }
    switch (low) {
    case MBEDTLS_ERR_MPI_ALLOC_FAILED:
    case MBEDTLS_ERR_ASN1_ALLOC_FAILED:
        return TV_ERR_TLS_ARENA_EXHAUSTED;
    case MBEDTLS_ERR_ENTROPY_SOURCE_FAILED:
        return TV_ERR_ENTROPY;
    default:
        return fallback;
    }
}
