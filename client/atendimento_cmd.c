/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * atendimento_cmd.c - `wsatend atendimento`: customer contacts, their
 * interactions, the next contact and the agenda (wsdl/xsd/atendimento.xsd):
 * IncluirAtendimento, ConsultarAtendimento, ListarAtendimentos,
 * AlterarNaturezaAtendimento, ReatribuirAtendimento, RegistrarContato,
 * EncerrarAtendimento, AgendarProximoContato, ListarAgenda.
 *
 * Dates without an offset are taken in the local time zone (args.c) because the
 * server refuses a dateTime without one; the agenda's PENDENTE/HOJE/FUTURO is
 * computed by the server in the branch's zone, never here.
 */
#include "commands.h"

#include <stdio.h>
#include <string.h>
#include <strings.h>

ARGS_DEFINE_ENUM(ws__CanalContato)
ARGS_DEFINE_ENUM(ws__SituacaoAtendimento)
ARGS_DEFINE_ENUM(ws__Desfecho)
ARGS_DEFINE_ENUM(ws__TipoProximoContato)
ARGS_DEFINE_ENUM(ws__ClassificacaoAgenda)

static const char *const canais[] = { "EMAIL", "CHATBOT", "TELEFONE", "WHATSAPP", "SMS", "PRESENCIAL", "SITE", NULL };
static const char *const situacoes[] = { "ABERTO", "ENCERRADO_SUCESSO", "ENCERRADO_PERDA", NULL };
static const char *const desfechos[] = { "SUCESSO", "PERDA", NULL };
static const char *const tipos[] = { "LIGACAO", "EMAIL", "WHATSAPP", "SMS", "VISITA", NULL };
static const char *const classes[] = { "PENDENTE", "HOJE", "FUTURO", NULL };

#define END_OPTS { NULL, 0, 0, NULL, NULL, NULL, 0 }
#define ID_OPT { "id", OPT_ID, 0, "ID", "Id do atendimento", NULL, 0 }
#define VERSAO_OPT { "versao", OPT_INT, 0, "N", "Versao lida por último (conflito: CONFLITO_VERSAO)", NULL, 0 }

static int bad_value(const char *opt, const char *value, const char *format)
{
	fprintf(stderr, "wsatend: valor inválido para --%s: '%s' (use %s)\n", opt, value, format);
	return EXIT_USAGE;
}

/* A ProximoContato from options named PREFIX-data-hora, PREFIX-responsavel...;
 * NULL when none was given. */
static struct ws__ProximoContato *next_contact(struct soap *soap, const struct args *a,
					       const char *dh, const char *resp, const char *tipo,
					       const char *obs)
{
	struct ws__ProximoContato *p;

	if (!args_value(a, dh) && !args_value(a, resp) && !args_value(a, tipo) && !args_value(a, obs))
		return NULL;
	if (!(p = soap_new_ws__ProximoContato(soap, 1)))
		return NULL;
	p->DataHora = args_text(soap, a, dh);
	p->Responsavel = args_text(soap, a, resp);
	p->Tipo = arg_ws__TipoProximoContato(soap, a, tipo);
	p->Observacao = args_text(soap, a, obs);
	return p;
}

