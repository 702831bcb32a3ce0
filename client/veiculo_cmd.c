/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * veiculo_cmd.c - `wsatend veiculo`: customers' vehicles (wsdl/xsd/veiculo.xsd):
 * IncluirVeiculo, AlterarVeiculo, ConsultarVeiculo.
 *
 * On alterar only the options given are sent. The server decides what the caller's
 * role may change (an atendente only plate and odometer) and answers which fields
 * really changed (CampoAlterado); a lower odometer needs --correcao-km MOTIVO.
 */
#include "commands.h"

/* The elements of complexType Veiculo a caller may set. */
#define VEICULO_OPTS                                                                             \
	{ "id-externo", OPT_TEXT, 0, "ID", "sua chave para o veículo (IdExterno)", NULL, 0 },     \
	{ "placa", OPT_TEXT, 0, "PLACA", "ABC1234, ABC-1234 ou Mercosul ABC1D23", NULL, 0 },       \
	{ "chassi", OPT_TEXT, 0, "VIN", "17 caracteres, sem I, O, Q", NULL, 0 },                  \
	{ "renavam", OPT_TEXT, 0, "NUMERO", "Renavam", NULL, 0 },                                 \
	{ "marca", OPT_TEXT, 0, "TEXTO", "marca", NULL, 0 },                                      \
	{ "modelo", OPT_TEXT, 0, "TEXTO", "modelo", NULL, 0 },                                    \
	{ "versao-modelo", OPT_TEXT, 0, "TEXTO", "versão do modelo (acabamento)", NULL, 0 },      \
	{ "cor", OPT_TEXT, 0, "TEXTO", "cor", NULL, 0 },                                          \
	{ "ano-fabricacao", OPT_INT, 0, "AAAA", "ano de fabricação", NULL, 0 },                   \
	{ "ano-modelo", OPT_INT, 0, "AAAA", "ano do modelo", NULL, 0 },                           \
	{ "combustivel", OPT_TEXT, 0, "TEXTO", "combustível", NULL, 0 },                          \
	{ "quilometragem", OPT_INT, 0, "KM", "hodômetro", NULL, 0 },                              \
	{ "id-proprietario", OPT_ID, 0, "ID", "Id da pessoa proprietária", NULL, 0 }

#define END_OPTS { NULL, 0, 0, NULL, NULL, NULL, 0 }

static struct ws__Veiculo *vehicle(struct soap *soap, const struct args *a, bool with_id)
{
	struct ws__Veiculo *v = soap_new_ws__Veiculo(soap, 1);

	if (!v)
		return NULL;
	if (with_id) {
		v->Id = args_id(soap, a, "id");
		v->Versao = args_int(soap, a, "versao");
	}
	v->IdExterno = args_text(soap, a, "id-externo");
	v->Placa = args_text(soap, a, "placa");
	v->Chassi = args_text(soap, a, "chassi");
	v->Renavam = args_text(soap, a, "renavam");
	v->Marca = args_text(soap, a, "marca");
	v->Modelo = args_text(soap, a, "modelo");
	v->VersaoModelo = args_text(soap, a, "versao-modelo");
	v->Cor = args_text(soap, a, "cor");
	v->AnoFabricacao = args_int(soap, a, "ano-fabricacao");
	v->AnoModelo = args_int(soap, a, "ano-modelo");
	v->Combustivel = args_text(soap, a, "combustivel");
	v->Quilometragem = args_int(soap, a, "quilometragem");
	v->IdProprietario = args_id(soap, a, "id-proprietario");
	return v;
}

/* --- incluir: <xs:element name="IncluirVeiculo"> Cabecalho, Veiculo ------- */
static const struct opt incluir_opts[] = {
	VEICULO_OPTS,
	END_OPTS,
};

static int incluir(struct session *s, const struct args *a)
{
	struct _ws__IncluirVeiculo in = { 0 };
	struct _ws__IncluirVeiculoResponse out = { 0 };
	int rc;

	in.Cabecalho = session_header(s);
	if (!(in.Veiculo = vehicle(s->soap, a, false)))
		return EXIT_TRANSPORT;
	rc = soap_call___ws__IncluirVeiculo(s->soap, s->url, NULL, &in, &out);
	return session_finish(s, rc, out.Resultado);
}

