/* fuzz_zoom.c: libFuzzer harness for the Zoom report parser
 * (src/domain/zoom.c): any bytes, fed in two pieces cut at a place the input
 * chooses; no crash, and no row with leave before join. */
#include <stddef.h>
#include <stdint.h>

#include "domain/zoom.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

static void on_row(const struct zoom_row *r, void *arg)
{
	(void)arg;
	if (r->has_times && r->leave < r->join)
		__builtin_trap();
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct zoom_opts o;
	size_t cut = size ? data[0] % (size + 1) : 0;

	zoom_opts_init(&o);
	o.row = on_row;
	o.max_rows = 1000;
	struct zoom *z = zoom_new(&o);
	if (zoom_feed(z, data, cut) == 0 && zoom_feed(z, data + cut, size - cut) == 0)
		zoom_finish(z);
	zoom_free(z);
	return 0;
}
