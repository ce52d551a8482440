/* ISO-8601 date-times: known instants (expected values computed independently
 * with Python's datetime), every rejection, formatting and round trips. */
#include "tv_test.h"

#include "tradovate/tv_json.h"

#include "../json/json_test_rng.h" /* tests/json holds the JSON tests' shared helpers */

static int parse(const char *s, int64_t *ms)
{
    return tv_json_parse_time(s, strlen(s), ms);
}

static void test_known_instants(void)
{
    static const struct {
        const char *text;
        int64_t ms;
    } cases[] = {
        {"1970-01-01T00:00Z", 0},
        {"1970-01-01T00:00:00Z", 0},
        {"1970-01-01T00:00:00.000Z", 0},
        {"1969-12-31T23:59:59.999Z", -1},
        {"2000-02-29T12:34:56.789Z", INT64_C(951827696789)},
        {"2038-01-19T03:14:07Z", INT64_C(2147483647000)},
        {"2038-01-19T03:14:08.5Z", INT64_C(2147483648500)},
        {"2100-02-28T23:59:59.999Z", INT64_C(4107542399999)},
        {"2400-02-29T00:00Z", INT64_C(13574563200000)},
        {"1900-03-01T00:00:00Z", INT64_C(-2203891200000)},
        {"0001-01-01T00:00:00Z", INT64_C(-62135596800000)},
        {"0000-01-01T00:00:00Z", INT64_C(-62135596800000) - INT64_C(366) * 86400000},
        {"9999-12-31T23:59:59.999Z", INT64_C(253402300799999)},
        /* the three shapes Tradovate sends */
        {"2021-04-13T04:59:06.588Z", INT64_C(1618289946588)},
        {"2017-12-15T22:29Z", INT64_C(1513376940000)},
        {"2017-12-15T22:29:00Z", INT64_C(1513376940000)},
        /* fractions: any length, truncated to milliseconds */
        {"2017-12-15T22:29:00.1Z", INT64_C(1513376940100)},
        {"2017-12-15T22:29:00.12Z", INT64_C(1513376940120)},
        {"2017-12-15T22:29:00.9999999999999Z", INT64_C(1513376940999)},
        {"2017-12-15T22:29:00.000000001Z", INT64_C(1513376940000)},
        /* a leap second is the next day's midnight, as in POSIX time */
        {"2016-12-31T23:59:60Z", INT64_C(1483228800000)},
        {"2016-12-31T23:59:60.250Z", INT64_C(1483228800250)},
    };
    for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
        int64_t ms = 12345;
        int r = parse(cases[i].text, &ms);
        TV_CHECK_INT(r, TV_OK);
        if (ms != cases[i].ms) {
            tv_test_fail(__FILE__, __LINE__, "%s -> %" PRId64 ", expected %" PRId64, cases[i].text,
                         ms, cases[i].ms);
        }
    }
}

