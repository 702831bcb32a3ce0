/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * booking_store.c - SQL of the bookings (booking_store.h).
 *
 * The rule to know: times go out in the booking's branch time zone with its offset
 * (local_datetime, sql/010), as the dealer reads them; audit-style timestamps
 * (created, updated) in UTC like every other entity.
 */
#include "store/booking_store.h"

#include "core/db.h"
#include "store/pg_value.h"

#include <string.h>

static enum status exists(struct request *req, const struct db_stmt *stmt, const char *key, bool *found)
{
	const char *params[] = {req_tenant_param(req), key};
	PGresult *res;
	enum db_status s = db_exec(req->db, stmt, 2, params, &res);
	if (s != DB_OK)
		return req_db_fail(req, s);
	*found = PQntuples(res) == 1;
	PQclear(res);
	return STATUS_OK;
}

/* ---- lookups --------------------------------------------------------------------------- */

static const struct db_stmt vehicle = {
	"booking_vehicle",
	"SELECT vehicle_id, plate, vin, owner_id, odometer FROM vehicle WHERE tenant_id = $1"
	"   AND CASE WHEN $2::bigint IS NOT NULL THEN vehicle_id = $2"
	"            WHEN $3::text IS NOT NULL THEN plate IS NOT NULL AND plate_key = $3"
	"            ELSE vin IS NOT NULL AND vin = $4 END"};

enum status booking_store_vehicle(struct request *req, const int64_t *id, const char *plate_key,
				  const char *vin, struct booking_vehicle *out, bool *found)
{
	const char *params[] = {req_tenant_param(req), pg_id_param(req, id), plate_key, vin};
	PGresult *res;
	enum db_status s = db_exec(req->db, &vehicle, 4, params, &res);
	if (s != DB_OK)
		return req_db_fail(req, s);
	*found = PQntuples(res) == 1;
	if (*found) {
		out->id = db_int64(res, 0, 0);
		out->plate = pg_text(req, res, 0, 1);
		out->vin = pg_text(req, res, 0, 2);
		out->owner_id = pg_id(req, res, 0, 3);
		out->odometer = pg_int(req, res, 0, 4);
	}
	PQclear(res);
	return STATUS_OK;
}

static const struct db_stmt contact_exists = {
	"booking_contact_exists", "SELECT 1 FROM contact WHERE tenant_id = $1 AND contact_id = $2"};
static const struct db_stmt type_exists = {
	"booking_type_exists", "SELECT 1 FROM booking_type WHERE tenant_id = $1 AND code = $2 AND active"};

enum status booking_store_contact_exists(struct request *req, int64_t id, bool *found)
{
	return exists(req, &contact_exists, pg_num(req, id), found);
}

enum status booking_store_type_exists(struct request *req, const char *code, bool *found)
{
	return exists(req, &type_exists, code, found);
}

/* ---- writes ------------------------------------------------------------------------------- */

static const struct db_stmt insert = {
	"booking_insert",
	"INSERT INTO booking (tenant_id, branch_id, external_id, vehicle_id, person_id, contact_id,"
	" productive_code, type_code, starts_at, ends_at, odometer, notes)"
	" VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12)"
	" RETURNING booking_id"};

enum status booking_store_insert(struct request *req, const struct booking *b, int64_t vehicle_id,
				 int64_t person_id, const char *ends_at, int64_t *id)
{
	const char *params[] = {req_tenant_param(req), pg_num(req, req->branch.id), b->external_id,
				pg_num(req, vehicle_id), pg_num(req, person_id), pg_id_param(req, b->contact_id),
				b->consultant, b->type, b->starts_at, ends_at,
				b->odometer ? pg_num(req, *b->odometer) : NULL, b->notes};
	PGresult *res;
	enum db_status s = db_exec(req->db, &insert, 12, params, &res);
	if (s != DB_OK)
		return req_db_fail(req, s);
	*id = db_int64(res, 0, 0);
	PQclear(res);
	return STATUS_OK;
}

static const struct db_stmt number = {
	"booking_number",
	"UPDATE booking SET number = doc_next_number(tenant_id, branch_id, 'AGENDAMENTO')"
	" WHERE tenant_id = $1 AND booking_id = $2 RETURNING number"};

enum status booking_store_number(struct request *req, int64_t id, int64_t *out)
{
	const char *params[] = {req_tenant_param(req), pg_num(req, id)};
	PGresult *res;
	enum db_status s = db_exec(req->db, &number, 2, params, &res);
	if (s != DB_OK)
		return req_db_fail(req, s);
	*out = db_int64(res, 0, 0);
	PQclear(res);
	return STATUS_OK;
}

