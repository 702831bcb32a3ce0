/* SPDX-License-Identifier: GPL-2.0-or-later */
/* config.c - the settings table and its loader (see config.h). */
#include "core/config.h"

#include <ctype.h>
#include <errno.h>
#include <ini.h>
#include <stddef.h>
#include <stdlib.h>
#include <string.h>

enum setting_type { SET_INT, SET_STR, SET_BOOL };

struct setting {
	const char *name;
	enum setting_type type;
	size_t offset;
	size_t size;          /* SET_STR: buffer size */
	const char *def;
	long min, max;        /* SET_INT bounds; SET_STR: max length is size-1 */
	const char *doc;
};

#define INT(n, d, lo, hi, doc) {#n, SET_INT, offsetof(struct config, n), 0, d, lo, hi, doc}
#define STR(n, d, doc) {#n, SET_STR, offsetof(struct config, n), sizeof(((struct config *)0)->n), d, 0, 0, doc}
#define BOOL(n, d, doc) {#n, SET_BOOL, offsetof(struct config, n), 0, d, 0, 1, doc}

static const struct setting settings[] = {
	STR(listen, "127.0.0.1", "Address to listen on (an IPv4/IPv6 literal or host name)."),
	INT(port, "8080", 1, 65535, "TCP port of the SOAP endpoint, the contract, /livez and /readyz."),
	INT(workers, "8", 1, 256, "Worker threads, each with its own PostgreSQL connection."),
	INT(max_connections, "1024", 16, 100000, "Open client connections (idle keep-alive included); more are refused."),
	INT(keepalive_idle_s, "30", 1, 3600, "An idle keep-alive connection is closed after this many seconds."),
	INT(shutdown_grace_s, "0", 0, 300, "After SIGTERM: seconds to keep serving while /readyz answers 503, so a balancer marks the instance down first (behind HAProxy: more than fall x inter)."),
	INT(recv_timeout_s, "10", 1, 600, "Timeout 1/3: longest silence while reading a request."),
	INT(send_timeout_s, "10", 1, 600, "Timeout 2/3: longest stall while writing a response."),
	INT(transfer_timeout_s, "30", 1, 3600, "Timeout 3/3: longest time to receive a whole request (stops slow-drip clients)."),
	INT(max_message_kb, "4096", 16, 1048576, "Largest request body after decompression, in KiB."),
	INT(max_depth, "32", 8, 1000, "Deepest XML nesting accepted."),
	INT(max_occurs, "10000", 10, 1000000, "Most repetitions of one element accepted."),
	INT(max_attributes, "2000", 10, 1000000, "Most XML attributes in one message (attribute floods cost quadratic CPU)."),
	STR(db_dsn, "host=127.0.0.1 port=5432 dbname=wsatend user=wsatend", "libpq connection string of the primary."),
	STR(db_read_dsn, "", "libpq connection string for lag-tolerant reads (a replica); empty: the primary."),
	STR(db_pooler, "none", "none: direct connections, prepared statements. transaction: behind pgbouncer in transaction mode (unnamed statements, transaction-local settings only)."),
	INT(db_statement_timeout_ms, "5000", 100, 600000, "statement_timeout of every server connection."),
	INT(db_connect_timeout_s, "3", 1, 60, "libpq connect_timeout; also bounds how long a request waits for the database."),
	INT(auth_cache_s, "60", 0, 3600, "Seconds a verified password is remembered (0: never); keeps batch calls fast."),
	INT(max_page_items, "500", 10, 10000, "Cap of MaxItens in every list."),
	INT(bulk_max_records, "1000", 1, 10000, "Most records in one bulk call (IncluirPessoasLote, IncluirVeiculosLote); keep max_message_kb large enough for them."),
	STR(wsdl_dir, "wsdl", "Directory of the hand-written contract served on ?wsdl and /xsd/."),
	STR(instance, "wsatendd", "Name of this instance in logs and metrics."),
	STR(log_level, "info", "debug, info, warn or error."),
	BOOL(production, "false", "Refuse to start unless fsync, synchronous_commit and full_page_writes are on."),
};

#define N_SETTINGS (sizeof settings / sizeof *settings)

