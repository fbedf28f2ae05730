-- wrk script of bench/serve.sh: POSTs single-row dataframe_split bodies to /invocations, cycling through the lines of the
-- file named by KILN_BENCH_BODIES (one JSON body per line), with 'Authorization: Bearer KILN_BENCH_KEY' when that is set.
-- Every request is formatted once per wrk thread, in init (after wrk has set the Host header).
local requests = {}
local next_request = 0

init = function(args)
  wrk.headers["Content-Type"] = "application/json"
  local key = os.getenv("KILN_BENCH_KEY")
  if key ~= nil and key ~= "" then
    wrk.headers["Authorization"] = "Bearer " .. key
  end
  for body in io.lines(os.getenv("KILN_BENCH_BODIES")) do
    requests[#requests + 1] = wrk.format("POST", "/invocations", nil, body)
  end
end

request = function()
  next_request = next_request % #requests + 1
  return requests[next_request]
end
