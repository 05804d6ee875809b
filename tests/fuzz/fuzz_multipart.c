/* fuzz_multipart.c: libFuzzer harness for the multipart/form-data parser
 * (src/http/multipart.c): any body, any boundary, no crash, parts inside
 * the body. */
#include <stddef.h>
#include <stdint.h>
#include <string.h>

#include "core/arena.h"
#include "http/multipart.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct arena a;
	struct multipart_part parts[16];
	const char *body = (const char *)data;

	arena_init(&a);
	int n = multipart_parse(&a, "XX", body, size, parts, 16);
	for (int i = 0; i < n; i++)
		if (parts[i].data < body || parts[i].data + parts[i].len > body + size)
			__builtin_trap();
	arena_release(&a);
	return 0;
}
