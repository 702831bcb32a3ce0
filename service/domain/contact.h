/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * contact.h - atendimentos (customer contacts) and their interactions as plain C
 * (wsdl/xsd/atendimento.xsd, CATALOG section 3). The agenda of next contacts is in
 * agenda.h.
 *
 * The rule to know: an atendimento belongs to the branch it was opened in, and every
 * operation sees only the atendimentos of the request's branch (Cabecalho/Empresa);
 * one of another branch or tenant is simply NAO_ENCONTRADO. Its natureza routes it
 * (area and team from the natureza; responsible given, else the natureza's default
 * consultant, else the least busy active consultant of the team), and a second open
 * atendimento of the same natureza for the same person in the branch follows the
 * natureza's policy: RECUSAR, VINCULAR (answer the open one) or PERMITIR.
 *
 * Strings: NULL means "absent". All memory is the request's arena.
 */
#ifndef WSATEND_CONTACT_H
#define WSATEND_CONTACT_H

#include "core/request.h"
#include "domain/person.h"

#include <stdbool.h>
#include <stdint.h>

/* VeiculoInteresse: the vehicle the customer is interested in. */
struct contact_interest {
	const char *model, *trim, *color;
	bool has_year;
	int year;
};

/* ProximoContato: the one open next contact of an atendimento. */
struct next_contact {
	int64_t id;
	const char *due_at;        /* xsd:dateTime: with an offset in, UTC out */
	const char *responsible;   /* consultant code; NULL in: the atendimento's */
	const char *kind;          /* TipoProximoContato: LIGACAO, EMAIL, ... */
	const char *notes;
};

/* Contato: one interaction with the customer. */
struct contact_interaction {
	int64_t id;
	const char *channel;       /* CanalContato */
	const char *outcome;       /* ResultadoContato, a free code */
	const char *body;
	const char *happened_at;   /* in: optional (default now); out: UTC */
	const char *user;          /* out: Cabecalho/Usuario of the call, else the login */
};

struct contact {
	int64_t id;
	const char *external_id;
	const char *branch;                     /* out: branch code */
	bool has_person;
	int64_t person_id;
	const struct prospect_input *prospect;  /* in: register this prospect instead */
	const char *nature, *area, *origin, *channel, *description;
	bool has_vehicle;
	int64_t vehicle_id;
	bool has_interest;
	struct contact_interest interest;
	bool wants_new_car;
	const char *responsible, *team;
	const char *status;                     /* SituacaoAtendimento */
	const char *loss_reason;
	struct next_contact *next;              /* NULL: none (open one only) */
	struct contact_interaction *interactions;   /* out, oldest first (contact_get) */
	int n_interactions;
	int64_t linked_id;                      /* 0: none */
	int version;
	const char *opened_at, *closed_at, *updated_at;   /* out: UTC */
	const char *nature_department;          /* out: for the loss-reason rule */
};

/* What IncluirAtendimento did (Retorno). */
enum contact_outcome { CONTACT_NEW, CONTACT_LINKED, CONTACT_NEW_WITH_OPEN };
const char *contact_outcome_name(enum contact_outcome o);

/* IncluirAtendimento: validates `in` (paths under "Atendimento/"), registers the
 * inline prospect, routes, applies the second-open policy, stores the atendimento
 * and its next contact, audits, and fills *out (complete) and *outcome. */
enum status contact_create(struct request *req, const struct contact *in, struct contact *out,
			   enum contact_outcome *outcome);

/* ---- the parts of IncluirAtendimento a bulk call shares (contact_batch.c) ---- */

/* What IncluirAtendimento's checks need from the database about one record, looked
 * up by the caller: contact_create one record at a time, IncluirAtendimentosLote for
 * all its records at once. */
struct contact_facts {
	const struct nature *nature;      /* NULL: natureza not found (or not sent) */
	bool person_found, vehicle_found, origin_found;
	bool responsible_active, next_responsible_active;
	int64_t external_id_owner;        /* the atendimento holding IdExterno; 0: none */
};

/* Every check of IncluirAtendimento on `in` (paths "Atendimento/..."), given the
 * facts; adds a message per failure and returns the first error or STATUS_OK. */
enum status contact_check_create(struct request *req, const struct contact *in, const struct contact_facts *f);

/* The VINCULAR answer: in's contact becomes an interaction with this outcome on the
 * open atendimento (and its ProximoContato that atendimento's next contact). */
#define CONTACT_LINKED_OUTCOME "NOVO_CONTATO_VINCULADO"
/* Its audit changes ("vincular"): the interaction, its channel, the next contact
 * replaced (due time, NULL: none) by in's; returns how many (out has room for 3). */
int contact_link_changes(struct request *req, int64_t interaction_id, const struct contact *in,
			 const char *replaced_due, struct audit_change *out);
/* Its Info message: the contact went to open atendimento open_id of natureza. */
void contact_say_linked(struct request *req, int64_t open_id, const char *nature);

/* The audit changes of a new atendimento c ("incluir"); returns how many. */
#define CONTACT_CREATE_CHANGES 11
struct audit_change;
int contact_create_changes(struct request *req, const struct contact *c, struct audit_change *out);

/* Loads atendimento *id of the branch, locked, for a change: NAO_ENCONTRADO,
 * OPERACAO_NAO_PERMITIDA unless ABERTO (naming its status), CONFLITO_VERSAO when
 * version is given and stale. Also used by the agenda. */
enum status contact_open_for_change(struct request *req, const int64_t *id, const int *version,
				    struct contact *out);

/* ConsultarAtendimento: by id and/or external id (both must match when both are
 * given), with its interactions and its open next contact. */
enum status contact_get(struct request *req, const int64_t *id, const char *external_id,
			struct contact *out);

/* ListarAtendimentos criteria, combined with AND. */
struct contact_filter {
	const int64_t *person_id;
	const char *nature, *status, *responsible;
	const char *changed_since;   /* xsd:dateTime: updated_at >= it */
};

/* Atendimentos of the branch matching f in id order after `after`, at most `limit`
 * (callers pass their page size + 1), each with its open next contact. */
enum status contact_list(struct request *req, const struct contact_filter *f, int64_t after, int limit,
			 struct contact **out, int *n);

/* AlterarNaturezaAtendimento: re-routes an open atendimento by the new natureza
 * (area, team, and responsible: the natureza's default or its team's least busy,
 * else unchanged); the open next contact follows the responsible. Audited. */
enum status contact_change_nature(struct request *req, const int64_t *id, const int *version,
				  const char *nature, const char *reason, struct contact *out);

/* ReatribuirAtendimento: a new responsible (an active consultant) for an open
 * atendimento and its open next contact. Audited. */
enum status contact_reassign(struct request *req, const int64_t *id, const int *version,
			     const char *responsible, const char *reason, struct contact *out);

/* RegistrarContato: records an interaction on an open atendimento; conclude_next
 * marks its open next contact done. *out is the stored interaction and *version the
 * atendimento's new version. */
enum status contact_record(struct request *req, const int64_t *id, const struct contact_interaction *in,
			   bool conclude_next, struct contact_interaction *out, int *version);

/* EncerrarAtendimento: outcome SUCESSO or PERDA (then loss_reason of the natureza's
 * department or TODOS); version checked when given; the open next contact is marked
 * done. Audited. */
enum status contact_close(struct request *req, const int64_t *id, const int *version, const char *outcome,
			  const char *loss_reason, const char *notes, struct contact *out);

#endif
