/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * booking_batch.h - IncluirAgendamentosLote: many workshop bookings of the request's
 * branch per call (wsdl/xsd/lote.xsd). The rules of each record are
 * IncluirAgendamento's (booking.c); the records of one call compete for capacity as
 * sequential IncluirAgendamento calls in request order would.
 */
#ifndef WSATEND_BOOKING_BATCH_H
#define WSATEND_BOOKING_BATCH_H

#include "domain/batch.h"
#include "domain/booking.h"

/* records[i] is b->items[i]'s <Agendamento> as sent (the items' keys and sequences
 * set). Fills every item's outcome: CRIADO with the booking's id, or REJEITADO.
 * Returns STATUS_OK (even when records were rejected) or an error of the whole call. */
enum status booking_batch_create(struct request *req, struct batch *b, const struct booking *records);

#endif
