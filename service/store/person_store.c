/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * person_store.c - SQL of people, prospects and consents (person_store.h).
 *
 * Rule to know: every statement filters on tenant_id = $1, the caller's tenant, so
 * an id of another tenant behaves as one that does not exist. Lists of values (ids,
 * phones, e-mails) travel as one text parameter split in SQL, never as SQL text.
 */
#include "store/person_store.h"

#include "core/db.h"
#include "store/json_rows.h"
#include "store/batch_store.h"
#include "store/pg_value.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static const char *bool_param(bool v)
{
	return v ? "true" : "false";
}

/* A copy in the arena of a column (NULL stays NULL). */
/* The unique index behind a DB_UNIQUE is a business rule for the domain to word:
 * *field names the element it protects. */
static enum status unique_or_fail(struct request *req, enum db_status s, const char **field)
{
	if (s == DB_UNIQUE) {
		const char *c = db_last_constraint(req->db);
		*field = !strcmp(c, "person_document_active") ? "Documento"
			 : !strcmp(c, "person_external_id")   ? "IdExterno"
							       : NULL;
		if (*field)
			return STATUS_JA_EXISTENTE;
	}
	return req_db_fail(req, s);
}

/* ---- lookups --------------------------------------------------------------- */

static const struct db_stmt exists = {
	"person_exists", "SELECT status FROM person WHERE tenant_id = $1 AND person_id = $2"};

enum status person_store_exists(struct request *req, int64_t id, bool *found, const char **status)
{
	const char *params[] = {req_tenant_param(req), pg_num(req, id)};
	PGresult *res;
	enum db_status s = db_exec(req->db, &exists, 2, params, &res);
	if (s != DB_OK)
		return req_db_fail(req, s);
	*found = PQntuples(res) == 1;
	if (status)
		*status = *found ? pg_text(req, res, 0, 0) : NULL;
	PQclear(res);
	return STATUS_OK;
}

/* Runs a statement whose first column (if any row) is a person id. */
static enum status first_id(struct request *req, const struct db_stmt *stmt, int n, const char *const *params,
			    int64_t *id)
{
	PGresult *res;
	enum db_status s = db_exec(req->db, stmt, n, params, &res);
	if (s != DB_OK)
		return req_db_fail(req, s);
	*id = PQntuples(res) > 0 ? db_int64(res, 0, 0) : 0;
	PQclear(res);
	return STATUS_OK;
}

static const struct db_stmt by_document = {
	"person_id_by_document",
	"SELECT person_id FROM person WHERE tenant_id = $1 AND document = $2 AND status <> 'INATIVO'"
	" AND person_id <> $3 ORDER BY person_id LIMIT 1"};

enum status person_store_id_by_document(struct request *req, const char *document, int64_t exclude_id,
					int64_t *id)
{
	const char *params[] = {req_tenant_param(req), document, pg_num(req, exclude_id)};
	return first_id(req, &by_document, 3, params, id);
}

static const struct db_stmt by_external_id = {
	"person_id_by_external_id",
	"SELECT person_id FROM person WHERE tenant_id = $1 AND external_id = $2 AND person_id <> $3"};

enum status person_store_id_by_external_id(struct request *req, const char *external_id, int64_t exclude_id,
					   int64_t *id)
{
	const char *params[] = {req_tenant_param(req), external_id, pg_num(req, exclude_id)};
	return first_id(req, &by_external_id, 3, params, id);
}

/*
 * Candidates: the holder of the document or of the external id, and people whose
 * phone or e-mail matches, but only when they cannot be someone else: their own
 * document is empty or the same (two CPFs are two people, whatever phone a family
 * shares). INATIVO people count only by external id, which stays theirs.
 * $4: e-mails (lower-cased), $5: phones, each newline-separated.
 */
static const struct db_stmt match = {
	"person_match",
	"WITH c AS ("
	" SELECT p.person_id,"
	"  coalesce(p.document = $2 AND p.status <> 'INATIVO', false) AS by_document,"
	"  coalesce(p.external_id = $3, false) AS by_external,"
	"  p.status <> 'INATIVO' AND (p.document IS NULL OR p.document = $2) AND EXISTS ("
	"   SELECT 1 FROM person_email e WHERE e.tenant_id = p.tenant_id AND e.person_id = p.person_id"
	"   AND lower(e.address) = ANY (string_to_array($4, E'\\n'))) AS by_email,"
	"  p.status <> 'INATIVO' AND (p.document IS NULL OR p.document = $2) AND EXISTS ("
	"   SELECT 1 FROM person_phone f WHERE f.tenant_id = p.tenant_id AND f.person_id = p.person_id"
	"   AND f.number = ANY (string_to_array($5, E'\\n'))) AS by_phone"
	" FROM person p WHERE p.tenant_id = $1 AND ("
	"  (p.document = $2 AND p.status <> 'INATIVO') OR p.external_id = $3"
	"  OR p.person_id IN (SELECT e.person_id FROM person_email e WHERE e.tenant_id = $1"
	"   AND lower(e.address) = ANY (string_to_array($4, E'\\n')))"
	"  OR p.person_id IN (SELECT f.person_id FROM person_phone f WHERE f.tenant_id = $1"
	"   AND f.number = ANY (string_to_array($5, E'\\n')))))"
	" SELECT person_id, by_document, by_external, by_email, by_phone FROM c"
	" WHERE by_document OR by_external OR by_email OR by_phone"
	" ORDER BY by_document DESC, by_external DESC, by_email DESC, by_phone DESC, person_id LIMIT 1"};

