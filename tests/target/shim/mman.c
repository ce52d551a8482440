/* Anonymous mappings with MPU-backed protection; see sys/mman.h. */
#include <sys/mman.h>

#include <errno.h>
#include <malloc.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "tv_target.h"

/* A 4 KB page, as on the hosts the tests were written on: test data sized
 * for that page fits here too. */
#define PAGE_LOG2    12u
#define PAGE         ((size_t)1 << PAGE_LOG2)
#define MAX_MAPPINGS 8

static struct {
    uintptr_t base;
    size_t len;
} mappings[MAX_MAPPINGS];

long sysconf(int name)
{
    if (name == _SC_PAGESIZE) {
        return (long)PAGE;
    }
    errno = EINVAL;
    return -1;
}

static size_t whole_pages(size_t len)
{
    return (len + PAGE - 1) & ~(PAGE - 1);
}

/* The mapping holding all of [p, p + len), or -1. */
static int mapping_of(uintptr_t p, size_t len)
{
    for (int i = 0; i < MAX_MAPPINGS; i++) {
        size_t off = p - mappings[i].base; /* unsigned: p below base is far off */
        if (mappings[i].len != 0 && off < mappings[i].len && len <= mappings[i].len - off) {
            return i;
        }
    }
    return -1;
}

/* Drops the protection of every page in [p, p + len). */
static void unprotect(uintptr_t p, size_t len)
{
    for (uint32_t r = TV_TARGET_MPU_FIRST_FREE; r <= TV_TARGET_MPU_LAST_FREE; r++) {
        uintptr_t base;
        unsigned log2;
        if (tv_target_mpu_get(r, &base, &log2) && base - p < len) {
            tv_target_mpu_clear(r);
        }
    }
}

/* One region per page: the MPU has no write-only access, so PROT_WRITE
 * means read-write, as it does on x86. */
static int protect_page(uintptr_t page, int prot)
{
    if ((prot & PROT_WRITE) != 0) {
        return 0;
    }
    uint32_t ap = (prot & PROT_READ) != 0 ? TV_TARGET_MPU_READ_ONLY : TV_TARGET_MPU_NO_ACCESS;
    for (uint32_t r = TV_TARGET_MPU_FIRST_FREE; r <= TV_TARGET_MPU_LAST_FREE; r++) {
        uintptr_t base;
        unsigned log2;
        if (!tv_target_mpu_get(r, &base, &log2)) {
            return tv_target_mpu_set(r, page, PAGE_LOG2, ap, 0);
        }
    }
    errno = ENOMEM;
    return -1;
}

int mprotect(void *addr, size_t len, int prot)
{
    uintptr_t p = (uintptr_t)addr;
    if ((p & (PAGE - 1)) != 0 || mapping_of(p, len) < 0) {
        errno = EINVAL;
        return -1;
    }
    len = whole_pages(len);
    unprotect(p, len);
    for (size_t off = 0; off < len; off += PAGE) {
        if (protect_page(p + off, prot) != 0) {
            return -1;
        }
    }
    return 0;
}

void *mmap(void *addr, size_t len, int prot, int flags, int fd, off_t offset)
{
    (void)addr; /* a hint */
    int slot = 0;
    while (slot < MAX_MAPPINGS && mappings[slot].len != 0) {
        slot++;
    }
    if (len == 0 || len > SIZE_MAX - PAGE || fd != -1 || offset != 0 ||
        flags != (MAP_PRIVATE | MAP_ANONYMOUS)) {
        errno = EINVAL;
        return MAP_FAILED;
    }
    len = whole_pages(len);
    /* memalign: this newlib's aligned_alloc calls a posix_memalign it lacks. */
    void *base = slot < MAX_MAPPINGS ? memalign(PAGE, len) : NULL;
    if (base == NULL) {
        errno = ENOMEM;
        return MAP_FAILED;
    }
    memset(base, 0, len);
    mappings[slot].base = (uintptr_t)base;
    mappings[slot].len = len;
    if (mprotect(base, len, prot) != 0) {
        munmap(base, len);
        return MAP_FAILED;
    }
    return base;
}

int munmap(void *addr, size_t len)
{
    int i = mapping_of((uintptr_t)addr, 0);
    if (i < 0 || mappings[i].base != (uintptr_t)addr || mappings[i].len != whole_pages(len)) {
        errno = EINVAL;
        return -1;
    }
    unprotect(mappings[i].base, mappings[i].len);
    free(addr);
    mappings[i].len = 0;
    return 0;
}
