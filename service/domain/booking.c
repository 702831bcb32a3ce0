/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * booking.c - the rules of workshop bookings (booking.h, CATALOG section 4).
 *
 * The rule to know: every check that can be made on the request alone is made
 * before anything is written; the capacity check is the write itself (see
 * booking_store_occupy), done last, so a booking either gets its slot or nothing of
 * it is kept. The lifecycle is the table below and nothing else.
 */
#include "domain/booking.h"
#include "domain/field.h"
#include "domain/workshop.h"
#include "domain/work_order.h"

#include "core/validate.h"
#include "store/audit_store.h"
#include "store/booking_store.h"
#include "store/work_order_store.h"
#include "store/workshop_store.h"
#include "domain/person.h"

#include <string.h>

#define MAX_EXTERNAL_ID 60
#define MAX_NOTES 2000
#define MAX_REASON 200
#define MAX_PARTS 100
#define MAX_PART_CODE 30
#define MAX_PART_TEXT 100
#define DEFAULT_TYPE "RECEPTIVO"
#define DEFAULT_ORDER_TYPE "REVISAO"

/* ---- the lifecycle ------------------------------------------------------------------ */

struct transition {
	const char *event;        /* booking_event.kind */
	const char *to;           /* status after it */
	const char *verb;         /* for the message: "confirmado" */
	const char *from[2];      /* statuses it may start from */
};

static const struct transition lifecycle[] = {
	{"REAGENDADO", "AGENDADO", "reagendado", {"AGENDADO", "CONFIRMADO"}},
	{"CONFIRMADO", "CONFIRMADO", "confirmado", {"AGENDADO", NULL}},
	{"CANCELADO", "CANCELADO", "cancelado", {"AGENDADO", "CONFIRMADO"}},
	{"NAO_COMPARECEU", "NAO_COMPARECEU", "registrado como não comparecimento", {"AGENDADO", "CONFIRMADO"}},
	{"CONVERTIDO_OS", "CONVERTIDO_OS", "convertido em OS", {"AGENDADO", "CONFIRMADO"}},
};

static const struct transition *transition_of(const char *event)
{
	for (size_t i = 0; i < sizeof lifecycle / sizeof *lifecycle; i++)
		if (!strcmp(lifecycle[i].event, event))
			return &lifecycle[i];
	return NULL;
}

static bool allowed_from(const struct transition *t, const char *status)
{
	for (int i = 0; i < 2; i++)
		if (t->from[i] && !strcmp(t->from[i], status))
			return true;
	return false;
}

/* ---- small checks ---------------------------------------------------------------------- */

/* The odometer may not go below the vehicle's. */
static void check_odometer(struct request *req, const int *km, const int *stored, const char *path)
{
	if (!km)
		return;
	if (*km < 0)
		req_fail(req, STATUS_VALOR_INVALIDO, path, "A quilometragem não pode ser negativa.");
	else if (stored && *km < *stored)
		req_fail(req, STATUS_OPERACAO_NAO_PERMITIDA, path,
			 "A quilometragem não pode diminuir (registrada: %d km). Para corrigir, use AlterarVeiculo "
			 "com CorrecaoQuilometragem.", *stored);
}

static void check_parts(struct request *req, const struct booking *in, struct booked_part *out)
{
	if (in->n_parts > MAX_PARTS) {
		req_fail(req, STATUS_VALOR_INVALIDO, "Agendamento/Peca", "Informe no máximo %d peças.", MAX_PARTS);
		return;
	}
	for (int i = 0; i < in->n_parts; i++) {
		const char *prefix = req_printf(req, "Agendamento/Peca[%d]", i + 1);
		out[i].code = workshop_text(req, in->parts[i].code, MAX_PART_CODE, field_path(req, prefix, "Codigo"));
		if (!out[i].code)
			req_fail(req, STATUS_CAMPO_OBRIGATORIO, field_path(req, prefix, "Codigo"), "Informe o código da peça.");
		out[i].description = workshop_text(req, in->parts[i].description, MAX_PART_TEXT,
					   field_path(req, prefix, "Descricao"));
		out[i].quantity = workshop_decimal(req, in->parts[i].quantity, 3, DECIMAL_POSITIVE, true,
						   field_path(req, prefix, "Quantidade"));
		for (int j = 0; j < i && out[i].code; j++)
			if (out[j].code && !strcmp(out[j].code, out[i].code))
				req_fail(req, STATUS_VALOR_INVALIDO, field_path(req, prefix, "Codigo"),
					 "A peça %s foi informada mais de uma vez.", out[i].code);
	}
}

