/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * op.c - what every operation shares (see op.h), and the one place where a status
 * becomes a SOAP fault or a Resultado block.
 *
 * Idempotency (../shared/RELIABILITY.md, "Exactly-once-ish"): a write claims its
 * (tenant, IdMensagem) row first, inside its transaction; a concurrent twin waits on
 * that row and then replays. The response is stored in the same transaction as the
 * change, so after a connection lost during COMMIT the retry finds either nothing
 * (rolled back: run again) or the stored answer (committed: replay).
 */
#include "soap/op.h"

#include "core/config.h"
#include "core/db.h"
#include "core/log.h"
#include "core/validate.h"
#include "core/worker.h"
#include "soap/fault.h"
#include "soap/wire.h"
#include "store/auth_store.h"
#include "store/request_key_store.h"

#include <openssl/evp.h>
#include <stdio.h>
#include <string.h>

#define ATTEMPTS 3
#define PASSWORD_TEXT_SUFFIX "#PasswordText"
/* The contract's pattern for IdMensagem ([A-Za-z0-9._:-]+). */
#define ID_MENSAGEM_CHARS "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789._:-"

static struct ws__Cabecalho *header_of(void *in)
{
	return *(struct ws__Cabecalho **)in;	/* Cabecalho is every request's first member */
}

static struct ws__Resultado **result_slot(void *out)
{
	return (struct ws__Resultado **)out;	/* Resultado is every response's first member */
}

/* ---- serialisation through the worker's scratch context ------------------- */

static char *to_xml(struct soap *scratch, const void *value, int type, const char *tag)
{
	char *xml = NULL;
	scratch->os = (const char **)&xml;
	if (soap_begin_send(scratch) || soap_putelement(scratch, value, tag, 0, type) ||
	    soap_end_send(scratch))
		xml = NULL;
	scratch->os = NULL;
	return xml;
}

static void *from_xml(struct soap *scratch, const char *xml, int type)
{
	int t = type;
	scratch->is = xml;
	void *value = NULL;
	if (!soap_begin_recv(scratch))
		value = soap_getelement(scratch, NULL, &t);
	if (value && soap_end_recv(scratch))
		value = NULL;
	scratch->is = NULL;
	return t == type ? value : NULL;
}

/* SHA-256 (hex) of the request as the contract sees it, without DataHoraEnvio: a
 * client that retries later sends a new send time but the same message. */
static bool request_hash(struct worker *w, void *in, int type, const char *tag, char hex[65])
{
	struct ws__Cabecalho *hdr = header_of(in);
	char *sent = hdr ? hdr->DataHoraEnvio : NULL;
	if (hdr)
		hdr->DataHoraEnvio = NULL;
	char *xml = to_xml(w->scratch, in, type, tag);
	if (hdr)
		hdr->DataHoraEnvio = sent;
	if (!xml)
		return false;
	unsigned char digest[32];
	unsigned len = sizeof digest;
	if (!EVP_Digest(xml, strlen(xml), digest, &len, EVP_sha256(), NULL))
		return false;
	for (unsigned i = 0; i < 32; i++)
		snprintf(hex + 2 * i, 3, "%02x", digest[i]);
	return true;
}

/* ---- Resultado ------------------------------------------------------------ */

static const char *result_status_name(enum ws__StatusResultado s)
{
	switch (s) {
	case ws__StatusResultado__Sucesso: return "Sucesso";
	case ws__StatusResultado__SucessoComAvisos: return "SucessoComAvisos";
	case ws__StatusResultado__Parcial: return "Parcial";
	default: return "Falha";
	}
}

