/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * vehicle_store.c - SQL of the vehicles (vehicle_store.h).
 *
 * The rule to know: plate_key and vin_suffix are generated columns (sql/004), so
 * they are never written here, only searched; and an INSERT that meets a unique key
 * taken by a concurrent transaction uses ON CONFLICT DO NOTHING, which keeps the
 * transaction usable so the domain can still name the vehicle that holds the key.
 */
#include "store/vehicle_store.h"

#include "core/db.h"
#include "store/json_rows.h"
#include "store/batch_store.h"
#include "store/pg_value.h"

#include <stdlib.h>
#include <string.h>

#define VEHICLE_COLUMNS                                                                        \
	"vehicle_id, external_id, plate, vin, renavam, make, model, trim_level, color,"        \
	" year_made, model_year, fuel, odometer, owner_id, version,"                           \
	" to_char(created_at AT TIME ZONE 'UTC', 'YYYY-MM-DD\"T\"HH24:MI:SS\"Z\"'),"           \
	" to_char(updated_at AT TIME ZONE 'UTC', 'YYYY-MM-DD\"T\"HH24:MI:SS\"Z\"')"

/* One row in VEHICLE_COLUMNS order. */
static void read_vehicle(struct request *req, const PGresult *res, int row, struct vehicle *v)
{
	memset(v, 0, sizeof *v);
	v->id = db_int64(res, row, 0);
	v->external_id = pg_text(req, res, row, 1);
	v->plate = pg_text(req, res, row, 2);
	v->vin = pg_text(req, res, row, 3);
	v->renavam = pg_text(req, res, row, 4);
	v->make = pg_text(req, res, row, 5);
	v->model = pg_text(req, res, row, 6);
	v->trim = pg_text(req, res, row, 7);
	v->color = pg_text(req, res, row, 8);
	v->year_made = pg_int(req, res, row, 9);
	v->model_year = pg_int(req, res, row, 10);
	v->fuel = pg_text(req, res, row, 11);
	v->odometer = pg_int(req, res, row, 12);
	v->owner_id = pg_id(req, res, row, 13);
	v->version = pg_int(req, res, row, 14);
	v->created_at = pg_text(req, res, row, 15);
	v->updated_at = pg_text(req, res, row, 16);
}

/* ---- keys ------------------------------------------------------------------ */

/* See vehicle_find below for the "plate IS NOT NULL" term. */
static const struct db_stmt clashes = {
	"vehicle_clashes",
	"SELECT vehicle_id, plate_key = $2, vin = $3, external_id = $4 FROM vehicle"
	" WHERE tenant_id = $1 AND vehicle_id <> $5"
	"   AND ((plate IS NOT NULL AND plate_key = $2) OR vin = $3 OR external_id = $4)"
	" ORDER BY vehicle_id LIMIT 3"};

enum status vehicle_store_clashes(struct request *req, const char *plate_key, const char *vin,
				  const char *external_id, int64_t exclude_id,
				  struct vehicle_clash out[VEHICLE_MAX_CLASHES], int *n)
{
	static const char *const names[] = {"Placa", "Chassi", "IdExterno"};
	const char *params[] = {req_tenant_param(req), plate_key, vin, external_id, pg_num(req, exclude_id)};
	PGresult *res;
	enum db_status s = db_exec(req->db, &clashes, 5, params, &res);
	if (s != DB_OK)
		return req_db_fail(req, s);
	*n = 0;
	bool seen[3] = {false, false, false};
	for (int row = 0; row < PQntuples(res); row++) {
		for (int k = 0; k < 3; k++) {
			const char *hit = db_text(res, row, k + 1);
			if (!hit || strcmp(hit, "t") || seen[k] || *n >= VEHICLE_MAX_CLASHES)
				continue;
			seen[k] = true;
			out[*n].id = db_int64(res, row, 0);
			out[(*n)++].field = names[k];
		}
	}
	PQclear(res);
	return STATUS_OK;
}

/* The contract name of the unique index a failed write met. */
static const char *clash_field(const char *constraint)
{
	if (!strcmp(constraint, "vehicle_plate_key"))
		return "Placa";
	if (!strcmp(constraint, "vehicle_vin"))
		return "Chassi";
	if (!strcmp(constraint, "vehicle_external_id"))
		return "IdExterno";
	return "Id";
}

/* ---- writes ---------------------------------------------------------------- */

static const struct db_stmt insert = {
	"vehicle_insert",
	"INSERT INTO vehicle (tenant_id, external_id, plate, vin, renavam, make, model, trim_level, color,"
	" year_made, model_year, fuel, odometer, owner_id)"
	" VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14)"
	" ON CONFLICT DO NOTHING RETURNING " VEHICLE_COLUMNS};

