/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * validate_test.c - unit tests for service/core/validate.c.
 *
 * Tests are tables of (input, expected output) rows; a row is rendered as
 * "fn(input) -> output" on both sides of the comparison, so a failure names the
 * row that broke. Output buffers are malloc'ed at exactly their declared size, so
 * ASan catches any write past them. Known vectors come from /work/shared/CATALOG.md
 * ("Reference vectors"); epoch values were computed with `date -u -d ... +%s` and
 * tomorrow_start instants with `TZ=America/... date -d ... +%s`.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <cmocka.h>

#include "core/validate.h"

#define N_ELEMS(a) (sizeof(a) / sizeof((a)[0]))
#define BIG (1u << 20) /* 1 MiB hostile inputs */

/* ---- table runners -------------------------------------------------------- */

struct row {
	const char *in;
	const char *want; /* NULL: must be rejected */
};

typedef bool (*norm_fn)(const char *, char *);

/* "fn(input) -> output"; a rejected value must leave "" behind in the buffer. */
static void render(char *buf, size_t size, const char *fn, const char *in, bool ok, const char *out)
{
	snprintf(buf, size, "%s(%.80s) -> %s", fn, in ? in : "NULL",
		 ok ? out : out[0] ? "INVALID but buffer not cleared" : "INVALID");
}

static void check_norm(const char *name, norm_fn fn, size_t outsize, const char *in, const char *want)
{
	char got[256], exp[256];
	char *out = malloc(outsize);
	bool ok;

	assert_non_null(out);
	memset(out, 'x', outsize);
	ok = fn(in, out);
	render(got, sizeof got, name, in, ok, out);
	render(exp, sizeof exp, name, in, want != NULL, want ? want : "");
	free(out);
	assert_string_equal(got, exp);
}

static void run_rows(const char *name, norm_fn fn, size_t outsize, const struct row *rows, size_t n)
{
	for (size_t i = 0; i < n; i++)
		check_norm(name, fn, outsize, rows[i].in, rows[i].want);
}

#define RUN(fn, size, rows) run_rows(#fn, fn, size, rows, N_ELEMS(rows))

/* "pad" spaces, the value, "pad" spaces: trimming must cope with any length. */
static char *padded(const char *value, size_t pad)
{
	size_t n = strlen(value);
	char *s = malloc(2 * pad + n + 1);

	assert_non_null(s);
	memset(s, ' ', pad);
	memcpy(s + pad, value, n);
	memset(s + pad + n, ' ', pad);
	s[2 * pad + n] = '\0';
	return s;
}

static char *repeated(char c, size_t n)
{
	char *s = malloc(n + 1);

	assert_non_null(s);
	memset(s, c, n);
	s[n] = '\0';
	return s;
}

/* The string functions, for the hostile-input sweeps. */
static bool plate_ok(const char *in, char *out) { return plate_normalize(in, out) != PLATE_INVALID; }
static bool vin_ok(const char *in, char *out) { return vin_normalize(in, out) != VIN_INVALID; }

static const struct {
	const char *name;
	norm_fn fn;
	size_t outsize;
	const char *valid;   /* one accepted value */
	const char *tail_ok; /* characters that may follow it and keep it valid */
} all_norms[] = {
	{ "cpf", cpf_normalize, 12, "529.982.247-25", " \t\r\n" },
	{ "cnpj", cnpj_normalize, 15, "12.ABC.345/01DE-35", " \t\r\n" },
	{ "plate", plate_ok, 8, "ABC-1234", " \t\r\n" },
	{ "vin", vin_ok, 18, "1M8GDM9AXKP042788", " \t\r\n" },
	{ "vin_suffix", vin_suffix_valid, 7, "042788", " \t\r\n" },
	{ "phone", phone_normalize, 16, "+55 11 98765-4321", " \t\r\n().-" },
	{ "email", email_normalize, 255, "joao@example.com.br",
	  " \t\r\nABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz" },
	{ "cep", cep_normalize, 9, "01310-100", " \t\r\n" },
};

/* ---- UTF-8 ---------------------------------------------------------------- */

struct bytes {
	const char *s;
	size_t len;
	bool valid;
};

#define B(lit, ok) { lit, sizeof(lit) - 1, ok }

static const struct bytes utf8_rows[] = {
	B("", true),
	B("plain ASCII", true),
	B("a\0b", true), /* U+0000 is well-formed */
	B("\x7f", true),
	B("\xc2\x80", true),             /* U+0080 */
	B("\xdf\xbf", true),             /* U+07FF */
	B("\xe0\xa0\x80", true),         /* U+0800 */
	B("\xed\x9f\xbf", true),         /* U+D7FF, just below the surrogates */
	B("\xee\x80\x80", true),         /* U+E000, just above them */
	B("\xef\xbf\xbf", true),         /* U+FFFF */
	B("\xef\xbb\xbf", true),         /* BOM */
	B("\xf0\x90\x80\x80", true),     /* U+10000 */
	B("\xf4\x8f\xbf\xbf", true),     /* U+10FFFF */
	B("Jo\xc3\xa3o Concei\xc3\xa7\xc3\xa3o", true),
	B("\xe2\x82\xac 10,00", true),
	B("\xf0\x9f\x9a\x97", true),     /* car emoji */
	B("\x80", false),                /* lone continuation */
	B("\xbf", false),
	B("\xc0\x80", false),            /* overlong NUL */
	B("\xc0\xaf", false),            /* overlong '/' */
	B("\xc1\xbf", false),
	B("\xe0\x80\x80", false),        /* overlong, 3 bytes */
	B("\xe0\x9f\xbf", false),        /* overlong U+07FF */
	B("\xf0\x80\x80\x80", false),    /* overlong, 4 bytes */
	B("\xf0\x8f\xbf\xbf", false),    /* overlong U+FFFF */
	B("\xed\xa0\x80", false),        /* U+D800 */
	B("\xed\xbf\xbf", false),        /* U+DFFF */
	B("\xed\xa0\xbd\xed\xb2\xa9", false), /* CESU-8 surrogate pair */
	B("\xf4\x90\x80\x80", false),    /* U+110000 */
	B("\xf5\x80\x80\x80", false),
	B("\xf7\xbf\xbf\xbf", false),
	B("\xf8\x88\x80\x80\x80", false), /* 5-byte form */
	B("\xfc\x84\x80\x80\x80\x80", false),
	B("\xfe", false),
	B("\xff", false),
	B("\xc3", false),                /* truncated at end */
	B("\xe2\x82", false),
	B("\xf0\x9f\x9a", false),
	B("\xc3(", false),               /* bad continuation */
	B("\xe2\x28\xa1", false),
	B("\xe2\x82\x28", false),
	B("\xf0\x28\x8c\xbc", false),
	B("\xf0\x90\x28\xbc", false),
	B("\xf0\x90\x8c\x28", false),
	B("ok \xc3\xa7 then \xff", false),
	B("\xc3\xa7\xc3", false),
};

static void test_utf8_vectors(void **state)
{
	(void)state;
	for (size_t i = 0; i < N_ELEMS(utf8_rows); i++) {
		char got[64], exp[64];

		snprintf(got, sizeof got, "row %zu: %d", i, utf8_valid(utf8_rows[i].s, utf8_rows[i].len));
		snprintf(exp, sizeof exp, "row %zu: %d", i, utf8_rows[i].valid);
		assert_string_equal(got, exp);
	}
}

