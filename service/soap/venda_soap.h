/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * venda_soap.h - what the sales adapter lends to other adapters: the vehicles of
 * interest of an atendimento in their wire form (ConsultarAtendimento shows them).
 */
#ifndef WSATEND_VENDA_SOAP_H
#define WSATEND_VENDA_SOAP_H

#include "core/request.h"
#include "soapH.h"

#include <stdint.h>

/* *out (and *n) gets the vehicles of interest of atendimento contact_id. */
enum status venda_interests_out(struct request *req, int64_t contact_id, int *n, struct ws__InteresseVeiculo **out);

#endif
