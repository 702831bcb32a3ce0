/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * vehicle.c - the rules of customers' vehicles (vehicle.h, CATALOG section 2).
 *
 * The rule to know: a change is judged on what it actually changes. The request is
 * merged over the stored row first; only the fields whose merged value differs from
 * the stored one are checked against the caller's role, audited and reported, so a
 * legacy client that sends the whole vehicle back with only the odometer changed is
 * treated exactly like one that sends only the odometer.
 */
#include "domain/vehicle.h"
#include "domain/field.h"

#include "core/validate.h"
#include "store/audit_store.h"
#include "store/vehicle_store.h"
#include "domain/person.h"

#include <string.h>
#include <time.h>

#define MAX_EXTERNAL_ID 60
#define MAX_NAME 60       /* Marca, Modelo, Cor */
#define MAX_TRIM 100      /* VersaoModelo */
#define MAX_FUEL 20
#define MAX_REASON 200    /* CorrecaoQuilometragem/Motivo */
#define FIRST_YEAR 1900

/* Roles outside ROLES_FULL_EDIT may change only these (CATALOG 2). */
static const char *const limited_fields[] = {"Placa", "Quilometragem"};

/* ---- the request's values, normalised ------------------------------------------ */

/* A request's vehicle after the edge checks. Text: NULL absent, "" clear (a change
 * only), else the normalised value. vin_check_failed: the VIN is well-formed but its
 * check digit is wrong (a warning, given only if the VIN is new). */
struct input {
	struct vehicle v;
	bool vin_check_failed;
};

/* A free text of at most max characters; sets *bad on failure. */
static const char *text_value(struct request *req, const char *in, size_t max, const char *field,
			      bool *bad)
{
	const char *t = field_trimmed(req, in);
	if (t && utf8_chars(t) > max) {
		req_fail(req, STATUS_TAMANHO_EXCEDIDO, field_path(req, "Veiculo", field),
			 "%s aceita no máximo %zu caracteres.", field, max);
		*bad = true;
	}
	return t;
}

static const char *plate_value(struct request *req, const char *in, const char *field, bool *bad)
{
	const char *t = field_trimmed(req, in);
	if (!t || !*t)
		return t;
	char plate[8];
	enum plate_form form = plate_normalize(t, plate);
	/* The schema (sql/004) keeps the 5th character of a Mercosul plate within A-J,
	 * the letters the old-to-Mercosul conversion produces. */
	if (form == PLATE_MERCOSUL && plate[4] > 'J')
		form = PLATE_INVALID;
	if (form == PLATE_INVALID) {
		req_fail(req, STATUS_VALOR_INVALIDO, field,
			 "Placa '%s' inválida: use o formato antigo (ABC1234 ou ABC-1234) ou Mercosul (ABC1D23).",
			 t);
		*bad = true;
		return NULL;
	}
	return req_strdup(req, plate);
}

static const char *renavam_value(struct request *req, const char *in, bool *bad)
{
	const char *t = field_trimmed(req, in);
	if (!t || !*t)
		return t;
	size_t n = strlen(t);
	if (n < 9 || n > 11 || strspn(t, "0123456789") != n) {
		req_fail(req, STATUS_VALOR_INVALIDO, "Veiculo/Renavam",
			 "Renavam inválido: informe de 9 a 11 dígitos, sem outros caracteres.");
		*bad = true;
		return NULL;
	}
	return t;
}

static int current_year(void)
{
	time_t now = time(NULL);
	struct tm tm;
	gmtime_r(&now, &tm);
	return tm.tm_year + 1900;
}

/* Every element of the request's Veiculo checked on its own. Returns false after
 * recording every failure. */
