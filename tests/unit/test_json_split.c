/* The array splitter: a 10,000-element array through a small window delivered
 * whole, in random chunks and one byte at a time; would-block and connection
 * reset at every offset; every byte of a small array replaced by syntax that
 * breaks it, compared with whole-document validation. */
#include "tv_test.h"

#include <stdlib.h>

#include "tradovate/tv_json.h"

#include "../json/json_test_rng.h" /* tests/json holds the JSON tests' shared helpers */

/* ---- a scripted byte source, like a transport ------------------------ */

typedef struct {
    const char *data;
    size_t len, pos;
    size_t chunk;    /* bytes per read; 0 = random 1..300 */
    int block_each;  /* return would-block before every read */
    size_t reset_at; /* return a reset when pos reaches this (SIZE_MAX: never) */
    int blocked;     /* the last call blocked */
    uint64_t rng;
} source;

static int32_t source_read(source *s, char *dst, size_t cap)
{
    if (s->block_each && !s->blocked) {
        s->blocked = 1;
        return TV_ERR_WOULD_BLOCK;
    }
    s->blocked = 0;
    if (s->pos >= s->reset_at) {
        return TV_ERR_CONNECTION_RESET;
    }
    if (s->pos >= s->len) {
        return TV_ERR_PEER_CLOSED;
    }
    size_t n = s->chunk ? s->chunk : 1 + (size_t)(json_test_rnd(&s->rng) % 300);
    n = n < cap ? n : cap;
    n = n < s->len - s->pos ? n : s->len - s->pos;
    n = n < s->reset_at - s->pos ? n : s->reset_at - s->pos;
    memcpy(dst, s->data + s->pos, n);
    s->pos += n;
    return (int32_t)n;
}

/* ---- the consumer, as a client would write it --------------------------- */

typedef struct {
    long elements; /* decoded */
    long next_id;  /* expected "id" of the next element; -1: do not check ids */
    long would_block;
} run_result;

/* Parses one element as its own document; checks its id if asked. */
static int decode(char *text, size_t len, run_result *out)
{
    tv_json_tok toks[64];
    tv_json_doc doc;
    int r = tv_json_parse(&doc, text, len, toks, 64);
    if (r < 0) {
        return r;
    }
    if (out->next_id >= 0) {
        int v;
        int64_t id;
        if (tv_json_obj_get(&doc, 0, "id", &v) != TV_OK || tv_json_get_i64(&doc, v, &id) != TV_OK ||
            id != out->next_id) {
            return TV_ERR_INTERNAL;
        }
        out->next_id++;
    }
    out->elements++;
    return TV_OK;
}

/* Streams src through buf[0, cap); TV_OK when the array was complete. */
static int run(source *src, char *buf, size_t cap, run_result *out)
{
    tv_json_splitter sp;
    size_t len = 0;
    tv_json_split_init(&sp);
    for (;;) {
        size_t a, b;
        int r = tv_json_split_next(&sp, buf, len, &a, &b);
        if (r == TV_JSON_SPLIT_ELEMENT) {
            r = decode(buf + a, b - a, out);
            if (r != TV_OK) {
                return r;
            }
            continue;
        }
        if (r < 0) {
            return r;
        }
        if (sp.pos != len) { /* every byte was scanned, so none is scanned again */
            return TV_ERR_INTERNAL;
        }
        if (len == cap) { /* compact only when full: copying stays linear */
            len = tv_json_split_compact(&sp, buf, len);
            if (len == cap) {
                return TV_ERR_JSON_ELEMENT_TOO_LARGE;
            }
        }
        int32_t n = source_read(src, buf + len, cap - len);
        if (n == TV_ERR_WOULD_BLOCK) {
            out->would_block++;
            continue;
        }
        if (n == TV_ERR_PEER_CLOSED) {
            return tv_json_split_finish(&sp);
        }
        if (n < 0) {
            return n;
        }
        len += (size_t)n;
    }
}

