/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * stock.c - the rules of the stock (stock.h, CATALOG section 5).
 *
 * The rule to know: a model pattern is a LIKE where only % is a wildcard: _ and \ are
 * the characters themselves (escaped here), and at least 2 literal characters must
 * come before the first %, so a search is always an index range and never a scan of
 * the whole stock ("%" alone, or "%olla", is PESQUISA_SEM_PREFIXO).
 */
#include "domain/stock.h"

#include "core/validate.h"
#include "domain/field.h"
#include "domain/money.h"
#include "store/audit_store.h"
#include "store/stock_store.h"

#include <string.h>

#define MAX_BATCH 100
#define MIN_PREFIX 2

bool stock_sees_cost(const struct request *req)
{
	return (req->principal->role & ROLES_FULL_EDIT) != 0;
}

static bool one_of(const char *v, const char *const *set)
{
	for (; *set; set++)
		if (!strcmp(v, *set))
			return true;
	return false;
}

/* ---- IncluirVeiculoEstoque ------------------------------------------------------ */

static const char *text_field(struct request *req, const char *prefix, const char *name, const char *in,
			      size_t max, bool required, bool *bad)
{
	const char *t = field_trimmed(req, in);
	if (t && !*t)
		t = NULL;
	if (!t && required) {
		req_fail(req, STATUS_CAMPO_OBRIGATORIO, field_path(req, prefix, name), "Informe %s.", name);
		*bad = true;
	} else if (t && utf8_chars(t) > max) {
		req_fail(req, STATUS_TAMANHO_EXCEDIDO, field_path(req, prefix, name),
			 "%s aceita no máximo %zu caracteres.", name, max);
		*bad = true;
	}
	return t;
}

/* One vehicle of the request checked and normalised into *v; false after recording
 * every failure under prefix ("VeiculoEstoque[2]"). */
static bool normalize(struct request *req, const char *prefix, const struct stock_vehicle *in,
		      struct stock_vehicle *v)
{
	static const char *const depots[] = {"NOVOS", "SEMINOVOS", "VIRTUAL", NULL};
	bool bad = false;
	memset(v, 0, sizeof *v);
	v->external_id = text_field(req, prefix, "IdExterno", in->external_id, 60, false, &bad);
	if (!in->depot) {
		req_fail(req, STATUS_CAMPO_OBRIGATORIO, field_path(req, prefix, "Deposito"),
			 "Informe o depósito: NOVOS, SEMINOVOS ou VIRTUAL.");
		bad = true;
	} else if (!one_of(in->depot, depots)) {
		req_fail(req, STATUS_VALOR_INVALIDO, field_path(req, prefix, "Deposito"), "Depósito inválido.");
		bad = true;
	}
	v->depot = in->depot;
	v->make = text_field(req, prefix, "Marca", in->make, 60, true, &bad);
	v->model = text_field(req, prefix, "Modelo", in->model, 60, true, &bad);
	v->family = text_field(req, prefix, "Familia", in->family, 60, false, &bad);
	if (!v->family)
		v->family = v->model;   /* a family of one model */
	v->trim = text_field(req, prefix, "VersaoModelo", in->trim, 100, false, &bad);
	v->color = text_field(req, prefix, "Cor", in->color, 60, false, &bad);

