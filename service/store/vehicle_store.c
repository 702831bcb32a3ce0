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

#include <string.h>

#define VEHICLE_COLUMNS                                                                        \
	"vehicle_id, external_id, plate, vin, renavam, make, model, trim_level, color,"        \
	" year_made, model_year, fuel, odometer, owner_id, version,"                           \
	" to_char(created_at AT TIME ZONE 'UTC', 'YYYY-MM-DD\"T\"HH24:MI:SS\"Z\"'),"           \
	" to_char(updated_at AT TIME ZONE 'UTC', 'YYYY-MM-DD\"T\"HH24:MI:SS\"Z\"')"

static const char *text_of(struct request *req, const PGresult *res, int row, int col)
{
	const char *v = db_text(res, row, col);
	return v ? req_strdup(req, v) : NULL;
}

static const int *int_of(struct request *req, const PGresult *res, int row, int col)
{
	if (!db_text(res, row, col))
		return NULL;
	int *v = req_alloc(req, sizeof *v);
	*v = db_int(res, row, col);
	return v;
}

static const int64_t *id_of(struct request *req, const PGresult *res, int row, int col)
{
	if (!db_text(res, row, col))
		return NULL;
	int64_t *v = req_alloc(req, sizeof *v);
	*v = db_int64(res, row, col);
	return v;
}

/* One row in VEHICLE_COLUMNS order. */
static void read_vehicle(struct request *req, const PGresult *res, int row, struct vehicle *v)
{
	memset(v, 0, sizeof *v);
	v->id = db_int64(res, row, 0);
	v->external_id = text_of(req, res, row, 1);
	v->plate = text_of(req, res, row, 2);
	v->vin = text_of(req, res, row, 3);
	v->renavam = text_of(req, res, row, 4);
	v->make = text_of(req, res, row, 5);
	v->model = text_of(req, res, row, 6);
	v->trim = text_of(req, res, row, 7);
	v->color = text_of(req, res, row, 8);
	v->year_made = int_of(req, res, row, 9);
	v->model_year = int_of(req, res, row, 10);
	v->fuel = text_of(req, res, row, 11);
	v->odometer = int_of(req, res, row, 12);
	v->owner_id = id_of(req, res, row, 13);
	v->version = int_of(req, res, row, 14);
	v->created_at = text_of(req, res, row, 15);
	v->updated_at = text_of(req, res, row, 16);
}

static const char *id_param(struct request *req, const int64_t *v)
{
	return v ? req_printf(req, "%lld", (long long)*v) : NULL;
}

static const char *num(struct request *req, int64_t v)
{
	return req_printf(req, "%lld", (long long)v);
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
	const char *params[] = {req_tenant_param(req), plate_key, vin, external_id, num(req, exclude_id)};
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
	params[1] = num(req, v->id);
	params[2] = num(req, version);
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
	const char *params[] = {req_tenant_param(req), num(req, id)};
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
	const char *params[] = {req_tenant_param(req), id_param(req, q->id), q->external_id, q->plate_key,
				q->vin, q->vin_suffix, id_param(req, q->owner_id), num(req, after),
				num(req, limit)};
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
	const char *params[] = {req_tenant_param(req), num(req, id)};
	PGresult *res;
	enum db_status s = db_exec(req->db, &exists, 2, params, &res);
	if (s != DB_OK)
		return req_db_fail(req, s);
	*found = PQntuples(res) == 1;
	PQclear(res);
	return STATUS_OK;
}

static const struct db_stmt owner_exists = {
	"vehicle_owner_exists", "SELECT 1 FROM person WHERE tenant_id = $1 AND person_id = $2"};

enum status vehicle_store_owner_exists(struct request *req, int64_t person_id, bool *found)
{
	const char *params[] = {req_tenant_param(req), num(req, person_id)};
	PGresult *res;
	enum db_status s = db_exec(req->db, &owner_exists, 2, params, &res);
	if (s != DB_OK)
		return req_db_fail(req, s);
	*found = PQntuples(res) == 1;
	PQclear(res);
	return STATUS_OK;
}
