/* JSON numbers: exact integers, decimal -> double without strtod, and the
 * shortest round-tripping text of a double without printf.
 *
 * Doubles are built from a decimal mantissa of up to 19 digits (a uint64_t)
 * and a power of ten. Clinger's fast path needs only one exact IEEE operation.
 * Everything else goes through a 128-bit "extended float": exact when the
 * value is a 128-bit integer times a power of two, otherwise the mantissa
 * times 10^q assembled from nine 128-bit powers 10^(2^i), with a relative
 * error below 2^-120, then rounded half-to-even into the 53-bit format
 * (subnormals included). The tables cost 288 bytes of flash. */
#include "tv_json_priv.h"

#include <float.h>
#include <string.h>

#define TV_U64(x) UINT64_C(x)

/* (hi * 2^64 + lo) * 2^e; normalized: hi's top bit set. */
typedef struct {
    uint64_t hi, lo;
    int32_t e;
} tv_xf;

/* 10^(2^i) and 10^-(2^i), i = 0..8, rounded to nearest in 128 bits (the first
 * six positive ones are exact). Generated with exact rational arithmetic. */
static const tv_xf tv_pow10_pos[9] = {
    {TV_U64(0xa000000000000000), TV_U64(0x0000000000000000), -124},
    {TV_U64(0xc800000000000000), TV_U64(0x0000000000000000), -121},
    {TV_U64(0x9c40000000000000), TV_U64(0x0000000000000000), -114},
    {TV_U64(0xbebc200000000000), TV_U64(0x0000000000000000), -101},
    {TV_U64(0x8e1bc9bf04000000), TV_U64(0x0000000000000000), -74},
    {TV_U64(0x9dc5ada82b70b59d), TV_U64(0xf020000000000000), -21},
    {TV_U64(0xc2781f49ffcfa6d5), TV_U64(0x3cbf6b71c76b25fb), 85},
    {TV_U64(0x93ba47c980e98cdf), TV_U64(0xc66f336c36b10137), 298},
    {TV_U64(0xaa7eebfb9df9de8d), TV_U64(0xddbb901b98feeab8), 723},
};
static const tv_xf tv_pow10_neg[9] = {
    {TV_U64(0xcccccccccccccccc), TV_U64(0xcccccccccccccccd), -131},
    {TV_U64(0xa3d70a3d70a3d70a), TV_U64(0x3d70a3d70a3d70a4), -134},
    {TV_U64(0xd1b71758e219652b), TV_U64(0xd3c36113404ea4a9), -141},
    {TV_U64(0xabcc77118461cefc), TV_U64(0xfdc20d2b36ba7c3d), -154},
    {TV_U64(0xe69594bec44de15b), TV_U64(0x4c2ebe687989a9b4), -181},
    {TV_U64(0xcfb11ead453994ba), TV_U64(0x67de18eda5814af2), -234},
    {TV_U64(0xa87fea27a539e9a5), TV_U64(0x3f2398d747b36224), -340},
    {TV_U64(0xddd0467c64bce4a0), TV_U64(0xac7cb3f6d05ddbdf), -553},
    {TV_U64(0xc0314325637a1939), TV_U64(0xfa911155fefb5309), -978},
};

/* Exact in a double: Clinger's fast path multiplies or divides by these. */
static const double tv_pow10_dbl[23] = {1e0,  1e1,  1e2,  1e3,  1e4,  1e5,  1e6,  1e7,
                                        1e8,  1e9,  1e10, 1e11, 1e12, 1e13, 1e14, 1e15,
                                        1e16, 1e17, 1e18, 1e19, 1e20, 1e21, 1e22};

static const uint64_t tv_pow10_u64[20] = {TV_U64(1),
                                          TV_U64(10),
                                          TV_U64(100),
                                          TV_U64(1000),
                                          TV_U64(10000),
                                          TV_U64(100000),
                                          TV_U64(1000000),
                                          TV_U64(10000000),
                                          TV_U64(100000000),
                                          TV_U64(1000000000),
                                          TV_U64(10000000000),
                                          TV_U64(100000000000),
                                          TV_U64(1000000000000),
                                          TV_U64(10000000000000),
                                          TV_U64(100000000000000),
                                          TV_U64(1000000000000000),
                                          TV_U64(10000000000000000),
                                          TV_U64(100000000000000000),
                                          TV_U64(1000000000000000000),
                                          TV_U64(10000000000000000000)};

