/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * booking_batch.c - IncluirAgendamentosLote (booking_batch.h).
 *
 * The rule to know: every record goes through IncluirAgendamento's own checks
 * (booking_check_*), but what needs the database is asked once for the whole call:
 * the services, the vehicles, the references (customer, atendimento, type,
 * consultant, stored IdExterno), the frames of the starts, and the branch's
 * booking_slot occupancy over the call's window. Capacity is then allocated here,
 * in request order, over that snapshot: a record sees the slots the earlier ones
 * took, as sequential calls would. The snapshot is only a plan: the booking_slot
 * INSERT (ON CONFLICT DO NOTHING) still decides: a slot a concurrent request took
 * after our snapshot undoes the plan's writes (savepoint batch_plan) and the plan is
 * made again over a fresh snapshot, a few times before the whole call runs again
 * (batch_race).
 *
 * Locks are taken in booking_create's order (booking rows, their slots, the
 * branch's doc_counter row last), so a bulk call and single calls never wait on
 * each other crosswise; the slots go in (productive, start) order.
 */
#include "domain/booking_batch.h"

#include "domain/workshop.h"
#include "store/audit_store.h"
#include "store/batch_store.h"
#include "store/booking_batch_store.h"
#include "store/workshop_store.h"

#include <string.h>

#define PATH_START "Agendamento/DataHora"
#define PLANS 5   /* plans over fresh snapshots before the call runs again */

/* One productive's occupied slot starts (epoch seconds), sorted. */
struct busy {
	const char *code;
	int64_t *starts;
	int n, cap;
};

struct work {
	struct request *req;
	struct batch *b;
	struct booking_draft *d;
	struct booking_vehicle *v;
	struct booking_frame *fr;
	const char **chosen;
	struct busy *busy;
	int n_busy, cap_busy;
};

/* ---- the record's content hash ------------------------------------------------------ */

static const char *id_text(struct request *req, const int64_t *v)
{
	return v ? req_printf(req, "%lld", (long long)*v) : NULL;
}

static void record_hash(struct request *req, const struct booking *r, char out[65])
{
	struct batch_hash *h = batch_hash_begin();
	const char *t[] = {r->external_id, id_text(req, r->vehicle_id), r->plate, r->vin, id_text(req, r->person_id),
			   id_text(req, r->contact_id), r->odometer ? req_printf(req, "%d", *r->odometer) : NULL,
			   r->starts_at, r->consultant, r->type, r->notes};
	for (size_t k = 0; k < sizeof t / sizeof *t; k++)
		batch_hash_text(h, t[k]);
	batch_hash_text(h, req_printf(req, "S%d", r->n_services));
	for (int k = 0; k < r->n_services; k++)
		batch_hash_text(h, r->services[k].code);
	batch_hash_text(h, req_printf(req, "P%d", r->n_parts));
	for (int k = 0; k < r->n_parts; k++) {
		batch_hash_text(h, r->parts[k].code);
		batch_hash_text(h, r->parts[k].description);
		batch_hash_text(h, r->parts[k].quantity);
	}
	batch_hash_end(h, out);
}

/* ---- the occupancy snapshot ------------------------------------------------------------ */

static struct busy *busy_of(struct work *w, const char *code, bool add)
{
	for (int i = w->n_busy - 1; i >= 0; i--)	/* the snapshot arrives by productive: last first */
		if (!strcmp(w->busy[i].code, code))
			return &w->busy[i];
	if (!add)
		return NULL;
	if (w->n_busy == w->cap_busy) {
		w->cap_busy = w->cap_busy ? 2 * w->cap_busy : 16;
		struct busy *grown = req_alloc(w->req, sizeof *grown * (size_t)w->cap_busy);
		if (w->n_busy)
			memcpy(grown, w->busy, sizeof *grown * (size_t)w->n_busy);
		w->busy = grown;
	}
	struct busy *p = &w->busy[w->n_busy++];
	*p = (struct busy){.code = req_strdup(w->req, code)};
	return p;
}

