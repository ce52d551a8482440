/*
 * Private interface between the TLS layer (src/tls*.c) and our mbedTLS
 * platform glue (tv_mbedtls_platform.c). Not installed.
 */
#ifndef TV_MBEDTLS_GLUE_H
#define TV_MBEDTLS_GLUE_H

#include <stddef.h>

/**
 * The random generator TLS is configured with (mbedtls_ssl_conf_rng): bytes
 * straight from tv_port_entropy(), as PSA's own generator gets them.
 * Returns 0 or MBEDTLS_ERR_ENTROPY_SOURCE_FAILED. ctx is unused.
 *
 * Referencing it is also what makes the linker take the glue object (and
 * with it the hooks mbedTLS calls) out of libtradovate.a.
 */
int tv_mbedtls_rng(void *ctx, unsigned char *out, size_t len);

#endif /* TV_MBEDTLS_GLUE_H */