/* --- incluir: <xs:element name="IncluirAtendimento"> Cabecalho, Atendimento */
static const struct opt incluir_opts[] = {
	{ "id-externo", OPT_TEXT, 0, "ID", "sua chave para o atendimento (IdExterno)", NULL, 0 },
	{ "id-pessoa", OPT_ID, 0, "ID",
	  "Id da pessoa (ou os --prospect-* para cadastrar na hora)", NULL, 0 },
	{ "prospect-nome", OPT_TEXT, 0, "NOME",
	  "Prospect/Nome: cadastra um prospect junto", NULL, 0 },
	{ "prospect-telefone", OPT_TEXT, 0, "NUMERO[,whatsapp]", "Prospect/Telefone", NULL, 0 },
	{ "prospect-email", OPT_TEXT, 0, "ENDERECO", "Prospect/Email", NULL, 0 },
	{ "natureza", OPT_TEXT, 0, "CODIGO", "natureza (veja referencia naturezas)", NULL, 0 },
	{ "origem", OPT_TEXT, 0, "CODIGO", "origem do contato (veja referencia origens)", NULL, 0 },
	{ "canal", OPT_CHOICE, 0, "CANAL", "canal do contato", canais, 0 },
	{ "descricao", OPT_TEXT, 0, "TEXTO", "descrição", NULL, 0 },
	{ "id-veiculo", OPT_ID, 0, "ID", "veículo do cliente", NULL, 0 },
	{ "interesse-modelo", OPT_TEXT, 0, "TEXTO", "VeiculoInteresse/Modelo", NULL, 0 },
	{ "interesse-versao-modelo", OPT_TEXT, 0, "TEXTO",
	  "VeiculoInteresse/VersaoModelo", NULL, 0 },
	{ "interesse-cor", OPT_TEXT, 0, "TEXTO", "VeiculoInteresse/Cor", NULL, 0 },
	{ "interesse-ano-modelo", OPT_INT, 0, "AAAA", "VeiculoInteresse/AnoModelo", NULL, 0 },
	{ "interesse-carro-novo", OPT_BOOL, 0, "sim|nao",
	  "cliente interessado em carro novo", NULL, 0 },
	{ "responsavel", OPT_TEXT, 0, "CODIGO",
	  "consultor responsável (padrão: o da natureza ou da equipe)", NULL, 0 },
	{ "proximo-data-hora", OPT_DATETIME, 0, "DATA-HORA", "ProximoContato/DataHora", NULL, 0 },
	{ "proximo-responsavel", OPT_TEXT, 0, "CODIGO", "ProximoContato/Responsavel", NULL, 0 },
	{ "proximo-tipo", OPT_CHOICE, 0, "TIPO", "ProximoContato/Tipo", tipos, 0 },
	{ "proximo-observacao", OPT_TEXT, 0, "TEXTO", "ProximoContato/Observacao", NULL, 0 },
	END_OPTS,
};

static int incluir(struct session *s, const struct args *a)
{
	struct _ws__IncluirAtendimento in = { 0 };
	struct _ws__IncluirAtendimentoResponse out = { 0 };
	struct soap *soap = s->soap;
	struct ws__Atendimento *at = soap_new_ws__Atendimento(soap, 1);
	int rc;

	if (!at)
		return EXIT_TRANSPORT;
	in.Cabecalho = session_header(s);
	in.Atendimento = at;
	at->IdExterno = args_text(soap, a, "id-externo");
	at->IdPessoa = args_id(soap, a, "id-pessoa");
	if (args_value(a, "prospect-nome") || args_value(a, "prospect-telefone") ||
	    args_value(a, "prospect-email")) {
		const char *tel = args_value(a, "prospect-telefone");
		if (!(at->Prospect = soap_new_ws__DadosProspect(soap, 1)))
			return EXIT_TRANSPORT;
		at->Prospect->Nome = args_text(soap, a, "prospect-nome");
		at->Prospect->Email = args_text(soap, a, "prospect-email");
		if (tel) {
			char *num = soap_strdup(soap, tel), *comma = num ? strchr(num, ',') : NULL;
			if (!(at->Prospect->Telefone = soap_new_ws__TelefonePessoa(soap, 1)) || !num)
				return EXIT_TRANSPORT;
			if (comma) {
				if (strcasecmp(comma + 1, "whatsapp") != 0)
					return bad_value("prospect-telefone", tel, "NUMERO[,whatsapp]");
				*comma = '\0';
				if ((at->Prospect->Telefone->WhatsApp = soap_new_xsd__boolean(soap, 1)))
					*at->Prospect->Telefone->WhatsApp = xsd__boolean__true_;
			}
			at->Prospect->Telefone->Numero = num;
		}
	}
	at->Natureza = args_text(soap, a, "natureza");
	at->Origem = args_text(soap, a, "origem");
	at->Canal = arg_ws__CanalContato(soap, a, "canal");
	at->Descricao = args_text(soap, a, "descricao");
	at->IdVeiculo = args_id(soap, a, "id-veiculo");
	if (args_value(a, "interesse-modelo") || args_value(a, "interesse-versao-modelo") ||
	    args_value(a, "interesse-cor") || args_value(a, "interesse-ano-modelo")) {
		if (!(at->VeiculoInteresse = soap_new_ws__VeiculoInteresse(soap, 1)))
			return EXIT_TRANSPORT;
		at->VeiculoInteresse->Modelo = args_text(soap, a, "interesse-modelo");
		at->VeiculoInteresse->VersaoModelo = args_text(soap, a, "interesse-versao-modelo");
		at->VeiculoInteresse->Cor = args_text(soap, a, "interesse-cor");
		at->VeiculoInteresse->AnoModelo = args_int(soap, a, "interesse-ano-modelo");
	}
	at->InteresseCarroNovo = args_bool(soap, a, "interesse-carro-novo");
	at->Responsavel = args_text(soap, a, "responsavel");
	at->ProximoContato = next_contact(soap, a, "proximo-data-hora", "proximo-responsavel",
					  "proximo-tipo", "proximo-observacao");
	rc = soap_call___ws__IncluirAtendimento(soap, s->url, NULL, &in, &out);
	return session_finish(s, rc, out.Resultado);
}

