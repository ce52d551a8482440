/*
 * Bare-metal start-up for the unit-test images (Cortex-M4F on QEMU's
 * mps2-an386), with newlib and semihosting (librdimon) for stdio, files and
 * the exit status.
 *
 * Our own instead of newlib's rdimon-crt0, which takes its stack and heap
 * from the debugger's SYS_HEAPINFO: here the memory map is the linker
 * script's, as on a device. The tests run in thread mode on their own stack
 * (PSP) at the bottom of RAM, painted so its peak use can be reported; a
 * fault runs on a separate handler stack (MSP), so even a stack overflow is
 * reported with the fault registers and fails the run.
 */
#include <errno.h>
#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "tv_target.h"

/* From the linker script. */
extern uint32_t __stack_bottom[], __stack_top[], __handler_stack_top[];
extern uint32_t __data_start[], __data_end[], __data_load[], __bss_start[], __bss_end[];
extern char __heap_start[], __heap_end[];

/* From newlib's librdimon: opens the semihosting console as stdin/out/err. */
void initialise_monitor_handles(void);
int main(void);

void tv_target_reset(void);
void tv_target_init(void);
void tv_target_run(void);
void tv_target_fault(void);

#define STACK_PAINT 0x5AFEC0DEu
/* The exit status of a run that faulted (run.sh knows it). */
#define EXIT_FAULT 100
/* The largest frame exception entry pushes (with the FPU state). */
#define MAX_EXCEPTION_FRAME 104u

/* System control block registers (ARMv7-M). */
#define REG(addr) (*(volatile uint32_t *)(addr))
#define SCB_CFSR  REG(0xE000ED28u)
#define SCB_HFSR  REG(0xE000ED2Cu)
#define SCB_MMFAR REG(0xE000ED34u)
#define SCB_BFAR  REG(0xE000ED38u)

/* Memory protection unit (PMSAv7). */
#define MPU_CTRL            REG(0xE000ED94u)
#define MPU_RNR             REG(0xE000ED98u)
#define MPU_RBAR            REG(0xE000ED9Cu)
#define MPU_RASR            REG(0xE000EDA0u)
#define MPU_CTRL_ENABLE     (1u << 0)
#define MPU_CTRL_PRIVDEFENA (1u << 2) /* the default map wherever no region applies */
#define MPU_RASR_ENABLE     (1u << 0)
#define MPU_RASR_NORMAL     (1u << 17) /* TEX=0 C=1 B=0: normal memory, write-through */
#define MPU_RASR_XN         (1u << 28)
#define MPU_REGIONS         8u
/* The start-up code's own regions. */
#define MPU_REGION_FLASH 6u
#define MPU_REGION_GUARD 7u
/* Below RAM: QEMU's mps2-an386 answers reads and writes there without a bus
 * fault, so the MPU makes this 256 MB no-access; a thread stack overflowing
 * by anything less faults. */
#define GUARD_BASE 0x10000000u
#define GUARD_LOG2 28u
#define FLASH_LOG2 22u

/* CFSR bits that mean exception entry could not push its frame. */
#define CFSR_MSTKERR (1u << 4)
#define CFSR_STKERR  (1u << 12)

/* Semihosting operations (Arm semihosting 2.0). */
#define SYS_WRITE0                   0x04u
#define SYS_EXIT_EXTENDED            0x20u
#define ADP_STOPPED_APPLICATION_EXIT 0x20026u

static uint32_t semihost(uint32_t op, const void *arg)
{
    register uint32_t r0 __asm__("r0") = op;
    register const void *r1 __asm__("r1") = arg;
    __asm__ volatile("bkpt 0xab" : "+r"(r0) : "r"(r1) : "memory");
    return r0;
}

static void exit_now(int status)
{
    const uint32_t block[2] = {ADP_STOPPED_APPLICATION_EXIT, (uint32_t)status};
    semihost(SYS_EXIT_EXTENDED, block);
    for (;;) {
    }
}

