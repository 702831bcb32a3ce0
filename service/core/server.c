/* SPDX-License-Identifier: GPL-2.0-or-later */
/* server.c - listener, poller, worker pool and lifecycle (server.h). */
#include "core/server.h"

#include "core/config.h"
#include "core/db.h"
#include "core/http_get.h"
#include "core/log.h"
#include "core/worker.h"
#include "soap/fault.h"
#include "soapH.h"

#include <errno.h>
#include <fcntl.h>
#include <netinet/in.h>
#include <netinet/tcp.h>
#include <arpa/inet.h>
#include <pthread.h>
#include <signal.h>
#include <stdatomic.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/epoll.h>
#include <sys/resource.h>
#include <sys/socket.h>
#include <time.h>
#include <unistd.h>
#include <uuid/uuid.h>

extern SOAP_NMAC struct Namespace namespaces[];

/* ---- connection table and the queue of ready connections ------------------ */

/* IDLE: armed in epoll, nothing pending. PARTIAL: part of a request has arrived;
 * the poller looks again every tick until the rest is there (so a slow client
 * holds no worker) or transfer_timeout_s has passed. BUSY: a worker has it. */
enum conn_state { CONN_FREE, CONN_IDLE, CONN_PARTIAL, CONN_BUSY };

struct conn {
	unsigned char state;
	bool complete;        /* the whole request was in the socket when dispatched */
	time_t last_active;
	time_t partial_since;
};

static struct {
	const struct config *cfg;
	int epfd;
	int listen_fd;
	struct conn *conns;        /* indexed by fd */
	int max_fd;
	int open_conns;
	pthread_mutex_t lock;      /* conns, open_conns, queue */
	pthread_cond_t ready;
	int *queue;                /* ring of fds (or -1: stop) */
	int q_head, q_len, q_cap;
	int *partial;              /* fds in CONN_PARTIAL (poller thread only) */
	int n_partial;
	time_t accept_paused_until; /* out of descriptors: the listener rests (poller only) */
} srv = {.lock = PTHREAD_MUTEX_INITIALIZER, .ready = PTHREAD_COND_INITIALIZER};

static atomic_bool stopping;

bool server_draining(void)
{
	return atomic_load(&stopping);
}

static void on_signal(int sig)
{
	(void)sig;
	atomic_store(&stopping, true);
}

static double mono_now(void)
{
	struct timespec ts;
	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (double)ts.tv_sec + (double)ts.tv_nsec / 1e9;
}

static void queue_push(int fd)
{
	/* q_cap > max_fd: every fd is at most once in the queue, plus the stop marks */
	srv.queue[(srv.q_head + srv.q_len) % srv.q_cap] = fd;
	srv.q_len++;
	pthread_cond_signal(&srv.ready);
}

static int queue_pop(void)
{
	pthread_mutex_lock(&srv.lock);
	while (srv.q_len == 0)
		pthread_cond_wait(&srv.ready, &srv.lock);
	int fd = srv.queue[srv.q_head];
	srv.q_head = (srv.q_head + 1) % srv.q_cap;
	srv.q_len--;
	pthread_mutex_unlock(&srv.lock);
	return fd;
}

static void conn_close_locked(int fd)
{
	srv.conns[fd].state = CONN_FREE;
	srv.open_conns--;
	close(fd);
}

/* A worker is done with fd: keep it for the next request, or it is closed. */
static void conn_release(int fd, bool keep)
{
	pthread_mutex_lock(&srv.lock);
	if (keep && !server_draining()) {
		srv.conns[fd].state = CONN_IDLE;
		srv.conns[fd].last_active = time(NULL);
		struct epoll_event ev = {.events = EPOLLIN | EPOLLRDHUP | EPOLLONESHOT, .data.fd = fd};
		if (epoll_ctl(srv.epfd, EPOLL_CTL_MOD, fd, &ev) == 0) {
			pthread_mutex_unlock(&srv.lock);
			return;
		}
	}
	conn_close_locked(fd);
	pthread_mutex_unlock(&srv.lock);
}

/* ---- gSOAP hooks ---------------------------------------------------------- */

static int (*default_fparsehdr)(struct soap *, const char *, const char *);
static int (*default_fposthdr)(struct soap *, const char *, const char *);

