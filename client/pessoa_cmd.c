/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * pessoa_cmd.c - `wsatend pessoa`: people and prospects (wsdl/xsd/pessoa.xsd):
 * IncluirPessoa, IncluirProspect, ConverterProspectEmCliente, AlterarPessoa,
 * ConsultarPessoa, AtualizarConsentimento.
 *
 * Business rules (CPF/CNPJ check digits, duplicates, required fields) are the
 * server's: the client only shapes the request, so it never disagrees with the
 * server about what is valid. On alterar an option not given is an element not
 * sent, which the server reads as "keep the stored value"; --telefone/--email, when
 * given, replace the stored list.
 */
#include "commands.h"

#include <ctype.h>
#include <stdio.h>
#include <string.h>
#include <strings.h>

ARGS_DEFINE_ENUM(ws__ModoInclusao)
ARGS_DEFINE_ENUM(ws__TipoPessoa)
ARGS_DEFINE_ENUM(ws__SituacaoPessoa)
ARGS_DEFINE_ENUM(ws__Canal)

static const char *const modos[] = { "INCLUIR", "LOCALIZAR_OU_INCLUIR", NULL };
static const char *const tipos[] = { "FISICA", "JURIDICA", NULL };
static const char *const situacoes[] = { "PROSPECT", "CLIENTE", "INATIVO", NULL };
static const char *const canais[] = { "EMAIL", "SMS", "TELEFONE", "WHATSAPP", NULL };
static const char *const finalidades[] = { "ATENDIMENTO", "MARKETING", "POS_VENDA", "PESQUISA", NULL };

/* The elements of complexType Pessoa a caller may set (the "(resposta)" ones are
 * the server's). Shared by incluir, converter and alterar. */
#define PESSOA_OPTS                                                                                   \
	{ "id-externo", OPT_TEXT, 0, "ID", "sua chave para a pessoa (IdExterno)", NULL, 0 },           \
	{ "codigo-dms", OPT_TEXT, 0, "CODIGO", "código no DMS (CodigoDMS)", NULL, 0 },                 \
	{ "tipo", OPT_CHOICE, 0, "TIPO", "padrão: deduzido do documento", tipos, 0 },                  \
	{ "documento", OPT_TEXT, 0, "CPF|CNPJ", "CPF ou CNPJ, com ou sem máscara", NULL, 0 },          \
	{ "nome", OPT_TEXT, 0, "NOME", "nome completo ou razão social", NULL, 0 },                     \
	{ "nome-fantasia", OPT_TEXT, 0, "NOME", "nome fantasia", NULL, 0 },                            \
	{ "tratamento", OPT_TEXT, 0, "TITULO", "Sr., Sra., Dr. (saudação formal)", NULL, 0 },          \
	{ "data-nascimento", OPT_DATE, 0, "DATA", "AAAA-MM-DD ou DD/MM/AAAA", NULL, 0 },                \
	{ "cep", OPT_TEXT, 0, "CEP", "Endereco/Cep", NULL, 0 },                                        \
	{ "logradouro", OPT_TEXT, 0, "TEXTO", "Endereco/Logradouro", NULL, 0 },                        \
	{ "numero", OPT_TEXT, 0, "TEXTO", "Endereco/Numero", NULL, 0 },                                \
	{ "complemento", OPT_TEXT, 0, "TEXTO", "Endereco/Complemento", NULL, 0 },                      \
	{ "bairro", OPT_TEXT, 0, "TEXTO", "Endereco/Bairro", NULL, 0 },                                \
	{ "cidade", OPT_TEXT, 0, "TEXTO", "Endereco/Cidade", NULL, 0 },                                \
	{ "uf", OPT_TEXT, 0, "UF", "Endereco/Uf", NULL, 0 },                                           \
	{ "telefone", OPT_TEXT, OPT_MULTI, "NUMERO[,whatsapp][,principal]",                           \
	  "telefone com DDD; marque whatsapp/principal após vírgulas", NULL, 0 },                      \
	{ "email", OPT_TEXT, OPT_MULTI, "ENDERECO[,principal]", "e-mail", NULL, 0 },                   \
	{ "preferencia-contato", OPT_CHOICE, 0, "CANAL", "canal preferido (uma dica, não uma regra)",  \
	  canais, 0 },                                                                                 \
	{ "origem", OPT_TEXT, 0, "CODIGO", "origem do cadastro (veja referencia origens)", NULL, 0 },   \
	{ "observacao", OPT_TEXT, 0, "TEXTO", "observação livre", NULL, 0 }

