/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * proposal.c - the rules of proposals (proposal.h, CATALOG section 5).
 *
 * The rule to know: the order of locks is the atendimento, then the stock vehicle,
 * then the proposal, then the appraisal (the same as for reservations), so concurrent
 * requests queue and never deadlock, and of two sales of one vehicle exactly one
 * wins; a vehicle actively reserved for another customer refuses the proposal
 * (VEICULO_RESERVADO), one reserved for this customer accepts it.
 */
#include "domain/proposal.h"

#include "core/validate.h"
#include "domain/appraisal.h"
#include "domain/contact.h"
#include "domain/field.h"
#include "domain/money.h"
#include "domain/stock.h"
#include "store/audit_store.h"
#include "store/proposal_store.h"
#include "store/sale_store.h"

#include <string.h>
#include <time.h>

#define DEFAULT_VALIDITY_DAYS 7
#define CLOCK_SKEW 60
#define MAX_INSTALMENTS 120

static const char *id_text(struct request *req, int64_t v)
{
	return req_printf(req, "%lld", (long long)v);
}

static char *utc_text(struct request *req, time_t t)
{
	struct tm tm;
	gmtime_r(&t, &tm);
	char buf[32];
	strftime(buf, sizeof buf, "%Y-%m-%dT%H:%M:%SZ", &tm);
	return req_strdup(req, buf);
}

static void keep(enum status *first, enum status s)
{
	if (*first == STATUS_OK)
		*first = s;
}

/* A validity: in the future and at most max_days from now. */
static enum status check_validity(struct request *req, const char *field, const char *value, int max_days)
{
	int64_t epoch;
	int32_t usec;
	if (!datetime_parse(value, &epoch, &usec))
		return req_fail(req, STATUS_VALOR_INVALIDO, field,
				"Data e hora inválida: use AAAA-MM-DDThh:mm:ss com o fuso (ex.: -03:00).");
	int64_t now = (int64_t)time(NULL);
	if (epoch <= now - CLOCK_SKEW)
		return req_fail(req, STATUS_VALOR_INVALIDO, field, "A validade deve estar no futuro.");
	if (epoch > now + (int64_t)max_days * 86400 + CLOCK_SKEW)
		return req_fail(req, STATUS_VALOR_INVALIDO, field, "A validade máxima de uma proposta é de %d dias.",
				max_days);
	return STATUS_OK;
}

/* ---- IncluirProposta -------------------------------------------------------------------- */

/* The request's own checks (no database). */
static enum status check_input(struct request *req, const struct proposal *in, struct proposal *p, bool *has_price)
{
	enum status first = STATUS_OK;
	if (!in->contact_id)
		keep(&first, req_fail(req, STATUS_CAMPO_OBRIGATORIO, "Proposta/IdAtendimento", "Informe o atendimento."));
	if (!in->stock_id)
		keep(&first, req_fail(req, STATUS_CAMPO_OBRIGATORIO, "Proposta/IdVeiculoEstoque",
				      "Informe o veículo do estoque."));
	bool present;
	enum status s = money_parse(req, in->price_in, "Proposta/Preco", false, &p->price, has_price);
	keep(&first, s);
	if (s == STATUS_OK && *has_price && p->price == 0)
		keep(&first, req_fail(req, STATUS_VALOR_INVALIDO, "Proposta/Preco", "O preço deve ser maior que zero."));
	keep(&first, money_parse(req, in->discount_in, "Proposta/Desconto", false, &p->discount, &present));
	keep(&first, money_parse(req, in->down_in, "Proposta/Pagamento/Entrada", false, &p->down_payment, &p->has_down));
	p->payment = in->payment;
	p->instalments = in->instalments;
	p->institution = field_trimmed(req, in->institution);
	if (!in->payment) {
		keep(&first, req_fail(req, STATUS_CAMPO_OBRIGATORIO, "Proposta/Pagamento/Forma",
				      "Informe a forma de pagamento: A_VISTA, FINANCIAMENTO ou CONSORCIO."));
	} else if (!strcmp(in->payment, "FINANCIAMENTO") && !in->instalments) {
		keep(&first, req_fail(req, STATUS_CAMPO_OBRIGATORIO, "Proposta/Pagamento/Parcelas",
				      "Um financiamento precisa do número de parcelas."));
	} else if (!strcmp(in->payment, "A_VISTA") && (in->instalments || p->has_down)) {
		keep(&first, req_fail(req, STATUS_VALOR_INVALIDO, "Proposta/Pagamento/Parcelas",
				      "Pagamento à vista não tem entrada nem parcelas."));
	}
	if (in->instalments && (*in->instalments < 1 || *in->instalments > MAX_INSTALMENTS))
		keep(&first, req_fail(req, STATUS_VALOR_INVALIDO, "Proposta/Pagamento/Parcelas",
				      "Parcelas deve ser de 1 a %d.", MAX_INSTALMENTS));
	if (p->institution && utf8_chars(p->institution) > 60)
		keep(&first, req_fail(req, STATUS_TAMANHO_EXCEDIDO, "Proposta/Pagamento/Instituicao",
				      "Instituicao aceita no máximo 60 caracteres."));
	p->notes = in->notes;
	if (in->notes && utf8_chars(in->notes) > 2000)
		keep(&first, req_fail(req, STATUS_TAMANHO_EXCEDIDO, "Proposta/Observacao",
				      "Observacao aceita no máximo 2000 caracteres."));
	return first;
}

