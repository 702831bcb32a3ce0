/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * pessoa_soap.c - people, prospects and consents (wsdl/xsd/pessoa.xsd): Pessoa and
 * its parts <-> struct person (domain/person.h), and the WS_OPERATION lines.
 *
 * Rule to know: an absent element is NULL in the domain (on AlterarPessoa: keep the
 * stored value), so nothing here invents defaults; the server-set elements of
 * Pessoa (Situacao, Consentimento, timestamps) are ignored on input.
 */
#include "soap/pessoa_soap.h"

#include "domain/person.h"
#include "soap/op.h"
#include "soap/wire.h"

/* ---- wire -> domain ------------------------------------------------------------ */

/* Also IncluirPessoasLote's records (pessoa_soap.h). */
void person_in(struct request *req, const struct ws__Pessoa *w, struct person *p)
{
	struct soap *soap = wire_soap(req);
	*p = (struct person){0};
	p->id = w->Id ? *w->Id : 0;
	p->external_id = wire_text(req, w->IdExterno);
	p->dms_code = wire_text(req, w->CodigoDMS);
	p->kind = w->Tipo ? soap_ws__TipoPessoa2s(soap, *w->Tipo) : NULL;
	p->document = wire_text(req, w->Documento);
	p->name = wire_text(req, w->Nome);
	p->trade_name = wire_text(req, w->NomeFantasia);
	p->title = wire_text(req, w->Tratamento);
	p->birth_date = wire_text(req, w->DataNascimento);
	if (w->Endereco) {
		const struct ws__Endereco *e = w->Endereco;
		p->has_address = true;
		p->address = (struct person_address){wire_text(req, e->Cep), wire_text(req, e->Logradouro),
						     wire_text(req, e->Numero), wire_text(req, e->Complemento),
						     wire_text(req, e->Bairro), wire_text(req, e->Cidade),
						     wire_text(req, e->Uf)};
	}
	/* An absent list and an empty one look the same on the wire: only a sent
	 * list replaces the stored one. */
	p->phones_given = w->__sizeTelefone > 0;
	p->n_phones = w->__sizeTelefone;
	p->phones = req_alloc(req, sizeof *p->phones * (size_t)(p->n_phones + 1));
	for (int i = 0; i < p->n_phones; i++)
		p->phones[i] = (struct person_phone){wire_text(req, w->Telefone[i].Numero),
						     wire_bool(w->Telefone[i].WhatsApp, false),
						     wire_bool(w->Telefone[i].Principal, false)};
	p->emails_given = w->__sizeEmail > 0;
	p->n_emails = w->__sizeEmail;
	p->emails = req_alloc(req, sizeof *p->emails * (size_t)(p->n_emails + 1));
	for (int i = 0; i < p->n_emails; i++)
		p->emails[i] = (struct person_email){wire_text(req, w->Email[i].Endereco),
						     wire_bool(w->Email[i].Principal, false)};
	p->contact_preference = w->PreferenciaContato ? soap_ws__Canal2s(soap, *w->PreferenciaContato) : NULL;
	p->origin = wire_text(req, w->Origem);
	p->notes = wire_text(req, w->Observacao);
	p->has_version = w->Versao != NULL;
	p->version = w->Versao ? *w->Versao : 0;
}

/* ---- domain -> wire ------------------------------------------------------------ */

static void consents_out(struct request *req, const struct person_consent *c, int n, int *size,
			 struct ws__Consentimento **out)
{
	struct soap *soap = wire_soap(req);
	*size = n;
	*out = n ? soap_new_ws__Consentimento(soap, n) : NULL;
	for (int i = 0; i < n; i++) {
		soap_s2ws__Canal(soap, c[i].channel, &(*out)[i].Canal);
		soap_s2ws__Finalidade(soap, c[i].purpose, &(*out)[i].Finalidade);
		(*out)[i].Permitido = c[i].granted ? xsd__boolean__true_ : xsd__boolean__false_;
		(*out)[i].DataHora = (char *)c[i].recorded_at;
	}
}

