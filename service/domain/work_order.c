/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * work_order.c - rules of the work orders (work_order.h).
 *
 * The rule to know: "one open work order per vehicle" is decided by the database's
 * partial unique index at insert time, never by a read before it; this file only
 * turns "nothing inserted" into a message naming the open work order.
 */
#include "domain/work_order.h"

#include "store/audit_store.h"
#include "store/work_order_store.h"

#include <stdio.h>

static enum status open_elsewhere(struct request *req, int64_t vehicle_id, const char *field)
{
	int64_t id, number = 0;
	const char *branch = NULL;
	enum status s = work_order_store_open_of_vehicle(req, vehicle_id, &id, &number, &branch);
	if (s != STATUS_OK)
		return s;
	if (!id)   /* closed meanwhile: a fresh attempt decides */
		req_race(req);
	return req_fail(req, STATUS_JA_EXISTENTE, field,
			"O veículo já tem uma OS aberta (Id %lld, número %lld da empresa %s); encerre-a antes "
			"de abrir outra.", (long long)id, (long long)number, branch ? branch : "?");
}

enum status work_order_open_from_booking(struct request *req, int64_t booking_id, int64_t vehicle_id,
					 const char *type,
					 const int *odometer, const char *promised_at, const char *field,
					 struct work_order *out)
{
	int64_t id;
	enum status s = work_order_store_from_booking(req, booking_id, type, odometer, promised_at, &id);
	if (s != STATUS_OK)
		return s;
	if (!id)
		return open_elsewhere(req, vehicle_id, field);
	bool found;
	if ((s = work_order_store_get(req, id, false, out, &found)) != STATUS_OK)
		return s;
	char booking_text[24];
	snprintf(booking_text, sizeof booking_text, "%lld", (long long)booking_id);
	struct audit_change changes[] = {
		{"IdAgendamento", NULL, booking_text},
		{"Numero", NULL, req_printf(req, "%lld", (long long)out->number)},
		{"TipoOS", NULL, out->type},
		{"Total", NULL, out->total},
	};
	return audit_record(req, "os", id, "abrir", changes, 4);
}

enum status work_order_get(struct request *req, int64_t id, struct work_order *out, bool *found)
{
	return work_order_store_get(req, id, false, out, found);
}
