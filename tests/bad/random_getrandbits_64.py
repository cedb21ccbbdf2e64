# expect: OverflowError
# span: random.getrandbits(64)
# cpython: runs
# 64 random bits can exceed Slope's 64-bit signed ints, so Slope refuses more than 63.
import random

random.seed(1)
x = random.getrandbits(63)
y = random.getrandbits(64)