static struct ws__Resultado *fill_result(struct soap *soap, struct request *req, void *out)
{
	struct ws__Resultado *r = soap_new_ws__Resultado(soap, 1);
	bool warned = false;
	r->__sizeMensagem = (int)req->n_messages;
	r->Mensagem = req->n_messages ? soap_new_ws__Mensagem(soap, (int)req->n_messages) : NULL;
	for (size_t i = 0; i < req->n_messages; i++) {
		const struct message *m = &req->messages[i];
		struct ws__Mensagem *wm = &r->Mensagem[i];
		wm->Codigo = (char *)status_code(m->code);
		wm->Severidade = m->severity == SEVERITY_ERROR     ? ws__Severidade__Erro
				 : m->severity == SEVERITY_WARNING ? ws__Severidade__Aviso
								   : ws__Severidade__Info;
		warned |= m->severity == SEVERITY_WARNING;
		wm->Campo = (char *)m->field;
		wm->Texto = (char *)m->text;
		wm->Retentavel = status_info(m->code)->retryable ? xsd__boolean__true_ : xsd__boolean__false_;
	}
	/* A bulk call with rejected records commits the others (batch.h). */
	r->Status = req->has_error || req->batch_failed ? ws__StatusResultado__Falha
		    : req->batch_partial		 ? ws__StatusResultado__Parcial
		    : warned				 ? ws__StatusResultado__SucessoComAvisos
							 : ws__StatusResultado__Sucesso;
	r->Reprocessado = xsd__boolean__false_;
	r->IdRequisicao = req->id;
	*result_slot(out) = r;
	worker_of(soap)->outcome = result_status_name(r->Status);
	return r;
}

/* ---- authentication, role, branch, header --------------------------------- */

static enum status credentials(struct soap *soap, const char **user, const char **pass)
{
	*user = *pass = NULL;
	struct _wsse__Security *sec = soap->header ? soap->header->wsse__Security : NULL;
	if (sec && sec->UsernameToken) {
		struct wsse__UsernameToken *t = sec->UsernameToken;
		if (t->Password && t->Password->Type &&
		    !strstr(t->Password->Type, PASSWORD_TEXT_SUFFIX))
			return STATUS_NAO_AUTENTICADO;	/* PasswordDigest is not offered */
		*user = t->Username;
		*pass = t->Password ? t->Password->__item : NULL;
	} else {
		*user = soap->userid;	/* HTTP Basic, parsed by gSOAP */
		*pass = soap->passwd;
	}
	/* gSOAP would echo the request's header in the response: never send it back. */
	soap->header = NULL;
	return *user && *pass ? STATUS_OK : STATUS_NAO_AUTENTICADO;
}

static enum status resolve_branch(struct worker *w, const struct operation *op,
				  const struct ws__Cabecalho *hdr)
{
	struct request *req = &w->req;
	const struct principal *p = req->principal;
	const char *given = hdr ? wire_text(req, hdr->Empresa) : NULL;
	int64_t id = 0;
	if (!given || !*given) {
		if (!p->all_branches && p->n_branches == 1)
			id = p->branches[0];
		else if (op->branch == BRANCH_REQUIRED)
			return req_fail(req, STATUS_CAMPO_OBRIGATORIO, "Cabecalho/Empresa",
					"Informe a empresa (código ou CNPJ da filial).");
		else
			return STATUS_OK;
		given = NULL;
	} else {
		char cnpj[15];
		if (cnpj_normalize(given, cnpj))
			given = req_strdup(req, cnpj);
	}
	char code[32], tz[64];
	bool found;
	enum db_status s = auth_store_find_branch(req->db, p->tenant_id, given, &id, code,
						  sizeof code, tz, sizeof tz, &found);
	if (s != DB_OK)
		return req_db_fail(req, s);
	if (!found)
		return req_fail(req, STATUS_NAO_ENCONTRADO, "Cabecalho/Empresa",
				"Empresa '%s' não encontrada.", given ? given : "?");
	if (!auth_branch_allowed(p, id))
		return STATUS_NAO_AUTORIZADO;
	req->branch.id = id;
	req->branch.code = req_strdup(req, code);
	req->branch.time_zone = req_strdup(req, tz);
	return STATUS_OK;
}

static enum status check_header(struct request *req, const struct operation *op,
				const struct ws__Cabecalho *hdr)
{
	if (!hdr)
		return STATUS_OK;
	req->acting_for = wire_text(req, hdr->Usuario);
	req->dry_run = wire_bool(hdr->SomenteValidar, false);
	req->id_mensagem = hdr->IdMensagem;
	if (hdr->DataHoraEnvio) {
		int64_t t;
		int32_t us;
		if (!datetime_parse(hdr->DataHoraEnvio, &t, &us))
			return req_fail(req, STATUS_VALOR_INVALIDO, "Cabecalho/DataHoraEnvio",
					"Data/hora inválida ou sem fuso horário (ex.: 2026-11-22T14:30:00-03:00).");
	}
	if (op->access == OP_WRITE && (!req->id_mensagem || !*req->id_mensagem))
		return req_fail(req, STATUS_CAMPO_OBRIGATORIO, "Cabecalho/IdMensagem",
				"IdMensagem é obrigatório em operações que alteram dados.");
	if (req->id_mensagem && strspn(req->id_mensagem, ID_MENSAGEM_CHARS) != strlen(req->id_mensagem))
		return req_fail(req, STATUS_VALOR_INVALIDO, "Cabecalho/IdMensagem",
				"IdMensagem aceita letras, dígitos e . _ : - (um UUID, por exemplo).");
	return STATUS_OK;
}

