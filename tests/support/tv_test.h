/*
 * The tests' tiny harness: checks that record and report failures without
 * stopping, so one run shows every broken expectation.
 *
 *   static void test_something(void) { TV_CHECK_INT(f(), TV_OK); }
 *   int main(void) { TV_RUN(test_something); return tv_test_summary(); }
 */
#ifndef TV_TEST_H
#define TV_TEST_H

#include <inttypes.h>
#include <stdint.h>
#include <stdio.h>
#include <string.h>

#include "tradovate/tv_error.h"

extern int tv_test_failures;
extern int tv_test_checks;
extern const char *tv_test_current;

void tv_test_fail(const char *file, int line, const char *fmt, ...)
#if defined(__GNUC__)
    __attribute__((format(printf, 3, 4)))
#endif
    ;
void tv_test_run(const char *name, void (*fn)(void));
int tv_test_summary(void);

#define TV_RUN(fn) tv_test_run(#fn, fn)

#define TV_CHECK(cond)                                                                             \
    do {                                                                                           \
        tv_test_checks++;                                                                          \
        if (!(cond)) {                                                                             \
            tv_test_fail(__FILE__, __LINE__, "%s", #cond);                                         \
        }                                                                                          \
    } while (0)

/* Integers, compared as int64; statuses are printed with their names. */
#define TV_CHECK_INT(actual, expected)                                                             \
    do {                                                                                           \
        int64_t tv_a_ = (int64_t)(actual), tv_e_ = (int64_t)(expected);                            \
        tv_test_checks++;                                                                          \
        if (tv_a_ != tv_e_) {                                                                      \
            tv_test_fail(__FILE__, __LINE__, "%s == %" PRId64 " (%s), expected %" PRId64 " (%s)",  \
                         #actual, tv_a_, tv_err_name((int)tv_a_), tv_e_, tv_err_name((int)tv_e_)); \
        }                                                                                          \
    } while (0)

#define TV_CHECK_STR(actual, expected)                                                             \
    do {                                                                                           \
        const char *tv_a_ = (actual), *tv_e_ = (expected);                                         \
        tv_test_checks++;                                                                          \
        if (tv_a_ == NULL || tv_e_ == NULL ? tv_a_ != tv_e_ : strcmp(tv_a_, tv_e_) != 0) {         \
            tv_test_fail(__FILE__, __LINE__, "%s == \"%s\", expected \"%s\"", #actual,             \
                         tv_a_ ? tv_a_ : "(null)", tv_e_ ? tv_e_ : "(null)");                      \
        }                                                                                          \
    } while (0)

/* Byte ranges (not NUL-terminated). */
#define TV_CHECK_MEM(actual, actual_len, expected, expected_len)                                   \
    do {                                                                                           \
        size_t tv_al_ = (size_t)(actual_len), tv_el_ = (size_t)(expected_len);                     \
        tv_test_checks++;                                                                          \
        if (tv_al_ != tv_el_ || memcmp((actual), (expected), tv_el_) != 0) {                       \
            tv_test_fail(__FILE__, __LINE__, "%s (%zu bytes) == \"%.*s\", expected \"%.*s\"",      \
                         #actual, tv_al_, (int)tv_al_, (const char *)(actual), (int)tv_el_,        \
                         (const char *)(expected));                                                \
        }                                                                                          \
    } while (0)

/* Doubles, compared exactly (the library promises correctly rounded values). */
#define TV_CHECK_DBL(actual, expected)                                                             \
    do {                                                                                           \
        double tv_a_ = (actual), tv_e_ = (expected);                                               \
        tv_test_checks++;                                                                          \
        if (memcmp(&tv_a_, &tv_e_, sizeof tv_a_) != 0) {                                           \
            tv_test_fail(__FILE__, __LINE__, "%s == %.17g, expected %.17g", #actual, tv_a_,        \
                         tv_e_);                                                                   \
        }                                                                                          \
    } while (0)

#endif /* TV_TEST_H */
