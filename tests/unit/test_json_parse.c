/* JSON parsing and reading: the strictness corpora, every prefix of every
 * document, documents placed right before an unreadable page, token links,
 * iteration, in-place strings and typed reads. */
#define _DEFAULT_SOURCE /* MAP_ANONYMOUS under -std=c11 */
#include "tv_test.h"

#include <dirent.h>
#include <stdlib.h>
#include <sys/mman.h>
#include <unistd.h>

#include "tradovate/tv_json.h"

#include "../json/json_test_rng.h" /* tests/json holds the JSON tests' shared helpers */

#define MAX_FILE 8192
#define MAX_TOKS 512

typedef struct {
    char name[256];
    char text[MAX_FILE];
    size_t len;
} corpus_file;

static corpus_file files[256];
static int nfiles;

/* Reads every file of a corpus directory into files[]; returns how many. */
static int load_dir(const char *dir)
{
    DIR *d = opendir(dir);
    int n = 0;
    struct dirent *e;
    TV_CHECK(d != NULL);
    while (d != NULL && (e = readdir(d)) != NULL && nfiles < 256) {
        char path[600];
        if (e->d_name[0] == '.') {
            continue;
        }
        snprintf(path, sizeof path, "%s/%s", dir, e->d_name);
        FILE *f = fopen(path, "rb");
        TV_CHECK(f != NULL);
        if (f == NULL) {
            continue;
        }
        corpus_file *cf = &files[nfiles++];
        snprintf(cf->name, sizeof cf->name, "%s", e->d_name);
        cf->len = fread(cf->text, 1, sizeof cf->text, f);
        TV_CHECK(cf->len < sizeof cf->text);
        fclose(f);
        n++;
    }
    if (d != NULL) {
        closedir(d);
    }
    return n;
}

/* The status a file name promises: "BAD_NUMBER--x.json" -> TV_ERR_JSON_BAD_NUMBER. */
static int expected_error(const char *name)
{
    char want[96];
    const char *sep = strstr(name, "--");
    if (sep == NULL) {
        return 1;
    }
    snprintf(want, sizeof want, "TV_ERR_JSON_%.*s", (int)(sep - name), name);
    for (int code = -1; code >= -99; code--) {
        if (strcmp(tv_err_name(code), want) == 0) {
            return code;
        }
    }
    return 1;
}

/* Parses a heap copy of exactly len bytes, so the sanitizer sees any overread. */
static int parse_copy(const char *text, size_t len, tv_json_tok *toks, size_t cap)
{
    char *copy = malloc(len ? len : 1);
    tv_json_doc doc;
    memcpy(copy, text, len);
    int r = tv_json_parse(&doc, copy, len, toks, cap);
    free(copy);
    return r;
}

static void test_corpora(void)
{
    static tv_json_tok toks[MAX_TOKS];
    nfiles = 0;
    int nvalid = load_dir("tests/json/valid");
    int ninvalid = load_dir("tests/json/invalid");
    TV_CHECK(nvalid >= 20);
    TV_CHECK(ninvalid >= 120);
    for (int i = 0; i < nfiles; i++) {
        corpus_file *cf = &files[i];
        int want = i < nvalid ? 1 : expected_error(cf->name);
        TV_CHECK(want != 0);
        int got = parse_copy(cf->text, cf->len, toks, MAX_TOKS);
        int v = tv_json_validate(cf->text, cf->len);
        if (want == 1 ? got < 1 || v != got : got != want || v != want) {
            tv_test_fail(__FILE__, __LINE__, "%s: parse %s, validate %s", cf->name,
                         tv_err_name(got), tv_err_name(v));
        }
        tv_test_checks++;
    }
}

/* Every prefix of every corpus document: no crash or overread (the copy is
 * exactly k bytes), the same answer as validation alone, and no proper prefix
 * of a valid container or string is accepted. */