/* A consultant named in the request must work in the branch. */
static enum status check_productive(struct request *req, const char *code, const char *path)
{
	const char *kind;
	bool in_branch, found;
	enum status s = workshop_store_productive(req, code, &kind, &in_branch, &found);
	if (s != STATUS_OK)
		return s;
	if (!found || !in_branch)
		return req_fail(req, STATUS_NAO_ENCONTRADO, path, "Produtivo '%s' não encontrado na empresa %s.", code,
				req->branch.code);
	return STATUS_OK;
}

enum status booking_no_capacity(struct request *req, const char *consultant, const char *starts_at,
				const char *path)
{
	if (consultant)
		return req_fail(req, STATUS_HORARIO_INDISPONIVEL, path, "%s não tem horário livre em %s.", consultant,
				starts_at);
	return req_fail(req, STATUS_HORARIO_INDISPONIVEL, path,
			"Não há mais capacidade em %s; consulte ConsultarHorariosDisponiveis.", starts_at);
}

enum status booking_no_workshop(struct request *req)
{
	return req_fail(req, STATUS_OPERACAO_NAO_PERMITIDA, "Cabecalho/Empresa",
			"A empresa %s não tem oficina configurada para agendamentos.", req->branch.code);
}

void booking_judge_frame(struct request *req, const char *starts_at, const struct slot_frame *f, const char *path)
{
	if (f->past)
		req_fail(req, STATUS_VALOR_INVALIDO, path, "A data e hora %s já passou.", starts_at);
	else if (!f->open)
		req_fail(req, STATUS_HORARIO_INDISPONIVEL, path,
			 "%s está fora do horário de funcionamento da oficina da empresa %s (fuso %s) para um "
			 "serviço de %d minutos.", starts_at, req->branch.code, req->branch.time_zone,
			 f->n_slots * f->slot_minutes);
	else if (!f->aligned)
		req_fail(req, STATUS_HORARIO_INDISPONIVEL, path,
			 "%s não é o início de um horário (a agenda é de %d em %d minutos); consulte "
			 "ConsultarHorariosDisponiveis.", starts_at, f->slot_minutes, f->slot_minutes);
}

/* The slot at starts_at for `minutes`, judged before anything is written: past,
 * closed or off-grid times are refused; *order gets the productive staff free then
 * (the preferred one first: a reschedule keeps its consultant), *f the frame. */
static enum status judge_slot(struct request *req, const char *starts_at, int minutes, const char *consultant,
			      const char *preferred, const char *path, struct slot_frame *f,
			      const char ***order, int *n)
{
	bool configured;
	enum status s = workshop_store_frame(req, starts_at, minutes ? minutes : 1, consultant ? NULL : "CONSULTOR",
					     consultant, f, &configured);
	if (s != STATUS_OK)
		return s;
	if (!configured)
		return booking_no_workshop(req);
	booking_judge_frame(req, starts_at, f, path);
	if (req->has_error)
		return req_first_error(req);
	*order = req_alloc(req, sizeof **order * (size_t)(f->n_free + 1));
	*n = 0;
	for (int i = 0; i < f->n_free; i++)
		if (preferred && !strcmp(f->free[i], preferred))
			(*order)[(*n)++] = f->free[i];
	for (int i = 0; i < f->n_free; i++)
		if (!preferred || strcmp(f->free[i], preferred))
			(*order)[(*n)++] = f->free[i];
	if (*n == 0)
		return booking_no_capacity(req, consultant, starts_at, path);
	return STATUS_OK;
}

