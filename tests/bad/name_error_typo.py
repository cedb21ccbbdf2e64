# expect: NameError
# span: print(valeus.sum())
import numpy as np

values = np.arange(5)
print(valeus.sum())
