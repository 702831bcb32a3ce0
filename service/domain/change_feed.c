/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * change_feed.c - rules of the change feed (domain/change_feed.h): the cursor's
 * form and the page size. The store does the completeness part (the snapshot
 * horizon); here the cursor only ever moves to a row the store returned.
 */
#include "domain/change_feed.h"

#include "store/change_feed_store.h"

#include <errno.h>
#include <inttypes.h>
#include <stdlib.h>
#include <string.h>

#define DEFAULT_ITEMS 100
#define MAX_ITEMS 1000
#define CURSOR_PREFIX "f1."

static char *encode(struct request *req, const struct feed_position *p)
{
	return req_printf(req, CURSOR_PREFIX "%" PRIu64 ".%" PRId64, p->xid, p->change_id);
}

/* Digits only (strtoull alone would take a sign or spaces); false on overflow. */
static bool parse_u64(const char *s, const char **end, uint64_t *v)
{
	if (*s < '0' || *s > '9')
		return false;
	char *e;
	errno = 0;
	*v = strtoull(s, &e, 10);
	*end = e;
	return errno == 0;
}

/* "f1.<xid>.<change_id>", exactly as encode() writes it. */
static bool decode(const char *s, struct feed_position *p)
{
	const char *end;
	uint64_t xid, id;
	if (strncmp(s, CURSOR_PREFIX, strlen(CURSOR_PREFIX)))
		return false;
	s += strlen(CURSOR_PREFIX);
	if (!parse_u64(s, &end, &xid) || *end != '.')
		return false;
	if (!parse_u64(end + 1, &end, &id) || *end || id > INT64_MAX)
		return false;
	p->xid = xid;
	p->change_id = (int64_t)id;
	return true;
}

enum status change_feed_read(struct request *req, const char *cursor, const char *const *entities,
			     int n_entities, const int *max_items, struct feed_page *out)
{
	struct feed_position from = {0, 0};
	int limit = DEFAULT_ITEMS;
	enum status s = STATUS_OK;

	memset(out, 0, sizeof *out);
	if (cursor && *cursor && !decode(cursor, &from))
		s = req_fail(req, STATUS_VALOR_INVALIDO, "Cursor",
			     "Cursor inválido: envie o ProximoCursor recebido, sem alterá-lo.");
	if (max_items) {
		if (*max_items < 1)
			s = req_fail(req, STATUS_VALOR_INVALIDO, "MaxItens", "MaxItens deve ser de 1 a %d.",
				     MAX_ITEMS);
		else if (*max_items > MAX_ITEMS) {
			req_info(req, STATUS_VALOR_INVALIDO, "MaxItens", "MaxItens limitado a %d.", MAX_ITEMS);
			limit = MAX_ITEMS;
		} else
			limit = *max_items;
	}
	if (s != STATUS_OK)
		return s;

	int rows;
	s = change_feed_fetch(req, &from, entities, n_entities, limit + 1, &out->items, &rows);
	if (s != STATUS_OK)
		return s;
	out->more = rows > limit;
	out->n = out->more ? limit : rows;
	/* The sent cursor is echoed unchanged when nothing is new, so a client may store
	 * ProximoCursor after every call. */
	out->next_cursor = out->n ? encode(req, &out->items[out->n - 1].pos) : encode(req, &from);
	return STATUS_OK;
}
