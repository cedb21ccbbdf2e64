//! `legalize`: a function over any dtype rewritten into one over the five the backends compute in
//! (`DType::storage`), so that `eval` and the CPU backend never see int8, int16, uint8, uint16,
//! uint32, uint64 or float16. Both run it at their entry (`run`), so they agree by construction.
//!
//! - int8/int16/uint8/uint16 live in int32 and uint32 in int64 (their values); after every
//!   primitive that can leave the range (arithmetic, casts, iota, sums, products, dots) the result
//!   is wrapped back with `and`/`add`/`sub` (two's complement wraparound, as numpy). The wider
//!   operation is exact modulo 2^32 (2^64), so wrapping at the end equals numpy's wrapping at
//!   every step.
//! - uint64 lives in int64 as its bit pattern: addition, subtraction, multiplication and bitwise
//!   operations are the same bits; comparisons, max/min, sorting and argmax flip the sign bit
//!   first; conversion to float halves the value keeping a sticky bit; division and remainder
//!   are unsigned (`udivrem64`: one int64 division of the halved dividend and a correction).
//! - float16 lives in float32 (float64 for a cast from float64, for numpy's single rounding) and
//!   every primitive that computes new values is followed by a rounding to the nearest float16:
//!   `|x|` plus `2^(e+13)` (e the exponent of `|x|`, at least -14, found by five compares) rounds
//!   in one float32 rounding to float16's spacing, subnormals included; 65520 and above overflow
//!   to infinity; the sign and signed zeros are put back. numpy computes float16 ufuncs in
//!   float32 and rounds the result, so this is bit for bit numpy's.
//!
//! Casts from floats to ints are numpy's on x86, as `Scalar::cast` and the `Cast` primitive on
//! int32/int64 (JAX's saturating conversion is built from them by `interp::ops`).

use crate::array::{DType, HostArray, Scalar};
use crate::ir::{Eqn, Func, Type, Var};
use crate::prim::Prim;
use std::collections::HashMap;
use std::rc::Rc;

/// Whether `func` (or a function inside one of its primitives) uses a dtype the backends lack.
pub fn needed(func: &Func) -> bool {
    func.types.iter().any(|t| t.dtype.storage() != t.dtype)
        || func.eqns.iter().any(|e| match &e.prim {
            Prim::CustomVjp { primal, fwd, bwd } => needed(primal) || needed(fwd) || needed(bwd),
            Prim::CustomJvp { primal, jvp } => needed(primal) || needed(jvp),
            Prim::CustomLinear { bwd, out_types, .. } => needed(bwd) || out_types.iter().any(|t| t.dtype.storage() != t.dtype),
            _ => false,
        })
}

/// Run `func` through `inner` (a backend over the five storage dtypes): the function legalized,
/// the arguments converted to storage and the results back to their dtypes.
pub fn run(func: &Func, args: &[HostArray], inner: impl FnOnce(&Func, &[HostArray]) -> Result<Vec<HostArray>, String>) -> Result<Vec<HostArray>, String> {
    let f = legalize(func);
    let args: Vec<HostArray> = args.iter().map(|a| a.to_storage()).collect();
    let outs = inner(&f, &args)?;
    Ok(outs.iter().zip(&func.outs).map(|(h, &o)| h.from_storage(func.ty(o).dtype)).collect())
}

/// `func` over storage dtypes only (see the module doc).
pub fn legalize(func: &Func) -> Func {
    let mut l = L { src: func, out: Func::default(), map: vec![Var(u32::MAX); func.types.len()], lits: HashMap::new() };
    for &p in &func.params {
        let t = func.ty(p);
        let v = l.var(Type::new(&t.shape, t.dtype.storage()));
        l.out.params.push(v);
        l.map[p.0 as usize] = v;
    }
    for e in &func.eqns {
        l.eqn(e);
    }
    l.out.outs = func.outs.iter().map(|o| l.map[o.0 as usize]).collect();
    l.out
}

fn storage_ty(t: &Type) -> Type {
    Type::new(&t.shape, t.dtype.storage())
}

fn storage_scalar(s: Scalar) -> Scalar {
    match s {
        Scalar::I8(v) => Scalar::I32(v as i32),
        Scalar::I16(v) => Scalar::I32(v as i32),
        Scalar::U8(v) => Scalar::I32(v as i32),
        Scalar::U16(v) => Scalar::I32(v as i32),
        Scalar::U32(v) => Scalar::I64(v as i64),
        Scalar::U64(v) => Scalar::I64(v as i64),
        Scalar::F16(v) => Scalar::F32(v),
        s => s,
    }
}