static const struct db_stmt add_services = {
	"booking_add_services",
	"INSERT INTO booking_service (tenant_id, booking_id, service_code, minutes)"
	" SELECT $1, $2, s.code, s.standard_minutes FROM workshop_service s"
	"  WHERE s.tenant_id = $1 AND s.code = ANY ($3::text[])"};

enum status booking_store_add_services(struct request *req, int64_t id, const struct booked_service *sv, int n)
{
	if (n == 0)
		return STATUS_OK;
	const char **codes = req_alloc(req, sizeof *codes * (size_t)n);
	for (int i = 0; i < n; i++)
		codes[i] = sv[i].code;
	const char *params[] = {req_tenant_param(req), pg_num(req, id), pg_text_array(req, codes, n)};
	enum db_status s = db_exec(req->db, &add_services, 3, params, NULL);
	return s == DB_OK ? STATUS_OK : req_db_fail(req, s);
}

static const struct db_stmt add_parts = {
	"booking_add_parts",
	"INSERT INTO booking_part (tenant_id, booking_id, part_code, description, quantity)"
	" SELECT $1, $2, t.code, t.description, t.quantity::numeric"
	"   FROM unnest($3::text[], $4::text[], $5::text[]) AS t(code, description, quantity)"};

enum status booking_store_add_parts(struct request *req, int64_t id, const struct booked_part *p, int n)
{
	if (n == 0)
		return STATUS_OK;
	const char **codes = req_alloc(req, sizeof *codes * (size_t)n);
	const char **descriptions = req_alloc(req, sizeof *descriptions * (size_t)n);
	const char **quantities = req_alloc(req, sizeof *quantities * (size_t)n);
	for (int i = 0; i < n; i++) {
		codes[i] = p[i].code;
		descriptions[i] = p[i].description;
		quantities[i] = p[i].quantity;
	}
	const char *params[] = {req_tenant_param(req), pg_num(req, id), pg_text_array(req, codes, n),
				pg_text_array(req, descriptions, n), pg_text_array(req, quantities, n)};
	enum db_status s = db_exec(req->db, &add_parts, 5, params, NULL);
	return s == DB_OK ? STATUS_OK : req_db_fail(req, s);
}

static const struct db_stmt occupy = {
	"booking_occupy",
	"INSERT INTO booking_slot (tenant_id, branch_id, productive_code, slot_start, booking_id)"
	" SELECT $1, $2, $3, $4::timestamptz + make_interval(mins => $6::int * i), $7"
	"   FROM generate_series(0, $5::int - 1) i"
	" ORDER BY i ON CONFLICT DO NOTHING RETURNING 1"};
static const struct db_stmt unoccupy = {
	"booking_unoccupy",
	"DELETE FROM booking_slot WHERE tenant_id = $1 AND booking_id = $2 AND productive_code = $3"};

enum status booking_store_occupy(struct request *req, int64_t id, const char *productive, const char *starts_at,
				 int n_slots, int slot_minutes, bool *ok)
{
	const char *params[] = {req_tenant_param(req), pg_num(req, req->branch.id), productive, starts_at,
				pg_num(req, n_slots), pg_num(req, slot_minutes), pg_num(req, id)};
	PGresult *res;
	enum db_status s = db_exec(req->db, &occupy, 7, params, &res);
	if (s != DB_OK)
		return req_db_fail(req, s);
	*ok = PQntuples(res) == n_slots;
	PQclear(res);
	if (*ok)
		return STATUS_OK;
	const char *undo[] = {req_tenant_param(req), pg_num(req, id), productive};
	s = db_exec(req->db, &unoccupy, 3, undo, NULL);
	return s == DB_OK ? STATUS_OK : req_db_fail(req, s);
}

static const struct db_stmt release = {
	"booking_release", "DELETE FROM booking_slot WHERE tenant_id = $1 AND booking_id = $2"};

enum status booking_store_release(struct request *req, int64_t id)
{
	const char *params[] = {req_tenant_param(req), pg_num(req, id)};
	enum db_status s = db_exec(req->db, &release, 2, params, NULL);
	return s == DB_OK ? STATUS_OK : req_db_fail(req, s);
}

static const struct db_stmt move = {
	"booking_move",
	"UPDATE booking SET productive_code = $3, starts_at = $4, ends_at = $5, status = 'AGENDADO',"
	" version = version + 1,"
	" updated_at = now() WHERE tenant_id = $1 AND booking_id = $2"};

