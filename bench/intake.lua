-- POST /api/privacy/requests with a unique email per request (thread id + counter + run id).
local counter = 0
local threads = {}
local run = os.time()

function setup(thread)
  thread:set("tid", #threads + 1)
  table.insert(threads, thread)
end

function request()
  counter = counter + 1
  local body = string.format('{"type":"OPT_OUT_ALL","email":"bench-%d-%d-%d@example.com"}', run, tid, counter)
  return wrk.format("POST", "/api/privacy/requests", { ["Content-Type"] = "application/json" }, body)
end
