-- GET /api/preferences/check for consumers drawn from the seeded set (half opted out).
local auth = os.getenv("PCM_BENCH_AUTH")
local consumers = tonumber(os.getenv("PCM_BENCH_CONSUMERS") or "10000")

function init(args)
  math.randomseed(os.time() + math.floor(os.clock() * 1000000))
end

function request()
  local n = math.random(1, consumers * 2)
  return wrk.format("GET", "/api/preferences/check?email=consumer-" .. n .. "@example.com",
    { ["Authorization"] = "Basic " .. auth })
end
