/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * session.c - the gSOAP client context on libcurl, the WS-Security and Cabecalho
 * headers, and the mapping of every outcome to one exit code.
 *
 * Transport: gSOAP's curlapi plugin, registered first, on a CURL handle we own so
 * that we can set TLS options, read the HTTP status and the X-Request-ID header,
 * and tell "no answer" from "the server said no". Around the plugin's callbacks we
 * record the bytes received (the printer works on the raw XML), and with -vv the
 * bytes sent.
 *
 * The rule to know: a SOAP fault whose curl error buffer is set was made up by the
 * plugin (connection refused, timeout...), not sent by the server; it is a
 * transport error (exit 3), never a Client fault (exit 5).
 */
#include "session.h"
#include "output.h"

#include "curlapi.h"

#include <libxml/parser.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <time.h>
#include <uuid/uuid.h>

#define CONTRACT_NS "http://wsatend.org/WSAtendimentoCadastroWeb/v1"

/*
 * Our own namespace table instead of generated/WSAtendimentoCadastroWebSoap.nsmap:
 * that one lists SOAP 1.2 first (the WSDL has both bindings) and the first row
 * decides the envelope a gSOAP client sends; the service's SOAP 1.1 endpoint is what
 * integrators use. The wsse/wsu URIs are the OASIS ones, as in wsdl/typemap.dat
 * (without its "//gsoap wsse schema namespace:" lines soapcpp2 would bind them to
 * http://tempuri.org/ and no other WS-Security stack would understand the header).
 */
SOAP_NMAC struct Namespace namespaces[] = {
	{ "SOAP-ENV", "http://schemas.xmlsoap.org/soap/envelope/", "http://www.w3.org/*/soap-envelope", NULL },
	{ "SOAP-ENC", "http://schemas.xmlsoap.org/soap/encoding/", "http://www.w3.org/*/soap-encoding", NULL },
	{ "xsi", "http://www.w3.org/2001/XMLSchema-instance", "http://www.w3.org/*/XMLSchema-instance", NULL },
	{ "xsd", "http://www.w3.org/2001/XMLSchema", "http://www.w3.org/*/XMLSchema", NULL },
	{ "wsu", "http://docs.oasis-open.org/wss/2004/01/oasis-200401-wss-wssecurity-utility-1.0.xsd", NULL, NULL },
	{ "wsse", "http://docs.oasis-open.org/wss/2004/01/oasis-200401-wss-wssecurity-secext-1.0.xsd", NULL, NULL },
	{ "ws", CONTRACT_NS, NULL, NULL },
	{ NULL, NULL, NULL, NULL },
};

#define PASSWORD_TEXT                                                                    \
	"http://docs.oasis-open.org/wss/2004/01/oasis-200401-wss-username-token-profile-1.0" \
	"#PasswordText"
#define RECV_MAX ((size_t)64 << 20) /* far above any page of 500 items */
#define CONNECT_TIMEOUT_S 10

static long long now_ms(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (long long)ts.tv_sec * 1000 + ts.tv_nsec / 1000000;
}

bool session_global_init(void)
{
	xmlInitParser();
	return curl_global_init(CURL_GLOBAL_DEFAULT) == CURLE_OK;
}

void session_global_cleanup(void)
{
	curl_global_cleanup();
	xmlCleanupParser();
}

static bool buf_add(struct rawbuf *b, const char *p, size_t n)
{
	if (b->len + n + 1 > b->cap) {
		size_t cap = b->cap ? b->cap : 8192;
		char *d;
		while (cap < b->len + n + 1)
			cap *= 2;
		if (!(d = realloc(b->data, cap)))
			return false;
		b->data = d;
		b->cap = cap;
	}
	memcpy(b->data + b->len, p, n);
	b->len += n;
	b->data[b->len] = '\0';
	return true;
}

static void buf_free(struct rawbuf *b, bool wipe)
{
	if (b->data && wipe)
		explicit_bzero(b->data, b->cap);
	free(b->data);
	memset(b, 0, sizeof *b);
}