static bool normalize(struct request *req, const struct vehicle *in, struct input *out)
{
	bool bad = false;
	memset(out, 0, sizeof *out);
	struct vehicle *v = &out->v;
	v->id = in->id;
	v->version = in->version;

	if (in->external_id && utf8_chars(in->external_id) > MAX_EXTERNAL_ID) {
		req_fail(req, STATUS_TAMANHO_EXCEDIDO, "Veiculo/IdExterno",
			 "IdExterno aceita no máximo %d caracteres.", MAX_EXTERNAL_ID);
		bad = true;
	}
	v->external_id = in->external_id;

	v->plate = plate_value(req, in->plate, "Veiculo/Placa", &bad);

	const char *vin = field_trimmed(req, in->vin);
	if (vin && *vin) {
		char norm[18];
		enum vin_check c = vin_normalize(vin, norm);
		if (c == VIN_INVALID) {
			req_fail(req, STATUS_VALOR_INVALIDO, "Veiculo/Chassi",
				 "Chassi '%s' inválido: são 17 letras e dígitos, sem I, O ou Q.", vin);
			bad = true;
			vin = NULL;
		} else {
			vin = req_strdup(req, norm);
			out->vin_check_failed = c == VIN_CHECK_DIGIT_MISMATCH;
		}
	}
	v->vin = vin;

	v->renavam = renavam_value(req, in->renavam, &bad);
	v->make = text_value(req, in->make, MAX_NAME, "Marca", &bad);
	v->model = text_value(req, in->model, MAX_NAME, "Modelo", &bad);
	v->trim = text_value(req, in->trim, MAX_TRIM, "VersaoModelo", &bad);
	v->color = text_value(req, in->color, MAX_NAME, "Cor", &bad);
	v->fuel = text_value(req, in->fuel, MAX_FUEL, "Combustivel", &bad);

	/* A car made next year may already be sold as the model of the year after. */
	int next = current_year() + 1;
	if (in->year_made && (*in->year_made < FIRST_YEAR || *in->year_made > next)) {
		req_fail(req, STATUS_VALOR_INVALIDO, "Veiculo/AnoFabricacao",
			 "Ano de fabricação deve estar entre %d e %d.", FIRST_YEAR, next);
		bad = true;
	}
	if (in->model_year && (*in->model_year < FIRST_YEAR || *in->model_year > next + 1)) {
		req_fail(req, STATUS_VALOR_INVALIDO, "Veiculo/AnoModelo",
			 "Ano do modelo deve estar entre %d e %d.", FIRST_YEAR, next + 1);
		bad = true;
	}
	v->year_made = in->year_made;
	v->model_year = in->model_year;

	if (in->odometer && *in->odometer < 0) {
		req_fail(req, STATUS_VALOR_INVALIDO, "Veiculo/Quilometragem",
			 "A quilometragem não pode ser negativa.");
		bad = true;
	}
	v->odometer = in->odometer;

	if (in->owner_id && *in->owner_id <= 0) {
		req_fail(req, STATUS_VALOR_INVALIDO, "Veiculo/IdProprietario",
			 "IdProprietario deve ser o Id de uma pessoa cadastrada.");
		bad = true;
	}
	v->owner_id = in->owner_id;
	return !bad;
}

/* ---- merging and comparing ----------------------------------------------------- */

/* The vehicle as it would be stored: the request over the stored row (a new vehicle
 * merges over an empty one). */
static void merge(const struct vehicle *stored, const struct vehicle *in, struct vehicle *out)
{
	*out = *stored;
	out->external_id = field_merged(stored->external_id, in->external_id);
	out->plate = field_merged(stored->plate, in->plate);
	out->vin = field_merged(stored->vin, in->vin);
	out->renavam = field_merged(stored->renavam, in->renavam);
	out->make = field_merged(stored->make, in->make);
	out->model = field_merged(stored->model, in->model);
	out->trim = field_merged(stored->trim, in->trim);
	out->color = field_merged(stored->color, in->color);
	out->fuel = field_merged(stored->fuel, in->fuel);
	if (in->year_made)
		out->year_made = in->year_made;
	if (in->model_year)
		out->model_year = in->model_year;
	if (in->odometer)
		out->odometer = in->odometer;
	if (in->owner_id)
		out->owner_id = in->owner_id;
}

