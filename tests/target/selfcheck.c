/*
 * The target runner's checks of itself, one image per check (built with
 * -DTV_SELFCHECK=<function>). All but selfcheck_shims must end in their own
 * kind of failure, and run.sh fails unless they do, so that a broken exit
 * status, stack guard or memory protection cannot let a failing test pass;
 * selfcheck_shims holds the POSIX and printf stand-ins to what tests expect.
 */
#include "tv_test.h"

#include <dirent.h>
#include <errno.h>
#include <limits.h>
#include <stddef.h>
#include <sys/mman.h>
#include <unistd.h>

#ifndef TV_SELFCHECK
#error "TV_SELFCHECK: which check this image runs"
#endif

void selfcheck_fail(void);
void selfcheck_overflow(void);
void selfcheck_guard(void);
void selfcheck_flash(void);
void selfcheck_shims(void);

/* A failed check must make the image exit 1. */
void selfcheck_fail(void)
{
    TV_CHECK_INT(1 + 1, 3);
}

static volatile int depth_limit = INT_MAX;

static int recurse(int n)
{
    volatile char frame[512];
    frame[0] = (char)n;
    return n >= depth_limit ? 0 : recurse(n + 1) + frame[0];
}

/* Running off the bottom of the stack must fault, not corrupt memory. */
void selfcheck_overflow(void)
{
    TV_CHECK(recurse(0) != 0);
}

/* A read of a PROT_NONE page must fault, as under an MMU. */
void selfcheck_guard(void)
{
    long page = sysconf(_SC_PAGESIZE);
    TV_CHECK(page > 0);
    volatile char *map =
        mmap(NULL, (size_t)page * 2, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
    TV_CHECK(map != MAP_FAILED);
    TV_CHECK(mprotect((char *)map + page, (size_t)page, PROT_NONE) == 0);
    map[page - 1] = 1; /* the page before stays writable */
    TV_CHECK_INT(map[page], 0);
}

/* A write to flash (constant data) must fault, as on a device. */
void selfcheck_flash(void)
{
    static const int in_flash = 1;
    *(volatile int *)&in_flash = 2;
    TV_CHECK_INT(in_flash, 1);
}

static void check_printf(void)
{
    char buf[64];
    snprintf(buf, sizeof buf, "%zu %zx %jd %td %%z %5.2zu|%s", (size_t)42, (size_t)255,
             (intmax_t)-7, (ptrdiff_t)-3, (size_t)7, "end");
    TV_CHECK_STR(buf, "42 ff -7 -3 %z    07|end");
    snprintf(buf, sizeof buf, "%" PRId64 " %.17g", INT64_MIN, 0.1);
    TV_CHECK_STR(buf, "-9223372036854775808 0.10000000000000001");
}

static void check_dirent(void)
{
    int seen_self = 0, seen_dot = 0;
    DIR *d = opendir("tests/target");
    TV_CHECK(d != NULL);
    for (struct dirent *e; d != NULL && (e = readdir(d)) != NULL;) {
        seen_self += strcmp(e->d_name, "selfcheck.c") == 0;
        seen_dot += strcmp(e->d_name, ".") == 0;
    }
    if (d != NULL) {
        closedir(d);
    }
    TV_CHECK_INT(seen_self, 1);
    TV_CHECK_INT(seen_dot, 1);
    errno = 0;
    TV_CHECK(opendir("tests/no-such-directory") == NULL);
    TV_CHECK_INT(errno, ENOENT);
}

static void check_mman(void)
{
    const size_t page = 4096;
    TV_CHECK_INT(sysconf(_SC_PAGESIZE), page);
    char *map = mmap(NULL, page * 8, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
    TV_CHECK(map != MAP_FAILED);
    if (map == MAP_FAILED) {
        return;
    }
    TV_CHECK_INT(map[page * 8 - 1], 0); /* anonymous memory starts zeroed */
    TV_CHECK(mprotect(map + 1, page, PROT_NONE) != 0);
    TV_CHECK(mprotect(map, page * 9, PROT_NONE) != 0);
    TV_CHECK(mprotect(map, page * 7, PROT_NONE) != 0); /* six MPU regions at most */
    TV_CHECK_INT(mprotect(map, page * 6, PROT_NONE), 0);
    TV_CHECK_INT(mprotect(map, page * 6, PROT_READ | PROT_WRITE), 0);
    map[0] = 1; /* writable again: no fault */
    TV_CHECK_INT(mprotect(map + page, page, PROT_READ), 0);
    TV_CHECK_INT(map[page], 0);
    TV_CHECK(munmap(map, page) != 0);
    TV_CHECK_INT(munmap(map, page * 8), 0);
    TV_CHECK(mmap(NULL, page, PROT_READ, MAP_SHARED, -1, 0) == MAP_FAILED);
}

/* The stand-ins tests rely on behave as on the host. */
void selfcheck_shims(void)
{
    check_printf();
    check_dirent();
    check_mman();
}

int main(void)
{
    TV_RUN(TV_SELFCHECK);
    return tv_test_summary();
}
