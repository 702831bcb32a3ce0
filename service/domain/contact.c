/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * contact.c - the rules of atendimentos (contact.h): opening one (person or inline
 * prospect, natureza, routing, the second-open policy), reading and listing them,
 * re-routing, reassigning, recording interactions and closing.
 *
 * The rule to know: validation collects every failure of the request before anything
 * is written, and a change first locks the atendimento (contact_open_for_change), so
 * its status and version are checked against the row that will be updated.
 */
#include "domain/contact.h"
#include "domain/field.h"

#include "core/validate.h"
#include "domain/agenda.h"
#include "domain/reference.h"
#include "domain/vehicle.h"
#include "store/audit_store.h"
#include "store/contact_store.h"

#include <string.h>
#include <time.h>

#define ENTITY "atendimento"
/* Clients' clocks drift: "now" on their side may be this far ahead of ours. */
#define CLOCK_SKEW_S 60

static void keep(enum status *first, enum status s)
{
	if (*first == STATUS_OK && s != STATUS_OK)
		*first = s;
}

static enum status check_length(struct request *req, const char *field, const char *value, size_t max)
{
	if (value && utf8_chars(value) > max)
		return req_fail(req, STATUS_TAMANHO_EXCEDIDO, field, "Máximo de %zu caracteres.", max);
	return STATUS_OK;
}

static const char *id_text(struct request *req, int64_t id)
{
	return id ? req_printf(req, "%lld", (long long)id) : NULL;
}

const char *contact_outcome_name(enum contact_outcome o)
{
	switch (o) {
	case CONTACT_NEW: return "NOVO";
	case CONTACT_LINKED: return "VINCULADO";
	case CONTACT_NEW_WITH_OPEN: return "NOVO_COM_ABERTO";
	}
	return NULL;
}

/* The atendimento as the answer shows it: the row, its open next contact and its
 * interactions. */
static enum status load_full(struct request *req, int64_t id, struct contact *out)
{
	bool found;
	enum status s = contact_store_load(req, &id, NULL, false, out, &found);
	if (s != STATUS_OK)
		return s;
	if (!found)
		return req_fail(req, STATUS_NAO_ENCONTRADO, "IdAtendimento", "Atendimento %lld não encontrado.",
				(long long)id);
	return contact_store_interactions(req, out);
}

enum status contact_open_for_change(struct request *req, const int64_t *id, const int *version,
				    struct contact *out)
{
	if (!id)
		return req_fail(req, STATUS_CAMPO_OBRIGATORIO, "IdAtendimento", "Informe o IdAtendimento.");
	bool found;
	enum status s = contact_store_load(req, id, NULL, true, out, &found);
	if (s != STATUS_OK)
		return s;
	if (!found)
		return req_fail(req, STATUS_NAO_ENCONTRADO, "IdAtendimento",
				"Atendimento %lld não encontrado nesta empresa.", (long long)*id);
	if (strcmp(out->status, "ABERTO"))
		return req_fail(req, STATUS_OPERACAO_NAO_PERMITIDA, "IdAtendimento",
				"O atendimento %lld está %s; só um atendimento ABERTO pode ser alterado.",
				(long long)*id, out->status);
	if (version && *version != out->version)
		return req_fail(req, STATUS_CONFLITO_VERSAO, "Versao",
				"O atendimento foi alterado por outra requisição (versão atual %d, informada %d);"
				" consulte-o e reenvie com a Versao atual.", out->version, *version);
	return STATUS_OK;
}

/* ---- IncluirAtendimento ---------------------------------------------------------- */

/* Whether the request carries a field a natureza may require (nature.required_fields
 * holds contract names). A name the contract does not know cannot be checked. */
static bool has_field(const struct contact *in, const char *name)
{
	if (!strcmp(name, "IdVeiculo"))
		return in->has_vehicle;
	if (!strcmp(name, "Descricao"))
		return !field_blank(in->description);
	if (!strcmp(name, "Origem"))
		return !field_blank(in->origin);
	if (!strcmp(name, "VeiculoInteresse"))
		return in->has_interest;
	if (!strcmp(name, "IdExterno"))
		return !field_blank(in->external_id);
	if (!strcmp(name, "Responsavel"))
		return !field_blank(in->responsible);
	if (!strcmp(name, "ProximoContato"))
		return in->next != NULL;
	return true;
}

