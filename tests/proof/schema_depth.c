/*
 * The codec recurses once per nested object (decode, encode and string copy
 * all follow TV_KIND_OBJ / OBJS / EMBED fields to their sub-schema), so the
 * tables bound its recursion: this prints the most schemas one nesting chain
 * holds, which the stack analysis takes as the most activations of each
 * recursive codec function on one path (stack-edges.txt, "schema-depth").
 * A schema that contains itself, directly or not, would make the recursion
 * unbounded: then it prints nothing and fails. Runs on the host at build
 * time (tests/proof/proof.mk), over the same tables the firmware links.
 */
#include <stdio.h>

#include "tv_tables_priv.h"

/* Schemas on the deepest chain from s; -1 if the chain does not end. */
static int schema_depth(const tv_schema *s, int level)
{
    if (level > 64) {
        return -1;
    }
    int best = 1;
    for (uint16_t i = 0; i < s->count; i++) {
        const tv_field *f = &s->fields[i];
        if (f->kind == TV_KIND_OBJ || f->kind == TV_KIND_OBJS || f->kind == TV_KIND_EMBED) {
            int d = schema_depth(tv_field_schema(f), level + 1);
            if (d < 0) {
                return -1;
            }
            best = d + 1 > best ? d + 1 : best;
        }
    }
    return best;
}

int main(void)
{
    int deepest = 0;
    for (size_t i = 0; tv_all_schemas[i] != NULL; i++) {
        int d = schema_depth(tv_all_schemas[i], 1);
        if (d < 0) {
            fprintf(stderr, "schema %s nests itself: the codec's recursion is unbounded\n",
                    tv_all_schemas[i]->name);
            return 1;
        }
        deepest = d > deepest ? d : deepest;
    }
    printf("%d\n", deepest);
    return 0;
}
