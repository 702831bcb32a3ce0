/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * guard_fuzz.c - libFuzzer target for the raw-stream guard: whatever the bytes and
 * however they are split into buffers, the guard neither crashes nor reads out of
 * bounds, and its verdict does not depend on the split (the property the server
 * relies on, since TCP decides the split).
 *
 *   make fuzz            (clang -fsanitize=fuzzer,address,undefined; FUZZ_SECONDS=20)
 */
#include "core/guard.h"

#include <stdint.h>
#include <stdlib.h>
#include <string.h>

static enum guard_reason scan(const uint8_t *data, size_t size, size_t piece, struct guard *g)
{
	char *copy = malloc(size ? size : 1);
	if (!copy)
		abort();
	memcpy(copy, data, size);
	guard_begin(g, 50, 20);
	/* All body: in the server the header's end comes from gSOAP's parser (the
	 * fparse hook), which then hands the body bytes over again. */
	guard_body_starts(g);
	enum guard_reason r = GUARD_OK;
	for (size_t i = 0; i < size && r == GUARD_OK; i += piece)
		r = guard_scan(g, copy + i, size - i < piece ? size - i : piece);
	if (r == GUARD_OK)
		r = guard_scan(g, copy, 0);	/* end of body */
	free(copy);
	return r;
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct guard whole, bytes;
	enum guard_reason a = scan(data, size, size ? size : 1, &whole);
	enum guard_reason b = scan(data, size, 1, &bytes);
	if (a != b || whole.latin != bytes.latin || whole.cp1252 != bytes.cp1252)
		abort();	/* the verdict must not depend on how TCP split the bytes */
	return 0;
}
