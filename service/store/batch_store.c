/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * batch_store.c - SQL of the batch bookkeeping (batch_store.h).
 *
 * The rule to know: sets travel as one JSON parameter (store/json_rows.h) and are
 * expanded by json_to_recordset / json_array_elements_text, so the number of
 * round trips never depends on the number of records. (json, not jsonb: the text is
 * read once, three to four times faster than building a jsonb of it first.)
 */
#include "store/batch_store.h"

#include "core/db.h"
#include "store/json_rows.h"
#include "store/pg_value.h"

#include <jansson.h>
#include <stdlib.h>
#include <string.h>

static const char *const outcome_names[] = {"CRIADO", "ATUALIZADO", "REPROCESSADO", "REJEITADO"};

static enum batch_outcome outcome_of(const char *s)
{
	for (int i = 0; i < 4; i++)
		if (s && !strcmp(s, outcome_names[i]))
			return (enum batch_outcome)i;
	return BATCH_REJECTED;
}

static enum status status_of(const char *code)
{
	for (int s = 1; s < STATUS_COUNT; s++)
		if (code && !strcmp(code, status_code((enum status)s)))
			return (enum status)s;
	return STATUS_VALOR_INVALIDO;
}

static void messages_json(struct json_rows *j, const struct batch_item *it)
{
	json_rows_raw(j, "[");
	for (int i = 0; i < it->n_messages; i++) {
		const struct message *m = &it->messages[i];
		json_rows_raw(j, i ? ",{\"codigo\":" : "{\"codigo\":");
		json_rows_str(j, status_code(m->code));
		json_rows_raw(j, ",\"severidade\":");
		json_rows_str(j, m->severity == SEVERITY_ERROR	   ? "Erro"
				 : m->severity == SEVERITY_WARNING ? "Aviso"
								   : "Info");
		json_rows_raw(j, ",\"campo\":");
		json_rows_str(j, m->field);
		json_rows_raw(j, ",\"texto\":");
		json_rows_str(j, m->text ? m->text : "");
		json_rows_raw(j, "}");
	}
	json_rows_raw(j, "]");
}

static void messages_from(struct request *req, const char *text, struct batch_item *it)
{
	it->messages = NULL;
	it->n_messages = 0;
	json_t *a = text ? json_loads(text, 0, NULL) : NULL;
	if (!json_is_array(a)) {
		json_decref(a);
		return;
	}
	size_t n = json_array_size(a);
	it->messages = req_alloc(req, sizeof *it->messages * (n ? n : 1));
	for (size_t i = 0; i < n; i++) {
		json_t *m = json_array_get(a, i);
		const char *sev = json_string_value(json_object_get(m, "severidade"));
		const char *field = json_string_value(json_object_get(m, "campo"));
		struct message *out = &it->messages[it->n_messages++];
		out->code = status_of(json_string_value(json_object_get(m, "codigo")));
		out->severity = sev && !strcmp(sev, "Erro")    ? SEVERITY_ERROR
				: sev && !strcmp(sev, "Aviso") ? SEVERITY_WARNING
							       : SEVERITY_INFO;
		out->field = field ? req_strdup(req, field) : NULL;
		out->text = req_strdup(req, json_string_value(json_object_get(m, "texto")));
	}
	json_decref(a);
}

/* ---- writes ------------------------------------------------------------------- */

static const struct db_stmt open_batch = {
	"batch_open",
	"INSERT INTO batch (tenant_id, batch_id, operation, declared_total, user_id)"
	" VALUES ($1, $2, $3, $4, $5) ON CONFLICT DO NOTHING"};

enum status batch_store_open(struct request *req, const struct batch *b)
{
	const char *params[] = {req_tenant_param(req), b->id, b->operation,
				b->declared_total ? req_printf(req, "%d", *b->declared_total) : NULL,
				req_user_param(req)};
	enum db_status s = db_exec(req->db, &open_batch, 5, params, NULL);
	return s == DB_OK ? STATUS_OK : req_db_fail(req, s);
}

static const struct db_stmt record_items = {
	"batch_record",
	"INSERT INTO batch_item (tenant_id, record_key, operation, batch_id, sequence, record_hash, outcome,"
	" entity_id, messages, id_mensagem)"
	" SELECT $1, t.k, $2, $3, t.s, t.h, t.o, t.e, COALESCE(t.m, '[]'), $4"
	" FROM json_to_recordset($5::json) AS t(k text, s int, h text, o text, e bigint, m json)"};