#define TV_MAX_MANT_DIGITS 19
#define TV_EXP10_CLAMP     100000

/* ------------------------------------------------------------------------ */
/* 128-bit arithmetic from 32-bit halves (no __int128 on Cortex-M)           */
/* ------------------------------------------------------------------------ */

static uint64_t tv_mul64(uint64_t a, uint64_t b, uint64_t *lo)
{
    uint64_t a0 = (uint32_t)a, a1 = a >> 32, b0 = (uint32_t)b, b1 = b >> 32;
    uint64_t p00 = a0 * b0, p01 = a0 * b1, p10 = a1 * b0, p11 = a1 * b1;
    uint64_t mid = (p00 >> 32) + (uint32_t)p01 + (uint32_t)p10;
    *lo = (mid << 32) | (uint32_t)p00;
    return p11 + (p01 >> 32) + (p10 >> 32) + (mid >> 32);
}

static int tv_clz64(uint64_t x)
{
    int n = 0;
    for (int step = 32; step > 0; step >>= 1) {
        if ((x >> (64 - step)) == 0) {
            x <<= step;
            n += step;
        }
    }
    return n;
}

/* Normalizes the 128-bit integer (hi, lo) times 2^e; (hi, lo) != 0. */
static tv_xf tv_xf_make(uint64_t hi, uint64_t lo, int32_t e)
{
    tv_xf r;
    if (hi == 0) {
        hi = lo;
        lo = 0;
        e -= 64;
    }
    int s = tv_clz64(hi);
    r.hi = s ? (hi << s) | (lo >> (64 - s)) : hi;
    r.lo = lo << s;
    r.e = e - s;
    return r;
}

/* The top 128 bits of the 256-bit product, truncated (relative error < 2^-126). */
static tv_xf tv_xf_mul(tv_xf a, tv_xf b)
{
    uint64_t hh_lo, hl_lo, lh_lo, ll_lo;
    uint64_t hh_hi = tv_mul64(a.hi, b.hi, &hh_lo);
    uint64_t hl_hi = tv_mul64(a.hi, b.lo, &hl_lo);
    uint64_t lh_hi = tv_mul64(a.lo, b.hi, &lh_lo);
    uint64_t ll_hi = tv_mul64(a.lo, b.lo, &ll_lo);
    (void)ll_lo;
    uint64_t mid = ll_hi + hl_lo;
    uint64_t carry = mid < hl_lo;
    mid += lh_lo;
    carry += mid < lh_lo;
    uint64_t lo = hh_lo + hl_hi;
    uint64_t hi = hh_hi + (lo < hl_hi);
    lo += lh_hi;
    hi += lo < lh_hi;
    lo += carry;
    hi += lo < carry;
    tv_xf r = {hi, lo, a.e + b.e + 128};
    if ((hi >> 63) == 0) { /* the product of two normalized values lost one bit */
        r.hi = (hi << 1) | (lo >> 63);
        r.lo = (lo << 1) | (mid >> 63);
        r.e--;
    }
    return r;
}

/* 10^q for 0 < |q| < 512. */
static tv_xf tv_xf_pow10(int32_t q)
{
    const tv_xf *table = q > 0 ? tv_pow10_pos : tv_pow10_neg;
    uint32_t n = (uint32_t)(q > 0 ? q : -q);
    tv_xf r = {0, 0, 0};
    int have = 0;
    for (unsigned i = 0; i < 9; i++) {
        if ((n >> i) & 1u) {
            r = have ? tv_xf_mul(r, table[i]) : table[i];
            have = 1;
        }
    }
    return r;
}

/* Rounds x half-to-even to the bits of a positive double. `above` says the
 * exact value is a little more than x (digits were dropped), which turns an
 * apparent tie into a round-up. */
