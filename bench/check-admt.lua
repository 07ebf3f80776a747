-- GET /api/preferences/check as a decision system asks it before scoring: consumers drawn from the
-- seeded ones who opted out of the ADMT use pay-later (consumer-1, -5, -9, ...), so every answer
-- carries a refused use and the day the business may ask again.
local auth = os.getenv("PCM_BENCH_AUTH")
local consumers = tonumber(os.getenv("PCM_BENCH_CONSUMERS") or "10000")

function init(args)
  math.randomseed(os.time() + math.floor(os.clock() * 1000000))
end

function request()
  local n = 4 * math.random(0, math.floor((consumers * 2 - 1) / 4)) + 1
  return wrk.format("GET", "/api/preferences/check?email=consumer-" .. n .. "@example.com",
    { ["Authorization"] = "Basic " .. auth })
end
