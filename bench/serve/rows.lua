-- wrk script of bench/serve.sh: POSTs single-row dataframe_split bodies to /invocations, cycling through the lines of the
-- file named by KILN_BENCH_BODIES (one JSON body per line), with 'Authorization: Bearer KILN_BENCH_KEY' when that is set.
-- Every request is formatted once, at start, in each wrk thread.
local requests = {}
local headers = { ["Content-Type"] = "application/json" }
local key = os.getenv("KILN_BENCH_KEY")
if key ~= nil and key ~= "" then
  headers["Authorization"] = "Bearer " .. key
end
for body in io.lines(os.getenv("KILN_BENCH_BODIES")) do
  requests[#requests + 1] = wrk.format("POST", "/invocations", headers, body)
end
local next_request = 0

request = function()
  next_request = next_request % #requests + 1
  return requests[next_request]
end
