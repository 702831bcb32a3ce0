/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * person.c - the rules of people, prospects and consents (person.h).
 *
 * Rule to know: values are checked and put in canonical form here, at the edge,
 * before anything is compared or stored: a CPF/CNPJ unmasked (and its check digits
 * right), phones E.164, e-mails with the domain lower-cased, CEP 8 digits. A CPF/CNPJ
 * belongs to one person among those that are not INATIVO. Every change is audited
 * with the fields that actually changed.
 */
#include "domain/person.h"
#include "domain/field.h"

#include "core/validate.h"
#include "domain/reference.h"
#include "store/audit_store.h"
#include "store/person_store.h"

#include <stdarg.h>
#include <stdio.h>
#include <string.h>
#include <time.h>

#define MAX_PHONES 10
#define MAX_EMAILS 10

static const char *const kinds[] = {"FISICA", "JURIDICA", NULL};
static const char *const statuses[] = {"PROSPECT", "CLIENTE", "INATIVO", NULL};
static const char *const channels[] = {"EMAIL", "SMS", "TELEFONE", "WHATSAPP", NULL};
static const char *const purposes[] = {"ATENDIMENTO", "MARKETING", "POS_VENDA", "PESQUISA", NULL};
static const char *const states[] = {"AC", "AL", "AM", "AP", "BA", "CE", "DF", "ES", "GO", "MA",
				     "MG", "MS", "MT", "PA", "PB", "PE", "PI", "PR", "RJ", "RN",
				     "RO", "RR", "RS", "SC", "SE", "SP", "TO", NULL};

static bool one_of(const char *s, const char *const *list)
{
	for (; s && *list; list++)
		if (!strcmp(s, *list))
			return true;
	return false;
}

/* ---- collecting validation errors ----------------------------------------- */

/* Errors of one request, each on "<prefix>/<element>"; the first status is kept. */
struct check {
	struct request *req;
	const char *prefix;
	enum status first;
};

static const char *path(struct check *c, const char *elem)
{
	if (!c->prefix || !*c->prefix)
		return elem;
	return elem ? req_printf(c->req, "%s/%s", c->prefix, elem) : c->prefix;
}

static void fail(struct check *c, enum status code, const char *elem, const char *fmt, ...)
	__attribute__((format(printf, 4, 5)));
static void fail(struct check *c, enum status code, const char *elem, const char *fmt, ...)
{
	char text[512];
	va_list ap;
	va_start(ap, fmt);
	vsnprintf(text, sizeof text, fmt, ap);
	va_end(ap);
	req_fail(c->req, code, path(c, elem), "%s", text);
	if (c->first == STATUS_OK)
		c->first = code;
}

/* Trims an optional text and checks its length in characters. keep_blank: an
 * empty element stays "" (AlterarPessoa: clear the value); otherwise it is absent. */
static const char *text(struct check *c, const char *elem, const char *s, size_t max, bool keep_blank)
{
	s = field_trimmed(c->req, s);
	if (s && !*s && !keep_blank)
		return NULL;
	if (s && utf8_chars(s) > max) {
		fail(c, STATUS_TAMANHO_EXCEDIDO, elem, "%s excede %zu caracteres (informados: %zu).", elem, max,
		     utf8_chars(s));
		return NULL;
	}
	return s;
}

/* ---- Brazilian values ------------------------------------------------------ */

/* The CPF or CNPJ in canonical form and the kind it implies, or NULL (error added). */
/* Whether an element has something besides white space. */
static bool sent(struct request *req, const char *s)
{
	s = field_trimmed(req, s);
	return s && *s;
}

static const char *document(struct check *c, const char *elem, const char *in, const char **kind)
{
	char cpf[12], cnpj[15];
	if (cpf_normalize(in, cpf)) {
		*kind = "FISICA";
		return req_strdup(c->req, cpf);
	}
	if (cnpj_normalize(in, cnpj)) {
		*kind = "JURIDICA";
		return req_strdup(c->req, cnpj);
	}
	size_t alnum = 0;
	for (const char *p = in; *p; p++)
		alnum += (*p >= '0' && *p <= '9') || (*p >= 'A' && *p <= 'Z') || (*p >= 'a' && *p <= 'z');
	if (alnum == 11)
		fail(c, STATUS_VALOR_INVALIDO, elem, "CPF '%s' inválido: dígitos verificadores não conferem.", in);
	else if (alnum == 14)
		fail(c, STATUS_VALOR_INVALIDO, elem, "CNPJ '%s' inválido: dígitos verificadores não conferem.", in);
	else
		fail(c, STATUS_VALOR_INVALIDO, elem,
		     "Documento '%s' inválido: informe um CPF (11 dígitos) ou um CNPJ (14 caracteres).", in);
	return NULL;
}

static const char *phone(struct check *c, const char *elem, const char *in)
{
	char e164[16];
	if (phone_normalize(in, e164))
		return req_strdup(c->req, e164);
	fail(c, STATUS_VALOR_INVALIDO, elem,
	     "Telefone '%s' inválido: informe DDD e número (fixo com 8 dígitos, celular com 9 começando por 9).",
	     in);
	return NULL;
}

