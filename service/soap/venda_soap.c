/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * venda_soap.c - vehicle sales (wsdl/xsd/venda.xsd): stock, vehicles of interest,
 * reservations, appraisals and proposals. gSOAP structs to and from domain/stock.h,
 * domain/sale.h, domain/proposal.h and domain/appraisal.h.
 *
 * The rule to know: every operation acts in one branch (BRANCH_REQUIRED). Costs and
 * margins are shown only to the roles that see costs (stock_sees_cost); gerentes
 * alone decide proposals (AprovarProposta, ReprovarProposta, ProrrogarValidadeProposta).
 */
#include "domain/appraisal.h"
#include "domain/money.h"
#include "domain/proposal.h"
#include "domain/sale.h"
#include "domain/stock.h"
#include "soap/op.h"
#include "soap/venda_soap.h"
#include "soap/wire.h"

#include <string.h>

WIRE_ENUM_OUT(DepositoEstoque)
WIRE_ENUM_OUT(SituacaoEstoque)
WIRE_ENUM_OUT(SituacaoReserva)
WIRE_ENUM_OUT(SituacaoProposta)
WIRE_ENUM_OUT(FormaPagamento)
WIRE_ENUM_OUT(SituacaoAvaliacao)
WIRE_ENUM_IN(SituacaoProposta)
WIRE_ENUM_IN(FormaPagamento)
WIRE_ENUM_IN(DepositoEstoque)
WIRE_ENUM_IN(SituacaoEstoque)
WIRE_ENUM_IN(UnidadePrazo)

static char *money_out(struct request *req, int64_t cents)
{
	return money_text(req, cents);
}

/* ---- stock ---------------------------------------------------------------------------- */

static void stock_in(struct request *req, const struct ws__VeiculoEstoque *w, struct stock_vehicle *v)
{
	*v = (struct stock_vehicle){0};
	v->external_id = wire_text(req, w->IdExterno);
	v->depot = DepositoEstoque_in(req, w->Deposito);
	v->make = wire_text(req, w->Marca);
	v->family = wire_text(req, w->Familia);
	v->model = wire_text(req, w->Modelo);
	v->trim = wire_text(req, w->VersaoModelo);
	v->color = wire_text(req, w->Cor);
	v->vin = wire_text(req, w->Chassi);
	v->plate = wire_text(req, w->Placa);
	v->year_made = w->AnoFabricacao;
	v->model_year = w->AnoModelo;
	v->odometer = w->Quilometragem;
	v->price_in = w->Preco;
	v->cost_in = w->Custo;
}

static void stock_out(struct request *req, const struct stock_vehicle *v, struct ws__VeiculoEstoque *w)
{
	w->Id = wire_new_id(req, v->id);
	w->IdExterno = (char *)v->external_id;
	w->Empresa = (char *)v->branch;
	w->Deposito = DepositoEstoque_out(req, v->depot);
	w->Marca = (char *)v->make;
	w->Familia = (char *)v->family;
	w->Modelo = (char *)v->model;
	w->VersaoModelo = (char *)v->trim;
	w->Cor = (char *)v->color;
	w->AnoFabricacao = v->year_made ? wire_new_int(req, *v->year_made) : NULL;
	w->AnoModelo = v->model_year ? wire_new_int(req, *v->model_year) : NULL;
	w->Chassi = (char *)v->vin;
	w->Placa = (char *)v->plate;
	w->Quilometragem = v->odometer ? wire_new_int(req, *v->odometer) : NULL;
	w->Preco = money_out(req, v->price);
	w->Custo = stock_sees_cost(req) ? money_out(req, v->cost) : NULL;
	w->Situacao = SituacaoEstoque_out(req, v->status);
	w->ReservadoAte = (char *)v->reserved_until;
	w->Versao = wire_new_int(req, v->version);
}

static enum status incluir_veiculo_estoque(struct request *req, struct _ws__IncluirVeiculoEstoque *in,
					   struct _ws__IncluirVeiculoEstoqueResponse *out)
{
	int n = in->__sizeVeiculoEstoque;
	struct stock_vehicle *v = n > 0 ? req_alloc(req, sizeof *v * (size_t)n) : NULL, *stored;
	for (int i = 0; i < n; i++)
		stock_in(req, &in->VeiculoEstoque[i], &v[i]);
	enum status s = stock_create(req, v, n, &stored);
	if (s != STATUS_OK)
		return s;
	out->__sizeVeiculoEstoque = n;
	out->VeiculoEstoque = soap_new_ws__VeiculoEstoque(wire_soap(req), n);
	for (int i = 0; i < n; i++)
		stock_out(req, &stored[i], &out->VeiculoEstoque[i]);
	return STATUS_OK;
}
WS_OPERATION(IncluirVeiculoEstoque, OP_WRITE, ROLE_GERENTE | ROLE_SUPERVISOR | ROLE_INTEGRACAO, BRANCH_REQUIRED,
	     incluir_veiculo_estoque)

