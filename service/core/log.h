/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * log.h - one JSON object per line on stderr.
 *
 * Two kinds of line: events of the process (log_info, log_warn, log_error) and the
 * one line per request (log_request). Never log passwords, tokens or payloads: the
 * request line takes named fields only, so there is no place to put them.
 */
#ifndef WSATEND_LOG_H
#define WSATEND_LOG_H

#include <stdbool.h>
#include <stdint.h>

enum log_level { LOG_DEBUG, LOG_INFO, LOG_WARN, LOG_ERROR };

void log_init(const char *instance, enum log_level min_level);
bool log_level_parse(const char *name, enum log_level *out);

void log_msg(enum log_level level, const char *fmt, ...) __attribute__((format(printf, 2, 3)));
#define log_info(...) log_msg(LOG_INFO, __VA_ARGS__)
#define log_warn(...) log_msg(LOG_WARN, __VA_ARGS__)
#define log_error(...) log_msg(LOG_ERROR, __VA_ARGS__)

/* What one request did; NULL strings are left out of the line. */
struct request_log {
	const char *request_id;
	const char *method;      /* HTTP method */
	const char *path;        /* without query string */
	const char *peer;
	const char *operation;
	const char *tenant;
	const char *principal;   /* login, never the password */
	const char *outcome;     /* Sucesso, Falha, fault code ... */
	const char *fault_code;
	const char *sqlstate;
	int http_status;
	double duration_ms;
	uint64_t bytes_in;
	bool replayed;
};
void log_request(const struct request_log *r);

#endif
