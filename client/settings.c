/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * settings.c - global options, environment and the configuration file, merged in
 * that order of precedence.
 *
 * The configuration file is INI without sections (libinih), keys url, usuario,
 * senha, empresa. Unknown keys, sections and repeated keys are errors: with inih an
 * indented line continues the previous key, so a stray indent would otherwise
 * silently glue two settings together. Like ssh with a private key, a file holding
 * a password is refused when group or others may read or write it.
 */
#include "settings.h"
#include "session.h"

#include <errno.h>
#include <ini.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#define DEFAULT_URL "http://127.0.0.1:8080/WSAtendimentoCadastroWeb"
#define DEFAULT_TIMEOUT_S 60

static const char *const formats[] = { "tabela", "xml", "json", NULL };

const struct opt settings_options[] = {
	{ "url", OPT_TEXT, 0, "URL", "endereço do serviço (WSATEND_URL; chave url)", NULL, 0 },
	{ "usuario", OPT_TEXT, 0, "LOGIN@GRUPO",
	  "usuário de integração (WSATEND_USUARIO; chave usuario)", NULL, 0 },
	{ "senha-arquivo", OPT_TEXT, 0, "ARQUIVO",
	  "lê a senha da 1a linha do arquivo (ou WSATEND_SENHA; chave senha)", NULL, 0 },
	{ "config", OPT_TEXT, 0, "ARQUIVO",
	  "arquivo de configuração (WSATEND_CONFIG; padrão ~/.config/wsatend/wsatend.conf)", NULL, 0 },
	{ "empresa", OPT_TEXT, 0, "CODIGO",
	  "filial: código ou CNPJ, vai em Cabecalho/Empresa (WSATEND_EMPRESA; chave empresa)", NULL, 0 },
	{ "operador", OPT_TEXT, 0, "NOME",
	  "pessoa em nome de quem se age, para auditoria: Cabecalho/Usuario (WSATEND_OPERADOR)", NULL, 0 },
	{ "id-mensagem", OPT_TEXT, 0, "ID",
	  "chave de idempotência; padrão: um UUID novo (repita o mesmo para reenviar com segurança)", NULL, 0 },
	{ "somente-validar", OPT_FLAG, 0, NULL,
	  "só valida e diz o que aconteceria; nada é gravado", NULL, 0 },
	{ "formato", OPT_CHOICE, 0, "FORMATO", "saída da resposta", formats, 0 },
	{ "timeout", OPT_INT, 0, "SEGUNDOS", "tempo máximo da chamada (padrão 60)", NULL, 0 },
	{ "cacert", OPT_TEXT, 0, "ARQUIVO",
	  "certificados de AC para https (padrão: os do sistema)", NULL, 0 },
	{ "verbose", OPT_FLAG, OPT_MULTI, NULL,
	  "mostra endpoint, IdMensagem, HTTP e tempo em stderr; -vv mostra também o XML (senha oculta)", NULL, 'v' },
	/* Listed for the help only: args_parse handles -h/--help everywhere. */
	{ "help", OPT_FLAG, 0, NULL,
	  "esta ajuda; também wsatend ÁREA --help e wsatend ÁREA VERBO --help", NULL, 'h' },
	{ NULL, 0, 0, NULL, NULL, NULL, 0 },
};

/* The configuration file's keys, in the order of st->conf_values. */
enum { CONF_URL, CONF_USUARIO, CONF_SENHA, CONF_EMPRESA, CONF_NKEYS };
static const char *const conf_keys[CONF_NKEYS] = { "url", "usuario", "senha", "empresa" };

struct conf_parse {
	struct settings *st;
	char error[160];
};

static int conf_handler(void *user, const char *section, const char *name, const char *value)
{
	struct conf_parse *cp = user;

	if (section && *section) {
		snprintf(cp->error, sizeof cp->error, "seções não são usadas ([%s])", section);
		return 0;
	}
	for (int k = 0; k < CONF_NKEYS; k++) {
		if (strcmp(name, conf_keys[k]) != 0)
			continue;
		if (cp->st->conf_values[k]) {
			snprintf(cp->error, sizeof cp->error,
				 "chave '%s' repetida (uma linha recuada continua a chave anterior)", name);
			return 0;
		}
		if (*value && !(cp->st->conf_values[k] = strdup(value))) {
			snprintf(cp->error, sizeof cp->error, "sem memória");
			return 0;
		}
		return 1;
	}
	snprintf(cp->error, sizeof cp->error, "chave desconhecida '%s' (use url, usuario, senha, empresa)", name);
	return 0;
}

