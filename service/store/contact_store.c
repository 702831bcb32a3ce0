/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * contact_store.c - SQL of atendimentos, interactions, next contacts and the agenda
 * (contact_store.h).
 *
 * The rule to know: $1 is always the caller's tenant, and statements on atendimentos
 * take the request's branch too, so an id of another tenant or branch finds nothing.
 * Timestamps leave as xsd:dateTime in UTC; the agenda's instants leave as epoch
 * microseconds as well, so that agenda_classify() compares exactly what SQL compared.
 */
#include "store/contact_store.h"

#include "core/db.h"
#include "store/batch_store.h"
#include "store/json_rows.h"
#include "store/pg_value.h"

#include <stdlib.h>
#include <string.h>

#define EPOCH_US(x) "(extract(epoch FROM " x ") * 1000000)::bigint"

static const char *branch_param(struct request *req)
{
	return pg_num(req, req->branch.id);
}

/* Runs a statement; a failure becomes the operation's status (req_db_fail). */
static enum status run(struct request *req, const struct db_stmt *st, int n, const char *const *params,
		       PGresult **res)
{
	enum db_status s = db_exec(req->db, st, n, params, res);
	return s == DB_OK ? STATUS_OK : req_db_fail(req, s);
}

/* A statement answering at most one row: *found, and its first column (arena). */
static enum status one_text(struct request *req, const struct db_stmt *st, int n, const char *const *params,
			    bool *found, const char **value)
{
	PGresult *res;
	enum status s = run(req, st, n, params, &res);
	if (s != STATUS_OK)
		return s;
	*found = PQntuples(res) > 0;
	if (value)
		*value = *found ? req_strdup(req, db_text(res, 0, 0)) : NULL;
	PQclear(res);
	return STATUS_OK;
}

/* ---- lookups ------------------------------------------------------------------ */

static const struct db_stmt consultant_active = {
	"contact_consultant_active", "SELECT 1 FROM consultant WHERE tenant_id = $1 AND code = $2 AND active"};

enum status contact_store_consultant_active(struct request *req, const char *code, bool *found)
{
	const char *params[] = {req_tenant_param(req), code};
	return one_text(req, &consultant_active, 2, params, found, NULL);
}

/* Busy = open atendimentos across the tenant: a consultant's load is all of it. */
static const struct db_stmt least_busy = {
	"contact_least_busy",
	"SELECT k.code FROM consultant k"
	" LEFT JOIN contact c ON c.tenant_id = k.tenant_id AND c.responsible_code = k.code AND c.status = 'ABERTO'"
	" WHERE k.tenant_id = $1 AND k.team_code = $2 AND k.active"
	" GROUP BY k.code ORDER BY count(c.contact_id), k.code COLLATE \"C\" LIMIT 1"};

enum status contact_store_least_busy(struct request *req, const char *team, const char **code)
{
	const char *params[] = {req_tenant_param(req), team};
	bool found;
	return one_text(req, &least_busy, 2, params, &found, code);
}

static const struct db_stmt loss_reason = {
	"contact_loss_reason", "SELECT department FROM loss_reason WHERE tenant_id = $1 AND code = $2 AND active"};

enum status contact_store_loss_reason(struct request *req, const char *code, const char **department)
{
	const char *params[] = {req_tenant_param(req), code};
	bool found;
	return one_text(req, &loss_reason, 2, params, &found, department);
}

static const struct db_stmt by_external_id = {
	"contact_by_external_id", "SELECT contact_id FROM contact WHERE tenant_id = $1 AND external_id = $2"};

enum status contact_store_by_external_id(struct request *req, const char *external_id, int64_t *id)
{
	const char *params[] = {req_tenant_param(req), external_id};
	bool found;
	const char *text;
	enum status s = one_text(req, &by_external_id, 2, params, &found, &text);
	*id = found && text ? strtoll(text, NULL, 10) : 0;
	return s;
}

/* A transaction-scoped advisory lock on (tenant, person, natureza): the check for an
 * open atendimento and the insert that follows it become one step. */
static const struct db_stmt lock_person_nature = {
	"contact_lock_person_nature",
	"SELECT pg_advisory_xact_lock(hashtextextended('contact:' || $1::text || ':' || $2::text || ':' || $3::text, 0))"};

enum status contact_store_lock_person_nature(struct request *req, int64_t person_id, const char *nature)
{
	const char *params[] = {req_tenant_param(req), pg_num(req, person_id), nature};
	PGresult *res;
	enum status s = run(req, &lock_person_nature, 3, params, &res);
	if (s == STATUS_OK)
		PQclear(res);
	return s;
}

static const struct db_stmt find_open = {
	"contact_find_open",
	"SELECT contact_id FROM contact"
	" WHERE tenant_id = $1 AND branch_id = $2 AND person_id = $3 AND nature_code = $4 AND status = 'ABERTO'"
	"   AND contact_id <> $5 ORDER BY contact_id LIMIT 1"};

enum status contact_store_find_open(struct request *req, int64_t person_id, const char *nature,
				    int64_t exclude, int64_t *id)
{
	const char *params[] = {req_tenant_param(req), branch_param(req), pg_num(req, person_id), nature,
				pg_num(req, exclude)};
	bool found;
	const char *text;
	enum status s = one_text(req, &find_open, 5, params, &found, &text);
	*id = found && text ? strtoll(text, NULL, 10) : 0;
	return s;
}

