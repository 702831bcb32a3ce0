/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * guard_test.c - unit tests for service/core/guard.c.
 *
 * Tests are tables of (input, expected verdict) rows. Every row is fed to a fresh
 * guard whole, one byte at a time, in random-sized pieces (several seeds) and, for
 * inputs up to 2 KiB, split in two at every position: the verdict, the latin and
 * cp1252 flags and the bytes left in the buffers must not depend on the split.
 * Each piece is copied into its own malloc'ed block of exactly its size, so ASan
 * catches any read or write past it; the windows-1252 relabel must land in the
 * same bytes whatever the split. Rows with an HTTP header are fed the way gSOAP
 * calls fpreparerecv: the buffer that ends the header whole, then its rest again
 * as a call of its own, with and without guard_body_starts in between (the
 * recommended fparse wrapper). Every feed ends with guard_scan(g, NULL, 0), as
 * gSOAP does at the end of a chunked or inflated body.
 *
 * The gSOAP behaviours the rows encode were measured against Debian's 2.8.124
 * with a throwaway server (fpreparerecv logging each buffer):
 *  - fpreparerecv first sees the raw header buffer (header + start of the body,
 *    still chunked or gzip-compressed), then, once the header is parsed, the body
 *    again from soap->buf + soap->bufidx, de-chunked and inflated; later reads
 *    arrive de-chunked/inflated; a 0-byte call ends chunked/inflated bodies;
 *  - soap->count is 0 on the first read of each request, keep-alive included;
 *    gSOAP drops pipelined bytes when it answers;
 *  - a request whose first non-blank byte is not a letter is parsed as XML with
 *    no HTTP header (soap->status stays 0 throughout), so "status == 0" does not
 *    mean "header"; a "100" status line makes gSOAP read a second header block;
 *  - an error returned by fpreparerecv is not final: the bytes stay in soap->buf
 *    and are parsed anyway, and when the failing read is soap_envelope_begin_in's
 *    the error becomes SOAP_POST and soap_serve restarts on the same bytes as a
 *    header-less request (both served a rejected request in the experiment);
 *    guard.h has the hook recipe that stopped every case (no call, a fault out);
 *  - "&#x1F600;" arrives with a stray ';', "&#0000065;" as U+0006 "5;", "&#;" as
 *    NUL, "&foo;" as 0x7F, "&eacute;" as U+00C9;
 *  - any "<?xml ... encoding=...?>" switches Latin-1 on or off, even mid-message;
 *    "encoding = " (blanks) and labels past byte 63 are not seen; "iso_8859-1"
 *    and "LATIN-1" are Latin-1, "iso8859-1" and "windows-1252" are not;
 *  - a UTF-8 BOM before an element switches a Latin-1 body back to UTF-8, after
 *    which "C0 BC" reaches the service as '<';
 *  - the HTTP Content-Type charset parameter is ignored.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <cmocka.h>

#include "core/guard.h"

#define N_ELEMS(a) (sizeof(a) / sizeof((a)[0]))
#define IN(s) s, sizeof(s) - 1 /* string literal with its length: inputs may hold NUL */

#define MAX_ATTR 2000
#define TWO_SPLIT_LIMIT 2048

/* Row flags. */
#define F_BODY 1u    /* no HTTP header: call guard_body_starts first */
#define F_LATIN 2u   /* expect g.latin */
#define F_CP1252 4u  /* expect g.cp1252 (and latin) */

struct row {
	const char *name;
	const char *in;
	size_t len;
	enum guard_reason want;
	unsigned flags;
	int max;             /* max_attributes; 0 means MAX_ATTR */
	const char *label;   /* windows-1252 label rewritten in place, or NULL */
	const char *relabel; /* what the label must become */
};

/* ---- fixtures --------------------------------------------------------------- */

#define HDR "POST /wsatend HTTP/1.1\r\nHost: localhost\r\nContent-Type: text/xml; charset=utf-8\r\n" \
	    "SOAPAction: \"\"\r\nContent-Length: 999\r\n\r\n"
#define DECL "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n"
#define ENV_OPEN "<S:Envelope xmlns:S=\"http://schemas.xmlsoap.org/soap/envelope/\"><S:Body>" \
		 "<m:IncluirAgendamento xmlns:m=\"urn:wsatend\">"
#define ENV_CLOSE "</m:IncluirAgendamento></S:Body></S:Envelope>\n"
#define ENV(x) ENV_OPEN x ENV_CLOSE
#define DOC(x) DECL ENV(x)
#define PT "<obs>Manutenção do coração: ação “urgente” – já! € ½ 😀</obs>"

/* ---- runner ----------------------------------------------------------------- */

static uint32_t rng_state;

static uint32_t rng(void)
{
	uint32_t x = rng_state;

	x ^= x << 13;
	x ^= x >> 17;
	x ^= x << 5;
	return rng_state = x;
}

static const char *reason_name(enum guard_reason r)
{
	static const char *const names[] = { "OK", "DTD", "UTF8", "CHARREF", "CONTROL", "ATTRIBUTES", "ENCODING" };

	return (size_t)r < N_ELEMS(names) ? names[r] : "?";
}

/* Where the body starts in a row fed with its HTTP header, by the rule the guard
 * and gSOAP share: a header only when the first non-blank byte is a letter, ending
 * at the first empty line. 0 when there is no header. */
static size_t header_end(const struct row *r)
{
	size_t i = 0;

	if (r->flags & F_BODY)
		return 0;
	while (i < r->len && strchr(" \t\r\n", r->in[i]) && r->in[i] != '\0')
		i++;
	if (i == r->len || !((r->in[i] >= 'a' && r->in[i] <= 'z') || (r->in[i] >= 'A' && r->in[i] <= 'Z')))
		return 0;
	for (; i + 1 < r->len; i++) {
		if (r->in[i] == '\n' && r->in[i + 1] == '\n')
			return i + 2;
		if (i + 2 < r->len && r->in[i] == '\n' && r->in[i + 1] == '\r' && r->in[i + 2] == '\n')
			return i + 3;
	}
	return r->len; /* header never ends: nothing is body */
}

static enum guard_reason scan_copy(struct guard *g, const char *src, size_t n, char *out)
{
	char *piece = malloc(n ? n : 1);
	enum guard_reason got;

	assert_non_null(piece);
	memcpy(piece, src, n);
	got = guard_scan(g, piece, n);
	memcpy(out, piece, n);
	free(piece);
	return got;
}

/* Feeds in[0..len) cut at the given piece starts (cuts[0] == 0) the way gSOAP
 * calls fpreparerecv: the piece that ends the HTTP header is passed whole, then
 * its rest again on its own; with fparse set, guard_body_starts runs in between
 * as the recommended fparse wrapper does. Writes what the guard left in the
 * buffers to out and renders the verdict. */