/* The vehicle can be proposed to person_id. */
static enum status check_vehicle(struct request *req, const struct stock_vehicle *sv, int64_t person_id)
{
	const char *field = "Proposta/IdVeiculoEstoque";
	if (!strcmp(sv->status, "VENDIDO"))
		return req_fail(req, STATUS_VEICULO_VENDIDO, field, "O veículo %lld já foi vendido.", (long long)sv->id);
	if (!strcmp(sv->status, "FUTURO"))
		return req_fail(req, STATUS_OPERACAO_NAO_PERMITIDA, field,
				"O veículo %lld ainda não chegou ao estoque (depósito virtual).", (long long)sv->id);
	if (!strcmp(sv->status, "RESERVADO") && sv->reserved_for_person != person_id)
		return req_fail(req, STATUS_VEICULO_RESERVADO, field,
				"O veículo %lld está reservado para outro cliente até %s.", (long long)sv->id,
				sv->reserved_until);
	return STATUS_OK;
}

/* Discount and margin against the tenant's limits: each reason a warning. */
static void approval_reasons(struct request *req, struct proposal *p, const struct sales_limits *lim)
{
	p->reasons = req_alloc(req, sizeof *p->reasons * 2);
	int64_t discount_pct = money_pct_hundredths(p->discount, p->price);
	int64_t margin_pct = money_pct_hundredths(p->final_price - p->cost, p->final_price);
	if (discount_pct > lim->max_discount_hundredths) {
		const char *r = req_printf(req, "Desconto de %s%% acima do máximo de %s%%.",
					   money_pct_text(req, discount_pct), money_pct_text(req, lim->max_discount_hundredths));
		p->reasons[p->n_reasons++] = r;
		req_warn(req, STATUS_AGUARDANDO_APROVACAO, "Proposta/Desconto", "%s", r);
	}
	if (margin_pct < lim->min_margin_hundredths) {
		const char *r = req_printf(req, "Margem de %s%% abaixo do mínimo de %s%%.",
					   money_pct_text(req, margin_pct), money_pct_text(req, lim->min_margin_hundredths));
		p->reasons[p->n_reasons++] = r;
		req_warn(req, STATUS_AGUARDANDO_APROVACAO, "Proposta/Preco", "%s", r);
	}
	p->status = p->n_reasons ? "AGUARDANDO_APROVACAO" : "ABERTA";
}

static enum status trade_in(struct request *req, int64_t appraisal_id, struct proposal *p)
{
	const char *field = "Proposta/IdAvaliacaoTroca";
	struct appraisal a;
	enum status s = appraisal_for_trade_in(req, appraisal_id, field, &a);
	if (s != STATUS_OK)
		return s;
	int64_t by;
	if ((s = proposal_store_trade_in_used(req, a.id, &by)) != STATUS_OK)
		return s;
	if (by)
		return req_fail(req, STATUS_JA_EXISTENTE, field, "A avaliação %lld já é a troca da proposta %lld.",
				(long long)a.id, (long long)by);
	p->appraisal_id = a.id;
	p->trade_in = a.value;
	return STATUS_OK;
}

static enum status audit_create(struct request *req, const struct proposal *p)
{
	struct audit_change changes[] = {
		{"IdVeiculoEstoque", NULL, id_text(req, p->stock_id)},
		{"Preco", NULL, money_text(req, p->price)},
		{"Desconto", NULL, money_text(req, p->discount)},
		{"ValorTroca", NULL, money_text(req, p->trade_in)},
		{"Situacao", NULL, p->status},
	};
	return audit_record(req, "proposta", p->id, "incluir", changes, 5);
}

