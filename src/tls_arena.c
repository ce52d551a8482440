/*
 * The mbedTLS arena: mbedTLS's buffer allocator over the caller's array, and
 * its high-water mark.
 *
 * The peak is measured without mbedTLS's MEMORY_DEBUG statistics (which
 * would link fprintf into firmware): after the allocator has laid its first
 * header, the rest of the array is filled with a marker byte, and the peak
 * is the last byte that no longer holds it. Allocations are zero-filled by
 * calloc and headers are written at every split, so a used byte differs from
 * the marker unless mbedTLS happened to store that very value at the top
 * edge, which can understate the peak by a few bytes at most.
 */
#include "tls_priv.h"

#include <mbedtls/memory_buffer_alloc.h>
#include <psa/crypto.h>

#include <string.h>

/* Room for the allocator's first header (8 words) and alignment. */
#define TV_TLS_ARENA_HEAD 128u
#define TV_TLS_ARENA_MARK 0xA5u

int tv_tls_arena_init(uint8_t *arena, size_t len)
{
    if (arena == NULL || len < TV_TLS_ARENA_MIN) {
        return TV_ERR_INVALID_ARG;
    }
    mbedtls_memory_buffer_alloc_init(arena, len);
    memset(arena + TV_TLS_ARENA_HEAD, TV_TLS_ARENA_MARK, len - TV_TLS_ARENA_HEAD);
    psa_status_t st = psa_crypto_init();
    if (st == PSA_SUCCESS) {
        return TV_OK;
    }
    mbedtls_memory_buffer_alloc_free();
    return st == PSA_ERROR_INSUFFICIENT_MEMORY    ? TV_ERR_TLS_ARENA_EXHAUSTED
           : st == PSA_ERROR_INSUFFICIENT_ENTROPY ? TV_ERR_ENTROPY
                                                  : TV_ERR_INTERNAL;
}

size_t tv_tls_arena_peak(const uint8_t *arena, size_t len)
{
    if (arena == NULL) {
        return 0;
    }
    size_t n = len;
    while (n > TV_TLS_ARENA_HEAD && arena[n - 1] == TV_TLS_ARENA_MARK) {
        n--;
    }
    return n;
}

void tv_tls_arena_free(void)
{
    mbedtls_psa_crypto_free();
    mbedtls_memory_buffer_alloc_free();
}
