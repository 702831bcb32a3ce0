/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * person_batch.h - IncluirPessoasLote: many customers per call, upsert by IdExterno
 * (wsdl/xsd/lote.xsd). The rules of each record are IncluirPessoa's (person.c).
 */
#ifndef WSATEND_PERSON_BATCH_H
#define WSATEND_PERSON_BATCH_H

#include "domain/batch.h"
#include "domain/person.h"

/* records[i] is b->items[i]'s <Pessoa> as sent (the items' keys and sequences set;
 * records are normalised in place). Fills every item's outcome. Returns STATUS_OK
 * (even when records were rejected) or an error of the whole call. */
enum status person_batch_upsert(struct request *req, struct batch *b, struct person *records);

#endif
