/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * booking_batch_store.c - set-based SQL of IncluirAgendamentosLote
 * (booking_batch_store.h).
 *
 * The rule to know: lookups probe the indexes once per record (LATERAL / EXISTS per
 * json row), never "a OR b" joins, so a call of a thousand records costs a thousand
 * index probes in one round trip; the slot rules are workshop_sql.h's, the same
 * text IncluirAgendamento's frame uses.
 */
#include "store/booking_batch_store.h"

#include "core/db.h"
#include "store/batch_store.h"
#include "store/json_rows.h"
#include "store/pg_value.h"
#include "store/workshop_sql.h"
#include "store/workshop_store.h"

#include <stdlib.h>
#include <string.h>

/* Runs stmt with ($1 tenant, $2 the set) or, with branch, ($1 tenant, $2 the
 * request's branch, $3 the set) and hands back its result. */
static enum status run(struct request *req, const struct db_stmt *stmt, bool branch, const char *text,
		       PGresult **res)
{
	if (!text)
		return STATUS_ERRO_SERVIDOR;
	const char *params[] = {req_tenant_param(req), branch ? pg_num(req, req->branch.id) : text, text};
	enum db_status s = db_exec(req->db, stmt, branch ? 3 : 2, params, res);
	return s == DB_OK ? STATUS_OK : req_db_fail(req, s);
}

static void key_str(struct json_rows *j, const char *key, const char *value)
{
	json_rows_raw(j, key);
	json_rows_str(j, value);
}

static void key_id(struct json_rows *j, const char *key, const int64_t *value)
{
	json_rows_raw(j, key);
	if (value)
		json_rows_int(j, (long long)*value);
	else
		json_rows_raw(j, "null");
}

/* ---- lookups ------------------------------------------------------------------------- */

static const struct db_stmt vehicles = {
	"booking_batch_vehicles",
	"SELECT t.o, v.vehicle_id, v.plate, v.vin, v.owner_id, v.odometer"
	" FROM json_to_recordset($2::json) AS t(o int, i bigint, p text, c text)"
	" CROSS JOIN LATERAL (SELECT vehicle_id AS k FROM vehicle WHERE tenant_id = $1 AND t.i IS NOT NULL"
	"   AND vehicle_id = t.i"
	"  UNION ALL SELECT vehicle_id FROM vehicle WHERE tenant_id = $1 AND t.i IS NULL AND t.p IS NOT NULL"
	"   AND plate IS NOT NULL AND plate_key = t.p"
	"  UNION ALL SELECT vehicle_id FROM vehicle WHERE tenant_id = $1 AND t.i IS NULL AND t.p IS NULL"
	"   AND vin IS NOT NULL AND vin = t.c) m"
	" JOIN vehicle v ON v.tenant_id = $1 AND v.vehicle_id = m.k"};

enum status booking_batch_store_vehicles(struct request *req, int n, const int64_t *const *ids,
					 const char *const *plate_keys, const char *const *vins, booking_vehicle_fn found,
					 void *ctx)
{
	struct json_rows j;
	json_rows_init(&j, (size_t)n * 60);
	json_rows_raw(&j, "[");
	int rows = 0;
	for (int i = 0; i < n; i++) {
		if (!ids[i] && !plate_keys[i] && !vins[i])
			continue;
		json_rows_raw(&j, rows++ ? ",{\"o\":" : "{\"o\":");
		json_rows_int(&j, i);
		key_id(&j, ",\"i\":", ids[i]);
		key_str(&j, ",\"p\":", plate_keys[i]);
		key_str(&j, ",\"c\":", vins[i]);
		json_rows_raw(&j, "}");
	}
	json_rows_raw(&j, "]");
	const char *text = json_rows_finish(&j, req);
	if (!rows)
		return STATUS_OK;
	PGresult *res;
	enum status s = run(req, &vehicles, false, text, &res);
	if (s != STATUS_OK)
		return s;
	for (int row = 0; row < PQntuples(res); row++) {
		struct booking_vehicle v = {
			.id = db_int64(res, row, 1),
			.plate = pg_text(req, res, row, 2),
			.vin = pg_text(req, res, row, 3),
			.owner_id = pg_id(req, res, row, 4),
			.odometer = pg_int(req, res, row, 5),
		};
		found(ctx, db_int(res, row, 0), &v);
	}
	PQclear(res);
	return STATUS_OK;
}