/* ---- running the handler -------------------------------------------------- */

static void reset_attempt(struct request *req, const struct operation *op, void *out)
{
	memset(out, 0, op->out_size);
	req->n_messages = 0;
	req->dropped_messages = 0;
	req->has_error = false;
	req->race = false;
	req->batch_partial = req->batch_failed = false;
	req->last_db_status = DB_OK;
}

/* May a failed attempt simply run again? After a lost connection (once reconnected)
 * or a serialization failure, yes. Never after a timeout or a full server: more
 * load would not help it, and the client decides when to retry. */
static bool worth_retrying(struct request *req)
{
	return req->last_db_status == DB_RETRY ||
	       (req->last_db_status == DB_UNAVAILABLE && db_ready(req->db));
}

/* Reads go to the replica when one is configured (db_read_dsn): lookups, lists and
 * the agenda tolerate a little lag; credentials and branch were checked on the
 * primary. */
static int run_read(struct worker *w, const struct operation *op, void *in, void *out)
{
	struct request *req = &w->req;
	enum status s = STATUS_INDISPONIVEL;
	if (w->db_read)
		req->db = w->db_read;
	for (int attempt = 0; attempt < ATTEMPTS; attempt++) {
		if (op->access != OP_PUBLIC && !db_ready(req->db))
			break;
		reset_attempt(req, op, out);
		s = op->handler(req, in, out);
		if (s != STATUS_INDISPONIVEL || !worth_retrying(req))
			break;
	}
	if (status_is_fault(s))
		return fault_send(w->soap, s, NULL, NULL);
	fill_result(w->soap, req, out);
	return SOAP_OK;
}

static int replay(struct worker *w, const struct operation *op, void *out,
		  const struct stored_outcome *stored, const char *hash)
{
	struct request *req = &w->req;
	if (strcmp(stored->operation, op->name) || strcmp(stored->request_hash, hash)) {
		reset_attempt(req, op, out);
		req_fail(req, STATUS_IDEMPOTENCIA_CONFLITO, "Cabecalho/IdMensagem",
			 "IdMensagem '%s' já foi usado em %s com outro conteúdo.", req->id_mensagem,
			 stored->operation);
		fill_result(w->soap, req, out);
		return SOAP_OK;
	}
	void *value = stored->response_xml ? from_xml(w->scratch, stored->response_xml, op->out_type) : NULL;
	if (!value) {
		log_error("stored response of %s could not be read back", req->id_mensagem);
		return fault_send(w->soap, STATUS_ERRO_SERVIDOR, NULL, NULL);
	}
	memcpy(out, value, op->out_size);
	struct ws__Resultado *r = *result_slot(out);
	if (r) {
		r->Reprocessado = xsd__boolean__true_;
		r->IdRequisicao = req->id;
		w->outcome = result_status_name(r->Status);
	}
	req->replayed = true;
	return SOAP_OK;
}

/* BEGIN, then (unless SomenteValidar) the key's claim and a savepoint: a refused
 * request undoes its changes to the savepoint but keeps the claim, so its twins
 * keep waiting and then replay the refusal instead of running again.
 * Returns DB_OK, or the failure (the transaction is then rolled back); *replayed
 * when the key was someone else's and the answer is already in out. */
static enum db_status open_write(struct worker *w, const struct operation *op, void *out,
				 const char *hash, bool *replayed, int *rc)
{
	struct request *req = &w->req;
	*replayed = false;
	enum db_status d = db_command(req->db, "BEGIN");
	if (d != DB_OK || req->dry_run)
		return d;
	bool first;
	struct stored_outcome stored;
	d = request_key_claim(req, hash, &first, &stored);
	if (d == DB_OK && !first) {
		db_command(req->db, "ROLLBACK");
		*replayed = true;
		*rc = replay(w, op, out, &stored, hash);
		return DB_OK;
	}
	if (d == DB_OK)
		d = db_command(req->db, "SAVEPOINT op");
	if (d != DB_OK)
		db_command(req->db, "ROLLBACK");
	return d;
}

