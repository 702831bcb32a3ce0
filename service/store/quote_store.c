/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * quote_store.c - SQL of the quotes (quote_store.h).
 *
 * The rule to know: an item's total is quantity x unit price less its discount,
 * rounded to cents, in numeric; the quote's total is the sum of its items.
 */
#include "store/quote_store.h"

#include "core/db.h"
#include "store/pg_value.h"
#include "store/work_order_store.h"

#include <string.h>

static enum status run(struct request *req, const struct db_stmt *stmt, int n, const char *const *params)
{
	enum db_status s = db_exec(req->db, stmt, n, params, NULL);
	return s == DB_OK ? STATUS_OK : req_db_fail(req, s);
}

static const struct db_stmt defaults = {
	"quote_defaults",
	"SELECT ((now() AT TIME ZONE $3)::date + w.quote_validity_days)::text, (now() AT TIME ZONE $3)::date::text"
	" FROM workshop_branch w WHERE w.tenant_id = $1 AND w.branch_id = $2"};

enum status quote_store_defaults(struct request *req, const char **valid_until, const char **today,
				 bool *configured)
{
	const char *params[] = {req_tenant_param(req), pg_num(req, req->branch.id), req->branch.time_zone};
	PGresult *res;
	enum db_status s = db_exec(req->db, &defaults, 3, params, &res);
	if (s != DB_OK)
		return req_db_fail(req, s);
	*configured = PQntuples(res) == 1;
	if (*configured) {
		*valid_until = pg_text(req, res, 0, 0);
		*today = pg_text(req, res, 0, 1);
	}
	PQclear(res);
	return STATUS_OK;
}

static const struct db_stmt insert = {
	"quote_insert",
	"INSERT INTO quote (tenant_id, branch_id, number, external_id, vehicle_id, person_id, contact_id, type_code,"
	" odometer, delivery_days, valid_until, status, total, notes)"
	" VALUES ($1, $2, doc_next_number($1, $2, 'ORCAMENTO'), $3, $4, $5, $6, $7, $8, $9, $10, 'ABERTO', 0, $11)"
	" RETURNING quote_id"};
static const struct db_stmt add_items = {
	"quote_add_items",
	"INSERT INTO quote_item (tenant_id, quote_id, item_no, kind, code, description, quantity, unit_price,"
	" discount_pct, total)"
	" SELECT $1, $2, t.n, t.kind, t.code, t.description, t.q::numeric, t.p::numeric, coalesce(t.d::numeric, 0),"
	"        round(t.q::numeric * t.p::numeric * (100 - coalesce(t.d::numeric, 0)) / 100, 2)"
	"   FROM unnest($3::text[], $4::text[], $5::text[], $6::text[], $7::text[], $8::text[])"
	"        WITH ORDINALITY AS t(kind, code, description, q, p, d, n)"};
static const struct db_stmt finish = {
	"quote_finish",
	"UPDATE quote q SET"
	"   total = coalesce((SELECT sum(i.total) FROM quote_item i WHERE i.tenant_id = q.tenant_id"
	"                      AND i.quote_id = q.quote_id), 0),"
	"   status = CASE WHEN EXISTS (SELECT 1 FROM quote_item i JOIN workshop_branch w"
	"                                ON w.tenant_id = i.tenant_id AND w.branch_id = q.branch_id"
	"                               WHERE i.tenant_id = q.tenant_id AND i.quote_id = q.quote_id"
	"                                 AND i.discount_pct > w.discount_limit_pct)"
	"            THEN 'AGUARDANDO_APROVACAO' ELSE 'ABERTO' END"
	" WHERE q.tenant_id = $1 AND q.quote_id = $2"};