typedef void (*tv_target_handler)(void);

/* The vector table, at address 0 where the core fetches it on reset. No
 * interrupt is enabled, so the table ends with the system exceptions. */
static const struct {
    void *initial_sp;
    tv_target_handler handler[15];
} vectors __attribute__((section(".vectors"), used)) = {
    __handler_stack_top,
    {
        tv_target_reset, /* Reset */
        tv_target_fault, /* NMI */
        tv_target_fault, /* HardFault */
        tv_target_fault, /* MemManage */
        tv_target_fault, /* BusFault */
        tv_target_fault, /* UsageFault */
        NULL,            /* reserved */
        NULL,            /* reserved */
        NULL,            /* reserved */
        NULL,            /* reserved */
        tv_target_fault, /* SVCall */
        tv_target_fault, /* DebugMonitor */
        NULL,            /* reserved */
        tv_target_fault, /* PendSV */
        tv_target_fault, /* SysTick */
    },
};

/* Enables the FPU before any C code may use it, prepares RAM on the handler
 * stack, then moves thread mode to the painted test stack (PSP) and runs. */
__attribute__((naked, noreturn)) void tv_target_reset(void)
{
    __asm__ volatile("ldr r0, =0xE000ED88\n\t" /* CPACR */
                     "ldr r1, [r0]\n\t"
                     "orr r1, r1, #(0xF << 20)\n\t" /* CP10, CP11: full access */
                     "str r1, [r0]\n\t"
                     "dsb\n\t"
                     "isb\n\t"
                     "bl tv_target_init\n\t"
                     "ldr r0, =__stack_top\n\t"
                     "msr psp, r0\n\t"
                     "movs r0, #2\n\t" /* CONTROL.SPSEL: thread mode uses PSP */
                     "msr control, r0\n\t"
                     "isb\n\t"
                     "bl tv_target_run\n\t"
                     "b .\n\t"
                     ".ltorg");
}

int tv_target_mpu_set(uint32_t region, uintptr_t base, unsigned size_log2, uint32_t ap,
                      int executable)
{
    uint64_t size = (uint64_t)1 << (size_log2 & 63u);
    if (region >= MPU_REGIONS || size_log2 < 5 || size_log2 > 32 || (base & (size - 1)) != 0) {
        return -1;
    }
    MPU_RNR = region;
    MPU_RBAR = (uint32_t)base;
    MPU_RASR = (executable ? 0u : MPU_RASR_XN) | (ap & 7u) << 24 | MPU_RASR_NORMAL |
               (size_log2 - 1u) << 1 | MPU_RASR_ENABLE;
    __asm__ volatile("dsb\n\tisb" ::: "memory");
    return 0;
}

void tv_target_mpu_clear(uint32_t region)
{
    if (region < MPU_REGIONS) {
        MPU_RNR = region;
        MPU_RASR = 0;
        __asm__ volatile("dsb\n\tisb" ::: "memory");
    }
}

int tv_target_mpu_get(uint32_t region, uintptr_t *base, unsigned *size_log2)
{
    if (region >= MPU_REGIONS) {
        return 0;
    }
    MPU_RNR = region;
    uint32_t rasr = MPU_RASR;
    *base = MPU_RBAR & ~(uint32_t)0x1F;
    *size_log2 = ((rasr >> 1) & 0x1Fu) + 1u;
    return (rasr & MPU_RASR_ENABLE) != 0;
}

/* Runs on the handler stack before anything else touches RAM. Flash becomes
 * read-only, as it is on a device. */
