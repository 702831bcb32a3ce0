/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * oficina_soap.c - the workshop (wsdl/xsd/oficina.xsd): reference lists, free slots,
 * bookings and their conversion into a work order. gSOAP structs to
 * domain/workshop.h, domain/booking.h and domain/work_order.h and back; work
 * orders (AbrirOS ... ListarOS) at the end.
 *
 * The rule to know: the elements marked (out) in the schema are ignored on input;
 * the server fills them. Reference lists page by offset in code order, bookings by
 * offset in start order.
 */
#include "domain/booking.h"
#include "domain/quote.h"
#include "domain/work_order.h"
#include "domain/workshop.h"
#include "soap/atendimento_soap.h"
#include "soap/oficina_soap.h"
#include "soap/op.h"
#include "soap/wire.h"

#include <string.h>

/* ---- reference lists ------------------------------------------------------------------- */

static enum status listar_servicos(struct request *req, struct _ws__ListarServicosTMO *in,
				   struct _ws__ListarServicosTMOResponse *out)
{
	struct page page;
	enum status s = wire_page(req, in->Paginacao, &page);
	if (s != STATUS_OK)
		return s;
	struct workshop_service *items;
	int n;
	if ((s = workshop_services(req, (int)page.after, page.limit + 1, &items, &n)) != STATUS_OK)
		return s;
	out->ProximoCursor = wire_next_cursor(req, &page, n, page.after + page.limit);
	out->__sizeServico = n > page.limit ? page.limit : n;
	out->Servico = soap_new_ws__ServicoTMO(wire_soap(req), out->__sizeServico);
	for (int i = 0; i < out->__sizeServico; i++) {
		out->Servico[i].Codigo = (char *)items[i].code;
		out->Servico[i].Descricao = (char *)items[i].description;
		out->Servico[i].TempoPadraoMinutos = items[i].minutes;
		out->Servico[i].Preco = (char *)items[i].price;
	}
	return STATUS_OK;
}
WS_OPERATION(ListarServicosTMO, OP_READ, ROLES_ALL, BRANCH_OPTIONAL, listar_servicos)

/* ItemReferencia lists share this. */
static enum status ref_page(struct request *req, struct ws__Paginacao *p,
			    enum status (*list)(struct request *, int, int, struct ref_item **, int *),
			    struct ws__ItemReferencia **items_out, int *n_out, char **cursor)
{
	struct page page;
	enum status s = wire_page(req, p, &page);
	if (s != STATUS_OK)
		return s;
	struct ref_item *items;
	int n;
	if ((s = list(req, (int)page.after, page.limit + 1, &items, &n)) != STATUS_OK)
		return s;
	*cursor = wire_next_cursor(req, &page, n, page.after + page.limit);
	*n_out = n > page.limit ? page.limit : n;
	*items_out = soap_new_ws__ItemReferencia(wire_soap(req), *n_out);
	for (int i = 0; i < *n_out; i++) {
		(*items_out)[i].Codigo = (char *)items[i].code;
		(*items_out)[i].Descricao = (char *)items[i].description;
	}
	return STATUS_OK;
}

static enum status listar_tipos_os(struct request *req, struct _ws__ListarTiposOS *in,
				   struct _ws__ListarTiposOSResponse *out)
{
	return ref_page(req, in->Paginacao, workshop_order_types, &out->TipoOS, &out->__sizeTipoOS,
			&out->ProximoCursor);
}
WS_OPERATION(ListarTiposOS, OP_READ, ROLES_ALL, BRANCH_OPTIONAL, listar_tipos_os)

static enum status listar_tipos_agendamento(struct request *req, struct _ws__ListarTiposAgendamento *in,
					    struct _ws__ListarTiposAgendamentoResponse *out)
{
	return ref_page(req, in->Paginacao, workshop_booking_types, &out->TipoAgendamento,
			&out->__sizeTipoAgendamento, &out->ProximoCursor);
}
WS_OPERATION(ListarTiposAgendamento, OP_READ, ROLES_ALL, BRANCH_OPTIONAL, listar_tipos_agendamento)

static enum status listar_produtivos(struct request *req, struct _ws__ListarProdutivos *in,
				     struct _ws__ListarProdutivosResponse *out)
{
	struct page page;
	enum status s = wire_page(req, in->Paginacao, &page);
	if (s != STATUS_OK)
		return s;
	bool bad = false;
	const char *kind = workshop_kind(req, wire_text(req, in->Tipo), "Tipo", &bad);
	if (bad)
		return STATUS_VALOR_INVALIDO;
	struct productive *items;
	int n;
	if ((s = workshop_productives(req, kind, (int)page.after, page.limit + 1, &items, &n)) != STATUS_OK)
		return s;
	out->ProximoCursor = wire_next_cursor(req, &page, n, page.after + page.limit);
	out->__sizeProdutivo = n > page.limit ? page.limit : n;
	out->Produtivo = soap_new_ws__Produtivo(wire_soap(req), out->__sizeProdutivo);
	for (int i = 0; i < out->__sizeProdutivo; i++) {
		out->Produtivo[i].Codigo = (char *)items[i].code;
		out->Produtivo[i].Nome = (char *)items[i].name;
		out->Produtivo[i].Tipo = (char *)items[i].kind;
		out->Produtivo[i].Empresa = (char *)items[i].branch;
	}
	return STATUS_OK;
}
WS_OPERATION(ListarProdutivos, OP_READ, ROLES_ALL, BRANCH_REQUIRED, listar_produtivos)

