/*
 * Tests that need a Tradovate server start the simulator (tests/sim) as a
 * child process on 127.0.0.1 with a free port, and stop it at the end.
 */
#ifndef TV_SIM_PROCESS_H
#define TV_SIM_PROCESS_H

#include <stddef.h>
#include <stdint.h>
#include <sys/types.h>

typedef struct tv_sim {
    pid_t pid;
    uint16_t port;
    char base_url[64];  /* https://127.0.0.1:PORT/v1 (http:// with --plain) */
    char admin_url[64]; /* https://127.0.0.1:PORT */
    char ca_path[128];  /* the test CA to trust */
    uint8_t ca[8192];   /* its PEM */
    size_t ca_len;
} tv_sim;

/*
 * Start `python3 tests/sim/tradovate_sim.py --port 0 --quiet --cert-dir DIR`
 * plus the space-separated `extra` arguments (may be NULL), wait for the port
 * on its first line of output (at most 15 s) and load the CA.
 * Returns 0, or -1 with a message on stderr.
 */
int tv_sim_start(tv_sim *sim, const char *extra);

/* SIGTERM, then wait; returns the exit status (0 for a clean stop). */
int tv_sim_stop(tv_sim *sim);

#endif /* TV_SIM_PROCESS_H */
