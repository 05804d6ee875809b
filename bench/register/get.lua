-- get.lua: wrk script for the plain GETs of bench/register (series page and
-- the ceiling server).  No request() or response() function, so wrk keeps its
-- fast path (one pre-built request, no Lua per request); done() only prints
-- the "BENCH key value" lines that bench/register/run parses.

function done(summary, latency, requests)
	local e = summary.errors
	io.write(string.format("BENCH requests %d\n", summary.requests))
	io.write(string.format("BENCH non2xx %d\n", e.status))
	io.write(string.format("BENCH sockerr %d\n", e.connect + e.read + e.write + e.timeout))
	io.write(string.format("BENCH duration_us %d\n", summary.duration))
	io.write(string.format("BENCH rps %.0f\n", summary.requests / (summary.duration / 1e6)))
	for _, p in ipairs({50, 90, 99, 99.9}) do
		io.write(string.format("BENCH p%s_us %d\n", p, latency:percentile(p)))
	end
	io.write(string.format("BENCH max_us %d\n", latency.max))
	io.write(string.format("BENCH bytes %d\n", summary.bytes))
end
