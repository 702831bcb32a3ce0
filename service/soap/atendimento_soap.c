/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * atendimento_soap.c - atendimentos and the agenda (wsdl/xsd/atendimento.xsd): gSOAP
 * structs to and from domain/contact.h and domain/agenda.h.
 *
 * The rule to know: every operation here acts in one branch (BRANCH_REQUIRED) and
 * sees only that branch's atendimentos. Reassigning is for those who distribute the
 * work (everyone but `consultor`: a consultant does not hand leads over himself).
 * ListarAgenda is ordered by due time, so its cursor is an offset ("p1.<offset>"),
 * unlike ListarAtendimentos, which pages by id.
 */
#include "domain/agenda.h"
#include "domain/contact.h"
#include "domain/workshop.h"
#include "soap/atendimento_soap.h"
#include "soap/op.h"
#include "soap/venda_soap.h"
#include "soap/wire.h"

#include <string.h>

/* ---- enums ---------------------------------------------------------------------------- */

WIRE_ENUM_IN(CanalContato)
WIRE_ENUM_IN(TipoProximoContato)
WIRE_ENUM_IN(SituacaoAtendimento)
WIRE_ENUM_IN(Desfecho)
WIRE_ENUM_OUT(CanalContato)
WIRE_ENUM_OUT(Area)
WIRE_ENUM_OUT(SituacaoAtendimento)
WIRE_ENUM_OUT(TipoProximoContato)

/* ---- in ----------------------------------------------------------------------------------- */

struct next_contact *next_contact_in(struct request *req, const struct ws__ProximoContato *w)
{
	if (!w)
		return NULL;
	struct next_contact *nc = req_alloc(req, sizeof *nc);
	nc->due_at = wire_text(req, w->DataHora);
	nc->responsible = wire_text(req, w->Responsavel);
	nc->kind = TipoProximoContato_in(req, w->Tipo);
	nc->notes = wire_text(req, w->Observacao);
	return nc;
}

static const struct prospect_input *prospect_in(struct request *req, const struct ws__DadosProspect *w)
{
	if (!w)
		return NULL;
	struct prospect_input *p = req_alloc(req, sizeof *p);
	p->external_id = wire_text(req, w->IdExterno);
	p->name = wire_text(req, w->Nome);
	if (w->Telefone) {
		struct person_phone *phone = req_alloc(req, sizeof *phone);
		phone->number = wire_text(req, w->Telefone->Numero);
		phone->whatsapp = wire_bool(w->Telefone->WhatsApp, false);
		phone->is_main = wire_bool(w->Telefone->Principal, true);
		p->phone = phone;
	}
	p->email = wire_text(req, w->Email);
	p->origin = wire_text(req, w->Origem);
	p->notes = wire_text(req, w->Observacao);
	return p;
}

void contact_in(struct request *req, const struct ws__Atendimento *w, struct contact *c)
{
	c->external_id = wire_text(req, w->IdExterno);
	c->has_person = w->IdPessoa != NULL;
	c->person_id = w->IdPessoa ? *w->IdPessoa : 0;
	c->prospect = prospect_in(req, w->Prospect);
	c->nature = wire_text(req, w->Natureza);
	c->origin = wire_text(req, w->Origem);
	c->channel = CanalContato_in(req, w->Canal);
	c->description = wire_text(req, w->Descricao);
	c->has_vehicle = w->IdVeiculo != NULL;
	c->vehicle_id = w->IdVeiculo ? *w->IdVeiculo : 0;
	if (w->VeiculoInteresse) {
		const struct ws__VeiculoInteresse *vi = w->VeiculoInteresse;
		c->has_interest = true;
		c->interest.model = wire_text(req, vi->Modelo);
		c->interest.trim = wire_text(req, vi->VersaoModelo);
		c->interest.color = wire_text(req, vi->Cor);
		c->interest.has_year = vi->AnoModelo != NULL;
		c->interest.year = vi->AnoModelo ? *vi->AnoModelo : 0;
	}
	c->wants_new_car = wire_bool(w->InteresseCarroNovo, false);
	c->responsible = wire_text(req, w->Responsavel);
	c->next = next_contact_in(req, w->ProximoContato);
}

/* ---- out ---------------------------------------------------------------------------------- */

