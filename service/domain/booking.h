/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * booking.h - workshop bookings (agendamentos, wsdl/xsd/oficina.xsd): booking a slot,
 * its lifecycle, finding bookings, and turning one into a work order.
 *
 * The rule to know: capacity is decided by the database in the booking's own
 * transaction (a booking_slot row per productive and slot, sql/010), never by an
 * earlier read: two requests racing for the last free productive end with one
 * booking, and the other answers HORARIO_INDISPONIVEL. The lifecycle is the table
 * in booking.c; any other move is OPERACAO_NAO_PERMITIDA naming the current status.
 */
#ifndef WSATEND_BOOKING_H
#define WSATEND_BOOKING_H

#include "core/request.h"
#include "domain/workshop.h"

#include <stdbool.h>
#include <stdint.h>

struct work_order;
struct audit_change;

struct booked_service {
	const char *code, *description;
	int minutes;
};

struct booked_part {
	const char *code, *description;
	const char *quantity;     /* decimal text */
	const char *status;       /* RESERVADA, LIBERADA, UTILIZADA (out) */
};

struct booking_event {
	const char *kind, *from_status, *to_status, *reason, *channel;
	const char *old_start, *new_start, *at;
};

/* A booking. In IncluirAgendamento the vehicle is vehicle_id, plate or vin; the
 * elements marked out are the server's. */
struct booking {
	int64_t id;
	const char *external_id;
	int64_t number;                          /* out */
	const char *branch;                      /* out: branch code */
	int64_t branch_id;                       /* out */
	const char *time_zone;                   /* out: the branch's */
	const int64_t *vehicle_id;
	const char *plate, *vin;
	const int64_t *person_id, *contact_id;
	const int *odometer;
	const char *starts_at, *ends_at;         /* branch-local with offset (out); in: any offset */
	const char *consultant, *type, *notes;
	const char *status;                      /* out */
	const int64_t *work_order_id;            /* out */
	const int *version;
	const char *created_at, *updated_at;     /* out, UTC */
	struct booked_service *services;
	int n_services;
	struct booked_part *parts;
	int n_parts;
	struct booking_event *events;            /* out: booking_get only */
	int n_events;
};

/* IncluirAgendamento: checks (paths "Agendamento/..."), books the slot, reserves the
 * parts, audits; *out is the stored booking and *campaigns the vehicle's open ones. */
enum status booking_create(struct request *req, const struct booking *in, struct booking *out,
			   struct campaign **campaigns, int *n_campaigns);

/* IncluirAgendamento's checks, exported so IncluirAgendamentosLote (booking_batch.c)
 * runs the very same ones, with its lookups made once for the whole call. In order:
 * booking_check_input (the request alone), booking_check_services and
 * workshop_vehicle_missing (with what the lookups found), booking_check_references,
 * booking_judge_frame; the capacity is the write itself. Each adds its messages
 * (paths "Agendamento/..."); a caller stops at the first step that left an error. */
struct booking_vehicle;
struct slot_frame;
struct workshop_service;

struct booking_draft {
	struct booking b;              /* checked values; type defaulted, consultant trimmed */
	const char **service_codes;    /* trimmed; NULL when none or when they failed */
	int n_services, minutes;       /* minutes: set by booking_check_services */
	struct workshop_service *services;
	struct booked_part *parts;
	int n_parts;
	struct vehicle_key vehicle;    /* workshop_vehicle_key, paths "Agendamento/..." */
	int64_t person_id;             /* set by booking_check_references */
};

/* What the lookups of booking_check_references found. */
struct booking_found {
	bool person, contact, type, productive;   /* productive: active, of the request's branch */
	const int64_t *stored_external;           /* a booking that already has the IdExterno */
};

void booking_check_input(struct request *req, const struct booking *in, struct booking_draft *d);
/* found[0..n_found): the active services among the draft's codes (any order). */
void booking_check_services(struct request *req, struct booking_draft *d, const struct workshop_service *found,
			    int n_found);
void booking_check_references(struct request *req, struct booking_draft *d, const struct booking_vehicle *v,
			      const struct booking_found *f);
/* The start on its frame (workshop_store_frame): past, closed, off the grid. */
void booking_judge_frame(struct request *req, const char *starts_at, const struct slot_frame *f, const char *path);
/* The request's branch has no workshop: OPERACAO_NAO_PERMITIDA (the whole call). */
enum status booking_no_workshop(struct request *req);
/* No productive free for it: HORARIO_INDISPONIVEL. */
enum status booking_no_capacity(struct request *req, const char *consultant, const char *starts_at,
				const char *path);
/* The audit of a new booking (4 changes: IdVeiculo, DataHora, Consultor, Situacao). */
void booking_created_changes(struct request *req, int64_t vehicle_id, const char *starts_at, const char *consultant,
			     const char *status, struct audit_change *out);

/* Lifecycle. Each takes the booking's id and the Versao last read. */
enum status booking_reschedule(struct request *req, int64_t id, const int *version, const char *starts_at,
			       const char *consultant, const char *reason, struct booking *out);
enum status booking_confirm(struct request *req, int64_t id, const int *version, const char *channel,
			    struct booking *out);
enum status booking_cancel(struct request *req, int64_t id, const int *version, const char *reason,
			   struct booking *out);
enum status booking_no_show(struct request *req, int64_t id, const int *version, const char *notes,
			    struct booking *out);

/* ConverterAgendamentoEmOS: opens the booking's work order (its services as labour
 * items, its reserved parts as part items) and marks the booking CONVERTIDO_OS. */
enum status booking_convert(struct request *req, int64_t id, const int *version, const char *order_type,
			    const int *odometer, const char *promised_at, struct booking *out,
			    struct work_order *order, struct campaign **campaigns, int *n_campaigns);

/* ListarAgendamentos criteria (AND); the request's branch always applies. */
struct booking_filter {
	const char *from, *to;     /* xsd:dateTime, on the start */
	const char *status, *consultant;
	const int64_t *vehicle_id, *person_id;
};
/* Bookings by start, offset paging (callers pass page size + 1). */
enum status booking_list(struct request *req, const struct booking_filter *f, int64_t offset, int limit,
			 struct booking **out, int *n);

/* ConsultarAgendamento: by id (or external id), with its events and campaigns. */
enum status booking_get(struct request *req, const int64_t *id, const char *external_id, struct booking *out,
			struct campaign **campaigns, int *n_campaigns);

#endif