/* Rules between fields, on the merged vehicle. */
static bool consistent(struct request *req, const struct vehicle *v)
{
	bool ok = true;
	if (!v->plate && !v->vin) {
		req_fail(req, STATUS_CAMPO_OBRIGATORIO, "Veiculo/Placa",
			 "Informe a placa e/ou o chassi do veículo.");
		ok = false;
	}
	if (v->year_made && v->model_year &&
	    (*v->model_year < *v->year_made || *v->model_year > *v->year_made + 1)) {
		req_fail(req, STATUS_VALOR_INVALIDO, "Veiculo/AnoModelo",
			 "O ano do modelo deve ser o ano de fabricação (%d) ou o seguinte.", *v->year_made);
		ok = false;
	}
	return ok;
}

static const char *int_text(struct request *req, const int *v)
{
	return v ? req_printf(req, "%d", *v) : NULL;
}

static const char *id_text(struct request *req, const int64_t *v)
{
	return v ? req_printf(req, "%lld", (long long)*v) : NULL;
}

void vehicle_field_texts(struct request *req, const struct vehicle *v, const char *out[VEHICLE_FIELDS])
{
	out[0] = v->external_id;
	out[1] = v->plate;
	out[2] = v->vin;
	out[3] = v->renavam;
	out[4] = v->make;
	out[5] = v->model;
	out[6] = v->trim;
	out[7] = v->color;
	out[8] = int_text(req, v->year_made);
	out[9] = int_text(req, v->model_year);
	out[10] = v->fuel;
	out[11] = int_text(req, v->odometer);
	out[12] = id_text(req, v->owner_id);
}

static const char *const field_names[VEHICLE_FIELDS] = {
	"IdExterno", "Placa", "Chassi", "Renavam", "Marca", "Modelo", "VersaoModelo",
	"Cor", "AnoFabricacao", "AnoModelo", "Combustivel", "Quilometragem", "IdProprietario"};

/* The fields whose value differs between was and will (all non-empty fields of a new
 * vehicle when was is empty), as audit changes. Returns how many. */
static int differences(struct request *req, const struct vehicle *was, const struct vehicle *will,
		       struct audit_change *out)
{
	const char *before[VEHICLE_FIELDS], *after[VEHICLE_FIELDS];
	vehicle_field_texts(req, was, before);
	vehicle_field_texts(req, will, after);
	int n = 0;
	for (int i = 0; i < VEHICLE_FIELDS; i++)
		if (!field_same(before[i], after[i]))
			out[n++] = (struct audit_change){field_names[i], before[i], after[i]};
	return n;
}

static bool may_change(const struct request *req, const char *field)
{
	if (req->principal->role & ROLES_FULL_EDIT)
		return true;
	for (size_t i = 0; i < sizeof limited_fields / sizeof *limited_fields; i++)
		if (!strcmp(field, limited_fields[i]))
			return true;
	return false;
}

/* ---- checks against the database ----------------------------------------------- */

static const char *plate_key_of(struct request *req, const char *plate)
{
	if (!plate)
		return NULL;
	char key[8];
	plate_search_key(plate, key);
	return req_strdup(req, key);
}

static void clash_message(struct request *req, const struct vehicle *check, const struct vehicle_clash *c)
{
	const char *field = field_path(req, "Veiculo", c->field);
	long long id = (long long)c->id;
	if (!strcmp(c->field, "Placa"))
		req_fail(req, STATUS_JA_EXISTENTE, field,
			 "A placa %s já está cadastrada no veículo de Id %lld (a forma antiga e a Mercosul "
			 "são a mesma placa).", check->plate, id);
	else if (!strcmp(c->field, "Chassi"))
		req_fail(req, STATUS_JA_EXISTENTE, field, "O chassi %s já está cadastrado no veículo de Id %lld.",
			 check->vin, id);
	else
		req_fail(req, STATUS_JA_EXISTENTE, field, "O IdExterno '%s' já está cadastrado no veículo de Id %lld.",
			 check->external_id, id);
}

