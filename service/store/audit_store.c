/* SPDX-License-Identifier: GPL-2.0-or-later */
/* audit_store.c - the audit trail (audit_store.h). The change set is JSON:
 * {"Campo": [antigo, novo]}, written by json_rows (one audit row per record of a
 * bulk call, so thousands per statement). */
#include "store/audit_store.h"

#include "core/db.h"
#include "store/json_rows.h"

static const struct db_stmt insert_audit = {
	"audit_insert",
	"INSERT INTO audit_log (tenant_id, entity, entity_id, action, user_id, acting_for, id_mensagem, changes)"
	" VALUES ($1, $2, $3, $4, $5, $6, $7, $8::jsonb)"};

static void changes_json(struct json_rows *j, const struct audit_change *changes, int n_changes)
{
	json_rows_raw(j, "{");
	for (int i = 0; i < n_changes; i++) {
		if (i)
			json_rows_raw(j, ",");
		json_rows_str(j, changes[i].field);
		json_rows_raw(j, ":[");
		json_rows_str(j, changes[i].old_value);
		json_rows_raw(j, ",");
		json_rows_str(j, changes[i].new_value);
		json_rows_raw(j, "]");
	}
	json_rows_raw(j, "}");
}

enum status audit_record(struct request *req, const char *entity, int64_t entity_id, const char *action,
			 const struct audit_change *changes, int n_changes)
{
	struct json_rows j;
	json_rows_init(&j, 256);
	changes_json(&j, changes, n_changes);
	const char *text = json_rows_finish(&j, req);
	if (!text)
		return STATUS_ERRO_SERVIDOR;
	const char *params[] = {req_tenant_param(req), entity, req_printf(req, "%lld", (long long)entity_id),
				action, req_user_param(req), req->acting_for, req->id_mensagem, text};
	enum db_status s = db_exec(req->db, &insert_audit, 8, params, NULL);
	return s == DB_OK ? STATUS_OK : req_db_fail(req, s);
}

/* jsonb_to_recordset, not json_: the changes column is jsonb, and taking it out of a
 * parsed jsonb is ten times cheaper than parsing each row's text again. */
static const struct db_stmt insert_audit_many = {
	"audit_insert_many",
	"INSERT INTO audit_log (tenant_id, entity, entity_id, action, user_id, acting_for, id_mensagem, changes)"
	" SELECT $1, $2, t.id, t.a, $3, $4, $5, t.c FROM jsonb_to_recordset($6::jsonb) AS t(id bigint, a text, c jsonb)"};

enum status audit_record_many(struct request *req, const char *entity, const struct audit_entry *entries, int n)
{
	if (n <= 0)
		return STATUS_OK;
	struct json_rows j;
	json_rows_init(&j, (size_t)n * 256);
	json_rows_raw(&j, "[");
	for (int i = 0; i < n; i++) {
		json_rows_raw(&j, i ? ",{\"id\":" : "{\"id\":");
		json_rows_int(&j, (long long)entries[i].entity_id);
		json_rows_raw(&j, ",\"a\":");
		json_rows_str(&j, entries[i].action);
		json_rows_raw(&j, ",\"c\":");
		changes_json(&j, entries[i].changes, entries[i].n_changes);
		json_rows_raw(&j, "}");
	}
	json_rows_raw(&j, "]");
	const char *text = json_rows_finish(&j, req);
	if (!text)
		return STATUS_ERRO_SERVIDOR;
	const char *params[] = {req_tenant_param(req), entity, req_user_param(req), req->acting_for, req->id_mensagem,
				text};
	enum db_status s = db_exec(req->db, &insert_audit_many, 6, params, NULL);
	return s == DB_OK ? STATUS_OK : req_db_fail(req, s);
}