static enum status check_nature(struct request *req, const char *code, const char *field, struct nature *n,
				bool *found)
{
	*found = false;
	if (field_blank(code))
		return req_fail(req, STATUS_CAMPO_OBRIGATORIO, field, "Informe a natureza do atendimento.");
	enum status s = reference_nature(req, code, n, found);
	if (s != STATUS_OK)
		return s;
	return *found ? STATUS_OK : req_fail(req, STATUS_NAO_ENCONTRADO, field, "Natureza '%s' não encontrada.", code);
}

static enum status check_consultant(struct request *req, const char *code, const char *field)
{
	bool found;
	enum status s = contact_store_consultant_active(req, code, &found);
	if (s != STATUS_OK)
		return s;
	return found ? STATUS_OK
		     : req_fail(req, STATUS_NAO_ENCONTRADO, field, "Consultor '%s' não encontrado ou inativo.", code);
}

/* The facts of one record, looked up one at a time (IncluirAtendimentosLote looks
 * them up for all its records at once). */
static enum status lookup_facts(struct request *req, const struct contact *in, struct nature *nature,
				struct contact_facts *f)
{
	enum status s = STATUS_OK;
	bool found;
	memset(f, 0, sizeof *f);
	if (in->has_person && (s = person_exists(req, in->person_id, &f->person_found)) != STATUS_OK)
		return s;
	if (!field_blank(in->nature)) {
		if ((s = reference_nature(req, in->nature, nature, &found)) != STATUS_OK)
			return s;
		f->nature = found ? nature : NULL;
	}
	if (in->origin && (s = reference_origin_exists(req, in->origin, &f->origin_found)) != STATUS_OK)
		return s;
	if (!field_blank(in->external_id) &&
	    (s = contact_store_by_external_id(req, in->external_id, &f->external_id_owner)) != STATUS_OK)
		return s;
	if (in->has_vehicle && (s = vehicle_exists(req, in->vehicle_id, &f->vehicle_found)) != STATUS_OK)
		return s;
	if (in->responsible &&
	    (s = contact_store_consultant_active(req, in->responsible, &f->responsible_active)) != STATUS_OK)
		return s;
	if (in->next && in->next->responsible)
		s = contact_store_consultant_active(req, in->next->responsible, &f->next_responsible_active);
	return s;
}

static void check_person(struct request *req, const struct contact *in, const struct contact_facts *f,
			 enum status *first)
{
	if (!in->has_person && !in->prospect)
		keep(first, req_fail(req, STATUS_CAMPO_OBRIGATORIO, "Atendimento/IdPessoa",
				     "Informe o IdPessoa, ou os dados do Prospect para registrá-lo neste atendimento."));
	else if (in->has_person && in->prospect)
		keep(first, req_fail(req, STATUS_VALOR_INVALIDO, "Atendimento/Prospect",
				     "Informe IdPessoa ou Prospect, não os dois."));
	else if (in->has_person && !f->person_found)
		keep(first, req_fail(req, STATUS_NAO_ENCONTRADO, "Atendimento/IdPessoa", "Pessoa %lld não encontrada.",
				     (long long)in->person_id));
}

static void check_external_id(struct request *req, const char *external_id, int64_t owner, enum status *first)
{
	if (!external_id)
		return;
	if (field_blank(external_id))
		keep(first, req_fail(req, STATUS_VALOR_INVALIDO, "Atendimento/IdExterno", "IdExterno não pode ser vazio."));
	else if (check_length(req, "Atendimento/IdExterno", external_id, 60) != STATUS_OK)
		keep(first, STATUS_TAMANHO_EXCEDIDO);
	else if (owner)
		keep(first, req_fail(req, STATUS_JA_EXISTENTE, "Atendimento/IdExterno",
				     "Já existe o atendimento %lld com o IdExterno '%s'.", (long long)owner, external_id));
}

