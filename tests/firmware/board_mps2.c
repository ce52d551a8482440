/*
 * The board of the firmware test image, and a worked example of the
 * bare-metal port's integration points (port/baremetal/tv_baremetal.h).
 *
 * On QEMU's mps2-an386 the "peripherals" are ARM semihosting calls into the
 * host: the wall clock is SYS_TIME, the random generator reads the host's
 * /dev/urandom, and the TCP driver is a pair of files (named pipes that
 * tests/firmware/relay.py connects to a real server). On a real board these
 * become an RTC, the TRNG and lwIP or a modem; the millisecond tick is the
 * real thing (SysTick) either way.
 *
 * The semihosting network cannot wait with a timeout or poll: reads block
 * until data arrives, and a read that must not wait reports would-block at
 * once. Those are limits of this stand-in, not of the port.
 */
#include <stdint.h>
#include <string.h>

#include "board.h"
#include "tv_baremetal.h"

#define BOARD_CPU_HZ 25000000u

/* ---- semihosting ------------------------------------------------------ */

enum {
    SYS_OPEN = 0x01,
    SYS_CLOSE = 0x02,
    SYS_WRITE0 = 0x04,
    SYS_WRITE = 0x05,
    SYS_READ = 0x06,
    SYS_TIME = 0x11,
    SYS_GET_CMDLINE = 0x15,
    SYS_EXIT_EXTENDED = 0x20,
};
enum { SH_MODE_RB = 1, SH_MODE_WB = 5 };

static int semihost(int op, const void *arg)
{
    register int r0 __asm__("r0") = op;
    register const void *r1 __asm__("r1") = arg;
    __asm__ volatile("bkpt 0xab" : "+r"(r0) : "r"(r1) : "memory");
    return r0;
}

static int sh_open(const char *path, int mode)
{
    uintptr_t args[3] = {(uintptr_t)path, (uintptr_t)mode, strlen(path)};
    return semihost(SYS_OPEN, args);
}

static void sh_close(int fd)
{
    uintptr_t args[1] = {(uintptr_t)fd};
    (void)semihost(SYS_CLOSE, args);
}

/* SYS_READ/SYS_WRITE answer how many bytes were *not* transferred. */
static int sh_xfer(int op, int fd, const void *buf, size_t len)
{
    uintptr_t args[3] = {(uintptr_t)fd, (uintptr_t)buf, len};
    int left = semihost(op, args);
    return left < 0 || (size_t)left > len ? -1 : (int)(len - (size_t)left);
}

void board_print(const char *s)
{
    (void)semihost(SYS_WRITE0, s);
}

void board_exit(int status)
{
    uintptr_t args[2] = {0x20026u /* ADP_Stopped_ApplicationExit */, (uintptr_t)status};
    for (;;) {
        (void)semihost(SYS_EXIT_EXTENDED, args);
    }
}

/* newlib's exit() ends here; mbedTLS's allocator calls exit() if it ever
 * finds its heap corrupted. */
void _exit(int status);
void _exit(int status)
{
    board_exit(status);
}

const char *board_cmdline(char *buf, size_t cap)
{
    uintptr_t args[2] = {(uintptr_t)buf, cap};
    buf[0] = '\0';
    if (cap == 0 || semihost(SYS_GET_CMDLINE, args) != 0) {
        return "";
    }
    buf[cap - 1] = '\0';
    return buf;
}

/* ---- the millisecond tick (SysTick) ----------------------------------- */

static volatile uint64_t board_ms;

void SysTick_Handler(void)
{
    board_ms++;
}

void board_init(void)
{
    volatile uint32_t *syst = (volatile uint32_t *)0xE000E010u; /* CSR, RVR, CVR */
    syst[1] = BOARD_CPU_HZ / 1000u - 1u;
    syst[2] = 0;
    syst[0] = 7u; /* processor clock, interrupt, enable */
}

/* ---- integration points of the bare-metal port ------------------------ */

