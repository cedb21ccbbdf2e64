# expect: ValueError
# span: w = w - 0.1 * bad
# stdout: step 0 loss 1.0
# stdout: step 1 loss 0.81
import numpy as np

w = np.ones(3)
for step in range(2):
    loss = np.sum(w ** 2) / 3
    print(f"step {step} loss {loss}")
    w = w * 0.9
bad = np.ones(2)
w = w - 0.1 * bad
print("unreachable")
