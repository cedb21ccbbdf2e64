# expect: SyntaxError
# span: loss = (pred - y) ** 2 +
import numpy as np

pred = np.zeros(3)
y = np.ones(3)
loss = (pred - y) ** 2 +
print(loss)