/* Refuses a secret file others can read or change (ssh's rule). */
static bool private_enough(const char *path, const struct stat *sb)
{
	if (!S_ISREG(sb->st_mode))
		return true; /* a pipe such as <(pass show x) is private to us */
	if (sb->st_mode & (S_IRWXG | S_IRWXO)) {
		fprintf(stderr,
			"wsatend: %s guarda a senha e outros podem lê-lo (modo %04o): use chmod 600 %s\n",
			path, (unsigned)(sb->st_mode & 07777), path);
		return false;
	}
	if (sb->st_uid != geteuid() && sb->st_uid != 0) {
		fprintf(stderr, "wsatend: %s guarda a senha e pertence a outro usuário\n", path);
		return false;
	}
	return true;
}

/* Reads the file if present; explicit says a missing file is an error. */
static int read_config(struct settings *st, const char *path, bool explicit)
{
	struct conf_parse cp = { .st = st };
	struct stat sb;
	FILE *f;
	int line;

	f = fopen(path, "r");
	if (!f) {
		if (errno == ENOENT && !explicit)
			return 0;
		fprintf(stderr, "wsatend: arquivo de configuração %s: %s\n", path, strerror(errno));
		return EXIT_USAGE;
	}
	if (fstat(fileno(f), &sb) != 0) {
		fprintf(stderr, "wsatend: %s: %s\n", path, strerror(errno));
		fclose(f);
		return EXIT_USAGE;
	}
	line = ini_parse_file(f, conf_handler, &cp);
	fclose(f);
	if (line != 0) {
		fprintf(stderr, "wsatend: %s:%d: %s\n", path, line,
			cp.error[0] ? cp.error : "linha inválida (use chave = valor)");
		return EXIT_USAGE;
	}
	/* Checked on the descriptor we read, so the file cannot be swapped in between. */
	if (st->conf_values[CONF_SENHA] && !private_enough(path, &sb))
		return EXIT_USAGE;
	st->conf_path = strdup(path);
	return 0;
}

static int load_config(struct settings *st, const struct args *g)
{
	const char *path = args_value(g, "config");
	const char *base;
	char *def = NULL;
	int rc;

	if (!path)
		path = getenv("WSATEND_CONFIG");
	if (path && *path)
		return read_config(st, path, true);
	if ((base = getenv("XDG_CONFIG_HOME")) && *base)
		rc = asprintf(&def, "%s/wsatend/wsatend.conf", base);
	else if ((base = getenv("HOME")) && *base)
		rc = asprintf(&def, "%s/.config/wsatend/wsatend.conf", base);
	else
		return 0;
	if (rc < 0)
		return EXIT_USAGE;
	rc = read_config(st, def, false);
	free(def);
	return rc;
}

/* First line of the password file, without its line ending. */
static int read_password_file(struct settings *st, const char *path)
{
	char buf[1024];
	struct stat sb;
	size_t n;
	FILE *f = fopen(path, "r");

	if (!f) {
		fprintf(stderr, "wsatend: --senha-arquivo %s: %s\n", path, strerror(errno));
		return EXIT_USAGE;
	}
	if (fstat(fileno(f), &sb) != 0 || !private_enough(path, &sb)) {
		fclose(f);
		return EXIT_USAGE;
	}
	n = fread(buf, 1, sizeof buf - 1, f);
	fclose(f);
	buf[n] = '\0';
	buf[strcspn(buf, "\r\n")] = '\0';
	if (!*buf) {
		fprintf(stderr, "wsatend: --senha-arquivo %s: arquivo vazio\n", path);
		return EXIT_USAGE;
	}
	st->senha = strdup(buf);
	explicit_bzero(buf, sizeof buf);
	return st->senha ? 0 : EXIT_USAGE;
}

