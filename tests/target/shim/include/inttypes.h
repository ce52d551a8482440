/*
 * Debian's arm-none-eabi-gcc ships a <stdint.h> of its own that does not
 * define newlib's __int64_t_defined, so newlib's <inttypes.h> leaves out
 * PRId64 and the other 64-bit macros unless some newlib header that defines
 * it came first (tv_test.h includes <inttypes.h> first). <sys/types.h>
 * defines it. This directory is an -isystem one, for #include_next.
 */
#ifndef TV_TARGET_INTTYPES_H
#define TV_TARGET_INTTYPES_H

#include <sys/types.h>
#include_next <inttypes.h>

#endif /* TV_TARGET_INTTYPES_H */
