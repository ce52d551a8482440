/*
 * <dirent.h> for the target images, which newlib lacks (semihosting has no
 * directory listing). A directory is read from its index, a file of one
 * name per line that the build writes for every directory under tests/
 * (see target.mk); so paths are the ones the tests use, relative to the
 * repository root.
 */
#ifndef TV_TARGET_DIRENT_H
#define TV_TARGET_DIRENT_H

struct dirent {
    char d_name[256];
};

typedef struct tv_target_dir DIR;

/* NULL with errno ENOENT when the directory has no index. */
DIR *opendir(const char *path);
/* NULL at the end; a name too long for d_name ends the listing early. */
struct dirent *readdir(DIR *dir);
int closedir(DIR *dir);

#endif /* TV_TARGET_DIRENT_H */
