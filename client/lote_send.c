/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * lote_send.c - sending a batch (lote.h): chunks of records over several
 * connections, each connection a thread with its own session.
 *
 * The rule to know (../shared/RELIABILITY.md, "Batch sync that survives crashes"):
 * a chunk is retried with exponential backoff and full jitter after a transport
 * error, an HTTP 5xx or a retryable Server fault; a Client fault of a chunk is
 * narrowed down by splitting the chunk in halves until the one record it is about
 * is found and recorded as rejected (one bad record never fails the others); an
 * authentication failure, or a refusal of the call itself (Falha without per-record
 * results: an unknown Cabecalho/Empresa, say), stops every thread and leaves the
 * records pending: every chunk would get it, and it says nothing about them. Every retry resends the same keys, so
 * the server applies each record once whatever was lost on the way.
 */
#include "lote.h"

#include "commands.h"

#include <pthread.h>
#include <stdatomic.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#define BACKOFF_BASE_MS 200
#define BACKOFF_CAP_MS 8000

struct job {
	const struct settings *st;
	struct lote_input *in;
	struct lote_journal *j;
	const struct lote_send_opts *o;
	size_t *pending;
	size_t n_pending, next;
	pthread_mutex_t lock;
	atomic_bool stop;
	atomic_size_t answered;
	atomic_int running;
	struct lote_send_result *res;
};

static void sleep_ms(long ms)
{
	struct timespec ts = {ms / 1000, (ms % 1000) * 1000000L};
	while (nanosleep(&ts, &ts) != 0)
		;
}

/* Full jitter: uniform in [0, min(cap, base * 2^attempt)]. */
static long backoff_ms(int attempt, unsigned *seed)
{
	long ceiling = BACKOFF_BASE_MS << (attempt < 10 ? attempt : 10);
	if (ceiling > BACKOFF_CAP_MS)
		ceiling = BACKOFF_CAP_MS;
	return (long)(rand_r(seed) % (unsigned)(ceiling + 1));
}

static char *dup_or_null(const char *s)
{
	return s && *s ? strdup(s) : NULL;
}

static void set_outcome(struct lote_record *r, const char *outcome, long long id, const char *code,
			const char *field, const char *message)
{
	r->state = strcmp(outcome, "REJEITADO") ? LOTE_DONE : LOTE_REJECTED;
	snprintf(r->outcome, sizeof r->outcome, "%s", outcome);
	r->server_id = id;
	free(r->code);
	free(r->field);
	free(r->message);
	r->code = dup_or_null(code);
	r->field = dup_or_null(field);
	r->message = dup_or_null(message);
}

static const char *situacao(enum ws__SituacaoRegistro s)
{
	switch (s) {
	case ws__SituacaoRegistro__CRIADO: return "CRIADO";
	case ws__SituacaoRegistro__ATUALIZADO: return "ATUALIZADO";
	case ws__SituacaoRegistro__REPROCESSADO: return "REPROCESSADO";
	default: return "REJEITADO";
	}
}

/* The message that explains an answer: its first error, else its first message. */
static const struct ws__Mensagem *main_message(const struct ws__Mensagem *m, int n)
{
	for (int k = 0; k < n; k++)
		if (m[k].Severidade == ws__Severidade__Erro)
			return &m[k];
	return n ? &m[0] : NULL;
}

/* The record's result: a replay counts as what happened the first time. */
static void apply_item(struct job *jb, struct lote_record *r, const struct ws__ResultadoRegistro *x)
{
	const char *out = situacao(x->Situacao);
	if (x->Situacao == ws__SituacaoRegistro__REPROCESSADO) {
		atomic_fetch_add(&jb->res->replayed, 1);
		out = x->SituacaoOriginal ? situacao(*x->SituacaoOriginal) : "CRIADO";
	}
	const struct ws__Mensagem *m = main_message(x->Mensagem, x->__sizeMensagem);
	set_outcome(r, out, x->Id ? (long long)*x->Id : 0, m ? m->Codigo : NULL, m ? m->Campo : NULL,
		    m ? m->Texto : NULL);
}

/* One call for records idx[0..n-1]. Returns the exit-code class of the outcome; on
 * EXIT_OK/EXIT_BUSINESS with items, the records have their results. why: see
 * session_outcome. */
static int call(struct job *jb, struct session *s, const size_t *idx, size_t n, char *why, size_t len,
		struct ws__Resultado **resultado, struct ws__ResultadoRegistro **items, int *n_items)
{
	struct soap *soap = s->soap;
	struct lote_input *in = jb->in;
	int rc;
	char id[128];

