# expect: SyntaxError|NotImplementedError|ImportError
# span: from numpy import *
# cpython: runs
from numpy import *

print(zeros(2))
