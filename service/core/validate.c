/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * validate.c - checks and normalisations of the values that cross the SOAP edge.
 *
 * The one rule: read the arguments, write the caller's buffers, nothing else.
 * Character classes are spelled out for ASCII instead of using <ctype.h>, whose
 * answers depend on the process locale and which is undefined for negative chars.
 * Every scan is bounded by the trimmed length of the input, never by a guess.
 */
#include "validate.h"

#include <string.h>

/* ---- ASCII helpers -------------------------------------------------------- */

static bool is_digit(char c) { return c >= '0' && c <= '9'; }
static bool is_upper(char c) { return c >= 'A' && c <= 'Z'; }
static bool is_lower(char c) { return c >= 'a' && c <= 'z'; }
static bool is_alpha(char c) { return is_upper(c) || is_lower(c); }
static bool is_alnum(char c) { return is_digit(c) || is_alpha(c); }
static bool is_space(char c) { return c == ' ' || c == '\t' || c == '\r' || c == '\n'; }
static char to_upper(char c) { return is_lower(c) ? (char)(c - 'a' + 'A') : c; }
static char to_lower(char c) { return is_upper(c) ? (char)(c - 'A' + 'a') : c; }

/* Forms and SOAP clients pad values; XSD whitespace="collapse" allows it too. */
static size_t trim(const char **s)
{
	const char *p = *s;
	size_t n = strlen(p);

	while (n > 0 && is_space(*p))
		p++, n--;
	while (n > 0 && is_space(p[n - 1]))
		n--;
	*s = p;
	return n;
}

/* A rejected value must not survive in the caller's buffer. */
static bool fail(char *out)
{
	if (out)
		out[0] = '\0';
	return false;
}

static bool all_digits(const char *s)
{
	for (; *s; s++)
		if (!is_digit(*s))
			return false;
	return true;
}

static bool all_same(const char *s)
{
	for (const char *p = s; *p; p++)
		if (*p != *s)
			return false;
	return true;
}

/* Copy s[0..n) to out, upper-cased, following tmpl: '#' takes one alphanumeric
 * character; any other template character may appear in the input at exactly its
 * own place, or be missing. So both "529.982.247-25" and "52998224725" pass, and
 * "5299.82247-25" does not. out needs one byte per '#' plus the NUL. */
static bool unmask(const char *s, size_t n, const char *tmpl, char *out)
{
	size_t i = 0, o = 0;

	for (; *tmpl; tmpl++) {
		if (*tmpl == '#') {
			if (i == n || !is_alnum(s[i]))
				return false;
			out[o++] = to_upper(s[i++]);
		} else if (i < n && s[i] == *tmpl) {
			i++;
		}
	}
	out[o] = '\0';
	return i == n;
}

/* ---- UTF-8 ---------------------------------------------------------------- */

/* Unicode Table 3-7 "Well-Formed UTF-8 Byte Sequences", row by row: the lead byte
 * range, how many continuation bytes follow, and the allowed range of the first
 * of them (the later ones are always 80..BF). The narrowed second-byte ranges are
 * what exclude overlongs (E0, F0), surrogates (ED) and values above U+10FFFF (F4);
 * lead bytes C0, C1 and F5..FF appear in no row. */
static const struct utf8_row {
	unsigned char lead_lo, lead_hi, more, lo, hi;
} utf8_rows[] = {
	{ 0xC2, 0xDF, 1, 0x80, 0xBF },
	{ 0xE0, 0xE0, 2, 0xA0, 0xBF },
	{ 0xE1, 0xEC, 2, 0x80, 0xBF },
	{ 0xED, 0xED, 2, 0x80, 0x9F },
	{ 0xEE, 0xEF, 2, 0x80, 0xBF },
	{ 0xF0, 0xF0, 3, 0x90, 0xBF },
	{ 0xF1, 0xF3, 3, 0x80, 0xBF },
	{ 0xF4, 0xF4, 3, 0x80, 0x8F },
};

