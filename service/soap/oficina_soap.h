/* SPDX-License-Identifier: GPL-2.0-or-later */
/* oficina_soap.h - the <Agendamento> conversion other adapters share (lote_soap.c). */
#ifndef WSATEND_OFICINA_SOAP_H
#define WSATEND_OFICINA_SOAP_H

#include "domain/booking.h"
#include "soapH.h"

/* An <Agendamento> as IncluirAgendamento reads it; absent elements are NULL. */
void booking_in(struct request *req, const struct ws__Agendamento *w, struct booking *b);

#endif
