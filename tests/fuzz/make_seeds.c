/*
 * Writes the fuzz targets' seed corpora, each in its target's input layout
 * (the control bytes the targets' comments describe, then the bytes under
 * test), from the checked-in corpora:
 *
 *   fuzz_http_head, fuzz_http_body  every .http file (tests/http, the
 *                                   recorded responses), control byte 0
 *   fuzz_json                       every .json file, and the recorded bodies
 *   fuzz_json_split                 the same, control byte 0
 *   fuzz_codec                      each recorded body (each element of a
 *                                   list) with the index of its schema
 *   fuzz_client                     each recorded response with the index of
 *                                   its operation; the HTTP corpus as the
 *                                   answer to a raw GET and a raw POST
 *
 * Usage: make_seeds OUTDIR (run from the repository root).
 */
#define _POSIX_C_SOURCE 200809L
#include <stdio.h>
#include <string.h>
#include <sys/stat.h>

#include "ops.h"
#include "tv_tables_priv.h"

#define MAX_FILE 65536

static const char *out_dir;
static int written, failures;

static void seed(const char *target, const char *name, const uint8_t *ctl, size_t nctl,
                 const void *data, size_t len)
{
    char path[512];
    snprintf(path, sizeof path, "%s/%s", out_dir, target);
    mkdir(path, 0777);
    snprintf(path, sizeof path, "%s/%s/%s", out_dir, target, name);
    FILE *f = fopen(path, "wb");
    if (f == NULL || fwrite(ctl, 1, nctl, f) != nctl || fwrite(data, 1, len, f) != len) {
        fprintf(stderr, "make_seeds: cannot write %s\n", path);
        failures++;
    }
    if (f != NULL) {
        fclose(f);
    }
    written++;
}

static uint8_t file[MAX_FILE];

static size_t load(const char *path)
{
    long n = tv_corpus_read(path, file, sizeof file);
    if (n < 0) {
        fprintf(stderr, "make_seeds: cannot read %s\n", path);
        failures++;
        return 0;
    }
    return (size_t)n;
}

static uint8_t op_index(const tv_op *op)
{
    return (uint8_t)(op - tv_ops);
}

static uint8_t schema_index(const tv_schema *s)
{
    uint8_t i = 0;
    while (tv_all_schemas[i] != NULL && tv_all_schemas[i] != s) {
        i++;
    }
    return i;
}

static void http_file(void *user, const char *path, const char *name)
{
    static const uint8_t zero[2] = {0, 0};
    size_t n = load(path);
    (void)user;
    seed("fuzz_http_head", name, zero, 1, file, n);
    seed("fuzz_http_body", name, zero, 1, file, n);
    uint8_t ctl[2] = {op_index(tv_op_find("raw_get", 7)), 0};
    char label[160];
    snprintf(label, sizeof label, "get-%s", name);
    seed("fuzz_client", label, ctl, 2, file, n);
    ctl[0] = op_index(tv_op_find("raw_post", 8));
    snprintf(label, sizeof label, "post-%s", name);
    seed("fuzz_client", label, ctl, 2, file, n);
}

static void json_file(void *user, const char *path, const char *name)
{
    static const uint8_t zero = 0;
    size_t n = load(path);
    (void)user;
    seed("fuzz_json", name, NULL, 0, file, n);
    seed("fuzz_json_split", name, &zero, 1, file, n);
}

/* The body of a recorded response, read with the library's own parser. */
static uint8_t *body_of(const uint8_t *resp, size_t n, size_t *len)
{
    static uint8_t buf[MAX_FILE];
    static tv_http_resp r;
    tv_chop c;
    tv_chop_init(&c, resp, n);
    tv_transport t = tv_chop_transport(&c);
    tv_http_resp_init(&r, buf, sizeof buf, TV_HTTP_GET);
    if (tv_http_resp_read_body(&r, &t, 1) != TV_OK) {
        return NULL;
    }
    return tv_http_resp_body(&r, len);
}

static void recorded(void *user, const char *path, const char *name)
{
    static const uint8_t zero = 0;
    size_t n = load(path), len;
    const char *sep = strstr(name, "--");
    const tv_op *op = sep != NULL ? tv_op_find(name, (size_t)(sep - name)) : NULL;
    (void)user;
    if (op == NULL) {
        fprintf(stderr, "make_seeds: %s names no operation\n", name);
        failures++;
        return;
    }
    seed("fuzz_http_head", name, &zero, 1, file, n);
    seed("fuzz_http_body", name, &zero, 1, file, n);
    uint8_t ctl[2] = {op_index(op), 0};
    seed("fuzz_client", name, ctl, 2, file, n);

    const uint8_t *body = body_of(file, n, &len);
    if (body == NULL || len == 0) {
        return;
    }
    seed("fuzz_json", name, NULL, 0, body, len);
    seed("fuzz_json_split", name, &zero, 1, body, len);
    if (op->schema == NULL) {
        return;
    }
    uint8_t sel = schema_index(op->schema);
    if (!op->list || body[0] != '[') {
        seed("fuzz_codec", name, &sel, 1, body, len);
        return;
    }
    tv_json_splitter sp;
    size_t a, b;
    int r, k = 0;
    tv_json_split_init(&sp);
    while ((r = tv_json_split_next(&sp, (const char *)body, len, &a, &b)) ==
           TV_JSON_SPLIT_ELEMENT) {
        char label[160];
        snprintf(label, sizeof label, "%s-%d", name, k++);
        seed("fuzz_codec", label, &sel, 1, body + a, b - a);
    }
}

int main(int argc, char **argv)
{
    if (argc != 2) {
        fprintf(stderr, "usage: make_seeds OUTDIR\n");
        return 2;
    }
    out_dir = argv[1];
    mkdir(out_dir, 0777);
    int n = tv_corpus_each("tests/http/valid", ".http", http_file, NULL) +
            tv_corpus_each("tests/http/invalid", ".http", http_file, NULL) +
            tv_corpus_each("tests/json/valid", ".json", json_file, NULL) +
            tv_corpus_each("tests/json/invalid", ".json", json_file, NULL) +
            tv_corpus_each("tests/fuzz/corpus/responses", ".http", recorded, NULL);
    printf("%d files, %d seeds\n", n, written);
    return failures == 0 && n > 0 ? 0 : 1;
}