static int tv_xf_to_bits(tv_xf x, int above, uint64_t *bits)
{
    int32_t e2 = x.e + 127; /* x is in [2^e2, 2^(e2+1)) */
    if (e2 > 1023) {
        return TV_ERR_JSON_RANGE;
    }
    int32_t keep = e2 >= -1022 ? 53 : e2 + 1075; /* subnormals keep fewer bits */
    if (keep < 0) {
        *bits = 0;
        return TV_OK;
    }
    uint64_t mant, rest, half;
    if (keep == 0) {
        mant = 0;
        rest = x.hi;
        half = TV_U64(1) << 63;
    } else {
        mant = x.hi >> (64 - keep);
        rest = x.hi & ((TV_U64(1) << (64 - keep)) - 1);
        half = TV_U64(1) << (63 - keep);
    }
    if (rest > half || (rest == half && (x.lo != 0 || above || (mant & 1)))) {
        mant++;
    }
    if (keep < 53) {
        *bits = mant; /* a carry into bit 52 yields the smallest normal: still right */
        return TV_OK;
    }
    if (mant >> 53) {
        mant >>= 1;
        if (++e2 > 1023) {
            return TV_ERR_JSON_RANGE;
        }
    }
    *bits = ((uint64_t)(e2 + 1023) << 52) | (mant & ((TV_U64(1) << 52) - 1));
    return TV_OK;
}

/* ------------------------------------------------------------------------ */
/* Decimal -> double                                                         */
/* ------------------------------------------------------------------------ */

/* Clinger: one exactly representable operand times or over an exact power of
 * ten is correctly rounded by IEEE arithmetic, as long as the compiler
 * evaluates doubles as doubles (no x87 double rounding). */
static int tv_fast_path(uint64_t w, int32_t q, double *out)
{
#if defined(FLT_EVAL_METHOD) && FLT_EVAL_METHOD == 0
    const uint64_t max = TV_U64(1) << 53;
    if (w > max || q < -22 || q > 22 + 15) {
        return 0;
    }
    if (q > 22) { /* the mantissa may absorb the excess exactly */
        for (int32_t i = 22; i < q; i++) {
            w *= 10;
            if (w > max) {
                return 0;
            }
        }
        q = 22;
    }
    double v = (double)w;
    *out = q < 0 ? v / tv_pow10_dbl[-q] : v * tv_pow10_dbl[q];
    return 1;
#else
    (void)w;
    (void)q;
    (void)out;
    return 0;
#endif
}

/* w * 10^q (a little more if `above`) as the bits of a positive double; w != 0. */
static int tv_slow_path(uint64_t w, int32_t q, int above, uint64_t *bits)
{
    if (q > 310) { /* w >= 1, so at least 1e311 */
        return TV_ERR_JSON_RANGE;
    }
    if (q < -342) { /* w < 1e19, so below 1e-324: under half the smallest subnormal */
        *bits = 0;
        return TV_OK;
    }
    uint64_t pow5 = 1;
    if (q >= -27 && q <= 27) { /* 5^27 < 2^63 */
        for (int32_t i = 0; i < (q < 0 ? -q : q); i++) {
            pow5 *= 5;
        }
    }
    tv_xf x;
    if (q >= 0 && q <= 27) { /* w * 5^q * 2^q fits 128 bits: exact */
        uint64_t lo, hi = tv_mul64(w, pow5, &lo);
        x = tv_xf_make(hi, lo, q);
    } else if (q < 0 && q >= -27 && w % pow5 == 0) { /* (w / 5^-q) * 2^q: exact */
        x = tv_xf_make(0, w / pow5, q);
    } else {
        x = tv_xf_mul(tv_xf_make(w, 0, -64), tv_xf_pow10(q));
    }
    return tv_xf_to_bits(x, above, bits);
}

int tv_json_dec_to_double(const tv_json_dec *d, double *out)
{
    double v = 0.0;
    int r = TV_OK;
    if (d->mant != 0 && (d->truncated || !tv_fast_path(d->mant, d->exp10, &v))) {
        uint64_t bits = 0;
        r = tv_slow_path(d->mant, d->exp10, d->truncated, &bits);
        memcpy(&v, &bits, sizeof v);
    }
    *out = d->neg ? -v : v;
    return r;
}

