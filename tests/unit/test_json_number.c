/* JSON numbers: exact integers, doubles read without strtod (checked against
 * the C compiler's own literals and, for random and hard inputs, against the C
 * library's correctly rounded strtod, which the test may use), and the shortest
 * round-tripping text of doubles. */
#include "tv_test.h"

#include <float.h>
#include <stdlib.h>

#include "tradovate/tv_json.h"

#include "../json/json_test_rng.h" /* tests/json holds the JSON tests' shared helpers */

/* On the emulated Cortex-M4 (tests/target) the C library is newlib, whose
 * strtod and printf are not correctly rounded: they cannot serve as the
 * reference there, and the emulator is slower. The exact tables below
 * (compiler literals) and the round trips through our own parser still run. */
#if defined(TV_TARGET_DIR_INDEX)
#define TV_LIBC_EXACT 0
#define TV_ROUNDS(n) ((n) / 20)
#else
#define TV_LIBC_EXACT 1
#define TV_ROUNDS(n) (n)
#endif

static uint64_t rng_state = 0x9E3779B97F4A7C15u;

static uint64_t rnd(void)
{
    return json_test_rnd(&rng_state);
}

static int parse_dbl(const char *s, double *out)
{
    return tv_json_parse_double(s, strlen(s), out);
}

static uint64_t bits_of(double v)
{
    uint64_t b;
    memcpy(&b, &v, sizeof b);
    return b;
}

/* Distance in units in the last place between two finite doubles of one sign. */
static uint64_t ulps(double a, double b)
{
    uint64_t x = bits_of(a), y = bits_of(b);
    return x > y ? x - y : y - x;
}

#define LIT(x)                                                                                     \
    {                                                                                              \
#x, x                                                                                      \
    }

/* The compiler reads each literal correctly rounded; so must we. */
static void test_prices_exact(void)
{
    static const struct {
        const char *text;
        double want;
    } cases[] = {
        LIT(4150.25),
        LIT(4150.5),
        LIT(4150.75),
        LIT(4151),
        LIT(0.25),
        LIT(0.1),
        LIT(0.2),
        LIT(0.3),
        LIT(1.1),
        LIT(2.2),
        LIT(99.99),
        LIT(12345.6789),
        LIT(0.0001),
        LIT(0.00001),
        LIT(1e-9),
        LIT(3.14159),
        LIT(15000.75),
        LIT(2.5e-5),
        LIT(0.01),
        LIT(0.05),
        LIT(100.001),
        LIT(6.25),
        LIT(1.0000000000000002),
        LIT(123456.789012),
        LIT(0.000001),
        LIT(1e22),
        LIT(1e23),
        LIT(9007199254740993e0),
        LIT(9007199254740992e0),
        LIT(9007199254740994e0),
        LIT(9007199254740995e0),
        LIT(-4150.25),
        LIT(-0.1),
        LIT(1.7976931348623157e308),
        LIT(2.2250738585072014e-308),
        LIT(2.2250738585072011e-308),
        LIT(2.2250738585072012e-308),
        LIT(4.9406564584124654e-324),
        LIT(2.4703282292062328e-324),
        {"2.4703282292062327e-324", 0.0},
        LIT(8.98846567431158e307),
        LIT(1.7976931348623158e308),
        LIT(123456789012345678901234567890e0),
        LIT(0.1e1),
        LIT(1E2),
        LIT(1e+2),
        LIT(7.0e-10),
        LIT(1.2345678901234567e-300),
        LIT(5e-324),
        LIT(1e-320),
        LIT(3.0517578125e-05),
        LIT(1152921504606846976e0),
        LIT(4503599627370496.5),
        LIT(4503599627370497.5),
        LIT(45035996273704965e-1),
        LIT(9007199254740993000000000000000000000000000000000000000001e-42),
        LIT(0.30000000000000004),
        LIT(1e300),
        LIT(1.5e-7),
        LIT(21.0e20),
        LIT(0),
        LIT(0.0),
        {"1e-400", 0.0},
        LIT(99999999999999999999999999e0),
    };
    for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
        double v = 42;
        int r = parse_dbl(cases[i].text, &v);
        TV_CHECK_INT(r, TV_OK);
        if (bits_of(v) != bits_of(cases[i].want)) {
            tv_test_fail(__FILE__, __LINE__, "%s -> %.17g, expected %.17g", cases[i].text, v,
                         cases[i].want);
        }
        tv_test_checks++;
    }
    double v;
    TV_CHECK_INT(parse_dbl("-0", &v), TV_OK);
    TV_CHECK(bits_of(v) == bits_of(-0.0));
    TV_CHECK_INT(parse_dbl("-0.0e5", &v), TV_OK);
    TV_CHECK(bits_of(v) == bits_of(-0.0));
}

