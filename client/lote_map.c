/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * lote_map.c - how a file's columns map onto a record type's fields
 * (lote_types.c), and the checks of a record's values by their kind (lote.h).
 *
 * The rule to know: a column is matched by its header, compared without case,
 * accents, spaces or punctuation against the field names and a few usual aliases
 * (CPF, CNPJ, KM, VIN...); a mapping file ("coluna = Campo" per line) decides for
 * foreign layouts. A column that maps to nothing is reported and ignored, so a
 * typo in a header never silently drops data unnoticed.
 */
#include "lote.h"

#include "args.h"

#include <ctype.h>
#include <errno.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

int lote_field_index(const struct lote_type *t, const char *name)
{
	for (int i = 0; t->fields[i].name; i++)
		if (!strcasecmp(t->fields[i].name, name))
			return i;
	return -1;
}

/* Lower-case ASCII letters and digits only; the Latin-1 letters of Portuguese in
 * UTF-8 (C3 xx) lose their accent. */
static void normalize(const char *in, char *out, size_t len)
{
	static const char folded[64] = "aaaaaaaceeeeiiiidnooooo/ouuuuy-saaaaaaaceeeeiiiidnooooo/ouuuuy-y";
	size_t o = 0;
	for (const unsigned char *p = (const unsigned char *)in; *p && o + 1 < len; p++) {
		unsigned c = *p;
		if (c == 0xC3 && p[1] >= 0x80 && p[1] <= 0xBF) {
			c = (unsigned char)folded[*++p - 0x80];
		}
		if (isalnum(c) && c < 0x80)
			out[o++] = (char)tolower(c);
	}
	out[o] = '\0';
}

static int field_by_header(const struct lote_type *t, const char *header)
{
	char h[128], f[128];
	normalize(header, h, sizeof h);
	for (int i = 0; t->fields[i].name; i++) {
		normalize(t->fields[i].name, f, sizeof f);
		if (!strcmp(h, f))
			return i;
	}
	for (int i = 0; t->aliases[i][0]; i++)
		if (!strcmp(h, t->aliases[i][0]))
			return lote_field_index(t, t->aliases[i][1]);
	return -1;
}

static char *trim(char *s)
{
	while (isspace((unsigned char)*s))
		s++;
	size_t n = strlen(s);
	while (n && isspace((unsigned char)s[n - 1]))
		s[--n] = '\0';
	return s;
}

/* "coluna = Campo" lines; '#' starts a comment; "coluna =" ignores the column. */
static bool apply_map_file(const struct lote_type *t, char **headers, int n, const char *path, int *field)
{
	FILE *f = fopen(path, "r");
	char line[512];
	int lineno = 0;
	if (!f) {
		fprintf(stderr, "wsatend: lote: %s: %s\n", path, strerror(errno));
		return false;
	}
	while (fgets(line, sizeof line, f)) {
		lineno++;
		char *hash = strchr(line, '#'), *eq;
		if (hash)
			*hash = '\0';
		char *l = trim(line);
		if (!*l)
			continue;
		if (!(eq = strchr(l, '='))) {
			fprintf(stderr, "wsatend: lote: %s:%d: use \"coluna = Campo\"\n", path, lineno);
			fclose(f);
			return false;
		}
		*eq = '\0';
		char *col = trim(l), *name = trim(eq + 1);
		int target = *name ? lote_field_index(t, name) : -1;
		if (*name && target < 0) {
			fprintf(stderr, "wsatend: lote: %s:%d: campo desconhecido '%s'\n", path, lineno, name);
			fclose(f);
			return false;
		}
		bool found = false;
		for (int i = 0; i < n; i++)
			if (!strcasecmp(trim(headers[i]), col)) {
				field[i] = target;
				found = true;
			}
		if (!found)
			fprintf(stderr, "wsatend: lote: %s:%d: coluna '%s' não está no arquivo\n", path, lineno, col);
	}
	fclose(f);
	return true;
}