static const struct db_stmt references = {
	"booking_batch_references",
	"SELECT t.o,"
	" t.pe IS NOT NULL AND EXISTS (SELECT 1 FROM person WHERE tenant_id = $1 AND person_id = t.pe),"
	" t.c IS NOT NULL AND EXISTS (SELECT 1 FROM contact WHERE tenant_id = $1 AND contact_id = t.c),"
	" EXISTS (SELECT 1 FROM booking_type WHERE tenant_id = $1 AND code = t.ty AND active),"
	" t.pr IS NOT NULL AND EXISTS (SELECT 1 FROM productive WHERE tenant_id = $1 AND code = t.pr AND active"
	"   AND branch_id = $2),"
	" (SELECT booking_id FROM booking WHERE tenant_id = $1 AND t.x IS NOT NULL AND external_id = t.x)"
	" FROM json_to_recordset($3::json) AS t(o int, pe bigint, c bigint, ty text, pr text, x text)"};

enum status booking_batch_store_references(struct request *req, int n, const struct booking_ref_query *q,
					   const bool *ask, struct booking_found *out)
{
	struct json_rows j;
	json_rows_init(&j, (size_t)n * 90);
	json_rows_raw(&j, "[");
	int rows = 0;
	for (int i = 0; i < n; i++) {
		out[i] = (struct booking_found){0};
		if (!ask[i])
			continue;
		json_rows_raw(&j, rows++ ? ",{\"o\":" : "{\"o\":");
		json_rows_int(&j, i);
		key_id(&j, ",\"pe\":", q[i].person ? &q[i].person : NULL);
		key_id(&j, ",\"c\":", q[i].contact);
		key_str(&j, ",\"ty\":", q[i].type);
		key_str(&j, ",\"pr\":", q[i].productive);
		key_str(&j, ",\"x\":", q[i].external_id);
		json_rows_raw(&j, "}");
	}
	json_rows_raw(&j, "]");
	const char *text = json_rows_finish(&j, req);
	if (!rows)
		return STATUS_OK;
	PGresult *res;
	enum status s = run(req, &references, true, text, &res);
	if (s != STATUS_OK)
		return s;
	for (int row = 0; row < PQntuples(res); row++) {
		int o = db_int(res, row, 0);
		if (o < 0 || o >= n)
			continue;
		out[o].person = db_bool(res, row, 1);
		out[o].contact = db_bool(res, row, 2);
		out[o].type = db_bool(res, row, 3);
		out[o].productive = db_bool(res, row, 4);
		out[o].stored_external = pg_id(req, res, row, 5);
	}
	PQclear(res);
	return STATUS_OK;
}

static const struct db_stmt frames = {
	"booking_batch_frames",
	"WITH t AS (SELECT * FROM json_to_recordset($4::json) AS t(o int, s timestamptz, m int, c text)),"
	" cfg AS (SELECT t.o, t.c," FRAME_CFG("t.s", "t.m")
	"  FROM t CROSS JOIN workshop_branch w WHERE w.tenant_id = $1 AND w.branch_id = $2)"
	" SELECT cfg.o," FRAME_JUDGED ","
	"        array_to_string(ARRAY(" WORKING_PRODUCTIVES("cfg.local_start", "cfg.span",
	"(CASE WHEN cfg.c IS NULL THEN 'CONSULTOR' END)", "cfg.c") " ORDER BY p.code), '|'),"
	"        extract(epoch FROM cfg.start_at)::bigint, local_datetime(cfg.start_at, $3)"
	" FROM cfg" FRAME_HOURS};