static enum status pesquisar_estoque(struct request *req, struct _ws__PesquisarEstoque *in,
				     struct _ws__PesquisarEstoqueResponse *out)
{
	struct page page;
	enum status s = wire_page(req, in->Paginacao, &page);
	if (s != STATUS_OK)
		return s;
	struct stock_filter f = {0};
	const struct ws__FiltroEstoque *w = in->Filtro;
	if (w) {
		f.depot = DepositoEstoque_in(req, w->Deposito);
		f.family = wire_text(req, w->Familia);
		f.model_pattern = wire_text(req, w->Modelo);
		f.trim = wire_text(req, w->VersaoModelo);
		f.color = wire_text(req, w->Cor);
		f.model_year = w->AnoModelo;
		f.price_min = w->PrecoMinimo;
		f.price_max = w->PrecoMaximo;
		f.status = SituacaoEstoque_in(req, w->Situacao);
	}
	struct stock_vehicle *items;
	int n;
	if ((s = stock_search(req, &f, page.after, page.limit + 1, &items, &n)) != STATUS_OK)
		return s;
	int shown = n > page.limit ? page.limit : n;
	out->__sizeVeiculoEstoque = shown;
	out->VeiculoEstoque = shown ? soap_new_ws__VeiculoEstoque(wire_soap(req), shown) : NULL;
	for (int i = 0; i < shown; i++)
		stock_out(req, &items[i], &out->VeiculoEstoque[i]);
	out->ProximoCursor = wire_next_cursor(req, &page, n, shown ? items[shown - 1].id : 0);
	return STATUS_OK;
}
WS_OPERATION(PesquisarEstoque, OP_READ, ROLES_ALL, BRANCH_REQUIRED, pesquisar_estoque)

/* ---- vehicles of interest ---------------------------------------------------------------- */

static void interest_out(struct request *req, const struct vehicle_interest *v, struct ws__InteresseVeiculo *w)
{
	w->Id = wire_new_id(req, v->id);
	w->IdVeiculoEstoque = v->stock_id ? wire_new_id(req, v->stock_id) : NULL;
	w->Modelo = (char *)v->model;
	w->VersaoModelo = (char *)v->trim;
	w->Cor = (char *)v->color;
	w->AnoModelo = v->model_year ? wire_new_int(req, *v->model_year) : NULL;
	w->DataHoraRegistro = (char *)v->created_at;
}

enum status venda_interests_out(struct request *req, int64_t contact_id, int *n, struct ws__InteresseVeiculo **out)
{
	struct vehicle_interest *items;
	enum status s = interest_list(req, contact_id, &items, n);
	if (s != STATUS_OK)
		return s;
	*out = *n ? soap_new_ws__InteresseVeiculo(wire_soap(req), *n) : NULL;
	for (int i = 0; i < *n; i++)
		interest_out(req, &items[i], &(*out)[i]);
	return STATUS_OK;
}

static enum status registrar_veiculo_interesse(struct request *req, struct _ws__RegistrarVeiculoInteresse *in,
					       struct _ws__RegistrarVeiculoInteresseResponse *out)
{
	const struct ws__InteresseVeiculo *w = in->InteresseVeiculo;
	struct vehicle_interest v = {0}, stored;
	if (w) {
		v.stock_id = w->IdVeiculoEstoque ? *w->IdVeiculoEstoque : 0;
		v.model = wire_text(req, w->Modelo);
		v.trim = wire_text(req, w->VersaoModelo);
		v.color = wire_text(req, w->Cor);
		v.model_year = w->AnoModelo;
	}
	enum status s = interest_register(req, in->IdAtendimento, w ? &v : NULL, &stored);
	if (s != STATUS_OK)
		return s;
	out->InteresseVeiculo = soap_new_ws__InteresseVeiculo(wire_soap(req), 1);
	interest_out(req, &stored, out->InteresseVeiculo);
	return STATUS_OK;
}
WS_OPERATION(RegistrarVeiculoInteresse, OP_WRITE, ROLES_ALL, BRANCH_REQUIRED, registrar_veiculo_interesse)

/* ---- reservations ------------------------------------------------------------------------ */

