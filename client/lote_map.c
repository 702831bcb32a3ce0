/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * lote_map.c - the fields of each record type (the contract's element names),
 * how a file's columns map onto them, and a record's values as the contract's
 * Pessoa or Veiculo (lote.h).
 *
 * The rule to know: a column is matched by its header, compared without case,
 * accents, spaces or punctuation against the field names and a few usual aliases
 * (CPF, CNPJ, KM, VIN...); a mapping file ("coluna = Campo" per line) decides for
 * foreign layouts. A column that maps to nothing is reported and ignored, so a
 * typo in a header never silently drops data unnoticed.
 */
#include "lote.h"

#include <ctype.h>
#include <errno.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static const char *const pessoa_fields[] = {
	"IdExterno", "CodigoDMS", "Tipo", "Documento", "Nome", "NomeFantasia", "Tratamento", "DataNascimento",
	"Cep", "Logradouro", "Numero", "Complemento", "Bairro", "Cidade", "Uf", "Telefone", "WhatsApp",
	"Telefone2", "Email", "PreferenciaContato", "Origem", "Observacao", NULL,
};
static const char *const veiculo_fields[] = {
	"IdExterno", "Placa", "Chassi", "Renavam", "Marca", "Modelo", "VersaoModelo", "Cor", "AnoFabricacao",
	"AnoModelo", "Combustivel", "Quilometragem", "IdProprietario", NULL,
};

/* normalised header -> field, beyond the field names themselves */
static const char *const aliases[][2] = {
	{"cpf", "Documento"}, {"cnpj", "Documento"}, {"cpfcnpj", "Documento"}, {"razaosocial", "Nome"},
	{"nomecompleto", "Nome"}, {"fantasia", "NomeFantasia"}, {"nascimento", "DataNascimento"},
	{"endereco", "Logradouro"}, {"rua", "Logradouro"}, {"municipio", "Cidade"}, {"estado", "Uf"},
	{"celular", "Telefone"}, {"fone", "Telefone"}, {"telefone1", "Telefone"}, {"fone2", "Telefone2"},
	{"email", "Email"}, {"codigodms", "CodigoDMS"}, {"codigo", "IdExterno"}, {"id", "IdExterno"},
	{"vin", "Chassi"}, {"km", "Quilometragem"}, {"odometro", "Quilometragem"}, {"ano", "AnoFabricacao"},
	{"versao", "VersaoModelo"}, {"proprietario", "IdProprietario"},
};

const char *const *lote_fields(enum lote_tipo t)
{
	return t == LOTE_PESSOA ? pessoa_fields : veiculo_fields;
}

int lote_field_index(enum lote_tipo t, const char *name)
{
	const char *const *f = lote_fields(t);
	for (int i = 0; f[i]; i++)
		if (!strcasecmp(f[i], name))
			return i;
	return -1;
}

/* Lower-case ASCII letters and digits only; the Latin-1 letters of Portuguese in
 * UTF-8 (C3 xx) lose their accent. */
static void normalize(const char *in, char *out, size_t len)
{
	static const char folded[64] = "aaaaaaaceeeeiiiidnooooo/ouuuuy-saaaaaaaceeeeiiiidnooooo/ouuuuy-y";
	size_t o = 0;
	for (const unsigned char *p = (const unsigned char *)in; *p && o + 1 < len; p++) {
		unsigned c = *p;
		if (c == 0xC3 && p[1] >= 0x80 && p[1] <= 0xBF) {
			c = (unsigned char)folded[*++p - 0x80];
		}
		if (isalnum(c) && c < 0x80)
			out[o++] = (char)tolower(c);
	}
	out[o] = '\0';
}

static int field_by_header(enum lote_tipo t, const char *header)
{
	char h[128], f[128];
	normalize(header, h, sizeof h);
	const char *const *fields = lote_fields(t);
	for (int i = 0; fields[i]; i++) {
		normalize(fields[i], f, sizeof f);
		if (!strcmp(h, f))
			return i;
	}
	for (size_t i = 0; i < sizeof aliases / sizeof *aliases; i++)
		if (!strcmp(h, aliases[i][0]))
			return lote_field_index(t, aliases[i][1]);
	return -1;
}