enum status booking_batch_store_frames(struct request *req, int n, const char *const *starts, const int *minutes,
				       const char *const *consultants, struct booking_frame *out, bool *configured)
{
	*configured = true;
	struct json_rows j;
	json_rows_init(&j, (size_t)n * 70);
	json_rows_raw(&j, "[");
	int rows = 0;
	for (int i = 0; i < n; i++) {
		if (!starts[i])
			continue;
		json_rows_raw(&j, rows++ ? ",{\"o\":" : "{\"o\":");
		json_rows_int(&j, i);
		key_str(&j, ",\"s\":", starts[i]);
		json_rows_raw(&j, ",\"m\":");
		json_rows_int(&j, minutes[i]);
		key_str(&j, ",\"c\":", consultants[i]);
		json_rows_raw(&j, "}");
	}
	json_rows_raw(&j, "]");
	const char *text = json_rows_finish(&j, req);
	if (!rows)
		return STATUS_OK;
	if (!text)
		return STATUS_ERRO_SERVIDOR;
	const char *params[] = {req_tenant_param(req), pg_num(req, req->branch.id), req->branch.time_zone, text};
	PGresult *res;
	enum db_status ds = db_exec(req->db, &frames, 4, params, &res);
	if (ds != DB_OK)
		return req_db_fail(req, ds);
	*configured = PQntuples(res) > 0;	/* no workshop_branch row: no row at all */
	for (int row = 0; row < PQntuples(res); row++) {
		int o = db_int(res, row, 0);
		if (o < 0 || o >= n)
			continue;
		struct booking_frame *f = &out[o];
		workshop_store_read_frame(req, res, row, 1, &f->f);
		f->start_epoch = db_int64(res, row, 8);
		f->local_start = pg_text(req, res, row, 9);
	}
	PQclear(res);
	return STATUS_OK;
}

static const struct db_stmt occupancy = {
	"booking_batch_occupancy",
	"SELECT productive_code, extract(epoch FROM slot_start)::bigint FROM booking_slot"
	" WHERE tenant_id = $1 AND branch_id = $2 AND slot_start >= to_timestamp($3::bigint)"
	"   AND slot_start < to_timestamp($4::bigint)"
	" ORDER BY productive_code, slot_start"};

enum status booking_batch_store_occupancy(struct request *req, int64_t from, int64_t to, booking_slot_fn slot,
					  void *ctx)
{
	const char *params[] = {req_tenant_param(req), pg_num(req, req->branch.id), pg_num(req, from),
				pg_num(req, to)};
	PGresult *res;
	enum db_status s = db_exec(req->db, &occupancy, 4, params, &res);
	if (s != DB_OK)
		return req_db_fail(req, s);
	for (int row = 0; row < PQntuples(res); row++)
		slot(ctx, db_text(res, row, 0), db_int64(res, row, 1));
	PQclear(res);
	return STATUS_OK;
}

/* ---- writes ------------------------------------------------------------------------------ */

/* Ids drawn first (as vehicle_insert_many does), so each row's id is known by its
 * position whatever order RETURNING gives. */
static const struct db_stmt insert = {
	"booking_batch_insert",
	"WITH s AS MATERIALIZED (SELECT pg_get_serial_sequence('booking', 'booking_id')::regclass AS seq),"
	" t AS MATERIALIZED (SELECT t.*, nextval(s.seq) AS nid FROM s,"
	"   json_to_recordset($3::json) AS t(o int, x text, v bigint, pe bigint, c bigint, pr text, ty text,"
	"   s timestamptz, e timestamptz, km int, nt text)),"
	" ins AS (INSERT INTO booking (tenant_id, branch_id, booking_id, external_id, vehicle_id, person_id,"
	"   contact_id, productive_code, type_code, starts_at, ends_at, odometer, notes) OVERRIDING SYSTEM VALUE"
	"   SELECT $1, $2, nid, x, v, pe, c, pr, ty, s, e, km, nt FROM t ORDER BY o)"
	" SELECT o, nid FROM t"};

