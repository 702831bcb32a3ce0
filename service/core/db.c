/* SPDX-License-Identifier: GPL-2.0-or-later */
/* db.c - libpq connection, statement cache and SQLSTATE classification (db.h). */
#include "core/db.h"

#include "core/log.h"

#include <errno.h>
#include <poll.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#define PREPARED_SLOTS 1024	/* open addressing by stmt address; far above our count */

struct db {
	PGconn *conn;
	char *conninfo;
	bool pooled;
	const struct db_stmt *prepared[PREPARED_SLOTS];
	double next_attempt;    /* monotonic seconds: no reconnect before this */
	int deadline_ms;        /* longest wait for one answer, client side */
	double backoff;
	char sqlstate[6];
	char constraint[64];
};

static double now_s(void)
{
	struct timespec ts;
	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (double)ts.tv_sec + (double)ts.tv_nsec / 1e9;
}

struct db *db_new(const char *dsn, bool pooled, int statement_timeout_ms, int connect_timeout_s)
{
	struct db *db = calloc(1, sizeof *db);
	if (!db)
		return NULL;
	/* Later keywords win in a libpq conninfo string, so ours come last. TCP
	 * keepalives and tcp_user_timeout notice a dead server within seconds
	 * instead of the kernel's minutes. Behind pgbouncer the startup "options"
	 * would be refused: the timeouts are role settings then (sql/). */
	char extra[512];
	int n = snprintf(extra, sizeof extra,
			 " connect_timeout=%d keepalives=1 keepalives_idle=5 keepalives_interval=2"
			 " keepalives_count=2 tcp_user_timeout=%d application_name=wsatendd",
			 connect_timeout_s, connect_timeout_s * 1000);
	if (!pooled)
		snprintf(extra + n, sizeof extra - (size_t)n,
			 " options='-c statement_timeout=%d -c lock_timeout=%d"
			 " -c idle_in_transaction_session_timeout=%d'",
			 statement_timeout_ms, statement_timeout_ms, statement_timeout_ms * 4);
	size_t len = strlen(dsn) + strlen(extra) + 1;
	db->conninfo = malloc(len);
	if (!db->conninfo) {
		free(db);
		return NULL;
	}
	snprintf(db->conninfo, len, "%s%s", dsn, extra);
	db->pooled = pooled;
	db->backoff = 0.25;
	/* The server's statement_timeout cannot fire when the server itself is
	 * stalled (paused, swapping, a network black hole with the kernel still
	 * acknowledging): the client keeps its own deadline, a second longer. */
	db->deadline_ms = statement_timeout_ms + 1000;
	return db;
}

void db_free(struct db *db)
{
	if (!db)
		return;
	if (db->conn)
		PQfinish(db->conn);
	free(db->conninfo);
	free(db);
}

PGconn *db_conn(struct db *db)
{
	return db->conn;
}

/* libpq prints notices on stderr by default: into the JSON log instead. */
static void on_notice(void *arg, const char *message)
{
	(void)arg;
	char msg[300];
	snprintf(msg, sizeof msg, "%s", message);
	msg[strcspn(msg, "\n")] = '\0';
	log_warn("database notice: %s", msg);
}

static void forget_prepared(struct db *db)
{
	memset(db->prepared, 0, sizeof db->prepared);
}

bool db_ready(struct db *db)
{
	if (db->conn && PQstatus(db->conn) == CONNECTION_OK)
		return true;
	double t = now_s();
	if (t < db->next_attempt)
		return false;
	if (db->conn)
		PQfinish(db->conn);
	forget_prepared(db);
	db->conn = PQconnectdb(db->conninfo);
	if (PQstatus(db->conn) == CONNECTION_OK) {
		db->backoff = 0.25;
		db->next_attempt = 0;
		/* Text results in UTF-8 whatever the database default. */
		PQsetClientEncoding(db->conn, "UTF8");
		PQsetNoticeProcessor(db->conn, on_notice, NULL);
		return true;
	}
	/* The message may hold host names, never secrets: libpq omits passwords. */
	char msg[256];
	snprintf(msg, sizeof msg, "%s", PQerrorMessage(db->conn));
	msg[strcspn(msg, "\n")] = '\0';
	log_warn("database unreachable, next attempt in %.2fs: %s", db->backoff, msg);
	PQfinish(db->conn);
	db->conn = NULL;
	db->next_attempt = t + db->backoff;
	db->backoff = db->backoff * 2 > 2.0 ? 2.0 : db->backoff * 2;
	return false;
}

