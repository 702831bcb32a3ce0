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
 * Writes are set-based (ids drawn first, one INSERT of the atendimentos, one of
 * their next contacts, one audit INSERT). Two kinds of record take statements of
 * their own, because they reuse the single operation's writer as it is: an inline
 * Prospect (person_create_prospect) and a VINCULAR record (contact_link_to_open).
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
	int *open_in_call;            /* else the earlier record of the call opening it; -1 */
	bool *link;                   /* VINCULAR: the contact goes to that open one */
	struct known_nature *natures;
	int n_natures;
	struct known_code *origins, *consultants;
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
			s = known_code(w, w->origins, &w->n_origins, contact_store_origin_exists, c->origin,
				       &f->origin_found);
		if (s == STATUS_OK && c->responsible)
			s = consultant_active(w, c->responsible, &f->responsible_active);
		if (s == STATUS_OK && c->next && c->next->responsible)
			s = consultant_active(w, c->next->responsible, &f->next_responsible_active);
	}
	return s;
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
		w->link[i] = true;   /* contact_link_to_open checks its next contact's responsible */
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

/* Inline prospects, each by IncluirAtendimento's own writer. A prospect refused
 * here had already counted in routing: later records may have gone to another
 * consultant than single calls would have chosen; fairness only. */
static enum status register_prospects(struct work *w)
{
	for (int i = 0; i < w->b->n; i++) {
		struct batch_item *it = &w->b->items[i];
		if (it->decided || !w->in[i].prospect)
			continue;
		struct prospect_input p = *w->in[i].prospect;
		if (!p.origin)
			p.origin = w->in[i].origin;
		size_t mark = batch_mark(w->req);
		enum status s = person_create_prospect(w->req, &p, "Atendimento/Prospect", &w->rows[i].person_id);
		if (status_is_fault(s))
			return s;
		w->rows[i].has_person = true;
		batch_take(w->req, mark, it);
	}
	return STATUS_OK;
}

struct writer {
	struct work *w;
	const struct contact **rows;
};

static enum status write_inserts(struct request *req, void *ctx, const int *idx, int n, bool *constraint)
{
	struct writer *x = ctx;
	for (int k = 0; k < n; k++)
		x->rows[k] = &x->w->rows[idx[k]];
	return contact_store_insert_many(req, x->rows, n, constraint);
}

/* New ids first, so PERMITIR records can name an earlier record's atendimento. */
static enum status insert_new(struct work *w, int *ins, int *n_ins)
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
	struct writer x = {w, batch_array(req, *n_ins, sizeof *x.rows)};
	s = batch_write(req, w->b, ins, n_ins, write_inserts, &x, "Atendimento");
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
		x.rows[n_next++] = c;
	}
	return n_next ? contact_store_next_insert_many(req, x.rows, n_next) : STATUS_OK;
}

/* VINCULAR records, in request order, by IncluirAtendimento's own writer. */
static enum status link_records(struct work *w)
{
	for (int i = 0; i < w->b->n; i++) {
		struct batch_item *it = &w->b->items[i];
		if (it->decided || !w->link[i])
			continue;
		int64_t target = w->open_stored[i];
		int j = w->open_in_call[i];
		if (!target && w->b->items[j].decided) {
			batch_reject(w->req, it, STATUS_NAO_ENCONTRADO, "Atendimento/Natureza",
				     "O registro %d, em cujo atendimento este seria registrado, foi rejeitado.", j + 1);
			continue;
		}
		if (!target)
			target = w->rows[j].id;
		size_t mark = batch_mark(w->req);
		enum status s = contact_link_to_open(w->req, target, &w->in[i]);
		if (status_is_fault(s))
			return s;
		if (!batch_take(w->req, mark, it))
			it->entity_id = target;
	}
	return STATUS_OK;
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
	w.open_in_call = batch_array(req, n, sizeof *w.open_in_call);
	w.link = batch_array(req, n, sizeof *w.link);
	w.natures = batch_array(req, n, sizeof *w.natures);
	w.origins = batch_array(req, n, sizeof *w.origins);
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
		batch_take(req, mark, &b->items[i]);
	}
	const char **keys = batch_array(req, n, sizeof *keys);
	for (int i = 0; i < n; i++)
		keys[i] = b->items[i].decided ? NULL : records[i].external_id;
	batch_reject_duplicates(req, b, keys, "Atendimento/IdExterno", "IdExterno");

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
		s = contact_store_find_open_many(req, n, people, natures, w.open_stored);
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
	if ((s = register_prospects(&w)) != STATUS_OK || (s = insert_new(&w, ins, &n_ins)) != STATUS_OK ||
	    (s = link_records(&w)) != STATUS_OK)
		return s;
	return finish(&w, ins, n_ins);
}