bool utf8_valid(const char *s, size_t len)
{
	const unsigned char *p = (const unsigned char *)s, *end;

	if (!s)
		return false;
	for (end = p + len; p < end;) {
		unsigned char c = *p++;
		const struct utf8_row *row = NULL;

		if (c < 0x80)
			continue;
		for (size_t r = 0; r < sizeof utf8_rows / sizeof utf8_rows[0] && !row; r++)
			if (c >= utf8_rows[r].lead_lo && c <= utf8_rows[r].lead_hi)
				row = &utf8_rows[r];
		if (!row || (size_t)(end - p) < row->more || p[0] < row->lo || p[0] > row->hi)
			return false;
		for (size_t k = 1; k < row->more; k++)
			if (p[k] < 0x80 || p[k] > 0xBF)
				return false;
		p += row->more;
	}
	return true;
}

size_t utf8_chars(const char *s)
{
	size_t n = 0;

	if (!s)
		return 0;
	for (; *s; s++)
		if (((unsigned char)*s & 0xC0) != 0x80) /* not a continuation byte */
			n++;
	return n;
}

/* ---- CPF / CNPJ ----------------------------------------------------------- */

/* The mod-11 check digit both ids share: 0 if sum % 11 < 2, else 11 - sum % 11
 * (for CPF this equals the usual "(sum * 10) % 11, 10 -> 0"). A character's value
 * is its ASCII code - 48: the digit for 0-9, and A = 17 ... Z = 42 for the
 * alphanumeric CNPJ, as the Receita Federal defines it. */
static char mod11_digit(const char *s, const unsigned char *w, size_t n)
{
	unsigned sum = 0, r;

	for (size_t i = 0; i < n; i++)
		sum += (unsigned)(s[i] - '0') * w[i];
	r = sum % 11;
	return (char)('0' + (r < 2 ? 0 : 11 - r));
}

bool cpf_normalize(const char *in, char out[12])
{
	/* First digit: weights 10..2 over 9 digits; second: 11..2 over 10. */
	static const unsigned char w[] = { 11, 10, 9, 8, 7, 6, 5, 4, 3, 2 };
	size_t n;

	if (!in || !out)
		return fail(out);
	n = trim(&in);
	if (!unmask(in, n, "###.###.###-##", out) || !all_digits(out))
		return fail(out);
	/* 000.000.000-00, 111.111.111-11, ... pass the check digits but were never
	 * issued; they are what people type to get past a form. */
	if (all_same(out))
		return fail(out);
	if (mod11_digit(out, w + 1, 9) != out[9] || mod11_digit(out, w, 10) != out[10])
		return fail(out);
	return true;
}

bool cnpj_normalize(const char *in, char out[15])
{
	/* First digit: 5,4,3,2,9..2 over 12 characters; second: 6,5,4,3,2,9..2 over 13. */
	static const unsigned char w[] = { 6, 5, 4, 3, 2, 9, 8, 7, 6, 5, 4, 3, 2 };
	size_t n;

	if (!in || !out)
		return fail(out);
	n = trim(&in);
	if (!unmask(in, n, "##.###.###/####-##", out) || !all_digits(out + 12))
		return fail(out);
	if (strcmp(out, "00000000000000") == 0) /* passes the check digits */
		return fail(out);
	if (mod11_digit(out, w + 1, 12) != out[12] || mod11_digit(out, w, 13) != out[13])
		return fail(out);
	return true;
}

/* ---- Plates --------------------------------------------------------------- */

/* Old LLLNNNN and Mercosul LLLNLNN differ only in the 5th character. Scans stop
 * at the first mismatch, so a short string is never read past its NUL. */
static enum plate_form plate_form_of(const char *p)
{
	if (!is_upper(p[0]) || !is_upper(p[1]) || !is_upper(p[2]) || !is_digit(p[3]))
		return PLATE_INVALID;
	if (!(is_digit(p[4]) || is_upper(p[4])) || !is_digit(p[5]) || !is_digit(p[6]))
		return PLATE_INVALID;
	return is_digit(p[4]) ? PLATE_OLD : PLATE_MERCOSUL;
}