/* --- consultar: <xs:element name="ConsultarAtendimento"> Cabecalho,
 * IdAtendimento?, IdExterno? ---------------------------------------------- */
static const struct opt consultar_opts[] = {
	ID_OPT,
	{ "id-externo", OPT_TEXT, 0, "ID", "sua chave (IdExterno)", NULL, 0 },
	END_OPTS,
};

static int consultar(struct session *s, const struct args *a)
{
	struct _ws__ConsultarAtendimento in = { 0 };
	struct _ws__ConsultarAtendimentoResponse out = { 0 };
	int rc;

	in.Cabecalho = session_header(s);
	in.IdAtendimento = args_id(s->soap, a, "id");
	in.IdExterno = args_text(s->soap, a, "id-externo");
	rc = soap_call___ws__ConsultarAtendimento(s->soap, s->url, NULL, &in, &out);
	return session_finish(s, rc, out.Resultado);
}

/* --- listar: <xs:element name="ListarAtendimentos"> Cabecalho, Filtro?,
 * Paginacao? -------------------------------------------------------------- */
static const struct opt listar_opts[] = {
	{ "id-pessoa", OPT_ID, 0, "ID", "atendimentos desta pessoa", NULL, 0 },
	{ "natureza", OPT_TEXT, 0, "CODIGO", "desta natureza", NULL, 0 },
	{ "situacao", OPT_CHOICE, 0, "SITUACAO", "nesta situação", situacoes, 0 },
	{ "responsavel", OPT_TEXT, 0, "CODIGO", "deste responsável", NULL, 0 },
	{ "alterado-desde", OPT_DATETIME, 0, "DATA-HORA", "alterados desde", NULL, 0 },
	ARGS_PAGING_OPTS,
	END_OPTS,
};

