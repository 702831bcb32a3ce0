/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * referencia_cmd.c - `wsatend referencia`: the tenant's reference lists
 * (wsdl/xsd/referencia.xsd): ListarNaturezasAtendimento, ListarOrigensContato,
 * ListarConsultores, ListarMotivosPerda.
 *
 * These are the codes the other commands take (--natureza, --origem,
 * --responsavel, --motivo-perda): look them up here instead of guessing.
 */
#include "commands.h"

ARGS_DEFINE_ENUM(ws__Area)

static const char *const areas[] = { "VENDAS_NOVOS", "SEMINOVOS", "OFICINA", "PECAS", "POS_VENDA", "SAC", NULL };

#define END_OPTS { NULL, 0, 0, NULL, NULL, NULL, 0 }

/* <xs:element name="ListarNaturezasAtendimento"> Cabecalho, Area?, Paginacao? */
static const struct opt naturezas_opts[] = {
	{ "area", OPT_CHOICE, 0, "AREA", "só as naturezas desta área", areas, 0 },
	ARGS_PAGING_OPTS,
	END_OPTS,
};

static int naturezas(struct session *s, const struct args *a)
{
	struct _ws__ListarNaturezasAtendimento in = { 0 };
	struct _ws__ListarNaturezasAtendimentoResponse out = { 0 };
	int rc;

	in.Cabecalho = session_header(s);
	in.Area = arg_ws__Area(s->soap, a, "area");
	in.Paginacao = args_paging(s->soap, a);
	rc = soap_call___ws__ListarNaturezasAtendimento(s->soap, s->url, NULL, &in, &out);
	return session_finish(s, rc, out.Resultado);
}

/* <xs:element name="ListarOrigensContato"> Cabecalho, Paginacao? */
static const struct opt origens_opts[] = {
	ARGS_PAGING_OPTS,
	END_OPTS,
};

static int origens(struct session *s, const struct args *a)
{
	struct _ws__ListarOrigensContato in = { 0 };
	struct _ws__ListarOrigensContatoResponse out = { 0 };
	int rc;

	in.Cabecalho = session_header(s);
	in.Paginacao = args_paging(s->soap, a);
	rc = soap_call___ws__ListarOrigensContato(s->soap, s->url, NULL, &in, &out);
	return session_finish(s, rc, out.Resultado);
}

/* <xs:element name="ListarConsultores"> Cabecalho, Area?, Equipe?, Paginacao? */
static const struct opt consultores_opts[] = {
	{ "area", OPT_CHOICE, 0, "AREA", "só os consultores desta área", areas, 0 },
	{ "equipe", OPT_TEXT, 0, "CODIGO", "só os consultores desta equipe", NULL, 0 },
	ARGS_PAGING_OPTS,
	END_OPTS,
};

static int consultores(struct session *s, const struct args *a)
{
	struct _ws__ListarConsultores in = { 0 };
	struct _ws__ListarConsultoresResponse out = { 0 };
	int rc;

	in.Cabecalho = session_header(s);
	in.Area = arg_ws__Area(s->soap, a, "area");
	in.Equipe = args_text(s->soap, a, "equipe");
	in.Paginacao = args_paging(s->soap, a);
	rc = soap_call___ws__ListarConsultores(s->soap, s->url, NULL, &in, &out);
	return session_finish(s, rc, out.Resultado);
}

/* <xs:element name="ListarMotivosPerda"> Cabecalho, TipoEvento?, Departamento?, Paginacao? */
static const struct opt motivos_opts[] = {
	{ "tipo-evento", OPT_TEXT, 0, "CODIGO",
	  "só os motivos válidos para este tipo de evento", NULL, 0 },
	{ "departamento", OPT_TEXT, 0, "CODIGO", "TODOS, VENDAS, SERVICOS, PECAS ou SAC", NULL, 0 },
	ARGS_PAGING_OPTS,
	END_OPTS,
};

static int motivos(struct session *s, const struct args *a)
{
	struct _ws__ListarMotivosPerda in = { 0 };
	struct _ws__ListarMotivosPerdaResponse out = { 0 };
	int rc;

	in.Cabecalho = session_header(s);
	in.TipoEvento = args_text(s->soap, a, "tipo-evento");
	in.Departamento = args_text(s->soap, a, "departamento");
	in.Paginacao = args_paging(s->soap, a);
	rc = soap_call___ws__ListarMotivosPerda(s->soap, s->url, NULL, &in, &out);
	return session_finish(s, rc, out.Resultado);
}

static const struct command commands[] = {
	{ "naturezas", "ListarNaturezasAtendimento", "naturezas de atendimento, com área e campos exigidos",
	  naturezas_opts, NULL, false, naturezas },
	{ "origens", "ListarOrigensContato", "origens de contato",
	  origens_opts, NULL, false, origens },
	{ "consultores", "ListarConsultores", "consultores por área e equipe",
	  consultores_opts, NULL, false, consultores },
	{ "motivos-perda", "ListarMotivosPerda", "motivos de perda por tipo de evento e departamento",
	  motivos_opts, NULL, false, motivos },
	{ NULL, NULL, NULL, NULL, NULL, false, NULL },
};

const struct area referencia_area = {
	"referencia", "tabelas de referência do grupo: naturezas, origens, consultores, motivos de perda", commands,
};
