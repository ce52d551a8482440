/*
 * The whole response path: the fuzzer's bytes are the server's answer to a
 * client call made through tv_client_io over the scripted server (replay.h).
 *
 * Input: one byte choosing the operation (tv_ops, modulo their number: single
 * results, lists, mutations, auth, raw requests), one control byte, then the
 * response. Control: bits 0-3 the delivery (fuzz_delivery), bits 4-5 the
 * response buffer (1024, 512, 2048 or 4096 bytes), bit 6 the server keeps
 * the connection open after the last byte (else it closes), bit 7 the call
 * goes out on a kept-alive connection (another call comes first).
 *
 * Checks: the call returns a documented status (never TV_ERR_INTERNAL); a
 * mutation ends in success, a remote refusal or TV_ERR_OUTCOME_UNKNOWN (with
 * a cause) and nothing else; a non-mutation never claims an unknown outcome;
 * a POST is sent exactly once; the client never uses a connection it
 * closed; and the next call on the same client succeeds with the right
 * result.
 */
#include <string.h>

#include "harness.h"
#include "ops.h"

static tv_rig rig;

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    static const size_t caps[4] = {1024, 512, 2048, 4096};
    static uint64_t check_digest;
    uint64_t d;
    if (check_digest == 0) {
        FUZZ_CHECK(tv_rig_init(&rig, 1024) == TV_OK, "rig");
        FUZZ_CHECK(tv_rig_check(&rig, &check_digest) == TV_OK, "the check call");
        tv_client_free(&rig.client);
    }
    if (size < 2) {
        return 0;
    }
    const tv_op *op = &tv_ops[data[0] % tv_op_count];
    uint8_t ctl = data[1];
    FUZZ_CHECK(tv_rig_init(&rig, caps[(ctl >> 4) & 3]) == TV_OK, "rig");
    if (ctl & 0x80) {
        tv_rig_push_check(&rig);
        FUZZ_CHECK(tv_rig_check(&rig, &d) == TV_OK, "the call before");
        tv_replay_clear(&rig.server);
    }
    tv_chop *c = tv_replay_push(&rig.server, data + 2, size - 2);
    fuzz_delivery(c, ctl);
    if (ctl & 0x40) {
        c->s.end_err = TV_ERR_WOULD_BLOCK;
    }

    unsigned before = rig.server.exchanges;
    int rc = tv_rig_run(&rig, op, &d);
    unsigned sent = rig.server.exchanges - before;
    const tv_call_info *info = tv_client_last_call(&rig.client);
    FUZZ_CHECK(fuzz_status_ok(rc) && rc != TV_ERR_WOULD_BLOCK, "%s: status %d", op->name, rc);
    FUZZ_CHECK(info->status == rc, "%s: last call says %s, the call %s", op->name,
               tv_err_name(info->status), tv_err_name(rc));
    if (op->kind == TV_OP_MUTATION) {
        FUZZ_CHECK(rc == TV_OK || rc == TV_ERR_OUTCOME_UNKNOWN ||
                       (tv_err_classify(rc) == TV_ERRCLASS_REMOTE && rc != TV_ERR_SERVER),
                   "%s (a mutation): %s", op->name, tv_err_name(rc));
        FUZZ_CHECK(rc != TV_ERR_OUTCOME_UNKNOWN ||
                       (info->cause != TV_OK && fuzz_status_ok(info->cause)),
                   "%s: outcome unknown, cause %d", op->name, info->cause);
    } else {
        FUZZ_CHECK(rc != TV_ERR_OUTCOME_UNKNOWN, "%s is no mutation", op->name);
    }
    /* A POST goes out once; a GET may be asked again once on a stale
     * connection or after a login its 401 called for. */
    FUZZ_CHECK(sent == 1 || (op->kind == TV_OP_GET && sent <= 3), "%s: %u requests", op->name,
               sent);
    FUZZ_CHECK(rc != TV_OK || (info->http_status >= 200 && info->http_status <= 299),
               "%s: success with HTTP %d", op->name, info->http_status);
    FUZZ_CHECK(rig.server.misuse == 0, "%s: a closed connection was used", op->name);

    tv_replay_clear(&rig.server);
    rc = tv_rig_check(&rig, &d);
    FUZZ_CHECK(rc == TV_OK && d == check_digest, "after %s: the next call gives %s", op->name,
               tv_err_name(rc));
    FUZZ_CHECK(rig.server.misuse == 0, "%s: a closed connection was used", op->name);
    tv_client_free(&rig.client);
    return 0;
}