/* Takes the slots for the first candidate still free when the database decides
 * (booking_store_occupy); *chosen is the one that got them. */
static enum status occupy_first(struct request *req, int64_t booking_id, const char *starts_at,
				const struct slot_frame *f, const char **order, int n, const char *consultant,
				const char *path, const char **chosen)
{
	for (int i = 0; i < n; i++) {
		bool ok;
		enum status s = booking_store_occupy(req, booking_id, order[i], starts_at, f->n_slots,
						     f->slot_minutes, &ok);
		if (s != STATUS_OK)
			return s;
		if (ok) {
			*chosen = order[i];
			return STATUS_OK;
		}
	}
	return booking_no_capacity(req, consultant, starts_at, path);
}

static int total_minutes(const struct booking *b)
{
	int m = 0;
	for (int i = 0; i < b->n_services; i++)
		m += b->services[i].minutes;
	return m;
}

static enum status reread(struct request *req, int64_t id, struct booking *out)
{
	bool found;
	return booking_store_get(req, id, NULL, false, false, out, &found);
}

/* ---- IncluirAgendamento ------------------------------------------------------------------- */

void booking_check_input(struct request *req, const struct booking *in, struct booking_draft *d)
{
	*d = (struct booking_draft){0};
	struct booking *b = &d->b;
	b->external_id = workshop_text(req, in->external_id, MAX_EXTERNAL_ID, "Agendamento/IdExterno");
	b->starts_at = workshop_instant(req, in->starts_at, "Agendamento/DataHora", true);
	b->notes = workshop_text(req, in->notes, MAX_NOTES, "Agendamento/Observacao");
	b->type = workshop_text(req, in->type, 20, "Agendamento/TipoAgendamento");
	if (!b->type)
		b->type = DEFAULT_TYPE;
	b->consultant = workshop_text(req, in->consultant, 20, "Agendamento/Consultor");
	b->odometer = in->odometer;
	b->contact_id = in->contact_id;
	b->person_id = in->person_id;
	check_odometer(req, in->odometer, NULL, "Agendamento/Quilometragem");

	const char **codes = req_alloc(req, sizeof *codes * (size_t)(in->n_services + 1));
	for (int i = 0; i < in->n_services; i++)
		codes[i] = in->services[i].code;
	d->n_services = in->n_services;
	workshop_service_codes(req, codes, in->n_services, "Agendamento/Servico", &d->service_codes);
	d->parts = req_alloc(req, sizeof *d->parts * (size_t)(in->n_parts + 1));
	d->n_parts = in->n_parts;
	check_parts(req, in, d->parts);
	workshop_vehicle_key(req, in->vehicle_id, in->plate, in->vin, "Agendamento/", &d->vehicle);
}

void booking_check_services(struct request *req, struct booking_draft *d, const struct workshop_service *found,
			    int n_found)
{
	if (d->service_codes)
		workshop_match_services(req, d->service_codes, d->n_services, "Agendamento/Servico", found, n_found,
					&d->services, &d->minutes);
}

void booking_check_references(struct request *req, struct booking_draft *d, const struct booking_vehicle *v,
			      const struct booking_found *f)
{
	d->person_id = workshop_customer_of(d->b.person_id, v);
	if (f->stored_external)
		req_fail(req, STATUS_JA_EXISTENTE, "Agendamento/IdExterno",
			 "O IdExterno '%s' já está no agendamento de Id %lld.", d->b.external_id,
			 (long long)*f->stored_external);
	workshop_judge_customer(req, d->person_id, f->person, "Agendamento/IdCliente");
	if (d->b.contact_id && !f->contact)
		req_fail(req, STATUS_NAO_ENCONTRADO, "Agendamento/IdAtendimento", "Atendimento de Id %lld não encontrado.",
			 (long long)*d->b.contact_id);
	if (!f->type)
		req_fail(req, STATUS_NAO_ENCONTRADO, "Agendamento/TipoAgendamento",
			 "Tipo de agendamento '%s' não encontrado (consulte ListarTiposAgendamento).", d->b.type);
	if (d->b.consultant && !f->productive)
		req_fail(req, STATUS_NAO_ENCONTRADO, "Agendamento/Consultor", "Produtivo '%s' não encontrado na empresa %s.",
			 d->b.consultant, req->branch.code);
	check_odometer(req, d->b.odometer, v->odometer, "Agendamento/Quilometragem");
}

