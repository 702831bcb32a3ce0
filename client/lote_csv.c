/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * lote_csv.c - CSV input of `wsatend lote enviar` (lote.h), parsed by libcsv.
 *
 * The rule to know: a bad line costs only itself. A line with the wrong number of
 * columns, bytes that are not text in the file's encoding, or more than
 * LOTE_MAX_RECORD_BYTES is recorded as rejected with its line number and the
 * reason, and never sent; every other line is read. The input is fed to libcsv one
 * physical line at a time, so each record knows the line it starts on even when a
 * quoted field spans lines.
 */
#include "lote.h"

#include <csv.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

struct field {
	char *data;     /* raw bytes, NUL-terminated; NULL: empty */
	size_t len;
};

struct reader {
	struct lote_input *in;
	enum lote_encoding enc;
	int line;                  /* physical line being fed */
	int start;                 /* line the current record started on */
	struct field *f;
	int nf, capf;
	size_t bytes;              /* of the current record */
	bool too_long, oom, header_done;
	char **headers;
	int ncols;
	struct lote_mapping map;
	const char *map_file;
	int rc;
};

static void on_field(void *s, size_t len, void *data)
{
	struct reader *r = data;
	if (r->nf == 0)
		r->start = r->line;
	r->bytes += len + 1;
	if (r->bytes > LOTE_MAX_RECORD_BYTES)
		r->too_long = true;
	if (r->nf == r->capf) {
		int cap = r->capf ? r->capf * 2 : 32;
		struct field *p = realloc(r->f, (size_t)cap * sizeof *p);
		if (!p) {
			r->oom = true;
			return;
		}
		r->f = p;
		r->capf = cap;
	}
	struct field *f = &r->f[r->nf++];
	f->data = NULL;
	f->len = 0;
	if (s && len && !r->too_long && (f->data = malloc(len + 1))) {
		memcpy(f->data, s, len);
		f->data[len] = '\0';
		f->len = len;
	}
}

static void clear_fields(struct reader *r)
{
	for (int i = 0; i < r->nf; i++)
		free(r->f[i].data);
	r->nf = 0;
	r->bytes = 0;
	r->too_long = false;
}

static void header_record(struct reader *r)
{
	r->ncols = r->nf;
	r->headers = calloc((size_t)(r->nf ? r->nf : 1), sizeof *r->headers);
	for (int i = 0; r->headers && i < r->nf; i++) {
		char *h = r->f[i].data ? lote_to_utf8(r->f[i].data, r->f[i].len, r->enc) : strdup("");
		r->headers[i] = h ? h : strdup("?");
	}
	r->header_done = true;
	if (!r->headers || !lote_map_columns(r->in->type, r->headers, r->ncols, r->map_file, &r->map))
		r->rc = 2;
}

static void data_record(struct reader *r)
{
	struct lote_record *rec = lote_add(r->in, r->start);
	const struct lote_field *fields = r->in->type->fields;
	if (!rec) {
		r->oom = true;
		return;
	}
	if (r->too_long) {
		lote_reject_local(rec, "TAMANHO_EXCEDIDO", "linha", "Linha %d com mais de %d bytes: não enviada.",
				  r->start, LOTE_MAX_RECORD_BYTES);
		return;
	}
	if (r->nf != r->ncols) {
		lote_reject_local(rec, "ESTRUTURA_INVALIDA", "linha", "Linha %d tem %d coluna%s; o cabeçalho tem %d.",
				  r->start, r->nf, r->nf == 1 ? "" : "s", r->ncols);
		return;
	}
	for (int i = 0; i < r->nf; i++) {
		int target = r->map.field[i];
		if (target < 0 || !r->f[i].data)
			continue;
		char *u = lote_to_utf8(r->f[i].data, r->f[i].len, r->enc);
		if (!u) {
			lote_reject_local(rec, "VALOR_INVALIDO", fields[target].name,
					  "Linha %d, coluna '%s': o texto não é %s válido.", r->start, r->headers[i],
					  r->enc == LOTE_UTF8 ? "UTF-8" : "windows-1252");
			return;
		}
		rec->values[target] = u;
	}
	lote_check_values(r->in->type, rec);
}

static void on_record(int c, void *data)
{
	struct reader *r = data;
	(void)c;
	if (r->oom || r->rc)
		return;
	if (!r->header_done)
		header_record(r);
	else
		data_record(r);
	clear_fields(r);
}

/* The separator of the header line: the more frequent of ';' and ',' outside quotes. */
static char guess_separator(const char *data, size_t len)
{
	int semi = 0, comma = 0;
	bool quoted = false;
	for (size_t i = 0; i < len && (quoted || data[i] != '\n'); i++) {
		if (data[i] == '"')
			quoted = !quoted;
		else if (!quoted && data[i] == ';')
			semi++;
		else if (!quoted && data[i] == ',')
			comma++;
	}
	return comma > semi ? ',' : ';';
}

int lote_read_csv(const char *path, const char *data, size_t len, const char *map_file, char separator,
		  const char *encoding, struct lote_input *in)
{
	struct csv_parser p;
	struct reader r = {.in = in, .map_file = map_file};

	if (len >= 3 && !memcmp(data, "\xEF\xBB\xBF", 3)) {	/* UTF-8 BOM */
		data += 3;
		len -= 3;
		r.enc = LOTE_UTF8;
	} else if (!encoding || !strcmp(encoding, "auto")) {
		r.enc = lote_detect_encoding(data, len);
	} else {
		r.enc = !strcasecmp(encoding, "utf-8") || !strcasecmp(encoding, "utf8") ? LOTE_UTF8 : LOTE_CP1252;
	}
	if (csv_init(&p, CSV_EMPTY_IS_NULL) != 0)
		return 3;
	csv_set_delim(&p, (unsigned char)(separator ? separator : guess_separator(data, len)));
	/* libcsv grows its field buffer by this much: the default (128 bytes) makes a
	 * 10 MB line cost 80 000 reallocations */
	csv_set_blk_size(&p, 1u << 20);
	for (size_t off = 0; off < len && !r.rc && !r.oom;) {
		const char *nl = memchr(data + off, '\n', len - off);
		size_t n = nl ? (size_t)(nl - (data + off)) + 1 : len - off;
		r.line++;
		if (csv_parse(&p, data + off, n, on_field, on_record, &r) != n)
			break;
		off += n;
	}
	csv_fini(&p, on_field, on_record, &r);
	csv_free(&p);
	clear_fields(&r);
	free(r.f);
	for (int i = 0; r.headers && i < r.ncols; i++)
		free(r.headers[i]);
	free(r.headers);
	free(r.map.field);
	if (r.oom) {
		fprintf(stderr, "wsatend: lote: %s: memória insuficiente\n", path);
		return 3;
	}
	if (!r.rc && !r.header_done) {
		fprintf(stderr, "wsatend: lote: %s: arquivo vazio (falta o cabeçalho)\n", path);
		return 2;
	}
	if (!r.rc)
		fprintf(stderr, "wsatend: lote: %s: %zu registro%s, codificação %s\n", path, in->n, in->n == 1 ? "" : "s",
			r.enc == LOTE_UTF8 ? "UTF-8" : "windows-1252");
	return r.rc;
}
