# expect: ValueError
# span: with open("data/truncated.npy", "rb") as fh:
# cpython: runs
import numpy as np

# Slope has no bytes type: binary files are read with np.load or slope.safetensors.load_file.
with open("data/truncated.npy", "rb") as fh:
    data = fh.read()
print(len(data))