/* ---- atendimentos ----------------------------------------------------------------- */

static const struct db_stmt insert_contact = {
	"contact_insert",
	"INSERT INTO contact (tenant_id, external_id, branch_id, person_id, nature_code, area, origin_code,"
	" channel, description, vehicle_id, interest_model, interest_trim, interest_color, interest_year,"
	" wants_new_car, responsible_code, team_code, linked_contact_id)"
	" VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14, $15, $16, $17, $18)"
	" RETURNING contact_id"};

enum status contact_store_insert(struct request *req, const struct contact *c, int64_t *id)
{
	const char *params[] = {
		req_tenant_param(req), c->external_id, branch_param(req), pg_num(req, c->person_id), c->nature,
		c->area, c->origin, c->channel, c->description,
		c->has_vehicle ? pg_num(req, c->vehicle_id) : NULL,
		c->interest.model, c->interest.trim, c->interest.color,
		c->interest.has_year ? pg_num(req, c->interest.year) : NULL,
		c->wants_new_car ? "true" : "false", c->responsible, c->team,
		c->linked_id ? pg_num(req, c->linked_id) : NULL};
	PGresult *res;
	enum db_status d = db_exec(req->db, &insert_contact, 18, params, &res);
	if (d == DB_UNIQUE && !strcmp(db_last_constraint(req->db), "contact_external_id"))
		return STATUS_JA_EXISTENTE;
	if (d != DB_OK)
		return req_db_fail(req, d);
	*id = db_int64(res, 0, 0);
	PQclear(res);
	return STATUS_OK;
}

#define CONTACT_SELECT                                                                                       \
	"SELECT c.contact_id, c.external_id, b.code, c.person_id, c.nature_code, c.area, c.origin_code,"    \
	" c.channel, c.description, c.vehicle_id, c.interest_model, c.interest_trim, c.interest_color,"     \
	" c.interest_year, c.wants_new_car, c.responsible_code, c.team_code, c.status, c.loss_reason_code," \
	" c.linked_contact_id, c.version, " PG_UTC("c.opened_at") ", " PG_UTC("c.closed_at") ","                   \
	" " PG_UTC("c.updated_at") ", n.department,"                                                          \
	" nc.next_contact_id, " PG_UTC("nc.due_at") ", nc.responsible_code, nc.kind, nc.notes"                 \
	" FROM contact c"                                                                                    \
	" JOIN branch b ON b.tenant_id = c.tenant_id AND b.branch_id = c.branch_id"                          \
	" JOIN nature n ON n.tenant_id = c.tenant_id AND n.code = c.nature_code"                             \
	" LEFT JOIN next_contact nc"                                                                         \
	"   ON nc.tenant_id = c.tenant_id AND nc.contact_id = c.contact_id AND nc.done_at IS NULL"

static void read_contact(struct request *req, const PGresult *res, int row, struct contact *c)
{
	memset(c, 0, sizeof *c);
	c->id = db_int64(res, row, 0);
	c->external_id = req_strdup(req, db_text(res, row, 1));
	c->branch = req_strdup(req, db_text(res, row, 2));
	c->has_person = true;
	c->person_id = db_int64(res, row, 3);
	c->nature = req_strdup(req, db_text(res, row, 4));
	c->area = req_strdup(req, db_text(res, row, 5));
	c->origin = req_strdup(req, db_text(res, row, 6));
	c->channel = req_strdup(req, db_text(res, row, 7));
	c->description = req_strdup(req, db_text(res, row, 8));
	c->has_vehicle = db_text(res, row, 9) != NULL;
	c->vehicle_id = db_int64(res, row, 9);
	c->interest.model = req_strdup(req, db_text(res, row, 10));
	c->interest.trim = req_strdup(req, db_text(res, row, 11));
	c->interest.color = req_strdup(req, db_text(res, row, 12));
	c->interest.has_year = db_text(res, row, 13) != NULL;
	c->interest.year = db_int(res, row, 13);
	c->has_interest = c->interest.model || c->interest.trim || c->interest.color || c->interest.has_year;
	c->wants_new_car = db_bool(res, row, 14);
	c->responsible = req_strdup(req, db_text(res, row, 15));
	c->team = req_strdup(req, db_text(res, row, 16));
	c->status = req_strdup(req, db_text(res, row, 17));
	c->loss_reason = req_strdup(req, db_text(res, row, 18));
	c->linked_id = db_int64(res, row, 19);
	c->version = db_int(res, row, 20);
	c->opened_at = req_strdup(req, db_text(res, row, 21));
	c->closed_at = req_strdup(req, db_text(res, row, 22));
	c->updated_at = req_strdup(req, db_text(res, row, 23));
	c->nature_department = req_strdup(req, db_text(res, row, 24));
	if (db_text(res, row, 25)) {
		struct next_contact *nc = req_alloc(req, sizeof *nc);
		nc->id = db_int64(res, row, 25);
		nc->due_at = req_strdup(req, db_text(res, row, 26));
		nc->responsible = req_strdup(req, db_text(res, row, 27));
		nc->kind = req_strdup(req, db_text(res, row, 28));
		nc->notes = req_strdup(req, db_text(res, row, 29));
		c->next = nc;
	}
}