/* Newline-joined list, or NULL when empty. */
static const char *joined(struct request *req, const char *const *items, int n)
{
	if (n == 0)
		return NULL;
	size_t len = 1;
	for (int i = 0; i < n; i++)
		len += strlen(items[i]) + 1;
	char *out = req_alloc(req, len), *o = out;
	for (int i = 0; i < n; i++) {
		size_t l = strlen(items[i]);
		memcpy(o, items[i], l);
		o += l;
		*o++ = i + 1 < n ? '\n' : '\0';
	}
	return out;
}

enum status person_store_match(struct request *req, const struct person *p, int64_t *id,
			       bool keys[PERSON_MATCH_KEYS])
{
	const char **emails = req_alloc(req, sizeof *emails * (size_t)(p->n_emails + 1));
	const char **phones = req_alloc(req, sizeof *phones * (size_t)(p->n_phones + 1));
	for (int i = 0; i < p->n_emails; i++) {
		char *e = req_strdup(req, p->emails[i].address);
		for (char *c = e; *c; c++)
			if (*c >= 'A' && *c <= 'Z')
				*c = (char)(*c - 'A' + 'a');
		emails[i] = e;
	}
	for (int i = 0; i < p->n_phones; i++)
		phones[i] = p->phones[i].number;
	const char *params[] = {req_tenant_param(req), p->document, p->external_id,
				joined(req, emails, p->n_emails), joined(req, phones, p->n_phones)};
	PGresult *res;
	enum db_status s = db_exec(req->db, &match, 5, params, &res);
	if (s != DB_OK)
		return req_db_fail(req, s);
	*id = 0;
	if (PQntuples(res) == 1) {
		*id = db_int64(res, 0, 0);
		keys[PERSON_MATCH_DOCUMENT] = db_bool(res, 0, 1);
		keys[PERSON_MATCH_EXTERNAL_ID] = db_bool(res, 0, 2);
		keys[PERSON_MATCH_EMAIL] = db_bool(res, 0, 3);
		keys[PERSON_MATCH_PHONE] = db_bool(res, 0, 4);
	}
	PQclear(res);
	return STATUS_OK;
}

/* ---- writes ---------------------------------------------------------------- */

/* $2.. in this order for insert and update. */
#define PERSON_VALUES 19
static void person_values(const struct person *p, const char **v)
{
	v[0] = p->external_id;
	v[1] = p->dms_code;
	v[2] = p->kind;
	v[3] = p->status;
	v[4] = p->document;
	v[5] = p->name;
	v[6] = p->trade_name;
	v[7] = p->title;
	v[8] = p->birth_date;
	v[9] = p->address.cep;
	v[10] = p->address.street;
	v[11] = p->address.number;
	v[12] = p->address.complement;
	v[13] = p->address.district;
	v[14] = p->address.city;
	v[15] = p->address.uf;
	v[16] = p->contact_preference;
	v[17] = p->origin;
	v[18] = p->notes;
}

static const struct db_stmt insert = {
	"person_insert",
	"INSERT INTO person (tenant_id, external_id, dms_code, kind, status, document, name, trade_name,"
	" title, birth_date, cep, street, street_number, complement, district, city, uf,"
	" contact_preference, origin_code, notes)"
	" VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10::date, $11, $12, $13, $14, $15, $16, $17, $18,"
	" $19, $20) RETURNING person_id"};

enum status person_store_insert(struct request *req, struct person *p, const char **conflict)
{
	const char *params[1 + PERSON_VALUES] = {req_tenant_param(req)};
	person_values(p, params + 1);
	PGresult *res;
	enum db_status s = db_exec(req->db, &insert, 1 + PERSON_VALUES, params, &res);
	if (s != DB_OK)
		return unique_or_fail(req, s, conflict);
	p->id = db_int64(res, 0, 0);
	PQclear(res);
	return STATUS_OK;
}

static const struct db_stmt update = {
	"person_update",
	"UPDATE person SET external_id = $4, dms_code = $5, kind = $6, status = $7, document = $8,"
	" name = $9, trade_name = $10, title = $11, birth_date = $12::date, cep = $13, street = $14,"
	" street_number = $15, complement = $16, district = $17, city = $18, uf = $19,"
	" contact_preference = $20, origin_code = $21, notes = $22,"
	" version = version + 1, updated_at = now()"
	" WHERE tenant_id = $1 AND person_id = $2 AND version = $3"};

enum status person_store_update(struct request *req, const struct person *p, int expected, bool *updated,
				const char **conflict)
{
	const char *params[3 + PERSON_VALUES] = {req_tenant_param(req), pg_num(req, p->id),
						 req_printf(req, "%d", expected)};
	person_values(p, params + 3);
	PGresult *res;
	enum db_status s = db_exec(req->db, &update, 3 + PERSON_VALUES, params, &res);
	if (s != DB_OK)
		return unique_or_fail(req, s, conflict);
	*updated = atoi(PQcmdTuples(res)) == 1;
	PQclear(res);
	return STATUS_OK;
}

/* Phones and e-mails are replaced as a list: one DELETE (skipped for a new person)
 * and one INSERT of all items from arrays, so the round trips do not grow with
 * the list. */
