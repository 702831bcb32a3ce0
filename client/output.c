/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * output.c - prints a response generically from the received XML (libxml2), as a
 * table of leaves, as XML or as JSON (jansson).
 *
 * Why from the raw XML and not from the generated structs: one printer serves all
 * 25 operations and `enviar`, shows exactly what the server said, and needs no
 * change when an operation gains a field. Which elements are lists comes from
 * list_elements[] below, copied from the schema (maxOccurs > 1) and checked
 * against wsdl/xsd by tests/client/test_client_offline.py.
 */
#include "output.h"

#include <jansson.h>
#include <libxml/parser.h>
#include <libxml/tree.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#define XSI_NS "http://www.w3.org/2001/XMLSchema-instance"

/*
 * (parent element, child element) pairs the schema declares with maxOccurs > 1.
 * Keyed by element names, not types: "Pessoa/Telefone" is a list while
 * "Prospect/Telefone" is a single phone.
 * BEGIN list_elements (tests/client reads this block)
 */
static const struct {
	const char *parent, *child;
} list_elements[] = {
	{ "Resultado", "Mensagem" },
	{ "Natureza", "CampoObrigatorio" },
	{ "Motivo", "TipoEvento" },
	{ "ListarNaturezasAtendimentoResponse", "Natureza" },
	{ "ListarOrigensContatoResponse", "Origem" },
	{ "ListarConsultoresResponse", "Consultor" },
	{ "ListarMotivosPerdaResponse", "Motivo" },
	{ "Pessoa", "Telefone" },
	{ "Pessoa", "Email" },
	{ "Pessoa", "Consentimento" },
	{ "IncluirPessoaResponse", "ChaveCoincidente" },
	{ "ConsultarPessoaResponse", "Pessoa" },
	{ "AtualizarConsentimento", "Consentimento" },
	{ "AtualizarConsentimentoResponse", "Consentimento" },
	{ "AlterarVeiculoResponse", "CampoAlterado" },
	{ "ConsultarVeiculoResponse", "Veiculo" },
	{ "Atendimento", "Contato" },
	{ "ListarAtendimentosResponse", "Atendimento" },
	{ "ListarAgendaResponse", "ItemAgenda" },
	{ "ObterAlteracoes", "Tipo" },
	{ "ObterAlteracoesResponse", "Alteracao" },
	/* issue 4: vendas */
	{ "ConsultarAtendimentoResponse", "InteresseVeiculo" },
	{ "IncluirVeiculoEstoque", "VeiculoEstoque" },
	{ "IncluirVeiculoEstoqueResponse", "VeiculoEstoque" },
	{ "PesquisarEstoqueResponse", "VeiculoEstoque" },
	{ "ListarPropostasResponse", "Proposta" },
	{ "Proposta", "MotivoAprovacao" },
	/* issue 5: batch synchronisation (lote.xsd) */
	{ "IncluirPessoasLote", "Registro" },
	{ "IncluirVeiculosLote", "Registro" },
	{ "IncluirPessoasLoteResponse", "ResultadoRegistro" },
	{ "IncluirVeiculosLoteResponse", "ResultadoRegistro" },
	{ "ConsultarLoteResponse", "ResultadoRegistro" },
	{ "ResultadoRegistro", "Mensagem" },
	{ "ArquivoLote", "Pessoa" },
	{ "ArquivoLote", "Veiculo" },
	{ "IncluirAtendimentosLote", "Registro" },
	{ "IncluirAgendamentosLote", "Registro" },
	{ "IncluirAtendimentosLoteResponse", "ResultadoRegistro" },
	{ "IncluirAgendamentosLoteResponse", "ResultadoRegistro" },
	{ "ArquivoLote", "Atendimento" },
	{ "ArquivoLote", "Agendamento" },
	/* issue 3: oficina.xsd */
	{ "AbrirOSResponse", "Campanha" },
	{ "Agendamento", "Evento" },
	{ "Agendamento", "Peca" },
	{ "Agendamento", "Servico" },
	{ "ConsultarAgendamentoResponse", "Campanha" },
	{ "ConsultarHorariosDisponiveis", "Servico" },
	{ "ConsultarHorariosDisponiveisResponse", "Horario" },
	{ "ConsultarOSResponse", "Campanha" },
	{ "ConverterAgendamentoEmOSResponse", "Campanha" },
	{ "Horario", "Produtivo" },
	{ "IncluirAgendamentoResponse", "Campanha" },
	{ "ListarAgendamentosResponse", "Agendamento" },
	{ "ListarOSResponse", "OrdemServico" },
	{ "ListarProdutivosResponse", "Produtivo" },
	{ "ListarServicosTMOResponse", "Servico" },
	{ "ListarTiposAgendamentoResponse", "TipoAgendamento" },
	{ "ListarTiposOSResponse", "TipoOS" },
	{ "OrdemServico", "Item" },
	{ "RegistrarRespostaCliente", "Resposta" },
	{ "AprovarOrcamento", "ItemAprovado" },
	{ "Orcamento", "Item" },
	{ "IncluirCampanha", "Chassi" },
	{ "ConsultarCampanhasVeiculoResponse", "Campanha" },
	{ "ConsultarHistoricoVeiculoResponse", "OrdemServico" },
	{ "ConsultarFrotaResponse", "Veiculo" },
	{ "ConsultarAtendimentoResponse", "Vinculo" },
};
/* END list_elements */

