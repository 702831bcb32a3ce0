/* SPDX-License-Identifier: GPL-2.0-or-later */
/* http_get.c - GET answers: contract, help page, health (http_get.h). */
#include "core/http_get.h"

#include "core/config.h"
#include "core/db.h"
#include "core/log.h"
#include "core/server.h"
#include "core/worker.h"

#include <dirent.h>
#include <libxml/parser.h>
#include <libxml/tree.h>
#include <libxml/xpath.h>
#include <libxml/xpathInternals.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define ENDPOINT "/WSAtendimentoCadastroWeb"
#define MAX_FILES 32

struct served_file {
	char path[96];       /* request path, e.g. /xsd/pessoa.xsd */
	char *body;
	size_t len;
};

static struct served_file files[MAX_FILES];
static int n_files;
static char *wsdl_body;
static size_t wsdl_len;
static char *help_body;
static size_t help_len;

static char *read_file(const char *path, size_t *len)
{
	FILE *f = fopen(path, "rb");
	if (!f)
		return NULL;
	char *buf = NULL;
	if (fseek(f, 0, SEEK_END) == 0) {
		long n = ftell(f);
		if (n >= 0 && fseek(f, 0, SEEK_SET) == 0 && (buf = malloc((size_t)n + 1))) {
			*len = fread(buf, 1, (size_t)n, f);
			buf[*len] = '\0';
		}
	}
	fclose(f);
	return buf;
}

/* ---- help page ------------------------------------------------------------ */

struct text {
	char *s;
	size_t len, cap;
};

static void put(struct text *t, const char *s, size_t n)
{
	if (t->len + n + 1 > t->cap) {
		size_t cap = (t->cap ? t->cap * 2 : 8192) + n;
		char *p = realloc(t->s, cap);
		if (!p)
			return;
		t->s = p;
		t->cap = cap;
	}
	memcpy(t->s + t->len, s, n);
	t->len += n;
	t->s[t->len] = '\0';
}

static void puts_raw(struct text *t, const char *s)
{
	put(t, s, strlen(s));
}

static void puts_html(struct text *t, const char *s)
{
	for (; s && *s; s++) {
		switch (*s) {
		case '<': puts_raw(t, "&lt;"); break;
		case '>': puts_raw(t, "&gt;"); break;
		case '&': puts_raw(t, "&amp;"); break;
		case '"': puts_raw(t, "&quot;"); break;
		default: put(t, s, 1);
		}
	}
}

static void sample_request(struct text *t, const struct config *cfg, const char *op)
{
	char path[512];
	snprintf(path, sizeof path, "%.300s/samples/%.100s.xml", cfg->wsdl_dir, op);
	size_t len;
	char *sample = read_file(path, &len);
	if (sample) {
		puts_html(t, sample);
		free(sample);
		return;
	}
	char buf[1024];
	snprintf(buf, sizeof buf,
		 "POST " ENDPOINT " HTTP/1.1\nContent-Type: text/xml; charset=utf-8\n"
		 "SOAPAction: \"http://wsatend.org/WSAtendimentoCadastroWeb/v1/%s\"\n\n"
		 "<soap:Envelope xmlns:soap=\"http://schemas.xmlsoap.org/soap/envelope/\"\n"
		 "               xmlns:ws=\"http://wsatend.org/WSAtendimentoCadastroWeb/v1\">\n"
		 "  <soap:Body>\n    <ws:%s>\n      <ws:Cabecalho>\n"
		 "        <ws:IdMensagem>8d0c2f3e-5b7a-4c1e-9f00-000000000001</ws:IdMensagem>\n"
		 "        <ws:Empresa>01</ws:Empresa>\n      </ws:Cabecalho>\n"
		 "      <!-- see the schema of %s -->\n    </ws:%s>\n  </soap:Body>\n</soap:Envelope>\n",
		 op, op, op, op);
	puts_html(t, buf);
}

