-- GET /privacy/do-not-sell from a browser never seen before (wrk keeps no cookies), with Sec-GPC: 1
-- when PCM_BENCH_GPC=1.
local gpc = os.getenv("PCM_BENCH_GPC") == "1"

function request()
  local headers = {}
  if gpc then
    headers["Sec-GPC"] = "1"
  end
  return wrk.format("GET", "/privacy/do-not-sell", headers)
end