enum status booking_store_move(struct request *req, int64_t id, const char *productive, const char *starts_at,
			       const char *ends_at)
{
	const char *params[] = {req_tenant_param(req), pg_num(req, id), productive, starts_at, ends_at};
	enum db_status s = db_exec(req->db, &move, 5, params, NULL);
	return s == DB_OK ? STATUS_OK : req_db_fail(req, s);
}

static const struct db_stmt set_productive = {
	"booking_set_productive",
	"UPDATE booking SET productive_code = $3 WHERE tenant_id = $1 AND booking_id = $2"};

enum status booking_store_set_productive(struct request *req, int64_t id, const char *productive)
{
	const char *params[] = {req_tenant_param(req), pg_num(req, id), productive};
	enum db_status s = db_exec(req->db, &set_productive, 3, params, NULL);
	return s == DB_OK ? STATUS_OK : req_db_fail(req, s);
}

static const struct db_stmt set_status = {
	"booking_set_status",
	"UPDATE booking SET status = $3, version = version + 1, updated_at = now()"
	" WHERE tenant_id = $1 AND booking_id = $2"};

enum status booking_store_set_status(struct request *req, int64_t id, const char *status)
{
	const char *params[] = {req_tenant_param(req), pg_num(req, id), status};
	enum db_status s = db_exec(req->db, &set_status, 3, params, NULL);
	return s == DB_OK ? STATUS_OK : req_db_fail(req, s);
}

static const struct db_stmt parts_status = {
	"booking_parts_status",
	"UPDATE booking_part SET status = $4 WHERE tenant_id = $1 AND booking_id = $2 AND status = $3"};

enum status booking_store_parts_status(struct request *req, int64_t id, const char *from, const char *to)
{
	const char *params[] = {req_tenant_param(req), pg_num(req, id), from, to};
	enum db_status s = db_exec(req->db, &parts_status, 4, params, NULL);
	return s == DB_OK ? STATUS_OK : req_db_fail(req, s);
}

static const struct db_stmt event = {
	"booking_event",
	"INSERT INTO booking_event (tenant_id, booking_id, kind, from_status, to_status, reason, channel,"
	" old_start, new_start, user_id, acting_for)"
	" VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11)"};

enum status booking_store_event(struct request *req, int64_t id, const char *kind, const char *from_status,
				const char *to_status, const char *reason, const char *channel,
				const char *old_start, const char *new_start)
{
	const char *params[] = {req_tenant_param(req), pg_num(req, id), kind, from_status, to_status, reason,
				channel, old_start, new_start, req_user_param(req), req->acting_for};
	enum db_status s = db_exec(req->db, &event, 11, params, NULL);
	return s == DB_OK ? STATUS_OK : req_db_fail(req, s);
}

/* ---- reads ---------------------------------------------------------------------------------- */

#define BOOKING_COLUMNS                                                                            \
	"k.booking_id, k.external_id, k.number, b.code, k.vehicle_id, v.plate, v.vin, k.person_id,"  \
	" k.contact_id, k.odometer, local_datetime(k.starts_at, b.time_zone),"                     \
	" local_datetime(k.ends_at, b.time_zone), k.productive_code, k.type_code, k.notes, k.status," \
	" (SELECT o.work_order_id FROM work_order o WHERE o.tenant_id = k.tenant_id"               \
	"   AND o.booking_id = k.booking_id), k.version, " PG_UTC("k.created_at") ", "                \
	PG_UTC("k.updated_at") ", k.branch_id, b.time_zone"
#define BOOKING_FROM                                                                               \
	" FROM booking k JOIN branch b ON b.tenant_id = k.tenant_id AND b.branch_id = k.branch_id"  \
	" JOIN vehicle v ON v.tenant_id = k.tenant_id AND v.vehicle_id = k.vehicle_id"

static void read_booking(struct request *req, const PGresult *res, int row, struct booking *b)
{
	memset(b, 0, sizeof *b);
	b->id = db_int64(res, row, 0);
	b->external_id = pg_text(req, res, row, 1);
	b->number = db_int64(res, row, 2);
	b->branch = pg_text(req, res, row, 3);
	b->vehicle_id = pg_id(req, res, row, 4);
	b->plate = pg_text(req, res, row, 5);
	b->vin = pg_text(req, res, row, 6);
	b->person_id = pg_id(req, res, row, 7);
	b->contact_id = pg_id(req, res, row, 8);
	b->odometer = pg_int(req, res, row, 9);
	b->starts_at = pg_text(req, res, row, 10);
	b->ends_at = pg_text(req, res, row, 11);
	b->consultant = pg_text(req, res, row, 12);
	b->type = pg_text(req, res, row, 13);
	b->notes = pg_text(req, res, row, 14);
	b->status = pg_text(req, res, row, 15);
	b->work_order_id = pg_id(req, res, row, 16);
	b->version = pg_int(req, res, row, 17);
	b->created_at = pg_text(req, res, row, 18);
	b->updated_at = pg_text(req, res, row, 19);
	b->branch_id = db_int64(res, row, 20);
	b->time_zone = pg_text(req, res, row, 21);
}

