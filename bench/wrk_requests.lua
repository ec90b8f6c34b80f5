-- wrk script for bench/load_bench.py: sends the requests listed in a file,
-- one per line, in turn, each wrk thread taking every n-th line, and prints
-- the run's figures as one JSON line at the end.
--
--   wrk ... -s bench/wrk_requests.lua http://127.0.0.1:PORT -- FILE THREADS
--
-- A line is: METHOD <tab> PATH <tab> HEADERS <tab> BODY, where HEADERS is
-- "Name: value" pairs joined by " | " and BODY may be empty.

local thread_count = 0

function setup(thread)
  thread:set("thread_number", thread_count)
  thread_count = thread_count + 1
end

local function split(text, separator)
  local parts, start = {}, 1
  while true do
    local i, j = string.find(text, separator, start, true)
    if not i then
      table.insert(parts, string.sub(text, start))
      return parts
    end
    table.insert(parts, string.sub(text, start, i - 1))
    start = j + 1
  end
end

local requests, next_request = {}, 1

function init(args)
  local threads = tonumber(args[2])
  local line_number = 0
  for line in io.lines(args[1]) do
    if line_number % threads == thread_number then
      local fields = split(line, "\t")
      local headers = {}
      if fields[3] ~= "" then
        for _, pair in ipairs(split(fields[3], " | ")) do
          local name, value = string.match(pair, "^([^:]+):%s*(.*)$")
          headers[name] = value
        end
      end
      local body = fields[4] ~= "" and fields[4] or nil
      table.insert(requests, wrk.format(fields[1], fields[2], headers, body))
    end
    line_number = line_number + 1
  end
end

function request()
  local prepared = requests[next_request]
  next_request = next_request % #requests + 1
  return prepared
end

function done(summary, latency, _)
  local errors = summary.errors
  io.write(string.format(
    '{"requests": %d, "duration_us": %d, "bytes": %d, "p50_us": %d, "p95_us": %d, "p99_us": %d, '
      .. '"mean_us": %.1f, "max_us": %d, "connect_errors": %d, "read_errors": %d, "write_errors": %d, '
      .. '"status_errors": %d, "timeouts": %d}\n',
    summary.requests, summary.duration, summary.bytes,
    latency:percentile(50), latency:percentile(95), latency:percentile(99), latency.mean, latency.max,
    errors.connect, errors.read, errors.write, errors.status, errors.timeout))
end
