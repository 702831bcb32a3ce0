/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * vehicle_batch.c - IncluirVeiculosLote (vehicle_batch.h).
 *
 * The rule to know: every record goes through IncluirVeiculo's own checks
 * (vehicle_check_input / vehicle_check_merged), but what needs the database is done
 * for the whole call at once: one query finds (and locks) every stored vehicle that
 * holds a record's IdExterno, plate or VIN; one checks the owners; one UPDATE and
 * one INSERT write every accepted record; one INSERT audits them. A record whose
 * IdExterno is stored updates that vehicle (only when something changes); any
 * other stored vehicle holding its plate or VIN rejects it, as IncluirVeiculo does.
 */
#include "domain/vehicle_batch.h"

#include "core/validate.h"
#include "domain/field.h"
#include "store/audit_store.h"
#include "store/person_store.h"
#include "store/vehicle_store.h"

#include <string.h>

struct match {
	struct vehicle v;
	struct match *next;
};

struct work {
	struct request *req;
	struct batch *b;
	struct vehicle *given, *merged;
	struct vehicle **target;          /* the stored vehicle with the record's IdExterno */
	struct match **matches;           /* every stored vehicle holding one of its keys */
	struct audit_change (*changes)[VEHICLE_FIELDS];
	int *n_changes;
	const struct vehicle **rows;      /* scratch for the store calls */
	int64_t *ids;
};

static const char *plate_key(struct request *req, const char *plate)
{
	if (!plate)
		return NULL;
	char key[8];
	plate_search_key(plate, key);
	return req_strdup(req, key);
}

static void record_hash(struct request *req, const struct vehicle *v, char out[65])
{
	const char *t[VEHICLE_FIELDS];
	vehicle_field_texts(req, v, t);
	struct batch_hash *h = batch_hash_begin();
	for (int k = 0; k < VEHICLE_FIELDS; k++)
		batch_hash_text(h, t[k]);
	batch_hash_end(h, out);
}

static void found(void *ctx, int i, const struct vehicle *v)
{
	struct work *w = ctx;
	struct match *m = req_alloc(w->req, sizeof *m);
	m->v = *v;
	m->next = w->matches[i];
	w->matches[i] = m;
	if (w->given[i].external_id && field_same(v->external_id, w->given[i].external_id))
		w->target[i] = &m->v;
}

/* Stored vehicles other than the target that hold the merged record's plate or VIN. */
static void reject_clashes(struct work *w, int i)
{
	struct request *req = w->req;
	const struct vehicle *v = &w->merged[i];
	const char *key = plate_key(req, v->plate);
	for (const struct match *m = w->matches[i]; m; m = m->next) {
		if (w->target[i] && m->v.id == w->target[i]->id)
			continue;
		if (key && m->v.plate && field_same(plate_key(req, m->v.plate), key))
			batch_reject(req, &w->b->items[i], STATUS_JA_EXISTENTE, "Veiculo/Placa",
				     "A placa %s já está cadastrada no veículo de Id %lld (a forma antiga e a "
				     "Mercosul são a mesma placa).", v->plate, (long long)m->v.id);
		else if (v->vin && field_same(m->v.vin, v->vin))
			batch_reject(req, &w->b->items[i], STATUS_JA_EXISTENTE, "Veiculo/Chassi",
				     "O chassi %s já está cadastrado no veículo de Id %lld.", v->vin,
				     (long long)m->v.id);
		if (w->b->items[i].decided)
			return;
	}
}

static enum status write_inserts(struct request *req, void *ctx, const int *idx, int n, bool *constraint)
{
	struct work *w = ctx;
	for (int k = 0; k < n; k++)
		w->rows[k] = &w->merged[idx[k]];
	enum status s = vehicle_store_insert_many(req, w->rows, n, w->ids, constraint);
	for (int k = 0; s == STATUS_OK && k < n; k++)
		w->b->items[idx[k]].entity_id = w->ids[k];
	return s;
}

static enum status write_updates(struct request *req, void *ctx, const int *idx, int n, bool *constraint)
{
	struct work *w = ctx;
	for (int k = 0; k < n; k++)
		w->rows[k] = &w->merged[idx[k]];
	return vehicle_store_update_many(req, w->rows, n, constraint);
}

enum status vehicle_batch_upsert(struct request *req, struct batch *b, const struct vehicle *records)
{
	int n = b->n;
	for (int i = 0; i < n; i++)
		record_hash(req, &records[i], b->items[i].hash);
	enum status s = batch_begin(req, b);
	if (s != STATUS_OK)
		return s;

