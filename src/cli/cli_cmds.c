/*
 * The commands of `tradovate`: each maps to one library operation (or, for
 * entities, one of five), fills its request from the options, runs it and
 * prints the result.
 */
#include <string.h>

#include "cli.h"
#include "tv_tables_priv.h"

/* ---- errors -------------------------------------------------------------- */

int cli_exit_code(int status)
{
    if (status == TV_OK) {
        return CLI_EXIT_OK;
    }
    switch (status) {
    case TV_ERR_BUSINESS:
        return CLI_EXIT_BUSINESS;
    case TV_ERR_PENALTY:
    case TV_ERR_PENALTY_CAPTCHA:
    case TV_ERR_RATE_LIMITED:
    case TV_ERR_RATE_LIMIT_WARNING:
        return CLI_EXIT_PENALTY;
    default:
        break;
    }
    switch (tv_err_classify(status)) {
    case TV_ERRCLASS_TRANSIENT:
        return CLI_EXIT_TRANSIENT;
    case TV_ERRCLASS_CAPACITY:
        return CLI_EXIT_CAPACITY;
    case TV_ERRCLASS_SECURITY:
        return CLI_EXIT_SECURITY;
    case TV_ERRCLASS_PROTOCOL:
        return CLI_EXIT_PROTOCOL;
    case TV_ERRCLASS_REMOTE:
        return CLI_EXIT_REMOTE;
    case TV_ERRCLASS_OUTCOME_UNKNOWN:
        return CLI_EXIT_UNKNOWN;
    case TV_ERRCLASS_USAGE:
        return CLI_EXIT_USAGE;
    default:
        return CLI_EXIT_PLATFORM;
    }
}

void cli_report_error(const cli_ctx *x, int status)
{
    const tv_call_info *ci = tv_client_last_call(&x->client);
    fputs("error: ", stderr);
    fputs(tv_err_name(status), stderr);
    fputs(": ", stderr);
    fputs(tv_strerror(status), stderr);
    if (ci->http_status != 0) {
        fputs(" (HTTP ", stderr);
        char num[8];
        int h = ci->http_status;
        num[0] = (char)('0' + h / 100 % 10);
        num[1] = (char)('0' + h / 10 % 10);
        num[2] = (char)('0' + h % 10);
        num[3] = ')';
        num[4] = '\0';
        fputs(num, stderr);
    }
    fputc('\n', stderr);
    if (ci->detail != NULL) {
        cli_err("  field:", ci->detail, NULL);
    }
    if (ci->failure_reason != TV_FAILURE_REASON_UNRECOGNIZED) {
        cli_err("  reason:", tv_failure_reason_name(ci->failure_reason), NULL);
    }
    if (ci->failure_text != NULL) {
        cli_err("  text:", ci->failure_text, NULL);
    }
    if (status == TV_ERR_PENALTY) {
        cli_err("  penalty: the service asks to wait before resending; run the same command",
                "again later", NULL);
    }
    if (status == TV_ERR_PENALTY_CAPTCHA) {
        cli_err("  penalty with captcha: stop and try again in about an hour", NULL, NULL);
    }
    if (status == TV_ERR_OUTCOME_UNKNOWN) {
        cli_err("  cause:", tv_err_name(ci->cause), tv_strerror(ci->cause));
        cli_err("  the request may or may not have been applied; nothing was resent.", NULL,
                NULL);
        if (ci->cl_ord_id[0] != '\0') {
            cli_err("  check with: tradovate reconcile", ci->cl_ord_id, NULL);
        }
    }
}

/* ---- actions ---------------------------------------------------------------- */

typedef int (*cli_action_fn)(tv_client *c, const void *req, void *res);

#define CLI_ACTION(name, fn, rq, rs)                                                               \
    static int name(tv_client *c, const void *req, void *res)                                      \
    {                                                                                              \
        return fn(c, (const rq *)req, (rs *)res);                                                  \
    }