static void feed(const struct row *r, const size_t *cuts, size_t ncuts, bool fparse, char *out, char *verdict,
		 size_t vsize)
{
	struct guard g;
	enum guard_reason got;
	size_t hend = header_end(r), k;

	guard_begin(&g, r->max ? r->max : MAX_ATTR, 0);
	if (r->flags & F_BODY)
		guard_body_starts(&g);
	for (k = 0; k < ncuts; k++) {
		size_t from = cuts[k], to = k + 1 < ncuts ? cuts[k + 1] : r->len;

		scan_copy(&g, r->in + from, to - from, out + from);
		if (hend > 0 && hend < r->len && from < hend && hend <= to) {
			if (fparse)
				guard_body_starts(&g);
			if (hend < to) /* gSOAP's second pass over the rest of the buffer */
				scan_copy(&g, r->in + hend, to - hend, out + hend);
		}
	}
	got = guard_scan(&g, NULL, 0);
	snprintf(verdict, vsize, "%s: %s latin=%d cp1252=%d", r->name, reason_name(got), g.latin, g.cp1252);
}

/* The verdict a row expects; every split must give it. */
static void expected(const struct row *r, char *verdict, size_t vsize)
{
	snprintf(verdict, vsize, "%s: %s latin=%d cp1252=%d", r->name, reason_name(r->want),
		 (r->flags & (F_LATIN | F_CP1252)) != 0, (r->flags & F_CP1252) != 0);
}

static void check_split(const struct row *r, const size_t *cuts, size_t ncuts)
{
	char got[256], want[256];
	char *out = malloc(r->len ? r->len : 1);
	char *exp_out = malloc(r->len ? r->len : 1);
	int fparse;

	assert_non_null(out);
	assert_non_null(exp_out);
	expected(r, want, sizeof want);
	memcpy(exp_out, r->in, r->len);
	if (r->label) {
		char *l = memmem(exp_out, r->len, r->label, strlen(r->label));

		assert_int_equal(strlen(r->label), strlen(r->relabel));
		memcpy(l, r->relabel, strlen(r->relabel));
	}
	/* with and without the fparse wrapper: same verdict, same bytes */
	for (fparse = 0; fparse <= ((r->flags & F_BODY) ? 0 : 1); fparse++) {
		feed(r, cuts, ncuts, fparse, out, got, sizeof got);
		assert_string_equal(got, want);
		/* The buffers change only by the relabel, whatever the split. */
		assert_memory_equal(out, exp_out, r->len);
	}
	free(out);
	free(exp_out);
}

static void run_row(const struct row *r)
{
	size_t *cuts = malloc((r->len + 1) * sizeof *cuts);
	size_t n, k, seed;

	assert_non_null(cuts);
	cuts[0] = 0;
	check_split(r, cuts, 1); /* whole */

	for (n = 0; n < r->len; n++) /* one byte at a time */
		cuts[n] = n;
	check_split(r, cuts, r->len ? r->len : 1);

	for (seed = 1; seed <= 8; seed++) { /* random pieces, small and large */
		size_t pos = 0, span = seed <= 4 ? 7 : 300;

		rng_state = (uint32_t)(0x9E3779B9u * seed);
		n = 0;
		while (pos < r->len || n == 0) {
			cuts[n++] = pos;
			pos += 1 + rng() % span;
		}
		check_split(r, cuts, n);
	}

	if (r->len <= TWO_SPLIT_LIMIT) /* two pieces, every position */
		for (k = 1; k < r->len; k++) {
			cuts[0] = 0;
			cuts[1] = k;
			check_split(r, cuts, 2);
		}
	free(cuts);
}

static void run_rows(const struct row *rows, size_t n)
{
	size_t k;

	for (k = 0; k < n; k++)
		run_row(&rows[k]);
}

/* ---- HTTP header ------------------------------------------------------------ */

static void test_header(void **state)
{
	static const struct row rows[] = {
		{ "normal request with header", IN(HDR DOC(PT)), GUARD_OK, 0, 0, NULL, NULL },
		{ "odd header bytes are skipped",
		  IN("POST / HTTP/1.1\r\nX-Junk: \x01\x02\xff\xfe<!DOCTYPE &#0; \xc0\xbc \xed\xa0\x80<!--\r\n"
		     "Content-Type: text/xml\r\n\r\n" DOC(PT)), GUARD_OK, 0, 0, NULL, NULL },
		{ "NUL bytes inside the header (found by fuzzing)",
		  IN("POST / HTTP/1.1\r\nX: \0\0\0\0\r\n\r\n" DOC("<a>&#0;</a>")), GUARD_CHARREF, 0, 0, NULL, NULL },
		{ "LF-only header", IN("POST / HTTP/1.0\nHost: x\n\n" DOC(PT)), GUARD_OK, 0, 0, NULL, NULL },
		{ "LF-only header, bad body", IN("POST / HTTP/1.0\nHost: x\n\n" DOC("<a>\xc0\xa7</a>")), GUARD_UTF8, 0, 0, NULL, NULL },
		{ "CR LF LF ends the header", IN("POST / HTTP/1.0\r\nHost: x\r\n\n" DOC(PT)), GUARD_OK, 0, 0, NULL, NULL },
		{ "blank lines before the request line", IN("\r\n\r\n" HDR DOC(PT)), GUARD_OK, 0, 0, NULL, NULL },
		{ "body after header is scanned", IN(HDR DOC("<a>\xc0\xbc</a>")), GUARD_UTF8, 0, 0, NULL, NULL },
		{ "DTD right after header", IN(HDR "<!DOCTYPE S:Envelope>" ENV("")), GUARD_DTD, 0, 0, NULL, NULL },
		{ "header without end scans nothing", IN("POST / HTTP/1.1\r\nX: <!DOCTYPE \x01\r\n"), GUARD_OK, 0, 0, NULL, NULL },
		{ "no header: gSOAP parses the XML at once", IN("\r\n" DOC("<a>&#0;</a>")), GUARD_CHARREF, 0, 0, NULL, NULL },
		{ "no header, clean", IN(DOC(PT)), GUARD_OK, 0, 0, NULL, NULL },
		{ "raw gzip with no header (1F is no blank)", IN("\x1f\x8b\x08\x00"), GUARD_CONTROL, 0, 0, NULL, NULL },
		{ "empty input", "", 0, GUARD_OK, 0, 0, NULL, NULL },
	};

	(void)state;
	run_rows(rows, N_ELEMS(rows));
}

/* gSOAP reads a second header block after a "100" status line, so the empty-line
 * search can end the header too early; what it then scanned as body was header.
 * guard_body_starts, called where gSOAP's fparse returns, starts the body afresh. */