static void person_out(struct request *req, const struct person *p, struct ws__Pessoa *w)
{
	struct soap *soap = wire_soap(req);
	soap_default_ws__Pessoa(soap, w);
	w->Id = wire_new_id(req, p->id);
	w->IdExterno = (char *)p->external_id;
	w->CodigoDMS = (char *)p->dms_code;
	w->Tipo = req_alloc(req, sizeof *w->Tipo);
	soap_s2ws__TipoPessoa(soap, p->kind, w->Tipo);
	w->Situacao = req_alloc(req, sizeof *w->Situacao);
	soap_s2ws__SituacaoPessoa(soap, p->status, w->Situacao);
	w->Documento = (char *)p->document;
	w->Nome = (char *)p->name;
	w->NomeFantasia = (char *)p->trade_name;
	w->Tratamento = (char *)p->title;
	w->DataNascimento = (char *)p->birth_date;
	if (p->has_address) {
		const struct person_address *a = &p->address;
		w->Endereco = req_alloc(req, sizeof *w->Endereco);
		*w->Endereco = (struct ws__Endereco){(char *)a->cep, (char *)a->street, (char *)a->number,
						     (char *)a->complement, (char *)a->district, (char *)a->city,
						     (char *)a->uf};
	}
	w->__sizeTelefone = p->n_phones;
	w->Telefone = p->n_phones ? soap_new_ws__TelefonePessoa(soap, p->n_phones) : NULL;
	for (int i = 0; i < p->n_phones; i++) {
		w->Telefone[i].Numero = (char *)p->phones[i].number;
		w->Telefone[i].WhatsApp = wire_new_bool(req, p->phones[i].whatsapp);
		w->Telefone[i].Principal = wire_new_bool(req, p->phones[i].is_main);
	}
	w->__sizeEmail = p->n_emails;
	w->Email = p->n_emails ? soap_new_ws__EmailPessoa(soap, p->n_emails) : NULL;
	for (int i = 0; i < p->n_emails; i++) {
		w->Email[i].Endereco = (char *)p->emails[i].address;
		w->Email[i].Principal = wire_new_bool(req, p->emails[i].is_main);
	}
	if (p->contact_preference) {
		w->PreferenciaContato = req_alloc(req, sizeof *w->PreferenciaContato);
		soap_s2ws__Canal(soap, p->contact_preference, w->PreferenciaContato);
	}
	w->Origem = (char *)p->origin;
	w->Observacao = (char *)p->notes;
	consents_out(req, p->consents, p->n_consents, &w->__sizeConsentimento, &w->Consentimento);
	w->Versao = wire_new_int(req, p->version);
	w->DataHoraCriacao = (char *)p->created_at;
	w->DataHoraAlteracao = (char *)p->updated_at;
}

static struct ws__Pessoa *new_person_out(struct request *req, const struct person *p)
{
	struct ws__Pessoa *w = req_alloc(req, sizeof *w);
	person_out(req, p, w);
	return w;
}

/* ---- operations ---------------------------------------------------------------- */

static enum status incluir_pessoa(struct request *req, struct _ws__IncluirPessoa *in,
				  struct _ws__IncluirPessoaResponse *out)
{
	static const enum ws__ChaveCoincidente wire_keys[PERSON_MATCH_KEYS] = {
		[PERSON_MATCH_DOCUMENT] = ws__ChaveCoincidente__DOCUMENTO,
		[PERSON_MATCH_EXTERNAL_ID] = ws__ChaveCoincidente__ID_USCOREEXTERNO,
		[PERSON_MATCH_EMAIL] = ws__ChaveCoincidente__EMAIL,
		[PERSON_MATCH_PHONE] = ws__ChaveCoincidente__TELEFONE,
	};
	enum person_mode mode = in->Modo && *in->Modo == ws__ModoInclusao__LOCALIZAR_USCOREOU_USCOREINCLUIR
					? PERSON_MODE_FIND_OR_INCLUDE
					: PERSON_MODE_INCLUDE;
	struct person p;
	person_in(req, in->Pessoa, &p);
	struct person_create_result r;
	enum status s = person_create(req, mode, &p, &r);
	if (s != STATUS_OK)
		return s;
	out->Pessoa = new_person_out(req, &r.person);
	out->Localizada = wire_new_bool(req, r.found);
	out->__sizeChaveCoincidente = r.n_keys;
	out->ChaveCoincidente = req_alloc(req, sizeof *out->ChaveCoincidente * (size_t)(r.n_keys + 1));
	for (int i = 0; i < r.n_keys; i++)
		out->ChaveCoincidente[i] = wire_keys[r.keys[i]];
	return STATUS_OK;
}
WS_OPERATION(IncluirPessoa, OP_WRITE, ROLES_ALL, BRANCH_OPTIONAL, incluir_pessoa)

static enum status incluir_prospect(struct request *req, struct _ws__IncluirProspect *in,
				    struct _ws__IncluirProspectResponse *out)
{
	const struct ws__DadosProspect *w = in->Prospect;
	struct person_phone phone;
	struct prospect_input p = {wire_text(req, w->IdExterno), wire_text(req, w->Nome), NULL,
				   wire_text(req, w->Email), wire_text(req, w->Origem), wire_text(req, w->Observacao)};
	if (w->Telefone) {
		phone = (struct person_phone){wire_text(req, w->Telefone->Numero),
					      wire_bool(w->Telefone->WhatsApp, false), true};
		p.phone = &phone;
	}
	struct person result;
	enum status s = person_create_prospect_op(req, &p, &result);
	if (s == STATUS_OK)
		out->Pessoa = new_person_out(req, &result);
	return s;
}
WS_OPERATION(IncluirProspect, OP_WRITE, ROLES_ALL, BRANCH_OPTIONAL, incluir_prospect)