static bool acceptable_request_id(const char *v)
{
	size_t n = strlen(v);
	if (n == 0 || n > 63)
		return false;
	for (const char *p = v; *p; p++)
		if (!(('a' <= *p && *p <= 'z') || ('A' <= *p && *p <= 'Z') || ('0' <= *p && *p <= '9') ||
		      *p == '-' || *p == '_' || *p == '.' || *p == ':'))
			return false;
	return true;
}

static int parse_header(struct soap *soap, const char *key, const char *val)
{
	struct worker *w = worker_of(soap);
	/* MIME/DIME attachments are not part of the contract, and the guard cannot
	 * see inside them. */
	if (!soap_tag_cmp(key, "Content-Type") && val && strcasestr(val, "multipart/"))
		return SOAP_MIME_ERROR;
	if (!soap_tag_cmp(key, "X-Request-ID")) {
		if (acceptable_request_id(val))
			snprintf(w->req.id, sizeof w->req.id, "%s", val);
		return SOAP_OK;
	}
	return default_fparsehdr(soap, key, val);
}

/* Drops gSOAP's "Server: gSOAP/2.8" and adds X-Request-ID to every response. */
static int post_header(struct soap *soap, const char *key, const char *val)
{
	if (key && !soap_tag_cmp(key, "Server")) {
		struct worker *w = worker_of(soap);
		return default_fposthdr(soap, "X-Request-ID", w->req.id);
	}
	return default_fposthdr(soap, key, val);
}

/* Reads nothing: installed once the guard refused a request, so gSOAP stops
 * reading it instead of waiting recv_timeout for bytes we will not parse. */
static size_t recv_nothing(struct soap *soap, char *buf, size_t len)
{
	(void)soap;
	(void)buf;
	(void)len;
	return 0;
}

static size_t (*default_frecv)(struct soap *, char *, size_t);

/* For a request that was wholly in the socket when dispatched: reads what is there
 * and never waits, so a message whose XML ends before its envelope does is
 * answered at once instead of after recv_timeout. */
static size_t recv_available(struct soap *soap, char *buf, size_t len)
{
	ssize_t n;
	do
		n = recv(soap->socket, buf, len, MSG_DONTWAIT);
	while (n < 0 && errno == EINTR);
	return n > 0 ? (size_t)n : 0;
}
static int (*default_fparse)(struct soap *);

/* The guard sees every buffer before the parser (wiring measured on 2.8.124: see
 * guard.h). Returning an error alone is not enough: gSOAP would parse the bytes
 * already in its buffer anyway, so they are dropped and reading stops. */
static int prepare_recv(struct soap *soap, const char *buf, size_t len)
{
	struct worker *w = worker_of(soap);
	if (soap->count == 0)
		guard_begin(&w->guard, w->cfg->max_attributes, w->cfg->max_depth);
	w->received += len;
	/* gSOAP's buffer is its own and writable; the guard only relabels in place. */
	enum guard_reason r = guard_scan(&w->guard, (char *)buf, len);
	/* A Latin-1 body means windows-1252 in practice (as browsers read it too). */
	w->req.cp1252 = w->guard.latin;
	if (r == GUARD_OK)
		return SOAP_OK;
	soap->buflen = soap->bufidx;
	soap->frecv = recv_nothing;
	soap->keep_alive = 0;
	soap->status = 0;
	if (!soap->version)
		soap->version = 1;
	return fault_send(soap, STATUS_ESTRUTURA_INVALIDA, NULL, guard_reason_text(r));
}

static int parse_http(struct soap *soap)
{
	int r = default_fparse(soap);
	guard_body_starts(&worker_of(soap)->guard);
	return r;
}

/* gSOAP closes a connection it will not keep; the connection table closes it
 * again, and in between accept() may have handed the same number to a new client
 * (measured: requests of others dropped, a fault sent to the wrong client). So
 * gSOAP never closes: the connection table is the one owner of every fd. */
static int close_nothing(struct soap *soap, SOAP_SOCKET fd)
{
	(void)soap;
	(void)fd;
	return SOAP_OK;
}

static void *arena_alloc(void *arena, size_t n)
{
	return soap_malloc((struct soap *)arena, n);
}

/* ---- one request ---------------------------------------------------------- */