#define ID_VERSAO_OPTS                                                                           \
	{ "id", OPT_ID, 0, "ID", "Id da pessoa", NULL, 0 },                                       \
	{ "versao", OPT_INT, 0, "N", "Versao lida por último (conflito: CONFLITO_VERSAO)", NULL, 0 }

#define END_OPTS { NULL, 0, 0, NULL, NULL, NULL, 0 }

/* "NUMERO[,whatsapp][,principal]" into a TelefonePessoa; false on an unknown mark. */
static bool parse_phone(struct soap *soap, const char *spec, struct ws__TelefonePessoa *t)
{
	char *copy = soap_strdup(soap, spec), *save = NULL, *tok;

	if (!copy)
		return false;
	t->Numero = strtok_r(copy, ",", &save);
	if (!t->Numero)
		return false;
	while ((tok = strtok_r(NULL, ",", &save))) {
		enum xsd__boolean *yes = soap_new_xsd__boolean(soap, 1);
		if (!yes)
			return false;
		*yes = xsd__boolean__true_;
		if (strcasecmp(tok, "whatsapp") == 0)
			t->WhatsApp = yes;
		else if (strcasecmp(tok, "principal") == 0)
			t->Principal = yes;
		else
			return false;
	}
	return true;
}

static bool parse_email(struct soap *soap, const char *spec, struct ws__EmailPessoa *e)
{
	char *copy = soap_strdup(soap, spec), *comma;

	if (!copy)
		return false;
	e->Endereco = copy;
	if ((comma = strchr(copy, ','))) {
		*comma = '\0';
		if (strcasecmp(comma + 1, "principal") != 0 || !(e->Principal = soap_new_xsd__boolean(soap, 1)))
			return false;
		*e->Principal = xsd__boolean__true_;
	}
	return true;
}

static int bad_value(const char *opt, const char *value, const char *format)
{
	fprintf(stderr, "wsatend: valor inválido para --%s: '%s' (use %s)\n", opt, value, format);
	return EXIT_USAGE;
}

static struct ws__Endereco *address(struct soap *soap, const struct args *a)
{
	static const char *const fields[] = { "cep", "logradouro", "numero", "complemento",
					      "bairro", "cidade", "uf" };
	struct ws__Endereco *e;
	bool any = false;

	for (size_t i = 0; i < sizeof fields / sizeof fields[0]; i++)
		any |= args_value(a, fields[i]) != NULL;
	if (!any || !(e = soap_new_ws__Endereco(soap, 1)))
		return NULL;
	e->Cep = args_text(soap, a, "cep");
	e->Logradouro = args_text(soap, a, "logradouro");
	e->Numero = args_text(soap, a, "numero");
	e->Complemento = args_text(soap, a, "complemento");
	e->Bairro = args_text(soap, a, "bairro");
	e->Cidade = args_text(soap, a, "cidade");
	e->Uf = args_text(soap, a, "uf");
	return e;
}

/* Fills a Pessoa from PESSOA_OPTS (and ID_VERSAO_OPTS when with_id). */
static int person(struct soap *soap, const struct args *a, bool with_id, struct ws__Pessoa **out)
{
	struct ws__Pessoa *p = soap_new_ws__Pessoa(soap, 1);
	size_t nt = args_count(a, "telefone"), ne = args_count(a, "email");

	if (!p)
		return EXIT_TRANSPORT;
	if (with_id) {
		p->Id = args_id(soap, a, "id");
		p->Versao = args_int(soap, a, "versao");
	}
	p->IdExterno = args_text(soap, a, "id-externo");
	p->CodigoDMS = args_text(soap, a, "codigo-dms");
	p->Tipo = arg_ws__TipoPessoa(soap, a, "tipo");
	p->Documento = args_text(soap, a, "documento");
	p->Nome = args_text(soap, a, "nome");
	p->NomeFantasia = args_text(soap, a, "nome-fantasia");
	p->Tratamento = args_text(soap, a, "tratamento");
	p->DataNascimento = args_text(soap, a, "data-nascimento");
	p->Endereco = address(soap, a);
	if (nt) {
		p->Telefone = soap_new_ws__TelefonePessoa(soap, (int)nt);
		p->__sizeTelefone = (int)nt;
		for (size_t i = 0; p->Telefone && i < nt; i++)
			if (!parse_phone(soap, args_nth(a, "telefone", i), &p->Telefone[i]))
				return bad_value("telefone", args_nth(a, "telefone", i),
						 "NUMERO[,whatsapp][,principal]");
	}
	if (ne) {
		p->Email = soap_new_ws__EmailPessoa(soap, (int)ne);
		p->__sizeEmail = (int)ne;
		for (size_t i = 0; p->Email && i < ne; i++)
			if (!parse_email(soap, args_nth(a, "email", i), &p->Email[i]))
				return bad_value("email", args_nth(a, "email", i), "ENDERECO[,principal]");
	}
	p->PreferenciaContato = arg_ws__Canal(soap, a, "preferencia-contato");
	p->Origem = args_text(soap, a, "origem");
	p->Observacao = args_text(soap, a, "observacao");
	*out = p;
	return EXIT_OK;
}

