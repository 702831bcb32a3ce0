/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * lote_text.c - the encodings legacy exports come in (lote.h): UTF-8, or
 * windows-1252 (which ISO-8859-1 files are, for every printable character).
 *
 * The rule to know: the encoding is decided once per file, and a UTF-8 file with a
 * few invalid bytes stays UTF-8: the lines holding them are rejected one by one
 * (with their line number) instead of the whole file being reread as windows-1252.
 */
#include "lote.h"

#include <stdint.h>
#include <stdlib.h>
#include <string.h>

/* Length of the valid UTF-8 sequence at s (at most len bytes), 0 if invalid. */
static size_t utf8_seq(const unsigned char *s, size_t len)
{
	unsigned c = s[0];
	size_t n;
	uint32_t cp;

	if (c < 0x80)
		return 1;
	if (c >= 0xC2 && c <= 0xDF)
		n = 2, cp = c & 0x1F;
	else if (c >= 0xE0 && c <= 0xEF)
		n = 3, cp = c & 0x0F;
	else if (c >= 0xF0 && c <= 0xF4)
		n = 4, cp = c & 0x07;
	else
		return 0;
	if (n > len)
		return 0;
	for (size_t i = 1; i < n; i++) {
		if ((s[i] & 0xC0) != 0x80)
			return 0;
		cp = cp << 6 | (s[i] & 0x3F);
	}
	/* overlong forms, surrogates, beyond U+10FFFF */
	if ((n == 3 && cp < 0x800) || (n == 4 && (cp < 0x10000 || cp > 0x10FFFF)) || (cp >= 0xD800 && cp <= 0xDFFF))
		return 0;
	return n;
}

bool lote_utf8_valid(const char *s, size_t len)
{
	const unsigned char *p = (const unsigned char *)s;
	for (size_t i = 0; i < len;) {
		size_t n = utf8_seq(p + i, len - i);
		if (!n || (n == 1 && p[i] == 0))
			return false;
		i += n;
	}
	return true;
}

enum lote_encoding lote_detect_encoding(const char *data, size_t len)
{
	const unsigned char *p = (const unsigned char *)data;
	bool high = false;
	for (size_t i = 0; i < len;) {
		if (p[i] < 0x80) {
			i++;
			continue;
		}
		high = true;
		size_t n = utf8_seq(p + i, len - i);
		if (n > 1)
			return LOTE_UTF8;	/* one real UTF-8 character decides */
		i++;
	}
	return high ? LOTE_CP1252 : LOTE_UTF8;
}

/* windows-1252's 0x80..0x9F; 0 where it has no character (ISO-8859-1's C1 controls). */
static const uint16_t cp1252_c1[32] = {
	0x20AC, 0, 0x201A, 0x0192, 0x201E, 0x2026, 0x2020, 0x2021, 0x02C6, 0x2030, 0x0160, 0x2039, 0x0152, 0,
	0x017D, 0, 0, 0x2018, 0x2019, 0x201C, 0x201D, 0x2022, 0x2013, 0x2014, 0x02DC, 0x2122, 0x0161, 0x203A,
	0x0153, 0, 0x017E, 0x0178,
};

char *lote_to_utf8(const char *s, size_t len, enum lote_encoding e)
{
	if (e == LOTE_UTF8) {
		if (!lote_utf8_valid(s, len))
			return NULL;
		char *out = malloc(len + 1);
		if (out) {
			memcpy(out, s, len);
			out[len] = '\0';
		}
		return out;
	}
	char *out = malloc(len * 3 + 1), *o = out;
	if (!out)
		return NULL;
	for (size_t i = 0; i < len; i++) {
		unsigned c = (unsigned char)s[i];
		unsigned cp = c >= 0x80 && c < 0xA0 ? cp1252_c1[c - 0x80] : c;
		if (!cp && c) {
			free(out);	/* a byte windows-1252 does not define */
			return NULL;
		}
		if (cp < 0x80) {
			*o++ = (char)cp;
		} else if (cp < 0x800) {
			*o++ = (char)(0xC0 | cp >> 6);
			*o++ = (char)(0x80 | (cp & 0x3F));
		} else {
			*o++ = (char)(0xE0 | cp >> 12);
			*o++ = (char)(0x80 | (cp >> 6 & 0x3F));
			*o++ = (char)(0x80 | (cp & 0x3F));
		}
	}
	*o = '\0';
	return out;
}
