/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * wsatend.c - the command-line client's entry point: global options, the one
 * dispatch table of areas, help, and the order of things.
 *
 * The order matters: argv is parsed completely (usage errors exit 2 before
 * anything else), then the configuration is read, then credentials are checked,
 * and only then is a request built and sent.
 */
#include "commands.h"
#include "session.h"
#include "settings.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* The dispatch table: `wsatend AREA VERB`. */
static const struct area *const areas[] = {
	&integracao_area,
	&alteracoes_area,
	&referencia_area,
	&pessoa_area,
	&veiculo_area,
	&atendimento_area,
	&venda_area,
	&lote_area,
	&oficina_area,
	&enviar_area,
	NULL,
};

static const char exit_codes_help[] =
	"Códigos de saída:\n"
	"  0  sucesso: Resultado Sucesso ou SucessoComAvisos\n"
	"  1  erro de negócio: Resultado Falha ou Parcial (veja as mensagens)\n"
	"  2  erro de uso: opção, valor ou configuração inválida; nada foi enviado\n"
	"  3  sem resposta, erro HTTP, resposta inválida ou falha do servidor\n"
	"     (ERRO_SERVIDOR, INDISPONIVEL): pode repetir com a mesma --id-mensagem\n"
	"  4  autenticação ou autorização recusada (NAO_AUTENTICADO, NAO_AUTORIZADO)\n"
	"  5  o servidor recusou a estrutura da requisição (ESTRUTURA_INVALIDA e\n"
	"     outras falhas do lado do cliente)\n";

static void print_verbs(const struct area *ar, FILE *f)
{
	for (const struct command *c = ar->commands; c->run; c++)
		fprintf(f, "%s%s", c == ar->commands ? "" : ", ", c->verb ? c->verb : c->positional);
}

static void main_help(FILE *f)
{
	fputs("uso: wsatend [opções globais] ÁREA VERBO [opções]\n"
	      "     wsatend [opções globais] enviar ARQUIVO.xml\n"
	      "\n"
	      "Cliente do serviço SOAP WSAtendimentoCadastroWeb (namespace\n"
	      "http://wsatend.org/WSAtendimentoCadastroWeb/v1, SOAP 1.1).\n"
	      "\n"
	      "Áreas:\n",
	      f);
	for (int i = 0; areas[i]; i++) {
		fprintf(f, "  %-12s %s\n  %-12s (", areas[i]->name, areas[i]->summary, "");
		print_verbs(areas[i], f);
		fputs(")\n", f);
	}
	fputs("\nOpções globais (antes da área ou depois do verbo):\n", f);
	args_print_help(settings_options, f);
	fputs("\n"
	      "Credenciais: WS-Security UsernameToken (PasswordText). A senha nunca vai na linha\n"
	      "de comando: use WSATEND_SENHA, --senha-arquivo ou a chave senha do arquivo de\n"
	      "configuração (recusado se outros puderem lê-lo: chmod 600).\n"
	      "Ambiente: WSATEND_URL, WSATEND_USUARIO, WSATEND_SENHA, WSATEND_EMPRESA,\n"
	      "WSATEND_OPERADOR, WSATEND_CONFIG. Precedência: opção > ambiente > arquivo.\n"
	      "Arquivo (INI sem seções): url = ..., usuario = ..., senha = ..., empresa = ...\n"
	      "\n",
	      f);
	fputs(exit_codes_help, f);
}

static void area_help(const struct area *ar, FILE *f)
{
	fprintf(f, "uso: wsatend [opções globais] %s VERBO [opções]\n\n%s\n\nVerbos:\n", ar->name,
		ar->summary);
	for (const struct command *c = ar->commands; c->run; c++)
		fprintf(f, "  %-20s %s (%s)\n", c->verb, c->summary, c->operation);
	fprintf(f, "\nVeja: wsatend %s VERBO --help\n", ar->name);
}

static void command_help(const struct area *ar, const struct command *c, FILE *f)
{
	fprintf(f, "uso: wsatend [opções globais] %s%s%s [opções]%s%s\n\n%s\nOperação: %s%s\n",
		ar->name, c->verb ? " " : "", c->verb ? c->verb : "", c->positional ? " " : "",
		c->positional ? c->positional : "", c->summary, c->operation,
		c->anonymous ? " (sem credenciais)" : "");
	if (c->opts && c->opts[0].name) {
		fputs("\nOpções:\n", f);
		args_print_help(c->opts, f);
	}
	fputs("\nOpções globais: veja wsatend --help\n", f);
}

