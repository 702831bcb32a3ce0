/* SPDX-License-Identifier: GPL-2.0-or-later */
/* pessoa_soap.h - the <Pessoa> conversion other adapters share (lote_soap.c). */
#ifndef WSATEND_PESSOA_SOAP_H
#define WSATEND_PESSOA_SOAP_H

#include "domain/person.h"
#include "soapH.h"

/* A <Pessoa> as the domain sees it; absent elements are NULL. */
void person_in(struct request *req, const struct ws__Pessoa *w, struct person *p);

#endif
