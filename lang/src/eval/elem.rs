//! The element traits the kernels are generic over, and the macros that pick a concrete element
//! type from a `DType`. Each dtype's arithmetic lives here: f32 computes in f32 and f64 in f64
//! (as numpy does), integers wrap, and bool's `add`/`mul` are or/and.

use crate::array::Data;
use std::cmp::Ordering;
use std::rc::Rc;

/// An element widened for conversion: bool and integers as i64, floats as f64.
#[derive(Clone, Copy, Debug)]
pub enum Wide {
    I(i64),
    F(f64),
}

/// What every element type supports.
pub trait Elem: Copy + PartialOrd + std::fmt::Debug + 'static {
    /// The storage of this element type in `Data`, if `d` holds it.
    fn slice(d: &Data) -> Option<&[Self]>;
    /// Wraps a vector into `Data`.
    fn wrap(v: Vec<Self>) -> Data;
    fn zero() -> Self;
    fn one() -> Self;
    /// Addition (wrapping for ints, or for bool).
    fn add(self, o: Self) -> Self;
    /// Multiplication (wrapping for ints, and for bool).
    fn mul(self, o: Self) -> Self;
    fn is_nan(self) -> bool {
        false
    }
    fn widen(self) -> Wide;
    /// Conversion with numpy `astype` semantics: floats truncate toward zero into ints, and NaN
    /// or out-of-range values become the integer minimum (as x86 numpy gives); nonzero is true.
    fn from_wide(w: Wide) -> Self;
    /// The larger of two, NaN propagating.
    fn max_nan(self, o: Self) -> Self {
        if self.is_nan() || o.is_nan() {
            if self.is_nan() {
                self
            } else {
                o
            }
        } else if o > self {
            o
        } else {
            self
        }
    }
    /// `sum(a[i] * b[i])` in order from `i = 0`, the inner loop of `dot_general`.
    fn dot_row(a: &[Self], b: &[Self]) -> Self {
        let mut acc = Self::zero();
        for (&x, &y) in a.iter().zip(b) {
            acc = acc.add(x.mul(y));
        }
        acc
    }
    /// The smaller of two, NaN propagating.
    fn min_nan(self, o: Self) -> Self {
        if self.is_nan() || o.is_nan() {
            if self.is_nan() {
                self
            } else {
                o
            }
        } else if o < self {
            o
        } else {
            self
        }
    }
    /// A total order for sorting: the usual order with every NaN last (and NaNs equal).
    fn cmp_nan_last(self, o: Self) -> Ordering {
        match (self.is_nan(), o.is_nan()) {
            (true, true) => Ordering::Equal,
            (true, false) => Ordering::Greater,
            (false, true) => Ordering::Less,
            (false, false) => self.partial_cmp(&o).unwrap_or(Ordering::Equal),
        }
    }
}

/// Integers and floats: the arithmetic bool lacks.
pub trait Num: Elem {
    fn sub(self, o: Self) -> Self;
    /// True division for floats; floor division for ints (x // 0 is 0).
    fn div(self, o: Self) -> Self;
    /// Remainder with the sign of the divisor (x % 0 is 0 for ints, NaN for floats).
    fn rem(self, o: Self) -> Self;
    /// Power; for ints exact modulo wrap-around, and a negative exponent gives the truncated
    /// quotient (1, ±1 for base -1, else 0) since numpy rejects it before it gets here.
    fn pow(self, o: Self) -> Self;
    fn neg(self) -> Self;
    fn abs(self) -> Self;
    /// -1, 0 or 1; NaN stays NaN and both zeros give +0, as numpy.
    fn sign(self) -> Self;
}

impl Elem for bool {
    fn slice(d: &Data) -> Option<&[bool]> {
        match d {
            Data::Bool(v) => Some(v),
            _ => None,
        }
    }
    fn wrap(v: Vec<bool>) -> Data {
        Data::Bool(Rc::new(v))
    }
    fn zero() -> bool {
        false
    }
    fn one() -> bool {
        true
    }
    fn add(self, o: bool) -> bool {
        self | o
    }
    fn mul(self, o: bool) -> bool {
        self & o
    }
    fn widen(self) -> Wide {
        Wide::I(self as i64)
    }
    fn from_wide(w: Wide) -> bool {
        match w {
            Wide::I(v) => v != 0,
            Wide::F(v) => v != 0.0,
        }
    }
}

macro_rules! int_elem {
    ($t:ty, $V:ident) => {
        impl Elem for $t {
            fn slice(d: &Data) -> Option<&[$t]> {
                match d {
                    Data::$V(v) => Some(v),
                    _ => None,
                }
            }
            fn wrap(v: Vec<$t>) -> Data {
                Data::$V(Rc::new(v))
            }
            fn zero() -> $t {
                0
            }
            fn one() -> $t {
                1
            }
            fn add(self, o: $t) -> $t {
                self.wrapping_add(o)
            }
            fn mul(self, o: $t) -> $t {
                self.wrapping_mul(o)
            }
            fn widen(self) -> Wide {
                Wide::I(self as i64)
            }
            fn from_wide(w: Wide) -> $t {
                match w {
                    Wide::I(v) => v as $t,
                    Wide::F(v) => {
                        let lo = <$t>::MIN as f64;
                        if v.is_nan() || v < lo || v >= -lo {
                            <$t>::MIN
                        } else {
                            v as $t
                        }
                    }
                }
            }
        }
        impl Num for $t {
            fn sub(self, o: $t) -> $t {
                self.wrapping_sub(o)
            }
            fn div(self, o: $t) -> $t {
                if o == 0 {
                    return 0;
                }
                let q = self.wrapping_div(o);
                if self.wrapping_rem(o) != 0 && ((self < 0) != (o < 0)) {
                    q.wrapping_sub(1)
                } else {
                    q
                }
            }
            fn rem(self, o: $t) -> $t {
                if o == 0 {
                    return 0;
                }
                let r = self.wrapping_rem(o);
                if r != 0 && ((r < 0) != (o < 0)) {
                    r.wrapping_add(o)
                } else {
                    r
                }
            }
            fn pow(self, o: $t) -> $t {
                if o < 0 {
                    return match self {
                        1 => 1,
                        -1 => {
                            if o % 2 == 0 {
                                1
                            } else {
                                -1
                            }
                        }
                        _ => 0,
                    };
                }
                let (mut e, mut b, mut acc) = (o as u64, self, 1 as $t);
                while e > 0 {
                    if e & 1 == 1 {
                        acc = acc.wrapping_mul(b);
                    }
                    b = b.wrapping_mul(b);
                    e >>= 1;
                }
                acc
            }
            fn neg(self) -> $t {
                self.wrapping_neg()
            }
            fn abs(self) -> $t {
                self.wrapping_abs()
            }
            fn sign(self) -> $t {
                self.signum()
            }
        }
    };
}
int_elem!(i32, I32);
int_elem!(i64, I64);