/* Refuses keys (plate in either form, VIN, IdExterno) another vehicle of the tenant
 * holds, naming it. Only keys in `check` (the new or changed ones) are compared. */
static enum status unique_keys(struct request *req, const struct vehicle *check, int64_t self)
{
	if (!check->plate && !check->vin && !check->external_id)
		return STATUS_OK;
	struct vehicle_clash clash[VEHICLE_MAX_CLASHES];
	int n;
	enum status s = vehicle_store_clashes(req, plate_key_of(req, check->plate), check->vin,
					      check->external_id, self, clash, &n);
	if (s != STATUS_OK)
		return s;
	for (int i = 0; i < n; i++)
		clash_message(req, check, &clash[i]);
	return n ? STATUS_JA_EXISTENTE : STATUS_OK;
}

static enum status owner_known(struct request *req, const int64_t *owner)
{
	if (!owner)
		return STATUS_OK;
	bool found;
	enum status s = person_exists(req, *owner, &found);
	if (s != STATUS_OK)
		return s;
	if (!found)
		return req_fail(req, STATUS_NAO_ENCONTRADO, "Veiculo/IdProprietario",
				"Pessoa de Id %lld não encontrada.", (long long)*owner);
	return STATUS_OK;
}

static void warn_vin(struct request *req, const char *vin)
{
	req_warn(req, STATUS_VALOR_INVALIDO, "Veiculo/Chassi",
		 "O dígito verificador do chassi %s não confere; o veículo foi aceito assim mesmo.", vin);
}

/* ---- operations ------------------------------------------------------------------ */

enum status vehicle_create(struct request *req, const struct vehicle *in, struct vehicle *out)
{
	struct input given;
	struct vehicle none = {0}, v;
	bool ok = normalize(req, in, &given);
	merge(&none, &given.v, &v);
	v.id = 0;
	v.version = NULL;
	ok = consistent(req, &v) && ok;
	if (!ok)
		return req_first_error(req);

	enum status s = unique_keys(req, &v, 0);
	if (s == STATUS_OK)
		s = owner_known(req, v.owner_id);
	if (s != STATUS_OK)
		return s;
	if (given.vin_check_failed && v.vin)
		warn_vin(req, v.vin);

	bool inserted;
	s = vehicle_store_insert(req, &v, out, &inserted);
	if (s != STATUS_OK)
		return s;
	if (!inserted) {
		/* A concurrent request took a key between the check and the insert. */
		s = unique_keys(req, &v, 0);
		if (s == STATUS_OK)
			s = req_fail(req, STATUS_JA_EXISTENTE, "Veiculo",
				     "Placa, chassi ou IdExterno já cadastrado em outro veículo.");
		return s;
	}
	struct audit_change changes[VEHICLE_FIELDS];
	int n = differences(req, &none, out, changes);
	return audit_record(req, "veiculo", out->id, "incluir", changes, n);
}

/* The odometer may go down only with a correction and its reason. */
static void check_odometer(struct request *req, const struct vehicle *was, const struct vehicle *will,
			   bool correction, const char *reason)
{
	if (!was->odometer || !will->odometer || *will->odometer >= *was->odometer)
		return;
	if (!correction)
		req_fail(req, STATUS_OPERACAO_NAO_PERMITIDA, "Veiculo/Quilometragem",
			 "A quilometragem não pode diminuir (atual: %d km). Para corrigir, informe "
			 "CorrecaoQuilometragem com o motivo.", *was->odometer);
	else if (!reason || !*reason)
		req_fail(req, STATUS_CAMPO_OBRIGATORIO, "CorrecaoQuilometragem/Motivo",
			 "Informe o motivo da correção da quilometragem.");
}