CLI_ACTION(cli_place, tv_order_place, tv_place_order, tv_place_order_result)
CLI_ACTION(cli_modify, tv_order_modify, tv_modify_order, tv_command_result)
CLI_ACTION(cli_cancel, tv_order_cancel, tv_cancel_order, tv_command_result)
CLI_ACTION(cli_oco, tv_order_place_oco, tv_place_oco, tv_place_oco_result)
CLI_ACTION(cli_oso, tv_order_place_oso, tv_place_oso, tv_place_oso_result)
CLI_ACTION(cli_liquidate, tv_order_liquidate_position, tv_liquidate_position,
           tv_place_order_result)
CLI_ACTION(cli_liquidate_all, tv_order_liquidate_positions, tv_liquidate_positions,
           tv_simple_response)
CLI_ACTION(cli_dry_run, tv_order_dry_run, tv_dry_run, tv_dry_run_response)
CLI_ACTION(cli_strategy_start, tv_order_strategy_start, tv_start_order_strategy,
           tv_order_strategy_status_response)
CLI_ACTION(cli_strategy_modify, tv_order_strategy_modify, tv_modify_order_strategy,
           tv_order_strategy_status_response)
CLI_ACTION(cli_strategy_interrupt, tv_order_strategy_interrupt, tv_interrupt_order_strategy,
           tv_order_strategy_status_response)

typedef struct cli_action {
    const char *name;
    cli_action_fn run;
    const tv_schema *request;
    const tv_schema *result;
    const char *help;
} cli_action;

static const cli_action cli_actions[] = {
    {"place", cli_place, &tv_place_order_schema, &tv_place_order_result_schema,
     "place an order, e.g. --accountId 1001 --symbol ESZ6 --action Buy --qty 1 --type Market"},
    {"modify", cli_modify, &tv_modify_order_schema, &tv_command_result_schema,
     "modify an order, e.g. --orderId N --qty 1 --type Limit --price 6000.25"},
    {"cancel", cli_cancel, &tv_cancel_order_schema, &tv_command_result_schema,
     "cancel an order: --orderId N"},
    {"oco", cli_oco, &tv_place_oco_schema, &tv_place_oco_result_schema,
     "an order and its one-cancels-other sibling: ... --other action=Sell,orderType=Limit,price=P"},
    {"oso", cli_oso, &tv_place_oso_schema, &tv_place_oso_result_schema,
     "an entry with brackets: ... --bracket1 action=Sell,orderType=Limit,price=P [--bracket2 ...]"},
    {"liquidate", cli_liquidate, &tv_liquidate_position_schema, &tv_place_order_result_schema,
     "flatten one position: --accountId N --contractId N"},
    {"liquidate-all", cli_liquidate_all, &tv_liquidate_positions_schema,
     &tv_simple_response_schema, "flatten positions: --positions ID,ID,..."},
    {"dry-run", cli_dry_run, &tv_dry_run_schema, &tv_dry_run_response_schema,
     "risk check without placing: --accountId N --order contractId=N,action=Buy,orderQty=1,"
     "orderType=Market (1 to 4 --order)"},
};

static const cli_action cli_strategy_actions[] = {
    {"start", cli_strategy_start, &tv_start_order_strategy_schema,
     &tv_order_strategy_status_response_schema,
     "start a bracket strategy: --accountId N --symbol S --action Buy --entry "
     "orderQty=1,orderType=Market --bracket qty=1,profitTarget=10,stopLoss=-5"},
    {"modify", cli_strategy_modify, &tv_modify_order_strategy_schema,
     &tv_order_strategy_status_response_schema,
     "modify a strategy: --orderStrategyId N --command TEXT"},
    {"interrupt", cli_strategy_interrupt, &tv_interrupt_order_strategy_schema,
     &tv_order_strategy_status_response_schema, "stop a strategy: --orderStrategyId N"},
};

static bool cli_wants_help(int argc, char **argv)
{
    for (int i = 0; i < argc; i++) {
        if (strcmp(argv[i], "--help") == 0 || strcmp(argv[i], "-h") == 0) {
            return true;
        }
    }
    return false;
}

static int cli_action_help(const char *prefix, const cli_action *a)
{
    cli_puts("usage: tradovate ");
    cli_puts(prefix);
    cli_puts(a->name);
    cli_puts(" --field value ...\n  ");
    cli_puts(a->help);
    cli_puts("\n  fields (names are case-insensitive; aliases: --qty --type --tif --stop"
             " --tag50 --cl-ord-id --order-id --account-id --entry --bracket --order):\n");
    cli_print_fields(a->request, "");
    return CLI_EXIT_OK;
}

