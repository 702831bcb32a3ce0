/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * alteracoes_cmd.c - `wsatend alteracoes`: the change feed, ObterAlteracoes
 * (wsdl/xsd/integracao.xsd).
 *
 *   wsatend alteracoes puxar --cursor-arquivo feed.cursor --saida lote.csv
 *
 * pulls every page from the stored cursor (absent file: from the beginning) until
 * MaisItens=false and writes the items to the output file (CSV or XML, by its
 * extension; CSV on stdout without --saida).
 *
 * The rule to know: the cursor is stored only after the data is safely written
 * (file fsynced and renamed into place, directory fsynced), and then atomically
 * (temporary file, fsync, rename, fsync of the directory). A crash between the two
 * makes the next run pull the same changes again (at least once), never lose any.
 */
#include "commands.h"
#include "file_io.h"

#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static const char *const tipos[] = { "PESSOA", "VEICULO", "ATENDIMENTO", "AGENDAMENTO", "ORCAMENTO", "OS",
				      "VEICULO_ESTOQUE", "RESERVA", "AVALIACAO", "PROPOSTA", NULL };

/* <xs:element name="ObterAlteracoes"> Cabecalho, Cursor?, Tipo*, MaxItens? */
static const struct opt puxar_opts[] = {
	{ "tipo", OPT_CHOICE, OPT_MULTI, "TIPO", "só alterações deste tipo (repetível; padrão: todos)", tipos, 0 },
	{ "max", OPT_INT, 0, "N", "itens por página, 1 a 1000 (padrão do servidor: 100)", NULL, 0 },
	{ "cursor-arquivo", OPT_TEXT, 0, "ARQUIVO",
	  "onde o cursor fica guardado entre execuções (sem ele: desde o início)", NULL, 0 },
	{ "saida", OPT_TEXT, 0, "ARQUIVO.csv|.xml", "grava as alterações neste arquivo (padrão: CSV na saída padrão)",
	  NULL, 0 },
	{ NULL, 0, 0, NULL, NULL, NULL, 0 },
};

struct feed {
	struct ws__Alteracao **items;
	size_t n, cap;
	const char *cursor;      /* the last ProximoCursor */
	struct soap *soap;       /* for the enumerations' names */
};

/* The stored cursor: NULL when the file does not exist yet (from the beginning). */
static int read_cursor(struct soap *soap, const char *path, const char **out)
{
	char buf[256];
	FILE *f;
	size_t len;

	*out = NULL;
	if (!path)
		return EXIT_OK;
	if (!(f = fopen(path, "r"))) {
		if (errno == ENOENT)
			return EXIT_OK;
		fprintf(stderr, "wsatend: %s: %s\n", path, strerror(errno));
		return EXIT_USAGE;
	}
	len = fread(buf, 1, sizeof buf - 1, f);
	fclose(f);
	buf[len] = '\0';
	while (len && (buf[len - 1] == '\n' || buf[len - 1] == '\r' || buf[len - 1] == ' '))
		buf[--len] = '\0';
	if (len)
		*out = soap_strdup(soap, buf);
	return EXIT_OK;
}

static bool keep(struct feed *fd, struct ws__Alteracao *a)
{
	if (fd->n == fd->cap) {
		size_t cap = fd->cap ? fd->cap * 2 : 256;
		struct ws__Alteracao **p = realloc(fd->items, cap * sizeof *p);
		if (!p)
			return false;
		fd->items = p;
		fd->cap = cap;
	}
	fd->items[fd->n++] = a;
	return true;
}

static void write_csv(FILE *f, const void *ctx)
{
	const struct feed *fd = ctx;
	struct soap *soap = fd->soap;
	fputs("tipo;id;acao;versao;data_hora\n", f);
	for (size_t i = 0; i < fd->n; i++) {
		const struct ws__Alteracao *a = fd->items[i];
		fprintf(f, "%s;%lld;%s;", soap_ws__TipoEntidade2s(soap, a->Tipo), (long long)a->Id,
			soap_ws__AcaoAlteracao2s(soap, a->Acao));
		if (a->Versao)
			fprintf(f, "%d", *a->Versao);
		fprintf(f, ";%s\n", a->DataHora ? a->DataHora : "");
	}
}

/* The values are enumerations, numbers, dates and the cursor: only the cursor is
 * the server's free text, so it alone is escaped. */
static void put_escaped(const char *s, FILE *f)
{
	for (; *s; s++)
		switch (*s) {
		case '&': fputs("&amp;", f); break;
		case '<': fputs("&lt;", f); break;
		case '"': fputs("&quot;", f); break;
		default: fputc(*s, f);
		}
}