enum plate_form plate_normalize(const char *in, char out[8])
{
	enum plate_form form;
	size_t n, i, o = 0;
	bool sep;

	if (!in || !out) {
		fail(out);
		return PLATE_INVALID;
	}
	n = trim(&in);
	sep = n == 8 && (in[3] == '-' || in[3] == ' '); /* "ABC-1234", "ABC 1234" */
	if (n != 7 && !sep) {
		fail(out);
		return PLATE_INVALID;
	}
	for (i = 0; i < n; i++)
		if (!(sep && i == 3))
			out[o++] = to_upper(in[i]);
	out[7] = '\0';
	form = plate_form_of(out);
	if (form == PLATE_INVALID)
		fail(out);
	return form;
}

void plate_search_key(const char normalized[8], char key[8])
{
	if (!key)
		return;
	if (!normalized || plate_form_of(normalized) == PLATE_INVALID || normalized[7] != '\0') {
		key[0] = '\0';
		return;
	}
	memcpy(key, normalized, 8);
	if (is_digit(key[4])) /* the conversion rule: 0..9 -> A..J */
		key[4] = (char)('A' + (key[4] - '0'));
}

/* ---- VIN ------------------------------------------------------------------ */

/* ISO 3779 transliteration for A..Z; '.' marks I, O and Q, which a VIN never uses
 * because they look like 1 and 0. Returns -1 outside the VIN alphabet. */
static int vin_value(char c)
{
	static const char letters[] = "12345678.12345.7.923456789";

	if (is_digit(c))
		return c - '0';
	if (!is_upper(c) || letters[c - 'A'] == '.')
		return -1;
	return letters[c - 'A'] - '0';
}

/* Upper-case s[0..n) into out when every character is in the VIN alphabet. */
static bool vin_copy(const char *s, size_t n, char *out)
{
	for (size_t i = 0; i < n; i++) {
		out[i] = to_upper(s[i]);
		if (vin_value(out[i]) < 0)
			return false;
	}
	out[n] = '\0';
	return true;
}

enum vin_check vin_normalize(const char *in, char out[18])
{
	static const unsigned char w[17] = { 8, 7, 6, 5, 4, 3, 2, 10, 0, 9, 8, 7, 6, 5, 4, 3, 2 };
	unsigned sum = 0;
	size_t n;

	if (!in || !out || (n = trim(&in)) != 17 || !vin_copy(in, n, out)) {
		fail(out);
		return VIN_INVALID;
	}
	for (size_t i = 0; i < 17; i++)
		sum += (unsigned)vin_value(out[i]) * w[i];
	sum %= 11;
	return out[8] == (sum == 10 ? 'X' : (char)('0' + sum)) ? VIN_OK : VIN_CHECK_DIGIT_MISMATCH;
}

bool vin_suffix_valid(const char *in, char out[7])
{
	size_t n;

	if (!in || !out)
		return fail(out);
	n = trim(&in);
	if (n != 6 || !vin_copy(in, n, out))
		return fail(out);
	return true;
}

/* ---- Phone ---------------------------------------------------------------- */

