/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * work_order_store.c - SQL of the work orders (work_order_store.h).
 *
 * The rule to know: item totals are quantity x unit price less the discount,
 * rounded to cents, computed here in numeric (never floating point); the order's
 * total is the sum of its items.
 */
#include "store/work_order_store.h"

#include "core/db.h"
#include "store/pg_value.h"

#include <string.h>

#define ITEM_TOTAL(q, p, d) "round(" q " * " p " * (100 - " d ") / 100, 2)"

static const struct db_stmt from_booking = {
	"work_order_from_booking",
	"INSERT INTO work_order (tenant_id, branch_id, number, vehicle_id, person_id, contact_id, booking_id,"
	" type_code, consultant_code, odometer, wants_new_car, promised_at)"
	" SELECT k.tenant_id, k.branch_id, doc_next_number(k.tenant_id, k.branch_id, 'OS'), k.vehicle_id,"
	"        k.person_id, k.contact_id, k.booking_id, $3, k.productive_code, coalesce($4::int, k.odometer),"
	"        coalesce(c.wants_new_car, false), $5::timestamptz"
	"   FROM booking k LEFT JOIN contact c ON c.tenant_id = k.tenant_id AND c.contact_id = k.contact_id"
	"  WHERE k.tenant_id = $1 AND k.booking_id = $2"
	" ON CONFLICT DO NOTHING RETURNING work_order_id"};
static const struct db_stmt items_from_booking = {
	"work_order_items_from_booking",
	"INSERT INTO work_order_item (tenant_id, work_order_id, item_no, kind, code, description, quantity,"
	" unit_price, discount_pct, total)"
	" SELECT $1, $2, row_number() OVER (ORDER BY x.o, x.code), x.kind, x.code, x.description, x.q, x.p, 0,"
	"        " ITEM_TOTAL("x.q", "x.p", "0")
	"   FROM (SELECT 1 AS o, 'MAO_DE_OBRA' AS kind, s.service_code AS code, w.description,"
	"                1::numeric AS q, w.price AS p"
	"           FROM booking_service s JOIN workshop_service w"
	"             ON w.tenant_id = s.tenant_id AND w.code = s.service_code"
	"          WHERE s.tenant_id = $1 AND s.booking_id = $3"
	"         UNION ALL"
	"         SELECT 2, 'PECA', part_code, description, quantity, 0::numeric FROM booking_part"
	"          WHERE tenant_id = $1 AND booking_id = $3 AND status = 'RESERVADA') x"};
static const struct db_stmt total = {
	"work_order_total",
	"UPDATE work_order o SET total = coalesce((SELECT sum(i.total) FROM work_order_item i"
	"   WHERE i.tenant_id = o.tenant_id AND i.work_order_id = o.work_order_id), 0)"
	" WHERE o.tenant_id = $1 AND o.work_order_id = $2"};

void work_order_store_read_items(struct request *req, const PGresult *res, struct work_order_item **items, int *n)
{
	*n = PQntuples(res);
	*items = req_alloc(req, sizeof **items * (size_t)(*n ? *n : 1));
	for (int i = 0; i < *n; i++) {
		struct work_order_item *it = &(*items)[i];
		it->number = db_int(res, i, 0);
		it->kind = pg_text(req, res, i, 1);
		it->code = pg_text(req, res, i, 2);
		it->description = pg_text(req, res, i, 3);
		it->quantity = pg_text(req, res, i, 4);
		it->unit_price = pg_text(req, res, i, 5);
		it->discount_pct = pg_text(req, res, i, 6);
		it->total = pg_text(req, res, i, 7);
		it->customer_answer = pg_text(req, res, i, 8);
	}
}

enum status work_order_store_from_booking(struct request *req, int64_t booking_id, const char *type,
					  const int *odometer, const char *promised_at, int64_t *id)
{
	const char *params[] = {req_tenant_param(req), pg_num(req, booking_id), type,
				odometer ? pg_num(req, *odometer) : NULL, promised_at};
	PGresult *res;
	enum db_status s = db_exec(req->db, &from_booking, 5, params, &res);
	if (s != DB_OK)
		return req_db_fail(req, s);
	*id = PQntuples(res) == 1 ? db_int64(res, 0, 0) : 0;
	PQclear(res);
	if (!*id)
		return STATUS_OK;
	const char *item_params[] = {req_tenant_param(req), pg_num(req, *id), pg_num(req, booking_id)};
	if ((s = db_exec(req->db, &items_from_booking, 3, item_params, NULL)) != DB_OK)
		return req_db_fail(req, s);
	if ((s = db_exec(req->db, &total, 2, item_params, NULL)) != DB_OK)
		return req_db_fail(req, s);
	return STATUS_OK;
}

