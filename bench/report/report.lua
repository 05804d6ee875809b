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