static const char *email(struct check *c, const char *elem, const char *in)
{
	char out[255];
	if (email_normalize(in, out))
		return req_strdup(c->req, out);
	fail(c, STATUS_VALOR_INVALIDO, elem, "E-mail '%s' inválido.", in);
	return NULL;
}

/* Today's date as YYYY-MM-DD (UTC: never earlier than any Brazilian date). */
static void today(char out[11])
{
	time_t t = time(NULL);
	struct tm tm;
	gmtime_r(&t, &tm);
	strftime(out, 11, "%Y-%m-%d", &tm);
}

/* xs:date may carry a time zone ("1980-05-01Z", "1980-05-01-03:00"); a calendar day
 * does not need it, so it is dropped. */
static const char *without_zone(struct request *req, const char *in)
{
	size_t n = strlen(in);
	bool z = n == 11 && in[10] == 'Z';
	bool offset = n == 16 && (in[10] == '+' || in[10] == '-') && in[13] == ':';
	return z || offset ? req_printf(req, "%.10s", in) : in;
}

static const char *birth_date(struct check *c, const char *elem, const char *in)
{
	int y, m, d;
	in = without_zone(c->req, in);
	if (!date_parse(in, &y, &m, &d)) {
		fail(c, STATUS_VALOR_INVALIDO, elem, "Data '%s' inválida: use AAAA-MM-DD.", in);
		return NULL;
	}
	char now[11], value[16];
	today(now);
	snprintf(value, sizeof value, "%04d-%02d-%02d", y, m, d);
	if (strcmp(value, now) > 0) {
		fail(c, STATUS_VALOR_INVALIDO, elem, "Data de nascimento %s no futuro.", value);
		return NULL;
	}
	return req_strdup(c->req, value);
}

/* ---- the Pessoa element ------------------------------------------------------ */

/* Phones: canonical, no repeats, at most one main (the first when none is). */
static void check_phones(struct check *c, struct person *p)
{
	if (p->n_phones > MAX_PHONES) {
		fail(c, STATUS_VALOR_INVALIDO, "Telefone", "No máximo %d telefones.", MAX_PHONES);
		return;
	}
	int main_at = -1;
	for (int i = 0; i < p->n_phones; i++) {
		struct person_phone *f = &p->phones[i];
		const char *elem = req_printf(c->req, "Telefone[%d]/Numero", i + 1);
		const char *raw = field_trimmed(c->req, f->number);
		if (!raw || !*raw) {
			fail(c, STATUS_CAMPO_OBRIGATORIO, elem, "Informe o número do telefone.");
			continue;
		}
		f->number = phone(c, elem, raw);
		for (int k = 0; f->number && k < i; k++)
			if (field_same(p->phones[k].number, f->number))
				fail(c, STATUS_VALOR_INVALIDO, elem, "Telefone %s repetido na lista.", f->number);
		if (f->is_main && main_at >= 0)
			fail(c, STATUS_VALOR_INVALIDO, req_printf(c->req, "Telefone[%d]/Principal", i + 1),
			     "Apenas um telefone pode ser o principal.");
		else if (f->is_main)
			main_at = i;
	}
	if (main_at < 0 && p->n_phones > 0)
		p->phones[0].is_main = true;
}

static void check_emails(struct check *c, struct person *p)
{
	if (p->n_emails > MAX_EMAILS) {
		fail(c, STATUS_VALOR_INVALIDO, "Email", "No máximo %d e-mails.", MAX_EMAILS);
		return;
	}
	int main_at = -1;
	for (int i = 0; i < p->n_emails; i++) {
		struct person_email *e = &p->emails[i];
		const char *elem = req_printf(c->req, "Email[%d]/Endereco", i + 1);
		const char *raw = field_trimmed(c->req, e->address);
		if (!raw || !*raw) {
			fail(c, STATUS_CAMPO_OBRIGATORIO, elem, "Informe o endereço de e-mail.");
			continue;
		}
		e->address = email(c, elem, raw);
		for (int k = 0; e->address && k < i; k++)
			if (p->emails[k].address && !strcasecmp(p->emails[k].address, e->address))
				fail(c, STATUS_VALOR_INVALIDO, elem, "E-mail %s repetido na lista.", e->address);
		if (e->is_main && main_at >= 0)
			fail(c, STATUS_VALOR_INVALIDO, req_printf(c->req, "Email[%d]/Principal", i + 1),
			     "Apenas um e-mail pode ser o principal.");
		else if (e->is_main)
			main_at = i;
	}
	if (main_at < 0 && p->n_emails > 0)
		p->emails[0].is_main = true;
}