static int listar(struct session *s, const struct args *a)
{
	struct _ws__ListarAtendimentos in = { 0 };
	struct _ws__ListarAtendimentosResponse out = { 0 };
	struct soap *soap = s->soap;
	int rc;

	in.Cabecalho = session_header(s);
	if (args_value(a, "id-pessoa") || args_value(a, "natureza") || args_value(a, "situacao") ||
	    args_value(a, "responsavel") || args_value(a, "alterado-desde")) {
		if (!(in.Filtro = soap_new_ws__FiltroAtendimento(soap, 1)))
			return EXIT_TRANSPORT;
		in.Filtro->IdPessoa = args_id(soap, a, "id-pessoa");
		in.Filtro->Natureza = args_text(soap, a, "natureza");
		in.Filtro->Situacao = arg_ws__SituacaoAtendimento(soap, a, "situacao");
		in.Filtro->Responsavel = args_text(soap, a, "responsavel");
		in.Filtro->AlteradoDesde = args_text(soap, a, "alterado-desde");
	}
	in.Paginacao = args_paging(soap, a);
	rc = soap_call___ws__ListarAtendimentos(soap, s->url, NULL, &in, &out);
	return session_finish(s, rc, out.Resultado);
}

/* --- alterar-natureza: <xs:element name="AlterarNaturezaAtendimento">
 * Cabecalho, IdAtendimento?, Versao?, Natureza?, Motivo? ------------------- */
static const struct opt natureza_opts[] = {
	ID_OPT,
	VERSAO_OPT,
	{ "natureza", OPT_TEXT, 0, "CODIGO", "nova natureza", NULL, 0 },
	{ "motivo", OPT_TEXT, 0, "TEXTO", "motivo (auditoria)", NULL, 0 },
	END_OPTS,
};

static int alterar_natureza(struct session *s, const struct args *a)
{
	struct _ws__AlterarNaturezaAtendimento in = { 0 };
	struct _ws__AlterarNaturezaAtendimentoResponse out = { 0 };
	int rc;

	in.Cabecalho = session_header(s);
	in.IdAtendimento = args_id(s->soap, a, "id");
	in.Versao = args_int(s->soap, a, "versao");
	in.Natureza = args_text(s->soap, a, "natureza");
	in.Motivo = args_text(s->soap, a, "motivo");
	rc = soap_call___ws__AlterarNaturezaAtendimento(s->soap, s->url, NULL, &in, &out);
	return session_finish(s, rc, out.Resultado);
}

/* --- reatribuir: <xs:element name="ReatribuirAtendimento"> Cabecalho,
 * IdAtendimento?, Versao?, Responsavel?, Motivo? --------------------------- */
static const struct opt reatribuir_opts[] = {
	ID_OPT,
	VERSAO_OPT,
	{ "responsavel", OPT_TEXT, 0, "CODIGO", "novo consultor responsável", NULL, 0 },
	{ "motivo", OPT_TEXT, 0, "TEXTO", "motivo (auditoria)", NULL, 0 },
	END_OPTS,
};

static int reatribuir(struct session *s, const struct args *a)
{
	struct _ws__ReatribuirAtendimento in = { 0 };
	struct _ws__ReatribuirAtendimentoResponse out = { 0 };
	int rc;

	in.Cabecalho = session_header(s);
	in.IdAtendimento = args_id(s->soap, a, "id");
	in.Versao = args_int(s->soap, a, "versao");
	in.Responsavel = args_text(s->soap, a, "responsavel");
	in.Motivo = args_text(s->soap, a, "motivo");
	rc = soap_call___ws__ReatribuirAtendimento(s->soap, s->url, NULL, &in, &out);
	return session_finish(s, rc, out.Resultado);
}

/* --- registrar-contato: <xs:element name="RegistrarContato"> Cabecalho,
 * IdAtendimento?, Contato?, ConcluirProximoContato? ------------------------ */
static const struct opt contato_opts[] = {
	ID_OPT,
	{ "canal", OPT_CHOICE, 0, "CANAL", "canal da interação", canais, 0 },
	{ "resultado", OPT_TEXT, 0, "CODIGO",
	  "ResultadoContato: CONTATO_REALIZADO, SEM_RESPOSTA, RECADO...", NULL, 0 },
	{ "texto", OPT_TEXT, 0, "TEXTO", "o que foi tratado", NULL, 0 },
	{ "data-hora", OPT_DATETIME, 0, "DATA-HORA",
	  "quando aconteceu (padrão: agora; não no futuro)", NULL, 0 },
	{ "realizado-por", OPT_TEXT, 0, "NOME",
	  "Contato/Usuario: quem falou com o cliente", NULL, 0 },
	{ "concluir-proximo", OPT_BOOL, 0, "sim|nao",
	  "marca o próximo contato aberto como feito (padrão sim)", NULL, 0 },
	END_OPTS,
};