/* ---- slots ----------------------------------------------------------------------------------- */

static enum status consultar_horarios(struct request *req, struct _ws__ConsultarHorariosDisponiveis *in,
				      struct _ws__ConsultarHorariosDisponiveisResponse *out)
{
	const char **codes = req_alloc(req, sizeof *codes * (size_t)(in->__sizeServico + 1));
	for (int i = 0; i < in->__sizeServico; i++)
		codes[i] = wire_text(req, in->Servico[i]);
	struct slot *slots;
	int n, minutes;
	enum status s = workshop_free_slots(req, wire_text(req, in->Data), in->Turno, wire_text(req, in->TipoProdutivo),
					    wire_text(req, in->Produtivo), codes, in->__sizeServico, &minutes, &slots,
					    &n);
	if (s != STATUS_OK)
		return s;
	out->DuracaoMinutos = wire_new_int(req, minutes);
	out->__sizeHorario = n;
	out->Horario = n ? soap_new_ws__HorarioDisponivel(wire_soap(req), n) : NULL;
	for (int i = 0; i < n; i++) {
		out->Horario[i].DataHora = (char *)slots[i].starts_at;
		out->Horario[i].Turno = slots[i].shift;
		out->Horario[i].Vagas = slots[i].n_free;
		out->Horario[i].__sizeProdutivo = slots[i].n_free;
		out->Horario[i].Produtivo = (char **)slots[i].free;
	}
	return STATUS_OK;
}
WS_OPERATION(ConsultarHorariosDisponiveis, OP_READ, ROLES_ALL, BRANCH_REQUIRED, consultar_horarios)

/* ---- bookings ------------------------------------------------------------------------------- */

void booking_in(struct request *req, const struct ws__Agendamento *w, struct booking *b)
{
	*b = (struct booking){0};
	if (!w)
		return;
	b->external_id = wire_text(req, w->IdExterno);
	b->vehicle_id = wire_id_in(req, w->IdVeiculo);
	b->plate = wire_text(req, w->Placa);
	b->vin = wire_text(req, w->Chassi);
	b->person_id = wire_id_in(req, w->IdCliente);
	b->contact_id = wire_id_in(req, w->IdAtendimento);
	b->odometer = w->Quilometragem;
	b->starts_at = wire_text(req, w->DataHora);
	b->consultant = wire_text(req, w->Consultor);
	b->type = wire_text(req, w->TipoAgendamento);
	b->notes = wire_text(req, w->Observacao);
	b->n_services = w->__sizeServico;
	b->services = req_alloc(req, sizeof *b->services * (size_t)(w->__sizeServico + 1));
	for (int i = 0; i < w->__sizeServico; i++)
		b->services[i].code = wire_text(req, w->Servico[i].Codigo);
	b->n_parts = w->__sizePeca;
	b->parts = req_alloc(req, sizeof *b->parts * (size_t)(w->__sizePeca + 1));
	for (int i = 0; i < w->__sizePeca; i++) {
		b->parts[i].code = wire_text(req, w->Peca[i].Codigo);
		b->parts[i].description = wire_text(req, w->Peca[i].Descricao);
		b->parts[i].quantity = wire_text(req, w->Peca[i].Quantidade);
	}
}

