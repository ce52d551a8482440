/* Client operations, digests, the rig and the corpus reader; see ops.h. */
#define _POSIX_C_SOURCE 200809L
#include "ops.h"

#include <dirent.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* ---- digests --------------------------------------------------------- */

void tv_digest_mix(uint64_t *h, const void *p, size_t n)
{
    const uint8_t *b = p;
    for (size_t i = 0; i < n; i++) {
        *h = (*h ^ b[i]) * UINT64_C(0x100000001b3);
    }
}

static void digest_str(uint64_t *h, const char *s)
{
    /* NULL and "" differ: one more byte for a present string */
    uint8_t present = s != NULL;
    tv_digest_mix(h, &present, 1);
    if (s != NULL) {
        tv_digest_mix(h, s, strlen(s) + 1);
    }
}

static void digest_value(uint64_t *h, const tv_field *f, const void *p)
{
    static const uint8_t width[] = {
        [TV_KIND_I64] = 8,  [TV_KIND_I32] = 4,  [TV_KIND_F64] = 8,
        [TV_KIND_BOOL] = 1, [TV_KIND_TIME] = 8, [TV_KIND_ENUM] = sizeof(int),
    };
    switch ((tv_kind)f->kind) {
    case TV_KIND_STR: {
        const char *s;
        memcpy(&s, p, sizeof s);
        digest_str(h, s);
        break;
    }
    case TV_KIND_DATE: {
        const tv_date *d = p;
        tv_digest_mix(h, &d->year, sizeof d->year);
        tv_digest_mix(h, &d->month, 1);
        tv_digest_mix(h, &d->day, 1);
        break;
    }
    case TV_KIND_OBJ:
        tv_digest_obj(h, tv_field_schema(f), p);
        break;
    case TV_KIND_STRS: {
        const tv_str_list *l = p;
        const char *s = l->first;
        tv_digest_mix(h, &l->count, sizeof l->count);
        for (uint32_t i = 0; i < l->count; i++, s = tv_str_list_next(s)) {
            digest_str(h, s);
        }
        break;
    }
    default:
        if (f->kind < sizeof width && width[f->kind] != 0) {
            tv_digest_mix(h, p, width[f->kind]);
        }
        break; /* request-only kinds never come back decoded */
    }
}

void tv_digest_obj(uint64_t *h, const tv_schema *schema, const void *obj)
{
    uint32_t present;
    memcpy(&present, obj, sizeof present);
    tv_digest_mix(h, &present, sizeof present);
    for (uint16_t i = 0; i < schema->count; i++) {
        if ((present >> i) & 1u) {
            const tv_field *f = &schema->fields[i];
            digest_value(h, f, (const char *)obj + f->offset);
        }
    }
}

void tv_digest_call(uint64_t *h, const tv_call_info *info)
{
    int32_t ints[] = {info->status, info->cause, (int32_t)info->failure_reason,
                      (int32_t)info->penalty_wait_s, info->penalty_captcha};
    tv_digest_mix(h, ints, sizeof ints);
    tv_digest_mix(h, &info->retry_after_s, sizeof info->retry_after_s);
    digest_str(h, info->detail);
    digest_str(h, info->failure_text);
}

/* ---- operations ------------------------------------------------------ */

static const int64_t op_ids[] = {4000000000001, 4000000000002};

/* Lists in callback mode: each entity digested while it is valid. */
typedef struct op_sink {
    uint64_t *h;
    const tv_schema *schema;
} op_sink;

static int op_on_item(void *user, const void *entity)
{
    op_sink *k = user;
    tv_digest_obj(k->h, k->schema, entity);
    return 0;
}