/* First position whose start is >= at. */
static int lower_bound(const struct busy *p, int64_t at)
{
	int lo = 0, hi = p->n;
	while (lo < hi) {
		int mid = (lo + hi) / 2;
		if (p->starts[mid] < at)
			lo = mid + 1;
		else
			hi = mid;
	}
	return lo;
}

static void busy_add(struct work *w, struct busy *p, int64_t at)
{
	if (p->n == p->cap) {
		p->cap = p->cap ? 2 * p->cap : 64;
		int64_t *grown = req_alloc(w->req, sizeof *grown * (size_t)p->cap);
		if (p->n)
			memcpy(grown, p->starts, sizeof *grown * (size_t)p->n);
		p->starts = grown;
	}
	int k = lower_bound(p, at);
	memmove(&p->starts[k + 1], &p->starts[k], sizeof *p->starts * (size_t)(p->n - k));
	p->starts[k] = at;
	p->n++;
}

static void snapshot_slot(void *ctx, const char *productive, int64_t start)
{
	struct work *w = ctx;
	busy_add(w, busy_of(w, productive, true), start);
}

/* FREE_PRODUCTIVES' "no booking_slot row inside the visit", over the snapshot. */
static bool is_free(const struct work *w, const char *code, int64_t from, int64_t to)
{
	const struct busy *p = busy_of((struct work *)w, code, false);
	if (!p)
		return true;
	int k = lower_bound(p, from);
	return k == p->n || p->starts[k] >= to;
}

static int64_t span_seconds(const struct slot_frame *f)
{
	return (int64_t)f->n_slots * f->slot_minutes * 60;
}

/* Each undecided record in request order: the first working productive free for its
 * whole visit takes it, and the later records see those slots taken. */
static void allocate(struct work *w)
{
	struct request *req = w->req;
	for (int i = 0; i < w->b->n; i++) {
		if (w->b->items[i].decided)
			continue;
		const struct booking_frame *fr = &w->fr[i];
		int64_t from = fr->start_epoch, to = from + span_seconds(&fr->f);
		const char *chosen = NULL;
		for (int k = 0; k < fr->f.n_free && !chosen; k++)
			if (is_free(w, fr->f.free[k], from, to))
				chosen = fr->f.free[k];
		if (!chosen) {
			size_t mark = batch_mark(req);
			booking_no_capacity(req, w->d[i].b.consultant, w->d[i].b.starts_at, PATH_START);
			batch_take(req, mark, &w->b->items[i]);
			continue;
		}
		w->chosen[i] = chosen;
		struct busy *p = busy_of(w, chosen, true);
		for (int k = 0; k < fr->f.n_slots; k++)
			busy_add(w, p, from + (int64_t)k * fr->f.slot_minutes * 60);
	}
}

/* ---- the checks ------------------------------------------------------------------------- */

static void found_vehicle(void *ctx, int o, const struct booking_vehicle *v)
{
	struct work *w = ctx;
	if (o < 0 || o >= w->b->n)
		return;
	w->v[o] = *v;
}

/* The services of every record in one lookup (each record matches its own codes
 * against it: booking_check_services). */
static enum status find_services(struct work *w, struct workshop_service **found, int *n_found)
{
	struct request *req = w->req;
	*found = NULL;
	*n_found = 0;
	int total = 0;
	for (int i = 0; i < w->b->n; i++)
		if (!w->b->items[i].decided && w->d[i].service_codes)
			total += w->d[i].n_services;
	if (!total)
		return STATUS_OK;
	const char **all = batch_array(req, total, sizeof *all);
	int k = 0;
	for (int i = 0; i < w->b->n; i++)
		if (!w->b->items[i].decided && w->d[i].service_codes)
			for (int j = 0; j < w->d[i].n_services; j++)
				all[k++] = w->d[i].service_codes[j];
	return workshop_store_services(req, workshop_join_codes(req, all, total), found, n_found);
}