static void test_header_ends_where_gsoap_says(void **state)
{
	char block1[] = "X 100 Continue\r\n\r\n";
	char block2[] = "POST / HTTP/1.1\r\nX-Junk: <!--\r\nContent-Length: 99\r\n\r\n";
	char body[] = "<a>&#0;</a>";
	struct guard g;

	(void)state;
	guard_begin(&g, MAX_ATTR, 0);
	assert_int_equal(guard_scan(&g, block1, sizeof block1 - 1), GUARD_OK);
	assert_true(g.in_body); /* the empty-line search says: body */
	assert_int_equal(guard_scan(&g, block2, sizeof block2 - 1), GUARD_OK); /* "<!--" opens a comment */
	guard_body_starts(&g); /* gSOAP's fparse returns here */
	assert_int_equal(guard_scan(&g, body, sizeof body - 1), GUARD_CHARREF);

	/* without it the body would sit inside that comment, unchecked */
	guard_begin(&g, MAX_ATTR, 0);
	assert_int_equal(guard_scan(&g, block1, sizeof block1 - 1), GUARD_OK);
	assert_int_equal(guard_scan(&g, block2, sizeof block2 - 1), GUARD_OK);
	assert_int_equal(guard_scan(&g, body, sizeof body - 1), GUARD_OK);
}

/* ---- well-formed messages pass ---------------------------------------------- */

static void test_normal(void **state)
{
	static const struct row rows[] = {
		{ "Portuguese text", IN(DOC(PT)), GUARD_OK, F_BODY, 0, NULL, NULL },
		{ "no declaration", IN(ENV(PT)), GUARD_OK, F_BODY, 0, NULL, NULL },
		{ "BOM and declaration", IN("\xef\xbb\xbf" DOC(PT)), GUARD_OK, F_BODY, 0, NULL, NULL },
		{ "BOM, no declaration", IN("\xef\xbb\xbf" ENV(PT)), GUARD_OK, F_BODY, 0, NULL, NULL },
		{ "blanks before the declaration", IN("\r\n  " DOC(PT)), GUARD_OK, F_BODY, 0, NULL, NULL },
		{ "SOAP 1.2 with header, attributes, comments, CDATA, PI",
		  IN(DECL "<?xml-stylesheet href='a.xsl'?><!-- comentário: ação -->\n"
		     "<env:Envelope xmlns:env=\"http://www.w3.org/2003/05/soap-envelope\" xmlns:xsi='http://www.w3.org/2001/XMLSchema-instance'>"
		     "<env:Header><w:Id env:mustUnderstand=\"true\" xmlns:w=\"urn:w\">a&amp;b &lt;&gt; &quot;&apos;</w:Id></env:Header>"
		     "<env:Body><m:op xmlns:m=\"urn:x\"><m:q xsi:nil=\"true\"/><m:q a = \"1\" b='&#x20AC;&#65;&#9;&#10;&#13;' />"
		     "<m:t><![CDATA[<b c d>&#0; ]] ]]]></m:t><m:t>\t tab\r\nCRLF &#xFFFD;&#99999;</m:t>"
		     "</m:op></env:Body></env:Envelope>"), GUARD_OK, F_BODY, 0, NULL, NULL },
		{ "non-breaking space and 4-byte UTF-8", IN(DOC("<a>\xc2\xa0\xf0\x9f\x98\x80\xf4\x8f\xbf\xbd</a>")), GUARD_OK, F_BODY, 0, NULL, NULL },
		{ "'>' and ']]>' in text and values", IN(DOC("<a b=\"x>y\">1 > 0 ]]></a>")), GUARD_OK, F_BODY, 0, NULL, NULL },
		{ "blanks after '<' (gSOAP skips them)", IN(DOC("< a>x</a>")), GUARD_OK, F_BODY, 0, NULL, NULL },
	};

	(void)state;
	run_rows(rows, N_ELEMS(rows));
}

/* ---- DTDs and entities ------------------------------------------------------ */

static void test_dtd(void **state)
{
	static const struct row rows[] = {
		{ "DOCTYPE with internal subset",
		  IN(DECL "<!DOCTYPE x [<!ENTITY e \"boom\">]>" ENV("<a>&e;</a>")), GUARD_DTD, F_BODY, 0, NULL, NULL },
		{ "lower-case doctype", IN(DECL "<!doctype x>" ENV("")), GUARD_DTD, F_BODY, 0, NULL, NULL },
		{ "mixed case DocType", IN(DECL "<!DocType x>" ENV("")), GUARD_DTD, F_BODY, 0, NULL, NULL },
		{ "ENTITY alone", IN(DOC("<a><!ENTITY x SYSTEM \"file:///etc/passwd\"></a>")), GUARD_DTD, F_BODY, 0, NULL, NULL },
		{ "blank between '<' and '!'", IN(DECL "<  !DOCTYPE x>" ENV("")), GUARD_DTD, F_BODY, 0, NULL, NULL },
		{ "DOCTYPE inside a comment", IN(DOC("<!-- <!DOCTYPE x> -->")), GUARD_DTD, F_BODY, 0, NULL, NULL },
		{ "DOCTYPE inside CDATA", IN(DOC("<a><![CDATA[<!DOCTYPE x>]]></a>")), GUARD_DTD, F_BODY, 0, NULL, NULL },
		{ "undefined entity", IN(DOC("<a>&foo;</a>")), GUARD_DTD, F_BODY, 0, NULL, NULL },
		{ "HTML entity gSOAP would map", IN(DOC("<a>&eacute;</a>")), GUARD_DTD, F_BODY, 0, NULL, NULL },
		{ "entity in attribute value", IN(DOC("<a b=\"&nbsp;\"/>")), GUARD_DTD, F_BODY, 0, NULL, NULL },
		{ "entity name longer than gSOAP reads", IN(DOC("<a>&verylongname;</a>")), GUARD_DTD, F_BODY, 0, NULL, NULL },
		{ "predefined entities are fine", IN(DOC("<a>&lt;&gt;&amp;&quot;&apos;</a>")), GUARD_OK, F_BODY, 0, NULL, NULL },
		{ "the word DOCTYPE in text is fine", IN(DOC("<a>DOCTYPE ENTITY &lt;!DOCTYPE</a>")), GUARD_OK, F_BODY, 0, NULL, NULL },
	};

	(void)state;
	run_rows(rows, N_ELEMS(rows));
}

/* ---- UTF-8 ------------------------------------------------------------------ */

