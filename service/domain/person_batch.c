/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * person_batch.c - IncluirPessoasLote (person_batch.h).
 *
 * The rule to know: every record goes through IncluirPessoa's own checks
 * (person_check_input / person_check_merged); what needs the database is done for
 * the whole call at once: one query finds and locks every stored person holding a
 * record's IdExterno or document, one UPDATE and one INSERT (with the phone and
 * e-mail lists) write the accepted records, one INSERT audits them. A record whose
 * IdExterno is stored updates that person; an active person with its CPF/CNPJ that
 * is not that one rejects it (JA_EXISTENTE naming the holder), as IncluirPessoa does.
 */
#include "domain/person_batch.h"

#include "domain/field.h"
#include "domain/reference.h"
#include "store/audit_store.h"
#include "store/person_store.h"

#include <string.h>

#define MAX_ORIGINS 32

struct match {
	const struct person *p;
	struct match *next;
};

struct work {
	struct request *req;
	struct batch *b;
	struct person *given, *merged;
	const struct person **target;
	struct match **matches;
	struct audit_change **changes;
	int *n_changes;
	struct person **rows;
};

/* Every input value in contract order, lists included. */
static void record_hash(const struct person *p, char out[65])
{
	struct batch_hash *h = batch_hash_begin();
	const char *v[] = {p->external_id, p->dms_code, p->kind, p->document, p->name, p->trade_name, p->title,
			   p->birth_date, p->contact_preference, p->origin, p->notes};
	for (size_t k = 0; k < sizeof v / sizeof *v; k++)
		batch_hash_text(h, v[k]);
	const struct person_address *a = &p->address;
	const char *addr[] = {a->cep, a->street, a->number, a->complement, a->district, a->city, a->uf};
	batch_hash_text(h, p->has_address ? "E" : NULL);
	for (size_t k = 0; k < sizeof addr / sizeof *addr; k++)
		batch_hash_text(h, addr[k]);
	batch_hash_text(h, p->phones_given ? "T" : NULL);
	for (int k = 0; k < p->n_phones; k++) {
		batch_hash_text(h, p->phones[k].number);
		batch_hash_text(h, p->phones[k].whatsapp ? "w" : "-");
		batch_hash_text(h, p->phones[k].is_main ? "m" : "-");
	}
	batch_hash_text(h, p->emails_given ? "M" : NULL);
	for (int k = 0; k < p->n_emails; k++) {
		batch_hash_text(h, p->emails[k].address);
		batch_hash_text(h, p->emails[k].is_main ? "m" : "-");
	}
	batch_hash_end(h, out);
}

static void found(void *ctx, int i, const struct person *p)
{
	struct work *w = ctx;
	struct match *m = req_alloc(w->req, sizeof *m);
	m->p = p;
	m->next = w->matches[i];
	w->matches[i] = m;
	if (w->given[i].external_id && field_same(p->external_id, w->given[i].external_id))
		w->target[i] = p;
}

static void reject_clashes(struct work *w, int i)
{
	const struct person *v = &w->merged[i];
	if (!v->document || (v->status && !strcmp(v->status, "INATIVO")))
		return;
	for (const struct match *m = w->matches[i]; m; m = m->next) {
		if (w->target[i] && m->p->id == w->target[i]->id)
			continue;
		if (field_same(m->p->document, v->document) && strcmp(m->p->status, "INATIVO")) {
			batch_reject(w->req, &w->b->items[i], STATUS_JA_EXISTENTE, "Pessoa/Documento",
				     "Já existe a pessoa %lld com o %s %s.", (long long)m->p->id,
				     strlen(v->document) == 11 ? "CPF" : "CNPJ", v->document);
			return;
		}
	}
}

/* Origem must be an active origin of the tenant: one query per distinct code. */
static enum status check_origins(struct work *w)
{
	const char *known[MAX_ORIGINS];
	bool ok[MAX_ORIGINS];
	int n_known = 0;
	for (int i = 0; i < w->b->n; i++) {
		const char *o = w->merged[i].origin;
		if (w->b->items[i].decided || !o || !*o)
			continue;
		int k = 0;
		while (k < n_known && strcmp(known[k], o))
			k++;
		if (k == n_known) {
			bool f = false;
			enum status s = reference_origin_exists(w->req, o, &f);
			if (s != STATUS_OK)
				return s;
			if (n_known < MAX_ORIGINS) {
				known[n_known] = o;
				ok[n_known++] = f;
			} else {
				k = -1;
				if (!f)
					batch_reject(w->req, &w->b->items[i], STATUS_NAO_ENCONTRADO, "Pessoa/Origem",
						     "Origem '%s' não encontrada (veja ListarOrigensContato).", o);
				continue;
			}
		}
		if (!ok[k])
			batch_reject(w->req, &w->b->items[i], STATUS_NAO_ENCONTRADO, "Pessoa/Origem",
				     "Origem '%s' não encontrada (veja ListarOrigensContato).", o);
	}
	return STATUS_OK;
}