static enum status check_vehicles(struct work *w)
{
	struct request *req = w->req;
	int n = w->b->n;
	const int64_t **ids = batch_array(req, n, sizeof *ids);
	const char **plates = batch_array(req, n, sizeof *plates), **vins = batch_array(req, n, sizeof *vins);
	for (int i = 0; i < n; i++) {
		bool skip = w->b->items[i].decided;
		ids[i] = skip ? NULL : w->d[i].vehicle.id;
		plates[i] = skip ? NULL : w->d[i].vehicle.plate_key;
		vins[i] = skip ? NULL : w->d[i].vehicle.vin;
	}
	return booking_batch_store_vehicles(req, n, ids, plates, vins, found_vehicle, w);
}

static enum status check_references(struct work *w)
{
	struct request *req = w->req;
	int n = w->b->n;
	struct booking_ref_query *q = batch_array(req, n, sizeof *q);
	struct booking_found *found = batch_array(req, n, sizeof *found);
	bool *ask = batch_array(req, n, sizeof *ask);
	for (int i = 0; i < n; i++) {
		ask[i] = !w->b->items[i].decided;
		const struct booking *d = &w->d[i].b;
		if (ask[i])
			q[i] = (struct booking_ref_query){workshop_customer_of(d->person_id, &w->v[i]), d->contact_id, d->type,
							  d->consultant, d->external_id};
	}
	enum status s = booking_batch_store_references(req, n, q, ask, found);
	if (s != STATUS_OK)
		return s;
	for (int i = 0; i < n; i++) {
		if (!ask[i])
			continue;
		size_t mark = batch_mark(req);
		booking_check_references(req, &w->d[i], &w->v[i], &found[i]);
		batch_take(req, mark, &w->b->items[i]);
	}
	return STATUS_OK;
}

static enum status check_frames(struct work *w)
{
	struct request *req = w->req;
	int n = w->b->n;
	const char **starts = batch_array(req, n, sizeof *starts), **who = batch_array(req, n, sizeof *who);
	int *minutes = batch_array(req, n, sizeof *minutes);
	for (int i = 0; i < n; i++) {
		bool skip = w->b->items[i].decided;
		starts[i] = skip ? NULL : w->d[i].b.starts_at;
		minutes[i] = w->d[i].minutes ? w->d[i].minutes : 1;	/* as booking_create: one slot */
		who[i] = w->d[i].b.consultant;
	}
	bool configured;
	enum status s = booking_batch_store_frames(req, n, starts, minutes, who, w->fr, &configured);
	if (s != STATUS_OK)
		return s;
	if (!configured)
		return booking_no_workshop(req);
	for (int i = 0; i < n; i++) {
		if (!starts[i])
			continue;
		size_t mark = batch_mark(req);
		booking_judge_frame(req, starts[i], &w->fr[i].f, PATH_START);
		batch_take(req, mark, &w->b->items[i]);
	}
	return STATUS_OK;
}

/* The branch's slots over the window of every undecided record's visit. */
static enum status load_snapshot(struct work *w)
{
	int64_t from = 0, to = 0;
	bool any = false;
	for (int i = 0; i < w->b->n; i++) {
		if (w->b->items[i].decided)
			continue;
		int64_t a = w->fr[i].start_epoch, z = a + span_seconds(&w->fr[i].f);
		from = any && from < a ? from : a;
		to = any && to > z ? to : z;
		any = true;
	}
	return any ? booking_batch_store_occupancy(w->req, from, to, snapshot_slot, w) : STATUS_OK;
}

/* ---- the writes ------------------------------------------------------------------------------ */

static enum status write_bookings(struct request *req, void *ctx, const int *idx, int n, bool *constraint)
{
	struct work *w = ctx;
	struct booking_row *rows = batch_array(req, n, sizeof *rows);
	int64_t *ids = batch_array(req, n, sizeof *ids);
	for (int k = 0; k < n; k++) {
		int i = idx[k];
		rows[k] = (struct booking_row){&w->d[i].b, w->v[i].id, w->d[i].person_id, w->chosen[i],
					       w->fr[i].f.ends_at};
	}
	enum status s = booking_batch_store_insert(req, rows, n, ids, constraint);
	for (int k = 0; s == STATUS_OK && k < n; k++)
		w->b->items[idx[k]].entity_id = ids[k];
	return s;
}