static void test_double_errors(void)
{
    static const char *bad[] = {"",    "-",  "+1", ".5",  "1.",  "1e",    "1e+", "01",   "1x",
                                "0x1", "1 ", " 1", "NaN", "inf", "1.5.2", "--1", "1e5e5"};
    double v;
    for (size_t i = 0; i < sizeof bad / sizeof bad[0]; i++) {
        TV_CHECK_INT(parse_dbl(bad[i], &v), TV_ERR_JSON_BAD_NUMBER);
    }
    TV_CHECK_INT(parse_dbl("1.7976931348623159e308", &v), TV_ERR_JSON_RANGE);
    TV_CHECK_INT(parse_dbl("1e309", &v), TV_ERR_JSON_RANGE);
    TV_CHECK_INT(parse_dbl("-1e99999999999999999999", &v), TV_ERR_JSON_RANGE);
    TV_CHECK_INT(parse_dbl("1e-99999999999999999999", &v), TV_OK);
    TV_CHECK_DBL(v, 0.0);
    TV_CHECK_INT(tv_json_parse_double(NULL, 0, &v), TV_ERR_INVALID_ARG);
    TV_CHECK_INT(tv_json_parse_double("1", 1, NULL), TV_ERR_INVALID_ARG);
}

/* Random decimals of 1..19 significant digits over the whole exponent range must
 * match strtod exactly; longer ones must be within one unit in the last place. */
static void test_random_against_strtod(void)
{
    int inexact = 0, far = 0, total = 0, long_inexact = 0;
    if (!TV_LIBC_EXACT) {
        fprintf(stderr, "random decimals: skipped (this C library's strtod is not exact)\n");
        return;
    }
    for (int i = 0; i < 400000; i++) {
        char text[80];
        int digits = 1 + (int)(rnd() % (i % 5 == 0 ? 40 : 19));
        int n = 0;
        for (int k = 0; k < digits; k++) {
            text[n++] = (char)('0' + (k == 0 ? 1 + rnd() % 9 : rnd() % 10));
        }
        int exp10 = (int)(rnd() % 700) - 360;
        n += snprintf(text + n, sizeof text - (size_t)n, "e%d", exp10);
        double want = strtod(text, NULL), got;
        int r = parse_dbl(text, &got);
        total++;
        if (want > DBL_MAX) {
            if (r != TV_ERR_JSON_RANGE) {
                tv_test_fail(__FILE__, __LINE__, "%s: %s, expected RANGE", text, tv_err_name(r));
            }
            continue;
        }
        if (r != TV_OK || ulps(got, want) > 1) {
            far++;
            tv_test_fail(__FILE__, __LINE__, "%s -> %.17g (%s), expected %.17g", text, got,
                         tv_err_name(r), want);
        } else if (got != want) {
            if (digits <= 19) {
                inexact++;
                tv_test_fail(__FILE__, __LINE__, "%s -> %.17g, expected %.17g", text, got, want);
            } else {
                long_inexact++;
            }
        }
    }
    tv_test_checks += total;
    TV_CHECK_INT(far, 0);
    TV_CHECK_INT(inexact, 0);
    fprintf(stderr, "random decimals: %d read, %d of those with >19 digits off by one ulp\n", total,
            long_inexact);
}

/* x * 2^s, exactly (no libm in the test link). */
static double scale2(uint64_t x, int s)
{
    double p = s >= 0 ? (double)(UINT64_C(1) << s) : 1.0 / (double)(UINT64_C(1) << -s);
    return (double)x * p;
}

/* Exact halfway points between adjacent doubles (ties: to even), one unit of
 * the last digit either side, and a tie followed by digits past the 19th that
 * make it "a little more" (must round up). */
