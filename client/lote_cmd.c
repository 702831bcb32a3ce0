/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * lote_cmd.c - `wsatend lote`: batch synchronisation (wsdl/xsd/lote.xsd).
 *
 *   wsatend lote enviar clientes.csv --tipo pessoa        IncluirPessoasLote
 *   wsatend lote enviar frota.xml                         IncluirVeiculosLote
 *   wsatend lote enviar leads.csv --tipo atendimento      IncluirAtendimentosLote
 *   wsatend lote enviar agenda.xml                        IncluirAgendamentosLote
 *   wsatend lote situacao IDLOTE                          ConsultarLote
 *
 * The record types are a table (lote_types.c): nothing here depends on which.
 *
 * enviar reads the whole file (CSV or XML), sends every record not yet answered in
 * chunks over parallel connections, keeps an append-only journal beside the input
 * (ARQUIVO.diario; rebuilt from ConsultarLote when it starts empty) and writes one
 * result line per input record (ARQUIVO.resultado.csv). Rerunning the same command resumes: records the journal
 * has are not sent again, and records it lost are sent under the same key, which
 * the server answers from its own record (REPROCESSADO) without applying them twice.
 *
 * Exit codes: 0 every record was written; 1 some were rejected; 5 every record was
 * rejected; 3 some are still pending (transport trouble: run it again); 4
 * authentication refused (the job stopped); 2 usage.
 */
#include "commands.h"
#include "file_io.h"
#include "lote.h"

#include <errno.h>
#include <libgen.h>
#include <openssl/evp.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

/* --tipo: the names of lote_types (lote_type_named finds them) */
static const char *const tipos[] = {"pessoa", "veiculo", "atendimento", "agendamento", NULL};
static const char *const codificacoes[] = {"auto", "utf-8", "windows-1252", "iso-8859-1", NULL};

static const struct opt enviar_opts[] = {
	{"tipo", OPT_CHOICE, 0, "TIPO",
	 "tipo dos registros (obrigatório para CSV; no XML vem dos elementos; colunas: client/README.md)", tipos, 0},
	{"mapa", OPT_TEXT, 0, "ARQUIVO", "associa colunas a campos, uma por linha: \"coluna = Campo\"", NULL, 0},
	{"separador", OPT_TEXT, 0, "C", "separador do CSV, ; ou , (padrão: o mais frequente no cabeçalho)", NULL, 0},
	{"codificacao", OPT_CHOICE, 0, "COD", "codificação do CSV (padrão: auto, UTF-8 ou windows-1252)", codificacoes,
	 0},
	{"tamanho", OPT_INT, 0, "N", "registros por chamada, 1 a 1000 (padrão 500)", NULL, 0},
	{"conexoes", OPT_INT, 0, "N",
	 "chamadas em paralelo, 1 a 16 (padrão 4; 1 para atendimento e agendamento, que seguem a ordem do arquivo)",
	 NULL, 0},
	{"tentativas", OPT_INT, 0, "N", "tentativas por chamada em falhas de transporte (padrão 8)", NULL, 0},
	{"esquema", OPT_TEXT, 0, "DIR", "diretório dos .xsd do contrato, para validar XML (padrão: wsdl/xsd)", NULL, 0},
	{"diario", OPT_TEXT, 0, "ARQUIVO", "diário de retomada (padrão: ARQUIVO.diario)", NULL, 0},
	{"resultado", OPT_TEXT, 0, "ARQUIVO", "resultado por registro (padrão: ARQUIVO.resultado.csv)", NULL, 0},
	{NULL, 0, 0, NULL, NULL, NULL, 0},
};

static char *read_file(const char *path, size_t *len)
{
	FILE *f = fopen(path, "rb");
	char *data = NULL;
	if (!f)
		return NULL;
	struct stat st;
	if (fstat(fileno(f), &st) == 0 && (data = malloc((size_t)st.st_size + 1))) {
		*len = fread(data, 1, (size_t)st.st_size, f);
		data[*len] = '\0';
	}
	fclose(f);
	return data;
}

/* IdLote: the record type and the file's bytes decide it. */
static void batch_id(const struct lote_type *t, const char *data, size_t len, char out[40])
{
	unsigned char d[32];
	unsigned dl = sizeof d;
	EVP_MD_CTX *c = EVP_MD_CTX_new();
	const char *tag = t->tipo;
	EVP_DigestInit_ex(c, EVP_sha256(), NULL);
	EVP_DigestUpdate(c, tag, strlen(tag) + 1);
	EVP_DigestUpdate(c, data, len);
	EVP_DigestFinal_ex(c, d, &dl);
	EVP_MD_CTX_free(c);
	out[0] = 'l';
	for (int i = 0; i < 12; i++)
		snprintf(out + 1 + 2 * i, 3, "%02x", d[i]);
}