static void test_every_prefix(void)
{
    static tv_json_tok toks[MAX_TOKS];
    int checked = 0;
    for (int i = 0; i < nfiles; i++) {
        const corpus_file *cf = &files[i];
        size_t lead = strspn(cf->text, " \t\r\n");
        int whole = tv_json_validate(cf->text, cf->len);
        int closed = whole > 0 && lead < cf->len && strchr("{[\"", cf->text[lead]) != NULL;
        size_t body = cf->len; /* up to the last non-whitespace byte */
        while (body > 0 && strchr(" \t\r\n", cf->text[body - 1]) != NULL) {
            body--;
        }
        for (size_t k = 0; k < cf->len; k++) {
            int r = parse_copy(cf->text, k, toks, MAX_TOKS);
            if (r != tv_json_validate(cf->text, k) || (closed && k < body && r > 0)) {
                tv_test_fail(__FILE__, __LINE__, "%s: prefix %zu gave %s", cf->name, k,
                             tv_err_name(r));
            }
            checked++;
        }
    }
    tv_test_checks += checked;
    TV_CHECK(checked > 4000);
    TV_CHECK_INT(tv_json_validate("{\"a\":[1,2]}", 8), TV_ERR_JSON_UNTERMINATED);
    TV_CHECK_INT(tv_json_validate("[true]", 4), TV_ERR_JSON_BAD_LITERAL);
    TV_CHECK_INT(tv_json_validate("12", 1), 1);
}

/* Documents end exactly where an unreadable page begins. */
static void test_guard_page(void)
{
    static tv_json_tok toks[MAX_TOKS];
    long page = sysconf(_SC_PAGESIZE);
    char *map =
        mmap(NULL, (size_t)page * 3, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
    TV_CHECK(map != MAP_FAILED);
    if (map == MAP_FAILED) {
        return;
    }
    TV_CHECK(mprotect(map + 2 * page, (size_t)page, PROT_NONE) == 0);
    for (int i = 0; i < nfiles; i++) {
        char *at = map + 2 * page - files[i].len;
        tv_json_doc doc;
        memcpy(at, files[i].text, files[i].len);
        int r = tv_json_parse(&doc, at, files[i].len, toks, MAX_TOKS);
        TV_CHECK_INT(r, tv_json_validate(files[i].text, files[i].len));
        for (int t = 0; r > 0 && t < doc.count; t++) { /* and every read */
            tv_json_str s;
            int64_t i64;
            double dbl;
            (void)tv_json_get_str(&doc, t, &s);
            (void)tv_json_get_i64(&doc, t, &i64);
            (void)tv_json_get_double(&doc, t, &dbl);
        }
    }
    munmap(map, (size_t)page * 3);
}

/* jsmn alone accepts all of these; the library must not. */
static void test_jsmn_leniencies_refused(void)
{
    static const struct {
        const char *text;
        int want;
    } cases[] = {
        {"{\"a\":1,}", TV_ERR_JSON_TRAILING_COMMA},
        {"[01]", TV_ERR_JSON_BAD_NUMBER},
        {"tru", TV_ERR_JSON_BAD_LITERAL},
        {"[1 2]", TV_ERR_JSON_SYNTAX},
        {"{}{}", TV_ERR_JSON_TRAILING_DATA},
        {"{\"a\"}", TV_ERR_JSON_SYNTAX},
        {"[\"a\":1]", TV_ERR_JSON_SYNTAX},
        {"{\"a\",1}", TV_ERR_JSON_SYNTAX},
        {"[1,,2]", TV_ERR_JSON_SYNTAX},
        {"[-]", TV_ERR_JSON_BAD_NUMBER},
        {"[1.]", TV_ERR_JSON_BAD_NUMBER},
        {"[.5]", TV_ERR_JSON_BAD_NUMBER},
        {"[1e]", TV_ERR_JSON_BAD_NUMBER},
        {"[+1]", TV_ERR_JSON_BAD_NUMBER},
        {"[\"\\uD800\"]", TV_ERR_JSON_LONE_SURROGATE},
    };
    static tv_json_tok toks[16];
    for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
        TV_CHECK_INT(parse_copy(cases[i].text, strlen(cases[i].text), toks, 16), cases[i].want);
    }
}

/* Nesting exactly at the limit passes; one more level is refused. */
static void test_depth_limit(void)
{
    static char text[4 * TV_JSON_MAX_DEPTH + 16];
    static tv_json_tok toks[2 * TV_JSON_MAX_DEPTH + 2];
    for (int extra = 0; extra <= 1; extra++) {
        int depth = TV_JSON_MAX_DEPTH + extra;
        size_t n = 0;
        for (int i = 0; i < depth; i++) {
            text[n++] = '[';
        }
        for (int i = 0; i < depth; i++) {
            text[n++] = ']';
        }
        int r = parse_copy(text, n, toks, sizeof toks / sizeof toks[0]);
        TV_CHECK_INT(r, extra ? TV_ERR_JSON_TOO_DEEP : depth);
    }
}