static enum status converter_prospect(struct request *req, struct _ws__ConverterProspectEmCliente *in,
				      struct _ws__ConverterProspectEmClienteResponse *out)
{
	struct person p, result;
	person_in(req, in->Pessoa, &p);
	enum status s = person_convert(req, &p, &result);
	if (s == STATUS_OK)
		out->Pessoa = new_person_out(req, &result);
	return s;
}
WS_OPERATION(ConverterProspectEmCliente, OP_WRITE, ROLES_ALL, BRANCH_OPTIONAL, converter_prospect)

static enum status alterar_pessoa(struct request *req, struct _ws__AlterarPessoa *in,
				  struct _ws__AlterarPessoaResponse *out)
{
	struct person p, result;
	person_in(req, in->Pessoa, &p);
	enum status s = person_update(req, &p, &result);
	if (s == STATUS_OK)
		out->Pessoa = new_person_out(req, &result);
	return s;
}
WS_OPERATION(AlterarPessoa, OP_WRITE, ROLES_ALL, BRANCH_OPTIONAL, alterar_pessoa)

static enum status consultar_pessoa(struct request *req, struct _ws__ConsultarPessoa *in,
				    struct _ws__ConsultarPessoaResponse *out)
{
	struct page page;
	enum status s = wire_page(req, in->Paginacao, &page);
	if (s != STATUS_OK)
		return s;
	const struct ws__FiltroPessoa *w = in->Filtro;
	struct person_filter f = {
		.has_id = w->Id != NULL,
		.id = w->Id ? *w->Id : 0,
		.external_id = wire_text(req, w->IdExterno),
		.dms_code = wire_text(req, w->CodigoDMS),
		.document = wire_text(req, w->Documento),
		.name_prefix = wire_text(req, w->NomePrefixo),
		.phone = wire_text(req, w->Telefone),
		.email = wire_text(req, w->Email),
		.plate = wire_text(req, w->Placa),
		.vin = wire_text(req, w->Chassi),
		.status = w->Situacao ? soap_ws__SituacaoPessoa2s(wire_soap(req), *w->Situacao) : NULL,
	};
	struct person *people;
	int n;
	s = person_search(req, &f, page.after, page.limit + 1, &people, &n);
	if (s != STATUS_OK)
		return s;
	int shown = n > page.limit ? page.limit : n;
	out->ProximoCursor = wire_next_cursor(req, &page, n, shown ? people[shown - 1].id : 0);
	out->__sizePessoa = shown;
	out->Pessoa = shown ? soap_new_ws__Pessoa(wire_soap(req), shown) : NULL;
	for (int i = 0; i < shown; i++)
		person_out(req, &people[i], &out->Pessoa[i]);
	return STATUS_OK;
}
WS_OPERATION(ConsultarPessoa, OP_READ, ROLES_ALL, BRANCH_OPTIONAL, consultar_pessoa)

static enum status atualizar_consentimento(struct request *req, struct _ws__AtualizarConsentimento *in,
					   struct _ws__AtualizarConsentimentoResponse *out)
{
	struct soap *soap = wire_soap(req);
	int n_in = in->__sizeConsentimento;
	struct person_consent *c = req_alloc(req, sizeof *c * (size_t)(n_in + 1));
	for (int i = 0; i < n_in; i++) {
		c[i].channel = soap_ws__Canal2s(soap, in->Consentimento[i].Canal);
		c[i].purpose = soap_ws__Finalidade2s(soap, in->Consentimento[i].Finalidade);
		c[i].granted = in->Consentimento[i].Permitido == xsd__boolean__true_;
	}
	int64_t id = in->IdPessoa ? *in->IdPessoa : 0;
	struct person_consent *all;
	int n, purged;
	enum status s = person_update_consents(req, in->IdPessoa ? &id : NULL, c, n_in, &all, &n, &purged);
	if (s != STATUS_OK)
		return s;
	consents_out(req, all, n, &out->__sizeConsentimento, &out->Consentimento);
	out->MensagensDescartadas = wire_new_int(req, purged);
	return STATUS_OK;
}
WS_OPERATION(AtualizarConsentimento, OP_WRITE, ROLES_ALL, BRANCH_OPTIONAL, atualizar_consentimento)
