/*
 * Shared by the TLS tests (tests/unit/test_tls_*.c): the throw-away PKI that
 * tests/tls/make-certs.sh makes with openssl under the build directory,
 * reading its files into exactly-sized heap blocks (so ASan catches a read
 * past the end), and tests/tls/server.py started on a free port with its
 * record of what each connection delivered. Test code: it may allocate,
 * fork and print. Include after tv_test.h, with _POSIX_C_SOURCE defined.
 */
#ifndef TV_TLS_TEST_H
#define TV_TLS_TEST_H

#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

#include "tradovate/tv_port.h"
#include "tradovate/tv_tls.h"

/* The certificates' directory: $TV_TEST_BUILD/tls-certs (build/ by default). */
static inline const char *tv_tls_test_dir(void)
{
    static char dir[512];
    if (dir[0] == '\0') {
        const char *build = getenv("TV_TEST_BUILD");
        snprintf(dir, sizeof dir, "%s/tls-certs", build != NULL ? build : "build");
    }
    return dir;
}

/* Makes the certificates once per build directory; 0 on success. */
static inline int tv_tls_test_make_certs(void)
{
    char cmd[700];
    snprintf(cmd, sizeof cmd, "sh tests/tls/make-certs.sh '%s'", tv_tls_test_dir());
    return system(cmd);
}

static inline void tv_tls_test_path(char *out, size_t cap, const char *name)
{
    snprintf(out, cap, "%s/%s", tv_tls_test_dir(), name);
}

/* The file's bytes in a malloc'd block of exactly *len bytes, or NULL. */
static inline uint8_t *tv_tls_test_read(const char *name, size_t *len)
{
    char path[600];
    *len = 0;
    tv_tls_test_path(path, sizeof path, name);
    FILE *f = fopen(path, "rb");
    if (f == NULL) {
        return NULL;
    }
    uint8_t *buf = NULL;
    long size = fseek(f, 0, SEEK_END) == 0 ? ftell(f) : -1;
    if (size > 0 && fseek(f, 0, SEEK_SET) == 0) {
        buf = malloc((size_t)size);
        if (buf != NULL && fread(buf, 1, (size_t)size, f) != (size_t)size) {
            free(buf);
            buf = NULL;
        }
    }
    fclose(f);
    *len = buf != NULL ? (size_t)size : 0;
    return buf;
}

/* ------------------------------------------------------------------ */
/* The test server                                                     */
/* ------------------------------------------------------------------ */

typedef struct {
    pid_t pid;
    uint16_t port;
    char log[600];
} tls_server;

static inline void tls_sleep_ms(long ms)
{
    struct timespec ts = {ms / 1000, (ms % 1000) * 1000000L};
    nanosleep(&ts, NULL);
}

/* Starts server.py with DIR/<cert>.pem and the key that signs it; returns 0
 * when it reported its port. */
static inline int tls_server_start_with(tls_server *s, const char *cert, const char *tls,
                                        const char *mode, const char *extra)
{
    static int serial;
    char cert_path[600], key_path[600], key_name[64];
    const char *key = strcmp(cert, "server") == 0       ? "server"
                      : strcmp(cert, "server-rsa") == 0 ? "server-rsa"
                                                        : "other-leaf";
    snprintf(key_name, sizeof key_name, "%s.key", key);
    snprintf(cert_path, sizeof cert_path, "%s/%s.pem", tv_tls_test_dir(), cert);
    tv_tls_test_path(key_path, sizeof key_path, key_name);
    snprintf(s->log, sizeof s->log, "%s/server-%d-%d.log", tv_tls_test_dir(), (int)getpid(),
             ++serial);
    unlink(s->log);

    int fds[2];
    if (pipe(fds) != 0) {
        return -1;
    }
    const char *python = getenv("PYTHON") != NULL ? getenv("PYTHON") : "python3";
    s->pid = fork();
    if (s->pid == 0) {
        dup2(fds[1], 1);
        close(fds[0]);
        close(fds[1]);
        execlp(python, python, "tests/tls/server.py", "--cert", cert_path, "--key", key_path,
               "--log", s->log, "--tls", tls, "--mode", mode, extra, (char *)NULL);
        _exit(127);
    }
    close(fds[1]);
    FILE *out = fdopen(fds[0], "r");
    char line[64] = "";
    int port = 0;
    if (out == NULL || fgets(line, sizeof line, out) == NULL ||
        sscanf(line, "PORT %d", &port) != 1) {
        port = 0;
    }
    if (out != NULL) {
        fclose(out);
    }
    s->port = (uint16_t)port;
    TV_CHECK(port > 0);
    return port > 0 ? 0 : -1;
}