enum status vehicle_store_insert(struct request *req, const struct vehicle *v, struct vehicle *out,
				 bool *inserted)
{
	const char *params[14];
	params[0] = req_tenant_param(req);
	vehicle_field_texts(req, v, params + 1);	/* external_id .. owner_id */
	PGresult *res;
	enum db_status s = db_exec(req->db, &insert, 14, params, &res);
	if (s != DB_OK)
		return req_db_fail(req, s);
	*inserted = PQntuples(res) == 1;
	if (*inserted)
		read_vehicle(req, res, 0, out);
	PQclear(res);
	return STATUS_OK;
}

static const struct db_stmt update = {
	"vehicle_update",
	"UPDATE vehicle SET external_id = $4, plate = $5, vin = $6, renavam = $7, make = $8, model = $9,"
	" trim_level = $10, color = $11, year_made = $12, model_year = $13, fuel = $14, odometer = $15,"
	" owner_id = $16, version = version + 1, updated_at = now()"
	" WHERE tenant_id = $1 AND vehicle_id = $2 AND version = $3"
	" RETURNING " VEHICLE_COLUMNS};

enum status vehicle_store_update(struct request *req, const struct vehicle *v, int version,
				 struct vehicle *out, bool *updated, const char **taken)
{
	const char *params[16];
	params[0] = req_tenant_param(req);
	params[1] = pg_num(req, v->id);
	params[2] = pg_num(req, version);
	vehicle_field_texts(req, v, params + 3);	/* external_id .. owner_id */
	*taken = NULL;
	*updated = false;
	PGresult *res;
	enum db_status s = db_exec(req->db, &update, 16, params, &res);
	if (s == DB_UNIQUE) {
		*taken = clash_field(db_last_constraint(req->db));
		return STATUS_OK;
	}
	if (s != DB_OK)
		return req_db_fail(req, s);
	*updated = PQntuples(res) == 1;
	if (*updated)
		read_vehicle(req, res, 0, out);
	PQclear(res);
	return STATUS_OK;
}

/* ---- reads ----------------------------------------------------------------- */

static const struct db_stmt get = {
	"vehicle_get", "SELECT " VEHICLE_COLUMNS " FROM vehicle WHERE tenant_id = $1 AND vehicle_id = $2"};
static const struct db_stmt get_locked = {
	"vehicle_get_locked",
	"SELECT " VEHICLE_COLUMNS " FROM vehicle WHERE tenant_id = $1 AND vehicle_id = $2 FOR UPDATE"};

enum status vehicle_store_get(struct request *req, int64_t id, bool lock, struct vehicle *out, bool *found)
{
	const char *params[] = {req_tenant_param(req), pg_num(req, id)};
	PGresult *res;
	enum db_status s = db_exec(req->db, lock ? &get_locked : &get, 2, params, &res);
	if (s != DB_OK)
		return req_db_fail(req, s);
	*found = PQntuples(res) == 1;
	if (*found)
		read_vehicle(req, res, 0, out);
	PQclear(res);
	return STATUS_OK;
}

/* Each criterion is either NULL (folded away by the planner's custom plan) or an
 * equality on an indexed column. The "IS NOT NULL" terms repeat the predicates of the
 * partial indexes (sql/004), without which the planner could not use them. */
static const struct db_stmt find = {
	"vehicle_find",
	"SELECT " VEHICLE_COLUMNS " FROM vehicle WHERE tenant_id = $1"
	"   AND ($2::bigint IS NULL OR vehicle_id = $2)"
	"   AND ($3::text IS NULL OR external_id = $3)"
	"   AND ($4::text IS NULL OR (plate IS NOT NULL AND plate_key = $4))"
	"   AND ($5::text IS NULL OR vin = $5)"
	"   AND ($6::text IS NULL OR (vin IS NOT NULL AND vin_suffix = $6))"
	"   AND ($7::bigint IS NULL OR owner_id = $7)"
	"   AND vehicle_id > $8"
	" ORDER BY vehicle_id LIMIT $9"};

enum status vehicle_store_find(struct request *req, const struct vehicle_query *q, int64_t after, int limit,
			       struct vehicle **out, int *n)
{
	const char *params[] = {req_tenant_param(req), pg_id_param(req, q->id), q->external_id, q->plate_key,
				q->vin, q->vin_suffix, pg_id_param(req, q->owner_id), pg_num(req, after),
				pg_num(req, limit)};
	PGresult *res;
	enum db_status s = db_exec(req->db, &find, 9, params, &res);
	if (s != DB_OK)
		return req_db_fail(req, s);
	*n = PQntuples(res);
	*out = req_alloc(req, sizeof **out * (size_t)(*n ? *n : 1));
	for (int i = 0; i < *n; i++)
		read_vehicle(req, res, i, &(*out)[i]);
	PQclear(res);
	return STATUS_OK;
}

