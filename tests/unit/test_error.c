/* Error codes: names, descriptions and classes agree with tv_error.h. */
#include "tv_test.h"

#include <string.h>

#include "tradovate/tv_error.h"

static void test_class_ranges(void)
{
    TV_CHECK_INT(tv_err_classify(TV_OK), TV_ERRCLASS_NONE);
    TV_CHECK_INT(tv_err_classify(42), TV_ERRCLASS_NONE);
    TV_CHECK_INT(tv_err_classify(TV_ERR_WOULD_BLOCK), TV_ERRCLASS_TRANSIENT);
    TV_CHECK_INT(tv_err_classify(TV_ERR_STALE_CONNECTION), TV_ERRCLASS_TRANSIENT);
    TV_CHECK_INT(tv_err_classify(TV_ERR_HTTP_BODY_TOO_LARGE), TV_ERRCLASS_CAPACITY);
    TV_CHECK_INT(tv_err_classify(TV_ERR_TLS_PIN_MISMATCH), TV_ERRCLASS_SECURITY);
    TV_CHECK_INT(tv_err_classify(TV_ERR_HTTP_OBS_FOLD), TV_ERRCLASS_PROTOCOL);
    TV_CHECK_INT(tv_err_classify(TV_ERR_JSON_TRAILING_COMMA), TV_ERRCLASS_PROTOCOL);
    TV_CHECK_INT(tv_err_classify(TV_ERR_PENALTY_CAPTCHA), TV_ERRCLASS_REMOTE);
    TV_CHECK_INT(tv_err_classify(TV_ERR_OUTCOME_UNKNOWN), TV_ERRCLASS_OUTCOME_UNKNOWN);
    TV_CHECK_INT(tv_err_classify(TV_ERR_BAD_STRING), TV_ERRCLASS_USAGE);
    TV_CHECK_INT(tv_err_classify(TV_ERR_ENTROPY), TV_ERRCLASS_PLATFORM);
    TV_CHECK_STR(tv_err_class_name(TV_ERRCLASS_SECURITY), "security");
}

/* Every named code has a description, its name starts with TV_ERR_ and no two
 * codes share a name: the table in tv_error.c is complete and consistent. */
static void test_names_unique_and_described(void)
{
    const char *seen[256];
    int n = 0;
    for (int code = 0; code >= -200; code--) {
        const char *name = tv_err_name(code);
        if (strcmp(name, "TV_ERR_UNKNOWN") == 0) {
            TV_CHECK_STR(tv_strerror(code), "unknown error");
            continue;
        }
        TV_CHECK(code == 0 || strncmp(name, "TV_ERR_", 7) == 0);
        TV_CHECK(strcmp(tv_strerror(code), "unknown error") != 0);
        TV_CHECK(tv_err_classify(code) != TV_ERRCLASS_NONE || code == 0);
        for (int i = 0; i < n; i++) {
            TV_CHECK(strcmp(seen[i], name) != 0);
        }
        seen[n++] = name;
    }
    TV_CHECK_STR(tv_err_name(TV_ERR_TIMEOUT), "TV_ERR_TIMEOUT");
    TV_CHECK_STR(tv_err_name(1000), "TV_ERR_UNKNOWN");
    TV_CHECK(n >= 70);
}

int main(void)
{
    TV_RUN(test_class_ranges);
    TV_RUN(test_names_unique_and_described);
    return tv_test_summary();
}