static char *path_with(const char *path, const char *suffix)
{
	size_t n = strlen(path) + strlen(suffix) + 1;
	char *p = malloc(n);
	if (p)
		snprintf(p, n, "%s%s", path, suffix);
	return p;
}

static void csv_field(FILE *f, const char *s)
{
	fputc('"', f);
	for (; s && *s; s++) {
		if (*s == '"')
			fputc('"', f);
		fputc(*s == '\n' || *s == '\r' ? ' ' : *s, f);
	}
	fputc('"', f);
}

/* One line per input record. */
static void results_writer(FILE *f, const void *ctx)
{
	const struct lote_input *in = ctx;
	fputs("linha;chave;situacao;id;codigo;campo;mensagem\n", f);
	for (size_t i = 0; i < in->n; i++) {
		const struct lote_record *r = &in->rec[i];
		fprintf(f, "%d;%s.%d;%s;", r->line, in->id, r->line, r->state == LOTE_PENDING ? "PENDENTE" : r->outcome);
		if (r->server_id)
			fprintf(f, "%lld", r->server_id);
		fputc(';', f);
		fputs(r->code ? r->code : "", f);
		fputc(';', f);
		csv_field(f, r->field);
		fputc(';', f);
		csv_field(f, r->message);
		fputc('\n', f);
	}
}

static char *dup_or_null(const char *t)
{
	return t && *t ? strdup(t) : NULL;
}

/*
 * A journal that starts empty (first run, or lost): the server's record of the batch
 * (ConsultarLote, paged) fills it first, so records already answered are not sent
 * again. Best effort: any failure just means they are sent again and replayed.
 * Returns how many records it recovered.
 */
static size_t reconcile(struct session *s, struct lote_input *in, struct lote_journal *j)
{
	size_t recovered = 0;
	char key_prefix[48];
	char *cursor = NULL;
	snprintf(key_prefix, sizeof key_prefix, "%s.", in->id);
	size_t *idx = malloc(sizeof *idx * (in->n ? in->n : 1));
	if (!idx)
		return 0;
	for (int page = 0; page < 100000; page++) {
		struct _ws__ConsultarLote q = {0};
		struct _ws__ConsultarLoteResponse r = {0};
		char why[256];
		if (!session_renew(s))
			break;
		q.Cabecalho = session_header(s);
		q.IdLote = soap_strdup(s->soap, in->id);
		q.Paginacao = soap_new_ws__Paginacao(s->soap, 1);
		q.Paginacao->MaxItens = soap_malloc(s->soap, sizeof(int));
		*q.Paginacao->MaxItens = 500;
		q.Paginacao->Cursor = cursor ? soap_strdup(s->soap, cursor) : NULL;
		int rc = soap_call___ws__ConsultarLote(s->soap, s->url, NULL, &q, &r);
		if (session_outcome(s, rc, r.Resultado, why, sizeof why) != EXIT_OK)
			break;	/* NAO_ENCONTRADO: a new batch */
		size_t n = 0;
		for (int i = 0; i < r.__sizeResultadoRegistro; i++) {
			const struct ws__ResultadoRegistro *x = &r.ResultadoRegistro[i];
			if (!x->Sequencia || !x->Chave || strncmp(x->Chave, key_prefix, strlen(key_prefix)))
				continue;
			size_t lo = 0, hi = in->n;	/* records are in line order */
			while (lo < hi) {
				size_t mid = (lo + hi) / 2;
				if (in->rec[mid].line < *x->Sequencia)
					lo = mid + 1;
				else
					hi = mid;
			}
			for (size_t k = lo; k < in->n && in->rec[k].line == *x->Sequencia; k++) {
				struct lote_record *rec = &in->rec[k];
				if (rec->local || rec->state != LOTE_PENDING)
					continue;
				const struct ws__Mensagem *m = x->__sizeMensagem ? &x->Mensagem[0] : NULL;
				bool rejected = x->Situacao == ws__SituacaoRegistro__REJEITADO;
				rec->state = rejected ? LOTE_REJECTED : LOTE_DONE;
				snprintf(rec->outcome, sizeof rec->outcome, "%s",
					 rejected ? "REJEITADO"
					 : x->Situacao == ws__SituacaoRegistro__ATUALIZADO ? "ATUALIZADO"
											    : "CRIADO");
				rec->server_id = x->Id ? (long long)*x->Id : 0;
				rec->code = dup_or_null(m ? m->Codigo : NULL);
				rec->field = dup_or_null(m ? m->Campo : NULL);
				rec->message = dup_or_null(m ? m->Texto : NULL);
				idx[n++] = k;
				break;
			}
		}
		if (n && lote_journal_write(j, in, idx, n))
			recovered += n;
		if (!r.ProximoCursor)
			break;
		free(cursor);
		if (!(cursor = strdup(r.ProximoCursor)))
			break;
	}
	free(cursor);
	free(idx);
	return recovered;
}