#define OP_CALLBACK(e)                                                                             \
    op_sink k = {h, &tv_##e##_schema};                                                             \
    tv_sink sink = tv_sink_callback(op_on_item, &k)

#define OP_ENTITY(e)                                                                               \
    static int op_##e##_item(tv_client *c, uint64_t *h)                                            \
    {                                                                                              \
        tv_##e out;                                                                                \
        int rc = tv_##e##_item(c, op_ids[0], &out);                                                \
        tv_digest_obj(h, &tv_##e##_schema, &out);                                                  \
        return rc;                                                                                 \
    }                                                                                              \
    static int op_##e##_list(tv_client *c, uint64_t *h)                                            \
    {                                                                                              \
        OP_CALLBACK(e);                                                                            \
        return tv_##e##_list(c, &sink);                                                            \
    }                                                                                              \
    static int op_##e##_items(tv_client *c, uint64_t *h)                                           \
    {                                                                                              \
        OP_CALLBACK(e);                                                                            \
        return tv_##e##_items(c, op_ids, 2, &sink);                                                \
    }                                                                                              \
    static int op_##e##_deps(tv_client *c, uint64_t *h)                                            \
    {                                                                                              \
        OP_CALLBACK(e);                                                                            \
        return tv_##e##_deps(c, op_ids[0], &sink);                                                 \
    }                                                                                              \
    static int op_##e##_ldeps(tv_client *c, uint64_t *h)                                           \
    {                                                                                              \
        OP_CALLBACK(e);                                                                            \
        return tv_##e##_ldeps(c, op_ids, 2, &sink);                                                \
    }

OP_ENTITY(command)
OP_ENTITY(command_report)
OP_ENTITY(execution_report)
OP_ENTITY(fill)
OP_ENTITY(fill_fee)
OP_ENTITY(order)
OP_ENTITY(order_strategy)
OP_ENTITY(order_strategy_link)
OP_ENTITY(order_version)

/* Account and position lists in array mode: strings copied into an arena. */
#define OP_ARRAY_LIST(e)                                                                           \
    static int op_##e##_list(tv_client *c, uint64_t *h)                                            \
    {                                                                                              \
        tv_##e items[8];                                                                           \
        char strings[1024];                                                                        \
        tv_sink sink = tv_sink_array(items, 8, strings, sizeof strings);                           \
        int rc = tv_##e##_list(c, &sink);                                                          \
        tv_digest_mix(h, &sink.count, sizeof sink.count);                                          \
        for (size_t i = 0; i < sink.count; i++) {                                                  \
            tv_digest_obj(h, &tv_##e##_schema, &items[i]);                                         \
        }                                                                                          \
        return rc;                                                                                 \
    }

OP_ARRAY_LIST(account)
OP_ARRAY_LIST(position)

/* A call that fills one result struct of type T. */
#define OP_SINGLE(name, T, call)                                                                   \
    static int op_##name(tv_client *c, uint64_t *h)                                                \
    {                                                                                              \
        T out;                                                                                     \
        int rc = call;                                                                             \
        tv_digest_obj(h, &T##_schema, &out);                                                       \
        return rc;                                                                                 \
    }

OP_SINGLE(contract_find, tv_contract, tv_contract_find(c, "ESZ6", &out))
OP_SINGLE(contract_item, tv_contract, tv_contract_item(c, 4001001, &out))
OP_SINGLE(auth_token, tv_access_token_response, tv_auth_request_token(c, &out))
OP_SINGLE(auth_renew, tv_access_token_response, tv_auth_renew_token(c, &out))
OP_SINGLE(auth_me, tv_me_response, tv_auth_me(c, &out))
OP_SINGLE(userinfo, tv_user_info, tv_oidc_userinfo(c, &out))

static int op_timestamp(tv_client *c, uint64_t *h)
{
    int64_t ms = 0;
    int rc = tv_server_timestamp(c, &ms);
    tv_digest_mix(h, &ms, sizeof ms);
    return rc;
}

/* ---- the order actions: a request built by fill_<name>(), one result ---- */

#define OP_REQUEST(name, Req, Out, fn)                                                             \
    static int op_##name(tv_client *c, uint64_t *h)                                                \
    {                                                                                              \
        Req req;                                                                                   \
        Out out;                                                                                   \
        memset(&req, 0, sizeof req);                                                               \
        fill_##name(&req);                                                                         \
        int rc = fn(c, &req, &out);                                                                \
        tv_digest_obj(h, &Out##_schema, &out);                                                     \
        return rc;                                                                                 \
    }

/* PlaceOCO and PlaceOSO begin with PlaceOrder's members. */
#define OP_PLACE_FIELDS(req, T)                                                                    \
    do {                                                                                           \
        TV_SET(req, T, account_id, 1001);                                                          \
        (req)->action = TV_ACTION_BUY;                                                             \
        (req)->symbol = "ESZ6";                                                                    \
        (req)->order_qty = 1;                                                                      \
        (req)->order_type = TV_ORDER_TYPE_LIMIT;                                                   \
        TV_SET(req, T, price, 5990.25);                                                            \
    } while (0)

static tv_restrained_order_version op_bracket(tv_order_type type, double price)
{
    tv_restrained_order_version b;
    memset(&b, 0, sizeof b);
    b.action = TV_ACTION_SELL;
    b.order_type = type;
    if (type == TV_ORDER_TYPE_STOP) {
        TV_SET(&b, tv_restrained_order_version, stop_price, price);
    } else {
        TV_SET(&b, tv_restrained_order_version, price, price);
    }
    return b;
}

static void fill_place_order(tv_place_order *req)
{
    OP_PLACE_FIELDS(req, tv_place_order);
}

static void fill_place_oco(tv_place_oco *req)
{
    OP_PLACE_FIELDS(req, tv_place_oco);
    req->other = op_bracket(TV_ORDER_TYPE_LIMIT, 6100.25);
}

static void fill_place_oso(tv_place_oso *req)
{
    OP_PLACE_FIELDS(req, tv_place_oso);
    req->bracket1 = op_bracket(TV_ORDER_TYPE_LIMIT, 6100.25);
    TV_SET(req, tv_place_oso, bracket2, op_bracket(TV_ORDER_TYPE_STOP, 5950.25));
}

static void fill_modify_order(tv_modify_order *req)
{
    req->order_id = op_ids[0];
    req->order_qty = 2;
    req->order_type = TV_ORDER_TYPE_LIMIT;
    TV_SET(req, tv_modify_order, price, 5990.5);
}

static void fill_cancel_order(tv_cancel_order *req)
{
    req->order_id = op_ids[0];
}

static void fill_liquidate_position(tv_liquidate_position *req)
{
    req->account_id = 1001;
    req->contract_id = 4001003;
}

static void fill_liquidate_positions(tv_liquidate_positions *req)
{
    req->positions.items = op_ids;
    req->positions.count = 2;
}

static void fill_dry_run(tv_dry_run *req)
{
    static tv_dry_run_order o;
    o.contract_id = 4001001;
    o.action = TV_ACTION_BUY;
    o.order_qty = 1;
    o.order_type = TV_ORDER_TYPE_MARKET;
    req->account_id = 1001;
    req->orders.items = &o;
    req->orders.count = 1;
}

static void fill_start_strategy(tv_start_order_strategy *req)
{
    static tv_strategy_bracket br;
    br.qty = 1;
    TV_SET(&br, tv_strategy_bracket, profit_target, 10.5);
    TV_SET(&br, tv_strategy_bracket, stop_loss, -5.25);
    TV_SET(req, tv_start_order_strategy, account_id, 1001);
    req->symbol = "MESZ6";
    req->order_strategy_type_id = 2;
    req->action = TV_ACTION_BUY;
    req->params.entry_version.order_qty = 1;
    req->params.entry_version.order_type = TV_ORDER_TYPE_MARKET;
    req->params.brackets.items = &br;
    req->params.brackets.count = 1;
    TV_SET(req, tv_start_order_strategy, params, req->params);
}

static void fill_modify_strategy(tv_modify_order_strategy *req)
{
    req->order_strategy_id = 4600000000001;
    req->command = "{\"brackets\":[{\"profitTarget\":12,\"stopLoss\":-6}]}";
}

static void fill_interrupt_strategy(tv_interrupt_order_strategy *req)
{
    req->order_strategy_id = 4600000000001;
}

OP_REQUEST(place_order, tv_place_order, tv_place_order_result, tv_order_place)
OP_REQUEST(place_oco, tv_place_oco, tv_place_oco_result, tv_order_place_oco)
OP_REQUEST(place_oso, tv_place_oso, tv_place_oso_result, tv_order_place_oso)
OP_REQUEST(modify_order, tv_modify_order, tv_command_result, tv_order_modify)
OP_REQUEST(cancel_order, tv_cancel_order, tv_command_result, tv_order_cancel)
OP_REQUEST(liquidate_position, tv_liquidate_position, tv_place_order_result,
           tv_order_liquidate_position)
OP_REQUEST(liquidate_positions, tv_liquidate_positions, tv_simple_response,
           tv_order_liquidate_positions)
OP_REQUEST(dry_run, tv_dry_run, tv_dry_run_response, tv_order_dry_run)
OP_REQUEST(start_strategy, tv_start_order_strategy, tv_order_strategy_status_response,
           tv_order_strategy_start)
OP_REQUEST(modify_strategy, tv_modify_order_strategy, tv_order_strategy_status_response,
           tv_order_strategy_modify)
OP_REQUEST(interrupt_strategy, tv_interrupt_order_strategy, tv_order_strategy_status_response,
           tv_order_strategy_interrupt)

/* ---- raw requests (tv_client_request): a GET, and a POST (a mutation) ---- */

static int op_raw(tv_client *c, uint64_t *h, tv_http_method method)
{
    tv_raw_response out;
    int rc = tv_client_request(c, method, "/x/raw", method == TV_HTTP_GET ? "a=1" : NULL,
                               method == TV_HTTP_POST ? "{\"a\":1}" : NULL, &out);
    tv_digest_mix(h, &out.http_status, sizeof out.http_status);
    tv_digest_mix(h, out.body, out.body_len);
    return rc;
}

static int op_raw_get(tv_client *c, uint64_t *h)
{
    return op_raw(c, h, TV_HTTP_GET);
}

static int op_raw_post(tv_client *c, uint64_t *h)
{
    return op_raw(c, h, TV_HTTP_POST);
}

/* ---- the table ---- */

#define OP_ROWS_ENTITY(e)                                                                          \
    {#e "_item", TV_OP_GET, &tv_##e##_schema, false, op_##e##_item},                               \
        {#e "_list", TV_OP_GET, &tv_##e##_schema, true, op_##e##_list},                            \
        {#e "_items", TV_OP_GET, &tv_##e##_schema, true, op_##e##_items},                          \
        {#e "_deps", TV_OP_GET, &tv_##e##_schema, true, op_##e##_deps},                            \
    {                                                                                              \
#e "_ldeps", TV_OP_GET, &tv_##e##_schema, true, op_##e##_ldeps                             \
    }

#define OP_ROW(name, kind, T, list)                                                                \
    {                                                                                              \
#name, kind, &T##_schema, list, op_##name                                                  \
    }

const tv_op tv_ops[] = {
    OP_ROW(auth_token, TV_OP_POST, tv_access_token_response, false),
    OP_ROW(auth_renew, TV_OP_GET, tv_access_token_response, false),
    OP_ROW(auth_me, TV_OP_GET, tv_me_response, false),
    {"timestamp", TV_OP_GET, NULL, false, op_timestamp},
    OP_ROW(userinfo, TV_OP_GET, tv_user_info, false),
    OP_ROW(place_order, TV_OP_MUTATION, tv_place_order_result, false),
    OP_ROW(place_oco, TV_OP_MUTATION, tv_place_oco_result, false),
    OP_ROW(place_oso, TV_OP_MUTATION, tv_place_oso_result, false),
    OP_ROW(modify_order, TV_OP_MUTATION, tv_command_result, false),
    OP_ROW(cancel_order, TV_OP_MUTATION, tv_command_result, false),
    OP_ROW(liquidate_position, TV_OP_MUTATION, tv_place_order_result, false),
    OP_ROW(liquidate_positions, TV_OP_MUTATION, tv_simple_response, false),
    OP_ROW(dry_run, TV_OP_POST, tv_dry_run_response, false),
    OP_ROW(start_strategy, TV_OP_MUTATION, tv_order_strategy_status_response, false),
    OP_ROW(modify_strategy, TV_OP_MUTATION, tv_order_strategy_status_response, false),
    OP_ROW(interrupt_strategy, TV_OP_MUTATION, tv_order_strategy_status_response, false),
    OP_ROWS_ENTITY(command),
    OP_ROWS_ENTITY(command_report),
    OP_ROWS_ENTITY(execution_report),
    OP_ROWS_ENTITY(fill),
    OP_ROWS_ENTITY(fill_fee),
    OP_ROWS_ENTITY(order),
    OP_ROWS_ENTITY(order_strategy),
    OP_ROWS_ENTITY(order_strategy_link),
    OP_ROWS_ENTITY(order_version),
    OP_ROW(account_list, TV_OP_GET, tv_account, true),
    OP_ROW(position_list, TV_OP_GET, tv_position, true),
    OP_ROW(contract_find, TV_OP_GET, tv_contract, false),
    OP_ROW(contract_item, TV_OP_GET, tv_contract, false),
    {"raw_get", TV_OP_GET, NULL, false, op_raw_get},
    {"raw_post", TV_OP_MUTATION, NULL, false, op_raw_post},
};
const size_t tv_op_count = sizeof tv_ops / sizeof tv_ops[0];

const tv_op *tv_op_find(const char *name, size_t len)
{
    for (size_t i = 0; i < tv_op_count; i++) {
        if (strlen(tv_ops[i].name) == len && memcmp(tv_ops[i].name, name, len) == 0) {
            return &tv_ops[i];
        }
    }
    return NULL;
}

/* ---- the rig ---------------------------------------------------------- */

/* The check call's answer: a contract, whole, with and without a close. */
#define CHECK_JSON                                                                                 \
    "{\"id\":4001001,\"name\":\"ESZ6\",\"contractMaturityId\":51001,"                              \
    "\"timestamp\":\"2026-11-25T13:25:30.123Z\"}"
#define CHECK_HEAD "HTTP/1.1 200 OK\r\nContent-Type: application/json\r\nContent-Length: 94\r\n"
static const char check_close[] = CHECK_HEAD "Connection: close\r\n\r\n" CHECK_JSON;
static const char check_keep[] = CHECK_HEAD "\r\n" CHECK_JSON;

int tv_rig_init(tv_rig *g, size_t response_size)
{
    tv_replay_init(&g->server, check_close, sizeof check_close - 1);
    memset(&g->creds, 0, sizeof g->creds);
    g->creds.name = "demo";
    g->creds.password = "demo-password";
    tv_client_config cfg;
    memset(&cfg, 0, sizeof cfg);
    cfg.base_url = TV_BASE_URL_DEMO;
    cfg.io = &g->server.io;
    cfg.credentials = &g->creds;
    cfg.request_buf = g->request;
    cfg.request_size = sizeof g->request;
    cfg.response_buf = g->response;
    cfg.response_size = response_size < sizeof g->response ? response_size : sizeof g->response;
    cfg.tokens = g->tokens;
    cfg.token_count = sizeof g->tokens / sizeof g->tokens[0];
    cfg.access_token_buf = g->token;
    cfg.access_token_size = sizeof g->token;
    int rc = tv_client_init(&g->client, &cfg);
    return rc == TV_OK ? tv_client_set_token(&g->client, "rig-token", 86400) : rc;
}

int tv_rig_run(tv_rig *g, const tv_op *op, uint64_t *digest)
{
    *digest = UINT64_C(0xcbf29ce484222325);
    int rc = op->run(&g->client, digest);
    tv_digest_call(digest, tv_client_last_call(&g->client));
    return rc;
}

int tv_rig_check(tv_rig *g, uint64_t *digest)
{
    static const tv_op *check;
    if (check == NULL) {
        check = tv_op_find("contract_item", 13);
    }
    int rc = tv_client_set_token(&g->client, "rig-token", 86400);
    return rc == TV_OK ? tv_rig_run(g, check, digest) : rc;
}

tv_chop *tv_rig_push_check(tv_rig *g)
{
    return tv_replay_push(&g->server, check_keep, sizeof check_keep - 1);
}

/* ---- recorded responses ------------------------------------------------ */

long tv_corpus_read(const char *path, uint8_t *buf, size_t cap)
{
    FILE *f = fopen(path, "rb");
    if (f == NULL) {
        return -1;
    }
    size_t n = fread(buf, 1, cap, f);
    int more = fgetc(f) != EOF;
    fclose(f);
    return more ? -1 : (long)n;
}

static int by_name(const void *a, const void *b)
{
    return strcmp(*(const char *const *)a, *(const char *const *)b);
}

int tv_corpus_each(const char *dir, const char *suffix,
                   void (*fn)(void *user, const char *path, const char *name), void *user)
{
    enum { MAX_FILES = 512 };
    char names[MAX_FILES][128];
    const char *sorted[MAX_FILES];
    size_t n = 0, sl = strlen(suffix);
    DIR *d = opendir(dir);
    if (d == NULL) {
        return -1;
    }
    for (struct dirent *e; (e = readdir(d)) != NULL && n < MAX_FILES;) {
        size_t len = strlen(e->d_name);
        if (len >= sl && len < sizeof names[0] && strcmp(e->d_name + len - sl, suffix) == 0) {
            memcpy(names[n], e->d_name, len + 1);
            sorted[n] = names[n];
            n++;
        }
    }
    closedir(d);
    qsort(sorted, n, sizeof sorted[0], by_name);
    for (size_t i = 0; i < n; i++) {
        char path[512];
        snprintf(path, sizeof path, "%s/%s", dir, sorted[i]);
        fn(user, path, sorted[i]);
    }
    return (int)n;
}