static void test_utf8_len_bounds(void **state)
{
	(void)state;
	assert_false(utf8_valid(NULL, 0));
	assert_false(utf8_valid(NULL, 5));
	assert_true(utf8_valid("\xc3\xa9", 2));
	assert_false(utf8_valid("\xc3\xa9", 1));  /* len cuts the sequence */
	assert_true(utf8_valid("\xff", 0));       /* nothing is read */
	assert_true(utf8_valid("abc\xff", 3));    /* nothing past len is read */
	assert_false(utf8_valid("\xf0\x9f\x9a\x97", 3));
}

/* An independent decoder: shift the bits out, then apply the three rules on the
 * code point (shortest form, no surrogate, <= U+10FFFF) instead of byte ranges. */
static bool ref_utf8_valid(const unsigned char *s, size_t len)
{
	static const uint32_t min_cp[] = { 0, 0, 0x80, 0x800, 0x10000 };

	for (size_t i = 0; i < len;) {
		unsigned c = s[i];
		size_t n;
		uint32_t cp;

		if (c < 0x80)
			n = 1, cp = c;
		else if ((c & 0xE0) == 0xC0)
			n = 2, cp = c & 0x1F;
		else if ((c & 0xF0) == 0xE0)
			n = 3, cp = c & 0x0F;
		else if ((c & 0xF8) == 0xF0)
			n = 4, cp = c & 0x07;
		else
			return false;
		if (len - i < n)
			return false;
		for (size_t k = 1; k < n; k++) {
			if ((s[i + k] & 0xC0) != 0x80)
				return false;
			cp = cp << 6 | (s[i + k] & 0x3Fu);
		}
		if (cp < min_cp[n] || (cp >= 0xD800 && cp <= 0xDFFF) || cp > 0x10FFFF)
			return false;
		i += n;
	}
	return true;
}

static void expect_same_as_ref(const unsigned char *b, size_t len)
{
	if (utf8_valid((const char *)b, len) != ref_utf8_valid(b, len)) {
		char msg[64];

		snprintf(msg, sizeof msg, "len %zu: %02x %02x %02x %02x", len, b[0], b[1], b[2], b[3]);
		fail_msg("utf8_valid disagrees with the reference on %s", msg);
	}
}

/* Every 1-, 2- and 3-byte string, and every 4-byte string whose lead byte is
 * F0..FF (with the 3rd and 4th bytes from the boundary values). */
static void test_utf8_exhaustive(void **state)
{
	static const unsigned char edge[] = { 0x00, 0x7F, 0x80, 0x8F, 0x90, 0x9F, 0xA0, 0xBF, 0xC0, 0xFF };
	unsigned char b[4] = { 0 };

	(void)state;
	for (unsigned x = 0; x < 256; x++) {
		b[0] = (unsigned char)x;
		expect_same_as_ref(b, 1);
		for (unsigned y = 0; y < 256; y++) {
			b[1] = (unsigned char)y;
			expect_same_as_ref(b, 2);
			if (x < 0xC0)
				continue; /* 3-byte strings with an ASCII or continuation lead add nothing */
			for (unsigned z = 0; z < 256; z++) {
				b[2] = (unsigned char)z;
				expect_same_as_ref(b, 3);
				if (x < 0xF0)
					continue;
				for (size_t w = 0; w < N_ELEMS(edge); w++) {
					b[3] = edge[w];
					expect_same_as_ref(b, 4);
				}
			}
		}
	}
}

static void test_utf8_chars(void **state)
{
	(void)state;
	assert_int_equal(utf8_chars(NULL), 0);
	assert_int_equal(utf8_chars(""), 0);
	assert_int_equal(utf8_chars("abc"), 3);
	assert_int_equal(utf8_chars("a\xc3\xa7\xc3\xa3o"), 4);         /* "ação" */
	assert_int_equal(utf8_chars("\xe2\x82\xac"), 1);                /* € */
	assert_int_equal(utf8_chars("\xf0\x9d\x84\x9e"), 1);            /* U+1D11E */
	assert_int_equal(utf8_chars("\xe6\x97\xa5\xe6\x9c\xac\xe8\xaa\x9e"), 3);
	assert_int_equal(utf8_chars("S\xc3\xa3o Paulo \xf0\x9f\x9a\x97"), 11);
	/* maxLength=60 style check on a 60-character, 120-byte string */
	{
		char s[121];

		for (int i = 0; i < 60; i++)
			memcpy(s + 2 * i, "\xc3\xa9", 2);
		s[120] = '\0';
		assert_true(utf8_valid(s, 120));
		assert_int_equal(utf8_chars(s), 60);
	}
}

/* ---- CPF ------------------------------------------------------------------ */

static const struct row cpf_rows[] = {
	{ "529.982.247-25", "52998224725" },
	{ "52998224725", "52998224725" },
	{ " 529.982.247-25 ", "52998224725" },
	{ "\t529.982.247-25\r\n", "52998224725" },
	{ "529982247-25", "52998224725" },
	{ "529.982.24725", "52998224725" },
	{ "000.000.001-91", "00000000191" },
	{ "123.456.789-09", "12345678909" },
	{ "987.654.321-00", "98765432100" },
	{ "111.444.777-35", "11144477735" },
	{ "529.982.247-24", NULL }, /* second check digit */
	{ "529.982.247-15", NULL }, /* first check digit */
	{ "529.982.247-52", NULL }, /* swapped */
	{ "111.111.111-11", NULL }, /* all equal: check digits fit, never issued */
	{ "000.000.000-00", NULL },
	{ "999.999.999-99", NULL },
	{ "529.982.247-2", NULL },
	{ "529.982.247-255", NULL },
	{ "5299822472", NULL },
	{ "529982247250", NULL },
	{ "0529.982.247-25", NULL },
	{ "529-982-247.25", NULL },   /* separators in the wrong places */
	{ "529.982.247/25", NULL },
	{ "5299.82247-25", NULL },
	{ "529..982.247-25", NULL },
	{ "529 982 247 25", NULL },
	{ "529.982.247-25.", NULL },
	{ "52998224725a", NULL },
	{ "5299822472a", NULL },
	{ "ABC.DEF.GHI-JK", NULL },
	{ "+52998224725", NULL },
	{ "-52998224725", NULL },
	{ "529.982.247-2\xc3\xa9", NULL },
	{ "\xef\xbc\x95\xef\xbc\x92\xef\xbc\x99.982.247-25", NULL }, /* full-width digits */
	{ "\xc2\xa0" "529.982.247-25", NULL }, /* NBSP is not white space here */
	{ "529.982.247-25\xff", NULL },
	{ "", NULL },
	{ "   ", NULL },
	{ "..-", NULL },
	{ NULL, NULL },
};

static void test_cpf(void **state)
{
	(void)state;
	RUN(cpf_normalize, 12, cpf_rows);
}

/* Of the 100 possible check-digit pairs of a base, exactly one is valid. */
static void test_cpf_one_pair_per_base(void **state)
{
	static const char *const bases[] = { "529982247", "000000001", "123456789", "314159265", "271828182" };

	(void)state;
	for (size_t b = 0; b < N_ELEMS(bases); b++) {
		int valid = 0;

		for (int dv = 0; dv < 100; dv++) {
			char in[12], out[12];

			snprintf(in, sizeof in, "%s%02d", bases[b], dv);
			valid += cpf_normalize(in, out);
		}
		assert_int_equal(valid, 1);
	}
}

