/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * vehicle_batch.h - IncluirVeiculosLote: many vehicles per call, upsert by IdExterno
 * (wsdl/xsd/lote.xsd). The rules of each record are IncluirVeiculo's (vehicle.c).
 */
#ifndef WSATEND_VEHICLE_BATCH_H
#define WSATEND_VEHICLE_BATCH_H

#include "domain/batch.h"
#include "domain/vehicle.h"

/* records[i] is b->items[i]'s <Veiculo> as sent (the items' keys and sequences set).
 * Fills every item's outcome. Returns STATUS_OK (even when records were rejected) or
 * an error of the whole call. */
enum status vehicle_batch_upsert(struct request *req, struct batch *b, const struct vehicle *records);

#endif
