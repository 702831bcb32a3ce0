/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * validate.h - checks and normalisations of the values that cross the SOAP edge.
 *
 * The one rule: these functions only read their arguments and write the caller's
 * buffers (no I/O, no globals, no allocation, no locale), so any worker thread may
 * call them. Every normaliser accepts ASCII white space around the value, returns
 * false (or the INVALID enumerator) for NULL or malformed input, and then leaves
 * the empty string in its output buffer, so a rejected value can never leak on.
 */
#ifndef WSATEND_CORE_VALIDATE_H
#define WSATEND_CORE_VALIDATE_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

/* ---- UTF-8 ---------------------------------------------------------------- */

/* Why: libxml2 and PostgreSQL both reject ill-formed text, and a rejection deep in
 * a transaction is a poor error; check at the edge instead. Strict per Unicode
 * Table 3-7: no overlongs, no surrogates, nothing above U+10FFFF. U+0000 counts as
 * valid (it is well-formed); callers that pass NUL-terminated strings never see it.
 * NULL is invalid even with len 0. */
bool utf8_valid(const char *s, size_t len);

/* Why: XSD maxLength facets count characters, not bytes. Counts lead bytes of a
 * NUL-terminated string; meaningful only when utf8_valid() holds. NULL -> 0. */
size_t utf8_chars(const char *s);

/* ---- Brazilian tax ids ---------------------------------------------------- */

/* Why: customers type CPFs masked or not; the database stores the 11 digits.
 * Accepts "529.982.247-25", "52998224725" (each mask character optional, but only
 * at its own place). Rejects wrong length, wrong check digits, all-equal digits. */
bool cpf_normalize(const char *in, char out[12]);

/* Why: as for CPF, plus the alphanumeric CNPJ issued from July 2026: the first 12
 * characters are 0-9/A-Z (lower case is upper-cased), the last 2 are check digits
 * (value = ASCII code - 48). Mask "11.222.333/0001-81" accepted. Rejects all zeros.
 * Output is 14 characters: store it as text, never as a number. */
bool cnpj_normalize(const char *in, char out[15]);

/* ---- Licence plates ------------------------------------------------------- */

/* Why: the same car appears with its old plate (ABC1234) in old records and its
 * Mercosul plate (ABC1C34) in new ones. Accepts lower case, a '-' or ' ' after the
 * letters, white space around. Output upper case, 7 characters, no dash. */
enum plate_form { PLATE_INVALID = 0, PLATE_OLD, PLATE_MERCOSUL };
enum plate_form plate_normalize(const char *in, char out[8]);

/* Why: one column to index and search. Maps a *normalised* plate to its Mercosul
 * form (the 5th character 0-9 becomes A-J), so searching either form finds both.
 * Anything that is not a normalised plate (or NULL) gives the empty key. */
void plate_search_key(const char normalized[8], char key[8]);

/* ---- VIN (chassis) -------------------------------------------------------- */

/* Why: the chassis number identifies the vehicle for the manufacturer's systems.
 * 17 characters of A-Z/0-9 without I, O, Q; input upper-cased, white space at the
 * ends stripped. The ISO 3779 / North American check digit (position 9) is only a
 * warning: Brazilian chassis often fail it, so VIN_CHECK_DIGIT_MISMATCH still fills
 * out and the caller decides. */
enum vin_check { VIN_INVALID = 0, VIN_OK, VIN_CHECK_DIGIT_MISMATCH };
enum vin_check vin_normalize(const char *in, char out[18]);

/* Why: the service desk looks vehicles up by the last 6 characters of the VIN.
 * Exactly 6 characters of the VIN alphabet, upper-cased. */
bool vin_suffix_valid(const char *in, char out[7]);

/* ---- Contacts ------------------------------------------------------------- */

/* Why: one canonical E.164 form ("+5511987654321") for deduplication and SMS.
 * Optional +55 / 55, DDD 11..99, then 8 digits starting 2-5 (landline) or 9 digits
 * starting 9 (mobile). Spaces, ( ) - . are ignored; '+' only at the start. */
bool phone_normalize(const char *in, char out[16]);

/* Why: catch typos, not to implement RFC 5322. One '@'; local part 1..64 of atext
 * and dots (no leading, trailing or double dot), kept as typed (it may be case
 * sensitive); domain of 1..63-character labels [A-Za-z0-9-] not starting or ending
 * with '-', at least one dot, an alphabetic TLD of 2+ letters, lower-cased. Total
 * at most 254. Quoted local parts, IP literals and raw UTF-8 are rejected. */
bool email_normalize(const char *in, char out[255]);

/* Why: the postal code drives address lookup. 8 digits, "01310-100" accepted, all
 * zeros rejected. */
bool cep_normalize(const char *in, char out[9]);

/* ---- Dates and times ------------------------------------------------------ */

/* Why: branches span three time zones, so a time without an offset is ambiguous
 * and rejected. Accepts xsd:dateTime "YYYY-MM-DDThh:mm:ss[.f{1,6}](Z|+hh:mm|-hh:mm)",
 * offset within +-14:00, year 1900..9999, a real calendar date, hour 0-23 (no
 * 24:00:00), second 0-59 (no leap second). More than 6 fraction digits are rejected
 * rather than silently rounded. On success *epoch is seconds since 1970-01-01T00:00Z
 * and *usec the microseconds; on failure both are left untouched. */
bool datetime_parse(const char *in, int64_t *epoch, int32_t *usec);

/* Why: birth dates and other calendar days carry no time zone. "YYYY-MM-DD" with the
 * calendar check, year 1900..9999 as above. Outputs untouched on failure. */
bool date_parse(const char *in, int *year, int *month, int *day);

/* ---- Agenda --------------------------------------------------------------- */

/* Why: the agenda's colours are per branch, and "today" depends on the branch's
 * IANA time zone (and, historically, on DST), which only the database knows. So
 * the caller passes tomorrow_start, the UTC instant where the branch's next local
 * day begins, and this function is pure comparison:
 * PENDENTE (red) due < now; HOJE now <= due < tomorrow_start; FUTURO otherwise. */
enum agenda_class { AGENDA_PENDENTE, AGENDA_HOJE, AGENDA_FUTURO };
enum agenda_class agenda_classify(int64_t due, int64_t now, int64_t tomorrow_start);

/* Why: the wire name of each class. NULL for a value outside the enum. */
const char *agenda_class_name(enum agenda_class c);

#endif /* WSATEND_CORE_VALIDATE_H */