/* ---- CNPJ ----------------------------------------------------------------- */

static const struct row cnpj_rows[] = {
	{ "11.222.333/0001-81", "11222333000181" },
	{ "11222333000181", "11222333000181" },
	{ "  11.222.333/0001-81  ", "11222333000181" },
	{ "11222333/0001-81", "11222333000181" },
	{ "00000000000191", "00000000000191" },
	{ "00.000.000/0001-91", "00000000000191" },
	{ "11.222.333/0002-62", "11222333000262" },
	{ "12.ABC.345/01DE-35", "12ABC34501DE35" },
	{ "12ABC34501DE35", "12ABC34501DE35" },
	{ "12.abc.345/01de-35", "12ABC34501DE35" },
	{ " 12abc34501De35\t", "12ABC34501DE35" },
	{ "ZZZZZZZZZZZZ62", "ZZZZZZZZZZZZ62" },
	{ "AAAAAAAAAAAA45", "AAAAAAAAAAAA45" },
	{ "1A2B3C4D5E6F34", "1A2B3C4D5E6F34" },
	{ "Z0000000000001", "Z0000000000001" },
	{ "11111111111180", "11111111111180" }, /* only all zeros is special */
	{ "12ABC34501DE34", NULL },
	{ "12.ABC.345/01DE-53", NULL },
	{ "11.222.333/0001-80", NULL },
	{ "11.222.333/0001-18", NULL },
	{ "11.222.333/0001-91", NULL },
	{ "00000000000000", NULL },
	{ "00.000.000/0000-00", NULL },
	{ "12ABC34501DE3A", NULL }, /* check digits are digits */
	{ "12ABC34501DEAA", NULL },
	{ "1122233300018", NULL },
	{ "112223330001811", NULL },
	{ "11222333000181 1", NULL },
	{ "11.222.333.0001-81", NULL },
	{ "11-222-333/0001-81", NULL },
	{ "11.222.333/0001/81", NULL },
	{ "11.222.333//0001-81", NULL },
	{ "11 222 333 0001 81", NULL },
	{ "12.ABC.345/01D\xc3\x89-35", NULL },
	{ "12.\xc3\x80" "BC.345/01DE-35", NULL },
	{ "12ABC34501DE3\x80", NULL },
	{ "12ABC3450_DE35", NULL },
	{ "", NULL },
	{ "./-", NULL },
	{ NULL, NULL },
};

static void test_cnpj(void **state)
{
	(void)state;
	RUN(cnpj_normalize, 15, cnpj_rows);
}

static void test_cnpj_one_pair_per_base(void **state)
{
	static const char *const bases[] = { "112223330001", "12ABC34501DE", "ZZZZZZZZZZZZ", "00000000A000", "9X8Y7W6V5U4T" };

	(void)state;
	for (size_t b = 0; b < N_ELEMS(bases); b++) {
		int valid = 0;

		for (int dv = 0; dv < 100; dv++) {
			char in[15], out[15];

			snprintf(in, sizeof in, "%s%02d", bases[b], dv);
			valid += cnpj_normalize(in, out);
		}
		assert_int_equal(valid, 1);
	}
}

/* ---- Plates --------------------------------------------------------------- */

struct plate_row {
	const char *in;
	enum plate_form form;
	const char *out;
	const char *key;
};

static const struct plate_row plate_rows[] = {
	{ "ABC-1234", PLATE_OLD, "ABC1234", "ABC1C34" },
	{ "ABC1234", PLATE_OLD, "ABC1234", "ABC1C34" },
	{ "abc1234", PLATE_OLD, "ABC1234", "ABC1C34" },
	{ " abc-1234 ", PLATE_OLD, "ABC1234", "ABC1C34" },
	{ "ABC 1234", PLATE_OLD, "ABC1234", "ABC1C34" },
	{ "ABC1C34", PLATE_MERCOSUL, "ABC1C34", "ABC1C34" },
	{ "FUM0B05", PLATE_MERCOSUL, "FUM0B05", "FUM0B05" },
	{ "fum0b05", PLATE_MERCOSUL, "FUM0B05", "FUM0B05" },
	{ "FUM-0B05", PLATE_MERCOSUL, "FUM0B05", "FUM0B05" },
	{ "FUM0105", PLATE_OLD, "FUM0105", "FUM0B05" },
	{ "XYZ9099", PLATE_OLD, "XYZ9099", "XYZ9A99" },
	{ "XYZ9999", PLATE_OLD, "XYZ9999", "XYZ9J99" },
	{ "XYZ9Z99", PLATE_MERCOSUL, "XYZ9Z99", "XYZ9Z99" }, /* K..Z: Mercosul only */
	{ "AB1234", PLATE_INVALID, "", "" },
	{ "ABCD1234", PLATE_INVALID, "", "" },
	{ "ABC12345", PLATE_INVALID, "", "" },
	{ "ABC-123", PLATE_INVALID, "", "" },
	{ "1BC1234", PLATE_INVALID, "", "" },
	{ "ABCC234", PLATE_INVALID, "", "" },
	{ "ABC12C4", PLATE_INVALID, "", "" },
	{ "ABC1CC4", PLATE_INVALID, "", "" },
	{ "ABC1C3D", PLATE_INVALID, "", "" },
	{ "ABC--1234", PLATE_INVALID, "", "" },
	{ "ABC_1234", PLATE_INVALID, "", "" },
	{ "ABC\t1234", PLATE_INVALID, "", "" },
	{ "AB-C1234", PLATE_INVALID, "", "" },
	{ "AB C1234", PLATE_INVALID, "", "" },
	{ "ABC1234 X", PLATE_INVALID, "", "" },
	{ "AB\xc3\x87" "1234", PLATE_INVALID, "", "" }, /* ABÇ1234 */
	{ "ABC\xe2\x80\x91" "1234", PLATE_INVALID, "", "" }, /* non-breaking hyphen */
	{ "ABC1234\xff", PLATE_INVALID, "", "" },
	{ "", PLATE_INVALID, "", "" },
	{ "-", PLATE_INVALID, "", "" },
	{ NULL, PLATE_INVALID, "", "" },
};

static void test_plate(void **state)
{
	(void)state;
	for (size_t i = 0; i < N_ELEMS(plate_rows); i++) {
		const struct plate_row *r = &plate_rows[i];
		char *out = malloc(8), *key = malloc(8), got[128], exp[128];
		enum plate_form form;

		assert_non_null(out);
		assert_non_null(key);
		memset(out, 'x', 8);
		form = plate_normalize(r->in, out);
		plate_search_key(out, key);
		snprintf(got, sizeof got, "%.20s: %d %s %s", r->in ? r->in : "NULL", form, out, key);
		snprintf(exp, sizeof exp, "%.20s: %d %s %s", r->in ? r->in : "NULL", r->form, r->out, r->key);
		free(out);
		free(key);
		assert_string_equal(got, exp);
	}
}

