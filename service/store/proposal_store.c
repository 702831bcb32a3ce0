/* SPDX-License-Identifier: GPL-2.0-or-later */
/* proposal_store.c - SQL of proposals (proposal_store.h). */
#include "store/proposal_store.h"

#include "core/db.h"
#include "store/pg_value.h"

#include <stdlib.h>
#include <string.h>

#define CENTS(col) "(" col " * 100)::bigint"

#define PROPOSAL_COLUMNS                                                                           \
	"p.proposal_id, p.contact_id, p.person_id, p.stock_id, " CENTS("p.list_price") ", "         \
	CENTS("p.discount") ", " CENTS("p.final_price") ", " CENTS("p.cost") ", "                   \
	CENTS("p.trade_in_value") ", " CENTS("p.down_payment") ", p.payment, p.instalments,"        \
	" p.institution, p.appraisal_id, " PG_UTC("p.valid_until") ", p.notes, p.status,"             \
	" array_to_string(p.approval_reasons, chr(30)), u.login, " PG_UTC("p.decided_at") ","         \
	" p.decision_notes, p.version, " PG_UTC("p.created_at") ", p.valid_until <= now()"

#define PROPOSAL_FROM " FROM proposal p LEFT JOIN app_user u ON u.tenant_id = p.tenant_id AND u.user_id = p.decided_by"

static void read_proposal(struct request *req, const PGresult *res, int row, struct proposal *p)
{
	memset(p, 0, sizeof *p);
	p->id = db_int64(res, row, 0);
	p->contact_id = db_int64(res, row, 1);
	p->person_id = db_int64(res, row, 2);
	p->stock_id = db_int64(res, row, 3);
	p->price = db_int64(res, row, 4);
	p->discount = db_int64(res, row, 5);
	p->final_price = db_int64(res, row, 6);
	p->cost = db_int64(res, row, 7);
	p->trade_in = db_int64(res, row, 8);
	p->due = p->final_price - p->trade_in;
	p->has_down = db_text(res, row, 9) != NULL;
	p->down_payment = p->has_down ? db_int64(res, row, 9) : 0;
	p->payment = pg_text(req, res, row, 10);
	if (db_text(res, row, 11)) {
		int *n = req_alloc(req, sizeof *n);
		*n = db_int(res, row, 11);
		p->instalments = n;
	}
	p->institution = pg_text(req, res, row, 12);
	p->appraisal_id = db_text(res, row, 13) ? db_int64(res, row, 13) : 0;
	p->valid_until = pg_text(req, res, row, 14);
	p->notes = pg_text(req, res, row, 15);
	p->status = pg_text(req, res, row, 16);
	const char *reasons = db_text(res, row, 17);
	if (reasons && *reasons) {
		char *copy = req_strdup(req, reasons);
		int n = 1;
		for (const char *c = copy; *c; c++)
			n += *c == '\x1e';
		p->reasons = req_alloc(req, sizeof *p->reasons * (size_t)n);
		char *save = NULL;
		for (char *t = strtok_r(copy, "\x1e", &save); t; t = strtok_r(NULL, "\x1e", &save))
			p->reasons[p->n_reasons++] = t;
	}
	p->decided_by = pg_text(req, res, row, 18);
	p->decided_at = pg_text(req, res, row, 19);
	p->decision_notes = pg_text(req, res, row, 20);
	p->version = db_int(res, row, 21);
	p->created_at = pg_text(req, res, row, 22);
}

/* The reasons as a PostgreSQL array literal; each reason is our own text, quoted. */
static const char *reasons_param(struct request *req, const struct proposal *p)
{
	const char *out = "{";
	for (int i = 0; i < p->n_reasons; i++) {
		const char *r = p->reasons[i];
		char *q = req_alloc(req, 2 * strlen(r) + 1), *o = q;
		for (; *r; r++) {
			if (*r == '"' || *r == '\\')
				*o++ = '\\';
			*o++ = *r;
		}
		out = req_printf(req, "%s%s\"%s\"", out, i ? "," : "", q);
	}
	return req_printf(req, "%s}", out);
}