static void test_utf8(void **state)
{
	static const struct row rows[] = {
		{ "overlong C0 A7 (')", IN(DOC("<a>x\xc0\xa7</a>")), GUARD_UTF8, F_BODY, 0, NULL, NULL },
		{ "overlong C0 BC (<)", IN(DOC("<a>x\xc0\xbc</a>")), GUARD_UTF8, F_BODY, 0, NULL, NULL },
		{ "overlong C1 BF", IN(DOC("<a>\xc1\xbf</a>")), GUARD_UTF8, F_BODY, 0, NULL, NULL },
		{ "overlong E0 80 80", IN(DOC("<a>\xe0\x80\x80</a>")), GUARD_UTF8, F_BODY, 0, NULL, NULL },
		{ "overlong F0 80 80 80", IN(DOC("<a>\xf0\x80\x80\x80</a>")), GUARD_UTF8, F_BODY, 0, NULL, NULL },
		{ "surrogate ED A0 80", IN(DOC("<a>\xed\xa0\x80</a>")), GUARD_UTF8, F_BODY, 0, NULL, NULL },
		{ "surrogate ED BF BF", IN(DOC("<a>\xed\xbf\xbf</a>")), GUARD_UTF8, F_BODY, 0, NULL, NULL },
		{ "above U+10FFFF: F4 90 80 80", IN(DOC("<a>\xf4\x90\x80\x80</a>")), GUARD_UTF8, F_BODY, 0, NULL, NULL },
		{ "F5 lead", IN(DOC("<a>\xf5\x80\x80\x80</a>")), GUARD_UTF8, F_BODY, 0, NULL, NULL },
		{ "lone FF FE", IN(DOC("<a>\xff\xfe</a>")), GUARD_UTF8, F_BODY, 0, NULL, NULL },
		{ "FF FE at body start (UTF-16 BOM)", IN("\xff\xfe<\0?\0x\0"), GUARD_UTF8, F_BODY, 0, NULL, NULL },
		{ "stray continuation byte", IN(DOC("<a>\x80</a>")), GUARD_UTF8, F_BODY, 0, NULL, NULL },
		{ "truncated sequence before '<'", IN(DOC("<a>\xc3</a>")), GUARD_UTF8, F_BODY, 0, NULL, NULL },
		{ "truncated 3-byte sequence", IN(DOC("<a>\xe2\x82</a>")), GUARD_UTF8, F_BODY, 0, NULL, NULL },
		{ "lead byte where continuation expected", IN(DOC("<a>\xc3\xc3\xa7</a>")), GUARD_UTF8, F_BODY, 0, NULL, NULL },
		{ "truncated at end of message", IN(DOC("") "\xe2\x82"), GUARD_UTF8, F_BODY, 0, NULL, NULL },
		{ "noncharacter U+FFFE", IN(DOC("<a>\xef\xbf\xbe</a>")), GUARD_UTF8, F_BODY, 0, NULL, NULL },
		{ "noncharacter U+FFFF", IN(DOC("<a>\xef\xbf\xbf</a>")), GUARD_UTF8, F_BODY, 0, NULL, NULL },
		{ "invalid UTF-8 in attribute name", IN(DOC("<a b\xc0\xbc=\"1\"/>")), GUARD_UTF8, F_BODY, 0, NULL, NULL },
		{ "invalid UTF-8 in comment", IN(DOC("<!-- \xed\xa0\x80 -->")), GUARD_UTF8, F_BODY, 0, NULL, NULL },
		{ "undeclared Latin-1 bytes are not UTF-8", IN(ENV("<a>\xe7\xe3o</a>")), GUARD_UTF8, F_BODY, 0, NULL, NULL },
	};

	(void)state;
	run_rows(rows, N_ELEMS(rows));
}

/* ---- control characters ----------------------------------------------------- */

static void test_control(void **state)
{
	static const struct row rows[] = {
		{ "SOH in text", IN(DOC("<a>x\x01y</a>")), GUARD_CONTROL, F_BODY, 0, NULL, NULL },
		{ "NUL in text", IN(DOC("<a>x\0y</a>")), GUARD_CONTROL, F_BODY, 0, NULL, NULL },
		{ "VT and FF", IN(DOC("<a>\x0b\x0c</a>")), GUARD_CONTROL, F_BODY, 0, NULL, NULL },
		{ "US (0x1F)", IN(DOC("<a>\x1f</a>")), GUARD_CONTROL, F_BODY, 0, NULL, NULL },
		{ "DEL (0x7F, gSOAP's unknown-entity mark)", IN(DOC("<a>\x7f</a>")), GUARD_CONTROL, F_BODY, 0, NULL, NULL },
		{ "ESC in attribute value", IN(DOC("<a b=\"\x1b[31m\"/>")), GUARD_CONTROL, F_BODY, 0, NULL, NULL },
		{ "control in comment", IN(DOC("<!-- \x02 -->")), GUARD_CONTROL, F_BODY, 0, NULL, NULL },
		{ "C1 NEL (C2 85) in a UTF-8 body", IN(DOC("<a>\xc2\x85</a>")), GUARD_CONTROL, F_BODY, 0, NULL, NULL },
		{ "C1 (C2 80) in a UTF-8 body", IN(DOC("<a>\xc2\x80</a>")), GUARD_CONTROL, F_BODY, 0, NULL, NULL },
		{ "tab, CR, LF are fine", IN(DOC("<a>\t\r\n</a>\r\n")), GUARD_OK, F_BODY, 0, NULL, NULL },
	};

	(void)state;
	run_rows(rows, N_ELEMS(rows));
}

/* ---- character references --------------------------------------------------- */

