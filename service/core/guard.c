/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * guard.c - the raw-stream guard: one pass over every byte gSOAP receives, before
 * gSOAP parses it, rejecting what gSOAP would silently let through.
 *
 * The one rule: predict gSOAP, not the XML specification. Where gSOAP's reader
 * (soap_get, soap_getpi, soap_char, soap_peek_element in stdsoap2.c 2.8.124)
 * differs from XML, the tokenizer below follows gSOAP, because a guard that
 * reads markup differently from the parser it protects can be walked around:
 *   - after '<' gSOAP skips blanks, so "< !DOCTYPE" and "<  ?xml" are markup;
 *   - a comment ends at the first '>' after the first "--", and <!...>, <?...?>
 *     and <%...> end at the '>' that balances the '<'s counted inside them;
 *   - an XML declaration is honoured wherever it appears (any "<?xml " PI
 *     switches Latin-1 decoding on or off), and a UTF-8 byte-order mark in front
 *     of an element switches Latin-1 off again;
 *   - a reference is read as at most 7 characters, ';' included, so
 *     "&#0000065;" decodes as U+0006 followed by the text "5;", and "&#x1F600;"
 *     leaves a stray ';' behind the emoji; unknown entities become 0x7F.
 * Where a construct is ill-formed XML and gSOAP's reading of it is odd
 * (unquoted or missing attribute values, '<' inside a tag, a bare '&'), the
 * guard refuses it instead of modelling the oddity: no real client sends it.
 *
 * Layers, applied to each body byte in this order: the DTD matcher (sees every
 * byte, inside comments and values too), the encoding check (UTF-8 validity or
 * the Latin-1 rules, control characters), then the tokenizer (declaration,
 * references, attribute count). State lives only in struct guard: constant
 * memory, O(n), no allocation, any buffer split.
 */
#include "guard.h"

#include <limits.h>
#include <string.h>

/* Tokenizer states; see the banner for why they mirror gSOAP. */
enum state {
	ST_START = 0,        /* first body byte: a BOM, blanks or the declaration may come */
	ST_BOM1,             /* EF seen */
	ST_BOM2,             /* EF BB seen */
	ST_LEAD,             /* blanks before the first markup */
	ST_TEXT,             /* character data, end tags, between markup */
	ST_LT,               /* after '<'; gSOAP skips blanks here */
	ST_BANG,             /* after "<!" */
	ST_BANG_DASH,        /* after "<!-" */
	ST_COMMENT,          /* after "<!--", looking for "--" */
	ST_COMMENT_DASH,     /* one '-' inside a comment */
	ST_CDATA_OPEN,       /* after "<![", up to the next '[' */
	ST_CDATA,            /* raw text up to "]]>" */
	ST_CDATA_B1,         /* "]" */
	ST_CDATA_B2,         /* "]]" */
	ST_PI,               /* after "<?", up to the first '?' */
	ST_DECL_END,         /* after the declaration's '?': '>' must follow */
	ST_SKIP,             /* rest of <!...>, <?...>, <%...> until the balancing '>' */
	ST_TAG_NAME,         /* element name of a start tag */
	ST_TAG_SPACE,        /* blank after a name or value: attribute, '>' or "/>" */
	ST_ATTR_NAME,
	ST_ATTR_AFTER_NAME,  /* blanks between a name and '=' */
	ST_ATTR_EQ,          /* after '=', before the opening quote */
	ST_VALUE,            /* inside a quoted attribute value */
	ST_AFTER_VALUE,      /* right after the closing quote */
	ST_TAG_SLASH,        /* '/' inside a start tag: '>' must follow */
	ST_REF,              /* after '&', up to ';' */
};

/* gSOAP's soap_char reads a reference into char tmp[8]: 7 characters, the ';'
 * included, so at most 6 between '&' and ';'. A longer one is cut: "&#x1F600;"
 * arrives as U+1F600 followed by a stray ';', "&#0000065;" as U+0006 and "5;"
 * (measured). Such references are refused rather than corrupted. */
#define REF_MAX 6

/* The XML declaration's text kept for gSOAP's view: soap_getpi keeps 63 bytes. */
#define GSOAP_PI_MAX 63

/* The caller's buffer and the byte being processed, so the windows-1252 label
 * can be rewritten where it lies. */
struct cursor {
	char *buf;
	size_t i;
};

/* Labels we rewrite and the same-length label gSOAP's prolog check takes for
 * Latin-1 (it matches "latin*" case-insensitively). The bytes are then decoded
 * as Latin-1 and service/soap/wire.c maps U+0080..U+009F to what windows-1252
 * means by them. Their first letters (w, x, c) start no accepted UTF-8 or
 * Latin-1 label, so the first byte of a label tells which entry applies and the
 * label is rewritten byte by byte as it streams past, whatever the buffer split. */
