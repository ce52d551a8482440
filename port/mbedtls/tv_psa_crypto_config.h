/**
 * @file tv_psa_crypto_config.h
 * @brief The PSA mechanisms of the TV_MBEDTLS_TLS13_P256M build (see
 *        tv_mbedtls_config.h), where PSA_WANT_* are given explicitly so that
 *        the p256-m driver, and not the built-in ECP, provides P-256.
 *        The default build derives them from tv_mbedtls_config.h instead.
 */
#ifndef TV_PSA_CRYPTO_CONFIG_H
#define TV_PSA_CRYPTO_CONFIG_H

/* TLS 1.3 key schedule and transcript. */
#define PSA_WANT_ALG_HKDF 1
#define PSA_WANT_ALG_HKDF_EXTRACT 1
#define PSA_WANT_ALG_HKDF_EXPAND 1
#define PSA_WANT_ALG_HMAC 1
#define PSA_WANT_KEY_TYPE_HMAC 1
#define PSA_WANT_KEY_TYPE_DERIVE 1
#define PSA_WANT_ALG_SHA_256 1
#define PSA_WANT_ALG_SHA_384 1
#define PSA_WANT_ALG_SHA_512 1

/* Records. */
#define PSA_WANT_ALG_GCM 1
#define PSA_WANT_KEY_TYPE_AES 1
#define PSA_WANT_ALG_CHACHA20_POLY1305 1
#define PSA_WANT_KEY_TYPE_CHACHA20 1

/* Key exchange and signatures: P-256 only (p256-m), RSA verification. */
#define PSA_WANT_ALG_ECDH 1
#define PSA_WANT_ALG_ECDSA 1
#define PSA_WANT_ECC_SECP_R1_256 1
#define PSA_WANT_KEY_TYPE_ECC_PUBLIC_KEY 1
#define PSA_WANT_KEY_TYPE_ECC_KEY_PAIR_BASIC 1
#define PSA_WANT_KEY_TYPE_ECC_KEY_PAIR_IMPORT 1
#define PSA_WANT_KEY_TYPE_ECC_KEY_PAIR_EXPORT 1
#define PSA_WANT_KEY_TYPE_ECC_KEY_PAIR_GENERATE 1
#define PSA_WANT_ALG_RSA_PKCS1V15_SIGN 1
#define PSA_WANT_ALG_RSA_PSS 1
#define PSA_WANT_KEY_TYPE_RSA_PUBLIC_KEY 1

#endif /* TV_PSA_CRYPTO_CONFIG_H */