static void booking_out(struct request *req, const struct booking *b, struct ws__Agendamento *w)
{
	struct soap *soap = wire_soap(req);
	w->Id = wire_new_id(req, b->id);
	w->IdExterno = (char *)b->external_id;
	w->Numero = wire_new_id(req, b->number);
	w->Empresa = (char *)b->branch;
	w->IdVeiculo = wire_opt_id(req, b->vehicle_id);
	w->Placa = (char *)b->plate;
	w->Chassi = (char *)b->vin;
	w->IdCliente = wire_opt_id(req, b->person_id);
	w->IdAtendimento = wire_opt_id(req, b->contact_id);
	w->Quilometragem = wire_opt_int(req, b->odometer);
	w->DataHora = (char *)b->starts_at;
	w->DataHoraFim = (char *)b->ends_at;
	w->Consultor = (char *)b->consultant;
	w->TipoAgendamento = (char *)b->type;
	w->Observacao = (char *)b->notes;
	w->Situacao = (char *)b->status;
	w->IdOS = wire_opt_id(req, b->work_order_id);
	w->Versao = wire_opt_int(req, b->version);
	w->DataHoraCriacao = (char *)b->created_at;
	w->DataHoraAlteracao = (char *)b->updated_at;
	w->__sizeServico = b->n_services;
	w->Servico = b->n_services ? soap_new_ws__ServicoAgendado(soap, b->n_services) : NULL;
	for (int i = 0; i < b->n_services; i++) {
		w->Servico[i].Codigo = (char *)b->services[i].code;
		w->Servico[i].Descricao = (char *)b->services[i].description;
		w->Servico[i].Minutos = wire_new_int(req, b->services[i].minutes);
	}
	w->__sizePeca = b->n_parts;
	w->Peca = b->n_parts ? soap_new_ws__PecaReservada(soap, b->n_parts) : NULL;
	for (int i = 0; i < b->n_parts; i++) {
		w->Peca[i].Codigo = (char *)b->parts[i].code;
		w->Peca[i].Descricao = (char *)b->parts[i].description;
		w->Peca[i].Quantidade = (char *)b->parts[i].quantity;
		w->Peca[i].Situacao = (char *)b->parts[i].status;
	}
	w->__sizeEvento = b->n_events;
	w->Evento = b->n_events ? soap_new_ws__EventoAgendamento(soap, b->n_events) : NULL;
	for (int i = 0; i < b->n_events; i++) {
		const struct booking_event *e = &b->events[i];
		w->Evento[i].Tipo = (char *)e->kind;
		w->Evento[i].SituacaoAnterior = (char *)e->from_status;
		w->Evento[i].Situacao = (char *)e->to_status;
		w->Evento[i].Motivo = (char *)e->reason;
		w->Evento[i].Canal = (char *)e->channel;
		w->Evento[i].DataHoraAnterior = (char *)e->old_start;
		w->Evento[i].DataHoraNova = (char *)e->new_start;
		w->Evento[i].DataHora = (char *)e->at;
	}
}

static struct ws__Agendamento *new_booking_out(struct request *req, const struct booking *b)
{
	struct ws__Agendamento *w = soap_new_ws__Agendamento(wire_soap(req), 1);
	booking_out(req, b, w);
	return w;
}

static struct ws__Campanha *campaigns_out(struct request *req, const struct campaign *c, int n)
{
	if (!n)
		return NULL;
	struct ws__Campanha *w = soap_new_ws__Campanha(wire_soap(req), n);
	for (int i = 0; i < n; i++) {
		w[i].Codigo = (char *)c[i].code;
		w[i].Descricao = (char *)c[i].description;
		w[i].Tipo = (char *)c[i].kind;
		w[i].Chassi = (char *)c[i].vin;
	}
	return w;
}

static void work_order_out(struct request *req, const struct work_order *o, struct ws__OrdemServico *w)
{
	w->Id = wire_new_id(req, o->id);
	w->IdExterno = (char *)o->external_id;
	w->Numero = wire_new_id(req, o->number);
	w->Empresa = (char *)o->branch;
	w->IdVeiculo = wire_new_id(req, o->vehicle_id);
	w->Placa = (char *)o->plate;
	w->Chassi = (char *)o->vin;
	w->IdCliente = wire_new_id(req, o->person_id);
	w->IdAtendimento = wire_opt_id(req, o->contact_id);
	w->IdAgendamento = wire_opt_id(req, o->booking_id);
	w->IdOrcamento = wire_opt_id(req, o->quote_id);
	w->TipoOS = (char *)o->type;
	w->Consultor = (char *)o->consultant;
	w->Quilometragem = wire_opt_int(req, o->odometer);
	w->InteressaCarroNovo = wire_new_bool(req, o->wants_new_car);
	w->PrevisaoEntrega = (char *)o->promised_at;
	w->Situacao = (char *)o->status;
	w->Total = (char *)o->total;
	w->Observacao = (char *)o->notes;
	w->DataHoraAbertura = (char *)o->opened_at;
	w->DataHoraEncerramento = (char *)o->closed_at;
	w->Versao = wire_new_int(req, o->version);
	w->DataHoraAlteracao = (char *)o->updated_at;
	w->__sizeItem = o->n_items;
	w->Item = o->n_items ? soap_new_ws__ItemOS(wire_soap(req), o->n_items) : NULL;
	for (int i = 0; i < o->n_items; i++) {
		const struct work_order_item *it = &o->items[i];
		w->Item[i].Numero = wire_new_int(req, it->number);
		w->Item[i].Tipo = (char *)it->kind;
		w->Item[i].Codigo = (char *)it->code;
		w->Item[i].Descricao = (char *)it->description;
		w->Item[i].Quantidade = (char *)it->quantity;
		w->Item[i].PrecoUnitario = (char *)it->unit_price;
		w->Item[i].DescontoPercentual = (char *)it->discount_pct;
		w->Item[i].Total = (char *)it->total;
		w->Item[i].RespostaCliente = (char *)it->customer_answer;
	}
}