static int run_text(const char *text, size_t len, size_t chunk, size_t cap, run_result *out)
{
    source src = {text, len, 0, chunk, 0, SIZE_MAX, 0, 88172645463325252u};
    char *buf = malloc(cap);
    out->elements = 0;
    out->would_block = 0;
    int r = run(&src, buf, cap, out);
    free(buf);
    return r;
}

/* ---- the big list -------------------------------------------------------- */

#define BIG_COUNT 10000
#define WINDOW    512

/* Order-like elements with the bytes that trouble a naive splitter: brackets,
 * commas and escaped quotes inside strings, nested arrays, varying whitespace. */
static char *make_big_array(size_t *len)
{
    size_t cap = (size_t)BIG_COUNT * 400, n = 0;
    char *text = malloc(cap);
    n += (size_t)snprintf(text + n, cap - n, " [\n");
    for (int i = 0; i < BIG_COUNT; i++) {
        n += (size_t)snprintf(
            text + n, cap - n,
            "%s{\"id\":%d,\"accountId\":1,\"timestamp\":\"2021-04-13T04:59:06.%03dZ\","
            "\"text\":\"a ]},[{ \\\"quoted\\\" \\\\ \\u005D\",\"price\":%d.25,"
            "\"fills\":[[%d,{\"q\":[]}],[]],\"admin\":%s,\"parentId\":null}%s",
            i == 0 ? "" : (i % 3 == 0 ? " ,\r\n " : ","), i, i % 1000, 4000 + i % 500, i,
            i % 2 ? "true" : "false", i % 7 == 0 ? "\t" : "");
    }
    n += (size_t)snprintf(text + n, cap - n, "\n] \n");
    *len = n;
    return text;
}

static void test_big_list(void)
{
    size_t len;
    char *text = make_big_array(&len);
    static const size_t chunks[] = {0, 1, 7, WINDOW};
    for (size_t i = 0; i < sizeof chunks / sizeof chunks[0]; i++) {
        run_result res = {0, 0, 0};
        TV_CHECK_INT(run_text(text, len, chunks[i], WINDOW, &res), TV_OK);
        TV_CHECK_INT(res.elements, BIG_COUNT);
    }
    /* whole: the window holds the entire body */
    run_result res = {0, 0, 0};
    TV_CHECK_INT(run_text(text, len, len, len, &res), TV_OK);
    TV_CHECK_INT(res.elements, BIG_COUNT);
    /* a window smaller than one element */
    res.next_id = 0;
    TV_CHECK_INT(run_text(text, len, 0, 128, &res), TV_ERR_JSON_ELEMENT_TOO_LARGE);
    TV_CHECK_INT(res.elements, 0);
    free(text);
}

/* ---- small arrays: every offset ------------------------------------------ */

static const char small[] = "[{\"id\":0,\"s\":\"],[\\\"\"},{\"id\":1,\"a\":[1,{}]},\n"
                            "{\"id\":2},{\"id\":3,\"t\":true}]  ";

/* Elements whose last byte lies in the first k bytes. */
static long complete_before(size_t k)
{
    long n = 0;
    int depth = 0, in_str = 0, esc = 0;
    for (size_t i = 0; i < k; i++) {
        char c = small[i];
        if (in_str) {
            if (esc) {
                esc = 0;
            } else if (c == '\\') {
                esc = 1;
            } else {
                in_str = c != '"';
            }
        } else if (c == '"') {
            in_str = 1;
        } else if (c == '{' || c == '[') {
            depth++;
        } else if (c == '}' || c == ']') {
            n += --depth == 1;
        }
    }
    return n;
}

