/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * args.c - parses argv against a command's option table, prints its help, and
 * converts values into request fields.
 *
 * Why not getopt_long: the same table must also print the help and say how each
 * value is checked and converted, and global options may follow the verb (they
 * are looked up in a second table). Abbreviated options are refused on purpose:
 * "--nom" meaning "--nome" today could mean "--nome-fantasia" tomorrow.
 */
#include "args.h"

#include <ctype.h>
#include <errno.h>
#include <limits.h>
#include <stdarg.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <time.h>

static const struct opt *find_long(const struct args *a, const char *name, size_t len)
{
	for (size_t i = 0; i < a->nopts; i++)
		if (strlen(a->opts[i].name) == len && strncmp(a->opts[i].name, name, len) == 0)
			return &a->opts[i];
	return NULL;
}

static const struct opt *find_short(const struct args *a, char c)
{
	for (size_t i = 0; i < a->nopts; i++)
		if (a->opts[i].short_name == c)
			return &a->opts[i];
	return NULL;
}

/* Index of an option known to be in the table; a wrong name is a bug of ours. */
static size_t index_of(const struct args *a, const char *name)
{
	for (size_t i = 0; i < a->nopts; i++)
		if (strcmp(a->opts[i].name, name) == 0)
			return i;
	fprintf(stderr, "wsatend: erro interno: opção --%s não declarada\n", name);
	abort();
}

bool args_init(struct args *a, const struct opt *opts)
{
	memset(a, 0, sizeof *a);
	a->opts = opts;
	while (opts && opts[a->nopts].name)
		a->nopts++;
	a->vals = calloc(a->nopts ? a->nopts : 1, sizeof *a->vals);
	return a->vals != NULL;
}

void args_free(struct args *a)
{
	if (a->vals)
		for (size_t i = 0; i < a->nopts; i++)
			free(a->vals[i].v);
	free(a->vals);
	for (size_t i = 0; i < a->npool; i++)
		free((void *)a->pool[i]);
	free(a->pool);
	memset(a, 0, sizeof *a);
}

/* Keeps a normalised copy alive as long as a; NULL when out of memory. */
static const char *pool_keep(struct args *a, char *s)
{
	const char **p;

	if (!s)
		return NULL;
	p = realloc(a->pool, (a->npool + 1) * sizeof *p);
	if (!p) {
		free(s);
		return NULL;
	}
	a->pool = p;
	a->pool[a->npool++] = s;
	return s;
}

static bool store(struct args *a, const struct opt *o, const char *value)
{
	struct argvals *v = &a->vals[o - a->opts];
	const char **p;

	if (!(o->flags & OPT_MULTI) && v->n > 0) {
		v->v[0] = value; /* a repeated single option: the last one wins, as in getopt */
		return true;
	}
	p = realloc(v->v, (v->n + 1) * sizeof *p);
	if (!p)
		return false;
	v->v = p;
	v->v[v->n++] = value;
	return true;
}

/* --- value checks ------------------------------------------------------- */

bool args_parse_bool(const char *s, bool *out)
{
	static const char *const yes[] = { "sim", "s", "true", "1", "yes", NULL };
	/* strcasecmp folds ASCII only: "NÃO" is listed as spreadsheets write it */
	static const char *const no[] = { "nao", "não", "NÃO", "n", "false", "0", "no", NULL };

	for (int i = 0; yes[i]; i++)
		if (strcasecmp(s, yes[i]) == 0)
			return *out = true, true;
	for (int i = 0; no[i]; i++)
		if (strcasecmp(s, no[i]) == 0)
			return *out = false, true;
	return false;
}

static int days_in_month(int y, int m)
{
	static const int days[] = { 31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31 };
	bool leap = (y % 4 == 0 && y % 100 != 0) || y % 400 == 0;

	return m == 2 && leap ? 29 : days[m - 1];
}

static bool valid_date(int y, int m, int d)
{
	return y >= 1 && y <= 9999 && m >= 1 && m <= 12 && d >= 1 && d <= days_in_month(y, m);
}

/* Reads exactly width digits at *p (no sign, no blanks, unlike sscanf's %d). */
static bool digits(const char **p, int width, int *out)
{
	int v = 0;

	for (int i = 0; i < width; i++) {
		if (!isdigit((unsigned char)(*p)[i]))
			return false;
		v = v * 10 + ((*p)[i] - '0');
	}
	*p += width;
	*out = v;
	return true;
}

