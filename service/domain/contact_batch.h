/* SPDX-License-Identifier: GPL-2.0-or-later */
/* contact_batch.h - IncluirAtendimentosLote: many atendimentos in one call. */
#ifndef WSATEND_CONTACT_BATCH_H
#define WSATEND_CONTACT_BATCH_H

#include "domain/batch.h"
#include "domain/contact.h"

/* Opens records[0..b->n-1] as that many IncluirAtendimento calls made one after the
 * other in request order would (checks, routing, second-open policy), each record's
 * outcome in b->items: CRIADO (Id: the new atendimento), ATUALIZADO (VINCULAR: Id
 * is the open atendimento the contact went to) or REJEITADO. */
enum status contact_batch_create(struct request *req, struct batch *b, const struct contact *records);

#endif
