//! Host arrays: dense, row-major, owned data of one of the five dtypes. This is what `eval`
//! computes on and what the host reads at a sync point. Nothing here knows of tracing.

pub mod format;

use std::fmt;
use std::rc::Rc;

/// The five element types.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum DType {
    Bool,
    I32,
    I64,
    F32,
    F64,
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
        }
    }
    pub fn from_name(name: &str) -> Option<DType> {
        Some(match name {
            "bool" | "bool_" => DType::Bool,
            "int32" => DType::I32,
            "int64" | "int" => DType::I64,
            "float32" => DType::F32,
            "float64" | "float" | "double" => DType::F64,
            _ => return None,
        })
    }
    pub fn is_float(self) -> bool {
        matches!(self, DType::F32 | DType::F64)
    }
    pub fn is_int(self) -> bool {
        matches!(self, DType::I32 | DType::I64)
    }
    pub fn size_bytes(self) -> usize {
        match self {
            DType::Bool => 1,
            DType::I32 | DType::F32 => 4,
            DType::I64 | DType::F64 => 8,
        }
    }
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
}

/// A scalar of one of the five dtypes.
#[derive(Clone, Copy, Debug, PartialEq)]
pub enum Scalar {
    Bool(bool),
    I32(i32),
    I64(i64),
    F32(f32),
    F64(f64),
}

impl Scalar {
    pub fn dtype(self) -> DType {
        match self {
            Scalar::Bool(_) => DType::Bool,
            Scalar::I32(_) => DType::I32,
            Scalar::I64(_) => DType::I64,
            Scalar::F32(_) => DType::F32,
            Scalar::F64(_) => DType::F64,
        }
    }
    pub fn to_f64(self) -> f64 {
        match self {
            Scalar::Bool(b) => b as u8 as f64,
            Scalar::I32(v) => v as f64,
            Scalar::I64(v) => v as f64,
            Scalar::F32(v) => v as f64,
            Scalar::F64(v) => v,
        }
    }
    pub fn to_i64(self) -> i64 {
        match self {
            Scalar::Bool(b) => b as i64,
            Scalar::I32(v) => v as i64,
            Scalar::I64(v) => v,
            Scalar::F32(v) => v as i64,
            Scalar::F64(v) => v as i64,
        }
    }
    pub fn to_bool(self) -> bool {
        match self {
            Scalar::Bool(b) => b,
            Scalar::I32(v) => v != 0,
            Scalar::I64(v) => v != 0,
            Scalar::F32(v) => v != 0.0,
            Scalar::F64(v) => v != 0.0,
        }
    }
    /// Convert with numpy's `astype` semantics (float→int truncates toward zero).
    pub fn cast(self, to: DType) -> Scalar {
        match to {
            DType::Bool => Scalar::Bool(self.to_bool()),
            DType::I32 => Scalar::I32(match self {
                Scalar::F32(v) => v as i32,
                Scalar::F64(v) => v as i32,
                s => s.to_i64() as i32,
            }),
            DType::I64 => Scalar::I64(self.to_i64()),
            DType::F32 => Scalar::F32(match self {
                Scalar::F32(v) => v,
                s => s.to_f64() as f32,
            }),
            DType::F64 => Scalar::F64(self.to_f64()),
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
        }
    }
    pub fn len(&self) -> usize {
        match &self.data {
            Data::Bool(v) => v.len(),
            Data::I32(v) => v.len(),
            Data::I64(v) => v.len(),
            Data::F32(v) => v.len(),
            Data::F64(v) => v.len(),
        }
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
        match dtype {
            DType::Bool => HostArray::from_bool(shape, v.iter().map(|s| s.to_bool()).collect()),
            DType::I32 => HostArray::from_i32(shape, v.iter().map(|s| match s.cast(DType::I32) { Scalar::I32(x) => x, _ => 0 }).collect()),
            DType::I64 => HostArray::from_i64(shape, v.iter().map(|s| s.to_i64()).collect()),
            DType::F32 => HostArray::from_f32(shape, v.iter().map(|s| match s.cast(DType::F32) { Scalar::F32(x) => x, _ => 0.0 }).collect()),
            DType::F64 => HostArray::from_f64(shape, v.iter().map(|s| s.to_f64()).collect()),
        }
    }
    /// The element at flat (row-major) position `i`.
    pub fn get(&self, i: usize) -> Scalar {
        match &self.data {
            Data::Bool(v) => Scalar::Bool(v[i]),
            Data::I32(v) => Scalar::I32(v[i]),
            Data::I64(v) => Scalar::I64(v[i]),
            Data::F32(v) => Scalar::F32(v[i]),
            Data::F64(v) => Scalar::F64(v[i]),
        }
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
            _ => debug_assert!(false, "put_flat: dtypes differ"),
        }
    }

    /// The same data with another shape of equal size.
    pub fn reshape(&self, shape: &[usize]) -> HostArray {
        debug_assert_eq!(numel(shape), self.len());
        HostArray { shape: shape.to_vec(), data: self.data.clone() }
    }
}
