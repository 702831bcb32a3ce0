/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * workshop.h - the workshop's reference lists (services with standard times, work
 * order and booking types, productive staff), its free slots, and the open
 * campaigns of a vehicle (wsdl/xsd/oficina.xsd).
 *
 * The rule to know: a slot is judged in the branch's own time zone against its
 * opening hours (sql/010 workshop_hours) and the productive staff's bookings
 * (booking_slot); the duration of a visit is the sum of the standard times of its
 * services rounded up to whole slots, one slot when no service is named.
 */
#ifndef WSATEND_WORKSHOP_H
#define WSATEND_WORKSHOP_H

#include "core/request.h"
#include "domain/reference.h"

#include <stdbool.h>
#include <stdint.h>

struct workshop_service {
	const char *code, *description, *price;   /* price: decimal text */
	int minutes;                               /* standard time */
};

struct productive {
	const char *code, *name, *kind, *branch;   /* kind: CONSULTOR or TECNICO */
};

/* A start time and who is free from it for the whole duration. */
struct slot {
	const char *starts_at;    /* local time with offset */
	int shift;                /* 1 manhã, 2 tarde */
	const char **free;        /* productive codes */
	int n_free;
};

struct campaign {
	const char *code, *description, *kind, *vin;
};

/* Reference lists, offset paging in code order (callers pass page size + 1). */
enum status workshop_services(struct request *req, int offset, int limit, struct workshop_service **out,
			      int *n);
enum status workshop_order_types(struct request *req, int offset, int limit, struct ref_item **out, int *n);
enum status workshop_booking_types(struct request *req, int offset, int limit, struct ref_item **out, int *n);
enum status workshop_productives(struct request *req, const char *kind, int offset, int limit,
				 struct productive **out, int *n);

/* Looks the services up (paths "<prefix>[i]"): every code must be an active service,
 * none repeated. *minutes gets the sum of their standard times; *out (if not NULL) the
 * services in the given order. Adds a message per failure; returns the first error. */
enum status workshop_check_services(struct request *req, const char *const *codes, int n,
				    const char *prefix, struct workshop_service **out, int *minutes);

/* workshop_check_services in its three steps, for a caller that looks the codes of
 * many requests up at once (booking_batch.c): the codes checked alone (trimmed, none
 * blank or repeated; *trimmed NULL after a failure or when n is 0), joined with '|'
 * for workshop_store_services, and matched against what that found. */
enum status workshop_service_codes(struct request *req, const char *const *codes, int n, const char *prefix,
				  const char ***trimmed);
const char *workshop_join_codes(struct request *req, const char *const *codes, int n);
enum status workshop_match_services(struct request *req, const char *const *trimmed, int n, const char *prefix,
				    const struct workshop_service *found, int n_found, struct workshop_service **out,
				    int *minutes);

/* A productive kind as sent (CONSULTOR or TECNICO, NULL when absent); anything else
 * is VALOR_INVALIDO under `path` and sets *bad. */
const char *workshop_kind(struct request *req, const char *kind, const char *path, bool *bad);

/* Helpers every workshop rule file uses on a request's values, each recording its
 * failure under `path`:
 * workshop_text: trimmed text, NULL when absent or empty, TAMANHO_EXCEDIDO over max
 *   characters; workshop_instant: an xsd:dateTime with its offset, as sent (PostgreSQL
 *   reads it), NULL when absent (CAMPO_OBRIGATORIO if required) or invalid.
 * After collecting several, a rule returns req_first_error (core/request.h). */
const char *workshop_text(struct request *req, const char *in, size_t max, const char *path);
const char *workshop_instant(struct request *req, const char *in, const char *path, bool required);

/* Decimal text from the wire (quantities, prices, discounts), checked: digits with at
 * most `frac` decimals and 12 integer digits, and the rule. Absent or blank is
 * CAMPO_OBRIGATORIO when required, else NULL without a message. Every failure is a
 * message under `path`; returns the value as sent (PostgreSQL reads it) or NULL. */
enum decimal_rule { DECIMAL_POSITIVE, DECIMAL_NON_NEGATIVE, DECIMAL_PERCENT };
const char *workshop_decimal(struct request *req, const char *in, int frac, enum decimal_rule rule, bool required,
			     const char *path);