/// Primitives whose results are values of their operands (or of one range): no wrapping or
/// rounding after them.
fn closed(p: &Prim, d: DType) -> bool {
    let moves = matches!(
        p,
        Prim::Reshape { .. }
            | Prim::BroadcastInDim { .. }
            | Prim::Transpose { .. }
            | Prim::Slice { .. }
            | Prim::Rev { .. }
            | Prim::Pad { .. }
            | Prim::Concat { .. }
            | Prim::Gather { .. }
            | Prim::Select
            | Prim::Max
            | Prim::Min
            | Prim::ReduceMax { .. }
            | Prim::ReduceMin { .. }
            | Prim::Sort { .. }
            | Prim::StopGradient
            | Prim::Sign
            | Prim::Literal(_)
            | Prim::CustomVjp { .. }
            | Prim::CustomJvp { .. }
            | Prim::CustomLinear { .. }
            | Prim::HostCall { .. }
    );
    moves
        || if d.is_float() {
            matches!(p, Prim::Neg | Prim::Abs | Prim::Floor | Prim::Ceil | Prim::Round)
        } else {
            matches!(p, Prim::And | Prim::Or | Prim::Xor | Prim::Rem)
        }
}

struct L<'a> {
    src: &'a Func,
    out: Func,
    /// Source variable → legalized variable.
    map: Vec<Var>,
    /// Broadcast literals already made: (bits, dtype, shape).
    lits: HashMap<(u64, DType, Vec<usize>), Var>,
}

