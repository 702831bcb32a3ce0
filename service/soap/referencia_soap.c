/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * referencia_soap.c - the reference lists (wsdl/xsd/referencia.xsd): naturezas,
 * contact origins, consultants, loss reasons. Lists are short, so their cursor is an
 * offset in code order ("p1.<offset>"), unlike entity lists that page by id.
 */
#include "domain/reference.h"
#include "soap/op.h"
#include "soap/wire.h"

static const char *area_param(struct request *req, const enum ws__Area *area)
{
	return area ? soap_ws__Area2s(wire_soap(req), *area) : NULL;
}

static void set_area(struct request *req, const char *text, enum ws__Area *out)
{
	soap_s2ws__Area(wire_soap(req), text, out);
}

static enum status listar_naturezas(struct request *req, struct _ws__ListarNaturezasAtendimento *in,
				    struct _ws__ListarNaturezasAtendimentoResponse *out)
{
	struct page page;
	enum status s = wire_page(req, in->Paginacao, &page);
	if (s != STATUS_OK)
		return s;
	struct nature *items;
	int n;
	s = reference_natures(req, area_param(req, in->Area), (int)page.after, page.limit + 1, &items, &n);
	if (s != STATUS_OK)
		return s;
	out->ProximoCursor = wire_next_cursor(req, &page, n, page.after + page.limit);
	out->__sizeNatureza = n > page.limit ? page.limit : n;
	out->Natureza = soap_new_ws__Natureza(wire_soap(req), out->__sizeNatureza);
	for (int i = 0; i < out->__sizeNatureza; i++) {
		struct ws__Natureza *w = &out->Natureza[i];
		w->Codigo = (char *)items[i].code;
		w->Descricao = (char *)items[i].description;
		set_area(req, items[i].area, &w->Area);
		w->Equipe = (char *)items[i].team;
		w->ResponsavelPadrao = (char *)items[i].default_consultant;
		soap_s2ws__PoliticaSegundoAberto(wire_soap(req), items[i].second_open_policy,
						 &w->PoliticaSegundoAberto);
		w->__sizeCampoObrigatorio = items[i].n_required_fields;
		w->CampoObrigatorio = (char **)items[i].required_fields;
	}
	return STATUS_OK;
}
WS_OPERATION(ListarNaturezasAtendimento, OP_READ, ROLES_ALL, BRANCH_OPTIONAL, listar_naturezas)

static enum status listar_origens(struct request *req, struct _ws__ListarOrigensContato *in,
				  struct _ws__ListarOrigensContatoResponse *out)
{
	struct page page;
	enum status s = wire_page(req, in->Paginacao, &page);
	if (s != STATUS_OK)
		return s;
	struct ref_item *items;
	int n;
	s = reference_origins(req, (int)page.after, page.limit + 1, &items, &n);
	if (s != STATUS_OK)
		return s;
	out->ProximoCursor = wire_next_cursor(req, &page, n, page.after + page.limit);
	out->__sizeOrigem = n > page.limit ? page.limit : n;
	out->Origem = soap_new_ws__ItemReferencia(wire_soap(req), out->__sizeOrigem);
	for (int i = 0; i < out->__sizeOrigem; i++) {
		out->Origem[i].Codigo = (char *)items[i].code;
		out->Origem[i].Descricao = (char *)items[i].description;
	}
	return STATUS_OK;
}
WS_OPERATION(ListarOrigensContato, OP_READ, ROLES_ALL, BRANCH_OPTIONAL, listar_origens)

static enum status listar_consultores(struct request *req, struct _ws__ListarConsultores *in,
				      struct _ws__ListarConsultoresResponse *out)
{
	struct page page;
	enum status s = wire_page(req, in->Paginacao, &page);
	if (s != STATUS_OK)
		return s;
	struct consultant *items;
	int n;
	s = reference_consultants(req, area_param(req, in->Area), wire_text(req, in->Equipe),
				  (int)page.after, page.limit + 1, &items, &n);
	if (s != STATUS_OK)
		return s;
	out->ProximoCursor = wire_next_cursor(req, &page, n, page.after + page.limit);
	out->__sizeConsultor = n > page.limit ? page.limit : n;
	out->Consultor = soap_new_ws__Consultor(wire_soap(req), out->__sizeConsultor);
	for (int i = 0; i < out->__sizeConsultor; i++) {
		struct ws__Consultor *w = &out->Consultor[i];
		w->Codigo = (char *)items[i].code;
		w->Nome = (char *)items[i].name;
		set_area(req, items[i].area, &w->Area);
		w->Equipe = (char *)items[i].team;
		w->Email = (char *)items[i].email;
	}
	return STATUS_OK;
}
WS_OPERATION(ListarConsultores, OP_READ, ROLES_ALL, BRANCH_OPTIONAL, listar_consultores)

static enum status listar_motivos(struct request *req, struct _ws__ListarMotivosPerda *in,
				  struct _ws__ListarMotivosPerdaResponse *out)
{
	struct page page;
	enum status s = wire_page(req, in->Paginacao, &page);
	if (s != STATUS_OK)
		return s;
	struct loss_reason *items;
	int n;
	s = reference_loss_reasons(req, wire_text(req, in->TipoEvento), wire_text(req, in->Departamento),
				   (int)page.after, page.limit + 1, &items, &n);
	if (s != STATUS_OK)
		return s;
	out->ProximoCursor = wire_next_cursor(req, &page, n, page.after + page.limit);
	out->__sizeMotivo = n > page.limit ? page.limit : n;
	out->Motivo = soap_new_ws__MotivoPerda(wire_soap(req), out->__sizeMotivo);
	for (int i = 0; i < out->__sizeMotivo; i++) {
		struct ws__MotivoPerda *w = &out->Motivo[i];
		w->Codigo = (char *)items[i].code;
		w->Descricao = (char *)items[i].description;
		w->Departamento = (char *)items[i].department;
		w->__sizeTipoEvento = items[i].n_event_types;
		w->TipoEvento = (char **)items[i].event_types;
	}
	return STATUS_OK;
}
WS_OPERATION(ListarMotivosPerda, OP_READ, ROLES_ALL, BRANCH_OPTIONAL, listar_motivos)
