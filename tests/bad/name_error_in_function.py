# expect: NameError
# span: return learning_rte * g
import numpy as np

learning_rate = 0.1

def update(w, g):
    return learning_rte * g

print(update(np.ones(2), np.ones(2)))
