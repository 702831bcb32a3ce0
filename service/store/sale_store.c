/* SPDX-License-Identifier: GPL-2.0-or-later */
/* sale_store.c - SQL of vehicles of interest, reservations and sales limits (sale_store.h). */
#include "store/sale_store.h"

#include "core/db.h"
#include "store/pg_value.h"

#include <string.h>

/* ---- limits ---------------------------------------------------------------------- */

static const struct db_stmt limits = {
	"sales_limits",
	"SELECT coalesce(c.max_reservation_hours, 72), (coalesce(c.max_discount_pct, 5) * 100)::bigint,"
	" (coalesce(c.min_margin_pct, 6) * 100)::bigint, (coalesce(c.appraisal_repair_pct, 10) * 100)::bigint,"
	" coalesce(c.max_proposal_days, 30)"
	" FROM (SELECT $1::bigint AS tenant_id) t LEFT JOIN sales_config c ON c.tenant_id = t.tenant_id"};

enum status sale_store_limits(struct request *req, struct sales_limits *out)
{
	const char *params[] = {req_tenant_param(req)};
	PGresult *res;
	enum db_status s = db_exec(req->db, &limits, 1, params, &res);
	if (s != DB_OK)
		return req_db_fail(req, s);
	out->max_reservation_hours = db_int(res, 0, 0);
	out->max_discount_hundredths = db_int64(res, 0, 1);
	out->min_margin_hundredths = db_int64(res, 0, 2);
	out->repair_hundredths = db_int64(res, 0, 3);
	out->max_proposal_days = db_int(res, 0, 4);
	PQclear(res);
	return STATUS_OK;
}

/* ---- vehicles of interest -------------------------------------------------------- */

#define INTEREST_COLUMNS "interest_id, stock_id, model, trim_level, color, model_year, " PG_UTC("created_at")

static void read_interest(struct request *req, const PGresult *res, int row, struct vehicle_interest *v)
{
	memset(v, 0, sizeof *v);
	v->id = db_int64(res, row, 0);
	v->stock_id = db_text(res, row, 1) ? db_int64(res, row, 1) : 0;
	v->model = pg_text(req, res, row, 2);
	v->trim = pg_text(req, res, row, 3);
	v->color = pg_text(req, res, row, 4);
	if (db_text(res, row, 5)) {
		int *y = req_alloc(req, sizeof *y);
		*y = db_int(res, row, 5);
		v->model_year = y;
	}
	v->created_at = pg_text(req, res, row, 6);
}

static const struct db_stmt interest_insert = {
	"interest_insert",
	"INSERT INTO vehicle_interest (tenant_id, contact_id, stock_id, model, trim_level, color, model_year, user_id)"
	" VALUES ($1, $2, $3, $4, $5, $6, $7, $8) RETURNING " INTEREST_COLUMNS};

enum status sale_store_interest_insert(struct request *req, int64_t contact_id, const struct vehicle_interest *v,
				       struct vehicle_interest *out)
{
	const char *params[] = {req_tenant_param(req), pg_num(req, contact_id), v->stock_id ? pg_num(req, v->stock_id) : NULL,
				v->model, v->trim, v->color,
				v->model_year ? req_printf(req, "%d", *v->model_year) : NULL, req_user_param(req)};
	PGresult *res;
	enum db_status s = db_exec(req->db, &interest_insert, 8, params, &res);
	if (s != DB_OK)
		return req_db_fail(req, s);
	read_interest(req, res, 0, out);
	PQclear(res);
	return STATUS_OK;
}

static const struct db_stmt interests = {
	"interest_list",
	"SELECT " INTEREST_COLUMNS " FROM vehicle_interest WHERE tenant_id = $1 AND contact_id = $2"
	" ORDER BY interest_id LIMIT 100"};

enum status sale_store_interests(struct request *req, int64_t contact_id, struct vehicle_interest **out, int *n)
{
	const char *params[] = {req_tenant_param(req), pg_num(req, contact_id)};
	PGresult *res;
	enum db_status s = db_exec(req->db, &interests, 2, params, &res);
	if (s != DB_OK)
		return req_db_fail(req, s);
	*n = PQntuples(res);
	*out = *n ? req_alloc(req, sizeof **out * (size_t)*n) : NULL;
	for (int i = 0; i < *n; i++)
		read_interest(req, res, i, &(*out)[i]);
	PQclear(res);
	return STATUS_OK;
}

/* ---- reservations ------------------------------------------------------------------ */

#define RESERVATION_COLUMNS                                                                        \
	"r.reservation_id, r.stock_id, r.contact_id, r.person_id, " PG_UTC("r.starts_at") ", "         \
	PG_UTC("r.expires_at") ","                                                                      \
	" CASE WHEN r.cancelled_at IS NOT NULL THEN 'CANCELADA' WHEN r.consumed_at IS NOT NULL THEN 'CONCLUIDA'" \
	"      WHEN r.expires_at <= now() THEN 'EXPIRADA' ELSE 'ATIVA' END, r.notes"