static const struct db_stmt load_contact = {
	"contact_load", CONTACT_SELECT " WHERE c.tenant_id = $1 AND c.branch_id = $2 AND c.contact_id = $3"};
static const struct db_stmt load_contact_lock = {
	"contact_load_lock",
	CONTACT_SELECT " WHERE c.tenant_id = $1 AND c.branch_id = $2 AND c.contact_id = $3 FOR UPDATE OF c"};

enum status contact_store_load(struct request *req, const int64_t *id, const char *external_id, bool lock,
			       struct contact *out, bool *found)
{
	*found = false;
	int64_t key = id ? *id : 0;
	if (external_id) {
		int64_t by_ext;
		enum status s = contact_store_by_external_id(req, external_id, &by_ext);
		if (s != STATUS_OK)
			return s;
		if (!by_ext || (id && *id != by_ext))
			return STATUS_OK;
		key = by_ext;
	}
	const char *params[] = {req_tenant_param(req), branch_param(req), pg_num(req, key)};
	PGresult *res;
	enum status s = run(req, lock ? &load_contact_lock : &load_contact, 3, params, &res);
	if (s != STATUS_OK)
		return s;
	*found = PQntuples(res) == 1;
	if (*found)
		read_contact(req, res, 0, out);
	PQclear(res);
	return STATUS_OK;
}

static const struct db_stmt interactions = {
	"contact_interactions",
	"SELECT i.interaction_id, i.channel, i.outcome, i.body, " PG_UTC("i.happened_at") ","
	" COALESCE(i.acting_for, u.login)"
	" FROM contact_interaction i JOIN app_user u ON u.tenant_id = i.tenant_id AND u.user_id = i.user_id"
	" WHERE i.tenant_id = $1 AND i.contact_id = $2 ORDER BY i.happened_at, i.interaction_id"};

enum status contact_store_interactions(struct request *req, struct contact *c)
{
	const char *params[] = {req_tenant_param(req), pg_num(req, c->id)};
	PGresult *res;
	enum status s = run(req, &interactions, 2, params, &res);
	if (s != STATUS_OK)
		return s;
	int n = PQntuples(res);
	c->n_interactions = n;
	c->interactions = req_alloc(req, sizeof *c->interactions * (size_t)(n ? n : 1));
	for (int i = 0; i < n; i++) {
		struct contact_interaction *it = &c->interactions[i];
		it->id = db_int64(res, i, 0);
		it->channel = req_strdup(req, db_text(res, i, 1));
		it->outcome = req_strdup(req, db_text(res, i, 2));
		it->body = req_strdup(req, db_text(res, i, 3));
		it->happened_at = req_strdup(req, db_text(res, i, 4));
		it->user = req_strdup(req, db_text(res, i, 5));
	}
	PQclear(res);
	return STATUS_OK;
}

static const struct db_stmt list_contacts = {
	"contact_list",
	CONTACT_SELECT
	" WHERE c.tenant_id = $1 AND c.branch_id = $2 AND c.contact_id > $3"
	"   AND ($4::bigint IS NULL OR c.person_id = $4) AND ($5::text IS NULL OR c.nature_code = $5)"
	"   AND ($6::text IS NULL OR c.status = $6) AND ($7::text IS NULL OR c.responsible_code = $7)"
	"   AND ($8::timestamptz IS NULL OR c.updated_at >= $8)"
	" ORDER BY c.contact_id LIMIT $9"};

enum status contact_store_list(struct request *req, const struct contact_filter *f, int64_t after, int limit,
			       struct contact **out, int *n)
{
	const char *params[] = {req_tenant_param(req), branch_param(req), pg_num(req, after),
				f->person_id ? pg_num(req, *f->person_id) : NULL, f->nature, f->status,
				f->responsible, f->changed_since, pg_num(req, limit)};
	PGresult *res;
	enum status s = run(req, &list_contacts, 9, params, &res);
	if (s != STATUS_OK)
		return s;
	*n = PQntuples(res);
	*out = req_alloc(req, sizeof **out * (size_t)(*n ? *n : 1));
	for (int i = 0; i < *n; i++)
		read_contact(req, res, i, &(*out)[i]);
	PQclear(res);
	return STATUS_OK;
}

/* Runs an UPDATE ... RETURNING version; *version 0 when no row matched. */
static enum status returning_version(struct request *req, const struct db_stmt *st, int n,
				     const char *const *params, int *version)
{
	PGresult *res;
	enum status s = run(req, st, n, params, &res);
	if (s != STATUS_OK)
		return s;
	*version = PQntuples(res) == 1 ? db_int(res, 0, 0) : 0;
	PQclear(res);
	return STATUS_OK;
}

static const struct db_stmt set_routing = {
	"contact_set_routing",
	"UPDATE contact SET nature_code = $5, area = $6, team_code = $7, responsible_code = $8,"
	" version = version + 1, updated_at = now()"
	" WHERE tenant_id = $1 AND branch_id = $2 AND contact_id = $3 AND version = $4 RETURNING version"};

enum status contact_store_set_routing(struct request *req, const struct contact *c, int *version)
{
	const char *params[] = {req_tenant_param(req), branch_param(req), pg_num(req, c->id), pg_num(req, c->version),
				c->nature, c->area, c->team, c->responsible};
	return returning_version(req, &set_routing, 8, params, version);
}

