/* SPDX-License-Identifier: GPL-2.0-or-later */
/* reference_store.c - SQL of the reference lists (domain/reference.h). Reference
 * data has no rules of its own, so these functions are the whole implementation. */
#include "domain/reference.h"

#include "core/db.h"
#include "store/pg_value.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define NATURE_COLUMNS \
	"code, description, area, department, team_code, default_consultant, second_open_policy," \
	" array_to_string(required_fields, '|')"

static void read_nature(struct request *req, PGresult *res, int row, struct nature *n)
{
	n->code = req_strdup(req, db_text(res, row, 0));
	n->description = req_strdup(req, db_text(res, row, 1));
	n->area = req_strdup(req, db_text(res, row, 2));
	n->department = req_strdup(req, db_text(res, row, 3));
	n->team = req_strdup(req, db_text(res, row, 4));
	n->default_consultant = req_strdup(req, db_text(res, row, 5));
	n->second_open_policy = req_strdup(req, db_text(res, row, 6));
	n->required_fields = pg_split(req, db_text(res, row, 7), &n->n_required_fields);
}

static const struct db_stmt natures = {
	"reference_natures",
	"SELECT " NATURE_COLUMNS " FROM nature"
	" WHERE tenant_id = $1 AND active AND ($2::text IS NULL OR area = $2)"
	" ORDER BY code OFFSET $3 LIMIT $4"};

enum status reference_natures(struct request *req, const char *area, int offset, int limit,
			      struct nature **out, int *n)
{
	const char *params[] = {req_tenant_param(req), area, pg_num(req, offset), pg_num(req, limit)};
	PGresult *res;
	enum db_status s = db_exec(req->db, &natures, 4, params, &res);
	if (s != DB_OK)
		return req_db_fail(req, s);
	*n = PQntuples(res);
	*out = req_alloc(req, sizeof **out * (size_t)(*n ? *n : 1));
	for (int i = 0; i < *n; i++)
		read_nature(req, res, i, &(*out)[i]);
	PQclear(res);
	return STATUS_OK;
}

static const struct db_stmt nature_by_code = {
	"reference_nature", "SELECT " NATURE_COLUMNS " FROM nature WHERE tenant_id = $1 AND code = $2 AND active"};

enum status reference_nature(struct request *req, const char *code, struct nature *out, bool *found)
{
	const char *params[] = {req_tenant_param(req), code};
	PGresult *res;
	enum db_status s = db_exec(req->db, &nature_by_code, 2, params, &res);
	if (s != DB_OK)
		return req_db_fail(req, s);
	*found = PQntuples(res) == 1;
	if (*found)
		read_nature(req, res, 0, out);
	PQclear(res);
	return STATUS_OK;
}

static const struct db_stmt origin_exists = {
	"reference_origin_exists", "SELECT 1 FROM contact_origin WHERE tenant_id = $1 AND code = $2 AND active"};

enum status reference_origin_exists(struct request *req, const char *code, bool *found)
{
	const char *params[] = {req_tenant_param(req), code};
	PGresult *res;
	enum db_status s = db_exec(req->db, &origin_exists, 2, params, &res);
	if (s != DB_OK)
		return req_db_fail(req, s);
	*found = PQntuples(res) == 1;
	PQclear(res);
	return STATUS_OK;
}

static const struct db_stmt origins = {
	"reference_origins",
	"SELECT code, description FROM contact_origin WHERE tenant_id = $1 AND active"
	" ORDER BY code OFFSET $2 LIMIT $3"};

enum status reference_origins(struct request *req, int offset, int limit, struct ref_item **out, int *n)
{
	const char *params[] = {req_tenant_param(req), pg_num(req, offset), pg_num(req, limit)};
	PGresult *res;
	enum db_status s = db_exec(req->db, &origins, 3, params, &res);
	if (s != DB_OK)
		return req_db_fail(req, s);
	*n = PQntuples(res);
	*out = req_alloc(req, sizeof **out * (size_t)(*n ? *n : 1));
	for (int i = 0; i < *n; i++) {
		(*out)[i].code = req_strdup(req, db_text(res, i, 0));
		(*out)[i].description = req_strdup(req, db_text(res, i, 1));
	}
	PQclear(res);
	return STATUS_OK;
}

static const struct db_stmt consultants = {
	"reference_consultants",
	"SELECT code, name, area, team_code, email FROM consultant"
	" WHERE tenant_id = $1 AND active AND ($2::text IS NULL OR area = $2)"
	"   AND ($3::text IS NULL OR team_code = $3)"
	" ORDER BY code OFFSET $4 LIMIT $5"};

enum status reference_consultants(struct request *req, const char *area, const char *team, int offset,
				  int limit, struct consultant **out, int *n)
{
	const char *params[] = {req_tenant_param(req), area, team, pg_num(req, offset), pg_num(req, limit)};
	PGresult *res;
	enum db_status s = db_exec(req->db, &consultants, 5, params, &res);
	if (s != DB_OK)
		return req_db_fail(req, s);
	*n = PQntuples(res);
	*out = req_alloc(req, sizeof **out * (size_t)(*n ? *n : 1));
	for (int i = 0; i < *n; i++) {
		struct consultant *c = &(*out)[i];
		c->code = req_strdup(req, db_text(res, i, 0));
		c->name = req_strdup(req, db_text(res, i, 1));
		c->area = req_strdup(req, db_text(res, i, 2));
		c->team = req_strdup(req, db_text(res, i, 3));
		c->email = req_strdup(req, db_text(res, i, 4));
	}
	PQclear(res);
	return STATUS_OK;
}

/* Loss reasons: those of the event type when it has any, else those without types;
 * by department, TODOS always included (CATALOG 6: "those crossed with the event
 * type if any, else those of department TODOS or SERVIÇOS"). */
static const struct db_stmt loss_reasons = {
	"reference_loss_reasons",
	"SELECT code, description, department, array_to_string(event_types, '|') FROM loss_reason"
	" WHERE tenant_id = $1 AND active"
	"   AND ($2::text IS NULL OR department IN ('TODOS', $2))"
	"   AND ($3::text IS NULL OR $3 = ANY (event_types) OR (event_types = '{}' AND NOT EXISTS ("
	"        SELECT 1 FROM loss_reason x WHERE x.tenant_id = $1 AND x.active AND $3 = ANY (x.event_types))))"
	" ORDER BY code OFFSET $4 LIMIT $5"};

enum status reference_loss_reasons(struct request *req, const char *event_type, const char *department,
				   int offset, int limit, struct loss_reason **out, int *n)
{
	const char *params[] = {req_tenant_param(req), department, event_type, pg_num(req, offset), pg_num(req, limit)};
	PGresult *res;
	enum db_status s = db_exec(req->db, &loss_reasons, 5, params, &res);
	if (s != DB_OK)
		return req_db_fail(req, s);
	*n = PQntuples(res);
	*out = req_alloc(req, sizeof **out * (size_t)(*n ? *n : 1));
	for (int i = 0; i < *n; i++) {
		struct loss_reason *r = &(*out)[i];
		r->code = req_strdup(req, db_text(res, i, 0));
		r->description = req_strdup(req, db_text(res, i, 1));
		r->department = req_strdup(req, db_text(res, i, 2));
		r->event_types = pg_split(req, db_text(res, i, 3), &r->n_event_types);
	}
	PQclear(res);
	return STATUS_OK;
}
