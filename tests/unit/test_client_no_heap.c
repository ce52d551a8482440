/*
 * No allocation, proven on the host: every call this process makes into the
 * system heap (malloc, calloc, realloc, free, the aligned variants) is
 * counted, and a full client session against the simulator makes none.
 *
 * How the heap is watched: in a plain build this program defines the heap
 * functions itself and forwards them to glibc's __libc_* entry points, so
 * every call in the process, glibc's own internal ones included (glibc
 * supports replacing malloc this way), passes through a counter. Under
 * AddressSanitizer, which owns the heap, its malloc/free hooks count instead.
 *
 * Where initialization ends: after tv_tls_arena_init() and tv_client_init().
 * Before that, only the test harness may use the heap (starting and seeding
 * the simulator, making certificates, stdio); the library's own
 * initialization is counted as well and must make no call either. The
 * session after it, counted and required to make zero calls: TCP connect by
 * numeric address (getaddrinfo would allocate; the port skips it for
 * numbers), a full TLS handshake whose certificate dates are checked against
 * the port's clock (not gmtime_r, which allocates), the login, 1,000 requests
 * on the kept-alive connection (GETs and order placements), a token renewal,
 * a reconnect that resumes the TLS session, and the stream of a list of over
 * 10,000 orders (chunked in random sizes, one element at a time).
 *
 * The arena is TV_TLS_ARENA_RECOMMENDED bytes, the size tv_config.h
 * recommends, and the server presents the chain a public CA issues (an
 * RSA-2048 leaf and intermediate, tests/proof/make-chain.sh), the largest
 * handshake we expect. The arena's peak is printed; the test fails if it
 * leaves less than 10 % of the arena free.
 */
#define _GNU_SOURCE /* dladdr, for naming a caller */
#include <dlfcn.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "client_fixture.h"
#include "tradovate/tv_config.h"
#include "tradovate/tv_tls.h"
#include "tv_test.h"

/* ------------------------------------------------------------------ */
/* Counting the heap                                                   */
/* ------------------------------------------------------------------ */

#if defined(__SANITIZE_ADDRESS__)
#define TV_HEAP_ASAN 1
#elif defined(__has_feature)
#if __has_feature(address_sanitizer)
#define TV_HEAP_ASAN 1
#endif
#endif

#define TV_HEAP_CALLERS 8

static volatile int counting;
static volatile unsigned long heap_calls;
static void *volatile callers[TV_HEAP_CALLERS];

static void heap_note(void *caller)
{
    if (counting) {
        unsigned long n = heap_calls;
        if (n < TV_HEAP_CALLERS) {
            callers[n] = caller;
        }
        heap_calls = n + 1;
    }
}

#if defined(TV_HEAP_ASAN)
/* sanitizer/allocator_interface.h, which GCC does not install. */
int __sanitizer_install_malloc_and_free_hooks(void (*malloc_hook)(const volatile void *, size_t),
                                              void (*free_hook)(const volatile void *));

static void on_malloc(const volatile void *p, size_t n)
{
    (void)p;
    (void)n;
    heap_note(__builtin_return_address(0));
}

static void on_free(const volatile void *p)
{
    (void)p;
    heap_note(__builtin_return_address(0));
}

static int heap_watch(void)
{
    return __sanitizer_install_malloc_and_free_hooks(on_malloc, on_free) != 0 ? 0 : -1;
}
#elif defined(__GLIBC__)
extern void *__libc_malloc(size_t n);
extern void *__libc_calloc(size_t n, size_t size);
extern void *__libc_realloc(void *p, size_t n);
extern void __libc_free(void *p);
extern void *__libc_memalign(size_t align, size_t n);
void *memalign(size_t align, size_t n);
void *valloc(size_t n);
void *pvalloc(size_t n);
void *reallocarray(void *p, size_t n, size_t size);

void *malloc(size_t n)
{
    heap_note(__builtin_return_address(0));
    return __libc_malloc(n);
}

void *calloc(size_t n, size_t size)
{
    heap_note(__builtin_return_address(0));
    return __libc_calloc(n, size);
}

void *realloc(void *p, size_t n)
{
    heap_note(__builtin_return_address(0));
    return __libc_realloc(p, n);
}

void *reallocarray(void *p, size_t n, size_t size)
{
    heap_note(__builtin_return_address(0));
    if (size != 0 && n > (size_t)-1 / size) {
        return NULL;
    }
    return __libc_realloc(p, n * size);
}

