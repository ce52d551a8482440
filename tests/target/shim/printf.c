/*
 * C99 length modifiers for newlib's printf family.
 *
 * Debian's newlib for arm-none-eabi is built without
 * --enable-newlib-io-c99-formats: "%zu" prints "zu" and leaves its argument
 * unread, so every later argument is misread (a "%.*s" after it faults).
 * The tests use %zu and %zx to build their inputs, so the image links with
 * --wrap for each function of the family, and these wrappers rewrite the
 * format to what newlib knows: on this ABI size_t and ptrdiff_t are int-sized
 * (drop z, t) and intmax_t is long long (j -> ll).
 */
#include <ctype.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <string.h>

_Static_assert(sizeof(size_t) == sizeof(unsigned), "z must mean int-sized");
_Static_assert(sizeof(ptrdiff_t) == sizeof(int), "t must mean int-sized");
_Static_assert(sizeof(intmax_t) == sizeof(long long), "j must mean long long");

/* Longest format rewritten; a longer one is passed on unchanged. */
#define FORMAT_MAX 512

int __real_vfprintf(FILE *f, const char *fmt, va_list ap);
int __real_vsnprintf(char *buf, size_t n, const char *fmt, va_list ap);
int __real_vsprintf(char *buf, const char *fmt, va_list ap);

/* Whether c ends a conversion specification: a conversion letter or the
 * second % of "%%"; flags, width, precision and length modifiers do not. */
static int ends_spec(char c)
{
    return c == '%' || (isalpha((unsigned char)c) && strchr("hlLqjzt", c) == NULL);
}

static const char *newlib_format(const char *fmt, char out[FORMAT_MAX])
{
    size_t o = 0;
    int in_spec = 0;
    for (const char *p = fmt; *p != '\0'; p++) {
        if (o + 3 > FORMAT_MAX) {
            return fmt;
        }
        char c = *p;
        if (!in_spec) {
            in_spec = c == '%';
            out[o++] = c;
        } else if (c == 'z' || c == 't') {
            continue;
        } else if (c == 'j') {
            out[o++] = 'l';
            out[o++] = 'l';
        } else {
            out[o++] = c;
            in_spec = !ends_spec(c);
        }
    }
    out[o] = '\0';
    return out;
}

int __wrap_vfprintf(FILE *f, const char *fmt, va_list ap)
{
    char buf[FORMAT_MAX];
    return __real_vfprintf(f, newlib_format(fmt, buf), ap);
}

int __wrap_vsnprintf(char *s, size_t n, const char *fmt, va_list ap)
{
    char buf[FORMAT_MAX];
    return __real_vsnprintf(s, n, newlib_format(fmt, buf), ap);
}

int __wrap_vsprintf(char *s, const char *fmt, va_list ap)
{
    char buf[FORMAT_MAX];
    return __real_vsprintf(s, newlib_format(fmt, buf), ap);
}

int __wrap_vprintf(const char *fmt, va_list ap)
{
    return __wrap_vfprintf(stdout, fmt, ap);
}

/* The variadic members hand their arguments to the va_list ones above. */
#define FORWARD_ARGS(call)                                                                         \
    va_list ap;                                                                                    \
    va_start(ap, fmt);                                                                             \
    int r = (call);                                                                                \
    va_end(ap);                                                                                    \
    return r

int __wrap_fprintf(FILE *f, const char *fmt, ...)
{
    FORWARD_ARGS(__wrap_vfprintf(f, fmt, ap));
}

int __wrap_printf(const char *fmt, ...)
{
    FORWARD_ARGS(__wrap_vfprintf(stdout, fmt, ap));
}

int __wrap_snprintf(char *s, size_t n, const char *fmt, ...)
{
    FORWARD_ARGS(__wrap_vsnprintf(s, n, fmt, ap));
}

int __wrap_sprintf(char *s, const char *fmt, ...)
{
    FORWARD_ARGS(__wrap_vsprintf(s, fmt, ap));
}
