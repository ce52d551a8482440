/* The JSON tests' seeded PRNG (xorshift64): runs repeat exactly. */
#ifndef JSON_TEST_RNG_H
#define JSON_TEST_RNG_H

#include <stdint.h>

static inline uint64_t json_test_rnd(uint64_t *state)
{
    *state ^= *state << 13;
    *state ^= *state >> 7;
    *state ^= *state << 17;
    return *state;
}

#endif
