# expect: AttributeError
# span: x.shapee
import numpy as np

x = np.ones((2, 3))
print(x.shapee)
