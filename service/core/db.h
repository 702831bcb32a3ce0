/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * db.h - one PostgreSQL connection per worker, and the only way SQL is run.
 *
 * Rule to know: SQL lives in service/store/ as static `struct db_stmt` values with
 * $n parameters; nothing builds SQL from strings. Behind a transaction pooler
 * (db_pooler = transaction) statements run unnamed; otherwise each is prepared once
 * per connection on first use. libpq never reconnects by itself: db_ready() does,
 * with a capped backoff so that requests during an outage fail fast instead of each
 * waiting for a connect timeout.
 */
#ifndef WSATEND_DB_H
#define WSATEND_DB_H

#include <libpq-fe.h>
#include <stdbool.h>
#include <stdint.h>

struct db_stmt {
	const char *name;   /* unique across the program: "person_insert" */
	const char *sql;
};

enum db_status {
	DB_OK = 0,
	DB_UNAVAILABLE,   /* connection lost or refused (08xxx, 57P0x): retry keyed/read-only work */
	DB_RETRY,         /* serialization failure or deadlock (40001, 40P01): rerun the transaction */
	DB_BUSY,          /* resources, lock or statement timeout (53xxx, 55P03, 57014) */
	DB_UNIQUE,        /* 23505 */
	DB_FOREIGN_KEY,   /* 23503 */
	DB_CHECK,         /* 23502, 23514 and other 23xxx */
	DB_DATA,          /* 22xxx: a value PostgreSQL refused */
	DB_READ_ONLY,     /* 25006: landed on a standby */
	DB_BUG,           /* anything else, 42xxx first: our mistake */
};

struct db;

/* A connection handle; connects lazily (db_ready). pooled: unnamed statements. */
struct db *db_new(const char *dsn, bool pooled, int statement_timeout_ms, int connect_timeout_s);
void db_free(struct db *db);

/* True when connected (reconnecting if needed and the backoff allows). */
bool db_ready(struct db *db);

/* Runs stmt with text parameters (NULL = SQL NULL). *res (if res) gets the result on
 * DB_OK, to be PQclear'ed by the caller; on error nothing is returned. */
enum db_status db_exec(struct db *db, const struct db_stmt *stmt, int nparams,
		       const char *const *params, PGresult **res);

/* Plain commands without parameters or results: BEGIN, COMMIT, ROLLBACK ... */
enum db_status db_command(struct db *db, const char *sql);

/* After an error: SQLSTATE and constraint name of the last failure ("" if none). */
const char *db_last_sqlstate(const struct db *db);
const char *db_last_constraint(const struct db *db);

/* Result accessors: NULL for SQL NULL. */
const char *db_text(const PGresult *res, int row, int col);
int64_t db_int64(const PGresult *res, int row, int col);
int db_int(const PGresult *res, int row, int col);
bool db_bool(const PGresult *res, int row, int col);

/* Production start-up check: fsync, synchronous_commit and full_page_writes are on.
 * false with the reason in why. */
bool db_durable(struct db *db, char *why, size_t len);

/* The raw connection, for LISTEN or COPY in tools; not for queries. */
PGconn *db_conn(struct db *db);

#endif
