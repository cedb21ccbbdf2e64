//! Host arrays: dense, row-major, owned data of one of the twelve dtypes. This is what `eval`
//! computes on and what the host reads at a sync point. Nothing here knows of tracing.

pub mod format;

use std::fmt;
use std::rc::Rc;

/// The element types. The backends compute on the first five only: `transform::legalize`
/// rewrites the others into them (`DType::storage`) before a function runs.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum DType {
    Bool,
    I32,
    I64,
    F32,
    F64,
    I8,
    I16,
    U8,
    U16,
    U32,
    U64,
    /// Half precision, held as float32 values that are always exact halves.
    F16,
}

impl DType {
    /// numpy's name: `float32`, `int64`, `bool`.
    pub fn name(self) -> &'static str {
        match self {
            DType::Bool => "bool",
            DType::I32 => "int32",
            DType::I64 => "int64",
            DType::F32 => "float32",
            DType::F64 => "float64",
            DType::I8 => "int8",
            DType::I16 => "int16",
            DType::U8 => "uint8",
            DType::U16 => "uint16",
            DType::U32 => "uint32",
            DType::U64 => "uint64",
            DType::F16 => "float16",
        }
    }
    /// Every dtype, in the order numpy's `sctypes` lists them (for error messages).
    pub const ALL: [DType; 12] = [DType::Bool, DType::I8, DType::I16, DType::I32, DType::I64, DType::U8, DType::U16, DType::U32, DType::U64, DType::F16, DType::F32, DType::F64];
    /// numpy's names and type codes: `float32`, `f4`, `<f4`, `single`, `uint8`, `u1`, `B`, ...
    pub fn from_name(name: &str) -> Option<DType> {
        let n = name.strip_prefix(['<', '=', '|']).unwrap_or(name);
        Some(match n {
            "bool" | "bool_" | "?" | "b1" => DType::Bool,
            "int8" | "i1" | "b" | "byte" => DType::I8,
            "int16" | "i2" | "h" | "short" => DType::I16,
            "int32" | "i4" | "i" | "intc" => DType::I32,
            "int64" | "int" | "i8" | "l" | "q" | "long" | "longlong" | "int_" | "intp" => DType::I64,
            "uint8" | "u1" | "B" | "ubyte" => DType::U8,
            "uint16" | "u2" | "H" | "ushort" => DType::U16,
            "uint32" | "u4" | "I" | "uintc" => DType::U32,
            "uint64" | "u8" | "L" | "Q" | "ulong" | "ulonglong" | "uint" | "uintp" => DType::U64,
            "float16" | "f2" | "e" | "half" => DType::F16,
            "float32" | "f4" | "f" | "single" => DType::F32,
            "float64" | "float" | "double" | "f8" | "d" | "float_" => DType::F64,
            _ => return None,
        })
    }
    pub fn is_float(self) -> bool {
        matches!(self, DType::F16 | DType::F32 | DType::F64)
    }
    pub fn is_int(self) -> bool {
        matches!(self, DType::I8 | DType::I16 | DType::I32 | DType::I64 | DType::U8 | DType::U16 | DType::U32 | DType::U64)
    }
    pub fn is_unsigned(self) -> bool {
        matches!(self, DType::U8 | DType::U16 | DType::U32 | DType::U64)
    }
    pub fn size_bytes(self) -> usize {
        match self {
            DType::Bool | DType::I8 | DType::U8 => 1,
            DType::I16 | DType::U16 | DType::F16 => 2,
            DType::I32 | DType::F32 | DType::U32 => 4,
            DType::I64 | DType::F64 | DType::U64 => 8,
        }
    }
    /// The dtype the backends hold and compute this one in: small ints in int32, uint32 in
    /// int64 (values), uint64 in int64 (bit patterns), float16 in float32.
    pub fn storage(self) -> DType {
        match self {
            DType::I8 | DType::I16 | DType::U8 | DType::U16 => DType::I32,
            DType::U32 | DType::U64 => DType::I64,
            DType::F16 => DType::F32,
            d => d,
        }
    }
    /// numpy's smallest and largest value of an integer dtype (as i128, which holds them all).
    pub fn int_range(self) -> Option<(i128, i128)> {
        Some(match self {
            DType::I8 => (i8::MIN as i128, i8::MAX as i128),
            DType::I16 => (i16::MIN as i128, i16::MAX as i128),
            DType::I32 => (i32::MIN as i128, i32::MAX as i128),
            DType::I64 => (i64::MIN as i128, i64::MAX as i128),
            DType::U8 => (0, u8::MAX as i128),
            DType::U16 => (0, u16::MAX as i128),
            DType::U32 => (0, u32::MAX as i128),
            DType::U64 => (0, u64::MAX as i128),
            _ => return None,
        })
    }
}

