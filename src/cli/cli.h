/*
 * The `tradovate` command-line program: shared declarations.
 *
 * The program is a thin layer over the library: request structs are filled
 * from `--field value` options by walking the same schema tables the
 * library encodes with, and results are printed by walking the tables it
 * decoded with. Output goes through cli_out.c (our own number and time
 * formatting; exact prices, no printf rounding).
 */
#ifndef TV_CLI_H
#define TV_CLI_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>

#include "tradovate/tv_api.h"
#include "tradovate/tv_client.h"
#include "tradovate/tv_schema.h"

/* Exit codes, one per error class (documented in `tradovate --help`). */
enum {
    CLI_EXIT_OK = 0,
    CLI_EXIT_USAGE = 1,      /* bad command line */
    CLI_EXIT_TRANSIENT = 2,  /* network, timeout: try again later */
    CLI_EXIT_CAPACITY = 3,   /* a buffer too small */
    CLI_EXIT_SECURITY = 4,   /* certificate, host name, pin */
    CLI_EXIT_PROTOCOL = 5,   /* malformed HTTP or JSON from the server */
    CLI_EXIT_REMOTE = 6,     /* HTTP error status */
    CLI_EXIT_BUSINESS = 7,   /* the service refused (errorText, failureReason) */
    CLI_EXIT_PENALTY = 8,    /* rate-limit penalty ticket or 429 */
    CLI_EXIT_UNKNOWN = 9,    /* outcome unknown: reconcile */
    CLI_EXIT_PLATFORM = 10   /* local failure */
};

typedef struct cli_ctx {
    tv_client client;
    bool json;       /* one JSON object per line */
    bool logged_in;  /* a token is set */
    const char *token_cache;
} cli_ctx;

/* ---- output (cli_out.c) ---- */
void cli_puts(const char *s);
void cli_put_i64(int64_t v);
void cli_put_pad(const char *s, size_t width); /* s, then spaces up to width */
void cli_err(const char *a, const char *b, const char *c); /* "a b c\n" on stderr */

/* ---- results (cli_print.c) ---- */
/* Print one decoded struct: "key: value" lines, or one JSON line. */
void cli_print_object(const cli_ctx *x, const tv_schema *s, const void *obj);
/* Streamed lists: a header once, then one aligned row (or JSON line) per entity. */
typedef struct cli_table {
    const cli_ctx *x;
    const tv_schema *schema;
    bool header_done;
} cli_table;
int cli_print_row(void *table, const void *entity);
/* The schema's fields, for --help. */
void cli_print_fields(const tv_schema *s, const char *prefix);

/* ---- arguments (cli_args.c) ---- */
/* Parse the whole of `s` as a decimal int64 / a double (exact, no strtod). */
bool cli_parse_i64(const char *s, int64_t *out);
/* Fill *obj (schema s) from argv: `--name value` pairs (see cli_args.c).
 * Returns 0, or 1 after printing what is wrong. */
int cli_fill(const tv_schema *s, void *obj, int argc, char **argv);
/* "1,2,3" into ids[0..cap); returns the count, or -1. */
int cli_parse_ids(const char *s, int64_t *ids, int cap);

/* ---- commands (cli_cmds.c) ---- */
int cli_run_command(cli_ctx *x, int argc, char **argv);
int cli_exit_code(int status);
void cli_report_error(const cli_ctx *x, int status);
void cli_usage(FILE *f);

#endif /* TV_CLI_H */