static void test_charref(void **state)
{
	static const struct row rows[] = {
		{ "&#0;", IN(DOC("<a>x&#0;y</a>")), GUARD_CHARREF, F_BODY, 0, NULL, NULL },
		{ "&#x0;", IN(DOC("<a>&#x0;</a>")), GUARD_CHARREF, F_BODY, 0, NULL, NULL },
		{ "&#1;", IN(DOC("<a>&#1;</a>")), GUARD_CHARREF, F_BODY, 0, NULL, NULL },
		{ "&#8;", IN(DOC("<a>&#8;</a>")), GUARD_CHARREF, F_BODY, 0, NULL, NULL },
		{ "&#11;", IN(DOC("<a>&#11;</a>")), GUARD_CHARREF, F_BODY, 0, NULL, NULL },
		{ "&#12;", IN(DOC("<a>&#12;</a>")), GUARD_CHARREF, F_BODY, 0, NULL, NULL },
		{ "&#14;", IN(DOC("<a>&#14;</a>")), GUARD_CHARREF, F_BODY, 0, NULL, NULL },
		{ "&#x1F;", IN(DOC("<a>&#x1F;</a>")), GUARD_CHARREF, F_BODY, 0, NULL, NULL },
		{ "&#xD800;", IN(DOC("<a>&#xD800;</a>")), GUARD_CHARREF, F_BODY, 0, NULL, NULL },
		{ "&#xdfff;", IN(DOC("<a>&#xdfff;</a>")), GUARD_CHARREF, F_BODY, 0, NULL, NULL },
		{ "&#xFFFE;", IN(DOC("<a>&#xFFFE;</a>")), GUARD_CHARREF, F_BODY, 0, NULL, NULL },
		{ "&#65535;", IN(DOC("<a>&#65535;</a>")), GUARD_CHARREF, F_BODY, 0, NULL, NULL },
		{ "&#0; in attribute value", IN(DOC("<a b=\"&#0;\"/>")), GUARD_CHARREF, F_BODY, 0, NULL, NULL },
		{ "astral via 5 hex digits (gSOAP adds ';')", IN(DOC("<a>&#x1F600;</a>")), GUARD_CHARREF, F_BODY, 0, NULL, NULL },
		{ "astral via 6 decimal digits", IN(DOC("<a>&#128512;</a>")), GUARD_CHARREF, F_BODY, 0, NULL, NULL },
		{ "leading zeros past gSOAP's read", IN(DOC("<a>&#0000065;</a>")), GUARD_CHARREF, F_BODY, 0, NULL, NULL },
		{ "absurdly long", IN(DOC("<a>&#000000000000065;</a>")), GUARD_CHARREF, F_BODY, 0, NULL, NULL },
		{ "beyond U+10FFFF", IN(DOC("<a>&#x110000;</a>")), GUARD_CHARREF, F_BODY, 0, NULL, NULL },
		{ "&#; (gSOAP reads NUL)", IN(DOC("<a>&#;</a>")), GUARD_CHARREF, F_BODY, 0, NULL, NULL },
		{ "&#x;", IN(DOC("<a>&#x;</a>")), GUARD_CHARREF, F_BODY, 0, NULL, NULL },
		{ "bad hex digit", IN(DOC("<a>&#x4G;</a>")), GUARD_CHARREF, F_BODY, 0, NULL, NULL },
		{ "bad decimal digit", IN(DOC("<a>&#12a;</a>")), GUARD_CHARREF, F_BODY, 0, NULL, NULL },
		{ "bare ampersand", IN(DOC("<a>AT&T</a>")), GUARD_CHARREF, F_BODY, 0, NULL, NULL },
		{ "ampersand and blank", IN(DOC("<a>a & b</a>")), GUARD_CHARREF, F_BODY, 0, NULL, NULL },
		{ "reference cut by end of message", IN(DOC("") "&#65"), GUARD_CHARREF, F_BODY, 0, NULL, NULL },
		{ "&#65; is fine", IN(DOC("<a>&#65;</a>")), GUARD_OK, F_BODY, 0, NULL, NULL },
		{ "&#x41; &#X41; &#9; &#xA; &#13; are fine", IN(DOC("<a>&#x41;&#X41;&#9;&#xA;&#13;</a>")), GUARD_OK, F_BODY, 0, NULL, NULL },
		{ "&#xFFFD; &#99999; &#xE000; &#x00E7; are fine", IN(DOC("<a>&#xFFFD;&#99999;&#xE000;&#x00E7;</a>")), GUARD_OK, F_BODY, 0, NULL, NULL },
		{ "&#x10000; (7 characters, gSOAP adds ';')", IN(DOC("<a>&#x10000;</a>")), GUARD_CHARREF, F_BODY, 0, NULL, NULL },
		{ "references in comments and CDATA are text", IN(DOC("<!-- &#0; & --><a><![CDATA[&#0; AT&T]]></a>")), GUARD_OK, F_BODY, 0, NULL, NULL },
	};

	(void)state;
	run_rows(rows, N_ELEMS(rows));
}

/* ---- attributes --------------------------------------------------------------- */

/* n attributes on one element (plus none elsewhere), as a body without declaration. */
static char *many_attributes(int n, size_t *len)
{
	size_t size = 64 + (size_t)n * 16;
	char *s = malloc(size);
	size_t p;
	int k;

	assert_non_null(s);
	p = (size_t)snprintf(s, size, "<a");
	for (k = 0; k < n; k++)
		p += (size_t)snprintf(s + p, size - p, " a%d=\"%d\"", k, k);
	p += (size_t)snprintf(s + p, size - p, "/>");
	*len = p;
	return s;
}

static void test_attribute_flood(void **state)
{
	struct row r = { NULL, NULL, 0, GUARD_OK, F_BODY, MAX_ATTR, NULL, NULL };
	char *s;

	(void)state;
	s = many_attributes(3000, &r.len);
	r.name = "3000 attributes, max 2000";
	r.in = s;
	r.want = GUARD_ATTRIBUTES;
	run_row(&r);
	free(s);

	s = many_attributes(MAX_ATTR, &r.len);
	r.name = "exactly max attributes";
	r.in = s;
	r.want = GUARD_OK;
	run_row(&r);
	free(s);

	s = many_attributes(MAX_ATTR + 1, &r.len);
	r.name = "max + 1 attributes";
	r.in = s;
	r.want = GUARD_ATTRIBUTES;
	run_row(&r);
	free(s);
}

static void test_attributes(void **state)
{
	static const struct row rows[] = {
		{ "namespace declarations count", IN("<a xmlns=\"u\" xmlns:b=\"v\" xmlns:c=\"w\"/>"), GUARD_ATTRIBUTES, F_BODY, 2, NULL, NULL },
		{ "attributes add up across elements", IN("<a x=\"1\"><b y=\"2\"/><c z='3'/></a>"), GUARD_ATTRIBUTES, F_BODY, 2, NULL, NULL },
		{ "within the cap", IN("<a x=\"1\"><b y=\"2\"/></a>"), GUARD_OK, F_BODY, 2, NULL, NULL },
		{ "end tags carry none", IN("<a x=\"1\"></a ><b/></b>"), GUARD_OK, F_BODY, 1, NULL, NULL },
		{ "no cap when max <= 0", IN("<a x=\"1\" y=\"2\" z=\"3\"/>"), GUARD_OK, F_BODY, -1, NULL, NULL },
		{ "unquoted value", IN(DOC("<a b=1>x</a>")), GUARD_ATTRIBUTES, F_BODY, 0, NULL, NULL },
		{ "value missing", IN(DOC("<a b>x</a>")), GUARD_ATTRIBUTES, F_BODY, 0, NULL, NULL },
		{ "value missing before '/'", IN(DOC("<a b/>")), GUARD_ATTRIBUTES, F_BODY, 0, NULL, NULL },
		{ "'=' without a name", IN(DOC("<a =\"1\"/>")), GUARD_ATTRIBUTES, F_BODY, 0, NULL, NULL },
		{ "'<' in a value", IN(DOC("<a b=\"/></x><c d e f/>\"/>")), GUARD_ATTRIBUTES, F_BODY, 0, NULL, NULL },
		{ "'<' in a tag", IN(DOC("<a<b c=\"1\">")), GUARD_ATTRIBUTES, F_BODY, 0, NULL, NULL },
		{ "no blank between attributes", IN(DOC("<a b=\"1\"c=\"2\"/>")), GUARD_ATTRIBUTES, F_BODY, 0, NULL, NULL },
		{ "'/' not followed by '>'", IN(DOC("<a b=\"1\"/ >")), GUARD_ATTRIBUTES, F_BODY, 0, NULL, NULL },
		{ "empty tag name", IN(DOC("<>")), GUARD_ATTRIBUTES, F_BODY, 0, NULL, NULL },
		{ "'&' in a name", IN(DOC("<a&b c=\"1\"/>")), GUARD_ATTRIBUTES, F_BODY, 0, NULL, NULL },
		/* markup skipped the way gSOAP skips it: what gSOAP parses as a tag is counted */
		{ "comment hides a tag", IN("<a x=\"1\"><!-- <b c=\"1\" d=\"2\"> --></a>"), GUARD_OK, F_BODY, 1, NULL, NULL },
		{ "gSOAP ends a comment at '>' after '--'",
		  IN("<a x=\"1\"><!-- -- > <b c=\"1\" d=\"2\"> --></a>"), GUARD_ATTRIBUTES, F_BODY, 1, NULL, NULL },
		{ "CDATA hides a tag", IN("<a x=\"1\"><![CDATA[<b c=\"1\" d=\"2\">]]></a>"), GUARD_OK, F_BODY, 1, NULL, NULL },
		{ "']]]>' closes CDATA", IN("<a x=\"1\"><![CDATA[x]]]><b c=\"1\"/></a>"), GUARD_ATTRIBUTES, F_BODY, 1, NULL, NULL },
		{ "PI hides a tag", IN("<a x=\"1\"><?pi <b c=\"1\" d=\"2\">?></a>"), GUARD_OK, F_BODY, 1, NULL, NULL },
		{ "<%...%> nests like gSOAP", IN("<a x=\"1\"><% <b c=\"1\"> %><d e=\"1\"/></a>"), GUARD_ATTRIBUTES, F_BODY, 1, NULL, NULL },
		{ "nested '<' '>' inside <!...> stay hidden", IN("<a x=\"1\"><!x <b> <c d=\"1\" e=\"2\"> ></a>"), GUARD_OK, F_BODY, 1, NULL, NULL },
		{ "<!x ...> balances '<' '>'", IN("<a x=\"1\"><!x <b c=\"1\"> ><d e=\"1\"/></a>"), GUARD_ATTRIBUTES, F_BODY, 1, NULL, NULL },
	};

	(void)state;
	run_rows(rows, N_ELEMS(rows));
}

