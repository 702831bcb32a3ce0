/* SPDX-License-Identifier: GPL-2.0-or-later */
/* field.c - helpers for request fields (field.h). */
#include "domain/field.h"

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