static struct ws__Reserva *reserva_out(struct request *req, const struct reservation *r)
{
	struct ws__Reserva *w = soap_new_ws__Reserva(wire_soap(req), 1);
	w->Id = wire_new_id(req, r->id);
	w->IdVeiculoEstoque = wire_new_id(req, r->stock_id);
	w->IdAtendimento = wire_new_id(req, r->contact_id);
	w->IdPessoa = wire_new_id(req, r->person_id);
	w->DataHoraInicio = (char *)r->starts_at;
	w->DataHoraFim = (char *)r->expires_at;
	w->Situacao = SituacaoReserva_out(req, r->status);
	w->Observacao = (char *)r->notes;
	return w;
}

static enum status reservar_veiculo(struct request *req, struct _ws__ReservarVeiculo *in,
				    struct _ws__ReservarVeiculoResponse *out)
{
	struct reservation r;
	enum status s = reservation_create(req, in->IdAtendimento, in->IdVeiculoEstoque, in->Prazo,
					   UnidadePrazo_in(req, in->UnidadePrazo), wire_text(req, in->Observacao), &r);
	if (s == STATUS_OK)
		out->Reserva = reserva_out(req, &r);
	return s;
}
WS_OPERATION(ReservarVeiculo, OP_WRITE, ROLES_ALL, BRANCH_REQUIRED, reservar_veiculo)

static enum status cancelar_reserva(struct request *req, struct _ws__CancelarReserva *in,
				    struct _ws__CancelarReservaResponse *out)
{
	struct reservation r;
	enum status s = reservation_cancel(req, in->IdReserva, wire_text(req, in->Motivo), &r);
	if (s == STATUS_OK)
		out->Reserva = reserva_out(req, &r);
	return s;
}
WS_OPERATION(CancelarReserva, OP_WRITE, ROLES_ALL, BRANCH_REQUIRED, cancelar_reserva)

/* ---- proposals ------------------------------------------------------------------------------ */

static struct ws__Proposta *proposta_out(struct request *req, const struct proposal *p)
{
	struct soap *soap = wire_soap(req);
	struct ws__Proposta *w = soap_new_ws__Proposta(soap, 1);
	w->Id = wire_new_id(req, p->id);
	w->IdAtendimento = wire_new_id(req, p->contact_id);
	w->IdPessoa = wire_new_id(req, p->person_id);
	w->IdVeiculoEstoque = wire_new_id(req, p->stock_id);
	w->Preco = money_out(req, p->price);
	w->Desconto = money_out(req, p->discount);
	w->Pagamento = soap_new_ws__Pagamento(soap, 1);
	w->Pagamento->Forma = FormaPagamento_out(req, p->payment);
	w->Pagamento->Entrada = p->has_down ? money_out(req, p->down_payment) : NULL;
	w->Pagamento->Parcelas = p->instalments ? wire_new_int(req, *p->instalments) : NULL;
	w->Pagamento->Instituicao = (char *)p->institution;
	if (strcmp(p->payment, "A_VISTA"))
		w->Pagamento->ValorFinanciado = money_out(req, p->due - (p->has_down ? p->down_payment : 0));
	w->IdAvaliacaoTroca = p->appraisal_id ? wire_new_id(req, p->appraisal_id) : NULL;
	w->ValidaAte = (char *)p->valid_until;
	w->Observacao = (char *)p->notes;
	w->ValorFinal = money_out(req, p->final_price);
	w->ValorTroca = money_out(req, p->trade_in);
	w->ValorAPagar = money_out(req, p->due);
	w->PercentualDesconto = money_pct_text(req, money_pct_hundredths(p->discount, p->price));
	if (stock_sees_cost(req)) {
		w->Margem = money_out(req, p->final_price - p->cost);
		w->PercentualMargem = money_pct_text(req, money_pct_hundredths(p->final_price - p->cost, p->final_price));
	}
	w->Situacao = SituacaoProposta_out(req, p->status);
	w->__sizeMotivoAprovacao = p->n_reasons;
	w->MotivoAprovacao = (char **)p->reasons;
	w->DecididoPor = (char *)p->decided_by;
	w->DataHoraDecisao = (char *)p->decided_at;
	w->ObservacaoDecisao = (char *)p->decision_notes;
	w->Versao = wire_new_int(req, p->version);
	w->DataHoraCriacao = (char *)p->created_at;
	return w;
}