static inline int tls_server_start(tls_server *s, const char *cert, const char *tls,
                                   const char *mode)
{
    return tls_server_start_with(s, cert, tls, mode, NULL);
}

static inline void tls_server_stop(tls_server *s)
{
    if (s->pid > 0) {
        kill(s->pid, SIGTERM);
        waitpid(s->pid, NULL, 0);
        s->pid = 0;
    }
}

/* The server's record of its nth connection (1-based), waiting up to 10 s
 * for it to be written. Returns 0 and the line, or -1. */
static inline int tls_server_record(const tls_server *s, int nth, char *line, size_t cap)
{
    for (int tries = 0; tries < 1000; tries++) {
        FILE *f = fopen(s->log, "r");
        int n = 0;
        while (f != NULL && fgets(line, (int)cap, f) != NULL) {
            if (++n == nth) {
                fclose(f);
                return 0;
            }
        }
        if (f != NULL) {
            fclose(f);
        }
        tls_sleep_ms(10);
    }
    line[0] = '\0';
    return -1;
}

/* Asserts what the server saw on its nth connection. */
static inline void tls_server_check(const tls_server *s, int nth, const char *handshake, int reused,
                                    const char *data_hex)
{
    char line[4096], want[512];
    TV_CHECK(tls_server_record(s, nth, line, sizeof line) == 0);
    snprintf(want, sizeof want, "\"handshake\": \"%s", handshake);
    TV_CHECK(strstr(line, want) != NULL);
    if (reused >= 0) {
        TV_CHECK(strstr(line, reused ? "\"reused\": true" : "\"reused\": false") != NULL);
    }
    snprintf(want, sizeof want, "\"data\": \"%s\"", data_hex);
    TV_CHECK(strstr(line, want) != NULL);
    if (data_hex[0] == '\0') {
        TV_CHECK(strstr(line, "\"app_bytes\": 0") != NULL);
    }
    if (tv_test_failures > 0 && strstr(line, want) == NULL) {
        fprintf(stderr, "  server record %d: %s", nth, line);
    }
}

/* ------------------------------------------------------------------ */
/* Helpers                                                             */
/* ------------------------------------------------------------------ */

static inline uint64_t in_ms(uint64_t ms)
{
    return tv_port_now_ms() + ms;
}

static inline void hex_of(const char *s, char *out)
{
    static const char digits[] = "0123456789abcdef";
    for (; *s != '\0'; s++) {
        *out++ = digits[(unsigned char)*s >> 4];
        *out++ = digits[(unsigned char)*s & 15];
    }
    *out = '\0';
}

/* A test program's start: SIGPIPE ignored (a dead server must fail a check,
 * not the run), the PKI made, the arena up and cfg trusting ca.pem.
 * Returns 0, or -1 after saying why. */
static inline int tv_tls_test_setup(uint8_t *arena, size_t arena_len, tv_tls_config *cfg)
{
    signal(SIGPIPE, SIG_IGN);
    if (tv_tls_test_make_certs() != 0) {
        fprintf(stderr, "tests/tls/make-certs.sh failed (openssl missing?)\n");
        return -1;
    }
    size_t len;
    uint8_t *ca = tv_tls_test_read("ca.pem", &len);
    int rc = tv_tls_arena_init(arena, arena_len);
    if (rc == TV_OK) {
        rc = tv_tls_config_init(cfg, ca, len);
    }
    free(ca);
    if (rc != TV_OK) {
        fprintf(stderr, "TLS setup failed: %s\n", tv_err_name(rc));
        return -1;
    }
    return 0;
}

#endif /* TV_TLS_TEST_H */