	*resultado = NULL;
	*items = NULL;
	*n_items = 0;
	if (!session_renew(s)) {
		snprintf(why, len, "memória insuficiente");
		return EXIT_TRANSPORT;
	}
	struct ws__Cabecalho *h = session_header(s);
	/* the chunk's records decide its IdMensagem: the same chunk resent is a replay */
	snprintf(id, sizeof id, "%s.c%d-%d-%zu", in->id, in->rec[idx[0]].line, in->rec[idx[n - 1]].line, n);
	h->IdMensagem = soap_strdup(soap, id);
	struct ws__InfoLote *lote = soap_new_ws__InfoLote(soap, 1);
	lote->IdLote = soap_strdup(soap, in->id);
	lote->TotalDeclarado = soap_malloc(soap, sizeof(int));
	*lote->TotalDeclarado = (int)in->n;
	struct lote_reply reply = {0};
	rc = in->type->send(soap, s->url, h, lote, in, idx, n, &reply);
	*resultado = reply.resultado;
	*items = reply.items;
	*n_items = reply.n_items;
	return session_outcome(s, rc, *resultado, why, len);
}

/* "CODIGO\tCampo\tTexto" of a fault, or a plain reason. */
static void split_why(char *why, const char **code, const char **field, const char **text)
{
	char *t1 = strchr(why, '\t'), *t2 = t1 ? strchr(t1 + 1, '\t') : NULL;
	if (!t1 || !t2) {
		*code = "FALHA";
		*field = NULL;
		*text = why;
		return;
	}
	*t1 = *t2 = '\0';
	*code = why;
	*field = t1 + 1;
	*text = t2 + 1;
}

static void record_all(struct job *jb, const size_t *idx, size_t n, const char *code, const char *field,
		       const char *text)
{
	for (size_t k = 0; k < n; k++)
		set_outcome(&jb->in->rec[idx[k]], "REJEITADO", 0, code, field, text);
	lote_journal_write(jb->j, jb->in, idx, n);
	atomic_fetch_add(&jb->answered, n);
}

static void stop_job(struct job *jb, enum lote_stop kind, const char *why)
{
	pthread_mutex_lock(&jb->lock);
	if (jb->res->stop == LOTE_STOP_NONE) {
		jb->res->stop = kind;
		snprintf(jb->res->stop_why, sizeof jb->res->stop_why, "%.250s", why);
	}
	pthread_mutex_unlock(&jb->lock);
	atomic_store(&jb->stop, true);
}

static void send_chunk(struct job *jb, struct session *s, const size_t *idx, size_t n, unsigned *seed)
{
	char why[1024];
	for (int attempt = 0; !atomic_load(&jb->stop); attempt++) {
		struct ws__Resultado *res;
		struct ws__ResultadoRegistro *items;
		int n_items;
		int code = call(jb, s, idx, n, why, sizeof why, &res, &items, &n_items);
		if ((code == EXIT_OK || code == EXIT_BUSINESS) && n_items == (int)n) {
			for (size_t k = 0; k < n; k++)
				apply_item(jb, &jb->in->rec[idx[k]], &items[k]);
			lote_journal_write(jb->j, jb->in, idx, n);
			atomic_fetch_add(&jb->answered, n);
			return;
		}
		if (code == EXIT_AUTH) {
			stop_job(jb, LOTE_STOP_AUTH, why);
			return;
		}
		const struct ws__Mensagem *m = res ? main_message(res->Mensagem, res->__sizeMensagem) : NULL;
		bool too_many = m && m->Codigo && !strcmp(m->Codigo, "TAMANHO_EXCEDIDO");
		if ((code == EXIT_OK || code == EXIT_BUSINESS) && !(too_many && n > 1)) {
			/* answered, but not record by record: a refusal of the call itself */
			if (m)
				snprintf(why, sizeof why, "%s\t%s\t%s", m->Codigo, m->Campo ? m->Campo : "",
					 m->Texto ? m->Texto : "");
			else
				snprintf(why, sizeof why, "RESPOSTA_INCOMPLETA\t\t%d resultados para %zu registros",
					 n_items, n);
			stop_job(jb, LOTE_STOP_CALL, why);
			return;
		}
		/* a chunk above the server's bulk_max_records is halved like a Client fault */
		bool permanent = code == EXIT_REJECTED || too_many;
		if (permanent && n > 1) {
			/* find the record the refusal is about: halves, recursively */
			send_chunk(jb, s, idx, n / 2, seed);
			send_chunk(jb, s, idx + n / 2, n - n / 2, seed);
			return;
		}
		if (permanent) {
			const char *c, *f, *t;
			if (m) {
				c = m->Codigo;
				f = m->Campo;
				t = m->Texto;
			} else {
				split_why(why, &c, &f, &t);
			}
			record_all(jb, idx, n, c, f, t);
			return;
		}
		if (attempt + 1 >= jb->o->attempts) {
			/* left pending: the next run sends it again. Records in file order
			 * (atendimentos, bookings) must not overtake it meanwhile. */
			if (jb->in->type->ordered)
				atomic_store(&jb->stop, true);
			return;
		}
		atomic_fetch_add(&jb->res->retries, 1);
		if (jb->st->verbose)
			fprintf(stderr, "wsatend: lote: linhas %d..%d: %s; nova tentativa\n", jb->in->rec[idx[0]].line,
				jb->in->rec[idx[n - 1]].line, why);
		sleep_ms(backoff_ms(attempt, seed));
	}
}