static int clamp(const int *v, int def, int lo, int hi)
{
	return !v ? def : *v < lo ? lo : *v > hi ? hi : *v;
}

/* The contract's schema: --esquema, $WSATEND_XSD_DIR, or wsdl/xsd beside bin/. */
static const char *schema_dir(const struct args *a, char *buf, size_t len)
{
	const char *d = args_value(a, "esquema");
	if (d)
		return d;
	if ((d = getenv("WSATEND_XSD_DIR")))
		return d;
	char exe[4096];
	ssize_t n = readlink("/proc/self/exe", exe, sizeof exe - 1);
	if (n > 0) {
		exe[n] = '\0';
		snprintf(buf, len, "%s/../wsdl/xsd", dirname(exe));
		if (access(buf, R_OK) == 0)
			return buf;
	}
	return "wsdl/xsd";
}

static int enviar(struct session *s, const struct args *a)
{
	const char *path = a->positional;
	struct lote_input in = {0};
	const char *tipo = args_value(a, "tipo");
	bool xml = file_has_suffix(path, ".xml");
	size_t len = 0;
	int code;

	if (!xml && !tipo) {
		fprintf(stderr, "wsatend: lote enviar: informe --tipo pessoa|veiculo|atendimento|agendamento para um CSV\n");
		return EXIT_USAGE;
	}
	const char *sep = args_value(a, "separador");
	if (sep && strcmp(sep, ";") && strcmp(sep, ",")) {
		fprintf(stderr, "wsatend: lote enviar: --separador é ; ou ,\n");
		return EXIT_USAGE;
	}
	in.type = lote_type_named(tipo);	/* NULL for an XML without --tipo: its elements say */
	char *data = read_file(path, &len);
	if (!data) {
		fprintf(stderr, "wsatend: lote: %s: %s\n", path, strerror(errno));
		return EXIT_USAGE;
	}
	char sdir[4200];
	if (xml)
		code = lote_read_xml(path, schema_dir(a, sdir, sizeof sdir), &in);
	else
		code = lote_read_csv(path, data, len, args_value(a, "mapa"), sep ? *sep : 0, args_value(a, "codificacao"),
				     &in);
	if (!code && !in.type)
		in.type = lote_type_named("veiculo");	/* no record at all: nothing to send anyway */
	if (!code)
		batch_id(in.type, data, len, in.id);
	free(data);

	char *journal_path = args_value(a, "diario") ? strdup(args_value(a, "diario")) : path_with(path, ".diario");
	char *result_path = args_value(a, "resultado") ? strdup(args_value(a, "resultado"))
						     : path_with(path, ".resultado.csv");
	struct lote_journal *j = NULL;
	size_t resumed = 0;
	struct lote_send_result res;
	memset(&res, 0, sizeof res);
	if (!code && !(j = lote_journal_open(journal_path, &in, &resumed)))
		code = EXIT_USAGE;
	if (!code && !resumed) {
		size_t recovered = reconcile(s, &in, j);
		if (recovered)
			fprintf(stderr, "wsatend: lote %s: sem diário; %zu registro%s recuperado%s do servidor (ConsultarLote)\n",
				in.id, recovered, recovered == 1 ? "" : "s", recovered == 1 ? "" : "s");
	}
	if (!code) {
		if (resumed)
			fprintf(stderr, "wsatend: lote %s: retomando; %zu registro%s já respondido%s pelo servidor\n", in.id,
				resumed, resumed == 1 ? "" : "s", resumed == 1 ? "" : "s");
		struct lote_send_opts o = {
			.chunk = clamp(args_int(s->soap, a, "tamanho"), 500, 1, 1000),
			.connections = clamp(args_int(s->soap, a, "conexoes"), in.type->ordered ? 1 : 4, 1, 16),
			.attempts = clamp(args_int(s->soap, a, "tentativas"), 8, 1, 100),
			.progress_tty = isatty(STDERR_FILENO),
		};
		lote_send(s->st, &in, j, &o, &res);
		lote_journal_close(j);
		if (!file_write_atomically(result_path, results_writer, &in))
			code = EXIT_TRANSPORT;
	}
	if (!code) {
		size_t ok = 0, rejected = 0, local = 0, pending = 0, created = 0, updated = 0;
		for (size_t i = 0; i < in.n; i++) {
			const struct lote_record *r = &in.rec[i];
			ok += r->state == LOTE_DONE;
			rejected += r->state == LOTE_REJECTED;
			local += r->local;
			pending += r->state == LOTE_PENDING;
			created += r->state == LOTE_DONE && !strcmp(r->outcome, "CRIADO");
			updated += r->state == LOTE_DONE && !strcmp(r->outcome, "ATUALIZADO");
		}
		fprintf(stderr,
			"wsatend: lote %s: %zu registros: %zu gravados (%zu criados, %zu atualizados), %zu rejeitados "
			"(%zu na leitura), %zu pendentes; %zu reprocessados pelo servidor, %zu novas tentativas\n"
			"wsatend: lote: resultado por registro em %s\n",
			in.id, in.n, ok, created, updated, rejected, local, pending, (size_t)res.replayed,
			(size_t)res.retries, result_path);
		printf("%s\n", in.id);
		if (res.stop != LOTE_STOP_NONE) {
			char *t = strrchr(res.stop_why, '\t');
			if (res.stop == LOTE_STOP_AUTH)
				fprintf(stderr, "wsatend: lote: autenticação recusada (%s); o envio parou\n",
					t ? t + 1 : res.stop_why);
			else
				fprintf(stderr, "wsatend: lote: o servidor recusou a chamada inteira (%.*s: %s); o envio parou, "
					"os registros não enviados ficam pendentes: corrija e rode o mesmo comando de novo\n",
					(int)strcspn(res.stop_why, "\t"), res.stop_why, t ? t + 1 : res.stop_why);
			code = res.stop == LOTE_STOP_AUTH ? EXIT_AUTH : EXIT_BUSINESS;
		} else if (pending) {
			fprintf(stderr, "wsatend: lote: %zu registro%s sem resposta; rode o mesmo comando de novo\n",
				pending, pending == 1 ? "" : "s");
			code = EXIT_TRANSPORT;
		} else {
			code = rejected == 0 ? EXIT_OK : ok == 0 ? EXIT_REJECTED : EXIT_BUSINESS;
		}
	}
	for (size_t i = 0; i < in.n; i++)
		lote_record_free(&in.rec[i]);
	free(in.rec);
	free(journal_path);
	free(result_path);
	return code;
}