/* ---- the XML declaration ------------------------------------------------------- */

#define LONG_DECL "<?xml version=\"1.0\"                                        encoding=\"ISO-8859-1\"?>"

static void test_declaration(void **state)
{
	static const struct row rows[] = {
		{ "UTF-8", IN(DOC(PT)), GUARD_OK, F_BODY, 0, NULL, NULL },
		{ "utf8", IN("<?xml version=\"1.0\" encoding=\"utf8\"?>" ENV(PT)), GUARD_OK, F_BODY, 0, NULL, NULL },
		{ "version only", IN("<?xml version='1.0'?>" ENV(PT)), GUARD_OK, F_BODY, 0, NULL, NULL },
		{ "standalone and trailing blank", IN("<?xml version=\"1.0\" encoding=\"UTF-8\" standalone=\"yes\" ?>" ENV(PT)), GUARD_OK, F_BODY, 0, NULL, NULL },
		{ "blanks around '=' with UTF-8", IN("<?xml version = \"1.0\" encoding = \"UTF-8\"?>" ENV(PT)), GUARD_OK, F_BODY, 0, NULL, NULL },
		{ "UTF-16", IN("<?xml version=\"1.0\" encoding=\"UTF-16\"?>" ENV("")), GUARD_ENCODING, F_BODY, 0, NULL, NULL },
		{ "EBCDIC", IN("<?xml version=\"1.0\" encoding=\"EBCDIC-CP-US\"?>" ENV("")), GUARD_ENCODING, F_BODY, 0, NULL, NULL },
		{ "ISO-8859-15 (gSOAP would read Latin-1)", IN("<?xml version=\"1.0\" encoding=\"ISO-8859-15\"?>" ENV("")), GUARD_ENCODING, F_BODY, 0, NULL, NULL },
		{ "iso8859-1 (gSOAP reads UTF-8)", IN("<?xml version=\"1.0\" encoding=\"iso8859-1\"?>" ENV("")), GUARD_ENCODING, F_BODY, 0, NULL, NULL },
		{ "US-ASCII", IN("<?xml version=\"1.0\" encoding=\"US-ASCII\"?>" ENV("")), GUARD_ENCODING, F_BODY, 0, NULL, NULL },
		{ "Latin-1 behind \"encoding = \" (gSOAP misses it)",
		  IN("<?xml version=\"1.0\" encoding = \"ISO-8859-1\"?>" ENV("")), GUARD_ENCODING, F_BODY, 0, NULL, NULL },
		{ "Latin-1 label past gSOAP's 63 bytes", IN(LONG_DECL ENV("")), GUARD_ENCODING, F_BODY, 0, NULL, NULL },
		{ "declaration over 127 bytes",
		  IN("<?xml version=\"1.0\"                                                                                                              encoding=\"UTF-8\"?>" ENV("")),
		  GUARD_ENCODING, F_BODY, 0, NULL, NULL },
		{ "BOM with a Latin-1 declaration", IN("\xef\xbb\xbf<?xml version=\"1.0\" encoding=\"ISO-8859-1\"?>" ENV("")), GUARD_ENCODING, F_BODY, 0, NULL, NULL },
		{ "declaration after a comment", IN("<!-- x --><?xml version=\"1.0\" encoding=\"ISO-8859-1\"?>" ENV("")), GUARD_ENCODING, F_BODY, 0, NULL, NULL },
		{ "second declaration mid-message", IN(DECL ENV_OPEN "<?xml version=\"1.0\" encoding=\"ISO-8859-1\"?>" ENV_CLOSE), GUARD_ENCODING, F_BODY, 0, NULL, NULL },
		{ "second declaration after blanks after '<'", IN(DECL ENV_OPEN "< ?xml encoding=\"utf-8\"?>" ENV_CLOSE), GUARD_ENCODING, F_BODY, 0, NULL, NULL },
		{ "upper-case XML target", IN("<?XML version=\"1.0\"?>" ENV("")), GUARD_ENCODING, F_BODY, 0, NULL, NULL },
		{ "unknown pseudo-attribute", IN("<?xml version=\"1.0\" foo=\"bar\"?>" ENV("")), GUARD_ENCODING, F_BODY, 0, NULL, NULL },
		{ "no version", IN("<?xml encoding=\"UTF-8\"?>" ENV("")), GUARD_ENCODING, F_BODY, 0, NULL, NULL },
		{ "'?' not followed by '>'", IN("<?xml version=\"1.0\"? >" ENV("")), GUARD_ENCODING, F_BODY, 0, NULL, NULL },
		{ "non-ASCII in the declaration", IN("<?xml version=\"1.0\" encoding=\"UTF-8\" \xc3\xa7?>" ENV("")), GUARD_ENCODING, F_BODY, 0, NULL, NULL },
		{ "other PIs are fine", IN(DOC("<?xml-stylesheet href=\"x\"?><?pi xml ?>")), GUARD_OK, F_BODY, 0, NULL, NULL },
	};

	(void)state;
	run_rows(rows, N_ELEMS(rows));
}

/* ---- Latin-1 ---------------------------------------------------------------------- */

#define LATIN_DECL(label) "<?xml version=\"1.0\" encoding=\"" label "\"?>\n"

