/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * agenda.c - next contacts and the agenda (agenda.h).
 *
 * The rule to know: the classification (PENDENTE / HOJE / FUTURO) is computed here
 * with agenda_classify() from instants the database gives in the branch's time zone
 * (contact_store_agenda); the store's Classificacao filter mirrors the same three
 * comparisons so that paging stays exact.
 */
#include "domain/agenda.h"
#include "domain/field.h"

#include "store/audit_store.h"
#include "store/contact_store.h"

#include <string.h>
#include <time.h>

/* A client's "in five minutes" may reach us a little late, or from a clock a little
 * behind ours: that much of "the past" still counts as now. */
#define CLOCK_SKEW_S 60

static enum status check_datetime(struct request *req, const char *field, const char *value)
{
	int64_t t;
	int32_t us;
	if (value && !datetime_parse(value, &t, &us))
		return req_fail(req, STATUS_VALOR_INVALIDO, field,
				"Data/hora inválida ou sem fuso horário (ex.: 2026-11-22T14:30:00-03:00).");
	return STATUS_OK;
}

enum status agenda_check_next(struct request *req, const struct next_contact *nc, const char *prefix)
{
	bool active = false;
	if (nc->responsible) {
		enum status s = contact_store_consultant_active(req, nc->responsible, &active);
		if (s != STATUS_OK)
			return s;
	}
	return agenda_check_next_known(req, nc, prefix, active);
}

enum status agenda_check_next_known(struct request *req, const struct next_contact *nc, const char *prefix,
				    bool responsible_active)
{
	enum status first = STATUS_OK;
	int64_t due;
	int32_t us;
	if (field_blank(nc->due_at))
		first = req_fail(req, STATUS_CAMPO_OBRIGATORIO, field_path(req, prefix, "DataHora"),
				 "Informe a data/hora do próximo contato.");
	else if (!datetime_parse(nc->due_at, &due, &us))
		first = check_datetime(req, field_path(req, prefix, "DataHora"), nc->due_at);
	else if (due < (int64_t)time(NULL) - CLOCK_SKEW_S)
		first = req_fail(req, STATUS_VALOR_INVALIDO, field_path(req, prefix, "DataHora"),
				 "O próximo contato não pode ser agendado no passado.");
	if (nc->notes && utf8_chars(nc->notes) > 2000 && first == STATUS_OK)
		first = req_fail(req, STATUS_TAMANHO_EXCEDIDO, field_path(req, prefix, "Observacao"), "Máximo de 2000 caracteres.");
	if (nc->responsible && !responsible_active) {
		enum status s = req_fail(req, STATUS_NAO_ENCONTRADO, field_path(req, prefix, "Responsavel"),
					 "Consultor '%s' não encontrado ou inativo.", nc->responsible);
		if (first == STATUS_OK)
			first = s;
	}
	return first;
}

enum status agenda_set_next(struct request *req, int64_t contact_id, const char *default_responsible,
			    const struct next_contact *nc, const char *prefix, int64_t *next_id,
			    const char **replaced_due)
{
	struct next_contact row = *nc;
	if (!row.responsible)
		row.responsible = default_responsible;
	if (!row.responsible)
		return req_fail(req, STATUS_CAMPO_OBRIGATORIO, field_path(req, prefix, "Responsavel"),
				"O atendimento não tem responsável: informe quem fará o próximo contato.");
	enum status s = contact_store_next_done(req, contact_id, replaced_due);
	return s != STATUS_OK ? s : contact_store_next_insert(req, contact_id, &row, next_id);
}

enum status agenda_schedule(struct request *req, const int64_t *contact_id, const struct next_contact *nc,
			    struct agenda_item *out)
{
	enum status first = STATUS_OK, s;
	if (!contact_id)
		first = req_fail(req, STATUS_CAMPO_OBRIGATORIO, "IdAtendimento", "Informe o IdAtendimento.");
	if (!nc)
		return req_fail(req, STATUS_CAMPO_OBRIGATORIO, "ProximoContato",
				"Informe o ProximoContato (DataHora obrigatória).");
	s = agenda_check_next(req, nc, "ProximoContato");
	if (first == STATUS_OK)
		first = s;
	if (first != STATUS_OK)
		return first;
	struct contact c;
	if ((s = contact_open_for_change(req, contact_id, NULL, &c)) != STATUS_OK)
		return s;
	int64_t next_id;
	const char *replaced = NULL;
	int version;
	s = agenda_set_next(req, c.id, c.responsible, nc, "ProximoContato", &next_id, &replaced);
	/* The atendimento changed (feeds by AlteradoDesde see it) but not its Versao:
	 * the answer carries no Versao to continue with. */
	if (s == STATUS_OK)
		s = contact_store_touch(req, c.id, false, &version);
	if (s != STATUS_OK)
		return s;
	struct agenda_clock clock;
	bool found;
	if ((s = contact_store_agenda_item(req, next_id, out, &clock, &found)) != STATUS_OK)
		return s;
	if (!found)
		return STATUS_ERRO_SERVIDOR;
	out->class = agenda_classify(out->due_epoch, clock.now, clock.tomorrow_start);
	struct audit_change changes[] = {
		{"ProximoContato", replaced, out->due_at},
		{"ProximoContato/Responsavel", NULL, out->responsible},
	};
	return audit_record(req, "atendimento", c.id, "agendar_proximo_contato", changes, 2);
}

enum status agenda_list(struct request *req, const struct agenda_filter *f, int64_t offset, int limit,
			struct agenda_item **out, int *n)
{
	enum status first = check_datetime(req, "Inicio", f->from);
	enum status s = check_datetime(req, "Fim", f->to);
	if (first == STATUS_OK)
		first = s;
	if (first != STATUS_OK)
		return first;
	int64_t from, to;
	int32_t us_from, us_to;
	if (f->from && f->to && datetime_parse(f->from, &from, &us_from) && datetime_parse(f->to, &to, &us_to) &&
	    (from > to || (from == to && us_from > us_to)))
		return req_fail(req, STATUS_VALOR_INVALIDO, "Fim", "Fim deve ser igual ou posterior a Inicio.");
	struct agenda_clock clock;
	if ((s = contact_store_agenda(req, f, offset, limit, out, n, &clock)) != STATUS_OK)
		return s;
	for (int i = 0; i < *n; i++)
		(*out)[i].class = agenda_classify((*out)[i].due_epoch, clock.now, clock.tomorrow_start);
	return STATUS_OK;
}