static const struct db_stmt close_contact = {
	"contact_close",
	"UPDATE contact SET status = $4, loss_reason_code = $5, closed_at = now(), version = version + 1,"
	" updated_at = now()"
	" WHERE tenant_id = $1 AND branch_id = $2 AND contact_id = $3 AND status = 'ABERTO' RETURNING version"};

enum status contact_store_close(struct request *req, int64_t id, const char *status, const char *loss,
				int *version)
{
	const char *params[] = {req_tenant_param(req), branch_param(req), pg_num(req, id), status, loss};
	return returning_version(req, &close_contact, 5, params, version);
}

static const struct db_stmt touch_contact = {
	"contact_touch",
	"UPDATE contact SET updated_at = now(), version = version + $4::int"
	" WHERE tenant_id = $1 AND branch_id = $2 AND contact_id = $3 RETURNING version"};

enum status contact_store_touch(struct request *req, int64_t id, bool bump, int *version)
{
	const char *params[] = {req_tenant_param(req), branch_param(req), pg_num(req, id), bump ? "1" : "0"};
	return returning_version(req, &touch_contact, 4, params, version);
}

static const struct db_stmt add_interaction = {
	"contact_add_interaction",
	"INSERT INTO contact_interaction (tenant_id, contact_id, channel, outcome, body, happened_at, user_id,"
	" acting_for) VALUES ($1, $2, $3, $4, $5, COALESCE($6::timestamptz, now()), $7, $8)"
	" RETURNING interaction_id, " PG_UTC("happened_at")};

enum status contact_store_add_interaction(struct request *req, int64_t contact_id,
					  const struct contact_interaction *in, struct contact_interaction *out)
{
	const char *params[] = {req_tenant_param(req), pg_num(req, contact_id), in->channel, in->outcome, in->body,
				in->happened_at, req_user_param(req), req->acting_for};
	PGresult *res;
	enum status s = run(req, &add_interaction, 8, params, &res);
	if (s != STATUS_OK)
		return s;
	*out = *in;
	out->id = db_int64(res, 0, 0);
	out->happened_at = req_strdup(req, db_text(res, 0, 1));
	out->user = req->acting_for ? req->acting_for : req->principal->login;
	PQclear(res);
	return STATUS_OK;
}

/* ---- next contacts and the agenda --------------------------------------------------- */

static const struct db_stmt next_done = {
	"contact_next_done",
	"UPDATE next_contact SET done_at = now()"
	" WHERE tenant_id = $1 AND contact_id = $2 AND done_at IS NULL RETURNING " PG_UTC("due_at")};

enum status contact_store_next_done(struct request *req, int64_t contact_id, const char **due_at)
{
	const char *params[] = {req_tenant_param(req), pg_num(req, contact_id)};
	bool found;
	return one_text(req, &next_done, 2, params, &found, due_at);
}

static const struct db_stmt next_move = {
	"contact_next_move",
	"UPDATE next_contact SET responsible_code = $3"
	" WHERE tenant_id = $1 AND contact_id = $2 AND done_at IS NULL"};

enum status contact_store_next_move(struct request *req, int64_t contact_id, const char *responsible)
{
	const char *params[] = {req_tenant_param(req), pg_num(req, contact_id), responsible};
	return run(req, &next_move, 3, params, NULL);
}

static const struct db_stmt next_insert = {
	"contact_next_insert",
	"INSERT INTO next_contact (tenant_id, contact_id, due_at, responsible_code, kind, notes)"
	" VALUES ($1, $2, $3::timestamptz, $4, $5, $6) RETURNING next_contact_id"};

enum status contact_store_next_insert(struct request *req, int64_t contact_id, const struct next_contact *nc,
				      int64_t *id)
{
	const char *params[] = {req_tenant_param(req), pg_num(req, contact_id), nc->due_at, nc->responsible,
				nc->kind, nc->notes};
	PGresult *res;
	enum status s = run(req, &next_insert, 6, params, &res);
	if (s != STATUS_OK)
		return s;
	*id = db_int64(res, 0, 0);
	PQclear(res);
	return STATUS_OK;
}

/* The branch's clock ($2: its IANA zone): now, and the instant its next local day
 * starts. The classification filter below mirrors agenda_classify() on it. */
#define AGENDA_SELECT                                                                                     \
	"WITH clock AS (SELECT now() AS now,"                                                             \
	"   (date_trunc('day', now() AT TIME ZONE $2) + interval '1 day') AT TIME ZONE $2 AS tomorrow)"   \
	" SELECT nc.next_contact_id, c.contact_id, c.person_id, p.name, c.nature_code, " PG_UTC("nc.due_at") "," \
	" " EPOCH_US("nc.due_at") ", nc.responsible_code, nc.kind, nc.notes,"                             \
	" " EPOCH_US("clock.now") ", " EPOCH_US("clock.tomorrow")                                          \
	" FROM next_contact nc"                                                                           \
	" JOIN contact c ON c.tenant_id = nc.tenant_id AND c.contact_id = nc.contact_id"                  \
	" JOIN person p ON p.tenant_id = c.tenant_id AND p.person_id = c.person_id"                       \
	" CROSS JOIN clock"