static void test_latin(void **state)
{
	static const struct row rows[] = {
		{ "ISO-8859-1 with ç ã", IN(LATIN_DECL("ISO-8859-1") ENV("<a>\xe7 \xe3 \xa3</a>")), GUARD_OK, F_BODY | F_LATIN, 0, NULL, NULL },
		{ "iso_8859-1", IN(LATIN_DECL("iso_8859-1") ENV("<a>\xe7</a>")), GUARD_OK, F_BODY | F_LATIN, 0, NULL, NULL },
		{ "latin1", IN(LATIN_DECL("latin1") ENV("<a>\xe7</a>")), GUARD_OK, F_BODY | F_LATIN, 0, NULL, NULL },
		{ "LATIN-1, single quotes, tab",
		  IN("<?xml version='1.0'\tencoding='LATIN-1'?>" ENV("<a>\xe7</a>")), GUARD_OK, F_BODY | F_LATIN, 0, NULL, NULL },
		{ "blank after '<' (gSOAP reads it)", IN("< ?xml version=\"1.0\" encoding=\"ISO-8859-1\"?>" ENV("<a>\xe7</a>")), GUARD_OK, F_BODY | F_LATIN, 0, NULL, NULL },
		{ "with HTTP header", IN(HDR LATIN_DECL("ISO-8859-1") ENV("<a>\xe7</a>")), GUARD_OK, F_LATIN, 0, NULL, NULL },
		{ "bytes invalid as UTF-8 are Latin-1 letters", IN(LATIN_DECL("ISO-8859-1") ENV("<a>\xc0\xbc \xff\xfe \xed\xa0\x80</a>")), GUARD_OK, F_BODY | F_LATIN, 0, NULL, NULL },
		{ "C1 range allowed in Latin bodies", IN(LATIN_DECL("ISO-8859-1") ENV("<a>\x80\x85\x9f</a>")), GUARD_OK, F_BODY | F_LATIN, 0, NULL, NULL },
		{ "C0 control in a Latin body", IN(LATIN_DECL("ISO-8859-1") ENV("<a>\x01</a>")), GUARD_CONTROL, F_BODY | F_LATIN, 0, NULL, NULL },
		{ "DEL in a Latin body", IN(LATIN_DECL("ISO-8859-1") ENV("<a>\x7f</a>")), GUARD_CONTROL, F_BODY | F_LATIN, 0, NULL, NULL },
		{ "UTF-8 BOM before an element (gSOAP leaves Latin-1)",
		  IN(LATIN_DECL("ISO-8859-1") ENV_OPEN "\xef\xbb\xbf<a>\xc0\xbc</a>" ENV_CLOSE), GUARD_ENCODING, F_BODY | F_LATIN, 0, NULL, NULL },
		{ "BOM right after an EF byte", IN(LATIN_DECL("ISO-8859-1") ENV("<a>\xef\xef\xbb\xbf</a>")), GUARD_ENCODING, F_BODY | F_LATIN, 0, NULL, NULL },
		{ "EF BB without BF is text", IN(LATIN_DECL("ISO-8859-1") ENV("<a>\xef\xbb\xef\xbb</a>")), GUARD_OK, F_BODY | F_LATIN, 0, NULL, NULL },
		{ "charref rules hold in Latin bodies", IN(LATIN_DECL("ISO-8859-1") ENV("<a>&#0;</a>")), GUARD_CHARREF, F_BODY | F_LATIN, 0, NULL, NULL },
		{ "DTD rule holds in Latin bodies", IN(LATIN_DECL("ISO-8859-1") "<!DOCTYPE x>" ENV("")), GUARD_DTD, F_BODY | F_LATIN, 0, NULL, NULL },
	};

	(void)state;
	run_rows(rows, N_ELEMS(rows));
}

/* ---- windows-1252 relabel ------------------------------------------------------- */

static void test_cp1252(void **state)
{
	static const struct row rows[] = {
		{ "windows-1252 with € and curly quotes",
		  IN(LATIN_DECL("windows-1252") ENV("<a>\x80 \x93x\x94 \x96 \xe7</a>")), GUARD_OK, F_BODY | F_CP1252,
		  0, "windows-1252", "latin1-w1252" },
		{ "WINDOWS-1252 upper case", IN(LATIN_DECL("WINDOWS-1252") ENV("<a>\x80</a>")), GUARD_OK, F_BODY | F_CP1252,
		  0, "WINDOWS-1252", "latin1-w1252" },
		{ "cp1252", IN(LATIN_DECL("cp1252") ENV("<a>\x80</a>")), GUARD_OK, F_BODY | F_CP1252, 0, "cp1252", "latin1" },
		{ "x-cp1252, single quotes",
		  IN("<?xml version='1.0' encoding='x-cp1252'?>" ENV("<a>\x80</a>")), GUARD_OK, F_BODY | F_CP1252, 0, "x-cp1252", "latin1-x" },
		{ "with HTTP header", IN(HDR LATIN_DECL("windows-1252") ENV("<a>\x93\x94</a>")), GUARD_OK, F_CP1252,
		  0, "windows-1252", "latin1-w1252" },
		{ "control still refused", IN(LATIN_DECL("windows-1252") ENV("<a>\x02</a>")), GUARD_CONTROL, F_BODY | F_CP1252,
		  0, "windows-1252", "latin1-w1252" },
		{ "split anywhere, even inside the label",
		  IN(HDR "<?xml version=\"1.0\" encoding=\"Windows-1252\" standalone=\"yes\"?>" ENV("<a>\x93\x94</a>")),
		  GUARD_OK, F_CP1252, 0, "Windows-1252", "latin1-w1252" },
		/* refused requests may keep a (partly) rewritten label: gSOAP never parses them */
		{ "windows-1252 hidden from gSOAP by blanks",
		  IN("<?xml version=\"1.0\" encoding = \"windows-1252\"?>" ENV("")), GUARD_ENCODING, F_BODY,
		  0, "windows-1252", "latin1-w1252" },
		{ "windows-1250 is not windows-1252", IN(LATIN_DECL("windows-1250") ENV("")), GUARD_ENCODING, F_BODY,
		  0, "windows-1250", "latin1-w1250" },
		{ "cp1252x is not cp1252", IN(LATIN_DECL("cp1252x") ENV("")), GUARD_ENCODING, F_BODY, 0, "cp1252x", "latin1x" },
		{ "cp125 is not cp1252", IN(LATIN_DECL("cp125") ENV("")), GUARD_ENCODING, F_BODY, 0, "cp125", "latin" },
		{ "label starting with w, unknown", IN(LATIN_DECL("wtf-8") ENV("")), GUARD_ENCODING, F_BODY, 0, "wtf-8", "ltf-8" },
	};

	(void)state;
	run_rows(rows, N_ELEMS(rows));
}

/* The relabel checked byte by byte, the way service/soap/wire.c will see it. */
static void test_cp1252_bytes(void **state)
{
	char buf[] = "<?xml version=\"1.0\" encoding=\"windows-1252\"?><a>\x80</a>";
	struct guard g;

	(void)state;
	guard_begin(&g, MAX_ATTR, 0);
	guard_body_starts(&g);
	assert_int_equal(guard_scan(&g, buf, sizeof buf - 1), GUARD_OK);
	assert_string_equal(buf, "<?xml version=\"1.0\" encoding=\"latin1-w1252\"?><a>\x80</a>");
	assert_true(g.latin);
	assert_true(g.cp1252);
}