/* A page of work orders (n read with one more than the page holds); returns the
 * next cursor. */
static char *work_orders_out(struct request *req, const struct page *page, const struct work_order *items, int n,
			     struct ws__OrdemServico **out, int *size)
{
	int shown = n > page->limit ? page->limit : n;
	*size = shown;
	*out = shown ? soap_new_ws__OrdemServico(wire_soap(req), shown) : NULL;
	for (int i = 0; i < shown; i++)
		work_order_out(req, &items[i], &(*out)[i]);
	return wire_next_cursor(req, page, n, shown ? items[shown - 1].id : 0);
}

static struct ws__OrdemServico *new_work_order_out(struct request *req, const struct work_order *o)
{
	struct ws__OrdemServico *w = soap_new_ws__OrdemServico(wire_soap(req), 1);
	work_order_out(req, o, w);
	return w;
}

static enum status incluir_agendamento(struct request *req, struct _ws__IncluirAgendamento *in,
				       struct _ws__IncluirAgendamentoResponse *out)
{
	struct booking b, stored;
	booking_in(req, in->Agendamento, &b);
	struct campaign *c;
	int n;
	enum status s = booking_create(req, &b, &stored, &c, &n);
	if (s != STATUS_OK)
		return s;
	out->Agendamento = new_booking_out(req, &stored);
	out->Campanha = campaigns_out(req, c, n);
	out->__sizeCampanha = n;
	return STATUS_OK;
}
WS_OPERATION(IncluirAgendamento, OP_WRITE, ROLES_ALL, BRANCH_REQUIRED, incluir_agendamento)

static enum status reagendar_agendamento(struct request *req, struct _ws__ReagendarAgendamento *in,
					 struct _ws__ReagendarAgendamentoResponse *out)
{
	struct booking b;
	enum status s = booking_reschedule(req, (int64_t)in->IdAgendamento, &in->Versao, wire_text(req, in->DataHora),
					   wire_text(req, in->Consultor), wire_text(req, in->Motivo), &b);
	if (s == STATUS_OK)
		out->Agendamento = new_booking_out(req, &b);
	return s;
}
WS_OPERATION(ReagendarAgendamento, OP_WRITE, ROLES_ALL, BRANCH_OPTIONAL, reagendar_agendamento)

static enum status confirmar_agendamento(struct request *req, struct _ws__ConfirmarAgendamento *in,
					 struct _ws__ConfirmarAgendamentoResponse *out)
{
	struct booking b;
	enum status s = booking_confirm(req, (int64_t)in->IdAgendamento, &in->Versao, wire_text(req, in->Canal), &b);
	if (s == STATUS_OK)
		out->Agendamento = new_booking_out(req, &b);
	return s;
}
WS_OPERATION(ConfirmarAgendamento, OP_WRITE, ROLES_ALL, BRANCH_OPTIONAL, confirmar_agendamento)

static enum status cancelar_agendamento(struct request *req, struct _ws__CancelarAgendamento *in,
					struct _ws__CancelarAgendamentoResponse *out)
{
	struct booking b;
	enum status s = booking_cancel(req, (int64_t)in->IdAgendamento, &in->Versao, wire_text(req, in->Motivo), &b);
	if (s == STATUS_OK)
		out->Agendamento = new_booking_out(req, &b);
	return s;
}
WS_OPERATION(CancelarAgendamento, OP_WRITE, ROLES_ALL, BRANCH_OPTIONAL, cancelar_agendamento)

static enum status registrar_no_show(struct request *req, struct _ws__RegistrarNoShow *in,
				     struct _ws__RegistrarNoShowResponse *out)
{
	struct booking b;
	enum status s = booking_no_show(req, (int64_t)in->IdAgendamento, &in->Versao, wire_text(req, in->Observacao),
					&b);
	if (s == STATUS_OK)
		out->Agendamento = new_booking_out(req, &b);
	return s;
}
WS_OPERATION(RegistrarNoShow, OP_WRITE, ROLES_ALL, BRANCH_OPTIONAL, registrar_no_show)