/* Both forms of every plate meet in one key: the point of the key. */
static void test_plate_key_both_forms_meet(void **state)
{
	(void)state;
	for (int d = 0; d <= 9; d++) {
		char old_in[24], merc_in[24], old_n[8], merc_n[8], k1[8], k2[8];

		snprintf(old_in, sizeof old_in, "QRS4%d67", d);
		snprintf(merc_in, sizeof merc_in, "qrs4%c67", 'a' + d);
		assert_int_equal(plate_normalize(old_in, old_n), PLATE_OLD);
		assert_int_equal(plate_normalize(merc_in, merc_n), PLATE_MERCOSUL);
		plate_search_key(old_n, k1);
		plate_search_key(merc_n, k2);
		assert_string_equal(k1, k2);
		assert_string_equal(k1, merc_n);
	}
}

/* The key takes a normalised plate only; anything else gives "". */
static void test_plate_key_rejects_unnormalised(void **state)
{
	static const char *const bad[] = { "abc1234", "ABC-123", "ABC123", "", "ABC12345", "ABC1234\xff", "1234ABC" };
	char key[8];

	(void)state;
	for (size_t i = 0; i < N_ELEMS(bad); i++) {
		memset(key, 'x', sizeof key);
		plate_search_key(bad[i], key);
		assert_string_equal(key, "");
	}
	memset(key, 'x', sizeof key);
	plate_search_key(NULL, key);
	assert_string_equal(key, "");
	plate_search_key("ABC1234", NULL); /* must not crash */
}

/* ---- VIN ------------------------------------------------------------------ */

struct vin_row {
	const char *in;
	enum vin_check check;
	const char *out;
};

static const struct vin_row vin_rows[] = {
	{ "1M8GDM9AXKP042788", VIN_OK, "1M8GDM9AXKP042788" },
	{ "1m8gdm9axkp042788", VIN_OK, "1M8GDM9AXKP042788" },
	{ "  1M8GDM9AXKP042788\n", VIN_OK, "1M8GDM9AXKP042788" },
	{ "11111111111111111", VIN_OK, "11111111111111111" },
	{ "1HGCM82633A004352", VIN_OK, "1HGCM82633A004352" },
	{ "JHMCM56557C404453", VIN_OK, "JHMCM56557C404453" },
	{ "9BWZZZ377VT004251", VIN_CHECK_DIGIT_MISMATCH, "9BWZZZ377VT004251" }, /* Brazilian VW */
	{ "9BD17164LA5456789", VIN_CHECK_DIGIT_MISMATCH, "9BD17164LA5456789" }, /* letter there */
	{ "1M8GDM9A0KP042788", VIN_CHECK_DIGIT_MISMATCH, "1M8GDM9A0KP042788" },
	{ "1M8GDM9AXKP042789", VIN_CHECK_DIGIT_MISMATCH, "1M8GDM9AXKP042789" },
	{ "1M8GDM9AXKP04278", VIN_INVALID, "" },
	{ "1M8GDM9AXKP0427888", VIN_INVALID, "" },
	{ "IM8GDM9AXKP042788", VIN_INVALID, "" },
	{ "1M8GDM9AXKPO42788", VIN_INVALID, "" },
	{ "1M8GDM9AXKPQ42788", VIN_INVALID, "" },
	{ "1m8gdm9axkpo42788", VIN_INVALID, "" }, /* lower-case o is still O */
	{ "1m8gdm9axkp04278i", VIN_INVALID, "" },
	{ "1M8GDM9AX-P042788", VIN_INVALID, "" },
	{ "1M8GDM9AX P042788", VIN_INVALID, "" },
	{ "1M8GDM9AXKP04278\xc3\xa9", VIN_INVALID, "" },
	{ "1M8GDM9AXKP0427\xff\xff", VIN_INVALID, "" },
	{ "", VIN_INVALID, "" },
	{ NULL, VIN_INVALID, "" },
};

static void test_vin(void **state)
{
	(void)state;
	for (size_t i = 0; i < N_ELEMS(vin_rows); i++) {
		const struct vin_row *r = &vin_rows[i];
		char *out = malloc(18), got[128], exp[128];
		enum vin_check check;

		assert_non_null(out);
		memset(out, 'x', 18);
		check = vin_normalize(r->in, out);
		snprintf(got, sizeof got, "%.30s: %d %s", r->in ? r->in : "NULL", check, out);
		snprintf(exp, sizeof exp, "%.30s: %d %s", r->in ? r->in : "NULL", r->check, r->out);
		free(out);
		assert_string_equal(got, exp);
	}
}

/* At position 9, exactly one of 0-9/X satisfies the check; every other character
 * of the alphabet is only a mismatch, never a rejection. */
static void test_vin_check_digit_unique(void **state)
{
	static const char alphabet[] = "0123456789ABCDEFGHJKLMNPRSTUVWXYZ";
	static const char *const vins[] = { "1M8GDM9AXKP042788", "9BWZZZ377VT004251", "JHMCM56557C404453" };

	(void)state;
	for (size_t v = 0; v < N_ELEMS(vins); v++) {
		int ok = 0;

		for (size_t i = 0; i < sizeof alphabet - 1; i++) {
			char in[18], out[18];
			enum vin_check c;

			memcpy(in, vins[v], sizeof in);
			in[8] = alphabet[i];
			c = vin_normalize(in, out);
			assert_int_not_equal(c, VIN_INVALID);
			ok += c == VIN_OK;
		}
		assert_int_equal(ok, 1);
	}
}

static const struct row vin_suffix_rows[] = {
	{ "042788", "042788" },
	{ "p04278", "P04278" },
	{ " kp0427 ", "KP0427" },
	{ "ZZZZZZ", "ZZZZZZ" },
	{ "04278", NULL },
	{ "0427888", NULL },
	{ "04O788", NULL },
	{ "04i788", NULL },
	{ "04q788", NULL },
	{ "04-788", NULL },
	{ "04 788", NULL },
	{ "0427\xc3\xa9", NULL },
	{ "", NULL },
	{ NULL, NULL },
};

static void test_vin_suffix(void **state)
{
	(void)state;
	RUN(vin_suffix_valid, 7, vin_suffix_rows);
}

/* ---- Phone ---------------------------------------------------------------- */

static const struct row phone_rows[] = {
	{ "(11) 98765-4321", "+5511987654321" },
	{ "+55 11 98765-4321", "+5511987654321" },
	{ "+55 (11) 98765-4321", "+5511987654321" },
	{ "+5511987654321", "+5511987654321" },
	{ "5511987654321", "+5511987654321" },
	{ "55 11 98765 4321", "+5511987654321" },
	{ "11987654321", "+5511987654321" },
	{ "11.98765.4321", "+5511987654321" },
	{ "  (11) 98765-4321 ", "+5511987654321" },
	{ "(11) 3456-7890", "+551134567890" },
	{ "1134567890", "+551134567890" },
	{ "551134567890", "+551134567890" },
	{ "+55 21 2345-6789", "+552123456789" },
	{ "(99) 5555-0000", "+559955550000" },
	{ "(55) 99999-1234", "+5555999991234" },   /* DDD 55 (Santa Maria) */
	{ "55 98765-4321", "+5555987654321" },     /* 11 digits: DDD 55, no country */
	{ "+55 55 99999-1234", "+5555999991234" },
	{ "55 55 3222-1234", "+555532221234" },
	{ "(11) 8765-4321", NULL },  /* 8 digits must start 2-5 */
	{ "(11) 6765-4321", NULL },
	{ "(11) 1765-4321", NULL },
	{ "(11) 0765-4321", NULL },
	{ "(11) 88765-4321", NULL }, /* 9 digits must start 9 */
	{ "(11) 18765-4321", NULL },
	{ "(01) 98765-4321", NULL },
	{ "(10) 98765-4321", NULL },
	{ "(00) 3456-7890", NULL },
	{ "0 11 98765-4321", NULL },  /* trunk prefix */
	{ "011 98765-4321", NULL },
	{ "+1 212 555 1234", NULL },
	{ "+44 11 98765-4321", NULL },
	{ "+55 98765-4321", NULL },   /* country code but no DDD */
	{ "+11 98765-4321", NULL },
	{ "98765-4321", NULL },
	{ "11 98765-43210", NULL },
	{ "5511987654321234567890", NULL },
	{ "+55 11 98765-4321 ramal 2", NULL },
	{ "11 98765-4321+", NULL },
	{ "++5511987654321", NULL },
	{ "55+11987654321", NULL },
	{ "1198765432l", NULL },
	{ "11/98765-4321", NULL },
	{ "11 98765\xe2\x80\x91" "4321", NULL },
	{ "(11)\xc2\xa0" "98765-4321", NULL },
	{ "11987654321\xff", NULL },
	{ "", NULL },
	{ "+", NULL },
	{ "+55", NULL },
	{ "()- .", NULL },
	{ NULL, NULL },
};