/* Services, parts, events and slots of the bookings written (ins[0..n)), one
 * statement each; *taken: fewer slots went in than planned (a concurrent request
 * has them). */
static enum status write_details(struct work *w, const int *ins, int n, bool *taken)
{
	struct request *req = w->req;
	int n_services = 0, n_parts = 0, n_slots = 0;
	for (int k = 0; k < n; k++) {
		n_services += w->d[ins[k]].service_codes ? w->d[ins[k]].n_services : 0;
		n_parts += w->d[ins[k]].n_parts;
		n_slots += w->fr[ins[k]].f.n_slots;
	}
	struct booking_line *services = batch_array(req, n_services, sizeof *services);
	struct booking_line *parts = batch_array(req, n_parts, sizeof *parts);
	struct booking_slot_row *slots = batch_array(req, n_slots, sizeof *slots);
	int64_t *ids = batch_array(req, n, sizeof *ids);
	const char **starts = batch_array(req, n, sizeof *starts);
	int ns = 0, np = 0, nl = 0;
	for (int k = 0; k < n; k++) {
		int i = ins[k];
		const struct booking_draft *d = &w->d[i];
		const struct booking_frame *fr = &w->fr[i];
		ids[k] = w->b->items[i].entity_id;
		starts[k] = d->b.starts_at;
		for (int j = 0; d->service_codes && j < d->n_services; j++)
			services[ns++] = (struct booking_line){ids[k], d->service_codes[j], NULL, NULL};
		for (int j = 0; j < d->n_parts; j++)
			parts[np++] = (struct booking_line){ids[k], d->parts[j].code, d->parts[j].description,
							    d->parts[j].quantity};
		for (int j = 0; j < fr->f.n_slots; j++)
			slots[nl++] = (struct booking_slot_row){ids[k], fr->start_epoch + (int64_t)j * fr->f.slot_minutes * 60,
								w->chosen[i]};
	}
	int inserted;
	enum status s;
	/* the slots first, as booking_create: the one write that meets a concurrent
	 * request, before the details a re-plan would undo */
	if ((s = booking_batch_store_slots(req, slots, nl, &inserted)) != STATUS_OK)
		return s;
	if ((*taken = inserted < nl))
		return STATUS_OK;
	if ((s = booking_batch_store_services(req, services, ns)) != STATUS_OK ||
	    (s = booking_batch_store_parts(req, parts, np)) != STATUS_OK ||
	    (s = booking_batch_store_events(req, ids, starts, n)) != STATUS_OK)
		return s;
	return STATUS_OK;
}

/* The plan over a fresh snapshot, written: capacity in request order, then the
 * bookings and their details. */
static enum status plan_and_write(struct work *w, const bool *planned, int *ins, int *n_ins, bool *taken)
{
	struct batch *b = w->b;
	*n_ins = 0;
	*taken = false;
	w->n_busy = 0;
	for (int i = 0; i < b->n; i++) {
		if (!planned[i])
			continue;
		struct batch_item *it = &b->items[i];
		it->decided = false;
		it->outcome = BATCH_CREATED;
		it->entity_id = 0;
		it->messages = NULL;
		it->n_messages = 0;
		w->chosen[i] = NULL;
	}
	enum status s = load_snapshot(w);
	if (s != STATUS_OK)
		return s;
	allocate(w);
	for (int i = 0; i < b->n; i++)
		if (planned[i] && !b->items[i].decided)
			ins[(*n_ins)++] = i;
	if ((s = batch_write(w->req, b, ins, n_ins, write_bookings, w, "Agendamento")) != STATUS_OK)
		return s;
	return write_details(w, ins, *n_ins, taken);
}

enum status booking_batch_create(struct request *req, struct batch *b, const struct booking *records)
{
	int n = b->n;
	for (int i = 0; i < n; i++)
		record_hash(req, &records[i], b->items[i].hash);
	enum status s = batch_begin(req, b);
	if (s != STATUS_OK)
		return s;