static void check_vehicle(struct request *req, const struct contact *in, const struct contact_facts *f,
			  enum status *first)
{
	keep(first, check_length(req, "Atendimento/VeiculoInteresse/Modelo", in->interest.model, 60));
	keep(first, check_length(req, "Atendimento/VeiculoInteresse/VersaoModelo", in->interest.trim, 100));
	keep(first, check_length(req, "Atendimento/VeiculoInteresse/Cor", in->interest.color, 60));
	if (in->interest.has_year && (in->interest.year < 1900 || in->interest.year > 2101))
		keep(first, req_fail(req, STATUS_VALOR_INVALIDO, "Atendimento/VeiculoInteresse/AnoModelo",
				     "Ano-modelo deve estar entre 1900 e 2101."));
	if (in->has_vehicle && !f->vehicle_found)
		keep(first, req_fail(req, STATUS_NAO_ENCONTRADO, "Atendimento/IdVeiculo", "Veículo %lld não encontrado.",
				     (long long)in->vehicle_id));
}

enum status contact_check_create(struct request *req, const struct contact *in, const struct contact_facts *f)
{
	enum status first = STATUS_OK;
	check_person(req, in, f, &first);
	if (field_blank(in->nature))
		keep(&first, req_fail(req, STATUS_CAMPO_OBRIGATORIO, "Atendimento/Natureza",
				      "Informe a natureza do atendimento."));
	else if (!f->nature)
		keep(&first, req_fail(req, STATUS_NAO_ENCONTRADO, "Atendimento/Natureza", "Natureza '%s' não encontrada.",
				      in->nature));
	if (!in->channel)
		keep(&first, req_fail(req, STATUS_CAMPO_OBRIGATORIO, "Atendimento/Canal", "Informe o canal do contato."));
	if (in->origin && !f->origin_found)
		keep(&first, req_fail(req, STATUS_NAO_ENCONTRADO, "Atendimento/Origem", "Origem '%s' não encontrada.",
				      in->origin));
	check_external_id(req, in->external_id, f->external_id_owner, &first);
	keep(&first, check_length(req, "Atendimento/Descricao", in->description, 2000));
	check_vehicle(req, in, f, &first);
	if (in->responsible && !f->responsible_active)
		keep(&first, req_fail(req, STATUS_NAO_ENCONTRADO, "Atendimento/Responsavel",
				      "Consultor '%s' não encontrado ou inativo.", in->responsible));
	for (int i = 0; f->nature && i < f->nature->n_required_fields; i++) {
		const char *name = f->nature->required_fields[i];
		if (!has_field(in, name))
			keep(&first, req_fail(req, STATUS_CAMPO_OBRIGATORIO, req_printf(req, "Atendimento/%s", name),
					      "A natureza %s exige %s.", f->nature->code, name));
	}
	if (in->next)
		keep(&first, agenda_check_next_known(req, in->next, "Atendimento/ProximoContato",
						     f->next_responsible_active));
	return first;
}

/* The responsible a natureza routes to: its default consultant when active, else
 * the least busy active consultant of its team; NULL when there is neither. */
static enum status route(struct request *req, const struct nature *n, const char **responsible)
{
	*responsible = NULL;
	if (n->default_consultant) {
		bool active;
		enum status s = contact_store_consultant_active(req, n->default_consultant, &active);
		if (s != STATUS_OK || active) {
			*responsible = active ? n->default_consultant : NULL;
			return s;
		}
	}
	return n->team ? contact_store_least_busy(req, n->team, responsible) : STATUS_OK;
}

int contact_link_changes(struct request *req, int64_t interaction_id, const struct contact *in,
			 const char *replaced_due, struct audit_change *out)
{
	out[0] = (struct audit_change){"Contato", NULL, id_text(req, interaction_id)};
	out[1] = (struct audit_change){"Canal", NULL, in->channel};
	out[2] = (struct audit_change){"ProximoContato", replaced_due, in->next ? in->next->due_at : NULL};
	return in->next ? 3 : 2;
}

/* The rest of the request (routing, vehicle, external id) describes a new atendimento
 * that was not opened: say so rather than drop it silently. */
void contact_say_linked(struct request *req, int64_t open_id, const char *nature)
{
	req_info(req, STATUS_OK, "Atendimento/Natureza",
		 "A pessoa já tem o atendimento %lld aberto na natureza %s: o contato foi registrado nele.",
		 (long long)open_id, nature);
}

/* Policy VINCULAR: the new contact becomes an interaction of the open atendimento
 * (and its ProximoContato that atendimento's next contact); no new row. */