static bool build_help(const struct config *cfg)
{
	xmlDocPtr doc = xmlReadMemory(wsdl_body, (int)wsdl_len, "wsdl", NULL, XML_PARSE_NONET);
	if (!doc)
		return false;
	xmlXPathContextPtr ctx = xmlXPathNewContext(doc);
	xmlXPathRegisterNs(ctx, BAD_CAST "wsdl", BAD_CAST "http://schemas.xmlsoap.org/wsdl/");
	xmlXPathObjectPtr ops = xmlXPathEvalExpression(BAD_CAST "/wsdl:definitions/wsdl:portType/wsdl:operation", ctx);
	struct text t = {0};
	puts_raw(&t, "<!DOCTYPE html>\n<html lang=\"pt-BR\"><head><meta charset=\"utf-8\">"
		     "<title>WSAtendimentoCadastroWeb</title><style>"
		     "body{font-family:sans-serif;max-width:60em;margin:2em auto;color:#222}"
		     "pre{background:#f4f4f4;padding:1em;overflow:auto}h2{border-top:1px solid #ccc;padding-top:1em}"
		     "</style></head><body><h1>WSAtendimentoCadastroWeb</h1>"
		     "<p>Serviço SOAP (1.1 e 1.2, document/literal) de atendimentos, pessoas e veículos."
		     " Contrato: <a href=\"" ENDPOINT "?wsdl\">" ENDPOINT "?wsdl</a>."
		     " Autenticação: WS-Security UsernameToken (PasswordText) ou HTTP Basic,"
		     " usuário no formato <code>login@grupo</code>.</p><h2>Operações</h2><ul>");
	int n = ops && ops->nodesetval ? ops->nodesetval->nodeNr : 0;
	for (int i = 0; i < n; i++) {
		xmlChar *name = xmlGetProp(ops->nodesetval->nodeTab[i], BAD_CAST "name");
		puts_raw(&t, "<li><a href=\"#");
		puts_html(&t, (const char *)name);
		puts_raw(&t, "\">");
		puts_html(&t, (const char *)name);
		puts_raw(&t, "</a></li>");
		xmlFree(name);
	}
	puts_raw(&t, "</ul>");
	for (int i = 0; i < n; i++) {
		xmlNodePtr op = ops->nodesetval->nodeTab[i];
		xmlChar *name = xmlGetProp(op, BAD_CAST "name");
		puts_raw(&t, "<h2 id=\"");
		puts_html(&t, (const char *)name);
		puts_raw(&t, "\">");
		puts_html(&t, (const char *)name);
		puts_raw(&t, "</h2><p>");
		for (xmlNodePtr c = op->children; c; c = c->next)
			if (c->type == XML_ELEMENT_NODE && !xmlStrcmp(c->name, BAD_CAST "documentation")) {
				xmlChar *doctext = xmlNodeGetContent(c);
				puts_html(&t, (const char *)doctext);
				xmlFree(doctext);
			}
		puts_raw(&t, "</p><pre>");
		sample_request(&t, cfg, (const char *)name);
		puts_raw(&t, "</pre>");
		xmlFree(name);
	}
	puts_raw(&t, "</body></html>\n");
	xmlXPathFreeObject(ops);
	xmlXPathFreeContext(ctx);
	xmlFreeDoc(doc);
	help_body = t.s;
	help_len = t.len;
	return help_body != NULL;
}

bool http_get_init(const struct config *cfg)
{
	char path[512];
	snprintf(path, sizeof path, "%.400s/WSAtendimentoCadastroWeb.wsdl", cfg->wsdl_dir);
	wsdl_body = read_file(path, &wsdl_len);
	if (!wsdl_body) {
		log_error("cannot read the contract %s", path);
		return false;
	}
	snprintf(path, sizeof path, "%.400s/xsd", cfg->wsdl_dir);
	DIR *dir = opendir(path);
	for (struct dirent *e; dir && (e = readdir(dir)) && n_files < MAX_FILES;) {
		size_t n = strlen(e->d_name);
		if (n < 5 || n > 60 || strcmp(e->d_name + n - 4, ".xsd"))
			continue;
		char file[600];
		snprintf(file, sizeof file, "%.400s/%.100s", path, e->d_name);
		struct served_file *f = &files[n_files];
		f->body = read_file(file, &f->len);
		if (f->body) {
			snprintf(f->path, sizeof f->path, "/xsd/%.60s", e->d_name);
			n_files++;
		}
	}
	if (dir)
		closedir(dir);
	if (!build_help(cfg)) {
		log_error("cannot build the help page from %s", cfg->wsdl_dir);
		return false;
	}
	return true;
}

void http_get_release(void)
{
	for (int i = 0; i < n_files; i++)
		free(files[i].body);
	n_files = 0;
	free(wsdl_body);
	free(help_body);
	wsdl_body = help_body = NULL;
	xmlCleanupParser();
}

static int respond(struct soap *soap, int status, const char *type, const char *body, size_t len)
{
	worker_of(soap)->http_status = status;
	soap->http_content = type;
	if (soap_response(soap, status == 200 ? SOAP_FILE : SOAP_FILE + status) ||
	    soap_send_raw(soap, body, len) || soap_end_send(soap))
		return soap_closesock(soap);
	return SOAP_OK;
}

static bool database_ok(struct worker *w)
{
	return db_ready(w->db) && db_command(w->db, "SELECT 1") == DB_OK;
}

int http_get(struct soap *soap)
{
	struct worker *w = worker_of(soap);
	const char *path = soap->path;
	w->req.operation = "GET";
	w->outcome = "200";
	if (!strcmp(path, ENDPOINT "?wsdl") || !strcmp(path, ENDPOINT "?WSDL") ||
	    !strcmp(path, ENDPOINT ".wsdl"))
		return respond(soap, 200, "text/xml; charset=utf-8", wsdl_body, wsdl_len);
	if (!strcmp(path, ENDPOINT) || !strcmp(path, ENDPOINT "/"))
		return respond(soap, 200, "text/html; charset=utf-8", help_body, help_len);
	for (int i = 0; i < n_files; i++)
		if (!strcmp(path, files[i].path))
			return respond(soap, 200, "text/xml; charset=utf-8", files[i].body, files[i].len);
	if (!strcmp(path, "/livez"))
		return respond(soap, 200, "text/plain", "ok\n", 3);
	if (!strcmp(path, "/readyz")) {
		if (server_draining()) {
			w->outcome = "503";
			return respond(soap, 503, "text/plain", "draining\n", 9);
		}
		if (!database_ok(w)) {
			w->outcome = "503";
			return respond(soap, 503, "text/plain", "database unavailable\n", 21);
		}
		return respond(soap, 200, "text/plain", "ready\n", 6);
	}
	w->outcome = "404";
	return respond(soap, 404, "text/plain", "not found\n", 10);
}
