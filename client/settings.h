/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * settings.h - where the client's settings come from: command line, then
 * environment, then the configuration file, then the built-in default.
 *
 * The rule to know: the password never comes from the command line (other users
 * see argv in ps); it comes from --senha-arquivo, WSATEND_SENHA or the config file,
 * and a file holding it must not be readable or writable by group or others.
 */
#ifndef WSATEND_SETTINGS_H
#define WSATEND_SETTINGS_H

#include "args.h"

#include <stdbool.h>

enum output_format { FORMAT_TABLE, FORMAT_XML, FORMAT_JSON };

struct settings {
	const char *url;
	const char *usuario;         /* LOGIN@TENANT, the WS-Security Username */
	char *senha;                 /* owned; wiped by settings_free */
	const char *empresa;         /* Cabecalho/Empresa */
	const char *operador;        /* Cabecalho/Usuario: on whose behalf (audit) */
	const char *id_mensagem;     /* NULL: a new UUID per run */
	const char *cacert;          /* CA bundle for https, NULL: the system's */
	bool somente_validar;
	enum output_format format;
	int timeout_s;
	int verbose;
	char *conf_path;             /* the file actually read, NULL if none */
	char *conf_values[4];        /* url, usuario, senha, empresa from the file */
};

/* The global options; they may come before AREA or after the verb. */
extern const struct opt settings_options[];

/*
 * Resolves every setting from the parsed global options g, the environment and the
 * config file. Returns 0, or EXIT_USAGE after printing why (bad file, unsafe
 * permissions, unknown key...).
 */
int settings_load(struct settings *st, const struct args *g);

/* Checks that credentials are present; prints what is missing. */
bool settings_have_credentials(const struct settings *st, bool print_why);

void settings_free(struct settings *st);

#endif