bool lote_map_columns(const struct lote_type *t, char **headers, int n, const char *map_file,
		      struct lote_mapping *m)
{
	m->n = n;
	m->field = calloc((size_t)(n ? n : 1), sizeof *m->field);
	if (!m->field)
		return false;
	for (int i = 0; i < n; i++)
		m->field[i] = field_by_header(t, headers[i]);
	if (map_file && !apply_map_file(t, headers, n, map_file, m->field))
		return false;
	bool any = false;
	for (int i = 0; i < n; i++) {
		for (int k = 0; k < i; k++)
			if (m->field[i] >= 0 && m->field[k] == m->field[i]) {
				fprintf(stderr, "wsatend: lote: as colunas '%s' e '%s' são ambas %s\n", headers[k],
					headers[i], t->fields[m->field[i]].name);
				return false;
			}
		if (m->field[i] < 0)
			fprintf(stderr, "wsatend: lote: coluna '%s' ignorada (use --mapa para associá-la)\n",
				headers[i]);
		any |= m->field[i] >= 0;
	}
	if (!any)
		fprintf(stderr, "wsatend: lote: nenhuma coluna reconhecida no cabeçalho\n");
	return any;
}

struct lote_record *lote_add(struct lote_input *in, int line)
{
	if (in->n == in->cap) {
		size_t cap = in->cap ? in->cap * 2 : 1024;
		struct lote_record *p = realloc(in->rec, cap * sizeof *p);
		if (!p)
			return NULL;
		in->rec = p;
		in->cap = cap;
	}
	struct lote_record *r = &in->rec[in->n++];
	memset(r, 0, sizeof *r);
	r->line = line;
	return r;
}

void lote_record_free(struct lote_record *r)
{
	for (int i = 0; i < LOTE_MAX_FIELDS; i++)
		free(r->values[i]);
	free(r->code);
	free(r->field);
	free(r->message);
}

void lote_reject_local(struct lote_record *r, const char *code, const char *field, const char *fmt, ...)
{
	char text[512];
	va_list ap;
	va_start(ap, fmt);
	vsnprintf(text, sizeof text, fmt, ap);
	va_end(ap);
	for (int i = 0; i < LOTE_MAX_FIELDS; i++) {
		free(r->values[i]);
		r->values[i] = NULL;
	}
	r->state = LOTE_REJECTED;
	r->local = true;
	snprintf(r->outcome, sizeof r->outcome, "REJEITADO");
	free(r->code);
	free(r->field);
	free(r->message);
	r->code = strdup(code);
	r->field = field ? strdup(field) : NULL;
	r->message = strdup(text);
}

/* ---- checks of values by kind (the server checks the rest) ---------------------- */

const char *lote_value(const struct lote_type *t, const struct lote_record *r, const char *name)
{
	int i = lote_field_index(t, name);
	const char *s = i >= 0 ? r->values[i] : NULL;
	return s && *s ? s : NULL;
}

/* "x" too: the mark of a ticked column in a spreadsheet */
bool lote_yes(const char *s)
{
	bool b;
	return s && (!strcasecmp(s, "x") || (args_parse_bool(s, &b) && b));
}

static bool is_bool(const char *s)
{
	bool b;
	return !strcasecmp(s, "x") || args_parse_bool(s, &b);
}

static bool is_int(const char *s, bool positive)
{
	char *end;
	errno = 0;
	long long x = strtoll(s, &end, 10);
	return !errno && !*end && x >= (positive ? 1 : -2147483647LL) && x <= (positive ? 9223372036854775807LL : 2147483647LL);
}

static bool one_of(const char *s, const char *const *list)
{
	for (int i = 0; list[i]; i++)
		if (!strcmp(s, list[i]))
			return true;
	return false;
}

/* s[0..len) without the spaces around it */
static const char *strip(const char *s, size_t *len)
{
	while (*len && isspace((unsigned char)*s))
		s++, (*len)--;
	while (*len && isspace((unsigned char)s[*len - 1]))
		(*len)--;
	return s;
}

/* tns:Quantidade: xs:decimal, 12 digits, 3 after the point (',' accepted), above 0 */
static bool is_quantity(const char *s, size_t len)
{
	size_t digits = 0, decimals = 0, nonzero = 0;
	bool point = false;
	for (size_t i = 0; i < len; i++) {
		if ((s[i] == '.' || s[i] == ',') && !point) {
			point = true;
		} else if (isdigit((unsigned char)s[i])) {
			digits++;
			decimals += point;
			nonzero += s[i] != '0';
		} else {
			return false;
		}
	}
	return digits && digits <= 12 && decimals <= 3 && nonzero;
}

