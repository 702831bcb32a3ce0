/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * lote.h - what the files of `wsatend lote` share: the records read from the input
 * (CSV or XML) as values by contract field, and their outcome.
 *
 *   lote_text.c     encodings: UTF-8 or windows-1252/ISO-8859-1, detected per file
 *   lote_map.c      the fields of each record type, header names, mapping files,
 *                   and a record's values as the contract's Pessoa/Veiculo
 *   lote_csv.c      CSV input (libcsv)          lote_xml.c   XML input (xmlTextReader)
 *   lote_journal.c  the append-only journal beside the input
 *   lote_send.c     chunks over parallel connections, retries
 *   lote_cmd.c      the commands, progress, results file, summary
 *
 * The rule to know: a record's key is "<IdLote>.<line>", and IdLote is a hash of
 * the record type and the file's bytes; so a rerun of the same file produces the
 * same keys, and the server, which stores each key's outcome, never applies a
 * record twice, whatever the journal says.
 */
#ifndef WSATEND_LOTE_H
#define WSATEND_LOTE_H

#include "soapH.h"

#include <stdbool.h>
#include <stddef.h>

#define LOTE_MAX_FIELDS 24
#define LOTE_MAX_RECORD_BYTES 65536   /* a longer line is rejected locally */

enum lote_tipo { LOTE_PESSOA, LOTE_VEICULO };

enum lote_state { LOTE_PENDING, LOTE_DONE, LOTE_REJECTED };

struct lote_record {
	int line;                            /* where it starts in the input (1 = first line) */
	char *values[LOTE_MAX_FIELDS];       /* UTF-8, by the type's field index; NULL: absent */
	enum lote_state state;
	char outcome[16];                    /* CRIADO, ATUALIZADO, REJEITADO... */
	long long server_id;
	char *code, *field, *message;        /* why it was rejected (or its warning) */
	bool local;                          /* rejected while reading: never sent */
};

struct lote_input {
	enum lote_tipo tipo;
	struct lote_record *rec;
	size_t n, cap;
	char id[40];                         /* IdLote: "l" + 24 hex of SHA-256 */
};

/* ---- lote_text.c ---- */
enum lote_encoding { LOTE_UTF8, LOTE_CP1252 };
/* auto: UTF-8 when the bytes hold a valid multi-byte UTF-8 sequence or no byte above
 * 0x7F, else windows-1252 (a superset of ISO-8859-1's printable range). */
enum lote_encoding lote_detect_encoding(const char *data, size_t len);
bool lote_utf8_valid(const char *s, size_t len);
/* A malloc'ed UTF-8 copy of s (len bytes) in encoding e; NULL when UTF-8 is invalid. */
char *lote_to_utf8(const char *s, size_t len, enum lote_encoding e);

/* ---- lote_map.c ---- */
/* Contract names of the type's fields ("IdExterno", "Placa"...), NULL-terminated. */
const char *const *lote_fields(enum lote_tipo t);
int lote_field_index(enum lote_tipo t, const char *name);   /* -1: none */
/* mapping: column header -> field index (-1: ignored); a mapping file (lines
 * "coluna = Campo") wins over header names. Returns false (message printed) on a
 * bad mapping file. */
struct lote_mapping {
	int n;
	int *field;                          /* per column */
};
bool lote_map_columns(enum lote_tipo t, char **headers, int n, const char *map_file, struct lote_mapping *m);
void lote_record_free(struct lote_record *r);
/* The record as the contract's element, in the soap arena. */
struct ws__Pessoa *lote_pessoa(struct soap *soap, const struct lote_record *r);
struct ws__Veiculo *lote_veiculo(struct soap *soap, const struct lote_record *r);
/* Adds a record (copied) to in; false when out of memory. */
struct lote_record *lote_add(struct lote_input *in, int line);
/* Values the wire types need as numbers or enumerations; else rejected locally. */
bool lote_check_values(enum lote_tipo t, struct lote_record *r);
void lote_reject_local(struct lote_record *r, const char *code, const char *field, const char *fmt, ...)
	__attribute__((format(printf, 4, 5)));

/* ---- lote_csv.c / lote_xml.c ---- */
/* Reads the whole input; records that cannot be sent are rejected locally with the
 * line and the reason. Returns 0 or an exit code (message printed). */
int lote_read_csv(const char *path, const char *data, size_t len, const char *map_file, char separator,
		  const char *encoding, struct lote_input *in);
int lote_read_xml(const char *path, const char *schema_dir, struct lote_input *in, bool tipo_given);

/* ---- lote_journal.c ---- */
struct lote_journal;
/* Opens (creating) PATH, checks it belongs to this batch (else renames the old one
 * aside) and applies its DONE lines to in. NULL on error (message printed). */
struct lote_journal *lote_journal_open(const char *path, struct lote_input *in, size_t *applied);
/* Appends the outcome lines of records idx[0..n-1] and fsyncs. Thread-safe. */
bool lote_journal_write(struct lote_journal *j, const struct lote_input *in, const size_t *idx, size_t n);
void lote_journal_close(struct lote_journal *j);

/* ---- lote_send.c ---- */
struct settings;
struct lote_send_opts {
	int chunk, connections, attempts;
	bool progress_tty;
};
struct lote_send_result {
	bool auth_failed;
	char auth_why[256];
	_Atomic size_t sent_chunks, retries, replayed;
};
/* Sends every pending record; outcomes land in in->rec and in the journal. */
void lote_send(const struct settings *st, struct lote_input *in, struct lote_journal *j,
	       const struct lote_send_opts *o, struct lote_send_result *res);

#endif