static const struct db_stmt delete_phones = {
	"person_delete_phones", "DELETE FROM person_phone WHERE tenant_id = $1 AND person_id = $2"};
static const struct db_stmt insert_phones = {
	"person_insert_phones",
	"INSERT INTO person_phone (tenant_id, person_id, position, number, whatsapp, is_main)"
	" SELECT $1, $2, t.position, t.number, t.whatsapp, t.is_main"
	"   FROM unnest($3::text[], $4::boolean[], $5::boolean[]) WITH ORDINALITY"
	"        AS t(number, whatsapp, is_main, position)"};
static const struct db_stmt delete_emails = {
	"person_delete_emails", "DELETE FROM person_email WHERE tenant_id = $1 AND person_id = $2"};
static const struct db_stmt insert_emails = {
	"person_insert_emails",
	"INSERT INTO person_email (tenant_id, person_id, position, address, is_main)"
	" SELECT $1, $2, t.position, t.address, t.is_main"
	"   FROM unnest($3::text[], $4::boolean[]) WITH ORDINALITY AS t(address, is_main, position)"};

/* A PostgreSQL array literal of texts: every element quoted, '"' and '\\' escaped. */
static const char *bool_array(struct request *req, const bool *items, int n)
{
	char *out = req_alloc(req, (size_t)n * 2 + 3), *o = out;
	*o++ = '{';
	for (int i = 0; i < n; i++) {
		if (i)
			*o++ = ',';
		*o++ = items[i] ? 't' : 'f';
	}
	*o++ = '}';
	*o = '\0';
	return out;
}

enum status person_store_set_phones(struct request *req, int64_t id, bool is_new,
				    const struct person_phone *phones, int n)
{
	const char *params[5] = {req_tenant_param(req), pg_num(req, id)};
	enum db_status s = is_new ? DB_OK : db_exec(req->db, &delete_phones, 2, params, NULL);
	if (s == DB_OK && n > 0) {
		const char **numbers = req_alloc(req, sizeof *numbers * (size_t)n);
		bool *whatsapp = req_alloc(req, sizeof *whatsapp * (size_t)n);
		bool *is_main = req_alloc(req, sizeof *is_main * (size_t)n);
		for (int i = 0; i < n; i++) {
			numbers[i] = phones[i].number;
			whatsapp[i] = phones[i].whatsapp;
			is_main[i] = phones[i].is_main;
		}
		params[2] = pg_text_array(req, numbers, n);
		params[3] = bool_array(req, whatsapp, n);
		params[4] = bool_array(req, is_main, n);
		s = db_exec(req->db, &insert_phones, 5, params, NULL);
	}
	return s == DB_OK ? STATUS_OK : req_db_fail(req, s);
}

enum status person_store_set_emails(struct request *req, int64_t id, bool is_new,
				    const struct person_email *emails, int n)
{
	const char *params[4] = {req_tenant_param(req), pg_num(req, id)};
	enum db_status s = is_new ? DB_OK : db_exec(req->db, &delete_emails, 2, params, NULL);
	if (s == DB_OK && n > 0) {
		const char **addresses = req_alloc(req, sizeof *addresses * (size_t)n);
		bool *is_main = req_alloc(req, sizeof *is_main * (size_t)n);
		for (int i = 0; i < n; i++) {
			addresses[i] = emails[i].address;
			is_main[i] = emails[i].is_main;
		}
		params[2] = pg_text_array(req, addresses, n);
		params[3] = bool_array(req, is_main, n);
		s = db_exec(req->db, &insert_emails, 4, params, NULL);
	}
	return s == DB_OK ? STATUS_OK : req_db_fail(req, s);
}

/* ---- reads ----------------------------------------------------------------- */

#define PERSON_COLUMNS \
	"p.person_id, p.external_id, p.dms_code, p.kind, p.status, p.document, p.name, p.trade_name," \
	" p.title, to_char(p.birth_date, 'YYYY-MM-DD'), p.cep, p.street, p.street_number, p.complement," \
	" p.district, p.city, p.uf, p.contact_preference, p.origin_code, p.notes, p.version, " \
	PG_UTC("p.created_at") ", " PG_UTC("p.updated_at")

static void read_person(struct request *req, const PGresult *res, int row, struct person *p)
{
	memset(p, 0, sizeof *p);
	p->id = db_int64(res, row, 0);
	p->external_id = pg_text(req, res, row, 1);
	p->dms_code = pg_text(req, res, row, 2);
	p->kind = pg_text(req, res, row, 3);
	p->status = pg_text(req, res, row, 4);
	p->document = pg_text(req, res, row, 5);
	p->name = pg_text(req, res, row, 6);
	p->trade_name = pg_text(req, res, row, 7);
	p->title = pg_text(req, res, row, 8);
	p->birth_date = pg_text(req, res, row, 9);
	struct person_address *a = &p->address;
	a->cep = pg_text(req, res, row, 10);
	a->street = pg_text(req, res, row, 11);
	a->number = pg_text(req, res, row, 12);
	a->complement = pg_text(req, res, row, 13);
	a->district = pg_text(req, res, row, 14);
	a->city = pg_text(req, res, row, 15);
	a->uf = pg_text(req, res, row, 16);
	p->has_address = a->cep || a->street || a->number || a->complement || a->district || a->city || a->uf;
	p->contact_preference = pg_text(req, res, row, 17);
	p->origin = pg_text(req, res, row, 18);
	p->notes = pg_text(req, res, row, 19);
	p->has_version = true;
	p->version = db_int(res, row, 20);
	p->created_at = pg_text(req, res, row, 21);
	p->updated_at = pg_text(req, res, row, 22);
	p->phones_given = p->emails_given = true;
}

