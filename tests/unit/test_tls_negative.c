/*
 * TLS negatives through the client, against the simulator: an untrusted CA,
 * a certificate for another host, an expired one, one not yet valid, a
 * self-signed leaf, servers offering only TLS 1.0/1.1 or only weak cipher
 * suites, and an SPKI pin mismatch. Each is refused with its own status, and
 * the server's own record (--record) proves that not one application byte
 * reached it: the handshake failed there and it received nothing after it.
 *
 * So that a leak would show, the refused client is set up exactly like a
 * working one: it has credentials and no token, so its first call logs in
 * (the password would be the first bytes sent); then it is given a token, so
 * the next calls would carry it; one of them is a mutation. The positive
 * control, the same client with the right pin, shows what the record holds
 * when bytes do arrive. After every refusal a client on a good server keeps
 * working, and the refused client's struct, set up again, works too: a
 * failed handshake leaves nothing behind in the process's TLS state.
 */
#define _POSIX_C_SOURCE 200809L
#include <errno.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <time.h>

#include "client_fixture.h"
#include "tradovate/tv_tls.h"
#include "tv_test.h"

static tv_sim good_sim;
static tv_fixture good; /* a client on a good server, used after each refusal */
static tv_fixture fx;   /* the client that is refused */
static char build_dir[256];

/* ------------------------------------------------------------------ */
/* Files                                                               */
/* ------------------------------------------------------------------ */

static void proof_path(char *out, size_t cap, const char *name)
{
    snprintf(out, cap, "%s/proof-tls/%s", build_dir, name);
}

/* Reads a whole file into buf (NUL-terminated); its length, or -1. */
static long read_file(const char *path, char *buf, size_t cap)
{
    FILE *f = fopen(path, "rb");
    if (f == NULL) {
        return -1;
    }
    size_t n = fread(buf, 1, cap - 1, f);
    fclose(f);
    buf[n] = '\0';
    return (long)n;
}

static int run(const char *cmd)
{
    int rc = system(cmd);
    if (rc != 0) {
        fprintf(stderr, "command failed (%d): %s\n", rc, cmd);
    }
    return rc;
}

/* A CA made now with openssl, which signed nothing the simulator serves. */
static long make_untrusted_ca(uint8_t *pem, size_t cap)
{
    char path[400], key[400], cmd[1200];
    proof_path(path, sizeof path, "untrusted-ca.pem");
    proof_path(key, sizeof key, "untrusted-ca.key");
    snprintf(cmd, sizeof cmd,
             "openssl req -x509 -newkey ec -pkeyopt ec_paramgen_curve:P-256 -nodes -sha256"
             " -days 30 -subj '/O=libtradovate/CN=untrusted test CA' -addext"
             " basicConstraints=critical,CA:TRUE -addext keyUsage=critical,keyCertSign"
             " -keyout '%s' -out '%s' 2>/dev/null",
             key, path);
    return run(cmd) == 0 ? read_file(path, (char *)pem, cap) : -1;
}

/* The SPKI pin of the simulator's good EC certificate. */
static int good_pin(uint8_t pin[TV_TLS_PIN_LEN])
{
    char der[400], cmd[1000];
    static uint8_t buf[4096];
    proof_path(der, sizeof der, "server-ec.der");
    snprintf(cmd, sizeof cmd,
             "openssl x509 -in build/sim-certs/server-ec.pem -outform der -out '%s'", der);
    long n = run(cmd) == 0 ? read_file(der, (char *)buf, sizeof buf) : -1;
    return n > 0 ? tv_tls_spki_sha256(buf, (size_t)n, pin) : TV_ERR_IO;
}

/* ------------------------------------------------------------------ */
/* The server's record                                                 */
/* ------------------------------------------------------------------ */

typedef struct {
    int connections;
    int handshakes_failed;
    int handshakes_ok;
    long bytes_received; /* after the handshake, over all connections */
    int login_seen;      /* the login request arrived (the control) */
} record_summary;

/* The number after `"key": ` in line, or -1. */
static long json_number(const char *line, const char *key)
{
    const char *p = strstr(line, key);
    if (p == NULL) {
        return -1;
    }
    p += strlen(key);
    while (*p == ' ' || *p == ':') {
        p++;
    }
    return *p >= '0' && *p <= '9' ? strtol(p, NULL, 10) : -1;
}

static void summarize(char *text, record_summary *s)
{
    memset(s, 0, sizeof *s);
    for (char *line = strtok(text, "\n"); line != NULL; line = strtok(NULL, "\n")) {
        s->connections++;
        s->handshakes_failed += strstr(line, "\"handshake\": \"failed\"") != NULL;
        s->handshakes_ok += strstr(line, "\"handshake\": \"ok\"") != NULL;
        long n = json_number(line, "\"bytes_received\"");
        s->bytes_received += n < 0 ? 1000000 : n; /* unreadable counts as a leak */
        s->login_seen |= strstr(line, "POST /v1/auth/accesstokenrequest") != NULL;
    }
}

/* The simulator writes a connection's line when the connection ends; wait
 * (at most 10 s: an event, not a timing assertion) until `want` are there. */