static void read_item(struct request *req, const PGresult *res, int row, struct agenda_item *it,
		      struct agenda_clock *clock)
{
	it->next_contact_id = db_int64(res, row, 0);
	it->contact_id = db_int64(res, row, 1);
	it->person_id = db_int64(res, row, 2);
	it->person_name = req_strdup(req, db_text(res, row, 3));
	it->nature = req_strdup(req, db_text(res, row, 4));
	it->due_at = req_strdup(req, db_text(res, row, 5));
	it->due_epoch = db_int64(res, row, 6);
	it->responsible = req_strdup(req, db_text(res, row, 7));
	it->kind = req_strdup(req, db_text(res, row, 8));
	it->notes = req_strdup(req, db_text(res, row, 9));
	clock->now = db_int64(res, row, 10);
	clock->tomorrow_start = db_int64(res, row, 11);
}

static const struct db_stmt agenda = {
	"contact_agenda",
	AGENDA_SELECT
	" WHERE nc.tenant_id = $1 AND nc.done_at IS NULL AND c.branch_id = $3"
	"   AND ($4::text IS NULL OR nc.responsible_code = $4)"
	"   AND ($5::text IS NULL OR EXISTS (SELECT 1 FROM consultant k WHERE k.tenant_id = nc.tenant_id"
	"        AND k.code = nc.responsible_code AND k.team_code = $5))"
	"   AND ($6::timestamptz IS NULL OR nc.due_at >= $6) AND ($7::timestamptz IS NULL OR nc.due_at <= $7)"
	"   AND ($8::text IS NULL OR ($8 = 'PENDENTE' AND nc.due_at < clock.now)"
	"        OR ($8 = 'HOJE' AND nc.due_at >= clock.now AND nc.due_at < clock.tomorrow)"
	"        OR ($8 = 'FUTURO' AND nc.due_at >= clock.tomorrow))"
	" ORDER BY nc.due_at, nc.next_contact_id OFFSET $9 LIMIT $10"};

enum status contact_store_agenda(struct request *req, const struct agenda_filter *f, int64_t offset, int limit,
				 struct agenda_item **out, int *n, struct agenda_clock *clock)
{
	const char *params[] = {req_tenant_param(req), req->branch.time_zone, branch_param(req),
				f->responsible, f->team, f->from, f->to,
				f->has_class ? agenda_class_name(f->class) : NULL, pg_num(req, offset),
				pg_num(req, limit)};
	PGresult *res;
	enum status s = run(req, &agenda, 10, params, &res);
	if (s != STATUS_OK)
		return s;
	*n = PQntuples(res);
	*out = req_alloc(req, sizeof **out * (size_t)(*n ? *n : 1));
	for (int i = 0; i < *n; i++)
		read_item(req, res, i, &(*out)[i], clock);
	PQclear(res);
	return STATUS_OK;
}

static const struct db_stmt agenda_item = {
	"contact_agenda_item", AGENDA_SELECT " WHERE nc.tenant_id = $1 AND nc.next_contact_id = $3"};

enum status contact_store_agenda_item(struct request *req, int64_t next_contact_id, struct agenda_item *out,
				      struct agenda_clock *clock, bool *found)
{
	const char *params[] = {req_tenant_param(req), req->branch.time_zone, pg_num(req, next_contact_id)};
	PGresult *res;
	enum status s = run(req, &agenda_item, 3, params, &res);
	if (s != STATUS_OK)
		return s;
	*found = PQntuples(res) == 1;
	if (*found)
		read_item(req, res, 0, out, clock);
	PQclear(res);
	return STATUS_OK;
}

/* ---- IncluirAtendimentosLote ------------------------------------------------------- */

/* The (person, natureza) pairs asked, as json rows {"o": position, "p": person, "n": natureza}. */
static const char *pair_rows(struct request *req, int n, const int64_t *person_ids, const char *const *natures,
			     int *listed)
{
	struct json_rows j;
	json_rows_init(&j, (size_t)n * 40);
	json_rows_raw(&j, "[");
	*listed = 0;
	for (int i = 0; i < n; i++) {
		if (!natures[i])
			continue;
		json_rows_raw(&j, (*listed)++ ? ",{\"o\":" : "{\"o\":");
		json_rows_int(&j, i);
		json_rows_raw(&j, ",\"p\":");
		json_rows_int(&j, (long long)person_ids[i]);
		json_rows_raw(&j, ",\"n\":");
		json_rows_str(&j, natures[i]);
		json_rows_raw(&j, "}");
	}
	json_rows_raw(&j, "]");
	return json_rows_finish(&j, req);
}

/* Runs a statement answering (position, id) rows: out[position] = id, 0 for NULL. */
static enum status ids_by_position(struct request *req, const struct db_stmt *st, int n_params,
				   const char *const *params, int n, int64_t *out)
{
	PGresult *res;
	enum status s = run(req, st, n_params, params, &res);
	if (s != STATUS_OK)
		return s;
	for (int row = 0; row < PQntuples(res); row++) {
		int pos = db_int(res, row, 0);
		if (pos >= 0 && pos < n && db_text(res, row, 1))
			out[pos] = db_int64(res, row, 1);
	}
	PQclear(res);
	return STATUS_OK;
}

