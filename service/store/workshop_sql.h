/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * workshop_sql.h - SQL fragments of the slot rules, shared by the statements that
 * judge one start (workshop_store.c) and those that judge a bulk call's starts at
 * once (booking_batch_store.c), so both read the same rules. Parameters: $1
 * tenant, $2 branch, $3 the branch's time zone.
 */
#ifndef WSATEND_WORKSHOP_SQL_H
#define WSATEND_WORKSHOP_SQL_H

/* The productive staff working for a visit of SPAN from a local start: active, of
 * the branch, of KIND and CODE when not NULL, working then (their shifts if they
 * have any that weekday, else the opening hours). */
#define WORKING_PRODUCTIVES(LOCAL, SPAN, KIND, CODE)                                               \
	" SELECT p.code FROM productive p"                                                         \
	"  WHERE p.tenant_id = $1 AND p.branch_id = $2 AND p.active"                               \
	"    AND (" KIND " IS NULL OR p.kind = " KIND ") AND (" CODE " IS NULL OR p.code = " CODE ")" \
	"    AND (NOT EXISTS (SELECT 1 FROM productive_shift ps WHERE ps.tenant_id = $1"           \
	"                     AND ps.code = p.code AND ps.weekday = extract(dow FROM " LOCAL "))" \
	"         OR EXISTS (SELECT 1 FROM productive_shift ps WHERE ps.tenant_id = $1"            \
	"                     AND ps.code = p.code AND ps.weekday = extract(dow FROM " LOCAL ")"  \
	"                     AND (" LOCAL ")::time >= ps.starts"                                  \
	"                     AND (" LOCAL " + " SPAN ") <= (" LOCAL ")::date + ps.ends))"

/* ... and with no booking_slot row inside the visit (appended to the above). */
#define NOT_BOOKED(START, SPAN)                                                                    \
	"    AND NOT EXISTS (SELECT 1 FROM booking_slot b WHERE b.tenant_id = $1"                  \
	"                    AND b.branch_id = $2 AND b.productive_code = p.code"                  \
	"                    AND b.slot_start >= " START " AND b.slot_start < " START " + " SPAN ")"

/* The frame of a visit of MINUTES (an integer expression) from START (an instant),
 * as the select list of a row of workshop_branch w: slot_minutes, n_slots, span,
 * start_at, local_start. */
#define FRAME_CFG(START, MINUTES)                                                                  \
	" w.slot_minutes, ceil(" MINUTES "::numeric / w.slot_minutes)::int AS n_slots,"            \
	" make_interval(mins => w.slot_minutes * ceil(" MINUTES "::numeric / w.slot_minutes)::int) AS span," \
	" " START " AS start_at, " START " AT TIME ZONE $3 AS local_start"

/* The opening hours of the frame's weekday (h, LEFT JOINed to cfg). */
#define FRAME_HOURS                                                                                \
	" LEFT JOIN workshop_hours h ON h.tenant_id = $1 AND h.branch_id = $2"                     \
	"   AND h.weekday = extract(dow FROM cfg.local_start)"

/* The frame judged, six columns: past, open, aligned, n_slots, slot_minutes,
 * ends_at (UTC text). */
#define FRAME_JUDGED                                                                               \
	" cfg.start_at <= now(),"                                                                  \
	" h.opens IS NOT NULL AND cfg.local_start::time >= h.opens"                                \
	"   AND cfg.local_start + cfg.span <= cfg.local_start::date + h.closes,"                   \
	" h.opens IS NOT NULL"                                                                     \
	"   AND extract(epoch FROM cfg.local_start::time - h.opens)::bigint % (cfg.slot_minutes * 60) = 0," \
	" cfg.n_slots, cfg.slot_minutes,"                                                          \
	" to_char((cfg.start_at + cfg.span) AT TIME ZONE 'UTC', 'YYYY-MM-DD\"T\"HH24:MI:SS\"Z\"')"

#endif
