/*
 * mbedTLS's platform hooks, answered by our port (tv_port.h): wall clock,
 * monotonic milliseconds, UTC calendar fields and the PSA random generator.
 * tv_mbedtls_config.h selects these in place of libc's time(), gmtime_r()
 * and /dev/urandom polling, which either allocate or do not exist on bare
 * metal. Part of libtradovate (built with our strict flags).
 */
#include "tv_mbedtls_glue.h"

#include "tradovate/tv_port.h"

#include <mbedtls/entropy.h>
#include <mbedtls/platform_time.h>
#include <mbedtls/platform_util.h>
#include <mbedtls/psa_util.h>
#include <psa/crypto.h>

#include <string.h>
#include <time.h>

int64_t tv_mbedtls_time(int64_t *t)
{
    int64_t now = tv_port_unix_time_s();
    if (t != NULL) {
        *t = now;
    }
    return now;
}

mbedtls_ms_time_t mbedtls_ms_time(void)
{
    return (mbedtls_ms_time_t)tv_port_now_ms();
}

void *tv_mbedtls_no_calloc(size_t n, size_t size)
{
    (void)n;
    (void)size;
    return NULL;
}

void tv_mbedtls_no_free(void *p)
{
    (void)p;
}

/* Days since 1970-01-01 to a proleptic Gregorian date (H. Hinnant's
 * civil_from_days): plain arithmetic, no tables, no loops, and past the one
 * 64-bit division all in 32 bits (cheap on a Cortex-M4). X.509 reads only
 * the date and time of day; tm_wday, tm_yday and tm_isdst are left 0. */
struct tm *mbedtls_platform_gmtime_r(const mbedtls_time_t *tt, struct tm *tm_buf)
{
    /* mbedTLS only asks about "now"; refuse what X.509 cannot represent
     * (years 0..9999) rather than overflow. */
    const int64_t max_s = INT64_C(253402300799); /* 9999-12-31T23:59:59Z */
    if (tt == NULL || tm_buf == NULL || *tt < 0 || *tt > max_s) {
        return NULL;
    }
    int32_t days = (int32_t)(*tt / 86400);
    int32_t secs = (int32_t)(*tt - (int64_t)days * 86400);
    int32_t z = days + 719468;
    int32_t era = z / 146097;
    int32_t doe = z - era * 146097;
    int32_t yoe = (doe - doe / 1460 + doe / 36524 - doe / 146096) / 365;
    int32_t doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
    int32_t mp = (5 * doy + 2) / 153;
    int32_t mon = mp < 10 ? mp + 3 : mp - 9;

    memset(tm_buf, 0, sizeof *tm_buf);
    tm_buf->tm_year = yoe + era * 400 + (mon <= 2 ? 1 : 0) - 1900;
    tm_buf->tm_mon = mon - 1;
    tm_buf->tm_mday = doy - (153 * mp + 2) / 5 + 1;
    tm_buf->tm_hour = secs / 3600;
    tm_buf->tm_min = secs / 60 % 60;
    tm_buf->tm_sec = secs % 60;
    return tm_buf;
}

#if defined(MBEDTLS_PSA_CRYPTO_EXTERNAL_RNG)
int tv_mbedtls_rng(void *ctx, unsigned char *out, size_t len)
{
    (void)ctx;
    if (len > 0 && tv_port_entropy(out, len) != TV_OK) {
        return MBEDTLS_ERR_ENTROPY_SOURCE_FAILED;
    }
    return 0;
}

psa_status_t mbedtls_psa_external_get_random(mbedtls_psa_external_random_context_t *context,
                                             uint8_t *output, size_t output_size,
                                             size_t *output_length)
{
    (void)context;
    *output_length = 0;
    if (output_size > 0 && tv_port_entropy(output, output_size) != TV_OK) {
        return PSA_ERROR_INSUFFICIENT_ENTROPY;
    }
    *output_length = output_size;
    return PSA_SUCCESS;
}
#else /* TV_MBEDTLS_CTR_DRBG: PSA's DRBG, fed by the port */
int tv_mbedtls_rng(void *ctx, unsigned char *out, size_t len)
{
    return mbedtls_psa_get_random(ctx, out, len);
}

int mbedtls_hardware_poll(void *data, unsigned char *output, size_t len, size_t *olen);
int mbedtls_hardware_poll(void *data, unsigned char *output, size_t len, size_t *olen)
{
    (void)data;
    *olen = 0;
    if (tv_port_entropy(output, len) != TV_OK) {
        return MBEDTLS_ERR_ENTROPY_SOURCE_FAILED;
    }
    *olen = len;
    return 0;
}
#endif
