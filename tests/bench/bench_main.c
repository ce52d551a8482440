/*
 * The benchmark harness (see bench.h): the scenarios, the measured region
 * callgrind counts, wall-clock times per iteration, and the stack high-water
 * mark of a whole session. Results go to stdout as "key value" lines for
 * tests/bench/bench.py.
 */
#define _GNU_SOURCE
#include <pthread.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "bench.h"

/* Under callgrind (started with --instr-atstart=no) only the measured
 * iterations are instrumented at all: its call counts, unlike its costs,
 * would otherwise include every call made outside bench_measured(). */
#if defined(__has_include)
#if __has_include(<valgrind/callgrind.h>)
#include <valgrind/callgrind.h>
#endif
#endif
#ifndef CALLGRIND_START_INSTRUMENTATION
#define CALLGRIND_START_INSTRUMENTATION
#define CALLGRIND_STOP_INSTRUMENTATION
#endif

typedef int (*bench_op)(void);

static const char *base_url;
static const char *ca_path;
static bench_list_sum list_sum;
static int resumed_count;

static uint64_t now_ns(void)
{
    struct timespec ts;
    clock_gettime(CLOCK_MONOTONIC, &ts);
    return (uint64_t)ts.tv_sec * 1000000000u + (uint64_t)ts.tv_nsec;
}

/* Everything callgrind counts happens in here (--toggle-collect). */
int bench_measured(bench_op op);
__attribute__((noinline)) int bench_measured(bench_op op)
{
    return op();
}

static int op_place(void)
{
    return bench_client_place();
}

static int op_list(void)
{
    return bench_client_list(&list_sum);
}

static int op_cold(void)
{
    return bench_client_init(base_url, ca_path) != 0 ? -1 : bench_client_login();
}

static int op_reconnect(void)
{
    int rc = bench_client_place();
    resumed_count += bench_client_resumed() == 1;
    return rc;
}

/* n measured iterations of op; after (if any) runs between them, unmeasured. */
static int measure(bench_op op, void (*after)(void), size_t n, uint64_t *times)
{
    int rc = 0;
    CALLGRIND_START_INSTRUMENTATION;
    for (size_t i = 0; i < n && rc == 0; i++) {
        uint64_t t0 = now_ns();
        rc = bench_measured(op);
        uint64_t t1 = now_ns();
        if (times != NULL) {
            times[i] = t1 - t0;
        }
        if (rc != 0) {
            fprintf(stderr, "%s: iteration %zu failed\n", bench_client_name, i);
        } else if (after != NULL) {
            after();
        }
    }
    CALLGRIND_STOP_INSTRUMENTATION;
    return rc != 0 ? -1 : 0;
}

static int repeat(bench_op op, size_t n)
{
    for (size_t i = 0; i < n; i++) {
        if (op() != 0) {
            fprintf(stderr, "%s: warm-up %zu failed\n", bench_client_name, i);
            return -1;
        }
    }
    return 0;
}

static int start(void)
{
    if (bench_client_init(base_url, ca_path) != 0 || bench_client_login() != 0) {
        fprintf(stderr, "%s: set-up or login failed\n", bench_client_name);
        return -1;
    }
    return 0;
}

/* ---- memory: a session on a painted stack -------------------------------- */

#define BENCH_STACK_SIZE (1024u * 1024u)
#define BENCH_PAINT      0xA5u

static uint8_t thread_stack[BENCH_STACK_SIZE] __attribute__((aligned(4096)));

typedef struct painted_run {
    int (*body)(void);
    int rc;
} painted_run;

static void *painted_thread(void *arg)
{
    painted_run *run = arg;
    run->rc = run->body != NULL ? run->body() : 0;
    return NULL;
}

/* Runs body on a thread whose stack was painted first; returns the bytes
 * of that stack ever written (the thread's own descriptor included). */
static size_t painted_stack_use(int (*body)(void), int *rc)
{
    pthread_attr_t attr;
    pthread_t th;
    painted_run run = {body, 0};
    memset(thread_stack, BENCH_PAINT, sizeof thread_stack);
    pthread_attr_init(&attr);
    pthread_attr_setstack(&attr, thread_stack, sizeof thread_stack);
    if (pthread_create(&th, &attr, painted_thread, &run) != 0) {
        *rc = -1;
        return 0;
    }
    pthread_join(th, NULL);
    pthread_attr_destroy(&attr);
    size_t untouched = 0;
    while (untouched < sizeof thread_stack && thread_stack[untouched] == BENCH_PAINT) {
        untouched++;
    }
    *rc = run.rc;
    return sizeof thread_stack - untouched;
}