struct ws__ProximoContato *next_contact_out(struct request *req, const struct next_contact *nc)
{
	if (!nc)
		return NULL;
	struct ws__ProximoContato *w = soap_new_ws__ProximoContato(wire_soap(req), 1);
	w->DataHora = (char *)nc->due_at;
	w->Responsavel = (char *)nc->responsible;
	w->Tipo = TipoProximoContato_out(req, nc->kind);
	w->Observacao = (char *)nc->notes;
	return w;
}

static void contato_out(struct request *req, const struct contact_interaction *it, struct ws__Contato *w)
{
	w->Id = wire_new_id(req, it->id);
	w->Canal = CanalContato_out(req, it->channel);
	w->ResultadoContato = (char *)it->outcome;
	w->Texto = (char *)it->body;
	w->DataHora = (char *)it->happened_at;
	w->Usuario = (char *)it->user;
}

static struct ws__Atendimento *atendimento_out(struct request *req, const struct contact *c)
{
	struct ws__Atendimento *w = soap_new_ws__Atendimento(wire_soap(req), 1);
	w->Id = wire_new_id(req, c->id);
	w->IdExterno = (char *)c->external_id;
	w->Empresa = (char *)c->branch;
	w->IdPessoa = wire_new_id(req, c->person_id);
	w->Natureza = (char *)c->nature;
	w->Area = Area_out(req, c->area);
	w->Origem = (char *)c->origin;
	w->Canal = CanalContato_out(req, c->channel);
	w->Descricao = (char *)c->description;
	w->IdVeiculo = c->has_vehicle ? wire_new_id(req, c->vehicle_id) : NULL;
	if (c->has_interest) {
		w->VeiculoInteresse = soap_new_ws__VeiculoInteresse(wire_soap(req), 1);
		w->VeiculoInteresse->Modelo = (char *)c->interest.model;
		w->VeiculoInteresse->VersaoModelo = (char *)c->interest.trim;
		w->VeiculoInteresse->Cor = (char *)c->interest.color;
		w->VeiculoInteresse->AnoModelo = c->interest.has_year ? wire_new_int(req, c->interest.year) : NULL;
	}
	w->InteresseCarroNovo = wire_new_bool(req, c->wants_new_car);
	w->Responsavel = (char *)c->responsible;
	w->Equipe = (char *)c->team;
	w->Situacao = SituacaoAtendimento_out(req, c->status);
	w->MotivoPerda = (char *)c->loss_reason;
	w->ProximoContato = next_contact_out(req, c->next);
	w->__sizeContato = c->n_interactions;
	w->Contato = c->n_interactions ? soap_new_ws__Contato(wire_soap(req), c->n_interactions) : NULL;
	for (int i = 0; i < c->n_interactions; i++)
		contato_out(req, &c->interactions[i], &w->Contato[i]);
	w->IdAtendimentoVinculado = c->linked_id ? wire_new_id(req, c->linked_id) : NULL;
	w->Versao = wire_new_int(req, c->version);
	w->DataHoraAbertura = (char *)c->opened_at;
	w->DataHoraEncerramento = (char *)c->closed_at;
	w->DataHoraAlteracao = (char *)c->updated_at;
	return w;
}

static void item_out(struct request *req, const struct agenda_item *it, struct ws__ItemAgenda *w)
{
	w->IdAtendimento = it->contact_id;
	w->IdPessoa = it->person_id;
	w->NomePessoa = (char *)it->person_name;
	w->Natureza = (char *)it->nature;
	w->DataHora = (char *)it->due_at;
	w->Responsavel = (char *)it->responsible;
	w->Tipo = TipoProximoContato_out(req, it->kind);
	w->Observacao = (char *)it->notes;
	soap_s2ws__ClassificacaoAgenda(wire_soap(req), agenda_class_name(it->class), &w->Classificacao);
}

/* ---- operations --------------------------------------------------------------------------- */

static enum status incluir_atendimento(struct request *req, struct _ws__IncluirAtendimento *in,
				       struct _ws__IncluirAtendimentoResponse *out)
{
	struct contact c = {0}, stored;
	enum contact_outcome outcome;
	contact_in(req, in->Atendimento, &c);
	enum status s = contact_create(req, &c, &stored, &outcome);
	if (s != STATUS_OK)
		return s;
	out->Atendimento = atendimento_out(req, &stored);
	out->Retorno = req_alloc(req, sizeof *out->Retorno);
	soap_s2ws__Retorno(wire_soap(req), contact_outcome_name(outcome), out->Retorno);
	return STATUS_OK;
}
WS_OPERATION(IncluirAtendimento, OP_WRITE, ROLES_ALL, BRANCH_REQUIRED, incluir_atendimento)