static bool set_value(struct config *cfg, const struct setting *s, const char *value,
		      char *err, size_t errlen)
{
	char *base = (char *)cfg + s->offset;
	switch (s->type) {
	case SET_INT: {
		char *end;
		errno = 0;
		long v = strtol(value, &end, 10);
		while (isspace((unsigned char)*end))
			end++;
		if (errno || end == value || *end) {
			snprintf(err, errlen, "%s: '%s' is not an integer", s->name, value);
			return false;
		}
		if (v < s->min || v > s->max) {
			snprintf(err, errlen, "%s: %ld is outside %ld..%ld", s->name, v, s->min, s->max);
			return false;
		}
		*(int *)base = (int)v;
		return true;
	}
	case SET_STR:
		if (strlen(value) >= s->size) {
			snprintf(err, errlen, "%s: longer than %zu characters", s->name, s->size - 1);
			return false;
		}
		memcpy(base, value, strlen(value) + 1);
		return true;
	case SET_BOOL:
		if (!strcmp(value, "true") || !strcmp(value, "1") || !strcmp(value, "yes"))
			*(bool *)base = true;
		else if (!strcmp(value, "false") || !strcmp(value, "0") || !strcmp(value, "no"))
			*(bool *)base = false;
		else {
			snprintf(err, errlen, "%s: '%s' is not true or false", s->name, value);
			return false;
		}
		return true;
	}
	return false;
}

static const struct setting *find(const char *name)
{
	for (size_t i = 0; i < N_SETTINGS; i++)
		if (!strcmp(settings[i].name, name))
			return &settings[i];
	return NULL;
}

void config_defaults(struct config *cfg)
{
	char err[160];
	memset(cfg, 0, sizeof *cfg);
	for (size_t i = 0; i < N_SETTINGS; i++)
		(void)set_value(cfg, &settings[i], settings[i].def, err, sizeof err);
}

struct load_state {
	struct config *cfg;
	char *err;
	size_t errlen;
	bool failed;
};

static int on_ini(void *user, const char *section, const char *name, const char *value)
{
	struct load_state *st = user;
	if (st->failed)
		return 0;
	if (section && *section) {
		snprintf(st->err, st->errlen, "[%s]: sections are not used", section);
		st->failed = true;
		return 0;
	}
	const struct setting *s = find(name);
	if (!s) {
		snprintf(st->err, st->errlen, "%s: unknown setting", name);
		st->failed = true;
		return 0;
	}
	if (!set_value(st->cfg, s, value, st->err, st->errlen)) {
		st->failed = true;
		return 0;
	}
	return 1;
}

static bool check_cross(const struct config *cfg, char *err, size_t errlen)
{
	if (strcmp(cfg->db_pooler, "none") && strcmp(cfg->db_pooler, "transaction")) {
		snprintf(err, errlen, "db_pooler: '%s' is neither none nor transaction", cfg->db_pooler);
		return false;
	}
	if (strcmp(cfg->log_level, "debug") && strcmp(cfg->log_level, "info") &&
	    strcmp(cfg->log_level, "warn") && strcmp(cfg->log_level, "error")) {
		snprintf(err, errlen, "log_level: '%s' is not debug, info, warn or error", cfg->log_level);
		return false;
	}
	if (cfg->transfer_timeout_s < cfg->recv_timeout_s) {
		snprintf(err, errlen, "transfer_timeout_s (%d) must be >= recv_timeout_s (%d)",
			 cfg->transfer_timeout_s, cfg->recv_timeout_s);
		return false;
	}
	return true;
}

bool config_load(struct config *cfg, const char *path, char *err, size_t errlen)
{
	config_defaults(cfg);
	if (path) {
		struct load_state st = {cfg, err, errlen, false};
		int rc = ini_parse(path, on_ini, &st);
		if (st.failed)
			return false;
		if (rc < 0) {
			snprintf(err, errlen, "%s: cannot be read", path);
			return false;
		}
		if (rc > 0) {
			snprintf(err, errlen, "%s:%d: not a 'name = value' line", path, rc);
			return false;
		}
	}
	for (size_t i = 0; i < N_SETTINGS; i++) {
		char env[80] = "WSATENDD_";
		size_t n = strlen(env);
		for (const char *p = settings[i].name; *p && n + 1 < sizeof env; p++)
			env[n++] = (char)toupper((unsigned char)*p);
		env[n] = '\0';
		const char *v = getenv(env);
		if (v && !set_value(cfg, &settings[i], v, err, errlen))
			return false;
	}
	return check_cross(cfg, err, errlen);
}

void config_write_sample(FILE *out)
{
	fputs("# wsatendd.conf - settings of the wsatend server (INI, no sections).\n"
	      "# Generated by `wsatendd config-sample`; every line shows the default.\n"
	      "# Any setting can also be given as WSATENDD_<NAME> in the environment.\n", out);
	for (size_t i = 0; i < N_SETTINGS; i++) {
		const struct setting *s = &settings[i];
		fprintf(out, "\n# %s\n", s->doc);
		if (s->type == SET_INT)
			fprintf(out, "# integer, %ld..%ld\n", s->min, s->max);
		else if (s->type == SET_BOOL)
			fputs("# true or false\n", out);
		fprintf(out, "#%s = %s\n", s->name, s->def);
	}
}