int tv_json_dec_read(const char *s, size_t len, tv_json_dec *d, size_t *end)
{
    size_t i = 0, first;
    int64_t ex = 0;
    unsigned digits = 0; /* significant digits kept in mant */
    memset(d, 0, sizeof *d);
    d->integer = 1;
    if (i < len && s[i] == '-') {
        d->neg = 1;
        i++;
    }
    if (i >= len || s[i] < '0' || s[i] > '9') {
        return TV_ERR_JSON_BAD_NUMBER;
    }
    if (s[i] == '0') {
        i++; /* a leading zero is the whole integer part */
    } else {
        for (; i < len && s[i] >= '0' && s[i] <= '9'; i++) {
            if (digits < TV_MAX_MANT_DIGITS) {
                d->mant = d->mant * 10 + (uint64_t)(s[i] - '0');
                digits++;
            } else {
                ex++;
                d->truncated |= s[i] != '0';
            }
        }
    }
    if (i < len && s[i] == '.') {
        d->integer = 0;
        first = ++i;
        for (; i < len && s[i] >= '0' && s[i] <= '9'; i++) {
            if (digits < TV_MAX_MANT_DIGITS) {
                d->mant = d->mant * 10 + (uint64_t)(s[i] - '0');
                digits += d->mant != 0; /* leading zeros of 0.00x are not significant */
                ex--;
            } else {
                d->truncated |= s[i] != '0';
            }
        }
        if (i == first) {
            return TV_ERR_JSON_BAD_NUMBER;
        }
    }
    if (i < len && (s[i] == 'e' || s[i] == 'E')) {
        int neg = 0;
        int64_t e = 0;
        d->integer = 0;
        if (++i < len && (s[i] == '+' || s[i] == '-')) {
            neg = s[i++] == '-';
        }
        for (first = i; i < len && s[i] >= '0' && s[i] <= '9'; i++) {
            if (e < TV_EXP10_CLAMP) {
                e = e * 10 + (s[i] - '0');
            }
        }
        if (i == first) {
            return TV_ERR_JSON_BAD_NUMBER;
        }
        ex += neg ? -e : e;
    }
    if (ex > TV_EXP10_CLAMP) {
        ex = TV_EXP10_CLAMP;
    } else if (ex < -TV_EXP10_CLAMP) {
        ex = -TV_EXP10_CLAMP;
    }
    d->exp10 = (int32_t)ex;
    *end = i;
    return TV_OK;
}

/* The whole of s must be one number. */
static int tv_dec_read_all(const char *s, size_t len, tv_json_dec *d)
{
    size_t end;
    int r = tv_json_dec_read(s, len, d, &end);
    return r == TV_OK && end != len ? TV_ERR_JSON_BAD_NUMBER : r;
}

int tv_json_parse_double(const char *s, size_t len, double *out)
{
    tv_json_dec d;
    if (s == NULL || out == NULL) {
        return TV_ERR_INVALID_ARG;
    }
    int r = tv_dec_read_all(s, len, &d);
    return r == TV_OK ? tv_json_dec_to_double(&d, out) : r;
}

int tv_json_parse_i64(const char *s, size_t len, int64_t *out)
{
    /* 2^63 = 922337203685477580 * 10 + 8 */
    const uint64_t cut = TV_U64(922337203685477580);
    uint64_t v = 0;
    int over = 0;
    size_t i = 0, first;
    if (s == NULL || out == NULL) {
        return TV_ERR_INVALID_ARG;
    }
    int neg = len > 0 && s[0] == '-';
    /* 18 digits cannot overflow: no checks in the common case (ids) */
    size_t fast = len - (size_t)neg < 18 ? len : (size_t)neg + 18;
    for (i = first = (size_t)neg; i < fast && s[i] >= '0' && s[i] <= '9'; i++) {
        v = v * 10 + (unsigned)(s[i] - '0');
    }
    for (; i < len && s[i] >= '0' && s[i] <= '9'; i++) {
        unsigned dig = (unsigned)(s[i] - '0');
        if (v > cut || (v == cut && dig > 8)) {
            over = 1;
        } else {
            v = v * 10 + dig;
        }
    }
    if (i != len || i == first || (s[first] == '0' && i - first > 1)) {
        tv_json_dec d; /* not a plain integer: say why */
        int r = tv_dec_read_all(s, len, &d);
        return r != TV_OK ? r : TV_ERR_JSON_TYPE;
    }
    if (over || v > (TV_U64(1) << 63) - (neg ? 0 : 1)) {
        return TV_ERR_JSON_RANGE;
    }
    *out = neg ? (v == 0 ? 0 : -(int64_t)(v - 1) - 1) : (int64_t)v;
    return TV_OK;
}