static enum status link_to_open(struct request *req, int64_t open_id, const struct contact *in)
{
	struct contact open;
	enum status s = contact_open_for_change(req, &open_id, NULL, &open);
	if (s != STATUS_OK)
		return s;
	struct contact_interaction it = {.channel = in->channel, .outcome = CONTACT_LINKED_OUTCOME,
					 .body = in->description};
	struct contact_interaction stored;
	s = contact_store_add_interaction(req, open_id, &it, &stored);
	int64_t next_id = 0;
	const char *replaced = NULL;
	if (s == STATUS_OK && in->next)
		s = agenda_set_next(req, open_id, open.responsible, in->next, "Atendimento/ProximoContato", &next_id,
				    &replaced);
	int version;
	if (s == STATUS_OK)
		s = contact_store_touch(req, open_id, true, &version);
	if (s != STATUS_OK)
		return s;
	struct audit_change changes[3];
	s = audit_record(req, ENTITY, open_id, "vincular", changes,
			 contact_link_changes(req, stored.id, in, replaced, changes));
	if (s == STATUS_OK)
		contact_say_linked(req, open_id, open.nature);
	return s;
}

int contact_create_changes(struct request *req, const struct contact *c, struct audit_change *out)
{
	const struct audit_change all[CONTACT_CREATE_CHANGES] = {
		{"IdPessoa", NULL, id_text(req, c->person_id)},
		{"IdExterno", NULL, c->external_id},
		{"Natureza", NULL, c->nature},
		{"Area", NULL, c->area},
		{"Equipe", NULL, c->team},
		{"Responsavel", NULL, c->responsible},
		{"Canal", NULL, c->channel},
		{"Origem", NULL, c->origin},
		{"IdVeiculo", NULL, c->has_vehicle ? id_text(req, c->vehicle_id) : NULL},
		{"IdAtendimentoVinculado", NULL, id_text(req, c->linked_id)},
		{"ProximoContato", NULL, c->next ? c->next->due_at : NULL},
	};
	int n = 0;
	for (int i = 0; i < CONTACT_CREATE_CHANGES; i++)
		if (all[i].new_value)
			out[n++] = all[i];
	return n;
}

enum status contact_create(struct request *req, const struct contact *in, struct contact *out,
			   enum contact_outcome *outcome)
{
	struct nature nature;
	struct contact_facts facts;
	enum status s = lookup_facts(req, in, &nature, &facts);
	if (s == STATUS_OK)
		s = contact_check_create(req, in, &facts);
	if (s != STATUS_OK)
		return s;

	struct contact c = *in;
	c.area = nature.area;
	c.team = nature.team;
	c.linked_id = 0;
	if (!c.responsible && (s = route(req, &nature, &c.responsible)) != STATUS_OK)
		return s;
	*outcome = CONTACT_NEW;

	if (in->prospect) {
		/* A new person has no open atendimento: no policy to apply. */
		struct prospect_input p = *in->prospect;
		if (!p.origin)
			p.origin = in->origin;
		s = person_create_prospect(req, &p, "Atendimento/Prospect", &c.person_id);
		if (s != STATUS_OK)
			return s;
		c.has_person = true;
	} else {
		int64_t open_id;
		s = contact_store_lock_person_nature(req, c.person_id, c.nature);
		if (s == STATUS_OK)
			s = contact_store_find_open(req, c.person_id, c.nature, 0, &open_id);
		if (s != STATUS_OK)
			return s;
		if (open_id && !strcmp(nature.second_open_policy, "RECUSAR"))
			return req_fail(req, STATUS_JA_EXISTENTE, "Atendimento/Natureza",
					"Já existe o atendimento %lld aberto para esta pessoa na natureza %s.",
					(long long)open_id, c.nature);
		if (open_id && !strcmp(nature.second_open_policy, "VINCULAR")) {
			*outcome = CONTACT_LINKED;
			s = link_to_open(req, open_id, in);
			return s != STATUS_OK ? s : load_full(req, open_id, out);
		}
		if (open_id) {
			c.linked_id = open_id;
			*outcome = CONTACT_NEW_WITH_OPEN;
		}
	}