static void read_reservation(struct request *req, const PGresult *res, int row, struct reservation *r)
{
	memset(r, 0, sizeof *r);
	r->id = db_int64(res, row, 0);
	r->stock_id = db_int64(res, row, 1);
	r->contact_id = db_int64(res, row, 2);
	r->person_id = db_int64(res, row, 3);
	r->starts_at = pg_text(req, res, row, 4);
	r->expires_at = pg_text(req, res, row, 5);
	r->status = pg_text(req, res, row, 6);
	r->notes = pg_text(req, res, row, 7);
}

static const struct db_stmt reservation_insert = {
	"reservation_insert",
	"INSERT INTO reservation AS r (tenant_id, stock_id, contact_id, person_id, starts_at, expires_at, notes, user_id)"
	" VALUES ($1, $2, $3, $4, now(), now() + make_interval(hours => $5::int), $6, $7)"
	" ON CONFLICT DO NOTHING RETURNING " RESERVATION_COLUMNS};

enum status sale_store_reservation_insert(struct request *req, int64_t stock_id, int64_t contact_id,
					  int64_t person_id, int hours, const char *notes, struct reservation *out,
					  bool *inserted)
{
	const char *params[] = {req_tenant_param(req), pg_num(req, stock_id), pg_num(req, contact_id), pg_num(req, person_id),
				req_printf(req, "%d", hours), notes, req_user_param(req)};
	PGresult *res;
	enum db_status s = db_exec(req->db, &reservation_insert, 7, params, &res);
	if (s != DB_OK)
		return req_db_fail(req, s);
	*inserted = PQntuples(res) == 1;
	if (*inserted)
		read_reservation(req, res, 0, out);
	PQclear(res);
	return STATUS_OK;
}

static const struct db_stmt reservation_get = {
	"reservation_get",
	"SELECT " RESERVATION_COLUMNS " FROM reservation r"
	" JOIN stock_vehicle s ON s.tenant_id = r.tenant_id AND s.stock_id = r.stock_id"
	" WHERE r.tenant_id = $1 AND s.branch_id = $2 AND r.reservation_id = $3"};
static const struct db_stmt reservation_get_locked = {
	"reservation_get_locked",
	"SELECT " RESERVATION_COLUMNS " FROM reservation r"
	" JOIN stock_vehicle s ON s.tenant_id = r.tenant_id AND s.stock_id = r.stock_id"
	" WHERE r.tenant_id = $1 AND s.branch_id = $2 AND r.reservation_id = $3 FOR UPDATE OF r"};

enum status sale_store_reservation_get(struct request *req, int64_t id, bool lock, struct reservation *out,
				       bool *found)
{
	const char *params[] = {req_tenant_param(req), pg_num(req, req->branch.id), pg_num(req, id)};
	PGresult *res;
	enum db_status s = db_exec(req->db, lock ? &reservation_get_locked : &reservation_get, 3, params, &res);
	if (s != DB_OK)
		return req_db_fail(req, s);
	*found = PQntuples(res) == 1;
	if (*found)
		read_reservation(req, res, 0, out);
	PQclear(res);
	return STATUS_OK;
}

static const struct db_stmt reservation_cancel_stmt = {
	"reservation_cancel",
	"UPDATE reservation r SET cancelled_at = now(), cancel_reason = $3"
	" WHERE r.tenant_id = $1 AND r.reservation_id = $2 RETURNING " RESERVATION_COLUMNS};

enum status sale_store_reservation_cancel(struct request *req, int64_t id, const char *reason,
					  struct reservation *out)
{
	const char *params[] = {req_tenant_param(req), pg_num(req, id), reason};
	PGresult *res;
	enum db_status s = db_exec(req->db, &reservation_cancel_stmt, 3, params, &res);
	if (s != DB_OK)
		return req_db_fail(req, s);
	read_reservation(req, res, 0, out);
	PQclear(res);
	return STATUS_OK;
}

static const struct db_stmt reservation_consume = {
	"reservation_consume",
	"UPDATE reservation SET consumed_at = now() WHERE tenant_id = $1 AND stock_id = $2"
	" AND cancelled_at IS NULL AND consumed_at IS NULL AND expires_at > now()"};

enum status sale_store_reservation_consume(struct request *req, int64_t stock_id)
{
	const char *params[] = {req_tenant_param(req), pg_num(req, stock_id)};
	enum db_status s = db_exec(req->db, &reservation_consume, 2, params, NULL);
	return s == DB_OK ? STATUS_OK : req_db_fail(req, s);
}