static void read_record(const char *path, int want, record_summary *s)
{
    static char text[1 << 18];
    for (int i = 0; i < 1000; i++) {
        long n = read_file(path, text, sizeof text);
        if (n > 0) {
            summarize(text, s);
            if (s->connections >= want) {
                return;
            }
        }
        struct timespec ts = {0, 10 * 1000 * 1000};
        nanosleep(&ts, NULL);
    }
    if (read_file(path, text, sizeof text) < 0) {
        text[0] = '\0';
    }
    summarize(text, s);
}

/* ------------------------------------------------------------------ */
/* One refusal                                                         */
/* ------------------------------------------------------------------ */

typedef struct {
    const char *name;     /* also the record file's name */
    const char *sim_args; /* the simulator's extra options */
    int untrusted_ca;     /* trust a CA that did not sign the server */
    int wrong_pin;        /* pin a key the server does not have */
    int want;             /* the status every call must return */
} tls_negative;

static uint8_t untrusted_ca[8192];
static size_t untrusted_ca_len;

static int start_client(tv_fixture *f, const tv_sim *sim, const uint8_t *ca, size_t ca_len,
                        const uint8_t *pin)
{
    tv_sim s = *sim;
    if (ca != NULL) {
        memcpy(s.ca, ca, ca_len);
        s.ca_len = ca_len;
    }
    int rc = tv_fixture_client(f, &s, 16384);
    if (rc == TV_OK && pin != NULL) {
        /* the fixture's init took no pins: set them up again with one */
        tv_client_config cfg = f->client.cfg;
        tv_client_free(&f->client);
        cfg.base_url = sim->base_url; /* the copy s dies with this call */
        cfg.ca = s.ca;
        cfg.ca_len = s.ca_len;
        cfg.pin_primary = pin;
        cfg.pin_backup = pin + TV_TLS_PIN_LEN;
        rc = tv_client_init(&f->client, &cfg);
    }
    return rc;
}

/* GET /account/list on c: its status; *count, the accounts delivered. */
static int list_accounts(tv_client *c, size_t *count)
{
    tv_account accounts[4];
    char strings[512];
    tv_sink sink = tv_sink_array(accounts, 4, strings, sizeof strings);
    int rc = tv_account_list(c, &sink);
    *count = sink.count;
    return rc;
}

/* Every call the refused client makes must fail with `want`, having sent
 * nothing, whatever it would have sent. */
static void calls_refused(tv_client *c, int want)
{
    size_t count = 0;
    TV_CHECK(c->cfg.credentials != NULL);
    TV_CHECK(!tv_client_logged_in(c)); /* so the first call logs in: the password */
    TV_CHECK_INT(list_accounts(c, &count), want);
    TV_CHECK_INT(tv_client_last_call(c)->status, want);
    TV_CHECK(!tv_client_last_call(c)->sent);
    TV_CHECK_INT(tv_client_last_call(c)->http_status, 0);
    TV_CHECK_INT(count, 0);

    /* With a token the calls would carry it. */
    TV_CHECK_INT(tv_client_set_token(c, "proof-token-that-must-never-leave", 3600), TV_OK);
    TV_CHECK(tv_client_logged_in(c));
    TV_CHECK_INT(list_accounts(c, &count), want);
    TV_CHECK(!tv_client_last_call(c)->sent);

    /* A mutation: refused before sending, so its outcome is known (nothing). */
    tv_place_order o = tv_fixture_market_order(1001, "ESZ6", 1);
    tv_place_order_result r;
    TV_CHECK_INT(tv_order_place(c, &o, &r), want);
    TV_CHECK(!tv_client_last_call(c)->sent);
}

/* A logged-in client's call works: the demo user's two accounts. */
static void client_works(tv_client *c)
{
    size_t count = 0;
    TV_CHECK_INT(list_accounts(c, &count), TV_OK);
    TV_CHECK_INT(count, 2);
    TV_CHECK(tv_client_logged_in(c));
}

static void refused(const tls_negative *t)
{
    static uint8_t pins[2 * TV_TLS_PIN_LEN];
    char record[400], args[600];
    tv_sim sim;
    tv_test_current = t->name;
    proof_path(record, sizeof record, t->name);
    if (remove(record) != 0 && errno != ENOENT) {
        TV_CHECK(0);
    }
    snprintf(args, sizeof args, "--record %s %s", record, t->sim_args);
    if (tv_sim_start(&sim, args) != 0) {
        TV_CHECK(0);
        return;
    }
    /* Two wrong pins: a primary and a backup that match no key. */
    memset(pins, 0x5A, sizeof pins);
    int rc = start_client(&fx, &sim, t->untrusted_ca ? untrusted_ca : NULL, untrusted_ca_len,
                          t->wrong_pin ? pins : NULL);
    TV_CHECK_INT(rc, TV_OK);
    if (rc == TV_OK) {
        calls_refused(&fx.client, t->want);
        tv_client_free(&fx.client);
    }
    record_summary s;
    read_record(record, 3, &s);
    TV_CHECK_INT(s.connections, 3); /* one attempt per call, no retry */
    TV_CHECK_INT(s.handshakes_failed, s.connections);
    TV_CHECK_INT(s.handshakes_ok, 0);
    TV_CHECK_INT(s.bytes_received, 0);
    TV_CHECK_INT(tv_sim_stop(&sim), 0);
    client_works(&good.client); /* the good server's client still works */
}