/* --- callbacks around the plugin ------------------------------------------ */

static size_t record_recv(struct soap *soap, char *buf, size_t len)
{
	struct session *s = soap->user;
	size_t n = s->plugin_frecv(soap, buf, len);

	if (n && (s->recv.len + n > RECV_MAX || !buf_add(&s->recv, buf, n))) {
		soap->error = SOAP_EOM;
		return 0;
	}
	return n;
}

static int record_send(struct soap *soap, const char *buf, size_t len)
{
	struct session *s = soap->user;

	buf_add(&s->sent, buf, len);
	return s->plugin_fsend(soap, buf, len);
}

static int logged_connect(struct soap *soap, const char *endpoint, const char *host, int port)
{
	struct session *s = soap->user;

	s->started_ms = now_ms();
	s->recv.len = 0;
	if (s->st->verbose)
		fprintf(stderr, "wsatend: POST %s (%s%s%s)\n", endpoint, s->operation,
			s->id_mensagem[0] ? ", IdMensagem " : "", s->id_mensagem);
	return s->plugin_fconnect(soap, endpoint, host, port);
}

/* Keeps X-Request-ID (set by the server or the proxy in front) for messages. */
static size_t header_line(char *line, size_t size, size_t n, void *user)
{
	struct session *s = user;
	size_t len = size * n;
	static const char name[] = "x-request-id:";

	if (len > sizeof name && strncasecmp(line, name, sizeof name - 1) == 0) {
		const char *v = line + sizeof name - 1;
		size_t vl = len - (sizeof name - 1);
		while (vl && (*v == ' ' || *v == '\t'))
			v++, vl--;
		while (vl && (v[vl - 1] == '\r' || v[vl - 1] == '\n' || v[vl - 1] == ' '))
			vl--;
		if (vl >= sizeof s->request_id)
			vl = sizeof s->request_id - 1;
		memcpy(s->request_id, v, vl);
		s->request_id[vl] = '\0';
	}
	return len;
}

/* The plugin's curl error text; empty when libcurl completed the exchange. */
static const char *transport_error(struct session *s)
{
	struct soap_curl_data *d = soap_lookup_plugin(s->soap, soap_curl_id);

	return d ? d->buf : "";
}

static long http_status(struct session *s)
{
	long code = 0;

	curl_easy_getinfo(s->curl, CURLINFO_RESPONSE_CODE, &code);
	return code;
}

/*
 * The curl plugin keeps the whole answer in memory before gSOAP reads a byte, so
 * gSOAP's recv_maxlength comes too late to protect us: stop libcurl itself.
 */
static int limit_download(void *user, curl_off_t dltotal, curl_off_t dlnow, curl_off_t ultotal,
			  curl_off_t ulnow)
{
	struct session *s = user;

	(void)dltotal, (void)ultotal, (void)ulnow;
	if (dlnow <= (curl_off_t)RECV_MAX)
		return 0;
	s->too_big = true;
	return 1; /* aborts the transfer: CURLE_ABORTED_BY_CALLBACK */
}

/*
 * The contract may grow within v1: a new optional element at the end of a response
 * (wsdl/README.md, "Versioning"). SOAP_XML_STRICT alone rejects any element it does
 * not know, which would break this client on such a change. With this hook strict
 * mode still checks everything the client knows (types, required elements,
 * occurrences) while an unknown element of the contract's namespace is skipped; the
 * printer reads the raw XML, so it still shows it. Anything else stays an error.
 */
static int skip_contract_additions(struct soap *soap, const char *tag)
{
	const char *ns = soap_current_namespace_tag(soap, tag);

	if (soap->part == SOAP_IN_HEADER || (ns && strcmp(ns, CONTRACT_NS) == 0))
		return SOAP_OK;
	return soap->error = SOAP_TAG_MISMATCH;
}

/* --- open / close ------------------------------------------------------- */