void booking_created_changes(struct request *req, int64_t vehicle_id, const char *starts_at, const char *consultant,
			     const char *status, struct audit_change *out)
{
	out[0] = (struct audit_change){"IdVeiculo", NULL, req_printf(req, "%lld", (long long)vehicle_id)};
	out[1] = (struct audit_change){"DataHora", NULL, starts_at};
	out[2] = (struct audit_change){"Consultor", NULL, consultant};
	out[3] = (struct audit_change){"Situacao", NULL, status};
}

/* booking_check_references' lookups, one statement each (IncluirAgendamentosLote
 * makes them for the whole call at once). */
static enum status find_references(struct request *req, const struct booking_draft *d, int64_t person,
				   struct booking_found *f)
{
	*f = (struct booking_found){0};
	enum status s = STATUS_OK;
	const char *kind;
	bool in_branch, found;
	struct booking stored;
	if (d->b.external_id && (s = booking_store_get(req, 0, d->b.external_id, false, false, &stored, &found)) != STATUS_OK)
		return s;
	if (d->b.external_id && found) {
		int64_t *id = req_alloc(req, sizeof *id);
		*id = stored.id;
		f->stored_external = id;
	}
	if (person && (s = person_exists(req, person, &f->person)) != STATUS_OK)
		return s;
	if (d->b.contact_id && (s = booking_store_contact_exists(req, *d->b.contact_id, &f->contact)) != STATUS_OK)
		return s;
	if ((s = booking_store_type_exists(req, d->b.type, &f->type)) != STATUS_OK)
		return s;
	if (d->b.consultant && (s = workshop_store_productive(req, d->b.consultant, &kind, &in_branch, &found)) != STATUS_OK)
		return s;
	f->productive = d->b.consultant && found && in_branch;
	return STATUS_OK;
}

enum status booking_create(struct request *req, const struct booking *in, struct booking *out,
			   struct campaign **campaigns, int *n_campaigns)
{
	*campaigns = NULL;
	*n_campaigns = 0;
	struct booking_draft d;
	booking_check_input(req, in, &d);
	struct booking b = d.b;
	enum status s;
	if (d.service_codes) {
		struct workshop_service *found_services;
		int n_found;
		if ((s = workshop_store_services(req, workshop_join_codes(req, d.service_codes, d.n_services),
						 &found_services, &n_found)) != STATUS_OK)
			return s;
		booking_check_services(req, &d, found_services, n_found);
	}
	struct booking_vehicle v;
	bool found;
	if ((s = workshop_find_vehicle(req, &d.vehicle, &v, &found)) != STATUS_OK)
		return s;
	if (req->has_error)
		return req_first_error(req);

	/* references, each named by its element */
	struct booking_found refs;
	if ((s = find_references(req, &d, workshop_customer_of(d.b.person_id, &v), &refs)) != STATUS_OK)
		return s;
	booking_check_references(req, &d, &v, &refs);
	if (req->has_error)
		return req_first_error(req);
	int64_t person = d.person_id;
	int minutes = d.minutes;