/* --- incluir: <xs:element name="IncluirPessoa"> Cabecalho, Modo?, Pessoa -- */
static const struct opt incluir_opts[] = {
	{ "modo", OPT_CHOICE, 0, "MODO",
	  "LOCALIZAR_OU_INCLUIR devolve a pessoa já cadastrada em vez de JA_EXISTENTE", modos, 0 },
	PESSOA_OPTS,
	END_OPTS,
};

static int incluir(struct session *s, const struct args *a)
{
	struct _ws__IncluirPessoa in = { 0 };
	struct _ws__IncluirPessoaResponse out = { 0 };
	int rc;

	in.Cabecalho = session_header(s);
	in.Modo = arg_ws__ModoInclusao(s->soap, a, "modo");
	if ((rc = person(s->soap, a, false, &in.Pessoa)) != EXIT_OK)
		return rc;
	rc = soap_call___ws__IncluirPessoa(s->soap, s->url, NULL, &in, &out);
	return session_finish(s, rc, out.Resultado);
}

/* --- incluir-prospect: <xs:element name="IncluirProspect"> Cabecalho, Prospect */
static const struct opt prospect_opts[] = {
	{ "id-externo", OPT_TEXT, 0, "ID", "sua chave para o prospect (IdExterno)", NULL, 0 },
	{ "nome", OPT_TEXT, 0, "NOME", "nome (obrigatório)", NULL, 0 },
	{ "telefone", OPT_TEXT, 0, "NUMERO[,whatsapp][,principal]",
	  "telefone (ou --email)", NULL, 0 },
	{ "email", OPT_TEXT, 0, "ENDERECO", "e-mail (ou --telefone)", NULL, 0 },
	{ "origem", OPT_TEXT, 0, "CODIGO", "origem do contato", NULL, 0 },
	{ "observacao", OPT_TEXT, 0, "TEXTO", "observação livre", NULL, 0 },
	END_OPTS,
};

static int incluir_prospect(struct session *s, const struct args *a)
{
	struct _ws__IncluirProspect in = { 0 };
	struct _ws__IncluirProspectResponse out = { 0 };
	struct ws__DadosProspect *p = soap_new_ws__DadosProspect(s->soap, 1);
	const char *tel = args_value(a, "telefone");
	int rc;

	if (!p)
		return EXIT_TRANSPORT;
	in.Cabecalho = session_header(s);
	in.Prospect = p;
	p->IdExterno = args_text(s->soap, a, "id-externo");
	p->Nome = args_text(s->soap, a, "nome");
	if (tel && (!(p->Telefone = soap_new_ws__TelefonePessoa(s->soap, 1)) ||
		    !parse_phone(s->soap, tel, p->Telefone)))
		return bad_value("telefone", tel, "NUMERO[,whatsapp][,principal]");
	p->Email = args_text(s->soap, a, "email");
	p->Origem = args_text(s->soap, a, "origem");
	p->Observacao = args_text(s->soap, a, "observacao");
	rc = soap_call___ws__IncluirProspect(s->soap, s->url, NULL, &in, &out);
	return session_finish(s, rc, out.Resultado);
}