enum status quote_store_insert(struct request *req, const struct quote *q, int64_t vehicle_id, int64_t person_id,
			       int64_t *id)
{
	const char *params[] = {req_tenant_param(req), pg_num(req, req->branch.id), q->external_id, pg_num(req, vehicle_id),
				pg_num(req, person_id), pg_id_param(req, q->contact_id), q->type,
				q->odometer ? pg_num(req, *q->odometer) : NULL,
				q->delivery_days ? pg_num(req, *q->delivery_days) : NULL, q->valid_until, q->notes};
	PGresult *res;
	enum db_status s = db_exec(req->db, &insert, 11, params, &res);
	if (s != DB_OK)
		return req_db_fail(req, s);
	*id = db_int64(res, 0, 0);
	PQclear(res);
	int n = q->n_items;
	if (n > 0) {
		const char *item_params[8] = {req_tenant_param(req), pg_num(req, *id)};
		work_order_store_item_params(req, q->items, n, item_params + 2);
		enum status st = run(req, &add_items, 8, item_params);
		if (st != STATUS_OK)
			return st;
	}
	const char *fin[] = {req_tenant_param(req), pg_num(req, *id)};
	return run(req, &finish, 2, fin);
}

static const struct db_stmt set_next = {
	"quote_set_next", "UPDATE quote SET next_contact_id = $3 WHERE tenant_id = $1 AND quote_id = $2"};

enum status quote_store_set_next(struct request *req, int64_t id, int64_t next_contact_id)
{
	const char *params[] = {req_tenant_param(req), pg_num(req, id), pg_num(req, next_contact_id)};
	return run(req, &set_next, 3, params);
}

static const struct db_stmt approve = {
	"quote_approve",
	"WITH answered AS ("
	"  UPDATE quote_item SET approved = ($3::int[] IS NULL OR item_no = ANY ($3::int[]))"
	"   WHERE tenant_id = $1 AND quote_id = $2 RETURNING approved)"
	" UPDATE quote SET status = CASE WHEN (SELECT bool_and(approved) FROM answered) THEN 'APROVADO'"
	"                                WHEN (SELECT bool_or(approved) FROM answered) THEN 'APROVADO_PARCIAL'"
	"                                ELSE 'RECUSADO' END,"
	"   version = version + 1, updated_at = now() WHERE tenant_id = $1 AND quote_id = $2"};

enum status quote_store_approve(struct request *req, int64_t id, const char *items)
{
	const char *params[] = {req_tenant_param(req), pg_num(req, id), items};
	return run(req, &approve, 3, params);
}

static const struct db_stmt approve_discount = {
	"quote_approve_discount",
	"UPDATE quote SET status = 'ABERTO', discount_approved_by = $3, version = version + 1, updated_at = now()"
	" WHERE tenant_id = $1 AND quote_id = $2"};

enum status quote_store_approve_discount(struct request *req, int64_t id)
{
	const char *params[] = {req_tenant_param(req), pg_num(req, id), req_user_param(req)};
	return run(req, &approve_discount, 3, params);
}

static const struct db_stmt set_status = {
	"quote_set_status",
	"UPDATE quote SET status = $3, version = version + 1, updated_at = now() WHERE tenant_id = $1 AND quote_id = $2"};

enum status quote_store_set_status(struct request *req, int64_t id, const char *status)
{
	const char *params[] = {req_tenant_param(req), pg_num(req, id), status};
	return run(req, &set_status, 3, params);
}

static const struct db_stmt contact = {
	"quote_contact", "SELECT responsible_code FROM contact WHERE tenant_id = $1 AND contact_id = $2"};

enum status quote_store_contact(struct request *req, int64_t contact_id, const char **responsible, bool *found)
{
	const char *params[] = {req_tenant_param(req), pg_num(req, contact_id)};
	PGresult *res;
	enum db_status s = db_exec(req->db, &contact, 2, params, &res);
	if (s != DB_OK)
		return req_db_fail(req, s);
	*found = PQntuples(res) == 1;
	*responsible = *found ? pg_text(req, res, 0, 0) : NULL;
	PQclear(res);
	return STATUS_OK;
}

