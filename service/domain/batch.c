/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * batch.c - what every bulk operation shares (batch.h).
 *
 * The rule to know: an item's key is claimed by its batch_item row, written in the
 * same transaction as the item's person or vehicle (batch_finish). So a key with a
 * row was processed, and the row's outcome is the answer to every resend of it; a
 * key without one was not, whatever the client saw before a crash.
 */
#include "domain/batch.h"

#include "core/config.h"
#include "store/audit_store.h"
#include "store/batch_store.h"

#include <openssl/evp.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* ---- content hash ---------------------------------------------------------- */

struct batch_hash {
	EVP_MD_CTX *ctx;
};

struct batch_hash *batch_hash_begin(void)
{
	struct batch_hash *h = malloc(sizeof *h);
	if (h && !(h->ctx = EVP_MD_CTX_new())) {
		free(h);
		h = NULL;
	}
	if (h)
		EVP_DigestInit_ex(h->ctx, EVP_sha256(), NULL);
	return h;
}

/* Each value is its length and its bytes; NULL is a length no text has. */
void batch_hash_text(struct batch_hash *h, const char *s)
{
	if (!h)
		return;
	unsigned long long len = s ? strlen(s) : ~0ULL;
	EVP_DigestUpdate(h->ctx, &len, sizeof len);
	if (s)
		EVP_DigestUpdate(h->ctx, s, strlen(s));
}

void batch_hash_end(struct batch_hash *h, char out[65])
{
	unsigned char digest[32] = {0};
	unsigned len = sizeof digest;
	if (h) {
		EVP_DigestFinal_ex(h->ctx, digest, &len);
		EVP_MD_CTX_free(h->ctx);
		free(h);
	}
	static const char hex[] = "0123456789abcdef";	/* one per record: no snprintf per byte */
	for (unsigned i = 0; i < 32; i++) {
		out[2 * i] = hex[digest[i] >> 4];
		out[2 * i + 1] = hex[digest[i] & 15];
	}
	out[64] = '\0';
}

/* ---- one record's messages ---------------------------------------------------- */

size_t batch_mark(const struct request *req)
{
	return req->n_messages;
}

bool batch_take(struct request *req, size_t mark, struct batch_item *it)
{
	bool error = req->has_error;
	size_t n = req->n_messages - mark;
	if (n) {
		struct message *m = req_alloc(req, sizeof *m * (n + (size_t)it->n_messages));
		if (it->n_messages)
			memcpy(m, it->messages, sizeof *m * (size_t)it->n_messages);
		memcpy(m + it->n_messages, req->messages + mark, sizeof *m * n);
		for (size_t i = 0; i < n; i++)
			error |= m[it->n_messages + i].severity == SEVERITY_ERROR;
		it->messages = m;
		it->n_messages += (int)n;
	}
	req->n_messages = mark;
	req->dropped_messages = 0;
	req->has_error = false;
	if (error) {
		it->outcome = BATCH_REJECTED;
		it->entity_id = 0;
		it->decided = true;
	}
	return error;
}

void batch_reject(struct request *req, struct batch_item *it, enum status code, const char *field,
		  const char *fmt, ...)
{
	char text[512];
	va_list ap;
	va_start(ap, fmt);
	vsnprintf(text, sizeof text, fmt, ap);
	va_end(ap);
	size_t mark = batch_mark(req);
	req_fail(req, code, field, "%s", text);
	batch_take(req, mark, it);
}

/* ---- keys within the call -------------------------------------------------------- */

struct keyed {
	const char *key;
	int index;
};

static int by_key_then_index(const void *a, const void *b)
{
	const struct keyed *x = a, *y = b;
	int c = strcmp(x->key, y->key);
	return c ? c : (x->index > y->index) - (x->index < y->index);
}

/* Sorted (key, index) pairs of the undecided items that have a key. */
static struct keyed *sorted_keys(struct request *req, const struct batch *b, const char *const *keys, int *n)
{
	struct keyed *k = req_alloc(req, sizeof *k * (size_t)(b->n ? b->n : 1));
	*n = 0;
	for (int i = 0; i < b->n; i++)
		if (keys[i] && !b->items[i].decided)
			k[(*n)++] = (struct keyed){keys[i], i};
	qsort(k, (size_t)*n, sizeof *k, by_key_then_index);
	return k;
}

