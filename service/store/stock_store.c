/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * stock_store.c - SQL of the stock (stock_store.h).
 *
 * The rule to know: the model search is a range on model_key (COLLATE "C", sql/020)
 * from the pattern's literal prefix, written out in the statement so that even a
 * generic prepared plan keeps using the index; the LIKE then checks the rest.
 */
#include "store/stock_store.h"

#include "core/db.h"
#include "store/pg_value.h"

#include <string.h>

/* The active reservation of s, if any (expiry evaluated now). */
#define ACTIVE_RESERVATION                                                                         \
	" LEFT JOIN LATERAL (SELECT r.expires_at, r.contact_id, r.person_id FROM reservation r"    \
	"   WHERE r.tenant_id = s.tenant_id AND r.stock_id = s.stock_id AND r.cancelled_at IS NULL" \
	"     AND r.consumed_at IS NULL AND r.expires_at > now()"                                   \
	"   ORDER BY r.expires_at DESC LIMIT 1) r ON true"

#define STOCK_COLUMNS                                                                              \
	"s.stock_id, s.external_id, b.code, s.depot, s.make, s.family, s.model, s.trim_level,"    \
	" s.color, s.vin, s.plate, s.year_made, s.model_year, s.odometer, (s.price * 100)::bigint,"  \
	" (s.cost * 100)::bigint,"                                                                 \
	" CASE WHEN s.status = 'DISPONIVEL' AND r.expires_at IS NOT NULL THEN 'RESERVADO' ELSE s.status END," \
	" " PG_UTC("r.expires_at") ", r.contact_id, r.person_id, s.version"

#define STOCK_FROM                                                                                 \
	" FROM stock_vehicle s JOIN branch b ON b.tenant_id = s.tenant_id AND b.branch_id = s.branch_id" \
	ACTIVE_RESERVATION

static void read_stock(struct request *req, const PGresult *res, int row, struct stock_vehicle *v)
{
	memset(v, 0, sizeof *v);
	v->id = db_int64(res, row, 0);
	v->external_id = pg_text(req, res, row, 1);
	v->branch = pg_text(req, res, row, 2);
	v->depot = pg_text(req, res, row, 3);
	v->make = pg_text(req, res, row, 4);
	v->family = pg_text(req, res, row, 5);
	v->model = pg_text(req, res, row, 6);
	v->trim = pg_text(req, res, row, 7);
	v->color = pg_text(req, res, row, 8);
	v->vin = pg_text(req, res, row, 9);
	v->plate = pg_text(req, res, row, 10);
	v->year_made = pg_int(req, res, row, 11);
	v->model_year = pg_int(req, res, row, 12);
	v->odometer = pg_int(req, res, row, 13);
	v->price = db_int64(res, row, 14);
	v->cost = db_int64(res, row, 15);
	v->status = pg_text(req, res, row, 16);
	v->reserved_until = pg_text(req, res, row, 17);
	v->reserved_for_contact = db_text(res, row, 18) ? db_int64(res, row, 18) : 0;
	v->reserved_for_person = db_text(res, row, 19) ? db_int64(res, row, 19) : 0;
	v->version = db_int(res, row, 20);
}

static const struct db_stmt clash = {
	"stock_clash",
	"SELECT external_id = $2, vin = $3 FROM stock_vehicle"
	" WHERE tenant_id = $1 AND (external_id = $2 OR (vin = $3 AND status <> 'VENDIDO')) LIMIT 1"};

enum status stock_store_clash(struct request *req, const struct stock_vehicle *v, const char **field)
{
	const char *params[] = {req_tenant_param(req), v->external_id, v->vin};
	PGresult *res;
	enum db_status s = db_exec(req->db, &clash, 3, params, &res);
	if (s != DB_OK)
		return req_db_fail(req, s);
	*field = NULL;
	if (PQntuples(res))
		*field = db_bool(res, 0, 0) ? "IdExterno" : "Chassi";
	PQclear(res);
	return STATUS_OK;
}

static const struct db_stmt insert = {
	"stock_insert",
	"WITH s AS (INSERT INTO stock_vehicle (tenant_id, branch_id, external_id, depot, make, family, model,"
	"   trim_level, color, vin, plate, year_made, model_year, odometer, price, cost, status, appraisal_id)"
	" VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14, $15::bigint / 100.0,"
	"   $16::bigint / 100.0, CASE WHEN $4 = 'VIRTUAL' THEN 'FUTURO' ELSE 'DISPONIVEL' END, $17)"
	" ON CONFLICT DO NOTHING RETURNING *)"
	" SELECT " STOCK_COLUMNS " FROM s JOIN branch b ON b.tenant_id = s.tenant_id AND b.branch_id = s.branch_id"
	ACTIVE_RESERVATION};

enum status stock_store_insert(struct request *req, const struct stock_vehicle *v, int64_t appraisal_id,
			       struct stock_vehicle *out, bool *inserted)
{
	const char *params[] = {req_tenant_param(req), pg_num(req, req->branch.id), v->external_id, v->depot,
				v->make, v->family, v->model, v->trim, v->color, v->vin, v->plate,
				pg_int_param(req, v->year_made), pg_int_param(req, v->model_year),
				pg_int_param(req, v->odometer), pg_num(req, v->price), pg_num(req, v->cost),
				appraisal_id ? pg_num(req, appraisal_id) : NULL};
	PGresult *res;
	enum db_status s = db_exec(req->db, &insert, 17, params, &res);
	if (s != DB_OK)
		return req_db_fail(req, s);
	*inserted = PQntuples(res) == 1;
	if (*inserted)
		read_stock(req, res, 0, out);
	PQclear(res);
	return STATUS_OK;
}