/* ------------------------------------------------------------------------ */
/* Double -> shortest text                                                   */
/* ------------------------------------------------------------------------ */

/* floor(e * log10(2)), exact for |e| <= 1200 (checked exhaustively against a
 * 60-digit log10(2)); so 10^d <= 2^e < 10^(d+1). */
static int32_t tv_floor_log10_pow2(int32_t e)
{
    int32_t t = e * 78913;
    return t >= 0 ? t / 262144 : -((-t + 262143) / 262144);
}

static int tv_reads_back(uint64_t mant, int32_t exp10, uint64_t target)
{
    tv_json_dec d = {mant, exp10, 0, 0, 0};
    double v;
    uint64_t bits;
    if (tv_json_dec_to_double(&d, &v) != TV_OK) {
        return 0;
    }
    memcpy(&bits, &v, sizeof bits);
    return bits == target;
}

static unsigned tv_count_digits(uint64_t v)
{
    unsigned n = 1;
    while (n < 20 && v >= tv_pow10_u64[n]) {
        n++;
    }
    return n;
}

/* Short decimals the double holds exactly (prices: 5000.25 is 20001 / 4).
 * When the double's exact value has at most 15 significant digits, it is the
 * only decimal of 15 digits or fewer that reads back to it (DBL_DIG: any two
 * such decimals round to different doubles), so it is the shortest and no
 * search is needed. m * 2^e is the (normal) double; 0 when it does not apply. */
static int tv_shortest_exact(uint64_t m, int32_t e, uint64_t *digits, int32_t *exp10)
{
    const uint64_t max = TV_U64(999999999999999); /* 15 digits */
    int32_t tz = 0;                               /* trailing zero bits of m (not 0), by halving */
    if (e >= 0) {
        return 0; /* m >= 2^52 > max */
    }
    for (int32_t half = 32; half > 0; half /= 2) {
        if (((m >> tz) & ((TV_U64(1) << half) - 1)) == 0) {
            tz += half;
        }
    }
    int32_t k = -e - tz; /* m * 2^e = (m >> tz) * 2^-k */
    if (k > 15) {
        return 0;
    }
    if (k <= 0) { /* an integer */
        if ((m >> -e) > max) {
            return 0;
        }
        *digits = m >> -e;
        *exp10 = 0;
        return 1;
    }
    uint64_t pow5 = tv_pow10_u64[k] >> k;
    if ((m >> tz) > max / pow5) {
        return 0;
    }
    *digits = (m >> tz) * pow5;
    *exp10 = -k;
    return 1;
}

/* The fewest decimal digits (c * 10^q) that read back to the positive double
 * with these bits. Candidates at each length are the two decimals bracketing
 * the value (computed to 2^-120); if any decimal of that length reads back,
 * one of them does, because the values reading back form an interval around
 * the double. */
static void tv_shortest_search(uint64_t bits, uint64_t m, int32_t bexp, uint64_t *digits,
                               int32_t *exp10)
{
    tv_xf v = tv_xf_make(0, m, bexp ? bexp - 1075 : -1074);
    /* X = v / 10^k in [1e17, 2e18): 18 or 19 digits, so that every length
     * tried below (at most 17) leaves a remainder to round with. */
    int32_t k = tv_floor_log10_pow2(v.e + 127) - 17;
    tv_xf x = k == 0 ? v : tv_xf_mul(v, tv_xf_pow10(-k));
    int32_t shift = -x.e - 64; /* 3 <= shift <= 11 as 2^56 < X < 2^61 */
    uint64_t whole = x.hi >> shift;
    int exact = (x.hi & ((TV_U64(1) << shift) - 1)) == 0 && x.lo == 0;
    unsigned n = tv_count_digits(whole);
    *digits = whole;
    *exp10 = k;
    for (unsigned p = 1; p <= 17 && p <= n; p++) {
        uint64_t unit = tv_pow10_u64[n - p];
        uint64_t c = whole / unit, rem = whole % unit;
        int32_t q = k + (int32_t)(n - p);
        int lo_ok = tv_reads_back(c, q, bits), hi_ok = tv_reads_back(c + 1, q, bits);
        if (!lo_ok && !hi_ok) {
            continue;
        }
        /* Both read back: take the nearer (ties: the even one, here the lower). */
        int up = hi_ok && (!lo_ok || rem > unit - rem || (rem == unit - rem && !exact));
        *digits = up ? c + 1 : c;
        *exp10 = q;
        break;
    }
}

