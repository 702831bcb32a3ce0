/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * fault.h - SOAP faults with the contract's typed detail (Falha). Faults are only
 * for malformed or off-contract messages, credentials and server trouble; business
 * errors travel in Resultado (op.c).
 */
#ifndef WSATEND_FAULT_H
#define WSATEND_FAULT_H

#include "core/status.h"
#include "stdsoap2.h"

/* Sets up the fault for status s (a fault kind) and returns SOAP_FAULT. field and
 * text may be NULL (text: the catalog's). */
int fault_send(struct soap *soap, enum status s, const char *field, const char *text);

/* After gSOAP failed to read a request (soap->error set by the parser, a limit or the
 * guard): sets up our Client fault instead of gSOAP's, naming the element where it
 * can: TAMANHO_EXCEDIDO (maxLength), CAMPO_OBRIGATORIO (a required element absent),
 * VALOR_INVALIDO (a value of the wrong type), ESTRUTURA_INVALIDA (everything else).
 * Returns SOAP_FAULT, or the transport error when nobody is left to answer. */
int fault_from_parse_error(struct soap *soap);

#endif