	struct work w = {.req = req, .b = b};
	w.d = batch_array(req, n, sizeof *w.d);
	w.v = batch_array(req, n, sizeof *w.v);
	w.fr = batch_array(req, n, sizeof *w.fr);
	w.chosen = batch_array(req, n, sizeof *w.chosen);

	/* 1. each record on its own */
	for (int i = 0; i < n; i++) {
		if (b->items[i].decided)
			continue;
		size_t mark = batch_mark(req);
		booking_check_input(req, &records[i], &w.d[i]);
		batch_take(req, mark, &b->items[i]);
	}

	/* 2. services and vehicles, one query each; a record's messages of both
	 * together, as IncluirAgendamento gives them */
	struct workshop_service *services;
	int n_services;
	if ((s = find_services(&w, &services, &n_services)) != STATUS_OK || (s = check_vehicles(&w)) != STATUS_OK)
		return s;
	for (int i = 0; i < n; i++) {
		if (b->items[i].decided)
			continue;
		size_t mark = batch_mark(req);
		booking_check_services(req, &w.d[i], services, n_services);
		/* an identity id is never 0: 0 is "not found" */
		workshop_vehicle_missing(req, &w.d[i].vehicle, w.v[i].id ? &w.v[i] : NULL);
		batch_take(req, mark, &b->items[i]);
	}

	/* 3. customer, atendimento, type, consultant, stored IdExterno: one query */
	if ((s = check_references(&w)) != STATUS_OK)
		return s;

	/* 4. the starts on the branch's grid: one query */
	if ((s = check_frames(&w)) != STATUS_OK)
		return s;

	/* 5. an IdExterno twice in the call: the later record is refused, as its
	 * single call would be after the earlier one's */
	const char **keys = batch_array(req, n, sizeof *keys);
	for (int i = 0; i < n; i++)
		keys[i] = b->items[i].decided ? NULL : w.d[i].b.external_id;
	batch_reject_duplicates(req, b, keys, "Agendamento/IdExterno", "IdExterno");

	/* 6. capacity in request order over the branch's slots now, and the writes. A
	 * slot a concurrent request took after our snapshot (we waited for it to commit)
	 * undoes them; the plan is made again over a snapshot that has it, a few times
	 * before the whole call runs again (batch_race). */
	bool *planned = batch_array(req, n, sizeof *planned);
	for (int i = 0; i < n; i++)
		planned[i] = !b->items[i].decided;
	int *ins = batch_array(req, n, sizeof *ins), n_ins = 0;
	if ((s = batch_store_savepoint(req, BATCH_SAVEPOINT_PLAN)) != STATUS_OK)
		return s;
	for (int round = 1;; round++) {
		bool taken;
		if ((s = plan_and_write(&w, planned, ins, &n_ins, &taken)) != STATUS_OK)
			return s;
		if (!taken)
			break;
		if (round == PLANS)
			return batch_race(req);
		if ((s = batch_store_rollback_to(req, BATCH_SAVEPOINT_PLAN)) != STATUS_OK)
			return s;
	}
	if ((s = batch_store_release(req, BATCH_SAVEPOINT_PLAN)) != STATUS_OK)
		return s;

	/* 7. the numbers (last before the batch's own rows: the counter row stays locked
	 * until commit), the audit and the batch's outcomes */
	int64_t *ids = batch_array(req, n_ins, sizeof *ids);
	for (int k = 0; k < n_ins; k++)
		ids[k] = b->items[ins[k]].entity_id;
	if ((s = booking_batch_store_numbers(req, ids, n_ins)) != STATUS_OK)
		return s;
	struct audit_change **changes = batch_array(req, n, sizeof *changes);
	int *n_changes = batch_array(req, n, sizeof *n_changes);
	for (int k = 0; k < n_ins; k++) {
		int i = ins[k];
		changes[i] = batch_array(req, 4, sizeof **changes);
		n_changes[i] = 4;
		booking_created_changes(req, w.v[i].id, w.fr[i].local_start, w.chosen[i], "AGENDADO", changes[i]);
	}
	return batch_audit_and_finish(req, b, "agendamento", NULL, 0, ins, n_ins, changes, n_changes);
}