	/* the booking row first (the slots reference it), then its slot */
	struct slot_frame f;
	const char **order;
	int n;
	const char *path = "Agendamento/DataHora";
	if ((s = judge_slot(req, b.starts_at, minutes, b.consultant, NULL, path, &f, &order, &n)) != STATUS_OK)
		return s;
	int64_t id;
	const char *named = b.consultant;
	b.consultant = order[0];
	if ((s = booking_store_insert(req, &b, v.id, person, f.ends_at, &id)) != STATUS_OK)
		return s;
	const char *chosen;
	if ((s = occupy_first(req, id, b.starts_at, &f, order, n, named, path,
			      &chosen)) != STATUS_OK)
		return s;
	if (strcmp(chosen, order[0]) && (s = booking_store_set_productive(req, id, chosen)) != STATUS_OK)
		return s;
	struct booked_service *booked = req_alloc(req, sizeof *booked * (size_t)(d.n_services + 1));
	for (int i = 0; i < d.n_services; i++)
		booked[i].code = d.services[i].code;
	if ((s = booking_store_add_services(req, id, booked, d.n_services)) != STATUS_OK ||
	    (s = booking_store_add_parts(req, id, d.parts, d.n_parts)) != STATUS_OK ||
	    (s = booking_store_event(req, id, "AGENDADO", NULL, "AGENDADO", NULL, NULL, NULL, b.starts_at)) != STATUS_OK ||
	    (s = reread(req, id, out)) != STATUS_OK)
		return s;
	struct audit_change changes[4];
	booking_created_changes(req, v.id, out->starts_at, out->consultant, out->status, changes);
	if ((s = audit_record(req, "agendamento", id, "incluir", changes, 4)) != STATUS_OK ||
	    (s = workshop_open_campaigns(req, v.vin, campaigns, n_campaigns)) != STATUS_OK)
		return s;
	/* the number last: see booking_store_number */
	return booking_store_number(req, id, &out->number);
}

/* ---- the lifecycle operations --------------------------------------------------------------- */

/* Loads booking id for a change by `event`: locked, in a branch the caller may act
 * in, at the Versao the caller read, in a status the event may start from. The
 * request's branch becomes the booking's (its slots and time zone). */
static enum status load_for(struct request *req, int64_t id, const int *version, const char *event,
			    struct booking *b)
{
	const struct transition *t = transition_of(event);
	if (id <= 0)
		return req_fail(req, STATUS_CAMPO_OBRIGATORIO, "IdAgendamento", "Informe o Id do agendamento.");
	if (!version)
		return req_fail(req, STATUS_CAMPO_OBRIGATORIO, "Versao",
				"Informe a Versao do agendamento (recebida na última consulta).");
	bool found;
	enum status s = booking_store_get(req, id, NULL, true, false, b, &found);
	if (s != STATUS_OK)
		return s;
	if (!found || !auth_branch_allowed(req->principal, b->branch_id) ||
	    (req->branch.id && req->branch.id != b->branch_id))
		return req_fail(req, STATUS_NAO_ENCONTRADO, "IdAgendamento", "Agendamento de Id %lld não encontrado.",
				(long long)id);
	if (*b->version != *version)
		return req_fail(req, STATUS_CONFLITO_VERSAO, "Versao",
				"O agendamento foi alterado depois da sua consulta (versão atual %d, enviada %d). "
				"Consulte-o de novo.", *b->version, *version);
	if (!allowed_from(t, b->status))
		return req_fail(req, STATUS_OPERACAO_NAO_PERMITIDA, "IdAgendamento",
				"O agendamento está na situação %s e não pode ser %s.", b->status, t->verb);
	req->branch.id = b->branch_id;
	req->branch.code = b->branch;
	req->branch.time_zone = b->time_zone;
	return STATUS_OK;
}

/* Status change + event + audit + the booking as it is now. */
static enum status finish(struct request *req, const struct booking *was, const char *event, const char *reason,
			  const char *channel, const char *new_start, struct booking *out)
{
	const struct transition *t = transition_of(event);
	enum status s;
	if (strcmp(event, "REAGENDADO") && (s = booking_store_set_status(req, was->id, t->to)) != STATUS_OK)
		return s;
	if ((s = booking_store_event(req, was->id, event, was->status, t->to, reason, channel,
				     new_start ? was->starts_at : NULL, new_start)) != STATUS_OK)
		return s;
	if ((s = reread(req, was->id, out)) != STATUS_OK)
		return s;
	struct audit_change changes[4];
	int n = 0;
	if (strcmp(was->status, out->status))
		changes[n++] = (struct audit_change){"Situacao", was->status, out->status};
	if (new_start)
		changes[n++] = (struct audit_change){"DataHora", was->starts_at, out->starts_at};
	if (reason)
		changes[n++] = (struct audit_change){"Motivo", NULL, reason};
	if (channel)
		changes[n++] = (struct audit_change){"Canal", NULL, channel};
	return audit_record(req, "agendamento", was->id, t->event, changes, n);
}

