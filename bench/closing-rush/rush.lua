-- rush.lua: each participant loads the evaluation (GET) and submits its
-- answers (POST) once; the run ends when all have submitted.
-- Environment: OCOP_N participants (tokens p%021d), OCOP_EVAL, OCOP_ANSWERS.
local n = tonumber(os.getenv("OCOP_N"))
local eval = os.getenv("OCOP_EVAL")
local answers = os.getenv("OCOP_ANSWERS")
local counter = 0
local threads = {}
local t_index = 0

function setup(thread)
  thread:set("tid", t_index)
  t_index = t_index + 1
  table.insert(threads, thread)
end

function init(args)
  nthreads = 2
  step = 0
  created, replayed, bad = 0, 0, 0
end

local function token(i) return string.format("p%021d", i) end
local function form_id(i) return string.format("f%021d", i) end

function request()
  -- Participants tid+1, tid+1+nthreads, ...: a GET then a POST each.
  local k = math.floor(step / 2)
  local i = tid + 1 + k * nthreads
  local get = step % 2 == 0
  step = step + 1
  if i > n then
    -- everyone has submitted: stop this thread
    wrk.thread:stop()
    return wrk.format("GET", "/healthz")
  end
  local base = "/api/v1/me/" .. token(i) .. "/evaluations/" .. eval
  if get then
    return wrk.format("GET", base)
  end
  return wrk.format("POST", base .. "/submissions", { ["Content-Type"] = "application/json" },
    '{"form_id":"' .. form_id(i) .. '","answers":' .. answers .. '}')
end

function response(status, headers, body)
  if status == 201 then created = created + 1
  elseif status == 200 then replayed = replayed + 1
  else bad = bad + 1 end
end

function done(summary, latency, requests)
  local c, r, b = 0, 0, 0
  for _, t in ipairs(threads) do
    c = c + t:get("created"); r = r + t:get("replayed"); b = b + t:get("bad")
  end
  io.write(string.format("responses: %d submissions created (201), %d other 2xx (GET/replays), %d errors\n", c, r, b))
  io.write(string.format("latency (all requests): p50 %.2f ms, p99 %.2f ms\n",
    latency:percentile(50) / 1000, latency:percentile(99) / 1000))
end