/// The IEEE half-precision bits of `x`, which holds an exact float16 value (as `Data::F16`
/// does): what files and exported models store.
pub fn f16_bits(x: f32) -> u16 {
    let sign = ((x.to_bits() >> 16) & 0x8000) as u16;
    let a = x.abs();
    if a.is_nan() {
        return sign | 0x7e00;
    }
    if a.is_infinite() || a >= 65520.0 {
        return sign | 0x7c00;
    }
    if a < 6.103_515_6e-5 {
        // Subnormal: a multiple of 2^-24.
        return sign | (a * 16_777_216.0).round() as u16;
    }
    let e = ((a.to_bits() >> 23) & 0xff) as i32 - 127 + 15;
    let m = (a.to_bits() & 0x7f_ffff) >> 13;
    sign | ((e as u16) << 10) | m as u16
}

/// `x` rounded to the nearest float16 (ties to even, overflow to infinity), as float32: the
/// value numpy's `npy_double_to_half` gives. The same steps as `transform::legalize`'s
/// rounding: adding `2^(e+42)` (e the exponent of |x|, at least -14) rounds |x| to a multiple of
/// float16's spacing there in one float64 rounding.
pub fn round_f16(x: f64) -> f32 {
    if !x.is_finite() {
        return x as f32;
    }
    let t = x.abs();
    let mut s = 2f64.powi(-14);
    for k in [16, 8, 4, 2, 1] {
        let s2 = s * 2f64.powi(k);
        if t >= s2 {
            s = s2;
        }
    }
    let c = s * 2f64.powi(42);
    let r = (t + c) - c;
    let r = if r >= 65536.0 { f64::INFINITY } else { r };
    let r = if x < 0.0 { -r } else { r };
    (if r == 0.0 { x * 0.0 } else { r }) as f32
}

impl fmt::Display for DType {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.name())
    }
}

/// The element storage of a host array.
#[derive(Clone, Debug)]
pub enum Data {
    Bool(Rc<Vec<bool>>),
    I32(Rc<Vec<i32>>),
    I64(Rc<Vec<i64>>),
    F32(Rc<Vec<f32>>),
    F64(Rc<Vec<f64>>),
    I8(Rc<Vec<i8>>),
    I16(Rc<Vec<i16>>),
    U8(Rc<Vec<u8>>),
    U16(Rc<Vec<u16>>),
    U32(Rc<Vec<u32>>),
    U64(Rc<Vec<u64>>),
    /// float16 values held as float32 (each an exact half).
    F16(Rc<Vec<f32>>),
}

/// Applies `$body` to the vector of any `Data` variant, bound as `$v`.
macro_rules! with_data {
    ($data:expr, $v:ident => $body:expr) => {
        match $data {
            Data::Bool($v) => $body,
            Data::I32($v) => $body,
            Data::I64($v) => $body,
            Data::F32($v) => $body,
            Data::F64($v) => $body,
            Data::I8($v) => $body,
            Data::I16($v) => $body,
            Data::U8($v) => $body,
            Data::U16($v) => $body,
            Data::U32($v) => $body,
            Data::U64($v) => $body,
            Data::F16($v) => $body,
        }
    };
}

/// A scalar of one of the dtypes.
#[derive(Clone, Copy, Debug, PartialEq)]
pub enum Scalar {
    Bool(bool),
    I32(i32),
    I64(i64),
    F32(f32),
    F64(f64),
    I8(i8),
    I16(i16),
    U8(u8),
    U16(u16),
    U32(u32),
    U64(u64),
    /// A float16 value held as float32.
    F16(f32),
}

