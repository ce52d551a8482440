/* Starting and stopping the simulator for tests; see sim_process.h. */
#define _POSIX_C_SOURCE 200809L
#include "sim_process.h"

#include <errno.h>
#include <poll.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <fcntl.h>
#include <sys/wait.h>
#if defined(__linux__)
#include <sys/prctl.h>
#endif
#include <time.h>
#include <unistd.h>

#define TV_SIM_CERT_DIR "build/sim-certs"

static int tv_sim_read_port(int fd, uint16_t *port)
{
    char line[32];
    size_t n = 0;
    struct timespec t0;
    clock_gettime(CLOCK_MONOTONIC, &t0);
    while (n < sizeof line - 1) {
        struct pollfd p = {.fd = fd, .events = POLLIN, .revents = 0};
        if (poll(&p, 1, 15000) <= 0) {
            return -1;
        }
        ssize_t r = read(fd, line + n, 1);
        if (r <= 0) {
            return -1;
        }
        if (line[n] == '\n') {
            line[n] = '\0';
            long v = strtol(line, NULL, 10);
            if (v <= 0 || v > 65535) {
                return -1;
            }
            *port = (uint16_t)v;
            return 0;
        }
        n++;
    }
    return -1;
}

int tv_sim_start(tv_sim *sim, const char *extra)
{
    char args[512];
    char *argv[40];
    int argc = 0;
    int out[2];
    memset(sim, 0, sizeof *sim);
    argv[argc++] = "python3";
    argv[argc++] = "tests/sim/tradovate_sim.py";
    argv[argc++] = "--port";
    argv[argc++] = "0";
    argv[argc++] = "--quiet";
    argv[argc++] = "--cert-dir";
    argv[argc++] = TV_SIM_CERT_DIR;
    int plain = 0;
    if (extra != NULL) {
        snprintf(args, sizeof args, "%s", extra);
        for (char *tok = strtok(args, " "); tok != NULL && argc < 38; tok = strtok(NULL, " ")) {
            argv[argc++] = tok;
            plain |= strcmp(tok, "--plain") == 0;
        }
    }
    argv[argc] = NULL;
    if (pipe(out) != 0) {
        return -1;
    }
    pid_t pid = fork();
    if (pid < 0) {
        return -1;
    }
    if (pid == 0) {
        /* Only the port line goes to the test; the simulator's own
         * diagnostics go to a log, so that it never holds the test runner's
         * output open. It dies with the test, even when the test crashes. */
        int log = open("build/sim.log", O_WRONLY | O_CREAT | O_APPEND, 0644);
        dup2(out[1], 1);
        dup2(log >= 0 ? log : out[1], 2);
        close(out[0]);
        close(out[1]);
#if defined(__linux__)
        prctl(PR_SET_PDEATHSIG, SIGTERM);
#endif
        execvp(argv[0], argv);
        _exit(127);
    }
    close(out[1]);
    sim->pid = pid;
    if (tv_sim_read_port(out[0], &sim->port) != 0) {
        fprintf(stderr, "simulator did not report a port\n");
        close(out[0]);
        tv_sim_stop(sim);
        return -1;
    }
    close(out[0]); /* --quiet: nothing more is written */
    snprintf(sim->base_url, sizeof sim->base_url, "%s://127.0.0.1:%u/v1",
             plain ? "http" : "https", sim->port);
    snprintf(sim->admin_url, sizeof sim->admin_url, "%s://127.0.0.1:%u",
             plain ? "http" : "https", sim->port);
    snprintf(sim->ca_path, sizeof sim->ca_path, "%s/ca.pem", TV_SIM_CERT_DIR);
    FILE *f = fopen(sim->ca_path, "rb");
    if (f == NULL) {
        fprintf(stderr, "cannot read %s\n", sim->ca_path);
        tv_sim_stop(sim);
        return -1;
    }
    sim->ca_len = fread(sim->ca, 1, sizeof sim->ca, f);
    fclose(f);
    return 0;
}

int tv_sim_stop(tv_sim *sim)
{
    int status = -1;
    if (sim->pid <= 0) {
        return -1;
    }
    kill(sim->pid, SIGTERM);
    for (int i = 0; i < 500; i++) { /* 5 s, then kill */
        pid_t r = waitpid(sim->pid, &status, WNOHANG);
        if (r == sim->pid) {
            sim->pid = 0;
            return WIFEXITED(status) ? WEXITSTATUS(status) : 128 + WTERMSIG(status);
        }
        struct timespec ts = {0, 10 * 1000 * 1000};
        nanosleep(&ts, NULL);
    }
    kill(sim->pid, SIGKILL);
    waitpid(sim->pid, &status, 0);
    sim->pid = 0;
    return -1;
}