/* --- converter: <xs:element name="ConverterProspectEmCliente"> Cabecalho, Pessoa */
static const struct opt converter_opts[] = {
	ID_VERSAO_OPTS,
	PESSOA_OPTS,
	END_OPTS,
};

static int converter(struct session *s, const struct args *a)
{
	struct _ws__ConverterProspectEmCliente in = { 0 };
	struct _ws__ConverterProspectEmClienteResponse out = { 0 };
	int rc;

	in.Cabecalho = session_header(s);
	if ((rc = person(s->soap, a, true, &in.Pessoa)) != EXIT_OK)
		return rc;
	rc = soap_call___ws__ConverterProspectEmCliente(s->soap, s->url, NULL, &in, &out);
	return session_finish(s, rc, out.Resultado);
}

/* --- alterar: <xs:element name="AlterarPessoa"> Cabecalho, Pessoa -------- */
static const struct opt alterar_opts[] = {
	ID_VERSAO_OPTS,
	PESSOA_OPTS,
	END_OPTS,
};

static int alterar(struct session *s, const struct args *a)
{
	struct _ws__AlterarPessoa in = { 0 };
	struct _ws__AlterarPessoaResponse out = { 0 };
	int rc;

	in.Cabecalho = session_header(s);
	if ((rc = person(s->soap, a, true, &in.Pessoa)) != EXIT_OK)
		return rc;
	rc = soap_call___ws__AlterarPessoa(s->soap, s->url, NULL, &in, &out);
	return session_finish(s, rc, out.Resultado);
}

/* --- consultar: <xs:element name="ConsultarPessoa"> Cabecalho, Filtro, Paginacao? */
static const struct opt consultar_opts[] = {
	{ "id", OPT_ID, 0, "ID", "Id da pessoa", NULL, 0 },
	{ "id-externo", OPT_TEXT, 0, "ID", "sua chave (IdExterno)", NULL, 0 },
	{ "codigo-dms", OPT_TEXT, 0, "CODIGO", "código no DMS", NULL, 0 },
	{ "documento", OPT_TEXT, 0, "CPF|CNPJ", "CPF ou CNPJ", NULL, 0 },
	{ "nome-prefixo", OPT_TEXT, 0, "TEXTO", "início do nome, 3 letras ou mais", NULL, 0 },
	{ "telefone", OPT_TEXT, 0, "NUMERO", "telefone", NULL, 0 },
	{ "email", OPT_TEXT, 0, "ENDERECO", "e-mail", NULL, 0 },
	{ "placa", OPT_TEXT, 0, "PLACA",
	  "placa de um veículo da pessoa (antiga ou Mercosul)", NULL, 0 },
	{ "chassi", OPT_TEXT, 0, "VIN", "chassi de um veículo da pessoa", NULL, 0 },
	{ "situacao", OPT_CHOICE, 0, "SITUACAO", "situação do cadastro", situacoes, 0 },
	ARGS_PAGING_OPTS,
	END_OPTS,
};

static int consultar(struct session *s, const struct args *a)
{
	struct _ws__ConsultarPessoa in = { 0 };
	struct _ws__ConsultarPessoaResponse out = { 0 };
	struct ws__FiltroPessoa *f = soap_new_ws__FiltroPessoa(s->soap, 1);
	int rc;

	if (!f)
		return EXIT_TRANSPORT;
	in.Cabecalho = session_header(s);
	in.Filtro = f;
	f->Id = args_id(s->soap, a, "id");
	f->IdExterno = args_text(s->soap, a, "id-externo");
	f->CodigoDMS = args_text(s->soap, a, "codigo-dms");
	f->Documento = args_text(s->soap, a, "documento");
	f->NomePrefixo = args_text(s->soap, a, "nome-prefixo");
	f->Telefone = args_text(s->soap, a, "telefone");
	f->Email = args_text(s->soap, a, "email");
	f->Placa = args_text(s->soap, a, "placa");
	f->Chassi = args_text(s->soap, a, "chassi");
	f->Situacao = arg_ws__SituacaoPessoa(s->soap, a, "situacao");
	in.Paginacao = args_paging(s->soap, a);
	rc = soap_call___ws__ConsultarPessoa(s->soap, s->url, NULL, &in, &out);
	return session_finish(s, rc, out.Resultado);
}

/* --- consentimento: <xs:element name="AtualizarConsentimento"> Cabecalho,
 * IdPessoa?, Consentimento{Canal, Finalidade, Permitido}[0..20] ----------- */
