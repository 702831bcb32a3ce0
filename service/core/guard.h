/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * guard.h - the raw-stream guard: sees every byte gSOAP receives (after gzip
 * inflation) before the parser does, and stops what the parser would let through.
 *
 * gSOAP skips DTDs instead of rejecting them (unknown entities become 0x7F in our
 * data), passes overlong and surrogate UTF-8 sequences, lets "&#0;" truncate a
 * string, and spends quadratic CPU on attribute floods. The guard rejects each of
 * these with a reason the fault names (measured in ../shared/RELIABILITY.md).
 *
 * Encodings: a body declared UTF-8 (or undeclared) must be valid UTF-8. A body
 * declared ISO-8859-1/latin1 is decoded by gSOAP as Latin-1. A body declared
 * windows-1252/cp1252 is relabelled in place (same length) so gSOAP decodes it as
 * Latin-1 too, and the request is flagged so service/soap/wire.c maps the C1 range
 * to the characters windows-1252 means. Any other declared encoding is refused.
 */
#ifndef WSATEND_GUARD_H
#define WSATEND_GUARD_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

enum guard_reason {
	GUARD_OK = 0,
	GUARD_DTD,          /* <!DOCTYPE or <!ENTITY, or a named entity other than lt gt amp quot apos */
	GUARD_UTF8,         /* invalid UTF-8 in a UTF-8 body */
	GUARD_CHARREF,      /* &#...; naming a character XML 1.0 forbids (0, controls, surrogates, FFFE/FFFF,
	                       > 10FFFF), malformed, or over 6 characters between '&' and ';'
	                       (gSOAP cuts those: "&#x1F600;" gains a stray ';') */
	GUARD_CONTROL,      /* a raw control character other than tab, CR, LF */
	GUARD_ATTRIBUTES,   /* more attributes than allowed, or a start tag gSOAP would misread
	                       (unquoted/missing value, '<' inside a tag) */
	GUARD_ENCODING,     /* a declared encoding we do not accept, a declaration gSOAP would read
	                       differently, or a second "<?xml" declaration */
	GUARD_DEPTH,        /* elements nested deeper than allowed (skipped headers too) */
	GUARD_BODY,         /* more than one element in the SOAP Body: gSOAP would ignore the rest */
};

/* Per-request scanner state. Treat as opaque (read latin/cp1252 after the body,
 * reason any time); zeroed by guard_begin. Fixed size: no allocation. */
struct guard {
	int max_attributes;
	int attributes;
	enum guard_reason reason;
	bool in_body;           /* past the HTTP header block */
	bool latin;             /* declared ISO-8859-1 or windows-1252 */
	bool cp1252;            /* declared windows-1252 (label rewritten in place) */
	bool prolog_checked;    /* the XML declaration, or its absence, is settled */
	bool bom;               /* the body began with a UTF-8 byte-order mark */
	uint32_t header_tail;   /* last bytes of the header, to find its empty line */
	int utf8_need;          /* continuation bytes still expected (Latin body: BOM bytes seen) */
	uint32_t utf8_cp;
	uint32_t utf8_min;
	int tag_state;          /* tokenizer state: text, tag, value, comment, PI, ... */
	int ref_return;         /* state to resume after a reference */
	int depth;              /* '<' nesting inside <!...> <?...> <%...>, as gSOAP counts it */
	int dtd_match;          /* progress through "<!DOCTYPE" / "<!ENTITY" */
	int relabel;
	int max_depth;          /* element nesting allowed, <= 0: no cap */
	int level;              /* current element nesting */
	bool in_soap_body;      /* inside the Envelope's Body element */
	int body_children;      /* elements directly in the Body */
	char name[16];          /* start of the current start tag's name */
	size_t name_len;            /* windows-1252 label being rewritten: entry + 1, or -1 */
	char quote;             /* quote that closes the current attribute value */
	char ref[16];           /* a reference being read, without '&' and ';' */
	size_t ref_len;
	char prolog[128];       /* the XML declaration's text, for its encoding */
	size_t prolog_len;
};

/* Starts a new request. max_attributes: attributes (xmlns declarations included)
 * allowed in one message; <= 0 means no cap. */
void guard_begin(struct guard *g, int max_attributes, int max_depth);

/* Scans len bytes (buf may be rewritten in place only to relabel windows-1252).
 * Before the body: leading blanks are skipped; if the next byte is not a letter
 * there is no HTTP header and the body starts there (gSOAP then parses XML at
 * once); otherwise the header runs to its first empty line (CRLF CRLF or LF LF)
 * and the rest of that buffer is NOT scanned, because gSOAP passes it again
 * (de-chunked, inflated) after parsing the header. len == 0 means the body is
 * over: a UTF-8 sequence or reference left open then fails.
 * Returns GUARD_OK or the first reason found; after a failure it keeps failing.
 *
 * Wiring in gSOAP 2.8.124 (measured; details in tests/unit/guard_test.c):
 *
 *	fpreparerecv(soap, buf, len):
 *		if (soap->count == 0)            // first read of a request, keep-alive too
 *			guard_begin(g, max);
 *		if (guard_scan(g, (char *)buf, len) != GUARD_OK) {
 *			soap->buflen = soap->bufidx;  // [bufidx, buflen) is buf: drop it, or
 *			                              // gSOAP parses it after all
 *			soap->frecv = <returns 0>;    // read no more of this request (else a
 *			                              // worker waits recv_timeout); restore it
 *			                              // before the next connection
 *			soap->keep_alive = 0;         // no second round on what is left
 *			soap->status = 0;             // else soap_envelope_begin_in swaps the
 *			                              // error for SOAP_POST and no fault goes out
 *			soap->version = 1;            // (2 for SOAP 1.2), else a garbled faultcode
 *			return soap_sender_fault(soap, guard_reason_text(r), detail);
 *		}
 *	fparse(soap): r = gsoap_http_parse(soap); guard_body_starts(g); return r;
 *
 * Returning an error alone is NOT enough: gSOAP keeps the bytes in soap->buf and,
 * depending on where the read happened, parses them anyway or restarts on them
 * as a new header-less request (measured: both served the rejected request). */
enum guard_reason guard_scan(struct guard *g, char *buf, size_t len);

/* The HTTP header is over: the next byte scanned is the first body byte, and
 * whatever the guard took for body so far is forgotten (a failure already found
 * stays). With gSOAP, call it once per request from an fparse wrapper, after the
 * original fparse: gSOAP's header reader does not stop at the first empty line
 * in every case (a "100" status line makes it read a second block). */
void guard_body_starts(struct guard *g);

/* pt-BR text for a fault. */
const char *guard_reason_text(enum guard_reason r);

#endif