static const struct db_stmt insert = {
	"proposal_insert",
	"WITH p AS (INSERT INTO proposal (tenant_id, branch_id, contact_id, person_id, stock_id, list_price, discount,"
	"   final_price, cost, payment, down_payment, instalments, institution, appraisal_id, trade_in_value,"
	"   valid_until, status, approval_reasons, notes, created_by)"
	" VALUES ($1, $2, $3, $4, $5, $6::bigint / 100.0, $7::bigint / 100.0, $8::bigint / 100.0, $9::bigint / 100.0,"
	"   $10, $11::bigint / 100.0, $12, $13, $14, $15::bigint / 100.0, $16, $17, $18::text[], $19, $20)"
	" RETURNING *)"
	" SELECT " PROPOSAL_COLUMNS " FROM p LEFT JOIN app_user u ON u.tenant_id = p.tenant_id AND u.user_id = p.decided_by"};

enum status proposal_store_insert(struct request *req, const struct proposal *p, struct proposal *out)
{
	const char *params[] = {req_tenant_param(req), pg_num(req, req->branch.id), pg_num(req, p->contact_id),
				pg_num(req, p->person_id), pg_num(req, p->stock_id), pg_num(req, p->price), pg_num(req, p->discount),
				pg_num(req, p->final_price), pg_num(req, p->cost), p->payment,
				p->has_down ? pg_num(req, p->down_payment) : NULL,
				p->instalments ? req_printf(req, "%d", *p->instalments) : NULL, p->institution,
				p->appraisal_id ? pg_num(req, p->appraisal_id) : NULL, pg_num(req, p->trade_in),
				p->valid_until, p->status, reasons_param(req, p), p->notes, req_user_param(req)};
	PGresult *res;
	enum db_status s = db_exec(req->db, &insert, 20, params, &res);
	if (s != DB_OK)
		return req_db_fail(req, s);
	read_proposal(req, res, 0, out);
	PQclear(res);
	return STATUS_OK;
}

static const struct db_stmt get = {
	"proposal_get", "SELECT " PROPOSAL_COLUMNS PROPOSAL_FROM
	" WHERE p.tenant_id = $1 AND p.branch_id = $2 AND p.proposal_id = $3"};
static const struct db_stmt get_locked = {
	"proposal_get_locked", "SELECT " PROPOSAL_COLUMNS PROPOSAL_FROM
	" WHERE p.tenant_id = $1 AND p.branch_id = $2 AND p.proposal_id = $3 FOR UPDATE OF p"};

enum status proposal_store_get(struct request *req, int64_t id, bool lock, struct proposal *out, bool *found,
			       bool *expired)
{
	const char *params[] = {req_tenant_param(req), pg_num(req, req->branch.id), pg_num(req, id)};
	PGresult *res;
	enum db_status s = db_exec(req->db, lock ? &get_locked : &get, 3, params, &res);
	if (s != DB_OK)
		return req_db_fail(req, s);
	*found = PQntuples(res) == 1;
	if (*found) {
		read_proposal(req, res, 0, out);
		if (expired)
			*expired = db_bool(res, 0, 23);
	}
	PQclear(res);
	return STATUS_OK;
}

static enum status exec(struct request *req, const struct db_stmt *st, int n, const char *const *params)
{
	enum db_status s = db_exec(req->db, st, n, params, NULL);
	return s == DB_OK ? STATUS_OK : req_db_fail(req, s);
}

static const struct db_stmt decide = {
	"proposal_decide",
	"UPDATE proposal SET status = $3, decided_by = $4, decided_at = now(), decision_notes = $5,"
	" updated_at = now(), version = version + 1 WHERE tenant_id = $1 AND proposal_id = $2"};

enum status proposal_store_decide(struct request *req, int64_t id, const char *status, const char *notes)
{
	const char *params[] = {req_tenant_param(req), pg_num(req, id), status, req_user_param(req), notes};
	return exec(req, &decide, 5, params);
}

static const struct db_stmt extend = {
	"proposal_extend",
	"UPDATE proposal SET valid_until = $3, updated_at = now(), version = version + 1"
	" WHERE tenant_id = $1 AND proposal_id = $2"};

enum status proposal_store_extend(struct request *req, int64_t id, const char *valid_until)
{
	const char *params[] = {req_tenant_param(req), pg_num(req, id), valid_until};
	return exec(req, &extend, 3, params);
}

