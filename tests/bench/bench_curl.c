/*
 * The client a C programmer would otherwise write, behind the benchmark
 * harness (bench.h): libcurl's easy interface with one handle kept between
 * calls (so its connection and TLS session are reused), request bodies
 * built with cJSON, each answer collected into a growing buffer, parsed
 * with cJSON and decoded into typed structs like ours. It sends the same
 * requests, byte for byte in their bodies, as bench_tv.c.
 *
 * Written the plain way, not tuned, but without waste either: the header
 * list is built once per login, the receive buffer is kept between calls.
 */
#define _GNU_SOURCE /* timegm */
#include <stdbool.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include <cjson/cJSON.h>
#include <curl/curl.h>

#include "bench.h"
#include "tradovate/tv_enums.h"

const char bench_client_name[] = "libcurl+cJSON";

typedef struct growbuf {
    char *data;
    size_t len;
    size_t cap;
} growbuf;

/* The same members as tv_order, with the same enum codes. */
typedef struct order {
    int64_t id;
    int64_t account_id;
    int64_t contract_id;
    int64_t spread_definition_id;
    int64_t timestamp;
    int action;
    int ord_status;
    int64_t execution_provider_id;
    int64_t oco_id;
    int64_t parent_id;
    int64_t linked_id;
    bool admin;
} order;

typedef struct place_result {
    int failure_reason;
    char *failure_text;
    int64_t order_id;
} place_result;

/* The enum names in the library's order, so codes compare equal to ours. */
#define NAME(id, text) text,
static const char *const actions[] = {TV_ENUM_ACTION(NAME) NULL};
static const char *const ord_statuses[] = {TV_ENUM_ORD_STATUS(NAME) NULL};
static const char *const failure_reasons[] = {TV_ENUM_FAILURE_REASON(NAME) NULL};
#undef NAME

static CURL *curl;
static struct curl_slist *headers;
static growbuf body;
static char *token;
static char url_login[256], url_place[256], url_list[256];
static unsigned long id_counter;
static int global_ready;

static size_t on_data(char *ptr, size_t size, size_t nmemb, void *user)
{
    growbuf *b = user;
    size_t add = size * nmemb;
    if (b->len + add + 1 > b->cap) {
        size_t cap = b->cap != 0 ? b->cap : 4096;
        while (cap < b->len + add + 1) {
            cap *= 2;
        }
        char *data = realloc(b->data, cap);
        if (data == NULL) {
            return 0;
        }
        b->data = data;
        b->cap = cap;
    }
    memcpy(b->data + b->len, ptr, add);
    b->len += add;
    b->data[b->len] = '\0';
    return add;
}

static int enum_code(const char *const *names, const cJSON *v)
{
    if (!cJSON_IsString(v)) {
        return 0;
    }
    for (int i = 0; names[i] != NULL; i++) {
        if (strcmp(names[i], v->valuestring) == 0) {
            return i + 1;
        }
    }
    return 0;
}

static int64_t get_i64(const cJSON *obj, const char *key)
{
    const cJSON *v = cJSON_GetObjectItemCaseSensitive(obj, key);
    return cJSON_IsNumber(v) ? (int64_t)v->valuedouble : 0;
}

/* "2026-11-25T13:22:53.696Z" to epoch milliseconds. */
static int64_t get_time(const cJSON *obj, const char *key)
{
    const cJSON *v = cJSON_GetObjectItemCaseSensitive(obj, key);
    struct tm tm;
    int ms = 0;
    memset(&tm, 0, sizeof tm);
    if (!cJSON_IsString(v) ||
        sscanf(v->valuestring, "%d-%d-%dT%d:%d:%d.%dZ", &tm.tm_year, &tm.tm_mon, &tm.tm_mday,
               &tm.tm_hour, &tm.tm_min, &tm.tm_sec, &ms) < 6) {
        return 0;
    }
    tm.tm_year -= 1900;
    tm.tm_mon -= 1;
    return (int64_t)timegm(&tm) * 1000 + ms;
}

