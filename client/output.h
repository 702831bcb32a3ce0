/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * output.h - the one generic printer: it works on the XML body as received, not
 * on the generated structs, so every operation (and `wsatend enviar`) prints the
 * same way and a field the server adds later shows up without a client change.
 *
 *   tabela  Resultado status and messages, then one "Caminho  Valor" row per leaf
 *   xml     the response element, indented, namespaces declared on it
 *   json    elements become objects, text becomes strings; elements the schema
 *           declares repeatable are always arrays (also with one item), others
 *           become arrays only when they repeat
 */
#ifndef WSATEND_OUTPUT_H
#define WSATEND_OUTPUT_H

#include "settings.h"

#include <stdbool.h>
#include <stddef.h>
#include <stdio.h>

/* What a received SOAP body says, for the exit code and stderr messages. */
struct reply {
	bool fault;                /* the Body holds a Fault */
	char *operation;           /* local name of the Body's element */
	char *status;              /* Resultado/Status, NULL if absent */
	char *fault_code;          /* faultcode or Code/Value, prefix removed */
	char *codigo;              /* Falha/Codigo */
	char *texto;               /* Falha/Texto, else faultstring or Reason/Text */
	char *campo;               /* Falha/Campo */
	char *id_requisicao;       /* Falha/IdRequisicao or Resultado/IdRequisicao */
	bool retentavel;           /* Falha/Retentavel */
	void *doc;                 /* xmlDoc, owned */
	void *element;             /* the Body's first element */
};

/* Parses body; false (r zeroed) when it is not a SOAP envelope with a Body element. */
bool reply_parse(struct reply *r, const char *body, size_t len);

/* Prints the Body's element in the format. A fault in "tabela" prints nothing:
 * the one-line error on stderr says it all. */
void reply_print(const struct reply *r, enum output_format fmt, FILE *f);

void reply_free(struct reply *r);

/* Writes s with control characters escaped (\n, \t, \xHH): server text must not
 * move the terminal's cursor or change its colours. With keep_lines, line feeds and
 * tabs pass through (a whole XML document for -vv). */
void output_clean(FILE *f, const char *s, bool keep_lines);

#endif