static enum status converter_agendamento(struct request *req, struct _ws__ConverterAgendamentoEmOS *in,
					 struct _ws__ConverterAgendamentoEmOSResponse *out)
{
	struct booking b;
	struct work_order o;
	struct campaign *c;
	int n;
	enum status s = booking_convert(req, (int64_t)in->IdAgendamento, &in->Versao, wire_text(req, in->TipoOS),
					in->Quilometragem, wire_text(req, in->PrevisaoEntrega), &b, &o, &c, &n);
	if (s != STATUS_OK)
		return s;
	out->Agendamento = new_booking_out(req, &b);
	out->OrdemServico = new_work_order_out(req, &o);
	out->Campanha = campaigns_out(req, c, n);
	out->__sizeCampanha = n;
	return STATUS_OK;
}
WS_OPERATION(ConverterAgendamentoEmOS, OP_WRITE, ROLES_ALL, BRANCH_OPTIONAL, converter_agendamento)

static enum status listar_agendamentos(struct request *req, struct _ws__ListarAgendamentos *in,
				       struct _ws__ListarAgendamentosResponse *out)
{
	struct page page;
	enum status s = wire_page(req, in->Paginacao, &page);
	if (s != STATUS_OK)
		return s;
	struct booking_filter f = {0};
	if (in->Filtro) {
		f.from = wire_text(req, in->Filtro->DataHoraInicio);
		f.to = wire_text(req, in->Filtro->DataHoraFim);
		f.status = wire_text(req, in->Filtro->Situacao);
		f.consultant = wire_text(req, in->Filtro->Consultor);
		f.vehicle_id = wire_id_in(req, in->Filtro->IdVeiculo);
		f.person_id = wire_id_in(req, in->Filtro->IdCliente);
	}
	struct booking *items;
	int n;
	if ((s = booking_list(req, &f, page.after, page.limit + 1, &items, &n)) != STATUS_OK)
		return s;
	out->ProximoCursor = wire_next_cursor(req, &page, n, page.after + page.limit);
	out->__sizeAgendamento = n > page.limit ? page.limit : n;
	out->Agendamento = out->__sizeAgendamento ? soap_new_ws__Agendamento(wire_soap(req), out->__sizeAgendamento)
						  : NULL;
	for (int i = 0; i < out->__sizeAgendamento; i++)
		booking_out(req, &items[i], &out->Agendamento[i]);
	return STATUS_OK;
}
WS_OPERATION(ListarAgendamentos, OP_READ, ROLES_ALL, BRANCH_REQUIRED, listar_agendamentos)

static enum status consultar_agendamento(struct request *req, struct _ws__ConsultarAgendamento *in,
					 struct _ws__ConsultarAgendamentoResponse *out)
{
	struct booking b;
	struct campaign *c;
	int n;
	enum status s = booking_get(req, wire_id_in(req, in->IdAgendamento), wire_text(req, in->IdExterno), &b, &c, &n);
	if (s != STATUS_OK)
		return s;
	out->Agendamento = new_booking_out(req, &b);
	out->Campanha = campaigns_out(req, c, n);
	out->__sizeCampanha = n;
	return STATUS_OK;
}
WS_OPERATION(ConsultarAgendamento, OP_READ, ROLES_ALL, BRANCH_OPTIONAL, consultar_agendamento)

/* ---- work orders ------------------------------------------------------------------------------ */

static enum status abrir_os(struct request *req, struct _ws__AbrirOS *in, struct _ws__AbrirOSResponse *out)
{
	const struct ws__OrdemServico *w = in->OrdemServico;
	struct work_order_input o = {0};
	if (w) {
		o.external_id = wire_text(req, w->IdExterno);
		o.vehicle_id = wire_id_in(req, w->IdVeiculo);
		o.plate = wire_text(req, w->Placa);
		o.vin = wire_text(req, w->Chassi);
		o.person_id = wire_id_in(req, w->IdCliente);
		o.contact_id = wire_id_in(req, w->IdAtendimento);
		o.booking_id = wire_id_in(req, w->IdAgendamento);
		o.type = wire_text(req, w->TipoOS);
		o.consultant = wire_text(req, w->Consultor);
		o.odometer = w->Quilometragem;
		o.promised_at = wire_text(req, w->PrevisaoEntrega);
		o.notes = wire_text(req, w->Observacao);
		o.n_items = w->__sizeItem;
		struct work_order_item *items = req_alloc(req, sizeof *items * (size_t)(w->__sizeItem + 1));
		for (int i = 0; i < w->__sizeItem; i++) {
			items[i].kind = wire_text(req, w->Item[i].Tipo);
			items[i].code = wire_text(req, w->Item[i].Codigo);
			items[i].description = wire_text(req, w->Item[i].Descricao);
			items[i].quantity = wire_text(req, w->Item[i].Quantidade);
			items[i].unit_price = wire_text(req, w->Item[i].PrecoUnitario);
			items[i].discount_pct = wire_text(req, w->Item[i].DescontoPercentual);
		}
		o.items = items;
	}
	const struct ws__CorrecaoQuilometragem *fix = in->CorrecaoQuilometragem;
	struct work_order stored;
	struct campaign *c;
	int n;
	enum status s = work_order_open(req, &o, fix != NULL, fix ? wire_text(req, fix->Motivo) : NULL, &stored, &c, &n);
	if (s != STATUS_OK)
		return s;
	out->OrdemServico = new_work_order_out(req, &stored);
	out->Campanha = campaigns_out(req, c, n);
	out->__sizeCampanha = n;
	return STATUS_OK;
}
WS_OPERATION(AbrirOS, OP_WRITE, ROLES_ALL, BRANCH_REQUIRED, abrir_os)