static void test_halfway_points(void)
{
    int bad = 0;
    for (int i = 0; i < TV_ROUNDS(50000); i++) {
        uint64_t m = (UINT64_C(1) << 52) + rnd() % (UINT64_C(1) << 52); /* 53 bits */
        int s = (int)(rnd() % 12) - 2; /* ulp = 2^s; the tie keeps <= 19 digits */
        uint64_t mid = 2 * m + 1;      /* tie = mid * 2^(s-1) */
        int exp10 = 0;
        if (s >= 1) {
            mid <<= s - 1;
        } else {
            for (int k = s; k < 1; k++) {
                mid *= 5;
            }
            exp10 = s - 1;
        }
        double even = scale2(m + (m & 1), s), down = scale2(m, s), up = scale2(m + 1, s);
        static const char *suffix[] = {"", "", "", "00000000000000000000001"};
        double want[4] = {even, up, down, up};
        uint64_t mant[4] = {mid, mid + 1, mid - 1, mid};
        for (int k = 0; k < 4; k++) {
            char text[80];
            double got;
            snprintf(text, sizeof text, "%" PRIu64 "%s%se%d", mant[k], k == 3 ? "." : "", suffix[k],
                     exp10);
            if (parse_dbl(text, &got) != TV_OK || bits_of(got) != bits_of(want[k]) ||
                (TV_LIBC_EXACT && bits_of(strtod(text, NULL)) != bits_of(want[k]))) {
                if (bad++ < 10) {
                    tv_test_fail(__FILE__, __LINE__, "%s -> %.17g, expected %.17g", text, got,
                                 want[k]);
                }
            }
        }
    }
    tv_test_checks += TV_ROUNDS(200000);
    TV_CHECK_INT(bad, 0);
}

static void test_int64(void)
{
    static const struct {
        const char *text;
        int r;
        int64_t v;
    } cases[] = {
        {"0", TV_OK, 0},
        {"-0", TV_OK, 0},
        {"7", TV_OK, 7},
        {"-42", TV_OK, -42},
        {"9223372036854775807", TV_OK, INT64_MAX},
        {"9223372036854775806", TV_OK, INT64_MAX - 1},
        {"9223372036854775808", TV_ERR_JSON_RANGE, 0},
        {"-9223372036854775808", TV_OK, INT64_MIN},
        {"-9223372036854775807", TV_OK, INT64_MIN + 1},
        {"-9223372036854775809", TV_ERR_JSON_RANGE, 0},
        {"18446744073709551616", TV_ERR_JSON_RANGE, 0},
        {"99999999999999999999999999999", TV_ERR_JSON_RANGE, 0},
        {"1.0", TV_ERR_JSON_TYPE, 0},
        {"1e3", TV_ERR_JSON_TYPE, 0},
        {"-2E-1", TV_ERR_JSON_TYPE, 0},
        {"1.5", TV_ERR_JSON_TYPE, 0},
        {"01", TV_ERR_JSON_BAD_NUMBER, 0},
        {"-", TV_ERR_JSON_BAD_NUMBER, 0},
        {"", TV_ERR_JSON_BAD_NUMBER, 0},
        {"+1", TV_ERR_JSON_BAD_NUMBER, 0},
        {"1.", TV_ERR_JSON_BAD_NUMBER, 0},
        {"12a", TV_ERR_JSON_BAD_NUMBER, 0},
        {" 1", TV_ERR_JSON_BAD_NUMBER, 0},
    };
    for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
        int64_t v = 99;
        int r = tv_json_parse_i64(cases[i].text, strlen(cases[i].text), &v);
        TV_CHECK_INT(r, cases[i].r);
        TV_CHECK_INT(v, r == TV_OK ? cases[i].v : 99);
    }
    /* int32 limits through a document */
    char text[] = "[2147483647,-2147483648,2147483648,-2147483649]";
    tv_json_tok toks[8];
    tv_json_doc doc;
    int32_t v;
    TV_CHECK_INT(tv_json_parse(&doc, text, strlen(text), toks, 8), 5);
    TV_CHECK_INT(tv_json_get_i32(&doc, 1, &v), TV_OK);
    TV_CHECK_INT(v, INT32_MAX);
    TV_CHECK_INT(tv_json_get_i32(&doc, 2, &v), TV_OK);
    TV_CHECK_INT(v, INT32_MIN);
    TV_CHECK_INT(tv_json_get_i32(&doc, 3, &v), TV_ERR_JSON_RANGE);
    TV_CHECK_INT(tv_json_get_i32(&doc, 4, &v), TV_ERR_JSON_RANGE);
}