static enum status consultar_atendimento(struct request *req, struct _ws__ConsultarAtendimento *in,
					 struct _ws__ConsultarAtendimentoResponse *out)
{
	struct contact c;
	enum status s = contact_get(req, in->IdAtendimento, wire_text(req, in->IdExterno), &c);
	if (s == STATUS_OK)
		out->Atendimento = atendimento_out(req, &c);
	/* issue 4: its vehicles of interest (venda_soap.c) */
	if (s == STATUS_OK)
		s = venda_interests_out(req, c.id, &out->__sizeInteresseVeiculo, &out->InteresseVeiculo);
	/* issue 3: the bookings, quotes and work orders created from it */
	struct workshop_link *links;
	int n;
	if (s == STATUS_OK && (s = workshop_links(req, c.id, &links, &n)) == STATUS_OK && n) {
		out->__sizeVinculo = n;
		out->Vinculo = soap_new_ws__VinculoAtendimento(wire_soap(req), n);
		for (int i = 0; i < n; i++) {
			out->Vinculo[i].Tipo = (char *)links[i].kind;
			out->Vinculo[i].Id = links[i].id;
			out->Vinculo[i].Numero = links[i].number;
			out->Vinculo[i].Empresa = (char *)links[i].branch;
			out->Vinculo[i].Situacao = (char *)links[i].status;
		}
	}
	return s;
}
WS_OPERATION(ConsultarAtendimento, OP_READ, ROLES_ALL, BRANCH_REQUIRED, consultar_atendimento)

static enum status listar_atendimentos(struct request *req, struct _ws__ListarAtendimentos *in,
				       struct _ws__ListarAtendimentosResponse *out)
{
	struct page page;
	enum status s = wire_page(req, in->Paginacao, &page);
	if (s != STATUS_OK)
		return s;
	struct contact_filter f = {0};
	if (in->Filtro) {
		f.person_id = in->Filtro->IdPessoa;
		f.nature = wire_text(req, in->Filtro->Natureza);
		f.status = SituacaoAtendimento_in(req, in->Filtro->Situacao);
		f.responsible = wire_text(req, in->Filtro->Responsavel);
		f.changed_since = wire_text(req, in->Filtro->AlteradoDesde);
	}
	struct contact *items;
	int n;
	if ((s = contact_list(req, &f, page.after, page.limit + 1, &items, &n)) != STATUS_OK)
		return s;
	out->__sizeAtendimento = n > page.limit ? page.limit : n;
	out->Atendimento = soap_new_ws__Atendimento(wire_soap(req), out->__sizeAtendimento);
	for (int i = 0; i < out->__sizeAtendimento; i++)
		out->Atendimento[i] = *atendimento_out(req, &items[i]);
	out->ProximoCursor = wire_next_cursor(req, &page, n, n ? items[out->__sizeAtendimento - 1].id : 0);
	return STATUS_OK;
}
WS_OPERATION(ListarAtendimentos, OP_READ, ROLES_ALL, BRANCH_REQUIRED, listar_atendimentos)

static enum status alterar_natureza(struct request *req, struct _ws__AlterarNaturezaAtendimento *in,
				    struct _ws__AlterarNaturezaAtendimentoResponse *out)
{
	struct contact c;
	enum status s = contact_change_nature(req, in->IdAtendimento, in->Versao, wire_text(req, in->Natureza),
					      wire_text(req, in->Motivo), &c);
	if (s == STATUS_OK)
		out->Atendimento = atendimento_out(req, &c);
	return s;
}
WS_OPERATION(AlterarNaturezaAtendimento, OP_WRITE, ROLES_ALL, BRANCH_REQUIRED, alterar_natureza)

static enum status reatribuir_atendimento(struct request *req, struct _ws__ReatribuirAtendimento *in,
					  struct _ws__ReatribuirAtendimentoResponse *out)
{
	struct contact c;
	enum status s = contact_reassign(req, in->IdAtendimento, in->Versao, wire_text(req, in->Responsavel),
					 wire_text(req, in->Motivo), &c);
	if (s == STATUS_OK)
		out->Atendimento = atendimento_out(req, &c);
	return s;
}
WS_OPERATION(ReatribuirAtendimento, OP_WRITE, ROLES_ALL & ~ROLE_CONSULTOR, BRANCH_REQUIRED, reatribuir_atendimento)

