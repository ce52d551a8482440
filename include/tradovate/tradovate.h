/**
 * @file tradovate.h
 * @brief libtradovate: everything an application needs, in one include.
 *
 * Start with tv_client.h (setting a client up) and tv_api.h (the
 * operations); tv_types.h holds the request and result structs, tv_error.h
 * the statuses, tv_config.h the compile-time options, tv_port.h the hooks a
 * new platform fills. The HTTP (tv_http.h) and JSON (tv_json.h) layers are
 * usable on their own.
 */
#ifndef TRADOVATE_H
#define TRADOVATE_H

#include "tradovate/tv_api.h"
#include "tradovate/tv_client.h"
#include "tradovate/tv_config.h"
#include "tradovate/tv_error.h"
#include "tradovate/tv_port.h"
#include "tradovate/tv_tls.h"
#include "tradovate/tv_types.h"

#endif /* TRADOVATE_H */
