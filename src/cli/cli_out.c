/*
 * Output for people. Numbers go through the library's own formatting (ids
 * exact, prices as the shortest text that reads back to the same double),
 * text through fputs; nothing here rounds.
 */
#include <stdio.h>
#include <string.h>

#include "cli.h"

void cli_puts(const char *s)
{
    fputs(s, stdout);
}

void cli_put_i64(int64_t v)
{
    char buf[24];
    char *p = buf + sizeof buf;
    uint64_t u = v < 0 ? (uint64_t)0 - (uint64_t)v : (uint64_t)v;
    *--p = '\0';
    do {
        *--p = (char)('0' + u % 10u);
        u /= 10u;
    } while (u != 0);
    if (v < 0) {
        *--p = '-';
    }
    fputs(p, stdout);
}

void cli_put_pad(const char *s, size_t width)
{
    size_t n = strlen(s);
    fputs(s, stdout);
    for (; n < width; n++) {
        fputc(' ', stdout);
    }
}

void cli_err(const char *a, const char *b, const char *c)
{
    fputs(a, stderr);
    if (b != NULL) {
        fputc(' ', stderr);
        fputs(b, stderr);
    }
    if (c != NULL) {
        fputc(' ', stderr);
        fputs(c, stderr);
    }
    fputc('\n', stderr);
}