/* Common criteria: $1 tenant, $2 branch, $3 after (an id), $4 limit, then the filters. */
#define FILTERS                                                                                    \
	" WHERE s.tenant_id = $1 AND s.branch_id = $2"                                            \
	"   AND ($5::text IS NULL OR s.depot = $5)"                                               \
	"   AND ($6::text IS NULL OR search_key(s.family) = search_key($6))"                       \
	"   AND ($7::text IS NULL OR search_key(s.trim_level) LIKE search_key($7) ESCAPE '\\')"    \
	"   AND ($8::text IS NULL OR search_key(s.color) LIKE search_key($8) ESCAPE '\\')"         \
	"   AND ($9::int IS NULL OR s.model_year = $9)"                                            \
	"   AND ($10::numeric IS NULL OR s.price >= $10::numeric)"                                 \
	"   AND ($11::numeric IS NULL OR s.price <= $11::numeric)"                                 \
	"   AND ($12::text IS NULL OR CASE $12 WHEN 'DISPONIVEL' THEN s.status = 'DISPONIVEL' AND r.expires_at IS NULL" \
	"        WHEN 'RESERVADO' THEN s.status = 'DISPONIVEL' AND r.expires_at IS NOT NULL"        \
	"        ELSE s.status = $12 END)"

/* Without a model: the branch's stock in id order (stock_vehicle_branch), stopping at
 * the page size. */
static const struct db_stmt search = {
	"stock_search",
	"SELECT " STOCK_COLUMNS STOCK_FROM FILTERS " AND s.stock_id > $3 ORDER BY s.stock_id LIMIT $4"};

/* With a model: the prefix range of stock_vehicle_model read in its own order (model,
 * then id), so the scan stops at the page size instead of sorting every match. The
 * range is written out so that even a generic plan uses the index; the page after
 * vehicle $3 continues from that vehicle's (model_key, id). */
static const struct db_stmt search_model = {
	"stock_search_model",
	"SELECT " STOCK_COLUMNS STOCK_FROM FILTERS
	"   AND s.model_key >= search_key($13) AND s.model_key < search_key($13) || chr(1114111)"
	"   AND s.model_key LIKE search_key($14) ESCAPE '\\'"
	"   AND (s.model_key, s.stock_id) > (coalesce((SELECT c.model_key FROM stock_vehicle c"
	"        WHERE c.tenant_id = $1 AND c.stock_id = $3), ''), $3)"
	" ORDER BY s.model_key, s.stock_id LIMIT $4"};

enum status stock_store_search(struct request *req, const struct stock_query *q, int64_t after, int limit,
			       struct stock_vehicle **out, int *n)
{
	const char *params[] = {req_tenant_param(req), pg_num(req, req->branch.id), pg_num(req, after),
				pg_num(req, limit), q->depot, q->family, q->trim_like, q->color_like,
				q->model_year, q->price_min, q->price_max, q->status, q->model_prefix,
				q->model_like};
	bool by_model = q->model_like != NULL;
	PGresult *res;
	enum db_status s = db_exec(req->db, by_model ? &search_model : &search, by_model ? 14 : 12, params, &res);
	if (s != DB_OK)
		return req_db_fail(req, s);
	*n = PQntuples(res);
	*out = *n ? req_alloc(req, sizeof **out * (size_t)*n) : NULL;
	for (int i = 0; i < *n; i++)
		read_stock(req, res, i, &(*out)[i]);
	PQclear(res);
	return STATUS_OK;
}

static const struct db_stmt get = {
	"stock_get", "SELECT " STOCK_COLUMNS STOCK_FROM " WHERE s.tenant_id = $1 AND s.branch_id = $2 AND s.stock_id = $3"};
/* Locking is its own statement: the read that follows takes a new snapshot, so it sees
 * a reservation committed by the request that held the lock before us. */
static const struct db_stmt lock_row = {
	"stock_lock",
	"SELECT stock_id FROM stock_vehicle WHERE tenant_id = $1 AND branch_id = $2 AND stock_id = $3 FOR UPDATE"};

enum status stock_store_get(struct request *req, int64_t id, bool lock, struct stock_vehicle *out, bool *found)
{
	const char *params[] = {req_tenant_param(req), pg_num(req, req->branch.id), pg_num(req, id)};
	PGresult *res;
	enum db_status s;
	if (lock) {
		if ((s = db_exec(req->db, &lock_row, 3, params, &res)) != DB_OK)
			return req_db_fail(req, s);
		*found = PQntuples(res) == 1;
		PQclear(res);
		if (!*found)
			return STATUS_OK;
	}
	s = db_exec(req->db, &get, 3, params, &res);
	if (s != DB_OK)
		return req_db_fail(req, s);
	*found = PQntuples(res) == 1;
	if (*found)
		read_stock(req, res, 0, out);
	PQclear(res);
	return STATUS_OK;
}

static const struct db_stmt mark_sold = {
	"stock_mark_sold",
	"UPDATE stock_vehicle SET status = 'VENDIDO', sold_at = now(), updated_at = now(), version = version + 1"
	" WHERE tenant_id = $1 AND stock_id = $2"};

enum status stock_store_mark_sold(struct request *req, int64_t id)
{
	const char *params[] = {req_tenant_param(req), pg_num(req, id)};
	enum db_status s = db_exec(req->db, &mark_sold, 2, params, NULL);
	return s == DB_OK ? STATUS_OK : req_db_fail(req, s);
}