	const char *vin = field_trimmed(req, in->vin);
	if (vin && *vin) {
		char norm[18];
		if (vin_normalize(vin, norm) == VIN_INVALID) {
			req_fail(req, STATUS_VALOR_INVALIDO, field_path(req, prefix, "Chassi"),
				 "Chassi '%s' inválido: são 17 letras e dígitos, sem I, O ou Q.", vin);
			bad = true;
		} else {
			v->vin = req_strdup(req, norm);
		}
	}
	const char *plate = field_trimmed(req, in->plate);
	if (plate && *plate) {
		char norm[8];
		enum plate_form form = plate_normalize(plate, norm);
		if (form == PLATE_INVALID || (form == PLATE_MERCOSUL && norm[4] > 'J')) {
			req_fail(req, STATUS_VALOR_INVALIDO, field_path(req, prefix, "Placa"), "Placa '%s' inválida.",
				 plate);
			bad = true;
		} else {
			v->plate = req_strdup(req, norm);
		}
	}
	if (!in->model_year) {
		req_fail(req, STATUS_CAMPO_OBRIGATORIO, field_path(req, prefix, "AnoModelo"), "Informe o ano do modelo.");
		bad = true;
	} else if (*in->model_year < 1900 || *in->model_year > 2102) {
		req_fail(req, STATUS_VALOR_INVALIDO, field_path(req, prefix, "AnoModelo"), "Ano do modelo inválido.");
		bad = true;
	}
	if (in->year_made && (*in->year_made < 1900 || *in->year_made > 2101)) {
		req_fail(req, STATUS_VALOR_INVALIDO, field_path(req, prefix, "AnoFabricacao"),
			 "Ano de fabricação inválido.");
		bad = true;
	}
	if (in->odometer && *in->odometer < 0) {
		req_fail(req, STATUS_VALOR_INVALIDO, field_path(req, prefix, "Quilometragem"),
			 "A quilometragem não pode ser negativa.");
		bad = true;
	}
	v->year_made = in->year_made;
	v->model_year = in->model_year;
	v->odometer = in->odometer;

	bool present;
	const char *pf = field_path(req, prefix, "Preco");
	if (money_parse(req, in->price_in, pf, false, &v->price, &present) != STATUS_OK)
		bad = true;
	else if (!present)
		bad = req_fail(req, STATUS_CAMPO_OBRIGATORIO, pf, "Informe o preço de venda.") != STATUS_OK;
	else if (v->price == 0)
		bad = req_fail(req, STATUS_VALOR_INVALIDO, pf, "O preço deve ser maior que zero.") != STATUS_OK;
	const char *cf = field_path(req, prefix, "Custo");
	if (money_parse(req, in->cost_in, cf, false, &v->cost, &present) != STATUS_OK)
		bad = true;
	else if (!present)
		bad = req_fail(req, STATUS_CAMPO_OBRIGATORIO, cf,
			       "Informe o custo: a margem das propostas é calculada sobre ele.") != STATUS_OK;
	return !bad;
}

static enum status audit_create(struct request *req, const struct stock_vehicle *v)
{
	struct audit_change changes[] = {
		{"Deposito", NULL, v->depot},
		{"Modelo", NULL, v->model},
		{"AnoModelo", NULL, req_printf(req, "%d", *v->model_year)},
		{"Preco", NULL, money_text(req, v->price)},
		{"Custo", NULL, money_text(req, v->cost)},
	};
	return audit_record(req, "veiculo_estoque", v->id, "incluir", changes, 5);
}

enum status stock_create(struct request *req, const struct stock_vehicle *in, int n, struct stock_vehicle **out)
{
	if (n < 1 || n > MAX_BATCH)
		return req_fail(req, STATUS_VALOR_INVALIDO, "VeiculoEstoque", "Envie de 1 a %d veículos.", MAX_BATCH);
	struct stock_vehicle *v = req_alloc(req, sizeof *v * (size_t)n);
	bool ok = true;
	for (int i = 0; i < n; i++)
		ok = normalize(req, req_printf(req, "VeiculoEstoque[%d]", i + 1), &in[i], &v[i]) && ok;
	if (!ok)
		return req_first_error(req);
	*out = req_alloc(req, sizeof **out * (size_t)n);
	for (int i = 0; i < n; i++) {
		const char *prefix = req_printf(req, "VeiculoEstoque[%d]", i + 1);
		const char *clash;
		enum status s = stock_store_clash(req, &v[i], &clash);
		if (s != STATUS_OK)
			return s;
		bool inserted = false;
		if (!clash && (s = stock_store_insert(req, &v[i], 0, &(*out)[i], &inserted)) != STATUS_OK)
			return s;
		if (!inserted) {
			/* Either an earlier vehicle holds the key, or one of this same batch does. */
			return req_fail(req, STATUS_JA_EXISTENTE, field_path(req, prefix, clash ? clash : "Chassi"),
					"%s já cadastrado em outro veículo do estoque.", clash ? clash : "Chassi ou IdExterno");
		}
		if ((s = audit_create(req, &(*out)[i])) != STATUS_OK)
			return s;
	}
	return STATUS_OK;
}

/* ---- PesquisarEstoque -------------------------------------------------------------- */

/* s with LIKE's special characters made literal; '%' kept as the wildcard when
 * keep_percent, else escaped too. */
