/*
 * What the start-up code offers the target's POSIX stand-ins: the memory
 * protection unit (ARMv7-M PMSA), whose regions make unreadable pages and
 * read-only flash real on the core.
 */
#ifndef TV_TARGET_H
#define TV_TARGET_H

#include <stdint.h>

/* Regions a stand-in may take; the start-up code keeps the others (a
 * higher-numbered region wins where regions overlap). */
#define TV_TARGET_MPU_FIRST_FREE 0u
#define TV_TARGET_MPU_LAST_FREE  5u

/* Access permissions (RASR.AP) used here. */
#define TV_TARGET_MPU_NO_ACCESS 0u
#define TV_TARGET_MPU_READ_ONLY 6u

/**
 * Programs region `region` over [base, base + 2^size_log2) with access `ap`;
 * base must be aligned to the size, 5 <= size_log2 <= 32. Returns 0, or -1
 * for a region, size or base the hardware cannot express.
 */
int tv_target_mpu_set(uint32_t region, uintptr_t base, unsigned size_log2, uint32_t ap,
                      int executable);

/** Disables region `region`. */
void tv_target_mpu_clear(uint32_t region);

/** Whether region `region` is enabled; if so its base and size. */
int tv_target_mpu_get(uint32_t region, uintptr_t *base, unsigned *size_log2);

#endif /* TV_TARGET_H */