/* The vehicle a workshop request names (IncluirAgendamento and its batch,
 * IncluirOrcamento, AbrirOS, ConsultarHistoricoVeiculo), one rule for all: IdVeiculo,
 * else Placa (old or Mercosul form: both find the car), else Chassi; the vehicle must
 * be in the tenant; the customer is IdCliente, else the vehicle's owner, and must
 * exist. Each step records its failure and lets the caller go on collecting others. */
struct booking_vehicle;   /* store/booking_store.h */

struct vehicle_key {
	const int64_t *id;        /* the first one given; all three NULL when none was */
	const char *plate_key;    /* or when the key itself failed; plate_key: the */
	const char *vin;          /* plate_search_key form, vin: normalised */
	const char *field;        /* the element that names it, e.g. "Orcamento/Placa" */
};

/* Reads the key from the request's values; prefix is the elements' parent with its
 * slash ("Orcamento/"), "" at the top level. VALOR_INVALIDO (Placa, Chassi) or
 * CAMPO_OBRIGATORIO (none given) under k->field. */
void workshop_vehicle_key(struct request *req, const int64_t *id, const char *plate, const char *vin,
			  const char *prefix, struct vehicle_key *k);
/* Whether the key was read (something to look up). */
bool workshop_vehicle_key_given(const struct vehicle_key *k);
/* v: what the key found, NULL when none; NAO_ENCONTRADO under k->field unless the key
 * itself failed (its message already stands). For a caller that looked it up itself. */
void workshop_vehicle_missing(struct request *req, const struct vehicle_key *k, const struct booking_vehicle *v);
/* Looks the key up in the tenant: *v (zeroed when none) and *found, after
 * workshop_vehicle_missing. Nothing is looked up when the key failed. */
enum status workshop_find_vehicle(struct request *req, const struct vehicle_key *k, struct booking_vehicle *v,
				  bool *found);
/* The customer to look up: IdCliente, else the owner of v (NULL: no vehicle); 0 when
 * neither. */
int64_t workshop_customer_of(const int64_t *person_id, const struct booking_vehicle *v);
/* The customer judged under `path` once looked up: CAMPO_OBRIGATORIO when person is 0
 * (no IdCliente, no owner), NAO_ENCONTRADO when it does not exist. */
void workshop_judge_customer(struct request *req, int64_t person, bool exists, const char *path);
/* workshop_customer_of, looked up and judged: *person the customer (0 when none). v
 * NULL: the vehicle failed and its message stands, so nothing is judged. */
enum status workshop_customer(struct request *req, const int64_t *person_id, const struct booking_vehicle *v,
			      const char *path, int64_t *person);

/* ConsultarHorariosDisponiveis in the request's branch: date YYYY-MM-DD (local),
 * shift 1/2/3 (NULL: 3), kind CONSULTOR/TECNICO (NULL: CONSULTOR), productive (NULL:
 * any), the services wanted. Slots already past are left out. */
enum status workshop_free_slots(struct request *req, const char *date, const int *shift, const char *kind,
				const char *productive, const char *const *services, int n_services,
				int *duration, struct slot **out, int *n);

/* Open campaigns (not done, in their period) of the VIN; none when vin is NULL. */
enum status workshop_open_campaigns(struct request *req, const char *vin, struct campaign **out, int *n);

/* A booking, quote or work order created from an atendimento (ConsultarAtendimento). */
struct workshop_link {
	const char *kind;         /* AGENDAMENTO, ORCAMENTO, OS */
	int64_t id, number;
	const char *branch, *status;
};
enum status workshop_links(struct request *req, int64_t contact_id, struct workshop_link **out, int *n);

/* IncluirCampanha: creates or updates campaign c (vin unused) valid from starts_on to
 * ends_on (YYYY-MM-DD, NULL open-ended) and adds the VINs (each checked, path
 * "Chassi[i]"; repeats ignored). *added: VINs new to it; *total: VINs it covers. */
enum status workshop_load_campaign(struct request *req, const struct campaign *c, const char *starts_on,
				   const char *ends_on, const char *const *vins, int n, int *added, int *total);

/* ConsultarCampanhasVeiculo: by the vehicle's id or a VIN. */
enum status workshop_vehicle_campaigns(struct request *req, const int64_t *vehicle_id, const char *vin,
				       struct campaign **out, int *n);

#endif
