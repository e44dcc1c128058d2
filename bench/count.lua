-- count.lua - runs another wrk script of bench/ (env SCRIPT, e.g. new_birth) for exactly
-- COUNT answers (env, default 1000) on one thread, then stops: a fixed amount of work for
-- bench/ir.sh to count instructions over. Args as the wrapped script's.
-- SPDX-License-Identifier: AGPL-3.0-or-later
local dir = os.getenv("BENCH_LUA_DIR") or "bench"
dofile(dir .. "/" .. (os.getenv("SCRIPT") or "new_birth") .. ".lua")

local count = tonumber(os.getenv("COUNT") or "1000") or 1000
local answers = 0
function response(status, headers, body)
    answers = answers + 1
    if answers >= count then
        os.exit(0) -- the whole of wrk: thread:stop() would leave it waiting for -d
    end
end
