/* SPDX-License-Identifier: GPL-2.0-or-later */
/* money.c - exact amounts in centavos (money.h). */
#include "domain/money.h"

#include <stdlib.h>
#include <string.h>

enum status money_parse(struct request *req, const char *text, const char *field, bool allow_negative,
			int64_t *cents, bool *present)
{
	*cents = 0;
	*present = text != NULL;
	if (!text)
		return STATUS_OK;
	const char *p = text;
	while (*p == ' ' || *p == '\t' || *p == '\n' || *p == '\r')
		p++;
	bool negative = *p == '-';
	if (*p == '-' || *p == '+')
		p++;
	int64_t units = 0;
	int int_digits = 0, frac_digits = 0, frac = 0;
	for (; *p >= '0' && *p <= '9'; p++, int_digits++)
		if (int_digits < 13)
			units = units * 10 + (*p - '0');
	if (*p == '.')
		for (p++; *p >= '0' && *p <= '9'; p++, frac_digits++)
			if (frac_digits < 2)
				frac = frac * 10 + (*p - '0');
	while (*p == ' ' || *p == '\t' || *p == '\n' || *p == '\r')
		p++;
	if (*p || (!int_digits && !frac_digits) || int_digits > 12)
		return req_fail(req, STATUS_VALOR_INVALIDO, field,
				"Valor '%s' inválido: use até 12 dígitos inteiros e 2 decimais, com ponto (89990.00).",
				text);
	if (frac_digits > 2)
		return req_fail(req, STATUS_VALOR_INVALIDO, field,
				"Valor '%s' com mais de 2 casas decimais: informe centavos, sem arredondamento.", text);
	if (frac_digits == 1)
		frac *= 10;
	*cents = units * 100 + frac;
	if (negative && *cents) {
		if (!allow_negative)
			return req_fail(req, STATUS_VALOR_INVALIDO, field, "O valor não pode ser negativo (%s).", text);
		*cents = -*cents;
	}
	return STATUS_OK;
}

char *money_text(struct request *req, int64_t cents)
{
	int64_t a = cents < 0 ? -cents : cents;
	return req_printf(req, "%s%lld.%02lld", cents < 0 ? "-" : "", (long long)(a / 100), (long long)(a % 100));
}

int64_t money_pct_hundredths(int64_t part, int64_t whole)
{
	if (whole <= 0)
		return 0;
	/* |part| < 1e14 (numeric(14,2)), so part * 10000 < 1e18 fits in 64 bits. */
	int64_t n = part * 10000;
	return n < 0 ? -((-n + whole / 2) / whole) : (n + whole / 2) / whole;
}

char *money_pct_text(struct request *req, int64_t h)
{
	return money_text(req, h);   /* hundredths of a percent print like centavos */
}