static enum status write_inserts(struct request *req, void *ctx, const int *idx, int n, bool *constraint)
{
	struct work *w = ctx;
	for (int k = 0; k < n; k++)
		w->rows[k] = &w->merged[idx[k]];
	enum status s = person_store_insert_many(req, w->rows, n, constraint);
	for (int k = 0; s == STATUS_OK && k < n; k++)
		w->b->items[idx[k]].entity_id = w->merged[idx[k]].id;
	return s;
}

static enum status write_updates(struct request *req, void *ctx, const int *idx, int n, bool *constraint)
{
	struct work *w = ctx;
	for (int k = 0; k < n; k++)
		w->rows[k] = &w->merged[idx[k]];
	return person_store_update_many(req, (const struct person *const *)w->rows, n, constraint);
}

enum status person_batch_upsert(struct request *req, struct batch *b, struct person *records)
{
	int n = b->n;
	for (int i = 0; i < n; i++)
		record_hash(&records[i], b->items[i].hash);
	enum status s = batch_begin(req, b);
	if (s != STATUS_OK)
		return s;

	struct work w = {.req = req, .b = b};
	w.given = records;
	w.merged = batch_array(req, n, sizeof *w.merged);
	w.target = batch_array(req, n, sizeof *w.target);
	w.matches = batch_array(req, n, sizeof *w.matches);
	w.changes = batch_array(req, n, sizeof *w.changes);
	w.n_changes = batch_array(req, n, sizeof *w.n_changes);
	w.rows = batch_array(req, n, sizeof *w.rows);

	/* 1. each record on its own */
	for (int i = 0; i < n; i++) {
		if (b->items[i].decided)
			continue;
		size_t mark = batch_mark(req);
		person_check_input(req, &records[i]);
		batch_take(req, mark, &b->items[i]);
	}

	/* 2. the stored people holding the records' keys, in one query */
	const char **ext = batch_array(req, n, sizeof *ext), **doc = batch_array(req, n, sizeof *doc);
	for (int i = 0; i < n; i++) {
		if (b->items[i].decided)
			continue;
		ext[i] = records[i].external_id && *records[i].external_id ? records[i].external_id : NULL;
		doc[i] = records[i].document;
	}
	s = person_store_match_many(req, n, ext, doc, found, &w);
	if (s != STATUS_OK)
		return s;

	/* 3. the record over its stored person, and the documents others hold */
	for (int i = 0; i < n; i++) {
		if (b->items[i].decided)
			continue;
		size_t mark = batch_mark(req);
		person_check_merged(req, w.target[i], &records[i], &w.merged[i], &w.changes[i], &w.n_changes[i]);
		if (!batch_take(req, mark, &b->items[i]))
			reject_clashes(&w, i);
	}
	s = check_origins(&w);
	if (s != STATUS_OK)
		return s;

	/* 4. keys claimed twice within the call */
	const char **keys = batch_array(req, n, sizeof *keys);
	for (int i = 0; i < n; i++)
		keys[i] = b->items[i].decided ? NULL : w.merged[i].external_id;
	batch_reject_duplicates(req, b, keys, "Pessoa/IdExterno", "IdExterno");
	for (int i = 0; i < n; i++)
		keys[i] = b->items[i].decided ? NULL : w.merged[i].document;
	batch_reject_duplicates(req, b, keys, "Pessoa/Documento", "Documento");

	/* 5. the writes */
	int *ins = batch_array(req, n, sizeof *ins), *upd = batch_array(req, n, sizeof *upd), n_ins = 0, n_upd = 0;
	for (int i = 0; i < n; i++) {
		struct batch_item *it = &b->items[i];
		if (it->decided)
			continue;
		if (!w.target[i]) {
			it->outcome = BATCH_CREATED;
			ins[n_ins++] = i;
			continue;
		}
		it->outcome = BATCH_UPDATED;
		it->entity_id = w.target[i]->id;
		if (w.n_changes[i])
			upd[n_upd++] = i;
	}
	s = batch_write(req, b, upd, &n_upd, write_updates, &w, "Pessoa");
	if (s == STATUS_OK)
		s = batch_write(req, b, ins, &n_ins, write_inserts, &w, "Pessoa");
	if (s != STATUS_OK)
		return s;

	/* the audit of what was written, in one statement */
	return batch_audit_and_finish(req, b, "pessoa", upd, n_upd, ins, n_ins, w.changes, w.n_changes);
}
