/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * appraisal.c - the rules of appraisals (appraisal.h, CATALOG section 5).
 *
 * The rule to know: who may approve depends on the numbers. A repair forecast within
 * the tenant's share of the appraised value is approved by whoever registers the
 * result; above it only a gerente approves, and anyone else's result waits
 * (AGUARDANDO_APROVACAO) with a warning that names the share.
 */
#include "domain/appraisal.h"

#include "core/validate.h"
#include "domain/contact.h"
#include "domain/field.h"
#include "domain/money.h"
#include "domain/stock.h"
#include "store/appraisal_store.h"
#include "store/audit_store.h"
#include "store/sale_store.h"
#include "domain/person.h"

#include <string.h>

static void keep(enum status *first, enum status s)
{
	if (*first == STATUS_OK)
		*first = s;
}

static const char *text(struct request *req, const char *name, const char *in, size_t max, bool required,
			enum status *first)
{
	const char *t = field_trimmed(req, in);
	if (t && !*t)
		t = NULL;
	const char *path = field_path(req, "Avaliacao", name);
	if (!t && required)
		keep(first, req_fail(req, STATUS_CAMPO_OBRIGATORIO, path, "Informe %s.", name));
	else if (t && utf8_chars(t) > max)
		keep(first, req_fail(req, STATUS_TAMANHO_EXCEDIDO, path, "%s aceita no máximo %zu caracteres.", name, max));
	return t;
}

enum status appraisal_request(struct request *req, const struct appraisal *in, struct appraisal *out)
{
	enum status first = STATUS_OK, s;
	struct appraisal a = {0};
	const char *plate = field_trimmed(req, in->plate);
	if (plate && *plate) {
		char norm[8];
		enum plate_form form = plate_normalize(plate, norm);
		if (form == PLATE_INVALID || (form == PLATE_MERCOSUL && norm[4] > 'J'))
			keep(&first, req_fail(req, STATUS_VALOR_INVALIDO, "Avaliacao/Placa", "Placa '%s' inválida.", plate));
		else
			a.plate = req_strdup(req, norm);
	}
	const char *vin = field_trimmed(req, in->vin);
	if (vin && *vin) {
		char norm[18];
		if (vin_normalize(vin, norm) == VIN_INVALID)
			keep(&first, req_fail(req, STATUS_VALOR_INVALIDO, "Avaliacao/Chassi",
					      "Chassi '%s' inválido: são 17 letras e dígitos, sem I, O ou Q.", vin));
		else
			a.vin = req_strdup(req, norm);
	}
	if (first == STATUS_OK && !a.plate && !a.vin)
		keep(&first, req_fail(req, STATUS_CAMPO_OBRIGATORIO, "Avaliacao/Placa",
				      "Informe a placa e/ou o chassi do veículo avaliado."));
	a.make = text(req, "Marca", in->make, 60, true, &first);
	a.model = text(req, "Modelo", in->model, 60, true, &first);
	a.trim = text(req, "VersaoModelo", in->trim, 100, false, &first);
	a.color = text(req, "Cor", in->color, 60, false, &first);
	a.damages = text(req, "Avarias", in->damages, 2000, false, &first);
	a.reason = text(req, "Motivo", in->reason, 200, true, &first);
	if (in->year_made && (*in->year_made < 1900 || *in->year_made > 2101))
		keep(&first, req_fail(req, STATUS_VALOR_INVALIDO, "Avaliacao/AnoFabricacao", "Ano de fabricação inválido."));
	if (in->model_year && (*in->model_year < 1900 || *in->model_year > 2102))
		keep(&first, req_fail(req, STATUS_VALOR_INVALIDO, "Avaliacao/AnoModelo", "Ano do modelo inválido."));
	if (in->odometer && *in->odometer < 0)
		keep(&first, req_fail(req, STATUS_VALOR_INVALIDO, "Avaliacao/Quilometragem",
				      "A quilometragem não pode ser negativa."));
	a.year_made = in->year_made;
	a.model_year = in->model_year;
	a.odometer = in->odometer;
	if (first != STATUS_OK)
		return first;
	if (in->contact_id) {
		/* The appraisal of an atendimento is of its customer. */
		struct contact c;
		if ((s = contact_open_for_change(req, in->contact_id, NULL, &c)) != STATUS_OK)
			return s;
		a.contact_id = in->contact_id;
		int64_t *pid = req_alloc(req, sizeof *pid);
		*pid = c.person_id;
		if (in->person_id && *in->person_id != c.person_id)
			return req_fail(req, STATUS_VALOR_INVALIDO, "Avaliacao/IdPessoa",
					"A pessoa %lld não é o cliente do atendimento %lld.", (long long)*in->person_id,
					(long long)*in->contact_id);
		a.person_id = pid;
	} else if (in->person_id) {
		bool found;
		if ((s = person_exists(req, *in->person_id, &found)) != STATUS_OK)
			return s;
		if (!found)
			return req_fail(req, STATUS_NAO_ENCONTRADO, "Avaliacao/IdPessoa", "Pessoa %lld não encontrada.",
					(long long)*in->person_id);
		a.person_id = in->person_id;
	}
	if ((s = appraisal_store_insert(req, &a, out)) != STATUS_OK)
		return s;
	struct audit_change changes[] = {
		{"Placa", NULL, out->plate}, {"Chassi", NULL, out->vin}, {"Modelo", NULL, out->model},
		{"Motivo", NULL, out->reason}};
	return audit_record(req, "avaliacao", out->id, "solicitar", changes, 4);
}

