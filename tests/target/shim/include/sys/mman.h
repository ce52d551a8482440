/*
 * <sys/mman.h> for the target images, which newlib lacks: anonymous
 * mappings from the heap, page-aligned, and mprotect() made real by the
 * Cortex-M4's memory protection unit, so a guard page faults on the core as
 * it does under an MMU (the fault fails the run). sysconf(_SC_PAGESIZE)
 * gives the page size used here.
 *
 * Only what tests need: MAP_PRIVATE | MAP_ANONYMOUS with fd -1; munmap of a
 * whole mapping; mprotect of whole pages within one, at most six pages
 * protected at a time (the MPU regions left free).
 */
#ifndef TV_TARGET_SYS_MMAN_H
#define TV_TARGET_SYS_MMAN_H

#include <stddef.h>
#include <sys/types.h>

#define PROT_NONE  0
#define PROT_READ  1
#define PROT_WRITE 2
#define PROT_EXEC  4

#define MAP_SHARED    0x01
#define MAP_PRIVATE   0x02
#define MAP_ANONYMOUS 0x20
#define MAP_ANON      MAP_ANONYMOUS
#define MAP_FAILED    ((void *)-1)

void *mmap(void *addr, size_t len, int prot, int flags, int fd, off_t offset);
int munmap(void *addr, size_t len);
int mprotect(void *addr, size_t len, int prot);

#endif /* TV_TARGET_SYS_MMAN_H */
