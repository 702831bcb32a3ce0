/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * workshop_store.c - SQL of the workshop's reference lists, free slots and open
 * campaigns (domain/workshop.h, store/workshop_store.h).
 *
 * The rule to know: times of day are the branch's local times; the statements turn
 * them into instants with `local AT TIME ZONE branch.time_zone`, so a slot at 08:00 is
 * 08:00 in Manaus for branch 02 and in São Paulo for branch 01, DST included.
 */
#include "store/workshop_store.h"

#include "core/db.h"
#include "store/pg_value.h"
#include "store/workshop_sql.h"

#include <string.h>

/* ---- reference lists -------------------------------------------------------------- */

#define SERVICE_COLUMNS "code, description, standard_minutes, price::text"

/* The rows of a SERVICE_COLUMNS statement. */
static enum status read_services(struct request *req, const struct db_stmt *stmt, int n_params,
				 const char *const *params, struct workshop_service **out, int *n)
{
	PGresult *res;
	enum db_status s = db_exec(req->db, stmt, n_params, params, &res);
	if (s != DB_OK)
		return req_db_fail(req, s);
	*n = PQntuples(res);
	*out = req_alloc(req, sizeof **out * (size_t)(*n ? *n : 1));
	for (int i = 0; i < *n; i++) {
		(*out)[i].code = pg_text(req, res, i, 0);
		(*out)[i].description = pg_text(req, res, i, 1);
		(*out)[i].minutes = db_int(res, i, 2);
		(*out)[i].price = pg_text(req, res, i, 3);
	}
	PQclear(res);
	return STATUS_OK;
}

static const struct db_stmt services = {
	"workshop_services",
	"SELECT " SERVICE_COLUMNS " FROM workshop_service"
	" WHERE tenant_id = $1 AND active ORDER BY code OFFSET $2 LIMIT $3"};

enum status workshop_services(struct request *req, int offset, int limit, struct workshop_service **out,
			      int *n)
{
	const char *params[] = {req_tenant_param(req), pg_num(req, offset), pg_num(req, limit)};
	return read_services(req, &services, 3, params, out, n);
}

static enum status ref_items(struct request *req, const struct db_stmt *stmt, int offset, int limit,
			     struct ref_item **out, int *n)
{
	const char *params[] = {req_tenant_param(req), pg_num(req, offset), pg_num(req, limit)};
	PGresult *res;
	enum db_status s = db_exec(req->db, stmt, 3, params, &res);
	if (s != DB_OK)
		return req_db_fail(req, s);
	*n = PQntuples(res);
	*out = req_alloc(req, sizeof **out * (size_t)(*n ? *n : 1));
	for (int i = 0; i < *n; i++) {
		(*out)[i].code = pg_text(req, res, i, 0);
		(*out)[i].description = pg_text(req, res, i, 1);
	}
	PQclear(res);
	return STATUS_OK;
}

static const struct db_stmt order_types = {
	"workshop_order_types",
	"SELECT code, description FROM work_order_type WHERE tenant_id = $1 AND active"
	" ORDER BY code OFFSET $2 LIMIT $3"};

enum status workshop_order_types(struct request *req, int offset, int limit, struct ref_item **out, int *n)
{
	return ref_items(req, &order_types, offset, limit, out, n);
}

static const struct db_stmt booking_types = {
	"workshop_booking_types",
	"SELECT code, description FROM booking_type WHERE tenant_id = $1 AND active"
	" ORDER BY code OFFSET $2 LIMIT $3"};

enum status workshop_booking_types(struct request *req, int offset, int limit, struct ref_item **out, int *n)
{
	return ref_items(req, &booking_types, offset, limit, out, n);
}

static const struct db_stmt productives = {
	"workshop_productives",
	"SELECT p.code, p.name, p.kind, b.code FROM productive p"
	" JOIN branch b ON b.tenant_id = p.tenant_id AND b.branch_id = p.branch_id"
	" WHERE p.tenant_id = $1 AND p.active AND p.branch_id = $2 AND ($3::text IS NULL OR p.kind = $3)"
	" ORDER BY p.code OFFSET $4 LIMIT $5"};