static void check_address(struct check *c, struct person_address *a, bool keep_blank)
{
	const char *cep = text(c, "Endereco/Cep", a->cep, 9, keep_blank);
	char digits[9];
	if (cep && *cep && !cep_normalize(cep, digits)) {
		fail(c, STATUS_VALOR_INVALIDO, "Endereco/Cep", "CEP '%s' inválido: informe 8 dígitos.", cep);
		cep = NULL;
	} else if (cep && *cep) {
		cep = req_strdup(c->req, digits);
	}
	a->cep = cep;
	a->street = text(c, "Endereco/Logradouro", a->street, 100, keep_blank);
	a->number = text(c, "Endereco/Numero", a->number, 20, keep_blank);
	a->complement = text(c, "Endereco/Complemento", a->complement, 60, keep_blank);
	a->district = text(c, "Endereco/Bairro", a->district, 60, keep_blank);
	a->city = text(c, "Endereco/Cidade", a->city, 60, keep_blank);
	const char *uf = text(c, "Endereco/Uf", a->uf, 2, keep_blank);
	if (uf && *uf) {
		char up[3] = {0};
		for (int i = 0; i < 2 && uf[i]; i++)
			up[i] = (char)(uf[i] >= 'a' && uf[i] <= 'z' ? uf[i] - 'a' + 'A' : uf[i]);
		if (!one_of(up, states)) {
			fail(c, STATUS_VALOR_INVALIDO, "Endereco/Uf", "UF '%s' não é um estado brasileiro.", uf);
			uf = NULL;
		} else {
			uf = req_strdup(c->req, up);
		}
	}
	a->uf = uf;
}

/*
 * Puts every element that was sent in canonical form, adding an error per bad one.
 * keep_blank (AlterarPessoa): an empty element is kept as "" and means "clear".
 * Requiredness is the caller's (it differs per operation).
 */
static void check_person(struct check *c, struct person *p, bool keep_blank)
{
	p->external_id = text(c, "IdExterno", p->external_id, 60, keep_blank);
	p->dms_code = text(c, "CodigoDMS", p->dms_code, 20, keep_blank);
	if (p->kind && !one_of(p->kind, kinds))
		fail(c, STATUS_VALOR_INVALIDO, "Tipo", "Tipo '%s' inválido: use FISICA ou JURIDICA.", p->kind);
	const char *doc = text(c, "Documento", p->document, 18, keep_blank);
	p->document = doc;
	if (doc && *doc) {
		const char *implied = NULL;
		p->document = document(c, "Documento", doc, &implied);
		if (p->document && p->kind && one_of(p->kind, kinds) && strcmp(p->kind, implied))
			fail(c, STATUS_VALOR_INVALIDO, "Tipo", "Tipo %s não corresponde ao documento (%s).", p->kind,
			     !strcmp(implied, "FISICA") ? "CPF" : "CNPJ");
		else if (p->document)
			p->kind = implied;
	}
	p->name = text(c, "Nome", p->name, 100, true);
	p->trade_name = text(c, "NomeFantasia", p->trade_name, 100, keep_blank);
	p->title = text(c, "Tratamento", p->title, 20, keep_blank);
	const char *birth = text(c, "DataNascimento", p->birth_date, 25, keep_blank);
	p->birth_date = birth && *birth ? birth_date(c, "DataNascimento", birth) : birth;
	if (p->has_address)
		check_address(c, &p->address, keep_blank);
	if (p->phones_given)
		check_phones(c, p);
	if (p->emails_given)
		check_emails(c, p);
	if (p->contact_preference && !one_of(p->contact_preference, channels))
		fail(c, STATUS_VALOR_INVALIDO, "PreferenciaContato", "Canal '%s' inválido.", p->contact_preference);
	p->origin = text(c, "Origem", p->origin, 20, keep_blank);
	p->notes = text(c, "Observacao", p->notes, 2000, keep_blank);
}

/* Origem must be an active contact_origin of the tenant. */
static enum status check_origin(struct check *c, const char *origin)
{
	if (!origin || !*origin)
		return STATUS_OK;
	bool found;
	enum status s = reference_origin_exists(c->req, origin, &found);
	if (s == STATUS_OK && !found)
		fail(c, STATUS_NAO_ENCONTRADO, "Origem", "Origem '%s' não encontrada (veja ListarOrigensContato).",
		     origin);
	return s;
}

/* The external id is the caller's key: one person per tenant holds it. */
static enum status check_external_id(struct check *c, const char *external_id, int64_t self)
{
	if (!external_id || !*external_id)
		return STATUS_OK;
	int64_t other;
	enum status s = person_store_id_by_external_id(c->req, external_id, self, &other);
	if (s == STATUS_OK && other)
		fail(c, STATUS_JA_EXISTENTE, "IdExterno", "IdExterno '%s' já pertence à pessoa %lld.", external_id,
		     (long long)other);
	return s;
}

