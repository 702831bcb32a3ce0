/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * lote_xml.c - XML input of `wsatend lote enviar` (lote.h): an <ArquivoLote> of
 * <Pessoa> or <Veiculo> elements (wsdl/xsd/lote.xsd), streamed with libxml2's
 * xmlTextReader and validated against the contract's schema while it is read.
 *
 * The rule to know: a file that is not well-formed XML is refused as a whole
 * (nothing is sent); a record the schema refuses is rejected alone, with the line
 * of its element and the validator's message, and the others go on.
 */
#include "lote.h"

#include <dirent.h>
#include <libxml/xmlreader.h>
#include <libxml/xmlschemas.h>
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#define NS "http://wsatend.org/WSAtendimentoCadastroWeb/v1"

/* Validation runs as the parser reads (ahead of the reader), so errors are kept
 * with their line and given to records afterwards. */
struct error {
	int line;
	char text[400];
};

struct errors {
	struct error *e;
	int n, cap;
};

static void on_error(void *ctx, xmlErrorPtr e)
{
	struct errors *er = ctx;
	if (er->n == er->cap) {
		int cap = er->cap ? er->cap * 2 : 16;
		struct error *p = realloc(er->e, (size_t)cap * sizeof *p);
		if (!p)
			return;
		er->e = p;
		er->cap = cap;
	}
	struct error *x = &er->e[er->n++];
	x->line = e->line;
	snprintf(x->text, sizeof x->text, "%s", e->message ? e->message : "?");
	size_t n = strlen(x->text);
	while (n && (x->text[n - 1] == '\n' || x->text[n - 1] == ' '))
		x->text[--n] = '\0';
}

/* The record an error line falls in: the last one starting at or before it. */
static struct lote_record *record_at(struct lote_input *in, int line)
{
	struct lote_record *r = NULL;
	for (size_t i = 0; i < in->n && in->rec[i].line <= line; i++)
		r = &in->rec[i];
	return r;
}

/* The contract's schema: one in-memory document including every file of dir. */
static xmlSchemaPtr load_schema(const char *dir)
{
	char real[PATH_MAX];
	if (!realpath(dir, real)) {
		fprintf(stderr, "wsatend: lote: esquema: %s não encontrado (use --esquema DIR)\n", dir);
		return NULL;
	}
	DIR *d = opendir(real);
	if (!d)
		return NULL;
	size_t cap = 4096, len = 0;
	char *doc = malloc(cap);
	len += (size_t)snprintf(doc, cap,
				"<xs:schema xmlns:xs=\"http://www.w3.org/2001/XMLSchema\" targetNamespace=\"" NS
				"\" elementFormDefault=\"qualified\">");
	struct dirent *e;
	while (doc && (e = readdir(d))) {
		size_t n = strlen(e->d_name);
		if (n < 5 || strcmp(e->d_name + n - 4, ".xsd"))
			continue;
		if (len + strlen(real) + n + 64 > cap) {
			cap *= 2;
			char *p = realloc(doc, cap);
			if (!p) {
				free(doc);
				doc = NULL;
				break;
			}
			doc = p;
		}
		len += (size_t)snprintf(doc + len, cap - len, "<xs:include schemaLocation=\"file://%s/%s\"/>", real,
					e->d_name);
	}
	closedir(d);
	if (!doc)
		return NULL;
	snprintf(doc + len, cap - len, "</xs:schema>");
	xmlSchemaParserCtxtPtr pc = xmlSchemaNewMemParserCtxt(doc, (int)strlen(doc));
	xmlSchemaPtr schema = pc ? xmlSchemaParse(pc) : NULL;
	xmlSchemaFreeParserCtxt(pc);
	free(doc);
	if (!schema)
		fprintf(stderr, "wsatend: lote: o esquema em %s não pôde ser lido\n", real);
	return schema;
}

static bool named(const xmlNode *n, const char *name)
{
	return n->type == XML_ELEMENT_NODE && !strcmp((const char *)n->name, name);
}

static void set(struct lote_input *in, struct lote_record *r, const char *field, const xmlNode *n)
{
	int i = lote_field_index(in->tipo, field);
	if (i < 0 || r->values[i])
		return;
	xmlChar *t = xmlNodeGetContent(n);
	r->values[i] = t ? strdup((const char *)t) : NULL;
	xmlFree(t);
}

