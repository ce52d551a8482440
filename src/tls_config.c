/*
 * The TLS client configuration: trust anchors (PEM or DER, detected), SPKI
 * pins, and mbedTLS's settings (verification required, our key exchange
 * groups, session tickets).
 */
#include "tls_priv.h"
#include "tv_mbedtls_glue.h"

#include <mbedtls/asn1.h>
#include <mbedtls/base64.h>
#include <mbedtls/pk.h>
#include <mbedtls/x509.h>
#include <mbedtls/platform.h>

#include <stdbool.h>
#include <string.h>

static const char tv_pem_begin[] = "-----BEGIN CERTIFICATE-----";
static const char tv_pem_end[] = "-----END CERTIFICATE-----";

/* Key exchange groups in our order of preference; TLS 1.3 sends a key share
 * for the first one only. P-256 and X25519 are the cheap ones (mbedTLS's
 * default would offer secp521r1 first), and P-256 goes first because with
 * MBEDTLS_ECP_NIST_OPTIM and the fixed-base comb it is the cheaper of the
 * two: 11% less for a full TLS 1.3 handshake, 26% less for a resumed one
 * (tests/tls/HANDSHAKE.md). Servers that insist on X25519 answer with a
 * HelloRetryRequest. */
static const uint16_t tv_tls_groups[] = {
#if defined(PSA_WANT_ECC_SECP_R1_256)
    MBEDTLS_SSL_IANA_TLS_GROUP_SECP256R1,
#endif
#if defined(PSA_WANT_ECC_MONTGOMERY_255)
    MBEDTLS_SSL_IANA_TLS_GROUP_X25519,
#endif
#if defined(PSA_WANT_ECC_SECP_R1_384)
    MBEDTLS_SSL_IANA_TLS_GROUP_SECP384R1,
#endif
    MBEDTLS_SSL_IANA_TLS_GROUP_NONE,
};

/* Signature algorithms we accept from the server, ECDSA then RSA. RSA lists
 * PKCS#1 v1.5 before PSS: TLS 1.3 servers must pick PSS anyway, and a TLS 1.2
 * server honouring our order picks PKCS#1, which mbedTLS 3.6.6's TLS 1.2
 * client can check (see tv_tls_sig_algs_no_pss). */
static const uint16_t tv_tls_sig_algs[] = {
    MBEDTLS_TLS1_3_SIG_ECDSA_SECP256R1_SHA256,
    MBEDTLS_TLS1_3_SIG_ECDSA_SECP384R1_SHA384,
    MBEDTLS_TLS1_3_SIG_RSA_PKCS1_SHA256,
    MBEDTLS_TLS1_3_SIG_RSA_PKCS1_SHA384,
    MBEDTLS_TLS1_3_SIG_RSA_PKCS1_SHA512,
    MBEDTLS_TLS1_3_SIG_RSA_PSS_RSAE_SHA256,
    MBEDTLS_TLS1_3_SIG_RSA_PSS_RSAE_SHA384,
    MBEDTLS_TLS1_3_SIG_RSA_PSS_RSAE_SHA512,
    MBEDTLS_TLS1_3_SIG_NONE,
};

/* mbedTLS 3.6.6 regression (fixed upstream by Mbed-TLS/mbedtls#10674, not in
 * a release yet): its TLS 1.2 client offers rsa_pss_rsae_* (for TLS 1.3) but
 * aborts with illegal_parameter when a TLS 1.2 server signs its key exchange
 * with one, which OpenSSL servers with their own preference order do. A
 * connection that fails that way is retried once without PSS; a TLS 1.3
 * server with an RSA key would refuse this list, but it never takes this
 * path. */
static const uint16_t tv_tls_sig_algs_no_pss[] = {
    MBEDTLS_TLS1_3_SIG_ECDSA_SECP256R1_SHA256, MBEDTLS_TLS1_3_SIG_ECDSA_SECP384R1_SHA384,
    MBEDTLS_TLS1_3_SIG_RSA_PKCS1_SHA256,       MBEDTLS_TLS1_3_SIG_RSA_PKCS1_SHA384,
    MBEDTLS_TLS1_3_SIG_RSA_PKCS1_SHA512,       MBEDTLS_TLS1_3_SIG_NONE,
};

/* The first needle in [p, end), or NULL: at most (end - p) steps of a fixed
 * needle length. */
static const uint8_t *tv_find(const uint8_t *p, const uint8_t *end, const char *needle,
                              size_t needle_len)
{
    while ((size_t)(end - p) >= needle_len) {
        if (*p == (uint8_t)needle[0] && memcmp(p, needle, needle_len) == 0) {
            return p;
        }
        p++;
    }
    return NULL;
}