static char *trim(char *s)
{
	while (isspace((unsigned char)*s))
		s++;
	size_t n = strlen(s);
	while (n && isspace((unsigned char)s[n - 1]))
		s[--n] = '\0';
	return s;
}

/* "coluna = Campo" lines; '#' starts a comment; "coluna =" ignores the column. */
static bool apply_map_file(enum lote_tipo t, char **headers, int n, const char *path, int *field)
{
	FILE *f = fopen(path, "r");
	char line[512];
	int lineno = 0;
	if (!f) {
		fprintf(stderr, "wsatend: lote: %s: %s\n", path, strerror(errno));
		return false;
	}
	while (fgets(line, sizeof line, f)) {
		lineno++;
		char *hash = strchr(line, '#'), *eq;
		if (hash)
			*hash = '\0';
		char *l = trim(line);
		if (!*l)
			continue;
		if (!(eq = strchr(l, '='))) {
			fprintf(stderr, "wsatend: lote: %s:%d: use \"coluna = Campo\"\n", path, lineno);
			fclose(f);
			return false;
		}
		*eq = '\0';
		char *col = trim(l), *name = trim(eq + 1);
		int target = *name ? lote_field_index(t, name) : -1;
		if (*name && target < 0) {
			fprintf(stderr, "wsatend: lote: %s:%d: campo desconhecido '%s'\n", path, lineno, name);
			fclose(f);
			return false;
		}
		bool found = false;
		for (int i = 0; i < n; i++)
			if (!strcasecmp(trim(headers[i]), col)) {
				field[i] = target;
				found = true;
			}
		if (!found)
			fprintf(stderr, "wsatend: lote: %s:%d: coluna '%s' não está no arquivo\n", path, lineno, col);
	}
	fclose(f);
	return true;
}

bool lote_map_columns(enum lote_tipo t, char **headers, int n, const char *map_file, struct lote_mapping *m)
{
	m->n = n;
	m->field = calloc((size_t)(n ? n : 1), sizeof *m->field);
	if (!m->field)
		return false;
	for (int i = 0; i < n; i++)
		m->field[i] = field_by_header(t, headers[i]);
	if (map_file && !apply_map_file(t, headers, n, map_file, m->field))
		return false;
	bool any = false;
	for (int i = 0; i < n; i++) {
		for (int k = 0; k < i; k++)
			if (m->field[i] >= 0 && m->field[k] == m->field[i]) {
				fprintf(stderr, "wsatend: lote: as colunas '%s' e '%s' são ambas %s\n", headers[k],
					headers[i], lote_fields(t)[m->field[i]]);
				return false;
			}
		if (m->field[i] < 0)
			fprintf(stderr, "wsatend: lote: coluna '%s' ignorada (use --mapa para associá-la)\n",
				headers[i]);
		any |= m->field[i] >= 0;
	}
	if (!any)
		fprintf(stderr, "wsatend: lote: nenhuma coluna reconhecida no cabeçalho\n");
	return any;
}

struct lote_record *lote_add(struct lote_input *in, int line)
{
	if (in->n == in->cap) {
		size_t cap = in->cap ? in->cap * 2 : 1024;
		struct lote_record *p = realloc(in->rec, cap * sizeof *p);
		if (!p)
			return NULL;
		in->rec = p;
		in->cap = cap;
	}
	struct lote_record *r = &in->rec[in->n++];
	memset(r, 0, sizeof *r);
	r->line = line;
	return r;
}

void lote_record_free(struct lote_record *r)
{
	for (int i = 0; i < LOTE_MAX_FIELDS; i++)
		free(r->values[i]);
	free(r->code);
	free(r->field);
	free(r->message);
}

void lote_reject_local(struct lote_record *r, const char *code, const char *field, const char *fmt, ...)
{
	char text[512];
	va_list ap;
	va_start(ap, fmt);
	vsnprintf(text, sizeof text, fmt, ap);
	va_end(ap);
	for (int i = 0; i < LOTE_MAX_FIELDS; i++) {
		free(r->values[i]);
		r->values[i] = NULL;
	}
	r->state = LOTE_REJECTED;
	r->local = true;
	snprintf(r->outcome, sizeof r->outcome, "REJEITADO");
	free(r->code);
	free(r->field);
	free(r->message);
	r->code = strdup(code);
	r->field = field ? strdup(field) : NULL;
	r->message = strdup(text);
}

