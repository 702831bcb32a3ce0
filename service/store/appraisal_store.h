/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * appraisal_store.h - every SQL statement about appraisals (table appraisal, sql/020),
 * filtered on the caller's tenant and branch. Money crosses as centavos.
 */
#ifndef WSATEND_APPRAISAL_STORE_H
#define WSATEND_APPRAISAL_STORE_H

#include "domain/appraisal.h"

enum status appraisal_store_insert(struct request *req, const struct appraisal *a, struct appraisal *out);
enum status appraisal_store_get(struct request *req, int64_t id, bool lock, struct appraisal *out, bool *found);
/* Writes the result with status; approved: approved_by/at set to the caller/now. */
enum status appraisal_store_result(struct request *req, int64_t id, int64_t value, int64_t repair, const char *notes,
				   const char *status);

#endif