static enum status check_document_free(struct check *c, const char *doc, int64_t self)
{
	if (!doc || !*doc)
		return STATUS_OK;
	int64_t other;
	enum status s = person_store_id_by_document(c->req, doc, self, &other);
	if (s == STATUS_OK && other)
		fail(c, STATUS_JA_EXISTENTE, "Documento", "Já existe a pessoa %lld com o %s %s.", (long long)other,
		     strlen(doc) == 11 ? "CPF" : "CNPJ", doc);
	return s;
}

/* A store's JA_EXISTENTE: a concurrent request took the document or the external id
 * between our check and our write (the unique index is the last word). */
static enum status store_result(struct check *c, enum status s, const char *conflict)
{
	const char *field = conflict ? conflict : "Documento";
	if (s == STATUS_JA_EXISTENTE) {
		req_race(c->req);
		fail(c, STATUS_JA_EXISTENTE, field,
		     "Outra pessoa com este %s acabou de ser gravada; consulte-a e reenvie.", field);
	}
	return s;
}

/* ---- audit ----------------------------------------------------------------- */

static const char *phones_text(struct request *req, const struct person *p)
{
	if (p->n_phones == 0)
		return NULL;
	const char *out = "";
	for (int i = 0; i < p->n_phones; i++)
		out = req_printf(req, "%s%s%s%s%s", out, i ? "; " : "", p->phones[i].number,
				 p->phones[i].whatsapp ? " WhatsApp" : "", p->phones[i].is_main ? " principal" : "");
	return out;
}

static const char *emails_text(struct request *req, const struct person *p)
{
	if (p->n_emails == 0)
		return NULL;
	const char *out = "";
	for (int i = 0; i < p->n_emails; i++)
		out = req_printf(req, "%s%s%s%s", out, i ? "; " : "", p->emails[i].address,
				 p->emails[i].is_main ? " principal" : "");
	return out;
}

#define MAX_CHANGES 32

struct changes {
	struct audit_change item[MAX_CHANGES];
	int n;
};

static void change(struct changes *ch, const char *field, const char *old_value, const char *new_value)
{
	if (!field_same(old_value, new_value) && ch->n < MAX_CHANGES)
		ch->item[ch->n++] = (struct audit_change){field, old_value, new_value};
}

/* The fields whose value differs between a and b, by their contract names. */
static void diff(struct request *req, const struct person *a, const struct person *b, struct changes *ch)
{
	change(ch, "IdExterno", a->external_id, b->external_id);
	change(ch, "CodigoDMS", a->dms_code, b->dms_code);
	change(ch, "Tipo", a->kind, b->kind);
	change(ch, "Situacao", a->status, b->status);
	change(ch, "Documento", a->document, b->document);
	change(ch, "Nome", a->name, b->name);
	change(ch, "NomeFantasia", a->trade_name, b->trade_name);
	change(ch, "Tratamento", a->title, b->title);
	change(ch, "DataNascimento", a->birth_date, b->birth_date);
	change(ch, "Endereco/Cep", a->address.cep, b->address.cep);
	change(ch, "Endereco/Logradouro", a->address.street, b->address.street);
	change(ch, "Endereco/Numero", a->address.number, b->address.number);
	change(ch, "Endereco/Complemento", a->address.complement, b->address.complement);
	change(ch, "Endereco/Bairro", a->address.district, b->address.district);
	change(ch, "Endereco/Cidade", a->address.city, b->address.city);
	change(ch, "Endereco/Uf", a->address.uf, b->address.uf);
	change(ch, "Telefone", phones_text(req, a), phones_text(req, b));
	change(ch, "Email", emails_text(req, a), emails_text(req, b));
	change(ch, "PreferenciaContato", a->contact_preference, b->contact_preference);
	change(ch, "Origem", a->origin, b->origin);
	change(ch, "Observacao", a->notes, b->notes);
}

/* ---- writing a new person ---------------------------------------------------- */

static enum status insert_person(struct request *req, struct check *c, struct person *p)
{
	const char *conflict = NULL;
	enum status s = store_result(c, person_store_insert(req, p, &conflict), conflict);
	if (s == STATUS_OK)
		s = person_store_set_phones(req, p->id, true, p->phones, p->n_phones);
	if (s == STATUS_OK)
		s = person_store_set_emails(req, p->id, true, p->emails, p->n_emails);
	if (s != STATUS_OK)
		return s;
	struct audit_change *changes;
	int n = person_create_changes(req, p, &changes);
	return audit_record(req, "pessoa", p->id, "incluir", changes, n);
}

static enum status load(struct request *req, int64_t id, struct person *out)
{
	bool found;
	enum status s = person_store_get(req, id, false, out, &found);
	return s == STATUS_OK && !found ? STATUS_ERRO_SERVIDOR : s;
}

/* ---- prospects ----------------------------------------------------------------- */

bool person_check_prospect(struct request *req, const struct prospect_input *in, const char *field_prefix,
			   struct person *out)
{
	struct check c = {req, field_prefix, STATUS_OK};
	struct person p = {.status = "PROSPECT", .kind = "FISICA"};
	p.external_id = in->external_id;
	p.name = in->name;
	p.origin = in->origin;
	p.notes = in->notes;
	check_person(&c, &p, false);
	if (!p.name || !*p.name)
		fail(&c, STATUS_CAMPO_OBRIGATORIO, "Nome", "Informe o nome do prospect.");

