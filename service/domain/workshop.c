/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * workshop.c - rules of the workshop's slots and services (workshop.h).
 *
 * The rule to know: every code a caller names is checked here with its own path
 * ("Servico[2]"), so an unknown or repeated service is a specific message, and only
 * then does the database compute the slots.
 */
#include "domain/workshop.h"
#include "domain/field.h"

#include "core/validate.h"
#include "domain/person.h"
#include "store/audit_store.h"
#include "store/booking_store.h"
#include "store/workshop_store.h"

#include <stdio.h>

#include <string.h>

#define MAX_SERVICES 50

enum status workshop_service_codes(struct request *req, const char *const *codes, int n, const char *prefix,
				  const char ***trimmed_out)
{
	*trimmed_out = NULL;
	if (n <= 0)
		return STATUS_OK;
	if (n > MAX_SERVICES)
		return req_fail(req, STATUS_VALOR_INVALIDO, prefix, "Informe no máximo %d serviços.", MAX_SERVICES);
	const char **trimmed = req_alloc(req, sizeof *trimmed * (size_t)n);
	enum status first = STATUS_OK;
	for (int i = 0; i < n; i++) {
		trimmed[i] = field_trimmed(req, codes[i]);
		const char *path = req_printf(req, "%s[%d]", prefix, i + 1);
		if (field_blank(trimmed[i]) || strchr(trimmed[i], '|')) {
			enum status s = req_fail(req, STATUS_CAMPO_OBRIGATORIO, path, "Informe o código do serviço.");
			first = first ? first : s;
			continue;
		}
		for (int j = 0; j < i; j++)
			if (trimmed[j] && !strcmp(trimmed[j], trimmed[i])) {
				enum status s = req_fail(req, STATUS_VALOR_INVALIDO, path,
							 "O serviço %s foi informado mais de uma vez.", trimmed[i]);
				first = first ? first : s;
			}
	}
	if (first == STATUS_OK)
		*trimmed_out = trimmed;
	return first;
}

enum status workshop_match_services(struct request *req, const char *const *trimmed, int n, const char *prefix,
				    const struct workshop_service *found, int n_found, struct workshop_service **out,
				    int *minutes)
{
	*minutes = 0;
	if (out)
		*out = NULL;
	enum status first = STATUS_OK;
	struct workshop_service *ordered = req_alloc(req, sizeof *ordered * (size_t)(n ? n : 1));
	for (int i = 0; i < n; i++) {
		int k = 0;
		while (k < n_found && strcmp(found[k].code, trimmed[i]))
			k++;
		if (k == n_found) {
			enum status s = req_fail(req, STATUS_NAO_ENCONTRADO, req_printf(req, "%s[%d]", prefix, i + 1),
						 "Serviço '%s' não encontrado (consulte ListarServicosTMO).", trimmed[i]);
			first = first ? first : s;
			continue;
		}
		ordered[i] = found[k];
		*minutes += found[k].minutes;
	}
	if (first)
		return first;
	if (out)
		*out = ordered;
	return STATUS_OK;
}

const char *workshop_join_codes(struct request *req, const char *const *codes, int n)
{
	size_t len = 1;
	for (int i = 0; i < n; i++)
		len += strlen(codes[i]) + 1;
	char *joined = req_alloc(req, len), *o = joined;
	*o = '\0';
	for (int i = 0; i < n; i++) {
		if (i)
			*o++ = '|';
		size_t l = strlen(codes[i]);
		memcpy(o, codes[i], l + 1);
		o += l;
	}
	return joined;
}

enum status workshop_check_services(struct request *req, const char *const *codes, int n,
				    const char *prefix, struct workshop_service **out, int *minutes)
{
	*minutes = 0;
	if (out)
		*out = NULL;
	const char **trimmed;
	enum status s = workshop_service_codes(req, codes, n, prefix, &trimmed);
	if (s != STATUS_OK || !trimmed)
		return s;
	struct workshop_service *found;
	int n_found;
	if ((s = workshop_store_services(req, workshop_join_codes(req, trimmed, n), &found, &n_found)) != STATUS_OK)
		return s;
	return workshop_match_services(req, trimmed, n, prefix, found, n_found, out, minutes);
}

const char *workshop_text(struct request *req, const char *in, size_t max, const char *path)
{
	const char *t = field_trimmed(req, in);
	if (t && !*t)
		return NULL;
	if (t && utf8_chars(t) > max)
		req_fail(req, STATUS_TAMANHO_EXCEDIDO, path, "Aceita no máximo %zu caracteres.", max);
	return t;
}