void free(void *p)
{
    heap_note(__builtin_return_address(0));
    __libc_free(p);
}

void *memalign(size_t align, size_t n)
{
    heap_note(__builtin_return_address(0));
    return __libc_memalign(align, n);
}

void *aligned_alloc(size_t align, size_t n)
{
    heap_note(__builtin_return_address(0));
    return __libc_memalign(align, n);
}

int posix_memalign(void **out, size_t align, size_t n)
{
    heap_note(__builtin_return_address(0));
    void *p = __libc_memalign(align, n);
    if (p == NULL) {
        return 12; /* ENOMEM */
    }
    *out = p;
    return 0;
}

void *valloc(size_t n)
{
    heap_note(__builtin_return_address(0));
    return __libc_memalign((size_t)sysconf(_SC_PAGESIZE), n);
}

void *pvalloc(size_t n)
{
    heap_note(__builtin_return_address(0));
    size_t page = (size_t)sysconf(_SC_PAGESIZE);
    return __libc_memalign(page, (n + page - 1) / page * page);
}

static int heap_watch(void)
{
    return 0;
}
#else
static int heap_watch(void)
{
    return -1;
}
#endif

/* Counts the heap calls of what runs between heap_start() and heap_stop(). */
static void heap_start(void)
{
    heap_calls = 0;
    memset((void *)callers, 0, sizeof callers);
    counting = 1;
}

static unsigned long heap_stop(const char *what)
{
    counting = 0;
    unsigned long n = heap_calls;
    fprintf(stderr, "heap calls during %s: %lu\n", what, n);
    for (unsigned long i = 0; i < n && i < TV_HEAP_CALLERS; i++) {
        Dl_info info;
        memset(&info, 0, sizeof info);
        (void)dladdr(callers[i], &info);
        fprintf(stderr, "  call %lu from %p (%s, near %s)\n", i + 1, callers[i],
                info.dli_fname ? info.dli_fname : "?", info.dli_sname ? info.dli_sname : "?");
    }
    return n;
}

/* ------------------------------------------------------------------ */
/* The session                                                         */
/* ------------------------------------------------------------------ */

#define SEEDED_ORDERS 10000
#define REQUESTS      1000
#define ACCOUNT       1001

static tv_sim sim;
static tv_fixture fx;
static uint8_t arena[TV_TLS_ARENA_RECOMMENDED] __attribute__((aligned(8)));
static char chain_dir[300];
#define C (&fx.client)

/* The simulator, serving the chain: the reconnect comes from one answer to
 * /auth/me carrying Connection: close; the long list comes chunked. */
static int start_sim(void)
{
    char args[800], ca[400], cmd[1000];
    const char *b = getenv("TV_TEST_BUILD");
    snprintf(chain_dir, sizeof chain_dir, "%s/proof-chain", b != NULL ? b : "build");
    snprintf(cmd, sizeof cmd, "sh tests/proof/make-chain.sh '%s'", chain_dir);
    if (system(cmd) != 0) {
        fprintf(stderr, "cannot make the certificate chain in %s\n", chain_dir);
        return -1;
    }
    snprintf(args, sizeof args,
             "--cert-dir %s --key-type rsa "
             "--fault {\"kind\":\"connection_close\",\"count\":1,\"path\":\"/auth/me\"} "
             "--fault {\"kind\":\"chunked\",\"count\":1,\"path\":\"/order/list\",\"min\":1,"
             "\"max\":700}",
             chain_dir);
    if (tv_sim_start(&sim, args) != 0) {
        return -1;
    }
    snprintf(ca, sizeof ca, "%s/ca.pem", chain_dir); /* not the default test CA */
    FILE *f = fopen(ca, "rb");
    sim.ca_len = f != NULL ? fread(sim.ca, 1, sizeof sim.ca, f) : 0;
    if (f != NULL) {
        fclose(f);
    }
    snprintf(cmd, sizeof cmd,
             "python3 tests/sim/simctl.py --port %u --cacert '%s' seed-orders %d %d >/dev/null",
             sim.port, ca, SEEDED_ORDERS, ACCOUNT);
    return sim.ca_len > 0 && system(cmd) == 0 ? 0 : -1;
}

typedef struct {
    size_t orders;
    size_t foreign; /* orders of another account: none expected */
    int64_t max_id;
} order_tally;

static int tally_order(void *user, const void *entity)
{
    order_tally *t = user;
    const tv_order *o = entity;
    t->orders++;
    t->foreign += o->account_id != ACCOUNT;
    t->max_id = o->id > t->max_id ? o->id : t->max_id;
    return 0;
}