	bool phone_sent = in->phone && sent(req, in->phone->number);
	bool email_sent = sent(req, in->email);
	if (!phone_sent && !email_sent)
		fail(&c, STATUS_CAMPO_OBRIGATORIO, "Telefone", "Informe um telefone ou um e-mail do prospect.");
	else if (in->phone && !phone_sent)
		fail(&c, STATUS_CAMPO_OBRIGATORIO, "Telefone/Numero", "Informe o número do telefone.");
	struct person_phone *phone_row = req_alloc(req, sizeof *phone_row);
	*phone_row = (struct person_phone){NULL, in->phone && in->phone->whatsapp, true};
	if (phone_sent && (phone_row->number = phone(&c, "Telefone/Numero", field_trimmed(req, in->phone->number)))) {
		p.phones = phone_row;
		p.n_phones = 1;
	}
	struct person_email *email_row = req_alloc(req, sizeof *email_row);
	*email_row = (struct person_email){NULL, true};
	const char *mail = text(&c, "Email", in->email, 254, false);
	if (mail && (email_row->address = email(&c, "Email", mail))) {
		p.emails = email_row;
		p.n_emails = 1;
	}
	p.phones_given = p.emails_given = true;	/* the lists are complete: what a bulk insert writes */
	*out = p;
	return c.first == STATUS_OK;
}

int person_create_changes(struct request *req, const struct person *p, struct audit_change **changes)
{
	struct person none = {0};
	struct changes *ch = req_alloc(req, sizeof *ch);
	diff(req, &none, p, ch);
	*changes = ch->item;
	return ch->n;
}

enum status person_create_prospect(struct request *req, const struct prospect_input *in,
				   const char *field_prefix, int64_t *person_id)
{
	struct check c = {req, field_prefix, STATUS_OK};
	struct person p;
	if (!person_check_prospect(req, in, field_prefix, &p))
		c.first = req_first_error(req);
	enum status s = check_origin(&c, p.origin);
	if (s == STATUS_OK && c.first == STATUS_OK)
		s = check_external_id(&c, p.external_id, 0);
	if (s != STATUS_OK)
		return s;
	if (c.first != STATUS_OK)
		return c.first;
	s = insert_person(req, &c, &p);
	if (s == STATUS_OK)
		*person_id = p.id;
	return s;
}

enum status person_create_prospect_op(struct request *req, const struct prospect_input *in, struct person *out)
{
	int64_t id;
	enum status s = person_create_prospect(req, in, "Prospect", &id);
	return s == STATUS_OK ? load(req, id, out) : s;
}

enum status person_exists(struct request *req, int64_t id, bool *found)
{
	return person_store_exists(req, id, found, NULL);
}

/* ---- IncluirPessoa ------------------------------------------------------------- */

enum status person_create(struct request *req, enum person_mode mode, struct person *p,
			  struct person_create_result *out)
{
	struct check c = {req, "Pessoa", STATUS_OK};
	memset(out, 0, sizeof *out);
	p->id = 0;
	p->status = "CLIENTE";
	bool document_sent = sent(req, p->document);
	check_person(&c, p, false);
	if (!p->name || !*p->name)
		fail(&c, STATUS_CAMPO_OBRIGATORIO, "Nome", "Informe o nome.");
	if (!document_sent)
		fail(&c, STATUS_CAMPO_OBRIGATORIO, "Documento", "Informe o CPF ou o CNPJ.");
	enum status s = check_origin(&c, p->origin);
	if (s != STATUS_OK || c.first != STATUS_OK)
		return s != STATUS_OK ? s : c.first;

	if (mode == PERSON_MODE_FIND_OR_INCLUDE) {
		bool keys[PERSON_MATCH_KEYS] = {false};
		int64_t id;
		s = person_store_match(req, p, &id, keys);
		if (s != STATUS_OK)
			return s;
		if (id) {
			out->found = true;
			for (int k = 0; k < PERSON_MATCH_KEYS; k++)
				if (keys[k])
					out->keys[out->n_keys++] = (enum person_match_key)k;
			return load(req, id, &out->person);
		}
	}
	s = check_document_free(&c, p->document, 0);
	if (s == STATUS_OK)
		s = check_external_id(&c, p->external_id, 0);
	if (s != STATUS_OK || c.first != STATUS_OK)
		return s != STATUS_OK ? s : c.first;
	s = insert_person(req, &c, p);
	return s == STATUS_OK ? load(req, p->id, &out->person) : s;
}

/* ---- AlterarPessoa and ConverterProspectEmCliente ------------------------------- */

