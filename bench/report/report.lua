-- report.lua: the dashboard under every filter in turn (none, a province,
-- a category, both), as organisers click through it.
local paths = {
  "/admin/series/ocop-2021/report",
  "/admin/series/ocop-2021/report?province=01",
  "/admin/series/ocop-2021/report?category=enterprise",
  "/admin/series/ocop-2021/report?province=79&category=household",
}
local i = 0
request = function()
  i = i + 1
  return wrk.format("GET", paths[i % #paths + 1], { Cookie = os.getenv("COOKIE") })
end

done = function(summary, latency, requests)
  io.write(string.format("p50 %.2f ms, p95 %.2f ms, p99 %.2f ms, max %.2f ms; %d requests, %.0f req/s, %d timeouts\n",
    latency:percentile(50) / 1000, latency:percentile(95) / 1000, latency:percentile(99) / 1000,
    latency.max / 1000, summary.requests, summary.requests / (summary.duration / 1e6),
    summary.errors.timeout))
end
