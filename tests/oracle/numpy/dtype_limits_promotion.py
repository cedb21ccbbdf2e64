# Machine limits and type promotion: finfo, iinfo, promote_types, result_type, can_cast,
# issubdtype with numpy's abstract types, for the dtypes Slope has.
import numpy as np
f32 = np.finfo(np.float32)
f64 = np.finfo(np.float64)
print(f32.eps, f32.epsneg, f32.max, f32.min, f32.tiny, f32.resolution, f32.precision, f32.bits, f32.dtype)
print(f64.eps, f64.epsneg, f64.max, f64.min, f64.tiny, f64.smallest_normal, f64.resolution, f64.precision, f64.bits)
print(repr(f32), repr(f64), np.finfo(float).eps, np.finfo("float64").bits)
print(np.iinfo(np.int32).max, np.iinfo(np.int64).min, np.iinfo(int).bits, repr(np.iinfo(np.int32)), np.iinfo("int64").max)
print(np.promote_types(np.int32, np.float32), np.promote_types("int64", "float32"), np.promote_types(np.bool_, np.int32), np.promote_types(np.int32, np.int64))
print(np.result_type(np.int32, 1.0), np.result_type(np.arange(3), 2), np.result_type(np.float32, 1), np.result_type(np.float32, np.float64), np.result_type(np.array([1], dtype=np.int32), 2.5))
print(np.can_cast(np.int32, np.float64), np.can_cast(np.float64, np.int64), np.can_cast(np.float64, np.int64, "unsafe"), np.can_cast(np.int64, np.float32), np.can_cast(np.int32, np.float32, "same_kind"), np.can_cast(np.float64, np.float32, "same_kind"), np.can_cast(np.bool_, np.int32))
print(np.issubdtype(np.float32, np.floating), np.issubdtype(np.int64, np.floating), np.issubdtype(np.int32, np.integer), np.issubdtype(np.zeros(2).dtype, np.number), np.issubdtype(np.float64, np.float64), np.issubdtype(np.floating, np.number))
for bad in [lambda: np.finfo(np.int32), lambda: np.iinfo(np.float64)]:
    try:
        bad()
    except ValueError as e:
        print("ValueError", e)