enum status workshop_productives(struct request *req, const char *kind, int offset, int limit,
				 struct productive **out, int *n)
{
	const char *params[] = {req_tenant_param(req), pg_num(req, req->branch.id), kind, pg_num(req, offset),
				pg_num(req, limit)};
	PGresult *res;
	enum db_status s = db_exec(req->db, &productives, 5, params, &res);
	if (s != DB_OK)
		return req_db_fail(req, s);
	*n = PQntuples(res);
	*out = req_alloc(req, sizeof **out * (size_t)(*n ? *n : 1));
	for (int i = 0; i < *n; i++) {
		(*out)[i].code = pg_text(req, res, i, 0);
		(*out)[i].name = pg_text(req, res, i, 1);
		(*out)[i].kind = pg_text(req, res, i, 2);
		(*out)[i].branch = pg_text(req, res, i, 3);
	}
	PQclear(res);
	return STATUS_OK;
}

static const struct db_stmt productive_get = {
	"workshop_productive_get",
	"SELECT kind, branch_id = $3 FROM productive WHERE tenant_id = $1 AND code = $2 AND active"};

enum status workshop_store_productive(struct request *req, const char *code, const char **kind,
				      bool *in_branch, bool *found)
{
	const char *params[] = {req_tenant_param(req), code, pg_num(req, req->branch.id)};
	PGresult *res;
	enum db_status s = db_exec(req->db, &productive_get, 3, params, &res);
	if (s != DB_OK)
		return req_db_fail(req, s);
	*found = PQntuples(res) == 1;
	if (*found) {
		*kind = pg_text(req, res, 0, 0);
		*in_branch = db_bool(res, 0, 1);
	}
	PQclear(res);
	return STATUS_OK;
}

/* Codes and standard times of the given active services ($2: codes joined by '|'). */
static const struct db_stmt services_by_code = {
	"workshop_services_by_code",
	"SELECT " SERVICE_COLUMNS " FROM workshop_service"
	" WHERE tenant_id = $1 AND active AND code = ANY (string_to_array($2, '|'))"};

enum status workshop_store_services(struct request *req, const char *codes_joined,
				    struct workshop_service **out, int *n)
{
	const char *params[] = {req_tenant_param(req), codes_joined};
	return read_services(req, &services_by_code, 2, params, out, n);
}

/* ---- slots ---------------------------------------------------------------------------- */

/* The productive staff free for a visit from a local start (workshop_sql.h), kind $6
 * and code $7 when not NULL. Shared by the slot list and the booking (which takes the
 * first free one). */
#define FREE_PRODUCTIVES(START, LOCAL, SPAN) \
	WORKING_PRODUCTIVES(LOCAL, SPAN, "$6::text", "$7::text") NOT_BOOKED(START, SPAN)

/* The day's grid: $4 local date, $5 duration in minutes; a start fits when the visit,
 * rounded up to whole slots, ends by closing time. */
#define DAY_GRID                                                                                   \
	"WITH cfg AS ("                                                                            \
	"  SELECT w.slot_minutes, w.afternoon_from, h.opens, h.closes,"                            \
	"         make_interval(mins => w.slot_minutes * ceil($5::numeric / w.slot_minutes)::int) AS span" \
	"  FROM workshop_branch w JOIN workshop_hours h"                                          \
	"    ON h.tenant_id = w.tenant_id AND h.branch_id = w.branch_id"                          \
	"  WHERE w.tenant_id = $1 AND w.branch_id = $2 AND h.weekday = extract(dow FROM $4::date)),"  \
	" grid AS ("                                                                               \
	"  SELECT l AS local_start, l AT TIME ZONE $3 AS start_at, cfg.span,"                      \
	"         CASE WHEN l::time < cfg.afternoon_from THEN 1 ELSE 2 END AS shift"               \
	"  FROM cfg, generate_series($4::date + cfg.opens, $4::date + cfg.closes - cfg.span,"      \
	"                            make_interval(mins => cfg.slot_minutes)) l)"

static const struct db_stmt free_slots = {
	"workshop_free_slots",
	DAY_GRID
	" SELECT local_datetime(g.start_at, $3), g.shift,"
	"        array_to_string(ARRAY(" FREE_PRODUCTIVES("g.start_at", "g.local_start", "g.span")
	"          ORDER BY p.code), '|')"
	" FROM grid g WHERE g.start_at > now() AND ($8::int = 3 OR g.shift = $8::int)"
	" ORDER BY g.start_at"};