impl L<'_> {
    fn var(&mut self, t: Type) -> Var {
        self.out.types.push(t);
        Var(self.out.types.len() as u32 - 1)
    }
    fn ty(&self, v: Var) -> &Type {
        self.out.ty(v)
    }
    /// One equation with one output, its type inferred.
    fn op(&mut self, prim: Prim, ins: &[Var]) -> Var {
        let tys: Vec<&Type> = ins.iter().map(|&v| self.out.ty(v)).collect();
        let t = match crate::shape::infer(&prim, &tys) {
            Ok(mut t) => t.remove(0),
            Err(m) => panic!("legalize built an ill-typed {}: {m}", prim.name()),
        };
        let o = self.var(t);
        self.out.eqns.push(Eqn { prim, ins: ins.to_vec(), outs: vec![o] });
        o
    }
    /// A constant of `v`'s shape (storage scalar `s`).
    fn lit(&mut self, s: Scalar, like: Var) -> Var {
        let shape = self.ty(like).shape.clone();
        let bits = match s {
            Scalar::F32(x) => x.to_bits() as u64,
            Scalar::F64(x) => x.to_bits(),
            s => s.to_i64() as u64,
        };
        let key = (bits, s.dtype(), shape.clone());
        if let Some(&v) = self.lits.get(&key) {
            return v;
        }
        let c = self.op(Prim::Literal(s), &[]);
        let v = if shape.is_empty() { c } else { self.op(Prim::BroadcastInDim { shape: shape.clone(), dims: vec![] }, &[c]) };
        self.lits.insert(key, v);
        v
    }
    /// A float constant in `like`'s float dtype.
    fn flit(&mut self, x: f64, like: Var) -> Var {
        let s = if self.ty(like).dtype == DType::F64 { Scalar::F64(x) } else { Scalar::F32(x as f32) };
        self.lit(s, like)
    }
    fn bin(&mut self, p: Prim, a: Var, b: Var) -> Var {
        self.op(p, &[a, b])
    }
    /// Flip the sign bit of a uint64 (int64 bits): unsigned order becomes signed order.
    fn flip(&mut self, x: Var) -> Var {
        let m = self.lit(Scalar::I64(i64::MIN), x);
        self.bin(Prim::Xor, x, m)
    }

    /// A float16 cumulative sum (product) of the float32 `x` along `axis`, rounded to float16
    /// after every step as numpy's float16 `add.accumulate` rounds: a `Scan` over the axis
    /// (moved to the front) whose body adds (multiplies) and rounds.
    fn cumulative16(&mut self, x: Var, axis: usize, reverse: bool, prod: bool) -> Var {
        let t = self.ty(x).clone();
        let nd = t.shape.len();
        let mut perm: Vec<usize> = vec![axis];
        perm.extend((0..nd).filter(|&d| d != axis));
        let xs = if axis == 0 { x } else { self.op(Prim::Transpose { perm: perm.clone() }, &[x]) };
        let rest: Vec<usize> = perm[1..].iter().map(|&d| t.shape[d]).collect();
        let length = t.shape[axis];
        // The body: (carry, x_i) -> (round16(carry op x_i), same).
        let mut b = L { src: self.src, out: Func::default(), map: Vec::new(), lits: HashMap::new() };
        let c = b.var(Type::new(&rest, t.dtype));
        let xi = b.var(Type::new(&rest, t.dtype));
        b.out.params = vec![c, xi];
        let y = b.bin(if prod { Prim::Mul } else { Prim::Add }, c, xi);
        let y = b.round16(y);
        b.out.outs = vec![y, y];
        let body = Rc::new(b.out);
        let init = self.op(Prim::Literal(if t.dtype == DType::F64 { Scalar::F64(prod as u8 as f64) } else { Scalar::F32(prod as u8 as f32) }), &[]);
        let init = if rest.is_empty() { init } else { self.op(Prim::BroadcastInDim { shape: rest.clone(), dims: vec![] }, &[init]) };
        let tys: Vec<&Type> = vec![self.ty(init), self.ty(xs)];
        let outs = crate::shape::infer(&Prim::Scan { body: body.clone(), n_consts: 0, n_carry: 1, length, reverse }, &tys).expect("legalize built an ill-typed scan");
        let vs: Vec<Var> = outs.into_iter().map(|ty| self.var(ty)).collect();
        self.out.eqns.push(Eqn { prim: Prim::Scan { body, n_consts: 0, n_carry: 1, length, reverse }, ins: vec![init, xs], outs: vs.clone() });
        let ys = vs[1];
        if axis == 0 {
            return ys;
        }
        let mut inv = vec![0; nd];
        for (i, &p) in perm.iter().enumerate() {
            inv[p] = i;
        }
        self.op(Prim::Transpose { perm: inv }, &[ys])
    }

    /// Unsigned 64-bit quotient and remainder of the int64 bit patterns `x` and `d` (numpy's: 0
    /// and 0 for a zero divisor). A divisor of 2^63 or more goes at most once; otherwise the
    /// quotient of `x >> 1` (non-negative, so int64's floor division is exact) doubled is the
    /// true quotient or one less, which one comparison of the remainder settles.
    fn udivrem64(&mut self, x: Var, d: Var) -> (Var, Var) {
        let zero = self.lit(Scalar::I64(0), x);
        let one = self.lit(Scalar::I64(1), x);
        let two = self.lit(Scalar::I64(2), x);
        let max = self.lit(Scalar::I64(i64::MAX), x);
        let dz = self.bin(Prim::Eq, d, zero);
        let big = self.bin(Prim::Lt, d, zero);
        let (fx, fd) = (self.flip(x), self.flip(d));
        // d >= 2^63: q = (x >= d), r = x - q d.
        let ge = self.bin(Prim::Ge, fx, fd);
        let q_big = self.op(Prim::Select, &[ge, one, zero]);
        // 0 < d < 2^63.
        let odd = self.bin(Prim::Or, dz, big);
        let dpos = self.op(Prim::Select, &[odd, one, d]);
        let xh = self.bin(Prim::Div, x, two);
        let xh = self.bin(Prim::And, xh, max);
        let q0 = self.bin(Prim::Div, xh, dpos);
        let q = self.bin(Prim::Mul, q0, two);
        let qd = self.bin(Prim::Mul, q, dpos);
        let r = self.bin(Prim::Sub, x, qd);
        let (fr, fdp) = (self.flip(r), self.flip(dpos));
        let adj = self.bin(Prim::Ge, fr, fdp);
        let adj = self.op(Prim::Select, &[adj, one, zero]);
        let q = self.bin(Prim::Add, q, adj);
        let q = self.op(Prim::Select, &[big, q_big, q]);
        let q = self.op(Prim::Select, &[dz, zero, q]);
        let qd = self.bin(Prim::Mul, q, d);
        let r = self.bin(Prim::Sub, x, qd);
        let r = self.op(Prim::Select, &[dz, zero, r]);
        (q, r)
    }

    /// Wrap a storage value to the range of the int dtype `d`.
    fn wrap(&mut self, x: Var, d: DType) -> Var {
        let st = self.ty(x).dtype;
        let c = |v: i64| if st == DType::I64 { Scalar::I64(v) } else { Scalar::I32(v as i32) };
        match d {
            DType::U8 | DType::U16 | DType::U32 => {
                let m = self.lit(c(d.int_range().map_or(0, |r| r.1 as i64)), x);
                self.bin(Prim::And, x, m)
            }
            DType::I8 | DType::I16 => {
                let half = -(d.int_range().map_or(0, |r| r.0 as i64));
                let h = self.lit(c(half), x);
                let m = self.lit(c(2 * half - 1), x);
                let y = self.bin(Prim::Add, x, h);
                let y = self.bin(Prim::And, y, m);
                self.bin(Prim::Sub, y, h)
            }
            _ => x,
        }
    }

    /// Round a float32 or float64 value to the nearest float16 (module doc).
    fn round16(&mut self, x: Var) -> Var {
        let shift = if self.ty(x).dtype == DType::F64 { 42 } else { 13 };
        let t = self.op(Prim::Abs, &[x]);
        let mut s = self.flit(2f64.powi(-14), x);
        for k in [16, 8, 4, 2, 1] {
            let f = self.flit(2f64.powi(k), x);
            let s2 = self.bin(Prim::Mul, s, f);
            let c = self.bin(Prim::Ge, t, s2);
            s = self.op(Prim::Select, &[c, s2, s]);
        }
        let f = self.flit(2f64.powi(shift), x);
        let big = self.bin(Prim::Mul, s, f);
        let r = self.bin(Prim::Add, t, big);
        let r = self.bin(Prim::Sub, r, big);
        let top = self.flit(65536.0, x);
        let ov = self.bin(Prim::Ge, r, top);
        let inf = self.flit(f64::INFINITY, x);
        let r = self.op(Prim::Select, &[ov, inf, r]);
        let zero = self.flit(0.0, x);
        let neg = self.bin(Prim::Lt, x, zero);
        let nr = self.op(Prim::Neg, &[r]);
        let r = self.op(Prim::Select, &[neg, nr, r]);
        let z = self.bin(Prim::Eq, r, zero);
        let sz = self.bin(Prim::Mul, x, zero);
        self.op(Prim::Select, &[z, sz, r])
    }

    /// The wrapping or rounding `d` needs after a value was computed in storage.
    fn fix(&mut self, x: Var, d: DType) -> Var {
        match d {
            DType::F16 => self.round16(x),
            DType::I8 | DType::I16 | DType::U8 | DType::U16 | DType::U32 => self.wrap(x, d),
            _ => x,
        }
    }

    /// `Cast` from dtype `a` to dtype `b` of the storage value `x`.
    fn cast(&mut self, x: Var, a: DType, b: DType) -> Var {
        if a == b {
            return x;
        }
        let (sa, sb) = (a.storage(), b.storage());
        if b == DType::Bool {
            return self.op(Prim::Cast { dtype: DType::Bool }, &[x]);
        }
        if b.is_int() {
            if !a.is_float() {
                let y = if sa == sb { x } else { self.op(Prim::Cast { dtype: sb }, &[x]) };
                return self.fix(y, b);
            }
            // numpy's x86 conversion (`Scalar::cast`): through int32 (int64), whose invalid
            // result is the minimum; uint32/uint64 shift values from 2^31 (2^63) down first.
            let wide = matches!(b, DType::I64 | DType::U64);
            let it = if wide { DType::I64 } else { DType::I32 };
            if a == DType::F16 && b == DType::U32 {
                // numpy's float16 loop converts to uint32 through int64.
                let y = self.op(Prim::Cast { dtype: DType::I64 }, &[x]);
                return self.fix(y, b);
            }
            if b == DType::U32 || b == DType::U64 {
                let h = self.flit(if wide { 2f64.powi(63) } else { 2f64.powi(31) }, x);
                let hi = self.bin(Prim::Ge, x, h);
                let xs = self.bin(Prim::Sub, x, h);
                let xs = self.op(Prim::Select, &[hi, xs, x]);
                let y = self.op(Prim::Cast { dtype: it }, &[xs]);
                let m = self.lit(if wide { Scalar::I64(i64::MIN) } else { Scalar::I32(i32::MIN) }, y);
                let f = self.bin(Prim::Xor, y, m);
                let y = self.op(Prim::Select, &[hi, f, y]);
                let y = if wide { y } else { self.op(Prim::Cast { dtype: DType::I64 }, &[y]) };
                return self.fix(y, b);
            }
            let y = self.op(Prim::Cast { dtype: it }, &[x]);
            return self.fix(y, b);
        }
        // b is a float.
        if a == DType::U64 {
            let zero = self.lit(Scalar::I64(0), x);
            let neg = self.bin(Prim::Lt, x, zero);
            let two = self.lit(Scalar::I64(2), x);
            let h = self.bin(Prim::Div, x, two);
            let mx = self.lit(Scalar::I64(i64::MAX), x);
            let h = self.bin(Prim::And, h, mx);
            let one = self.lit(Scalar::I64(1), x);
            let low = self.bin(Prim::And, x, one);
            let h = self.bin(Prim::Or, h, low);
            let fh = self.op(Prim::Cast { dtype: sb }, &[h]);
            let ftwo = self.flit(2.0, fh);
            let fh = self.bin(Prim::Mul, fh, ftwo);
            let fx = self.op(Prim::Cast { dtype: sb }, &[x]);
            let y = self.op(Prim::Select, &[neg, fh, fx]);
            return if b == DType::F16 { self.round16(y) } else { y };
        }
        if b == DType::F16 {
            if sa == DType::F64 {
                let y = self.round16(x);
                return self.op(Prim::Cast { dtype: DType::F32 }, &[y]);
            }
            let y = if sa == DType::F32 { x } else { self.op(Prim::Cast { dtype: DType::F32 }, &[x]) };
            return self.round16(y);
        }
        if sa == sb {
            x
        } else {
            self.op(Prim::Cast { dtype: sb }, &[x])
        }
    }

    fn eqn(&mut self, e: &Eqn) {
        let src = self.src;
        let ins: Vec<Var> = e.ins.iter().map(|v| self.map[v.0 as usize]).collect();
        let in_d: Vec<DType> = e.ins.iter().map(|&v| src.ty(v).dtype).collect();
        let out_d: Vec<DType> = e.outs.iter().map(|&v| src.ty(v).dtype).collect();
        let u64_in = in_d.first() == Some(&DType::U64);
        let single = |l: &mut Self, v: Var| {
            l.map[e.outs[0].0 as usize] = v;
        };
        match &e.prim {
            Prim::Cast { dtype } => {
                let v = self.cast(ins[0], in_d[0], *dtype);
                single(self, v);
                return;
            }
            Prim::Literal(s) => {
                let v = self.op(Prim::Literal(storage_scalar(*s)), &[]);
                single(self, v);
                return;
            }
            Prim::Iota { shape, axis, dtype } => {
                let v = self.op(Prim::Iota { shape: shape.clone(), axis: *axis, dtype: dtype.storage() }, &[]);
                let v = self.fix(v, *dtype);
                single(self, v);
                return;
            }
            Prim::Lt | Prim::Le | Prim::Gt | Prim::Ge if u64_in => {
                let (a, b) = (self.flip(ins[0]), self.flip(ins[1]));
                let v = self.bin(e.prim.clone(), a, b);
                single(self, v);
                return;
            }
            Prim::Max | Prim::Min | Prim::ReduceMax { .. } | Prim::ReduceMin { .. } | Prim::Sort { .. } if u64_in => {
                let xs: Vec<Var> = ins.iter().map(|&x| self.flip(x)).collect();
                let v = self.op(e.prim.clone(), &xs);
                let v = self.flip(v);
                single(self, v);
                return;
            }
            Prim::Cumsum { axis, reverse } | Prim::Cumprod { axis, reverse } if out_d[0] == DType::F16 => {
                let v = self.cumulative16(ins[0], *axis, *reverse, matches!(e.prim, Prim::Cumprod { .. }));
                single(self, v);
                return;
            }
            Prim::Div | Prim::Rem if u64_in => {
                let (q, r) = self.udivrem64(ins[0], ins[1]);
                single(self, if e.prim == Prim::Div { q } else { r });
                return;
            }
            Prim::Sign if u64_in => {
                let zero = self.lit(Scalar::I64(0), ins[0]);
                let one = self.lit(Scalar::I64(1), ins[0]);
                let nz = self.bin(Prim::Ne, ins[0], zero);
                let v = self.op(Prim::Select, &[nz, one, zero]);
                single(self, v);
                return;
            }
            // Every uint64 is its own absolute value.
            Prim::Abs if u64_in => {
                single(self, ins[0]);
                return;
            }
            Prim::Argmax { .. } | Prim::Argmin { .. } | Prim::Argsort { .. } if u64_in => {
                let x = self.flip(ins[0]);
                let v = self.op(e.prim.clone(), &[x]);
                single(self, v);
                return;
            }
            _ => {}
        }
        let prim = match &e.prim {
            Prim::CustomVjp { primal, fwd, bwd } => Prim::CustomVjp { primal: Rc::new(legalize(primal)), fwd: Rc::new(legalize(fwd)), bwd: Rc::new(legalize(bwd)) },
            Prim::CustomJvp { primal, jvp } => Prim::CustomJvp { primal: Rc::new(legalize(primal)), jvp: Rc::new(legalize(jvp)) },
            Prim::CustomLinear { bwd, n_res, out_types } => Prim::CustomLinear { bwd: Rc::new(legalize(bwd)), n_res: *n_res, out_types: out_types.iter().map(storage_ty).collect() },
            p => p.clone(),
        };
        let outs: Vec<Var> = e.outs.iter().map(|&o| self.var(storage_ty(src.ty(o)))).collect();
        self.out.eqns.push(Eqn { prim, ins, outs: outs.clone() });
        for ((&o, &v), &d) in e.outs.iter().zip(&outs).zip(&out_d) {
            let v = if closed(&e.prim, d) { v } else { self.fix(v, d) };
            self.map[o.0 as usize] = v;
        }
    }
}

