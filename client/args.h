/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * args.h - command-line options as data: each command declares a table of options
 * (name, kind, help line) and this module parses argv against it, prints the help
 * from it, and turns values into request fields allocated in the gSOAP arena.
 *
 * The rule to know: every value is checked when argv is parsed (numbers, choices,
 * dates), so a typo is a usage error (exit 2) before any configuration is read or
 * any byte is sent. Converters never fail on a parsed value. (Composite values such
 * as "--telefone NUMERO,whatsapp" are checked by their command, also before sending.)
 */
#ifndef WSATEND_ARGS_H
#define WSATEND_ARGS_H

#include "soapH.h"

#include <stdbool.h>
#include <stddef.h>
#include <stdio.h>

enum opt_kind {
	OPT_FLAG,     /* no value: present or not */
	OPT_TEXT,     /* any text, passed as is */
	OPT_INT,      /* xs:int */
	OPT_ID,       /* xs:long greater than zero (server ids) */
	OPT_BOOL,     /* sim|nao (also s/n, true/false, 1/0) */
	OPT_CHOICE,   /* one of choices[], case-insensitive, sent in canonical case */
	OPT_DATETIME, /* xsd:dateTime; a value without offset gets the local one */
	OPT_DATE,     /* xsd:date; AAAA-MM-DD or DD/MM/AAAA */
};

#define OPT_MULTI 0x1u /* may be given more than once; every value is kept */

struct opt {
	const char *name;            /* long name without "--"; NULL ends a table */
	enum opt_kind kind;
	unsigned flags;
	const char *arg;             /* placeholder shown in the help, e.g. "CPF|CNPJ" */
	const char *help;            /* one line, Portuguese (the users' language) */
	const char *const *choices;  /* OPT_CHOICE only, NULL-terminated */
	char short_name;             /* 0, or a one-letter alias such as 'v' */
};

/* Parsed values of one table. Values point into argv or into the args' own pool. */
struct args {
	const struct opt *opts;
	size_t nopts;
	struct argvals {
		size_t n;
		const char **v;
	} *vals;
	const char **pool;           /* normalised values this struct owns */
	size_t npool;
	const char *positional;      /* the one positional word, if the command takes it */
	bool help;                   /* -h/--help was given */
};

/* Prepares a for the table opts (ended by an entry with name NULL). */
bool args_init(struct args *a, const struct opt *opts);
void args_free(struct args *a);

/*
 * Parses argv[0..argc) into a; an option a does not know is looked up in fallback
 * (the global options, which may also follow the verb) when fallback is not NULL.
 * With stop_at_word, parsing stops at the first word that is not an option (the
 * AREA after the global options) and returns its index; otherwise one positional
 * word is accepted when positional_name is not NULL. ctx names the command in
 * messages. Returns the index where parsing stopped, or -1 after printing a usage
 * error to stderr.
 */
int args_parse(struct args *a, struct args *fallback, int argc, char **argv,
	       bool stop_at_word, const char *positional_name, const char *ctx);

/* Prints the option table as "  --name ARG   help" lines. */
void args_print_help(const struct opt *opts, FILE *f);

/* Accessors. A name missing from the table is a programming error: abort(). */
bool args_flag(const struct args *a, const char *name);
const char *args_value(const struct args *a, const char *name);   /* last value */
size_t args_count(const struct args *a, const char *name);
const char *args_nth(const struct args *a, const char *name, size_t i);

/* Request fields in the soap arena; NULL when the option was not given. */
char *args_text(struct soap *soap, const struct args *a, const char *name);
int *args_int(struct soap *soap, const struct args *a, const char *name);
LONG64 *args_id(struct soap *soap, const struct args *a, const char *name);
enum xsd__boolean *args_bool(struct soap *soap, const struct args *a, const char *name);
/* Parses "sim"/"nao" and friends; false when s is none of them. */
bool args_parse_bool(const char *s, bool *out);
/* AAAA-MM-DD[T| ]HH:MM[:SS[.fff]][offset] as the contract's DataHora, malloc'ed; a value
 * without offset gets the local one for that instant. NULL when it is not a date-time. */
char *args_norm_datetime(const char *s);
/* The paging block from --max-itens and --cursor, NULL when neither was given. */
struct ws__Paginacao *args_paging(struct soap *soap, const struct args *a);

/* Aborts with a message: a choice accepted by the table is unknown to gSOAP. */
void args_enum_mismatch(const char *name, const char *value);

/*
 * ARGS_DEFINE_ENUM(ws__Canal) defines
 *   static enum ws__Canal *arg_ws__Canal(struct soap *, const struct args *, name)
 * converting an OPT_CHOICE value with the generated soap_s2ws__Canal.
 */
#define ARGS_DEFINE_ENUM(T)                                                              \
	static enum T *arg_##T(struct soap *soap, const struct args *a, const char *name) \
	{                                                                                \
		const char *v = args_value(a, name);                                     \
		enum T *p;                                                               \
		if (!v)                                                                  \
			return NULL;                                                     \
		p = soap_new_##T(soap, 1);                                               \
		if (p && soap_s2##T(soap, v, p) != SOAP_OK)                              \
			args_enum_mismatch(name, v);                                     \
		return p;                                                                \
	}

/* Options every list operation takes (MaxItens, Cursor). */
#define ARGS_PAGING_OPTS                                                                 \
	{ "max-itens", OPT_INT, 0, "N", "itens por página, 1 a 500 (padrão do servidor: 50)", NULL, 0 }, \
	{ "cursor", OPT_TEXT, 0, "CURSOR", "continua a listagem do ProximoCursor recebido", NULL, 0 }

#endif