static const struct db_stmt get = {
	"booking_get",
	"SELECT " BOOKING_COLUMNS BOOKING_FROM " WHERE k.tenant_id = $1"
	"   AND CASE WHEN $2::bigint IS NOT NULL THEN k.booking_id = $2 ELSE k.external_id = $3 END"};
static const struct db_stmt get_locked = {
	"booking_get_locked",
	"SELECT " BOOKING_COLUMNS BOOKING_FROM " WHERE k.tenant_id = $1"
	"   AND CASE WHEN $2::bigint IS NOT NULL THEN k.booking_id = $2 ELSE k.external_id = $3 END"
	" FOR UPDATE OF k"};
/* Services and parts of a set of bookings ($2 bigint[]): one query each for a whole
 * page, never one per booking. Column 0 is the booking. */
static const struct db_stmt services = {
	"booking_services",
	"SELECT s.booking_id, s.service_code, w.description, s.minutes FROM booking_service s"
	" JOIN workshop_service w ON w.tenant_id = s.tenant_id AND w.code = s.service_code"
	" WHERE s.tenant_id = $1 AND s.booking_id = ANY ($2::bigint[]) ORDER BY s.booking_id, s.service_code"};
static const struct db_stmt parts = {
	"booking_parts",
	"SELECT booking_id, part_code, description, quantity::text, status FROM booking_part"
	" WHERE tenant_id = $1 AND booking_id = ANY ($2::bigint[]) ORDER BY booking_id, part_code"};
static const struct db_stmt events = {
	"booking_events",
	"SELECT e.kind, e.from_status, e.to_status, e.reason, e.channel,"
	" local_datetime(e.old_start, b.time_zone), local_datetime(e.new_start, b.time_zone), " PG_UTC("e.at")
	" FROM booking_event e JOIN booking k ON k.tenant_id = e.tenant_id AND k.booking_id = e.booking_id"
	" JOIN branch b ON b.tenant_id = k.tenant_id AND b.branch_id = k.branch_id"
	" WHERE e.tenant_id = $1 AND e.booking_id = $2 ORDER BY e.event_id"};

/* The booking of a detail row (column 0), among b[0..n). */
static struct booking *owner_of(struct booking *b, int n, const PGresult *res, int row)
{
	int64_t id = db_int64(res, row, 0);
	for (int i = 0; i < n; i++)
		if (b[i].id == id)
			return &b[i];
	return NULL;
}

/* Runs a detail statement for the bookings b[0..n) and hands each row to its
 * booking: count(booking) tells how many rows it has, fill(req, res, row, booking,
 * k) stores the k-th. */
static enum status read_rows(struct request *req, const struct db_stmt *stmt, struct booking *b, int n,
			     void (*size)(struct request *, struct booking *, int),
			     void (*fill)(struct request *, const PGresult *, int, struct booking *, int))
{
	const char **ids = req_alloc(req, sizeof *ids * (size_t)(n ? n : 1));
	for (int i = 0; i < n; i++)
		ids[i] = pg_num(req, b[i].id);
	const char *params[] = {req_tenant_param(req), pg_text_array(req, ids, n)};
	PGresult *res;
	enum db_status s = db_exec(req->db, stmt, 2, params, &res);
	if (s != DB_OK)
		return req_db_fail(req, s);
	int rows = PQntuples(res);
	int *count = req_alloc(req, sizeof *count * (size_t)(n ? n : 1));
	for (int i = 0; i < n; i++)
		count[i] = 0;
	for (int r = 0; r < rows; r++) {
		struct booking *k = owner_of(b, n, res, r);
		if (k)
			count[k - b]++;
	}
	for (int i = 0; i < n; i++)
		size(req, &b[i], count[i]);
	for (int i = 0; i < n; i++)
		count[i] = 0;
	for (int r = 0; r < rows; r++) {
		struct booking *k = owner_of(b, n, res, r);
		if (k)
			fill(req, res, r, k, count[k - b]++);
	}
	PQclear(res);
	return STATUS_OK;
}

static void size_services(struct request *req, struct booking *b, int n)
{
	b->n_services = n;
	b->services = req_alloc(req, sizeof *b->services * (size_t)(n ? n : 1));
}

