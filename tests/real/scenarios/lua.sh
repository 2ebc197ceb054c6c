# lua5.4 (dynamic): integers, floats, strings, tables, closures, coroutines,
# string.format and pattern matching.
cat > t.lua <<'END'
local function fib(n) if n < 2 then return n end return fib(n-1) + fib(n-2) end
print("fib(24) =", fib(24))
local t = {}
for i = 1, 1000 do t[i] = (i * 7919) % 1009 end
table.sort(t)
print(t[1], t[500], t[1000], #t)
local words = {}
for w in ("the quick brown fox jumps over the lazy dog"):gmatch("%a+") do
  words[w] = (words[w] or 0) + 1
end
local keys = {}
for k in pairs(words) do keys[#keys + 1] = k end
table.sort(keys)
print(table.concat(keys, ","), words.the)
print(string.format("%5.2f %d %x %s", math.pi, 2^31 // 1, 255, tostring(1/3)))
print(math.maxinteger, math.mininteger, 7 // 2, 7 % -3, 2^0.5)
local co = coroutine.wrap(function() for i = 1, 3 do coroutine.yield(i * i) end end)
print(co(), co(), co())
local s = 0
for i = 1, 200000 do s = s + i % 7 end
print("loop", s)
print(pcall(error, "boom"))
END
$X $S/usr/bin/lua5.4 t.lua