uint64_t tv_bm_millis(void)
{
    uint64_t a, b;
    do { /* a 64-bit read is two loads; retry if the tick fell between */
        a = board_ms;
        b = board_ms;
    } while (a != b);
    return a;
}

int64_t tv_bm_wall_clock(void)
{
    int t = semihost(SYS_TIME, NULL);
    return t > 0 ? (int64_t)(uint32_t)t : -1;
}

int tv_bm_rng(uint8_t *buf, size_t len)
{
    int fd = sh_open("/dev/urandom", SH_MODE_RB);
    if (fd < 0) {
        return TV_ERR_ENTROPY;
    }
    int n = sh_xfer(SYS_READ, fd, buf, len);
    sh_close(fd);
    return n >= 0 && (size_t)n == len ? TV_OK : TV_ERR_ENTROPY;
}

/* The network: connection n is a pair of named pipes, "<prefix>.<n>.in"
 * carrying the server's bytes to us and "<prefix>.<n>.out" ours to it, that
 * the relay on the host made; the handle packs both semihosting file
 * numbers. A new pair per connection keeps one connection's end of stream
 * from being confused with the next one's start. The prefix is set by
 * board_set_net_prefix (default build/firmware/net). */
static char board_net_prefix[96] = "build/firmware/net";
static uint32_t board_net_count;

void board_set_net_prefix(const char *prefix)
{
    size_t n = strlen(prefix);
    if (n > 0 && n < sizeof board_net_prefix) {
        memcpy(board_net_prefix, prefix, n + 1);
    }
}

/* "<prefix>.<n><suffix>" into path (room for the prefix and 16 more bytes). */
static void board_net_path(char *path, uint32_t n, const char *suffix)
{
    char digits[11];
    size_t d = sizeof digits;
    do {
        digits[--d] = (char)('0' + n % 10u);
        n /= 10u;
    } while (n != 0 && d > 0);
    size_t len = strlen(board_net_prefix);
    memcpy(path, board_net_prefix, len);
    path[len++] = '.';
    memcpy(path + len, digits + d, sizeof digits - d);
    len += sizeof digits - d;
    memcpy(path + len, suffix, strlen(suffix) + 1);
}

int tv_bm_tcp_open(intptr_t *handle, const char *host, uint16_t port, uint32_t timeout_ms)
{
    (void)host; /* the relay on the host side knows where to connect */
    (void)port;
    (void)timeout_ms;
    char path[sizeof board_net_prefix + 16];
    uint32_t n = ++board_net_count;
    board_net_path(path, n, ".out");
    int out = sh_open(path, SH_MODE_WB);
    board_net_path(path, n, ".in");
    int in = out < 0 ? -1 : sh_open(path, SH_MODE_RB);
    if (in < 0) {
        if (out >= 0) {
            sh_close(out);
        }
        return TV_ERR_CONNECT;
    }
    *handle = (intptr_t)(((uint32_t)in << 16) | (uint32_t)out);
    return TV_OK;
}

int32_t tv_bm_tcp_write(intptr_t handle, const uint8_t *buf, size_t len, uint32_t timeout_ms)
{
    (void)timeout_ms;
    int n = sh_xfer(SYS_WRITE, (int)(handle & 0xFFFF), buf, len);
    return n > 0 ? (int32_t)n : TV_ERR_PEER_CLOSED;
}

int32_t tv_bm_tcp_read(intptr_t handle, uint8_t *buf, size_t len, uint32_t timeout_ms)
{
    if (timeout_ms == 0) {
        /* Semihosting cannot poll: a read that must not wait finds nothing.
         * (The client's check of an idle connection before a POST then
         * always finds it alive.) */
        return TV_ERR_WOULD_BLOCK;
    }
    int n = sh_xfer(SYS_READ, (int)(handle >> 16), buf, len);
    return n > 0 ? (int32_t)n : n == 0 ? TV_ERR_PEER_CLOSED : TV_ERR_IO;
}

void tv_bm_tcp_close(intptr_t handle)
{
    sh_close((int)(handle >> 16));
    sh_close((int)(handle & 0xFFFF));
}
