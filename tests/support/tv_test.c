/* The tests' harness; see tv_test.h. */
#include "tv_test.h"

#include <stdarg.h>

int tv_test_failures;
int tv_test_checks;
const char *tv_test_current = "?";

void tv_test_fail(const char *file, int line, const char *fmt, ...)
{
    va_list ap;
    tv_test_failures++;
    fprintf(stderr, "FAIL %s:%d [%s]: ", file, line, tv_test_current);
    va_start(ap, fmt);
    vfprintf(stderr, fmt, ap);
    va_end(ap);
    fputc('\n', stderr);
}

void tv_test_run(const char *name, void (*fn)(void))
{
    int before = tv_test_failures;
    tv_test_current = name;
    fn();
    if (tv_test_failures != before) {
        fprintf(stderr, "  %s: %d failure(s)\n", name, tv_test_failures - before);
    }
}

int tv_test_summary(void)
{
    fprintf(stderr, "%s: %d checks, %d failures\n", tv_test_failures ? "FAILED" : "ok",
            tv_test_checks, tv_test_failures);
    return tv_test_failures ? 1 : 0;
}