static const struct opt consentimento_opts[] = {
	{ "id-pessoa", OPT_ID, 0, "ID", "Id da pessoa", NULL, 0 },
	{ "consentimento", OPT_TEXT, OPT_MULTI, "CANAL:FINALIDADE:sim|nao",
	  "ex.: WHATSAPP:MARKETING:nao (canais EMAIL SMS TELEFONE WHATSAPP; finalidades ATENDIMENTO MARKETING POS_VENDA PESQUISA)",
	  NULL, 0 },
	END_OPTS,
};

static bool in_list(const char *const *list, const char *v, size_t len)
{
	for (; *list; list++)
		if (strlen(*list) == len && strncasecmp(*list, v, len) == 0)
			return true;
	return false;
}

/* "CANAL:FINALIDADE:sim|nao" into a Consentimento. */
static bool parse_consent(struct soap *soap, const char *spec, struct ws__Consentimento *c)
{
	const char *c1 = strchr(spec, ':'), *c2 = c1 ? strchr(c1 + 1, ':') : NULL;
	char canal[16], fin[16];
	bool yes;

	if (!c2 || !in_list(canais, spec, (size_t)(c1 - spec)) ||
	    !in_list(finalidades, c1 + 1, (size_t)(c2 - c1 - 1)) || !args_parse_bool(c2 + 1, &yes))
		return false;
	snprintf(canal, sizeof canal, "%.*s", (int)(c1 - spec), spec);
	snprintf(fin, sizeof fin, "%.*s", (int)(c2 - c1 - 1), c1 + 1);
	for (char *p = canal; *p; p++)
		*p = (char)toupper((unsigned char)*p);
	for (char *p = fin; *p; p++)
		*p = (char)toupper((unsigned char)*p);
	c->Permitido = yes ? xsd__boolean__true_ : xsd__boolean__false_;
	return soap_s2ws__Canal(soap, canal, &c->Canal) == SOAP_OK &&
	       soap_s2ws__Finalidade(soap, fin, &c->Finalidade) == SOAP_OK;
}

static int consentimento(struct session *s, const struct args *a)
{
	struct _ws__AtualizarConsentimento in = { 0 };
	struct _ws__AtualizarConsentimentoResponse out = { 0 };
	size_t n = args_count(a, "consentimento");
	int rc;

	in.Cabecalho = session_header(s);
	in.IdPessoa = args_id(s->soap, a, "id-pessoa");
	if (n && !(in.Consentimento = soap_new_ws__Consentimento(s->soap, (int)n)))
		return EXIT_TRANSPORT;
	in.__sizeConsentimento = (int)n;
	for (size_t i = 0; i < n; i++)
		if (!parse_consent(s->soap, args_nth(a, "consentimento", i), &in.Consentimento[i]))
			return bad_value("consentimento", args_nth(a, "consentimento", i),
					 "CANAL:FINALIDADE:sim|nao");
	rc = soap_call___ws__AtualizarConsentimento(s->soap, s->url, NULL, &in, &out);
	return session_finish(s, rc, out.Resultado);
}

static const struct command commands[] = {
	{ "incluir", "IncluirPessoa", "cadastra um cliente (pessoa física ou jurídica)",
	  incluir_opts, NULL, false, incluir },
	{ "incluir-prospect", "IncluirProspect", "cadastra um prospect com dados mínimos",
	  prospect_opts, NULL, false, incluir_prospect },
	{ "converter", "ConverterProspectEmCliente", "torna um prospect cliente, mantendo o histórico",
	  converter_opts, NULL, false, converter },
	{ "alterar", "AlterarPessoa", "altera os campos informados de uma pessoa",
	  alterar_opts, NULL, false, alterar },
	{ "consultar", "ConsultarPessoa", "busca pessoas por documento, nome, telefone, placa...",
	  consultar_opts, NULL, false, consultar },
	{ "consentimento", "AtualizarConsentimento", "registra consentimentos por canal e finalidade (LGPD)",
	  consentimento_opts, NULL, false, consentimento },
	{ NULL, NULL, NULL, NULL, NULL, false, NULL },
};

const struct area pessoa_area = {
	"pessoa", "clientes e prospects: cadastro, consulta e consentimentos", commands,
};
