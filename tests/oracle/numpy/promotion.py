# words: float16 float32 float64 int8 int16 int32 int64 bool
# dtype promotion: int+float, int32+float32, Python scalars with float32 arrays, bools.
import numpy as np

i64 = np.array([1, 2, 3])
f64 = np.array([0.5, 1.5, 2.5])
i32 = np.array([1, 2, 3], dtype=np.int32)
f32 = np.array([0.5, 1.5, 2.5], dtype=np.float32)
b = np.array([True, False, True])
print((i64 + f64).dtype, i64 + f64)
print((i32 + f32).dtype, i32 + f32)
print((i32 + i64).dtype, (f32 + f64).dtype)
print((f32 * 2).dtype, (f32 * 2.5).dtype, (f32 + 1).dtype)
print((i32 * 2).dtype, (i64 * 2.0).dtype, (i32 / 2).dtype)
print((b + b).dtype, b + b, (b * 3).dtype, b * 3)
print((b + 1.5).dtype, b.sum(), (b & b).dtype)
print((i64 / i64).dtype, (i64 // 2).dtype, (i64 ** 2).dtype)
print(i64.astype(np.float32).dtype, f64.astype(np.int32), f64.astype(np.int64).dtype)
print(np.array([1, 2], dtype=np.int32).astype(np.float64) / 3)
print(np.array([-1.7, 2.9]).astype(np.int64), np.array([0, 2, 0]).astype(np.bool_))
print((f32 > 1).dtype, np.where(b, f32, 0).dtype, np.where(b, i32, 0.5).dtype)