	s = contact_store_insert(req, &c, &c.id);
	if (s == STATUS_JA_EXISTENTE) {	/* a concurrent twin took the external id */
		req_race(req);
		return req_fail(req, s, "Atendimento/IdExterno", "Já existe um atendimento com o IdExterno '%s'.",
				c.external_id);
	}
	if (s != STATUS_OK)
		return s;
	if (c.next) {
		int64_t next_id;
		const char *replaced;
		s = agenda_set_next(req, c.id, c.responsible, c.next, "Atendimento/ProximoContato", &next_id,
				    &replaced);
		if (s != STATUS_OK)
			return s;
	}
	struct audit_change changes[CONTACT_CREATE_CHANGES];
	s = audit_record(req, ENTITY, c.id, "incluir", changes, contact_create_changes(req, &c, changes));
	return s != STATUS_OK ? s : load_full(req, c.id, out);
}

/* ---- ConsultarAtendimento, ListarAtendimentos -------------------------------------- */

enum status contact_get(struct request *req, const int64_t *id, const char *external_id, struct contact *out)
{
	if (!id && field_blank(external_id))
		return req_fail(req, STATUS_CAMPO_OBRIGATORIO, "IdAtendimento", "Informe o IdAtendimento ou o IdExterno.");
	bool found;
	enum status s = contact_store_load(req, id, field_blank(external_id) ? NULL : external_id, false, out, &found);
	if (s != STATUS_OK)
		return s;
	if (!found)
		return req_fail(req, STATUS_NAO_ENCONTRADO, id ? "IdAtendimento" : "IdExterno",
				"Atendimento não encontrado nesta empresa.");
	return contact_store_interactions(req, out);
}

enum status contact_list(struct request *req, const struct contact_filter *f, int64_t after, int limit,
			 struct contact **out, int *n)
{
	int64_t t;
	int32_t us;
	if (f->changed_since && !datetime_parse(f->changed_since, &t, &us))
		return req_fail(req, STATUS_VALOR_INVALIDO, "Filtro/AlteradoDesde",
				"Data/hora inválida ou sem fuso horário (ex.: 2026-11-22T14:30:00-03:00).");
	return contact_store_list(req, f, after, limit, out, n);
}

/* ---- changes ---------------------------------------------------------------------------- */

/* Checks common to the operations that take IdAtendimento and Versao. */
static void require_id_version(struct request *req, const int64_t *id, const int *version, enum status *first)
{
	if (!id)
		keep(first, req_fail(req, STATUS_CAMPO_OBRIGATORIO, "IdAtendimento", "Informe o IdAtendimento."));
	if (!version)
		keep(first, req_fail(req, STATUS_CAMPO_OBRIGATORIO, "Versao",
				     "Informe a Versao do atendimento (recebida na última consulta)."));
}

/* Writes the new routing of *now (version checked) and moves the open next contact
 * when the responsible changed. */
static enum status write_routing(struct request *req, const struct contact *before, const struct contact *now)
{
	int version;
	enum status s = contact_store_set_routing(req, now, &version);
	if (s != STATUS_OK)
		return s;
	if (!version)
		return req_fail(req, STATUS_CONFLITO_VERSAO, "Versao", NULL);
	if (!field_same(before->responsible, now->responsible) && now->responsible)
		s = contact_store_next_move(req, now->id, now->responsible);
	return s;
}

