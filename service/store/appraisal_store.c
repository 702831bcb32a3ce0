/* SPDX-License-Identifier: GPL-2.0-or-later */
/* appraisal_store.c - SQL of appraisals (appraisal_store.h). */
#include "store/appraisal_store.h"

#include "core/db.h"
#include "store/pg_value.h"

#include <string.h>

#define APPRAISAL_COLUMNS                                                                          \
	"a.appraisal_id, a.contact_id, a.person_id, a.plate, a.vin, a.make, a.model, a.trim_level,"  \
	" a.color, a.damages, a.reason, a.year_made, a.model_year, a.odometer, a.status,"            \
	" (a.appraised_value * 100)::bigint, (a.repair_forecast * 100)::bigint, a.result_notes,"   \
	" u.login, " PG_UTC("a.approved_at") ", a.version"
#define APPRAISAL_FROM " FROM appraisal a LEFT JOIN app_user u ON u.tenant_id = a.tenant_id AND u.user_id = a.approved_by"

static void read_appraisal(struct request *req, const PGresult *res, int row, struct appraisal *a)
{
	memset(a, 0, sizeof *a);
	a->id = db_int64(res, row, 0);
	a->contact_id = pg_id(req, res, row, 1);
	a->person_id = pg_id(req, res, row, 2);
	a->plate = pg_text(req, res, row, 3);
	a->vin = pg_text(req, res, row, 4);
	a->make = pg_text(req, res, row, 5);
	a->model = pg_text(req, res, row, 6);
	a->trim = pg_text(req, res, row, 7);
	a->color = pg_text(req, res, row, 8);
	a->damages = pg_text(req, res, row, 9);
	a->reason = pg_text(req, res, row, 10);
	a->year_made = pg_int(req, res, row, 11);
	a->model_year = pg_int(req, res, row, 12);
	a->odometer = pg_int(req, res, row, 13);
	a->status = pg_text(req, res, row, 14);
	a->has_value = db_text(res, row, 15) != NULL;
	a->value = a->has_value ? db_int64(res, row, 15) : 0;
	a->repair = db_text(res, row, 16) ? db_int64(res, row, 16) : 0;
	a->result_notes = pg_text(req, res, row, 17);
	a->approved_by = pg_text(req, res, row, 18);
	a->approved_at = pg_text(req, res, row, 19);
	a->version = db_int(res, row, 20);
}

static const struct db_stmt insert = {
	"appraisal_insert",
	"WITH a AS (INSERT INTO appraisal (tenant_id, branch_id, contact_id, person_id, plate, vin, make, model,"
	"   trim_level, color, damages, reason, year_made, model_year, odometer, requested_by)"
	" VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14, $15, $16) RETURNING *)"
	" SELECT " APPRAISAL_COLUMNS " FROM a LEFT JOIN app_user u ON u.tenant_id = a.tenant_id AND u.user_id = a.approved_by"};

enum status appraisal_store_insert(struct request *req, const struct appraisal *a, struct appraisal *out)
{
	const char *params[] = {req_tenant_param(req), pg_num(req, req->branch.id),
				a->contact_id ? pg_num(req, *a->contact_id) : NULL,
				a->person_id ? pg_num(req, *a->person_id) : NULL, a->plate, a->vin, a->make, a->model,
				a->trim, a->color, a->damages, a->reason, pg_int_param(req, a->year_made),
				pg_int_param(req, a->model_year), pg_int_param(req, a->odometer), req_user_param(req)};
	PGresult *res;
	enum db_status s = db_exec(req->db, &insert, 16, params, &res);
	if (s != DB_OK)
		return req_db_fail(req, s);
	read_appraisal(req, res, 0, out);
	PQclear(res);
	return STATUS_OK;
}

static const struct db_stmt get = {
	"appraisal_get", "SELECT " APPRAISAL_COLUMNS APPRAISAL_FROM
	" WHERE a.tenant_id = $1 AND a.branch_id = $2 AND a.appraisal_id = $3"};
static const struct db_stmt get_locked = {
	"appraisal_get_locked", "SELECT " APPRAISAL_COLUMNS APPRAISAL_FROM
	" WHERE a.tenant_id = $1 AND a.branch_id = $2 AND a.appraisal_id = $3 FOR UPDATE OF a"};

enum status appraisal_store_get(struct request *req, int64_t id, bool lock, struct appraisal *out, bool *found)
{
	const char *params[] = {req_tenant_param(req), pg_num(req, req->branch.id), pg_num(req, id)};
	PGresult *res;
	enum db_status s = db_exec(req->db, lock ? &get_locked : &get, 3, params, &res);
	if (s != DB_OK)
		return req_db_fail(req, s);
	*found = PQntuples(res) == 1;
	if (*found)
		read_appraisal(req, res, 0, out);
	PQclear(res);
	return STATUS_OK;
}

static const struct db_stmt result = {
	"appraisal_result",
	"UPDATE appraisal SET appraised_value = $3::bigint / 100.0, repair_forecast = $4::bigint / 100.0,"
	" result_notes = $5, status = $6, appraised_by = $7, appraised_at = now(),"
	" approved_by = CASE WHEN $6 = 'APROVADA' THEN $7::bigint END,"
	" approved_at = CASE WHEN $6 = 'APROVADA' THEN now() END, version = version + 1"
	" WHERE tenant_id = $1 AND appraisal_id = $2"};

enum status appraisal_store_result(struct request *req, int64_t id, int64_t value, int64_t repair, const char *notes,
				   const char *status)
{
	const char *params[] = {req_tenant_param(req), pg_num(req, id), pg_num(req, value), pg_num(req, repair), notes, status,
				req_user_param(req)};
	enum db_status s = db_exec(req->db, &result, 7, params, NULL);
	return s == DB_OK ? STATUS_OK : req_db_fail(req, s);
}