static enum status load(struct request *req, const int64_t *id, bool lock, struct appraisal *out)
{
	if (!id)
		return req_fail(req, STATUS_CAMPO_OBRIGATORIO, "IdAvaliacao", "Informe a avaliação.");
	bool found;
	enum status s = appraisal_store_get(req, *id, lock, out, &found);
	if (s == STATUS_OK && !found)
		s = req_fail(req, STATUS_NAO_ENCONTRADO, "IdAvaliacao", "Avaliação %lld não encontrada nesta empresa.",
			     (long long)*id);
	return s;
}

/* An approved appraisal is a future used car: it shows in the virtual depot (FUTURO),
 * at a cost of its appraised value plus the repairs, until it arrives. Without a model
 * year it cannot be listed, which only an Info message says. */
static enum status enter_virtual_depot(struct request *req, const struct appraisal *a)
{
	const int *year = a->model_year ? a->model_year : a->year_made;
	if (!year) {
		req_info(req, STATUS_CAMPO_OBRIGATORIO, "Avaliacao/AnoModelo",
			 "Sem ano do modelo, a avaliação não entra no depósito virtual do estoque.");
		return STATUS_OK;
	}
	struct stock_vehicle v = {
		.depot = "VIRTUAL", .make = a->make, .family = a->model, .model = a->model, .trim = a->trim,
		.color = a->color, .vin = a->vin, .plate = a->plate, .year_made = a->year_made, .model_year = year,
		.odometer = a->odometer, .price = a->value + a->repair, .cost = a->value + a->repair,
	};
	int64_t id;
	return stock_add_future(req, &v, a->id, &id);
}

enum status appraisal_result(struct request *req, const int64_t *id, const char *value_in, const char *repair_in,
			     const char *notes, struct appraisal *out)
{
	enum status first = STATUS_OK, s;
	int64_t value, repair;
	bool has_value, has_repair;
	keep(&first, money_parse(req, value_in, "ValorAvaliado", false, &value, &has_value));
	keep(&first, money_parse(req, repair_in, "PrevisaoReparos", false, &repair, &has_repair));
	if (first == STATUS_OK && !has_value)
		keep(&first, req_fail(req, STATUS_CAMPO_OBRIGATORIO, "ValorAvaliado", "Informe o valor avaliado."));
	else if (first == STATUS_OK && value == 0)
		keep(&first, req_fail(req, STATUS_VALOR_INVALIDO, "ValorAvaliado", "O valor avaliado deve ser maior que zero."));
	const char *why = field_trimmed(req, notes);
	if (why && utf8_chars(why) > 2000)
		keep(&first, req_fail(req, STATUS_TAMANHO_EXCEDIDO, "Observacao", "Observacao aceita no máximo 2000 caracteres."));
	if (first != STATUS_OK)
		return first;
	struct appraisal a;
	if ((s = load(req, id, true, &a)) != STATUS_OK)
		return s;
	if (!strcmp(a.status, "APROVADA"))
		return req_fail(req, STATUS_OPERACAO_NAO_PERMITIDA, "IdAvaliacao",
				"A avaliação %lld já está APROVADA.", (long long)a.id);
	struct sales_limits lim;
	if ((s = sale_store_limits(req, &lim)) != STATUS_OK)
		return s;
	int64_t share = money_pct_hundredths(repair, value);
	bool needs_manager = share > lim.repair_hundredths;
	const char *status = "APROVADA";
	if (needs_manager && !(req->principal->role & ROLE_GERENTE)) {
		status = "AGUARDANDO_APROVACAO";
		req_warn(req, STATUS_AGUARDANDO_APROVACAO, "PrevisaoReparos",
			 "Previsão de reparos de %s%% do valor avaliado, acima de %s%%: um gerente precisa aprovar "
			 "(registrando o resultado).", money_pct_text(req, share), money_pct_text(req, lim.repair_hundredths));
	}
	if ((s = appraisal_store_result(req, a.id, value, repair, why, status)) != STATUS_OK ||
	    (s = load(req, &a.id, false, out)) != STATUS_OK)
		return s;
	if (!strcmp(status, "APROVADA") && (s = enter_virtual_depot(req, out)) != STATUS_OK)
		return s;
	struct audit_change changes[] = {
		{"ValorAvaliado", a.has_value ? money_text(req, a.value) : NULL, money_text(req, value)},
		{"PrevisaoReparos", a.has_value ? money_text(req, a.repair) : NULL, money_text(req, repair)},
		{"Situacao", a.status, status}};
	return audit_record(req, "avaliacao", a.id, "registrar_resultado", changes, 3);
}

enum status appraisal_get(struct request *req, const int64_t *id, struct appraisal *out)
{
	return load(req, id, false, out);
}

enum status appraisal_for_trade_in(struct request *req, int64_t id, const char *field, struct appraisal *out)
{
	bool found;
	enum status s = appraisal_store_get(req, id, true, out, &found);
	if (s != STATUS_OK)
		return s;
	if (!found)
		return req_fail(req, STATUS_NAO_ENCONTRADO, field, "Avaliação %lld não encontrada nesta empresa.",
				(long long)id);
	if (strcmp(out->status, "APROVADA"))
		return req_fail(req, STATUS_AVALIACAO_NAO_APROVADA, field,
				"A avaliação %lld está %s; só uma avaliação APROVADA pode ser usada como troca.",
				(long long)id, out->status);
	return STATUS_OK;
}
