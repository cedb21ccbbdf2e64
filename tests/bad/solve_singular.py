# expect: LinAlgError
# span: x = np.linalg.solve(a, b)
# stdout: 2.0
import numpy as np

a = np.array([[1.0, 2.0], [2.0, 4.0]])
b = np.array([1.0, 2.0])
print(np.linalg.matrix_rank(a) + 1.0)
x = np.linalg.solve(a, b)
print(x)
