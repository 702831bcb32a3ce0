/* SPDX-License-Identifier: GPL-2.0-or-later */
/* field.c - helpers for request fields (field.h). */
#include "domain/field.h"

#include <string.h>

bool field_blank(const char *s)
{
	if (!s)
		return true;
	for (; *s; s++)
		if (*s != ' ' && *s != '\t' && *s != '\r' && *s != '\n')
			return false;
	return true;
}

const char *field_merged(const char *stored, const char *sent)
{
	if (!sent)
		return stored;
	return *sent ? sent : NULL;
}

const char *field_path(struct request *req, const char *prefix, const char *name)
{
	return req_printf(req, "%s/%s", prefix, name);
}

const char *field_trimmed(struct request *req, const char *s)
{
	if (!s)
		return NULL;
	while (*s == ' ' || *s == '\t' || *s == '\r' || *s == '\n')
		s++;
	size_t n = strlen(s);
	while (n && (s[n - 1] == ' ' || s[n - 1] == '\t' || s[n - 1] == '\r' || s[n - 1] == '\n'))
		n--;
	char *out = req_alloc(req, n + 1);
	memcpy(out, s, n);
	return out;
}

bool field_same(const char *a, const char *b)
{
	return a == b || (a && b && !strcmp(a, b));
}