static void test_rejections(void)
{
    static const char *bad[] = {
        "",
        "2021",
        "2021-04-13",
        "2021-04-13T04Z",
        "2021-04-13T04:59",
        "2021-04-13T04:59:06",
        "2021-04-13T04:59:06.588",
        "2021-04-13t04:59:06Z",
        "2021-04-13T04:59:06z",
        "2021-04-13 04:59:06Z",
        "2021-04-13T04:59:06+00:00",
        "2021-04-13T04:59:06.588+01:00",
        "2021-04-13T04:59:06.Z",
        "2021-04-13T04:59:06,5Z",
        "2021-04-13T04:59:06.58aZ",
        "2021-04-13T04:59:6Z",
        "2021-04-13T04:59:06ZZ",
        "2021-04-13T04:59:06.5Z ",
        " 2021-04-13T04:59:06Z",
        "2021-4-13T04:59:06Z",
        "21-04-13T04:59:06Z",
        "+2021-04-13T04:59Z",
        "-021-04-13T04:59Z",
        "20a1-04-13T04:59Z",
        "2021/04/13T04:59Z",
        "2021-04-13T04.59Z",
        "2021-04-13T04:5Z",
        "2021-04-13T04:59:Z",
        "2021-04-13T04:59:060Z",
        "2021-13-01T00:00Z",
        "2021-00-01T00:00Z",
        "2021-01-00T00:00Z",
        "2021-01-32T00:00Z",
        "2021-04-31T00:00Z",
        "2021-02-29T00:00Z",
        "2100-02-29T00:00Z",
        "1900-02-29T00:00Z",
        "2021-01-01T24:00Z",
        "2021-01-01T23:60Z",
        "2021-01-01T00:00:61Z",
        "2021-01-01T12:00:60Z",
        "2021-01-01T23:58:60Z",
        "2021-01-01T-1:00Z",
    };
    for (size_t i = 0; i < sizeof bad / sizeof bad[0]; i++) {
        int64_t ms = 777;
        int r = parse(bad[i], &ms);
        if (r != TV_ERR_JSON_BAD_TIMESTAMP || ms != 777) {
            tv_test_fail(__FILE__, __LINE__, "\"%s\" gave %s", bad[i], tv_err_name(r));
        }
        tv_test_checks++;
    }
    int64_t ms;
    TV_CHECK_INT(tv_json_parse_time(NULL, 0, &ms), TV_ERR_INVALID_ARG);
    TV_CHECK_INT(tv_json_parse_time("1970-01-01T00:00Z", 17, NULL), TV_ERR_INVALID_ARG);
    /* Length bounds the read: a valid text cut short is refused. */
    TV_CHECK_INT(tv_json_parse_time("1970-01-01T00:00:00.000Z", 23, &ms),
                 TV_ERR_JSON_BAD_TIMESTAMP);
}

static void test_format(void)
{
    static const struct {
        int64_t ms;
        const char *text;
    } cases[] = {
        {0, "1970-01-01T00:00:00.000Z"},
        {-1, "1969-12-31T23:59:59.999Z"},
        {INT64_C(951827696789), "2000-02-29T12:34:56.789Z"},
        {INT64_C(2147483648500), "2038-01-19T03:14:08.500Z"},
        {INT64_C(4107542399999), "2100-02-28T23:59:59.999Z"},
        {INT64_C(-62135596800000) - INT64_C(366) * 86400000, "0000-01-01T00:00:00.000Z"},
        {INT64_C(253402300799999), "9999-12-31T23:59:59.999Z"},
    };
    char out[TV_JSON_TIME_BUF];
    for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
        TV_CHECK_INT(tv_json_format_time(cases[i].ms, out, sizeof out), 24);
        TV_CHECK_STR(out, cases[i].text);
    }
    TV_CHECK_INT(tv_json_format_time(INT64_C(253402300800000), out, sizeof out),
                 TV_ERR_INVALID_ARG);
    TV_CHECK_INT(tv_json_format_time(INT64_C(-62167219200001), out, sizeof out),
                 TV_ERR_INVALID_ARG);
    TV_CHECK_INT(tv_json_format_time(INT64_MIN, out, sizeof out), TV_ERR_INVALID_ARG);
    TV_CHECK_INT(tv_json_format_time(0, out, sizeof out - 1), TV_ERR_BUFFER_TOO_SMALL);
    TV_CHECK_INT(tv_json_format_time(0, NULL, 64), TV_ERR_INVALID_ARG);
}

/* format then parse gives the same instant over the whole range. */
static void test_round_trip(void)
{
    uint64_t x = 88172645463325252u;
    const int64_t lo = INT64_C(-62167219200000), span = INT64_C(253402300800000) - lo;
    int bad = 0;
    for (int i = 0; i < 200000; i++) {
        int64_t ms = lo + (int64_t)(json_test_rnd(&x) % (uint64_t)span), back = 0;
        char out[TV_JSON_TIME_BUF];
        if (tv_json_format_time(ms, out, sizeof out) != 24 || parse(out, &back) != TV_OK ||
            back != ms) {
            bad++;
        }
    }
    TV_CHECK_INT(bad, 0);
}

int main(void)
{
    TV_RUN(test_known_instants);
    TV_RUN(test_rejections);
    TV_RUN(test_format);
    TV_RUN(test_round_trip);
    return tv_test_summary();
}