static enum status incluir_proposta(struct request *req, struct _ws__IncluirProposta *in,
				    struct _ws__IncluirPropostaResponse *out)
{
	const struct ws__Proposta *w = in->Proposta;
	struct proposal p = {0}, stored;
	p.contact_id = w->IdAtendimento ? *w->IdAtendimento : 0;
	p.stock_id = w->IdVeiculoEstoque ? *w->IdVeiculoEstoque : 0;
	p.price_in = w->Preco;
	p.discount_in = w->Desconto;
	if (w->Pagamento) {
		p.payment = FormaPagamento_in(req, w->Pagamento->Forma);
		p.down_in = w->Pagamento->Entrada;
		p.instalments = w->Pagamento->Parcelas;
		p.institution = wire_text(req, w->Pagamento->Instituicao);
	}
	p.appraisal_id = w->IdAvaliacaoTroca ? *w->IdAvaliacaoTroca : 0;
	p.valid_until = wire_text(req, w->ValidaAte);
	p.notes = wire_text(req, w->Observacao);
	enum status s = proposal_create(req, &p, &stored);
	if (s == STATUS_OK)
		out->Proposta = proposta_out(req, &stored);
	return s;
}
WS_OPERATION(IncluirProposta, OP_WRITE, ROLES_ALL, BRANCH_REQUIRED, incluir_proposta)

static enum status aprovar_proposta(struct request *req, struct _ws__AprovarProposta *in,
				    struct _ws__AprovarPropostaResponse *out)
{
	struct proposal p;
	enum status s = proposal_decide(req, in->IdProposta, in->Versao, true, wire_text(req, in->Observacao), &p);
	if (s == STATUS_OK)
		out->Proposta = proposta_out(req, &p);
	return s;
}
WS_OPERATION(AprovarProposta, OP_WRITE, ROLE_GERENTE, BRANCH_REQUIRED, aprovar_proposta)

static enum status reprovar_proposta(struct request *req, struct _ws__ReprovarProposta *in,
				     struct _ws__ReprovarPropostaResponse *out)
{
	struct proposal p;
	enum status s = proposal_decide(req, in->IdProposta, in->Versao, false, wire_text(req, in->Observacao), &p);
	if (s == STATUS_OK)
		out->Proposta = proposta_out(req, &p);
	return s;
}
WS_OPERATION(ReprovarProposta, OP_WRITE, ROLE_GERENTE, BRANCH_REQUIRED, reprovar_proposta)

static enum status prorrogar_validade(struct request *req, struct _ws__ProrrogarValidadeProposta *in,
				      struct _ws__ProrrogarValidadePropostaResponse *out)
{
	struct proposal p;
	enum status s = proposal_extend(req, in->IdProposta, in->Versao, wire_text(req, in->NovaValidade),
					wire_text(req, in->Motivo), &p);
	if (s == STATUS_OK)
		out->Proposta = proposta_out(req, &p);
	return s;
}
WS_OPERATION(ProrrogarValidadeProposta, OP_WRITE, ROLE_GERENTE, BRANCH_REQUIRED, prorrogar_validade)

static enum status consultar_proposta(struct request *req, struct _ws__ConsultarProposta *in,
				      struct _ws__ConsultarPropostaResponse *out)
{
	struct proposal p;
	enum status s = proposal_get(req, in->IdProposta, &p);
	if (s == STATUS_OK)
		out->Proposta = proposta_out(req, &p);
	return s;
}
WS_OPERATION(ConsultarProposta, OP_READ, ROLES_ALL, BRANCH_REQUIRED, consultar_proposta)

static enum status listar_propostas(struct request *req, struct _ws__ListarPropostas *in,
				    struct _ws__ListarPropostasResponse *out)
{
	struct page page;
	enum status s = wire_page(req, in->Paginacao, &page);
	if (s != STATUS_OK)
		return s;
	struct proposal_filter f = {0};
	if (in->Filtro) {
		f.contact_id = in->Filtro->IdAtendimento;
		f.stock_id = in->Filtro->IdVeiculoEstoque;
		f.status = SituacaoProposta_in(req, in->Filtro->Situacao);
	}
	struct proposal *items;
	int n;
	if ((s = proposal_list(req, &f, page.after, page.limit + 1, &items, &n)) != STATUS_OK)
		return s;
	int shown = n > page.limit ? page.limit : n;
	out->__sizeProposta = shown;
	out->Proposta = shown ? soap_new_ws__Proposta(wire_soap(req), shown) : NULL;
	for (int i = 0; i < shown; i++)
		out->Proposta[i] = *proposta_out(req, &items[i]);
	out->ProximoCursor = wire_next_cursor(req, &page, n, shown ? items[shown - 1].id : 0);
	return STATUS_OK;
}
WS_OPERATION(ListarPropostas, OP_READ, ROLES_ALL, BRANCH_REQUIRED, listar_propostas)