static const struct db_stmt phones_of = {
	"person_phones_of",
	"SELECT person_id, number, whatsapp, is_main FROM person_phone"
	" WHERE tenant_id = $1 AND person_id = ANY ($2::bigint[]) ORDER BY person_id, position"};
static const struct db_stmt emails_of = {
	"person_emails_of",
	"SELECT person_id, address, is_main FROM person_email"
	" WHERE tenant_id = $1 AND person_id = ANY ($2::bigint[]) ORDER BY person_id, position"};
static const struct db_stmt consents_of = {
	"person_consents_of",
	"SELECT person_id, channel, purpose, granted, " PG_UTC("recorded_at") " FROM consent"
	" WHERE tenant_id = $1 AND person_id = ANY ($2::bigint[]) ORDER BY person_id, channel, purpose"};

/* Rows of res grouped by person (column 0), people sorted by id: for each person,
 * the first row and the count. */
static void group_rows(const PGresult *res, const struct person *people, int n, int *first, int *count)
{
	int rows = PQntuples(res), r = 0;
	for (int i = 0; i < n; i++) {
		while (r < rows && db_int64(res, r, 0) < people[i].id)
			r++;
		first[i] = r;
		while (r < rows && db_int64(res, r, 0) == people[i].id)
			r++;
		count[i] = r - first[i];
	}
}

/* The people's ids as a PostgreSQL array literal ("{1,2,3}"): numbers only. */
static const char *id_array(struct request *req, const struct person *people, int n)
{
	char *ids = req_alloc(req, 3 + 21 * (size_t)n), *o = ids;
	*o++ = '{';
	for (int i = 0; i < n; i++)
		o += sprintf(o, "%s%lld", i ? "," : "", (long long)people[i].id);
	*o++ = '}';
	*o = '\0';
	return ids;
}

/* One statement for the rows of a list (phones, e-mails or consents) of people
 * sorted by id; fill(row, person, k) copies row into the k-th item of the person. */
typedef void (*fill_row)(struct request *req, const PGresult *res, int row, struct person *p, int k);
typedef void (*size_list)(struct request *req, struct person *p, int n);

static enum status load_list(struct request *req, struct person *people, int n, const struct db_stmt *stmt,
			     size_list size, fill_row fill)
{
	if (n == 0)
		return STATUS_OK;
	const char *params[] = {req_tenant_param(req), id_array(req, people, n)};
	PGresult *res;
	enum db_status s = db_exec(req->db, stmt, 2, params, &res);
	if (s != DB_OK)
		return req_db_fail(req, s);
	int *first = req_alloc(req, sizeof *first * (size_t)n), *count = req_alloc(req, sizeof *count * (size_t)n);
	group_rows(res, people, n, first, count);
	for (int i = 0; i < n; i++) {
		size(req, &people[i], count[i]);
		for (int k = 0; k < count[i]; k++)
			fill(req, res, first[i] + k, &people[i], k);
	}
	PQclear(res);
	return STATUS_OK;
}

static void size_phones(struct request *req, struct person *p, int n)
{
	p->n_phones = n;
	p->phones = req_alloc(req, sizeof *p->phones * (size_t)(n + 1));
}

static void fill_phone(struct request *req, const PGresult *res, int row, struct person *p, int k)
{
	p->phones[k].number = pg_text(req, res, row, 1);
	p->phones[k].whatsapp = db_bool(res, row, 2);
	p->phones[k].is_main = db_bool(res, row, 3);
}

static void size_emails(struct request *req, struct person *p, int n)
{
	p->n_emails = n;
	p->emails = req_alloc(req, sizeof *p->emails * (size_t)(n + 1));
}

static void fill_email(struct request *req, const PGresult *res, int row, struct person *p, int k)
{
	p->emails[k].address = pg_text(req, res, row, 1);
	p->emails[k].is_main = db_bool(res, row, 2);
}

static void size_consents(struct request *req, struct person *p, int n)
{
	p->n_consents = n;
	p->consents = req_alloc(req, sizeof *p->consents * (size_t)(n + 1));
}

static void fill_consent(struct request *req, const PGresult *res, int row, struct person *p, int k)
{
	struct person_consent *c = &p->consents[k];
	c->channel = pg_text(req, res, row, 1);
	c->purpose = pg_text(req, res, row, 2);
	c->granted = db_bool(res, row, 3);
	c->recorded_at = pg_text(req, res, row, 4);
}

/* Phones, e-mails and consents of people sorted by id: three statements in all,
 * however many people. */
static enum status load_children(struct request *req, struct person *people, int n)
{
	enum status s = load_list(req, people, n, &phones_of, size_phones, fill_phone);
	if (s == STATUS_OK)
		s = load_list(req, people, n, &emails_of, size_emails, fill_email);
	if (s == STATUS_OK)
		s = load_list(req, people, n, &consents_of, size_consents, fill_consent);
	return s;
}

static const struct db_stmt get = {
	"person_get", "SELECT " PERSON_COLUMNS " FROM person p WHERE p.tenant_id = $1 AND p.person_id = $2"};
