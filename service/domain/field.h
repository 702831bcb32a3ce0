/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * field.h - small helpers every domain file needs for the fields of a request:
 * blank text, the "absent keeps, empty clears" merge of an update, and the path of
 * an element for error messages.
 */
#ifndef WSATEND_FIELD_H
#define WSATEND_FIELD_H

#include "core/request.h"

#include <stdbool.h>

/* NULL or only blanks (space, tab, CR, LF). */
bool field_blank(const char *s);

/* A copy without the blanks around it (the client's typing, not data); NULL stays
 * NULL. */
const char *field_trimmed(struct request *req, const char *s);

/* An update's value: absent (NULL) keeps the stored one, "" clears it (NULL). */
const char *field_merged(const char *stored, const char *sent);

/* Equal texts, NULL equal only to NULL (a field unchanged by an update). */
bool field_same(const char *a, const char *b);

/* "prefix/name", in the request arena: the Campo of a message. */
const char *field_path(struct request *req, const char *prefix, const char *name);

#endif