enum status booking_batch_store_insert(struct request *req, const struct booking_row *rows, int n, int64_t *ids,
				       bool *constraint)
{
	*constraint = false;
	if (!n)
		return STATUS_OK;
	struct json_rows j;
	json_rows_init(&j, (size_t)n * 220);
	json_rows_raw(&j, "[");
	for (int k = 0; k < n; k++) {
		const struct booking_row *r = &rows[k];
		json_rows_raw(&j, k ? ",{\"o\":" : "{\"o\":");
		json_rows_int(&j, k);
		key_str(&j, ",\"x\":", r->b->external_id);
		key_id(&j, ",\"v\":", &r->vehicle_id);
		key_id(&j, ",\"pe\":", &r->person_id);
		key_id(&j, ",\"c\":", r->b->contact_id);
		key_str(&j, ",\"pr\":", r->productive);
		key_str(&j, ",\"ty\":", r->b->type);
		key_str(&j, ",\"s\":", r->b->starts_at);
		key_str(&j, ",\"e\":", r->ends_at);
		json_rows_raw(&j, ",\"km\":");
		if (r->b->odometer)
			json_rows_int(&j, *r->b->odometer);
		else
			json_rows_raw(&j, "null");
		key_str(&j, ",\"nt\":", r->b->notes);
		json_rows_raw(&j, "}");
	}
	json_rows_raw(&j, "]");
	const char *text = json_rows_finish(&j, req);
	if (!text)
		return STATUS_ERRO_SERVIDOR;
	const char *params[] = {req_tenant_param(req), pg_num(req, req->branch.id), text};
	PGresult *res;
	enum db_status s = db_exec(req->db, &insert, 3, params, &res);
	if (s != DB_OK)
		return batch_store_write_status(req, s, constraint);
	for (int row = 0; row < PQntuples(res); row++) {
		int pos = db_int(res, row, 0);
		if (pos >= 0 && pos < n)
			ids[pos] = db_int64(res, row, 1);
	}
	PQclear(res);
	return STATUS_OK;
}

static const char *lines_json(struct request *req, const struct booking_line *l, int n)
{
	struct json_rows j;
	json_rows_init(&j, (size_t)n * 80);
	json_rows_raw(&j, "[");
	for (int k = 0; k < n; k++) {
		json_rows_raw(&j, k ? ",{\"b\":" : "{\"b\":");
		json_rows_int(&j, (long long)l[k].booking_id);
		key_str(&j, ",\"c\":", l[k].code);
		key_str(&j, ",\"d\":", l[k].description);
		key_str(&j, ",\"q\":", l[k].quantity);
		json_rows_raw(&j, "}");
	}
	json_rows_raw(&j, "]");
	return json_rows_finish(&j, req);
}

static const struct db_stmt services = {
	"booking_batch_services",
	"INSERT INTO booking_service (tenant_id, booking_id, service_code, minutes)"
	" SELECT $1, t.b, s.code, s.standard_minutes FROM json_to_recordset($2::json) AS t(b bigint, c text)"
	" JOIN workshop_service s ON s.tenant_id = $1 AND s.code = t.c"};
static const struct db_stmt parts = {
	"booking_batch_parts",
	"INSERT INTO booking_part (tenant_id, booking_id, part_code, description, quantity)"
	" SELECT $1, t.b, t.c, t.d, t.q::numeric FROM json_to_recordset($2::json) AS t(b bigint, c text, d text, q text)"};

static enum status write_lines(struct request *req, const struct db_stmt *stmt, const struct booking_line *l, int n)
{
	if (!n)
		return STATUS_OK;
	PGresult *res = NULL;
	enum status s = run(req, stmt, false, lines_json(req, l, n), &res);
	PQclear(res);
	return s;
}

enum status booking_batch_store_services(struct request *req, const struct booking_line *l, int n)
{
	return write_lines(req, &services, l, n);
}

enum status booking_batch_store_parts(struct request *req, const struct booking_line *l, int n)
{
	return write_lines(req, &parts, l, n);
}

static const struct db_stmt events = {
	"booking_batch_events",
	"INSERT INTO booking_event (tenant_id, booking_id, kind, to_status, new_start, user_id, acting_for)"
	" SELECT $1, t.b, 'AGENDADO', 'AGENDADO', t.s, $3, $4"
	" FROM json_to_recordset($2::json) AS t(b bigint, s timestamptz)"};