static const struct db_stmt get_locked = {
	"person_get_locked",
	"SELECT " PERSON_COLUMNS " FROM person p WHERE p.tenant_id = $1 AND p.person_id = $2 FOR UPDATE"};

enum status person_store_get(struct request *req, int64_t id, bool for_update, struct person *out, bool *found)
{
	const char *params[] = {req_tenant_param(req), pg_num(req, id)};
	PGresult *res;
	enum db_status s = db_exec(req->db, for_update ? &get_locked : &get, 2, params, &res);
	if (s != DB_OK)
		return req_db_fail(req, s);
	*found = PQntuples(res) == 1;
	if (*found)
		read_person(req, res, 0, out);
	PQclear(res);
	return *found ? load_children(req, out, 1) : STATUS_OK;
}

/*
 * Every criterion is "$n IS NULL OR ...": with the values bound, the planner folds
 * the absent ones away and uses the index of the one given (person_name_prefix on
 * search_key(name), the phone, e-mail, plate_key and VIN indexes).
 */
static const struct db_stmt search = {
	"person_search",
	"SELECT " PERSON_COLUMNS " FROM person p WHERE p.tenant_id = $1 AND p.person_id > $2"
	" AND ($3::bigint IS NULL OR p.person_id = $3)"
	" AND ($4::text IS NULL OR p.external_id = $4)"
	" AND ($5::text IS NULL OR p.dms_code = $5)"
	" AND ($6::text IS NULL OR p.document = $6)"
	" AND ($7::text IS NULL OR search_key(p.name) LIKE search_key($7) || '%')"
	" AND ($8::text IS NULL OR EXISTS (SELECT 1 FROM person_phone f WHERE f.tenant_id = p.tenant_id"
	"  AND f.person_id = p.person_id AND f.number = $8))"
	" AND ($9::text IS NULL OR EXISTS (SELECT 1 FROM person_email e WHERE e.tenant_id = p.tenant_id"
	"  AND e.person_id = p.person_id AND lower(e.address) = lower($9)))"
	" AND ($10::text IS NULL OR EXISTS (SELECT 1 FROM vehicle v WHERE v.tenant_id = p.tenant_id"
	"  AND v.owner_id = p.person_id AND v.plate IS NOT NULL AND v.plate_key = $10))"
	" AND ($11::text IS NULL OR EXISTS (SELECT 1 FROM vehicle v WHERE v.tenant_id = p.tenant_id"
	"  AND v.owner_id = p.person_id AND v.vin = $11))"
	" AND ($12::text IS NULL OR EXISTS (SELECT 1 FROM vehicle v WHERE v.tenant_id = p.tenant_id"
	"  AND v.owner_id = p.person_id AND v.vin IS NOT NULL AND v.vin_suffix = $12))"
	" AND ($13::text IS NULL OR p.status = $13)"
	" ORDER BY p.person_id LIMIT $14"};

enum status person_store_search(struct request *req, const struct person_filter *f, bool vin_is_suffix,
				int64_t after, int limit, struct person **out, int *n)
{
	const char *params[] = {req_tenant_param(req), pg_num(req, after), f->has_id ? pg_num(req, f->id) : NULL,
				f->external_id, f->dms_code, f->document, f->name_prefix, f->phone, f->email,
				f->plate, vin_is_suffix ? NULL : f->vin, vin_is_suffix ? f->vin : NULL,
				f->status, req_printf(req, "%d", limit)};
	PGresult *res;
	enum db_status s = db_exec(req->db, &search, 14, params, &res);
	if (s != DB_OK)
		return req_db_fail(req, s);
	*n = PQntuples(res);
	*out = req_alloc(req, sizeof **out * (size_t)(*n ? *n : 1));
	for (int i = 0; i < *n; i++)
		read_person(req, res, i, &(*out)[i]);
	PQclear(res);
	return load_children(req, *out, *n);
}

/* ---- consents -------------------------------------------------------------- */

/* The old value comes from a CTE read before the upsert (same snapshot). */
static const struct db_stmt set_consent = {
	"person_set_consent",
	"WITH old AS (SELECT granted FROM consent WHERE tenant_id = $1 AND person_id = $2"
	"  AND channel = $3 AND purpose = $4),"
	" up AS (INSERT INTO consent (tenant_id, person_id, channel, purpose, granted, user_id)"
	"  VALUES ($1, $2, $3, $4, $5, $6)"
	"  ON CONFLICT (tenant_id, person_id, channel, purpose) DO UPDATE"
	"  SET granted = EXCLUDED.granted, recorded_at = now(), user_id = EXCLUDED.user_id RETURNING 1)"
	" SELECT (SELECT granted FROM old), (SELECT count(*) FROM up)"};

enum status person_store_set_consent(struct request *req, int64_t id, const struct person_consent *c,
				     bool *had, bool *old_granted)
{
	const char *params[] = {req_tenant_param(req), pg_num(req, id), c->channel, c->purpose,
				bool_param(c->granted), req_user_param(req)};
	PGresult *res;
	enum db_status s = db_exec(req->db, &set_consent, 6, params, &res);
	if (s != DB_OK)
		return req_db_fail(req, s);
	*had = db_text(res, 0, 0) != NULL;
	*old_granted = *had && db_bool(res, 0, 0);
	PQclear(res);
	return STATUS_OK;
}

static const struct db_stmt purge_outbox = {
	"person_purge_outbox",
	"UPDATE message_outbox SET status = 'PURGED'"
	" WHERE tenant_id = $1 AND person_id = $2 AND channel = $3 AND status = 'QUEUED'"};