/* One request of the 1,000: mostly reads, every tenth an order. */
static int one_request(int i, size_t *placed)
{
    tv_account accounts[4];
    tv_position positions[4];
    char strings[512];
    tv_sink sink;
    switch (i % 10) {
    case 0: {
        tv_place_order o = tv_fixture_market_order(ACCOUNT, "MESZ6", 1);
        tv_place_order_result r;
        int rc = tv_order_place(C, &o, &r);
        *placed += rc == TV_OK && r.order_id > 0;
        return rc;
    }
    case 1:
    case 4:
    case 7:
        sink = tv_sink_array(positions, 4, strings, sizeof strings);
        return tv_position_list(C, &sink);
    case 2: {
        tv_contract k;
        return tv_contract_find(C, "ESZ6", &k);
    }
    default:
        sink = tv_sink_array(accounts, 4, strings, sizeof strings);
        return tv_account_list(C, &sink);
    }
}

static void session(void)
{
    size_t placed = 0;
    tv_account accounts[4];
    char strings[512];
    tv_sink sink = tv_sink_array(accounts, 4, strings, sizeof strings);

    /* Connect, full handshake, login. */
    tv_access_token_response token;
    TV_CHECK_INT(tv_auth_request_token(C, &token), TV_OK);
    TV_CHECK(tv_client_logged_in(C));
    TV_CHECK(tv_client_last_call(C)->reconnected);
    TV_CHECK(!tv_client_last_call(C)->resumed);

    /* 1,000 requests on that one connection. */
    int failed = 0, reconnects = 0;
    for (int i = 0; i < REQUESTS; i++) {
        failed += one_request(i, &placed) != TV_OK;
        reconnects += tv_client_last_call(C)->reconnected;
    }
    TV_CHECK_INT(failed, 0);
    TV_CHECK_INT(reconnects, 0);
    TV_CHECK_INT(placed, REQUESTS / 10);

    TV_CHECK_INT(tv_auth_renew_token(C, &token), TV_OK);

    /* The server closes after this answer; the next call resumes. */
    tv_me_response me;
    TV_CHECK_INT(tv_auth_me(C, &me), TV_OK);
    TV_CHECK_INT(me.user_id, 101);
    TV_CHECK_INT(tv_account_list(C, &sink), TV_OK);
    TV_CHECK(tv_client_last_call(C)->reconnected);
    TV_CHECK(tv_client_last_call(C)->resumed);

    /* The long list, streamed: the seeded orders and those placed above. */
    order_tally t = {0, 0, 0};
    tv_sink each = tv_sink_callback(tally_order, &t);
    TV_CHECK_INT(tv_order_list(C, &each), TV_OK);
    TV_CHECK_INT(t.orders, SEEDED_ORDERS + placed);
    TV_CHECK_INT(each.count, t.orders);
    TV_CHECK_INT(t.foreign, 0);
    TV_CHECK(t.max_id > 4000000000000);
}

static void test_session_without_heap(void)
{
    heap_start();
    TV_CHECK_INT(tv_fixture_arena_with(arena, sizeof arena), TV_OK);
    TV_CHECK_INT(tv_fixture_client(&fx, &sim, 16384), TV_OK);
    TV_CHECK_INT(heap_stop("initialization (arena, client)"), 0);

    heap_start();
    session();
    TV_CHECK_INT(heap_stop("the session"), 0);
}

/* The arena recommended for one client leaves at least 10 % free. */
static void test_arena_headroom(void)
{
    size_t peak = tv_tls_arena_peak(arena, sizeof arena);
    fprintf(stderr, "TLS arena peak: %zu of %zu bytes (%.1f %% free)\n", peak, sizeof arena,
            100.0 * (double)(sizeof arena - peak) / (double)sizeof arena);
    TV_CHECK(peak > 0);
    TV_CHECK(peak * 10 <= sizeof arena * 9);
}

int main(void)
{
    if (heap_watch() != 0) {
        fprintf(stderr, "cannot watch the heap here (glibc or AddressSanitizer needed)\n");
        return 1;
    }
    if (start_sim() != 0) {
        tv_sim_stop(&sim);
        return 1;
    }
    TV_RUN(test_session_without_heap);
    TV_RUN(test_arena_headroom);
    tv_client_free(C);
    TV_CHECK_INT(tv_sim_stop(&sim), 0);
    return tv_test_summary();
}