static void request_begin(struct worker *w)
{
	struct request *req = &w->req;
	memset(req, 0, sizeof *req);
	req->arena = w->soap;
	req->arena_alloc = arena_alloc;
	req->db = w->db;
	req->cfg = w->cfg;
	uuid_t u;
	uuid_generate_random(u);
	uuid_unparse_lower(u, req->id);
	guard_begin(&w->guard, w->cfg->max_attributes, w->cfg->max_depth);
	w->fault_code = NULL;
	w->http_status = 200;
	w->outcome = NULL;
	w->received = 0;
	w->started = mono_now();
}

static void request_end(struct worker *w)
{
	struct soap *soap = w->soap;
	const char *method = w->req.operation && !strcmp(w->req.operation, "GET") ? "GET" : "POST";
	char path[128];
	snprintf(path, sizeof path, "%.127s", soap->path);
	path[strcspn(path, "?")] = '\0';
	struct request_log line = {
		.request_id = w->req.id,
		.method = method,
		.path = path,
		.peer = w->peer,
		.operation = w->req.operation,
		.tenant = w->req.principal ? w->req.principal->tenant_code : NULL,
		.principal = w->req.principal ? w->req.principal->login : NULL,
		.outcome = w->outcome,
		.fault_code = w->fault_code,
		.sqlstate = w->req.sqlstate && *w->req.sqlstate ? w->req.sqlstate : NULL,
		.http_status = w->http_status,
		.duration_ms = (mono_now() - w->started) * 1000,
		.bytes_in = (uint64_t)soap->length,
		.replayed = w->req.replayed,
	};
	log_request(&line);
}

/* gSOAP's soap_begin_serve, except that a failure is answered by our fault mapping
 * (gSOAP's own sends its fault first, and ours would follow as a second answer). */
static int begin_request(struct soap *soap)
{
	soap_begin(soap);
	if (soap_begin_recv(soap) || soap_envelope_begin_in(soap) || soap_recv_header(soap) ||
	    soap_body_begin_in(soap))
		return soap->error ? soap->error : SOAP_ERR;
	return SOAP_OK;
}

/* Serves the requests available on fd; true when the connection stays open. */
static bool serve_connection(struct worker *w, int fd, bool complete)
{
	struct soap *soap = w->soap;
	size_t (*frecv)(struct soap *, char *, size_t) = complete ? recv_available : default_frecv;
	soap->socket = fd;
	soap->frecv = frecv;
	do {
		request_begin(w);
		soap->keep_alive = 100;	/* "may keep": gSOAP sets 0 if the client asks to close */
		int err = begin_request(soap);
		/* A POST whose body is no SOAP envelope: gSOAP hands it over as "other
		 * content" (SOAP_POST); for us it is a malformed request. */
		if (err == SOAP_POST || err == SOAP_POST_FILE)
			err = soap->error = SOAP_NO_TAG;
		if (err == SOAP_EOF && w->received == 0) {
			soap_closesock(soap);
			return false;	/* the client closed an idle connection */
		}
		if (!err) {
			err = soap_serve_request(soap);
			if (err && err < SOAP_STOP) {
				if (err != SOAP_FAULT)
					err = fault_from_parse_error(soap);
				if (err == SOAP_FAULT)
					soap_send_fault(soap);
			}
		} else if (err < SOAP_STOP) {
			if (fault_from_parse_error(soap) == SOAP_FAULT)
				soap_send_fault(soap);
			soap->keep_alive = 0;
		} else {
			soap_closesock(soap);	/* a GET was answered: keep-alive as the client asked */
		}
		request_end(w);
		soap_destroy(soap);
		soap_end(soap);
		soap_end(w->scratch);
		soap->frecv = frecv;	/* the guard may have cut this request off */
		if (err && err < SOAP_STOP)
			soap->keep_alive = 0;
	} while (soap_valid_socket(soap->socket) && soap->keep_alive && soap->bufidx < soap->buflen);
	bool keep = soap_valid_socket(soap->socket) && soap->keep_alive;
	soap->socket = SOAP_INVALID_SOCKET;	/* the fd belongs to the connection table */
	return keep;
}

