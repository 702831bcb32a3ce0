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
	GUARD_DTD,          /* <!DOCTYPE or <!ENTITY */
	GUARD_UTF8,         /* invalid UTF-8 in a UTF-8 body */
	GUARD_CHARREF,      /* &#...; naming a character XML 1.0 forbids (0, controls, surrogates, FFFE/FFFF, > 10FFFF) */
	GUARD_CONTROL,      /* a raw control character other than tab, CR, LF */
	GUARD_ATTRIBUTES,   /* more attributes than allowed */
	GUARD_ENCODING,     /* a declared encoding we do not accept */
};

/* Per-request scanner state. Treat as opaque; zeroed by guard_begin. */
struct guard {
	int max_attributes;
	int attributes;
	enum guard_reason reason;
	bool in_body;           /* past the HTTP header block */
	bool latin;             /* declared ISO-8859-1 or windows-1252 */
	bool cp1252;            /* declared windows-1252 */
	bool prolog_checked;
	uint32_t header_tail;   /* last 4 bytes, to find CRLF CRLF */
	int utf8_need;          /* continuation bytes still expected */
	uint32_t utf8_cp;
	uint32_t utf8_min;
	int tag_state;          /* inside <...>, inside quotes, ... */
	char quote;
	char window[16];        /* last bytes of text, for markup across buffers */
	size_t window_len;
	char ref[16];           /* a character reference being read */
	size_t ref_len;
	bool in_ref;
	char prolog[128];       /* start of the body, for the XML declaration */
	size_t prolog_len;
};

/* Starts a new request. max_attributes: attributes allowed in one message. */
void guard_begin(struct guard *g, int max_attributes);

/* Scans len bytes (buf may be rewritten in place only to relabel windows-1252).
 * Returns GUARD_OK or the first reason found; after a failure it keeps failing. */
enum guard_reason guard_scan(struct guard *g, char *buf, size_t len);

/* Tells the guard the HTTP header block is over (when the caller knows better
 * than the CRLF CRLF search, e.g. because the header arrived in another call). */
void guard_body_starts(struct guard *g);

/* pt-BR text for a fault. */
const char *guard_reason_text(enum guard_reason r);

#endif
