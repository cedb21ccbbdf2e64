# expect: OverflowError
# span: math.comb(100, 50)
# stdout: 10603579140
# cpython: runs
# comb(100, 50) has 30 digits: more than Slope's 64-bit ints hold.
import math

print(math.comb(40, 20) // 13)
print(math.comb(100, 50))
