/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * proposal.h - sales proposals (wsdl/xsd/venda.xsd: Proposta): IncluirProposta,
 * AprovarProposta, ReprovarProposta, ProrrogarValidadeProposta, ConsultarProposta,
 * ListarPropostas, and the sale that closes an atendimento (EncerrarAtendimento).
 *
 * The rule to know: the server computes every total (ValorFinal = Preco - Desconto,
 * ValorAPagar = ValorFinal - ValorTroca) and the margin against the vehicle's cost
 * (Margem = ValorFinal - cost, PercentualMargem over ValorFinal). A discount above the
 * tenant's maximum or a margin below its minimum makes the proposal
 * AGUARDANDO_APROVACAO, with each reason, until a gerente decides; every decision
 * records who and when.
 */
#ifndef WSATEND_PROPOSAL_H
#define WSATEND_PROPOSAL_H

#include "core/request.h"

#include <stdbool.h>
#include <stdint.h>

struct proposal {
	int64_t id, contact_id, person_id, stock_id;
	const char *price_in, *discount_in, *down_in;   /* in: xs:decimal text (NULL: absent) */
	int64_t price, discount, final_price, cost, trade_in, due;   /* out: centavos */
	bool has_down;
	int64_t down_payment;
	const char *payment;          /* A_VISTA, FINANCIAMENTO, CONSORCIO */
	const int *instalments;
	const char *institution;
	int64_t appraisal_id;         /* 0: no trade-in */
	const char *valid_until;      /* in: with offset; out: UTC */
	const char *notes;
	const char *status;           /* out */
	const char **reasons;         /* out: why a gerente must decide */
	int n_reasons;
	const char *decided_by, *decided_at, *decision_notes;   /* out */
	int version;
	const char *created_at;
};

enum status proposal_create(struct request *req, const struct proposal *in, struct proposal *out);

/* AprovarProposta (approve true) / ReprovarProposta: gerente only (the operation's
 * roles); only AGUARDANDO_APROVACAO; an expired one cannot be approved
 * (PROPOSTA_EXPIRADA). A refusal needs its reason (notes). */
enum status proposal_decide(struct request *req, const int64_t *id, const int *version, bool approve,
			    const char *notes, struct proposal *out);

/* ProrrogarValidadeProposta: a later validity, within the tenant's maximum. */
enum status proposal_extend(struct request *req, const int64_t *id, const int *version, const char *valid_until,
			    const char *reason, struct proposal *out);

enum status proposal_get(struct request *req, const int64_t *id, struct proposal *out);

struct proposal_filter {
	const int64_t *contact_id, *stock_id;
	const char *status;
};
enum status proposal_list(struct request *req, const struct proposal_filter *f, int64_t after, int limit,
			  struct proposal **out, int *n);

/* EncerrarAtendimento of contact_id just closed: with sale_id (a proposal of that
 * atendimento, ABERTA or APROVADA and still valid) the vehicle is sold, its
 * reservation used, the proposal VENDIDA and every other live proposal for the
 * vehicle ENCERRADA; the atendimento's other live proposals are ENCERRADA either way. */
enum status proposal_close_contact(struct request *req, int64_t contact_id, bool success, const int64_t *sale_id);

#endif