/* ---- API contract --------------------------------------------------------------- */

static void test_sticky_failure(void **state)
{
	char bad[] = "<!DOCTYPE x>";
	char good[] = "<a>ok</a>";
	char utf[] = "\xc0\xbc";
	struct guard g;

	(void)state;
	guard_begin(&g, MAX_ATTR, 0);
	guard_body_starts(&g);
	assert_int_equal(guard_scan(&g, bad, sizeof bad - 1), GUARD_DTD);
	assert_int_equal(guard_scan(&g, good, sizeof good - 1), GUARD_DTD);
	assert_int_equal(guard_scan(&g, utf, sizeof utf - 1), GUARD_DTD);
	assert_int_equal(guard_scan(&g, NULL, 0), GUARD_DTD);
	guard_body_starts(&g); /* a new body start keeps the failure */
	assert_int_equal(guard_scan(&g, good, sizeof good - 1), GUARD_DTD);

	/* guard_begin starts over */
	guard_begin(&g, MAX_ATTR, 0);
	guard_body_starts(&g);
	assert_int_equal(guard_scan(&g, good, sizeof good - 1), GUARD_OK);
}

static void test_body_starts(void **state)
{
	char hdr[] = "POST / HTTP/1.1\r\nHost: x";
	char body[] = "<a>\xc0\xbc</a>";
	struct guard g;

	(void)state;
	/* the caller ends the header itself (gSOAP parsed it): the next bytes are body */
	guard_begin(&g, MAX_ATTR, 0);
	assert_int_equal(guard_scan(&g, hdr, sizeof hdr - 1), GUARD_OK);
	assert_false(g.in_body);
	guard_body_starts(&g);
	guard_body_starts(&g); /* idempotent */
	assert_true(g.in_body);
	assert_int_equal(guard_scan(&g, body, sizeof body - 1), GUARD_UTF8);
}

/* The wiring recommended in guard.h, replayed on the calls gSOAP 2.8.124 was
 * measured to make: the header buffer raw (chunk size line, gzip bytes after the
 * header), then fparse returns, then the body de-chunked or inflated, then 0. */
static void replay(char *raw, size_t rawlen, char *body, size_t bodylen, enum guard_reason want)
{
	struct guard g;

	guard_begin(&g, MAX_ATTR, 0); /* soap->count == 0 */
	assert_int_equal(guard_scan(&g, raw, rawlen), GUARD_OK);
	guard_body_starts(&g); /* fparse wrapper */
	assert_int_equal(guard_scan(&g, body, bodylen), want);
	assert_int_equal(guard_scan(&g, NULL, 0), want);
}

static void test_gsoap_wiring_replay(void **state)
{
	char chunked[] = "POST / HTTP/1.1\r\nTransfer-Encoding: chunked\r\n\r\neb\r\n<?xml version=\"1.0\"?><a>\xc3\xa7</a>\r\n0\r\n\r\n";
	char gzipped[] = "POST / HTTP/1.1\r\nContent-Encoding: gzip\r\n\r\n\x1f\x8b\x08\x00\x00\x00\x00\x00\x00\x03\xed\xa0\x80\x01<?xml";
	char body[] = "<?xml version=\"1.0\"?><a>\xc3\xa7</a>";
	char bad[] = "<?xml version=\"1.0\"?><a>\xc0\xbc</a>";
	char cp[] = "<?xml version=\"1.0\" encoding=\"windows-1252\"?><a>\x80</a>";

	(void)state;
	replay(chunked, sizeof chunked - 1, body, sizeof body - 1, GUARD_OK);
	replay(gzipped, sizeof gzipped - 1, body, sizeof body - 1, GUARD_OK);
	replay(chunked, sizeof chunked - 1, bad, sizeof bad - 1, GUARD_UTF8);
	replay(gzipped, sizeof gzipped - 1, cp, sizeof cp - 1, GUARD_OK);
	assert_non_null(strstr(cp, "latin1-w1252")); /* relabelled in the buffer gSOAP parses */
}

static void test_reason_text(void **state)
{
	enum guard_reason r;
	size_t i, j;
	const char *texts[GUARD_ENCODING + 1];

	(void)state;
	for (r = GUARD_OK; r <= GUARD_ENCODING; r++) {
		texts[r] = guard_reason_text(r);
		assert_non_null(texts[r]);
		assert_true(strlen(texts[r]) > 10);
	}
	for (i = 0; i < N_ELEMS(texts); i++)
		for (j = i + 1; j < N_ELEMS(texts); j++)
			assert_string_not_equal(texts[i], texts[j]);
	assert_string_equal(guard_reason_text(GUARD_DTD), "DTD e entidades não são aceitas em SOAP.");
	assert_string_equal(guard_reason_text(GUARD_UTF8), "Texto com UTF-8 inválido.");
	assert_non_null(guard_reason_text((enum guard_reason)99));
}

/* Linear time: 16 MiB in gSOAP-sized reads, with an attribute-heavy envelope. */
static void test_large_body(void **state)
{
	enum { CHUNK = 65536, CHUNKS = 256 };
	static const char unit[] = "<r a=\"1\">Manutenção &amp; ação &#xE7;</r>\n";
	char *buf = malloc(CHUNK);
	struct guard g;
	size_t p, k, attrs = 0;

	(void)state;
	assert_non_null(buf);
	guard_begin(&g, -1, 0);
	guard_body_starts(&g);
	for (k = 0; k < CHUNKS; k++) {
		/* a continuous stream of units, cut at CHUNK whatever falls there */
		for (p = 0; p < CHUNK; p++)
			buf[p] = unit[(k * CHUNK + p) % (sizeof unit - 1)];
		assert_int_equal(guard_scan(&g, buf, CHUNK), GUARD_OK);
	}
	for (p = 0; p + 3 < (size_t)CHUNK * CHUNKS; p += sizeof unit - 1)
		attrs++; /* the guard counts an attribute at its first letter, offset 3 in "<r a=" */
	assert_int_equal((size_t)g.attributes, attrs);
	free(buf);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_header),
		cmocka_unit_test(test_header_ends_where_gsoap_says),
		cmocka_unit_test(test_normal),
		cmocka_unit_test(test_dtd),
		cmocka_unit_test(test_utf8),
		cmocka_unit_test(test_control),
		cmocka_unit_test(test_charref),
		cmocka_unit_test(test_attribute_flood),
		cmocka_unit_test(test_attributes),
		cmocka_unit_test(test_declaration),
		cmocka_unit_test(test_latin),
		cmocka_unit_test(test_cp1252),
		cmocka_unit_test(test_cp1252_bytes),
		cmocka_unit_test(test_sticky_failure),
		cmocka_unit_test(test_body_starts),
		cmocka_unit_test(test_gsoap_wiring_replay),
		cmocka_unit_test(test_reason_text),
		cmocka_unit_test(test_large_body),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