static const struct db_stmt external_ids_many = {
	"contact_external_ids_many",
	"SELECT x.o, c.contact_id FROM json_to_recordset($2::json) AS x(o int, e text)"
	" JOIN contact c ON c.tenant_id = $1 AND c.external_id = x.e"};

enum status contact_store_external_ids_many(struct request *req, int n, const char *const *external_ids,
					    int64_t *owner)
{
	struct json_rows j;
	json_rows_init(&j, (size_t)n * 40);
	json_rows_raw(&j, "[");
	int listed = 0;
	for (int i = 0; i < n; i++) {
		owner[i] = 0;
		if (!external_ids[i])
			continue;
		json_rows_raw(&j, listed++ ? ",{\"o\":" : "{\"o\":");
		json_rows_int(&j, i);
		json_rows_raw(&j, ",\"e\":");
		json_rows_str(&j, external_ids[i]);
		json_rows_raw(&j, "}");
	}
	json_rows_raw(&j, "]");
	const char *text = json_rows_finish(&j, req);
	if (!listed)
		return STATUS_OK;
	if (!text)
		return STATUS_ERRO_SERVIDOR;
	const char *params[] = {req_tenant_param(req), text};
	return ids_by_position(req, &external_ids_many, 2, params, n, owner);
}

/* The same lock key as contact_lock_person_nature, taken in key order. */
static const struct db_stmt lock_person_natures = {
	"contact_lock_person_natures",
	"SELECT pg_advisory_xact_lock(k) FROM (SELECT DISTINCT"
	"   hashtextextended('contact:' || $1::text || ':' || x.p::text || ':' || x.n, 0) AS k"
	"   FROM json_to_recordset($2::json) AS x(o int, p bigint, n text) ORDER BY k) keys"};

enum status contact_store_lock_person_natures(struct request *req, int n, const int64_t *person_ids,
					      const char *const *natures)
{
	int listed;
	const char *text = pair_rows(req, n, person_ids, natures, &listed);
	if (!listed)
		return STATUS_OK;
	if (!text)
		return STATUS_ERRO_SERVIDOR;
	const char *params[] = {req_tenant_param(req), text};
	PGresult *res;
	enum status s = run(req, &lock_person_natures, 2, params, &res);
	if (s == STATUS_OK)
		PQclear(res);
	return s;
}

static const struct db_stmt find_open_many = {
	"contact_find_open_many",
	"SELECT x.o, c.contact_id, c.responsible_code FROM json_to_recordset($3::json) AS x(o int, p bigint, n text)"
	" CROSS JOIN LATERAL (SELECT contact_id, responsible_code FROM contact"
	"   WHERE tenant_id = $1 AND branch_id = $2 AND person_id = x.p AND nature_code = x.n AND status = 'ABERTO'"
	"   ORDER BY contact_id LIMIT 1 FOR UPDATE) c"};

enum status contact_store_find_open_many(struct request *req, int n, const int64_t *person_ids,
					 const char *const *natures, int64_t *open, const char **responsible)
{
	for (int i = 0; i < n; i++) {
		open[i] = 0;
		responsible[i] = NULL;
	}
	int listed;
	const char *text = pair_rows(req, n, person_ids, natures, &listed);
	if (!listed)
		return STATUS_OK;
	if (!text)
		return STATUS_ERRO_SERVIDOR;
	const char *params[] = {req_tenant_param(req), branch_param(req), text};
	PGresult *res;
	enum status s = run(req, &find_open_many, 3, params, &res);
	if (s != STATUS_OK)
		return s;
	for (int row = 0; row < PQntuples(res); row++) {
		int pos = db_int(res, row, 0);
		if (pos >= 0 && pos < n) {
			open[pos] = db_int64(res, row, 1);
			responsible[pos] = pg_text(req, res, row, 2);
		}
	}
	PQclear(res);
	return STATUS_OK;
}

/* Busy as contact_least_busy counts it: open atendimentos across the tenant. */
static const struct db_stmt team_load = {
	"contact_team_load",
	"SELECT k.code, count(c.contact_id) FROM consultant k"
	" LEFT JOIN contact c ON c.tenant_id = k.tenant_id AND c.responsible_code = k.code AND c.status = 'ABERTO'"
	" WHERE k.tenant_id = $1 AND k.team_code = $2 AND k.active"
	" GROUP BY k.code ORDER BY k.code COLLATE \"C\""};

enum status contact_store_team_load(struct request *req, const char *team, const char ***codes, int **open,
				    int *n)
{
	const char *params[] = {req_tenant_param(req), team};
	PGresult *res;
	enum status s = run(req, &team_load, 2, params, &res);
	if (s != STATUS_OK)
		return s;
	*n = PQntuples(res);
	*codes = req_alloc(req, sizeof **codes * (size_t)(*n ? *n : 1));
	*open = req_alloc(req, sizeof **open * (size_t)(*n ? *n : 1));
	for (int row = 0; row < *n; row++) {
		(*codes)[row] = req_strdup(req, db_text(res, row, 0));
		(*open)[row] = db_int(res, row, 1);
	}
	PQclear(res);
	return STATUS_OK;
}

static const struct db_stmt new_ids = {
	"contact_new_ids",
	"SELECT nextval(pg_get_serial_sequence('contact', 'contact_id')) FROM generate_series(1, $1::int)"};

