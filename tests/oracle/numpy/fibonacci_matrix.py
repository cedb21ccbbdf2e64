# Fibonacci numbers with int64 matrix powers (repeated squaring).
import numpy as np

def matpow(M, k):
    R = np.eye(2, dtype=np.int64)
    while k > 0:
        if k % 2 == 1:
            R = R @ M
        M = M @ M
        k //= 2
    return R

F = np.array([[1, 1], [1, 0]], dtype=np.int64)
for k in [1, 2, 10, 30, 60, 90]:
    print(k, matpow(F, k)[0, 1])
fib = [0, 1]
for i in range(20):
    fib.append(fib[-1] + fib[-2])
print(np.array(fib), np.array(fib[2:]) / np.array(fib[1:-1]))