static const struct db_stmt insert = {
	"work_order_insert",
	"INSERT INTO work_order (tenant_id, branch_id, number, external_id, vehicle_id, person_id, contact_id,"
	" type_code, consultant_code, odometer, wants_new_car, promised_at, notes)"
	" VALUES ($1, $2, doc_next_number($1, $2, 'OS'), $3, $4, $5, $6, $7, $8, $9,"
	"   coalesce((SELECT c.wants_new_car FROM contact c WHERE c.tenant_id = $1 AND c.contact_id = $6),"
	"            EXISTS (SELECT 1 FROM contact c WHERE c.tenant_id = $1 AND c.person_id = $5"
	"                     AND c.status = 'ABERTO' AND c.wants_new_car)),"
	"   $10, $11)"
	" ON CONFLICT DO NOTHING RETURNING work_order_id"};

enum status work_order_store_insert(struct request *req, const struct work_order_input *in, int64_t vehicle_id,
				    int64_t person_id, const char *type, int64_t *id)
{
	const char *params[] = {req_tenant_param(req), pg_num(req, req->branch.id), in->external_id,
				pg_num(req, vehicle_id), pg_num(req, person_id), pg_id_param(req, in->contact_id), type,
				in->consultant, in->odometer ? pg_num(req, *in->odometer) : NULL, in->promised_at,
				in->notes};
	PGresult *res;
	enum db_status s = db_exec(req->db, &insert, 11, params, &res);
	if (s != DB_OK)
		return req_db_fail(req, s);
	*id = PQntuples(res) == 1 ? db_int64(res, 0, 0) : 0;
	PQclear(res);
	return STATUS_OK;
}

static const struct db_stmt add_items = {
	"work_order_add_items",
	"INSERT INTO work_order_item (tenant_id, work_order_id, item_no, kind, code, description, quantity,"
	" unit_price, discount_pct, total)"
	" SELECT $1, $2, coalesce((SELECT max(item_no) FROM work_order_item WHERE tenant_id = $1"
	"          AND work_order_id = $2), 0) + t.n, t.kind, t.code, t.description, t.q::numeric, t.p::numeric,"
	"        coalesce(t.d::numeric, 0), " ITEM_TOTAL("t.q::numeric", "t.p::numeric", "coalesce(t.d::numeric, 0)")
	"   FROM unnest($3::text[], $4::text[], $5::text[], $6::text[], $7::text[], $8::text[])"
	"        WITH ORDINALITY AS t(kind, code, description, q, p, d, n)"};

void work_order_store_item_params(struct request *req, const struct work_order_item *items, int n,
				  const char *params[6])
{
	const char **cols[6];
	for (int c = 0; c < 6; c++)
		cols[c] = req_alloc(req, sizeof *cols[c] * (size_t)(n ? n : 1));
	for (int i = 0; i < n; i++) {
		cols[0][i] = items[i].kind;
		cols[1][i] = items[i].code;
		cols[2][i] = items[i].description;
		cols[3][i] = items[i].quantity;
		cols[4][i] = items[i].unit_price;
		cols[5][i] = items[i].discount_pct;
	}
	for (int c = 0; c < 6; c++)
		params[c] = pg_text_array(req, cols[c], n);
}

enum status work_order_store_add_items(struct request *req, int64_t id, const struct work_order_item *items, int n)
{
	if (n > 0) {
		const char *params[8] = {req_tenant_param(req), pg_num(req, id)};
		work_order_store_item_params(req, items, n, params + 2);
		enum db_status s = db_exec(req->db, &add_items, 8, params, NULL);
		if (s != DB_OK)
			return req_db_fail(req, s);
	}
	const char *params[] = {req_tenant_param(req), pg_num(req, id)};
	enum db_status s = db_exec(req->db, &total, 2, params, NULL);
	return s == DB_OK ? STATUS_OK : req_db_fail(req, s);
}

static const struct db_stmt external_exists = {
	"work_order_external_exists", "SELECT 1 FROM work_order WHERE tenant_id = $1 AND external_id = $2"};

enum status work_order_store_external_exists(struct request *req, const char *external_id, bool *found)
{
	const char *params[] = {req_tenant_param(req), external_id};
	PGresult *res;
	enum db_status s = db_exec(req->db, &external_exists, 2, params, &res);
	if (s != DB_OK)
		return req_db_fail(req, s);
	*found = PQntuples(res) == 1;
	PQclear(res);
	return STATUS_OK;
}