static void test_would_block_and_reset_everywhere(void)
{
    size_t len = strlen(small);
    char buf[64];
    /* would-block before every byte: same result */
    source src = {small, len, 0, 1, 1, SIZE_MAX, 0, 1};
    run_result res = {0, 0, 0};
    TV_CHECK_INT(run(&src, buf, sizeof buf, &res), TV_OK);
    TV_CHECK_INT(res.elements, 4);
    TV_CHECK(res.would_block >= (long)len);
    /* a reset at every offset: the elements before it, then a clean restart */
    for (size_t k = 0; k <= len; k++) {
        source cut = {small, len, 0, 1, 0, k, 0, 1};
        run_result part = {0, 0, 0};
        int r = run(&cut, buf, sizeof buf, &part);
        TV_CHECK_INT(r, TV_ERR_CONNECTION_RESET);
        TV_CHECK_INT(part.elements, complete_before(k));
        source again = {small, len, 0, 3, 0, SIZE_MAX, 0, 1};
        run_result full = {0, 0, 0};
        TV_CHECK_INT(run(&again, buf, sizeof buf, &full), TV_OK);
        TV_CHECK_INT(full.elements, 4);
    }
    /* the stream ending at every offset: complete only at the end */
    for (size_t k = 0; k < len; k++) {
        run_result part = {0, -1, 0};
        int r = run_text(small, k, 1, sizeof buf, &part);
        int want = k == 0 ? TV_ERR_JSON_EMPTY : TV_ERR_JSON_UNTERMINATED;
        TV_CHECK_INT(r, k >= len - 2 ? TV_OK : want);
    }
}

/* Replacing any byte with syntax that may break it: the splitter pipeline must
 * accept exactly what whole-document validation accepts, with the same count,
 * however the bytes arrive; and refuse the rest with the same status, or with
 * TV_ERR_JSON_UNTERMINATED when the defect keeps an element from ending. */
static void test_mutations_agree_with_validation(void)
{
    static const char repl[] = ",:[]{}\" x\\1-.e";
    size_t len = strlen(small);
    char text[128];
    int checked = 0, same_code = 0, differ = 0;
    for (size_t i = 0; i < len; i++) {
        for (size_t c = 0; c < sizeof repl - 1; c++) {
            memcpy(text, small, len);
            text[i] = repl[c];
            char copy[128];
            memcpy(copy, text, len);
            tv_json_tok toks[64];
            tv_json_doc doc;
            int whole = tv_json_parse(&doc, copy, len, toks, 64);
            size_t lead = strspn(text, " \t\r\n");
            for (int mode = 0; mode < 2; mode++) {
                run_result res = {0, -1, 0};
                char scratch[128];
                memcpy(scratch, text, len);
                int r = run_text(scratch, len, mode ? 1 : len, 128, &res);
                checked++;
                if (text[lead] != '[') {
                    differ += r != TV_ERR_JSON_TYPE;
                } else if ((r == TV_OK) != (whole > 0) ||
                           (r == TV_OK && res.elements != toks[0].size)) {
                    differ++;
                    tv_test_fail(__FILE__, __LINE__, "%.*s: split %s, whole %s", (int)len, text,
                                 tv_err_name(r), tv_err_name(whole));
                } else if (r == whole || (r == TV_OK && whole > 0)) {
                    same_code++;
                } else if (r != TV_ERR_JSON_UNTERMINATED) {
                    /* an element's inside is checked only once it is complete;
                     * one that never completes can only end unterminated */
                    differ++;
                    tv_test_fail(__FILE__, __LINE__, "%.*s: split %s, whole %s", (int)len, text,
                                 tv_err_name(r), tv_err_name(whole));
                }
            }
        }
    }
    tv_test_checks += checked;
    TV_CHECK_INT(differ, 0);
    fprintf(stderr, "mutations: %d runs, %d with the very same status as whole validation\n",
            checked, same_code);
}

