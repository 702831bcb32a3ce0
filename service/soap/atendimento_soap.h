/* SPDX-License-Identifier: GPL-2.0-or-later */
/* atendimento_soap.h - the <Atendimento> conversion other adapters share (lote_soap.c). */
#ifndef WSATEND_ATENDIMENTO_SOAP_H
#define WSATEND_ATENDIMENTO_SOAP_H

#include "domain/contact.h"
#include "soapH.h"

/* An <Atendimento> as the domain sees it; absent elements are NULL / false. */
void contact_in(struct request *req, const struct ws__Atendimento *w, struct contact *c);

/* A <ProximoContato> in and out (atendimentos and quotes); NULL for none. */
struct next_contact *next_contact_in(struct request *req, const struct ws__ProximoContato *w);
struct ws__ProximoContato *next_contact_out(struct request *req, const struct next_contact *nc);

#endif
