/* SPDX-License-Identifier: GPL-2.0-or-later */
/* file_io.c - files written whole or not at all (file_io.h). */
#include "file_io.h"

#include <errno.h>
#include <fcntl.h>
#include <libgen.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <unistd.h>

bool file_has_suffix(const char *s, const char *suffix)
{
	size_t n = strlen(s), m = strlen(suffix);
	return n >= m && !strcasecmp(s + n - m, suffix);
}

static bool fsync_dir_of(const char *path)
{
	char *copy = strdup(path);
	if (!copy)
		return false;
	int fd = open(dirname(copy), O_RDONLY | O_DIRECTORY);
	free(copy);
	if (fd < 0)
		return false;
	bool ok = fsync(fd) == 0;
	close(fd);
	return ok;
}

bool file_write_atomically(const char *path, void (*writer)(FILE *f, const void *ctx), const void *ctx)
{
	size_t len = strlen(path) + 5;
	char *tmp = malloc(len);
	FILE *f = NULL;
	bool ok = false;

	if (!tmp)
		goto done;
	snprintf(tmp, len, "%s.tmp", path);
	if (!(f = fopen(tmp, "w")))
		goto done;
	writer(f, ctx);
	ok = fflush(f) == 0 && !ferror(f) && fsync(fileno(f)) == 0;
	ok = fclose(f) == 0 && ok;
	ok = ok && rename(tmp, path) == 0 && fsync_dir_of(path);
done:
	if (!ok) {
		fprintf(stderr, "wsatend: não foi possível gravar %s: %s\n", path, strerror(errno));
		if (tmp)
			unlink(tmp);
	}
	free(tmp);
	return ok;
}
