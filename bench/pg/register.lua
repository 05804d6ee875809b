-- register.lua: wrk script, POST /api/v1/series/ocop-2021/registrations,
-- each request a new participant (e-mail unique per run, thread and count).
-- wrk -s register.lua URL -- LABEL ; prints the answers that were not 201.
local threads = {}

function setup(thread)
	thread:set("tid", #threads + 1)
	table.insert(threads, thread)
end

function init(args)
	prefix = (args[1] or "run") .. "-" .. tid .. "-"
	n = 0
	bad = 0
end

function request()
	n = n + 1
	local body = string.format('{"full_name":"Nguyễn Văn Thử","email":"%s%d@bench.example.vn",' ..
		'"phone":"0912345678","province_code":"01","category":"household","consent":true}',
		prefix, n)
	return wrk.format("POST", "/api/v1/series/ocop-2021/registrations",
		{ ["Content-Type"] = "application/json" }, body)
end

function response(status, headers, body)
	if status ~= 201 then
		bad = bad + 1
	end
end

function done(summary, latency, requests)
	local b = 0
	for _, t in ipairs(threads) do
		b = b + t:get("bad")
	end
	io.write(string.format("not 201: %d\n", b))
end