static void test_phone(void **state)
{
	(void)state;
	RUN(phone_normalize, 16, phone_rows);
}

/* ---- E-mail --------------------------------------------------------------- */

static const struct row email_rows[] = {
	{ "joao.silva@Example.COM.br", "joao.silva@example.com.br" },
	{ "  Maria+promo@GMAIL.com ", "Maria+promo@gmail.com" },
	{ "a@b.co", "a@b.co" },
	{ "o'neil@x-y.com.br", "o'neil@x-y.com.br" },
	{ "!#$%&'*+-/=?^_`{|}~@example.org", "!#$%&'*+-/=?^_`{|}~@example.org" },
	{ "user@sub.domain-1.example.travel", "user@sub.domain-1.example.travel" },
	{ "1@2a.io", "1@2a.io" },
	{ "x@a--b.com", "x@a--b.com" },
	{ "", NULL },
	{ "@", NULL },
	{ "a@", NULL },
	{ "@b.com", NULL },
	{ "a@@b.com", NULL },
	{ "a@b@c.com", NULL },
	{ "ab.com", NULL },
	{ ".a@b.com", NULL },
	{ "a.@b.com", NULL },
	{ "a..b@c.com", NULL },
	{ "a@b", NULL },
	{ "a@b.c", NULL },
	{ "a@b.c1", NULL },
	{ "a@b.123", NULL },
	{ "a@-b.com", NULL },
	{ "a@b-.com", NULL },
	{ "a@b.-com", NULL },
	{ "a@b..com", NULL },
	{ "a@.b.com", NULL },
	{ "a@b.com.", NULL },
	{ "a b@c.com", NULL },
	{ "a@b c.com", NULL },
	{ "a@b_c.com", NULL },
	{ "\"a\"@b.com", NULL },
	{ "a(b)@c.com", NULL },
	{ "a,b@c.com", NULL },
	{ "a@[192.168.0.1]", NULL },
	{ "a@b.xn--p1ai", NULL },           /* punycode TLD: not letters only */
	{ "jo\xc3\xa3o@b.com", NULL },
	{ "a@ex\xc3\xa4mple.com", NULL },
	{ "a\xff@b.com", NULL },
	{ "a@b.com\xc3", NULL },
	{ "a@b.com\n<script>", NULL },
	{ NULL, NULL },
};

static void test_email(void **state)
{
	(void)state;
	RUN(email_normalize, 255, email_rows);
}

/* Length limits: local 64, label 63, total 254. */
static void test_email_lengths(void **state)
{
	char *l64 = repeated('a', 64), *l65 = repeated('b', 65);
	char *d63 = repeated('c', 63), *d64 = repeated('d', 64);
	char in[600], want[600];

	(void)state;
	snprintf(in, sizeof in, "%s@x.com", l64);
	check_norm("email", email_normalize, 255, in, in);
	snprintf(in, sizeof in, "%s@x.com", l65);
	check_norm("email", email_normalize, 255, in, NULL);
	snprintf(in, sizeof in, "a@%s.com", d63);
	check_norm("email", email_normalize, 255, in, in);
	snprintf(in, sizeof in, "a@%s.com", d64);
	check_norm("email", email_normalize, 255, in, NULL);
	/* 64 + 1 + (63 + 1 + 63 + 1 + 57 + 1 + 3) = 254: the longest accepted */
	snprintf(in, sizeof in, "%s@%s.%s.%.57s.COM", l64, d63, d63, d63);
	assert_int_equal(strlen(in), 254);
	snprintf(want, sizeof want, "%s@%s.%s.%.57s.com", l64, d63, d63, d63);
	check_norm("email", email_normalize, 255, in, want);
	snprintf(in, sizeof in, "%s@%s.%s.%.58s.com", l64, d63, d63, d63);
	assert_int_equal(strlen(in), 255);
	check_norm("email", email_normalize, 255, in, NULL);
	free(l64);
	free(l65);
	free(d63);
	free(d64);
}

/* ---- CEP ------------------------------------------------------------------ */

static const struct row cep_rows[] = {
	{ "01310-100", "01310100" },
	{ "01310100", "01310100" },
	{ " 01310-100 ", "01310100" },
	{ "00000-001", "00000001" },
	{ "99999-999", "99999999" },
	{ "00000-000", NULL },
	{ "00000000", NULL },
	{ "0131-0100", NULL },
	{ "01310-10", NULL },
	{ "013101000", NULL },
	{ "0131010", NULL },
	{ "01.310-100", NULL },
	{ "01310 100", NULL },
	{ "01310--100", NULL },
	{ "ABCDE-FGH", NULL },
	{ "01310-10a", NULL },
	{ "01310-10\xc3\xa9", NULL },
	{ "", NULL },
	{ "-", NULL },
	{ NULL, NULL },
};

static void test_cep(void **state)
{
	(void)state;
	RUN(cep_normalize, 9, cep_rows);
}

/* ---- Hostile input, every string function --------------------------------- */

static void test_hostile_null_output(void **state)
{
	(void)state;
	for (size_t i = 0; i < N_ELEMS(all_norms); i++) {
		assert_false(all_norms[i].fn(all_norms[i].valid, NULL));
		assert_false(all_norms[i].fn(NULL, NULL));
	}
}

/* Every single byte, and every byte appended to a valid value, is rejected. */
static void test_hostile_bytes(void **state)
{
	(void)state;
	for (size_t i = 0; i < N_ELEMS(all_norms); i++) {
		for (int c = 1; c < 256; c++) {
			char one[2] = { (char)c, '\0' }, more[64];

			check_norm(all_norms[i].name, all_norms[i].fn, all_norms[i].outsize, one, NULL);
			if (strchr(all_norms[i].tail_ok, c))
				continue; /* e.g. trailing white space, "joao@example.com.brx" */
			snprintf(more, sizeof more, "%s%c", all_norms[i].valid, c);
			check_norm(all_norms[i].name, all_norms[i].fn, all_norms[i].outsize, more, NULL);
		}
	}
}

/* Megabyte inputs: rejected without overrun; a valid value inside a megabyte of
 * padding is still found. */
