/*
 * Reset and the vector table of the firmware test image (Cortex-M4F): copy
 * .data from flash, clear .bss, enable the FPU (the image is built for the
 * hard-float ABI), run main(). Board specific; not part of the library.
 */
#include <stdint.h>
#include <string.h>

#include "board.h"

extern uint32_t _estack, _sidata, _sdata, _edata, _sbss, _ebss;
extern int main(void);

void Reset_Handler(void);
void Fault_Handler(void);

void Reset_Handler(void)
{
    volatile uint32_t *cpacr = (volatile uint32_t *)0xE000ED88u;
    *cpacr |= 0xFu << 20; /* CP10 and CP11: full access */
    __asm__ volatile("dsb\n\tisb");
    memcpy(&_sdata, &_sidata, (size_t)((uint8_t *)&_edata - (uint8_t *)&_sdata));
    memset(&_sbss, 0, (size_t)((uint8_t *)&_ebss - (uint8_t *)&_sbss));
    board_exit(main());
}

/* Any fault ends the run with a message rather than a silent hang. */
void Fault_Handler(void)
{
    board_print("fault\n");
    board_exit(99);
}

typedef void (*tv_fw_vector)(void);

__attribute__((section(".vectors"), used)) static const tv_fw_vector vectors[16] = {
    (tv_fw_vector)(uintptr_t)&_estack, /* initial stack pointer */
    Reset_Handler,
    Fault_Handler, /* NMI */
    Fault_Handler, /* HardFault */
    Fault_Handler, /* MemManage */
    Fault_Handler, /* BusFault */
    Fault_Handler, /* UsageFault */
    0,
    0,
    0,
    0,
    Fault_Handler, /* SVCall */
    Fault_Handler, /* DebugMonitor */
    0,
    Fault_Handler, /* PendSV */
    SysTick_Handler,
};
