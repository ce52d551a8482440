/* Trust stores and pins, without a network: PEM/DER detection, every shape of
 * trust store we accept, refusal of broken ones at every truncation, and SPKI
 * pins against the ones openssl computes. */
#define _POSIX_C_SOURCE 200809L
#include "tv_test.h"

#include <stdlib.h>

#include <mbedtls/memory_buffer_alloc.h>
#include <mbedtls/sha256.h>

#include "../tls/tv_tls_test.h"
#include "tls_priv.h"

static uint8_t arena[96 * 1024];

/* A test-owned copy of exactly len bytes, so ASan sees reads past the end. */
static uint8_t *copy_of(const void *src, size_t len)
{
    uint8_t *p = malloc(len > 0 ? len : 1);
    memcpy(p, src, len);
    return p;
}

static int chain_len(const mbedtls_x509_crt *c)
{
    int n = 0;
    for (; c != NULL && c->raw.len > 0; c = c->next) {
        n++;
    }
    return n;
}

/* tv_tls_config_init over exactly these bytes; *count gets the CAs kept. */
static int config_over(const void *bytes, size_t len, int *count)
{
    uint8_t *buf = copy_of(bytes, len);
    tv_tls_config cfg;
    int rc = tv_tls_config_init(&cfg, buf, len);
    *count = rc == TV_OK ? chain_len(&cfg.ca) : 0;
    tv_tls_config_free(&cfg);
    free(buf);
    return rc;
}

static void test_format_detection(void)
{
    size_t der_len, pem_len, bundle_len;
    uint8_t *der = tv_tls_test_read("ca.der", &der_len);
    uint8_t *pem = tv_tls_test_read("ca.pem", &pem_len);
    uint8_t *bundle = tv_tls_test_read("bundle.pem", &bundle_len);
    TV_CHECK(der != NULL && pem != NULL && bundle != NULL);
    TV_CHECK_INT(tv_tls_ca_format(der, der_len), TV_TLS_CA_DER);
    TV_CHECK_INT(tv_tls_ca_format(pem, pem_len), TV_TLS_CA_PEM);
    TV_CHECK_INT(tv_tls_ca_format(bundle, bundle_len), TV_TLS_CA_PEM); /* starts with a comment */

    static const char zero_text[] = "0 is where -----BEGIN CERTIFICATE----- starts";
    TV_CHECK_INT(tv_tls_ca_format((const uint8_t *)zero_text, sizeof zero_text - 1), TV_TLS_CA_PEM);
    static const char key[] = "-----BEGIN PRIVATE KEY-----\nMC4CAQA=\n-----END PRIVATE KEY-----\n";
    TV_CHECK_INT(tv_tls_ca_format((const uint8_t *)key, sizeof key - 1), TV_ERR_TLS_BAD_CA);
    static const uint8_t short_seq[] = {0x30, 0x03, 0x02, 0x01, 0x00};
    TV_CHECK_INT(tv_tls_ca_format(short_seq, sizeof short_seq), TV_ERR_TLS_BAD_CA);
    TV_CHECK_INT(tv_tls_ca_format(der, 3), TV_ERR_TLS_BAD_CA);
    TV_CHECK_INT(tv_tls_ca_format(pem, 0), TV_ERR_TLS_BAD_CA);
    TV_CHECK_INT(tv_tls_ca_format(NULL, 10), TV_ERR_TLS_BAD_CA);
    free(der);
    free(pem);
    free(bundle);
}

static void test_accepted_shapes(void)
{
    static const char *const files[] = {"ca.pem", "ca.der", "bundle.pem", "bundle.der"};
    static const int counts[] = {1, 1, 2, 2};
    for (size_t i = 0; i < sizeof files / sizeof files[0]; i++) {
        size_t len;
        uint8_t *buf = tv_tls_test_read(files[i], &len);
        int n = -1;
        TV_CHECK_INT(config_over(buf, len, &n), TV_OK);
        TV_CHECK_INT(n, counts[i]);
        free(buf);
    }
    /* PEM as a C string, terminator included (what mbedTLS itself wants). */
    size_t len;
    uint8_t *pem = tv_tls_test_read("ca.pem", &len);
    uint8_t *with_nul = malloc(len + 1);
    memcpy(with_nul, pem, len);
    with_nul[len] = '\0';
    int n = -1;
    TV_CHECK_INT(config_over(with_nul, len + 1, &n), TV_OK);
    TV_CHECK_INT(n, 1);
    free(with_nul);
    free(pem);
}

/* Roots this build cannot use are left out, counted, and the rest kept;
 * a store of unusable roots only is no store. */