static void *worker_main(void *arg)
{
	struct worker *w = arg;
	for (;;) {
		int fd = queue_pop();
		if (fd < 0)
			break;
		struct sockaddr_storage sa;
		socklen_t sl = sizeof sa;
		w->peer[0] = '\0';
		if (getpeername(fd, (struct sockaddr *)&sa, &sl) == 0) {
			char host[INET6_ADDRSTRLEN] = "";
			if (sa.ss_family == AF_INET)
				inet_ntop(AF_INET, &((struct sockaddr_in *)&sa)->sin_addr, host, sizeof host);
			else if (sa.ss_family == AF_INET6)
				inet_ntop(AF_INET6, &((struct sockaddr_in6 *)&sa)->sin6_addr, host, sizeof host);
			snprintf(w->peer, sizeof w->peer, "%s", host);
		}
		pthread_mutex_lock(&srv.lock);
		bool complete = srv.conns[fd].complete;
		pthread_mutex_unlock(&srv.lock);
		bool keep = serve_connection(w, fd, complete);
		conn_release(fd, keep);
	}
	return NULL;
}

/* ---- set-up --------------------------------------------------------------- */

static void apply_limits(struct soap *soap, const struct config *cfg)
{
	soap_set_mode(soap, SOAP_C_UTFSTRING | SOAP_XML_STRICT | SOAP_IO_KEEPALIVE);
	soap->recv_timeout = cfg->recv_timeout_s;
	soap->send_timeout = cfg->send_timeout_s;
	soap->transfer_timeout = cfg->transfer_timeout_s;
	soap->recv_maxlength = (ULONG64)cfg->max_message_kb * 1024;
	soap->maxlevel = (unsigned)cfg->max_depth;
	soap->maxoccurs = (size_t)cfg->max_occurs;
	soap->maxlength = (long)cfg->max_message_kb * 1024;
	soap->max_keep_alive = 0;	/* connection lifetime is the poller's business */
	soap->socket_flags = MSG_NOSIGNAL;
	soap->bind_flags = SO_REUSEADDR;
}

static bool worker_init(struct worker *w, struct soap *master, const struct config *cfg, int index)
{
	memset(w, 0, sizeof *w);
	w->index = index;
	w->cfg = cfg;
	w->soap = soap_copy(master);
	w->scratch = soap_new1(SOAP_C_UTFSTRING | SOAP_XML_STRICT | SOAP_XML_TREE);
	w->db = db_new(cfg->db_dsn, !strcmp(cfg->db_pooler, "transaction"), cfg->db_statement_timeout_ms,
		       cfg->db_connect_timeout_s);
	if (cfg->db_read_dsn[0])
		w->db_read = db_new(cfg->db_read_dsn, !strcmp(cfg->db_pooler, "transaction"),
				    cfg->db_statement_timeout_ms, cfg->db_connect_timeout_s);
	if (!w->soap || !w->scratch || !w->db || (cfg->db_read_dsn[0] && !w->db_read))
		return false;
	soap_set_namespaces(w->scratch, namespaces);
	w->soap->user = w;
	w->scratch->user = w;
	default_fparsehdr = w->soap->fparsehdr;
	default_fposthdr = w->soap->fposthdr;
	w->soap->fparsehdr = parse_header;
	w->soap->fposthdr = post_header;
	w->soap->fpreparerecv = prepare_recv;
	w->soap->fclosesocket = close_nothing;
	default_frecv = w->soap->frecv;
	default_fparse = w->soap->fparse;
	w->soap->fparse = parse_http;
	w->soap->fget = http_get;
	(void)db_ready(w->db);	/* connect early; an outage now is not fatal */
	return true;
}

static void worker_release(struct worker *w)
{
	if (w->soap) {
		soap_destroy(w->soap);
		soap_end(w->soap);
		soap_free(w->soap);
	}
	if (w->scratch) {
		soap_destroy(w->scratch);
		soap_end(w->scratch);
		soap_free(w->scratch);
	}
	db_free(w->db);
	db_free(w->db_read);
}