static const struct db_stmt set_status = {
	"proposal_set_status",
	"UPDATE proposal SET status = $3, updated_at = now(), version = version + 1"
	" WHERE tenant_id = $1 AND proposal_id = $2"};

enum status proposal_store_set_status(struct request *req, int64_t id, const char *status)
{
	const char *params[] = {req_tenant_param(req), pg_num(req, id), status};
	return exec(req, &set_status, 3, params);
}

static const struct db_stmt trade_in_used = {
	"proposal_trade_in_used",
	"SELECT proposal_id FROM proposal WHERE tenant_id = $1 AND appraisal_id = $2"
	" AND status IN ('ABERTA', 'AGUARDANDO_APROVACAO', 'APROVADA', 'VENDIDA') LIMIT 1"};

enum status proposal_store_trade_in_used(struct request *req, int64_t appraisal_id, int64_t *by)
{
	const char *params[] = {req_tenant_param(req), pg_num(req, appraisal_id)};
	PGresult *res;
	enum db_status s = db_exec(req->db, &trade_in_used, 2, params, &res);
	if (s != DB_OK)
		return req_db_fail(req, s);
	*by = PQntuples(res) ? db_int64(res, 0, 0) : 0;
	PQclear(res);
	return STATUS_OK;
}

static const struct db_stmt close_vehicle = {
	"proposal_close_vehicle",
	"UPDATE proposal SET status = 'ENCERRADA', updated_at = now(), version = version + 1"
	" WHERE tenant_id = $1 AND stock_id = $2 AND proposal_id <> $3"
	" AND status IN ('ABERTA', 'AGUARDANDO_APROVACAO', 'APROVADA')"};
static const struct db_stmt close_contact = {
	"proposal_close_contact",
	"UPDATE proposal SET status = 'ENCERRADA', updated_at = now(), version = version + 1"
	" WHERE tenant_id = $1 AND contact_id = $2 AND proposal_id <> $3"
	" AND status IN ('ABERTA', 'AGUARDANDO_APROVACAO', 'APROVADA')"};

static enum status close_where(struct request *req, const struct db_stmt *st, int64_t key, int64_t except, int *n)
{
	const char *params[] = {req_tenant_param(req), pg_num(req, key), pg_num(req, except)};
	PGresult *res;
	enum db_status s = db_exec(req->db, st, 3, params, &res);
	if (s != DB_OK)
		return req_db_fail(req, s);
	*n = atoi(PQcmdTuples(res));
	PQclear(res);
	return STATUS_OK;
}

enum status proposal_store_close_vehicle(struct request *req, int64_t stock_id, int64_t except, int *n)
{
	return close_where(req, &close_vehicle, stock_id, except, n);
}

enum status proposal_store_close_contact(struct request *req, int64_t contact_id, int64_t except, int *n)
{
	return close_where(req, &close_contact, contact_id, except, n);
}

static const struct db_stmt list = {
	"proposal_list",
	"SELECT " PROPOSAL_COLUMNS PROPOSAL_FROM
	" WHERE p.tenant_id = $1 AND p.branch_id = $2 AND p.proposal_id > $3"
	"   AND ($5::bigint IS NULL OR p.contact_id = $5) AND ($6::bigint IS NULL OR p.stock_id = $6)"
	"   AND ($7::text IS NULL OR p.status = $7)"
	" ORDER BY p.proposal_id LIMIT $4"};

enum status proposal_store_list(struct request *req, const struct proposal_filter *f, int64_t after, int limit,
				struct proposal **out, int *n)
{
	const char *params[] = {req_tenant_param(req), pg_num(req, req->branch.id), pg_num(req, after), pg_num(req, limit),
				f->contact_id ? pg_num(req, *f->contact_id) : NULL,
				f->stock_id ? pg_num(req, *f->stock_id) : NULL, f->status};
	PGresult *res;
	enum db_status s = db_exec(req->db, &list, 7, params, &res);
	if (s != DB_OK)
		return req_db_fail(req, s);
	*n = PQntuples(res);
	*out = *n ? req_alloc(req, sizeof **out * (size_t)*n) : NULL;
	for (int i = 0; i < *n; i++)
		read_proposal(req, res, i, &(*out)[i]);
	PQclear(res);
	return STATUS_OK;
}