static void test_shapes_and_errors(void)
{
    static const struct {
        const char *text;
        int r;
        long elements;
    } cases[] = {
        {"[]", TV_OK, 0},
        {" [ ] \n", TV_OK, 0},
        {"[1,\"a\",true,null,{\"x\":[1]},[2],-0.5e3,\"\\\"\"]", TV_OK, 8},
        {"[1]x", TV_ERR_JSON_TRAILING_DATA, 1},
        {"[1] []", TV_ERR_JSON_TRAILING_DATA, 1},
        {"[1,]", TV_ERR_JSON_TRAILING_COMMA, 1},
        {"[,1]", TV_ERR_JSON_SYNTAX, 0},
        {"[1,,2]", TV_ERR_JSON_SYNTAX, 1},
        {"[1 2]", TV_ERR_JSON_SYNTAX, 1},
        {"[1:2]", TV_ERR_JSON_SYNTAX, 1},
        {"[}]", TV_ERR_JSON_SYNTAX, 0},
        {"[01]", TV_ERR_JSON_BAD_NUMBER, 0},
        {"[{\"a\":1,}]", TV_ERR_JSON_TRAILING_COMMA, 0},
        {"{\"errorText\":\"x\"}", TV_ERR_JSON_TYPE, 0},
        {"", TV_ERR_JSON_EMPTY, 0},
        {"  ", TV_ERR_JSON_EMPTY, 0},
        {"[", TV_ERR_JSON_UNTERMINATED, 0},
        {"[1", TV_ERR_JSON_UNTERMINATED, 0},
        {"[1,", TV_ERR_JSON_UNTERMINATED, 1},
        {"[\"a", TV_ERR_JSON_UNTERMINATED, 0},
    };
    for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
        for (size_t chunk = 1; chunk <= 64; chunk *= 64) {
            run_result res = {0, -1, 0};
            char text[64];
            size_t len = strlen(cases[i].text);
            memcpy(text, cases[i].text, len);
            TV_CHECK_INT(run_text(text, len, chunk, 32, &res), cases[i].r);
            TV_CHECK_INT(res.elements, cases[i].elements);
        }
    }
    /* element bytes exclude surrounding whitespace */
    tv_json_splitter sp;
    size_t a, b;
    const char *t = "[ \"x\" ,\t12 ]";
    tv_json_split_init(&sp);
    TV_CHECK_INT(tv_json_split_next(&sp, t, strlen(t), &a, &b), TV_JSON_SPLIT_ELEMENT);
    TV_CHECK_MEM(t + a, b - a, "\"x\"", 3);
    TV_CHECK_INT(tv_json_split_next(&sp, t, strlen(t), &a, &b), TV_JSON_SPLIT_ELEMENT);
    TV_CHECK_MEM(t + a, b - a, "12", 2);
    TV_CHECK_INT(tv_json_split_next(&sp, t, strlen(t), &a, &b), TV_JSON_SPLIT_END);
    TV_CHECK_INT(tv_json_split_next(&sp, t, strlen(t), &a, &b), TV_JSON_SPLIT_END);
    TV_CHECK_INT(tv_json_split_finish(&sp), TV_OK);
    /* a window that shrank without compaction is refused, and sticks */
    TV_CHECK_INT(tv_json_split_next(&sp, t, 1, &a, &b), TV_ERR_INVALID_ARG);
    TV_CHECK_INT(tv_json_split_finish(&sp), TV_ERR_INVALID_ARG);
    TV_CHECK_INT(tv_json_split_next(NULL, t, 1, &a, &b), TV_ERR_INVALID_ARG);
    TV_CHECK_INT(tv_json_split_finish(NULL), TV_ERR_INVALID_ARG);
}

/* An element may nest TV_JSON_MAX_DEPTH - 1 deep (the array is one level). */
static void test_depth(void)
{
    char text[2 * TV_JSON_MAX_DEPTH + 8];
    for (int extra = 0; extra <= 1; extra++) {
        size_t n = 0;
        int depth = TV_JSON_MAX_DEPTH - 1 + extra;
        text[n++] = '[';
        for (int i = 0; i < depth; i++) {
            text[n++] = '[';
        }
        for (int i = 0; i < depth; i++) {
            text[n++] = ']';
        }
        text[n++] = ']';
        run_result res = {0, -1, 0};
        TV_CHECK_INT(run_text(text, n, 5, sizeof text, &res), extra ? TV_ERR_JSON_TOO_DEEP : TV_OK);
        TV_CHECK_INT(tv_json_validate(text, n), extra ? TV_ERR_JSON_TOO_DEEP : depth + 1);
    }
}

int main(void)
{
    TV_RUN(test_big_list);
    TV_RUN(test_would_block_and_reset_everywhere);
    TV_RUN(test_mutations_agree_with_validation);
    TV_RUN(test_shapes_and_errors);
    TV_RUN(test_depth);
    return tv_test_summary();
}
