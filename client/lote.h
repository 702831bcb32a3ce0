/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * lote.h - what the files of `wsatend lote` share: the records read from the input
 * (CSV or XML) as values by contract field, and their outcome.
 *
 *   lote_text.c     encodings: UTF-8 or windows-1252/ISO-8859-1, detected per file
 *   lote_types.c    the record types: fields, kinds, paths, aliases, operation
 *   lote_map.c      header names, mapping files, checks of values by kind
 *   lote_wire.c     a record's values as the contract's element; one call per type
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

#define LOTE_MAX_FIELDS 40
#define LOTE_MAX_RECORD_BYTES 65536   /* a longer line is rejected locally */

/* What a field's value must be: checked when read (lote_check_values), so a bad
 * one rejects its record locally instead of failing a whole call. */
enum lote_kind {
	LOTE_TEXT,                           /* sent as is; the server checks it */
	LOTE_INT,                            /* xs:int */
	LOTE_ID,                             /* tns:Id, a positive number */
	LOTE_BOOL,                           /* sim/não, s/n, true/false, 1/0, x */
	LOTE_ENUM,                           /* one of lote_field.values */
	LOTE_DATETIME,                       /* tns:DataHora: date, time and offset */
	LOTE_CODES,                          /* several codes, "A|B" (Servico) */
	LOTE_PARTS,                          /* "CODIGO:QUANTIDADE|..." (Peca) */
};

/* One field of a record type. CSV columns name it; XML elements reach it by path. */
struct lote_field {
	const char *name;                    /* contract name; nested ones prefixed: ProspectNome */
	const char *path;                    /* in the record's element: "Prospect/Telefone/Numero";
					      * "Telefone[2]/Numero" = the second Telefone */
	enum lote_kind kind;
	const char *const *values;           /* LOTE_ENUM: the allowed values, NULL-terminated */
};

struct lote_input;
struct ws__Cabecalho;
struct ws__InfoLote;

/* What one call answered. */
struct lote_reply {
	struct ws__Resultado *resultado;
	struct ws__ResultadoRegistro *items;
	int n_items;
};

/*
 * A record type: everything that differs between people, vehicles, atendimentos and
 * bookings. Adding a type is adding one of these (lote_types.c) and its wire
 * functions (lote_wire.c); reading, checking, journal and sending are generic.
 */
struct lote_type {
	const char *tipo;                    /* --tipo; also hashed into the IdLote */
	const char *element;                 /* its element in ArquivoLote and in the Registro */
	const char *plural;                  /* "pessoas", in messages */
	const char *operation;               /* IncluirPessoasLote */
	/* Records see the earlier ones (events: the second-open policy, capacity, a
	 * repeated IdExterno), so the file's order is the processing order: one
	 * connection unless --conexoes says otherwise. */
	bool ordered;
	const struct lote_field *fields;     /* ended by a NULL name; index = lote_record.values */
	const char *const (*aliases)[2];     /* normalised header -> field name; ended by NULL */
	/* One call with records idx[0..n-1]: Registro per record (key, line, element),
	 * h and lote as given. Returns gSOAP's code. */
	int (*send)(struct soap *soap, const char *url, struct ws__Cabecalho *h, struct ws__InfoLote *lote,
		    const struct lote_input *in, const size_t *idx, size_t n, struct lote_reply *out);
};

extern const struct lote_type *const lote_types[];   /* NULL-terminated */
const struct lote_type *lote_type_named(const char *tipo);
const struct lote_type *lote_type_of_element(const char *element);

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
	const struct lote_type *type;
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
int lote_field_index(const struct lote_type *t, const char *name);   /* -1: none */
/* mapping: column header -> field index (-1: ignored); a mapping file (lines
 * "coluna = Campo") wins over header names. Returns false (message printed) on a
 * bad mapping file. */
struct lote_mapping {
	int n;
	int *field;                          /* per column */
};
bool lote_map_columns(const struct lote_type *t, char **headers, int n, const char *map_file,
		      struct lote_mapping *m);
void lote_record_free(struct lote_record *r);
/* Adds a record (copied) to in; false when out of memory. */
struct lote_record *lote_add(struct lote_input *in, int line);
/* Checks every field by its kind; a bad value rejects the record locally (false). */
bool lote_check_values(const struct lote_type *t, struct lote_record *r);
void lote_reject_local(struct lote_record *r, const char *code, const char *field, const char *fmt, ...)
	__attribute__((format(printf, 4, 5)));
/* A field's value (NULL when absent or empty). */
const char *lote_value(const struct lote_type *t, const struct lote_record *r, const char *name);
/* A LOTE_BOOL value read (lote_check_values accepted it). */
bool lote_yes(const char *s);

/* ---- lote_wire.c: a record as the contract's element, in the soap arena ---- */
int lote_send_pessoas(struct soap *, const char *, struct ws__Cabecalho *, struct ws__InfoLote *,
		      const struct lote_input *, const size_t *, size_t, struct lote_reply *);
int lote_send_veiculos(struct soap *, const char *, struct ws__Cabecalho *, struct ws__InfoLote *,
		       const struct lote_input *, const size_t *, size_t, struct lote_reply *);
int lote_send_atendimentos(struct soap *, const char *, struct ws__Cabecalho *, struct ws__InfoLote *,
			   const struct lote_input *, const size_t *, size_t, struct lote_reply *);
int lote_send_agendamentos(struct soap *, const char *, struct ws__Cabecalho *, struct ws__InfoLote *,
			   const struct lote_input *, const size_t *, size_t, struct lote_reply *);

/* ---- lote_csv.c / lote_xml.c ---- */
/* Reads the whole input; records that cannot be sent are rejected locally with the
 * line and the reason. Returns 0 or an exit code (message printed). */
int lote_read_csv(const char *path, const char *data, size_t len, const char *map_file, char separator,
		  const char *encoding, struct lote_input *in);
/* The type comes from the elements; with in->type set (--tipo), records of another
 * type are rejected. */
int lote_read_xml(const char *path, const char *schema_dir, struct lote_input *in);

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
/* Why a job stopped before every record was sent (the rest stays pending). */
enum lote_stop { LOTE_STOP_NONE, LOTE_STOP_AUTH, LOTE_STOP_CALL };
struct lote_send_result {
	enum lote_stop stop;
	char stop_why[256];          /* "CODIGO\tCampo\tTexto" or a plain reason */
	_Atomic size_t sent_chunks, retries, replayed;
};
/* Sends every pending record; outcomes land in in->rec and in the journal. */
void lote_send(const struct settings *st, struct lote_input *in, struct lote_journal *j,
	       const struct lote_send_opts *o, struct lote_send_result *res);

#endif
