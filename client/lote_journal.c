/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * lote_journal.c - the journal beside the input (ARQUIVO.diario): one line per
 * record the server answered, appended and fsynced after each chunk.
 *
 *   # wsatend-lote v1 <IdLote> <tipo>
 *   <linha>\t<situacao>\t<id>\t<codigo>\t<campo>\t<mensagem>
 *
 * The rule to know: the journal is an optimisation, never the source of truth. A
 * record missing from it (a crash before the fsync, a torn last line) is simply sent
 * again under the same key, and the server answers REPROCESSADO with what it did
 * the first time. A journal of another file (another IdLote) is moved aside.
 */
#include "lote.h"

#include <errno.h>
#include <fcntl.h>
#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>

struct lote_journal {
	int fd;
	pthread_mutex_t lock;
};

static struct lote_record *by_line(struct lote_input *in, int line)
{
	size_t lo = 0, hi = in->n;
	while (lo < hi) {
		size_t mid = (lo + hi) / 2;
		if (in->rec[mid].line < line)
			lo = mid + 1;
		else
			hi = mid;
	}
	return lo < in->n && in->rec[lo].line == line ? &in->rec[lo] : NULL;
}

static char *dup_or_null(const char *s)
{
	return s && *s ? strdup(s) : NULL;
}

/* One complete line; false when it is not ours (ignored). */
static bool apply(struct lote_input *in, char *l)
{
	char *f[6];
	int n = 0;
	for (char *p = l; n < 6; n++) {
		f[n] = p;
		char *tab = n < 5 ? strchr(p, '\t') : NULL;
		if (!tab && n < 5)
			return false;
		if (tab) {
			*tab = '\0';
			p = tab + 1;
		}
	}
	struct lote_record *r = by_line(in, atoi(f[0]));
	if (!r || r->local)
		return false;
	r->state = strcmp(f[1], "REJEITADO") ? LOTE_DONE : LOTE_REJECTED;
	snprintf(r->outcome, sizeof r->outcome, "%s", f[1]);
	r->server_id = atoll(f[2]);
	free(r->code);
	free(r->field);
	free(r->message);
	r->code = dup_or_null(f[3]);
	r->field = dup_or_null(f[4]);
	r->message = dup_or_null(f[5]);
	return true;
}

static bool write_all(int fd, const char *p, size_t n)
{
	while (n) {
		ssize_t w = write(fd, p, n);
		if (w < 0 && errno == EINTR)
			continue;
		if (w <= 0)
			return false;
		p += w;
		n -= (size_t)w;
	}
	return true;
}

/* Reads an existing journal: applies its lines, cuts a torn last line. Returns
 * false when it belongs to another batch. */
static bool load(int fd, const char *header, struct lote_input *in, size_t *applied)
{
	struct stat st;
	if (fstat(fd, &st) != 0 || st.st_size == 0)
		return true;
	char *buf = malloc((size_t)st.st_size + 1);
	if (!buf)
		return false;
	ssize_t got = pread(fd, buf, (size_t)st.st_size, 0);
	if (got < 0) {
		free(buf);
		return false;
	}
	buf[got] = '\0';
	size_t hl = strlen(header);
	if ((size_t)got < hl || memcmp(buf, header, hl)) {
		free(buf);
		return false;
	}
	size_t end = hl;
	for (char *p = buf + hl; *p;) {
		char *nl = strchr(p, '\n');
		if (!nl)
			break;	/* torn by a crash: dropped, the record is resent */
		*nl = '\0';
		if (apply(in, p))
			(*applied)++;
		p = nl + 1;
		end = (size_t)(p - buf);
	}
	if (end < (size_t)got && ftruncate(fd, (off_t)end) != 0) {
		free(buf);
		return false;
	}
	free(buf);
	return true;
}

struct lote_journal *lote_journal_open(const char *path, struct lote_input *in, size_t *applied)
{
	char header[128];
	snprintf(header, sizeof header, "# wsatend-lote v1 %s %s\n", in->id, in->type->tipo);
	*applied = 0;
	int fd = open(path, O_RDWR | O_CREAT | O_APPEND | O_CLOEXEC, 0600);
	if (fd < 0) {
		fprintf(stderr, "wsatend: lote: %s: %s\n", path, strerror(errno));
		return NULL;
	}
	if (!load(fd, header, in, applied)) {
		/* another file's journal: kept aside, never overwritten */
		char aside[4096];
		close(fd);
		snprintf(aside, sizeof aside, "%s.%lld.antigo", path, (long long)time(NULL));
		if (rename(path, aside) != 0 ||
		    (fd = open(path, O_RDWR | O_CREAT | O_APPEND | O_TRUNC | O_CLOEXEC, 0600)) < 0) {
			fprintf(stderr, "wsatend: lote: %s: %s\n", path, strerror(errno));
			return NULL;
		}
		fprintf(stderr, "wsatend: lote: o diário de outro arquivo foi movido para %s\n", aside);
	}
	struct stat st;
	if (fstat(fd, &st) == 0 && st.st_size == 0 && (!write_all(fd, header, strlen(header)) || fsync(fd) != 0)) {
		fprintf(stderr, "wsatend: lote: %s: %s\n", path, strerror(errno));
		close(fd);
		return NULL;
	}
	struct lote_journal *j = calloc(1, sizeof *j);
	if (!j) {
		close(fd);
		return NULL;
	}
	j->fd = fd;
	pthread_mutex_init(&j->lock, NULL);
	return j;
}

/* Tabs and line breaks would break the line format. */
static void put_clean(char **o, const char *s)
{
	for (; s && *s; s++)
		*(*o)++ = *s == '\t' || *s == '\n' || *s == '\r' ? ' ' : *s;
}

bool lote_journal_write(struct lote_journal *j, const struct lote_input *in, const size_t *idx, size_t n)
{
	size_t cap = 1;
	for (size_t i = 0; i < n; i++) {
		const struct lote_record *r = &in->rec[idx[i]];
		cap += 64 + strlen(r->outcome) + (r->code ? strlen(r->code) : 0) + (r->field ? strlen(r->field) : 0) +
		       (r->message ? strlen(r->message) : 0);
	}
	char *buf = malloc(cap), *o = buf;
	if (!buf)
		return false;
	for (size_t i = 0; i < n; i++) {
		const struct lote_record *r = &in->rec[idx[i]];
		o += sprintf(o, "%d\t%s\t%lld\t", r->line, r->outcome, r->server_id);
		put_clean(&o, r->code);
		*o++ = '\t';
		put_clean(&o, r->field);
		*o++ = '\t';
		put_clean(&o, r->message);
		*o++ = '\n';
	}
	pthread_mutex_lock(&j->lock);
	bool ok = write_all(j->fd, buf, (size_t)(o - buf)) && fsync(j->fd) == 0;
	pthread_mutex_unlock(&j->lock);
	free(buf);
	return ok;
}

void lote_journal_close(struct lote_journal *j)
{
	if (!j)
		return;
	close(j->fd);
	pthread_mutex_destroy(&j->lock);
	free(j);
}
