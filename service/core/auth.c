/* SPDX-License-Identifier: GPL-2.0-or-later */
/* auth.c - password verification with a short cache (auth.h). */
#include "core/auth.h"

#include "core/db.h"
#include "core/validate.h"
#include "store/auth_store.h"

#include <crypt.h>
#include <openssl/evp.h>
#include <pthread.h>
#include <stdio.h>
#include <string.h>
#include <time.h>

#define CACHE_SLOTS 256

struct cache_entry {
	unsigned char key[32];   /* SHA-256 of "name\0password": the password is not kept */
	time_t expires;
	struct principal principal;
};

static struct cache_entry cache[CACHE_SLOTS];
static pthread_mutex_t cache_lock = PTHREAD_MUTEX_INITIALIZER;

/* Verified against when the user does not exist, so that the answer takes as long
 * as for a wrong password (no user enumeration by timing). */
static const char dummy_hash[] = "$y$j9T$F5Jx5fExrKuPp53xLKQ..1$X3DX6M94c7o.9agCG9G317fhZg9SqC.5i5rd.RhAtQ7";

static const char *const role_names[] = {"atendente", "consultor", "supervisor", "gerente", "integracao"};

const char *role_name(enum role r)
{
	for (unsigned i = 0; i < 5; i++)
		if (r == (enum role)(1u << i))
			return role_names[i];
	return "?";
}

bool role_parse(const char *name, enum role *out)
{
	for (unsigned i = 0; i < 5; i++)
		if (name && !strcmp(name, role_names[i])) {
			*out = (enum role)(1u << i);
			return true;
		}
	return false;
}

static void cache_key(const char *username, const char *password, unsigned char key[32])
{
	EVP_MD_CTX *ctx = EVP_MD_CTX_new();
	unsigned len = 32;
	EVP_DigestInit_ex(ctx, EVP_sha256(), NULL);
	EVP_DigestUpdate(ctx, username, strlen(username) + 1);
	EVP_DigestUpdate(ctx, password, strlen(password));
	EVP_DigestFinal_ex(ctx, key, &len);
	EVP_MD_CTX_free(ctx);
}

static bool cache_get(const unsigned char key[32], struct principal *out)
{
	bool hit = false;
	time_t now = time(NULL);
	pthread_mutex_lock(&cache_lock);
	struct cache_entry *e = &cache[key[0] % CACHE_SLOTS];
	if (e->expires > now && !memcmp(e->key, key, 32)) {
		*out = e->principal;
		hit = true;
	}
	pthread_mutex_unlock(&cache_lock);
	return hit;
}

static void cache_put(const unsigned char key[32], const struct principal *p, int seconds)
{
	pthread_mutex_lock(&cache_lock);
	struct cache_entry *e = &cache[key[0] % CACHE_SLOTS];
	memcpy(e->key, key, 32);
	e->expires = time(NULL) + seconds;
	e->principal = *p;
	pthread_mutex_unlock(&cache_lock);
}

void auth_cache_clear(void)
{
	pthread_mutex_lock(&cache_lock);
	memset(cache, 0, sizeof cache);
	pthread_mutex_unlock(&cache_lock);
}

static bool same_hash(const char *a, const char *b)
{
	size_t la = strlen(a), lb = strlen(b);
	unsigned char diff = la != lb;
	for (size_t i = 0; i < la && i < lb; i++)
		diff |= (unsigned char)(a[i] ^ b[i]);
	return diff == 0;
}

static bool password_matches(const char *password, const char *hash)
{
	struct crypt_data data;
	memset(&data, 0, sizeof data);
	const char *h = crypt_r(password, hash, &data);
	return h && h[0] == '$' && same_hash(h, hash);
}

enum status auth_verify(struct db *db, const char *username, const char *password,
			int cache_seconds, struct principal *out)
{
	if (!username || !password || !*username || strlen(username) > 100 || strlen(password) > 256 ||
	    !utf8_valid(username, strlen(username)) || !utf8_valid(password, strlen(password)))
		return STATUS_NAO_AUTENTICADO;	/* HTTP Basic bypasses the guard */
	unsigned char key[32];
	cache_key(username, password, key);
	if (cache_seconds > 0 && cache_get(key, out))
		return STATUS_OK;

	const char *at = strrchr(username, '@');
	char login[64];
	if (!at || at == username || (size_t)(at - username) >= sizeof login || !at[1]) {
		(void)password_matches(password, dummy_hash);
		return STATUS_NAO_AUTENTICADO;
	}
	snprintf(login, sizeof login, "%.*s", (int)(at - username), username);
	if (!db_ready(db))
		return STATUS_INDISPONIVEL;
	char hash[256];
	bool found;
	enum db_status s = auth_store_find_user(db, at + 1, login, out, hash, sizeof hash, &found);
	if (s != DB_OK)
		return s == DB_BUG ? STATUS_ERRO_SERVIDOR : STATUS_INDISPONIVEL;
	if (!found) {
		(void)password_matches(password, dummy_hash);
		return STATUS_NAO_AUTENTICADO;
	}
	if (!password_matches(password, hash))
		return STATUS_NAO_AUTENTICADO;
	if (cache_seconds > 0)
		cache_put(key, out, cache_seconds);
	return STATUS_OK;
}

bool auth_branch_allowed(const struct principal *p, int64_t branch_id)
{
	if (p->all_branches)
		return true;
	for (int i = 0; i < p->n_branches; i++)
		if (p->branches[i] == branch_id)
			return true;
	return false;
}

bool auth_hash_password(const char *password, char *out, size_t outlen)
{
	char salt[CRYPT_GENSALT_OUTPUT_SIZE];
	if (!crypt_gensalt_rn("$y$", 0, NULL, 0, salt, sizeof salt))
		return false;
	struct crypt_data data;
	memset(&data, 0, sizeof data);
	const char *h = crypt_r(password, salt, &data);
	if (!h || h[0] != '$' || strlen(h) >= outlen)
		return false;
	memcpy(out, h, strlen(h) + 1);
	return true;
}