static void test_token_capacity(void)
{
    char text[] = "{\"a\":[1,2,3],\"b\":{\"c\":null}}";
    tv_json_tok toks[16];
    tv_json_doc doc;
    int need = tv_json_validate(text, strlen(text));
    TV_CHECK_INT(need, 10);
    TV_CHECK_INT(tv_json_parse(&doc, text, strlen(text), toks, (size_t)need - 1),
                 TV_ERR_JSON_TOO_MANY_TOKENS);
    TV_CHECK_INT(doc.count, 0);
    TV_CHECK_INT(tv_json_parse(&doc, text, strlen(text), toks, (size_t)need), need);
    TV_CHECK_INT(tv_json_parse(NULL, text, 1, toks, 1), TV_ERR_INVALID_ARG);
    TV_CHECK_INT(tv_json_parse(&doc, NULL, 1, toks, 1), TV_ERR_INVALID_ARG);
    TV_CHECK_INT(tv_json_parse(&doc, text, 1, NULL, 1), TV_ERR_INVALID_ARG);
    TV_CHECK_INT(tv_json_validate(NULL, 0), TV_ERR_JSON_EMPTY);
}

/* Token offsets, sizes and subtree links of a nested document. */
static void test_token_links(void)
{
    char text[] = "{\"a\":[1,{\"b\":[]},\"s\"],\"c\":{\"d\":{\"e\":1}},\"f\":true}";
    tv_json_tok toks[32];
    tv_json_doc doc;
    static const struct {
        int type, size, next;
        const char *bytes;
    } want[] = {
        {TV_JSON_OBJECT, 3, 16, NULL}, {TV_JSON_STRING, 0, 2, "a"},  {TV_JSON_ARRAY, 3, 8, NULL},
        {TV_JSON_NUMBER, 0, 4, "1"},   {TV_JSON_OBJECT, 1, 7, NULL}, {TV_JSON_STRING, 0, 6, "b"},
        {TV_JSON_ARRAY, 0, 7, "[]"},   {TV_JSON_STRING, 0, 8, "s"},  {TV_JSON_STRING, 0, 9, "c"},
        {TV_JSON_OBJECT, 1, 14, NULL}, {TV_JSON_STRING, 0, 11, "d"}, {TV_JSON_OBJECT, 1, 14, NULL},
        {TV_JSON_STRING, 0, 13, "e"},  {TV_JSON_NUMBER, 0, 14, "1"}, {TV_JSON_STRING, 0, 15, "f"},
        {TV_JSON_BOOL, 0, 16, "true"},
    };
    TV_CHECK_INT(tv_json_parse(&doc, text, strlen(text), toks, 32), 16);
    for (int i = 0; i < 16; i++) {
        TV_CHECK_INT(toks[i].type, want[i].type);
        TV_CHECK_INT(toks[i].size, want[i].size);
        TV_CHECK_INT(toks[i].next, want[i].next);
        if (want[i].bytes != NULL) {
            TV_CHECK_MEM(text + toks[i].start, toks[i].end - toks[i].start, want[i].bytes,
                         strlen(want[i].bytes));
        }
    }
    TV_CHECK_INT(toks[0].start, 0);
    TV_CHECK_INT(toks[0].end, (int)strlen(text));
}

