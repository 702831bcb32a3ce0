/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * lote_xml.c - XML input of `wsatend lote enviar` (lote.h): an <ArquivoLote> of
 * <Pessoa>, <Veiculo>, <Atendimento> or <Agendamento> elements (wsdl/xsd/lote.xsd),
 * streamed with libxml2's xmlTextReader and validated against the contract's schema
 * while it is read.
 *
 * The rule to know: a file that is not well-formed XML is refused as a whole
 * (nothing is sent); a record the schema refuses is rejected alone, with the line
 * of its element and the validator's message, and the others go on. A record's
 * elements reach its fields by their path (lote_field.path), so the same values
 * as a CSV line come out, checked and sent the same way.
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

/* The field a path names: "Telefone[2]/Numero" exactly; list fields (Servico,
 * Peca) by the path without occurrence marks, as every occurrence adds an item. */
static int field_at(const struct lote_type *t, const char *path, const char *plain)
{
	for (int i = 0; t->fields[i].name; i++) {
		const struct lote_field *f = &t->fields[i];
		bool list = f->kind == LOTE_CODES || f->kind == LOTE_PARTS;
		if (!strcmp(f->path, list ? plain : path))
			return i;
	}
	return -1;
}

static char *content(const xmlNode *n)
{
	xmlChar *t = xmlNodeGetContent(n);
	char *s = t ? strdup((const char *)t) : NULL;
	xmlFree(t);
	return s;
}

static bool child_elements(const xmlNode *n)
{
	for (const xmlNode *c = n->children; c; c = c->next)
		if (c->type == XML_ELEMENT_NODE)
			return true;
	return false;
}

static const xmlNode *child(const xmlNode *n, const char *name)
{
	for (const xmlNode *c = n->children; c; c = c->next)
		if (c->type == XML_ELEMENT_NODE && !strcmp((const char *)c->name, name))
			return c;
	return NULL;
}

/* A list field gets one more item: "A" then "A|B". */
static void append(struct lote_record *r, int i, const char *item)
{
	char *old = r->values[i];
	size_t n = (old ? strlen(old) + 1 : 0) + strlen(item) + 1;
	char *s = malloc(n);
	if (!s)
		return;
	snprintf(s, n, "%s%s%s", old ? old : "", old ? "|" : "", item);
	free(old);
	r->values[i] = s;
}

/* Every element under n, by its path from the record ("Prospect/Telefone/Numero"; the
 * k-th sibling of one name is "Name[k]"). */
static void walk(const struct lote_type *t, struct lote_record *r, const xmlNode *n, const char *path,
		 const char *plain)
{
	for (const xmlNode *c = n->children; c; c = c->next) {
		if (c->type != XML_ELEMENT_NODE)
			continue;
		int k = 1;
		for (const xmlNode *p = c->prev; p; p = p->prev)
			k += p->type == XML_ELEMENT_NODE && !strcmp((const char *)p->name, (const char *)c->name);
		char cpath[512], cplain[512];
		const char *sep = *path ? "/" : "";
		if (k > 1)
			snprintf(cpath, sizeof cpath, "%s%s%s[%d]", path, sep, (const char *)c->name, k);
		else
			snprintf(cpath, sizeof cpath, "%s%s%s", path, sep, (const char *)c->name);
		snprintf(cplain, sizeof cplain, "%s%s%s", plain, sep, (const char *)c->name);
		int i = field_at(t, cpath, cplain);
		if (i >= 0 && t->fields[i].kind == LOTE_PARTS) {
			const xmlNode *code = child(c, "Codigo"), *qty = child(c, "Quantidade");
			char *cs = code ? content(code) : NULL, *qs = qty ? content(qty) : NULL;
			char item[256];
			snprintf(item, sizeof item, "%s:%s", cs ? cs : "", qs ? qs : "");
			append(r, i, item);
			free(cs);
			free(qs);
		} else if (child_elements(c)) {
			walk(t, r, c, cpath, cplain);
		} else if (i >= 0 && t->fields[i].kind == LOTE_CODES) {
			char *v = content(c);
			if (v)
				append(r, i, v);
			free(v);
		} else if (i >= 0 && !r->values[i]) {
			r->values[i] = content(c);
		}
	}
}

int lote_read_xml(const char *path, const char *schema_dir, struct lote_input *in)
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
	bool root_seen = false;
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
		const struct lote_type *t = lote_type_of_element(name);
		if (!in->type && t)
			in->type = t;
		xmlNodePtr node = xmlTextReaderExpand(rd);
		int line = node ? (int)xmlGetLineNo(node) : xmlTextReaderGetParserLineNumber(rd);
		struct lote_record *r = lote_add(in, line);
		if (!r) {
			rc = 3;
			break;
		}
		if (!t || t != in->type)
			lote_reject_local(r, "ESTRUTURA_INVALIDA", name, "Linha %d: <%s> num arquivo de %s.", line, name,
					  in->type ? in->type->plural : "registros");
		else if (node)
			walk(t, r, node, "", "");	/* now: the reader frees nodes it has passed */
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
			lote_check_values(in->type, &in->rec[i]);
	free(er.e);
	xmlFreeTextReader(rd);
	xmlSchemaFree(schema);
	if (!rc)
		fprintf(stderr, "wsatend: lote: %s: %zu registro%s\n", path, in->n, in->n == 1 ? "" : "s");
	return rc;
}