static bool is_list(const xmlNode *parent, const xmlNode *child)
{
	for (size_t i = 0; i < sizeof list_elements / sizeof list_elements[0]; i++)
		if (xmlStrEqual(parent->name, BAD_CAST list_elements[i].parent) &&
		    xmlStrEqual(child->name, BAD_CAST list_elements[i].child))
			return true;
	return false;
}

static xmlNode *first_element(xmlNode *n)
{
	for (; n; n = n->next)
		if (n->type == XML_ELEMENT_NODE)
			return n;
	return NULL;
}

static xmlNode *next_element(xmlNode *n)
{
	return first_element(n->next);
}

static xmlNode *child_named(xmlNode *parent, const char *name)
{
	for (xmlNode *c = first_element(parent ? parent->children : NULL); c; c = next_element(c))
		if (xmlStrEqual(c->name, BAD_CAST name))
			return c;
	return NULL;
}

/* Depth-first search for an element by local name (Falha sits in detail or Detail). */
static xmlNode *find_named(xmlNode *n, const char *name)
{
	for (xmlNode *c = first_element(n ? n->children : NULL); c; c = next_element(c)) {
		xmlNode *hit;
		if (xmlStrEqual(c->name, BAD_CAST name))
			return c;
		if ((hit = find_named(c, name)))
			return hit;
	}
	return NULL;
}

/* Text of an element as a malloc'd string, NULL when absent. */
static char *text_of(xmlNode *n)
{
	xmlChar *t;
	char *s;

	if (!n)
		return NULL;
	t = xmlNodeGetContent(n);
	s = t ? strdup((const char *)t) : NULL;
	xmlFree(t);
	return s;
}

static bool is_nil(xmlNode *n)
{
	xmlChar *v = xmlGetNsProp(n, BAD_CAST "nil", BAD_CAST XSI_NS);
	bool nil = v && (xmlStrEqual(v, BAD_CAST "true") || xmlStrEqual(v, BAD_CAST "1"));

	xmlFree(v);
	return nil;
}

/* "SOAP-ENV:Client" -> "Client" */
static char *local_part(char *qname)
{
	char *colon = qname ? strrchr(qname, ':') : NULL;

	if (colon)
		memmove(qname, colon + 1, strlen(colon + 1) + 1);
	return qname;
}

static void summarise_fault(struct reply *r, xmlNode *fault)
{
	xmlNode *falha = find_named(fault, "Falha");
	xmlNode *code = child_named(fault, "Code");
	char *ret;

	r->fault = true;
	if (code) /* SOAP 1.2: Sender or Receiver */
		r->fault_code = local_part(text_of(child_named(code, "Value")));
	else
		r->fault_code = local_part(text_of(child_named(fault, "faultcode")));
	if (falha) {
		r->codigo = text_of(child_named(falha, "Codigo"));
		r->texto = text_of(child_named(falha, "Texto"));
		r->campo = text_of(child_named(falha, "Campo"));
		r->id_requisicao = text_of(child_named(falha, "IdRequisicao"));
		ret = text_of(child_named(falha, "Retentavel"));
		r->retentavel = ret && strcmp(ret, "true") == 0;
		free(ret);
	}
	if (!r->texto)
		r->texto = text_of(child_named(fault, "faultstring"));
	if (!r->texto)
		r->texto = text_of(child_named(child_named(fault, "Reason"), "Text"));
}