bool phone_normalize(const char *in, char out[16])
{
	char d[14]; /* at most 55 + DDD + 9 digits */
	size_t n, i, nd = 0;
	bool plus = false;
	const char *sub;

	if (!in || !out)
		return fail(out);
	n = trim(&in);
	for (i = 0; i < n; i++) {
		if (is_digit(in[i])) {
			if (nd == 13)
				return fail(out);
			d[nd++] = in[i];
		} else if (in[i] == '+' && i == 0) {
			plus = true;
		} else if (in[i] == '\0' || !strchr(" ()-.", in[i])) { /* strchr finds NUL too */
			return fail(out);
		}
	}
	/* The length alone tells whether the country code is there: national numbers
	 * have 10 or 11 digits, so "55" in front of 10 or 11 more can only be Brazil's
	 * code, even when the DDD is itself 55 (Santa Maria, RS). */
	sub = d;
	if (nd >= 12 && d[0] == '5' && d[1] == '5')
		sub += 2, nd -= 2;
	else if (plus)
		return fail(out);
	if (nd != 10 && nd != 11)
		return fail(out);
	if (sub[0] == '0' || (sub[0] == '1' && sub[1] == '0')) /* DDD 11..99 */
		return fail(out);
	if (nd == 10 ? !(sub[2] >= '2' && sub[2] <= '5') : sub[2] != '9')
		return fail(out);
	memcpy(out, "+55", 3);
	memcpy(out + 3, sub, nd);
	out[3 + nd] = '\0';
	return true;
}

/* ---- E-mail --------------------------------------------------------------- */

/* RFC 5322 atext: letters, digits and these. */
static bool is_atext(char c)
{
	return is_alnum(c) || (c != '\0' && strchr("!#$%&'*+-/=?^_`{|}~", c));
}

static bool email_local_ok(const char *s, size_t n)
{
	if (n < 1 || n > 64 || s[0] == '.' || s[n - 1] == '.')
		return false;
	for (size_t i = 0; i < n; i++) {
		if (s[i] == '.' ? s[i - 1] == '.' : !is_atext(s[i])) /* s[0] is no dot */
			return false;
	}
	return true;
}

static bool email_domain_ok(const char *s, size_t n)
{
	size_t start = 0, last = 0, labels = 0;

	for (size_t i = 0; i <= n; i++) {
		if (i < n && s[i] != '.') {
			if (!is_alnum(s[i]) && s[i] != '-')
				return false;
			continue;
		}
		/* a label ends at s[i] */
		if (i == start || i - start > 63 || s[start] == '-' || s[i - 1] == '-')
			return false;
		labels++;
		last = start;
		start = i + 1;
	}
	if (labels < 2 || n - last < 2)
		return false;
	for (size_t i = last; i < n; i++)
		if (!is_alpha(s[i]))
			return false;
	return true;
}

bool email_normalize(const char *in, char out[255])
{
	const char *at;
	size_t n, ln;

	if (!in || !out)
		return fail(out);
	n = trim(&in);
	if (n == 0 || n > 254 || !(at = memchr(in, '@', n)))
		return fail(out);
	ln = (size_t)(at - in);
	if (memchr(at + 1, '@', n - ln - 1))
		return fail(out);
	if (!email_local_ok(in, ln) || !email_domain_ok(at + 1, n - ln - 1))
		return fail(out);
	memcpy(out, in, ln + 1);
	for (size_t i = ln + 1; i < n; i++)
		out[i] = to_lower(in[i]);
	out[n] = '\0';
	return true;
}

/* ---- CEP ------------------------------------------------------------------ */

bool cep_normalize(const char *in, char out[9])
{
	size_t n;

	if (!in || !out)
		return fail(out);
	n = trim(&in);
	if (!unmask(in, n, "#####-###", out) || !all_digits(out) || strcmp(out, "00000000") == 0)
		return fail(out);
	return true;
}

/* ---- Dates and times ------------------------------------------------------ */

/* Fixed layout check: 'd' is a digit, any other character is itself. It runs
 * before any field is read, so the fixed offsets below are always inside s. */
static bool layout(const char *s, size_t n, const char *pat)
{
	size_t k = strlen(pat);

	if (n < k)
		return false;
	for (size_t i = 0; i < k; i++)
		if (pat[i] == 'd' ? !is_digit(s[i]) : s[i] != pat[i])
			return false;
	return true;
}

static int num(const char *s, int width)
{
	int v = 0;

	for (int i = 0; i < width; i++)
		v = v * 10 + (s[i] - '0');
	return v;
}