static bool setup_curl(struct session *s)
{
	CURL *c = s->curl;

	/* Only web protocols: a URL from a config file must not read file:// paths. */
	return curl_easy_setopt(c, CURLOPT_PROTOCOLS_STR, "http,https") == CURLE_OK &&
	       /* A compressing server or proxy is decoded here; gSOAP sees plain XML. */
	       curl_easy_setopt(c, CURLOPT_ACCEPT_ENCODING, "") == CURLE_OK &&
	       curl_easy_setopt(c, CURLOPT_HEADERFUNCTION, header_line) == CURLE_OK &&
	       curl_easy_setopt(c, CURLOPT_HEADERDATA, s) == CURLE_OK &&
	       curl_easy_setopt(c, CURLOPT_MAXFILESIZE_LARGE, (curl_off_t)RECV_MAX) == CURLE_OK &&
	       curl_easy_setopt(c, CURLOPT_XFERINFOFUNCTION, limit_download) == CURLE_OK &&
	       curl_easy_setopt(c, CURLOPT_XFERINFODATA, s) == CURLE_OK &&
	       curl_easy_setopt(c, CURLOPT_NOPROGRESS, 0L) == CURLE_OK &&
	       (!s->st->cacert || curl_easy_setopt(c, CURLOPT_CAINFO, s->st->cacert) == CURLE_OK);
}

static bool attach_credentials(struct session *s)
{
	struct soap *soap = s->soap;
	struct SOAP_ENV__Header *h = soap_new_SOAP_ENV__Header(soap, 1);
	struct _wsse__Security *sec = soap_new__wsse__Security(soap, 1);
	struct wsse__UsernameToken *tok = soap_new_wsse__UsernameToken(soap, 1);
	struct wsse__Password *pw = soap_new_wsse__Password(soap, 1);

	if (!h || !sec || !tok || !pw)
		return false;
	tok->Username = soap_strdup(soap, s->st->usuario);
	pw->__item = soap_strdup(soap, s->st->senha);
	pw->Type = soap_strdup(soap, PASSWORD_TEXT);
	tok->Password = pw;
	sec->UsernameToken = tok;
	h->wsse__Security = sec;
	soap->header = h;
	return tok->Username && pw->__item && pw->Type;
}

int session_open(struct session *s, const struct settings *st, const char *operation,
		 bool with_credentials)
{
	memset(s, 0, sizeof *s);
	s->st = st;
	s->url = st->url;
	s->operation = operation;
	if (st->id_mensagem) {
		snprintf(s->id_mensagem, sizeof s->id_mensagem, "%s", st->id_mensagem);
	} else {
		uuid_t u;
		uuid_generate_random(u);
		uuid_unparse_lower(u, s->id_mensagem);
	}
	/* UTF-8 strings both ways; strict validation of what comes back. */
	s->soap = soap_new2(SOAP_C_UTFSTRING | SOAP_XML_STRICT, SOAP_C_UTFSTRING | SOAP_XML_INDENT);
	s->curl = curl_easy_init();
	if (!s->soap || !s->curl || !setup_curl(s) ||
	    soap_register_plugin_arg(s->soap, soap_curl, s->curl) != SOAP_OK) {
		fprintf(stderr, "wsatend: não foi possível preparar o cliente (memória?)\n");
		return EXIT_TRANSPORT;
	}
	s->soap->user = s;
	s->soap->fignore = skip_contract_additions;
	s->plugin_fconnect = s->soap->fconnect;
	s->soap->fconnect = logged_connect;
	s->plugin_frecv = s->soap->frecv;
	s->soap->frecv = record_recv;
	if (st->verbose >= 2) {
		s->plugin_fsend = s->soap->fsend;
		s->soap->fsend = record_send;
	}
	s->soap->connect_timeout = st->timeout_s < CONNECT_TIMEOUT_S ? st->timeout_s : CONNECT_TIMEOUT_S;
	s->soap->transfer_timeout = st->timeout_s;
	s->soap->recv_maxlength = RECV_MAX;
	s->with_credentials = with_credentials;
	if (with_credentials && !attach_credentials(s)) {
		fprintf(stderr, "wsatend: sem memória\n");
		return EXIT_TRANSPORT;
	}
	return 0;
}