static void test_hostile_long(void **state)
{
	static const char fill[] = { '1', 'A', ' ', '.', '-', '@', '\xc3', '\x80' };

	(void)state;
	for (size_t i = 0; i < N_ELEMS(all_norms); i++) {
		char *s, out[256];

		for (size_t f = 0; f < N_ELEMS(fill); f++) {
			s = repeated(fill[f], BIG);
			assert_false(all_norms[i].fn(s, out));
			assert_string_equal(out, "");
			free(s);
		}
		s = padded(all_norms[i].valid, BIG / 2);
		assert_true(all_norms[i].fn(s, out));
		free(s);
	}
}

/* ---- xsd:dateTime --------------------------------------------------------- */

struct dt_row {
	const char *in;
	bool ok;
	int64_t epoch;
	int32_t usec;
};

static const struct dt_row dt_rows[] = {
	{ "1970-01-01T00:00:00Z", true, 0, 0 },
	{ "1970-01-01T00:00:00+00:00", true, 0, 0 },
	{ "1970-01-01T00:00:00-00:00", true, 0, 0 },
	{ " 2024-02-29T12:00:00Z\n", true, 1709208000, 0 },
	/* offsets that cross midnight, and the leap day, in both directions */
	{ "2024-02-29T23:30:00-03:00", true, 1709260200, 0 }, /* = 2024-03-01T02:30Z */
	{ "2024-03-01T00:30:00+01:00", true, 1709249400, 0 }, /* = 2024-02-29T23:30Z */
	{ "2024-02-28T23:00:00-02:00", true, 1709168400, 0 }, /* = 2024-02-29T01:00Z */
	{ "2023-03-01T01:00:00+02:00", true, 1677625200, 0 }, /* = 2023-02-28T23:00Z */
	{ "2025-12-31T23:59:59-03:00", true, 1767236399, 0 }, /* = 2026-01-01T02:59:59Z */
	{ "2026-01-01T00:00:00-03:00", true, 1767236400, 0 },
	{ "2024-12-31T22:00:00-02:00", true, 1735689600, 0 },
	{ "2000-02-29T00:00:00Z", true, 951782400, 0 },
	{ "2024-02-29T00:00:00Z", true, 1709164800, 0 },
	{ "1900-01-01T00:00:00Z", true, -2208988800, 0 },
	{ "1900-01-01T00:00:00+14:00", true, -2209039200, 0 }, /* local year counts */
	{ "9999-12-31T23:59:59Z", true, 253402300799, 0 },
	{ "9999-12-31T23:59:59-14:00", true, 253402351199, 0 },
	{ "2038-01-19T03:14:08Z", true, 2147483648, 0 },
	{ "2025-01-01T00:00:00+05:45", true, 1735668900, 0 },
	{ "2025-01-01T00:00:00-09:30", true, 1735723800, 0 },
	{ "2025-01-01T00:00:00+14:00", true, 1735639200, 0 },
	{ "2025-01-01T00:00:00-14:00", true, 1735740000, 0 },
	{ "1970-01-01T00:00:00.5Z", true, 0, 500000 },
	{ "1970-01-01T00:00:00.000001Z", true, 0, 1 },
	{ "1970-01-01T00:00:00.123456+00:00", true, 0, 123456 },
	{ "1970-01-01T00:00:00.1200Z", true, 0, 120000 },
	{ "1969-12-31T23:59:59.999999Z", true, -1, 999999 },
	{ "2025-02-29T00:00:00Z", false, 0, 0 },
	{ "1900-02-29T00:00:00Z", false, 0, 0 },
	{ "2100-02-29T00:00:00Z", false, 0, 0 },
	{ "2024-02-30T00:00:00Z", false, 0, 0 },
	{ "2024-04-31T00:00:00Z", false, 0, 0 },
	{ "2024-06-31T00:00:00Z", false, 0, 0 },
	{ "2024-01-32T00:00:00Z", false, 0, 0 },
	{ "2024-01-00T00:00:00Z", false, 0, 0 },
	{ "2024-00-10T00:00:00Z", false, 0, 0 },
	{ "2024-13-01T00:00:00Z", false, 0, 0 },
	{ "2024-01-01T24:00:00Z", false, 0, 0 },
	{ "2024-01-01T23:60:00Z", false, 0, 0 },
	{ "2024-01-01T23:59:60Z", false, 0, 0 },   /* no leap seconds */
	{ "1899-12-31T23:59:59Z", false, 0, 0 },
	{ "1899-12-31T23:00:00-02:00", false, 0, 0 }, /* 1900 in UTC, not locally */
	{ "0000-01-01T00:00:00Z", false, 0, 0 },
	{ "10000-01-01T00:00:00Z", false, 0, 0 },
	{ "-2024-01-01T00:00:00Z", false, 0, 0 },
	{ "2024-01-01T00:00:00", false, 0, 0 },    /* no offset: ambiguous */
	{ "2024-01-01T00:00:00.5", false, 0, 0 },
	{ "2024-01-01T00:00:00+14:01", false, 0, 0 },
	{ "2024-01-01T00:00:00-14:30", false, 0, 0 },
	{ "2024-01-01T00:00:00+15:00", false, 0, 0 },
	{ "2024-01-01T00:00:00+05:60", false, 0, 0 },
	{ "2024-01-01T00:00:00+0530", false, 0, 0 },
	{ "2024-01-01T00:00:00+05", false, 0, 0 },
	{ "2024-01-01T00:00:00+5:30", false, 0, 0 },
	{ "2024-01-01T00:00:00+05:30:00", false, 0, 0 },
	{ "2024-01-01T00:00:00z", false, 0, 0 },
	{ "2024-01-01t00:00:00Z", false, 0, 0 },
	{ "2024-01-01 00:00:00Z", false, 0, 0 },
	{ "2024-01-01T00:00:00ZZ", false, 0, 0 },
	{ "2024-01-01T00:00:00Z x", false, 0, 0 },
	{ "2024-01-01T00:00:00.Z", false, 0, 0 },
	{ "2024-01-01T00:00:00.1234567Z", false, 0, 0 }, /* 7 digits */
	{ "2024-01-01T00:00:00.12345678901234567890Z", false, 0, 0 },
	{ "2024-01-01T00:00:00,5Z", false, 0, 0 },
	{ "2024-1-01T00:00:00Z", false, 0, 0 },
	{ "2024-01-1T00:00:00Z", false, 0, 0 },
	{ "2024-01-01T0:00:00Z", false, 0, 0 },
	{ "2024-01-01T00:00Z", false, 0, 0 },
	{ "2024-01-01", false, 0, 0 },
	{ "2024-01-01T", false, 0, 0 },
	{ "2024-01-01T00:00:00\xc3Z", false, 0, 0 },
	{ "\xef\xbc\x92" "024-01-01T00:00:00Z", false, 0, 0 },
	{ "2024-01-01T00:00:00+\xff\xff:00", false, 0, 0 },
	{ "", false, 0, 0 },
	{ " ", false, 0, 0 },
	{ NULL, false, 0, 0 },
};

