/*
 * The firmware test image's board: QEMU's mps2-an386 (Cortex-M4F, 25 MHz),
 * with ARM semihosting standing in for the peripherals a real board has
 * (console, RTC, TRNG, network). The library only sees the bare-metal
 * port's integration points (port/baremetal/tv_baremetal.h) implemented on
 * top of this.
 */
#ifndef TV_FW_BOARD_H
#define TV_FW_BOARD_H

#include <stddef.h>

/** Starts the millisecond tick. */
void board_init(void);
/** Writes a NUL-terminated string to the host console. */
void board_print(const char *s);
/** Ends the run (QEMU exits with this status). */
void board_exit(int status) __attribute__((noreturn));
/** The command line QEMU was given (-append), NUL-terminated; "" if none. */
const char *board_cmdline(char *buf, size_t cap);
/** Where the semihosting network's pipes are: "<prefix>.in", "<prefix>.out". */
void board_set_net_prefix(const char *prefix);
/** The SysTick interrupt: one millisecond. */
void SysTick_Handler(void);

#endif /* TV_FW_BOARD_H */