static enum status prorrogar_entrega(struct request *req, struct _ws__ProrrogarEntregaOS *in,
				     struct _ws__ProrrogarEntregaOSResponse *out)
{
	struct work_order o;
	enum status s = work_order_extend(req, (int64_t)in->IdOS, &in->Versao, wire_text(req, in->PrevisaoEntrega),
					  wire_text(req, in->Motivo), &o);
	if (s == STATUS_OK)
		out->OrdemServico = new_work_order_out(req, &o);
	return s;
}
WS_OPERATION(ProrrogarEntregaOS, OP_WRITE, ROLES_ALL, BRANCH_OPTIONAL, prorrogar_entrega)

static enum status registrar_resposta(struct request *req, struct _ws__RegistrarRespostaCliente *in,
				      struct _ws__RegistrarRespostaClienteResponse *out)
{
	struct item_answer *a = req_alloc(req, sizeof *a * (size_t)(in->__sizeResposta + 1));
	for (int i = 0; i < in->__sizeResposta; i++) {
		a[i].item = in->Resposta[i].NumeroItem;
		a[i].answer = wire_text(req, in->Resposta[i].Resposta);
	}
	struct work_order o;
	enum status s = work_order_answer(req, (int64_t)in->IdOS, &in->Versao, a, in->__sizeResposta, &o);
	if (s == STATUS_OK)
		out->OrdemServico = new_work_order_out(req, &o);
	return s;
}
WS_OPERATION(RegistrarRespostaCliente, OP_WRITE, ROLES_ALL, BRANCH_OPTIONAL, registrar_resposta)

static enum status encerrar_os(struct request *req, struct _ws__EncerrarOS *in, struct _ws__EncerrarOSResponse *out)
{
	struct work_order o;
	enum status s = work_order_close(req, (int64_t)in->IdOS, &in->Versao, wire_text(req, in->Observacao), &o);
	if (s == STATUS_OK)
		out->OrdemServico = new_work_order_out(req, &o);
	return s;
}
WS_OPERATION(EncerrarOS, OP_WRITE, ROLES_ALL, BRANCH_OPTIONAL, encerrar_os)

static enum status consultar_os(struct request *req, struct _ws__ConsultarOS *in, struct _ws__ConsultarOSResponse *out)
{
	struct work_order o;
	struct campaign *c;
	int n;
	enum status s = work_order_find(req, wire_id_in(req, in->IdOS), wire_text(req, in->IdExterno), &o, &c, &n);
	if (s != STATUS_OK)
		return s;
	out->OrdemServico = new_work_order_out(req, &o);
	out->Campanha = campaigns_out(req, c, n);
	out->__sizeCampanha = n;
	return STATUS_OK;
}
WS_OPERATION(ConsultarOS, OP_READ, ROLES_ALL, BRANCH_OPTIONAL, consultar_os)

static enum status listar_os(struct request *req, struct _ws__ListarOS *in, struct _ws__ListarOSResponse *out)
{
	struct page page;
	enum status s = wire_page(req, in->Paginacao, &page);
	if (s != STATUS_OK)
		return s;
	struct work_order_filter f = {0};
	if (in->Filtro) {
		f.plate = wire_text(req, in->Filtro->Placa);
		f.vin = wire_text(req, in->Filtro->Chassi);
		f.vehicle_id = wire_id_in(req, in->Filtro->IdVeiculo);
		f.person_id = wire_id_in(req, in->Filtro->IdCliente);
		f.status = wire_text(req, in->Filtro->Situacao);
		f.changed_since = wire_text(req, in->Filtro->AlteradoDesde);
	}
	struct work_order *items;
	int n;
	if ((s = work_order_list(req, &f, page.after, page.limit + 1, &items, &n)) != STATUS_OK)
		return s;
	out->ProximoCursor = work_orders_out(req, &page, items, n, &out->OrdemServico, &out->__sizeOrdemServico);
	return STATUS_OK;
}
WS_OPERATION(ListarOS, OP_READ, ROLES_ALL, BRANCH_OPTIONAL, listar_os)

/* ---- quotes ----------------------------------------------------------------------------------- */

