/* SPDX-License-Identifier: GPL-2.0-or-later */
/* request_key_store.c - SQL of the idempotency keys (request_key_store.h). */
#include "store/request_key_store.h"

static const struct db_stmt claim = {
	"request_key_claim",
	"INSERT INTO request_key (tenant_id, id_mensagem, operation, request_hash, user_id)"
	" VALUES ($1, $2, $3, $4, $5) ON CONFLICT DO NOTHING RETURNING 1"};

static const struct db_stmt fetch = {
	"request_key_fetch",
	"SELECT operation, request_hash, status, response_xml,"
	"       to_char(created_at AT TIME ZONE 'UTC', 'YYYY-MM-DD\"T\"HH24:MI:SS\"Z\"')"
	"  FROM request_key WHERE tenant_id = $1 AND id_mensagem = $2"};

static const struct db_stmt finish = {
	"request_key_finish",
	"UPDATE request_key SET status = $3, response_xml = $4"
	" WHERE tenant_id = $1 AND id_mensagem = $2"};

static enum db_status load(struct request *req, const char *id, bool *found, struct stored_outcome *o)
{
	const char *params[] = {req_tenant_param(req), id};
	PGresult *res;
	enum db_status s = db_exec(req->db, &fetch, 2, params, &res);
	*found = false;
	if (s != DB_OK)
		return s;
	if (PQntuples(res) == 1) {
		*found = true;
		o->operation = req_strdup(req, db_text(res, 0, 0));
		o->request_hash = req_strdup(req, db_text(res, 0, 1));
		o->status = req_strdup(req, db_text(res, 0, 2));
		o->response_xml = req_strdup(req, db_text(res, 0, 3));
		o->processed_at = req_strdup(req, db_text(res, 0, 4));
	}
	PQclear(res);
	return DB_OK;
}

enum db_status request_key_claim(struct request *req, const char *hash, bool *first,
				 struct stored_outcome *stored)
{
	const char *params[] = {req_tenant_param(req), req->id_mensagem, req->operation, hash,
				req_user_param(req)};
	PGresult *res;
	enum db_status s = db_exec(req->db, &claim, 5, params, &res);
	if (s != DB_OK)
		return s;
	*first = PQntuples(res) == 1;
	PQclear(res);
	if (*first)
		return DB_OK;
	bool found;
	s = load(req, req->id_mensagem, &found, stored);
	if (s == DB_OK && !found)
		s = DB_RETRY;	/* the twin rolled back between our INSERT and SELECT */
	return s;
}

enum db_status request_key_finish(struct request *req, const char *status, const char *xml)
{
	const char *params[] = {req_tenant_param(req), req->id_mensagem, status, xml};
	return db_exec(req->db, &finish, 4, params, NULL);
}

enum db_status request_key_find(struct request *req, const char *id_mensagem, bool *found,
				struct stored_outcome *stored)
{
	return load(req, id_mensagem, found, stored);
}