enum status batch_store_record(struct request *req, const struct batch *b)
{
	if (req->dry_run)
		return STATUS_OK;	/* SomenteValidar: no batch row was created either */
	struct json_rows j;
	json_rows_init(&j, (size_t)b->n * 160);
	json_rows_raw(&j, "[");
	int rows = 0;
	for (int i = 0; i < b->n; i++) {
		const struct batch_item *it = &b->items[i];
		if (it->known)
			continue;
		json_rows_raw(&j, rows++ ? ",{\"k\":" : "{\"k\":");
		json_rows_str(&j, it->key);
		json_rows_raw(&j, ",\"h\":");
		json_rows_str(&j, it->hash);
		json_rows_raw(&j, ",\"o\":");
		json_rows_str(&j, outcome_names[it->outcome]);
		if (it->sequence) {
			json_rows_raw(&j, ",\"s\":");
			json_rows_int(&j, *it->sequence);
		}
		if (it->outcome != BATCH_REJECTED) {
			json_rows_raw(&j, ",\"e\":");
			json_rows_int(&j, (long long)it->entity_id);
		}
		if (it->n_messages) {
			json_rows_raw(&j, ",\"m\":");
			messages_json(&j, it);
		}
		json_rows_raw(&j, "}");
	}
	json_rows_raw(&j, "]");
	const char *text = json_rows_finish(&j, req);
	if (!rows)
		return STATUS_OK;
	const char *params[] = {req_tenant_param(req), b->operation, b->id, req->id_mensagem, text};
	if (!params[4])
		return STATUS_ERRO_SERVIDOR;
	enum db_status s = db_exec(req->db, &record_items, 5, params, NULL);
	if (s == DB_UNIQUE) {
		/* A concurrent call with some of our keys committed first: running again
		 * replays them (see raced() in domain/batch.c). */
		req_race(req);
		return STATUS_INDISPONIVEL;
	}
	return s == DB_OK ? STATUS_OK : req_db_fail(req, s);
}

/* ---- savepoints ------------------------------------------------------------- */

static enum status command(struct request *req, const char *sql)
{
	enum db_status s = db_command(req->db, sql);
	return s == DB_OK ? STATUS_OK : req_db_fail(req, s);
}

static const char *const savepoint_sql[][3] = {
	[BATCH_SAVEPOINT_BULK] = {"SAVEPOINT batch_bulk", "ROLLBACK TO SAVEPOINT batch_bulk", "RELEASE SAVEPOINT batch_bulk"},
	[BATCH_SAVEPOINT_ITEM] = {"SAVEPOINT batch_item", "ROLLBACK TO SAVEPOINT batch_item", "RELEASE SAVEPOINT batch_item"},
	[BATCH_SAVEPOINT_PLAN] = {"SAVEPOINT batch_plan", "ROLLBACK TO SAVEPOINT batch_plan", "RELEASE SAVEPOINT batch_plan"},
};

enum status batch_store_savepoint(struct request *req, enum batch_savepoint which)
{
	return command(req, savepoint_sql[which][0]);
}

enum status batch_store_rollback_to(struct request *req, enum batch_savepoint which)
{
	return command(req, savepoint_sql[which][1]);
}

enum status batch_store_release(struct request *req, enum batch_savepoint which)
{
	return command(req, savepoint_sql[which][2]);
}

/* ---- reads ------------------------------------------------------------------- */

static const struct db_stmt lookup = {
	"batch_lookup",
	"SELECT record_key, operation, record_hash, outcome, entity_id, messages::text FROM batch_item"
	" WHERE tenant_id = $1 AND record_key IN (SELECT json_array_elements_text($2::json))"};

enum status batch_store_lookup(struct request *req, const struct batch *b, batch_found_fn found, void *ctx)
{
	struct json_rows j;
	json_rows_init(&j, (size_t)b->n * 48);
	json_rows_raw(&j, "[");
	int n = 0;
	for (int i = 0; i < b->n; i++)
		if (!b->items[i].decided) {
			json_rows_raw(&j, n++ ? "," : "");
			json_rows_str(&j, b->items[i].key);
		}
	json_rows_raw(&j, "]");
	const char *text = json_rows_finish(&j, req);
	if (!n)
		return STATUS_OK;
	const char *params[] = {req_tenant_param(req), text};
	if (!params[1])
		return STATUS_ERRO_SERVIDOR;
	PGresult *res;
	enum db_status s = db_exec(req->db, &lookup, 2, params, &res);
	if (s != DB_OK)
		return req_db_fail(req, s);
	for (int row = 0; row < PQntuples(res); row++) {
		struct batch_item stored = {0};
		stored.outcome = outcome_of(db_text(res, row, 3));
		stored.entity_id = db_text(res, row, 4) ? db_int64(res, row, 4) : 0;
		messages_from(req, db_text(res, row, 5), &stored);
		found(ctx, db_text(res, row, 0), db_text(res, row, 1), db_text(res, row, 2), &stored);
	}
	PQclear(res);
	return STATUS_OK;
}

