# expect: OverflowError
# span: math.factorial(25)
# stdout: 2432902008176640000
# cpython: runs
# CPython's ints are unbounded; Slope's are 64-bit, so factorial(21) and up do not fit.
import math

print(math.factorial(20))
print(math.factorial(25))
