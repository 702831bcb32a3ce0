/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * appraisal.h - used-vehicle appraisals (wsdl/xsd/venda.xsd: Avaliacao):
 * SolicitarAvaliacao, RegistrarResultadoAvaliacao, ConsultarAvaliacao; an APROVADA
 * appraisal is the trade-in of a proposal.
 *
 * The rule to know: a repair forecast above the tenant's share of the appraised value
 * (10 % by default) needs a gerente: from another role the result is stored
 * AGUARDANDO_APROVACAO (a warning says so) and a gerente registers it again to approve.
 */
#ifndef WSATEND_APPRAISAL_H
#define WSATEND_APPRAISAL_H

#include "core/request.h"

#include <stdbool.h>
#include <stdint.h>

struct appraisal {
	int64_t id;
	const int64_t *contact_id, *person_id;
	const char *plate, *vin, *make, *model, *trim, *color, *damages, *reason;
	const int *year_made, *model_year, *odometer;
	const char *status;                  /* SOLICITADA, AGUARDANDO_APROVACAO, APROVADA */
	bool has_value;
	int64_t value, repair;               /* centavos */
	const char *result_notes, *approved_by, *approved_at;
	int version;
};

enum status appraisal_request(struct request *req, const struct appraisal *in, struct appraisal *out);
enum status appraisal_result(struct request *req, const int64_t *id, const char *value_in, const char *repair_in,
			     const char *notes, struct appraisal *out);
enum status appraisal_get(struct request *req, const int64_t *id, struct appraisal *out);

/* For a proposal's trade-in: appraisal id of the branch, locked. NAO_ENCONTRADO
 * (another tenant's or branch's is not found) or AVALIACAO_NAO_APROVADA on field. */
enum status appraisal_for_trade_in(struct request *req, int64_t id, const char *field, struct appraisal *out);

#endif
