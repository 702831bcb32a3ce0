/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * integracao_cmd.c - `wsatend integracao`: Ping, ObterVersao and
 * ConsultarSituacaoMensagem (wsdl/xsd/integracao.xsd).
 *
 * situacao-mensagem is what to run after exit 3 on a write: it tells whether the
 * request with that IdMensagem was processed, and returns the stored answer.
 */
#include "commands.h"

/* <xs:element name="Ping"> Cabecalho?, Texto? (Texto100) */
static const struct opt ping_opts[] = {
	{ "texto", OPT_TEXT, 0, "TEXTO", "texto que o servidor devolve em Eco", NULL, 0 },
	{ NULL, 0, 0, NULL, NULL, NULL, 0 },
};

static int ping(struct session *s, const struct args *a)
{
	struct _ws__Ping in = { 0 };
	struct _ws__PingResponse out = { 0 };
	int rc;

	in.Cabecalho = session_header(s);
	in.Texto = args_text(s->soap, a, "texto");
	rc = soap_call___ws__Ping(s->soap, s->url, NULL, &in, &out);
	return session_finish(s, rc, out.Resultado);
}

/* <xs:element name="ObterVersao"> Cabecalho? */
static const struct opt versao_opts[] = {
	{ NULL, 0, 0, NULL, NULL, NULL, 0 },
};

static int versao(struct session *s, const struct args *a)
{
	struct _ws__ObterVersao in = { 0 };
	struct _ws__ObterVersaoResponse out = { 0 };
	int rc;

	(void)a;
	in.Cabecalho = session_header(s);
	rc = soap_call___ws__ObterVersao(s->soap, s->url, NULL, &in, &out);
	return session_finish(s, rc, out.Resultado);
}

/* <xs:element name="ConsultarSituacaoMensagem"> Cabecalho, IdMensagemConsultada? */
static const struct opt situacao_opts[] = {
	{ "id", OPT_TEXT, 0, "ID_MENSAGEM", "IdMensagem da requisição a consultar", NULL, 0 },
	{ NULL, 0, 0, NULL, NULL, NULL, 0 },
};

static int situacao(struct session *s, const struct args *a)
{
	struct _ws__ConsultarSituacaoMensagem in = { 0 };
	struct _ws__ConsultarSituacaoMensagemResponse out = { 0 };
	int rc;

	in.Cabecalho = session_header(s);
	in.IdMensagemConsultada = args_text(s->soap, a, "id");
	rc = soap_call___ws__ConsultarSituacaoMensagem(s->soap, s->url, NULL, &in, &out);
	return session_finish(s, rc, out.Resultado);
}

static const struct command commands[] = {
	{ "ping", "Ping", "verifica se o serviço responde (sem credenciais)",
	  ping_opts, NULL, true, ping },
	{ "versao", "ObterVersao", "versões do contrato, do servidor e do banco (sem credenciais)",
	  versao_opts, NULL, true, versao },
	{ "situacao-mensagem", "ConsultarSituacaoMensagem",
	  "resultado guardado de uma requisição anterior, pela IdMensagem", situacao_opts, NULL, false,
	  situacao },
	{ NULL, NULL, NULL, NULL, NULL, false, NULL },
};

const struct area integracao_area = {
	"integracao", "conectividade, versões e situação de mensagens já enviadas", commands,
};