int bench_client_init(const char *base_url, const char *ca_path)
{
    if (!global_ready) {
        if (curl_global_init(CURL_GLOBAL_DEFAULT) != CURLE_OK) {
            return -1;
        }
        global_ready = 1;
    }
    curl = curl_easy_init();
    if (curl == NULL) {
        return -1;
    }
    snprintf(url_login, sizeof url_login, "%s/auth/accesstokenrequest", base_url);
    snprintf(url_place, sizeof url_place, "%s/order/placeorder", base_url);
    snprintf(url_list, sizeof url_list, "%s/order/list", base_url);
    curl_easy_setopt(curl, CURLOPT_CAINFO, ca_path);
    curl_easy_setopt(curl, CURLOPT_CAPATH, NULL);
    curl_easy_setopt(curl, CURLOPT_NOSIGNAL, 1L);
    curl_easy_setopt(curl, CURLOPT_TIMEOUT_MS, 10000L);
    curl_easy_setopt(curl, CURLOPT_WRITEFUNCTION, on_data);
    curl_easy_setopt(curl, CURLOPT_WRITEDATA, &body);
    return 0;
}

/* One request; the answer's body ends up in `body`, its status in *status. */
static int perform(const char *url, const char *json, const struct curl_slist *hdrs, long *status)
{
    body.len = 0;
    curl_easy_setopt(curl, CURLOPT_URL, url);
    curl_easy_setopt(curl, CURLOPT_HTTPHEADER, hdrs);
    if (json != NULL) {
        curl_easy_setopt(curl, CURLOPT_POSTFIELDS, json);
    } else {
        curl_easy_setopt(curl, CURLOPT_HTTPGET, 1L);
    }
    CURLcode rc = curl_easy_perform(curl);
    if (rc != CURLE_OK) {
        fprintf(stderr, "%s: %s\n", url, curl_easy_strerror(rc));
        return -1;
    }
    curl_easy_getinfo(curl, CURLINFO_RESPONSE_CODE, status);
    return *status >= 200 && *status <= 299 ? 0 : -1;
}

int bench_client_login(void)
{
    cJSON *req = cJSON_CreateObject();
    cJSON_AddStringToObject(req, "name", "demo");
    cJSON_AddStringToObject(req, "password", "demo-password");
    cJSON_AddStringToObject(req, "appId", "libtradovate");
    cJSON_AddStringToObject(req, "appVersion", "0.1");
    cJSON_AddStringToObject(req, "deviceId", "bench-device");
    cJSON_AddNumberToObject(req, "cid", 1);
    cJSON_AddStringToObject(req, "sec", "demo-secret");
    char *json = cJSON_PrintUnformatted(req);
    cJSON_Delete(req);
    struct curl_slist *hdrs = curl_slist_append(NULL, "Content-Type: application/json");
    hdrs = curl_slist_append(hdrs, "Accept: application/json");
    long status = 0;
    int rc = perform(url_login, json, hdrs, &status);
    curl_slist_free_all(hdrs);
    free(json);
    cJSON *resp = rc == 0 ? cJSON_ParseWithLength(body.data, body.len) : NULL;
    const cJSON *tok = cJSON_GetObjectItemCaseSensitive(resp, "accessToken");
    rc = cJSON_IsString(tok) ? 0 : -1;
    if (rc == 0) {
        free(token);
        token = strdup(tok->valuestring);
        size_t n = strlen(token) + sizeof "Authorization: Bearer ";
        char *auth = malloc(n);
        snprintf(auth, n, "Authorization: Bearer %s", token);
        curl_slist_free_all(headers);
        headers = curl_slist_append(NULL, auth);
        headers = curl_slist_append(headers, "Content-Type: application/json");
        headers = curl_slist_append(headers, "Accept: application/json");
        free(auth);
    }
    cJSON_Delete(resp);
    return rc;
}