enum status vehicle_update(struct request *req, const struct vehicle *in, bool correction,
			   const char *odometer_reason, struct vehicle *out, const char ***changed,
			   int *n_changed)
{
	*changed = NULL;
	*n_changed = 0;
	if (!in->id)
		req_fail(req, STATUS_CAMPO_OBRIGATORIO, "Veiculo/Id", "Informe o Id do veículo.");
	if (!in->version)
		req_fail(req, STATUS_CAMPO_OBRIGATORIO, "Veiculo/Versao",
			 "Informe a Versao do veículo (recebida na última consulta).");
	const char *reason = field_trimmed(req, odometer_reason);
	if (reason && utf8_chars(reason) > MAX_REASON)
		req_fail(req, STATUS_TAMANHO_EXCEDIDO, "CorrecaoQuilometragem/Motivo",
			 "O motivo aceita no máximo %d caracteres.", MAX_REASON);
	struct input given;
	if (!normalize(req, in, &given) || req->has_error)
		return req_first_error(req);

	struct vehicle stored;
	bool found;
	enum status s = vehicle_store_get(req, in->id, true, &stored, &found);
	if (s != STATUS_OK)
		return s;
	if (!found)
		return req_fail(req, STATUS_NAO_ENCONTRADO, "Veiculo/Id", "Veículo de Id %lld não encontrado.",
				(long long)in->id);
	if (*stored.version != *in->version)
		return req_fail(req, STATUS_CONFLITO_VERSAO, "Veiculo/Versao",
				"O veículo foi alterado depois da sua consulta (versão atual %d, enviada %d). "
				"Consulte-o de novo e reenvie a alteração.",
				*stored.version, *in->version);

	struct vehicle v;
	merge(&stored, &given.v, &v);
	bool ok = consistent(req, &v);
	struct audit_change diff[VEHICLE_FIELDS + 1];
	int n = differences(req, &stored, &v, diff);
	for (int i = 0; i < n; i++) {
		if (may_change(req, diff[i].field))
			continue;
		req_fail(req, STATUS_OPERACAO_NAO_PERMITIDA, field_path(req, "Veiculo", diff[i].field),
			 "O perfil %s pode alterar apenas a placa e a quilometragem do veículo.",
			 role_name(req->principal->role));
		ok = false;
	}
	check_odometer(req, &stored, &v, correction, reason);
	if (!ok || req->has_error)
		return req_first_error(req);
	if (n == 0) {   /* the whole vehicle sent back unchanged: nothing to write */
		*out = stored;
		return STATUS_OK;
	}

	/* Only the keys that change are checked: a vehicle never clashes with itself. */
	struct vehicle new_keys = {0};
	new_keys.plate = field_same(stored.plate, v.plate) ? NULL : v.plate;
	new_keys.vin = field_same(stored.vin, v.vin) ? NULL : v.vin;
	new_keys.external_id = field_same(stored.external_id, v.external_id) ? NULL : v.external_id;
	s = unique_keys(req, &new_keys, stored.id);
	if (s == STATUS_OK && !field_same(id_text(req, stored.owner_id), id_text(req, v.owner_id)))
		s = owner_known(req, v.owner_id);
	if (s != STATUS_OK)
		return s;
	if (given.vin_check_failed && new_keys.vin)
		warn_vin(req, v.vin);

	bool updated;
	const char *taken;
	s = vehicle_store_update(req, &v, *stored.version, out, &updated, &taken);
	if (s != STATUS_OK)
		return s;
	if (taken) {
		req_race(req);
		return req_fail(req, STATUS_JA_EXISTENTE, field_path(req, "Veiculo", taken),
				"Valor de %s já cadastrado em outro veículo por uma requisição simultânea.", taken);
	}
	if (!updated)   /* cannot happen under the row lock; kept for safety */
		return req_fail(req, STATUS_CONFLITO_VERSAO, "Veiculo/Versao",
				"O veículo foi alterado por outra requisição. Consulte-o de novo.");

	const char **names = req_alloc(req, sizeof *names * (size_t)n);
	for (int i = 0; i < n; i++)
		names[i] = diff[i].field;
	*changed = names;
	*n_changed = n;
	int n_audit = n;
	if (correction && stored.odometer && v.odometer && *v.odometer < *stored.odometer)
		diff[n_audit++] = (struct audit_change){"CorrecaoQuilometragem/Motivo", NULL, reason};
	return audit_record(req, "veiculo", stored.id, "alterar", diff, n_audit);
}

