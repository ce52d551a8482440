/*
 * The access token's life: log in, keep the token and its expiry on the
 * monotonic clock, renew it ahead of expiry, log in again when renewal is
 * refused. Renewal happens before a call starts, never inside one, so a
 * mutation is never interleaved with a token request.
 */
#include <string.h>

#include "tradovate/tv_port.h"
#include "tv_client_priv.h"
#include "tv_http_priv.h"

/* Tokens without an expirationTime live this long (the reference: 80-90 min). */
#define TV_AUTH_DEFAULT_LIFETIME_MS (80u * 60u * 1000u)

static void tv_auth_forget(tv_client *c)
{
    if (c->cfg.access_token_buf != NULL) {
        tv_http_wipe(c->cfg.access_token_buf, c->cfg.access_token_size);
    }
    c->token_len = 0;
    c->token_expiry_ms = 0;
}

void tv_auth_keep_token(tv_client *c, const char *tok, size_t len)
{
    memcpy(c->cfg.access_token_buf, tok, len + 1);
    c->token_len = len;
    c->token_ok = tv_http_token_ok(tok, len);
}

/* Keeps the token of a successful AccessTokenResponse, then wipes it (and
 * the market-data token) from the response buffer and hides it from the
 * caller's struct: the client holds the one copy. */
int tv_auth_after_token_response(tv_client *c, tv_access_token_response *r)
{
    const char *tok = r->access_token;
    size_t len = tok != NULL ? strlen(tok) : 0;
    int rc = TV_OK;
    if (len == 0) {
        rc = TV_ERR_JSON_MISSING_FIELD;
        c->last.detail = "accessToken";
    } else if (len + 1 > c->cfg.access_token_size) {
        rc = TV_ERR_BUFFER_TOO_SMALL;
    } else {
        tv_auth_keep_token(c, tok, len);
        uint64_t now = tv_port_now_ms();
        uint64_t life = TV_AUTH_DEFAULT_LIFETIME_MS;
        int64_t wall = tv_port_unix_time_s();
        if (TV_HAS(r, tv_access_token_response, expiration_time) && wall > 0) {
            /* The wall clock has whole seconds: take the end of the current
             * second, so that the estimate errs towards renewing early. */
            int64_t left = r->expiration_time - (wall + 1) * 1000;
            life = left > 0 ? (uint64_t)left : 0;
        }
        c->token_expiry_ms = now + life;
    }
    if (tok != NULL) {
        tv_http_wipe((void *)(uintptr_t)tok, len);
    }
    if (r->md_access_token != NULL) {
        tv_http_wipe((void *)(uintptr_t)r->md_access_token, strlen(r->md_access_token));
    }
    r->access_token = NULL;
    r->md_access_token = NULL;
    TV_CLEAR(r, tv_access_token_response, access_token);
    TV_CLEAR(r, tv_access_token_response, md_access_token);
    return rc;
}

static int tv_auth_token_call(tv_client *c, tv_endpoint_id ep, const void *request,
                              tv_access_token_response *out)
{
    tv_access_token_response local;
    tv_access_token_response *r = out != NULL ? out : &local;
    tv_call call;
    memset(&call, 0, sizeof call);
    call.ep = ep;
    call.request = request;
    call.result = r;
    c->in_auth = 1;
    int rc = tv_call_run(c, &call);
    c->in_auth = 0;
    if (rc == TV_OK) {
        rc = tv_auth_after_token_response(c, r);
        c->last.status = rc;
    } else if (r->access_token != NULL) {
        (void)tv_auth_after_token_response(c, r); /* never leave a token lying around */
        if (rc != TV_ERR_BUSINESS) {
            tv_auth_forget(c);
        }
    }
    return rc;
}

int tv_auth_request_token(tv_client *c, tv_access_token_response *out)
{
    if (c == NULL) {
        return TV_ERR_INVALID_ARG;
    }
    const tv_credentials *cr = c->cfg.credentials;
    if (cr == NULL || cr->name == NULL || cr->password == NULL) {
        return TV_ERR_NOT_LOGGED_IN;
    }
    tv_access_token_request req;
    memset(&req, 0, sizeof req);
    req.name = cr->name;
    req.password = cr->password;
    req.app_id = cr->app_id;
    req.app_version = cr->app_version;
    req.device_id = cr->device_id;
    req.sec = cr->sec;
    if (cr->has_cid) {
        TV_SET(&req, tv_access_token_request, cid, cr->cid);
    }
    tv_auth_forget(c);
    return tv_auth_token_call(c, TV_EP_AUTH_TOKEN, &req, out);
}

int tv_auth_renew_token(tv_client *c, tv_access_token_response *out)
{
    if (c == NULL) {
        return TV_ERR_INVALID_ARG;
    }
    if (c->token_len == 0) {
        return TV_ERR_NOT_LOGGED_IN;
    }
    return tv_auth_token_call(c, TV_EP_AUTH_RENEW, NULL, out);
}

int tv_auth_ensure(tv_client *c)
{
    uint64_t now = tv_port_now_ms();
    uint64_t margin = (uint64_t)(c->cfg.renew_margin_s ? c->cfg.renew_margin_s
                                                       : TV_TOKEN_RENEW_MARGIN_S) *
                      1000u;
    bool have = c->token_len > 0 && now < c->token_expiry_ms;
    if (have && now + margin < c->token_expiry_ms) {
        return TV_OK;
    }
    tv_call_info saved = c->last;
    int rc = TV_ERR_NOT_LOGGED_IN;
    if (have) {
        rc = tv_auth_renew_token(c, NULL);
    }
    if (rc != TV_OK && c->cfg.credentials != NULL && rc != TV_ERR_PENALTY &&
        rc != TV_ERR_PENALTY_CAPTCHA && tv_err_classify(rc) != TV_ERRCLASS_TRANSIENT) {
        rc = tv_auth_request_token(c, NULL);
    }
    if (rc == TV_OK || have) {
        /* A failed renewal of a token that still works is not this call's
         * failure: go on with the old token until it expires. The call's
         * record starts afresh, but keeps that a connection was opened. */
        bool reconnected = c->last.reconnected, resumed = c->last.resumed;
        c->last = saved;
        c->last.reconnected = reconnected;
        c->last.resumed = resumed;
        return TV_OK;
    }
    return rc;
}

bool tv_client_logged_in(const tv_client *c)
{
    return c != NULL && c->token_len > 0 && tv_port_now_ms() < c->token_expiry_ms;
}

uint32_t tv_client_token_seconds_left(const tv_client *c)
{
    uint64_t now = tv_port_now_ms();
    if (!tv_client_logged_in(c)) {
        return 0;
    }
    uint64_t left = (c->token_expiry_ms - now) / 1000u;
    return left > UINT32_MAX ? UINT32_MAX : (uint32_t)left;
}

int tv_client_set_token(tv_client *c, const char *token, uint32_t lifetime_s)
{
    if (c == NULL || token == NULL || token[0] == '\0') {
        return TV_ERR_INVALID_ARG;
    }
    size_t len = strlen(token);
    if (len + 1 > c->cfg.access_token_size) {
        return TV_ERR_BUFFER_TOO_SMALL;
    }
    tv_auth_keep_token(c, token, len);
    c->token_expiry_ms = tv_port_now_ms() + (uint64_t)lifetime_s * 1000u;
    return TV_OK;
}