static enum status run2(struct request *req, const struct db_stmt *stmt, int64_t id, const char *a)
{
	const char *params[] = {req_tenant_param(req), pg_num(req, id), a};
	enum db_status s = db_exec(req->db, stmt, a ? 3 : 2, params, NULL);
	return s == DB_OK ? STATUS_OK : req_db_fail(req, s);
}

static const struct db_stmt set_promise = {
	"work_order_set_promise",
	"UPDATE work_order SET promised_at = $3, version = version + 1, updated_at = now()"
	" WHERE tenant_id = $1 AND work_order_id = $2"};
static const struct db_stmt touch = {
	"work_order_touch",
	"UPDATE work_order SET version = version + 1, updated_at = now() WHERE tenant_id = $1 AND work_order_id = $2"};
static const struct db_stmt close_order = {
	"work_order_close",
	"UPDATE work_order SET status = 'ENCERRADA', closed_at = now(), notes = coalesce($3, notes),"
	" version = version + 1, updated_at = now() WHERE tenant_id = $1 AND work_order_id = $2"};

enum status work_order_store_set_promise(struct request *req, int64_t id, const char *promised_at)
{
	return run2(req, &set_promise, id, promised_at);
}

enum status work_order_store_touch(struct request *req, int64_t id)
{
	return run2(req, &touch, id, NULL);
}

enum status work_order_store_close(struct request *req, int64_t id, const char *notes)
{
	const char *params[] = {req_tenant_param(req), pg_num(req, id), notes};
	enum db_status s = db_exec(req->db, &close_order, 3, params, NULL);
	return s == DB_OK ? STATUS_OK : req_db_fail(req, s);
}

static const struct db_stmt answer = {
	"work_order_answer",
	"UPDATE work_order_item SET customer_answer = $4, answered_at = now()"
	" WHERE tenant_id = $1 AND work_order_id = $2 AND item_no = $3 RETURNING 1"};

enum status work_order_store_answer(struct request *req, int64_t id, int item, const char *value, bool *found)
{
	const char *params[] = {req_tenant_param(req), pg_num(req, id), pg_num(req, item), value};
	PGresult *res;
	enum db_status s = db_exec(req->db, &answer, 4, params, &res);
	if (s != DB_OK)
		return req_db_fail(req, s);
	*found = PQntuples(res) == 1;
	PQclear(res);
	return STATUS_OK;
}

static const struct db_stmt vehicle_odometer = {
	"work_order_vehicle_odometer",
	"UPDATE vehicle SET odometer = $3, version = version + 1, updated_at = now()"
	" WHERE tenant_id = $1 AND vehicle_id = $2 AND odometer IS DISTINCT FROM $3::int"};

enum status work_order_store_vehicle_odometer(struct request *req, int64_t vehicle_id, int odometer)
{
	const char *params[] = {req_tenant_param(req), pg_num(req, vehicle_id), pg_num(req, odometer)};
	enum db_status s = db_exec(req->db, &vehicle_odometer, 3, params, NULL);
	return s == DB_OK ? STATUS_OK : req_db_fail(req, s);
}

static const struct db_stmt from_quote = {
	"work_order_from_quote",
	"INSERT INTO work_order (tenant_id, branch_id, number, vehicle_id, person_id, contact_id, quote_id,"
	" type_code, odometer, wants_new_car, promised_at)"
	" SELECT q.tenant_id, q.branch_id, doc_next_number(q.tenant_id, q.branch_id, 'OS'), q.vehicle_id,"
	"        q.person_id, q.contact_id, q.quote_id, q.type_code, coalesce($3::int, q.odometer),"
	"        coalesce(c.wants_new_car, false), $4::timestamptz"
	"   FROM quote q LEFT JOIN contact c ON c.tenant_id = q.tenant_id AND c.contact_id = q.contact_id"
	"  WHERE q.tenant_id = $1 AND q.quote_id = $2"
	" ON CONFLICT DO NOTHING RETURNING work_order_id"};
static const struct db_stmt items_from_quote = {
	"work_order_items_from_quote",
	"INSERT INTO work_order_item (tenant_id, work_order_id, item_no, kind, code, description, quantity,"
	" unit_price, discount_pct, total, customer_answer, answered_at)"
	" SELECT $1, $2, row_number() OVER (ORDER BY i.item_no), i.kind, i.code, i.description, i.quantity,"
	"        i.unit_price, i.discount_pct, i.total, CASE WHEN i.approved THEN 'APROVADO' END,"
	"        CASE WHEN i.approved THEN now() END"
	"   FROM quote_item i WHERE i.tenant_id = $1 AND i.quote_id = $3 AND i.approved IS NOT FALSE"};