enum status proposal_create(struct request *req, const struct proposal *in, struct proposal *out)
{
	struct proposal p = {0};
	bool has_price;
	enum status s = check_input(req, in, &p, &has_price);
	if (s != STATUS_OK)
		return s;
	struct sales_limits lim;
	if ((s = sale_store_limits(req, &lim)) != STATUS_OK)
		return s;
	if (in->valid_until) {
		if ((s = check_validity(req, "Proposta/ValidaAte", in->valid_until, lim.max_proposal_days)) != STATUS_OK)
			return s;
		p.valid_until = in->valid_until;
	} else {
		p.valid_until = utc_text(req, time(NULL) + (time_t)DEFAULT_VALIDITY_DAYS * 86400);
	}
	struct contact c;
	if ((s = contact_open_for_change(req, &in->contact_id, NULL, &c)) != STATUS_OK)
		return s;
	struct stock_vehicle sv;
	if ((s = stock_lock(req, in->stock_id, "Proposta/IdVeiculoEstoque", &sv)) != STATUS_OK ||
	    (s = check_vehicle(req, &sv, c.person_id)) != STATUS_OK)
		return s;
	p.contact_id = c.id;
	p.person_id = c.person_id;
	p.stock_id = sv.id;
	p.cost = sv.cost;
	if (!has_price)
		p.price = sv.price;
	if (p.discount >= p.price)
		return req_fail(req, STATUS_VALOR_INVALIDO, "Proposta/Desconto",
				"O desconto (%s) deve ser menor que o preço (%s).", money_text(req, p.discount),
				money_text(req, p.price));
	p.final_price = p.price - p.discount;
	if (in->appraisal_id && (s = trade_in(req, in->appraisal_id, &p)) != STATUS_OK)
		return s;
	if (p.trade_in > p.final_price)
		return req_fail(req, STATUS_VALOR_INVALIDO, "Proposta/IdAvaliacaoTroca",
				"O valor da troca (%s) é maior que o valor final (%s).", money_text(req, p.trade_in),
				money_text(req, p.final_price));
	p.due = p.final_price - p.trade_in;
	if (p.has_down && p.down_payment > p.due)
		return req_fail(req, STATUS_VALOR_INVALIDO, "Proposta/Pagamento/Entrada",
				"A entrada (%s) é maior que o valor a pagar (%s).", money_text(req, p.down_payment),
				money_text(req, p.due));
	approval_reasons(req, &p, &lim);
	if ((s = proposal_store_insert(req, &p, out)) != STATUS_OK)
		return s;
	return audit_create(req, out);
}

/* ---- decisions ---------------------------------------------------------------------------- */

/* Proposal *id of the branch, locked, at version (when given). */
static enum status load_for_change(struct request *req, const int64_t *id, const int *version, struct proposal *out,
				   bool *expired)
{
	if (!id)
		return req_fail(req, STATUS_CAMPO_OBRIGATORIO, "IdProposta", "Informe a proposta.");
	bool found;
	enum status s = proposal_store_get(req, *id, true, out, &found, expired);
	if (s != STATUS_OK)
		return s;
	if (!found)
		return req_fail(req, STATUS_NAO_ENCONTRADO, "IdProposta", "Proposta %lld não encontrada nesta empresa.",
				(long long)*id);
	if (version && *version != out->version)
		return req_fail(req, STATUS_CONFLITO_VERSAO, "Versao",
				"A proposta foi alterada por outra requisição (versão atual %d, informada %d).",
				out->version, *version);
	return STATUS_OK;
}

/* For the changes that also touch the vehicle (approval, sale): the stock row is
 * locked before the proposal, the order IncluirProposta and the sale use too, so a
 * sale closing competing proposals never waits on a proposal whose holder waits on
 * the vehicle (no deadlock). */
static enum status load_with_vehicle(struct request *req, const int64_t *id, const int *version, struct proposal *out,
				     bool *expired, struct stock_vehicle *sv)
{
	if (!id)
		return req_fail(req, STATUS_CAMPO_OBRIGATORIO, "IdProposta", "Informe a proposta.");
	bool found;
	enum status s = proposal_store_get(req, *id, false, out, &found, NULL);
	if (s != STATUS_OK)
		return s;
	if (!found)
		return req_fail(req, STATUS_NAO_ENCONTRADO, "IdProposta", "Proposta %lld não encontrada nesta empresa.",
				(long long)*id);
	if ((s = stock_lock(req, out->stock_id, "IdProposta", sv)) != STATUS_OK)
		return s;
	return load_for_change(req, id, version, out, expired);
}