static char *like_escaped(struct request *req, const char *s, bool keep_percent)
{
	size_t n = strlen(s);
	char *out = req_alloc(req, 2 * n + 1), *o = out;
	for (const char *p = s; *p; p++) {
		if (*p == '\\' || *p == '_' || (*p == '%' && !keep_percent))
			*o++ = '\\';
		*o++ = *p;
	}
	*o = 0;
	return out;
}

static const char *contains(struct request *req, const char *s)
{
	const char *t = field_trimmed(req, s);
	return t && *t ? req_printf(req, "%%%s%%", like_escaped(req, t, false)) : NULL;
}

/* The model pattern as a literal prefix (for the index range) and an escaped LIKE. */
static enum status model_pattern(struct request *req, const char *pattern, struct stock_query *q)
{
	const char *t = field_trimmed(req, pattern);
	if (!t || !*t)
		return STATUS_OK;
	size_t prefix_len = strcspn(t, "%");
	char *prefix = req_strdup(req, t);
	prefix[prefix_len] = 0;
	if (utf8_chars(prefix) < MIN_PREFIX)
		return req_fail(req, STATUS_PESQUISA_SEM_PREFIXO, "Filtro/Modelo",
				"O modelo '%s' precisa começar com pelo menos %d caracteres antes de %%"
				" (ex.: 'Co%%' ou 'Onix%%').", t, MIN_PREFIX);
	q->model_prefix = prefix;
	q->model_like = like_escaped(req, t, true);
	return STATUS_OK;
}

enum status stock_search(struct request *req, const struct stock_filter *f, int64_t after, int limit,
			 struct stock_vehicle **out, int *n)
{
	struct stock_query q = {0};
	enum status s = model_pattern(req, f->model_pattern, &q);
	if (s != STATUS_OK)
		return s;
	q.depot = f->depot;
	q.status = f->status;
	const char *family = field_trimmed(req, f->family);
	q.family = family && *family ? family : NULL;
	q.trim_like = contains(req, f->trim);
	q.color_like = contains(req, f->color);
	q.model_year = f->model_year ? req_printf(req, "%d", *f->model_year) : NULL;
	int64_t min = 0, max = 0;
	bool has_min, has_max;
	if ((s = money_parse(req, f->price_min, "Filtro/PrecoMinimo", false, &min, &has_min)) != STATUS_OK ||
	    (s = money_parse(req, f->price_max, "Filtro/PrecoMaximo", false, &max, &has_max)) != STATUS_OK)
		return s;
	if (has_min && has_max && min > max)
		return req_fail(req, STATUS_VALOR_INVALIDO, "Filtro/PrecoMaximo",
				"PrecoMaximo (%s) é menor que PrecoMinimo (%s).", money_text(req, max), money_text(req, min));
	q.price_min = has_min ? money_text(req, min) : NULL;
	q.price_max = has_max ? money_text(req, max) : NULL;
	return stock_store_search(req, &q, after, limit, out, n);
}

enum status stock_lock(struct request *req, int64_t id, const char *field, struct stock_vehicle *out)
{
	bool found;
	enum status s = stock_store_get(req, id, true, out, &found);
	if (s != STATUS_OK)
		return s;
	if (!found)
		return req_fail(req, STATUS_NAO_ENCONTRADO, field, "Veículo de estoque %lld não encontrado nesta empresa.",
				(long long)id);
	return STATUS_OK;
}

enum status stock_mark_sold(struct request *req, int64_t id)
{
	return stock_store_mark_sold(req, id);
}

enum status stock_add_future(struct request *req, const struct stock_vehicle *v, int64_t appraisal_id, int64_t *id)
{
	struct stock_vehicle stored;
	bool inserted;
	*id = 0;
	enum status s = stock_store_insert(req, v, appraisal_id, &stored, &inserted);
	if (s != STATUS_OK || !inserted)
		return s;
	*id = stored.id;
	struct audit_change changes[] = {
		{"Deposito", NULL, "VIRTUAL"},
		{"IdAvaliacao", NULL, req_printf(req, "%lld", (long long)appraisal_id)},
		{"Custo", NULL, money_text(req, v->cost)},
	};
	return audit_record(req, "veiculo_estoque", stored.id, "incluir_futuro", changes, 3);
}
