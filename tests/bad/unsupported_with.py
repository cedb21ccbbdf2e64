# expect: SyntaxError|NotImplementedError
# span: with open("data.txt") as fh:
# cpython: runs
import numpy as np

with open("data.txt") as fh:
    text = fh.read()
print(text)