const char *workshop_instant(struct request *req, const char *in, const char *path, bool required)
{
	const char *t = field_trimmed(req, in);
	if (!t || !*t) {
		if (required)
			req_fail(req, STATUS_CAMPO_OBRIGATORIO, path,
				 "Informe a data e a hora, com o fuso (ex.: 2026-11-23T08:00:00-03:00).");
		return NULL;
	}
	int64_t epoch;
	int32_t usec;
	if (!datetime_parse(t, &epoch, &usec)) {
		req_fail(req, STATUS_VALOR_INVALIDO, path,
			 "Data e hora '%s' inválidas: use AAAA-MM-DDThh:mm:ss com o fuso (Z ou -03:00).", t);
		return NULL;
	}
	return t;
}

const char *workshop_decimal(struct request *req, const char *in, int frac, enum decimal_rule rule, bool required,
			     const char *path)
{
	const char *t = field_trimmed(req, in);
	if (!t || !*t) {
		if (required)
			req_fail(req, STATUS_CAMPO_OBRIGATORIO, path, "Informe o valor.");
		return NULL;
	}
	const char *p = t;
	bool negative = *p == '-';
	if (*p == '-' || *p == '+')
		p++;
	size_t whole = strspn(p, "0123456789"), decimals = 0;
	bool nonzero = strcspn(p, "123456789") < whole;
	bool ok = whole > 0;
	if (p[whole] == '.') {
		decimals = strspn(p + whole + 1, "0123456789");
		nonzero = nonzero || strcspn(p + whole + 1, "123456789") < decimals;
		ok = ok && !p[whole + 1 + decimals];
	} else {
		ok = ok && !p[whole];
	}
	if (!ok || whole > 12 || decimals > (size_t)frac) {
		req_fail(req, STATUS_VALOR_INVALIDO, path, "Valor '%s' inválido: número com até %d casas decimais.", t, frac);
		return NULL;
	}
	if (negative && nonzero) {
		req_fail(req, STATUS_VALOR_INVALIDO, path, "O valor não pode ser negativo (recebido %s).", t);
		return NULL;
	}
	if (rule == DECIMAL_POSITIVE && !nonzero) {
		req_fail(req, STATUS_VALOR_INVALIDO, path, "O valor deve ser maior que zero (recebido %s).", t);
		return NULL;
	}
	if (rule == DECIMAL_PERCENT && (whole > 3 || (whole == 3 && (strncmp(p, "100", 3) > 0 || (!strncmp(p, "100", 3) &&
	    decimals && strspn(p + 4, "0") < decimals))))) {
		req_fail(req, STATUS_VALOR_INVALIDO, path, "O desconto deve estar entre 0 e 100%% (recebido %s).", t);
		return NULL;
	}
	return t;
}

/* CONSULTOR or TECNICO; NULL stays NULL. Records the failure under `path`. */
const char *workshop_kind(struct request *req, const char *kind, const char *path, bool *bad)
{
	const char *k = field_trimmed(req, kind);
	if (!k || !*k)
		return NULL;
	if (strcmp(k, "CONSULTOR") && strcmp(k, "TECNICO")) {
		req_fail(req, STATUS_VALOR_INVALIDO, path, "Tipo de produtivo '%s' inválido: use CONSULTOR ou TECNICO.",
			 k);
		*bad = true;
		return NULL;
	}
	return k;
}

enum status workshop_free_slots(struct request *req, const char *date, const int *shift, const char *kind,
				const char *productive, const char *const *services, int n_services,
				int *duration, struct slot **out, int *n)
{
	*out = NULL;
	*n = 0;
	*duration = 0;
	bool bad = false;
	int y, m, d;
	const char *day = field_trimmed(req, date);
	if (!day || !*day) {
		req_fail(req, STATUS_CAMPO_OBRIGATORIO, "Data", "Informe a data (AAAA-MM-DD).");
		bad = true;
	} else if (!date_parse(day, &y, &m, &d)) {
		req_fail(req, STATUS_VALOR_INVALIDO, "Data", "Data '%s' inválida: use AAAA-MM-DD.", day);
		bad = true;
	}
	int turno = shift ? *shift : 3;
	if (turno < 1 || turno > 3) {
		req_fail(req, STATUS_VALOR_INVALIDO, "Turno", "Turno %d inválido: 1 manhã, 2 tarde, 3 todos.", turno);
		bad = true;
	}
	const char *k = workshop_kind(req, kind, "TipoProdutivo", &bad);
	const char *who = field_trimmed(req, productive);
	if (who && !*who)
		who = NULL;
	if (who) {
		const char *who_kind;
		bool in_branch, found;
		enum status s = workshop_store_productive(req, who, &who_kind, &in_branch, &found);
		if (s != STATUS_OK)
			return s;
		if (!found || !in_branch) {
			req_fail(req, STATUS_NAO_ENCONTRADO, "Produtivo",
				 "Produtivo '%s' não encontrado na empresa %s.", who, req->branch.code);
			bad = true;
		}
		k = NULL;   /* the named productive, whatever kind */
	} else if (!k) {
		k = "CONSULTOR";
	}
	int minutes;
	enum status s = workshop_check_services(req, services, n_services, "Servico", NULL, &minutes);
	if (s != STATUS_OK && !req->has_error)
		return s;
	if (bad || req->has_error)
		return s ? s : req_first_error(req);
	*duration = minutes;
	if (minutes == 0)
		minutes = 1;   /* one slot */
	s = workshop_store_free_slots(req, req_printf(req, "%04d-%02d-%02d", y, m, d), minutes, turno, k, who,
				      out, n);
	if (s == STATUS_OK && *n == 0)
		req_info(req, STATUS_HORARIO_INDISPONIVEL, "Data",
			 "Nenhum horário disponível nesta data e turno (a oficina pode estar fechada).");
	return s;
}

