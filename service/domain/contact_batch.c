/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * contact_batch.c - IncluirAtendimentosLote (contact_batch.h).
 *
 * The rule to know: the records of a call end as that many IncluirAtendimento calls
 * made in request order would. Each record goes through IncluirAtendimento's own
 * checks (contact_check_create), fed with facts looked up for the whole call at once;
 * routing and the second-open policy are then decided in C, record after record,
 * over one snapshot: the open atendimentos of the call's (person, natureza) pairs,
 * taken under the same advisory locks IncluirAtendimento takes (so the RECUSAR race
 * stays closed), and each routing team's open counts, which grow as the call assigns
 * records. So a later record sees the earlier ones: a second record for the same
 * person and natureza is refused (RECUSAR), recorded on the first (VINCULAR) or
 * linked to it (PERMITIR); the least busy consultant changes as records are given.
 *
 * Writes are set-based, one statement per kind whatever the number of records: the
 * inline prospects (people, with their phone and e-mail), the new atendimentos (ids
 * drawn first, so a PERMITIR record can name an earlier record's), their next
 * contacts, the VINCULAR records' interactions, next contacts and version bumps, and
 * the audit rows.
 */
#include "domain/contact_batch.h"

#include "domain/field.h"
#include "domain/reference.h"
#include "store/audit_store.h"
#include "store/contact_store.h"
#include "store/person_store.h"
#include "store/vehicle_store.h"

#include <stdio.h>
#include <string.h>

/* Reference codes of a call, each looked up once (a call names a handful). */
struct known_nature {
	const char *code;
	struct nature n;
	bool found;
};
struct known_code {
	const char *code;
	bool found;
};
struct team {
	const char *code;
	const char **consultants;   /* code order: the least busy's tie-break */
	int *open;                  /* open atendimentos of each, growing with the call */
	int n;
};

struct work {
	struct request *req;
	struct batch *b;
	const struct contact *in;
	struct contact *rows;         /* what each record opens: the input, routed */
	struct contact_facts *facts;
	int64_t *open_stored;         /* the stored open atendimento of the record's pair */
	const char **open_responsible;   /* and its responsible */
	int *open_in_call;            /* else the earlier record of the call opening it; -1 */
	bool *link;                   /* VINCULAR: the contact goes to that open one */
	struct person *prospects;     /* each record's inline prospect, as it would be stored */
	int64_t *prospect_owner;      /* the stored person holding the prospect's IdExterno */
	bool *prospect_origin_found;
	struct known_nature *natures;
	int n_natures;
	struct known_code *origins, *consultants;   /* origins: the atendimentos' and the prospects' */
	int n_origins, n_consultants;
	struct team *teams;
	int n_teams;
};

/* ---- the record's content hash ------------------------------------------------------ */

static const char *num(char *buf, size_t size, bool has, long long v)
{
	if (!has)
		return NULL;
	snprintf(buf, size, "%lld", v);
	return buf;
}

static void record_hash(const struct contact *c, char out[65])
{
	char person[24], vehicle[24], year[24];
	const struct prospect_input *p = c->prospect;
	const struct person_phone *ph = p ? p->phone : NULL;
	const struct next_contact *nc = c->next;
	const char *v[] = {
		c->external_id, num(person, sizeof person, c->has_person, (long long)c->person_id),
		p ? "P" : NULL, p ? p->external_id : NULL, p ? p->name : NULL, ph ? ph->number : NULL,
		ph ? (ph->whatsapp ? "w" : "-") : NULL, ph ? (ph->is_main ? "m" : "-") : NULL,
		p ? p->email : NULL, p ? p->origin : NULL, p ? p->notes : NULL,
		c->nature, c->origin, c->channel, c->description,
		num(vehicle, sizeof vehicle, c->has_vehicle, (long long)c->vehicle_id),
		c->has_interest ? "I" : NULL, c->interest.model, c->interest.trim, c->interest.color,
		num(year, sizeof year, c->interest.has_year, c->interest.year),
		c->wants_new_car ? "novo" : "-", c->responsible,
		nc ? "N" : NULL, nc ? nc->due_at : NULL, nc ? nc->responsible : NULL, nc ? nc->kind : NULL,
		nc ? nc->notes : NULL,
	};
	struct batch_hash *h = batch_hash_begin();
	for (size_t k = 0; k < sizeof v / sizeof *v; k++)
		batch_hash_text(h, v[k]);
	batch_hash_end(h, out);
}

/* ---- reference codes, once per call ----------------------------------------------------- */

static enum status known_nature(struct work *w, const char *code, const struct nature **out)
{
	*out = NULL;
	for (int k = 0; k < w->n_natures; k++)
		if (!strcmp(w->natures[k].code, code)) {
			*out = w->natures[k].found ? &w->natures[k].n : NULL;
			return STATUS_OK;
		}
	struct known_nature *kn = &w->natures[w->n_natures++];
	kn->code = code;
	enum status s = reference_nature(w->req, code, &kn->n, &kn->found);
	*out = kn->found ? &kn->n : NULL;
	return s;
}

typedef enum status (*exists_fn)(struct request *req, const char *code, bool *found);

static enum status known_code(struct work *w, struct known_code *list, int *n, exists_fn exists, const char *code,
			      bool *found)
{
	for (int k = 0; k < *n; k++)
		if (!strcmp(list[k].code, code)) {
			*found = list[k].found;
			return STATUS_OK;
		}
	enum status s = exists(w->req, code, found);
	list[(*n)++] = (struct known_code){code, *found};
	return s;
}

static enum status consultant_active(struct work *w, const char *code, bool *active)
{
	return known_code(w, w->consultants, &w->n_consultants, contact_store_consultant_active, code, active);
}

/* ---- 1. the facts of every record -------------------------------------------------------- */

static void found_person(void *ctx, int i, const struct person *p)
{
	struct work *w = ctx;
	if (field_same(p->external_id, w->in[i].prospect->external_id))
		w->prospect_owner[i] = p->id;
}

/* The inline prospects' IdExterno (one query) and Origem (once per code). */
static enum status lookup_prospects(struct work *w)
{
	struct request *req = w->req;
	int n = w->b->n;
	const char **external = batch_array(req, n, sizeof *external), **none = batch_array(req, n, sizeof *none);
	for (int i = 0; i < n; i++) {
		const struct prospect_input *p = w->in[i].prospect;
		if (!w->b->items[i].decided && p && !field_blank(p->external_id))
			external[i] = p->external_id;
	}
	enum status s = person_store_match_many(req, n, external, none, found_person, w);
	for (int i = 0; s == STATUS_OK && i < n; i++) {
		const struct prospect_input *p = w->in[i].prospect;
		if (!w->b->items[i].decided && p && p->origin)
			s = known_code(w, w->origins, &w->n_origins, reference_origin_exists, p->origin,
				       &w->prospect_origin_found[i]);
	}
	return s;
}

static enum status lookup_facts(struct work *w)
{
	struct request *req = w->req;
	int n = w->b->n;
	const int64_t **people = batch_array(req, n, sizeof *people), **vehicles = batch_array(req, n, sizeof *vehicles);
	const char **external = batch_array(req, n, sizeof *external);
	bool *no_person = batch_array(req, n, sizeof *no_person), *no_vehicle = batch_array(req, n, sizeof *no_vehicle);
	int64_t *owner = batch_array(req, n, sizeof *owner);
	for (int i = 0; i < n; i++) {
		if (w->b->items[i].decided)
			continue;
		const struct contact *c = &w->in[i];
		people[i] = c->has_person ? &c->person_id : NULL;
		vehicles[i] = c->has_vehicle ? &c->vehicle_id : NULL;
		external[i] = field_blank(c->external_id) ? NULL : c->external_id;
	}
	enum status s = person_store_missing_many(req, n, people, no_person);
	if (s == STATUS_OK)
		s = vehicle_store_missing_many(req, n, vehicles, no_vehicle);
	if (s == STATUS_OK)
		s = contact_store_external_ids_many(req, n, external, owner);
	if (s == STATUS_OK)
		s = lookup_prospects(w);
	for (int i = 0; s == STATUS_OK && i < n; i++) {
		if (w->b->items[i].decided)
			continue;
		const struct contact *c = &w->in[i];
		struct contact_facts *f = &w->facts[i];
		f->person_found = c->has_person && !no_person[i];
		f->vehicle_found = c->has_vehicle && !no_vehicle[i];
		f->external_id_owner = owner[i];
		if (!field_blank(c->nature))
			s = known_nature(w, c->nature, &f->nature);
		if (s == STATUS_OK && c->origin)
			s = known_code(w, w->origins, &w->n_origins, reference_origin_exists, c->origin,
				       &f->origin_found);
		if (s == STATUS_OK && c->responsible)
			s = consultant_active(w, c->responsible, &f->responsible_active);
		if (s == STATUS_OK && c->next && c->next->responsible)
			s = consultant_active(w, c->next->responsible, &f->next_responsible_active);
	}
	return s;
}

/* The inline prospect's checks: person_create_prospect's, on looked-up facts. */
static void check_prospect(struct work *w, int i)
{
	struct request *req = w->req;
	const struct contact *c = &w->in[i];
	struct prospect_input p = *c->prospect;
	if (!p.origin)
		p.origin = c->origin;   /* checked as the atendimento's */
	person_check_prospect(req, &p, "Atendimento/Prospect", &w->prospects[i]);
	if (c->prospect->origin && !w->prospect_origin_found[i])
		req_fail(req, STATUS_NAO_ENCONTRADO, "Atendimento/Prospect/Origem",
			 "Origem '%s' não encontrada (veja ListarOrigensContato).", p.origin);
	if (w->prospect_owner[i])
		req_fail(req, STATUS_JA_EXISTENTE, "Atendimento/Prospect/IdExterno", "IdExterno '%s' já pertence à pessoa %lld.",
			 p.external_id, (long long)w->prospect_owner[i]);
}

/* ---- 3. routing over the teams' snapshot ------------------------------------------------- */

/* The natureza's default consultant when active (else NULL); looked up once. */
static enum status default_consultant(struct work *w, const struct nature *n, const char **code)
{
	bool active = false;
	*code = NULL;
	enum status s = n->default_consultant ? consultant_active(w, n->default_consultant, &active) : STATUS_OK;
	if (active)
		*code = n->default_consultant;
	return s;
}

static struct team *find_team(struct work *w, const char *code)
{
	for (int k = 0; k < w->n_teams; k++)
		if (!strcmp(w->teams[k].code, code))
			return &w->teams[k];
	return NULL;
}

/* Loads, before any record is routed, every team some record may be routed to. */
static enum status load_teams(struct work *w)
{
	for (int i = 0; i < w->b->n; i++) {
		const struct nature *n = w->facts[i].nature;
		const char *dflt;
		if (w->b->items[i].decided || w->in[i].responsible)
			continue;
		enum status s = default_consultant(w, n, &dflt);
		if (s != STATUS_OK)
			return s;
		if (dflt || !n->team || find_team(w, n->team))
			continue;
		struct team *t = &w->teams[w->n_teams++];
		t->code = n->team;
		if ((s = contact_store_team_load(w->req, t->code, &t->consultants, &t->open, &t->n)) != STATUS_OK)
			return s;
	}
	return STATUS_OK;
}

/* IncluirAtendimento's routing (contact.c route): the default consultant when
 * active, else the team's least busy active consultant (ties: code order). */
static const char *route(struct work *w, const struct nature *n)
{
	const char *dflt;
	if (default_consultant(w, n, &dflt) == STATUS_OK && dflt)	/* known since load_teams: no query */
		return dflt;
	const struct team *t = n->team ? find_team(w, n->team) : NULL;
	int best = -1;
	for (int k = 0; t && k < t->n; k++)
		if (best < 0 || t->open[k] < t->open[best])
			best = k;
	return best < 0 ? NULL : t->consultants[best];
}

/* A new open atendimento for `code`: one more in every team snapshot that has him. */
static void count_open(struct work *w, const char *code)
{
	for (int k = 0; code && k < w->n_teams; k++)
		for (int m = 0; m < w->teams[k].n; m++)
			if (!strcmp(w->teams[k].consultants[m], code))
				w->teams[k].open[m]++;
}

/* ---- 4. the second-open policy, record after record -------------------------------------- */

/* The first earlier record of the call that opens an atendimento for i's pair. */
static int opened_in_call(const struct work *w, int i)
{
	const struct contact *c = &w->in[i];
	for (int j = 0; j < i; j++) {
		const struct batch_item *it = &w->b->items[j];
		if (it->outcome == BATCH_CREATED && !it->decided && !w->in[j].prospect &&
		    w->in[j].person_id == c->person_id && !strcmp(w->in[j].nature, c->nature))
			return j;
	}
	return -1;
}

static void decide(struct work *w, int i)
{
	struct request *req = w->req;
	struct batch_item *it = &w->b->items[i];
	const struct nature *n = w->facts[i].nature;
	struct contact *c = &w->rows[i];
	*c = w->in[i];
	c->area = n->area;
	c->team = n->team;
	c->linked_id = 0;
	if (!c->responsible)
		c->responsible = route(w, n);
	w->open_in_call[i] = c->prospect ? -1 : opened_in_call(w, i);
	int64_t stored = w->open_stored[i];
	int earlier = w->open_in_call[i];
	bool open = !c->prospect && (stored || earlier >= 0);
	if (open && !strcmp(n->second_open_policy, "RECUSAR")) {
		if (stored)
			batch_reject(req, it, STATUS_JA_EXISTENTE, "Atendimento/Natureza",
				     "Já existe o atendimento %lld aberto para esta pessoa na natureza %s.",
				     (long long)stored, c->nature);
		else
			batch_reject(req, it, STATUS_JA_EXISTENTE, "Atendimento/Natureza",
				     "O registro %d deste lote já abre um atendimento para esta pessoa na natureza %s.",
				     earlier + 1, c->nature);
		return;
	}
	if (open && !strcmp(n->second_open_policy, "VINCULAR")) {
		const char *responsible = stored ? w->open_responsible[i] : w->rows[earlier].responsible;
		if (c->next && !c->next->responsible && !responsible) {	/* as agenda_set_next */
			batch_reject(req, it, STATUS_CAMPO_OBRIGATORIO, "Atendimento/ProximoContato/Responsavel",
				     "O atendimento não tem responsável: informe quem fará o próximo contato.");
			return;
		}
		w->link[i] = true;
		it->outcome = BATCH_UPDATED;
		return;
	}
	if (c->next && !c->next->responsible && !c->responsible) {	/* as agenda_set_next */
		batch_reject(req, it, STATUS_CAMPO_OBRIGATORIO, "Atendimento/ProximoContato/Responsavel",
			     "O atendimento não tem responsável: informe quem fará o próximo contato.");
		return;
	}
	if (open) {	/* PERMITIR: a new one, linked to the oldest open */
		size_t mark = batch_mark(req);
		c->linked_id = stored;
		if (stored)
			req_info(req, STATUS_OK, "Atendimento/Natureza",
				 "A pessoa já tem o atendimento %lld aberto na natureza %s: este foi vinculado a ele.",
				 (long long)stored, c->nature);
		else
			req_info(req, STATUS_OK, "Atendimento/Natureza",
				 "O registro %d deste lote já abre um atendimento para esta pessoa na natureza %s: "
				 "este foi vinculado a ele.", earlier + 1, c->nature);
		batch_take(req, mark, it);
	}
	it->outcome = BATCH_CREATED;
	count_open(w, c->responsible);
}

/* ---- 5. writes ------------------------------------------------------------------------------- */

struct writer {
	struct work *w;
	const struct contact **rows;
	struct person **people;
};

static enum status write_prospects(struct request *req, void *ctx, const int *idx, int n, bool *constraint)
{
	struct writer *x = ctx;
	for (int k = 0; k < n; k++)
		x->people[k] = &x->w->prospects[idx[k]];
	return person_store_insert_many(req, x->people, n, constraint);
}

/* The inline prospects, in one INSERT (with their phones and e-mails), audited as
 * IncluirProspect audits. */
static enum status register_prospects(struct work *w, struct writer *x)
{
	struct request *req = w->req;
	int n = w->b->n, m = 0;
	int *idx = batch_array(req, n, sizeof *idx);
	for (int i = 0; i < n; i++)
		if (!w->b->items[i].decided && w->in[i].prospect)
			idx[m++] = i;
	enum status s = batch_write(req, w->b, idx, &m, write_prospects, x, "Atendimento/Prospect");
	if (s != STATUS_OK || !m)
		return s;
	struct audit_entry *audit = batch_array(req, m, sizeof *audit);
	for (int k = 0; k < m; k++) {
		const struct person *p = &w->prospects[idx[k]];
		w->rows[idx[k]].person_id = p->id;
		w->rows[idx[k]].has_person = true;
		struct audit_change *changes;
		int n_changes = person_create_changes(req, p, &changes);
		audit[k] = (struct audit_entry){p->id, "incluir", changes, n_changes};
	}
	return audit_record_many(req, "pessoa", audit, m);
}

static enum status write_inserts(struct request *req, void *ctx, const int *idx, int n, bool *constraint)
{
	struct writer *x = ctx;
	for (int k = 0; k < n; k++)
		x->rows[k] = &x->w->rows[idx[k]];
	return contact_store_insert_many(req, x->rows, n, constraint);
}

/* New ids first, so PERMITIR records can name an earlier record's atendimento. */
static enum status insert_new(struct work *w, struct writer *x, int *ins, int *n_ins)
{
	struct request *req = w->req;
	int n = w->b->n;
	*n_ins = 0;
	for (int i = 0; i < n; i++)
		if (!w->b->items[i].decided && w->b->items[i].outcome == BATCH_CREATED)
			ins[(*n_ins)++] = i;
	int64_t *ids = batch_array(req, *n_ins, sizeof *ids);
	enum status s = contact_store_new_ids(req, *n_ins, ids);
	if (s != STATUS_OK)
		return s;
	for (int k = 0; k < *n_ins; k++)
		w->rows[ins[k]].id = ids[k];
	for (int k = 0; k < *n_ins; k++) {
		struct contact *c = &w->rows[ins[k]];
		if (!c->linked_id && w->open_in_call[ins[k]] >= 0)
			c->linked_id = w->rows[w->open_in_call[ins[k]]].id;
	}
	s = batch_write(req, w->b, ins, n_ins, write_inserts, x, "Atendimento");
	if (s != STATUS_OK)
		return s;

	/* their next contacts, the atendimento's responsible by default */
	int n_next = 0;
	for (int k = 0; k < *n_ins; k++) {
		struct contact *c = &w->rows[ins[k]];
		w->b->items[ins[k]].entity_id = c->id;
		if (!c->next)
			continue;
		struct next_contact *nc = req_alloc(req, sizeof *nc);
		*nc = *c->next;
		if (!nc->responsible)
			nc->responsible = c->responsible;
		c->next = nc;
		x->rows[n_next++] = c;
	}
	return contact_store_next_insert_many(req, x->rows, n_next, NULL);
}

/* The VINCULAR records, as IncluirAtendimento's link_to_open would write them one
 * after the other: an interaction each on its open atendimento; a ProximoContato
 * replaces that atendimento's open next contact (so of several records for one
 * atendimento the last one's stays open); a new version per record; "vincular"
 * audit rows. */
static enum status link_records(struct work *w)
{
	struct request *req = w->req;
	int n = w->b->n, m = 0;
	int *rec = batch_array(req, n, sizeof *rec);
	int64_t *target = batch_array(req, n, sizeof *target);
	for (int i = 0; i < n; i++) {
		struct batch_item *it = &w->b->items[i];
		if (it->decided || !w->link[i])
			continue;
		int j = w->open_in_call[i];
		if (!w->open_stored[i] && w->b->items[j].decided) {	/* its insert was refused (batch_write) */
			batch_reject(req, it, STATUS_NAO_ENCONTRADO, "Atendimento/Natureza",
				     "O registro %d, em cujo atendimento este seria registrado, foi rejeitado.", j + 1);
			continue;
		}
		rec[m] = i;
		target[m++] = w->open_stored[i] ? w->open_stored[i] : w->rows[j].id;
	}
	if (!m)
		return STATUS_OK;

	const struct contact_interaction **contacts = batch_array(req, m, sizeof *contacts);
	int64_t *interaction = batch_array(req, m, sizeof *interaction);
	for (int k = 0; k < m; k++) {
		struct contact_interaction *ci = req_alloc(req, sizeof *ci);
		*ci = (struct contact_interaction){.channel = w->in[rec[k]].channel, .outcome = CONTACT_LINKED_OUTCOME,
						   .body = w->in[rec[k]].description};
		contacts[k] = ci;
	}
	enum status s = contact_store_add_interactions_many(req, m, target, contacts, interaction);

	/* next contacts: the open one of each atendimento is replaced, in request order */
	const char **replaced = batch_array(req, m, sizeof *replaced);
	int64_t *with_next = batch_array(req, m, sizeof *with_next);
	const char **stored_due = batch_array(req, m, sizeof *stored_due);
	int n_next = 0;
	for (int k = 0; k < m; k++)
		if (w->in[rec[k]].next)
			with_next[n_next++] = target[k];
	if (s == STATUS_OK)
		s = contact_store_next_done_many(req, n_next, with_next, stored_due);
	const struct contact **rows = batch_array(req, n_next, sizeof *rows);
	bool *done = batch_array(req, n_next, sizeof *done);
	for (int k = 0, q = 0; s == STATUS_OK && k < m; k++) {
		const struct contact *in = &w->in[rec[k]];
		if (!in->next)
			continue;
		replaced[k] = stored_due[q];
		for (int e = k - 1; e >= 0; e--)	/* the previous record's, if one had the same target */
			if (target[e] == target[k] && w->in[rec[e]].next) {
				replaced[k] = w->in[rec[e]].next->due_at;
				break;
			}
		for (int later = k + 1; later < m && !done[q]; later++)
			done[q] = target[later] == target[k] && w->in[rec[later]].next;
		struct contact *row = req_alloc(req, sizeof *row);
		struct next_contact *nc = req_alloc(req, sizeof *nc);
		*nc = *in->next;
		if (!nc->responsible)
			nc->responsible = w->open_stored[rec[k]] ? w->open_responsible[rec[k]]
								 : w->rows[w->open_in_call[rec[k]]].responsible;
		row->id = target[k];
		row->next = nc;
		rows[q++] = row;
	}
	if (s == STATUS_OK)
		s = contact_store_next_insert_many(req, rows, n_next, done);
	if (s == STATUS_OK)
		s = contact_store_touch_many(req, m, target);
	if (s != STATUS_OK)
		return s;

	struct audit_entry *audit = batch_array(req, m, sizeof *audit);
	for (int k = 0; k < m; k++) {
		struct audit_change *changes = req_alloc(req, sizeof *changes * 3);
		audit[k] = (struct audit_entry){target[k], "vincular", changes,
						contact_link_changes(req, interaction[k], &w->in[rec[k]], replaced[k], changes)};
		struct batch_item *it = &w->b->items[rec[k]];
		size_t mark = batch_mark(req);
		contact_say_linked(req, target[k], w->in[rec[k]].nature);
		batch_take(req, mark, it);
		it->entity_id = target[k];
	}
	return audit_record_many(req, "atendimento", audit, m);
}

static enum status finish(struct work *w, const int *ins, int n_ins)
{
	struct request *req = w->req;
	int n = w->b->n;
	struct audit_change **changes = batch_array(req, n, sizeof *changes);
	int *n_changes = batch_array(req, n, sizeof *n_changes);
	for (int k = 0; k < n_ins; k++) {
		int i = ins[k];
		changes[i] = req_alloc(req, sizeof **changes * CONTACT_CREATE_CHANGES);
		n_changes[i] = contact_create_changes(req, &w->rows[i], changes[i]);
	}
	return batch_audit_and_finish(req, w->b, "atendimento", NULL, 0, ins, n_ins, changes, n_changes);
}

/* ---- the call ------------------------------------------------------------------------------- */

enum status contact_batch_create(struct request *req, struct batch *b, const struct contact *records)
{
	int n = b->n;
	for (int i = 0; i < n; i++)
		record_hash(&records[i], b->items[i].hash);
	enum status s = batch_begin(req, b);
	if (s != STATUS_OK)
		return s;

	struct work w = {.req = req, .b = b, .in = records};
	w.rows = batch_array(req, n, sizeof *w.rows);
	w.facts = batch_array(req, n, sizeof *w.facts);
	w.open_stored = batch_array(req, n, sizeof *w.open_stored);
	w.open_responsible = batch_array(req, n, sizeof *w.open_responsible);
	w.prospects = batch_array(req, n, sizeof *w.prospects);
	w.prospect_owner = batch_array(req, n, sizeof *w.prospect_owner);
	w.prospect_origin_found = batch_array(req, n, sizeof *w.prospect_origin_found);
	w.open_in_call = batch_array(req, n, sizeof *w.open_in_call);
	w.link = batch_array(req, n, sizeof *w.link);
	w.natures = batch_array(req, n, sizeof *w.natures);
	w.origins = batch_array(req, 2 * n, sizeof *w.origins);
	w.consultants = batch_array(req, 3 * n, sizeof *w.consultants);   /* responsible, next's, default */
	w.teams = batch_array(req, n, sizeof *w.teams);

	/* 1. the facts, for every record at once; 2. each record's own checks */
	if ((s = lookup_facts(&w)) != STATUS_OK)
		return s;
	for (int i = 0; i < n; i++) {
		if (b->items[i].decided)
			continue;
		size_t mark = batch_mark(req);
		contact_check_create(req, &records[i], &w.facts[i]);
		if (records[i].prospect)
			check_prospect(&w, i);
		batch_take(req, mark, &b->items[i]);
	}
	const char **keys = batch_array(req, n, sizeof *keys);
	for (int i = 0; i < n; i++)
		keys[i] = b->items[i].decided ? NULL : records[i].external_id;
	batch_reject_duplicates(req, b, keys, "Atendimento/IdExterno", "IdExterno");
	for (int i = 0; i < n; i++)
		keys[i] = b->items[i].decided || !records[i].prospect ? NULL : w.prospects[i].external_id;
	batch_reject_duplicates(req, b, keys, "Atendimento/Prospect/IdExterno", "IdExterno");

	/* 3. the open atendimentos of the call's (person, natureza) pairs, under the
	 * locks IncluirAtendimento takes; the routing teams */
	int64_t *people = batch_array(req, n, sizeof *people);
	const char **natures = batch_array(req, n, sizeof *natures);
	for (int i = 0; i < n; i++) {
		bool asked = !b->items[i].decided && !records[i].prospect;
		people[i] = records[i].person_id;
		natures[i] = asked ? records[i].nature : NULL;
	}
	s = contact_store_lock_person_natures(req, n, people, natures);
	if (s == STATUS_OK)
		s = contact_store_find_open_many(req, n, people, natures, w.open_stored, w.open_responsible);
	if (s == STATUS_OK)
		s = load_teams(&w);
	if (s != STATUS_OK)
		return s;

	/* 4. routing and the second-open policy, in request order */
	for (int i = 0; i < n; i++)
		if (!b->items[i].decided)
			decide(&w, i);

	/* 5. the writes */
	int *ins = batch_array(req, n, sizeof *ins), n_ins;
	struct writer x = {&w, batch_array(req, n, sizeof *x.rows), batch_array(req, n, sizeof *x.people)};
	if ((s = register_prospects(&w, &x)) != STATUS_OK || (s = insert_new(&w, &x, ins, &n_ins)) != STATUS_OK ||
	    (s = link_records(&w)) != STATUS_OK)
		return s;
	return finish(&w, ins, n_ins);
}