static bool expect(const char **p, char c)
{
	if (**p != c)
		return false;
	(*p)++;
	return true;
}

/* AAAA-MM-DD or the Brazilian DD/MM/AAAA, returned as AAAA-MM-DD. */
static char *norm_date(const char *s)
{
	const char *p = s;
	int y, m, d;
	char *out;

	if (!(digits(&p, 4, &y) && expect(&p, '-') && digits(&p, 2, &m) && expect(&p, '-') &&
	      digits(&p, 2, &d) && !*p)) {
		p = s;
		if (!(digits(&p, 2, &d) && expect(&p, '/') && digits(&p, 2, &m) && expect(&p, '/') &&
		      digits(&p, 4, &y) && !*p))
			return NULL;
	}
	if (!valid_date(y, m, d) || asprintf(&out, "%04d-%02d-%02d", y, m, d) < 0)
		return NULL;
	return out;
}

/* The zone of a dateTime: "Z", "+hh:mm", "-hhmm", "+hh"; false if malformed. */
static bool parse_zone(const char *p, char *zone, size_t size)
{
	int oh, om = 0;
	char sign = *p;

	if (p[0] == 'Z' && p[1] == '\0') {
		snprintf(zone, size, "Z");
		return true;
	}
	if (sign != '+' && sign != '-')
		return false;
	p++;
	if (!digits(&p, 2, &oh))
		return false;
	if (*p) {                      /* minutes, with or without the colon */
		(void)expect(&p, ':');
		if (!digits(&p, 2, &om))
			return false;
	}
	if (*p || oh > 14 || om > 59)
		return false;
	snprintf(zone, size, "%c%02d:%02d", sign, oh, om);
	return true;
}

/*
 * AAAA-MM-DD[T| ]HH:MM[:SS[.fff]][Z|+hh:mm|-hh:mm|+hhmm]. The server refuses a
 * dateTime without offset (a clock in another zone would shift it silently), but a
 * person typing a time means their own zone: the local offset for that instant is
 * added, so 2026-03-01 10:00 in America/Sao_Paulo is sent as ...T10:00:00-03:00.
 */
char *args_norm_datetime(const char *s)
{
	const char *p = s;
	int y, mo, d, h, mi, sec = 0;
	char frac[16] = "", zone[32];
	char *out;

	if (!(digits(&p, 4, &y) && expect(&p, '-') && digits(&p, 2, &mo) && expect(&p, '-') &&
	      digits(&p, 2, &d) && (expect(&p, 'T') || expect(&p, ' ')) && digits(&p, 2, &h) &&
	      expect(&p, ':') && digits(&p, 2, &mi)))
		return NULL;
	if (*p == ':') {
		p++;
		if (!digits(&p, 2, &sec))
			return NULL;
		if (*p == '.') {
			size_t f = strspn(p + 1, "0123456789");
			if (f == 0 || f >= sizeof frac - 1)
				return NULL;
			memcpy(frac, p, f + 1);
			frac[f + 1] = '\0';
			p += f + 1;
		}
	}
	if (!valid_date(y, mo, d) || h > 23 || mi > 59 || sec > 60)
		return NULL;
	if (*p == '\0') {
		struct tm tm = { .tm_year = y - 1900, .tm_mon = mo - 1, .tm_mday = d,
				 .tm_hour = h, .tm_min = mi, .tm_sec = sec, .tm_isdst = -1 };
		long off;
		if (mktime(&tm) == (time_t)-1)
			return NULL;
		off = tm.tm_gmtoff;
		snprintf(zone, sizeof zone, "%c%02ld:%02ld", off < 0 ? '-' : '+',
			 labs(off) / 3600 % 100, labs(off) / 60 % 60);
	} else if (!parse_zone(p, zone, sizeof zone)) {
		return NULL;
	}
	if (asprintf(&out, "%04d-%02d-%02dT%02d:%02d:%02d%s%s", y, mo, d, h, mi, sec, frac, zone) < 0)
		return NULL;
	return out;
}

static bool parse_long(const char *s, long long min, long long max, long long *out)
{
	char *end;
	long long v;

	errno = 0;
	v = strtoll(s, &end, 10);
	if (errno || end == s || *end != '\0' || isspace((unsigned char)*s) || v < min || v > max)
		return false;
	*out = v;
	return true;
}