void session_close(struct session *s)
{
	if (s->soap) {
		/* The password is in the arena (header) and in the plugin's buffers. */
		if (s->soap->header && s->soap->header->wsse__Security &&
		    s->soap->header->wsse__Security->UsernameToken &&
		    s->soap->header->wsse__Security->UsernameToken->Password &&
		    s->soap->header->wsse__Security->UsernameToken->Password->__item) {
			char *pw = s->soap->header->wsse__Security->UsernameToken->Password->__item;
			explicit_bzero(pw, strlen(pw));
		}
		soap_destroy(s->soap);
		soap_end(s->soap);
		soap_free(s->soap); /* also deletes the plugin; the CURL handle is ours */
	}
	if (s->curl)
		curl_easy_cleanup(s->curl);
	buf_free(&s->recv, false);
	buf_free(&s->sent, true);
	memset(s, 0, sizeof *s);
}

/* --- the request header ------------------------------------------------- */

/* Now as xsd:dateTime with the local offset, e.g. 2026-11-22T14:30:00-03:00. */
static char *now_datetime(struct soap *soap)
{
	time_t t = time(NULL);
	struct tm tm;
	char buf[96];
	long off;

	if (!localtime_r(&t, &tm))
		return NULL;
	off = tm.tm_gmtoff;
	snprintf(buf, sizeof buf, "%04d-%02d-%02dT%02d:%02d:%02d%c%02ld:%02ld", tm.tm_year + 1900,
		 tm.tm_mon + 1, tm.tm_mday, tm.tm_hour, tm.tm_min, tm.tm_sec, off < 0 ? '-' : '+',
		 labs(off) / 3600 % 100, labs(off) / 60 % 60);
	return soap_strdup(soap, buf);
}

struct ws__Cabecalho *session_header(struct session *s)
{
	struct ws__Cabecalho *h = soap_new_ws__Cabecalho(s->soap, 1);

	if (!h)
		return NULL;
	/* A call leaves soap->header as the response's (none): a command making several
	 * calls (alteracoes puxar, page by page) must send its credentials again. */
	if (s->with_credentials && !(s->soap->header && s->soap->header->wsse__Security) &&
	    !attach_credentials(s))
		return NULL;
	h->IdMensagem = soap_strdup(s->soap, s->id_mensagem);
	h->Empresa = s->st->empresa ? soap_strdup(s->soap, s->st->empresa) : NULL;
	h->Usuario = s->st->operador ? soap_strdup(s->soap, s->st->operador) : NULL;
	h->DataHoraEnvio = now_datetime(s->soap);
	if (s->st->somente_validar && (h->SomenteValidar = soap_new_xsd__boolean(s->soap, 1)))
		*h->SomenteValidar = xsd__boolean__true_;
	return h;
}

/* --- outcome -> exit code ----------------------------------------------- */

static void verbose_dump(struct session *s)
{
	if (s->st->verbose >= 2 && s->sent.len) {
		/* Show the request as sent, but never the password. */
		char *p = strstr(s->sent.data, "<wsse:Password");
		char *gt = p ? strchr(p, '>') : NULL;
		char *end = gt ? strstr(gt, "</wsse:Password>") : NULL;
		fputs("wsatend: requisição enviada:\n", stderr);
		if (end) {
			fwrite(s->sent.data, 1, (size_t)(gt + 1 - s->sent.data), stderr);
			fputs("***", stderr);
			fputs(end, stderr);
		} else {
			fputs(s->sent.data, stderr);
		}
		fputc('\n', stderr);
	}
	if (s->st->verbose >= 2) {
		fputs("wsatend: resposta recebida:\n", stderr);
		output_clean(stderr, s->recv.data ? s->recv.data : "", true);
		fputc('\n', stderr);
	}
	if (s->st->verbose)
		fprintf(stderr, "wsatend: HTTP %ld em %lld ms%s%s\n", http_status(s),
			s->started_ms ? now_ms() - s->started_ms : 0,
			s->request_id[0] ? ", X-Request-ID " : "", s->request_id);
}

