/* Word-at-a-time byte tests, shared by the HTTP and JSON scanners; not installed.
 *
 * A machine word of input is tested for "some byte is special" in a few
 * operations instead of a loop over its bytes. The tests are exact for the
 * word as a whole (no special byte is ever missed; the lowest one cannot be
 * masked by a borrow), so a scanner only skips whole words that test clean
 * and examines the rest byte by byte, exactly as before. */
#ifndef TV_BYTES_PRIV_H
#define TV_BYTES_PRIV_H

#include <stddef.h>
#include <stdint.h>
#include <string.h>

typedef uintptr_t tv_word;

#define TV_WORD_ONES  ((tv_word)-1 / 255u)
#define TV_WORD_HIGHS (TV_WORD_ONES * 0x80u)

/* The word at p (any alignment). */
static inline tv_word tv_word_load(const unsigned char *p)
{
    tv_word x;
    memcpy(&x, p, sizeof x);
    return x;
}

/* High bit set in some byte iff some byte of x is below n (n <= 128). */
static inline tv_word tv_word_less(tv_word x, unsigned n)
{
    return (x - TV_WORD_ONES * n) & ~x & TV_WORD_HIGHS;
}

/* High bit set in some byte iff some byte of x equals b. */
static inline tv_word tv_word_has(tv_word x, unsigned char b)
{
    tv_word y = x ^ (TV_WORD_ONES * b);
    return (y - TV_WORD_ONES) & ~y & TV_WORD_HIGHS;
}

/* How many bytes at the start of a word (in memory order) certainly precede
 * the first byte flagged in m, a non-zero result (or OR of results) of the
 * tests above: exactly that byte's index on a little-endian target with
 * GCC/Clang builtins (the lowest flag is never a false one), 0 elsewhere.
 * Callers go on byte by byte from there, so either answer is correct. */
static inline size_t tv_word_skip(tv_word m)
{
#if defined(__GNUC__) && defined(__BYTE_ORDER__) && __BYTE_ORDER__ == __ORDER_LITTLE_ENDIAN__
    return (size_t)__builtin_ctzll((unsigned long long)m) / 8u;
#else
    (void)m;
    return 0;
#endif
}

#endif /* TV_BYTES_PRIV_H */
