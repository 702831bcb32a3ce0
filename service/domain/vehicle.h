/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * vehicle.h - customers' vehicles (wsdl/xsd/veiculo.xsd) as plain C: registering,
 * changing and finding them, and the check other areas make on a vehicle id.
 *
 * The rule to know: a vehicle is identified within its tenant by its plate (either
 * form: the old ABC1234 and the Mercosul ABC1D23 of the same car collide) and by its
 * VIN; and on a change only the fields whose value actually changes count, because
 * legacy clients send the whole vehicle back.
 */
#ifndef WSATEND_VEHICLE_H
#define WSATEND_VEHICLE_H

#include "core/request.h"

#include <stdbool.h>
#include <stdint.h>

/* One vehicle. Optional values are pointers: NULL means "no value" in a stored
 * vehicle and "element absent" in a request (absent keeps the stored value on a
 * change; an empty text element clears an optional text). */
struct vehicle {
	int64_t id;                  /* 0 until stored */
	const char *external_id;     /* IdExterno */
	const char *plate;           /* normalised, 7 characters, old or Mercosul form */
	const char *vin;             /* 17 characters */
	const char *renavam;         /* 9..11 digits */
	const char *make, *model, *trim, *color, *fuel;
	const int *year_made, *model_year, *odometer;
	const int64_t *owner_id;     /* a person of the tenant */
	const int *version;          /* required on a change */
	const char *created_at, *updated_at;   /* xsd:dateTime, UTC (out only) */
};

/* IncluirVeiculo: validates (each failure a message with its "Veiculo/..." path),
 * refuses a plate or VIN already registered in the tenant (JA_EXISTENTE with the
 * existing id), stores, audits, and fills *out with the stored vehicle. A VIN with
 * a wrong check digit is accepted with a warning. */
enum status vehicle_create(struct request *req, const struct vehicle *in, struct vehicle *out);

/* AlterarVeiculo: in->id and in->version identify the row. odometer_reason is
 * CorrecaoQuilometragem/Motivo when the element was sent (correction true), which
 * alone allows a lower odometer. Roles outside ROLES_FULL_EDIT may change only the
 * plate and the odometer. *changed gets the contract names of the fields that
 * changed (*n_changed of them, possibly none) and *out the vehicle as stored. */
enum status vehicle_update(struct request *req, const struct vehicle *in, bool correction,
			   const char *odometer_reason, struct vehicle *out, const char ***changed,
			   int *n_changed);

/* ConsultarVeiculo criteria, combined with AND; at least one must be given. */
struct vehicle_filter {
	const int64_t *id;
	const char *external_id;
	const char *plate;    /* either form, masked or not */
	const char *vin;      /* the whole VIN or its last 6 characters */
	const int64_t *owner_id;
};

/* Vehicles matching f in id order, after id `after`, at most `limit` of them (the
 * caller passes its page size + 1 to learn whether more exist). */
enum status vehicle_find(struct request *req, const struct vehicle_filter *f, int64_t after, int limit,
			 struct vehicle **out, int *n);

/* Does vehicle `id` exist in the caller's tenant? (For other areas: an atendimento
 * naming a customer's vehicle.) STATUS_OK with *found set, or a database status. */
enum status vehicle_exists(struct request *req, int64_t id, bool *found);

/* Every stored field as text, in the order of the contract (IdExterno, Placa, Chassi,
 * Renavam, Marca, Modelo, VersaoModelo, Cor, AnoFabricacao, AnoModelo, Combustivel,
 * Quilometragem, IdProprietario); NULL where absent. The audit compares them, and
 * the store passes them as SQL parameters in the same order. */
#define VEHICLE_FIELDS 13
void vehicle_field_texts(struct request *req, const struct vehicle *v, const char *out[VEHICLE_FIELDS]);

/* ---- bulk (domain/vehicle_batch.c, IncluirVeiculosLote) -------------------------- */

struct audit_change;

/* IncluirVeiculo's checks that need no database, on one record (messages under
 * "Veiculo/"): *out gets it normalised (NULL: absent), with the VIN check-digit
 * warning. false after recording errors. */
bool vehicle_check_input(struct request *req, const struct vehicle *in, struct vehicle *out);

/* The vehicle as it would be stored: `given` (checked by vehicle_check_input) over
 * `stored` (NULL: a new vehicle), with the rules between fields and, for an update,
 * the odometer rule (bulk has no correction). changes gets the audit differences
 * (*n_changes; 0: nothing would change; room for VEHICLE_FIELDS). false after
 * recording errors. */
bool vehicle_check_merged(struct request *req, const struct vehicle *stored, const struct vehicle *given,
			  struct vehicle *out, int *n_changes, struct audit_change *changes);

#endif