static int registrar_contato(struct session *s, const struct args *a)
{
	struct _ws__RegistrarContato in = { 0 };
	struct _ws__RegistrarContatoResponse out = { 0 };
	struct soap *soap = s->soap;
	struct ws__Contato *c = soap_new_ws__Contato(soap, 1);
	int rc;

	if (!c)
		return EXIT_TRANSPORT;
	in.Cabecalho = session_header(s);
	in.IdAtendimento = args_id(soap, a, "id");
	in.Contato = c;
	c->Canal = arg_ws__CanalContato(soap, a, "canal");
	c->ResultadoContato = args_text(soap, a, "resultado");
	c->Texto = args_text(soap, a, "texto");
	c->DataHora = args_text(soap, a, "data-hora");
	c->Usuario = args_text(soap, a, "realizado-por");
	in.ConcluirProximoContato = args_bool(soap, a, "concluir-proximo");
	rc = soap_call___ws__RegistrarContato(soap, s->url, NULL, &in, &out);
	return session_finish(s, rc, out.Resultado);
}

/* --- encerrar: <xs:element name="EncerrarAtendimento"> Cabecalho,
 * IdAtendimento?, Versao?, Desfecho?, MotivoPerda?, Observacao? ------------ */
static const struct opt encerrar_opts[] = {
	ID_OPT,
	VERSAO_OPT,
	{ "desfecho", OPT_CHOICE, 0, "DESFECHO", "como terminou", desfechos, 0 },
	{ "motivo-perda", OPT_TEXT, 0, "CODIGO",
	  "obrigatório na PERDA (veja referencia motivos-perda)", NULL, 0 },
	{ "observacao", OPT_TEXT, 0, "TEXTO", "observação", NULL, 0 },
	{ "id-proposta", OPT_ID, 0, "ID", "SUCESSO como venda: a proposta vendida (issue 4)", NULL, 0 },
	END_OPTS,
};

static int encerrar(struct session *s, const struct args *a)
{
	struct _ws__EncerrarAtendimento in = { 0 };
	struct _ws__EncerrarAtendimentoResponse out = { 0 };
	int rc;

	in.Cabecalho = session_header(s);
	in.IdAtendimento = args_id(s->soap, a, "id");
	in.Versao = args_int(s->soap, a, "versao");
	in.Desfecho = arg_ws__Desfecho(s->soap, a, "desfecho");
	in.MotivoPerda = args_text(s->soap, a, "motivo-perda");
	in.Observacao = args_text(s->soap, a, "observacao");
	in.IdProposta = args_id(s->soap, a, "id-proposta");
	rc = soap_call___ws__EncerrarAtendimento(s->soap, s->url, NULL, &in, &out);
	return session_finish(s, rc, out.Resultado);
}

/* --- agendar-proximo: <xs:element name="AgendarProximoContato"> Cabecalho,
 * IdAtendimento?, ProximoContato? ----------------------------------------- */
static const struct opt agendar_opts[] = {
	ID_OPT,
	{ "data-hora", OPT_DATETIME, 0, "DATA-HORA", "quando (não no passado)", NULL, 0 },
	{ "responsavel", OPT_TEXT, 0, "CODIGO", "consultor (padrão: o do atendimento)", NULL, 0 },
	{ "tipo", OPT_CHOICE, 0, "TIPO", "tipo do contato", tipos, 0 },
	{ "observacao", OPT_TEXT, 0, "TEXTO", "observação", NULL, 0 },
	END_OPTS,
};