/* Room for any request struct; the largest is tv_place_oso. */
typedef union cli_request {
    tv_place_order place;
    tv_place_oco oco;
    tv_place_oso oso;
    tv_modify_order modify;
    tv_start_order_strategy strategy;
    tv_dry_run dry_run;
} cli_request;

typedef union cli_result {
    tv_place_order_result place;
    tv_place_oso_result oso;
    tv_order_strategy_status_response strategy;
    tv_dry_run_response dry_run;
} cli_result;

static int cli_run_action(cli_ctx *x, const char *prefix, const cli_action *a, int argc,
                          char **argv)
{
    static cli_request req;
    static cli_result res;
    if (cli_wants_help(argc, argv)) {
        return cli_action_help(prefix, a);
    }
    memset(&req, 0, sizeof req);
    if (a->request == &tv_start_order_strategy_schema) {
        TV_SET(&req.strategy, tv_start_order_strategy, order_strategy_type_id, 2); /* multibracket */
    }
    if (cli_fill(a->request, &req, argc, argv) != 0) {
        return CLI_EXIT_USAGE;
    }
    int rc = a->run(&x->client, &req, &res);
    const tv_call_info *ci = tv_client_last_call(&x->client);
    if (rc == TV_OK || rc == TV_ERR_BUSINESS) {
        cli_print_object(x, a->result, &res);
    }
    if (ci->cl_ord_id[0] != '\0' && !x->json) {
        cli_puts(a->request == &tv_start_order_strategy_schema ? "uuid: " : "clOrdId: ");
        cli_puts(ci->cl_ord_id);
        cli_puts("\n");
    }
    return rc;
}

static int cli_find_action(cli_ctx *x, const char *prefix, const cli_action *table, size_t n,
                           int argc, char **argv)
{
    for (size_t i = 0; i < n; i++) {
        if (strcmp(argv[0], table[i].name) == 0) {
            return cli_run_action(x, prefix, &table[i], argc - 1, argv + 1);
        }
    }
    return 1000; /* not an action */
}

/* ---- entity queries ------------------------------------------------------------ */

typedef struct cli_entity {
    const char *name;  /* CLI spelling */
    const char *alias; /* the API's spelling */
    const tv_schema *schema;
    int (*list)(tv_client *, tv_sink *);
    int (*item)(tv_client *, int64_t, void *);
    int (*items)(tv_client *, const int64_t *, size_t, tv_sink *);
    int (*deps)(tv_client *, int64_t, tv_sink *);
    int (*ldeps)(tv_client *, const int64_t *, size_t, tv_sink *);
    const char *master;
} cli_entity;

#define CLI_ITEM(e)                                                                                \
    static int cli_item_##e(tv_client *c, int64_t id, void *out)                                   \
    {                                                                                              \
        return tv_##e##_item(c, id, (tv_##e *)out);                                                \
    }
CLI_ITEM(command)
CLI_ITEM(command_report)
CLI_ITEM(execution_report)
CLI_ITEM(fill)
CLI_ITEM(fill_fee)
CLI_ITEM(order)
CLI_ITEM(order_strategy)
CLI_ITEM(order_strategy_link)
CLI_ITEM(order_version)