static const struct relabel {
	const char *from;
	const char *to;
} relabels[] = {
	{ "windows-1252", "latin1-w1252" },
	{ "x-cp1252", "latin1-x" },
	{ "cp1252", "latin1" },
};

static const char *const latin_labels[] = { "iso-8859-1", "iso_8859-1", "latin1", "latin-1" };
static const char *const utf8_labels[] = { "utf-8", "utf8" };

/* ---- ASCII helpers (no <ctype.h>: locale-free, defined for every byte) ---- */

static bool is_blank(unsigned char c) { return c == ' ' || c == '\t' || c == '\r' || c == '\n'; }
static bool is_digit(unsigned char c) { return c >= '0' && c <= '9'; }
static bool is_alpha(unsigned char c) { return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z'); }
static bool is_alnum(unsigned char c) { return is_digit(c) || is_alpha(c); }
static unsigned char to_lower(unsigned char c) { return c >= 'A' && c <= 'Z' ? (unsigned char)(c - 'A' + 'a') : c; }

static int hex_value(unsigned char c)
{
	if (is_digit(c))
		return c - '0';
	c = to_lower(c);
	if (c >= 'a' && c <= 'f')
		return c - 'a' + 10;
	return -1;
}

static bool equals_nocase(const char *s, size_t n, const char *word)
{
	size_t k;

	for (k = 0; k < n; k++)
		if (word[k] == '\0' || to_lower((unsigned char)s[k]) != to_lower((unsigned char)word[k]))
			return false;
	return word[n] == '\0';
}

/* The first failure wins: later checks must not overwrite the reason logged. */
static void fail(struct guard *g, enum guard_reason r)
{
	if (g->reason == GUARD_OK)
		g->reason = r;
}

/* XML 1.0 Char production: what a character reference may name. */
static bool xml_char(uint32_t v)
{
	return v == 0x9 || v == 0xA || v == 0xD || (v >= 0x20 && v <= 0xD7FF) ||
	       (v >= 0xE000 && v <= 0xFFFD) || (v >= 0x10000 && v <= 0x10FFFF);
}

/* ---- layer 1: "<!DOCTYPE" / "<!ENTITY", anywhere, any case ------------------
 * dtd_match: 0 idle, 1 after '<' (gSOAP allows blanks before '!'), 2 after '!',
 * 10+k: k letters of "doctype" matched, 20+k: k letters of "entity" matched. */

static void dtd_byte(struct guard *g, unsigned char c)
{
	static const char *const words[2] = { "doctype", "entity" };
	int s = g->dtd_match;
	unsigned char l = to_lower(c);

	if (s == 1 && is_blank(c))
		return;
	if (s == 1 && c == '!') {
		g->dtd_match = 2;
		return;
	}
	if (s == 2 && (l == 'd' || l == 'e')) {
		g->dtd_match = l == 'd' ? 11 : 21;
		return;
	}
	if (s > 10) {
		const char *w = words[s / 10 - 1];
		size_t k = (size_t)(s % 10);

		if (k < strlen(w) && l == (unsigned char)w[k]) {
			if (k + 1 == strlen(w)) {
				fail(g, GUARD_DTD);
				g->dtd_match = 0;
			} else {
				g->dtd_match = s + 1;
			}
			return;
		}
	}
	g->dtd_match = c == '<';
}

/* ---- layer 2: encoding ------------------------------------------------------ */

static bool c0_control(unsigned char c)
{
	return (c < 0x20 && c != '\t' && c != '\r' && c != '\n') || c == 0x7F;
}

/* Latin bodies: every byte is a character. C1 (0x80-0x9F) stays, windows-1252
 * puts letters there. A UTF-8 BOM (EF BB BF) would make gSOAP's peek_element drop
 * Latin-1 decoding mid-message and read the rest as unchecked UTF-8, so it is
 * refused; utf8_need counts the BOM bytes matched so far. */
static void latin_byte(struct guard *g, unsigned char c)
{
	static const unsigned char bom[3] = { 0xEF, 0xBB, 0xBF };

	if (c0_control(c)) {
		fail(g, GUARD_CONTROL);
		return;
	}
	if (c == bom[g->utf8_need]) {
		if (++g->utf8_need == 3)
			fail(g, GUARD_ENCODING);
	} else {
		g->utf8_need = c == bom[0];
	}
}

/* Strict UTF-8: shortest form only, no surrogates, nothing above U+10FFFF, no
 * F5..FF. A sequence cut short is caught by the next byte that is not a
 * continuation byte (in XML text that is at the latest the '<' of the next tag)
 * or by guard_scan(g, buf, 0) at the end of the body. */
static void utf8_byte(struct guard *g, unsigned char c)
{
	if (c < 0x80) {
		if (g->utf8_need > 0)
			fail(g, GUARD_UTF8);
		else if (c0_control(c))
			fail(g, GUARD_CONTROL);
		return;
	}
	if (c < 0xC0) {
		uint32_t cp;

		if (g->utf8_need == 0) {
			fail(g, GUARD_UTF8);
			return;
		}
		g->utf8_cp = (g->utf8_cp << 6) | (c & 0x3F);
		if (--g->utf8_need > 0)
			return;
		cp = g->utf8_cp;
		if (cp < g->utf8_min || (cp >= 0xD800 && cp <= 0xDFFF) || cp > 0x10FFFF ||
		    cp == 0xFFFE || cp == 0xFFFF)
			fail(g, GUARD_UTF8);
		else if (cp <= 0x9F)
			fail(g, GUARD_CONTROL); /* C1 controls; in a UTF-8 body they are mojibake */
		return;
	}
	if (g->utf8_need > 0 || c > 0xF4) {
		fail(g, GUARD_UTF8);
		return;
	}
	if (c < 0xE0) {
		g->utf8_need = 1;
		g->utf8_cp = c & 0x1F;
		g->utf8_min = 0x80; /* so C0 xx and C1 xx fail as overlong */
	} else if (c < 0xF0) {
		g->utf8_need = 2;
		g->utf8_cp = c & 0x0F;
		g->utf8_min = 0x800;
	} else {
		g->utf8_need = 3;
		g->utf8_cp = c & 0x07;
		g->utf8_min = 0x10000;
	}
}

/* ---- the XML declaration ---------------------------------------------------- */

/* gSOAP's soap_tag_cmp for a pattern whose only '*' is its last character:
 * case-insensitive, a '-' in the pattern matches any one character, the value
 * ends at NUL or '"'. */
static bool gsoap_match(const char *s, const char *pat)
{
	for (; *pat != '*'; s++, pat++) {
		if (*s == '\0' || *s == '"')
			return false;
		if (*pat != '-' && to_lower((unsigned char)*s) != to_lower((unsigned char)*pat))
			return false;
	}
	return true;
}

/* Replays soap_getpi on the declaration's text: 63 bytes kept, blanks made
 * spaces, "xml " prefix, the first " encoding=" and the value one character
 * (the quote) after it. True when gSOAP will decode the body as Latin-1. */
static bool gsoap_reads_latin(const char *text, size_t len)
{
	char buf[GSOAP_PI_MAX + 1];
	size_t n = len < GSOAP_PI_MAX ? len : GSOAP_PI_MAX;
	const char *s;
	size_t k;

	for (k = 0; k < n; k++)
		buf[k] = (unsigned char)text[k] <= 32 ? ' ' : text[k];
	buf[n] = '\0';
	if (strncmp(buf, "xml ", 4) != 0)
		return false;
	s = strstr(buf, " encoding=");
	if (s == NULL || s[10] == '\0')
		return false;
	return gsoap_match(s + 11, "iso-8859-*") || gsoap_match(s + 11, "latin*");
}

/* A tiny cursor over the declaration text for the strict parse. */
struct decl {
	const char *s;
	size_t n, p;
};

static bool decl_blanks(struct decl *d)
{
	size_t start = d->p;

	while (d->p < d->n && is_blank((unsigned char)d->s[d->p]))
		d->p++;
	return d->p > start;
}

static bool decl_word(struct decl *d, const char *w)
{
	size_t l = strlen(w);

	if (d->n - d->p < l || memcmp(d->s + d->p, w, l) != 0)
		return false;
	d->p += l;
	return true;
}

/* Eq quoted-value; returns the value's span. */
static bool decl_value(struct decl *d, size_t *vs, size_t *ve)
{
	char q;

	decl_blanks(d);
	if (d->p >= d->n || d->s[d->p] != '=')
		return false;
	d->p++;
	decl_blanks(d);
	if (d->p >= d->n || (d->s[d->p] != '"' && d->s[d->p] != '\''))
		return false;
	q = d->s[d->p++];
	*vs = d->p;
	while (d->p < d->n && d->s[d->p] != q)
		d->p++;
	if (d->p >= d->n)
		return false;
	*ve = d->p++;
	return true;
}

/* XML 1.0 XMLDecl without the "<?" and "?>": 'xml' VersionInfo EncodingDecl?
 * SDDecl? S?. Sets the label span (ls == le when absent). */
static bool decl_parse(const char *text, size_t len, size_t *ls, size_t *le)
{
	struct decl d = { text, len, 0 };
	size_t vs, ve, k;

	*ls = *le = 0;
	if (!decl_word(&d, "xml") || !decl_blanks(&d) || !decl_word(&d, "version") ||
	    !decl_value(&d, &vs, &ve))
		return false;
	if (ve - vs < 3 || text[vs] != '1' || text[vs + 1] != '.')
		return false;
	for (k = vs + 2; k < ve; k++)
		if (!is_digit((unsigned char)text[k]))
			return false;
	if (decl_blanks(&d) && decl_word(&d, "encoding")) {
		if (!decl_value(&d, ls, le) || *le == *ls || !is_alpha((unsigned char)text[*ls]))
			return false;
		for (k = *ls; k < *le; k++) {
			unsigned char c = (unsigned char)text[k];

			if (!is_alnum(c) && c != '.' && c != '_' && c != '-')
				return false;
		}
		decl_blanks(&d);
	}
	if (decl_word(&d, "standalone")) {
		if (!decl_value(&d, &vs, &ve))
			return false;
		if (!equals_nocase(text + vs, ve - vs, "yes") && !equals_nocase(text + vs, ve - vs, "no"))
			return false;
		decl_blanks(&d);
	}
	return d.p == d.n;
}

static bool label_in(const char *label, size_t n, const char *const *list, size_t count)
{
	size_t k;

	for (k = 0; k < count; k++)
		if (equals_nocase(label, n, list[k]))
			return true;
	return false;
}

/* Index of the first character of the encoding value in a declaration still
 * being read; 0 until the opening quote has been seen (or if it never is). */
static size_t decl_label_start(const char *text, size_t len)
{
	struct decl d = { text, len, 0 };
	size_t vs, ve;

	if (!decl_word(&d, "xml") || !decl_blanks(&d) || !decl_word(&d, "version") ||
	    !decl_value(&d, &vs, &ve) || !decl_blanks(&d) || !decl_word(&d, "encoding"))
		return 0;
	decl_blanks(&d);
	if (d.p >= d.n || d.s[d.p] != '=')
		return 0;
	d.p++;
	decl_blanks(&d);
	if (d.p >= d.n || (d.s[d.p] != '"' && d.s[d.p] != '\''))
		return 0;
	return d.p + 1;
}

/* Called for each byte added to the declaration (at g->prolog_len - 1): inside
 * a windows-1252 label, writes the replacement byte into the caller's buffer
 * now, while it is still there. g->relabel: 0 no relabel, k + 1 relabels[k] in
 * progress or done, -1 the label stopped matching (decl_settle then refuses the
 * request, so a half-written label is never parsed). */
static void relabel_byte(struct guard *g, struct cursor *cur)
{
	size_t j = g->prolog_len - 1;
	size_t vs = decl_label_start(g->prolog, j);
	unsigned char c = (unsigned char)g->prolog[j];
	size_t k, n;

	if (vs == 0 || g->relabel < 0 || memchr(g->prolog + vs, g->prolog[vs - 1], j - vs) != NULL)
		return; /* not in the value yet, given up, or past its closing quote */
	k = j - vs;
	if (k == 0) {
		for (n = 0; n < sizeof relabels / sizeof *relabels; n++)
			if (to_lower(c) == (unsigned char)relabels[n].from[0])
				g->relabel = (int)n + 1;
	}
	if (g->relabel <= 0)
		return;
	n = strlen(relabels[g->relabel - 1].from);
	if (c == (unsigned char)g->prolog[vs - 1]) { /* the closing quote */
		if (k != n)
			g->relabel = -1;
	} else if (k < n && to_lower(c) == (unsigned char)relabels[g->relabel - 1].from[k]) {
		cur->buf[cur->i] = relabels[g->relabel - 1].to[k];
	} else {
		g->relabel = -1;
	}
}

/* Settles the body's encoding from the declaration in g->prolog (the original
 * bytes; a windows-1252 label is already rewritten in the caller's buffers). The
 * decision must be the one gSOAP will make, so the guard's own reading (strict
 * XML) and a replay of gSOAP's must agree; when they cannot (the label hidden
 * from gSOAP by "encoding = ", or past its 63 bytes) the request is refused. */
static void decl_settle(struct guard *g)
{
	char view[sizeof g->prolog];
	size_t ls, le, n, k;
	int rl = 0;
	bool want_latin;

	if (!decl_parse(g->prolog, g->prolog_len, &ls, &le)) {
		fail(g, GUARD_ENCODING);
		return;
	}
	memcpy(view, g->prolog, g->prolog_len);
	n = le - ls;
	if (n == 0 || label_in(g->prolog + ls, n, utf8_labels, sizeof utf8_labels / sizeof *utf8_labels)) {
		want_latin = false;
	} else if (label_in(g->prolog + ls, n, latin_labels, sizeof latin_labels / sizeof *latin_labels)) {
		want_latin = true;
	} else {
		for (k = 0; k < sizeof relabels / sizeof *relabels; k++)
			if (equals_nocase(g->prolog + ls, n, relabels[k].from))
				rl = (int)k + 1;
		/* anything else (UTF-16, EBCDIC, ISO-8859-15...) gSOAP cannot decode */
		if (rl == 0 || g->relabel != rl) {
			fail(g, GUARD_ENCODING);
			return;
		}
		memcpy(view + ls, relabels[rl - 1].to, n); /* what gSOAP will read */
		want_latin = true;
	}
	if (want_latin != gsoap_reads_latin(view, g->prolog_len) || (want_latin && g->bom)) {
		fail(g, GUARD_ENCODING);
		return;
	}
	g->latin = want_latin;
	g->cp1252 = rl != 0;
	g->utf8_need = 0; /* from here on, in a Latin body: BOM bytes matched */
}

/* "xml" followed by a blank or the end: the target gSOAP (and XML) reserve for the
 * declaration. Case-insensitive, since "<?XML" is no better. */
static bool xml_target(const char *s, size_t n)
{
	return n >= 3 && equals_nocase(s, 3, "xml") && (n == 3 || is_blank((unsigned char)s[3]));
}

/* End of "<?..." at its first '?', where gSOAP's soap_getpi stops reading. */
static void pi_end(struct guard *g)
{
	if (!g->prolog_checked) {
		g->prolog_checked = true;
		if (xml_target(g->prolog, g->prolog_len)) {
			decl_settle(g);
			g->tag_state = ST_DECL_END;
			return;
		}
	} else if (xml_target(g->prolog, g->prolog_len)) {
		/* gSOAP would switch decoding here, behind the guard's back */
		fail(g, GUARD_ENCODING);
		return;
	}
	g->depth = 1;
	g->tag_state = ST_SKIP;
}

/* ---- references --------------------------------------------------------------- */

static void ref_begin(struct guard *g)
{
	g->ref_return = g->tag_state;
	g->ref_len = 0;
	g->tag_state = ST_REF;
}

/* A reference gSOAP would misread or that names no acceptable character. Named
 * ones other than the five XML predefines are entities that no DTD may define
 * here: gSOAP maps them to 0x7F (or to an HTML character). */
static enum guard_reason ref_problem(const char *r, size_t n)
{
	uint32_t v = 0;
	size_t k, start;
	bool hex;

	if (n > 0 && is_alpha((unsigned char)r[0])) {
		static const char *const predefined[] = { "lt", "gt", "amp", "quot", "apos" };

		for (k = 0; k < sizeof predefined / sizeof *predefined; k++)
			if (strlen(predefined[k]) == n && memcmp(r, predefined[k], n) == 0)
				return GUARD_OK;
		for (k = 1; k < n; k++)
			if (!is_alnum((unsigned char)r[k]))
				return GUARD_CHARREF;
		return GUARD_DTD;
	}
	if (n < 2 || r[0] != '#')
		return GUARD_CHARREF;
	hex = r[1] == 'x' || r[1] == 'X';
	start = hex ? 2 : 1;
	if (n == start)
		return GUARD_CHARREF; /* "&#;" and "&#x;": gSOAP reads 0 and ends the string */
	for (k = start; k < n; k++) {
		int d = hex ? hex_value((unsigned char)r[k]) : (is_digit((unsigned char)r[k]) ? r[k] - '0' : -1);

		if (d < 0)
			return GUARD_CHARREF;
		v = v * (hex ? 16 : 10) + (uint32_t)d; /* at most 5 digits: no overflow */
	}
	return xml_char(v) ? GUARD_OK : GUARD_CHARREF;
}

static void ref_byte(struct guard *g, unsigned char c)
{
	if (c == ';') {
		enum guard_reason r = ref_problem(g->ref, g->ref_len);

		if (r != GUARD_OK)
			fail(g, r);
		g->tag_state = g->ref_return;
		return;
	}
	/* Not reference syntax ("AT&T<"): gSOAP would swallow the next characters,
	 * markup included, as the name. */
	if (!(is_alnum(c) || (c == '#' && g->ref_len == 0))) {
		fail(g, GUARD_CHARREF);
		return;
	}
	/* Longer than gSOAP reads: an entity name no DTD defines, or a number
	 * gSOAP would cut. */
	if (g->ref_len >= REF_MAX) {
		fail(g, is_alpha((unsigned char)g->ref[0]) ? GUARD_DTD : GUARD_CHARREF);
		return;
	}
	g->ref[g->ref_len++] = (char)c;
}

/* ---- layer 3: the tokenizer ------------------------------------------------- */

static void count_attribute(struct guard *g)
{
	if (g->attributes < INT_MAX)
		g->attributes++;
	if (g->max_attributes > 0 && g->attributes > g->max_attributes)
		fail(g, GUARD_ATTRIBUTES);
}

/* Characters that make a start tag ill-formed where a name is expected: gSOAP
 * would take them into the name, XML forbids them, the guard refuses them. */
static bool bad_in_tag(unsigned char c)
{
	return c == '<' || c == '&' || c == '"' || c == '\'' || c == '=';
}

/* ---- elements: depth, and the one operation element in the Body ------------- */

static void element_opens(struct guard *g)
{
	g->level++;
	g->name_len = 0;
	if (g->max_depth > 0 && g->level > g->max_depth)
		fail(g, GUARD_DEPTH);
}

/* The start tag's name is complete: Envelope is level 1, Body level 2, and the
 * operation level 3. gSOAP dispatches on the first element of the Body and skips
 * any other, so a second one is refused rather than silently dropped. */
static void element_named(struct guard *g)
{
	const char *local = memchr(g->name, ':', g->name_len);
	size_t start = local ? (size_t)(local - g->name) + 1 : 0;
	if (g->level == 2)
		g->in_soap_body = g->name_len - start == 4 && !memcmp(g->name + start, "Body", 4);
	else if (g->level == 3 && g->in_soap_body && ++g->body_children > 1)
		fail(g, GUARD_BODY);
}

static void element_closes(struct guard *g)
{
	if (g->level == 2)
		g->in_soap_body = false;
	if (g->level > 0)
		g->level--;
}

static void name_byte(struct guard *g, unsigned char c)
{
	if (g->name_len < sizeof g->name)
		g->name[g->name_len++] = (char)c;
}

/* Processes one byte; returns true when the byte must be looked at again in the
 * new state (the state changed without consuming it). */
static bool step(struct guard *g, struct cursor *cur, unsigned char c)
{
	switch ((enum state)g->tag_state) {
	case ST_START:
		g->tag_state = c == 0xEF ? ST_BOM1 : ST_LEAD;
		return c != 0xEF;
	case ST_BOM1:
	case ST_BOM2:
		if (c == (g->tag_state == ST_BOM1 ? 0xBB : 0xBF)) {
			g->tag_state = g->tag_state == ST_BOM1 ? ST_BOM2 : ST_LEAD;
			g->bom = g->tag_state == ST_LEAD;
			return false;
		}
		g->prolog_checked = true; /* some other character first: no declaration */
		g->tag_state = ST_TEXT;
		return true;
	case ST_LEAD:
		if (is_blank(c))
			return false;
		if (c == '<') {
			g->tag_state = ST_LT;
			return false;
		}
		g->prolog_checked = true;
		g->tag_state = ST_TEXT;
		return true;
	case ST_TEXT:
		if (c == '<')
			g->tag_state = ST_LT;
		else if (c == '&')
			ref_begin(g);
		return false;
	case ST_LT:
		if (is_blank(c))
			return false;
		if (c == '?') {
			g->prolog_len = 0;
			g->tag_state = ST_PI;
			return false;
		}
		g->prolog_checked = true;
		if (c == '!') {
			g->tag_state = ST_BANG;
		} else if (c == '%') {
			g->depth = 1;
			g->tag_state = ST_SKIP;
		} else if (c == '/') {
			element_closes(g);
			g->tag_state = ST_TEXT; /* end tags carry no attributes; gSOAP reads them as text */
		} else if (c == '>' || bad_in_tag(c)) {
			fail(g, GUARD_ATTRIBUTES);
		} else {
			element_opens(g);
			name_byte(g, c);
			g->tag_state = ST_TAG_NAME;
		}
		return false;
	case ST_BANG:
		if (c == '[') {
			g->tag_state = ST_CDATA_OPEN;
			return false;
		}
		if (c == '-') {
			g->tag_state = ST_BANG_DASH;
			return false;
		}
		g->depth = 1;
		g->tag_state = ST_SKIP;
		return true;
	case ST_BANG_DASH:
		g->depth = 1;
		g->tag_state = c == '-' ? ST_COMMENT : ST_SKIP;
		return c != '-';
	case ST_COMMENT:
		if (c == '-')
			g->tag_state = ST_COMMENT_DASH;
		return false;
	case ST_COMMENT_DASH:
		/* gSOAP stops at the first "--" and then skips to a balancing '>' */
		g->depth = 1;
		g->tag_state = c == '-' ? ST_SKIP : ST_COMMENT;
		return false;
	case ST_CDATA_OPEN:
		if (c == '[')
			g->tag_state = ST_CDATA;
		return false;
	case ST_CDATA:
		if (c == ']')
			g->tag_state = ST_CDATA_B1;
		return false;
	case ST_CDATA_B1:
		g->tag_state = c == ']' ? ST_CDATA_B2 : ST_CDATA;
		return false;
	case ST_CDATA_B2:
		if (c == '>')
			g->tag_state = ST_TEXT;
		else if (c != ']')
			g->tag_state = ST_CDATA;
		return false;
	case ST_PI:
		if (c == '?') {
			pi_end(g);
			return false;
		}
		if (!g->prolog_checked && c >= 0x80) {
			fail(g, GUARD_ENCODING); /* the declaration is ASCII or it is not one */
			return false;
		}
		if (g->prolog_len < sizeof g->prolog - 1) {
			g->prolog[g->prolog_len++] = (char)c;
			if (!g->prolog_checked)
				relabel_byte(g, cur);
		} else if (!g->prolog_checked) {
			fail(g, GUARD_ENCODING); /* no honest declaration is this long */
		}
		return false;
	case ST_DECL_END:
		if (c != '>')
			fail(g, GUARD_ENCODING);
		g->tag_state = ST_TEXT;
		return false;
	case ST_SKIP:
		if (c == '<') {
			if (g->depth < INT_MAX)
				g->depth++;
		} else if (c == '>' && --g->depth <= 0) {
			g->tag_state = ST_TEXT;
		}
		return false;
	case ST_TAG_NAME:
		if (is_blank(c) || c == '>' || c == '/')
			element_named(g);
		if (is_blank(c))
			g->tag_state = ST_TAG_SPACE;
		else if (c == '>')
			g->tag_state = ST_TEXT;
		else if (c == '/')
			g->tag_state = ST_TAG_SLASH;
		else if (bad_in_tag(c))
			fail(g, GUARD_ATTRIBUTES);
		else
			name_byte(g, c);
		return false;
	case ST_TAG_SPACE:
		if (is_blank(c))
			return false;
		if (c == '>') {
			g->tag_state = ST_TEXT;
		} else if (c == '/') {
			g->tag_state = ST_TAG_SLASH;
		} else if (bad_in_tag(c)) {
			fail(g, GUARD_ATTRIBUTES);
		} else {
			count_attribute(g);
			g->tag_state = ST_ATTR_NAME;
		}
		return false;
	case ST_ATTR_NAME:
		if (c == '=')
			g->tag_state = ST_ATTR_EQ;
		else if (is_blank(c))
			g->tag_state = ST_ATTR_AFTER_NAME;
		else if (c == '>' || c == '/' || bad_in_tag(c))
			fail(g, GUARD_ATTRIBUTES); /* an attribute without a value */
		return false;
	case ST_ATTR_AFTER_NAME:
		if (c == '=')
			g->tag_state = ST_ATTR_EQ;
		else if (!is_blank(c))
			fail(g, GUARD_ATTRIBUTES);
		return false;
	case ST_ATTR_EQ:
		if (c == '"' || c == '\'') {
			g->quote = (char)c;
			g->tag_state = ST_VALUE;
		} else if (!is_blank(c)) {
			/* unquoted: gSOAP keeps reading attributes past the tag's '>' */
			fail(g, GUARD_ATTRIBUTES);
		}
		return false;
	case ST_VALUE:
		if (c == (unsigned char)g->quote)
			g->tag_state = ST_AFTER_VALUE;
		else if (c == '<')
			fail(g, GUARD_ATTRIBUTES); /* gSOAP would read markup inside the value */
		else if (c == '&')
			ref_begin(g);
		return false;
	case ST_AFTER_VALUE:
		if (is_blank(c))
			g->tag_state = ST_TAG_SPACE;
		else if (c == '>')
			g->tag_state = ST_TEXT;
		else if (c == '/')
			g->tag_state = ST_TAG_SLASH;
		else
			fail(g, GUARD_ATTRIBUTES);
		return false;
	case ST_TAG_SLASH:
		if (c == '>') {
			element_closes(g); /* <empty/> */
			g->tag_state = ST_TEXT;
		} else {
			fail(g, GUARD_ATTRIBUTES); /* gSOAP would eat any character as the '>' */
		}
		return false;
	case ST_REF:
		ref_byte(g, c);
		return false;
	}
	fail(g, GUARD_ATTRIBUTES); /* unreachable: a corrupted state must not pass */
	return false;
}

/* ---- driver ----------------------------------------------------------------- */

/* Before the body. gSOAP's soap_begin_recv skips leading blanks and reads an
 * HTTP header only when the next byte is a letter; anything else is parsed as
 * XML at once, with no header (and is therefore body here too). The header ends
 * at its first empty line (CRLF CRLF or LF LF). The rest of the buffer holding
 * that line is not scanned: gSOAP passes those bytes to fpreparerecv again once
 * it has parsed the header, de-chunked and inflated, and raw they may be a chunk
 * size or gzip. Returns the index of the first byte to scan as body. */
static size_t skip_header(struct guard *g, const char *buf, size_t len)
{
	size_t i;

	for (i = 0; i < len; i++) {
		unsigned char c = (unsigned char)buf[i];
		uint32_t t;

		if (g->header_tail == 0) {
			/* Only real blanks are skipped: a control byte (gzip's 1F, say)
			 * starts the body, where it is refused. */
			if (c == ' ' || c == '\t' || c == '\r' || c == '\n')
				continue;
			if (!is_alpha(c)) {
				g->in_body = true;
				return i;
			}
		}
		/* bit 31 marks "header under way", which NUL bytes must not undo */
		t = (g->header_tail << 8) | c | 0x80000000u;
		g->header_tail = t;
		if ((t & 0xFFFF) == 0x0A0A || (t & 0xFFFFFF) == 0x0A0D0A) {
			g->in_body = true;
			return len;
		}
	}
	return len;
}

void guard_begin(struct guard *g, int max_attributes, int max_depth)
{
	memset(g, 0, sizeof *g);
	g->max_attributes = max_attributes;
	g->max_depth = max_depth;
	g->tag_state = ST_START;
}

/* gSOAP knows where its header ends better than an empty-line search does (it
 * reads a second header block after a "100" status line, and takes CR plus any
 * character as a line end), so what the guard took for body until now may have
 * been header: start the body afresh, keeping only a failure already found. */
void guard_body_starts(struct guard *g)
{
	enum guard_reason reason = g->reason;

	guard_begin(g, g->max_attributes, g->max_depth);
	g->reason = reason;
	g->in_body = true;
}

enum guard_reason guard_scan(struct guard *g, char *buf, size_t len)
{
	struct cursor cur = { buf, 0 };
	size_t i = 0;

	if (g->reason != GUARD_OK)
		return g->reason;
	if (len == 0) {
		/* gSOAP passes 0 bytes once the body is over (end of chunked or
		 * inflated data, or EOF): nothing may be left half read. */
		if (g->in_body && !g->latin && g->utf8_need > 0)
			fail(g, GUARD_UTF8);
		if (g->in_body && g->tag_state == ST_REF)
			fail(g, GUARD_CHARREF);
		return g->reason;
	}
	if (!g->in_body) {
		i = skip_header(g, buf, len);
		if (!g->in_body)
			return GUARD_OK;
	}
	for (; i < len && g->reason == GUARD_OK; i++) {
		unsigned char c = (unsigned char)buf[i];

		cur.i = i;
		dtd_byte(g, c);
		if (g->latin)
			latin_byte(g, c);
		else
			utf8_byte(g, c);
		while (g->reason == GUARD_OK && step(g, &cur, c))
			;
	}
	return g->reason;
}

const char *guard_reason_text(enum guard_reason r)
{
	switch (r) {
	case GUARD_OK:
		return "Mensagem aceita.";
	case GUARD_DTD:
		return "DTD e entidades não são aceitas em SOAP.";
	case GUARD_UTF8:
		return "Texto com UTF-8 inválido.";
	case GUARD_CHARREF:
		return "Referência de caractere inválida (&#...;).";
	case GUARD_CONTROL:
		return "Texto com caractere de controle não permitido.";
	case GUARD_ATTRIBUTES:
		return "Atributos em excesso ou malformados na mensagem.";
	case GUARD_ENCODING:
		return "Codificação de caracteres não aceita; use UTF-8, ISO-8859-1 ou windows-1252.";
	case GUARD_DEPTH:
		return "XML aninhado além do limite do serviço.";
	case GUARD_BODY:
		return "O Body deve conter um único elemento de operação.";
	}
	return "Mensagem recusada.";
}