enum status venda_close_contact(struct request *req, int64_t contact_id, bool success, const LONG64 *proposal_id)
{
	const int64_t *id = NULL;
	if (proposal_id) {
		int64_t *v = req_alloc(req, sizeof *v);
		*v = (int64_t)*proposal_id;
		id = v;
	}
	return proposal_close_contact(req, contact_id, success, id);
}

/* ---- appraisals ----------------------------------------------------------------------------- */

static struct ws__Avaliacao *avaliacao_out(struct request *req, const struct appraisal *a)
{
	struct ws__Avaliacao *w = soap_new_ws__Avaliacao(wire_soap(req), 1);
	w->Id = wire_new_id(req, a->id);
	w->IdAtendimento = a->contact_id ? wire_new_id(req, *a->contact_id) : NULL;
	w->IdPessoa = a->person_id ? wire_new_id(req, *a->person_id) : NULL;
	w->Placa = (char *)a->plate;
	w->Chassi = (char *)a->vin;
	w->Marca = (char *)a->make;
	w->Modelo = (char *)a->model;
	w->VersaoModelo = (char *)a->trim;
	w->AnoFabricacao = a->year_made ? wire_new_int(req, *a->year_made) : NULL;
	w->AnoModelo = a->model_year ? wire_new_int(req, *a->model_year) : NULL;
	w->Cor = (char *)a->color;
	w->Quilometragem = a->odometer ? wire_new_int(req, *a->odometer) : NULL;
	w->Avarias = (char *)a->damages;
	w->Motivo = (char *)a->reason;
	w->Situacao = SituacaoAvaliacao_out(req, a->status);
	w->ValorAvaliado = a->has_value ? money_out(req, a->value) : NULL;
	w->PrevisaoReparos = a->has_value ? money_out(req, a->repair) : NULL;
	w->Observacao = (char *)a->result_notes;
	w->AprovadoPor = (char *)a->approved_by;
	w->DataHoraAprovacao = (char *)a->approved_at;
	w->Versao = wire_new_int(req, a->version);
	return w;
}

static enum status solicitar_avaliacao(struct request *req, struct _ws__SolicitarAvaliacao *in,
				       struct _ws__SolicitarAvaliacaoResponse *out)
{
	const struct ws__Avaliacao *w = in->Avaliacao;
	struct appraisal a = {0}, stored;
	a.contact_id = wire_id_in(req, w->IdAtendimento);
	a.person_id = wire_id_in(req, w->IdPessoa);
	a.plate = wire_text(req, w->Placa);
	a.vin = wire_text(req, w->Chassi);
	a.make = wire_text(req, w->Marca);
	a.model = wire_text(req, w->Modelo);
	a.trim = wire_text(req, w->VersaoModelo);
	a.year_made = w->AnoFabricacao;
	a.model_year = w->AnoModelo;
	a.color = wire_text(req, w->Cor);
	a.odometer = w->Quilometragem;
	a.damages = wire_text(req, w->Avarias);
	a.reason = wire_text(req, w->Motivo);
	enum status s = appraisal_request(req, &a, &stored);
	if (s == STATUS_OK)
		out->Avaliacao = avaliacao_out(req, &stored);
	return s;
}
WS_OPERATION(SolicitarAvaliacao, OP_WRITE, ROLES_ALL, BRANCH_REQUIRED, solicitar_avaliacao)

static enum status registrar_resultado_avaliacao(struct request *req, struct _ws__RegistrarResultadoAvaliacao *in,
						 struct _ws__RegistrarResultadoAvaliacaoResponse *out)
{
	struct appraisal a;
	enum status s = appraisal_result(req, wire_id_in(req, in->IdAvaliacao), in->ValorAvaliado, in->PrevisaoReparos,
					 wire_text(req, in->Observacao), &a);
	if (s == STATUS_OK)
		out->Avaliacao = avaliacao_out(req, &a);
	return s;
}
WS_OPERATION(RegistrarResultadoAvaliacao, OP_WRITE, ROLE_CONSULTOR | ROLE_SUPERVISOR | ROLE_GERENTE | ROLE_INTEGRACAO,
	     BRANCH_REQUIRED, registrar_resultado_avaliacao)

static enum status consultar_avaliacao(struct request *req, struct _ws__ConsultarAvaliacao *in,
				       struct _ws__ConsultarAvaliacaoResponse *out)
{
	struct appraisal a;
	enum status s = appraisal_get(req, wire_id_in(req, in->IdAvaliacao), &a);
	if (s == STATUS_OK)
		out->Avaliacao = avaliacao_out(req, &a);
	return s;
}
WS_OPERATION(ConsultarAvaliacao, OP_READ, ROLES_ALL, BRANCH_REQUIRED, consultar_avaliacao)