static const char *required_reason(struct request *req, const char *in, const char *path)
{
	const char *r = workshop_text(req, in, MAX_REASON, path);
	if (!r)
		req_fail(req, STATUS_CAMPO_OBRIGATORIO, path, "Informe o motivo.");
	return r;
}

enum status booking_reschedule(struct request *req, int64_t id, const int *version, const char *starts_at,
			       const char *consultant, const char *reason, struct booking *out)
{
	const char *when = workshop_instant(req, starts_at, "DataHora", true);
	const char *why = required_reason(req, reason, "Motivo");
	const char *who = workshop_text(req, consultant, 20, "Consultor");
	if (req->has_error)
		return req_first_error(req);
	struct booking b;
	enum status s = load_for(req, id, version, "REAGENDADO", &b);
	if (s != STATUS_OK)
		return s;
	if (who && (s = check_productive(req, who, "Consultor")) != STATUS_OK)
		return s;
	/* the booking's own slots are free for it */
	if ((s = booking_store_release(req, id)) != STATUS_OK)
		return s;
	struct slot_frame f;
	const char **order;
	int n;
	const char *chosen;
	if ((s = judge_slot(req, when, total_minutes(&b), who, b.consultant, "DataHora", &f, &order, &n)) != STATUS_OK ||
	    (s = occupy_first(req, id, when, &f, order, n, who, "DataHora", &chosen)) != STATUS_OK ||
	    (s = booking_store_move(req, id, chosen, when, f.ends_at)) != STATUS_OK)
		return s;
	return finish(req, &b, "REAGENDADO", why, NULL, when, out);
}

enum status booking_confirm(struct request *req, int64_t id, const int *version, const char *channel,
			    struct booking *out)
{
	static const char *const channels[] = {"TELEFONE", "WHATSAPP", "SMS", "EMAIL", "CHATBOT", "PRESENCIAL"};
	const char *via = workshop_text(req, channel, 20, "Canal");
	if (via) {
		bool known = false;
		for (size_t i = 0; i < sizeof channels / sizeof *channels; i++)
			known = known || !strcmp(channels[i], via);
		if (!known)
			return req_fail(req, STATUS_VALOR_INVALIDO, "Canal",
					"Canal '%s' inválido: TELEFONE, WHATSAPP, SMS, EMAIL, CHATBOT ou PRESENCIAL.", via);
	}
	if (req->has_error)
		return req_first_error(req);
	struct booking b;
	enum status s = load_for(req, id, version, "CONFIRMADO", &b);
	if (s != STATUS_OK)
		return s;
	return finish(req, &b, "CONFIRMADO", NULL, via, NULL, out);
}

enum status booking_cancel(struct request *req, int64_t id, const int *version, const char *reason,
			   struct booking *out)
{
	const char *why = required_reason(req, reason, "Motivo");
	if (req->has_error)
		return req_first_error(req);
	struct booking b;
	enum status s = load_for(req, id, version, "CANCELADO", &b);
	if (s != STATUS_OK)
		return s;
	/* slot and parts go back in the same transaction as the status */
	if ((s = booking_store_release(req, id)) != STATUS_OK ||
	    (s = booking_store_parts_status(req, id, "RESERVADA", "LIBERADA")) != STATUS_OK)
		return s;
	return finish(req, &b, "CANCELADO", why, NULL, NULL, out);
}

