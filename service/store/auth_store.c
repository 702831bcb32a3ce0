/* SPDX-License-Identifier: GPL-2.0-or-later */
/* auth_store.c - SQL of integration users and branches (auth_store.h). */
#include "store/auth_store.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static const struct db_stmt find_user = {
	"auth_find_user",
	"SELECT u.tenant_id, t.code, u.user_id, u.login, u.password_hash, u.role, u.all_branches,"
	"       coalesce(array_to_string(array(SELECT b.branch_id FROM app_user_branch b"
	"                 WHERE b.tenant_id = u.tenant_id AND b.user_id = u.user_id"
	"                 ORDER BY b.branch_id LIMIT 64), ','), '')"
	"  FROM app_user u JOIN tenant t ON t.tenant_id = u.tenant_id"
	" WHERE t.code = $1 AND u.login = $2 AND u.active"};

enum db_status auth_store_find_user(struct db *db, const char *tenant_code, const char *login,
				    struct principal *p, char *hash, size_t hashlen, bool *found)
{
	const char *params[] = {tenant_code, login};
	PGresult *res;
	enum db_status s = db_exec(db, &find_user, 2, params, &res);
	*found = false;
	if (s != DB_OK)
		return s;
	if (PQntuples(res) == 1) {
		*found = true;
		memset(p, 0, sizeof *p);
		p->tenant_id = db_int64(res, 0, 0);
		snprintf(p->tenant_code, sizeof p->tenant_code, "%s", db_text(res, 0, 1));
		p->user_id = db_int64(res, 0, 2);
		snprintf(p->login, sizeof p->login, "%s", db_text(res, 0, 3));
		snprintf(hash, hashlen, "%s", db_text(res, 0, 4));
		if (!role_parse(db_text(res, 0, 5), &p->role))
			*found = false;
		p->all_branches = db_bool(res, 0, 6);
		for (const char *c = db_text(res, 0, 7); *c && p->n_branches < AUTH_MAX_BRANCHES;) {
			char *end;
			p->branches[p->n_branches++] = strtoll(c, &end, 10);
			c = *end == ',' ? end + 1 : end;
		}
	}
	PQclear(res);
	return DB_OK;
}

static const struct db_stmt find_branch = {
	"auth_find_branch",
	"SELECT branch_id, code, time_zone FROM branch"
	" WHERE tenant_id = $1 AND ($2::text IS NULL OR code = $2 OR cnpj = $2)"
	"   AND ($3::bigint IS NULL OR branch_id = $3)"
	" ORDER BY code = $2 DESC LIMIT 1"};

enum db_status auth_store_find_branch(struct db *db, int64_t tenant_id, const char *code_or_cnpj,
				      int64_t *id, char *code, size_t codelen, char *tz, size_t tzlen,
				      bool *found)
{
	char tenant[24], by_id[24];
	snprintf(tenant, sizeof tenant, "%lld", (long long)tenant_id);
	snprintf(by_id, sizeof by_id, "%lld", (long long)*id);
	const char *params[] = {tenant, code_or_cnpj, code_or_cnpj ? NULL : by_id};
	PGresult *res;
	enum db_status s = db_exec(db, &find_branch, 3, params, &res);
	*found = false;
	if (s != DB_OK)
		return s;
	if (PQntuples(res) == 1) {
		*found = true;
		*id = db_int64(res, 0, 0);
		snprintf(code, codelen, "%s", db_text(res, 0, 1));
		snprintf(tz, tzlen, "%s", db_text(res, 0, 2));
	}
	PQclear(res);
	return DB_OK;
}

static const struct db_stmt upsert_user = {
	"auth_upsert_user",
	"INSERT INTO app_user (tenant_id, login, password_hash, role, all_branches)"
	" SELECT tenant_id, $2, $3, $4, $5::boolean FROM tenant WHERE code = $1"
	" ON CONFLICT (tenant_id, login) DO UPDATE SET password_hash = excluded.password_hash,"
	"    role = excluded.role, all_branches = excluded.all_branches, active = true"
	" RETURNING tenant_id, user_id"};

/* The user's branches become exactly the codes listed ($3, comma-separated). */
static const struct db_stmt drop_branches = {
	"auth_drop_branches",
	"DELETE FROM app_user_branch b USING branch br"
	" WHERE b.tenant_id = $1 AND b.user_id = $2 AND br.tenant_id = b.tenant_id"
	"   AND br.branch_id = b.branch_id AND br.code <> ALL (string_to_array(nullif($3, ''), ','))"};
static const struct db_stmt add_branches = {
	"auth_add_branches",
	"INSERT INTO app_user_branch (tenant_id, user_id, branch_id)"
	" SELECT $1, $2, branch_id FROM branch"
	"  WHERE tenant_id = $1 AND code = ANY (string_to_array(nullif($3, ''), ','))"
	" ON CONFLICT DO NOTHING"};

static const struct db_stmt tenant_exists = {
	"auth_tenant_exists", "SELECT 1 FROM tenant WHERE code = $1"};

enum db_status auth_store_upsert_user(struct db *db, const char *tenant_code, const char *login,
				      const char *hash, const char *role, bool all_branches,
				      const char *branch_codes_csv, bool *tenant_found)
{
	PGresult *res;
	const char *p1[] = {tenant_code};
	enum db_status s = db_exec(db, &tenant_exists, 1, p1, &res);
	if (s != DB_OK)
		return s;
	*tenant_found = PQntuples(res) == 1;
	PQclear(res);
	if (!*tenant_found)
		return DB_OK;
	const char *params[] = {tenant_code, login, hash, role, all_branches ? "true" : "false"};
	s = db_command(db, "BEGIN");
	if (s == DB_OK)
		s = db_exec(db, &upsert_user, 5, params, &res);
	if (s != DB_OK) {
		db_command(db, "ROLLBACK");
		return s;
	}
	char tenant[24], user[24];
	snprintf(tenant, sizeof tenant, "%s", db_text(res, 0, 0));
	snprintf(user, sizeof user, "%s", db_text(res, 0, 1));
	PQclear(res);
	const char *bp[] = {tenant, user, branch_codes_csv ? branch_codes_csv : ""};
	s = db_exec(db, &drop_branches, 3, bp, NULL);
	if (s == DB_OK)
		s = db_exec(db, &add_branches, 3, bp, NULL);
	db_command(db, s == DB_OK ? "COMMIT" : "ROLLBACK");
	return s;
}
