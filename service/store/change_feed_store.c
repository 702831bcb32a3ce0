/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * change_feed_store.c - the change feed's one query (store/change_feed_store.h).
 *
 * The rule to know: `xid < pg_snapshot_xmin(pg_current_snapshot())`. Every
 * transaction below the snapshot's xmin has ended, so no change can still appear
 * behind a position we return; rows of later transactions wait, even if committed
 * (sql/007_change_feed.sql has the whole argument). It works on a standby as well.
 */
#include "store/change_feed_store.h"

#include "core/db.h"
#include "store/pg_value.h"

#include <inttypes.h>
#include <stdlib.h>
#include <string.h>

static const struct db_stmt feed = {
	"change_feed_page",
	"SELECT entity, entity_id, action, version,"
	" " PG_UTC("at") ", xid::text AS xid_text, change_id"
	" FROM change_log"
	" WHERE tenant_id = $1"
	" AND xid < pg_snapshot_xmin(pg_current_snapshot())"
	" AND (xid, change_id) > ($2::xid8, $3::bigint)"
	" AND ($4::text[] IS NULL OR entity = ANY ($4::text[]))"
	/* Qualified: an output column named xid would order as text ("995" > "1585"). */
	" ORDER BY change_log.xid, change_id LIMIT $5"};

enum status change_feed_fetch(struct request *req, const struct feed_position *from,
			      const char *const *entities, int n_entities, int limit,
			      struct change **items, int *n)
{
	const char *params[] = {
		req_tenant_param(req),
		req_printf(req, "%" PRIu64, from->xid),
		req_printf(req, "%" PRId64, from->change_id),
		n_entities > 0 ? pg_text_array(req, entities, n_entities) : NULL,
		req_printf(req, "%d", limit),
	};
	PGresult *res;
	enum db_status s = db_exec(req->db, &feed, 5, params, &res);
	if (s != DB_OK)
		return req_db_fail(req, s);
	*n = PQntuples(res);
	*items = req_alloc(req, sizeof **items * (size_t)(*n ? *n : 1));
	for (int i = 0; i < *n; i++) {
		struct change *c = &(*items)[i];
		c->entity = req_strdup(req, db_text(res, i, 0));
		c->entity_id = db_int64(res, i, 1);
		c->action = req_strdup(req, db_text(res, i, 2));
		c->has_version = !PQgetisnull(res, i, 3);
		c->version = c->has_version ? db_int(res, i, 3) : 0;
		c->at = req_strdup(req, db_text(res, i, 4));
		c->pos.xid = (uint64_t)strtoull(db_text(res, i, 5), NULL, 10);
		c->pos.change_id = db_int64(res, i, 6);
	}
	PQclear(res);
	return STATUS_OK;
}
