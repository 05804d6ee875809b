-- search.lua: wrk script for the registrants page: diacritics-free searches
-- taken in turn, the session cookie from the environment, and the p95
-- latency printed at the end (wrk --latency stops at p90 and p99).
local queries = { "nguyen+thi+co", "tran+van+binh", "le+duc", "pham+thu+ha", "hoang+an",
  "vo+minh", "dang+ngoc+lan", "nguoi12345", "nguoi7", "0975", "bui+phuong+vy", "thao+nguyen",
  "do+quoc+hung", "ton+nu", "quynh+nhu", "ly+thi+huong" }
local i = 0
local slug = os.getenv("SLUG") or "ocop-2021"
wrk.headers["Cookie"] = os.getenv("COOKIE")

request = function()
  i = i + 1
  local q = queries[(i % #queries) + 1]
  return wrk.format("GET", "/admin/series/" .. slug .. "/registrations?q=" .. q)
end

done = function(summary, latency, requests)
  io.write(string.format("requests %d, errors %d, p50 %.2f ms, p95 %.2f ms, p99 %.2f ms\n",
    summary.requests, summary.errors.status + summary.errors.connect + summary.errors.read +
    summary.errors.write + summary.errors.timeout, latency:percentile(50) / 1000,
    latency:percentile(95) / 1000, latency:percentile(99) / 1000))
end