impl Scalar {
    pub fn dtype(self) -> DType {
        match self {
            Scalar::Bool(_) => DType::Bool,
            Scalar::I32(_) => DType::I32,
            Scalar::I64(_) => DType::I64,
            Scalar::F32(_) => DType::F32,
            Scalar::F64(_) => DType::F64,
            Scalar::I8(_) => DType::I8,
            Scalar::I16(_) => DType::I16,
            Scalar::U8(_) => DType::U8,
            Scalar::U16(_) => DType::U16,
            Scalar::U32(_) => DType::U32,
            Scalar::U64(_) => DType::U64,
            Scalar::F16(_) => DType::F16,
        }
    }
    /// The exact value of an integer or bool (`None` for floats).
    pub fn to_i128(self) -> Option<i128> {
        Some(match self {
            Scalar::Bool(b) => b as i128,
            Scalar::I32(v) => v as i128,
            Scalar::I64(v) => v as i128,
            Scalar::I8(v) => v as i128,
            Scalar::I16(v) => v as i128,
            Scalar::U8(v) => v as i128,
            Scalar::U16(v) => v as i128,
            Scalar::U32(v) => v as i128,
            Scalar::U64(v) => v as i128,
            Scalar::F32(_) | Scalar::F64(_) | Scalar::F16(_) => return None,
        })
    }
    pub fn to_f64(self) -> f64 {
        match self {
            Scalar::F32(v) | Scalar::F16(v) => v as f64,
            Scalar::F64(v) => v,
            Scalar::U64(v) => v as f64,
            s => s.to_i128().unwrap_or(0) as f64,
        }
    }
    /// The value as i64: floats truncate (saturating), uint64 keeps its bit pattern.
    pub fn to_i64(self) -> i64 {
        match self {
            Scalar::F32(v) | Scalar::F16(v) => v as i64,
            Scalar::F64(v) => v as i64,
            s => s.to_i128().unwrap_or(0) as i64,
        }
    }
    pub fn to_bool(self) -> bool {
        match self {
            Scalar::F32(v) | Scalar::F16(v) => v != 0.0,
            Scalar::F64(v) => v != 0.0,
            s => s.to_i128() != Some(0),
        }
    }
    /// Convert as the `Cast` primitive does (numpy's `astype` on x86): ints wrap around (two's
    /// complement), float16 rounds to nearest even, and a float becomes an int through the
    /// truncating conversion to int32 (int64 for int64/uint64) whose out-of-range and NaN
    /// result is the minimum int (cvttss2si/cvttsd2si); narrower ints keep its low bits, and
    /// uint32/uint64 convert values from 2^31 (2^63) shifted down and put the top bit back.
    pub fn cast(self, to: DType) -> Scalar {
        if to == DType::Bool {
            return Scalar::Bool(self.to_bool());
        }
        if to.is_float() {
            return match to {
                DType::F16 => Scalar::F16(round_f16(self.to_f64())),
                DType::F32 => Scalar::F32(match self {
                    Scalar::F32(v) | Scalar::F16(v) => v,
                    Scalar::U64(v) => v as f32,
                    s => s.to_f64() as f32,
                }),
                _ => Scalar::F64(self.to_f64()),
            };
        }
        let v: i128 = match self.to_i128() {
            Some(v) => v,
            None => {
                let x = self.to_f64();
                let wide = matches!(to, DType::I64 | DType::U64);
                let half = if wide { 2f64.powi(63) } else { 2f64.powi(31) };
                let cvt = |x: f64| -> i64 {
                    if x >= -half && x < half {
                        x.trunc() as i64
                    } else if wide {
                        i64::MIN
                    } else {
                        i32::MIN as i64
                    }
                };
                if to == DType::U32 && self.dtype() == DType::F16 {
                    // numpy's float16 loop converts to uint32 through int64.
                    let h = 2f64.powi(63);
                    (if x >= -h && x < h { x.trunc() as i64 } else { i64::MIN }) as u32 as i128
                } else if (to == DType::U32 || to == DType::U64) && x >= half {
                    let y = cvt(x - half);
                    (if wide { y ^ i64::MIN } else { ((y as i32) ^ i32::MIN) as i64 }) as i128
                } else {
                    cvt(x) as i128
                }
            }
        };
        match to {
            DType::I8 => Scalar::I8(v as i8),
            DType::I16 => Scalar::I16(v as i16),
            DType::I32 => Scalar::I32(v as i32),
            DType::U8 => Scalar::U8(v as u8),
            DType::U16 => Scalar::U16(v as u16),
            DType::U32 => Scalar::U32(v as u32),
            DType::U64 => Scalar::U64(v as u64),
            _ => Scalar::I64(v as i64),
        }
    }
}

