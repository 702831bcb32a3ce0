/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * config.h - the server's settings, as one table (config.c): name, type, default,
 * bounds and a doc line. The file format is INI (libinih) without sections; every
 * setting can also come from the environment as WSATENDD_<NAME in upper case>,
 * which wins over the file. `wsatendd config-sample` prints the commented sample
 * (deploy/wsatendd.conf is that output) and `wsatendd check-config` validates.
 */
#ifndef WSATEND_CONFIG_H
#define WSATEND_CONFIG_H

#include <stdbool.h>
#include <stdio.h>

struct config {
	char listen[64];
	int port;
	int workers;
	int max_connections;
	int keepalive_idle_s;
	int shutdown_grace_s;
	int recv_timeout_s;
	int send_timeout_s;
	int transfer_timeout_s;
	int max_message_kb;
	int max_depth;
	int max_occurs;
	int max_attributes;
	char db_dsn[512];
	char db_read_dsn[512];
	char db_pooler[16];
	int db_statement_timeout_ms;
	int db_connect_timeout_s;
	int auth_cache_s;
	int max_page_items;
	int bulk_max_records;
	char wsdl_dir[256];
	char instance[64];
	char log_level[8];
	bool production;
};

/* Defaults from the table. */
void config_defaults(struct config *cfg);

/* Reads path (NULL: no file) then the environment; checks every bound.
 * On error writes one line naming the setting to err and returns false. */
bool config_load(struct config *cfg, const char *path, char *err, size_t errlen);

/* The commented sample file: every setting with its doc line, default and bounds. */
void config_write_sample(FILE *out);

#endif
