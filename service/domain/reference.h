/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * reference.h - the tenant's reference data as plain C: naturezas (with routing and
 * the second-open policy), contact origins, consultants and loss reasons. Read by
 * the reference lists and by the rules of other areas (routing an atendimento,
 * checking a loss reason).
 */
#ifndef WSATEND_REFERENCE_H
#define WSATEND_REFERENCE_H

#include "core/request.h"

struct nature {
	const char *code, *description, *area, *department;
	const char *team, *default_consultant;   /* NULL when not set */
	const char *second_open_policy;          /* RECUSAR, VINCULAR, PERMITIR */
	const char **required_fields;
	int n_required_fields;
};

struct ref_item {
	const char *code, *description;
};

struct consultant {
	const char *code, *name, *area, *team, *email;
};

struct loss_reason {
	const char *code, *description, *department;
	const char **event_types;
	int n_event_types;
};

/* Lists: offset paging over the code order (reference lists are short). Each
 * returns STATUS_OK with *n items in the arena, or a database status. */
enum status reference_natures(struct request *req, const char *area, int offset, int limit,
			      struct nature **out, int *n);
enum status reference_origins(struct request *req, int offset, int limit, struct ref_item **out, int *n);
enum status reference_consultants(struct request *req, const char *area, const char *team, int offset,
				  int limit, struct consultant **out, int *n);
enum status reference_loss_reasons(struct request *req, const char *event_type, const char *department,
				   int offset, int limit, struct loss_reason **out, int *n);

/* Is code an active contact origin of the tenant? */
enum status reference_origin_exists(struct request *req, const char *code, bool *found);

/* One active natureza by code; *found false if none. */
enum status reference_nature(struct request *req, const char *code, struct nature *out, bool *found);

#endif