/* Checks value for o; returns the value to keep (maybe normalised) or NULL. */
static const char *check_value(struct args *a, const struct opt *o, const char *v, const char **why)
{
	long long n;
	bool b;

	switch (o->kind) {
	case OPT_FLAG:
	case OPT_TEXT:
		return v;
	case OPT_INT:
		*why = "número inteiro esperado";
		return parse_long(v, INT_MIN, INT_MAX, &n) ? v : NULL;
	case OPT_ID:
		*why = "identificador numérico positivo esperado";
		return parse_long(v, 1, INT64_MAX, &n) ? v : NULL;
	case OPT_BOOL:
		*why = "use sim ou nao";
		return args_parse_bool(v, &b) ? (b ? "sim" : "nao") : NULL;
	case OPT_CHOICE:
		*why = "valor fora da lista";
		for (size_t i = 0; o->choices && o->choices[i]; i++)
			if (strcasecmp(v, o->choices[i]) == 0)
				return o->choices[i];
		return NULL;
	case OPT_DATETIME:
		*why = "use AAAA-MM-DDTHH:MM[:SS][-03:00] (sem fuso, vale o fuso local)";
		return pool_keep(a, args_norm_datetime(v));
	case OPT_DATE:
		*why = "use AAAA-MM-DD ou DD/MM/AAAA";
		return pool_keep(a, norm_date(v));
	}
	return NULL;
}

static void print_choices(const struct opt *o, FILE *f)
{
	for (size_t i = 0; o->choices && o->choices[i]; i++)
		fprintf(f, "%s%s", i ? "|" : "", o->choices[i]);
}

__attribute__((format(printf, 2, 3))) static int usage_error(const char *ctx, const char *fmt, ...)
{
	va_list ap;

	fprintf(stderr, "wsatend: %s%s", ctx, *ctx ? ": " : "");
	va_start(ap, fmt);
	vfprintf(stderr, fmt, ap);
	va_end(ap);
	fprintf(stderr, "\n(veja: wsatend %s%s--help)\n", ctx, *ctx ? " " : "");
	return -1;
}

int args_parse(struct args *a, struct args *fallback, int argc, char **argv,
	       bool stop_at_word, const char *positional_name, const char *ctx)
{
	int i;

	for (i = 0; i < argc; i++) {
		const char *arg = argv[i];
		const struct opt *o = NULL;
		struct args *into = a;
		const char *value = NULL, *checked, *why = "";

		if (strcmp(arg, "--") == 0) {
			i++;
			break;
		}
		if (arg[0] != '-' || arg[1] == '\0') {
			if (stop_at_word)
				return i;
			if (!positional_name || a->positional)
				return usage_error(ctx, "argumento inesperado: %s", arg);
			a->positional = arg;
			continue;
		}
		if (strcmp(arg, "-h") == 0 || strcmp(arg, "--help") == 0) {
			a->help = true;
			continue;
		}
		if (arg[1] != '-') {
			/* Short options are flags only and may be bundled: -vv. */
			for (const char *c = arg + 1; *c; c++) {
				if (*c == 'h') {
					a->help = true;
					continue;
				}
				into = a;
				o = find_short(a, *c);
				if (!o && fallback && (o = find_short(fallback, *c)))
					into = fallback;
				if (!o)
					return usage_error(ctx, "opção desconhecida: %s", arg);
				if (!store(into, o, "1"))
					return usage_error(ctx, "sem memória em %s", arg);
			}
			continue;
		}
		{
			const char *name = arg + 2, *eq = strchr(name, '=');
			size_t len = eq ? (size_t)(eq - name) : strlen(name);

			o = find_long(a, name, len);
			if (!o && fallback && (o = find_long(fallback, name, len)))
				into = fallback;
			if (!o)
				return usage_error(ctx, "opção desconhecida: %s", arg);
			if (o->kind == OPT_FLAG) {
				if (eq)
					return usage_error(ctx, "a opção --%s não leva valor", o->name);
				value = "1";
			} else if (eq) {
				value = eq + 1;
			} else if (i + 1 < argc) {
				value = argv[++i];
			} else {
				return usage_error(ctx, "a opção --%s precisa de um valor", o->name);
			}
		}
		checked = check_value(into, o, value, &why);
		if (!checked) {
			fprintf(stderr, "wsatend: %s%svalor inválido para --%s: '%s' (%s",
				ctx, *ctx ? ": " : "", o->name, value, why);
			if (o->kind == OPT_CHOICE) {
				fputs(": ", stderr);
				print_choices(o, stderr);
			}
			fputs(")\n", stderr);
			return -1;
		}
		if (!store(into, o, checked))
			return usage_error(ctx, "sem memória em --%s", o->name);
	}
	/* After "--" only positional words remain. */
	for (; i < argc; i++) {
		if (stop_at_word)
			return i;
		if (!positional_name || a->positional)
			return usage_error(ctx, "argumento inesperado: %s", argv[i]);
		a->positional = argv[i];
	}
	return argc;
}