/* ---- values -> contract ------------------------------------------------------- */

static const char *v(const struct lote_record *r, enum lote_tipo t, const char *name)
{
	int i = lote_field_index(t, name);
	const char *s = i >= 0 ? r->values[i] : NULL;
	return s && *s ? s : NULL;
}

static char *text(struct soap *soap, const struct lote_record *r, enum lote_tipo t, const char *name)
{
	const char *s = v(r, t, name);
	return s ? soap_strdup(soap, s) : NULL;
}

static bool yes(const char *s)
{
	return s && (!strcasecmp(s, "sim") || !strcasecmp(s, "s") || !strcasecmp(s, "true") || !strcmp(s, "1") ||
		     !strcasecmp(s, "x") || !strcasecmp(s, "yes"));
}

static int *int_of(struct soap *soap, const char *s)
{
	if (!s)
		return NULL;
	int *p = soap_malloc(soap, sizeof *p);
	*p = (int)strtol(s, NULL, 10);
	return p;
}

struct ws__Pessoa *lote_pessoa(struct soap *soap, const struct lote_record *r)
{
	const enum lote_tipo t = LOTE_PESSOA;
	struct ws__Pessoa *p = soap_new_ws__Pessoa(soap, 1);
	p->IdExterno = text(soap, r, t, "IdExterno");
	p->CodigoDMS = text(soap, r, t, "CodigoDMS");
	const char *tipo = v(r, t, "Tipo");
	if (tipo) {
		p->Tipo = soap_malloc(soap, sizeof *p->Tipo);
		if (soap_s2ws__TipoPessoa(soap, tipo, p->Tipo) != SOAP_OK)
			p->Tipo = NULL;	/* checked when read (lote_check_values) */
	}
	p->Documento = text(soap, r, t, "Documento");
	p->Nome = text(soap, r, t, "Nome");
	p->NomeFantasia = text(soap, r, t, "NomeFantasia");
	p->Tratamento = text(soap, r, t, "Tratamento");
	p->DataNascimento = text(soap, r, t, "DataNascimento");
	static const char *const addr[] = {"Cep", "Logradouro", "Numero", "Complemento", "Bairro", "Cidade", "Uf"};
	bool any = false;
	for (size_t i = 0; i < sizeof addr / sizeof *addr; i++)
		any |= v(r, t, addr[i]) != NULL;
	if (any) {
		struct ws__Endereco *e = soap_new_ws__Endereco(soap, 1);
		e->Cep = text(soap, r, t, "Cep");
		e->Logradouro = text(soap, r, t, "Logradouro");
		e->Numero = text(soap, r, t, "Numero");
		e->Complemento = text(soap, r, t, "Complemento");
		e->Bairro = text(soap, r, t, "Bairro");
		e->Cidade = text(soap, r, t, "Cidade");
		e->Uf = text(soap, r, t, "Uf");
		p->Endereco = e;
	}
	const char *phones[2] = {v(r, t, "Telefone"), v(r, t, "Telefone2")};
	int n = (phones[0] != NULL) + (phones[1] != NULL);
	if (n) {
		p->Telefone = soap_new_ws__TelefonePessoa(soap, n);
		p->__sizeTelefone = 0;
		for (int i = 0; i < 2; i++) {
			if (!phones[i])
				continue;
			struct ws__TelefonePessoa *tp = &p->Telefone[p->__sizeTelefone++];
			tp->Numero = soap_strdup(soap, phones[i]);
			if (i == 0 && v(r, t, "WhatsApp")) {
				tp->WhatsApp = soap_malloc(soap, sizeof *tp->WhatsApp);
				*tp->WhatsApp = yes(v(r, t, "WhatsApp")) ? xsd__boolean__true_ : xsd__boolean__false_;
			}
		}
	}
	if (v(r, t, "Email")) {
		p->__sizeEmail = 1;
		p->Email = soap_new_ws__EmailPessoa(soap, 1);
		p->Email->Endereco = text(soap, r, t, "Email");
	}
	const char *pref = v(r, t, "PreferenciaContato");
	if (pref) {
		p->PreferenciaContato = soap_malloc(soap, sizeof *p->PreferenciaContato);
		if (soap_s2ws__Canal(soap, pref, p->PreferenciaContato) != SOAP_OK)
			p->PreferenciaContato = NULL;
	}
	p->Origem = text(soap, r, t, "Origem");
	p->Observacao = text(soap, r, t, "Observacao");
	return p;
}

