/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * migrate.h - applies sql/NNN_name.sql in order, each once, each in its own
 * transaction, recorded in schema_migration with a checksum. An advisory lock lets
 * several instances start at once. An applied file that changed is an error:
 * migrations are append-only.
 */
#ifndef WSATEND_MIGRATE_H
#define WSATEND_MIGRATE_H

#include <stdbool.h>

struct db;

/* Applies what is missing from dir; returns false (logged) on the first error. */
bool migrate_apply(struct db *db, const char *dir);

/* Number of the last migration applied, or -1 when unknown. */
int migrate_current(struct db *db);

#endif