	struct work w = {.req = req, .b = b};
	w.given = batch_array(req, n, sizeof *w.given);
	w.merged = batch_array(req, n, sizeof *w.merged);
	w.target = batch_array(req, n, sizeof *w.target);
	w.matches = batch_array(req, n, sizeof *w.matches);
	w.changes = batch_array(req, n, sizeof *w.changes);
	w.n_changes = batch_array(req, n, sizeof *w.n_changes);
	w.rows = batch_array(req, n, sizeof *w.rows);
	w.ids = batch_array(req, n, sizeof *w.ids);

	/* 1. each record on its own */
	for (int i = 0; i < n; i++) {
		if (b->items[i].decided)
			continue;
		size_t mark = batch_mark(req);
		vehicle_check_input(req, &records[i], &w.given[i]);
		batch_take(req, mark, &b->items[i]);
	}

	/* 2. the stored vehicles holding the records' keys, in one query */
	const char **ext = batch_array(req, n, sizeof *ext), **pk = batch_array(req, n, sizeof *pk),
		   **vin = batch_array(req, n, sizeof *vin);
	for (int i = 0; i < n; i++) {
		if (b->items[i].decided)
			continue;
		ext[i] = w.given[i].external_id && *w.given[i].external_id ? w.given[i].external_id : NULL;
		pk[i] = w.given[i].plate && *w.given[i].plate ? plate_key(req, w.given[i].plate) : NULL;
		vin[i] = w.given[i].vin && *w.given[i].vin ? w.given[i].vin : NULL;
	}
	s = vehicle_store_match_many(req, n, ext, pk, vin, found, &w);
	if (s != STATUS_OK)
		return s;

	/* 3. the record over its stored vehicle, and the keys others hold */
	for (int i = 0; i < n; i++) {
		if (b->items[i].decided)
			continue;
		size_t mark = batch_mark(req);
		vehicle_check_merged(req, w.target[i], &w.given[i], &w.merged[i], &w.n_changes[i], w.changes[i]);
		if (!batch_take(req, mark, &b->items[i]))
			reject_clashes(&w, i);
	}

	/* 4. keys claimed twice within the call */
	const char **keys = batch_array(req, n, sizeof *keys);
	for (int i = 0; i < n; i++)
		keys[i] = b->items[i].decided ? NULL : w.merged[i].external_id;
	batch_reject_duplicates(req, b, keys, "Veiculo/IdExterno", "IdExterno");
	for (int i = 0; i < n; i++)
		keys[i] = b->items[i].decided ? NULL : plate_key(req, w.merged[i].plate);
	batch_reject_duplicates(req, b, keys, "Veiculo/Placa", "Placa");
	for (int i = 0; i < n; i++)
		keys[i] = b->items[i].decided ? NULL : w.merged[i].vin;
	batch_reject_duplicates(req, b, keys, "Veiculo/Chassi", "Chassi");

	/* 5. owners, in one query (only those the record sets) */
	const int64_t **owners = batch_array(req, n, sizeof *owners);
	bool *missing = batch_array(req, n, sizeof *missing);
	for (int i = 0; i < n; i++)
		owners[i] = b->items[i].decided ? NULL : records[i].owner_id;
	s = person_store_missing_many(req, n, owners, missing);
	if (s != STATUS_OK)
		return s;
	for (int i = 0; i < n; i++)
		if (missing[i])
			batch_reject(req, &b->items[i], STATUS_NAO_ENCONTRADO, "Veiculo/IdProprietario",
				     "Pessoa de Id %lld não encontrada.", (long long)*owners[i]);

	/* 6. the writes: one UPDATE, one INSERT */
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
			upd[n_upd++] = i;   /* unchanged: nothing to write */
	}
	s = batch_write(req, b, upd, &n_upd, write_updates, &w, "Veiculo");
	if (s == STATUS_OK)
		s = batch_write(req, b, ins, &n_ins, write_inserts, &w, "Veiculo");
	if (s != STATUS_OK)
		return s;

	/* the audit of what was written, in one statement */
	struct audit_change **changes = batch_array(req, n, sizeof *changes);  /* rows of w.changes, by item */
	for (int i = 0; i < n; i++)
		changes[i] = w.changes[i];
	return batch_audit_and_finish(req, b, "veiculo", upd, n_upd, ins, n_ins, changes, w.n_changes);
}