struct ws__Veiculo *lote_veiculo(struct soap *soap, const struct lote_record *r)
{
	const enum lote_tipo t = LOTE_VEICULO;
	struct ws__Veiculo *w = soap_new_ws__Veiculo(soap, 1);
	w->IdExterno = text(soap, r, t, "IdExterno");
	w->Placa = text(soap, r, t, "Placa");
	w->Chassi = text(soap, r, t, "Chassi");
	w->Renavam = text(soap, r, t, "Renavam");
	w->Marca = text(soap, r, t, "Marca");
	w->Modelo = text(soap, r, t, "Modelo");
	w->VersaoModelo = text(soap, r, t, "VersaoModelo");
	w->Cor = text(soap, r, t, "Cor");
	w->AnoFabricacao = int_of(soap, v(r, t, "AnoFabricacao"));
	w->AnoModelo = int_of(soap, v(r, t, "AnoModelo"));
	w->Combustivel = text(soap, r, t, "Combustivel");
	w->Quilometragem = int_of(soap, v(r, t, "Quilometragem"));
	const char *owner = v(r, t, "IdProprietario");
	if (owner) {
		w->IdProprietario = soap_malloc(soap, sizeof *w->IdProprietario);
		*w->IdProprietario = strtoll(owner, NULL, 10);
	}
	return w;
}

/* ---- checks the wire types need (the server checks the rest) ------------------- */

static bool is_int(const char *s, bool positive)
{
	if (!s || !*s)
		return true;
	char *end;
	errno = 0;
	long long x = strtoll(s, &end, 10);
	return !errno && !*end && x >= (positive ? 1 : -2147483647LL) && x <= (positive ? 9223372036854775807LL : 2147483647LL);
}

static bool one_of(const char *s, const char *const *list)
{
	if (!s || !*s)
		return true;
	for (int i = 0; list[i]; i++)
		if (!strcmp(s, list[i]))
			return true;
	return false;
}

bool lote_check_values(enum lote_tipo t, struct lote_record *r)
{
	static const char *const tipos[] = {"FISICA", "JURIDICA", NULL};
	static const char *const canais[] = {"EMAIL", "SMS", "TELEFONE", "WHATSAPP", NULL};
	if (t == LOTE_PESSOA) {
		if (!one_of(v(r, t, "Tipo"), tipos)) {
			lote_reject_local(r, "VALOR_INVALIDO", "Pessoa/Tipo", "Tipo deve ser FISICA ou JURIDICA.");
			return false;
		}
		if (!one_of(v(r, t, "PreferenciaContato"), canais)) {
			lote_reject_local(r, "VALOR_INVALIDO", "Pessoa/PreferenciaContato",
					  "PreferenciaContato deve ser EMAIL, SMS, TELEFONE ou WHATSAPP.");
			return false;
		}
		return true;
	}
	static const char *const ints[] = {"AnoFabricacao", "AnoModelo", "Quilometragem"};
	for (size_t i = 0; i < sizeof ints / sizeof *ints; i++)
		if (!is_int(v(r, t, ints[i]), false)) {
			char field[64];
			snprintf(field, sizeof field, "Veiculo/%s", ints[i]);
			lote_reject_local(r, "VALOR_INVALIDO", field, "%s deve ser um número inteiro.", ints[i]);
			return false;
		}
	if (!is_int(v(r, t, "IdProprietario"), true)) {
		lote_reject_local(r, "VALOR_INVALIDO", "Veiculo/IdProprietario", "IdProprietario deve ser um Id (número).");
		return false;
	}
	return true;
}
