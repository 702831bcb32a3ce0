/* SPDX-License-Identifier: GPL-2.0-or-later */
/* auth_store.h - SQL of integration users and branches. */
#ifndef WSATEND_AUTH_STORE_H
#define WSATEND_AUTH_STORE_H

#include "core/auth.h"
#include "core/db.h"

/* Loads the active user LOGIN of tenant TENANT_CODE into *p and its hash into
 * hash (size hashlen). *found false when there is no such user. */
enum db_status auth_store_find_user(struct db *db, const char *tenant_code, const char *login,
				    struct principal *p, char *hash, size_t hashlen, bool *found);

/* Branch of the tenant by code or CNPJ, or (code_or_cnpj NULL) by *id: id, code and
 * time zone copied out. */
enum db_status auth_store_find_branch(struct db *db, int64_t tenant_id, const char *code_or_cnpj,
				      int64_t *id, char *code, size_t codelen, char *tz, size_t tzlen,
				      bool *found);

/* Adds or replaces a user (the `wsatendd user add` command). */
enum db_status auth_store_upsert_user(struct db *db, const char *tenant_code, const char *login,
				      const char *hash, const char *role, bool all_branches,
				      const char *branch_codes_csv, bool *tenant_found);

#endif
