/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * money.h - amounts of money (xs:decimal on the wire, numeric(14,2) in PostgreSQL) as
 * whole centavos in an int64_t, so sums and comparisons are exact.
 *
 * The rule to know: a value is parsed once at the edge with its field path; more than
 * 2 fraction digits is VALOR_INVALIDO rather than a silent rounding. Percentages are
 * computed in hundredths of a percent, rounded half away from zero.
 */
#ifndef WSATEND_MONEY_H
#define WSATEND_MONEY_H

#include "core/request.h"

#include <stdbool.h>
#include <stdint.h>

#define MONEY_MAX_CENTS 99999999999999LL   /* numeric(14,2) */

/* Parses "89990", "89990.5", "-10.00" into *cents. NULL text: *present false and OK.
 * A malformed value fails with VALOR_INVALIDO on `field`; with allow_negative false a
 * negative one too (naming the field). */
enum status money_parse(struct request *req, const char *text, const char *field, bool allow_negative,
			int64_t *cents, bool *present);

/* "1234.50" (a '-' first when negative), in the request arena. */
char *money_text(struct request *req, int64_t cents);

/* part / whole in hundredths of a percent (1234 = 12.34 %); whole must be > 0. */
int64_t money_pct_hundredths(int64_t part, int64_t whole);

/* "12.34" for hundredths of a percent. */
char *money_pct_text(struct request *req, int64_t hundredths);

#endif