/* An element sent replaces the stored value ("" clears it); absent keeps it. */
static void merge(const struct person *cur, const struct person *in, struct person *next)
{
	*next = *cur;
	next->external_id = field_merged(cur->external_id, in->external_id);
	next->dms_code = field_merged(cur->dms_code, in->dms_code);
	next->document = field_merged(cur->document, in->document);
	if (in->name)
		next->name = in->name;
	next->trade_name = field_merged(cur->trade_name, in->trade_name);
	next->title = field_merged(cur->title, in->title);
	next->birth_date = field_merged(cur->birth_date, in->birth_date);
	if (in->has_address) {
		const struct person_address *a = &in->address;
		next->address.cep = field_merged(cur->address.cep, a->cep);
		next->address.street = field_merged(cur->address.street, a->street);
		next->address.number = field_merged(cur->address.number, a->number);
		next->address.complement = field_merged(cur->address.complement, a->complement);
		next->address.district = field_merged(cur->address.district, a->district);
		next->address.city = field_merged(cur->address.city, a->city);
		next->address.uf = field_merged(cur->address.uf, a->uf);
	}
	if (in->phones_given) {
		next->phones = in->phones;
		next->n_phones = in->n_phones;
	}
	if (in->emails_given) {
		next->emails = in->emails;
		next->n_emails = in->n_emails;
	}
	if (in->contact_preference)
		next->contact_preference = in->contact_preference;
	next->origin = field_merged(cur->origin, in->origin);
	next->notes = field_merged(cur->notes, in->notes);
}

/* The kind follows the document; a Tipo sent must agree with the resulting one. */
static void settle_kind(struct check *c, const struct person *in, struct person *next)
{
	if (next->document) {
		const char *implied = strlen(next->document) == 11 ? "FISICA" : "JURIDICA";
		if (in->kind && strcmp(in->kind, implied) && !(in->document && *in->document))
			fail(c, STATUS_VALOR_INVALIDO, "Tipo", "Tipo %s não corresponde ao documento (%s).", in->kind,
			     !strcmp(implied, "FISICA") ? "CPF" : "CNPJ");
		next->kind = implied;
	} else if (in->kind) {
		next->kind = in->kind;
	}
}

static bool lists_equal(struct request *req, const struct person *a, const struct person *b)
{
	return field_same(phones_text(req, a), phones_text(req, b)) && field_same(emails_text(req, a), emails_text(req, b));
}

/*
 * The shared path of AlterarPessoa (converting false) and ConverterProspectEmCliente:
 * Id and Versao required, validation, the stored row locked, the version compared,
 * the merge, the uniqueness checks, and an update only when something changed.
 */
static enum status change_person(struct request *req, struct person *in, bool converting, struct person *out)
{
	struct check c = {req, "Pessoa", STATUS_OK};
	bool document_sent = sent(req, in->document);
	check_person(&c, in, !converting);
	if (!in->id)
		fail(&c, STATUS_CAMPO_OBRIGATORIO, "Id", "Informe o Id da pessoa.");
	if (!in->has_version)
		fail(&c, STATUS_CAMPO_OBRIGATORIO, "Versao", "Informe a Versao recebida na última consulta.");
	if (in->name && !*in->name)
		fail(&c, STATUS_CAMPO_OBRIGATORIO, "Nome", "O nome não pode ficar vazio.");
	if (converting && !document_sent)
		fail(&c, STATUS_CAMPO_OBRIGATORIO, "Documento", "Informe o CPF ou o CNPJ para converter em cliente.");
	enum status s = check_origin(&c, in->origin);
	if (s != STATUS_OK || c.first != STATUS_OK)
		return s != STATUS_OK ? s : c.first;

	struct person cur;
	bool found;
	s = person_store_get(req, in->id, true, &cur, &found);
	if (s != STATUS_OK)
		return s;
	if (!found)
		return req_fail(req, STATUS_NAO_ENCONTRADO, "Pessoa/Id", "Pessoa %lld não encontrada.",
				(long long)in->id);
	if (converting && strcmp(cur.status, "PROSPECT"))
		return req_fail(req, STATUS_OPERACAO_NAO_PERMITIDA, "Pessoa/Id",
				"A pessoa %lld não é um prospect (situação %s).", (long long)in->id, cur.status);
	if (cur.version != in->version)
		return req_fail(req, STATUS_CONFLITO_VERSAO, "Pessoa/Versao",
				"A pessoa foi alterada por outra requisição (versão atual %d, enviada %d); "
				"consulte-a e reenvie.", cur.version, in->version);

	struct person next;
	merge(&cur, in, &next);
	if (converting)
		next.status = "CLIENTE";
	if (!next.document && strcmp(next.status, "PROSPECT"))
		fail(&c, STATUS_CAMPO_OBRIGATORIO, "Documento", "Um cliente precisa de CPF ou CNPJ.");
	settle_kind(&c, in, &next);
	if (!field_same(next.document, cur.document) && strcmp(next.status, "INATIVO"))
		s = check_document_free(&c, next.document, cur.id);
	if (s == STATUS_OK && !field_same(next.external_id, cur.external_id))
		s = check_external_id(&c, next.external_id, cur.id);
	if (s != STATUS_OK || c.first != STATUS_OK)
		return s != STATUS_OK ? s : c.first;