static int agendar_proximo(struct session *s, const struct args *a)
{
	struct _ws__AgendarProximoContato in = { 0 };
	struct _ws__AgendarProximoContatoResponse out = { 0 };
	int rc;

	in.Cabecalho = session_header(s);
	in.IdAtendimento = args_id(s->soap, a, "id");
	in.ProximoContato = next_contact(s->soap, a, "data-hora", "responsavel", "tipo", "observacao");
	rc = soap_call___ws__AgendarProximoContato(s->soap, s->url, NULL, &in, &out);
	return session_finish(s, rc, out.Resultado);
}

/* --- agenda: <xs:element name="ListarAgenda"> Cabecalho, Responsavel?, Equipe?,
 * Inicio?, Fim?, Classificacao?, Paginacao? -------------------------------- */
static const struct opt agenda_opts[] = {
	{ "responsavel", OPT_TEXT, 0, "CODIGO", "agenda deste consultor", NULL, 0 },
	{ "equipe", OPT_TEXT, 0, "CODIGO", "agenda desta equipe", NULL, 0 },
	{ "inicio", OPT_DATETIME, 0, "DATA-HORA", "a partir de", NULL, 0 },
	{ "fim", OPT_DATETIME, 0, "DATA-HORA", "até", NULL, 0 },
	{ "classificacao", OPT_CHOICE, 0, "CLASSE",
	  "PENDENTE (vencido), HOJE, FUTURO", classes, 0 },
	ARGS_PAGING_OPTS,
	END_OPTS,
};

static int agenda(struct session *s, const struct args *a)
{
	struct _ws__ListarAgenda in = { 0 };
	struct _ws__ListarAgendaResponse out = { 0 };
	int rc;

	in.Cabecalho = session_header(s);
	in.Responsavel = args_text(s->soap, a, "responsavel");
	in.Equipe = args_text(s->soap, a, "equipe");
	in.Inicio = args_text(s->soap, a, "inicio");
	in.Fim = args_text(s->soap, a, "fim");
	in.Classificacao = arg_ws__ClassificacaoAgenda(s->soap, a, "classificacao");
	in.Paginacao = args_paging(s->soap, a);
	rc = soap_call___ws__ListarAgenda(s->soap, s->url, NULL, &in, &out);
	return session_finish(s, rc, out.Resultado);
}

static const struct command commands[] = {
	{ "incluir", "IncluirAtendimento", "abre um atendimento (pessoa existente ou prospect novo)",
	  incluir_opts, NULL, false, incluir },
	{ "consultar", "ConsultarAtendimento", "um atendimento com suas interações",
	  consultar_opts, NULL, false, consultar },
	{ "listar", "ListarAtendimentos", "atendimentos por pessoa, natureza, situação...",
	  listar_opts, NULL, false, listar },
	{ "alterar-natureza", "AlterarNaturezaAtendimento", "muda a natureza (e o roteamento)",
	  natureza_opts, NULL, false, alterar_natureza },
	{ "reatribuir", "ReatribuirAtendimento", "passa o atendimento para outro consultor",
	  reatribuir_opts, NULL, false, reatribuir },
	{ "registrar-contato", "RegistrarContato", "registra uma interação com o cliente",
	  contato_opts, NULL, false, registrar_contato },
	{ "encerrar", "EncerrarAtendimento", "encerra com sucesso ou perda",
	  encerrar_opts, NULL, false, encerrar },
	{ "agendar-proximo", "AgendarProximoContato", "agenda o próximo contato",
	  agendar_opts, NULL, false, agendar_proximo },
	{ "agenda", "ListarAgenda", "agenda de próximos contatos (PENDENTE, HOJE, FUTURO)",
	  agenda_opts, NULL, false, agenda },
	{ NULL, NULL, NULL, NULL, NULL, false, NULL },
};

const struct area atendimento_area = {
	"atendimento", "atendimentos, interações, próximo contato e agenda", commands,
};