enum status person_store_purge_outbox(struct request *req, int64_t id, const char *channel, int *n)
{
	const char *params[] = {req_tenant_param(req), pg_num(req, id), channel};
	PGresult *res;
	enum db_status s = db_exec(req->db, &purge_outbox, 3, params, &res);
	if (s != DB_OK)
		return req_db_fail(req, s);
	*n = atoi(PQcmdTuples(res));
	PQclear(res);
	return STATUS_OK;
}

enum status person_store_consents(struct request *req, int64_t id, struct person_consent **out, int *n)
{
	struct person p = {.id = id};
	enum status s = load_list(req, &p, 1, &consents_of, size_consents, fill_consent);
	*out = p.consents;
	*n = p.n_consents;
	return s;
}

/* ---- bulk (IncluirPessoasLote) ----------------------------------------------------
 * Sets travel as one JSON parameter (json_to_recordset); the round trips do not depend on the number
 * of people (match: 3 with phones/e-mails; insert: 3; update: 5). */

/* One index probe per key and record (LATERAL), as vehicle_match_many: never a join
 * on "a OR b" the planner may turn into a scan of the whole table. */
static const struct db_stmt match_many = {
	"person_match_many",
	"SELECT t.o, " PERSON_COLUMNS
	" FROM json_to_recordset($2::json) AS t(o int, x text, d text)"
	" CROSS JOIN LATERAL (SELECT person_id AS k FROM person WHERE tenant_id = $1 AND external_id = t.x"
	"  UNION SELECT person_id FROM person WHERE tenant_id = $1 AND document = t.d AND status <> 'INATIVO'"
	"  AND document IS NOT NULL) m"
	" JOIN person p ON p.tenant_id = $1 AND p.person_id = m.k"
	" ORDER BY p.person_id FOR UPDATE OF p"};

static int by_id(const void *a, const void *b)
{
	const struct person *x = a, *y = b;
	return (x->id > y->id) - (x->id < y->id);
}

enum status person_store_match_many(struct request *req, int n, const char *const *external_ids,
				    const char *const *documents, person_match_fn found, void *ctx)
{
	struct json_rows j;
	json_rows_init(&j, (size_t)n * 64);
	json_rows_raw(&j, "[");
	int keyed = 0;
	for (int i = 0; i < n; i++) {
		if (!external_ids[i] && !documents[i])
			continue;
		json_rows_raw(&j, keyed++ ? ",{\"o\":" : "{\"o\":");
		json_rows_int(&j, i);
		json_rows_raw(&j, ",\"x\":");
		json_rows_str(&j, external_ids[i]);
		json_rows_raw(&j, ",\"d\":");
		json_rows_str(&j, documents[i]);
		json_rows_raw(&j, "}");
	}
	json_rows_raw(&j, "]");
	const char *text = json_rows_finish(&j, req);
	if (!keyed)
		return STATUS_OK;
	if (!text)
		return STATUS_ERRO_SERVIDOR;
	const char *params[] = {req_tenant_param(req), text};
	PGresult *res;
	enum db_status s = db_exec(req->db, &match_many, 2, params, &res);
	if (s != DB_OK)
		return req_db_fail(req, s);
	int rows_n = PQntuples(res);
	/* the distinct people, sorted by id (the query's order), with their lists */
	struct person *people = req_alloc(req, sizeof *people * (size_t)(rows_n ? rows_n : 1));
	int *which = req_alloc(req, sizeof *which * (size_t)(rows_n ? rows_n : 1));
	int distinct = 0;
	for (int row = 0; row < rows_n; row++) {
		int64_t id = db_int64(res, row, 1);
		if (!distinct || people[distinct - 1].id != id) {
			/* PERSON_COLUMNS start at column 1 */
			struct person p;
			const PGresult *r = res;
			memset(&p, 0, sizeof p);
			p.id = id;
			p.external_id = pg_text(req, r, row, 2);
			p.dms_code = pg_text(req, r, row, 3);
			p.kind = pg_text(req, r, row, 4);
			p.status = pg_text(req, r, row, 5);
			p.document = pg_text(req, r, row, 6);
			p.name = pg_text(req, r, row, 7);
			p.trade_name = pg_text(req, r, row, 8);
			p.title = pg_text(req, r, row, 9);
			p.birth_date = pg_text(req, r, row, 10);
			struct person_address *a = &p.address;
			a->cep = pg_text(req, r, row, 11);
			a->street = pg_text(req, r, row, 12);
			a->number = pg_text(req, r, row, 13);
			a->complement = pg_text(req, r, row, 14);
			a->district = pg_text(req, r, row, 15);
			a->city = pg_text(req, r, row, 16);
			a->uf = pg_text(req, r, row, 17);
			p.has_address = a->cep || a->street || a->number || a->complement || a->district || a->city ||
					a->uf;
			p.contact_preference = pg_text(req, r, row, 18);
			p.origin = pg_text(req, r, row, 19);
			p.notes = pg_text(req, r, row, 20);
			p.has_version = true;
			p.version = db_int(r, row, 21);
			p.created_at = pg_text(req, r, row, 22);
			p.updated_at = pg_text(req, r, row, 23);
			p.phones_given = p.emails_given = true;
			people[distinct++] = p;
		}
		which[row] = distinct - 1;
	}
	qsort(people, (size_t)distinct, sizeof *people, by_id);	/* already sorted; kept explicit */
	enum status st = load_list(req, people, distinct, &phones_of, size_phones, fill_phone);
	if (st == STATUS_OK)
		st = load_list(req, people, distinct, &emails_of, size_emails, fill_email);
	if (st == STATUS_OK)
		for (int row = 0; row < rows_n; row++)
			found(ctx, db_int(res, row, 0), &people[which[row]]);
	PQclear(res);
	return st;
}