#[cfg(test)]
mod tests {
    use crate::array::round_f16;

    /// The float16 rounding against a bit-level reference, on every float32 bit pattern in a
    /// stride that covers each exponent and the ties between halves.
    #[test]
    fn round_f16_matches_bit_reference() {
        fn reference(x: f32) -> f32 {
            // IEEE half from float32 by integer arithmetic (round half to even).
            let b = x.to_bits();
            let sign = (b >> 16) & 0x8000;
            let e = ((b >> 23) & 0xff) as i32;
            let m = b & 0x7f_ffff;
            let h: u32 = if e == 0xff {
                sign | 0x7c00 | if m != 0 { 0x200 } else { 0 }
            } else {
                let e16 = e - 127 + 15;
                if e16 >= 0x1f {
                    sign | 0x7c00
                } else if e16 <= 0 {
                    if e16 < -10 {
                        sign
                    } else {
                        let m = m | 0x80_0000;
                        let shift = (14 - e16) as u32;
                        let half = 1u32 << (shift - 1);
                        let mut r = m >> shift;
                        let rem = m & ((1 << shift) - 1);
                        if rem > half || (rem == half && r & 1 == 1) {
                            r += 1;
                        }
                        sign | r
                    }
                } else {
                    let mut r = ((e16 as u32) << 10) | (m >> 13);
                    let rem = m & 0x1fff;
                    if rem > 0x1000 || (rem == 0x1000 && r & 1 == 1) {
                        r += 1;
                    }
                    sign | r
                }
            };
            // half to float
            let s = if h & 0x8000 != 0 { -1.0f64 } else { 1.0 };
            let e = ((h >> 10) & 0x1f) as i32;
            let m = (h & 0x3ff) as f64;
            (if e == 0x1f {
                if m != 0.0 { f64::NAN } else { s * f64::INFINITY }
            } else if e == 0 {
                s * m * 2f64.powi(-24)
            } else {
                s * (1.0 + m / 1024.0) * 2f64.powi(e - 15)
            }) as f32
        }
        let mut bits: u32 = 0;
        loop {
            for b in [bits, bits | 0x1000, bits | 0x0fff, bits | 0x1fff, bits ^ 0x8000_0000] {
                let x = f32::from_bits(b);
                let (want, got) = (reference(x), round_f16(x as f64));
                assert!(want.to_bits() == got.to_bits() || (want.is_nan() && got.is_nan()), "{x:e} ({b:#x}): want {want:e}, got {got:e}");
            }
            match bits.checked_add(0x1_2000 + 7) {
                Some(b) => bits = b,
                None => break,
            }
        }
    }
}