enum status contact_store_new_ids(struct request *req, int n, int64_t *ids)
{
	if (!n)
		return STATUS_OK;
	const char *params[] = {pg_num(req, n)};
	PGresult *res;
	enum status s = run(req, &new_ids, 1, params, &res);
	if (s != STATUS_OK)
		return s;
	for (int row = 0; row < n && row < PQntuples(res); row++)
		ids[row] = db_int64(res, row, 0);
	PQclear(res);
	return STATUS_OK;
}

/* One JSON object per atendimento, under the short names of CONTACT_RECORDSET. */
static const char *contact_rows(struct request *req, const struct contact *const *c, int n)
{
	struct json_rows j;
	json_rows_init(&j, (size_t)n * 200);
	json_rows_raw(&j, "[");
	for (int i = 0; i < n; i++) {
		const struct contact *x = c[i];
		json_rows_raw(&j, i ? ",{\"id\":" : "{\"id\":");
		json_rows_int(&j, (long long)x->id);
		json_rows_raw(&j, ",\"x\":");
		json_rows_str(&j, x->external_id);
		json_rows_raw(&j, ",\"p\":");
		json_rows_int(&j, (long long)x->person_id);
		json_rows_raw(&j, ",\"n\":");
		json_rows_str(&j, x->nature);
		json_rows_raw(&j, ",\"a\":");
		json_rows_str(&j, x->area);
		json_rows_raw(&j, ",\"og\":");
		json_rows_str(&j, x->origin);
		json_rows_raw(&j, ",\"ch\":");
		json_rows_str(&j, x->channel);
		json_rows_raw(&j, ",\"d\":");
		json_rows_str(&j, x->description);
		if (x->has_vehicle) {
			json_rows_raw(&j, ",\"v\":");
			json_rows_int(&j, (long long)x->vehicle_id);
		}
		json_rows_raw(&j, ",\"im\":");
		json_rows_str(&j, x->interest.model);
		json_rows_raw(&j, ",\"it\":");
		json_rows_str(&j, x->interest.trim);
		json_rows_raw(&j, ",\"ic\":");
		json_rows_str(&j, x->interest.color);
		if (x->interest.has_year) {
			json_rows_raw(&j, ",\"iy\":");
			json_rows_int(&j, x->interest.year);
		}
		json_rows_raw(&j, x->wants_new_car ? ",\"w\":true" : ",\"w\":false");
		json_rows_raw(&j, ",\"r\":");
		json_rows_str(&j, x->responsible);
		json_rows_raw(&j, ",\"t\":");
		json_rows_str(&j, x->team);
		if (x->linked_id) {
			json_rows_raw(&j, ",\"l\":");
			json_rows_int(&j, (long long)x->linked_id);
		}
		json_rows_raw(&j, "}");
	}
	json_rows_raw(&j, "]");
	return json_rows_finish(&j, req);
}

static const struct db_stmt insert_many = {
	"contact_insert_many",
	"INSERT INTO contact (tenant_id, contact_id, external_id, branch_id, person_id, nature_code, area,"
	" origin_code, channel, description, vehicle_id, interest_model, interest_trim, interest_color,"
	" interest_year, wants_new_car, responsible_code, team_code, linked_contact_id) OVERRIDING SYSTEM VALUE"
	" SELECT $1, id, x, $2, p, n, a, og, ch, d, v, im, it, ic, iy, w, r, t, l"
	" FROM json_to_recordset($3::json) AS t(id bigint, x text, p bigint, n text, a text, og text, ch text,"
	"   d text, v bigint, im text, it text, ic text, iy int, w boolean, r text, t text, l bigint)"
	" ORDER BY id"};

enum status contact_store_insert_many(struct request *req, const struct contact *const *c, int n,
				      bool *constraint)
{
	*constraint = false;
	if (!n)
		return STATUS_OK;
	const char *params[] = {req_tenant_param(req), branch_param(req), contact_rows(req, c, n)};
	if (!params[2])
		return STATUS_ERRO_SERVIDOR;
	enum db_status s = db_exec(req->db, &insert_many, 3, params, NULL);
	return s == DB_OK ? STATUS_OK : batch_store_write_status(req, s, constraint);
}

static const struct db_stmt next_insert_many = {
	"contact_next_insert_many",
	"INSERT INTO next_contact (tenant_id, contact_id, due_at, responsible_code, kind, notes, done_at)"
	" SELECT $1, c, d::timestamptz, r, k, o, CASE WHEN f THEN now() END"
	" FROM json_to_recordset($2::json) AS t(o0 int, c bigint, d text, r text, k text, o text, f boolean)"
	" ORDER BY o0"};

enum status contact_store_next_insert_many(struct request *req, const struct contact *const *c, int n,
					   const bool *done)
{
	if (!n)
		return STATUS_OK;
	struct json_rows j;
	json_rows_init(&j, (size_t)n * 100);
	json_rows_raw(&j, "[");
	for (int i = 0; i < n; i++) {
		const struct next_contact *nc = c[i]->next;
		json_rows_raw(&j, i ? ",{\"o0\":" : "{\"o0\":");
		json_rows_int(&j, i);
		json_rows_raw(&j, ",\"c\":");
		json_rows_int(&j, (long long)c[i]->id);
		json_rows_raw(&j, ",\"d\":");
		json_rows_str(&j, nc->due_at);
		json_rows_raw(&j, ",\"r\":");
		json_rows_str(&j, nc->responsible);
		json_rows_raw(&j, ",\"k\":");
		json_rows_str(&j, nc->kind);
		json_rows_raw(&j, ",\"o\":");
		json_rows_str(&j, nc->notes);
		json_rows_raw(&j, done && done[i] ? ",\"f\":true}" : ",\"f\":false}");
	}
	json_rows_raw(&j, "]");
	const char *text = json_rows_finish(&j, req);
	if (!text)
		return STATUS_ERRO_SERVIDOR;
	const char *params[] = {req_tenant_param(req), text};
	return run(req, &next_insert_many, 2, params, NULL);
}

