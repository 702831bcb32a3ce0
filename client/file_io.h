/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * file_io.h - files the client writes for a job that must survive a crash (the
 * change feed's data and cursor, a batch's results): whole or not at all.
 */
#ifndef WSATEND_FILE_IO_H
#define WSATEND_FILE_IO_H

#include <stdbool.h>
#include <stdio.h>

/* Whether s ends with suffix, ignoring case (".xml", ".CSV"). */
bool file_has_suffix(const char *s, const char *suffix);

/* Writes path through PATH.tmp: writer(f, ctx), fflush, fsync, rename, fsync of the
 * directory (so the rename itself survives a crash). On failure the old file is
 * untouched, the .tmp removed and the reason printed on stderr. */
bool file_write_atomically(const char *path, void (*writer)(FILE *f, const void *ctx), const void *ctx);

#endif
