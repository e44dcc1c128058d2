-- lib.lua - shared by the wrk scripts in bench/: a stream of births that never repeats
-- (so no cache can help) and the one-line result that bench/run.sh parses.
-- SPDX-License-Identifier: AGPL-3.0-or-later
local lib = {}

-- Births are local times in Asia/Kolkata (one offset, no DST since 1945, so every local
-- minute is one distinct instant) from 1950-01-01 00:00 to 2049-12-31 23:59.
-- Birth idx falls on minute (idx * STEP) mod MINUTES: STEP is a prime that does not divide
-- MINUTES, so that map is one-to-one and spreads consecutive births over the century.
local MINUTES = 36525 * 1440
local STEP = 104729
local SLOT = 4000000 -- births per wrk run (salt) before two runs could overlap

local salt, nthreads, count = 0, 1, 0

-- THINK_MS > 0 paces each connection like a user: after every answer it waits a uniformly
-- random 0..2*THINK_MS ms before the next request (wrk starts the latency clock only when
-- the request is written, so the wait is not counted as latency).
lib.think = tonumber(os.getenv("THINK_MS") or "0") or 0

function lib.delay()
    return math.floor(math.random() * 2 * lib.think)
end

-- Called from each thread's init(args): args[1] = run salt, args[2] = wrk threads.
function lib.init(args)
    salt = tonumber(args[1] or "0") or 0
    nthreads = tonumber(args[2] or "1") or 1
    math.randomseed(os.time() + 7919 * (tid or 0) + 104729 * salt)
end

-- Howard Hinnant's civil_from_days, days counted from 1970-01-01.
local function civil(days)
    local z = days + 719468
    local era = math.floor(z / 146097)
    local doe = z - era * 146097
    local yoe = math.floor((doe - math.floor(doe / 1460) + math.floor(doe / 36524)
                            - math.floor(doe / 146096)) / 365)
    local doy = doe - (365 * yoe + math.floor(yoe / 4) - math.floor(yoe / 100))
    local mp = math.floor((5 * doy + 2) / 153)
    local d = doy - math.floor((153 * mp + 2) / 5) + 1
    local m = mp < 10 and mp + 3 or mp - 9
    local y = yoe + era * 400
    if m <= 2 then
        y = y + 1
    end
    return y, m, d
end

-- The next birth of this thread: date "YYYY-MM-DD", time "HH:MM", latitude, longitude.
function lib.next_birth()
    local idx = ((salt % 13) * SLOT + count * nthreads + (tid or 0)) % MINUTES
    count = count + 1
    local minute = (idx * STEP) % MINUTES
    local y, m, d = civil(math.floor(minute / 1440) - 7305) -- 1950-01-01 is day -7305
    local mod = minute % 1440
    local date = string.format("%04d-%02d-%02d", y, m, d)
    local time = string.format("%02d:%02d", math.floor(mod / 60), mod % 60)
    local lat = string.format("%.4f", math.random() * 120 - 60)
    local lon = string.format("%.4f", math.random() * 360 - 180)
    return date, time, lat, lon
end

-- One line for bench/run.sh; latencies in microseconds.
function lib.report(summary, latency)
    local e = summary.errors
    io.write(string.format("WRKRESULT requests=%d duration_us=%d bytes=%d p50_us=%d "
                           .. "p90_us=%d p99_us=%d max_us=%d connect=%d read=%d write=%d "
                           .. "status=%d timeout=%d\n",
                           summary.requests, summary.duration, summary.bytes,
                           latency:percentile(50), latency:percentile(90),
                           latency:percentile(99), latency.max, e.connect, e.read, e.write,
                           e.status, e.timeout))
end

return lib