static void accept_new(void)
{
	for (;;) {
		int fd = accept4(srv.listen_fd, NULL, NULL, SOCK_CLOEXEC);
		if (fd < 0) {
			if (errno == EMFILE || errno == ENFILE || errno == ENOBUFS || errno == ENOMEM) {
				/* The listener is level-triggered: without a rest the poller
				 * would spin on it. Waiting clients stay in the backlog. */
				struct epoll_event off = {.events = 0, .data.fd = srv.listen_fd};
				epoll_ctl(srv.epfd, EPOLL_CTL_MOD, srv.listen_fd, &off);
				srv.accept_paused_until = time(NULL) + 1;
				log_warn("accept: %s; not accepting for 1 s", strerror(errno));
			} else if (errno != EAGAIN && errno != EWOULDBLOCK && errno != EINTR) {
				log_warn("accept: %s", strerror(errno));
			}
			return;
		}
		int one = 1;
		setsockopt(fd, IPPROTO_TCP, TCP_NODELAY, &one, sizeof one);
		pthread_mutex_lock(&srv.lock);
		if (fd >= srv.max_fd || srv.open_conns >= srv.cfg->max_connections) {
			pthread_mutex_unlock(&srv.lock);
			close(fd);	/* over the limit: refuse rather than queue without bound */
			log_warn("connection refused: %d open (max_connections)", srv.open_conns);
			continue;
		}
		srv.open_conns++;
		srv.conns[fd].state = CONN_IDLE;
		srv.conns[fd].last_active = time(NULL);
		struct epoll_event ev = {.events = EPOLLIN | EPOLLRDHUP | EPOLLONESHOT, .data.fd = fd};
		if (epoll_ctl(srv.epfd, EPOLL_CTL_ADD, fd, &ev) != 0)
			conn_close_locked(fd);
		pthread_mutex_unlock(&srv.lock);
	}
}

static void sweep_idle(bool all)
{
	time_t limit = time(NULL) - srv.cfg->keepalive_idle_s;
	pthread_mutex_lock(&srv.lock);
	for (int fd = 0; fd < srv.max_fd; fd++)
		if (srv.conns[fd].state == CONN_IDLE && (all || srv.conns[fd].last_active < limit))
			conn_close_locked(fd);
	pthread_mutex_unlock(&srv.lock);
}

enum arrival { ARRIVAL_WAIT, ARRIVAL_COMPLETE, ARRIVAL_STREAM, ARRIVAL_REFUSE };

/* Walks chunk sizes from body (length n) to the last chunk and the end of its
 * trailers. Binary data (gzip) may hold any byte: sizes are followed, not searched. */
static enum arrival chunked_arrival(const char *body, size_t n)
{
	size_t p = 0;
	for (;;) {
		const char *line_end = memmem(body + p, n - p, "\r\n", 2);
		if (!line_end)
			return ARRIVAL_WAIT;
		char *after;
		unsigned long long size = strtoull(body + p, &after, 16);
		if (after == body + p)
			return ARRIVAL_STREAM;	/* not a chunk size: gSOAP will say so */
		p = (size_t)(line_end - body) + 2;
		if (size == 0) {
			/* trailers: none ("\r\n") or lines up to an empty one */
			if (n - p >= 2 && body[p] == '\r' && body[p + 1] == '\n')
				return ARRIVAL_COMPLETE;
			return memmem(body + p, n - p, "\r\n\r\n", 4) ? ARRIVAL_COMPLETE : ARRIVAL_WAIT;
		}
		if (size > n || p + size + 2 > n)
			return ARRIVAL_WAIT;
		p += size + 2;
	}
}

/* Whether the request on fd has arrived, judged by peeking (nothing is consumed):
 * the header block and, with Content-Length, the body, or with chunked encoding the
 * last chunk. Larger than the peek window, closed or failing: a worker streams it
 * (with the three timeouts). This only frames; gSOAP still parses everything. */
static enum arrival request_arrival(int fd)
{
	static char buf[65536];	/* poller thread only */
	ssize_t n = recv(fd, buf, sizeof buf - 1, MSG_PEEK | MSG_DONTWAIT);
	if (n < 0 && (errno == EAGAIN || errno == EWOULDBLOCK))
		return ARRIVAL_WAIT;
	if (n <= 0 || n == (ssize_t)sizeof buf - 1)
		return ARRIVAL_STREAM;
	buf[n] = '\0';
	/* HTTP starts with a method; anything else (raw XML on the socket, say) is not
	 * a request we serve, and would hold a worker until a timeout. */
	size_t lead = strspn(buf, " \t\r\n");
	if (lead < (size_t)n && !((buf[lead] >= 'A' && buf[lead] <= 'Z') || (buf[lead] >= 'a' && buf[lead] <= 'z')))
		return ARRIVAL_REFUSE;
	char *end = strstr(buf, "\r\n\r\n");
	size_t header = end ? (size_t)(end - buf) + 4 : 0;
	if (!end) {
		end = strstr(buf, "\n\n");
		if (!end)
			return ARRIVAL_WAIT;
		header = (size_t)(end - buf) + 2;
	}
	end[0] = '\0';	/* search the header only */
	const char *cl = strcasestr(buf, "\ncontent-length:");
	/* The client sends the body only after gSOAP's "100 Continue". */
	if (strcasestr(buf, "\nexpect:") && strcasestr(buf, "100-continue"))
		return ARRIVAL_STREAM;
	if (strcasestr(buf, "\ntransfer-encoding:"))
		return chunked_arrival(buf + header, (size_t)n - header);
	if (!cl)
		return ARRIVAL_COMPLETE;	/* GET, or no body */
	unsigned long long length = strtoull(cl + 16, NULL, 10);
	return header + length <= (size_t)n ? ARRIVAL_COMPLETE : ARRIVAL_WAIT;
}

