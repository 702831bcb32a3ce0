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
#include "domain/money.h"
#include "domain/sale.h"
#include "domain/stock.h"
#include "soap/op.h"
#include "soap/venda_soap.h"
#include "soap/wire.h"

/* Enum values out of the database: the CHECK constraints keep them in the contract. */
#define ENUM_OUT(TYPE)                                                             \
	static enum ws__##TYPE *TYPE##_out(struct request *req, const char *s)     \
	{                                                                          \
		enum ws__##TYPE *v = s ? req_alloc(req, sizeof *v) : NULL;         \
		if (v && soap_s2ws__##TYPE(wire_soap(req), s, v) != SOAP_OK)       \
			v = NULL;                                                  \
		return v;                                                          \
	}
#define ENUM_IN(TYPE)                                                              \
	static const char *TYPE##_in(struct request *req, const enum ws__##TYPE *v) \
	{                                                                          \
		return v ? soap_ws__##TYPE##2s(wire_soap(req), *v) : NULL;         \
	}
ENUM_OUT(DepositoEstoque)
ENUM_OUT(SituacaoEstoque)
ENUM_OUT(SituacaoReserva)
ENUM_IN(DepositoEstoque)
ENUM_IN(SituacaoEstoque)
ENUM_IN(UnidadePrazo)

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
