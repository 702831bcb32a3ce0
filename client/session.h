/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * session.h - one call to the service: the gSOAP context on libcurl, the
 * WS-Security header, the Cabecalho, and the one place that turns what happened
 * (transport error, HTTP status, SOAP fault, Resultado) into the exit code.
 *
 * Usage in a command: fill the request from session_header() and the options,
 * call the generated soap_call___ws__X(s->soap, s->url, NULL, &in, &out), and
 * return session_finish(s, rc, out.Resultado).
 */
#ifndef WSATEND_SESSION_H
#define WSATEND_SESSION_H

#include "settings.h"
#include "soapH.h"

#include <curl/curl.h>
#include <stdbool.h>
#include <stddef.h>

/* Exit codes, documented in wsatend --help and client/README.md. */
enum exit_code {
	EXIT_OK = 0,        /* Sucesso or SucessoComAvisos */
	EXIT_BUSINESS = 1,  /* Resultado Falha or Parcial: see the messages */
	EXIT_USAGE = 2,     /* bad command line or configuration; nothing was sent */
	EXIT_TRANSPORT = 3, /* no answer, HTTP error, ERRO_SERVIDOR/INDISPONIVEL: retry */
	EXIT_AUTH = 4,      /* NAO_AUTENTICADO / NAO_AUTORIZADO */
	EXIT_REJECTED = 5,  /* ESTRUTURA_INVALIDA and other Client faults */
};

struct rawbuf {
	char *data;
	size_t len, cap;
};

struct session {
	struct soap *soap;
	const char *url;
	const struct settings *st;
	const char *operation;       /* for messages: "IncluirPessoa" */
	char id_mensagem[101];
	bool with_credentials;       /* a write may have happened: worth a retry hint */
	/* private to session.c */
	CURL *curl;
	struct rawbuf recv, sent;    /* the body received; the one sent (-vv only) */
	int (*plugin_fconnect)(struct soap *, const char *, const char *, int);
	size_t (*plugin_frecv)(struct soap *, char *, size_t);
	int (*plugin_fsend)(struct soap *, const char *, size_t);
	char request_id[80];         /* X-Request-ID answered by the server or proxy */
	bool too_big;                /* the answer passed RECV_MAX and was cut */
	long long started_ms;
};

/* Once per process, before any session (libcurl and libxml2 global state). */
bool session_global_init(void);
void session_global_cleanup(void);

/*
 * Prepares a context for operation. With credentials, the WS-Security
 * UsernameToken header is attached. Returns 0 or an exit code (message printed).
 */
int session_open(struct session *s, const struct settings *st, const char *operation,
		 bool with_credentials);
void session_close(struct session *s);

/* A Cabecalho for this call: IdMensagem, Empresa, Usuario, DataHoraEnvio, SomenteValidar. */
struct ws__Cabecalho *session_header(struct session *s);

/*
 * After a generated soap_call___ws__X: prints the response (or the error) and
 * returns the exit code. resultado is out.Resultado (ignored unless rc is SOAP_OK).
 */
int session_finish(struct session *s, int rc, const struct ws__Resultado *resultado);

/*
 * Posts a complete SOAP envelope as is (wsatend enviar): soap_version 1 or 2,
 * action may be NULL. Prints and classifies the answer like session_finish.
 */
int session_post_raw(struct session *s, const char *action, int soap_version,
		     const char *body, size_t len);

/*
 * The exit code session_finish would give, printing nothing (wsatend lote decides
 * per chunk: retry, stop, or record). why gets a short reason; for a SOAP fault it
 * is "CODIGO<TAB>Campo<TAB>Texto".
 */
int session_outcome(struct session *s, int rc, const struct ws__Resultado *resultado, char *why, size_t len);

/* Frees the previous call's data and attaches the credentials again: for many calls
 * on one session (wsatend lote). false when out of memory. */
bool session_renew(struct session *s);

#endif
