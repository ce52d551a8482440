/* Directory listings from the build's index files; see dirent.h. */
#include "dirent.h"

#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#ifndef TV_TARGET_DIR_INDEX
#error "TV_TARGET_DIR_INDEX: where the build writes the directory index files"
#endif

struct tv_target_dir {
    FILE *index;
    struct dirent entry;
};

DIR *opendir(const char *path)
{
    char name[512];
    int n = snprintf(name, sizeof name, "%s/%s.list", TV_TARGET_DIR_INDEX, path);
    if (n < 0 || (size_t)n >= sizeof name) {
        errno = ENAMETOOLONG;
        return NULL;
    }
    DIR *dir = malloc(sizeof *dir);
    if (dir == NULL) {
        return NULL;
    }
    dir->index = fopen(name, "r");
    if (dir->index == NULL) {
        free(dir);
        errno = ENOENT;
        return NULL;
    }
    return dir;
}

struct dirent *readdir(DIR *dir)
{
    char *name = dir->entry.d_name;
    if (fgets(name, sizeof dir->entry.d_name, dir->index) == NULL) {
        return NULL;
    }
    size_t len = strlen(name);
    if (len == 0 || name[len - 1] != '\n') {
        errno = ENAMETOOLONG;
        return NULL;
    }
    name[len - 1] = '\0';
    return &dir->entry;
}

int closedir(DIR *dir)
{
    fclose(dir->index);
    free(dir);
    return 0;
}
