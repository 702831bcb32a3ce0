/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * veiculo_soap.c - customers' vehicles (wsdl/xsd/veiculo.xsd): IncluirVeiculo,
 * AlterarVeiculo, ConsultarVeiculo. gSOAP structs to domain/vehicle.h and back.
 *
 * The rule to know: an absent element is NULL all the way down (it keeps the
 * stored value on AlterarVeiculo); Id, Versao and the timestamps a client sends
 * back on IncluirVeiculo are ignored, the server assigns them.
 */
#include "soap/veiculo_soap.h"

#include "domain/vehicle.h"
#include "soap/op.h"
#include "soap/wire.h"

/* <Veiculo> as the domain sees it (also IncluirVeiculosLote's records). */
void vehicle_in(struct request *req, const struct ws__Veiculo *w, struct vehicle *v)
{
	*v = (struct vehicle){0};
	if (!w)
		return;
	v->id = w->Id ? (int64_t)*w->Id : 0;
	v->external_id = wire_text(req, w->IdExterno);
	v->plate = wire_text(req, w->Placa);
	v->vin = wire_text(req, w->Chassi);
	v->renavam = wire_text(req, w->Renavam);
	v->make = wire_text(req, w->Marca);
	v->model = wire_text(req, w->Modelo);
	v->trim = wire_text(req, w->VersaoModelo);
	v->color = wire_text(req, w->Cor);
	v->year_made = w->AnoFabricacao;
	v->model_year = w->AnoModelo;
	v->fuel = wire_text(req, w->Combustivel);
	v->odometer = w->Quilometragem;
	v->owner_id = wire_id_in(req, w->IdProprietario);
	v->version = w->Versao;
}

static void vehicle_out(struct request *req, const struct vehicle *v, struct ws__Veiculo *w)
{
	w->Id = wire_new_id(req, v->id);
	w->IdExterno = (char *)v->external_id;
	w->Placa = (char *)v->plate;
	w->Chassi = (char *)v->vin;
	w->Renavam = (char *)v->renavam;
	w->Marca = (char *)v->make;
	w->Modelo = (char *)v->model;
	w->VersaoModelo = (char *)v->trim;
	w->Cor = (char *)v->color;
	w->AnoFabricacao = wire_opt_int(req, v->year_made);
	w->AnoModelo = wire_opt_int(req, v->model_year);
	w->Combustivel = (char *)v->fuel;
	w->Quilometragem = wire_opt_int(req, v->odometer);
	w->IdProprietario = v->owner_id ? wire_new_id(req, *v->owner_id) : NULL;
	w->Versao = wire_opt_int(req, v->version);
	w->DataHoraCriacao = (char *)v->created_at;
	w->DataHoraAlteracao = (char *)v->updated_at;
}

static struct ws__Veiculo *new_vehicle_out(struct request *req, const struct vehicle *v)
{
	struct ws__Veiculo *w = soap_new_ws__Veiculo(wire_soap(req), 1);
	vehicle_out(req, v, w);
	return w;
}

static enum status incluir_veiculo(struct request *req, struct _ws__IncluirVeiculo *in,
				   struct _ws__IncluirVeiculoResponse *out)
{
	struct vehicle v, stored;
	vehicle_in(req, in->Veiculo, &v);
	enum status s = vehicle_create(req, &v, &stored);
	if (s == STATUS_OK)
		out->Veiculo = new_vehicle_out(req, &stored);
	return s;
}
WS_OPERATION(IncluirVeiculo, OP_WRITE, ROLES_ALL, BRANCH_OPTIONAL, incluir_veiculo)

static enum status alterar_veiculo(struct request *req, struct _ws__AlterarVeiculo *in,
				   struct _ws__AlterarVeiculoResponse *out)
{
	struct vehicle v, stored;
	vehicle_in(req, in->Veiculo, &v);
	const struct ws__CorrecaoQuilometragem *fix = in->CorrecaoQuilometragem;
	const char **changed;
	int n;
	enum status s = vehicle_update(req, &v, fix != NULL, fix ? wire_text(req, fix->Motivo) : NULL, &stored,
				       &changed, &n);
	if (s != STATUS_OK)
		return s;
	out->Veiculo = new_vehicle_out(req, &stored);
	out->__sizeCampoAlterado = n;
	out->CampoAlterado = (char **)changed;
	return STATUS_OK;
}
WS_OPERATION(AlterarVeiculo, OP_WRITE, ROLES_ALL, BRANCH_OPTIONAL, alterar_veiculo)

static enum status consultar_veiculo(struct request *req, struct _ws__ConsultarVeiculo *in,
				     struct _ws__ConsultarVeiculoResponse *out)
{
	struct page page;
	enum status s = wire_page(req, in->Paginacao, &page);
	if (s != STATUS_OK)
		return s;
	const struct ws__FiltroVeiculo *f = in->Filtro;
	struct vehicle_filter filter = {0};
	if (f) {
		filter.id = wire_id_in(req, f->Id);
		filter.external_id = wire_text(req, f->IdExterno);
		filter.plate = wire_text(req, f->Placa);
		filter.vin = wire_text(req, f->Chassi);
		filter.owner_id = wire_id_in(req, f->IdProprietario);
	}
	struct vehicle *items;
	int n;
	s = vehicle_find(req, &filter, page.after, page.limit + 1, &items, &n);
	if (s != STATUS_OK)
		return s;
	int shown = n > page.limit ? page.limit : n;
	out->ProximoCursor = wire_next_cursor(req, &page, n, shown ? items[shown - 1].id : 0);
	out->__sizeVeiculo = shown;
	out->Veiculo = shown ? soap_new_ws__Veiculo(wire_soap(req), shown) : NULL;
	for (int i = 0; i < shown; i++)
		vehicle_out(req, &items[i], &out->Veiculo[i]);
	return STATUS_OK;
}
WS_OPERATION(ConsultarVeiculo, OP_READ, ROLES_ALL, BRANCH_OPTIONAL, consultar_veiculo)

/* issue 3: ConsultarFrota (wsdl/xsd/oficina.xsd) - every vehicle of a customer, the
 * IdProprietario criterion of ConsultarVeiculo under the catalog's name. */
static enum status consultar_frota(struct request *req, struct _ws__ConsultarFrota *in,
				   struct _ws__ConsultarFrotaResponse *out)
{
	struct page page;
	enum status s = wire_page(req, in->Paginacao, &page);
	if (s != STATUS_OK)
		return s;
	int64_t owner = (int64_t)in->IdCliente;
	struct vehicle_filter filter = {.owner_id = &owner};
	struct vehicle *items;
	int n;
	if ((s = vehicle_find(req, &filter, page.after, page.limit + 1, &items, &n)) != STATUS_OK)
		return s;
	int shown = n > page.limit ? page.limit : n;
	out->ProximoCursor = wire_next_cursor(req, &page, n, shown ? items[shown - 1].id : 0);
	out->__sizeVeiculo = shown;
	out->Veiculo = shown ? soap_new_ws__Veiculo(wire_soap(req), shown) : NULL;
	for (int i = 0; i < shown; i++)
		vehicle_out(req, &items[i], &out->Veiculo[i]);
	return STATUS_OK;
}
WS_OPERATION(ConsultarFrota, OP_READ, ROLES_ALL, BRANCH_OPTIONAL, consultar_frota)