static void test_unusable_roots_skipped(void)
{
    static const char *const files[] = {"mixed.pem", "mixed.der", "sha1root.pem"};
    static const int kept[] = {2, 2, 1};
    static const int skipped[] = {1, 1, 0};
    for (size_t i = 0; i < sizeof files / sizeof files[0]; i++) {
        size_t len;
        uint8_t *buf = tv_tls_test_read(files[i], &len);
        tv_tls_config cfg;
        TV_CHECK(buf != NULL);
        TV_CHECK_INT(tv_tls_config_init(&cfg, buf, len), TV_OK);
        TV_CHECK_INT(chain_len(&cfg.ca), kept[i]);
        TV_CHECK_INT(cfg.ca_skipped, skipped[i]);
        tv_tls_config_free(&cfg);
        free(buf);
    }
    int n;
    for (size_t i = 0; i < 2; i++) {
        size_t len;
        uint8_t *buf = tv_tls_test_read(i == 0 ? "ed25519.pem" : "ed25519.der", &len);
        TV_CHECK_INT(config_over(buf, len, &n), TV_ERR_TLS_BAD_CA);
        free(buf);
    }
}

/* The operating system's store, as the CLI uses it by default (CI installs
 * ca-certificates): every root loads, none refuses the set. */
static void test_system_store(void)
{
    static const char path[] = "/etc/ssl/certs/ca-certificates.crt";
    FILE *f = fopen(path, "rb");
    TV_CHECK(f != NULL);
    if (f == NULL) {
        fprintf(stderr, "  %s missing: install ca-certificates\n", path);
        return;
    }
    static uint8_t store[1u << 20];
    size_t len = fread(store, 1, sizeof store, f);
    fclose(f);
    TV_CHECK(len > 0 && len < sizeof store);
    int begins = 0;
    for (size_t i = 0; i + 27 <= len; i++) {
        begins += memcmp(store + i, "-----BEGIN CERTIFICATE-----", 27) == 0;
    }
    /* mbedTLS keeps a parsed copy of every root: a whole store needs a
     * desktop-sized arena (the CLI has one) */
    static uint8_t big[1u << 20];
    tv_tls_arena_free();
    TV_CHECK_INT(tv_tls_arena_init(big, sizeof big), TV_OK);
    uint8_t *copy = copy_of(store, len);
    tv_tls_config cfg;
    TV_CHECK_INT(tv_tls_config_init(&cfg, copy, len), TV_OK);
    TV_CHECK(begins > 50);
    TV_CHECK_INT(chain_len(&cfg.ca) + cfg.ca_skipped, begins);
    fprintf(stderr, "  system store: %d roots, %u skipped, arena peak %zu bytes\n", begins,
            (unsigned)cfg.ca_skipped, tv_tls_arena_peak(big, sizeof big));
    tv_tls_config_free(&cfg);
    free(copy);
    tv_tls_arena_free();
    TV_CHECK_INT(tv_tls_arena_init(arena, sizeof arena), TV_OK);
}

static void test_refused_stores(void)
{
    int n;
    tv_tls_config cfg;
    TV_CHECK_INT(tv_tls_config_init(&cfg, NULL, 10), TV_ERR_INVALID_ARG);
    TV_CHECK_INT(tv_tls_config_init(NULL, arena, 10), TV_ERR_INVALID_ARG);
    TV_CHECK_INT(config_over("", 0, &n), TV_ERR_TLS_BAD_CA);
    TV_CHECK_INT(config_over("not a certificate", 17, &n), TV_ERR_TLS_BAD_CA);

    static const char hello[] =
        "-----BEGIN CERTIFICATE-----\naGVsbG8=\n-----END CERTIFICATE-----\n";
    TV_CHECK_INT(config_over(hello, sizeof hello - 1, &n), TV_ERR_TLS_BAD_CA); /* not DER */
    static const char empty[] = "-----BEGIN CERTIFICATE-----\n-----END CERTIFICATE-----\n";
    TV_CHECK_INT(config_over(empty, sizeof empty - 1, &n), TV_ERR_TLS_BAD_CA);

    size_t len;
    uint8_t *pem = tv_tls_test_read("ca.pem", &len);
    uint8_t *bad = copy_of(pem, len);
    bad[40] = '*'; /* inside the base64 body */
    TV_CHECK_INT(config_over(bad, len, &n), TV_ERR_TLS_BAD_CA);
    free(bad);

    /* One good block and one broken one: the whole store is refused. */
    uint8_t *two = malloc(2 * len);
    memcpy(two, pem, len);
    memcpy(two + len, pem, len);
    two[len + 40] = '*';
    TV_CHECK_INT(config_over(two, 2 * len, &n), TV_ERR_TLS_BAD_CA);
    free(two);
    free(pem);

    uint8_t *der = tv_tls_test_read("ca.der", &len);
    uint8_t *trailing = malloc(len + 1);
    memcpy(trailing, der, len);
    trailing[len] = 0x30;
    TV_CHECK_INT(config_over(trailing, len + 1, &n), TV_ERR_TLS_BAD_CA);
    free(trailing);
    free(der);
}