int tv_tls_ca_format(const uint8_t *buf, size_t len)
{
    if (buf == NULL) {
        return TV_ERR_TLS_BAD_CA;
    }
    /* A certificate is a SEQUENCE longer than 127 bytes: 0x30 then a long
     * length form, never printable text. */
    if (len >= 4 && buf[0] == 0x30 && buf[1] >= 0x81 && buf[1] <= 0x83) {
        return TV_TLS_CA_DER;
    }
    if (tv_find(buf, buf + len, tv_pem_begin, sizeof tv_pem_begin - 1) != NULL) {
        return TV_TLS_CA_PEM;
    }
    return TV_ERR_TLS_BAD_CA;
}

/* tv_ca_add_der()'s answer for a well-formed certificate mbedTLS cannot use. */
#define TV_CA_UNSUPPORTED 1

/* Whether mbedTLS refused a certificate for what it is (an algorithm or a
 * curve this build lacks: system stores hold Ed25519, P-521 or DSA roots)
 * rather than for how it is encoded. Such a root can anchor no chain this
 * client would accept, so the store stays usable without it. */
static bool tv_ca_unsupported(int ret)
{
    int high = -((-ret) & 0xFF80); /* mbedTLS errors: high-level + low-level */
    return high == MBEDTLS_ERR_X509_UNKNOWN_SIG_ALG ||
           high == MBEDTLS_ERR_X509_FEATURE_UNAVAILABLE || high == MBEDTLS_ERR_PK_UNKNOWN_PK_ALG ||
           high == MBEDTLS_ERR_PK_UNKNOWN_NAMED_CURVE || high == MBEDTLS_ERR_PK_FEATURE_UNAVAILABLE;
}

static int tv_ca_add_der(mbedtls_x509_crt *chain, const uint8_t *der, size_t len)
{
    int ret = mbedtls_x509_crt_parse_der(chain, der, len);
    if (ret != 0 && tv_ca_unsupported(ret)) {
        return TV_CA_UNSUPPORTED;
    }
    return ret == 0 ? TV_OK : tv_tls_err_from_mbedtls(ret, TV_ERR_TLS_BAD_CA);
}

/* One PEM body: base64 decoded into a scratch block of the arena, parsed
 * (mbedTLS keeps its own copy), scratch wiped and released. */
static int tv_ca_add_base64(mbedtls_x509_crt *chain, const uint8_t *b64, size_t len)
{
    size_t der_len = 0;
    int ret = mbedtls_base64_decode(NULL, 0, &der_len, b64, len);
    if (ret != MBEDTLS_ERR_BASE64_BUFFER_TOO_SMALL || der_len == 0) {
        return TV_ERR_TLS_BAD_CA;
    }
    uint8_t *der = mbedtls_calloc(1, der_len);
    if (der == NULL) {
        return TV_ERR_TLS_ARENA_EXHAUSTED;
    }
    int rc = TV_ERR_TLS_BAD_CA;
    if (mbedtls_base64_decode(der, der_len, &der_len, b64, len) == 0) {
        rc = tv_ca_add_der(chain, der, der_len);
    }
    mbedtls_free(der);
    return rc;
}

static int tv_ca_parse_pem(mbedtls_x509_crt *chain, const uint8_t *p, const uint8_t *end,
                           unsigned *skipped)
{
    const size_t begin_len = sizeof tv_pem_begin - 1;
    const size_t end_len = sizeof tv_pem_end - 1;
    int count = 0;
    while (p < end) {
        const uint8_t *begin = tv_find(p, end, tv_pem_begin, begin_len);
        if (begin == NULL) {
            break;
        }
        const uint8_t *body = begin + begin_len;
        const uint8_t *stop = tv_find(body, end, tv_pem_end, end_len);
        if (stop == NULL) {
            return TV_ERR_TLS_BAD_CA;
        }
        int rc = tv_ca_add_base64(chain, body, (size_t)(stop - body));
        if (rc < 0) {
            return rc;
        }
        count += rc == TV_OK;
        *skipped += (unsigned)(rc == TV_CA_UNSUPPORTED);
        p = stop + end_len;
    }
    return count > 0 ? count : TV_ERR_TLS_BAD_CA;
}