static const struct db_stmt exists = {
	"vehicle_exists", "SELECT 1 FROM vehicle WHERE tenant_id = $1 AND vehicle_id = $2"};

enum status vehicle_store_exists(struct request *req, int64_t id, bool *found)
{
	const char *params[] = {req_tenant_param(req), pg_num(req, id)};
	PGresult *res;
	enum db_status s = db_exec(req->db, &exists, 2, params, &res);
	if (s != DB_OK)
		return req_db_fail(req, s);
	*found = PQntuples(res) == 1;
	PQclear(res);
	return STATUS_OK;
}

/* ---- bulk (IncluirVeiculosLote) ---------------------------------------------------
 * Sets travel as one JSON parameter (json_to_recordset); each function is one round trip. */

/* One index probe per key and record (LATERAL): a join on "a OR b OR c" leaves the
 * planner free to pick a nested loop over the whole table, which it did with stale
 * statistics (seconds per call on a table that had just grown). */
static const struct db_stmt match_many = {
	"vehicle_match_many",
	"SELECT t.o, " VEHICLE_COLUMNS
	" FROM json_to_recordset($2::json) AS t(o int, x text, p text, v text)"
	" CROSS JOIN LATERAL (SELECT vehicle_id AS k FROM vehicle WHERE tenant_id = $1 AND external_id = t.x"
	"  UNION SELECT vehicle_id FROM vehicle WHERE tenant_id = $1 AND plate IS NOT NULL AND plate_key = t.p"
	"  UNION SELECT vehicle_id FROM vehicle WHERE tenant_id = $1 AND vin IS NOT NULL AND vin = t.v) m"
	" JOIN vehicle ON tenant_id = $1 AND vehicle_id = m.k"
	" ORDER BY vehicle_id FOR UPDATE OF vehicle"};

enum status vehicle_store_match_many(struct request *req, int n, const char *const *external_ids,
				     const char *const *plate_keys, const char *const *vins, vehicle_match_fn found,
				     void *ctx)
{
	struct json_rows j;
	json_rows_init(&j, (size_t)n * 80);
	json_rows_raw(&j, "[");
	int rows = 0;
	for (int i = 0; i < n; i++) {
		if (!external_ids[i] && !plate_keys[i] && !vins[i])
			continue;
		json_rows_raw(&j, rows++ ? ",{\"o\":" : "{\"o\":");
		json_rows_int(&j, i);
		json_rows_raw(&j, ",\"x\":");
		json_rows_str(&j, external_ids[i]);
		json_rows_raw(&j, ",\"p\":");
		json_rows_str(&j, plate_keys[i]);
		json_rows_raw(&j, ",\"v\":");
		json_rows_str(&j, vins[i]);
		json_rows_raw(&j, "}");
	}
	json_rows_raw(&j, "]");
	const char *text = json_rows_finish(&j, req);
	if (!rows)
		return STATUS_OK;
	if (!text)
		return STATUS_ERRO_SERVIDOR;
	const char *params[] = {req_tenant_param(req), text};
	PGresult *res;
	enum db_status s = db_exec(req->db, &match_many, 2, params, &res);
	if (s != DB_OK)
		return req_db_fail(req, s);
	for (int row = 0; row < PQntuples(res); row++) {
		/* read_vehicle reads VEHICLE_COLUMNS from column 0: shift past t.o */
		struct vehicle v;
		memset(&v, 0, sizeof v);
		v.id = db_int64(res, row, 1);
		v.external_id = pg_text(req, res, row, 2);
		v.plate = pg_text(req, res, row, 3);
		v.vin = pg_text(req, res, row, 4);
		v.renavam = pg_text(req, res, row, 5);
		v.make = pg_text(req, res, row, 6);
		v.model = pg_text(req, res, row, 7);
		v.trim = pg_text(req, res, row, 8);
		v.color = pg_text(req, res, row, 9);
		v.year_made = pg_int(req, res, row, 10);
		v.model_year = pg_int(req, res, row, 11);
		v.fuel = pg_text(req, res, row, 12);
		v.odometer = pg_int(req, res, row, 13);
		v.owner_id = pg_id(req, res, row, 14);
		v.version = pg_int(req, res, row, 15);
		v.created_at = pg_text(req, res, row, 16);
		v.updated_at = pg_text(req, res, row, 17);
		found(ctx, db_int(res, row, 0), &v);
	}
	PQclear(res);
	return STATUS_OK;
}