/// A dense row-major array on the host. Cloning is cheap (the data is shared).
#[derive(Clone, Debug)]
pub struct HostArray {
    pub shape: Vec<usize>,
    pub data: Data,
}

pub fn numel(shape: &[usize]) -> usize {
    shape.iter().product()
}

/// Row-major strides, in elements.
pub fn strides(shape: &[usize]) -> Vec<usize> {
    let mut s = vec![1; shape.len()];
    for i in (0..shape.len().saturating_sub(1)).rev() {
        s[i] = s[i + 1] * shape[i + 1];
    }
    s
}

impl HostArray {
    pub fn dtype(&self) -> DType {
        match &self.data {
            Data::Bool(_) => DType::Bool,
            Data::I32(_) => DType::I32,
            Data::I64(_) => DType::I64,
            Data::F32(_) => DType::F32,
            Data::F64(_) => DType::F64,
            Data::I8(_) => DType::I8,
            Data::I16(_) => DType::I16,
            Data::U8(_) => DType::U8,
            Data::U16(_) => DType::U16,
            Data::U32(_) => DType::U32,
            Data::U64(_) => DType::U64,
            Data::F16(_) => DType::F16,
        }
    }
    pub fn len(&self) -> usize {
        with_data!(&self.data, v => v.len())
    }
    pub fn is_empty(&self) -> bool {
        self.len() == 0
    }
    pub fn ndim(&self) -> usize {
        self.shape.len()
    }
    pub fn scalar(s: Scalar) -> HostArray {
        HostArray::full(&[], s)
    }
    /// An array of `shape` filled with `value`.
    pub fn full(shape: &[usize], value: Scalar) -> HostArray {
        let n = numel(shape);
        let data = match value {
            Scalar::Bool(v) => Data::Bool(Rc::new(vec![v; n])),
            Scalar::I32(v) => Data::I32(Rc::new(vec![v; n])),
            Scalar::I64(v) => Data::I64(Rc::new(vec![v; n])),
            Scalar::F32(v) => Data::F32(Rc::new(vec![v; n])),
            Scalar::F64(v) => Data::F64(Rc::new(vec![v; n])),
            Scalar::I8(v) => Data::I8(Rc::new(vec![v; n])),
            Scalar::I16(v) => Data::I16(Rc::new(vec![v; n])),
            Scalar::U8(v) => Data::U8(Rc::new(vec![v; n])),
            Scalar::U16(v) => Data::U16(Rc::new(vec![v; n])),
            Scalar::U32(v) => Data::U32(Rc::new(vec![v; n])),
            Scalar::U64(v) => Data::U64(Rc::new(vec![v; n])),
            Scalar::F16(v) => Data::F16(Rc::new(vec![v; n])),
        };
        HostArray { shape: shape.to_vec(), data }
    }
    pub fn zeros(shape: &[usize], dtype: DType) -> HostArray {
        HostArray::full(shape, Scalar::F64(0.0).cast(dtype))
    }
    pub fn from_f64(shape: &[usize], v: Vec<f64>) -> HostArray {
        debug_assert_eq!(numel(shape), v.len());
        HostArray { shape: shape.to_vec(), data: Data::F64(Rc::new(v)) }
    }
    pub fn from_f32(shape: &[usize], v: Vec<f32>) -> HostArray {
        HostArray { shape: shape.to_vec(), data: Data::F32(Rc::new(v)) }
    }
    pub fn from_i64(shape: &[usize], v: Vec<i64>) -> HostArray {
        HostArray { shape: shape.to_vec(), data: Data::I64(Rc::new(v)) }
    }
    pub fn from_i32(shape: &[usize], v: Vec<i32>) -> HostArray {
        HostArray { shape: shape.to_vec(), data: Data::I32(Rc::new(v)) }
    }
    pub fn from_bool(shape: &[usize], v: Vec<bool>) -> HostArray {
        HostArray { shape: shape.to_vec(), data: Data::Bool(Rc::new(v)) }
    }
    /// Build from scalars of one dtype (each is cast to `dtype`).
    pub fn from_scalars(shape: &[usize], dtype: DType, v: &[Scalar]) -> HostArray {
        macro_rules! build {
            ($var:ident) => {
                Data::$var(Rc::new(v.iter().map(|s| match s.cast(dtype) { Scalar::$var(x) => x, _ => Default::default() }).collect()))
            };
        }
        let data = match dtype {
            DType::Bool => build!(Bool),
            DType::I32 => build!(I32),
            DType::I64 => build!(I64),
            DType::F32 => build!(F32),
            DType::F64 => build!(F64),
            DType::I8 => build!(I8),
            DType::I16 => build!(I16),
            DType::U8 => build!(U8),
            DType::U16 => build!(U16),
            DType::U32 => build!(U32),
            DType::U64 => build!(U64),
            DType::F16 => build!(F16),
        };
        HostArray { shape: shape.to_vec(), data }
    }
    /// The element at flat (row-major) position `i`.
    pub fn get(&self, i: usize) -> Scalar {
        match &self.data {
            Data::Bool(v) => Scalar::Bool(v[i]),
            Data::I32(v) => Scalar::I32(v[i]),
            Data::I64(v) => Scalar::I64(v[i]),
            Data::F32(v) => Scalar::F32(v[i]),
            Data::F64(v) => Scalar::F64(v[i]),
            Data::I8(v) => Scalar::I8(v[i]),
            Data::I16(v) => Scalar::I16(v[i]),
            Data::U8(v) => Scalar::U8(v[i]),
            Data::U16(v) => Scalar::U16(v[i]),
            Data::U32(v) => Scalar::U32(v[i]),
            Data::U64(v) => Scalar::U64(v[i]),
            Data::F16(v) => Scalar::F16(v[i]),
        }
    }
    /// The array in its backend storage dtype (`DType::storage`): small ints widened, uint64
    /// as the int64 of the same bits, float16 relabelled float32.
    pub fn to_storage(&self) -> HostArray {
        fn conv<T: Copy, U>(v: &[T], f: impl Fn(T) -> U) -> Rc<Vec<U>> {
            Rc::new(v.iter().map(|&x| f(x)).collect())
        }
        let data = match &self.data {
            Data::I8(v) => Data::I32(conv(v, |x| x as i32)),
            Data::I16(v) => Data::I32(conv(v, |x| x as i32)),
            Data::U8(v) => Data::I32(conv(v, |x| x as i32)),
            Data::U16(v) => Data::I32(conv(v, |x| x as i32)),
            Data::U32(v) => Data::I64(conv(v, |x| x as i64)),
            Data::U64(v) => Data::I64(conv(v, |x| x as i64)),
            Data::F16(v) => Data::F32(v.clone()),
            _ => return self.clone(),
        };
        HostArray { shape: self.shape.clone(), data }
    }
    /// The inverse of `to_storage`: this storage array read as `dtype` (values wrapped to its
    /// width, which a legalized function has already done).
    pub fn from_storage(&self, dtype: DType) -> HostArray {
        fn conv<T: Copy, U>(v: &[T], f: impl Fn(T) -> U) -> Rc<Vec<U>> {
            Rc::new(v.iter().map(|&x| f(x)).collect())
        }
        let data = match (&self.data, dtype) {
            (Data::I32(v), DType::I8) => Data::I8(conv(v, |x| x as i8)),
            (Data::I32(v), DType::I16) => Data::I16(conv(v, |x| x as i16)),
            (Data::I32(v), DType::U8) => Data::U8(conv(v, |x| x as u8)),
            (Data::I32(v), DType::U16) => Data::U16(conv(v, |x| x as u16)),
            (Data::I64(v), DType::U32) => Data::U32(conv(v, |x| x as u32)),
            (Data::I64(v), DType::U64) => Data::U64(conv(v, |x| x as u64)),
            (Data::F32(v), DType::F16) => Data::F16(v.clone()),
            _ => return self.clone(),
        };
        HostArray { shape: self.shape.clone(), data }
    }
    /// All elements as f64 (for printing, comparisons and tests).
    pub fn to_f64_vec(&self) -> Vec<f64> {
        (0..self.len()).map(|i| self.get(i).to_f64()).collect()
    }
    /// A copy with another dtype (numpy `astype`).
    pub fn cast(&self, to: DType) -> HostArray {
        if self.dtype() == to {
            return self.clone();
        }
        let v: Vec<Scalar> = (0..self.len()).map(|i| self.get(i)).collect();
        HostArray::from_scalars(&self.shape, to, &v)
    }
    /// The coordinates of the nonzero (true) elements: one list per dimension (numpy's
    /// `nonzero`; a 0-d array counts as one dimension).
    pub fn nonzero(&self) -> Vec<Vec<i64>> {
        let strides = strides(&self.shape);
        let mut coords: Vec<Vec<i64>> = vec![Vec::new(); self.ndim().max(1)];
        for i in 0..self.len() {
            if self.get(i).to_bool() {
                let mut r = i;
                for d in 0..self.ndim() {
                    coords[d].push((r / strides[d]) as i64);
                    r %= strides[d];
                }
                if self.ndim() == 0 {
                    coords[0].push(0);
                }
            }
        }
        coords
    }

