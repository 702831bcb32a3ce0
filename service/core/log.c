/* SPDX-License-Identifier: GPL-2.0-or-later */
/* log.c - JSON lines through jansson, so every value is escaped correctly; one
 * fputs per line keeps lines whole under concurrency (stderr is unbuffered and
 * each write below is a single call). */
#include "core/log.h"

#include <jansson.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

static char log_instance[64] = "wsatendd";
static enum log_level log_min = LOG_INFO;

static const char *const level_names[] = {"debug", "info", "warn", "error"};

void log_init(const char *instance, enum log_level min_level)
{
	if (instance && *instance)
		snprintf(log_instance, sizeof log_instance, "%s", instance);
	log_min = min_level;
}

bool log_level_parse(const char *name, enum log_level *out)
{
	for (size_t i = 0; i < sizeof level_names / sizeof *level_names; i++)
		if (strcmp(name, level_names[i]) == 0) {
			*out = (enum log_level)i;
			return true;
		}
	return false;
}

static void timestamp(char *buf, size_t len)
{
	struct timespec ts;
	struct tm tm;
	clock_gettime(CLOCK_REALTIME, &ts);
	gmtime_r(&ts.tv_sec, &tm);
	size_t n = strftime(buf, len, "%Y-%m-%dT%H:%M:%S", &tm);
	snprintf(buf + n, len - n, ".%03ldZ", ts.tv_nsec / 1000000);
}

static void emit(json_t *obj)
{
	char *line = json_dumps(obj, JSON_COMPACT | JSON_PRESERVE_ORDER | JSON_REAL_PRECISION(6));
	if (line) {
		size_t n = strlen(line);
		line[n] = '\n';	/* json_dumps leaves room: replace NUL, write n+1 bytes */
		fwrite(line, 1, n + 1, stderr);
		free(line);
	}
	json_decref(obj);
}

static json_t *line_start(enum log_level level)
{
	char ts[40];
	timestamp(ts, sizeof ts);
	json_t *obj = json_object();
	json_object_set_new(obj, "ts", json_string(ts));
	json_object_set_new(obj, "level", json_string(level_names[level]));
	json_object_set_new(obj, "instance", json_string(log_instance));
	return obj;
}

void log_msg(enum log_level level, const char *fmt, ...)
{
	if (level < log_min)
		return;
	char msg[1024];
	va_list ap;
	va_start(ap, fmt);
	vsnprintf(msg, sizeof msg, fmt, ap);
	va_end(ap);
	json_t *obj = line_start(level);
	/* json_string rejects invalid UTF-8; such text came from outside: keep it out. */
	json_t *m = json_string(msg);
	json_object_set_new(obj, "msg", m ? m : json_string("(texto não UTF-8 omitido)"));
	emit(obj);
}

static void set_str(json_t *obj, const char *key, const char *value)
{
	if (value) {
		json_t *v = json_string(value);
		if (v)
			json_object_set_new(obj, key, v);
	}
}

void log_request(const struct request_log *r)
{
	json_t *obj = line_start(r->http_status >= 500 ? LOG_ERROR : LOG_INFO);
	set_str(obj, "request_id", r->request_id);
	set_str(obj, "method", r->method);
	set_str(obj, "path", r->path);
	set_str(obj, "peer", r->peer);
	set_str(obj, "operation", r->operation);
	set_str(obj, "tenant", r->tenant);
	set_str(obj, "principal", r->principal);
	set_str(obj, "outcome", r->outcome);
	set_str(obj, "fault_code", r->fault_code);
	set_str(obj, "sqlstate", r->sqlstate);
	json_object_set_new(obj, "http_status", json_integer(r->http_status));
	json_object_set_new(obj, "duration_ms", json_real((double)(long)(r->duration_ms * 1000) / 1000));
	json_object_set_new(obj, "bytes_in", json_integer((json_int_t)r->bytes_in));
	json_object_set_new(obj, "replayed", json_boolean(r->replayed));
	emit(obj);
}