enum status contact_change_nature(struct request *req, const int64_t *id, const int *version,
				  const char *nature_code, const char *reason, struct contact *out)
{
	enum status first = STATUS_OK;
	require_id_version(req, id, version, &first);
	if (field_blank(nature_code))
		keep(&first, req_fail(req, STATUS_CAMPO_OBRIGATORIO, "Natureza", "Informe a nova natureza."));
	keep(&first, check_length(req, "Motivo", reason, 200));
	if (first != STATUS_OK)
		return first;
	struct nature nature;
	bool found;
	enum status s = check_nature(req, nature_code, "Natureza", &nature, &found);
	if (s != STATUS_OK)
		return s;
	struct contact before;
	if ((s = contact_open_for_change(req, id, version, &before)) != STATUS_OK)
		return s;
	if (!strcmp(before.nature, nature.code)) {
		req_info(req, STATUS_OK, "Natureza", "O atendimento já é da natureza %s; nada foi alterado.", nature.code);
		return load_full(req, before.id, out);
	}
	if (!strcmp(nature.second_open_policy, "RECUSAR")) {
		int64_t open_id;
		s = contact_store_lock_person_nature(req, before.person_id, nature.code);
		if (s == STATUS_OK)
			s = contact_store_find_open(req, before.person_id, nature.code, before.id, &open_id);
		if (s != STATUS_OK)
			return s;
		if (open_id)
			return req_fail(req, STATUS_JA_EXISTENTE, "Natureza",
					"Já existe o atendimento %lld aberto para esta pessoa na natureza %s.",
					(long long)open_id, nature.code);
	}
	struct contact now = before;
	now.nature = nature.code;
	now.area = nature.area;
	now.team = nature.team;
	if ((s = route(req, &nature, &now.responsible)) != STATUS_OK)
		return s;
	if (!now.responsible)	/* nobody to route to: whoever had it keeps it */
		now.responsible = before.responsible;
	if ((s = write_routing(req, &before, &now)) != STATUS_OK)
		return s;
	struct audit_change changes[5];
	int n = 0;
	changes[n++] = (struct audit_change){"Natureza", before.nature, now.nature};
	if (!field_same(before.area, now.area))
		changes[n++] = (struct audit_change){"Area", before.area, now.area};
	if (!field_same(before.team, now.team))
		changes[n++] = (struct audit_change){"Equipe", before.team, now.team};
	if (!field_same(before.responsible, now.responsible))
		changes[n++] = (struct audit_change){"Responsavel", before.responsible, now.responsible};
	if (reason)
		changes[n++] = (struct audit_change){"Motivo", NULL, reason};
	s = audit_record(req, ENTITY, before.id, "alterar_natureza", changes, n);
	return s != STATUS_OK ? s : load_full(req, before.id, out);
}

enum status contact_reassign(struct request *req, const int64_t *id, const int *version, const char *responsible,
			     const char *reason, struct contact *out)
{
	enum status first = STATUS_OK, s;
	require_id_version(req, id, version, &first);
	if (field_blank(responsible))
		keep(&first, req_fail(req, STATUS_CAMPO_OBRIGATORIO, "Responsavel", "Informe o novo responsável."));
	else if (status_is_fault(s = check_consultant(req, responsible, "Responsavel")))
		return s;
	else
		keep(&first, s);
	keep(&first, check_length(req, "Motivo", reason, 200));
	if (first != STATUS_OK)
		return first;
	struct contact before;
	if ((s = contact_open_for_change(req, id, version, &before)) != STATUS_OK)
		return s;
	if (field_same(before.responsible, responsible)) {
		req_info(req, STATUS_OK, "Responsavel", "%s já é o responsável; nada foi alterado.", responsible);
		return load_full(req, before.id, out);
	}
	struct contact now = before;
	now.responsible = responsible;
	if ((s = write_routing(req, &before, &now)) != STATUS_OK)
		return s;
	struct audit_change changes[] = {
		{"Responsavel", before.responsible, responsible},
		{"Motivo", NULL, reason},
	};
	s = audit_record(req, ENTITY, before.id, "reatribuir", changes, reason ? 2 : 1);
	return s != STATUS_OK ? s : load_full(req, before.id, out);
}

enum status contact_record(struct request *req, const int64_t *id, const struct contact_interaction *in,
			   bool conclude_next, struct contact_interaction *out, int *version)
{
	enum status first = STATUS_OK, s;
	if (!id)
		keep(&first, req_fail(req, STATUS_CAMPO_OBRIGATORIO, "IdAtendimento", "Informe o IdAtendimento."));
	if (!in)
		return req_fail(req, STATUS_CAMPO_OBRIGATORIO, "Contato", "Informe o Contato (Canal e ResultadoContato).");
	if (!in->channel)
		keep(&first, req_fail(req, STATUS_CAMPO_OBRIGATORIO, "Contato/Canal", "Informe o canal do contato."));
	if (field_blank(in->outcome))
		keep(&first, req_fail(req, STATUS_CAMPO_OBRIGATORIO, "Contato/ResultadoContato",
				      "Informe o resultado do contato (ex.: CONTATO_REALIZADO, SEM_RESPOSTA)."));
	keep(&first, check_length(req, "Contato/ResultadoContato", in->outcome, 60));
	keep(&first, check_length(req, "Contato/Texto", in->body, 2000));
	if (in->happened_at) {
		int64_t t;
		int32_t us;
		if (!datetime_parse(in->happened_at, &t, &us))
			keep(&first, req_fail(req, STATUS_VALOR_INVALIDO, "Contato/DataHora",
					      "Data/hora inválida ou sem fuso horário (ex.: 2026-11-22T14:30:00-03:00)."));
		else if (t > (int64_t)time(NULL) + CLOCK_SKEW_S)
			keep(&first, req_fail(req, STATUS_VALOR_INVALIDO, "Contato/DataHora",
					      "O contato não pode ter acontecido no futuro."));
	}
	if (first != STATUS_OK)
		return first;
	struct contact c;
	if ((s = contact_open_for_change(req, id, NULL, &c)) != STATUS_OK)
		return s;
	s = contact_store_add_interaction(req, c.id, in, out);
	const char *done_due = NULL;
	if (s == STATUS_OK && conclude_next)
		s = contact_store_next_done(req, c.id, &done_due);
	if (s == STATUS_OK)
		s = contact_store_touch(req, c.id, true, version);
	if (s != STATUS_OK)
		return s;
	struct audit_change changes[] = {
		{"Contato", NULL, id_text(req, out->id)},
		{"Canal", NULL, out->channel},
		{"ResultadoContato", NULL, out->outcome},
		{"ProximoContato", done_due, NULL},
	};
	return audit_record(req, ENTITY, c.id, "registrar_contato", changes, done_due ? 4 : 3);
}

