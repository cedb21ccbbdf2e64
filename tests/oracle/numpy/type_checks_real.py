# numpy's type checks on real data (Slope has no complex dtype): isreal/iscomplex,
# isrealobj/iscomplexobj, real/imag, typename, mintypecode, common_type.
import numpy as np

a = np.array([[1.5, 2.0], [3.0, -4.0]])
print(np.isreal(a), np.iscomplex(a), np.isreal(3), np.iscomplex([1, 2, 3]), np.isreal([]).shape)
print(np.isrealobj(a), np.iscomplexobj(a), np.isrealobj("A string"), np.isrealobj(False), np.isrealobj(None), np.isrealobj(1), np.iscomplexobj(1))
print(np.real(a), np.real(2.5), np.real([1, 2]), np.imag(a), np.imag(2.5), np.imag(7), np.imag([1, 2]))
typechars = ["S1", "?", "B", "D", "G", "F", "I", "H", "L", "O", "Q", "S", "U", "V", "b", "d", "g", "f", "i", "h", "l", "q"]
for typechar in typechars:
    print(typechar, " : ", np.typename(typechar))
print(np.mintypecode(["d", "f", "S"]), np.mintypecode("abceh", default="G"), np.mintypecode(["f", "F", "d"]), np.mintypecode([]))
print(np.mintypecode([np.arange(2.0), np.ones(2, dtype=np.float32)]), np.mintypecode([np.ones(2, dtype=np.float32)]))
print(np.common_type(np.arange(2, dtype=np.float32)) == np.float32, np.common_type(np.arange(2, dtype=np.float32), np.arange(2)) == np.float64)
print(np.common_type(np.arange(4), np.array([45.0])) == np.float64, np.common_type(np.ones(2, dtype=np.float16)) == np.float16)
try:
    np.common_type(np.array([True]))
except TypeError as e:
    print("TypeError", e)