static void test_datetime(void **state)
{
	(void)state;
	for (size_t i = 0; i < N_ELEMS(dt_rows); i++) {
		const struct dt_row *r = &dt_rows[i];
		int64_t epoch = 42;
		int32_t usec = 42;
		char got[160], exp[160];
		bool ok = datetime_parse(r->in, &epoch, &usec);

		snprintf(got, sizeof got, "%.50s: %d %lld %ld", r->in ? r->in : "NULL", ok,
			 (long long)epoch, (long)usec);
		snprintf(exp, sizeof exp, "%.50s: %d %lld %ld", r->in ? r->in : "NULL", r->ok,
			 (long long)(r->ok ? r->epoch : 42), (long)(r->ok ? r->usec : 42));
		assert_string_equal(got, exp);
	}
}

static void test_datetime_hostile(void **state)
{
	int64_t epoch = 0;
	int32_t usec = 0;
	char *s;

	(void)state;
	assert_false(datetime_parse("2024-01-01T00:00:00Z", NULL, &usec));
	assert_false(datetime_parse("2024-01-01T00:00:00Z", &epoch, NULL));
	s = repeated('9', BIG);
	assert_false(datetime_parse(s, &epoch, &usec));
	memcpy(s, "2024-01-01T00:00:00.", 20); /* a megabyte of fraction digits */
	assert_false(datetime_parse(s, &epoch, &usec));
	free(s);
	s = padded("2024-02-29T23:30:00-03:00", BIG / 2);
	assert_true(datetime_parse(s, &epoch, &usec));
	assert_int_equal(epoch, 1709260200);
	free(s);
}

/* Each calendar day 1900..9999 at noon Z is exactly 86400 s after the previous
 * one, and the month lengths match the leap-year rule. */
static void test_datetime_every_day(void **state)
{
	int64_t prev = 0;
	int32_t usec;
	long days = 0;

	(void)state;
	for (int y = 1900; y <= 9999; y++) {
		for (int m = 1; m <= 12; m++) {
			for (int d = 1; d <= 32; d++) {
				char in[64];
				int64_t e;
				bool ok;

				snprintf(in, sizeof in, "%04d-%02d-%02dT12:00:00Z", y, m, d);
				ok = datetime_parse(in, &e, &usec);
				if (!ok)
					break;
				if (days++ > 0 && e != prev + 86400)
					fail_msg("%s is %lld, expected %lld", in, (long long)e, (long long)(prev + 86400));
				prev = e;
			}
		}
	}
	/* 8100 years of which 1964 are leap years: 2025 multiples of 4 (1900..9996),
	 * minus 81 centuries (1900..9900), plus 20 multiples of 400 (2000..9600) */
	assert_int_equal(days, 8100L * 365 + 1964);
}

/* ---- xsd:date ------------------------------------------------------------- */

static void test_date(void **state)
{
	static const struct {
		const char *in;
		bool ok;
		int y, m, d;
	} rows[] = {
		{ "2024-02-29", true, 2024, 2, 29 },
		{ "2000-02-29", true, 2000, 2, 29 },
		{ " 1985-07-04 ", true, 1985, 7, 4 },
		{ "1900-01-01", true, 1900, 1, 1 },
		{ "9999-12-31", true, 9999, 12, 31 },
		{ "2025-02-29", false, 0, 0, 0 },
		{ "1900-02-29", false, 0, 0, 0 },
		{ "2100-02-29", false, 0, 0, 0 },
		{ "2024-04-31", false, 0, 0, 0 },
		{ "2024-13-01", false, 0, 0, 0 },
		{ "2024-00-01", false, 0, 0, 0 },
		{ "2024-01-00", false, 0, 0, 0 },
		{ "1899-12-31", false, 0, 0, 0 },
		{ "2024-1-1", false, 0, 0, 0 },
		{ "2024/01/01", false, 0, 0, 0 },
		{ "01-01-2024", false, 0, 0, 0 },
		{ "2024-01-01Z", false, 0, 0, 0 },
		{ "2024-01-01T00:00:00Z", false, 0, 0, 0 },
		{ "2024-01-011", false, 0, 0, 0 },
		{ "2024-01-0\xc3\xa9", false, 0, 0, 0 },
		{ "", false, 0, 0, 0 },
		{ NULL, false, 0, 0, 0 },
	};
	int y, m, d;

	(void)state;
	for (size_t i = 0; i < N_ELEMS(rows); i++) {
		char got[96], exp[96];
		bool ok;

		y = m = d = 0;
		ok = date_parse(rows[i].in, &y, &m, &d);
		snprintf(got, sizeof got, "%.30s: %d %d-%d-%d", rows[i].in ? rows[i].in : "NULL", ok, y, m, d);
		snprintf(exp, sizeof exp, "%.30s: %d %d-%d-%d", rows[i].in ? rows[i].in : "NULL",
			 rows[i].ok, rows[i].y, rows[i].m, rows[i].d);
		assert_string_equal(got, exp);
	}
	assert_false(date_parse("2024-01-01", NULL, &m, &d));
	assert_false(date_parse("2024-01-01", &y, NULL, &d));
	assert_false(date_parse("2024-01-01", &y, &m, NULL));
}

/* ---- Agenda --------------------------------------------------------------- */

/* Instants (UTC epoch seconds) around Monday 2025-03-10, computed by hand and
 * checked with `TZ=America/<zone> date -d '2025-03-11 00:00:00' +%s`:
 *   Sao_Paulo -03:00: tomorrow starts 2025-03-11T03:00:00Z = 1741662000
 *   Manaus    -04:00: tomorrow starts 2025-03-11T04:00:00Z = 1741665600
 *   Noronha   -02:00: tomorrow starts 2025-03-11T02:00:00Z = 1741658400 */
#define SP_TOMORROW 1741662000
#define MAO_TOMORROW 1741665600
#define FEN_TOMORROW 1741658400
#define HOUR 3600

struct agenda_row {
	const char *what;
	int64_t due, now, tomorrow;
	enum agenda_class want;
};