enum status work_order_store_from_quote(struct request *req, int64_t quote_id, const int *odometer,
					const char *promised_at, int64_t *id)
{
	const char *params[] = {req_tenant_param(req), pg_num(req, quote_id), odometer ? pg_num(req, *odometer) : NULL,
				promised_at};
	PGresult *res;
	enum db_status s = db_exec(req->db, &from_quote, 4, params, &res);
	if (s != DB_OK)
		return req_db_fail(req, s);
	*id = PQntuples(res) == 1 ? db_int64(res, 0, 0) : 0;
	PQclear(res);
	if (!*id)
		return STATUS_OK;
	const char *item_params[] = {req_tenant_param(req), pg_num(req, *id), pg_num(req, quote_id)};
	if ((s = db_exec(req->db, &items_from_quote, 3, item_params, NULL)) != DB_OK)
		return req_db_fail(req, s);
	if ((s = db_exec(req->db, &total, 2, item_params, NULL)) != DB_OK)
		return req_db_fail(req, s);
	return STATUS_OK;
}

static const struct db_stmt open_of_vehicle = {
	"work_order_open_of_vehicle",
	"SELECT o.work_order_id, o.number, b.code FROM work_order o"
	" JOIN branch b ON b.tenant_id = o.tenant_id AND b.branch_id = o.branch_id"
	" WHERE o.tenant_id = $1 AND o.vehicle_id = $2 AND o.status = 'ABERTA'"};

enum status work_order_store_open_of_vehicle(struct request *req, int64_t vehicle_id, int64_t *id,
					     int64_t *number, const char **branch)
{
	const char *params[] = {req_tenant_param(req), pg_num(req, vehicle_id)};
	PGresult *res;
	enum db_status s = db_exec(req->db, &open_of_vehicle, 2, params, &res);
	if (s != DB_OK)
		return req_db_fail(req, s);
	*id = 0;
	if (PQntuples(res) == 1) {
		*id = db_int64(res, 0, 0);
		*number = db_int64(res, 0, 1);
		*branch = pg_text(req, res, 0, 2);
	}
	PQclear(res);
	return STATUS_OK;
}

static const struct db_stmt type_exists = {
	"work_order_type_exists", "SELECT 1 FROM work_order_type WHERE tenant_id = $1 AND code = $2 AND active"};

enum status work_order_store_type_exists(struct request *req, const char *code, bool *found)
{
	const char *params[] = {req_tenant_param(req), code};
	PGresult *res;
	enum db_status s = db_exec(req->db, &type_exists, 2, params, &res);
	if (s != DB_OK)
		return req_db_fail(req, s);
	*found = PQntuples(res) == 1;
	PQclear(res);
	return STATUS_OK;
}

#define WORK_ORDER_COLUMNS                                                                         \
	"o.work_order_id, o.external_id, o.number, b.code, o.vehicle_id, v.plate, v.vin, o.person_id," \
	" o.contact_id, o.booking_id, o.quote_id, o.type_code, o.consultant_code, o.odometer,"       \
	" o.wants_new_car, local_datetime(o.promised_at, b.time_zone), o.status, o.total::text,"     \
	" o.notes, " PG_UTC("o.opened_at") ", " PG_UTC("o.closed_at") ", " PG_UTC("o.updated_at") ", o.version, o.branch_id"

static void read_work_order(struct request *req, const PGresult *res, int row, struct work_order *o)
{
	memset(o, 0, sizeof *o);
	o->id = db_int64(res, row, 0);
	o->external_id = pg_text(req, res, row, 1);
	o->number = db_int64(res, row, 2);
	o->branch = pg_text(req, res, row, 3);
	o->vehicle_id = db_int64(res, row, 4);
	o->plate = pg_text(req, res, row, 5);
	o->vin = pg_text(req, res, row, 6);
	o->person_id = db_int64(res, row, 7);
	o->contact_id = pg_id(req, res, row, 8);
	o->booking_id = pg_id(req, res, row, 9);
	o->quote_id = pg_id(req, res, row, 10);
	o->type = pg_text(req, res, row, 11);
	o->consultant = pg_text(req, res, row, 12);
	o->odometer = pg_int(req, res, row, 13);
	o->wants_new_car = db_bool(res, row, 14);
	o->promised_at = pg_text(req, res, row, 15);
	o->status = pg_text(req, res, row, 16);
	o->total = pg_text(req, res, row, 17);
	o->notes = pg_text(req, res, row, 18);
	o->opened_at = pg_text(req, res, row, 19);
	o->closed_at = pg_text(req, res, row, 20);
	o->updated_at = pg_text(req, res, row, 21);
	o->version = db_int(res, row, 22);
	o->branch_id = db_int64(res, row, 23);
}