int bench_client_place(void)
{
    char cl_ord_id[32];
    snprintf(cl_ord_id, sizeof cl_ord_id, "tvbenchcurl-%lu", ++id_counter);
    cJSON *req = cJSON_CreateObject();
    cJSON_AddNumberToObject(req, "accountId", 1001);
    cJSON_AddStringToObject(req, "clOrdId", cl_ord_id);
    cJSON_AddStringToObject(req, "action", "Buy");
    cJSON_AddStringToObject(req, "symbol", "ESZ6");
    cJSON_AddNumberToObject(req, "orderQty", 1);
    cJSON_AddStringToObject(req, "orderType", "Limit");
    cJSON_AddNumberToObject(req, "price", 5000.25);
    cJSON_AddStringToObject(req, "timeInForce", "Day");
    cJSON_AddBoolToObject(req, "isAutomated", 1);
    char *json = cJSON_PrintUnformatted(req);
    cJSON_Delete(req);
    long status = 0;
    int rc = perform(url_place, json, headers, &status);
    free(json);
    if (rc != 0) {
        return -1;
    }
    cJSON *resp = cJSON_ParseWithLength(body.data, body.len);
    place_result out;
    memset(&out, 0, sizeof out);
    out.order_id = get_i64(resp, "orderId");
    out.failure_reason =
        enum_code(failure_reasons, cJSON_GetObjectItemCaseSensitive(resp, "failureReason"));
    const cJSON *text = cJSON_GetObjectItemCaseSensitive(resp, "failureText");
    if (cJSON_IsString(text)) {
        out.failure_text = strdup(text->valuestring);
    }
    cJSON_Delete(resp);
    free(out.failure_text);
    bool ok = out.failure_reason == 0 || out.failure_reason == (int)TV_FAILURE_REASON_SUCCESS;
    return out.order_id == BENCH_ORDER_ID && ok ? 0 : -1;
}

static void decode_order(const cJSON *item, order *o)
{
    o->id = get_i64(item, "id");
    o->account_id = get_i64(item, "accountId");
    o->contract_id = get_i64(item, "contractId");
    o->spread_definition_id = get_i64(item, "spreadDefinitionId");
    o->timestamp = get_time(item, "timestamp");
    o->action = enum_code(actions, cJSON_GetObjectItemCaseSensitive(item, "action"));
    o->ord_status = enum_code(ord_statuses, cJSON_GetObjectItemCaseSensitive(item, "ordStatus"));
    o->execution_provider_id = get_i64(item, "executionProviderId");
    o->oco_id = get_i64(item, "ocoId");
    o->parent_id = get_i64(item, "parentId");
    o->linked_id = get_i64(item, "linkedId");
    o->admin = cJSON_IsTrue(cJSON_GetObjectItemCaseSensitive(item, "admin"));
}

int bench_client_list(bench_list_sum *sum)
{
    long status = 0;
    if (perform(url_list, NULL, headers, &status) != 0) {
        return -1;
    }
    cJSON *list = cJSON_ParseWithLength(body.data, body.len);
    if (!cJSON_IsArray(list)) {
        cJSON_Delete(list);
        return -1;
    }
    const cJSON *item;
    cJSON_ArrayForEach(item, list)
    {
        order o;
        decode_order(item, &o);
        BENCH_ORDER_SUM(sum, o);
    }
    cJSON_Delete(list);
    return 0;
}

int bench_client_resumed(void)
{
    return -1; /* libcurl does not say; the server's log does */
}

void bench_client_free(void)
{
    if (curl != NULL) {
        curl_easy_cleanup(curl);
        curl = NULL;
    }
    curl_slist_free_all(headers);
    headers = NULL;
    free(token);
    token = NULL;
    free(body.data);
    memset(&body, 0, sizeof body);
}

void bench_client_report(FILE *out)
{
    (void)out; /* its heap is measured by valgrind's massif */
}