#define QUOTE_SELECT                                                                               \
	"SELECT q.quote_id, q.external_id, q.number, b.code, q.branch_id, q.vehicle_id, v.plate, v.vin,"   \
	" q.person_id, q.contact_id, q.type_code, q.odometer, q.delivery_days, q.valid_until::text,"    \
	" q.status, q.total::text, q.notes,"                                                            \
	" (SELECT o.work_order_id FROM work_order o WHERE o.tenant_id = q.tenant_id AND o.quote_id = q.quote_id" \
	"   ORDER BY o.work_order_id DESC LIMIT 1),"                                                    \
	" q.version, q.valid_until < (now() AT TIME ZONE b.time_zone)::date, " PG_UTC("q.created_at") ","  \
	" " PG_UTC("q.updated_at") ", nc.next_contact_id, " PG_UTC("nc.due_at") ", nc.responsible_code, nc.kind, nc.notes" \
	" FROM quote q JOIN branch b ON b.tenant_id = q.tenant_id AND b.branch_id = q.branch_id"         \
	" JOIN vehicle v ON v.tenant_id = q.tenant_id AND v.vehicle_id = q.vehicle_id"                  \
	" LEFT JOIN next_contact nc ON nc.tenant_id = q.tenant_id AND nc.next_contact_id = q.next_contact_id" \
	" WHERE q.tenant_id = $1 AND CASE WHEN $2::bigint IS NOT NULL THEN q.quote_id = $2 ELSE q.external_id = $3 END"

static const struct db_stmt get = {"quote_get", QUOTE_SELECT};
static const struct db_stmt get_locked = {"quote_get_locked", QUOTE_SELECT " FOR UPDATE OF q"};
static const struct db_stmt items = {
	"quote_items",
	"SELECT item_no, kind, code, description, quantity::text, unit_price::text, discount_pct::text, total::text,"
	" CASE approved WHEN true THEN 'APROVADO' WHEN false THEN 'RECUSADO' END"
	" FROM quote_item WHERE tenant_id = $1 AND quote_id = $2 ORDER BY item_no"};

enum status quote_store_get(struct request *req, int64_t id, const char *external_id, bool lock,
			    struct quote *out, bool *found)
{
	const char *params[] = {req_tenant_param(req), id ? pg_num(req, id) : NULL, external_id};
	PGresult *res;
	enum db_status s = db_exec(req->db, lock ? &get_locked : &get, 3, params, &res);
	if (s != DB_OK)
		return req_db_fail(req, s);
	*found = PQntuples(res) == 1;
	if (*found) {
		struct quote *q = out;
		memset(q, 0, sizeof *q);
		q->id = db_int64(res, 0, 0);
		q->external_id = pg_text(req, res, 0, 1);
		q->number = db_int64(res, 0, 2);
		q->branch = pg_text(req, res, 0, 3);
		q->branch_id = db_int64(res, 0, 4);
		q->vehicle_id = pg_id(req, res, 0, 5);
		q->plate = pg_text(req, res, 0, 6);
		q->vin = pg_text(req, res, 0, 7);
		q->person_id = pg_id(req, res, 0, 8);
		q->contact_id = pg_id(req, res, 0, 9);
		q->type = pg_text(req, res, 0, 10);
		q->odometer = pg_int(req, res, 0, 11);
		q->delivery_days = pg_int(req, res, 0, 12);
		q->valid_until = pg_text(req, res, 0, 13);
		q->status = pg_text(req, res, 0, 14);
		q->total = pg_text(req, res, 0, 15);
		q->notes = pg_text(req, res, 0, 16);
		q->work_order_id = pg_id(req, res, 0, 17);
		q->version = db_int(res, 0, 18);
		q->expired = db_bool(res, 0, 19);
		q->created_at = pg_text(req, res, 0, 20);
		q->updated_at = pg_text(req, res, 0, 21);
		if (db_text(res, 0, 22)) {
			q->next = req_alloc(req, sizeof *q->next);
			q->next->id = db_int64(res, 0, 22);
			q->next->due_at = pg_text(req, res, 0, 23);
			q->next->responsible = pg_text(req, res, 0, 24);
			q->next->kind = pg_text(req, res, 0, 25);
			q->next->notes = pg_text(req, res, 0, 26);
		}
	}
	PQclear(res);
	if (!*found)
		return STATUS_OK;
	const char *item_params[] = {req_tenant_param(req), pg_num(req, out->id)};
	if ((s = db_exec(req->db, &items, 2, item_params, &res)) != DB_OK)
		return req_db_fail(req, s);
	work_order_store_read_items(req, res, &out->items, &out->n_items);
	PQclear(res);
	return STATUS_OK;
}
