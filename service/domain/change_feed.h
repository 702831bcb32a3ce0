/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * change_feed.h - the change feed behind ObterAlteracoes: people, vehicles and
 * atendimentos created, changed, cancelled or merged, read from a cursor.
 *
 * The one rule to know: the cursor is a position (xid, change_id) in the order of
 * the writing transactions, and it never passes a transaction still in progress
 * (sql/007_change_feed.sql explains why), so no change is ever skipped.
 */
#ifndef WSATEND_CHANGE_FEED_H
#define WSATEND_CHANGE_FEED_H

#include "core/request.h"

#include <stdbool.h>
#include <stdint.h>

/* A position in the feed; {0, 0} is the beginning. */
struct feed_position {
	uint64_t xid;            /* the writing transaction (xid8) */
	int64_t change_id;
};

/* One change; entity is "pessoa", "veiculo" or "atendimento", action "CRIADO",
 * "ALTERADO", "CANCELADO" or "MESCLADO". */
struct change {
	const char *entity;
	int64_t entity_id;
	const char *action;
	bool has_version;
	int version;
	const char *at;          /* xsd:dateTime, UTC */
	struct feed_position pos;
};

struct feed_page {
	struct change *items;
	int n;
	const char *next_cursor; /* always set: the sent cursor when nothing is new */
	bool more;
};

/* Reads one page after `cursor` (NULL or "": from the beginning), only of the given
 * entities (n_entities 0: all), at most *max_items (NULL: 100; 1..1000, more capped
 * with an Info). A malformed cursor is VALOR_INVALIDO on "Cursor". */
enum status change_feed_read(struct request *req, const char *cursor, const char *const *entities,
			     int n_entities, const int *max_items, struct feed_page *out);

#endif