enum status contact_close(struct request *req, const int64_t *id, const int *version, const char *outcome,
			  const char *loss_reason, const char *notes, struct contact *out)
{
	enum status first = STATUS_OK, s;
	bool loss = outcome && !strcmp(outcome, "PERDA");
	if (!id)
		keep(&first, req_fail(req, STATUS_CAMPO_OBRIGATORIO, "IdAtendimento", "Informe o IdAtendimento."));
	if (!outcome)
		keep(&first, req_fail(req, STATUS_CAMPO_OBRIGATORIO, "Desfecho", "Informe o desfecho: SUCESSO ou PERDA."));
	if (loss && field_blank(loss_reason))
		keep(&first, req_fail(req, STATUS_CAMPO_OBRIGATORIO, "MotivoPerda",
				      "Informe o motivo da perda (veja ListarMotivosPerda)."));
	if (outcome && !loss && loss_reason)
		keep(&first, req_fail(req, STATUS_VALOR_INVALIDO, "MotivoPerda",
				      "MotivoPerda só se aplica ao desfecho PERDA."));
	keep(&first, check_length(req, "Observacao", notes, 2000));
	if (first != STATUS_OK)
		return first;
	struct contact before;
	if ((s = contact_open_for_change(req, id, version, &before)) != STATUS_OK)
		return s;
	if (loss) {
		const char *department;
		if ((s = contact_store_loss_reason(req, loss_reason, &department)) != STATUS_OK)
			return s;
		if (!department)
			return req_fail(req, STATUS_VALOR_INVALIDO, "MotivoPerda", "Motivo de perda '%s' não encontrado.",
					loss_reason);
		if (strcmp(department, "TODOS") && strcmp(department, before.nature_department))
			return req_fail(req, STATUS_VALOR_INVALIDO, "MotivoPerda",
					"O motivo '%s' é do departamento %s e não vale para a natureza %s (departamento %s).",
					loss_reason, department, before.nature, before.nature_department);
	}
	const char *status = loss ? "ENCERRADO_PERDA" : "ENCERRADO_SUCESSO";
	const char *done_due = NULL;
	int new_version;
	s = contact_store_next_done(req, before.id, &done_due);
	if (s == STATUS_OK)
		s = contact_store_close(req, before.id, status, loss ? loss_reason : NULL, &new_version);
	if (s != STATUS_OK)
		return s;
	if (!new_version)
		return req_fail(req, STATUS_OPERACAO_NAO_PERMITIDA, "IdAtendimento", NULL);
	struct audit_change changes[4];
	int n = 0;
	changes[n++] = (struct audit_change){"Situacao", before.status, status};
	if (loss)
		changes[n++] = (struct audit_change){"MotivoPerda", NULL, loss_reason};
	if (notes)
		changes[n++] = (struct audit_change){"Observacao", NULL, notes};
	if (done_due)
		changes[n++] = (struct audit_change){"ProximoContato", done_due, NULL};
	s = audit_record(req, ENTITY, before.id, "encerrar", changes, n);
	return s != STATUS_OK ? s : load_full(req, before.id, out);
}