static void fill_service(struct request *req, const PGresult *res, int row, struct booking *b, int k)
{
	b->services[k].code = pg_text(req, res, row, 1);
	b->services[k].description = pg_text(req, res, row, 2);
	b->services[k].minutes = db_int(res, row, 3);
}

static void size_parts(struct request *req, struct booking *b, int n)
{
	b->n_parts = n;
	b->parts = req_alloc(req, sizeof *b->parts * (size_t)(n ? n : 1));
}

static void fill_part(struct request *req, const PGresult *res, int row, struct booking *b, int k)
{
	b->parts[k].code = pg_text(req, res, row, 1);
	b->parts[k].description = pg_text(req, res, row, 2);
	b->parts[k].quantity = pg_text(req, res, row, 3);
	b->parts[k].status = pg_text(req, res, row, 4);
}

/* Services and parts of n bookings, two queries whatever n. */
static enum status read_lists(struct request *req, struct booking *b, int n)
{
	enum status s = read_rows(req, &services, b, n, size_services, fill_service);
	return s == STATUS_OK ? read_rows(req, &parts, b, n, size_parts, fill_part) : s;
}

static enum status read_details(struct request *req, struct booking *b, bool with_events)
{
	enum status st = read_lists(req, b, 1);
	if (st != STATUS_OK || !with_events)
		return st;
	const char *params[] = {req_tenant_param(req), pg_num(req, b->id)};
	PGresult *res;
	enum db_status s;
	if ((s = db_exec(req->db, &events, 2, params, &res)) != DB_OK)
		return req_db_fail(req, s);
	b->n_events = PQntuples(res);
	b->events = req_alloc(req, sizeof *b->events * (size_t)(b->n_events ? b->n_events : 1));
	for (int i = 0; i < b->n_events; i++) {
		struct booking_event *e = &b->events[i];
		e->kind = pg_text(req, res, i, 0);
		e->from_status = pg_text(req, res, i, 1);
		e->to_status = pg_text(req, res, i, 2);
		e->reason = pg_text(req, res, i, 3);
		e->channel = pg_text(req, res, i, 4);
		e->old_start = pg_text(req, res, i, 5);
		e->new_start = pg_text(req, res, i, 6);
		e->at = pg_text(req, res, i, 7);
	}
	PQclear(res);
	return STATUS_OK;
}

enum status booking_store_get(struct request *req, int64_t id, const char *external_id, bool lock,
			      bool details, struct booking *out, bool *found)
{
	const char *params[] = {req_tenant_param(req), id ? pg_num(req, id) : NULL, external_id};
	PGresult *res;
	enum db_status s = db_exec(req->db, lock ? &get_locked : &get, 3, params, &res);
	if (s != DB_OK)
		return req_db_fail(req, s);
	*found = PQntuples(res) == 1;
	if (*found)
		read_booking(req, res, 0, out);
	PQclear(res);
	if (!*found)
		return STATUS_OK;
	return read_details(req, out, details);
}

static const struct db_stmt list = {
	"booking_list",
	"SELECT " BOOKING_COLUMNS BOOKING_FROM " WHERE k.tenant_id = $1 AND k.branch_id = $2"
	"   AND ($3::timestamptz IS NULL OR k.starts_at >= $3)"
	"   AND ($4::timestamptz IS NULL OR k.starts_at <= $4)"
	"   AND ($5::text IS NULL OR k.status = $5)"
	"   AND ($6::text IS NULL OR k.productive_code = $6)"
	"   AND ($7::bigint IS NULL OR k.vehicle_id = $7)"
	"   AND ($8::bigint IS NULL OR k.person_id = $8)"
	" ORDER BY k.starts_at, k.booking_id OFFSET $9 LIMIT $10"};

enum status booking_store_list(struct request *req, const struct booking_filter *f, int64_t offset, int limit,
			       struct booking **out, int *n)
{
	const char *params[] = {req_tenant_param(req), pg_num(req, req->branch.id), f->from, f->to, f->status,
				f->consultant, pg_id_param(req, f->vehicle_id), pg_id_param(req, f->person_id),
				pg_num(req, offset), pg_num(req, limit)};
	PGresult *res;
	enum db_status s = db_exec(req->db, &list, 10, params, &res);
	if (s != DB_OK)
		return req_db_fail(req, s);
	*n = PQntuples(res);
	*out = req_alloc(req, sizeof **out * (size_t)(*n ? *n : 1));
	for (int i = 0; i < *n; i++)
		read_booking(req, res, i, &(*out)[i]);
	PQclear(res);
	return read_lists(req, *out, *n);
}