/* The PEM result for a prefix: each complete block counts, a BEGIN without
 * its END spoils the store, and no block at all is no store. */
static int pem_expect(const uint8_t *buf, size_t cut, int *n)
{
    static const char begin[] = "-----BEGIN CERTIFICATE-----";
    static const char end[] = "-----END CERTIFICATE-----";
    int begins = 0, ends = 0;
    for (size_t i = 0; i < cut; i++) {
        begins += i + sizeof begin - 1 <= cut && memcmp(buf + i, begin, sizeof begin - 1) == 0;
        ends += i + sizeof end - 1 <= cut && memcmp(buf + i, end, sizeof end - 1) == 0;
    }
    *n = begins == ends ? ends : 0;
    return *n > 0 ? TV_OK : TV_ERR_TLS_BAD_CA;
}

/* DER: only a cut exactly after a whole certificate is a store. */
static size_t der_first_len;
static int der_expect(const uint8_t *buf, size_t cut, int *n)
{
    (void)buf;
    *n = cut > 0 && cut == der_first_len ? 1 : 0;
    return *n > 0 ? TV_OK : TV_ERR_TLS_BAD_CA;
}

/* Every prefix of a store parses to exactly the certificates it holds whole,
 * or is refused: never accepted half, never read past its end. */
static void truncations_of(const char *file, int (*expect)(const uint8_t *, size_t, int *))
{
    size_t len;
    uint8_t *buf = tv_tls_test_read(file, &len);
    TV_CHECK(buf != NULL);
    for (size_t cut = 0; buf != NULL && cut < len; cut++) {
        int want_n, n = -1;
        int want = expect(buf, cut, &want_n);
        int rc = config_over(buf, cut, &n);
        if (rc != want || n != want_n) {
            TV_CHECK_INT(rc, want);
            TV_CHECK_INT(n, want_n);
            fprintf(stderr, "  %s cut at %zu of %zu\n", file, cut, len);
            break;
        }
    }
    free(buf);
}

static void test_every_truncation(void)
{
    der_first_len = 0; /* a single certificate: no prefix is a store */
    truncations_of("ca.der", der_expect);
    free(tv_tls_test_read("other.der", &der_first_len));
    truncations_of("bundle.der", der_expect); /* a store exactly after other.der */
    truncations_of("bundle.pem", pem_expect);
    truncations_of("ca.pem", pem_expect);
    TV_CHECK_INT(mbedtls_memory_buffer_alloc_verify(), 0);
}

static void check_pin(const char *der_file, const char *pin_file)
{
    size_t der_len, pin_len;
    uint8_t *der = tv_tls_test_read(der_file, &der_len);
    uint8_t *pin = tv_tls_test_read(pin_file, &pin_len);
    uint8_t out[TV_TLS_PIN_LEN];
    TV_CHECK(der != NULL && pin != NULL && pin_len == TV_TLS_PIN_LEN);
    TV_CHECK_INT(tv_tls_spki_sha256(der, der_len, out), TV_OK);
    TV_CHECK(pin != NULL && memcmp(out, pin, TV_TLS_PIN_LEN) == 0);
    for (size_t cut = 0; der != NULL && cut < der_len; cut++) {
        uint8_t *part = copy_of(der, cut);
        int rc = tv_tls_spki_sha256(part, cut, out);
        free(part);
        if (rc != TV_ERR_INVALID_ARG) {
            TV_CHECK_INT(rc, TV_ERR_INVALID_ARG);
            fprintf(stderr, "  %s cut at %zu\n", der_file, cut);
            break;
        }
    }
    free(der);
    free(pin);
}

static void test_pins_match_openssl(void)
{
    check_pin("server.der", "server.pin");
    check_pin("server-rsa.der", "server-rsa.pin");
}

/* The walk by hand: with and without the optional [0] version, and the
 * SubjectPublicKeyInfo taken whole (tag and length included). */