bool reply_parse(struct reply *r, const char *body, size_t len)
{
	xmlDoc *doc;
	xmlNode *env, *b, *el;

	memset(r, 0, sizeof *r);
	if (!body || len == 0 || len > (size_t)INT32_MAX)
		return false;
	/* No network, no entity expansion: the body comes from the other side. */
	doc = xmlReadMemory(body, (int)len, NULL, NULL,
			    XML_PARSE_NONET | XML_PARSE_NOBLANKS | XML_PARSE_NOERROR | XML_PARSE_NOWARNING);
	if (!doc)
		return false;
	env = xmlDocGetRootElement(doc);
	b = env && xmlStrEqual(env->name, BAD_CAST "Envelope") ? child_named(env, "Body") : NULL;
	el = b ? first_element(b->children) : NULL;
	if (!el) {
		xmlFreeDoc(doc);
		return false;
	}
	r->doc = doc;
	r->element = el;
	r->operation = strdup((const char *)el->name);
	if (xmlStrEqual(el->name, BAD_CAST "Fault")) {
		summarise_fault(r, el);
	} else {
		xmlNode *res = child_named(el, "Resultado");
		r->status = text_of(child_named(res, "Status"));
		r->id_requisicao = text_of(child_named(res, "IdRequisicao"));
	}
	return true;
}

void reply_free(struct reply *r)
{
	free(r->operation);
	free(r->status);
	free(r->fault_code);
	free(r->codigo);
	free(r->texto);
	free(r->campo);
	free(r->id_requisicao);
	if (r->doc)
		xmlFreeDoc(r->doc);
	memset(r, 0, sizeof *r);
}

void output_clean(FILE *f, const char *s, bool keep_lines)
{
	for (const unsigned char *p = (const unsigned char *)s; p && *p; p++) {
		bool layout = *p == '\n' || *p == '\t';

		if (keep_lines && *p == '\r')
			continue;
		if (*p == 0xc2 && p[1] >= 0x80 && p[1] <= 0x9f) {
			fprintf(f, "\\u%04x", p[1]); /* C1 controls: CSI is U+009B */
			p++;
		} else if ((*p >= 0x20 && *p != 0x7f) || (keep_lines && layout)) {
			fputc(*p, f);
		} else if (layout) {
			fputs(*p == '\n' ? "\\n" : "\\t", f);
		} else {
			fprintf(f, "\\x%02x", *p);
		}
	}
}

/* --- xml ---------------------------------------------------------------- */

static void print_xml(xmlNode *el, FILE *f)
{
	xmlDoc *out = xmlNewDoc(BAD_CAST "1.0");
	xmlNode *copy;
	xmlChar *mem = NULL;
	int size = 0;

	if (!out)
		return;
	/* A copy as root of its own document gets the namespaces it uses declared on
	 * itself, so the printed element is well-formed XML on its own. */
	copy = xmlDocCopyNode(el, out, 1);
	if (copy) {
		xmlDocSetRootElement(out, copy);
		xmlReconciliateNs(out, copy);
		xmlDocDumpFormatMemoryEnc(out, &mem, &size, "UTF-8", 1);
		if (mem)
			fwrite(mem, 1, (size_t)size, f);
		xmlFree(mem);
	}
	xmlFreeDoc(out);
}

/* --- json --------------------------------------------------------------- */

static json_t *to_json(xmlNode *n)
{
	xmlNode *c = first_element(n->children);
	json_t *obj;

	if (!c) {
		char *t;
		json_t *v;
		if (is_nil(n))
			return json_null();
		t = text_of(n);
		v = json_string(t ? t : "");
		free(t);
		return v;
	}
	obj = json_object();
	for (; obj && c; c = next_element(c)) {
		const char *key = (const char *)c->name;
		json_t *val = to_json(c), *have = json_object_get(obj, key);

		if (!val)
			continue;
		if (is_list(n, c) || (have && json_is_array(have))) {
			if (!have) {
				have = json_array();
				json_object_set_new(obj, key, have);
			}
			json_array_append_new(have, val);
		} else if (have) {
			/* A repetition the schema table does not know: becomes an array. */
			json_t *arr = json_array();
			json_array_append(arr, have);
			json_array_append_new(arr, val);
			json_object_set_new(obj, key, arr);
		} else {
			json_object_set_new(obj, key, val);
		}
	}
	return obj;
}

static void print_json(xmlNode *el, FILE *f)
{
	json_t *root = to_json(el);

	if (!root)
		return;
	/* Escape-free UTF-8 output, keys in document order. */
	json_dumpf(root, f, JSON_INDENT(2) | JSON_PRESERVE_ORDER);
	fputc('\n', f);
	json_decref(root);
}

/* --- tabela ------------------------------------------------------------- */

struct leaf {
	char *path;
	char *value;   /* NULL: xsi:nil */
};

struct leaves {
	struct leaf *v;
	size_t n, cap;
};