macro_rules! float_elem {
    ($t:ty, $V:ident) => {
        impl Elem for $t {
            fn slice(d: &Data) -> Option<&[$t]> {
                match d {
                    Data::$V(v) => Some(v),
                    _ => None,
                }
            }
            fn wrap(v: Vec<$t>) -> Data {
                Data::$V(Rc::new(v))
            }
            fn zero() -> $t {
                0.0
            }
            fn one() -> $t {
                1.0
            }
            fn dot_row(a: &[$t], b: &[$t]) -> $t {
                // A plain indexed loop: the same sums in the same order as the default, without
                // the iterator and trait calls a debug build does not inline (the tests run `eval`
                // on debug builds, where this loop dominates convolutions).
                let (mut acc, mut i, n) = (0.0, 0, a.len().min(b.len()));
                while i < n {
                    acc += a[i] * b[i];
                    i += 1;
                }
                acc
            }
            fn add(self, o: $t) -> $t {
                self + o
            }
            fn mul(self, o: $t) -> $t {
                self * o
            }
            fn is_nan(self) -> bool {
                <$t>::is_nan(self)
            }
            fn widen(self) -> Wide {
                Wide::F(self as f64)
            }
            fn from_wide(w: Wide) -> $t {
                match w {
                    Wide::I(v) => v as $t,
                    Wide::F(v) => v as $t,
                }
            }
        }
        impl Num for $t {
            fn sub(self, o: $t) -> $t {
                self - o
            }
            fn div(self, o: $t) -> $t {
                self / o
            }
            fn rem(self, o: $t) -> $t {
                // numpy's npy_divmod: fmod, then move the result to the divisor's sign.
                let m = self % o;
                if o == 0.0 || m.is_nan() {
                    m
                } else if m != 0.0 {
                    if (o < 0.0) != (m < 0.0) {
                        m + o
                    } else {
                        m
                    }
                } else {
                    (0.0 as $t).copysign(o)
                }
            }
            fn pow(self, o: $t) -> $t {
                self.powf(o)
            }
            fn neg(self) -> $t {
                -self
            }
            fn abs(self) -> $t {
                <$t>::abs(self)
            }
            fn sign(self) -> $t {
                if self > 0.0 {
                    1.0
                } else if self < 0.0 {
                    -1.0
                } else if self == 0.0 {
                    0.0
                } else {
                    self
                }
            }
        }
    };
}
float_elem!(f32, F32);
float_elem!(f64, F64);

/// Runs `$body` with `$T` the element type of `$dt` (any dtype).
macro_rules! with_dtype {
    ($dt:expr, $T:ident => $body:expr) => {
        match $dt {
            DType::Bool => {
                type $T = bool;
                $body
            }
            DType::I32 => {
                type $T = i32;
                $body
            }
            DType::I64 => {
                type $T = i64;
                $body
            }
            DType::F32 => {
                type $T = f32;
                $body
            }
            DType::F64 => {
                type $T = f64;
                $body
            }
            _ => unreachable!("{} reaches eval only legalized (transform::legalize)", $dt),
        }
    };
}

/// Runs `$body` with `$T` the element type of `$dt`, or errs for bool.
macro_rules! with_num_dtype {
    ($dt:expr, $what:expr, $T:ident => $body:expr) => {
        match $dt {
            DType::Bool => Err(format!("{} is not defined for bool", $what)),
            DType::I32 => {
                type $T = i32;
                $body
            }
            DType::I64 => {
                type $T = i64;
                $body
            }
            DType::F32 => {
                type $T = f32;
                $body
            }
            DType::F64 => {
                type $T = f64;
                $body
            }
            _ => Err(format!("{} reaches eval only legalized (transform::legalize)", $dt)),
        }
    };
}

/// Runs `$body` with `$T` the element type of `$dt`, or errs for floats (bitwise operations).
macro_rules! with_bits_dtype {
    ($dt:expr, $what:expr, $T:ident => $body:expr) => {
        match $dt {
            DType::Bool => {
                type $T = bool;
                $body
            }
            DType::I32 => {
                type $T = i32;
                $body
            }
            DType::I64 => {
                type $T = i64;
                $body
            }
            DType::F32 | DType::F64 => Err(format!("{} is not defined for floats", $what)),
            _ => Err(format!("{} reaches eval only legalized (transform::legalize)", $dt)),
        }
    };
}

pub(crate) use {with_bits_dtype, with_dtype, with_num_dtype};

