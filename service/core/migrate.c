/* SPDX-License-Identifier: GPL-2.0-or-later */
/* migrate.c - ordered, append-only SQL migrations (migrate.h). */
#include "core/migrate.h"

#include "core/db.h"
#include "core/log.h"

#include <dirent.h>
#include <openssl/evp.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define MAX_MIGRATIONS 512
#define LOCK_KEY "7730501"	/* pg_advisory_lock key: arbitrary, fixed */

static const struct db_stmt create_table = {
	"migrate_create",
	"CREATE TABLE IF NOT EXISTS schema_migration ("
	" version integer PRIMARY KEY, name text NOT NULL, checksum text NOT NULL,"
	" applied_at timestamptz NOT NULL DEFAULT now())"};
static const struct db_stmt lock = {"migrate_lock", "SELECT pg_advisory_lock(" LOCK_KEY ")"};
static const struct db_stmt unlock = {"migrate_unlock", "SELECT pg_advisory_unlock(" LOCK_KEY ")"};
static const struct db_stmt applied = {
	"migrate_applied", "SELECT checksum FROM schema_migration WHERE version = $1"};
static const struct db_stmt record = {
	"migrate_record", "INSERT INTO schema_migration (version, name, checksum) VALUES ($1, $2, $3)"};
static const struct db_stmt current = {
	"migrate_current", "SELECT coalesce(max(version), -1) FROM schema_migration"};

static int by_name(const void *a, const void *b)
{
	return strcmp(*(char *const *)a, *(char *const *)b);
}

static char *slurp(const char *path)
{
	FILE *f = fopen(path, "rb");
	if (!f)
		return NULL;
	char *buf = NULL;
	size_t len = 0, cap = 0;
	char chunk[65536];
	size_t n;
	while ((n = fread(chunk, 1, sizeof chunk, f)) > 0) {
		if (len + n + 1 > cap) {
			cap = (len + n + 1) * 2;
			char *p = realloc(buf, cap);
			if (!p) {
				free(buf);
				fclose(f);
				return NULL;
			}
			buf = p;
		}
		memcpy(buf + len, chunk, n);
		len += n;
	}
	fclose(f);
	if (buf)
		buf[len] = '\0';
	return buf;
}

static void checksum(const char *text, char hex[65])
{
	unsigned char d[32];
	unsigned len = 32;
	EVP_Digest(text, strlen(text), d, &len, EVP_sha256(), NULL);
	for (int i = 0; i < 32; i++)
		snprintf(hex + 2 * i, 3, "%02x", d[i]);
}

/* Applies one file unless recorded; false on error. */
static bool apply_one(struct db *db, const char *dir, const char *file)
{
	char version[16];
	snprintf(version, sizeof version, "%d", atoi(file));
	char path[1024];
	snprintf(path, sizeof path, "%s/%s", dir, file);
	char *sql = slurp(path);
	if (!sql) {
		log_error("migration %s cannot be read", path);
		return false;
	}
	char sum[65];
	checksum(sql, sum);
	const char *p1[] = {version};
	PGresult *res;
	bool ok = false;
	if (db_exec(db, &applied, 1, p1, &res) != DB_OK)
		goto done;
	if (PQntuples(res) == 1) {
		ok = !strcmp(db_text(res, 0, 0), sum);
		if (!ok)
			log_error("migration %s changed after it was applied (append-only: add a new file)", file);
		PQclear(res);
		goto done;
	}
	PQclear(res);
	const char *p2[] = {version, file, sum};
	ok = db_command(db, "BEGIN") == DB_OK && db_command(db, sql) == DB_OK &&
	     db_exec(db, &record, 3, p2, NULL) == DB_OK && db_command(db, "COMMIT") == DB_OK;
	if (!ok) {
		log_error("migration %s failed (sqlstate %s); nothing of it was applied", file,
			  db_last_sqlstate(db));
		db_command(db, "ROLLBACK");
	} else {
		log_info("migration %s applied", file);
	}
done:
	free(sql);
	return ok;
}

bool migrate_apply(struct db *db, const char *dir)
{
	/* The lock first: two instances creating the table at once would collide. */
	if (!db_ready(db) || db_exec(db, &lock, 0, NULL, NULL) != DB_OK ||
	    db_exec(db, &create_table, 0, NULL, NULL) != DB_OK) {
		log_error("cannot prepare migrations: database unavailable");
		return false;
	}
	char *names[MAX_MIGRATIONS];
	int n = 0;
	DIR *d = opendir(dir);
	for (struct dirent *e; d && (e = readdir(d)) && n < MAX_MIGRATIONS;) {
		size_t len = strlen(e->d_name);
		if (len > 8 && e->d_name[0] >= '0' && e->d_name[0] <= '9' && !strcmp(e->d_name + len - 4, ".sql"))
			names[n++] = strdup(e->d_name);
	}
	if (d)
		closedir(d);
	qsort(names, (size_t)n, sizeof *names, by_name);
	bool ok = d != NULL;
	if (!ok)
		log_error("migration directory %s cannot be read", dir);
	for (int i = 0; i < n; i++) {
		if (ok)
			ok = apply_one(db, dir, names[i]);
		free(names[i]);
	}
	db_exec(db, &unlock, 0, NULL, NULL);
	return ok;
}

int migrate_current(struct db *db)
{
	PGresult *res;
	if (db_exec(db, &current, 0, NULL, &res) != DB_OK)
		return -1;
	int v = db_int(res, 0, 0);
	PQclear(res);
	return v;
}