    /// The elements at flat positions `pos`, as an array of `shape` (`numel(shape) == pos.len()`).
    pub fn take_flat(&self, pos: &[usize], shape: &[usize]) -> HostArray {
        debug_assert_eq!(numel(shape), pos.len());
        fn pick<T: Copy>(v: &[T], pos: &[usize]) -> Rc<Vec<T>> {
            Rc::new(pos.iter().map(|&p| v[p]).collect())
        }
        let data = match &self.data {
            Data::Bool(v) => Data::Bool(pick(v, pos)),
            Data::I32(v) => Data::I32(pick(v, pos)),
            Data::I64(v) => Data::I64(pick(v, pos)),
            Data::F32(v) => Data::F32(pick(v, pos)),
            Data::F64(v) => Data::F64(pick(v, pos)),
            Data::I8(v) => Data::I8(pick(v, pos)),
            Data::I16(v) => Data::I16(pick(v, pos)),
            Data::U8(v) => Data::U8(pick(v, pos)),
            Data::U16(v) => Data::U16(pick(v, pos)),
            Data::U32(v) => Data::U32(pick(v, pos)),
            Data::U64(v) => Data::U64(pick(v, pos)),
            Data::F16(v) => Data::F16(pick(v, pos)),
        };
        HostArray { shape: shape.to_vec(), data }
    }
    /// Write `v` (of this array's dtype) at the flat positions `pos`, in place (the buffer is
    /// copied first if another array shares it); `v` repeats to fill them (a scalar, or a row
    /// broadcast over leading axes: `v.len()` divides `pos.len()`).
    pub fn put_flat(&mut self, pos: &[usize], v: &HostArray) {
        debug_assert!(!v.is_empty() && pos.len() % v.len() == 0);
        fn put<T: Copy>(dst: &mut Rc<Vec<T>>, pos: &[usize], src: &[T]) {
            let d = Rc::make_mut(dst);
            if src.len() == 1 {
                for &p in pos {
                    d[p] = src[0];
                }
            } else {
                for (k, &p) in pos.iter().enumerate() {
                    d[p] = src[k % src.len()];
                }
            }
        }
        match (&mut self.data, &v.data) {
            (Data::Bool(d), Data::Bool(s)) => put(d, pos, s),
            (Data::I32(d), Data::I32(s)) => put(d, pos, s),
            (Data::I64(d), Data::I64(s)) => put(d, pos, s),
            (Data::F32(d), Data::F32(s)) => put(d, pos, s),
            (Data::F64(d), Data::F64(s)) => put(d, pos, s),
            (Data::I8(d), Data::I8(s)) => put(d, pos, s),
            (Data::I16(d), Data::I16(s)) => put(d, pos, s),
            (Data::U8(d), Data::U8(s)) => put(d, pos, s),
            (Data::U16(d), Data::U16(s)) => put(d, pos, s),
            (Data::U32(d), Data::U32(s)) => put(d, pos, s),
            (Data::U64(d), Data::U64(s)) => put(d, pos, s),
            (Data::F16(d), Data::F16(s)) => put(d, pos, s),
            _ => debug_assert!(false, "put_flat: dtypes differ"),
        }
    }

    /// The same data with another shape of equal size.
    pub fn reshape(&self, shape: &[usize]) -> HostArray {
        debug_assert_eq!(numel(shape), self.len());
        HostArray { shape: shape.to_vec(), data: self.data.clone() }
    }
}