static struct ws__Orcamento *new_quote_out(struct request *req, const struct quote *q)
{
	struct soap *soap = wire_soap(req);
	struct ws__Orcamento *w = soap_new_ws__Orcamento(soap, 1);
	w->Id = wire_new_id(req, q->id);
	w->IdExterno = (char *)q->external_id;
	w->Numero = wire_new_id(req, q->number);
	w->Empresa = (char *)q->branch;
	w->IdVeiculo = wire_opt_id(req, q->vehicle_id);
	w->Placa = (char *)q->plate;
	w->Chassi = (char *)q->vin;
	w->IdCliente = wire_opt_id(req, q->person_id);
	w->IdAtendimento = wire_opt_id(req, q->contact_id);
	w->TipoOS = (char *)q->type;
	w->Quilometragem = wire_opt_int(req, q->odometer);
	w->PrazoEntregaDias = wire_opt_int(req, q->delivery_days);
	w->Validade = (char *)q->valid_until;
	w->ProximoContato = next_contact_out(req, q->next);
	w->Situacao = (char *)q->status;
	w->Total = (char *)q->total;
	w->Observacao = (char *)q->notes;
	w->IdOS = wire_opt_id(req, q->work_order_id);
	w->Versao = wire_new_int(req, q->version);
	w->DataHoraCriacao = (char *)q->created_at;
	w->DataHoraAlteracao = (char *)q->updated_at;
	w->__sizeItem = q->n_items;
	w->Item = q->n_items ? soap_new_ws__ItemOrcamento(soap, q->n_items) : NULL;
	for (int i = 0; i < q->n_items; i++) {
		const struct work_order_item *it = &q->items[i];
		w->Item[i].Numero = wire_new_int(req, it->number);
		w->Item[i].Tipo = (char *)it->kind;
		w->Item[i].Codigo = (char *)it->code;
		w->Item[i].Descricao = (char *)it->description;
		w->Item[i].Quantidade = (char *)it->quantity;
		w->Item[i].PrecoUnitario = (char *)it->unit_price;
		w->Item[i].DescontoPercentual = (char *)it->discount_pct;
		w->Item[i].Total = (char *)it->total;
		w->Item[i].Aprovado = it->customer_answer ? wire_new_bool(req, !strcmp(it->customer_answer, "APROVADO"))
							 : NULL;
	}
	return w;
}

static enum status incluir_orcamento(struct request *req, struct _ws__IncluirOrcamento *in,
				     struct _ws__IncluirOrcamentoResponse *out)
{
	const struct ws__Orcamento *w = in->Orcamento;
	struct quote q = {0};
	if (w) {
		q.external_id = wire_text(req, w->IdExterno);
		q.vehicle_id = wire_id_in(req, w->IdVeiculo);
		q.plate = wire_text(req, w->Placa);
		q.vin = wire_text(req, w->Chassi);
		q.person_id = wire_id_in(req, w->IdCliente);
		q.contact_id = wire_id_in(req, w->IdAtendimento);
		q.type = wire_text(req, w->TipoOS);
		q.odometer = w->Quilometragem;
		q.delivery_days = w->PrazoEntregaDias;
		q.valid_until = wire_text(req, w->Validade);
		q.notes = wire_text(req, w->Observacao);
		q.next = next_contact_in(req, w->ProximoContato);
		q.n_items = w->__sizeItem;
		struct work_order_item *items = req_alloc(req, sizeof *items * (size_t)(w->__sizeItem + 1));
		for (int i = 0; i < w->__sizeItem; i++) {
			items[i].kind = wire_text(req, w->Item[i].Tipo);
			items[i].code = wire_text(req, w->Item[i].Codigo);
			items[i].description = wire_text(req, w->Item[i].Descricao);
			items[i].quantity = wire_text(req, w->Item[i].Quantidade);
			items[i].unit_price = wire_text(req, w->Item[i].PrecoUnitario);
			items[i].discount_pct = wire_text(req, w->Item[i].DescontoPercentual);
		}
		q.items = items;
	}
	struct quote stored;
	enum status s = quote_create(req, &q, &stored);
	if (s == STATUS_OK)
		out->Orcamento = new_quote_out(req, &stored);
	return s;
}
WS_OPERATION(IncluirOrcamento, OP_WRITE, ROLES_ALL, BRANCH_REQUIRED, incluir_orcamento)

static enum status aprovar_orcamento(struct request *req, struct _ws__AprovarOrcamento *in,
				     struct _ws__AprovarOrcamentoResponse *out)
{
	struct quote q;
	enum status s = quote_approve(req, (int64_t)in->IdOrcamento, &in->Versao, in->ItemAprovado,
				      in->__sizeItemAprovado, &q);
	if (s == STATUS_OK)
		out->Orcamento = new_quote_out(req, &q);
	return s;
}
WS_OPERATION(AprovarOrcamento, OP_WRITE, ROLES_ALL, BRANCH_OPTIONAL, aprovar_orcamento)

