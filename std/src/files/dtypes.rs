//! The one table of the element types files hold: for each of Slope's dtypes, numpy's kind
//! character and size (`'<f4'`) and safetensors' name (`F32`), with the conversions between a
//! `HostArray` and little-endian bytes. A new `DType` needs one line in `dtype_table!` below
//! (and an `Elem` impl if its element type is new); the `match`es it generates are exhaustive,
//! so a dtype missing here is a compile error, not a file Slope cannot read.

use lang::native::{DType, Data, HostArray};
use std::rc::Rc;

/// An element type as bytes: little-endian, `SIZE` bytes (numpy's and safetensors' layout),
/// read into and written from `Store`, the element type of its `Data` vector.
pub trait Elem {
    const SIZE: usize;
    type Store: Copy;
    fn read(b: &[u8]) -> Self::Store;
    fn write(x: Self::Store, out: &mut Vec<u8>);
}

macro_rules! num_elem {
    ($($t:ty),*) => {$(
        impl Elem for $t {
            const SIZE: usize = std::mem::size_of::<$t>();
            type Store = $t;
            fn read(b: &[u8]) -> $t {
                let mut a = [0u8; std::mem::size_of::<$t>()];
                a.copy_from_slice(b);
                <$t>::from_le_bytes(a)
            }
            fn write(x: $t, out: &mut Vec<u8>) {
                out.extend_from_slice(&x.to_le_bytes());
            }
        }
    )*};
}
num_elem!(i8, u8, i16, u16, i32, u32, i64, u64, f32, f64);

/// numpy stores a bool as one byte, 0 or 1 (any other byte reads as true, as numpy's `view`).
impl Elem for bool {
    const SIZE: usize = 1;
    type Store = bool;
    fn read(b: &[u8]) -> bool {
        b[0] != 0
    }
    fn write(x: bool, out: &mut Vec<u8>) {
        out.push(x as u8);
    }
}

/// IEEE half precision in files; Slope holds float16 values as (exact) float32s.
pub struct Half;

impl Elem for Half {
    const SIZE: usize = 2;
    type Store = f32;
    fn read(b: &[u8]) -> f32 {
        f16_to_f32(u16::from_le_bytes([b[0], b[1]]))
    }
    fn write(x: f32, out: &mut Vec<u8>) {
        out.extend_from_slice(&lang::native::f16_bits(x).to_le_bytes());
    }
}

/// One entry of the table: Slope's dtype, numpy's kind character (`b i u f`), the size of one
/// element in bytes, and safetensors' dtype.
pub struct FileDType {
    pub dtype: DType,
    pub kind: char,
    pub size: usize,
    pub safetensors: safetensors::Dtype,
}

macro_rules! dtype_table {
    ($($dt:ident: $t:ty, $kind:literal, $st:ident;)*) => {
        /// Every dtype Slope can write to and read from a file.
        pub const DTYPES: &[FileDType] = &[$(FileDType { dtype: DType::$dt, kind: $kind, size: <$t as Elem>::SIZE, safetensors: safetensors::Dtype::$st }),*];

        /// The array's elements as little-endian bytes, in row-major order.
        pub fn encode(h: &HostArray) -> Vec<u8> {
            match &h.data {
                $(Data::$dt(v) => {
                    let mut out = Vec::with_capacity(v.len() * <$t as Elem>::SIZE);
                    for &x in v.iter() {
                        <$t as Elem>::write(x, &mut out);
                    }
                    out
                })*
            }
        }

        /// An array of `dtype` and `shape` from little-endian bytes in row-major order (the
        /// caller checks that there are exactly enough).
        pub fn decode(dtype: DType, shape: &[usize], bytes: &[u8]) -> HostArray {
            match dtype {
                $(DType::$dt => HostArray { shape: shape.to_vec(), data: Data::$dt(Rc::new(bytes.chunks_exact(<$t as Elem>::SIZE).map(<$t as Elem>::read).collect())) },)*
            }
        }
    };
}

dtype_table! {
    Bool: bool, 'b', BOOL;
    I32: i32, 'i', I32;
    I64: i64, 'i', I64;
    F32: f32, 'f', F32;
    F64: f64, 'f', F64;
    I8: i8, 'i', I8;
    I16: i16, 'i', I16;
    U8: u8, 'u', U8;
    U16: u16, 'u', U16;
    U32: u32, 'u', U32;
    U64: u64, 'u', U64;
    F16: Half, 'f', F16;
}

/// The table's entry of a dtype.
pub fn of(dtype: DType) -> &'static FileDType {
    DTYPES.iter().find(|d| d.dtype == dtype).expect("every DType has a line in dtype_table!")
}

/// numpy's type string without the byte order: `f4`, `i8`, `b1`.
pub fn numpy_code(d: &FileDType) -> String {
    format!("{}{}", d.kind, d.size)
}

/// numpy's `descr` of a little-endian array of this dtype: `<f4`, `|b1` (one-byte types have no
/// byte order).
pub fn numpy_descr(dtype: DType) -> String {
    let d = of(dtype);
    format!("{}{}", if d.size == 1 { '|' } else { '<' }, numpy_code(d))
}

/// The dtype of numpy's kind character and size, if Slope has it.
pub fn from_numpy(kind: char, size: usize) -> Option<DType> {
    DTYPES.iter().find(|d| d.kind == kind && d.size == size).map(|d| d.dtype)
}

/// The dtype of a safetensors dtype, if Slope has it.
pub fn from_safetensors(st: safetensors::Dtype) -> Option<DType> {
    DTYPES.iter().find(|d| d.safetensors == st).map(|d| d.dtype)
}

/// Reverse the bytes of each `size`-byte element (big-endian data to little-endian).
pub fn swap_bytes(bytes: &mut [u8], size: usize) {
    if size > 1 {
        for c in bytes.chunks_exact_mut(size) {
            c.reverse();
        }
    }
}

/// The names of the dtypes Slope has, for messages: `bool, int32, int64, float32, float64`.
pub fn names() -> String {
    DTYPES.iter().map(|d| d.dtype.name()).collect::<Vec<_>>().join(", ")
}

/// IEEE half precision bits widened to float32 (exact: every float16 is a float32).
pub fn f16_to_f32(h: u16) -> f32 {
    let sign = ((h >> 15) as u32) << 31;
    let exp = ((h >> 10) & 0x1f) as u32;
    let frac = (h & 0x3ff) as u32;
    let bits = match (exp, frac) {
        (0, 0) => sign,
        (0, f) => {
            // Subnormal: the value is f × 2^-24, exact in float32.
            let v = f as f32 * (1.0 / 16_777_216.0);
            return if sign != 0 { -v } else { v };
        }
        (0x1f, 0) => sign | 0x7f80_0000,
        (0x1f, f) => sign | 0x7f80_0000 | (f << 13),
        (e, f) => sign | ((e + 127 - 15) << 23) | (f << 13),
    };
    f32::from_bits(bits)
}

/// bfloat16 bits widened to float32 (exact: bfloat16 is float32's upper half).
pub fn bf16_to_f32(h: u16) -> f32 {
    f32::from_bits((h as u32) << 16)
}