enum status booking_no_show(struct request *req, int64_t id, const int *version, const char *notes,
			    struct booking *out)
{
	const char *why = workshop_text(req, notes, MAX_REASON, "Observacao");
	if (req->has_error)
		return req_first_error(req);
	struct booking b;
	enum status s = load_for(req, id, version, "NAO_COMPARECEU", &b);
	if (s != STATUS_OK)
		return s;
	if ((s = booking_store_release(req, id)) != STATUS_OK ||
	    (s = booking_store_parts_status(req, id, "RESERVADA", "LIBERADA")) != STATUS_OK)
		return s;
	return finish(req, &b, "NAO_COMPARECEU", why, NULL, NULL, out);
}

enum status booking_convert(struct request *req, int64_t id, const int *version, const char *order_type,
			    const int *odometer, const char *promised_at, struct booking *out,
			    struct work_order *order, struct campaign **campaigns, int *n_campaigns)
{
	*campaigns = NULL;
	*n_campaigns = 0;
	const char *type = workshop_text(req, order_type, 20, "TipoOS");
	const char *promise = workshop_instant(req, promised_at, "PrevisaoEntrega", false);
	if (req->has_error)
		return req_first_error(req);
	if (!type)
		type = DEFAULT_ORDER_TYPE;
	struct booking b;
	enum status s = load_for(req, id, version, "CONVERTIDO_OS", &b);
	if (s != STATUS_OK)
		return s;
	bool found;
	if ((s = work_order_store_type_exists(req, type, &found)) != STATUS_OK)
		return s;
	if (!found)
		return req_fail(req, STATUS_NAO_ENCONTRADO, "TipoOS", "Tipo de OS '%s' não encontrado (consulte ListarTiposOS).",
				type);
	struct booking_vehicle v;
	if ((s = booking_store_vehicle(req, b.vehicle_id, NULL, NULL, &v, &found)) != STATUS_OK)
		return s;
	check_odometer(req, odometer, v.odometer, "Quilometragem");
	if (req->has_error)
		return req_first_error(req);
	if ((s = work_order_open_from_booking(req, id, v.id, type, odometer, promise, "IdAgendamento", order)) !=
	    STATUS_OK)
		return s;
	if ((s = booking_store_parts_status(req, id, "RESERVADA", "UTILIZADA")) != STATUS_OK ||
	    (s = finish(req, &b, "CONVERTIDO_OS", NULL, NULL, NULL, out)) != STATUS_OK)
		return s;
	return workshop_open_campaigns(req, v.vin, campaigns, n_campaigns);
}

/* ---- reads ----------------------------------------------------------------------------------------- */

enum status booking_list(struct request *req, const struct booking_filter *f, int64_t offset, int limit,
			 struct booking **out, int *n)
{
	struct booking_filter q = *f;
	q.from = workshop_instant(req, f->from, "Filtro/DataHoraInicio", false);
	q.to = workshop_instant(req, f->to, "Filtro/DataHoraFim", false);
	q.status = workshop_text(req, f->status, 20, "Filtro/Situacao");
	q.consultant = workshop_text(req, f->consultant, 20, "Filtro/Consultor");
	if (req->has_error)
		return req_first_error(req);
	return booking_store_list(req, &q, offset, limit, out, n);
}

enum status booking_get(struct request *req, const int64_t *id, const char *external_id, struct booking *out,
			struct campaign **campaigns, int *n_campaigns)
{
	*campaigns = NULL;
	*n_campaigns = 0;
	const char *ext = workshop_text(req, external_id, MAX_EXTERNAL_ID, "IdExterno");
	if (req->has_error)
		return req_first_error(req);
	if (!id && !ext)
		return req_fail(req, STATUS_CAMPO_OBRIGATORIO, "IdAgendamento", "Informe IdAgendamento ou IdExterno.");
	bool found;
	enum status s = booking_store_get(req, id ? *id : 0, ext, false, true, out, &found);
	if (s != STATUS_OK)
		return s;
	if (!found || !auth_branch_allowed(req->principal, out->branch_id))
		return req_fail(req, STATUS_NAO_ENCONTRADO, id ? "IdAgendamento" : "IdExterno",
				"Agendamento não encontrado.");
	return workshop_open_campaigns(req, out->vin, campaigns, n_campaigns);
}