static const char *first(const char *a, const char *b, const char *c)
{
	if (a && *a)
		return a;
	if (b && *b)
		return b;
	return c && *c ? c : NULL;
}

static bool valid_message_id(const char *s)
{
	size_t n = strlen(s);

	return n > 0 && n <= 100 &&
	       strspn(s, "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789._:-") == n;
}

int settings_load(struct settings *st, const struct args *g)
{
	const char *v;
	int rc;

	memset(st, 0, sizeof *st);
	st->verbose = (int)args_count(g, "verbose");
	st->somente_validar = args_flag(g, "somente-validar");
	v = args_value(g, "formato");
	st->format = !v || strcmp(v, "tabela") == 0 ? FORMAT_TABLE
		     : strcmp(v, "xml") == 0	   ? FORMAT_XML
						   : FORMAT_JSON;
	st->timeout_s = DEFAULT_TIMEOUT_S;
	if ((v = args_value(g, "timeout"))) {
		st->timeout_s = atoi(v);
		if (st->timeout_s < 1 || st->timeout_s > 3600) {
			fprintf(stderr, "wsatend: --timeout: use de 1 a 3600 segundos\n");
			return EXIT_USAGE;
		}
	}
	st->id_mensagem = args_value(g, "id-mensagem");
	if (st->id_mensagem && !valid_message_id(st->id_mensagem)) {
		fprintf(stderr, "wsatend: --id-mensagem: até 100 caracteres entre A-Z a-z 0-9 . _ : -\n");
		return EXIT_USAGE;
	}
	st->cacert = args_value(g, "cacert");

	if ((rc = load_config(st, g)) != 0)
		return rc;

	st->url = first(args_value(g, "url"), getenv("WSATEND_URL"), st->conf_values[CONF_URL]);
	if (!st->url)
		st->url = DEFAULT_URL;
	if (strncmp(st->url, "http://", 7) != 0 && strncmp(st->url, "https://", 8) != 0) {
		fprintf(stderr, "wsatend: URL deve começar com http:// ou https://: %s\n", st->url);
		return EXIT_USAGE;
	}
	st->usuario = first(args_value(g, "usuario"), getenv("WSATEND_USUARIO"),
			    st->conf_values[CONF_USUARIO]);
	if (st->usuario) {
		const char *at = strchr(st->usuario, '@');
		if (!at || at == st->usuario || !at[1]) {
			fprintf(stderr, "wsatend: usuário deve ser LOGIN@GRUPO: %s\n", st->usuario);
			return EXIT_USAGE;
		}
	}
	st->empresa = first(args_value(g, "empresa"), getenv("WSATEND_EMPRESA"),
			    st->conf_values[CONF_EMPRESA]);
	st->operador = first(args_value(g, "operador"), getenv("WSATEND_OPERADOR"), NULL);

	if ((v = args_value(g, "senha-arquivo")))
		return read_password_file(st, v);
	v = first(getenv("WSATEND_SENHA"), st->conf_values[CONF_SENHA], NULL);
	if (v && !(st->senha = strdup(v)))
		return EXIT_USAGE;
	return 0;
}

bool settings_have_credentials(const struct settings *st, bool print_why)
{
	if (st->usuario && st->senha)
		return true;
	if (print_why)
		fprintf(stderr, "wsatend: faltam credenciais: %s%s%s\n",
			st->usuario ? "" : "o usuário (--usuario ou WSATEND_USUARIO)",
			!st->usuario && !st->senha ? " e " : "",
			st->senha ? "" : "a senha (WSATEND_SENHA, --senha-arquivo ou senha no arquivo de configuração)");
	return false;
}

void settings_free(struct settings *st)
{
	if (st->senha) {
		explicit_bzero(st->senha, strlen(st->senha));
		free(st->senha);
	}
	for (int k = 0; k < CONF_NKEYS; k++) {
		if (st->conf_values[k]) {
			explicit_bzero(st->conf_values[k], strlen(st->conf_values[k]));
			free(st->conf_values[k]);
		}
	}
	free(st->conf_path);
	memset(st, 0, sizeof *st);
}