#define WORK_ORDER_FROM                                                                            \
	" FROM work_order o JOIN branch b ON b.tenant_id = o.tenant_id AND b.branch_id = o.branch_id"     \
	" JOIN vehicle v ON v.tenant_id = o.tenant_id AND v.vehicle_id = o.vehicle_id"

static const struct db_stmt find_external = {
	"work_order_find_external",
	"SELECT o.work_order_id FROM work_order o WHERE o.tenant_id = $1 AND o.external_id = $2"};

enum status work_order_store_find(struct request *req, int64_t id, const char *external_id, struct work_order *out,
				  bool *found)
{
	if (!id) {
		const char *params[] = {req_tenant_param(req), external_id};
		PGresult *res;
		enum db_status s = db_exec(req->db, &find_external, 2, params, &res);
		if (s != DB_OK)
			return req_db_fail(req, s);
		*found = PQntuples(res) == 1;
		if (*found)
			id = db_int64(res, 0, 0);
		PQclear(res);
		if (!*found)
			return STATUS_OK;
	}
	return work_order_store_get(req, id, false, out, found);
}

static const struct db_stmt list = {
	"work_order_list",
	"SELECT " WORK_ORDER_COLUMNS WORK_ORDER_FROM " WHERE o.tenant_id = $1"
	"   AND ($2::text IS NULL OR (v.plate IS NOT NULL AND v.plate_key = $2))"
	"   AND ($3::text IS NULL OR v.vin = $3)"
	"   AND ($4::text IS NULL OR (v.vin IS NOT NULL AND v.vin_suffix = $4))"
	"   AND ($5::bigint IS NULL OR o.vehicle_id = $5)"
	"   AND ($6::bigint IS NULL OR o.person_id = $6)"
	"   AND ($7::text IS NULL OR o.status = $7)"
	"   AND ($8::timestamptz IS NULL OR o.updated_at >= $8)"
	"   AND ($9::bigint[] IS NULL OR o.branch_id = ANY ($9))"
	"   AND o.work_order_id > $10"
	" ORDER BY o.work_order_id LIMIT $11"};

enum status work_order_store_list(struct request *req, const struct work_order_query *q, int64_t after, int limit,
				  struct work_order **out, int *n)
{
	const char *params[] = {req_tenant_param(req), q->plate_key, q->vin, q->vin_suffix, pg_id_param(req, q->vehicle_id),
				pg_id_param(req, q->person_id), q->status, q->changed_since, q->branches,
				pg_num(req, after), pg_num(req, limit)};
	PGresult *res;
	enum db_status s = db_exec(req->db, &list, 11, params, &res);
	if (s != DB_OK)
		return req_db_fail(req, s);
	*n = PQntuples(res);
	*out = req_alloc(req, sizeof **out * (size_t)(*n ? *n : 1));
	for (int i = 0; i < *n; i++)
		read_work_order(req, res, i, &(*out)[i]);
	PQclear(res);
	return STATUS_OK;
}

static const struct db_stmt get = {
	"work_order_get",
	"SELECT " WORK_ORDER_COLUMNS WORK_ORDER_FROM " WHERE o.tenant_id = $1 AND o.work_order_id = $2"};
static const struct db_stmt get_locked = {
	"work_order_get_locked",
	"SELECT " WORK_ORDER_COLUMNS WORK_ORDER_FROM " WHERE o.tenant_id = $1 AND o.work_order_id = $2 FOR UPDATE OF o"};
static const struct db_stmt items = {
	"work_order_items",
	"SELECT item_no, kind, code, description, quantity::text, unit_price::text, discount_pct::text,"
	" total::text, customer_answer FROM work_order_item"
	" WHERE tenant_id = $1 AND work_order_id = $2 ORDER BY item_no"};

enum status work_order_store_get(struct request *req, int64_t id, bool lock, struct work_order *out,
				 bool *found)
{
	const char *params[] = {req_tenant_param(req), pg_num(req, id)};
	PGresult *res;
	enum db_status s = db_exec(req->db, lock ? &get_locked : &get, 2, params, &res);
	if (s != DB_OK)
		return req_db_fail(req, s);
	*found = PQntuples(res) == 1;
	if (*found)
		read_work_order(req, res, 0, out);
	PQclear(res);
	if (!*found)
		return STATUS_OK;
	if ((s = db_exec(req->db, &items, 2, params, &res)) != DB_OK)
		return req_db_fail(req, s);
	work_order_store_read_items(req, res, &out->items, &out->n_items);
	PQclear(res);
	return STATUS_OK;
}
