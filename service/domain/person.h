/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * person.h - people (customers, individuals or companies) and prospects, with their
 * phones, e-mails and consents, as plain C (wsdl/xsd/pessoa.xsd, CATALOG section 2).
 *
 * Rule to know: a CPF/CNPJ is unique among people that are not INATIVO; documents,
 * phones, e-mails and CEPs are stored in their canonical form (unmasked, E.164,
 * lower-cased domain, 8 digits), so every comparison is on that form. A prospect is
 * a person with status PROSPECT; converting it keeps its id and its history.
 *
 * Strings: NULL means "absent" (on AlterarPessoa: keep the stored value). All memory
 * is the request's arena.
 */
#ifndef WSATEND_PERSON_H
#define WSATEND_PERSON_H

#include "core/request.h"

#include <stdbool.h>
#include <stdint.h>

struct person_phone {
	const char *number;   /* as typed on input; E.164 once validated and on output */
	bool whatsapp, is_main;
};

struct person_email {
	const char *address;
	bool is_main;
};

struct person_consent {
	const char *channel;       /* EMAIL, SMS, TELEFONE, WHATSAPP */
	const char *purpose;       /* ATENDIMENTO, MARKETING, POS_VENDA, PESQUISA */
	bool granted;
	const char *recorded_at;   /* output: xsd:dateTime UTC */
};

struct person_address {
	const char *cep, *street, *number, *complement, *district, *city, *uf;
};

struct person {
	int64_t id;                 /* 0: none */
	const char *external_id, *dms_code;
	const char *kind;           /* FISICA, JURIDICA; NULL on input: deduced */
	const char *status;         /* PROSPECT, CLIENTE, INATIVO (output) */
	const char *document;       /* CPF or CNPJ; masked on input, unmasked once valid */
	const char *name, *trade_name, *title;
	const char *birth_date;     /* YYYY-MM-DD */
	bool has_address;
	struct person_address address;
	bool phones_given;          /* a sent list replaces the stored one */
	struct person_phone *phones;
	int n_phones;
	bool emails_given;
	struct person_email *emails;
	int n_emails;
	const char *contact_preference;   /* a Canal */
	const char *origin;               /* contact_origin code */
	const char *notes;
	struct person_consent *consents;  /* output only */
	int n_consents;
	bool has_version;
	int version;
	const char *created_at, *updated_at;   /* output: xsd:dateTime UTC */
};

/* IncluirProspect's data, also used by IncluirAtendimento for an inline prospect. */
struct prospect_input {
	const char *external_id;
	const char *name;          /* required */
	const struct person_phone *phone;   /* NULL: none; a phone or an e-mail required */
	const char *email;
	const char *origin;        /* contact_origin code, optional */
	const char *notes;
};

/* Creates a prospect (validating in, each error on "<field_prefix>/<Element>", e.g.
 * field_prefix "Atendimento/Prospect" gives "Atendimento/Prospect/Nome"), audits it,
 * and sets *person_id. Runs inside the caller's transaction. Returns STATUS_OK or
 * the first error status (messages already added). */
enum status person_create_prospect(struct request *req, const struct prospect_input *in,
				   const char *field_prefix, int64_t *person_id);

/* person_create_prospect's checks that need no database (IncluirAtendimentosLote
 * runs them for all its records, then writes them at once): *out is the prospect as
 * it would be stored (status PROSPECT, its phone and e-mail). false after recording
 * errors. */
bool person_check_prospect(struct request *req, const struct prospect_input *in, const char *field_prefix,
			   struct person *out);

/* The audit changes of a new person p ("incluir"); *changes in the request arena. */
struct audit_change;
int person_create_changes(struct request *req, const struct person *p, struct audit_change **changes);

/* Whether person id exists in the caller's tenant (any status). */
enum status person_exists(struct request *req, int64_t id, bool *found);

/* ---- Operations (service/soap/pessoa_soap.c) ---------------------------------- */

enum person_mode { PERSON_MODE_INCLUDE, PERSON_MODE_FIND_OR_INCLUDE };

/* Keys on which LOCALIZAR_OU_INCLUIR found the existing person. */
enum person_match_key { PERSON_MATCH_DOCUMENT, PERSON_MATCH_EXTERNAL_ID, PERSON_MATCH_EMAIL,
			PERSON_MATCH_PHONE };
#define PERSON_MATCH_KEYS 4

struct person_create_result {
	bool found;                          /* LOCALIZAR_OU_INCLUIR matched: nothing written */
	enum person_match_key keys[PERSON_MATCH_KEYS];
	int n_keys;
	struct person person;                /* the created or found person, complete */
};

/* IncluirPessoa: validates p (paths under "Pessoa/"), refuses a duplicate document
 * (JA_EXISTENTE with the existing id) or answers the match in FIND_OR_INCLUDE mode. */
enum status person_create(struct request *req, enum person_mode mode, struct person *p,
			  struct person_create_result *out);

/* IncluirProspect: as person_create_prospect under "Prospect", and loads the result. */
enum status person_create_prospect_op(struct request *req, const struct prospect_input *in,
				      struct person *out);

/* ConverterProspectEmCliente: p->id, p->version and p->document required; other
 * elements complete the record as in AlterarPessoa. */
enum status person_convert(struct request *req, struct person *p, struct person *out);

/* AlterarPessoa: p->id and p->version required; absent elements keep their value. */
enum status person_update(struct request *req, struct person *p, struct person *out);

struct person_filter {
	int64_t id;                  /* 0: not given */
	const char *external_id, *dms_code, *document, *name_prefix, *phone, *email;
	const char *plate, *vin, *status;
	bool has_id;
};

/* ConsultarPessoa: at least one criterion; paged by id (after, limit: fetches up to
 * limit+1 people to tell whether more exist). */
enum status person_search(struct request *req, struct person_filter *f, int64_t after, int limit,
			  struct person **out, int *n);

/* AtualizarConsentimento: upserts each consent; a WHATSAPP opt-out purges the
 * person's queued WhatsApp messages (*purged counts them). Answers every consent of
 * the person in *out. */
enum status person_update_consents(struct request *req, const int64_t *person_id,
				   const struct person_consent *in, int n_in,
				   struct person_consent **out, int *n_out, int *purged);

/* ---- bulk (domain/person_batch.c, IncluirPessoasLote) ---------------------------- */

struct audit_change;

/* IncluirPessoa's checks that need no database, on one record (messages under
 * "Pessoa/"); p is normalised in place (status CLIENTE, kind from the document).
 * false after recording errors. */
bool person_check_input(struct request *req, struct person *p);

/* The person as it would be stored: `given` (checked) over `stored` (NULL: new; a
 * PROSPECT becomes CLIENTE), with the audit differences in *changes (*n_changes; 0:
 * nothing would change). false after recording errors. */
bool person_check_merged(struct request *req, const struct person *stored, const struct person *given,
			 struct person *out, struct audit_change **changes, int *n_changes);

#endif
