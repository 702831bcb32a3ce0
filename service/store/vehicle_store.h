/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * vehicle_store.h - every SQL statement about vehicles (table vehicle, sql/004).
 *
 * The rule to know: the store takes values already normalised by the domain
 * (domain/vehicle.c); plates are matched through plate_key, the Mercosul form of
 * either plate, so both forms of one car find the same row. Every statement is
 * filtered on the caller's tenant. Each function returns STATUS_OK or the status
 * req_db_fail() gave.
 */
#ifndef WSATEND_VEHICLE_STORE_H
#define WSATEND_VEHICLE_STORE_H

#include "domain/vehicle.h"

#include <stdbool.h>
#include <stdint.h>

/* A vehicle of the tenant already holding a key that a new or changed one wants. */
struct vehicle_clash {
	int64_t id;
	const char *field;   /* contract name of the key: "Placa", "Chassi", "IdExterno" */
};
#define VEHICLE_MAX_CLASHES 3

/* Vehicles other than exclude_id (0: none) whose plate_key, vin or external_id equals
 * the given ones (NULL: not compared). One clash per key at most. */
enum status vehicle_store_clashes(struct request *req, const char *plate_key, const char *vin,
				  const char *external_id, int64_t exclude_id,
				  struct vehicle_clash out[VEHICLE_MAX_CLASHES], int *n);

/* Inserts v; *out gets the stored row. A unique key taken meanwhile by a concurrent
 * request leaves *inserted false (and nothing written) instead of failing. */
enum status vehicle_store_insert(struct request *req, const struct vehicle *v, struct vehicle *out,
				 bool *inserted);

/* One vehicle by id; lock: FOR UPDATE (the row is about to change). */
enum status vehicle_store_get(struct request *req, int64_t id, bool lock, struct vehicle *out, bool *found);

/* Writes every column of v over row v->id if its version is still `version`, bumping
 * the version; *out gets the stored row. *updated false: the version moved on.
 * *taken: the name of the unique key a concurrent request took meanwhile
 * ("Placa", "Chassi", "IdExterno"), else NULL. */
enum status vehicle_store_update(struct request *req, const struct vehicle *v, int version,
				 struct vehicle *out, bool *updated, const char **taken);

/* Search criteria, normalised; NULL: not a criterion. */
struct vehicle_query {
	const int64_t *id;
	const char *external_id;
	const char *plate_key;
	const char *vin;
	const char *vin_suffix;
	const int64_t *owner_id;
};
enum status vehicle_store_find(struct request *req, const struct vehicle_query *q, int64_t after, int limit,
			       struct vehicle **out, int *n);

enum status vehicle_store_exists(struct request *req, int64_t id, bool *found);


/* ---- bulk (IncluirVeiculosLote): one round trip per function ------------------- */

/* Existing vehicles holding record i's IdExterno, plate (plate_keys[i]: the Mercosul
 * form) or VIN (NULL: none), locked FOR UPDATE; found(ctx, i, vehicle) per match (a
 * vehicle matching several records comes once per record). */
typedef void (*vehicle_match_fn)(void *ctx, int i, const struct vehicle *v);
enum status vehicle_store_match_many(struct request *req, int n, const char *const *external_ids,
				     const char *const *plate_keys, const char *const *vins, vehicle_match_fn found,
				     void *ctx);

/* missing[i]: ids[i] (NULL: none) is not a vehicle of the tenant. */
enum status vehicle_store_missing_many(struct request *req, int n, const int64_t *const *ids, bool *missing);

/* Inserts v[0..n-1] (ids[i] gets v[i]'s new id) / updates each v[i] by its id to its
 * values (version + 1). A constraint failure sets *constraint, writes nothing and
 * leaves the transaction aborted (the caller rolls back to its savepoint). */
enum status vehicle_store_insert_many(struct request *req, const struct vehicle *const *v, int n, int64_t *ids,
				      bool *constraint);
enum status vehicle_store_update_many(struct request *req, const struct vehicle *const *v, int n, bool *constraint);

#endif