/* Called with srv.lock held: a readable connection goes to a worker once its
 * request is all there; until then it waits in the partial list. */
static void dispatch_locked(int fd)
{
	enum arrival a = request_arrival(fd);
	if (a == ARRIVAL_REFUSE) {
		if (srv.conns[fd].state == CONN_PARTIAL)
			srv.conns[fd].partial_since = 0;	/* recheck_partial closes it */
		else
			conn_close_locked(fd);
		return;
	}
	if (a == ARRIVAL_WAIT) {
		if (srv.conns[fd].state != CONN_PARTIAL) {
			srv.conns[fd].state = CONN_PARTIAL;
			srv.conns[fd].partial_since = time(NULL);
			srv.partial[srv.n_partial++] = fd;
		}
		return;
	}
	srv.conns[fd].state = CONN_BUSY;
	srv.conns[fd].complete = a == ARRIVAL_COMPLETE;
	queue_push(fd);
}

static void recheck_partial(void)
{
	time_t limit = time(NULL) - srv.cfg->transfer_timeout_s;
	pthread_mutex_lock(&srv.lock);
	for (int i = 0; i < srv.n_partial;) {
		int fd = srv.partial[i];
		if (srv.conns[fd].partial_since < limit) {
			conn_close_locked(fd);	/* a slow drip: transfer_timeout_s */
		} else {
			dispatch_locked(fd);
			if (srv.conns[fd].state == CONN_PARTIAL) {
				i++;
				continue;
			}
		}
		srv.partial[i] = srv.partial[--srv.n_partial];
	}
	pthread_mutex_unlock(&srv.lock);
}

/* Serves until SIGTERM, then for shutdown_grace_s more (/readyz answers 503
 * meanwhile, so the balancer takes the instance out before it stops accepting). */
static void poll_loop(void)
{
	struct epoll_event events[64];
	time_t last_sweep = time(NULL);
	double stop_at = 0;
	for (;;) {
		if (server_draining()) {
			if (stop_at == 0) {
				stop_at = mono_now() + srv.cfg->shutdown_grace_s;
				log_info("SIGTERM: /readyz answers 503; serving %d s more", srv.cfg->shutdown_grace_s);
			}
			if (mono_now() >= stop_at)
				break;
		}
		int n = epoll_wait(srv.epfd, events, 64, srv.n_partial ? 20 : 500);
		for (int i = 0; i < n; i++) {
			int fd = events[i].data.fd;
			if (fd == srv.listen_fd) {
				accept_new();
				continue;
			}
			pthread_mutex_lock(&srv.lock);
			if (srv.conns[fd].state == CONN_IDLE)
				dispatch_locked(fd);
			pthread_mutex_unlock(&srv.lock);
		}
		if (srv.n_partial)
			recheck_partial();
		if (srv.accept_paused_until && time(NULL) >= srv.accept_paused_until) {
			struct epoll_event on = {.events = EPOLLIN, .data.fd = srv.listen_fd};
			epoll_ctl(srv.epfd, EPOLL_CTL_MOD, srv.listen_fd, &on);
			srv.accept_paused_until = 0;
		}
		if (time(NULL) != last_sweep) {
			sweep_idle(false);
			last_sweep = time(NULL);
		}
	}
}

/* The listener is closed: requests already in a socket are still served, then the
 * connections without one are closed. */
static void drain_connections(void)
{
	pthread_mutex_lock(&srv.lock);
	for (int fd = 0; fd < srv.max_fd; fd++) {
		if (srv.conns[fd].state != CONN_IDLE && srv.conns[fd].state != CONN_PARTIAL)
			continue;
		if (request_arrival(fd) == ARRIVAL_COMPLETE) {
			srv.conns[fd].state = CONN_BUSY;
			srv.conns[fd].complete = true;
			queue_push(fd);
		} else {
			conn_close_locked(fd);
		}
	}
	srv.n_partial = 0;
	pthread_mutex_unlock(&srv.lock);
}

