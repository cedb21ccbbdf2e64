# expect: TypeError
# span: json.dumps({"w": w})
# stdout: [1.0, 1.0, 1.0]
import json
import numpy as np

w = np.ones(3)
print(json.dumps(w.tolist()))
print(json.dumps({"w": w}))