#define CLI_ENTITY(cli, api, e, master)                                                            \
    {cli,           api,           &tv_##e##_schema, tv_##e##_list, cli_item_##e,                 \
     tv_##e##_items, tv_##e##_deps, tv_##e##_ldeps,   master}

static const cli_entity cli_entities[] = {
    CLI_ENTITY("command", "command", command, "order"),
    CLI_ENTITY("command-report", "commandReport", command_report, "command"),
    CLI_ENTITY("execution-report", "executionReport", execution_report, "command"),
    CLI_ENTITY("fill", "fill", fill, "order"),
    CLI_ENTITY("fill-fee", "fillFee", fill_fee, "fill"),
    CLI_ENTITY("order", "order", order, "account"),
    CLI_ENTITY("order-strategy", "orderStrategy", order_strategy, "account"),
    CLI_ENTITY("order-strategy-link", "orderStrategyLink", order_strategy_link, "orderStrategy"),
    CLI_ENTITY("order-version", "orderVersion", order_version, "order"),
};

/* The largest entity, for `item`. */
typedef union cli_entity_buf {
    tv_execution_report er;
    tv_order_strategy os;
    tv_fill_fee ff;
    tv_account account;
} cli_entity_buf;

static int cli_entity_help(const cli_entity *e)
{
    cli_puts("usage: tradovate ");
    cli_puts(e->name);
    cli_puts(" list | item ID | items ID,ID,... | deps ");
    cli_puts(e->master);
    cli_puts("_ID | ldeps ");
    cli_puts(e->master);
    cli_puts("_ID,...\n  GET /");
    cli_puts(e->alias);
    cli_puts("/list|item|items|deps|ldeps; deps/ldeps take ");
    cli_puts(e->master);
    cli_puts(" ids. Fields:\n");
    cli_print_fields(e->schema, "");
    return CLI_EXIT_OK;
}

static int cli_run_entity(cli_ctx *x, const cli_entity *e, int argc, char **argv)
{
    static int64_t ids[256];
    static cli_entity_buf one;
    cli_table table = {x, e->schema, false};
    tv_sink sink = tv_sink_callback(cli_print_row, &table);
    if (argc < 1 || cli_wants_help(argc, argv)) {
        return argc < 1 ? (cli_entity_help(e), CLI_EXIT_USAGE) : cli_entity_help(e);
    }
    const char *op = argv[0];
    bool needs_arg = strcmp(op, "list") != 0;
    if (needs_arg != (argc == 2) || argc > 2) {
        cli_entity_help(e);
        return CLI_EXIT_USAGE;
    }
    int n = needs_arg ? cli_parse_ids(argv[1], ids, 256) : 0;
    if (needs_arg && n <= 0) {
        cli_err("error: expected ids, got", argv[1], NULL);
        return CLI_EXIT_USAGE;
    }
    int rc;
    if (strcmp(op, "list") == 0) {
        rc = e->list(&x->client, &sink);
    } else if (strcmp(op, "item") == 0 && n == 1) {
        rc = e->item(&x->client, ids[0], &one);
        if (rc == TV_OK) {
            cli_print_object(x, e->schema, &one);
        }
        return rc;
    } else if (strcmp(op, "items") == 0) {
        rc = e->items(&x->client, ids, (size_t)n, &sink);
    } else if (strcmp(op, "deps") == 0 && n == 1) {
        rc = e->deps(&x->client, ids[0], &sink);
    } else if (strcmp(op, "ldeps") == 0) {
        rc = e->ldeps(&x->client, ids, (size_t)n, &sink);
    } else {
        cli_entity_help(e);
        return CLI_EXIT_USAGE;
    }
    if (rc == TV_OK && !x->json) {
        cli_put_i64((int64_t)sink.count);
        cli_puts(sink.count == 1 ? " entity\n" : " entities\n");
    }
    return rc;
}

/* ---- the rest ------------------------------------------------------------------- */

static int cli_auth(cli_ctx *x)
{
    tv_access_token_response r;
    int rc = tv_auth_request_token(&x->client, &r);
    if (rc == TV_OK || rc == TV_ERR_BUSINESS) {
        cli_print_object(x, &tv_access_token_response_schema, &r);
    }
    if (rc == TV_OK && !x->json) {
        cli_puts("logged in; token valid for ");
        cli_put_i64(tv_client_token_seconds_left(&x->client));
        cli_puts(" s (the token itself is never printed)\n");
    }
    return rc;
}

static int cli_list_of(cli_ctx *x, const tv_schema *s, int (*fn)(tv_client *, tv_sink *))
{
    cli_table table = {x, s, false};
    tv_sink sink = tv_sink_callback(cli_print_row, &table);
    return fn(&x->client, &sink);
}

static int cli_raw(cli_ctx *x, int argc, char **argv)
{
    if (argc < 2 || argc > 3) {
        cli_puts("usage: tradovate raw GET|POST PATH[?QUERY] [JSON]\n");
        return CLI_EXIT_USAGE;
    }
    tv_http_method m;
    if (strcmp(argv[0], "GET") == 0) {
        m = TV_HTTP_GET;
    } else if (strcmp(argv[0], "POST") == 0) {
        m = TV_HTTP_POST;
    } else {
        cli_err("error: method must be GET or POST, got", argv[0], NULL);
        return CLI_EXIT_USAGE;
    }
    static char path[512];
    size_t n = strlen(argv[1]);
    if (n >= sizeof path) {
        return CLI_EXIT_USAGE;
    }
    memcpy(path, argv[1], n + 1);
    char *q = strchr(path, '?');
    if (q != NULL) {
        *q++ = '\0';
    }
    tv_raw_response out;
    int rc = tv_client_request(&x->client, m, path, q, argc == 3 ? argv[2] : NULL, &out);
    if (out.body != NULL && out.body_len > 0) {
        fwrite(out.body, 1, out.body_len, stdout);
        cli_puts("\n");
    }
    return rc;
}

void cli_usage(FILE *f)
{
    static const char text[] =
        "usage: tradovate [options] COMMAND [args]\n"
        "\n"
        "options:\n"
        "  --base-url URL   API base (default the demo environment, " TV_BASE_URL_DEMO ")\n"
        "  --env demo|live  pick Tradovate's demo or live environment\n"
        "  --ca FILE        trusted CA certificates, PEM or DER (default: the system's)\n"
        "  --pin SHA256     pin the server key (hex or base64 SPKI SHA-256; twice for a backup)\n"
        "  --timeout MS     deadline of each request (default 10000)\n"
        "  --json           one JSON object per line instead of tables\n"
        "\n"
        "credentials come from the environment only, never from the command line:\n"
        "  TRADOVATE_USER TRADOVATE_PASSWORD TRADOVATE_APP_ID TRADOVATE_APP_VERSION\n"
        "  TRADOVATE_CID TRADOVATE_SEC TRADOVATE_DEVICE_ID; TRADOVATE_TOKEN_CACHE=FILE keeps\n"
        "  the session token between runs (mode 0600). Secrets are never printed.\n"
        "\n"
        "commands (each takes --help):\n"
        "  auth | me | timestamp | userinfo\n"
        "  place | modify | cancel | oco | oso | liquidate | liquidate-all | dry-run\n"
        "  strategy start|modify|interrupt\n"
        "  reconcile CLORDID            did a request whose outcome was unknown go through?\n"
        "  command | command-report | execution-report | fill | fill-fee | order |\n"
        "  order-strategy | order-strategy-link | order-version\n"
        "       list | item ID | items ID,ID,.. | deps ID | ldeps ID,ID,..\n"
        "  accounts | positions | contract NAME_OR_ID\n"
        "  raw GET|POST PATH[?QUERY] [JSON]\n"
        "\n"
        "exit codes: 0 ok, 1 usage, 2 network/timeout, 3 buffer too small, 4 TLS security,\n"
        "  5 malformed response, 6 HTTP error status, 7 refused by the service (business),\n"
        "  8 rate limited / penalty, 9 outcome unknown (reconcile), 10 local failure\n";
    fputs(text, f);
}

int cli_run_command(cli_ctx *x, int argc, char **argv)
{
    const char *cmd = argv[0];
    int rc = cli_find_action(x, "", cli_actions, sizeof cli_actions / sizeof cli_actions[0],
                             argc, argv);
    if (rc != 1000) {
        return rc;
    }
    if (strcmp(cmd, "strategy") == 0) {
        if (argc < 2) {
            cli_puts("usage: tradovate strategy start|modify|interrupt --field value ...\n");
            return CLI_EXIT_USAGE;
        }
        rc = cli_find_action(x, "strategy ", cli_strategy_actions,
                             sizeof cli_strategy_actions / sizeof cli_strategy_actions[0],
                             argc - 1, argv + 1);
        return rc == 1000 ? CLI_EXIT_USAGE : rc;
    }
    for (size_t i = 0; i < sizeof cli_entities / sizeof cli_entities[0]; i++) {
        if (strcmp(cmd, cli_entities[i].name) == 0 || strcmp(cmd, cli_entities[i].alias) == 0) {
            return cli_run_entity(x, &cli_entities[i], argc - 1, argv + 1);
        }
    }
    bool help = cli_wants_help(argc - 1, argv + 1);
    if (strcmp(cmd, "auth") == 0) {
        return help ? (cli_puts("usage: tradovate auth  (log in, show the session)\n"), 0)
                    : cli_auth(x);
    }
    if (strcmp(cmd, "me") == 0) {
        static tv_me_response me;
        if (help) {
            cli_puts("usage: tradovate me  (GET /auth/me)\n");
            return 0;
        }
        rc = tv_auth_me(&x->client, &me);
        if (rc == TV_OK) {
            cli_print_object(x, &tv_me_response_schema, &me);
        }
        return rc;
    }
    if (strcmp(cmd, "userinfo") == 0) {
        static tv_user_info ui;
        if (help) {
            cli_puts("usage: tradovate userinfo  (OIDC User Info, path " TV_PATH_OIDC_USERINFO
                     " assumed)\n");
            return 0;
        }
        rc = tv_oidc_userinfo(&x->client, &ui);
        if (rc == TV_OK) {
            cli_print_object(x, &tv_user_info_schema, &ui);
        }
        return rc;
    }
    if (strcmp(cmd, "timestamp") == 0) {
        int64_t ms = 0;
        char buf[TV_JSON_TIME_BUF];
        if (help) {
            cli_puts("usage: tradovate timestamp  (server time, path " TV_PATH_GET_TIMESTAMP
                     " assumed)\n");
            return 0;
        }
        rc = tv_server_timestamp(&x->client, &ms);
        if (rc == TV_OK && tv_json_format_time(ms, buf, sizeof buf) > 0) {
            cli_puts(x->json ? "{\"timestamp\":\"" : "");
            cli_puts(buf);
            cli_puts(x->json ? "\"}\n" : "\n");
        }
        return rc;
    }
    if (strcmp(cmd, "reconcile") == 0) {
        tv_reconcile_result r;
        if (argc != 2 || help) {
            cli_puts("usage: tradovate reconcile CLORDID\n");
            return help ? 0 : CLI_EXIT_USAGE;
        }
        rc = tv_order_reconcile(&x->client, argv[1], &r);
        if (rc == TV_OK) {
            cli_puts(r.found ? "found: yes\norderId: " : "found: no (the request was not applied)\n");
            if (r.found) {
                cli_put_i64(r.order_id);
                cli_puts("\ncommandId: ");
                cli_put_i64(r.command_id);
                cli_puts("\ncommandType: ");
                cli_puts(tv_command_type_name(r.command_type) ? tv_command_type_name(r.command_type)
                                                              : "?");
                cli_puts("\ncommandStatus: ");
                cli_puts(tv_command_status_name(r.command_status)
                             ? tv_command_status_name(r.command_status)
                             : "?");
                cli_puts("\n");
            }
        }
        return rc;
    }
    if (strcmp(cmd, "accounts") == 0) {
        return cli_list_of(x, &tv_account_schema, tv_account_list);
    }
    if (strcmp(cmd, "positions") == 0) {
        return cli_list_of(x, &tv_position_schema, tv_position_list);
    }
    if (strcmp(cmd, "contract") == 0) {
        static tv_contract ct;
        int64_t id;
        if (argc != 2 || help) {
            cli_puts("usage: tradovate contract NAME|ID\n");
            return help ? 0 : CLI_EXIT_USAGE;
        }
        rc = cli_parse_i64(argv[1], &id) ? tv_contract_item(&x->client, id, &ct)
                                         : tv_contract_find(&x->client, argv[1], &ct);
        if (rc == TV_OK) {
            cli_print_object(x, &tv_contract_schema, &ct);
        }
        return rc;
    }
    if (strcmp(cmd, "raw") == 0) {
        return cli_raw(x, argc - 1, argv + 1);
    }
    cli_err("error: unknown command", cmd, "(tradovate --help lists them)");
    return CLI_EXIT_USAGE;
}