void args_print_help(const struct opt *opts, FILE *f)
{
	int width = 0;

	for (const struct opt *o = opts; o && o->name; o++) {
		int w = (int)strlen(o->name) + 2 + (o->arg ? (int)strlen(o->arg) + 1 : 0) +
			(o->short_name ? 4 : 0);
		if (w > width && w <= 34)
			width = w;
	}
	for (const struct opt *o = opts; o && o->name; o++) {
		char head[96];

		snprintf(head, sizeof head, "%s%c%s--%s%s%s", o->short_name ? "-" : "",
			 o->short_name ? o->short_name : ' ', o->short_name ? ", " : "",
			 o->name, o->arg ? " " : "", o->arg ? o->arg : "");
		fprintf(f, "  %-*s  %s", width, o->short_name ? head : head + 1, o->help);
		if (o->kind == OPT_CHOICE) {
			fputs(" (", f);
			print_choices(o, f);
			fputc(')', f);
		}
		if (o->flags & OPT_MULTI)
			fputs(" [repetível]", f);
		fputc('\n', f);
	}
}

/* --- accessors ----------------------------------------------------------- */

bool args_flag(const struct args *a, const char *name)
{
	return a->vals[index_of(a, name)].n > 0;
}

const char *args_value(const struct args *a, const char *name)
{
	const struct argvals *v = &a->vals[index_of(a, name)];

	return v->n ? v->v[v->n - 1] : NULL;
}

size_t args_count(const struct args *a, const char *name)
{
	return a->vals[index_of(a, name)].n;
}

const char *args_nth(const struct args *a, const char *name, size_t i)
{
	const struct argvals *v = &a->vals[index_of(a, name)];

	return i < v->n ? v->v[i] : NULL;
}

char *args_text(struct soap *soap, const struct args *a, const char *name)
{
	const char *v = args_value(a, name);

	return v ? soap_strdup(soap, v) : NULL;
}

int *args_int(struct soap *soap, const struct args *a, const char *name)
{
	const char *v = args_value(a, name);
	int *p;

	if (!v || !(p = soap_new_int(soap, 1)))
		return NULL;
	*p = (int)strtol(v, NULL, 10); /* range checked when parsed */
	return p;
}

LONG64 *args_id(struct soap *soap, const struct args *a, const char *name)
{
	const char *v = args_value(a, name);
	LONG64 *p;

	if (!v || !(p = soap_new_LONG64(soap, 1)))
		return NULL;
	*p = strtoll(v, NULL, 10);
	return p;
}

enum xsd__boolean *args_bool(struct soap *soap, const struct args *a, const char *name)
{
	const char *v = args_value(a, name);
	enum xsd__boolean *p;
	bool b = false;

	if (!v || !(p = soap_new_xsd__boolean(soap, 1)))
		return NULL;
	(void)args_parse_bool(v, &b);
	*p = b ? xsd__boolean__true_ : xsd__boolean__false_;
	return p;
}

struct ws__Paginacao *args_paging(struct soap *soap, const struct args *a)
{
	struct ws__Paginacao *p;

	if (!args_value(a, "max-itens") && !args_value(a, "cursor"))
		return NULL;
	p = soap_new_ws__Paginacao(soap, 1);
	if (p) {
		p->MaxItens = args_int(soap, a, "max-itens");
		p->Cursor = args_text(soap, a, "cursor");
	}
	return p;
}

void args_enum_mismatch(const char *name, const char *value)
{
	fprintf(stderr, "wsatend: erro interno: --%s %s não existe no contrato gerado\n", name, value);
	abort();
}