static const struct db_stmt missing_many = {
	"vehicle_missing_many",
	"SELECT x.id FROM (SELECT DISTINCT json_array_elements_text($2::json)::bigint AS id) x"
	" WHERE NOT EXISTS (SELECT 1 FROM vehicle WHERE tenant_id = $1 AND vehicle_id = x.id)"};

enum status vehicle_store_missing_many(struct request *req, int n, const int64_t *const *ids, bool *missing)
{
	return batch_store_ids_missing(req, &missing_many, n, ids, missing);
}

/* One JSON object per vehicle: its position and vehicle_field_texts under short
 * names (the json_to_recordset column lists below). */
/* The rows as JSON text (json_rows: thousands per call). */
static const char *vehicle_rows(struct request *req, const struct vehicle *const *v, int n, bool with_id)
{
	static const char *const names[VEHICLE_FIELDS] = {",\"x\":",  ",\"p\":",  ",\"c\":",  ",\"r\":", ",\"mk\":",
							  ",\"md\":", ",\"tr\":", ",\"co\":", ",\"yf\":", ",\"ym\":",
							  ",\"f\":",  ",\"km\":", ",\"ow\":"};
	struct json_rows j;
	json_rows_init(&j, (size_t)n * 160);
	json_rows_raw(&j, "[");
	for (int i = 0; i < n; i++) {
		const char *t[VEHICLE_FIELDS];
		vehicle_field_texts(req, v[i], t);
		json_rows_raw(&j, i ? ",{\"o\":" : "{\"o\":");
		json_rows_int(&j, i);
		if (with_id) {
			json_rows_raw(&j, ",\"id\":");
			json_rows_int(&j, (long long)v[i]->id);
		}
		for (int k = 0; k < VEHICLE_FIELDS; k++)
			if (t[k]) {
				json_rows_raw(&j, names[k]);
				json_rows_str(&j, t[k]);
			}
		json_rows_raw(&j, "}");
	}
	json_rows_raw(&j, "]");
	return json_rows_finish(&j, req);
}

#define VEHICLE_RECORDSET                                                                       \
	"json_to_recordset($2::json) AS t(o int, id bigint, x text, p text, c text, r text,"     \
	" mk text, md text, tr text, co text, yf int, ym int, f text, km int, ow bigint)"

/* Ids are drawn first, so each new row's id is known by its position without
 * relying on the order RETURNING gives (the sequence looked up once, not per row). */
static const struct db_stmt insert_many = {
	"vehicle_insert_many",
	"WITH s AS MATERIALIZED (SELECT pg_get_serial_sequence('vehicle', 'vehicle_id')::regclass AS seq),"
	" t AS MATERIALIZED (SELECT t.*, nextval(s.seq) AS nid"
	"   FROM s, " VEHICLE_RECORDSET "),"
	" ins AS (INSERT INTO vehicle (tenant_id, vehicle_id, external_id, plate, vin, renavam, make, model,"
	"   trim_level, color, year_made, model_year, fuel, odometer, owner_id) OVERRIDING SYSTEM VALUE"
	"   SELECT $1, nid, x, p, c, r, mk, md, tr, co, yf, ym, f, km, ow FROM t ORDER BY o)"
	" SELECT o, nid FROM t"};

enum status vehicle_store_insert_many(struct request *req, const struct vehicle *const *v, int n, int64_t *ids,
				      bool *constraint)
{
	*constraint = false;
	if (!n)
		return STATUS_OK;
	const char *params[] = {req_tenant_param(req), vehicle_rows(req, v, n, false)};
	if (!params[1])
		return STATUS_ERRO_SERVIDOR;
	PGresult *res;
	enum db_status s = db_exec(req->db, &insert_many, 2, params, &res);
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

static const struct db_stmt update_many = {
	"vehicle_update_many",
	"UPDATE vehicle SET external_id = t.x, plate = t.p, vin = t.c, renavam = t.r, make = t.mk, model = t.md,"
	" trim_level = t.tr, color = t.co, year_made = t.yf, model_year = t.ym, fuel = t.f, odometer = t.km,"
	" owner_id = t.ow, version = version + 1, updated_at = now()"
	" FROM " VEHICLE_RECORDSET " WHERE tenant_id = $1 AND vehicle_id = t.id"};

enum status vehicle_store_update_many(struct request *req, const struct vehicle *const *v, int n, bool *constraint)
{
	*constraint = false;
	if (!n)
		return STATUS_OK;
	const char *params[] = {req_tenant_param(req), vehicle_rows(req, v, n, true)};
	if (!params[1])
		return STATUS_ERRO_SERVIDOR;
	enum db_status s = db_exec(req->db, &update_many, 2, params, NULL);
	return s == DB_OK ? STATUS_OK : batch_store_write_status(req, s, constraint);
}