static void fields(struct lote_input *in, struct lote_record *r, const xmlNode *rec)
{
	int phones = 0;
	for (const xmlNode *c = rec->children; c; c = c->next) {
		if (c->type != XML_ELEMENT_NODE)
			continue;
		if (named(c, "Endereco") && in->tipo == LOTE_PESSOA) {
			for (const xmlNode *a = c->children; a; a = a->next)
				if (a->type == XML_ELEMENT_NODE)
					set(in, r, (const char *)a->name, a);
		} else if (named(c, "Telefone")) {
			phones++;
			for (const xmlNode *a = c->children; a; a = a->next) {
				if (named(a, "Numero"))
					set(in, r, phones == 1 ? "Telefone" : "Telefone2", a);
				else if (named(a, "WhatsApp") && phones == 1)
					set(in, r, "WhatsApp", a);
			}
		} else if (named(c, "Email")) {
			for (const xmlNode *a = c->children; a; a = a->next)
				if (named(a, "Endereco"))
					set(in, r, "Email", a);
		} else {
			set(in, r, (const char *)c->name, c);
		}
	}
}

int lote_read_xml(const char *path, const char *schema_dir, struct lote_input *in, bool tipo_given)
{
	xmlSchemaPtr schema = load_schema(schema_dir);
	if (!schema)
		return 2;
	struct errors er = {NULL, 0, 0};
	xmlTextReaderPtr rd = xmlReaderForFile(path, NULL, XML_PARSE_NONET);
	if (!rd) {
		fprintf(stderr, "wsatend: lote: %s: não foi possível abrir\n", path);
		xmlSchemaFree(schema);
		return 2;
	}
	xmlTextReaderSetStructuredErrorHandler(rd, on_error, &er);
	int rc = xmlTextReaderSetSchema(rd, schema) == 0 ? 0 : 2;
	bool root_seen = false, typed = tipo_given;
	int ret = 1;
	while (!rc) {
		if ((ret = xmlTextReaderRead(rd)) != 1)
			break;
		if (xmlTextReaderNodeType(rd) != XML_READER_TYPE_ELEMENT)
			continue;
		const char *name = (const char *)xmlTextReaderConstLocalName(rd);
		int depth = xmlTextReaderDepth(rd);
		if (depth == 0) {
			root_seen = true;
			continue;
		}
		if (depth != 1)
			continue;
		enum lote_tipo t = !strcmp(name, "Pessoa") ? LOTE_PESSOA : LOTE_VEICULO;
		if (!typed) {
			in->tipo = t;
			typed = true;
		}
		xmlNodePtr node = xmlTextReaderExpand(rd);
		int line = node ? (int)xmlGetLineNo(node) : xmlTextReaderGetParserLineNumber(rd);
		struct lote_record *r = lote_add(in, line);
		if (!r) {
			rc = 3;
			break;
		}
		if (t != in->tipo)
			lote_reject_local(r, "ESTRUTURA_INVALIDA", name, "Linha %d: <%s> num arquivo de %s.", line, name,
					  in->tipo == LOTE_PESSOA ? "pessoas" : "veículos");
		else if (node)
			fields(in, r, node);	/* now: the reader frees nodes it has passed */
		/* walk the record node by node: the schema is checked as the reader moves */
		if (!xmlTextReaderIsEmptyElement(rd))
			while ((ret = xmlTextReaderRead(rd)) == 1 &&
			       !(xmlTextReaderDepth(rd) == 1 && xmlTextReaderNodeType(rd) == XML_READER_TYPE_END_ELEMENT))
				;
		if (r->state == LOTE_PENDING && !node)
			lote_reject_local(r, "ESTRUTURA_INVALIDA", name, "Linha %d: elemento ilegível.", line);
		if (ret != 1)
			break;
	}
	if (!rc && (ret < 0 || !root_seen)) {
		fprintf(stderr, "wsatend: lote: %s: não é XML bem formado (perto da linha %d); nada foi enviado\n", path,
			xmlTextReaderGetParserLineNumber(rd));
		rc = 2;
	}
	for (int i = 0; !rc && i < er.n; i++) {
		struct lote_record *r = record_at(in, er.e[i].line);
		if (!r) {
			fprintf(stderr, "wsatend: lote: %s:%d: fora do esquema do contrato: %s; nada foi enviado\n", path,
				er.e[i].line, er.e[i].text);
			rc = 2;
		} else if (r->state == LOTE_PENDING) {
			lote_reject_local(r, "ESTRUTURA_INVALIDA", NULL, "Linha %d fora do esquema do contrato: %s",
					  er.e[i].line, er.e[i].text);
		}
	}
	for (size_t i = 0; !rc && i < in->n; i++)
		if (in->rec[i].state == LOTE_PENDING)
			lote_check_values(in->tipo, &in->rec[i]);
	free(er.e);
	xmlFreeTextReader(rd);
	xmlSchemaFree(schema);
	if (!rc)
		fprintf(stderr, "wsatend: lote: %s: %zu registro%s\n", path, in->n, in->n == 1 ? "" : "s");
	return rc;
}