static enum status reload(struct request *req, int64_t id, struct proposal *out)
{
	bool found;
	return proposal_store_get(req, id, false, out, &found, NULL);
}

enum status proposal_decide(struct request *req, const int64_t *id, const int *version, bool approve,
			    const char *notes, struct proposal *out)
{
	const char *why = field_trimmed(req, notes);
	if (why && !*why)
		why = NULL;
	if (!approve && !why)
		return req_fail(req, STATUS_CAMPO_OBRIGATORIO, "Observacao", "Informe o motivo da reprovação.");
	if (why && utf8_chars(why) > 2000)
		return req_fail(req, STATUS_TAMANHO_EXCEDIDO, "Observacao", "Observacao aceita no máximo 2000 caracteres.");
	struct proposal p;
	struct stock_vehicle sv;
	bool expired;
	enum status s = approve ? load_with_vehicle(req, id, version, &p, &expired, &sv)
				: load_for_change(req, id, version, &p, &expired);
	if (s != STATUS_OK)
		return s;
	if (strcmp(p.status, "AGUARDANDO_APROVACAO"))
		return req_fail(req, STATUS_OPERACAO_NAO_PERMITIDA, "IdProposta",
				"A proposta %lld está %s; só uma proposta AGUARDANDO_APROVACAO é decidida.",
				(long long)p.id, p.status);
	if (approve && expired)
		return req_fail(req, STATUS_PROPOSTA_EXPIRADA, "IdProposta",
				"A proposta %lld venceu em %s; prorrogue a validade antes de aprovar.", (long long)p.id,
				p.valid_until);
	if (approve) {
		if (!strcmp(sv.status, "VENDIDO"))
			return req_fail(req, STATUS_VEICULO_VENDIDO, "IdProposta", "O veículo %lld já foi vendido.",
					(long long)sv.id);
		if (!strcmp(sv.status, "RESERVADO") && sv.reserved_for_person != p.person_id)
			return req_fail(req, STATUS_VEICULO_RESERVADO, "IdProposta",
					"O veículo %lld está reservado para outro cliente até %s.", (long long)sv.id,
					sv.reserved_until);
	}
	const char *status = approve ? "APROVADA" : "REPROVADA";
	if ((s = proposal_store_decide(req, p.id, status, why)) != STATUS_OK)
		return s;
	struct audit_change changes[] = {{"Situacao", p.status, status}, {"ObservacaoDecisao", NULL, why}};
	if ((s = audit_record(req, "proposta", p.id, approve ? "aprovar" : "reprovar", changes, 2)) != STATUS_OK)
		return s;
	return reload(req, p.id, out);
}

enum status proposal_extend(struct request *req, const int64_t *id, const int *version, const char *valid_until,
			    const char *reason, struct proposal *out)
{
	enum status first = STATUS_OK;
	if (!valid_until)
		keep(&first, req_fail(req, STATUS_CAMPO_OBRIGATORIO, "NovaValidade", "Informe a nova validade."));
	const char *why = field_trimmed(req, reason);
	if (!why || !*why)
		keep(&first, req_fail(req, STATUS_CAMPO_OBRIGATORIO, "Motivo", "Informe o motivo da prorrogação."));
	else if (utf8_chars(why) > 200)
		keep(&first, req_fail(req, STATUS_TAMANHO_EXCEDIDO, "Motivo", "Motivo aceita no máximo 200 caracteres."));
	if (first != STATUS_OK)
		return first;
	struct sales_limits lim;
	enum status s = sale_store_limits(req, &lim);
	if (s != STATUS_OK || (s = check_validity(req, "NovaValidade", valid_until, lim.max_proposal_days)) != STATUS_OK)
		return s;
	struct proposal p;
	if ((s = load_for_change(req, id, version, &p, NULL)) != STATUS_OK)
		return s;
	if (strcmp(p.status, "ABERTA") && strcmp(p.status, "AGUARDANDO_APROVACAO") && strcmp(p.status, "APROVADA"))
		return req_fail(req, STATUS_OPERACAO_NAO_PERMITIDA, "IdProposta",
				"A proposta %lld está %s e não pode ser prorrogada.", (long long)p.id, p.status);
	int64_t new_epoch, old_epoch;
	int32_t usec;
	if (datetime_parse(valid_until, &new_epoch, &usec) && datetime_parse(p.valid_until, &old_epoch, &usec) &&
	    new_epoch <= old_epoch)
		return req_fail(req, STATUS_VALOR_INVALIDO, "NovaValidade",
				"A nova validade deve ser posterior à atual (%s).", p.valid_until);
	if ((s = proposal_store_extend(req, p.id, valid_until)) != STATUS_OK || (s = reload(req, p.id, out)) != STATUS_OK)
		return s;
	struct audit_change changes[] = {{"ValidaAte", p.valid_until, out->valid_until}, {"Motivo", NULL, why}};
	return audit_record(req, "proposta", p.id, "prorrogar", changes, 2);
}

