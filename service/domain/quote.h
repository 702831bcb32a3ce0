/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * quote.h - workshop quotes (orçamentos, wsdl/xsd/oficina.xsd): IncluirOrcamento,
 * AprovarOrcamento, AprovarDescontoOrcamento, ConverterOrcamentoEmOS,
 * ConsultarOrcamento.
 *
 * The rule to know: the server computes every total in numeric (quote_store), and
 * decides AGUARDANDO_APROVACAO itself: any item's discount above the branch's limit
 * (workshop_branch.discount_limit_pct) holds the quote until a gerente approves it.
 * Its next contact is the atendimento's open next contact, so it is in ListarAgenda.
 */
#ifndef WSATEND_QUOTE_H
#define WSATEND_QUOTE_H

#include "core/request.h"
#include "domain/contact.h"
#include "domain/work_order.h"

#include <stdbool.h>
#include <stdint.h>

struct quote {
	int64_t id;
	const char *external_id;
	int64_t number;
	const char *branch;
	int64_t branch_id;
	const int64_t *vehicle_id, *person_id, *contact_id;
	const char *plate, *vin;
	const char *type;
	const int *odometer, *delivery_days;
	const char *valid_until;          /* YYYY-MM-DD, the branch's local day */
	struct next_contact *next;        /* NULL: none */
	const char *status, *total, *notes;
	const int64_t *work_order_id;
	int version;
	bool expired;                     /* out: valid_until before the branch's today */
	const char *created_at, *updated_at;
	struct work_order_item *items;    /* customer_answer: APROVADO, RECUSADO or NULL */
	int n_items;
};

/* IncluirOrcamento in the request's branch (paths "Orcamento/..."). */
enum status quote_create(struct request *req, const struct quote *in, struct quote *out);

/* AprovarOrcamento: items NULL/n 0 approves every item, else those listed (the rest refused). */
enum status quote_approve(struct request *req, int64_t id, const int *version, const int *items, int n,
			  struct quote *out);

/* AprovarDescontoOrcamento (the operation admits only gerente). */
enum status quote_approve_discount(struct request *req, int64_t id, const int *version, struct quote *out);

/* ConverterOrcamentoEmOS. */
enum status quote_convert(struct request *req, int64_t id, const int *version, const int *odometer,
			  const char *promised_at, struct quote *out, struct work_order *order);

/* ConsultarOrcamento by id or external id. */
enum status quote_get(struct request *req, const int64_t *id, const char *external_id, struct quote *out);

#endif
