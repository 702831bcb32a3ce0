/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * venda_soap.h - what the sales adapter lends to other adapters: the vehicles of
 * interest of an atendimento in their wire form (ConsultarAtendimento shows them), and
 * the sale that closes an atendimento (EncerrarAtendimento).
 */
#ifndef WSATEND_VENDA_SOAP_H
#define WSATEND_VENDA_SOAP_H

#include "core/request.h"
#include "soapH.h"

#include <stdbool.h>
#include <stdint.h>

/* *out (and *n) gets the vehicles of interest of atendimento contact_id. */
enum status venda_interests_out(struct request *req, int64_t contact_id, int *n, struct ws__InteresseVeiculo **out);

/* EncerrarAtendimento (atendimento_soap.c), after the atendimento was closed: as a
 * sale with proposal_id (SUCESSO only) the vehicle is sold and competing proposals
 * closed; the atendimento's other live proposals are closed either way. */
enum status venda_close_contact(struct request *req, int64_t contact_id, bool success, const LONG64 *proposal_id);

#endif