static bool leaves_add(struct leaves *l, const char *path, xmlNode *n)
{
	if (l->n == l->cap) {
		size_t cap = l->cap ? l->cap * 2 : 32;
		struct leaf *v = realloc(l->v, cap * sizeof *v);
		if (!v)
			return false;
		l->v = v;
		l->cap = cap;
	}
	l->v[l->n].path = strdup(path);
	l->v[l->n].value = is_nil(n) ? NULL : text_of(n);
	l->n++;
	return true;
}

/* Position of c among same-named siblings (1-based), 0 when it is a single one. */
static int list_index(xmlNode *parent, xmlNode *c)
{
	int pos = 0, count = 0;

	for (xmlNode *s = first_element(parent->children); s; s = next_element(s)) {
		if (!xmlStrEqual(s->name, c->name))
			continue;
		count++;
		if (s == c)
			pos = count;
	}
	return count > 1 || is_list(parent, c) ? pos : 0;
}

/* Paths as the server writes Campo: Pessoa/Telefone[2]/Numero. */
static void collect(struct leaves *l, xmlNode *parent, const char *prefix, bool top)
{
	for (xmlNode *c = first_element(parent->children); c; c = next_element(c)) {
		char *path = NULL;
		int idx;

		if (top && xmlStrEqual(c->name, BAD_CAST "Resultado"))
			continue; /* printed above the table */
		idx = list_index(parent, c);
		if (asprintf(&path, idx ? "%s%s%s[%d]" : "%s%s%s", prefix, *prefix ? "/" : "",
			     (const char *)c->name, idx) < 0)
			return;
		if (first_element(c->children))
			collect(l, c, path, false);
		else
			leaves_add(l, path, c);
		free(path);
	}
}

static void print_messages(xmlNode *res, FILE *f)
{
	char *status = text_of(child_named(res, "Status"));
	char *repro = text_of(child_named(res, "Reprocessado"));
	char *idreq = text_of(child_named(res, "IdRequisicao"));

	fputs("Resultado: ", f);
	output_clean(f, status ? status : "(ausente)", false);
	if (repro && strcmp(repro, "true") == 0)
		fputs(" (reprocessado: resposta guardada da mesma IdMensagem)", f);
	fputc('\n', f);
	for (xmlNode *m = first_element(res ? res->children : NULL); m; m = next_element(m)) {
		char *sev, *cod, *campo, *texto;
		if (!xmlStrEqual(m->name, BAD_CAST "Mensagem"))
			continue;
		sev = text_of(child_named(m, "Severidade"));
		cod = text_of(child_named(m, "Codigo"));
		campo = text_of(child_named(m, "Campo"));
		texto = text_of(child_named(m, "Texto"));
		fputs("  ", f);
		output_clean(f, sev ? sev : "?", false);
		fputs(": ", f);
		output_clean(f, cod ? cod : "?", false);
		if (campo) {
			fputs(" em ", f);
			output_clean(f, campo, false);
		}
		fputs(": ", f);
		output_clean(f, texto ? texto : "", false);
		fputc('\n', f);
		free(sev);
		free(cod);
		free(campo);
		free(texto);
	}
	if (idreq && status && strcmp(status, "Sucesso") != 0) {
		fputs("  (requisição ", f);
		output_clean(f, idreq, false);
		fputs(" nos registros do servidor)\n", f);
	}
	free(status);
	free(repro);
	free(idreq);
}

static void print_table(xmlNode *el, FILE *f)
{
	struct leaves l = { 0 };
	int width = (int)strlen("Caminho");

	print_messages(child_named(el, "Resultado"), f);
	collect(&l, el, "", true);
	for (size_t i = 0; i < l.n; i++) {
		int w = (int)strlen(l.v[i].path);
		if (w > width)
			width = w > 60 ? 60 : w;
	}
	if (l.n)
		fprintf(f, "\n%-*s  %s\n", width, "Caminho", "Valor");
	for (size_t i = 0; i < l.n; i++) {
		fprintf(f, "%-*s  ", width, l.v[i].path);
		output_clean(f, l.v[i].value ? l.v[i].value : "(nulo)", false);
		fputc('\n', f);
		free(l.v[i].path);
		free(l.v[i].value);
	}
	free(l.v);
}

void reply_print(const struct reply *r, enum output_format fmt, FILE *f)
{
	xmlNode *el = r->element;

	if (!el)
		return;
	switch (fmt) {
	case FORMAT_XML:
		print_xml(el, f);
		break;
	case FORMAT_JSON:
		print_json(el, f);
		break;
	case FORMAT_TABLE:
		if (!r->fault)
			print_table(el, f);
		break;
	}
	fflush(f);
}
