/*
 * Every kind of client operation, with fixed arguments, for the torture test
 * and the client fuzzer: one row per operation (single results, lists,
 * mutations, auth, raw requests), a digest of what an operation returned
 * (decoded results and the call's outcome, independent of where strings
 * happen to sit in the buffers), the client on a scripted server they both
 * drive, and reading the recorded responses.
 */
#ifndef TV_OPS_H
#define TV_OPS_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "replay.h"
#include "tradovate/tv_api.h"

/* ---- digests --------------------------------------------------------- */

/** FNV-1a over n bytes, continuing *h. */
void tv_digest_mix(uint64_t *h, const void *p, size_t n);

/** A decoded struct by its schema: presence bits, values, string contents. */
void tv_digest_obj(uint64_t *h, const tv_schema *schema, const void *obj);

/** What a call told about itself beyond its decoded result: all but the
 *  connection bookkeeping, the generated clOrdId and the HTTP status (which
 *  callers compare themselves, see test_torture.c). */
void tv_digest_call(uint64_t *h, const tv_call_info *info);

/* ---- operations ------------------------------------------------------ */

typedef enum tv_op_kind {
    TV_OP_GET,     /* idempotent: a stale connection is retried */
    TV_OP_POST,    /* not a mutation (dry run, login): never resent */
    TV_OP_MUTATION /* at most once: outcome unknown once sent */
} tv_op_kind;

typedef struct tv_op {
    const char *name; /* file prefix in tests/fuzz/corpus/responses */
    tv_op_kind kind;
    const tv_schema *schema; /* the result (element) type; NULL: not a schema */
    bool list;               /* the answer is a JSON array */
    int (*run)(tv_client *c, uint64_t *digest);
} tv_op;

extern const tv_op tv_ops[];
extern const size_t tv_op_count;

/** The operation named by the first len bytes of name, or NULL. */
const tv_op *tv_op_find(const char *name, size_t len);

/* ---- the client on a scripted server --------------------------------- */

#define TV_RIG_RESPONSE_MAX 4096

typedef struct tv_rig {
    tv_client client;
    tv_replay server;
    tv_credentials creds;
    uint8_t request[2048];
    uint8_t response[TV_RIG_RESPONSE_MAX];
    tv_json_tok tokens[128];
    char token[256];
} tv_rig;

/**
 * A client (logged in with a long-lived token) over a server whose fallback
 * answer is the check call's, closing the connection after it.
 * response_size <= TV_RIG_RESPONSE_MAX. Returns the init status.
 */
int tv_rig_init(tv_rig *g, size_t response_size);

/** Runs op on the rig's client: its status, and its digest in *digest
 *  (result and call information). */
int tv_rig_run(tv_rig *g, const tv_op *op, uint64_t *digest);

/**
 * The check call that follows a run (after tv_replay_clear(), it gets the
 * fallback answer): a contract read, with the token set again first (a login
 * in the run may have replaced it). Returns its status; *digest is then
 * compared with the first check's.
 */
int tv_rig_check(tv_rig *g, uint64_t *digest);

/** Queue the check call's answer with the connection kept alive after it. */
tv_chop *tv_rig_push_check(tv_rig *g);

/* ---- recorded responses ---------------------------------------------- */

/** Reads the file at path into buf; its length, or -1 (missing, larger than cap). */
long tv_corpus_read(const char *path, uint8_t *buf, size_t cap);

/** Calls fn(user, path, name) for each file in dir whose name ends in suffix,
 *  in name order. Returns the number of files, or -1 if dir cannot be read. */
int tv_corpus_each(const char *dir, const char *suffix,
                   void (*fn)(void *user, const char *path, const char *name), void *user);

#endif /* TV_OPS_H */