/* Iterating members visits keys in order and skips each value whole. */
static void test_iteration(void)
{
    char text[] = "{\"id\":7,\"deep\":{\"x\":[[[1]]],\"y\":{}},\"na\\u006De\":\"q\",\"list\":[1,"
                  "\"2\",[3],{}]}";
    tv_json_tok toks[32];
    tv_json_doc doc;
    tv_json_iter it;
    tv_json_str key;
    int v, n = 0;
    static const char *keys[] = {"id", "deep", "name", "list"};
    static const int types[] = {TV_JSON_NUMBER, TV_JSON_OBJECT, TV_JSON_STRING, TV_JSON_ARRAY};
    TV_CHECK(tv_json_parse(&doc, text, strlen(text), toks, 32) > 0);
    TV_CHECK_INT(tv_json_iter_init(&doc, 0, &it), TV_OK);
    while (tv_json_iter_next(&doc, &it, &key, &v) == 1 && n < 4) {
        TV_CHECK_STR(key.ptr, keys[n]);
        TV_CHECK_INT(tv_json_type_of(&doc, v), types[n]);
        n++;
    }
    TV_CHECK_INT(n, 4);
    TV_CHECK_INT(tv_json_iter_next(&doc, &it, &key, &v), 0);

    int list;
    TV_CHECK_INT(tv_json_obj_get(&doc, 0, "list", &list), TV_OK);
    TV_CHECK_INT(tv_json_iter_init(&doc, list, &it), TV_OK);
    static const int elem_types[] = {TV_JSON_NUMBER, TV_JSON_STRING, TV_JSON_ARRAY, TV_JSON_OBJECT};
    for (n = 0; tv_json_iter_next(&doc, &it, &key, &v) == 1; n++) {
        TV_CHECK(key.ptr == NULL && key.len == 0);
        TV_CHECK_INT(tv_json_type_of(&doc, v), elem_types[n < 4 ? n : 3]);
    }
    TV_CHECK_INT(n, 4);

    TV_CHECK_INT(tv_json_obj_get(&doc, 0, "name", &v), TV_OK);
    TV_CHECK_INT(tv_json_obj_get(&doc, 0, "nope", &v), TV_ERR_JSON_MISSING_FIELD);
    TV_CHECK_INT(tv_json_obj_get(&doc, list, "x", &v), TV_ERR_JSON_TYPE);
    TV_CHECK_INT(tv_json_iter_init(&doc, 1, &it), TV_ERR_JSON_TYPE);
    TV_CHECK_INT(tv_json_iter_init(&doc, 99, &it), TV_ERR_INVALID_ARG);
    TV_CHECK_INT(tv_json_type_of(&doc, -1), TV_JSON_NONE);

    /* Tampered links are caught, not followed. */
    toks[2].next = 2;
    TV_CHECK_INT(tv_json_iter_init(&doc, 0, &it), TV_OK);
    TV_CHECK_INT(tv_json_iter_next(&doc, &it, NULL, &v), TV_ERR_INTERNAL);
}

static void test_strings_in_place(void)
{
    char text[] =
        "[\"\\\"\\\\\\/\\b\\f\\n\\r\\t\",\"\\u0041\\u00e9\\u20AC\\ud83d\\ude00\\uDBFF\\uDFFF\","
        "\"plain\",\"a\\u0000b\",\"\"]";
    static const char want0[] = "\"\\/\b\f\n\r\t";
    static const char want1[] = "A\xc3\xa9\xe2\x82\xac\xf0\x9f\x98\x80\xf4\x8f\xbf\xbf";
    tv_json_tok toks[8];
    tv_json_doc doc;
    tv_json_str s, again;
    TV_CHECK_INT(tv_json_parse(&doc, text, strlen(text), toks, 8), 6);
    TV_CHECK_INT(tv_json_get_str(&doc, 1, &s), TV_OK);
    TV_CHECK_MEM(s.ptr, s.len, want0, sizeof want0 - 1);
    TV_CHECK(s.ptr[s.len] == '\0');
    TV_CHECK(s.ptr >= text && s.ptr < text + sizeof text); /* in place */
    TV_CHECK_INT(tv_json_get_str(&doc, 1, &again), TV_OK); /* not unescaped twice */
    TV_CHECK_MEM(again.ptr, again.len, want0, sizeof want0 - 1);
    TV_CHECK_INT(tv_json_get_str(&doc, 2, &s), TV_OK);
    TV_CHECK_MEM(s.ptr, s.len, want1, sizeof want1 - 1);
    TV_CHECK_INT(tv_json_get_str(&doc, 3, &s), TV_OK);
    TV_CHECK_STR(s.ptr, "plain");
    TV_CHECK_INT(tv_json_get_str(&doc, 4, &s), TV_OK);
    TV_CHECK_MEM(s.ptr, s.len, "a\0b", 3);
    TV_CHECK_INT(tv_json_get_str(&doc, 5, &s), TV_OK);
    TV_CHECK_INT(s.len, 0);
    TV_CHECK_INT(tv_json_get_str(&doc, 0, &s), TV_ERR_JSON_TYPE);
    TV_CHECK_INT(tv_json_get_str(&doc, 1, NULL), TV_ERR_INVALID_ARG);

    char top[] = "\"x\\ty\"";
    TV_CHECK_INT(tv_json_parse(&doc, top, strlen(top), toks, 8), 1);
    TV_CHECK_INT(tv_json_get_str(&doc, 0, &s), TV_OK);
    TV_CHECK_STR(s.ptr, "x\ty");
}

