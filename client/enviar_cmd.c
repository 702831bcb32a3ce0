/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * enviar_cmd.c - `wsatend enviar ARQUIVO.xml`: posts a complete SOAP envelope as
 * is, for support ("send exactly what the customer's ERP sent").
 *
 * Nothing in the file is changed: no Cabecalho, no credentials are added (put the
 * wsse:Security header in the file if the operation needs one). The SOAP version
 * and the SOAPAction come from the envelope itself; the answer is printed and
 * mapped to an exit code like any other command.
 */
#include "commands.h"

#include <libxml/parser.h>
#include <libxml/tree.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define MAX_FILE ((size_t)16 << 20)
#define SOAP11_ENV "http://schemas.xmlsoap.org/soap/envelope/"
#define SOAP12_ENV "http://www.w3.org/2003/05/soap-envelope"

static const struct opt enviar_opts[] = {
	{ "acao", OPT_TEXT, 0, "SOAPACTION",
	  "SOAPAction (padrão: namespace/nome do elemento do Body)", NULL, 0 },
	{ NULL, 0, 0, NULL, NULL, NULL, 0 },
};

/* The whole file ("-": standard input) in a malloc'd buffer. */
static char *slurp(const char *path, size_t *len)
{
	FILE *f = strcmp(path, "-") == 0 ? stdin : fopen(path, "rb");
	char *buf = NULL;
	size_t n = 0, cap = 0;

	if (!f)
		return NULL;
	for (;;) {
		char *nb;
		size_t got;
		if (n == cap) {
			cap = cap ? cap * 2 : 65536;
			if (cap > MAX_FILE + 1 || !(nb = realloc(buf, cap)))
				break;
			buf = nb;
		}
		got = fread(buf + n, 1, cap - n, f);
		n += got;
		if (got == 0)
			break;
	}
	if (f != stdin)
		fclose(f);
	if (n > MAX_FILE || !buf) {
		free(buf);
		return NULL;
	}
	*len = n;
	return buf;
}

/* Checks the envelope; fills the SOAP version and the default action. */
static bool inspect(struct soap *soap, const char *body, size_t len, int *version, char **action,
		    const char **op)
{
	xmlDoc *doc = xmlReadMemory(body, (int)len, NULL, NULL,
				    XML_PARSE_NONET | XML_PARSE_NOERROR | XML_PARSE_NOWARNING);
	xmlNode *env = doc ? xmlDocGetRootElement(doc) : NULL, *b = NULL, *el = NULL;
	bool ok = false;

	if (env && env->ns && xmlStrEqual(env->name, BAD_CAST "Envelope")) {
		*version = xmlStrEqual(env->ns->href, BAD_CAST SOAP12_ENV) ? 2
			   : xmlStrEqual(env->ns->href, BAD_CAST SOAP11_ENV) ? 1
									   : 0;
		for (xmlNode *c = env->children; c && !b; c = c->next)
			if (c->type == XML_ELEMENT_NODE && xmlStrEqual(c->name, BAD_CAST "Body"))
				b = c;
		for (xmlNode *c = b ? b->children : NULL; c && !el; c = c->next)
			if (c->type == XML_ELEMENT_NODE)
				el = c;
	}
	if (el && *version) {
		*op = soap_strdup(soap, (const char *)el->name);
		if (!*action && el->ns) {
			size_t n = (size_t)xmlStrlen(el->ns->href) + xmlStrlen(el->name) + 2;
			char *a = soap_malloc(soap, n);
			if (a)
				snprintf(a, n, "%s/%s", (const char *)el->ns->href, (const char *)el->name);
			*action = a;
		}
		ok = *op != NULL;
	}
	xmlFreeDoc(doc);
	return ok;
}

static int enviar(struct session *s, const struct args *a)
{
	const char *path = a->positional;
	char *action = args_text(s->soap, a, "acao");
	const char *op = NULL;
	size_t len = 0;
	int version = 0, rc;
	char *body = slurp(path, &len);

	if (!body) {
		fprintf(stderr, "wsatend: enviar: não foi possível ler %s (ausente ou maior que 16 MiB)\n", path);
		return EXIT_USAGE;
	}
	if (len > (size_t)INT32_MAX || !inspect(s->soap, body, len, &version, &action, &op)) {
		fprintf(stderr, "wsatend: enviar: %s não é um envelope SOAP 1.1 ou 1.2 com um elemento no Body\n", path);
		free(body);
		return EXIT_USAGE;
	}
	s->operation = op;
	rc = session_post_raw(s, action, version, body, len);
	free(body);
	return rc;
}

static const struct command commands[] = {
	{ NULL, "(a do envelope)", "envia um envelope SOAP completo, sem alterá-lo",
	  enviar_opts, "ARQUIVO.xml", true, enviar },
	{ NULL, NULL, NULL, NULL, NULL, false, NULL },
};

const struct area enviar_area = {
	"enviar", "envia um envelope SOAP pronto (suporte)", commands,
};