static enum db_status classify(const char *state)
{
	if (!state || !*state)
		return DB_UNAVAILABLE;
	if (!strncmp(state, "08", 2) || !strncmp(state, "57P0", 4))
		return DB_UNAVAILABLE;
	if (!strcmp(state, "40001") || !strcmp(state, "40P01"))
		return DB_RETRY;
	if (!strncmp(state, "53", 2) || !strcmp(state, "55P03") || !strcmp(state, "57014"))
		return DB_BUSY;
	if (!strcmp(state, "23505"))
		return DB_UNIQUE;
	if (!strcmp(state, "23503"))
		return DB_FOREIGN_KEY;
	if (!strncmp(state, "23", 2))
		return DB_CHECK;
	if (!strncmp(state, "22", 2))
		return DB_DATA;
	if (!strcmp(state, "25006"))
		return DB_READ_ONLY;
	return DB_BUG;
}

/* Turns a libpq result into a status, remembering what the caller may ask. */
static enum db_status check(struct db *db, PGresult *r, const char *what)
{
	db->sqlstate[0] = '\0';
	db->constraint[0] = '\0';
	ExecStatusType st = r ? PQresultStatus(r) : PGRES_FATAL_ERROR;
	if (st == PGRES_COMMAND_OK || st == PGRES_TUPLES_OK)
		return DB_OK;
	const char *state = r ? PQresultErrorField(r, PG_DIAG_SQLSTATE) : NULL;
	const char *cons = r ? PQresultErrorField(r, PG_DIAG_CONSTRAINT_NAME) : NULL;
	snprintf(db->sqlstate, sizeof db->sqlstate, "%s", state ? state : "");
	snprintf(db->constraint, sizeof db->constraint, "%s", cons ? cons : "");
	enum db_status s = PQstatus(db->conn) == CONNECTION_BAD ? DB_UNAVAILABLE : classify(state);
	if (s == DB_READ_ONLY) {
		/* Landed on a standby (a failover happened): the next connection may
		 * reach the new primary (target_session_attrs=read-write in the DSN). */
		log_warn("connected to a read-only server: reconnecting");
		PQfinish(db->conn);
		db->conn = NULL;
		forget_prepared(db);
		return s;
	}
	if (s == DB_BUG || s == DB_DATA) {
		const char *m = r ? PQresultErrorMessage(r) : PQerrorMessage(db->conn);
		char msg[300];
		snprintf(msg, sizeof msg, "%s", m ? m : "");
		msg[strcspn(msg, "\n")] = '\0';
		log_error("sql %s failed: sqlstate=%s %s", what, db->sqlstate, msg);
	}
	return s;
}

/* Drops a connection that stopped answering; the next db_ready reconnects after the
 * backoff, so the requests that follow fail fast instead of each waiting. */
static void give_up(struct db *db)
{
	log_warn("database did not answer within %d ms: connection dropped", db->deadline_ms);
	PQfinish(db->conn);
	db->conn = NULL;
	forget_prepared(db);
	db->next_attempt = now_s() + db->backoff;
}

/* The result of the query just sent, waiting at most deadline_ms; NULL when the
 * database did not answer in time (the connection is then dropped). */
static PGresult *await(struct db *db)
{
	double until = now_s() + db->deadline_ms / 1000.0;
	PGresult *last = NULL;
	for (;;) {
		while (PQisBusy(db->conn)) {
			int left = (int)((until - now_s()) * 1000);
			struct pollfd pfd = {.fd = PQsocket(db->conn), .events = POLLIN};
			int n = left > 0 ? poll(&pfd, 1, left) : 0;
			if (n < 0 && errno == EINTR)
				continue;
			if (n <= 0) {
				PQclear(last);
				give_up(db);
				return NULL;
			}
			if (!PQconsumeInput(db->conn))
				break;	/* connection lost: PQgetResult reports it */
		}
		PGresult *r = PQgetResult(db->conn);
		if (!r)
			return last;
		if (last) {
			/* keep the first error, else the last result */
			if (PQresultStatus(last) == PGRES_FATAL_ERROR) {
				PQclear(r);
				continue;
			}
			PQclear(last);
		}
		last = r;
	}
}