/* The fewest decimal digits (c * 10^q, no trailing zeros in c) that read back
 * to the positive double with these bits. */
static void tv_shortest(uint64_t bits, uint64_t *digits, int32_t *exp10)
{
    uint64_t frac = bits & ((TV_U64(1) << 52) - 1);
    int32_t bexp = (int32_t)(bits >> 52);
    uint64_t m = bexp ? frac | (TV_U64(1) << 52) : frac;
    if (bexp == 0 || !tv_shortest_exact(m, bexp - 1075, digits, exp10)) {
        tv_shortest_search(bits, m, bexp, digits, exp10);
    }
    while (*digits % 10 == 0) {
        *digits /= 10;
        ++*exp10;
    }
}

/* Writes c * 10^q as ECMAScript's Number::toString does; returns the length. */
static size_t tv_layout(uint64_t c, int32_t q, char *out)
{
    char ds[20];
    unsigned nd = tv_count_digits(c);
    ds[0] = '0'; /* c >= 1 here; this only tells the analyzer ds[0] is set */
    for (unsigned i = nd; i-- > 0; c /= 10) {
        ds[i] = (char)('0' + c % 10);
    }
    int32_t pt = (int32_t)nd + q; /* value = 0.ds * 10^pt */
    size_t n = 0;
    if (pt >= (int32_t)nd && pt <= 21) {
        memcpy(out, ds, nd);
        n = nd;
        for (int32_t i = (int32_t)nd; i < pt; i++) {
            out[n++] = '0';
        }
    } else if (pt > 0 && pt <= 21) {
        memcpy(out, ds, (size_t)pt);
        out[pt] = '.';
        memcpy(out + pt + 1, ds + pt, nd - (size_t)pt);
        n = nd + 1;
    } else if (pt > -6 && pt <= 0) {
        out[n++] = '0';
        out[n++] = '.';
        for (int32_t i = pt; i < 0; i++) {
            out[n++] = '0';
        }
        memcpy(out + n, ds, nd);
        n += nd;
    } else {
        int32_t e = pt - 1;
        out[n++] = ds[0];
        if (nd > 1) {
            out[n++] = '.';
            memcpy(out + n, ds + 1, nd - 1);
            n += nd - 1;
        }
        out[n++] = 'e';
        out[n++] = e < 0 ? '-' : '+';
        e = e < 0 ? -e : e;
        if (e >= 100) {
            out[n++] = (char)('0' + e / 100);
        }
        if (e >= 10) {
            out[n++] = (char)('0' + e / 10 % 10);
        }
        out[n++] = (char)('0' + e % 10);
    }
    return n;
}

int tv_json_format_double(double v, char *out, size_t cap)
{
    char tmp[TV_JSON_DOUBLE_BUF];
    uint64_t bits;
    size_t n = 0;
    memcpy(&bits, &v, sizeof bits);
    if (out == NULL || ((bits >> 52) & 0x7ff) == 0x7ff) {
        return TV_ERR_INVALID_ARG;
    }
    if (bits >> 63) {
        tmp[n++] = '-';
        bits &= ~(TV_U64(1) << 63);
    }
    if (bits == 0) {
        tmp[n++] = '0';
    } else {
        uint64_t c;
        int32_t q;
        tv_shortest(bits, &c, &q);
        n += tv_layout(c, q, tmp + n);
    }
    if (cap < n + 1) {
        return TV_ERR_BUFFER_TOO_SMALL;
    }
    memcpy(out, tmp, n);
    out[n] = '\0';
    return (int)n;
}
