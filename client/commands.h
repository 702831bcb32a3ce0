/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * commands.h - what an area file exports: one struct area with its table of verbs.
 *
 * wsatend.c lists the areas in the one dispatch table; each *_cmd.c file keeps
 * everything else static. A verb maps to exactly one operation of the contract
 * (enviar excepted), so "which command calls IncluirPessoa" is a grep for the
 * operation name in these tables.
 */
#ifndef WSATEND_COMMANDS_H
#define WSATEND_COMMANDS_H

#include "args.h"
#include "session.h"

#include <stdbool.h>

struct command {
	const char *verb;            /* NULL: the area itself is the command (enviar) */
	const char *operation;       /* contract operation, e.g. "IncluirPessoa" */
	const char *summary;         /* one line for the listings */
	const struct opt *opts;      /* the command's options; globals are added */
	const char *positional;      /* placeholder of the one positional word, or NULL */
	bool anonymous;              /* answers without credentials (Ping, ObterVersao) */
	/* Builds the request, calls, and returns session_finish()'s exit code. */
	int (*run)(struct session *s, const struct args *a);
};

struct area {
	const char *name;
	const char *summary;
	const struct command *commands;  /* ended by an entry with run NULL */
};

extern const struct area integracao_area;
extern const struct area alteracoes_area;
extern const struct area referencia_area;
extern const struct area pessoa_area;
extern const struct area veiculo_area;
extern const struct area atendimento_area;
extern const struct area venda_area;
extern const struct area lote_area;
extern const struct area oficina_area;
extern const struct area enviar_area;

#endif