/* Only a call that carried credentials can have changed data worth retrying. */
static void retry_hint(struct session *s)
{
	if (!s->with_credentials)
		return;
	fprintf(stderr,
		"wsatend: para repetir sem risco de duplicar: --id-mensagem %s\n"
		"wsatend: para saber se foi processada: wsatend integracao situacao-mensagem --id %s\n",
		s->id_mensagem, s->id_mensagem);
}

static int exit_for_status(const char *status)
{
	if (!status)
		return EXIT_TRANSPORT;
	if (strcmp(status, "Sucesso") == 0 || strcmp(status, "SucessoComAvisos") == 0)
		return EXIT_OK;
	if (strcmp(status, "Parcial") == 0 || strcmp(status, "Falha") == 0)
		return EXIT_BUSINESS;
	return EXIT_TRANSPORT;
}

/* The fault catalog (comum.xsd, element Falha) mapped to exit codes. */
static int exit_for_fault(const char *codigo, const char *faultcode)
{
	if (codigo) {
		if (!strcmp(codigo, "NAO_AUTENTICADO") || !strcmp(codigo, "NAO_AUTORIZADO"))
			return EXIT_AUTH;
		if (!strcmp(codigo, "ERRO_SERVIDOR") || !strcmp(codigo, "INDISPONIVEL"))
			return EXIT_TRANSPORT;
		return EXIT_REJECTED;
	}
	if (faultcode && (strstr(faultcode, "Server") || strstr(faultcode, "Receiver")))
		return EXIT_TRANSPORT;
	return EXIT_REJECTED;
}

static int report_fault(struct session *s, const char *codigo, const char *faultcode,
			const char *texto, const char *campo, const char *idreq)
{
	int code = exit_for_fault(codigo, faultcode);

	fprintf(stderr, "wsatend: %s: falha ", s->operation);
	output_clean(stderr, codigo ? codigo : faultcode ? faultcode : "SOAP", false);
	fputs(": ", stderr);
	output_clean(stderr, texto ? texto : "(sem texto)", false);
	if (campo) {
		fputs(" [", stderr);
		output_clean(stderr, campo, false);
		fputc(']', stderr);
	}
	if (idreq || s->request_id[0]) {
		fputs(" (requisição ", stderr);
		output_clean(stderr, idreq ? idreq : s->request_id, false);
		fputc(')', stderr);
	}
	fputc('\n', stderr);
	if (faultcode && strstr(faultcode, "MustUnderstand"))
		fputs("wsatend: o servidor não reconheceu o cabeçalho WS-Security (namespace wsse)\n", stderr);
	if (code == EXIT_TRANSPORT)
		retry_hint(s);
	return code;
}

static int report_http(struct session *s, long status)
{
	const char *why;
	int code;

	if (status == 401 || status == 403)
		why = "acesso negado pelo servidor ou proxy", code = EXIT_AUTH;
	else if (status == 404)
		why = "endereço não encontrado; confira --url", code = EXIT_TRANSPORT;
	else if (status == 413)
		why = "requisição grande demais", code = EXIT_REJECTED;
	else if (status >= 300 && status < 400)
		why = "redirecionamento não seguido; confira --url", code = EXIT_TRANSPORT;
	else if (status >= 400 && status < 500 && status != 408 && status != 429)
		why = "requisição recusada", code = EXIT_REJECTED;
	else
		why = "serviço indisponível ou com erro", code = EXIT_TRANSPORT;
	fprintf(stderr, "wsatend: %s: HTTP %ld de %s: %s%s%s%s\n", s->operation, status, s->url, why,
		s->request_id[0] ? " (X-Request-ID " : "", s->request_id, s->request_id[0] ? ")" : "");
	if (code == EXIT_TRANSPORT)
		retry_hint(s);
	return code;
}

