-- One endpoint under wrk's load, driven by bench/wrk.py through the environment:
--   BENCH_PATHS     file with one request path per line (taken in turn, per thread)
--   BENCH_SESSIONS  file with "cookie<TAB>csrf token" per line (signed-in runs; empty: anonymous)
--   BENCH_METHOD    GET (default) or POST
--   BENCH_BODIES    file with one form body per line for POSTs (the CSRF token is added)
-- At the end it prints one line "BENCH_JSON {...}" with the counts and latency percentiles.

local function lines(name)
  local found = {}
  if name == nil or name == "" then return found end
  local handle = assert(io.open(name, "r"))
  for line in handle:lines() do
    if line ~= "" then found[#found + 1] = line end
  end
  handle:close()
  return found
end

local threads = {}
local next_id = 0

function setup(thread)
  thread:set("id", next_id)
  next_id = next_id + 1
  threads[#threads + 1] = thread
end

function init(args)
  paths = lines(os.getenv("BENCH_PATHS"))
  bodies = lines(os.getenv("BENCH_BODIES"))
  method = os.getenv("BENCH_METHOD") or "GET"
  sessions = {}
  for _, line in ipairs(lines(os.getenv("BENCH_SESSIONS"))) do
    local cookie, token = line:match("^([^\t]*)\t(.*)$")
    sessions[#sessions + 1] = { cookie = cookie, token = token }
  end
  -- Threads start at different places so they do not ask for the same row at once.
  counter = id * 7919
end

function request()
  counter = counter + 1
  local path = paths[(counter % #paths) + 1]
  local headers = {}
  local body = nil
  if #sessions > 0 then
    local session = sessions[(counter % #sessions) + 1]
    headers["Cookie"] = session.cookie
    if method == "POST" then
      headers["Content-Type"] = "application/x-www-form-urlencoded"
      headers["Referer"] = "http://" .. wrk.host .. ":" .. wrk.port .. path
      body = bodies[(counter % #bodies) + 1] .. "&csrfmiddlewaretoken=" .. session.token
    end
  end
  return wrk.format(method, path, headers, body)
end

function done(summary, latency, requests)
  local e = summary.errors
  io.write(string.format(
    'BENCH_JSON {"requests": %d, "duration_us": %d, "bytes": %d, "status_errors": %d, '
      .. '"connect": %d, "read": %d, "write": %d, "timeout": %d, '
      .. '"p50_us": %d, "p95_us": %d, "p99_us": %d, "max_us": %d}\n',
    summary.requests, summary.duration, summary.bytes, e.status,
    e.connect, e.read, e.write, e.timeout,
    latency:percentile(50), latency:percentile(95), latency:percentile(99), latency.max))
end
