# time as CPython's: clocks (types and monotonicity), sleep, gmtime/localtime as tuples, mktime,
# and strftime through the C library.
import time

for t in [0, 86399, 1e9, 1234567890.75, 951782400, -86400, 2**31]:
    g = time.gmtime(t)
    print(t, tuple(g), time.strftime("%Y-%m-%d %H:%M:%S %a %A %b %B %j %U %W %w %y %p %I %%", g))
print(time.strftime("%d/%m/%Y", (2024, 2, 29, 13, 5, 9, 3, 60, 0)), time.strftime("", time.gmtime(0)))
print(time.strftime("%H:%M", time.localtime(1700000000)) == time.strftime("%H:%M", time.localtime(1700000000.9)))
print(time.mktime(time.localtime(1700000000)), time.mktime(time.localtime(0)))
print(tuple(time.localtime(1e9))[:6] == tuple(time.localtime(1e9 + 0.5))[:6])
t = time.time()
print(t > 1.6e9, type(t).__name__, type(time.time_ns()).__name__, type(time.perf_counter_ns()).__name__)
print(abs(time.time_ns() / 1e9 - time.time()) < 1.0)
a = time.perf_counter()
time.sleep(0.02)
b = time.perf_counter()
print(b - a >= 0.02, b - a < 5.0)
m1 = time.monotonic()
m2 = time.monotonic()
n1 = time.monotonic_ns()
print(m2 >= m1, n1 > 0, time.process_time() >= 0, time.perf_counter_ns() >= 0)
time.sleep(0)
try:
    time.sleep(-1)
except ValueError as e:
    print("ValueError", e)
