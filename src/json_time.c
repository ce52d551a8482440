/* ISO-8601 UTC date-times <-> epoch milliseconds, without libc time functions
 * (newlib's allocate, glibc's read the time zone). Calendar arithmetic after
 * H. Hinnant's days_from_civil / civil_from_days (proleptic Gregorian). */
#include "tv_json_priv.h"

#include <string.h>

#define TV_MS_PER_DAY INT64_C(86400000)

/* Days from 1970-01-01 to y-m-d. */
static int64_t tv_days_from_civil(int64_t y, unsigned m, unsigned d)
{
    y -= m <= 2;
    int64_t era = (y >= 0 ? y : y - 399) / 400;
    int64_t yoe = y - era * 400;
    int64_t doy = (153 * (m > 2 ? m - 3 : m + 9) + 2) / 5 + d - 1;
    int64_t doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
    return era * 146097 + doe - 719468;
}

static void tv_civil_from_days(int64_t z, int64_t *y, unsigned *m, unsigned *d)
{
    z += 719468;
    int64_t era = (z >= 0 ? z : z - 146096) / 146097;
    int64_t doe = z - era * 146097;
    int64_t yoe = (doe - doe / 1460 + doe / 36524 - doe / 146096) / 365;
    int64_t doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
    int64_t mp = (5 * doy + 2) / 153;
    *d = (unsigned)(doy - (153 * mp + 2) / 5 + 1);
    *m = (unsigned)(mp < 10 ? mp + 3 : mp - 9);
    *y = yoe + era * 400 + (*m <= 2);
}

static unsigned tv_days_in_month(int64_t y, unsigned m)
{
    static const uint8_t days[12] = {31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
    int leap = (y % 4 == 0 && y % 100 != 0) || y % 400 == 0;
    return days[m - 1] + (unsigned)(m == 2 && leap);
}

/* n decimal digits at s; -1 if any is not a digit. */
static int32_t tv_digits(const char *s, unsigned n)
{
    int32_t v = 0;
    for (unsigned i = 0; i < n; i++) {
        if (s[i] < '0' || s[i] > '9') {
            return -1;
        }
        v = v * 10 + (s[i] - '0');
    }
    return v;
}

int tv_json_parse_time(const char *s, size_t len, int64_t *ms)
{
    if (s == NULL || ms == NULL) {
        return TV_ERR_INVALID_ARG;
    }
    /* YYYY-MM-DDTHH:MM is fixed; then Z, or :SSZ, or :SS.f...Z */
    if (len < 17 || s[4] != '-' || s[7] != '-' || s[10] != 'T' || s[13] != ':' ||
        s[len - 1] != 'Z') {
        return TV_ERR_JSON_BAD_TIMESTAMP;
    }
    int32_t year = tv_digits(s, 4), month = tv_digits(s + 5, 2), day = tv_digits(s + 8, 2);
    int32_t hour = tv_digits(s + 11, 2), minute = tv_digits(s + 14, 2), second = 0, milli = 0;
    if (len > 17) {
        if (len < 20 || s[16] != ':') {
            return TV_ERR_JSON_BAD_TIMESTAMP;
        }
        second = tv_digits(s + 17, 2);
        if (len > 20) {
            /* one or more fraction digits; the first three count */
            if (len < 22 || s[19] != '.') {
                return TV_ERR_JSON_BAD_TIMESTAMP;
            }
            for (size_t i = 20; i < len - 1; i++) {
                if (s[i] < '0' || s[i] > '9') {
                    return TV_ERR_JSON_BAD_TIMESTAMP;
                }
                if (i < 23) {
                    milli = milli * 10 + (s[i] - '0');
                }
            }
            for (size_t i = len - 1; i < 23; i++) {
                milli *= 10;
            }
        }
    }
    if (year < 0 || month < 1 || month > 12 || day < 1 || hour < 0 || hour > 23 || minute < 0 ||
        minute > 59 || second < 0 || second > 60 ||
        (second == 60 && (hour != 23 || minute != 59)) ||
        day > (int32_t)tv_days_in_month(year, (unsigned)month)) {
        return TV_ERR_JSON_BAD_TIMESTAMP;
    }
    int64_t days = tv_days_from_civil(year, (unsigned)month, (unsigned)day);
    *ms = days * TV_MS_PER_DAY + ((int64_t)hour * 3600 + minute * 60 + second) * 1000 + milli;
    return TV_OK;
}

static void tv_put2(char *out, unsigned v)
{
    out[0] = (char)('0' + v / 10 % 10);
    out[1] = (char)('0' + v % 10);
}

int tv_json_format_time(int64_t ms, char *out, size_t cap)
{
    /* 0000-01-01T00:00:00.000Z .. 9999-12-31T23:59:59.999Z */
    const int64_t lo = tv_days_from_civil(0, 1, 1) * TV_MS_PER_DAY;
    const int64_t hi = tv_days_from_civil(10000, 1, 1) * TV_MS_PER_DAY;
    if (out == NULL || ms < lo || ms >= hi) {
        return TV_ERR_INVALID_ARG;
    }
    if (cap < TV_JSON_TIME_BUF) {
        return TV_ERR_BUFFER_TOO_SMALL;
    }
    int64_t days = ms / TV_MS_PER_DAY, rem = ms % TV_MS_PER_DAY;
    if (rem < 0) {
        rem += TV_MS_PER_DAY;
        days--;
    }
    int64_t y;
    unsigned m, d;
    tv_civil_from_days(days, &y, &m, &d);
    unsigned secs = (unsigned)(rem / 1000), milli = (unsigned)(rem % 1000);
    memcpy(out, "0000-00-00T00:00:00.000Z", TV_JSON_TIME_BUF);
    tv_put2(out, (unsigned)(y / 100));
    tv_put2(out + 2, (unsigned)(y % 100));
    tv_put2(out + 5, m);
    tv_put2(out + 8, d);
    tv_put2(out + 11, secs / 3600);
    tv_put2(out + 14, secs / 60 % 60);
    tv_put2(out + 17, secs % 60);
    out[20] = (char)('0' + milli / 100);
    tv_put2(out + 21, milli % 100);
    return 24;
}
