/*
 * Private to the library: how a call travels through the client.
 *
 *   tv_call_run()            one typed operation, start to end
 *     tv_auth_ensure()       renew or log in first if the token is due
 *     tv_call_build()        request line, query, headers, JSON body
 *     tv_conn_exchange()     connect/reuse, send, read the head (stale and
 *                            outcome-unknown rules live here)
 *     body: whole (classify, decode) or streamed (split, decode, hand over)
 */
#ifndef TV_CLIENT_PRIV_H
#define TV_CLIENT_PRIV_H

#include "tradovate/tv_api.h"
#include "tradovate/tv_client.h"
#include "tv_endpoints.h"

/* One operation: the endpoint and its arguments. */
typedef struct tv_call {
    tv_endpoint_id ep;
    const void *request; /* request struct (the endpoint's request schema) */
    int64_t id;          /* TV_Q_ID, TV_Q_MASTERID */
    const int64_t *ids;  /* TV_Q_IDS, TV_Q_MASTERIDS */
    size_t n;
    const char *name;    /* TV_Q_NAME */
    void *result;        /* single result (the endpoint's result schema) */
    tv_sink *sink;       /* list results */
    tv_raw_response *raw;  /* tv_client_request(): raw answer, no decoding */
    const char *raw_path;  /* tv_client_request(): path */
    const char *raw_query; /* tv_client_request(): query */
    const char *raw_body;  /* tv_client_request(): JSON body */
    uint8_t raw_method;
    uint8_t retry_penalty; /* resend the kept body with the penalty ticket */
} tv_call;

/* tv_call.c */
int tv_call_run(tv_client *c, tv_call *call);

/* tv_conn.c: the connection */
int tv_conn_exchange(tv_client *c, tv_http_method method, bool mutation, uint64_t deadline);
void tv_conn_close(tv_client *c);
tv_transport tv_conn_transport(tv_client *c);

/* tv_auth.c */
int tv_auth_ensure(tv_client *c);
int tv_auth_after_token_response(tv_client *c, tv_access_token_response *r);
/* Copies the token (len bytes and its NUL; the buffer has room) into the
 * token buffer and notes whether requests may carry it unchecked. */
void tv_auth_keep_token(tv_client *c, const char *tok, size_t len);

/* tv_client.c */
uint64_t tv_client_deadline(const tv_client *c);
void tv_client_next_id(tv_client *c, char out[TV_CL_ORD_ID_MAX + 1]);

#endif /* TV_CLIENT_PRIV_H */