static int body_session(void)
{
    if (start() != 0 || repeat(op_place, 100) != 0 || op_list() != 0) {
        return -1;
    }
    bench_client_report(stdout);
    return 0;
}

static int body_listmem(void)
{
    if (start() != 0 || op_list() != 0) {
        return -1;
    }
    bench_client_report(stdout);
    return 0;
}

static int memory(int (*body)(void))
{
    int rc;
    size_t baseline = painted_stack_use(NULL, &rc);
    size_t used = painted_stack_use(body, &rc);
    printf("stack_peak %zu\n", used > baseline ? used - baseline : 0);
    return rc;
}

/* ---- the scenarios ------------------------------------------------------ */

static int write_times(const char *path, const uint64_t *times, size_t n)
{
    FILE *f = fopen(path, "w");
    if (f == NULL) {
        perror(path);
        return -1;
    }
    for (size_t i = 0; i < n; i++) {
        fprintf(f, "%llu\n", (unsigned long long)times[i]);
    }
    return fclose(f) == 0 ? 0 : -1;
}

int main(int argc, char **argv)
{
    if (argc < 5) {
        fprintf(stderr,
                "usage: %s place|list|cold|reconnect|session|listmem BASE_URL CA_PEM N "
                "[TIMES_FILE [WARMUP]]\n",
                argv[0]);
        return 2;
    }
    const char *mode = argv[1];
    base_url = argv[2];
    ca_path = argv[3];
    size_t n = (size_t)strtoul(argv[4], NULL, 10);
    const char *times_path =
        argc > 5 && argv[5][0] != '\0' && strcmp(argv[5], "-") != 0 ? argv[5] : NULL;
    size_t warmup = argc > 6 ? (size_t)strtoul(argv[6], NULL, 10) : 100;
    uint64_t *times = times_path != NULL ? calloc(n ? n : 1, sizeof *times) : NULL;
    int rc;

    printf("client %s\nmode %s\nn %zu\n", bench_client_name, mode, n);
    if (strcmp(mode, "place") == 0 || strcmp(mode, "reconnect") == 0) {
        bench_op op = mode[0] == 'p' ? op_place : op_reconnect;
        rc = start();
        rc = rc == 0 ? repeat(op_place, warmup) : rc;
        resumed_count = 0;
        rc = rc == 0 ? measure(op, NULL, n, times) : rc;
        printf("resumed %d\n", resumed_count);
    } else if (strcmp(mode, "list") == 0) {
        rc = start();
        rc = rc == 0 ? repeat(op_list, warmup < 1 ? warmup : 1) : rc;
        memset(&list_sum, 0, sizeof list_sum);
        rc = rc == 0 ? measure(op_list, NULL, n, times) : rc;
    } else if (strcmp(mode, "cold") == 0) {
        rc = op_cold(); /* process-wide one-time set-up happens here, unmeasured */
        bench_client_free();
        rc = rc == 0 ? measure(op_cold, bench_client_free, n, times) : rc;
        printf("resumed %d\n", bench_client_resumed());
    } else if (strcmp(mode, "session") == 0) {
        rc = memory(body_session);
    } else if (strcmp(mode, "listmem") == 0) {
        rc = memory(body_listmem);
    } else {
        fprintf(stderr, "unknown mode %s\n", mode);
        return 2;
    }
    if (list_sum.count > 0) {
        printf("orders %llu\nid_sum %llu\ntime_sum %llu\nenum_sum %llu\n",
               (unsigned long long)list_sum.count, (unsigned long long)list_sum.id_sum,
               (unsigned long long)list_sum.time_sum, (unsigned long long)list_sum.enum_sum);
    }
    if (rc == 0 && times != NULL) {
        rc = write_times(times_path, times, n);
    }
    bench_client_free();
    free(times);
    printf("status %s\n", rc == 0 ? "ok" : "failed");
    return rc == 0 ? 0 : 1;
}