/* Errors common to the typed and the raw path: no answer, or an HTTP error. */
static bool transport_failed(struct session *s, int rc, int *code)
{
	const char *err = transport_error(s);

	if (err && *err) {
		fprintf(stderr, "wsatend: %s: sem resposta de %s: %s\n", s->operation, s->url,
			s->too_big ? "resposta maior que 64 MiB, interrompida" : err);
		retry_hint(s);
		*code = EXIT_TRANSPORT;
		return true;
	}
	/* gSOAP reports HTTP errors by their status. A 2xx status as error means the
	 * body held neither the expected element nor a Fault: not a transport issue. */
	if (rc >= 100 && rc < 600 && (rc < 200 || rc > 299)) {
		*code = report_http(s, rc);
		return true;
	}
	return false;
}

/* why, then detail (server text, escaped); either may be NULL. */
static int report_invalid(struct session *s, const char *why, const char *detail)
{
	fprintf(stderr, "wsatend: %s: resposta inválida de %s (HTTP %ld): ", s->operation, s->url,
		http_status(s));
	fputs(why ? why : "", stderr);
	output_clean(stderr, detail ? detail : why ? "" : "não é um envelope SOAP", false);
	fputc('\n', stderr);
	if (s->st->verbose < 2)
		fputs("wsatend: use -vv para ver a resposta recebida\n", stderr);
	retry_hint(s);
	return EXIT_TRANSPORT;
}

int session_finish(struct session *s, int rc, const struct ws__Resultado *resultado)
{
	struct soap *soap = s->soap;
	struct reply r;
	int code;
	bool parsed = reply_parse(&r, s->recv.data, s->recv.len);

	verbose_dump(s);
	if (rc == SOAP_OK && resultado) {
		if (parsed)
			reply_print(&r, s->st->format, stdout);
		code = resultado->Status == ws__StatusResultado__Sucesso ||
				       resultado->Status == ws__StatusResultado__SucessoComAvisos
			       ? EXIT_OK
			       : EXIT_BUSINESS;
	} else if (rc == SOAP_OK) {
		code = report_invalid(s, "sem Resultado", NULL);
	} else if (transport_failed(s, rc, &code)) {
		soap_curl_reset(soap);
	} else if (soap_soap_error_check(rc)) {
		/* A received fault is SOAP_CLI_FAULT or SOAP_SVR_FAULT (by its faultcode),
		 * SOAP_MUSTUNDERSTAND..., not SOAP_FAULT. SOAP 1.1 carries the detail in
		 * detail, SOAP 1.2 in SOAP-ENV:Detail. */
		struct SOAP_ENV__Detail *d = soap->fault ? (soap->version == 2 ? soap->fault->SOAP_ENV__Detail
									     : soap->fault->detail)
							 : NULL;
		struct _ws__Falha *f = d ? d->ws__Falha : NULL;
		const char **fc = soap_faultcode(soap), **fs = soap_faultstring(soap);

		code = report_fault(s, f ? f->Codigo : NULL, fc ? *fc : NULL,
				    f && f->Texto ? f->Texto : fs ? *fs : NULL, f ? f->Campo : NULL,
				    f ? f->IdRequisicao : NULL);
		if (parsed)
			reply_print(&r, s->st->format, stdout);
	} else if (rc >= 200 && rc <= 299) {
		code = report_invalid(s, parsed ? "elemento inesperado no Body: " : NULL,
				      parsed ? r.operation : NULL);
	} else {
		/* The answer does not match the contract (strict validation) or is no XML.
		 * soap_set_fault turns gSOAP's error number into a text naming the element. */
		const char **fs;
		soap_set_fault(soap);
		fs = soap_faultstring(soap);
		code = report_invalid(s, NULL, fs ? *fs : NULL);
		soap_curl_reset(soap);
	}
	reply_free(&r);
	return code;
}