/* A json array of ids. */
static const char *id_array(struct request *req, int n, const int64_t *ids)
{
	struct json_rows j;
	json_rows_init(&j, (size_t)n * 12);
	json_rows_raw(&j, "[");
	for (int i = 0; i < n; i++) {
		json_rows_raw(&j, i ? "," : "");
		json_rows_int(&j, (long long)ids[i]);
	}
	json_rows_raw(&j, "]");
	return json_rows_finish(&j, req);
}

static const struct db_stmt next_done_many = {
	"contact_next_done_many",
	"UPDATE next_contact SET done_at = now()"
	" WHERE tenant_id = $1 AND done_at IS NULL"
	"   AND contact_id IN (SELECT json_array_elements_text($2::json)::bigint)"
	" RETURNING contact_id, " PG_UTC("due_at")};

enum status contact_store_next_done_many(struct request *req, int n, const int64_t *ids, const char **due_at)
{
	for (int i = 0; i < n; i++)
		due_at[i] = NULL;
	if (!n)
		return STATUS_OK;
	const char *params[] = {req_tenant_param(req), id_array(req, n, ids)};
	if (!params[1])
		return STATUS_ERRO_SERVIDOR;
	PGresult *res;
	enum status s = run(req, &next_done_many, 2, params, &res);
	if (s != STATUS_OK)
		return s;
	for (int row = 0; row < PQntuples(res); row++) {
		int64_t id = db_int64(res, row, 0);
		for (int i = 0; i < n; i++)
			if (ids[i] == id)
				due_at[i] = pg_text(req, res, row, 1);
	}
	PQclear(res);
	return STATUS_OK;
}

/* Ids drawn first, as vehicle_insert_many does: each new row's id is known by its
 * position, whatever order RETURNING would give. */
static const struct db_stmt add_interactions_many = {
	"contact_add_interactions_many",
	"WITH s AS MATERIALIZED (SELECT pg_get_serial_sequence('contact_interaction', 'interaction_id')::regclass AS seq),"
	" t AS MATERIALIZED (SELECT t.*, nextval(s.seq) AS nid"
	"   FROM s, json_to_recordset($4::json) AS t(o int, c bigint, ch text, oc text, b text)),"
	" ins AS (INSERT INTO contact_interaction (tenant_id, interaction_id, contact_id, channel, outcome, body,"
	"   happened_at, user_id, acting_for) OVERRIDING SYSTEM VALUE"
	"   SELECT $1, nid, c, ch, oc, b, now(), $2, $3 FROM t ORDER BY o)"
	" SELECT o, nid FROM t"};

enum status contact_store_add_interactions_many(struct request *req, int n, const int64_t *ids,
						const struct contact_interaction *const *in, int64_t *out)
{
	if (!n)
		return STATUS_OK;
	struct json_rows j;
	json_rows_init(&j, (size_t)n * 80);
	json_rows_raw(&j, "[");
	for (int i = 0; i < n; i++) {
		out[i] = 0;
		json_rows_raw(&j, i ? ",{\"o\":" : "{\"o\":");
		json_rows_int(&j, i);
		json_rows_raw(&j, ",\"c\":");
		json_rows_int(&j, (long long)ids[i]);
		json_rows_raw(&j, ",\"ch\":");
		json_rows_str(&j, in[i]->channel);
		json_rows_raw(&j, ",\"oc\":");
		json_rows_str(&j, in[i]->outcome);
		json_rows_raw(&j, ",\"b\":");
		json_rows_str(&j, in[i]->body);
		json_rows_raw(&j, "}");
	}
	json_rows_raw(&j, "]");
	const char *text = json_rows_finish(&j, req);
	if (!text)
		return STATUS_ERRO_SERVIDOR;
	const char *params[] = {req_tenant_param(req), req_user_param(req), req->acting_for, text};
	return ids_by_position(req, &add_interactions_many, 4, params, n, out);
}

static const struct db_stmt touch_many = {
	"contact_touch_many",
	"UPDATE contact c SET updated_at = now(), version = c.version + t.k"
	" FROM (SELECT id::bigint AS id, count(*)::int AS k FROM json_array_elements_text($2::json) AS id GROUP BY id) t"
	" WHERE c.tenant_id = $1 AND c.contact_id = t.id"};

enum status contact_store_touch_many(struct request *req, int n, const int64_t *ids)
{
	if (!n)
		return STATUS_OK;
	const char *params[] = {req_tenant_param(req), id_array(req, n, ids)};
	if (!params[1])
		return STATUS_ERRO_SERVIDOR;
	return run(req, &touch_many, 2, params, NULL);
}