	struct changes ch = {.n = 0};
	diff(req, &cur, &next, &ch);
	if (ch.n == 0) {
		*out = cur;	/* legacy clients send the whole record back: nothing to do */
		return STATUS_OK;
	}
	bool updated;
	const char *conflict = NULL;
	s = store_result(&c, person_store_update(req, &next, in->version, &updated, &conflict), conflict);
	if (s != STATUS_OK)
		return s;
	if (!updated)
		return req_fail(req, STATUS_CONFLITO_VERSAO, "Pessoa/Versao",
				"A pessoa foi alterada por outra requisição; consulte-a e reenvie.");
	if (!lists_equal(req, &cur, &next)) {
		if (in->phones_given)
			s = person_store_set_phones(req, cur.id, false, next.phones, next.n_phones);
		if (s == STATUS_OK && in->emails_given)
			s = person_store_set_emails(req, cur.id, false, next.emails, next.n_emails);
		if (s != STATUS_OK)
			return s;
	}
	s = audit_record(req, "pessoa", cur.id, converting ? "converter" : "alterar", ch.item, ch.n);
	return s == STATUS_OK ? load(req, cur.id, out) : s;
}

enum status person_update(struct request *req, struct person *p, struct person *out)
{
	return change_person(req, p, false, out);
}

enum status person_convert(struct request *req, struct person *p, struct person *out)
{
	return change_person(req, p, true, out);
}

/* ---- ConsultarPessoa ------------------------------------------------------------ */

/* The prefix with LIKE's own characters escaped (backslash is LIKE's default). */
static const char *like_prefix(struct request *req, const char *s)
{
	char *out = req_alloc(req, strlen(s) * 2 + 1), *o = out;
	for (; *s; s++) {
		if (*s == '%' || *s == '_' || *s == '\\')
			*o++ = '\\';
		*o++ = *s;
	}
	*o = '\0';
	return out;
}

enum status person_search(struct request *req, struct person_filter *f, int64_t after, int limit,
			  struct person **out, int *n)
{
	struct check c = {req, "Filtro", STATUS_OK};
	bool any = f->has_id;
	f->external_id = text(&c, "IdExterno", f->external_id, 60, false);
	f->dms_code = text(&c, "CodigoDMS", f->dms_code, 20, false);
	any |= f->external_id || f->dms_code;
	const char *s_in;
	if ((s_in = text(&c, "Documento", f->document, 18, false)) != NULL) {
		const char *kind;
		f->document = document(&c, "Documento", s_in, &kind);
		any = true;
	} else {
		f->document = NULL;
	}
	if ((s_in = text(&c, "NomePrefixo", f->name_prefix, 100, false)) != NULL) {
		any = true;
		if (utf8_chars(s_in) < 3)
			fail(&c, STATUS_VALOR_INVALIDO, "NomePrefixo", "NomePrefixo precisa de ao menos 3 caracteres.");
		f->name_prefix = like_prefix(req, s_in);
	} else {
		f->name_prefix = NULL;
	}
	if ((s_in = text(&c, "Telefone", f->phone, 20, false)) != NULL) {
		f->phone = phone(&c, "Telefone", s_in);
		any = true;
	} else {
		f->phone = NULL;
	}
	if ((s_in = text(&c, "Email", f->email, 254, false)) != NULL) {
		f->email = email(&c, "Email", s_in);
		any = true;
	} else {
		f->email = NULL;
	}
	if ((s_in = text(&c, "Placa", f->plate, 8, false)) != NULL) {
		char plate[8], key[8];
		any = true;
		if (plate_normalize(s_in, plate) == PLATE_INVALID) {
			fail(&c, STATUS_VALOR_INVALIDO, "Placa", "Placa '%s' inválida: use ABC1234 ou ABC1D23.", s_in);
			f->plate = NULL;
		} else {
			plate_search_key(plate, key);
			f->plate = req_strdup(req, key);
		}
	} else {
		f->plate = NULL;
	}
	bool vin_is_suffix = false;
	if ((s_in = text(&c, "Chassi", f->vin, 17, false)) != NULL) {
		char vin[18], suffix[7];
		any = true;
		if (strlen(s_in) == 6 && vin_suffix_valid(s_in, suffix)) {
			f->vin = req_strdup(req, suffix);
			vin_is_suffix = true;
		} else if (vin_normalize(s_in, vin) != VIN_INVALID) {
			f->vin = req_strdup(req, vin);
		} else {
			fail(&c, STATUS_VALOR_INVALIDO, "Chassi",
			     "Chassi '%s' inválido: informe os 17 caracteres (sem I, O, Q) ou os 6 últimos.", s_in);
			f->vin = NULL;
		}
	} else {
		f->vin = NULL;
	}
	if (f->status) {
		any = true;
		if (!one_of(f->status, statuses))
			fail(&c, STATUS_VALOR_INVALIDO, "Situacao", "Situacao '%s' inválida.", f->status);
	}
	if (!any && c.first == STATUS_OK)
		fail(&c, STATUS_CAMPO_OBRIGATORIO, NULL, "Informe ao menos um critério de pesquisa.");
	if (c.first != STATUS_OK)
		return c.first;
	return person_store_search(req, f, vin_is_suffix, after, limit, out, n);
}