/*
 * "A | B" (LOTE_CODES) or "A:1 | B: 2,5" (LOTE_PARTS) in the form lote_wire.c
 * splits: "A|B", "A:1|B:2.5" (malloc'ed). NULL when an item is empty, a code is
 * longer than code_max, a quantity is no tns:Quantidade, or there are over max items.
 */
static char *canonical_list(const char *s, bool parts, int max, size_t code_max)
{
	size_t cap = strlen(s) + 1, o = 0;
	char *out = malloc(cap);
	int n = 0;
	for (const char *p = s; out; p++) {
		size_t len = strcspn(p, "|");
		const char *colon = parts ? memchr(p, ':', len) : NULL;
		size_t code_len = colon ? (size_t)(colon - p) : len, qty_len = colon ? len - code_len - 1 : 0;
		const char *code = strip(p, &code_len), *qty = colon ? strip(colon + 1, &qty_len) : NULL;
		if (!code_len || code_len > code_max || (parts && (!qty || !is_quantity(qty, qty_len))) || ++n > max) {
			free(out);
			return NULL;
		}
		if (o)
			out[o++] = '|';
		memcpy(out + o, code, code_len);
		o += code_len;
		if (qty) {
			out[o++] = ':';
			for (size_t i = 0; i < qty_len; i++)
				out[o++] = qty[i] == ',' ? '.' : qty[i];	/* 2,5 as xs:decimal */
		}
		p += len;
		if (!*p)
			break;
	}
	if (out)
		out[o] = '\0';
	return out;
}

static void join(char *out, size_t len, const char *const *list)
{
	size_t o = 0;
	out[0] = '\0';
	for (int i = 0; list[i] && o < len; i++)
		o += (size_t)snprintf(out + o, len - o, "%s%s", i == 0 ? "" : list[i + 1] ? ", " : " ou ", list[i]);
}

bool lote_check_values(const struct lote_type *t, struct lote_record *r)
{
	for (int i = 0; t->fields[i].name; i++) {
		const struct lote_field *f = &t->fields[i];
		const char *s = r->values[i];
		char field[96], choices[256];
		if (!s || !*s || f->kind == LOTE_TEXT)
			continue;
		snprintf(field, sizeof field, "%s/%s", t->element, f->path);
		switch (f->kind) {
		case LOTE_INT:
			if (is_int(s, false))
				continue;
			lote_reject_local(r, "VALOR_INVALIDO", field, "%s deve ser um número inteiro.", f->name);
			return false;
		case LOTE_ID:
			if (is_int(s, true))
				continue;
			lote_reject_local(r, "VALOR_INVALIDO", field, "%s deve ser um Id (número).", f->name);
			return false;
		case LOTE_BOOL:
			if (is_bool(s))
				continue;
			lote_reject_local(r, "VALOR_INVALIDO", field, "%s deve ser sim ou não (S/N, 1/0, true/false).",
					  f->name);
			return false;
		case LOTE_ENUM:
			if (one_of(s, f->values))
				continue;
			join(choices, sizeof choices, f->values);
			lote_reject_local(r, "VALOR_INVALIDO", field, "%s deve ser %s.", f->name, choices);
			return false;
		case LOTE_DATETIME: {
			/* the same reading as the command line's date-times (args.c) */
			char *norm = args_norm_datetime(s);
			if (norm) {
				free(r->values[i]);
				r->values[i] = norm;
				continue;
			}
			lote_reject_local(r, "VALOR_INVALIDO", field,
					  "%s deve ser data e hora, como 2026-11-22T14:30:00-03:00 (sem fuso, vale o local).",
					  f->name);
			return false;
		}
		case LOTE_CODES:
		case LOTE_PARTS: {
			bool parts = f->kind == LOTE_PARTS;
			char *norm = canonical_list(s, parts, parts ? 100 : 50, parts ? 30 : 20);
			if (norm) {
				free(r->values[i]);
				r->values[i] = norm;
				continue;
			}
			if (parts)
				lote_reject_local(r, "VALOR_INVALIDO", field,
						  "%s: até 100 itens CODIGO:QUANTIDADE separados por |, quantidade maior "
						  "que 0 com até 3 decimais.", f->name);
			else
				lote_reject_local(r, "VALOR_INVALIDO", field,
						  "%s: até 50 códigos separados por |, cada um com até 20 caracteres.",
						  f->name);
			return false;
		}
		case LOTE_TEXT:
			break;
		}
	}
	return true;
}