static enum status aprovar_desconto(struct request *req, struct _ws__AprovarDescontoOrcamento *in,
				    struct _ws__AprovarDescontoOrcamentoResponse *out)
{
	struct quote q;
	enum status s = quote_approve_discount(req, (int64_t)in->IdOrcamento, &in->Versao, &q);
	if (s == STATUS_OK)
		out->Orcamento = new_quote_out(req, &q);
	return s;
}
/* gerente only (CATALOG 4): any other role is NAO_AUTORIZADO before the handler runs. */
WS_OPERATION(AprovarDescontoOrcamento, OP_WRITE, ROLE_GERENTE, BRANCH_OPTIONAL, aprovar_desconto)

static enum status converter_orcamento(struct request *req, struct _ws__ConverterOrcamentoEmOS *in,
				       struct _ws__ConverterOrcamentoEmOSResponse *out)
{
	struct quote q;
	struct work_order o;
	enum status s = quote_convert(req, (int64_t)in->IdOrcamento, &in->Versao, in->Quilometragem,
				      wire_text(req, in->PrevisaoEntrega), &q, &o);
	if (s != STATUS_OK)
		return s;
	out->Orcamento = new_quote_out(req, &q);
	out->OrdemServico = new_work_order_out(req, &o);
	return STATUS_OK;
}
WS_OPERATION(ConverterOrcamentoEmOS, OP_WRITE, ROLES_ALL, BRANCH_OPTIONAL, converter_orcamento)

static enum status consultar_orcamento(struct request *req, struct _ws__ConsultarOrcamento *in,
				       struct _ws__ConsultarOrcamentoResponse *out)
{
	struct quote q;
	enum status s = quote_get(req, wire_id_in(req, in->IdOrcamento), wire_text(req, in->IdExterno), &q);
	if (s == STATUS_OK)
		out->Orcamento = new_quote_out(req, &q);
	return s;
}
WS_OPERATION(ConsultarOrcamento, OP_READ, ROLES_ALL, BRANCH_OPTIONAL, consultar_orcamento)

/* ---- vehicle side ------------------------------------------------------------------------------ */

static enum status incluir_campanha(struct request *req, struct _ws__IncluirCampanha *in,
				    struct _ws__IncluirCampanhaResponse *out)
{
	const struct ws__CampanhaCarga *w = in->Campanha;
	struct campaign c = {0};
	const char *from = NULL, *to = NULL;
	if (w) {
		c.code = wire_text(req, w->Codigo);
		c.description = wire_text(req, w->Descricao);
		c.kind = wire_text(req, w->Tipo);
		from = wire_text(req, w->DataInicio);
		to = wire_text(req, w->DataFim);
	}
	int added, total;
	enum status s = workshop_load_campaign(req, &c, from, to, (const char *const *)in->Chassi, in->__sizeChassi,
					       &added, &total);
	if (s != STATUS_OK)
		return s;
	out->ChassisIncluidos = wire_new_int(req, added);
	out->ChassisTotal = wire_new_int(req, total);
	return STATUS_OK;
}
WS_OPERATION(IncluirCampanha, OP_WRITE, ROLES_FULL_EDIT, BRANCH_OPTIONAL, incluir_campanha)

static enum status consultar_campanhas(struct request *req, struct _ws__ConsultarCampanhasVeiculo *in,
				       struct _ws__ConsultarCampanhasVeiculoResponse *out)
{
	struct campaign *c;
	int n;
	enum status s = workshop_vehicle_campaigns(req, wire_id_in(req, in->IdVeiculo), wire_text(req, in->Chassi), &c, &n);
	if (s != STATUS_OK)
		return s;
	out->Campanha = campaigns_out(req, c, n);
	out->__sizeCampanha = n;
	return STATUS_OK;
}
WS_OPERATION(ConsultarCampanhasVeiculo, OP_READ, ROLES_ALL, BRANCH_OPTIONAL, consultar_campanhas)

static enum status consultar_historico(struct request *req, struct _ws__ConsultarHistoricoVeiculo *in,
				       struct _ws__ConsultarHistoricoVeiculoResponse *out)
{
	struct page page;
	enum status s = wire_page(req, in->Paginacao, &page);
	if (s != STATUS_OK)
		return s;
	struct work_order *items;
	int n;
	s = work_order_history(req, wire_id_in(req, in->IdVeiculo), wire_text(req, in->Placa), wire_text(req, in->Chassi),
			       page.after, page.limit + 1, &items, &n);
	if (s != STATUS_OK)
		return s;
	out->ProximoCursor = work_orders_out(req, &page, items, n, &out->OrdemServico, &out->__sizeOrdemServico);
	return STATUS_OK;
}
WS_OPERATION(ConsultarHistoricoVeiculo, OP_READ, ROLES_ALL, BRANCH_OPTIONAL, consultar_historico)