/* The rows as JSON text (json_rows: thousands per call). */
static const char *person_rows(struct request *req, const struct person *const *p, int n, bool with_id)
{
	static const char *const names[PERSON_VALUES] = {
		",\"x\":",  ",\"dm\":", ",\"k\":",	",\"st\":", ",\"d\":",  ",\"n\":",  ",\"tn\":",
		",\"ti\":", ",\"b\":",  ",\"cep\":", ",\"s\":",  ",\"nu\":", ",\"co\":", ",\"di\":",
		",\"ci\":", ",\"uf\":", ",\"cp\":",  ",\"or\":", ",\"no\":"};
	struct json_rows j;
	json_rows_init(&j, (size_t)n * 256);
	json_rows_raw(&j, "[");
	for (int i = 0; i < n; i++) {
		const char *v[PERSON_VALUES];
		person_values(p[i], v);
		json_rows_raw(&j, i ? ",{\"o\":" : "{\"o\":");
		json_rows_int(&j, i);
		if (with_id) {
			json_rows_raw(&j, ",\"id\":");
			json_rows_int(&j, (long long)p[i]->id);
		}
		for (int k = 0; k < PERSON_VALUES; k++)
			if (v[k]) {
				json_rows_raw(&j, names[k]);
				json_rows_str(&j, v[k]);
			}
		json_rows_raw(&j, "}");
	}
	json_rows_raw(&j, "]");
	return json_rows_finish(&j, req);
}

#define PERSON_RECORDSET                                                                          \
	"json_to_recordset($2::json) AS t(o int, id bigint, x text, dm text, k text, st text, d text," \
	" n text, tn text, ti text, b date, cep text, s text, nu text, co text, di text, ci text,"      \
	" uf text, cp text, \"or\" text, no text)"

static const struct db_stmt insert_many = {
	"person_insert_many",
	"WITH s AS MATERIALIZED (SELECT pg_get_serial_sequence('person', 'person_id')::regclass AS seq),"
	" t AS MATERIALIZED (SELECT t.*, nextval(s.seq) AS nid"
	"   FROM s, " PERSON_RECORDSET "),"
	" ins AS (INSERT INTO person (tenant_id, person_id, external_id, dms_code, kind, status, document, name,"
	"   trade_name, title, birth_date, cep, street, street_number, complement, district, city, uf,"
	"   contact_preference, origin_code, notes) OVERRIDING SYSTEM VALUE"
	"   SELECT $1, nid, x, dm, k, st, d, n, tn, ti, b, cep, s, nu, co, di, ci, uf, cp, \"or\", no"
	"   FROM t ORDER BY o)"
	" SELECT o, nid FROM t"};

static const struct db_stmt update_many = {
	"person_update_many",
	"UPDATE person SET external_id = t.x, dms_code = t.dm, kind = t.k, status = t.st, document = t.d,"
	" name = t.n, trade_name = t.tn, title = t.ti, birth_date = t.b, cep = t.cep, street = t.s,"
	" street_number = t.nu, complement = t.co, district = t.di, city = t.ci, uf = t.uf,"
	" contact_preference = t.cp, origin_code = t.\"or\", notes = t.no,"
	" version = version + 1, updated_at = now()"
	" FROM " PERSON_RECORDSET " WHERE tenant_id = $1 AND person_id = t.id"};

static const struct db_stmt delete_phones_many = {
	"person_delete_phones_many",
	"DELETE FROM person_phone WHERE tenant_id = $1"
	" AND person_id IN (SELECT json_array_elements_text($2::json)::bigint)"};
static const struct db_stmt delete_emails_many = {
	"person_delete_emails_many",
	"DELETE FROM person_email WHERE tenant_id = $1"
	" AND person_id IN (SELECT json_array_elements_text($2::json)::bigint)"};
static const struct db_stmt insert_phones_many = {
	"person_insert_phones_many",
	"INSERT INTO person_phone (tenant_id, person_id, position, number, whatsapp, is_main)"
	" SELECT $1, t.id, t.p, t.n, t.w, t.m FROM json_to_recordset($2::json) AS t(id bigint, p int, n text,"
	" w boolean, m boolean)"};
static const struct db_stmt insert_emails_many = {
	"person_insert_emails_many",
	"INSERT INTO person_email (tenant_id, person_id, position, address, is_main)"
	" SELECT $1, t.id, t.p, t.a, t.m FROM json_to_recordset($2::json) AS t(id bigint, p int, a text, m boolean)"};

/* The phones and e-mails of people whose lists are replaced (new people: all). */
/* One list of the set: "[...]" of what add() writes per element, NULL when empty. */
struct list {
	struct json_rows j;
	int n;
};

static void list_next(struct list *l)
{
	json_rows_raw(&l->j, l->n++ ? "," : "");
}

static const char *list_text(struct request *req, struct list *l, bool *failed)
{
	json_rows_raw(&l->j, "]");
	const char *text = json_rows_finish(&l->j, req);
	*failed |= !text;
	return l->n ? text : NULL;
}

