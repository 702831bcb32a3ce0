/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * main.c - wsatendd: argv, configuration, then one of its commands. Nothing else.
 *
 *   wsatendd [-c FILE] serve            serve SOAP on the configured port
 *   wsatendd [-c FILE] migrate          apply sql/ migrations
 *   wsatendd [-c FILE] user add LOGIN@TENANT --role ROLE [--branches 01,02 | --all-branches]
 *                                       (password from $WSATENDD_NEW_PASSWORD or stdin)
 *   wsatendd [-c FILE] check-config     validate the configuration and exit
 *   wsatendd config-sample              print the commented sample configuration
 */
#include "core/auth.h"
#include "core/config.h"
#include "core/db.h"
#include "core/log.h"
#include "core/migrate.h"
#include "core/server.h"
#include "store/auth_store.h"

#include <libxml/parser.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#ifndef WSATEND_VERSION
#define WSATEND_VERSION "dev"
#endif

static int usage(void)
{
	fputs("usage: wsatendd [-c FILE] serve | migrate | check-config | config-sample\n"
	      "       wsatendd [-c FILE] user add LOGIN@TENANT --role ROLE [--branches CODES | --all-branches]\n"
	      "roles: atendente consultor supervisor gerente integracao\n"
	      "settings: see `wsatendd config-sample`; environment WSATENDD_<NAME> overrides the file\n",
	      stderr);
	return 2;
}

static struct db *open_db(const struct config *cfg)
{
	struct db *db = db_new(cfg->db_dsn, !strcmp(cfg->db_pooler, "transaction"), 600000,
			       cfg->db_connect_timeout_s);
	if (db && !db_ready(db)) {
		db_free(db);
		return NULL;
	}
	return db;
}

/* In production a database that may lose acknowledged writes is refused. */
static bool durable_enough(const struct config *cfg)
{
	if (!cfg->production)
		return true;
	struct db *db = open_db(cfg);
	char why[128] = "database unavailable";
	bool ok = db && db_durable(db, why, sizeof why);
	db_free(db);
	if (!ok)
		log_error("production mode: refusing to start: %s", why);
	return ok;
}

static int cmd_migrate(const struct config *cfg, const char *dir)
{
	struct db *db = open_db(cfg);
	if (!db) {
		log_error("migrate: database unavailable");
		return 1;
	}
	bool ok = migrate_apply(db, dir);
	if (ok)
		log_info("schema at migration %d", migrate_current(db));
	db_free(db);
	return ok ? 0 : 1;
}

static bool read_password(char *buf, size_t len)
{
	const char *env = getenv("WSATENDD_NEW_PASSWORD");
	if (env) {
		snprintf(buf, len, "%s", env);
	} else if (!fgets(buf, (int)len, stdin)) {
		return false;
	}
	buf[strcspn(buf, "\r\n")] = '\0';
	return strlen(buf) >= 8;
}

static int cmd_user_add(const struct config *cfg, int argc, char **argv)
{
	if (argc < 1)
		return usage();
	const char *name = argv[0], *role = NULL, *branches = NULL;
	bool all = false;
	for (int i = 1; i < argc; i++) {
		if (!strcmp(argv[i], "--role") && i + 1 < argc)
			role = argv[++i];
		else if (!strcmp(argv[i], "--branches") && i + 1 < argc)
			branches = argv[++i];
		else if (!strcmp(argv[i], "--all-branches"))
			all = true;
		else
			return usage();
	}
	enum role r;
	const char *at = strrchr(name, '@');
	if (!role || !role_parse(role, &r) || !at || at == name || !at[1]) {
		fputs("user add: LOGIN@TENANT and a valid --role are required\n", stderr);
		return 2;
	}
	char password[300];
	if (!read_password(password, sizeof password)) {
		fputs("user add: password (from $WSATENDD_NEW_PASSWORD or stdin) must have 8+ characters\n", stderr);
		return 2;
	}
	char hash[256];
	if (!auth_hash_password(password, hash, sizeof hash)) {
		fputs("user add: cannot hash the password\n", stderr);
		return 1;
	}
	memset(password, 0, sizeof password);
	struct db *db = open_db(cfg);
	if (!db) {
		fputs("user add: database unavailable\n", stderr);
		return 1;
	}
	char login[64];
	snprintf(login, sizeof login, "%.*s", (int)(at - name), name);
	bool tenant_found = false;
	enum db_status s = auth_store_upsert_user(db, at + 1, login, hash, role, all, branches, &tenant_found);
	db_free(db);
	if (s != DB_OK || !tenant_found) {
		fprintf(stderr, "user add: %s\n", !tenant_found && s == DB_OK ? "no such tenant" : "database error (check login and branch codes)");
		return 1;
	}
	printf("user %s saved with role %s\n", name, role);
	return 0;
}

int main(int argc, char **argv)
{
	const char *config_path = NULL;
	int i = 1;
	if (i + 1 < argc && !strcmp(argv[i], "-c")) {
		config_path = argv[i + 1];
		i += 2;
	}
	if (i >= argc)
		return usage();
	const char *cmd = argv[i++];
	if (!strcmp(cmd, "config-sample")) {
		config_write_sample(stdout);
		return 0;
	}
	if (!strcmp(cmd, "--version") || !strcmp(cmd, "version")) {
		printf("wsatendd %s\n", WSATEND_VERSION);
		return 0;
	}

	struct config cfg;
	char err[256];
	if (!config_load(&cfg, config_path, err, sizeof err)) {
		fprintf(stderr, "wsatendd: configuration: %s\n", err);
		return 2;
	}
	if (!strcmp(cmd, "check-config")) {
		printf("configuration ok\n");
		return 0;
	}
	enum log_level level = LOG_INFO;
	log_level_parse(cfg.log_level, &level);
	log_init(cfg.instance, level);
	xmlInitParser();

	int rc;
	if (!strcmp(cmd, "serve"))
		rc = durable_enough(&cfg) ? server_run(&cfg) : 1;
	else if (!strcmp(cmd, "migrate"))
		rc = cmd_migrate(&cfg, i < argc ? argv[i] : "sql");
	else if (!strcmp(cmd, "user") && i < argc && !strcmp(argv[i], "add"))
		rc = cmd_user_add(&cfg, argc - i - 1, argv + i + 1);
	else
		rc = usage();
	xmlCleanupParser();
	return rc;
}