enum status booking_batch_store_events(struct request *req, const int64_t *ids, const char *const *starts, int n)
{
	if (!n)
		return STATUS_OK;
	struct json_rows j;
	json_rows_init(&j, (size_t)n * 50);
	json_rows_raw(&j, "[");
	for (int k = 0; k < n; k++) {
		json_rows_raw(&j, k ? ",{\"b\":" : "{\"b\":");
		json_rows_int(&j, (long long)ids[k]);
		key_str(&j, ",\"s\":", starts[k]);
		json_rows_raw(&j, "}");
	}
	json_rows_raw(&j, "]");
	const char *text = json_rows_finish(&j, req);
	if (!text)
		return STATUS_ERRO_SERVIDOR;
	const char *params[] = {req_tenant_param(req), text, req_user_param(req), req->acting_for};
	enum db_status s = db_exec(req->db, &events, 4, params, NULL);
	return s == DB_OK ? STATUS_OK : req_db_fail(req, s);
}

/* In (productive, start) order, as booking_store_occupy takes one productive's
 * slots in time order: two writers never wait on each other's rows crosswise. */
static const struct db_stmt slots = {
	"booking_batch_slots",
	"INSERT INTO booking_slot (tenant_id, branch_id, productive_code, slot_start, booking_id)"
	" SELECT $1, $2, t.p, to_timestamp(t.s), t.b FROM json_to_recordset($3::json) AS t(p text, s bigint, b bigint)"
	" ORDER BY t.p, t.s ON CONFLICT DO NOTHING RETURNING 1"};

enum status booking_batch_store_slots(struct request *req, const struct booking_slot_row *sl, int n, int *inserted)
{
	*inserted = 0;
	if (!n)
		return STATUS_OK;
	struct json_rows j;
	json_rows_init(&j, (size_t)n * 50);
	json_rows_raw(&j, "[");
	for (int k = 0; k < n; k++) {
		json_rows_raw(&j, k ? ",{\"p\":" : "{\"p\":");
		json_rows_str(&j, sl[k].productive);
		json_rows_raw(&j, ",\"s\":");
		json_rows_int(&j, (long long)sl[k].start);
		json_rows_raw(&j, ",\"b\":");
		json_rows_int(&j, (long long)sl[k].booking_id);
		json_rows_raw(&j, "}");
	}
	json_rows_raw(&j, "]");
	PGresult *res;
	enum status s = run(req, &slots, true, json_rows_finish(&j, req), &res);
	if (s != STATUS_OK)
		return s;
	*inserted = PQntuples(res);
	PQclear(res);
	return STATUS_OK;
}

/* doc_next_number moved by $4 at once; the k-th booking (t.k, 1-based) gets the
 * k-th of the new numbers. */
static const struct db_stmt numbers = {
	"booking_batch_numbers",
	"WITH c AS (INSERT INTO doc_counter AS c (tenant_id, branch_id, kind, last_number)"
	"   VALUES ($1, $2, 'AGENDAMENTO', $4)"
	"   ON CONFLICT (tenant_id, branch_id, kind) DO UPDATE SET last_number = c.last_number + $4"
	"   RETURNING last_number)"
	" UPDATE booking k SET number = c.last_number - $4 + t.k"
	"  FROM c, json_to_recordset($3::json) AS t(b bigint, k int)"
	" WHERE k.tenant_id = $1 AND k.booking_id = t.b"};

enum status booking_batch_store_numbers(struct request *req, const int64_t *ids, int n)
{
	if (!n)
		return STATUS_OK;
	struct json_rows j;
	json_rows_init(&j, (size_t)n * 30);
	json_rows_raw(&j, "[");
	for (int k = 0; k < n; k++) {
		json_rows_raw(&j, k ? ",{\"b\":" : "{\"b\":");
		json_rows_int(&j, (long long)ids[k]);
		json_rows_raw(&j, ",\"k\":");
		json_rows_int(&j, k + 1);
		json_rows_raw(&j, "}");
	}
	json_rows_raw(&j, "]");
	const char *text = json_rows_finish(&j, req);
	if (!text)
		return STATUS_ERRO_SERVIDOR;
	const char *params[] = {req_tenant_param(req), pg_num(req, req->branch.id), text, pg_num(req, n)};
	enum db_status s = db_exec(req->db, &numbers, 4, params, NULL);
	return s == DB_OK ? STATUS_OK : req_db_fail(req, s);
}
