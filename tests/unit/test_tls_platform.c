/* Our mbedTLS platform hooks (port/mbedtls/tv_mbedtls_platform.c): the UTC
 * calendar that replaces gmtime_r, agreeing with the C library's for every
 * day from 1970 to 2400 and at the edges; the clocks; the random hooks
 * (either RNG configuration, see tv_mbedtls_config.h). */
#define _POSIX_C_SOURCE 200809L
#include "tv_test.h"

#include <time.h>

#include <mbedtls/platform_time.h>
#include <mbedtls/platform_util.h>
#include <psa/crypto.h>

#include "tradovate/tv_port.h"
#include "tradovate/tv_tls.h"
#include "tv_mbedtls_glue.h"

static int same_date(const struct tm *a, const struct tm *b)
{
    return a->tm_year == b->tm_year && a->tm_mon == b->tm_mon && a->tm_mday == b->tm_mday &&
           a->tm_hour == b->tm_hour && a->tm_min == b->tm_min && a->tm_sec == b->tm_sec;
}

static void test_calendar_matches_libc(void)
{
    struct tm ours, libc;
    /* Every day, at a time of day that moves through all hours. */
    for (int64_t day = 0; day < 157000; day++) {
        mbedtls_time_t t = (mbedtls_time_t)(day * 86400 + (day * 3607) % 86400);
        time_t lt = (time_t)t;
        TV_CHECK(gmtime_r(&lt, &libc) != NULL);
        if (mbedtls_platform_gmtime_r(&t, &ours) != &ours || !same_date(&ours, &libc)) {
            TV_CHECK(same_date(&ours, &libc));
            fprintf(stderr, "  at %lld\n", (long long)t);
            break;
        }
    }
}

static void test_calendar_edges(void)
{
    struct tm tm;
    mbedtls_time_t t = 0;
    TV_CHECK(mbedtls_platform_gmtime_r(&t, &tm) == &tm);
    TV_CHECK_INT(tm.tm_year, 70);
    TV_CHECK_INT(tm.tm_mon, 0);
    TV_CHECK_INT(tm.tm_mday, 1);
    t = 951782400; /* 2000-02-29T00:00:00Z */
    TV_CHECK(mbedtls_platform_gmtime_r(&t, &tm) == &tm);
    TV_CHECK_INT(tm.tm_year, 100);
    TV_CHECK_INT(tm.tm_mon, 1);
    TV_CHECK_INT(tm.tm_mday, 29);
    t = INT64_C(253402300799); /* the last second X.509 can name */
    TV_CHECK(mbedtls_platform_gmtime_r(&t, &tm) == &tm);
    TV_CHECK_INT(tm.tm_year, 9999 - 1900);
    TV_CHECK_INT(tm.tm_mon, 11);
    TV_CHECK_INT(tm.tm_mday, 31);
    TV_CHECK_INT(tm.tm_hour, 23);
    TV_CHECK_INT(tm.tm_min, 59);
    TV_CHECK_INT(tm.tm_sec, 59);
    t = INT64_C(253402300800);
    TV_CHECK(mbedtls_platform_gmtime_r(&t, &tm) == NULL);
    t = -1;
    TV_CHECK(mbedtls_platform_gmtime_r(&t, &tm) == NULL);
    TV_CHECK(mbedtls_platform_gmtime_r(NULL, &tm) == NULL);
    TV_CHECK(mbedtls_platform_gmtime_r(&t, NULL) == NULL);
}

static void test_clocks(void)
{
    int64_t stored = 0;
    int64_t now = tv_mbedtls_time(&stored);
    TV_CHECK_INT(stored, now);
    TV_CHECK(now > 1704067200); /* after 2024-01-01 */
    TV_CHECK(tv_mbedtls_time(NULL) >= now);
    mbedtls_ms_time_t a = mbedtls_ms_time();
    TV_CHECK(a > 0);
    TV_CHECK(mbedtls_ms_time() >= a);
}

static void test_random(void)
{
    uint8_t a[64], b[64];
    memset(a, 0, sizeof a);
    memset(b, 0, sizeof b);
    TV_CHECK_INT(tv_mbedtls_rng(NULL, a, sizeof a), 0);
    TV_CHECK_INT(tv_mbedtls_rng(NULL, b, sizeof b), 0);
    TV_CHECK(memcmp(a, b, sizeof a) != 0);
    TV_CHECK_INT(tv_mbedtls_rng(NULL, a, 0), 0);
#if defined(MBEDTLS_PSA_CRYPTO_EXTERNAL_RNG)
    mbedtls_psa_external_random_context_t ctx;
    size_t got = 1;
    memset(&ctx, 0, sizeof ctx);
    TV_CHECK_INT(mbedtls_psa_external_get_random(&ctx, a, sizeof a, &got), PSA_SUCCESS);
    TV_CHECK_INT(got, sizeof a);
    TV_CHECK(memcmp(a, b, sizeof a) != 0);
#endif
    /* Before the arena exists mbedTLS cannot allocate, and never from libc. */
    TV_CHECK(tv_mbedtls_no_calloc(1, 16) == NULL);
    tv_mbedtls_no_free(NULL);
}

int main(void)
{
    static uint8_t arena[16 * 1024];
    TV_CHECK_INT(tv_tls_arena_init(arena, sizeof arena), TV_OK); /* PSA up, for its RNG */
    TV_RUN(test_calendar_matches_libc);
    TV_RUN(test_calendar_edges);
    TV_RUN(test_clocks);
    TV_RUN(test_random);
    tv_tls_arena_free();
    return tv_test_summary();
}