enum status proposal_get(struct request *req, const int64_t *id, struct proposal *out)
{
	if (!id)
		return req_fail(req, STATUS_CAMPO_OBRIGATORIO, "IdProposta", "Informe a proposta.");
	bool found;
	enum status s = proposal_store_get(req, *id, false, out, &found, NULL);
	if (s == STATUS_OK && !found)
		s = req_fail(req, STATUS_NAO_ENCONTRADO, "IdProposta", "Proposta %lld não encontrada nesta empresa.",
			     (long long)*id);
	return s;
}

enum status proposal_list(struct request *req, const struct proposal_filter *f, int64_t after, int limit,
			  struct proposal **out, int *n)
{
	return proposal_store_list(req, f, after, limit, out, n);
}

/* ---- the sale ------------------------------------------------------------------------------- */

static enum status sell(struct request *req, int64_t contact_id, int64_t id)
{
	const char *field = "IdProposta";
	struct proposal p;
	struct stock_vehicle sv;
	bool expired;
	enum status s = load_with_vehicle(req, &id, NULL, &p, &expired, &sv);
	if (s != STATUS_OK)
		return s;
	if (!strcmp(sv.status, "VENDIDO"))
		return req_fail(req, STATUS_VEICULO_VENDIDO, field, "O veículo %lld já foi vendido.", (long long)sv.id);
	if (p.contact_id != contact_id)
		return req_fail(req, STATUS_VALOR_INVALIDO, field, "A proposta %lld é de outro atendimento (%lld).",
				(long long)p.id, (long long)p.contact_id);
	if (strcmp(p.status, "ABERTA") && strcmp(p.status, "APROVADA"))
		return req_fail(req, STATUS_OPERACAO_NAO_PERMITIDA, field,
				"A proposta %lld está %s; só uma proposta ABERTA ou APROVADA fecha a venda.",
				(long long)p.id, p.status);
	if (expired)
		return req_fail(req, STATUS_PROPOSTA_EXPIRADA, field, "A proposta %lld venceu em %s.", (long long)p.id,
				p.valid_until);
	if (!strcmp(sv.status, "RESERVADO") && sv.reserved_for_person != p.person_id)
		return req_fail(req, STATUS_VEICULO_RESERVADO, field, "O veículo %lld está reservado para outro cliente.",
				(long long)sv.id);
	int closed;
	if ((s = sale_store_reservation_consume(req, sv.id)) != STATUS_OK ||
	    (s = stock_mark_sold(req, sv.id)) != STATUS_OK ||
	    (s = proposal_store_set_status(req, p.id, "VENDIDA")) != STATUS_OK ||
	    (s = proposal_store_close_vehicle(req, sv.id, p.id, &closed)) != STATUS_OK)
		return s;
	struct audit_change changes[] = {{"Situacao", p.status, "VENDIDA"},
					 {"IdVeiculoEstoque", NULL, id_text(req, sv.id)},
					 {"PropostasEncerradas", NULL, req_printf(req, "%d", closed)}};
	if ((s = audit_record(req, "proposta", p.id, "vender", changes, 3)) != STATUS_OK)
		return s;
	struct audit_change sold[] = {{"Situacao", sv.status, "VENDIDO"}};
	return audit_record(req, "veiculo_estoque", sv.id, "vender", sold, 1);
}

enum status proposal_close_contact(struct request *req, int64_t contact_id, bool success, const int64_t *sale_id)
{
	if (sale_id && !success)
		return req_fail(req, STATUS_VALOR_INVALIDO, "IdProposta", "IdProposta só se aplica ao desfecho SUCESSO.");
	enum status s;
	if (sale_id && (s = sell(req, contact_id, *sale_id)) != STATUS_OK)
		return s;
	int closed;
	return proposal_store_close_contact(req, contact_id, sale_id ? *sale_id : 0, &closed);
}