/* The phones and e-mails of people whose lists are replaced (new people: all). */
static enum status write_lists(struct request *req, const struct person *const *p, int n, bool is_new,
			       bool *constraint)
{
	struct list ids_phones, ids_emails, phones, emails;
	struct list *all[] = {&ids_phones, &ids_emails, &phones, &emails};
	for (size_t k = 0; k < sizeof all / sizeof all[0]; k++) {
		json_rows_init(&all[k]->j, 256);
		json_rows_raw(&all[k]->j, "[");
		all[k]->n = 0;
	}
	for (int i = 0; i < n; i++) {
		if (p[i]->phones_given) {
			list_next(&ids_phones);
			json_rows_int(&ids_phones.j, (long long)p[i]->id);
			for (int k = 0; k < p[i]->n_phones; k++) {
				list_next(&phones);
				json_rows_raw(&phones.j, "{\"id\":");
				json_rows_int(&phones.j, (long long)p[i]->id);
				json_rows_raw(&phones.j, ",\"p\":");
				json_rows_int(&phones.j, k + 1);
				json_rows_raw(&phones.j, ",\"n\":");
				json_rows_str(&phones.j, p[i]->phones[k].number);
				json_rows_raw(&phones.j, p[i]->phones[k].whatsapp ? ",\"w\":true" : ",\"w\":false");
				json_rows_raw(&phones.j, p[i]->phones[k].is_main ? ",\"m\":true}" : ",\"m\":false}");
			}
		}
		if (p[i]->emails_given) {
			list_next(&ids_emails);
			json_rows_int(&ids_emails.j, (long long)p[i]->id);
			for (int k = 0; k < p[i]->n_emails; k++) {
				list_next(&emails);
				json_rows_raw(&emails.j, "{\"id\":");
				json_rows_int(&emails.j, (long long)p[i]->id);
				json_rows_raw(&emails.j, ",\"p\":");
				json_rows_int(&emails.j, k + 1);
				json_rows_raw(&emails.j, ",\"a\":");
				json_rows_str(&emails.j, p[i]->emails[k].address);
				json_rows_raw(&emails.j, p[i]->emails[k].is_main ? ",\"m\":true}" : ",\"m\":false}");
			}
		}
	}
	bool failed = false;
	const char *t_ids_phones = list_text(req, &ids_phones, &failed), *t_ids_emails = list_text(req, &ids_emails, &failed),
		   *t_phones = list_text(req, &phones, &failed), *t_emails = list_text(req, &emails, &failed);
	if (failed)
		return STATUS_ERRO_SERVIDOR;
	enum db_status s = DB_OK;
	const char *params[2] = {req_tenant_param(req), NULL};
	if (!is_new && t_ids_phones) {
		params[1] = t_ids_phones;
		s = db_exec(req->db, &delete_phones_many, 2, params, NULL);
	}
	if (s == DB_OK && !is_new && t_ids_emails) {
		params[1] = t_ids_emails;
		s = db_exec(req->db, &delete_emails_many, 2, params, NULL);
	}
	if (s == DB_OK && t_phones) {
		params[1] = t_phones;
		s = db_exec(req->db, &insert_phones_many, 2, params, NULL);
	}
	if (s == DB_OK && t_emails) {
		params[1] = t_emails;
		s = db_exec(req->db, &insert_emails_many, 2, params, NULL);
	}
	return s == DB_OK ? STATUS_OK : batch_store_write_status(req, s, constraint);
}

enum status person_store_insert_many(struct request *req, struct person *const *p, int n, bool *constraint)
{
	*constraint = false;
	if (!n)
		return STATUS_OK;
	const char *params[] = {req_tenant_param(req), person_rows(req, (const struct person *const *)p, n, false)};
	if (!params[1])
		return STATUS_ERRO_SERVIDOR;
	PGresult *res;
	enum db_status s = db_exec(req->db, &insert_many, 2, params, &res);
	if (s != DB_OK)
		return batch_store_write_status(req, s, constraint);
	for (int row = 0; row < PQntuples(res); row++) {
		int pos = db_int(res, row, 0);
		if (pos >= 0 && pos < n)
			p[pos]->id = db_int64(res, row, 1);
	}
	PQclear(res);
	return write_lists(req, (const struct person *const *)p, n, true, constraint);
}

enum status person_store_update_many(struct request *req, const struct person *const *p, int n, bool *constraint)
{
	*constraint = false;
	if (!n)
		return STATUS_OK;
	const char *params[] = {req_tenant_param(req), person_rows(req, p, n, true)};
	if (!params[1])
		return STATUS_ERRO_SERVIDOR;
	enum db_status s = db_exec(req->db, &update_many, 2, params, NULL);
	if (s != DB_OK)
		return batch_store_write_status(req, s, constraint);
	return write_lists(req, p, n, false, constraint);
}

static const struct db_stmt missing_many = {
	"person_missing_many",
	"SELECT x.id FROM (SELECT DISTINCT json_array_elements_text($2::json)::bigint AS id) x"
	" WHERE NOT EXISTS (SELECT 1 FROM person WHERE tenant_id = $1 AND person_id = x.id)"};

enum status person_store_missing_many(struct request *req, int n, const int64_t *const *ids, bool *missing)
{
	return batch_store_ids_missing(req, &missing_many, n, ids, missing);
}