/* <xs:element name="ConsultarLote"> Cabecalho, IdLote, SomenteRejeitados?, Paginacao? */
static const struct opt situacao_opts[] = {
	{"so-rejeitados", OPT_FLAG, 0, NULL, "só os registros rejeitados", NULL, 0},
	ARGS_PAGING_OPTS,
	{NULL, 0, 0, NULL, NULL, NULL, 0},
};

static int situacao(struct session *s, const struct args *a)
{
	struct _ws__ConsultarLote in = {0};
	struct _ws__ConsultarLoteResponse out = {0};
	in.Cabecalho = session_header(s);
	in.IdLote = soap_strdup(s->soap, a->positional);
	if (args_flag(a, "so-rejeitados")) {
		in.SomenteRejeitados = soap_malloc(s->soap, sizeof *in.SomenteRejeitados);
		*in.SomenteRejeitados = xsd__boolean__true_;
	}
	in.Paginacao = args_paging(s->soap, a);
	int rc = soap_call___ws__ConsultarLote(s->soap, s->url, NULL, &in, &out);
	return session_finish(s, rc, out.Resultado);
}

static const struct command commands[] = {
	{"enviar", "IncluirPessoasLote/IncluirVeiculosLote/IncluirAtendimentosLote/IncluirAgendamentosLote",
	 "envia um arquivo CSV/XML de pessoas, veículos, atendimentos ou agendamentos em lotes, retomável",
	 enviar_opts, "ARQUIVO", false, enviar},
	{"situacao", "ConsultarLote", "a visão do servidor de um lote: totais e resultado de cada registro",
	 situacao_opts, "IDLOTE", false, situacao},
	{NULL, NULL, NULL, NULL, NULL, false, NULL},
};

const struct area lote_area = {
	"lote", "sincronização em lote: envio retomável de arquivos e situação de um lote", commands,
};