static void test_format_examples(void)
{
    static const struct {
        double v;
        const char *text;
    } cases[] = {
        {4150.25, "4150.25"},
        {-4150.25, "-4150.25"},
        {0.1, "0.1"},
        {0.1 + 0.2, "0.30000000000000004"},
        {0.5, "0.5"},
        {100, "100"},
        {1, "1"},
        {0.0, "0"},
        {-0.0, "-0"},
        {1e20, "100000000000000000000"},
        {123456789012345680000.0, "123456789012345680000"},
        {1e21, "1e+21"},
        {1.5e21, "1.5e+21"},
        {1e100, "1e+100"},
        {0.000001, "0.000001"},
        {0.0000012345, "0.0000012345"},
        {1e-7, "1e-7"},
        {1.5e-7, "1.5e-7"},
        {5e-324, "5e-324"},
        {2.2250738585072014e-308, "2.2250738585072014e-308"},
        {DBL_MAX, "1.7976931348623157e+308"},
        {9007199254740992.0, "9007199254740992"},
        {0.25, "0.25"},
        {1e23, "1e+23"},
        {12345.6789, "12345.6789"},
        {1.0 / 3.0, "0.3333333333333333"},
        {2.0 / 3.0, "0.6666666666666666"},
    };
    char out[TV_JSON_DOUBLE_BUF];
    for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
        int n = tv_json_format_double(cases[i].v, out, sizeof out);
        TV_CHECK_INT(n, (int)strlen(cases[i].text));
        TV_CHECK_STR(out, cases[i].text);
    }
    TV_CHECK_INT(tv_json_format_double(strtod("nan", NULL), out, sizeof out), TV_ERR_INVALID_ARG);
    TV_CHECK_INT(tv_json_format_double(strtod("inf", NULL), out, sizeof out), TV_ERR_INVALID_ARG);
    TV_CHECK_INT(tv_json_format_double(-strtod("inf", NULL), out, sizeof out), TV_ERR_INVALID_ARG);
    TV_CHECK_INT(tv_json_format_double(4150.25, out, 7), TV_ERR_BUFFER_TOO_SMALL);
    TV_CHECK_INT(tv_json_format_double(4150.25, out, 8), 7);
    TV_CHECK_INT(tv_json_format_double(1.0, NULL, 8), TV_ERR_INVALID_ARG);
}

/* The significant digits of a number's text, without leading/trailing zeros. */
static void sig_digits(const char *s, char *out)
{
    size_t n = 0;
    for (; *s != '\0' && *s != 'e' && *s != 'E'; s++) {
        if (*s >= '0' && *s <= '9' && (n > 0 || *s != '0')) {
            out[n++] = *s;
        }
    }
    while (n > 0 && out[n - 1] == '0') {
        n--;
    }
    out[n] = '\0';
}

/* Every double nearest to a decimal of at most 15 significant digits is written
 * as exactly that decimal, and reads back to itself. */
static void test_format_up_to_15_digits(void)
{
    int bad = 0;
    for (int i = 0; i < TV_ROUNDS(300000); i++) {
        char in[48], out[TV_JSON_DOUBLE_BUF], want[24], got[24];
        int digits = 1 + (int)(rnd() % 15);
        uint64_t m = 1 + rnd() % 9;
        for (int k = 1; k < digits; k++) {
            m = m * 10 + rnd() % 10;
        }
        int exp10 = i % 4 == 0 ? (int)(rnd() % 600) - 300 : (int)(rnd() % 30) - 20;
        snprintf(in, sizeof in, "%s%" PRIu64 "e%d", rnd() & 1 ? "-" : "", m, exp10);
        double v, back;
        if (parse_dbl(in, &v) != TV_OK) { /* exact for <= 15 digits (test_random_against_strtod) */
            continue;
        }
        if (v == 0 || v > DBL_MAX || v < -DBL_MAX || (v > -DBL_MIN && v < DBL_MIN)) {
            continue; /* subnormals hold fewer than 15 digits */
        }
        int n = tv_json_format_double(v, out, sizeof out);
        sig_digits(in, want);
        sig_digits(out, got);
        if (n <= 0 || strcmp(want, got) != 0 || parse_dbl(out, &back) != TV_OK ||
            bits_of(back) != bits_of(v)) {
            if (bad++ < 10) {
                tv_test_fail(__FILE__, __LINE__, "%s written as %s", in, out);
            }
        }
    }
    TV_CHECK_INT(bad, 0);
}