static const struct area *find_area(const char *name)
{
	for (int i = 0; areas[i]; i++)
		if (strcmp(areas[i]->name, name) == 0)
			return areas[i];
	return NULL;
}

static const struct command *find_verb(const struct area *ar, const char *verb)
{
	for (const struct command *c = ar->commands; c->run; c++)
		if (c->verb && strcmp(c->verb, verb) == 0)
			return c;
	return NULL;
}

/* Parses the command's options, loads settings, calls. Returns the exit code. */
static int run_command(const struct area *ar, const struct command *c, struct args *g, int argc,
		       char **argv)
{
	struct args a;
	struct settings st;
	struct session s = { 0 };
	char ctx[64];
	int rc;
	bool creds;

	snprintf(ctx, sizeof ctx, "%s%s%s", ar->name, c->verb ? " " : "", c->verb ? c->verb : "");
	if (!args_init(&a, c->opts))
		return EXIT_USAGE;
	if (args_parse(&a, g, argc, argv, false, c->positional, ctx) < 0) {
		args_free(&a);
		return EXIT_USAGE;
	}
	if (a.help || g->help) {
		command_help(ar, c, stdout);
		args_free(&a);
		return EXIT_OK;
	}
	if (c->positional && !a.positional) {
		fprintf(stderr, "wsatend: %s: falta %s\n(veja: wsatend %s --help)\n", ctx, c->positional, ctx);
		args_free(&a);
		return EXIT_USAGE;
	}
	rc = settings_load(&st, g);
	creds = rc == 0 && settings_have_credentials(&st, !c->anonymous);
	if (rc == 0 && !c->anonymous && !creds)
		rc = EXIT_USAGE;
	/* Ping and ObterVersao go without credentials: they check reachability even
	 * when a password has expired. */
	if (rc == 0 && (rc = session_open(&s, &st, c->operation, creds && !c->anonymous)) == 0)
		rc = c->run(&s, &a);
	if (s.soap || s.curl)
		session_close(&s);
	settings_free(&st);
	args_free(&a);
	return rc;
}

int main(int argc, char **argv)
{
	struct args g;
	const struct area *ar;
	const struct command *c;
	int i, rc;

	if (!session_global_init() || !args_init(&g, settings_options)) {
		fputs("wsatend: falha ao iniciar libcurl\n", stderr);
		return EXIT_TRANSPORT;
	}
	i = args_parse(&g, NULL, argc - 1, argv + 1, true, NULL, "");
	if (i < 0) {
		rc = EXIT_USAGE;
		goto out;
	}
	i++; /* index in argv */
	if (i >= argc) {
		main_help(g.help ? stdout : stderr);
		rc = g.help ? EXIT_OK : EXIT_USAGE;
		goto out;
	}
	if (!(ar = find_area(argv[i]))) {
		fprintf(stderr, "wsatend: área desconhecida: %s\n(veja: wsatend --help)\n", argv[i]);
		rc = EXIT_USAGE;
		goto out;
	}
	i++;
	if (!ar->commands[0].verb) {
		c = &ar->commands[0]; /* the area is the command: wsatend enviar ARQUIVO */
	} else if (i >= argc || strcmp(argv[i], "--help") == 0 || strcmp(argv[i], "-h") == 0) {
		bool asked = g.help || i < argc;
		area_help(ar, asked ? stdout : stderr);
		rc = asked ? EXIT_OK : EXIT_USAGE;
		goto out;
	} else if (!(c = find_verb(ar, argv[i]))) {
		fprintf(stderr, "wsatend: %s: verbo desconhecido: %s\n(veja: wsatend %s --help)\n",
			ar->name, argv[i], ar->name);
		rc = EXIT_USAGE;
		goto out;
	} else {
		i++;
	}
	rc = run_command(ar, c, &g, argc - i, argv + i);
out:
	args_free(&g);
	session_global_cleanup();
	return rc;
}