enum status workshop_load_campaign(struct request *req, const struct campaign *c, const char *starts_on,
				   const char *ends_on, const char *const *vins, int n, int *added, int *total)
{
	*added = *total = 0;
	struct campaign k = {0};
	k.code = field_trimmed(req, c->code);
	if (!k.code || !*k.code || strlen(k.code) > 60 || strspn(k.code, "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz"
							       "0123456789_.-") != strlen(k.code))
		req_fail(req, STATUS_VALOR_INVALIDO, "Campanha/Codigo", "Código da campanha: 1 a 60 letras, dígitos, _ . -");
	k.description = field_trimmed(req, c->description);
	if (!k.description || !*k.description)
		req_fail(req, STATUS_CAMPO_OBRIGATORIO, "Campanha/Descricao", "Informe a descrição da campanha.");
	k.kind = field_trimmed(req, c->kind);
	if (!k.kind || (strcmp(k.kind, "RECALL") && strcmp(k.kind, "SERVICO")))
		req_fail(req, STATUS_VALOR_INVALIDO, "Campanha/Tipo", "Tipo de campanha: RECALL ou SERVICO.");
	int y, m, d, y2, m2, d2;
	const char *from = field_trimmed(req, starts_on), *to = field_trimmed(req, ends_on);
	if (!from || !date_parse(from, &y, &m, &d))
		req_fail(req, STATUS_VALOR_INVALIDO, "Campanha/DataInicio", "Data de início inválida: AAAA-MM-DD.");
	if (to && *to && !date_parse(to, &y2, &m2, &d2))
		req_fail(req, STATUS_VALOR_INVALIDO, "Campanha/DataFim", "Data de fim inválida: AAAA-MM-DD.");
	if (to && !*to)
		to = NULL;
	if (!req->has_error && to && strcmp(to, from) < 0)
		req_fail(req, STATUS_VALOR_INVALIDO, "Campanha/DataFim", "A data de fim é anterior à de início.");
	/* the VINs as a text[] literal: each normalised, so only [A-Z0-9] reach it */
	char *list = req_alloc(req, (size_t)n * 21 + 3), *o = list;
	*o++ = '{';
	for (int i = 0; i < n; i++) {
		char norm[18];
		if (vin_normalize(vins[i], norm) == VIN_INVALID) {
			req_fail(req, STATUS_VALOR_INVALIDO, req_printf(req, "Chassi[%d]", i + 1),
				 "Chassi inválido: 17 caracteres sem I, O ou Q.");
			continue;
		}
		o += sprintf(o, "%s\"%s\"", o == list + 1 ? "" : ",", norm);
	}
	strcpy(o, "}");
	if (req->has_error)
		return req_first_error(req);
	enum status s = workshop_store_campaign(req, &k, from, to, list, added, total);
	if (s != STATUS_OK)
		return s;
	struct audit_change changes[] = {{"Codigo", NULL, k.code}, {"ChassisIncluidos", NULL, req_printf(req, "%d", *added)}};
	return audit_record(req, "campanha", 0, "carregar", changes, 2);
}