/* Gregorian calendar; before 1900 is not a date a dealership deals in (and years
 * of other widths are rejected by the layout anyway). */
static bool date_ok(int y, int m, int d)
{
	static const unsigned char mdays[12] = { 31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31 };
	bool leap = (y % 4 == 0 && y % 100 != 0) || y % 400 == 0;

	if (y < 1900 || y > 9999 || m < 1 || m > 12 || d < 1)
		return false;
	return d <= mdays[m - 1] + (m == 2 && leap);
}

/* Days from 1970-01-01 to y-m-d (proleptic Gregorian), after H. Hinnant's
 * days_from_civil: counting from March puts the leap day at the end of the year. */
static int64_t days_from_civil(int y, int m, int d)
{
	int era, yoe, doy, doe;

	y -= m <= 2;
	era = y / 400; /* y >= 1899 here, so no negative division */
	yoe = y - era * 400;
	doy = (153 * (m > 2 ? m - 3 : m + 9) + 2) / 5 + d - 1;
	doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
	return (int64_t)era * 146097 + doe - 719468;
}

bool datetime_parse(const char *in, int64_t *epoch, int32_t *usec)
{
	int y, mo, d, h, mi, s, off = 0;
	int32_t us = 0;
	size_t n, i = 19;

	if (!in || !epoch || !usec)
		return false;
	n = trim(&in);
	if (!layout(in, n, "dddd-dd-ddTdd:dd:dd"))
		return false;
	y = num(in, 4), mo = num(in + 5, 2), d = num(in + 8, 2);
	h = num(in + 11, 2), mi = num(in + 14, 2), s = num(in + 17, 2);
	if (!date_ok(y, mo, d) || h > 23 || mi > 59 || s > 59)
		return false;
	if (i < n && in[i] == '.') {
		size_t k = 0;

		for (i++; i < n && is_digit(in[i]); i++, k++)
			if (k < 6)
				us = us * 10 + (in[i] - '0');
		if (k == 0 || k > 6) /* more digits than we can keep: say so */
			return false;
		for (; k < 6; k++)
			us *= 10;
	}
	if (i < n && in[i] == 'Z') {
		i++;
	} else if (i < n && (in[i] == '+' || in[i] == '-') && layout(in + i + 1, n - i - 1, "dd:dd")) {
		int oh = num(in + i + 1, 2), om = num(in + i + 4, 2);

		if (om > 59 || oh * 60 + om > 14 * 60)
			return false;
		off = (in[i] == '-' ? -1 : 1) * (oh * 3600 + om * 60);
		i += 6;
	} else {
		return false; /* no offset: ambiguous */
	}
	if (i != n)
		return false;
	*epoch = days_from_civil(y, mo, d) * 86400 + (int64_t)(h * 3600 + mi * 60 + s - off);
	*usec = us;
	return true;
}

bool date_parse(const char *in, int *year, int *month, int *day)
{
	int y, m, d;
	size_t n;

	if (!in || !year || !month || !day)
		return false;
	n = trim(&in);
	if (n != 10 || !layout(in, n, "dddd-dd-dd"))
		return false;
	y = num(in, 4), m = num(in + 5, 2), d = num(in + 8, 2);
	if (!date_ok(y, m, d))
		return false;
	*year = y, *month = m, *day = d;
	return true;
}

/* ---- Agenda --------------------------------------------------------------- */

enum agenda_class agenda_classify(int64_t due, int64_t now, int64_t tomorrow_start)
{
	if (due < now)
		return AGENDA_PENDENTE;
	return due < tomorrow_start ? AGENDA_HOJE : AGENDA_FUTURO;
}

const char *agenda_class_name(enum agenda_class c)
{
	static const char *const names[] = {
		[AGENDA_PENDENTE] = "PENDENTE",
		[AGENDA_HOJE] = "HOJE",
		[AGENDA_FUTURO] = "FUTURO",
	};

	return (unsigned)c < sizeof names / sizeof names[0] ? names[c] : NULL;
}
