# numpy's genfromtxt guide (doc/source/user/basics.io.genfromtxt.rst): fixed-width fields,
# converters, per-column missing and filling values; what Slope cannot do is an error.
from io import StringIO
import numpy as np

data = "  1  2  3\n  4  5 67\n890123  4"
print(np.genfromtxt(StringIO(data), delimiter=3))
data = "123456789\n   4  7 9\n   4567 9"
print(np.genfromtxt(StringIO(data), delimiter=(4, 3, 2)))

data = "1, 2.3%, 45.\n6, 78.9%, 0"
convertfunc = lambda x: float(x.strip("%")) / 100.
print(np.genfromtxt(StringIO(data), delimiter=","))
print(np.genfromtxt(StringIO(data), delimiter=",", converters={1: convertfunc}))

data = "1, , 3\n 4, 5, 6"
convert = lambda x: float(x.strip() or -999)
print(np.genfromtxt(StringIO(data), delimiter=",", converters={1: convert}))

data = "N/A, 2, 3\n4, ,???"
print(np.genfromtxt(StringIO(data), delimiter=",", dtype=np.int_, missing_values={0: "N/A", 1: " ", 2: "???"}, filling_values={0: 0, 1: 0, 2: -999}))
print(np.genfromtxt(StringIO(data), delimiter=",", filling_values=(7, 8, 9)))
print(np.genfromtxt(StringIO("1,2,3\n4,5,6"), delimiter=",", usecols=(0, -1)))