enum status workshop_store_free_slots(struct request *req, const char *date, int minutes, int shift,
				      const char *kind, const char *productive, struct slot **out, int *n)
{
	const char *params[] = {req_tenant_param(req), pg_num(req, req->branch.id), req->branch.time_zone, date,
				pg_num(req, minutes), kind, productive, pg_num(req, shift)};
	PGresult *res;
	enum db_status s = db_exec(req->db, &free_slots, 8, params, &res);
	if (s != DB_OK)
		return req_db_fail(req, s);
	*n = PQntuples(res);
	*out = req_alloc(req, sizeof **out * (size_t)(*n ? *n : 1));
	for (int i = 0; i < *n; i++) {
		(*out)[i].starts_at = pg_text(req, res, i, 0);
		(*out)[i].shift = db_int(res, i, 1);
		(*out)[i].free = pg_split(req, db_text(res, i, 2), &(*out)[i].n_free);
	}
	PQclear(res);
	return STATUS_OK;
}

/* One start time $4 (an instant) for a visit of $5 minutes: is it past, inside the
 * opening hours, on the slot grid; its end, slot count and the free productive staff
 * in code order. Columns: past, open, aligned, n_slots, slot_minutes, ends_at (UTC
 * text), free codes. No row: the branch has no workshop configured. */
void workshop_store_read_frame(struct request *req, const PGresult *res, int row, int col, struct slot_frame *f)
{
	f->past = db_bool(res, row, col);
	f->open = db_bool(res, row, col + 1);
	f->aligned = db_bool(res, row, col + 2);
	f->n_slots = db_int(res, row, col + 3);
	f->slot_minutes = db_int(res, row, col + 4);
	f->ends_at = pg_text(req, res, row, col + 5);
	f->free = pg_split(req, db_text(res, row, col + 6), &f->n_free);
}

static const struct db_stmt frame = {
	"workshop_slot_frame",
	"WITH cfg AS (SELECT" FRAME_CFG("$4::timestamptz", "$5")
	"  FROM workshop_branch w WHERE w.tenant_id = $1 AND w.branch_id = $2)"
	" SELECT" FRAME_JUDGED ","
	"        array_to_string(ARRAY(" FREE_PRODUCTIVES("cfg.start_at", "cfg.local_start", "cfg.span")
	"          ORDER BY p.code), '|')"
	" FROM cfg" FRAME_HOURS};

enum status workshop_store_frame(struct request *req, const char *starts_at, int minutes, const char *kind,
				 const char *productive, struct slot_frame *out, bool *configured)
{
	const char *params[] = {req_tenant_param(req), pg_num(req, req->branch.id), req->branch.time_zone,
				starts_at, pg_num(req, minutes), kind, productive};
	PGresult *res;
	enum db_status s = db_exec(req->db, &frame, 7, params, &res);
	if (s != DB_OK)
		return req_db_fail(req, s);
	*configured = PQntuples(res) == 1;
	if (*configured)
		workshop_store_read_frame(req, res, 0, 0, out);
	PQclear(res);
	return STATUS_OK;
}

/* ---- campaigns ---------------------------------------------------------------------------- */

static const struct db_stmt open_campaigns = {
	"workshop_open_campaigns",
	"SELECT c.code, c.description, c.kind, v.vin FROM campaign_vehicle v"
	" JOIN campaign c ON c.tenant_id = v.tenant_id AND c.code = v.campaign_code"
	" WHERE v.tenant_id = $1 AND v.vin = $2 AND v.done_at IS NULL"
	"   AND c.starts_on <= current_date AND (c.ends_on IS NULL OR c.ends_on >= current_date)"
	" ORDER BY c.kind, c.code"};

enum status workshop_open_campaigns(struct request *req, const char *vin, struct campaign **out, int *n)
{
	*out = NULL;
	*n = 0;
	if (!vin)
		return STATUS_OK;
	const char *params[] = {req_tenant_param(req), vin};
	PGresult *res;
	enum db_status s = db_exec(req->db, &open_campaigns, 2, params, &res);
	if (s != DB_OK)
		return req_db_fail(req, s);
	*n = PQntuples(res);
	*out = req_alloc(req, sizeof **out * (size_t)(*n ? *n : 1));
	for (int i = 0; i < *n; i++) {
		(*out)[i].code = pg_text(req, res, i, 0);
		(*out)[i].description = pg_text(req, res, i, 1);
		(*out)[i].kind = pg_text(req, res, i, 2);
		(*out)[i].vin = pg_text(req, res, i, 3);
	}
	PQclear(res);
	return STATUS_OK;
}

/* ---- links and campaign loading ------------------------------------------------------------ */

