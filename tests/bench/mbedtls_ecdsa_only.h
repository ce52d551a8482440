/*
 * The ECDSA-only mbedTLS configuration of the footprint table: the shipped
 * port/mbedtls/tv_mbedtls_config.h without RSA (no RSA signatures, no
 * ECDHE-RSA suites), for a device that only ever talks to a server with an
 * ECDSA certificate chain (hence no SHA-1 either). bench.mk force-includes this file (-include)
 * ahead of every source, so the shipped configuration is read first and its
 * include guard keeps mbedTLS from reading it again.
 */
#ifndef BENCH_MBEDTLS_ECDSA_ONLY_H
#define BENCH_MBEDTLS_ECDSA_ONLY_H

#include "tv_mbedtls_config.h"

#undef MBEDTLS_RSA_C
#undef MBEDTLS_PKCS1_V15
#undef MBEDTLS_PKCS1_V21
#undef MBEDTLS_X509_RSASSA_PSS_SUPPORT
#undef MBEDTLS_KEY_EXCHANGE_ECDHE_RSA_ENABLED
/* SHA-1-signed roots are RSA roots, which this build cannot use anyway. */
#undef MBEDTLS_SHA1_C

#endif /* BENCH_MBEDTLS_ECDSA_ONLY_H */
