# iinfo/finfo, promote_types, result_type, can_cast and the dtype names and type codes.
import numpy as np

names = ["bool", "int8", "int16", "int32", "int64", "uint8", "uint16", "uint32", "uint64", "float16", "float32", "float64"]
for n in ["int8", "int16", "int32", "int64", "uint8", "uint16", "uint32"]:
    ii = np.iinfo(n)
    print(n, ii.min, ii.max, ii.bits, ii.kind, ii.dtype)
print(np.iinfo(np.uint64).min, np.iinfo(np.uint64).bits)
for n in ["float16", "float32", "float64"]:
    fi = np.finfo(n)
    print(n, fi.eps, fi.max, fi.min, fi.tiny, fi.resolution, fi.bits, fi.precision, fi.smallest_subnormal, fi.nmant, fi.nexp, fi.minexp, fi.maxexp, fi.dtype)
for a in names:
    print(a, " ".join(str(np.promote_types(a, b)) for b in names))
for a in names:
    print(a, " ".join("1" if np.can_cast(a, b) else "0" for b in names), " ".join("1" if np.can_cast(a, b, "same_kind") else "0" for b in names))
print(np.result_type(np.uint8, 1), np.result_type(np.int8, 1.0), np.result_type(np.float16, 1), np.result_type(np.uint8, np.int8), np.result_type(np.uint16, np.float16))
for code in ["u1", "u2", "u4", "u8", "i1", "i2", "i4", "i8", "f2", "f4", "f8", "uint8", "float16", "half", "b", "B", "h", "H", "e", "<u2", "ubyte", "ushort", "byte", "short"]:
    print(code, np.dtype(code), np.dtype(code).itemsize)
print(np.uint8 == np.dtype("u1"), np.dtype("float16") == np.float16, np.issubdtype(np.uint8, np.unsignedinteger), np.issubdtype(np.int8, np.unsignedinteger), np.issubdtype(np.float16, np.floating))
print(repr(np.uint8(7)), repr(np.int16(-3)), repr(np.uint64(5)), repr(np.float16(0.5)), np.uint32(4000000000))