static void *worker(void *arg)
{
	struct job *jb = arg;
	struct session s;
	unsigned seed = (unsigned)time(NULL) ^ (unsigned)(uintptr_t)&s;
	if (session_open(&s, jb->st, jb->in->type->operation, true) != 0) {
		atomic_fetch_sub(&jb->running, 1);
		return NULL;
	}
	while (!atomic_load(&jb->stop)) {
		pthread_mutex_lock(&jb->lock);
		size_t first = jb->next, n = jb->n_pending - first;
		if (n > (size_t)jb->o->chunk)
			n = (size_t)jb->o->chunk;
		jb->next += n;
		pthread_mutex_unlock(&jb->lock);
		if (!n)
			break;
		send_chunk(jb, &s, jb->pending + first, n, &seed);
		atomic_fetch_add(&jb->res->sent_chunks, 1);
	}
	session_close(&s);
	atomic_fetch_sub(&jb->running, 1);
	return NULL;
}

static double now_s(void)
{
	struct timespec ts;
	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (double)ts.tv_sec + (double)ts.tv_nsec / 1e9;
}

static void progress(const struct job *jb, size_t total, size_t before, double started, bool tty, bool last)
{
	size_t done = before + atomic_load(&jb->answered);
	double dt = now_s() - started;
	double rate = dt > 0 ? (double)(done - before) / dt : 0;
	double eta = rate > 0 ? (double)(total - done) / rate : 0;
	int pct = total ? (int)(100.0 * (double)done / (double)total) : 100;
	if (tty) {
		int bar = pct / 5;
		fprintf(stderr, "\r[%.*s%*s] %zu/%zu %3d%% %6.0f reg/s ETA %3.0f s ", bar, "####################",
			20 - bar, "", done, total, pct, rate, eta);
		if (last)
			fputc('\n', stderr);
	} else {
		fprintf(stderr, "wsatend: lote: %zu/%zu registros (%d%%), %.0f reg/s, faltam ~%.0f s\n", done, total, pct,
			rate, eta);
	}
}

void lote_send(const struct settings *st, struct lote_input *in, struct lote_journal *j,
	       const struct lote_send_opts *o, struct lote_send_result *res)
{
	struct job jb = {.st = st, .in = in, .j = j, .o = o, .res = res};
	memset(res, 0, sizeof *res);
	jb.pending = malloc(sizeof *jb.pending * (in->n ? in->n : 1));
	if (!jb.pending)
		return;
	size_t before = 0;
	for (size_t i = 0; i < in->n; i++) {
		if (in->rec[i].state == LOTE_PENDING)
			jb.pending[jb.n_pending++] = i;
		else
			before++;
	}
	pthread_mutex_init(&jb.lock, NULL);
	atomic_init(&jb.stop, false);
	atomic_init(&jb.answered, 0);
	int nthreads = o->connections;
	if ((size_t)nthreads > (jb.n_pending + (size_t)o->chunk - 1) / (size_t)o->chunk)
		nthreads = (int)((jb.n_pending + (size_t)o->chunk - 1) / (size_t)o->chunk);
	atomic_init(&jb.running, nthreads);
	pthread_t *t = calloc((size_t)(nthreads ? nthreads : 1), sizeof *t);
	int started_threads = 0;
	double started = now_s(), last_line = started;
	for (int i = 0; t && i < nthreads; i++)
		if (pthread_create(&t[i], NULL, worker, &jb) == 0)
			started_threads++;
		else
			atomic_fetch_sub(&jb.running, 1);
	while (atomic_load(&jb.running) > 0) {
		sleep_ms(o->progress_tty ? 200 : 250);
		if (o->progress_tty || now_s() - last_line >= 2.0) {
			progress(&jb, in->n, before, started, o->progress_tty, false);
			last_line = now_s();
		}
	}
	for (int i = 0; i < started_threads; i++)
		pthread_join(t[i], NULL);
	if (jb.n_pending)
		progress(&jb, in->n, before, started, o->progress_tty, true);
	free(t);
	free(jb.pending);
	pthread_mutex_destroy(&jb.lock);
}