static int run_write(struct worker *w, const struct operation *op, void *in, void *out)
{
	struct request *req = &w->req;
	char hash[65];
	if (!request_hash(w, in, op->in_type, op->name, hash))
		return fault_send(w->soap, STATUS_ERRO_SERVIDOR, NULL, NULL);
	enum status s = STATUS_INDISPONIVEL;
	for (int attempt = 0; attempt < ATTEMPTS; attempt++) {
		if (!db_ready(req->db))
			break;
		reset_attempt(req, op, out);
		bool replayed;
		int rc = SOAP_OK;
		enum db_status d = open_write(w, op, out, hash, &replayed, &rc);
		if (replayed)
			return rc;
		if (d != DB_OK) {
			s = req_db_fail(req, d);
			if (worth_retrying(req))
				continue;
			break;
		}
		s = op->handler(req, in, out);
		if (status_is_fault(s) || (req->race && attempt + 1 < ATTEMPTS)) {
			/* a race lost between check and write: a fresh transaction's checks
			 * give the answer that can be stored */
			db_command(req->db, "ROLLBACK");
			if (req->race || (s == STATUS_INDISPONIVEL && worth_retrying(req)))
				continue;
			break;
		}
		struct ws__Resultado *r = fill_result(w->soap, req, out);
		if (req->dry_run) {
			db_command(req->db, "ROLLBACK");
			return SOAP_OK;
		}
		char *xml = to_xml(w->scratch, out, op->out_type, op->out_tag);
		if (!xml) {
			db_command(req->db, "ROLLBACK");
			return fault_send(w->soap, STATUS_ERRO_SERVIDOR, NULL, NULL);
		}
		/* A refused request changes nothing, but its answer is its first outcome. */
		d = req->has_error ? db_command(req->db, "ROLLBACK TO SAVEPOINT op") : DB_OK;
		if (d == DB_OK)
			d = request_key_finish(req, result_status_name(r->Status), xml);
		if (d == DB_OK)
			d = db_command(req->db, "COMMIT");
		else
			db_command(req->db, "ROLLBACK");
		if (d == DB_OK)
			return SOAP_OK;
		s = req_db_fail(req, d);
		if (!worth_retrying(req))
			break;	/* keyed: after a reconnect, running again is safe */
	}
	return fault_send(w->soap, s, NULL, NULL);
}

int op_run(struct soap *soap, const struct operation *op, void *in, void *out)
{
	struct worker *w = worker_of(soap);
	struct request *req = &w->req;
	struct ws__Cabecalho *hdr = header_of(in);
	req->operation = op->name;

	if (op->access != OP_PUBLIC) {
		const char *user, *pass;
		enum status s = credentials(soap, &user, &pass);
		if (s == STATUS_OK)
			s = auth_verify(req->db, user, pass, req->cfg->auth_cache_s, &w->principal);
		if (s != STATUS_OK)
			return fault_send(soap, s, NULL, NULL);
		req->principal = &w->principal;
		if (!(op->roles & (unsigned)w->principal.role))
			return fault_send(soap, STATUS_NAO_AUTORIZADO, NULL,
					  "O perfil do usuário não permite esta operação.");
		if (!db_ready(req->db))
			return fault_send(soap, STATUS_INDISPONIVEL, NULL, NULL);
		s = resolve_branch(w, op, hdr);
		if (status_is_fault(s))
			return fault_send(soap, s, s == STATUS_NAO_AUTORIZADO ? "Cabecalho/Empresa" : NULL,
					  s == STATUS_NAO_AUTORIZADO ? "Usuário sem acesso a esta empresa." : NULL);
		if (s == STATUS_OK)
			s = check_header(req, op, hdr);
		if (s != STATUS_OK) {
			fill_result(soap, req, out);
			return SOAP_OK;
		}
	} else {
		soap->header = NULL;
	}
	return op->access == OP_WRITE ? run_write(w, op, in, out) : run_read(w, op, in, out);
}