static const struct db_stmt get_batch = {
	"batch_get",
	"SELECT b.batch_id, b.operation, b.declared_total, c.created, c.updated, c.rejected,"
	" " PG_UTC("b.created_at") ", " PG_UTC("greatest(b.created_at, c.last)")
	" FROM batch b, LATERAL (SELECT count(*) FILTER (WHERE outcome = 'CRIADO') AS created,"
	"   count(*) FILTER (WHERE outcome = 'ATUALIZADO') AS updated,"
	"   count(*) FILTER (WHERE outcome = 'REJEITADO') AS rejected, max(processed_at) AS last"
	"   FROM batch_item i WHERE i.tenant_id = b.tenant_id AND i.batch_id = b.batch_id) c"
	" WHERE b.tenant_id = $1 AND b.batch_id = $2"};

enum status batch_store_get(struct request *req, const char *id, struct batch_info *info, bool *found)
{
	const char *params[] = {req_tenant_param(req), id};
	PGresult *res;
	enum db_status s = db_exec(req->db, &get_batch, 2, params, &res);
	if (s != DB_OK)
		return req_db_fail(req, s);
	*found = PQntuples(res) == 1;
	if (*found) {
		memset(info, 0, sizeof *info);
		info->id = req_strdup(req, db_text(res, 0, 0));
		info->operation = req_strdup(req, db_text(res, 0, 1));
		if (db_text(res, 0, 2)) {
			int *total = req_alloc(req, sizeof *total);
			*total = db_int(res, 0, 2);
			info->declared_total = total;
		}
		info->created = db_int(res, 0, 3);
		info->updated = db_int(res, 0, 4);
		info->rejected = db_int(res, 0, 5);
		info->created_at = req_strdup(req, db_text(res, 0, 6));
		info->updated_at = req_strdup(req, db_text(res, 0, 7));
	}
	PQclear(res);
	return STATUS_OK;
}

static const struct db_stmt list_items = {
	"batch_items",
	"SELECT item_id, record_key, sequence, outcome, entity_id, messages::text FROM batch_item"
	" WHERE tenant_id = $1 AND batch_id = $2 AND item_id > $3"
	"   AND ($4::boolean IS NOT TRUE OR outcome = 'REJEITADO')"
	" ORDER BY item_id LIMIT $5"};

enum status batch_store_items(struct request *req, const char *id, bool only_rejected, int64_t after,
			      int limit, struct batch_item **items, int *n)
{
	const char *params[] = {req_tenant_param(req), id, req_printf(req, "%lld", (long long)after),
				only_rejected ? "true" : "false", req_printf(req, "%d", limit)};
	PGresult *res;
	enum db_status s = db_exec(req->db, &list_items, 5, params, &res);
	if (s != DB_OK)
		return req_db_fail(req, s);
	*n = PQntuples(res);
	*items = req_alloc(req, sizeof **items * (size_t)(*n ? *n : 1));
	for (int row = 0; row < *n; row++) {
		struct batch_item *it = &(*items)[row];
		it->item_no = db_int64(res, row, 0);
		it->key = req_strdup(req, db_text(res, row, 1));
		if (db_text(res, row, 2)) {
			int *seq = req_alloc(req, sizeof *seq);
			*seq = db_int(res, row, 2);
			it->sequence = seq;
		}
		it->outcome = outcome_of(db_text(res, row, 3));
		it->entity_id = db_text(res, row, 4) ? db_int64(res, row, 4) : 0;
		messages_from(req, db_text(res, row, 5), it);
	}
	PQclear(res);
	return STATUS_OK;
}

enum status batch_store_write_status(struct request *req, enum db_status s, bool *constraint)
{
	*constraint = s == DB_UNIQUE || s == DB_CHECK || s == DB_FOREIGN_KEY || s == DB_DATA;
	if (*constraint) {
		req->sqlstate = req_strdup(req, db_last_sqlstate(req->db));
		return s == DB_UNIQUE ? STATUS_JA_EXISTENTE : STATUS_VALOR_INVALIDO;
	}
	return s == DB_OK ? STATUS_OK : req_db_fail(req, s);
}

enum status batch_store_ids_missing(struct request *req, const struct db_stmt *st, int n, const int64_t *const *ids,
				    bool *missing)
{
	struct json_rows j;
	json_rows_init(&j, (size_t)n * 12);
	json_rows_raw(&j, "[");
	int listed = 0;
	for (int i = 0; i < n; i++) {
		missing[i] = false;
		if (ids[i]) {
			json_rows_raw(&j, listed++ ? "," : "");
			json_rows_int(&j, (long long)*ids[i]);
		}
	}
	json_rows_raw(&j, "]");
	const char *text = json_rows_finish(&j, req);
	if (!listed)
		return STATUS_OK;
	if (!text)
		return STATUS_ERRO_SERVIDOR;
	const char *params[] = {req_tenant_param(req), text};
	PGresult *res;
	enum db_status s = db_exec(req->db, st, 2, params, &res);
	if (s != DB_OK)
		return req_db_fail(req, s);
	for (int row = 0; row < PQntuples(res); row++) {
		int64_t id = db_int64(res, row, 0);
		for (int i = 0; i < n; i++)
			if (ids[i] && *ids[i] == id)
				missing[i] = true;
	}
	PQclear(res);
	return STATUS_OK;
}