static void write_xml(FILE *f, const void *ctx)
{
	const struct feed *fd = ctx;
	struct soap *soap = fd->soap;
	fputs("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n"
	      "<Alteracoes xmlns=\"http://wsatend.org/WSAtendimentoCadastroWeb/v1\" ProximoCursor=\"", f);
	put_escaped(fd->cursor ? fd->cursor : "", f);
	fputs("\">\n", f);
	for (size_t i = 0; i < fd->n; i++) {
		const struct ws__Alteracao *a = fd->items[i];
		fprintf(f, "  <Alteracao><Tipo>%s</Tipo><Id>%lld</Id><Acao>%s</Acao>",
			soap_ws__TipoEntidade2s(soap, a->Tipo), (long long)a->Id,
			soap_ws__AcaoAlteracao2s(soap, a->Acao));
		if (a->Versao)
			fprintf(f, "<Versao>%d</Versao>", *a->Versao);
		fprintf(f, "<DataHora>%s</DataHora></Alteracao>\n", a->DataHora ? a->DataHora : "");
	}
	fputs("</Alteracoes>\n", f);
}

static void cursor_writer(FILE *f, const void *ctx)
{
	const struct feed *fd = ctx;
	fprintf(f, "%s\n", fd->cursor ? fd->cursor : "");
}

/* Writes the items, then (only if that worked) the cursor. */
static int store(const struct args *a, const struct feed *fd)
{
	const char *out = args_value(a, "saida"), *cursor_file = args_value(a, "cursor-arquivo");

	if (out) {
		if (!file_write_atomically(out, file_has_suffix(out, ".xml") ? write_xml : write_csv, fd))
			return EXIT_TRANSPORT;
	} else {
		write_csv(stdout, fd);
		if (fflush(stdout) != 0) {
			fprintf(stderr, "wsatend: saída padrão: %s\n", strerror(errno));
			return EXIT_TRANSPORT;
		}
	}
	if (cursor_file && !file_write_atomically(cursor_file, cursor_writer, fd))
		return EXIT_TRANSPORT;
	fprintf(stderr, "wsatend: %zu alteraç%s%s%s\n", fd->n, fd->n == 1 ? "ão" : "ões",
		cursor_file ? "; cursor gravado em " : "", cursor_file ? cursor_file : "");
	return EXIT_OK;
}

static int puxar(struct session *s, const struct args *a)
{
	struct feed fd = { .soap = s->soap };
	size_t ntipos = args_count(a, "tipo");
	enum ws__TipoEntidade *t = ntipos ? soap_new_ws__TipoEntidade(s->soap, (int)ntipos) : NULL;
	int rc, code;
	const char *ext = args_value(a, "saida");

	if (ext && !file_has_suffix(ext, ".csv") && !file_has_suffix(ext, ".xml")) {
		fprintf(stderr, "wsatend: alteracoes puxar: --saida termina em .csv ou .xml\n");
		return EXIT_USAGE;
	}
	for (size_t i = 0; i < ntipos; i++)
		if (soap_s2ws__TipoEntidade(s->soap, args_nth(a, "tipo", i), &t[i]) != SOAP_OK)
			args_enum_mismatch("tipo", args_nth(a, "tipo", i));
	if ((code = read_cursor(s->soap, args_value(a, "cursor-arquivo"), &fd.cursor)) != EXIT_OK)
		return code;
	for (;;) {
		struct _ws__ObterAlteracoes in = { 0 };
		struct _ws__ObterAlteracoesResponse out = { 0 };

		in.Cabecalho = session_header(s);
		in.Cursor = (char *)fd.cursor;
		in.__sizeTipo = (int)ntipos;
		in.Tipo = t;
		in.MaxItens = args_int(s->soap, a, "max");
		rc = soap_call___ws__ObterAlteracoes(s->soap, s->url, NULL, &in, &out);
		if (rc != SOAP_OK || !out.Resultado || !out.ProximoCursor ||
		    (out.Resultado->Status != ws__StatusResultado__Sucesso &&
		     out.Resultado->Status != ws__StatusResultado__SucessoComAvisos)) {
			/* Nothing is written: the stored cursor stays where it was. */
			free(fd.items);
			return session_finish(s, rc, out.Resultado);
		}
		for (int i = 0; i < out.__sizeAlteracao; i++)
			if (!keep(&fd, &out.Alteracao[i])) {
				fprintf(stderr, "wsatend: memória insuficiente\n");
				free(fd.items);
				return EXIT_TRANSPORT;
			}
		fd.cursor = out.ProximoCursor;
		if (out.MaisItens != xsd__boolean__true_)
			break;
	}
	code = store(a, &fd);
	free(fd.items);
	return code;
}

static const struct command commands[] = {
	{ "puxar", "ObterAlteracoes",
	  "puxa as alterações desde o cursor guardado para um arquivo CSV/XML e guarda o novo cursor",
	  puxar_opts, NULL, false, puxar },
	{ NULL, NULL, NULL, NULL, NULL, false, NULL },
};

const struct area alteracoes_area = {
	"alteracoes", "feed de alterações (pessoas, veículos, atendimentos, oficina, vendas) a partir de um cursor", commands,
};