/* --- alterar: <xs:element name="AlterarVeiculo"> Cabecalho, Veiculo,
 * CorrecaoQuilometragem? -------------------------------------------------- */
static const struct opt alterar_opts[] = {
	{ "id", OPT_ID, 0, "ID", "Id do veículo", NULL, 0 },
	{ "versao", OPT_INT, 0, "N",
	  "Versao lida por último (conflito: CONFLITO_VERSAO)", NULL, 0 },
	VEICULO_OPTS,
	{ "correcao-km", OPT_TEXT, 0, "MOTIVO",
	  "permite hodômetro menor que o registrado, com o motivo", NULL, 0 },
	END_OPTS,
};

static int alterar(struct session *s, const struct args *a)
{
	struct _ws__AlterarVeiculo in = { 0 };
	struct _ws__AlterarVeiculoResponse out = { 0 };
	int rc;

	in.Cabecalho = session_header(s);
	if (!(in.Veiculo = vehicle(s->soap, a, true)))
		return EXIT_TRANSPORT;
	if (args_value(a, "correcao-km") &&
	    (in.CorrecaoQuilometragem = soap_new_ws__CorrecaoQuilometragem(s->soap, 1)))
		in.CorrecaoQuilometragem->Motivo = args_text(s->soap, a, "correcao-km");
	rc = soap_call___ws__AlterarVeiculo(s->soap, s->url, NULL, &in, &out);
	return session_finish(s, rc, out.Resultado);
}

/* --- consultar: <xs:element name="ConsultarVeiculo"> Cabecalho, Filtro,
 * Paginacao? -------------------------------------------------------------- */
static const struct opt consultar_opts[] = {
	{ "id", OPT_ID, 0, "ID", "Id do veículo", NULL, 0 },
	{ "id-externo", OPT_TEXT, 0, "ID", "sua chave (IdExterno)", NULL, 0 },
	{ "placa", OPT_TEXT, 0, "PLACA",
	  "placa; a forma antiga acha a Mercosul e vice-versa", NULL, 0 },
	{ "chassi", OPT_TEXT, 0, "VIN", "chassi completo ou os 6 últimos caracteres", NULL, 0 },
	{ "id-proprietario", OPT_ID, 0, "ID", "Id da pessoa proprietária", NULL, 0 },
	ARGS_PAGING_OPTS,
	END_OPTS,
};

static int consultar(struct session *s, const struct args *a)
{
	struct _ws__ConsultarVeiculo in = { 0 };
	struct _ws__ConsultarVeiculoResponse out = { 0 };
	struct ws__FiltroVeiculo *f = soap_new_ws__FiltroVeiculo(s->soap, 1);
	int rc;

	if (!f)
		return EXIT_TRANSPORT;
	in.Cabecalho = session_header(s);
	in.Filtro = f;
	f->Id = args_id(s->soap, a, "id");
	f->IdExterno = args_text(s->soap, a, "id-externo");
	f->Placa = args_text(s->soap, a, "placa");
	f->Chassi = args_text(s->soap, a, "chassi");
	f->IdProprietario = args_id(s->soap, a, "id-proprietario");
	in.Paginacao = args_paging(s->soap, a);
	rc = soap_call___ws__ConsultarVeiculo(s->soap, s->url, NULL, &in, &out);
	return session_finish(s, rc, out.Resultado);
}

static const struct command commands[] = {
	{ "incluir", "IncluirVeiculo", "cadastra um veículo de cliente",
	  incluir_opts, NULL, false, incluir },
	{ "alterar", "AlterarVeiculo", "altera os campos informados de um veículo",
	  alterar_opts, NULL, false, alterar },
	{ "consultar", "ConsultarVeiculo", "busca veículos por placa, chassi, proprietário...",
	  consultar_opts, NULL, false, consultar },
	{ NULL, NULL, NULL, NULL, NULL, false, NULL },
};

const struct area veiculo_area = {
	"veiculo", "veículos dos clientes: cadastro, alteração e consulta", commands,
};