static const struct db_stmt links = {
	"workshop_links",
	"SELECT 'AGENDAMENTO', k.booking_id, k.number, b.code, k.status FROM booking k"
	"   JOIN branch b ON b.tenant_id = k.tenant_id AND b.branch_id = k.branch_id"
	"  WHERE k.tenant_id = $1 AND k.contact_id = $2"
	" UNION ALL"
	" SELECT 'ORCAMENTO', q.quote_id, q.number, b.code, q.status FROM quote q"
	"   JOIN branch b ON b.tenant_id = q.tenant_id AND b.branch_id = q.branch_id"
	"  WHERE q.tenant_id = $1 AND q.contact_id = $2"
	" UNION ALL"
	" SELECT 'OS', o.work_order_id, o.number, b.code, o.status FROM work_order o"
	"   JOIN branch b ON b.tenant_id = o.tenant_id AND b.branch_id = o.branch_id"
	"  WHERE o.tenant_id = $1 AND o.contact_id = $2"
	" ORDER BY 1, 2"};

enum status workshop_links(struct request *req, int64_t contact_id, struct workshop_link **out, int *n)
{
	const char *params[] = {req_tenant_param(req), pg_num(req, contact_id)};
	PGresult *res;
	enum db_status s = db_exec(req->db, &links, 2, params, &res);
	if (s != DB_OK)
		return req_db_fail(req, s);
	*n = PQntuples(res);
	*out = req_alloc(req, sizeof **out * (size_t)(*n ? *n : 1));
	for (int i = 0; i < *n; i++) {
		(*out)[i].kind = pg_text(req, res, i, 0);
		(*out)[i].id = db_int64(res, i, 1);
		(*out)[i].number = db_int64(res, i, 2);
		(*out)[i].branch = pg_text(req, res, i, 3);
		(*out)[i].status = pg_text(req, res, i, 4);
	}
	PQclear(res);
	return STATUS_OK;
}

static const struct db_stmt campaign_upsert = {
	"workshop_campaign_upsert",
	"INSERT INTO campaign (tenant_id, code, description, kind, starts_on, ends_on)"
	" VALUES ($1, $2, $3, $4, $5::date, $6::date)"
	" ON CONFLICT (tenant_id, code) DO UPDATE SET description = EXCLUDED.description, kind = EXCLUDED.kind,"
	"   starts_on = EXCLUDED.starts_on, ends_on = EXCLUDED.ends_on"};
static const struct db_stmt campaign_vins = {
	"workshop_campaign_vins",
	"WITH added AS (INSERT INTO campaign_vehicle (tenant_id, campaign_code, vin)"
	"   SELECT DISTINCT $1::bigint, $2, v FROM unnest($3::text[]) v ON CONFLICT DO NOTHING RETURNING 1)"
	" SELECT (SELECT count(*) FROM added),"
	"        (SELECT count(*) FROM campaign_vehicle WHERE tenant_id = $1 AND campaign_code = $2)"
	"        + (SELECT count(*) FROM added)"};

enum status workshop_store_campaign(struct request *req, const struct campaign *c, const char *starts_on,
				    const char *ends_on, const char *vins, int *added, int *total)
{
	const char *params[] = {req_tenant_param(req), c->code, c->description, c->kind, starts_on, ends_on};
	enum db_status s = db_exec(req->db, &campaign_upsert, 6, params, NULL);
	if (s != DB_OK)
		return req_db_fail(req, s);
	const char *vparams[] = {req_tenant_param(req), c->code, vins};
	PGresult *res;
	if ((s = db_exec(req->db, &campaign_vins, 3, vparams, &res)) != DB_OK)
		return req_db_fail(req, s);
	*added = db_int(res, 0, 0);
	*total = db_int(res, 0, 1);
	PQclear(res);
	return STATUS_OK;
}

static const struct db_stmt vehicle_vin = {
	"workshop_vehicle_vin", "SELECT vin FROM vehicle WHERE tenant_id = $1 AND vehicle_id = $2"};

enum status workshop_store_vehicle_vin(struct request *req, int64_t vehicle_id, const char **vin, bool *found)
{
	const char *params[] = {req_tenant_param(req), pg_num(req, vehicle_id)};
	PGresult *res;
	enum db_status s = db_exec(req->db, &vehicle_vin, 2, params, &res);
	if (s != DB_OK)
		return req_db_fail(req, s);
	*found = PQntuples(res) == 1;
	*vin = *found ? pg_text(req, res, 0, 0) : NULL;
	PQclear(res);
	return STATUS_OK;
}