/* ---- AtualizarConsentimento ---------------------------------------------------- */

enum status person_update_consents(struct request *req, const int64_t *person_id,
				   const struct person_consent *in, int n_in,
				   struct person_consent **out, int *n_out, int *purged)
{
	struct check c = {req, NULL, STATUS_OK};
	*purged = 0;
	if (!person_id)
		fail(&c, STATUS_CAMPO_OBRIGATORIO, "IdPessoa", "Informe o Id da pessoa.");
	if (n_in == 0)
		fail(&c, STATUS_CAMPO_OBRIGATORIO, "Consentimento", "Informe ao menos um consentimento.");
	for (int i = 0; i < n_in; i++) {
		const char *elem = req_printf(req, "Consentimento[%d]", i + 1);
		if (!one_of(in[i].channel, channels))
			fail(&c, STATUS_VALOR_INVALIDO, req_printf(req, "%s/Canal", elem), "Canal inválido.");
		if (!one_of(in[i].purpose, purposes))
			fail(&c, STATUS_VALOR_INVALIDO, req_printf(req, "%s/Finalidade", elem), "Finalidade inválida.");
		for (int k = 0; k < i; k++)
			if (field_same(in[k].channel, in[i].channel) && field_same(in[k].purpose, in[i].purpose))
				fail(&c, STATUS_VALOR_INVALIDO, elem, "Canal %s e finalidade %s repetidos na lista.",
				     in[i].channel, in[i].purpose);
	}
	if (c.first != STATUS_OK)
		return c.first;

	bool found;
	enum status s = person_store_exists(req, *person_id, &found, NULL);
	if (s != STATUS_OK)
		return s;
	if (!found)
		return req_fail(req, STATUS_NAO_ENCONTRADO, "IdPessoa", "Pessoa %lld não encontrada.",
				(long long)*person_id);

	struct changes ch = {.n = 0};
	for (int i = 0; i < n_in && s == STATUS_OK; i++) {
		bool had, old;
		s = person_store_set_consent(req, *person_id, &in[i], &had, &old);
		if (s != STATUS_OK)
			break;
		if (!had || old != in[i].granted)
			change(&ch, req_printf(req, "Consentimento/%s/%s", in[i].channel, in[i].purpose),
			       had ? (old ? "true" : "false") : NULL, in[i].granted ? "true" : "false");
		/* LGPD: once a channel is refused, nothing already queued on it may leave.
		 * TELEFONE has no outbox (and a WhatsApp opt-out leaves the phone alone). */
		if (!in[i].granted && strcmp(in[i].channel, "TELEFONE")) {
			int n;
			s = person_store_purge_outbox(req, *person_id, in[i].channel, &n);
			*purged += n;
		}
	}
	if (s == STATUS_OK && ch.n > 0)
		s = audit_record(req, "pessoa", *person_id, "consentimento", ch.item, ch.n);
	return s == STATUS_OK ? person_store_consents(req, *person_id, out, n_out) : s;
}

/* ---- bulk (domain/person_batch.c): the same checks, one record at a time -------- */

bool person_check_input(struct request *req, struct person *p)
{
	struct check c = {req, "Pessoa", STATUS_OK};
	p->id = 0;
	p->status = "CLIENTE";
	bool document_sent = sent(req, p->document);
	check_person(&c, p, false);
	if (!p->name || !*p->name)
		fail(&c, STATUS_CAMPO_OBRIGATORIO, "Nome", "Informe o nome.");
	if (!document_sent)
		fail(&c, STATUS_CAMPO_OBRIGATORIO, "Documento", "Informe o CPF ou o CNPJ.");
	return c.first == STATUS_OK;
}

bool person_check_merged(struct request *req, const struct person *stored, const struct person *given,
			 struct person *out, struct audit_change **changes, int *n_changes)
{
	struct check c = {req, "Pessoa", STATUS_OK};
	struct person none = {0};
	if (stored) {
		merge(stored, given, out);
		/* a customer's record for a prospect makes it a customer (it has the document) */
		if (!strcmp(out->status, "PROSPECT"))
			out->status = "CLIENTE";
		settle_kind(&c, given, out);
	} else {
		*out = *given;
	}
	struct changes ch = {.n = 0};
	diff(req, stored ? stored : &none, out, &ch);
	*changes = req_alloc(req, sizeof **changes * (size_t)(ch.n ? ch.n : 1));
	memcpy(*changes, ch.item, sizeof **changes * (size_t)ch.n);
	*n_changes = ch.n;
	return c.first == STATUS_OK;
}