int session_post_raw(struct session *s, const char *action, int soap_version,
		     const char *body, size_t len)
{
	struct soap *soap = s->soap;
	struct reply r;
	int rc, code;

	s->id_mensagem[0] = '\0'; /* the envelope carries its own, if any */
	soap->version = (short)soap_version;
	rc = soap_connect_command(soap, SOAP_POST, s->url, action);
	if (!rc)
		rc = soap_send_raw(soap, body, len);
	if (!rc)
		rc = soap_end_send(soap);
	if (!rc && !(rc = soap_begin_recv(soap))) {
		size_t n = 0;
		if (!soap_http_get_body(soap, &n))
			rc = soap->error;
	}
	soap_closesock(soap);
	verbose_dump(s);
	if (transport_failed(s, rc, &code)) {
		soap_curl_reset(soap);
		return code;
	}
	if (!reply_parse(&r, s->recv.data, s->recv.len))
		return report_invalid(s, NULL, NULL);
	if (r.fault) {
		code = report_fault(s, r.codigo, r.fault_code, r.texto, r.campo, r.id_requisicao);
		reply_print(&r, s->st->format, stdout);
	} else {
		code = exit_for_status(r.status);
		if (code == EXIT_TRANSPORT)
			code = report_invalid(s, "sem Resultado/Status", NULL);
		else
			reply_print(&r, s->st->format, stdout);
	}
	reply_free(&r);
	return code;
}

/* --- quiet classification (wsatend lote) ------------------------------------ */

int session_outcome(struct session *s, int rc, const struct ws__Resultado *resultado, char *why, size_t len)
{
	struct soap *soap = s->soap;
	const char *err = transport_error(s);

	why[0] = '\0';
	if (rc == SOAP_OK && resultado)
		return resultado->Status == ws__StatusResultado__Sucesso ||
			       resultado->Status == ws__StatusResultado__SucessoComAvisos
		       ? EXIT_OK
		       : EXIT_BUSINESS;
	if (rc == SOAP_OK) {
		snprintf(why, len, "resposta sem Resultado");
		return EXIT_TRANSPORT;
	}
	if (err && *err) {
		snprintf(why, len, "sem resposta: %s", err);
		soap_curl_reset(soap);
		return EXIT_TRANSPORT;
	}
	if (rc >= 100 && rc < 600 && (rc < 200 || rc > 299)) {
		snprintf(why, len, "HTTP %d", rc);
		soap_curl_reset(soap);
		if (rc == 401 || rc == 403)
			return EXIT_AUTH;
		if (rc >= 400 && rc < 500 && rc != 408 && rc != 429)
			return EXIT_REJECTED;
		return EXIT_TRANSPORT;
	}
	if (soap_soap_error_check(rc)) {
		struct SOAP_ENV__Detail *d = soap->fault ? (soap->version == 2 ? soap->fault->SOAP_ENV__Detail
									     : soap->fault->detail)
							 : NULL;
		struct _ws__Falha *f = d ? d->ws__Falha : NULL;
		const char **fc = soap_faultcode(soap), **fs = soap_faultstring(soap);
		snprintf(why, len, "%s\t%s\t%s", f && f->Codigo ? f->Codigo : "FALHA_SOAP", f && f->Campo ? f->Campo : "",
			 f && f->Texto ? f->Texto : fs && *fs ? *fs : "");
		return exit_for_fault(f ? f->Codigo : NULL, fc ? *fc : NULL);
	}
	soap_set_fault(soap);
	const char **fs = soap_faultstring(soap);
	snprintf(why, len, "resposta inválida: %s", fs && *fs ? *fs : "?");
	soap_curl_reset(soap);
	return EXIT_TRANSPORT;
}

bool session_renew(struct session *s)
{
	soap_destroy(s->soap);
	soap_end(s->soap);
	s->soap->header = NULL;
	return !s->with_credentials || attach_credentials(s);
}