/* Doubles that are short binary fractions (m / 2^j: prices like 5000.25) are
 * written as their exact decimal value whenever it has at most 15 digits,
 * which the formatter finds without a search: checked against the decimal
 * computed here in integers. */
static void test_format_exact_binary_fractions(void)
{
    int bad = 0, checked = 0;
    for (int i = 0; i < TV_ROUNDS(200000); i++) {
        uint64_t m = 1 + rnd() % (i % 2 ? 1000000u : (UINT64_C(1) << 30));
        int j = (int)(rnd() % 16);
        uint64_t digits = m, scale = 1;
        for (int k = 0; k < j; k++) {
            digits *= 5;
            scale *= 10;
        }
        if (digits > UINT64_C(999999999999999)) {
            continue;
        }
        bool neg = (rnd() & 1) != 0;
        double v = (double)m;
        for (int k = 0; k < j; k++) {
            v /= 2; /* exact: m < 2^31 */
        }
        char want[48], out[TV_JSON_DOUBLE_BUF];
        int w = snprintf(want, sizeof want, "%s%" PRIu64, neg ? "-" : "", digits / scale);
        if (digits % scale != 0) {
            w += snprintf(want + w, sizeof want - (size_t)w, ".%0*" PRIu64, j, digits % scale);
            while (want[w - 1] == '0') {
                want[--w] = '\0';
            }
        }
        int n = tv_json_format_double(neg ? -v : v, out, sizeof out);
        checked++;
        if (n != w || strcmp(out, want) != 0) {
            if (bad++ < 10) {
                tv_test_fail(__FILE__, __LINE__, "%s written as %s", want, out);
            }
        }
    }
    TV_CHECK(checked > TV_ROUNDS(200000) / 2);
    TV_CHECK_INT(bad, 0);
}

/* Any double: the text reads back exactly (by strtod too) and has the fewest
 * significant digits any round-tripping text can have (found with printf). */
static void test_format_shortest_any_double(void)
{
    int bad = 0;
    if (!TV_LIBC_EXACT) {
        return; /* the shortest form is found with printf, inexact here */
    }
    for (int i = 0; i < 200000; i++) {
        uint64_t b = rnd();
        double v;
        memcpy(&v, &b, sizeof v);
        if (v != v || v > DBL_MAX || v < -DBL_MAX) {
            continue;
        }
        char out[TV_JSON_DOUBLE_BUF], ref[40], got[24];
        int n = tv_json_format_double(v, out, sizeof out);
        double back = strtod(out, NULL), mine;
        int p = 1;
        for (; p < 17; p++) {
            snprintf(ref, sizeof ref, "%.*e", p - 1, v);
            if (strtod(ref, NULL) == v) {
                break;
            }
        }
        sig_digits(out, got);
        if (n <= 0 || bits_of(back) != bits_of(v) || parse_dbl(out, &mine) != TV_OK ||
            bits_of(mine) != bits_of(v) || (int)strlen(got) > p) {
            if (bad++ < 10) {
                tv_test_fail(__FILE__, __LINE__, "%.17g written as %s (shortest has %d digits)", v,
                             out, p);
            }
        }
    }
    TV_CHECK_INT(bad, 0);
}

int main(void)
{
    TV_RUN(test_prices_exact);
    TV_RUN(test_double_errors);
    TV_RUN(test_random_against_strtod);
    TV_RUN(test_halfway_points);
    TV_RUN(test_int64);
    TV_RUN(test_format_examples);
    TV_RUN(test_format_up_to_15_digits);
    TV_RUN(test_format_exact_binary_fractions);
    TV_RUN(test_format_shortest_any_double);
    return tv_test_summary();
}