/* ------------------------------------------------------------------ */
/* Tests                                                               */
/* ------------------------------------------------------------------ */

static const tls_negative negatives[] = {
    {"untrusted-ca", "", 1, 0, TV_ERR_TLS_CERT_UNTRUSTED},
    {"wrong-host", "--cert-profile wrong-host", 0, 0, TV_ERR_TLS_HOSTNAME_MISMATCH},
    {"expired", "--cert-profile expired", 0, 0, TV_ERR_TLS_CERT_EXPIRED},
    {"not-yet-valid", "--cert-profile not-yet-valid", 0, 0, TV_ERR_TLS_CERT_NOT_YET_VALID},
    {"self-signed", "--cert-profile self-signed", 0, 0, TV_ERR_TLS_CERT_UNTRUSTED},
    /* SHA-1 is compiled in to parse old roots, never to accept a chain */
    {"sha1-signed", "--cert-profile sha1-signed", 0, 0, TV_ERR_TLS_CERT_BAD},
    {"tls-1.0-1.1", "--tls-min 1.0 --tls-max 1.1", 0, 0, TV_ERR_TLS_HANDSHAKE},
    {"tls-1.0", "--tls-min 1.0 --tls-max 1.0", 0, 0, TV_ERR_TLS_HANDSHAKE},
    /* TLS 1.2 at most (1.3's suites are all strong): NULL encryption and
     * CBC with SHA-1, none of which the client offers. */
    {"weak-ciphers",
     "--tls-max 1.2 --ciphers ECDHE-ECDSA-NULL-SHA:ECDHE-ECDSA-AES128-SHA:"
     "ECDHE-ECDSA-AES256-SHA:@SECLEVEL=0",
     0, 0, TV_ERR_TLS_HANDSHAKE},
    {"pin-mismatch", "", 0, 1, TV_ERR_TLS_PIN_MISMATCH},
};

static void test_refusals(void)
{
    for (size_t i = 0; i < sizeof negatives / sizeof negatives[0]; i++) {
        refused(&negatives[i]);
    }
}

/* The control: the same set-up with the right pin logs in, and the record
 * shows the request bytes arriving, so a leak in the cases above would have
 * shown as well. */
static void test_control_right_pin(void)
{
    static uint8_t pins[2 * TV_TLS_PIN_LEN];
    char record[400], args[600];
    tv_sim sim;
    TV_CHECK_INT(good_pin(pins), TV_OK);
    memset(pins + TV_TLS_PIN_LEN, 0x5A, TV_TLS_PIN_LEN); /* a wrong backup does not matter */
    proof_path(record, sizeof record, "control");
    remove(record);
    snprintf(args, sizeof args, "--record %s", record);
    if (tv_sim_start(&sim, args) != 0) {
        TV_CHECK(0);
        return;
    }
    TV_CHECK_INT(start_client(&fx, &sim, NULL, 0, pins), TV_OK);
    client_works(&fx.client);
    TV_CHECK(tv_client_last_call(&fx.client)->sent);
    tv_client_free(&fx.client); /* closes the connection: its record is written */
    record_summary s;
    read_record(record, 1, &s);
    TV_CHECK_INT(s.connections, 1);
    TV_CHECK_INT(s.handshakes_ok, 1);
    TV_CHECK(s.bytes_received > 0);
    TV_CHECK(s.login_seen);
    TV_CHECK_INT(tv_sim_stop(&sim), 0);
}

/* The refused client's struct, set up again for a good server, works. */
static void test_refused_client_recovers(void)
{
    TV_CHECK_INT(start_client(&fx, &good_sim, NULL, 0, NULL), TV_OK);
    client_works(&fx.client);
    tv_client_free(&fx.client);
}

int main(void)
{
    const char *b = getenv("TV_TEST_BUILD");
    char dir[400];
    snprintf(build_dir, sizeof build_dir, "%s", b != NULL ? b : "build");
    snprintf(dir, sizeof dir, "%s/proof-tls", build_dir);
    if (mkdir(dir, 0755) != 0 && errno != EEXIST) {
        fprintf(stderr, "cannot create %s\n", dir);
        return 1;
    }
    long n = make_untrusted_ca(untrusted_ca, sizeof untrusted_ca);
    if (n <= 0 || tv_sim_start(&good_sim, NULL) != 0) {
        return 1;
    }
    untrusted_ca_len = (size_t)n;
    TV_CHECK_INT(tv_fixture_client(&good, &good_sim, 16384), TV_OK);
    TV_RUN(test_refusals);
    TV_RUN(test_control_right_pin);
    TV_RUN(test_refused_client_recovers);
    tv_client_free(&good.client);
    TV_CHECK_INT(tv_sim_stop(&good_sim), 0);
    return tv_test_summary();
}