enum status workshop_vehicle_campaigns(struct request *req, const int64_t *vehicle_id, const char *vin,
				       struct campaign **out, int *n)
{
	*out = NULL;
	*n = 0;
	const char *v = field_trimmed(req, vin);
	char norm[18];
	if (v && *v) {
		if (vin_normalize(v, norm) == VIN_INVALID)
			return req_fail(req, STATUS_VALOR_INVALIDO, "Chassi", "Chassi inválido: 17 caracteres sem I, O ou Q.");
		v = req_strdup(req, norm);
	} else if (vehicle_id) {
		bool found;
		enum status s = workshop_store_vehicle_vin(req, *vehicle_id, &v, &found);
		if (s != STATUS_OK)
			return s;
		if (!found)
			return req_fail(req, STATUS_NAO_ENCONTRADO, "IdVeiculo", "Veículo de Id %lld não encontrado.",
					(long long)*vehicle_id);
	} else {
		return req_fail(req, STATUS_CAMPO_OBRIGATORIO, "Chassi", "Informe o chassi ou o IdVeiculo.");
	}
	return workshop_open_campaigns(req, v, out, n);
}

/* ---- the vehicle a request names, and its customer ---------------------------------------- */

static const char *key_field(struct request *req, const char *prefix, const char *name)
{
	return req_printf(req, "%s%s", prefix, name);
}

/* Placa in its search form, so the old and the Mercosul plate find the same car. */
static void plate_key(struct request *req, const char *plate, struct vehicle_key *k)
{
	char norm[8], key[8];
	if (plate_normalize(plate, norm) == PLATE_INVALID) {
		req_fail(req, STATUS_VALOR_INVALIDO, k->field, "Placa '%s' inválida.", plate);
		return;
	}
	plate_search_key(norm, key);
	k->plate_key = req_strdup(req, key);
}

static void vin_key(struct request *req, const char *vin, struct vehicle_key *k)
{
	char norm[18];
	if (vin_normalize(vin, norm) == VIN_INVALID) {
		req_fail(req, STATUS_VALOR_INVALIDO, k->field, "Chassi '%s' inválido.", vin);
		return;
	}
	k->vin = req_strdup(req, norm);
}

void workshop_vehicle_key(struct request *req, const int64_t *id, const char *plate, const char *vin,
			  const char *prefix, struct vehicle_key *k)
{
	*k = (struct vehicle_key){.field = key_field(req, prefix, "IdVeiculo")};
	plate = field_trimmed(req, plate);
	vin = field_trimmed(req, vin);
	if (id) {
		k->id = id;
	} else if (!field_blank(plate)) {
		k->field = key_field(req, prefix, "Placa");
		plate_key(req, plate, k);
	} else if (!field_blank(vin)) {
		k->field = key_field(req, prefix, "Chassi");
		vin_key(req, vin, k);
	} else {
		req_fail(req, STATUS_CAMPO_OBRIGATORIO, k->field, "Informe o veículo: IdVeiculo, Placa ou Chassi.");
	}
}

bool workshop_vehicle_key_given(const struct vehicle_key *k)
{
	return k->id || k->plate_key || k->vin;
}

void workshop_vehicle_missing(struct request *req, const struct vehicle_key *k, const struct booking_vehicle *v)
{
	if (!v && workshop_vehicle_key_given(k))
		req_fail(req, STATUS_NAO_ENCONTRADO, k->field, "Veículo não encontrado (cadastre-o com IncluirVeiculo).");
}

enum status workshop_find_vehicle(struct request *req, const struct vehicle_key *k, struct booking_vehicle *v,
				  bool *found)
{
	*v = (struct booking_vehicle){0};
	*found = false;
	if (workshop_vehicle_key_given(k)) {
		enum status s = booking_store_vehicle(req, k->id, k->plate_key, k->vin, v, found);
		if (s != STATUS_OK)
			return s;
	}
	workshop_vehicle_missing(req, k, *found ? v : NULL);
	return STATUS_OK;
}

int64_t workshop_customer_of(const int64_t *person_id, const struct booking_vehicle *v)
{
	if (person_id)
		return *person_id;
	return v && v->owner_id ? *v->owner_id : 0;
}

void workshop_judge_customer(struct request *req, int64_t person, bool exists, const char *path)
{
	if (!person)
		req_fail(req, STATUS_CAMPO_OBRIGATORIO, path, "Informe o cliente: o veículo não tem proprietário cadastrado.");
	else if (!exists)
		req_fail(req, STATUS_NAO_ENCONTRADO, path, "Pessoa de Id %lld não encontrada.", (long long)person);
}

enum status workshop_customer(struct request *req, const int64_t *person_id, const struct booking_vehicle *v,
			      const char *path, int64_t *person)
{
	*person = 0;
	if (!v)
		return STATUS_OK;
	*person = workshop_customer_of(person_id, v);
	bool exists = false;
	if (*person) {
		enum status s = person_exists(req, *person, &exists);
		if (s != STATUS_OK)
			return s;
	}
	workshop_judge_customer(req, *person, exists, path);
	return STATUS_OK;
}