enum status vehicle_find(struct request *req, const struct vehicle_filter *f, int64_t after, int limit,
			 struct vehicle **out, int *n)
{
	*out = NULL;
	*n = 0;
	struct vehicle_query q = {.id = f->id, .owner_id = f->owner_id};
	q.external_id = f->external_id && *f->external_id ? f->external_id : NULL;
	bool bad = false;
	const char *plate = plate_value(req, f->plate, "Filtro/Placa", &bad);
	q.plate_key = plate && *plate ? plate_key_of(req, plate) : NULL;

	const char *vin = field_trimmed(req, f->vin);
	if (vin && *vin) {
		char norm[18], suffix[7];
		if (strlen(vin) == 6 && vin_suffix_valid(vin, suffix)) {
			q.vin_suffix = req_strdup(req, suffix);
		} else if (strlen(vin) == 17 && vin_normalize(vin, norm) != VIN_INVALID) {
			q.vin = req_strdup(req, norm);
		} else {
			req_fail(req, STATUS_VALOR_INVALIDO, "Filtro/Chassi",
				 "Informe o chassi completo (17 caracteres) ou os seus 6 últimos, sem I, O ou Q.");
			bad = true;
		}
	}
	if (bad)
		return req_first_error(req);
	if (!q.id && !q.external_id && !q.plate_key && !q.vin && !q.vin_suffix && !q.owner_id)
		return req_fail(req, STATUS_CAMPO_OBRIGATORIO, "Filtro",
				"Informe ao menos um critério: Id, IdExterno, Placa, Chassi ou IdProprietario.");
	enum status s = vehicle_store_find(req, &q, after, limit, out, n);
	if (s == STATUS_OK && *n == 0 && after == 0)
		req_info(req, STATUS_NAO_ENCONTRADO, "Filtro", "Nenhum veículo encontrado.");
	return s;
}

enum status vehicle_exists(struct request *req, int64_t id, bool *found)
{
	*found = false;
	if (id <= 0)
		return STATUS_OK;
	return vehicle_store_exists(req, id, found);
}

/* ---- bulk (domain/vehicle_batch.c): the same checks, one record at a time -------- */

bool vehicle_check_input(struct request *req, const struct vehicle *in, struct vehicle *out)
{
	struct input given;
	bool ok = normalize(req, in, &given);
	*out = given.v;
	out->id = 0;
	out->version = NULL;
	if (ok && given.vin_check_failed && out->vin)
		warn_vin(req, out->vin);
	return ok;
}

bool vehicle_check_merged(struct request *req, const struct vehicle *stored, const struct vehicle *given,
			  struct vehicle *out, int *n_changes, struct audit_change *changes)
{
	struct vehicle none = {0};
	merge(stored ? stored : &none, given, out);
	out->id = stored ? stored->id : 0;
	out->version = stored ? stored->version : NULL;
	bool ok = consistent(req, out);
	size_t mark = req->n_messages;
	if (stored)
		check_odometer(req, stored, out, false, NULL);
	ok = ok && req->n_messages == mark;
	*n_changes = differences(req, stored ? stored : &none, out, changes);
	return ok;
}
