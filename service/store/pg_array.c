/* SPDX-License-Identifier: GPL-2.0-or-later */
/* pg_array.c - text[] literals as parameters (pg_array.h). */
#include "store/pg_array.h"

#include <string.h>

const char *pg_text_array(struct request *req, const char *const *items, int n)
{
	size_t len = 3;
	for (int i = 0; i < n; i++)
		len += (items[i] ? 2 * strlen(items[i]) : 4) + 3;
	char *out = req_alloc(req, len), *o = out;
	*o++ = '{';
	for (int i = 0; i < n; i++) {
		if (i)
			*o++ = ',';
		if (!items[i]) {
			memcpy(o, "NULL", 4);
			o += 4;
			continue;
		}
		*o++ = '"';
		for (const char *c = items[i]; *c; c++) {
			if (*c == '"' || *c == '\\')
				*o++ = '\\';
			*o++ = *c;
		}
		*o++ = '"';
	}
	*o++ = '}';
	*o = '\0';
	return out;
}