void batch_reject_duplicates(struct request *req, struct batch *b, const char *const *keys,
			     const char *field, const char *what)
{
	int n;
	struct keyed *k = sorted_keys(req, b, keys, &n);
	for (int i = 1; i < n; i++) {
		int first = i - 1;
		while (first > 0 && !strcmp(k[first - 1].key, k[i].key))
			first--;
		if (strcmp(k[i - 1].key, k[i].key))
			continue;
		batch_reject(req, &b->items[k[i].index], STATUS_JA_EXISTENTE, field,
			     "%s '%s' repetido neste lote: já está no registro %d.", what, k[i].key,
			     k[first].index + 1);
	}
}

/* ---- begin and finish ---------------------------------------------------------- */

struct lookup {
	struct request *req;
	struct batch *b;
	struct keyed *sorted;
	int n_sorted;
};

static void found_stored(void *ctx, const char *key, const char *operation, const char *hash,
			 const struct batch_item *stored)
{
	struct lookup *l = ctx;
	struct keyed probe = {key, -1};
	int lo = 0, hi = l->n_sorted;
	while (lo < hi) {	/* first entry >= probe */
		int mid = (lo + hi) / 2;
		if (by_key_then_index(&l->sorted[mid], &probe) < 0)
			lo = mid + 1;
		else
			hi = mid;
	}
	for (; lo < l->n_sorted && !strcmp(l->sorted[lo].key, key); lo++) {
		struct batch_item *it = &l->b->items[l->sorted[lo].index];
		if (it->decided)
			continue;
		it->known = true;
		if (strcmp(operation, l->b->operation) || strcmp(hash, it->hash)) {
			batch_reject(l->req, it, STATUS_IDEMPOTENCIA_CONFLITO, "Chave",
				     "A chave '%s' já foi usada em %s com outro conteúdo.", key, operation);
			continue;
		}
		it->outcome = BATCH_REPLAYED;
		it->original = stored->outcome;
		it->entity_id = stored->entity_id;
		it->messages = stored->messages;
		it->n_messages = stored->n_messages;
		it->decided = true;
	}
}

/* The contract's pattern for Chave and IdLote ([A-Za-z0-9._:-]{1,100}); gSOAP does
 * not check patterns. */
#define KEY_CHARS "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789._:-"
#define KEY_MAX 100

static bool key_valid(const char *k)
{
	size_t n = k ? strlen(k) : 0;
	return n >= 1 && n <= KEY_MAX && strspn(k, KEY_CHARS) == n;
}

enum status batch_begin(struct request *req, struct batch *b)
{
	int max = req->cfg->bulk_max_records;
	if (b->n < 1)
		return req_fail(req, STATUS_CAMPO_OBRIGATORIO, "Registro", "Envie ao menos um registro.");
	if (b->n > max)
		return req_fail(req, STATUS_TAMANHO_EXCEDIDO, "Registro",
				"No máximo %d registros por chamada (enviados: %d); divida o lote.", max, b->n);
	if (b->declared_total && *b->declared_total < 0)
		return req_fail(req, STATUS_VALOR_INVALIDO, "Lote/TotalDeclarado",
				"TotalDeclarado não pode ser negativo.");
	if (b->id && !key_valid(b->id))
		return req_fail(req, STATUS_VALOR_INVALIDO, "Lote/IdLote",
				"IdLote aceita de 1 a %d letras, dígitos e . _ : -", KEY_MAX);
	const char **keys = req_alloc(req, sizeof *keys * (size_t)b->n);
	for (int i = 0; i < b->n; i++) {
		struct batch_item *it = &b->items[i];
		keys[i] = it->key;
		if (key_valid(it->key))
			continue;
		keys[i] = NULL;
		it->key = it->key ? it->key : "";
		batch_reject(req, it, STATUS_VALOR_INVALIDO, "Chave",
			     "A Chave aceita de 1 a %d letras, dígitos e . _ : - (recebida: '%s').", KEY_MAX, it->key);
	}
	batch_reject_duplicates(req, b, keys, "Chave", "Chave");
	for (int i = 0; i < b->n; i++)
		if (b->items[i].decided)
			b->items[i].known = true;	/* the key is the earlier record's */

	struct lookup l = {req, b, NULL, 0};
	l.sorted = sorted_keys(req, b, keys, &l.n_sorted);
	return batch_store_lookup(req, b, found_stored, &l);
}

/* A unique key taken between our checks and our write: the call runs again in a
 * fresh transaction (op.c), whose checks then see the other request's row. Should
 * the races go on past op.c's attempts, the answer is INDISPONIVEL (retryable, never
 * stored): a race says nothing about the records themselves. */
enum status batch_race(struct request *req)
{
	req_race(req);
	return STATUS_INDISPONIVEL;
}

