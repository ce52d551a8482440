/*
 * What the libFuzzer targets (tests/fuzz/fuzz_*.c) share: failing loudly,
 * judging a status, and delivery rules drawn from a fuzzer byte.
 *
 * A target's input starts with a few control bytes (documented in each
 * target) followed by the bytes under test; make_seeds.c writes the seed
 * corpora in the same layout.
 */
#ifndef TV_FUZZ_HARNESS_H
#define TV_FUZZ_HARNESS_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "replay.h"

/** Prints the message and aborts: libFuzzer reports the input as a crash. */
void fuzz_fail(const char *fmt, ...)
#if defined(__GNUC__)
    __attribute__((format(printf, 1, 2), noreturn))
#endif
    ;

#define FUZZ_CHECK(cond, ...)                                                                      \
    do {                                                                                           \
        if (!(cond)) {                                                                             \
            fuzz_fail(__VA_ARGS__);                                                                \
        }                                                                                          \
    } while (0)

/** A status the library may return: TV_OK or a named tv_err, never
 *  TV_ERR_INTERNAL (which the library calls a bug). */
bool fuzz_status_ok(int rc);

/** Delivery rules from the low four bits of sel: a cycle of recv sizes (bits
 *  0-2; 0 means whole) and a would-block before every recv (bit 3). */
void fuzz_delivery(tv_chop *c, uint8_t sel);

/** Calls f(ctx) while it returns TV_ERR_WOULD_BLOCK (a superloop), at most
 *  bound times; returns the last status. */
int fuzz_resume(int (*f)(void *ctx), void *ctx, size_t bound);

/** One of eight buffer sizes for a response, from the low three bits of sel. */
size_t fuzz_cap(uint8_t sel);

#endif /* TV_FUZZ_HARNESS_H */