static void test_typed_reads(void)
{
    char text[] = "{\"i\":-42,\"big\":9223372036854775807,\"over\":9223372036854775808,"
                  "\"f\":4150.25,\"e\":1e3,\"t\":true,\"n\":null,\"s\":\"7\","
                  "\"ts\":\"2021-04-13T04:59:06.588Z\",\"bad\":\"2021-02-29T00:00Z\","
                  "\"i32\":2147483648,\"huge\":1e999}";
    tv_json_tok toks[32];
    tv_json_doc doc;
    int v;
    int64_t i64;
    int32_t i32;
    double d;
    bool b;
    TV_CHECK(tv_json_parse(&doc, text, strlen(text), toks, 32) > 0);
#define FIELD(name) (tv_json_obj_get(&doc, 0, name, &v) == TV_OK ? v : -1)
    TV_CHECK_INT(tv_json_get_i64(&doc, FIELD("i"), &i64), TV_OK);
    TV_CHECK_INT(i64, -42);
    TV_CHECK_INT(tv_json_get_i32(&doc, FIELD("i"), &i32), TV_OK);
    TV_CHECK_INT(i32, -42);
    TV_CHECK_INT(tv_json_get_i64(&doc, FIELD("big"), &i64), TV_OK);
    TV_CHECK_INT(i64, INT64_MAX);
    TV_CHECK_INT(tv_json_get_i64(&doc, FIELD("over"), &i64), TV_ERR_JSON_RANGE);
    TV_CHECK_INT(tv_json_get_i32(&doc, FIELD("i32"), &i32), TV_ERR_JSON_RANGE);
    TV_CHECK_INT(tv_json_get_i64(&doc, FIELD("f"), &i64), TV_ERR_JSON_TYPE);
    TV_CHECK_INT(tv_json_get_i64(&doc, FIELD("e"), &i64), TV_ERR_JSON_TYPE);
    TV_CHECK_INT(tv_json_get_i64(&doc, FIELD("s"), &i64), TV_ERR_JSON_TYPE);
    TV_CHECK_INT(tv_json_get_double(&doc, FIELD("f"), &d), TV_OK);
    TV_CHECK_DBL(d, 4150.25);
    TV_CHECK_INT(tv_json_get_double(&doc, FIELD("e"), &d), TV_OK);
    TV_CHECK_DBL(d, 1000.0);
    TV_CHECK_INT(tv_json_get_double(&doc, FIELD("huge"), &d), TV_ERR_JSON_RANGE);
    TV_CHECK_INT(tv_json_get_double(&doc, FIELD("t"), &d), TV_ERR_JSON_TYPE);
    TV_CHECK_INT(tv_json_get_bool(&doc, FIELD("t"), &b), TV_OK);
    TV_CHECK(b);
    TV_CHECK_INT(tv_json_get_bool(&doc, FIELD("n"), &b), TV_ERR_JSON_TYPE);
    TV_CHECK(tv_json_is_null(&doc, FIELD("n")));
    TV_CHECK(!tv_json_is_null(&doc, FIELD("t")));
    TV_CHECK_INT(tv_json_get_time(&doc, FIELD("ts"), &i64), TV_OK);
    TV_CHECK_INT(i64, INT64_C(1618289946588));
    TV_CHECK_INT(tv_json_get_time(&doc, FIELD("bad"), &i64), TV_ERR_JSON_BAD_TIMESTAMP);
    TV_CHECK_INT(tv_json_get_time(&doc, FIELD("i"), &i64), TV_ERR_JSON_TYPE);
    TV_CHECK_INT(tv_json_get_i64(&doc, 0, NULL), TV_ERR_INVALID_ARG);
    TV_CHECK_INT(tv_json_get_i64(NULL, 0, &i64), TV_ERR_INVALID_ARG);
#undef FIELD
}

/* ---- random documents: shape recorded while writing, compared after parsing */

typedef struct {
    int type, size, next;
    int64_t num;
    char str[8];
} shape_tok;

static shape_tok shape[4096];
static int nshape;
static uint64_t rng_state = 0x2545F4914F6CDD1Du;

static uint64_t rnd(void)
{
    return json_test_rnd(&rng_state);
}

