/* Shared by the fuzz targets; see harness.h. */
#include "harness.h"

#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

void fuzz_fail(const char *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    vfprintf(stderr, fmt, ap);
    va_end(ap);
    fputc('\n', stderr);
    abort();
}

bool fuzz_status_ok(int rc)
{
    return rc == TV_OK ||
           (rc < 0 && rc != TV_ERR_INTERNAL && strcmp(tv_err_name(rc), "TV_ERR_UNKNOWN") != 0);
}

void fuzz_delivery(tv_chop *c, uint8_t sel)
{
    static const uint8_t cycles[8][4] = {
        {0, 0, 0, 0},     {1, 1, 1, 1},  {2, 1, 3, 1},   {3, 1, 7, 2},
        {16, 16, 16, 16}, {61, 3, 0, 1}, {255, 1, 0, 4}, {5, 9, 13, 1},
    };
    c->sizes = cycles[sel & 7];
    c->n = 4;
    c->s.block_every = (sel & 8) != 0;
}

int fuzz_resume(int (*f)(void *ctx), void *ctx, size_t bound)
{
    int rc = TV_ERR_WOULD_BLOCK;
    for (size_t i = 0; i < bound && rc == TV_ERR_WOULD_BLOCK; i++) {
        rc = f(ctx);
    }
    return rc;
}

size_t fuzz_cap(uint8_t sel)
{
    static const size_t caps[8] = {1024, 512, 256, 4096, 128, 2048, 700, 1500};
    return caps[sel & 7];
}