int server_run(const struct config *cfg)
{
	struct sigaction sa = {.sa_handler = on_signal};
	sigemptyset(&sa.sa_mask);
	sigaction(SIGTERM, &sa, NULL);
	sigaction(SIGINT, &sa, NULL);
	signal(SIGPIPE, SIG_IGN);

	if (!http_get_init(cfg))
		return 1;
	/* Every connection is a descriptor: take what the hard limit allows. */
	struct rlimit rl;
	getrlimit(RLIMIT_NOFILE, &rl);
	if (rl.rlim_cur < rl.rlim_max) {
		rl.rlim_cur = rl.rlim_max > 1048576 ? 1048576 : rl.rlim_max;
		setrlimit(RLIMIT_NOFILE, &rl);
		getrlimit(RLIMIT_NOFILE, &rl);
	}
	if ((long)rl.rlim_cur < (long)cfg->max_connections + 2L * cfg->workers + 64)
		log_warn("max_connections %d does not fit the descriptor limit %ld: extra connections "
			 "will be refused", cfg->max_connections, (long)rl.rlim_cur);
	srv.cfg = cfg;
	srv.max_fd = rl.rlim_cur > 1048576 ? 1048576 : (int)rl.rlim_cur;
	srv.conns = calloc((size_t)srv.max_fd, sizeof *srv.conns);
	srv.q_cap = srv.max_fd + cfg->workers + 1;
	srv.queue = calloc((size_t)srv.q_cap, sizeof *srv.queue);
	srv.partial = calloc((size_t)srv.max_fd, sizeof *srv.partial);

	struct soap *master = soap_new();
	soap_set_namespaces(master, namespaces);
	apply_limits(master, cfg);
	if (!srv.conns || !srv.queue || !srv.partial || !master ||
	    !soap_valid_socket(soap_bind(master, cfg->listen, cfg->port, 1024))) {
		log_error("cannot listen on %s:%d: %s", cfg->listen, cfg->port,
			  master ? strerror(master->errnum) : "out of memory");
		if (master)
			soap_free(master);
		free(srv.conns);
		free(srv.queue);
		free(srv.partial);
		http_get_release();
		return 1;
	}
	srv.listen_fd = master->master;
	fcntl(srv.listen_fd, F_SETFL, fcntl(srv.listen_fd, F_GETFL) | O_NONBLOCK);
	srv.epfd = epoll_create1(EPOLL_CLOEXEC);
	struct epoll_event ev = {.events = EPOLLIN, .data.fd = srv.listen_fd};
	epoll_ctl(srv.epfd, EPOLL_CTL_ADD, srv.listen_fd, &ev);

	struct worker *workers = calloc((size_t)cfg->workers, sizeof *workers);
	pthread_t *threads = calloc((size_t)cfg->workers, sizeof *threads);
	int started = 0;
	for (int i = 0; workers && threads && i < cfg->workers; i++) {
		if (!worker_init(&workers[i], master, cfg, i) ||
		    pthread_create(&threads[i], NULL, worker_main, &workers[i])) {
			worker_release(&workers[i]);
			break;
		}
		started++;
	}
	int rc = 0;
	if (started == cfg->workers) {
		log_info("listening on %s:%d with %d workers", cfg->listen, cfg->port, cfg->workers);
		poll_loop();
		log_info("shutting down: no new connections; finishing requests in flight");
	} else {
		log_error("could not start %d workers", cfg->workers);
		atomic_store(&stopping, true);
		rc = 1;
	}
	/* Stop accepting, close idle connections, let workers finish what they hold. */
	close(srv.listen_fd);
	master->master = SOAP_INVALID_SOCKET;
	drain_connections();
	pthread_mutex_lock(&srv.lock);
	for (int i = 0; i < started; i++)
		queue_push(-1);
	pthread_mutex_unlock(&srv.lock);
	for (int i = 0; i < started; i++) {
		pthread_join(threads[i], NULL);
		worker_release(&workers[i]);
	}
	sweep_idle(true);
	close(srv.epfd);
	free(workers);
	free(threads);
	free(srv.conns);
	free(srv.queue);
	free(srv.partial);
	soap_destroy(master);
	soap_end(master);
	soap_free(master);
	http_get_release();
	log_info("stopped");
	return rc;
}