static size_t slot_of(const struct db_stmt *stmt)
{
	return ((uintptr_t)stmt >> 4) % PREPARED_SLOTS;
}

static bool is_prepared(const struct db *db, const struct db_stmt *stmt)
{
	for (size_t i = slot_of(stmt), n = 0; n < PREPARED_SLOTS; i = (i + 1) % PREPARED_SLOTS, n++) {
		if (db->prepared[i] == stmt)
			return true;
		if (!db->prepared[i])
			return false;
	}
	return false;
}

static void mark_prepared(struct db *db, const struct db_stmt *stmt)
{
	for (size_t i = slot_of(stmt), n = 0; n < PREPARED_SLOTS; i = (i + 1) % PREPARED_SLOTS, n++)
		if (!db->prepared[i]) {
			db->prepared[i] = stmt;
			return;
		}
}

enum db_status db_exec(struct db *db, const struct db_stmt *stmt, int nparams,
		       const char *const *params, PGresult **res)
{
	if (res)
		*res = NULL;
	if (!db->conn || PQstatus(db->conn) != CONNECTION_OK)
		return DB_UNAVAILABLE;
	PGresult *r = NULL;
	if (db->pooled) {
		if (PQsendQueryParams(db->conn, stmt->sql, nparams, NULL, params, NULL, NULL, 0))
			r = await(db);
	} else {
		if (!is_prepared(db, stmt)) {
			PGresult *p = PQsendPrepare(db->conn, stmt->name, stmt->sql, 0, NULL) ? await(db) : NULL;
			if (!db->conn)
				return DB_UNAVAILABLE;
			enum db_status s = check(db, p, stmt->name);
			PQclear(p);
			if (s != DB_OK)
				return s;
			mark_prepared(db, stmt);
		}
		if (PQsendQueryPrepared(db->conn, stmt->name, nparams, params, NULL, NULL, 0))
			r = await(db);
	}
	if (!db->conn)
		return DB_UNAVAILABLE;
	enum db_status s = check(db, r, stmt->name);
	if (s == DB_OK && res)
		*res = r;
	else
		PQclear(r);
	return s;
}

enum db_status db_command(struct db *db, const char *sql)
{
	if (!db->conn || PQstatus(db->conn) != CONNECTION_OK)
		return DB_UNAVAILABLE;
	PGresult *r = PQsendQuery(db->conn, sql) ? await(db) : NULL;
	if (!db->conn)
		return DB_UNAVAILABLE;
	enum db_status s = check(db, r, sql);
	PQclear(r);
	return s;
}

const char *db_last_sqlstate(const struct db *db)
{
	return db->sqlstate;
}

const char *db_last_constraint(const struct db *db)
{
	return db->constraint;
}

const char *db_text(const PGresult *res, int row, int col)
{
	return PQgetisnull(res, row, col) ? NULL : PQgetvalue(res, row, col);
}

int64_t db_int64(const PGresult *res, int row, int col)
{
	return PQgetisnull(res, row, col) ? 0 : strtoll(PQgetvalue(res, row, col), NULL, 10);
}

int db_int(const PGresult *res, int row, int col)
{
	return (int)db_int64(res, row, col);
}

bool db_bool(const PGresult *res, int row, int col)
{
	return !PQgetisnull(res, row, col) && PQgetvalue(res, row, col)[0] == 't';
}

static const struct db_stmt durability = {
	"db_durability",
	"SELECT name FROM pg_settings"
	" WHERE name IN ('fsync', 'synchronous_commit', 'full_page_writes') AND setting = 'off'"};

bool db_durable(struct db *db, char *why, size_t len)
{
	PGresult *res;
	if (!db_ready(db) || db_exec(db, &durability, 0, NULL, &res) != DB_OK) {
		snprintf(why, len, "database unavailable");
		return false;
	}
	bool ok = PQntuples(res) == 0;
	if (!ok)
		snprintf(why, len, "%s is off", PQgetvalue(res, 0, 0));
	PQclear(res);
	return ok;
}
