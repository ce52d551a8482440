/* Error names with TV_CONFIG_ERROR_NAMES=0 (what firmware builds choose):
 * tv_error.c is compiled here with the option, in place of the library's
 * own copy (this program defines every symbol that object would bring). */
#define TV_CONFIG_ERROR_NAMES 0
#include "tv_error.c"

#include "tv_test.h"

#include <string.h>

static void test_class_names(void)
{
    TV_CHECK_STR(tv_err_name(TV_OK), "TV_OK");
    TV_CHECK_STR(tv_err_name(TV_ERR_TIMEOUT), "TV_ERRCLASS_TRANSIENT");
    TV_CHECK_STR(tv_err_name(TV_ERR_BUFFER_TOO_SMALL), "TV_ERRCLASS_CAPACITY");
    TV_CHECK_STR(tv_err_name(TV_ERR_TLS_PIN_MISMATCH), "TV_ERRCLASS_SECURITY");
    TV_CHECK_STR(tv_err_name(TV_ERR_JSON_BAD_NUMBER), "TV_ERRCLASS_PROTOCOL");
    TV_CHECK_STR(tv_err_name(TV_ERR_PENALTY), "TV_ERRCLASS_REMOTE");
    TV_CHECK_STR(tv_err_name(TV_ERR_OUTCOME_UNKNOWN), "TV_ERRCLASS_OUTCOME_UNKNOWN");
    TV_CHECK_STR(tv_err_name(TV_ERR_BAD_STRING), "TV_ERRCLASS_USAGE");
    TV_CHECK_STR(tv_err_name(TV_ERR_INTERNAL), "TV_ERRCLASS_PLATFORM");
    TV_CHECK_STR(tv_strerror(TV_ERR_TIMEOUT), "TV_ERRCLASS_TRANSIENT");
    /* values that are not codes, inside and outside the classes' ranges */
    TV_CHECK_STR(tv_err_name(-19), "TV_ERR_UNKNOWN");
    TV_CHECK_STR(tv_err_name(1000), "TV_ERR_UNKNOWN");
    TV_CHECK_STR(tv_strerror(-1000), "TV_ERR_UNKNOWN");
    int known = 0;
    for (int code = 0; code >= -200; code--) {
        known += strcmp(tv_err_name(code), "TV_ERR_UNKNOWN") != 0;
    }
    TV_CHECK(known >= 70); /* the codes are all still known */
}

int main(void)
{
    TV_RUN(test_class_names);
    return tv_test_summary();
}
