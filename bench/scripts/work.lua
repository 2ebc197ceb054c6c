-- work.lua N: a CPU-bound Lua workload for the benchmark: table-heavy
-- n-queens counting, string building and a closure-based fold.  Integer
-- arithmetic only, so the checksum is exact on every engine.
local n = tonumber(arg[1]) or 9

local function queens(size)
  local cols, d1, d2, count = {}, {}, {}, 0
  local function place(row)
    if row > size then count = count + 1; return end
    for c = 1, size do
      if not cols[c] and not d1[row + c] and not d2[row - c + size] then
        cols[c], d1[row + c], d2[row - c + size] = true, true, true
        place(row + 1)
        cols[c], d1[row + c], d2[row - c + size] = nil, nil, nil
      end
    end
  end
  place(1)
  return count
end

local function strings(k)
  local parts = {}
  for i = 1, k do parts[#parts + 1] = string.format("%x", i * 2654435761 % 4294967296) end
  local s = table.concat(parts, ",")
  local h = 0
  for i = 1, #s, 7 do h = (h * 31 + s:byte(i)) % 4294967296 end
  return h
end

local function fold(t, f, acc)
  for _, v in ipairs(t) do acc = f(acc, v) end
  return acc
end

local t = {}
for i = 1, 20000 do t[i] = (i * 7919) % 10007 end
local sum = 0
for r = 1, n do
  sum = (sum + queens(7 + r % 2)) % 4294967296
  sum = (sum + strings(5000 * r)) % 4294967296
  sum = fold(t, function(a, v) return (a * 33 + v) % 4294967296 end, sum)
end
print("lua", n, sum)