enum status batch_write(struct request *req, struct batch *b, int *idx, int *n, batch_write_fn write, void *ctx,
			const char *field)
{
	if (*n == 0)
		return STATUS_OK;
	bool constraint = false;
	enum status s = batch_store_savepoint(req, BATCH_SAVEPOINT_BULK);
	if (s == STATUS_OK)
		s = write(req, ctx, idx, *n, &constraint);
	if (s == STATUS_OK)
		return batch_store_release(req, BATCH_SAVEPOINT_BULK);
	if (!constraint)
		return s;
	if (s == STATUS_JA_EXISTENTE)   /* a unique key: batch_store_write_status */
		return batch_race(req);
	/* A value the schema refuses and our checks let through: find which records. */
	s = batch_store_rollback_to(req, BATCH_SAVEPOINT_BULK);
	int kept = 0;
	for (int i = 0; i < *n && s == STATUS_OK; i++) {
		s = batch_store_savepoint(req, BATCH_SAVEPOINT_ITEM);
		if (s == STATUS_OK)
			s = write(req, ctx, &idx[i], 1, &constraint);
		if (s == STATUS_OK) {
			idx[kept++] = idx[i];
			s = batch_store_release(req, BATCH_SAVEPOINT_ITEM);
			continue;
		}
		if (!constraint)
			return s;
		if (s == STATUS_JA_EXISTENTE)   /* a unique key: batch_store_write_status */
			return batch_race(req);
		batch_reject(req, &b->items[idx[i]], STATUS_VALOR_INVALIDO, field,
			     "Valor recusado pelo banco de dados (SQLSTATE %s).", req->sqlstate ? req->sqlstate : "?");
		s = batch_store_rollback_to(req, BATCH_SAVEPOINT_ITEM);
	}
	*n = kept;
	if (s == STATUS_OK)
		s = batch_store_release(req, BATCH_SAVEPOINT_BULK);
	return s;
}

enum status batch_finish(struct request *req, struct batch *b)
{
	b->created = b->updated = b->replayed = b->rejected = 0;
	for (int i = 0; i < b->n; i++) {
		switch (b->items[i].outcome) {
		case BATCH_CREATED: b->created++; break;
		case BATCH_UPDATED: b->updated++; break;
		case BATCH_REPLAYED: b->replayed++; break;
		case BATCH_REJECTED: b->rejected++; break;
		}
	}
	req->batch_partial = b->rejected > 0 && b->rejected < b->n;
	req->batch_failed = b->rejected == b->n;
	/* The batch row last: parallel chunks of one batch insert it too, and a twin
	 * waits on an uncommitted insert of it until that transaction ends; here that is
	 * just before its commit, not for its whole chunk. */
	enum status s = STATUS_OK;
	if (b->id && !req->dry_run)
		s = batch_store_open(req, b);
	return s == STATUS_OK ? batch_store_record(req, b) : s;
}

enum status batch_find(struct request *req, const char *id, bool only_rejected, int64_t after, int limit,
		       struct batch_info *info, struct batch_item **items, int *n)
{
	*n = 0;
	*items = NULL;
	if (!id || !*id)
		return req_fail(req, STATUS_CAMPO_OBRIGATORIO, "IdLote", "Informe o IdLote.");
	bool found;
	enum status s = batch_store_get(req, id, info, &found);
	if (s != STATUS_OK)
		return s;
	if (!found)
		return req_fail(req, STATUS_NAO_ENCONTRADO, "IdLote", "Lote '%s' não encontrado.", id);
	return batch_store_items(req, id, only_rejected, after, limit, items, n);
}

void *batch_array(struct request *req, int n, size_t size)
{
	return req_alloc(req, size * (size_t)(n ? n : 1));
}

enum status batch_audit_and_finish(struct request *req, struct batch *b, const char *entity, const int *upd,
				   int n_upd, const int *ins, int n_ins, struct audit_change *const *changes,
				   const int *n_changes)
{
	struct audit_entry *audit = batch_array(req, n_upd + n_ins, sizeof *audit);
	int n = 0;
	for (int k = 0; k < n_upd; k++)
		audit[n++] = (struct audit_entry){b->items[upd[k]].entity_id, "alterar", changes[upd[k]],
						  n_changes[upd[k]]};
	for (int k = 0; k < n_ins; k++)
		audit[n++] = (struct audit_entry){b->items[ins[k]].entity_id, "incluir", changes[ins[k]],
						  n_changes[ins[k]]};
	enum status s = audit_record_many(req, entity, audit, n);
	return s == STATUS_OK ? batch_finish(req, b) : s;
}
