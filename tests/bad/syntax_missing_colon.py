# expect: SyntaxError
# span: def f(x)
import numpy as np

def f(x)
    return np.sin(x)

print(f(1.0))