static int tv_ca_parse_der(mbedtls_x509_crt *chain, const uint8_t *p, const uint8_t *end,
                           unsigned *skipped)
{
    int count = 0;
    while (p < end) {
        unsigned char *q = (unsigned char *)p;
        size_t body = 0;
        if (mbedtls_asn1_get_tag(&q, end, &body,
                                 MBEDTLS_ASN1_CONSTRUCTED | MBEDTLS_ASN1_SEQUENCE) != 0) {
            return TV_ERR_TLS_BAD_CA;
        }
        size_t cert_len = (size_t)(q - p) + body;
        int rc = tv_ca_add_der(chain, p, cert_len);
        if (rc < 0) {
            return rc;
        }
        count += rc == TV_OK;
        *skipped += (unsigned)(rc == TV_CA_UNSUPPORTED);
        p += cert_len;
    }
    return count > 0 ? count : TV_ERR_TLS_BAD_CA;
}

int tv_tls_ca_parse(mbedtls_x509_crt *chain, const uint8_t *buf, size_t len, unsigned *skipped)
{
    int kind = tv_tls_ca_format(buf, len);
    *skipped = 0;
    if (kind == TV_TLS_CA_DER) {
        return tv_ca_parse_der(chain, buf, buf + len, skipped);
    }
    if (kind == TV_TLS_CA_PEM) {
        return tv_ca_parse_pem(chain, buf, buf + len, skipped);
    }
    return kind;
}

/* One mbedTLS client configuration over cfg's trust anchors. */
static int tv_tls_conf(tv_tls_config *cfg, mbedtls_ssl_config *conf, const uint16_t *sig_algs)
{
    int ret = mbedtls_ssl_config_defaults(conf, MBEDTLS_SSL_IS_CLIENT, MBEDTLS_SSL_TRANSPORT_STREAM,
                                          MBEDTLS_SSL_PRESET_DEFAULT);
    if (ret != 0) {
        return tv_tls_err_from_mbedtls(ret, TV_ERR_INTERNAL);
    }
    mbedtls_ssl_conf_authmode(conf, MBEDTLS_SSL_VERIFY_REQUIRED);
    mbedtls_ssl_conf_ca_chain(conf, &cfg->ca, NULL);
    mbedtls_ssl_conf_rng(conf, tv_mbedtls_rng, NULL);
    mbedtls_ssl_conf_groups(conf, tv_tls_groups);
    mbedtls_ssl_conf_sig_algs(conf, sig_algs);
    mbedtls_ssl_conf_session_tickets(conf, MBEDTLS_SSL_SESSION_TICKETS_ENABLED);
#if defined(MBEDTLS_SSL_PROTO_TLS1_3)
    /* Without this, 3.6 silently drops TLS 1.3 tickets and never resumes. */
    mbedtls_ssl_conf_tls13_enable_signal_new_session_tickets(
        conf, MBEDTLS_SSL_TLS1_3_SIGNAL_NEW_SESSION_TICKETS_ENABLED);
#endif
    return TV_OK;
}

int tv_tls_config_init(tv_tls_config *cfg, const uint8_t *ca, size_t ca_len)
{
    if (cfg == NULL || ca == NULL) {
        return TV_ERR_INVALID_ARG;
    }
    memset(cfg, 0, sizeof *cfg);
    mbedtls_ssl_config_init(&cfg->ssl);
    mbedtls_ssl_config_init(&cfg->ssl_no_pss);
    mbedtls_x509_crt_init(&cfg->ca);

    unsigned skipped = 0;
    int rc = tv_tls_ca_parse(&cfg->ca, ca, ca_len, &skipped);
    cfg->ca_skipped = (uint16_t)(skipped > UINT16_MAX ? UINT16_MAX : skipped);
    if (rc > 0) {
        rc = tv_tls_conf(cfg, &cfg->ssl, tv_tls_sig_algs);
    }
    if (rc == TV_OK) {
        rc = tv_tls_conf(cfg, &cfg->ssl_no_pss, tv_tls_sig_algs_no_pss);
    }
    if (rc != TV_OK) {
        tv_tls_config_free(cfg);
    }
    return rc;
}

int tv_tls_config_set_pins(tv_tls_config *cfg, const uint8_t *primary, const uint8_t *backup)
{
    if (cfg == NULL || primary == NULL) {
        return TV_ERR_INVALID_ARG;
    }
    memcpy(cfg->pins[0], primary, TV_TLS_PIN_LEN);
    cfg->pin_count = 1;
    if (backup != NULL) {
        memcpy(cfg->pins[1], backup, TV_TLS_PIN_LEN);
        cfg->pin_count = 2;
    }
    return TV_OK;
}

void tv_tls_config_free(tv_tls_config *cfg)
{
    if (cfg == NULL) {
        return;
    }
    mbedtls_ssl_config_free(&cfg->ssl);
    mbedtls_ssl_config_free(&cfg->ssl_no_pss);
    mbedtls_x509_crt_free(&cfg->ca);
    memset(cfg->pins, 0, sizeof cfg->pins);
    cfg->pin_count = 0;
}
