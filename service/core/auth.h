/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * auth.h - integration users: who is calling, for which tenant, with which role.
 *
 * A user name on the wire is LOGIN@TENANT ("integracao@demo"); logins are unique per
 * tenant. Passwords are yescrypt hashes (libcrypt); a verified (name, password) pair
 * is remembered for auth_cache_s seconds so that batch calls do not pay the hash each
 * time. Failures are never cached and take the same time for unknown users.
 */
#ifndef WSATEND_AUTH_H
#define WSATEND_AUTH_H

#include "core/status.h"

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

struct db;

enum role {
	ROLE_ATENDENTE = 1 << 0,
	ROLE_CONSULTOR = 1 << 1,
	ROLE_SUPERVISOR = 1 << 2,
	ROLE_GERENTE = 1 << 3,
	ROLE_INTEGRACAO = 1 << 4,
};
#define ROLES_ALL (ROLE_ATENDENTE | ROLE_CONSULTOR | ROLE_SUPERVISOR | ROLE_GERENTE | ROLE_INTEGRACAO)
/* Who may change every field of master data (people, vehicles). */
#define ROLES_FULL_EDIT (ROLE_SUPERVISOR | ROLE_GERENTE | ROLE_INTEGRACAO)

#define AUTH_MAX_BRANCHES 64

struct principal {
	int64_t tenant_id;
	char tenant_code[32];
	int64_t user_id;
	char login[64];
	enum role role;
	bool all_branches;
	int64_t branches[AUTH_MAX_BRANCHES];
	int n_branches;
};

/* Checks LOGIN@TENANT and password. STATUS_OK fills *out; NAO_AUTENTICADO for
 * anything wrong with the credentials; INDISPONIVEL/ERRO_SERVIDOR for the database. */
enum status auth_verify(struct db *db, const char *username, const char *password,
			int cache_seconds, struct principal *out);

/* Is the principal allowed in this branch? */
bool auth_branch_allowed(const struct principal *p, int64_t branch_id);

const char *role_name(enum role r);
bool role_parse(const char *name, enum role *out);

/* A new yescrypt hash of password in out (crypt(3) format). */
bool auth_hash_password(const char *password, char *out, size_t outlen);

/* Drops every cached verification (tests; a password change). */
void auth_cache_clear(void);

#endif
