-- A different search with each request, as a crawler or an attacker sends: the terms come
-- from a file, one URL-encoded term a line, drawn from the archive's own titles and names
-- (bench/run.py writes it). Each wrk thread takes every THREADS-th term from START on, so
-- no term is asked twice in one run and no run repeats an earlier run's terms.
--
--   wrk -t2 -c16 -d10s -s bench/new_search.lua URL -- TERMS_FILE PREFIX START THREADS
local threads = 0

function setup(thread)
  thread:set("offset", threads)
  threads = threads + 1
end

function init(args)
  terms = {}
  for line in io.lines(args[1]) do
    if line ~= "" then
      terms[#terms + 1] = line
    end
  end
  prefix = args[2]
  index = tonumber(args[3]) + offset
  stride = tonumber(args[4])
end

function request()
  local term = terms[(index % #terms) + 1]
  index = index + stride
  return wrk.format("GET", prefix .. term)
end