/* A short string with bytes that need escaping; recorded at index i. */
static void random_string(int i)
{
    static const char alphabet[] = "ab\"\\/\n\t\x01\xc3\xa9 ";
    size_t n = (size_t)(rnd() % 6), k = 0;
    while (k < n) {
        char c = alphabet[rnd() % (sizeof alphabet - 1)];
        if ((unsigned char)c == 0xc3) { /* keep the two-byte character whole */
            if (k + 2 > n) {
                break;
            }
            shape[i].str[k++] = c;
            c = '\xa9';
        } else if ((unsigned char)c == 0xa9) {
            continue;
        }
        shape[i].str[k++] = c;
    }
    shape[i].str[k] = '\0';
}

/* Writes a random value, recording each token it makes in document order. */
static void random_value(tv_json_writer *w, int depth)
{
    int i = nshape++;
    int kind = depth == 0
                   ? 4 + (int)(rnd() % 2) /* a container at the root */
                   : (int)(rnd() % (depth + 1 >= TV_JSON_MAX_DEPTH || nshape > 3000 ? 4 : 6));
    shape[i].size = 0;
    if (kind == 0) {
        shape[i].type = TV_JSON_NUMBER;
        shape[i].num = (int64_t)rnd();
        tv_json_write_i64(w, shape[i].num);
    } else if (kind == 1) {
        shape[i].type = TV_JSON_STRING;
        random_string(i);
        tv_json_write_str(w, shape[i].str);
    } else if (kind == 2) {
        shape[i].type = TV_JSON_BOOL;
        tv_json_write_bool(w, rnd() & 1);
    } else if (kind == 3) {
        shape[i].type = TV_JSON_NULL;
        tv_json_write_null(w);
    } else {
        int object = kind == 5;
        shape[i].type = object ? TV_JSON_OBJECT : TV_JSON_ARRAY;
        shape[i].size = (int)(rnd() % 6);
        object ? tv_json_write_object_begin(w) : tv_json_write_array_begin(w);
        for (int m = 0; m < shape[i].size; m++) {
            if (object) {
                int k = nshape++;
                shape[k].type = TV_JSON_STRING;
                shape[k].size = 0;
                shape[k].next = k + 1;
                random_string(k);
                tv_json_write_key(w, shape[k].str);
            }
            random_value(w, depth + 1);
        }
        object ? tv_json_write_object_end(w) : tv_json_write_array_end(w);
    }
    shape[i].next = nshape;
}

/* Random trees up to the depth limit: every token's type, size, subtree link,
 * number and unescaped string come back as written. */
static void test_random_documents(void)
{
    static char text[256 * 1024];
    static tv_json_tok toks[4096];
    int bad = 0;
    for (int round = 0; round < 3000 && bad == 0; round++) {
        tv_json_writer w;
        tv_json_doc doc;
        size_t len;
        nshape = 0;
        tv_json_writer_init(&w, text, sizeof text);
        random_value(&w, 0);
        TV_CHECK_INT(tv_json_writer_finish(&w, &len), TV_OK);
        TV_CHECK_INT(tv_json_parse(&doc, text, len, toks, 4096), nshape);
        for (int i = 0; i < doc.count; i++) {
            int64_t num;
            tv_json_str str;
            bad += toks[i].type != shape[i].type || toks[i].size != shape[i].size ||
                   toks[i].next != shape[i].next;
            if (shape[i].type == TV_JSON_NUMBER) {
                bad += tv_json_get_i64(&doc, i, &num) != TV_OK || num != shape[i].num;
            } else if (shape[i].type == TV_JSON_STRING) {
                bad += tv_json_get_str(&doc, i, &str) != TV_OK || strcmp(str.ptr, shape[i].str);
            }
        }
        tv_test_checks += doc.count;
    }
    TV_CHECK_INT(bad, 0);
}

int main(void)
{
    TV_RUN(test_corpora);
    TV_RUN(test_every_prefix);
    TV_RUN(test_guard_page);
    TV_RUN(test_jsmn_leniencies_refused);
    TV_RUN(test_depth_limit);
    TV_RUN(test_token_capacity);
    TV_RUN(test_token_links);
    TV_RUN(test_iteration);
    TV_RUN(test_strings_in_place);
    TV_RUN(test_typed_reads);
    TV_RUN(test_random_documents);
    return tv_test_summary();
}