static void test_pin_walk(void)
{
    static const uint8_t v1[] = {0x30, 0x11, 0x30, 0x0f, 0x02, 0x01, 0x01, 0x30, 0x00, 0x30,
                                 0x00, 0x30, 0x00, 0x30, 0x00, 0x30, 0x02, 0x05, 0x00};
    static const uint8_t v3[] = {0x30, 0x16, 0x30, 0x14, 0xa0, 0x03, 0x02, 0x01,
                                 0x02, 0x02, 0x01, 0x01, 0x30, 0x00, 0x30, 0x00,
                                 0x30, 0x00, 0x30, 0x00, 0x30, 0x02, 0x05, 0x00};
    static const uint8_t spki[] = {0x30, 0x02, 0x05, 0x00};
    uint8_t want[32], out[32];
    TV_CHECK_INT(mbedtls_sha256(spki, sizeof spki, want, 0), 0);
    TV_CHECK_INT(tv_tls_spki_sha256(v1, sizeof v1, out), TV_OK);
    TV_CHECK_MEM(out, sizeof out, want, sizeof want);
    TV_CHECK_INT(tv_tls_spki_sha256(v3, sizeof v3, out), TV_OK);
    TV_CHECK_MEM(out, sizeof out, want, sizeof want);

    static const uint8_t no_spki[] = {0x30, 0x0d, 0x30, 0x0b, 0x02, 0x01, 0x01, 0x30,
                                      0x00, 0x30, 0x00, 0x30, 0x00, 0x30, 0x00};
    TV_CHECK_INT(tv_tls_spki_sha256(no_spki, sizeof no_spki, out), TV_ERR_INVALID_ARG);
    static const uint8_t bad_version[] = {0x30, 0x04, 0x30, 0x02, 0xa0, 0x05};
    TV_CHECK_INT(tv_tls_spki_sha256(bad_version, sizeof bad_version, out), TV_ERR_INVALID_ARG);
    TV_CHECK_INT(tv_tls_spki_sha256(NULL, 4, out), TV_ERR_INVALID_ARG);
    TV_CHECK_INT(tv_tls_spki_sha256(v1, sizeof v1, NULL), TV_ERR_INVALID_ARG);
}

static void test_set_pins(void)
{
    size_t len;
    uint8_t *pem = tv_tls_test_read("ca.pem", &len);
    tv_tls_config cfg;
    uint8_t a[TV_TLS_PIN_LEN], b[TV_TLS_PIN_LEN];
    memset(a, 0x11, sizeof a);
    memset(b, 0x22, sizeof b);
    TV_CHECK_INT(tv_tls_config_init(&cfg, pem, len), TV_OK);
    TV_CHECK_INT(cfg.pin_count, 0);
    TV_CHECK_INT(tv_tls_config_set_pins(&cfg, NULL, b), TV_ERR_INVALID_ARG);
    TV_CHECK_INT(tv_tls_config_set_pins(NULL, a, b), TV_ERR_INVALID_ARG);
    TV_CHECK_INT(tv_tls_config_set_pins(&cfg, a, NULL), TV_OK);
    TV_CHECK_INT(cfg.pin_count, 1);
    TV_CHECK_INT(tv_tls_config_set_pins(&cfg, a, b), TV_OK);
    TV_CHECK_INT(cfg.pin_count, 2);
    TV_CHECK_MEM(cfg.pins[1], TV_TLS_PIN_LEN, b, sizeof b);
    tv_tls_config_free(&cfg);
    tv_tls_config_free(&cfg); /* twice is harmless */
    TV_CHECK_INT(cfg.pin_count, 0);
    free(pem);
}

/* Arena exhaustion while parsing is reported as such, not as a bad CA. */
static void test_arena_exhausted(void)
{
    static uint8_t small[4096];
    size_t len;
    uint8_t *pem = tv_tls_test_read("bundle.pem", &len);
    tv_tls_arena_free();
    TV_CHECK_INT(tv_tls_arena_init(small, 100), TV_ERR_INVALID_ARG);
    TV_CHECK_INT(tv_tls_arena_init(small, sizeof small), TV_OK);
    int n;
    TV_CHECK_INT(config_over(pem, len, &n), TV_ERR_TLS_ARENA_EXHAUSTED);
    TV_CHECK(tv_tls_arena_peak(small, sizeof small) > sizeof small / 2);
    tv_tls_arena_free();
    TV_CHECK_INT(tv_tls_arena_init(arena, sizeof arena), TV_OK);
    TV_CHECK_INT(config_over(pem, len, &n), TV_OK);
    free(pem);
}

int main(void)
{
    if (tv_tls_test_make_certs() != 0) {
        fprintf(stderr, "tests/tls/make-certs.sh failed (openssl missing?)\n");
        return 1;
    }
    TV_CHECK_INT(tv_tls_arena_init(arena, sizeof arena), TV_OK);
    TV_RUN(test_format_detection);
    TV_RUN(test_accepted_shapes);
    TV_RUN(test_unusable_roots_skipped);
    TV_RUN(test_system_store);
    TV_RUN(test_refused_stores);
    TV_RUN(test_every_truncation);
    TV_RUN(test_pins_match_openssl);
    TV_RUN(test_pin_walk);
    TV_RUN(test_set_pins);
    TV_RUN(test_arena_exhausted);
    size_t peak = tv_tls_arena_peak(arena, sizeof arena);
    TV_CHECK(peak > 128 && peak < sizeof arena);
    tv_tls_arena_free();
    return tv_test_summary();
}
