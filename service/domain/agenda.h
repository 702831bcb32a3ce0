/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * agenda.h - the next contacts of atendimentos and the agenda that lists them
 * (AgendarProximoContato, ListarAgenda; the ProximoContato of IncluirAtendimento).
 *
 * The rule to know: an atendimento has at most one open next contact (scheduling a
 * new one marks the previous one done), and the agenda classifies each open one in
 * the branch's own time zone (agenda_classify in core/validate.h): PENDENTE (due
 * before now), HOJE (later today), FUTURO (from the branch's tomorrow on). "Now" and
 * "tomorrow" come from the database, which knows the IANA zones.
 */
#ifndef WSATEND_AGENDA_H
#define WSATEND_AGENDA_H

#include "core/request.h"
#include "core/validate.h"
#include "domain/contact.h"

#include <stdbool.h>
#include <stdint.h>

/* ItemAgenda. */
struct agenda_item {
	int64_t next_contact_id, contact_id, person_id;
	const char *person_name, *nature;
	const char *due_at;          /* UTC */
	int64_t due_epoch;
	const char *responsible, *kind, *notes;
	enum agenda_class class;
};

/* Checks a ProximoContato (paths "<prefix>/DataHora", ...): DataHora required, with
 * an offset, not in the past; Responsavel, when given, an active consultant; sizes.
 * Adds every failure as a message; returns the first error status or STATUS_OK. */
enum status agenda_check_next(struct request *req, const struct next_contact *nc, const char *prefix);
/* The same with the Responsavel's status already known (bulk calls look it up once
 * for all records). */
enum status agenda_check_next_known(struct request *req, const struct next_contact *nc, const char *prefix,
				    bool responsible_active);

/* Makes nc the open next contact of atendimento contact_id (already checked with
 * agenda_check_next): the previous open one, if any, is marked done. A NULL
 * responsible takes default_responsible; with neither it is CAMPO_OBRIGATORIO.
 * *replaced_due gets the due time of the replaced one (NULL if none). */
enum status agenda_set_next(struct request *req, int64_t contact_id, const char *default_responsible,
			    const struct next_contact *nc, const char *prefix, int64_t *next_id,
			    const char **replaced_due);

/* AgendarProximoContato: on an open atendimento of the branch; audited; *out is the
 * new item as the agenda shows it. */
enum status agenda_schedule(struct request *req, const int64_t *contact_id, const struct next_contact *nc,
			    struct agenda_item *out);

/* ListarAgenda criteria, combined with AND. */
struct agenda_filter {
	const char *responsible, *team;
	const char *from, *to;       /* xsd:dateTime: from <= due <= to */
	bool has_class;
	enum agenda_class class;
};

/* Open next contacts of the branch's atendimentos by due time (offset paging:
 * `offset` items skipped, at most `limit` returned; callers pass page size + 1). */
enum status agenda_list(struct request *req, const struct agenda_filter *f, int64_t offset, int limit,
			struct agenda_item **out, int *n);

#endif