void tv_target_init(void)
{
    memcpy(__data_start, __data_load, (size_t)(__data_end - __data_start) * sizeof(uint32_t));
    memset(__bss_start, 0, (size_t)(__bss_end - __bss_start) * sizeof(uint32_t));
    for (uint32_t *p = __stack_bottom; p < __stack_top; p++) {
        *p = STACK_PAINT;
    }
    tv_target_mpu_set(MPU_REGION_FLASH, 0, FLASH_LOG2, TV_TARGET_MPU_READ_ONLY, 1);
    tv_target_mpu_set(MPU_REGION_GUARD, GUARD_BASE, GUARD_LOG2, TV_TARGET_MPU_NO_ACCESS, 0);
    MPU_CTRL = MPU_CTRL_ENABLE | MPU_CTRL_PRIVDEFENA;
    __asm__ volatile("dsb\n\tisb" ::: "memory");
}

static size_t heap_used, heap_peak;

/* newlib's malloc grows the heap here; its own _sbrk compares against the
 * stack pointer, which lies below the heap in this map. */
void *_sbrk(ptrdiff_t incr)
{
    char *brk = __heap_start + heap_used;
    if (incr < 0 ? (size_t)-incr > heap_used : incr > __heap_end - brk) {
        errno = ENOMEM;
        return (void *)-1;
    }
    heap_used = (size_t)((ptrdiff_t)heap_used + incr);
    heap_peak = heap_used > heap_peak ? heap_used : heap_peak;
    return brk;
}

static size_t stack_peak(void)
{
    const uint32_t *p = __stack_bottom;
    while (p < __stack_top && *p == STACK_PAINT) {
        p++;
    }
    return (size_t)(__stack_top - p) * sizeof(uint32_t);
}

void tv_target_run(void)
{
    initialise_monitor_handles();
    int status = main();
    fflush(stdout);
    fprintf(stderr, "target: stack %lu of %lu bytes, heap %lu bytes\n", (unsigned long)stack_peak(),
            (unsigned long)((size_t)(__stack_top - __stack_bottom) * sizeof(uint32_t)),
            (unsigned long)heap_peak);
    exit(status);
}

/* ---- faults: reported with raw semihosting, no stdio (its state may be
 * what broke) ---- */

static char *put_str(char *out, const char *s)
{
    while (*s != '\0') {
        *out++ = *s++;
    }
    return out;
}

static char *put_hex(char *out, const char *label, uint32_t v)
{
    out = put_str(out, label);
    for (int shift = 28; shift >= 0; shift -= 4) {
        *out++ = "0123456789abcdef"[(v >> shift) & 0xFu];
    }
    return out;
}

void tv_target_fault(void)
{
    uint32_t ipsr, psp;
    __asm__ volatile("mrs %0, ipsr" : "=r"(ipsr));
    __asm__ volatile("mrs %0, psp" : "=r"(psp));
    uint32_t cfsr = SCB_CFSR;
    uintptr_t bottom = (uintptr_t)__stack_bottom, top = (uintptr_t)__stack_top;
    /* Unsigned: a psp below the stack counts too. */
    bool overflow =
        (cfsr & (CFSR_STKERR | CFSR_MSTKERR)) != 0 || psp - bottom < MAX_EXCEPTION_FRAME;
    char msg[200], *p = msg;
    p = put_str(p, overflow ? "target: FAULT (stack overflow)" : "target: FAULT");
    p = put_hex(p, " exception=", ipsr & 0x1FFu);
    p = put_hex(p, " cfsr=", cfsr);
    p = put_hex(p, " hfsr=", SCB_HFSR);
    p = put_hex(p, " mmfar=", SCB_MMFAR);
    p = put_hex(p, " bfar=", SCB_BFAR);
    p = put_hex(p, " psp=", psp);
    /* Otherwise the frame the core pushed is readable: r0-r3, r12, lr, pc. */
    if (!overflow && psp <= top - 32) {
        p = put_hex(p, " pc=", ((const uint32_t *)psp)[6]);
        p = put_hex(p, " lr=", ((const uint32_t *)psp)[5]);
    }
    p = put_str(p, "\n");
    *p = '\0';
    semihost(SYS_WRITE0, msg);
    exit_now(EXIT_FAULT);
}