static enum status registrar_contato(struct request *req, struct _ws__RegistrarContato *in,
				     struct _ws__RegistrarContatoResponse *out)
{
	struct contact_interaction it = {0}, stored;
	if (in->Contato) {
		it.channel = CanalContato_in(req, in->Contato->Canal);
		it.outcome = wire_text(req, in->Contato->ResultadoContato);
		it.body = wire_text(req, in->Contato->Texto);
		it.happened_at = wire_text(req, in->Contato->DataHora);
	}
	int version;
	enum status s = contact_record(req, in->IdAtendimento, in->Contato ? &it : NULL,
				       wire_bool(in->ConcluirProximoContato, true), &stored, &version);
	if (s != STATUS_OK)
		return s;
	out->Contato = soap_new_ws__Contato(wire_soap(req), 1);
	contato_out(req, &stored, out->Contato);
	out->VersaoAtendimento = wire_new_int(req, version);
	return STATUS_OK;
}
WS_OPERATION(RegistrarContato, OP_WRITE, ROLES_ALL, BRANCH_REQUIRED, registrar_contato)

static enum status encerrar_atendimento(struct request *req, struct _ws__EncerrarAtendimento *in,
					struct _ws__EncerrarAtendimentoResponse *out)
{
	struct contact c;
	const char *outcome = Desfecho_in(req, in->Desfecho);
	enum status s = contact_close(req, in->IdAtendimento, in->Versao, outcome, wire_text(req, in->MotivoPerda),
				      wire_text(req, in->Observacao), &c);
	/* issue 4: a sale sells the proposal's vehicle; live proposals are closed (venda_soap.c) */
	if (s == STATUS_OK)
		s = venda_close_contact(req, c.id, !strcmp(outcome, "SUCESSO"), in->IdProposta);
	if (s == STATUS_OK)
		out->Atendimento = atendimento_out(req, &c);
	return s;
}
WS_OPERATION(EncerrarAtendimento, OP_WRITE, ROLES_ALL, BRANCH_REQUIRED, encerrar_atendimento)

static enum status agendar_proximo_contato(struct request *req, struct _ws__AgendarProximoContato *in,
					   struct _ws__AgendarProximoContatoResponse *out)
{
	struct agenda_item item;
	enum status s = agenda_schedule(req, in->IdAtendimento, next_contact_in(req, in->ProximoContato), &item);
	if (s != STATUS_OK)
		return s;
	out->ItemAgenda = soap_new_ws__ItemAgenda(wire_soap(req), 1);
	item_out(req, &item, out->ItemAgenda);
	return STATUS_OK;
}
WS_OPERATION(AgendarProximoContato, OP_WRITE, ROLES_ALL, BRANCH_REQUIRED, agendar_proximo_contato)

static enum status listar_agenda(struct request *req, struct _ws__ListarAgenda *in,
				 struct _ws__ListarAgendaResponse *out)
{
	struct page page;
	enum status s = wire_page(req, in->Paginacao, &page);
	if (s != STATUS_OK)
		return s;
	struct agenda_filter f = {
		.responsible = wire_text(req, in->Responsavel),
		.team = wire_text(req, in->Equipe),
		.from = wire_text(req, in->Inicio),
		.to = wire_text(req, in->Fim),
		.has_class = in->Classificacao != NULL,
	};
	if (in->Classificacao)
		f.class = *in->Classificacao == ws__ClassificacaoAgenda__PENDENTE ? AGENDA_PENDENTE
			  : *in->Classificacao == ws__ClassificacaoAgenda__HOJE   ? AGENDA_HOJE
										  : AGENDA_FUTURO;
	struct agenda_item *items;
	int n;
	if ((s = agenda_list(req, &f, page.after, page.limit + 1, &items, &n)) != STATUS_OK)
		return s;
	out->__sizeItemAgenda = n > page.limit ? page.limit : n;
	out->ItemAgenda = soap_new_ws__ItemAgenda(wire_soap(req), out->__sizeItemAgenda);
	for (int i = 0; i < out->__sizeItemAgenda; i++)
		item_out(req, &items[i], &out->ItemAgenda[i]);
	out->ProximoCursor = wire_next_cursor(req, &page, n, page.after + page.limit);
	return STATUS_OK;
}
WS_OPERATION(ListarAgenda, OP_READ, ROLES_ALL, BRANCH_REQUIRED, listar_agenda)