static const struct agenda_row agenda_rows[] = {
	/* Sao Paulo, now 2025-03-10 14:00 local */
	{ "SP 23:59:59 today", SP_TOMORROW - 1, SP_TOMORROW - 10 * HOUR, SP_TOMORROW, AGENDA_HOJE },
	{ "SP 00:00:00 tomorrow", SP_TOMORROW, SP_TOMORROW - 10 * HOUR, SP_TOMORROW, AGENDA_FUTURO },
	{ "SP due == now", SP_TOMORROW - 10 * HOUR, SP_TOMORROW - 10 * HOUR, SP_TOMORROW, AGENDA_HOJE },
	{ "SP due 1 s ago", SP_TOMORROW - 10 * HOUR - 1, SP_TOMORROW - 10 * HOUR, SP_TOMORROW, AGENDA_PENDENTE },
	{ "SP yesterday", SP_TOMORROW - 30 * HOUR, SP_TOMORROW - 10 * HOUR, SP_TOMORROW, AGENDA_PENDENTE },
	{ "SP next week", SP_TOMORROW + 7 * 24 * HOUR, SP_TOMORROW - 10 * HOUR, SP_TOMORROW, AGENDA_FUTURO },
	/* now = 23:59:59 local: only the last second of the day is still HOJE */
	{ "SP now 23:59:59, due now", SP_TOMORROW - 1, SP_TOMORROW - 1, SP_TOMORROW, AGENDA_HOJE },
	{ "SP now 23:59:59, due 00:00", SP_TOMORROW, SP_TOMORROW - 1, SP_TOMORROW, AGENDA_FUTURO },
	{ "SP now 23:59:59, due 23:59:58", SP_TOMORROW - 2, SP_TOMORROW - 1, SP_TOMORROW, AGENDA_PENDENTE },
	/* Manaus, one hour behind */
	{ "MAO 23:59:59 today", MAO_TOMORROW - 1, MAO_TOMORROW - 10 * HOUR, MAO_TOMORROW, AGENDA_HOJE },
	{ "MAO 00:00:00 tomorrow", MAO_TOMORROW, MAO_TOMORROW - 10 * HOUR, MAO_TOMORROW, AGENDA_FUTURO },
	/* Noronha, one hour ahead */
	{ "FEN 23:59:59 today", FEN_TOMORROW - 1, FEN_TOMORROW - 10 * HOUR, FEN_TOMORROW, AGENDA_HOJE },
	{ "FEN 00:00:00 tomorrow", FEN_TOMORROW, FEN_TOMORROW - 10 * HOUR, FEN_TOMORROW, AGENDA_FUTURO },
	/* One instant, 2025-03-11T02:30Z, now 01:30Z, three branches:
	 * SP 23:30 today, Manaus 22:30 today, Noronha 00:30 tomorrow. */
	{ "02:30Z seen from SP", SP_TOMORROW - 30 * 60, SP_TOMORROW - 90 * 60, SP_TOMORROW, AGENDA_HOJE },
	{ "02:30Z seen from MAO", SP_TOMORROW - 30 * 60, SP_TOMORROW - 90 * 60, MAO_TOMORROW, AGENDA_HOJE },
	{ "02:30Z seen from FEN", SP_TOMORROW - 30 * 60, SP_TOMORROW - 90 * 60, FEN_TOMORROW, AGENDA_FUTURO },
	/* 2025-03-11T03:30Z: SP 00:30 tomorrow, Manaus 23:30 today, Noronha 01:30 tomorrow */
	{ "03:30Z seen from SP", SP_TOMORROW + 30 * 60, SP_TOMORROW - 90 * 60, SP_TOMORROW, AGENDA_FUTURO },
	{ "03:30Z seen from MAO", SP_TOMORROW + 30 * 60, SP_TOMORROW - 90 * 60, MAO_TOMORROW, AGENDA_HOJE },
	{ "03:30Z seen from FEN", SP_TOMORROW + 30 * 60, SP_TOMORROW - 90 * 60, FEN_TOMORROW, AGENDA_FUTURO },
	/* Sao Paulo on 2018-11-04, when DST began and the day had 23 hours (started at
	 * 01:00 -02:00 = 1541300400, next day at 00:00 -02:00 = 1541383200). A fixed
	 * -03:00 would put tomorrow at 1541386800 and call 23:00-23:59 of the 5th HOJE. */
	{ "SP DST 23:59:59 -02", 1541383199, 1541300400, 1541383200, AGENDA_HOJE },
	{ "SP DST 00:00:00 -02", 1541383200, 1541300400, 1541383200, AGENDA_FUTURO },
	{ "SP DST 00:30:00 -02", 1541385000, 1541300400, 1541383200, AGENDA_FUTURO },
	/* extremes */
	{ "INT64_MIN due", INT64_MIN, 0, 86400, AGENDA_PENDENTE },
	{ "INT64_MAX due", INT64_MAX, 0, 86400, AGENDA_FUTURO },
};

static void test_agenda(void **state)
{
	(void)state;
	for (size_t i = 0; i < N_ELEMS(agenda_rows); i++) {
		const struct agenda_row *r = &agenda_rows[i];
		char got[96], exp[96];

		snprintf(got, sizeof got, "%s: %s", r->what,
			 agenda_class_name(agenda_classify(r->due, r->now, r->tomorrow)));
		snprintf(exp, sizeof exp, "%s: %s", r->what, agenda_class_name(r->want));
		assert_string_equal(got, exp);
	}
}

/* The boundaries agree with what datetime_parse makes of local wall-clock times:
 * the flip happens between 23:59:59 and 00:00:00 in each zone. */
static void test_agenda_with_parsed_times(void **state)
{
	static const struct {
		const char *now, *last, *first;
		int64_t tomorrow;
	} zones[] = {
		{ "2025-03-10T14:00:00-03:00", "2025-03-10T23:59:59-03:00", "2025-03-11T00:00:00-03:00", SP_TOMORROW },
		{ "2025-03-10T14:00:00-04:00", "2025-03-10T23:59:59-04:00", "2025-03-11T00:00:00-04:00", MAO_TOMORROW },
		{ "2025-03-10T14:00:00-02:00", "2025-03-10T23:59:59-02:00", "2025-03-11T00:00:00-02:00", FEN_TOMORROW },
	};
	int32_t usec;

	(void)state;
	for (size_t i = 0; i < N_ELEMS(zones); i++) {
		int64_t now, last, first;

		assert_true(datetime_parse(zones[i].now, &now, &usec));
		assert_true(datetime_parse(zones[i].last, &last, &usec));
		assert_true(datetime_parse(zones[i].first, &first, &usec));
		assert_int_equal(first, zones[i].tomorrow);
		assert_int_equal(agenda_classify(last, now, zones[i].tomorrow), AGENDA_HOJE);
		assert_int_equal(agenda_classify(first, now, zones[i].tomorrow), AGENDA_FUTURO);
		assert_int_equal(agenda_classify(now - 1, now, zones[i].tomorrow), AGENDA_PENDENTE);
	}
}

static void test_agenda_names(void **state)
{
	(void)state;
	assert_string_equal(agenda_class_name(AGENDA_PENDENTE), "PENDENTE");
	assert_string_equal(agenda_class_name(AGENDA_HOJE), "HOJE");
	assert_string_equal(agenda_class_name(AGENDA_FUTURO), "FUTURO");
	assert_null(agenda_class_name((enum agenda_class)3));
	assert_null(agenda_class_name((enum agenda_class)-1));
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_utf8_vectors),
		cmocka_unit_test(test_utf8_len_bounds),
		cmocka_unit_test(test_utf8_exhaustive),
		cmocka_unit_test(test_utf8_chars),
		cmocka_unit_test(test_cpf),
		cmocka_unit_test(test_cpf_one_pair_per_base),
		cmocka_unit_test(test_cnpj),
		cmocka_unit_test(test_cnpj_one_pair_per_base),
		cmocka_unit_test(test_plate),
		cmocka_unit_test(test_plate_key_both_forms_meet),
		cmocka_unit_test(test_plate_key_rejects_unnormalised),
		cmocka_unit_test(test_vin),
		cmocka_unit_test(test_vin_check_digit_unique),
		cmocka_unit_test(test_vin_suffix),
		cmocka_unit_test(test_phone),
		cmocka_unit_test(test_email),
		cmocka_unit_test(test_email_lengths),
		cmocka_unit_test(test_cep),
		cmocka_unit_test(test_hostile_null_output),
		cmocka_unit_test(test_hostile_bytes),
		cmocka_unit_test(test_hostile_long),
		cmocka_unit_test(test_datetime),
		cmocka_unit_test(test_datetime_hostile),
		cmocka_unit_test(test_datetime_every_day),
		cmocka_unit_test(test_date),
		cmocka_unit_test(test_agenda),
		cmocka_unit_test(test_agenda_with_parsed_times),
		cmocka_unit_test(test_agenda_names),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
