//! The `cpu` device against `eval`: every primitive on random shapes (empty, odd sizes, ranks up
//! to 4, every dtype it takes), fused combinations, non-contiguous views, broadcasting; and the
//! worst-case error of the inlined float32 polynomials over the whole float32 range.
//!
//! The same file runs as the `gpu` device's tests (`backend::gpu::shared_tests`, with
//! `TEST_DEVICE` = gpu): every check there is the GPU against `eval`, and the polynomial test
//! measures the WGSL functions.

use crate::array::{DType, HostArray, Scalar};
use crate::backend::{Device, Runtime};
use crate::ir::{Builder, Func, Type, Var};
use crate::prim::{Prim, ScatterMode};

use super::TEST_DEVICE;

/// The device under test as `Stage::sync` runs it: through a runtime (plan cache, legalize,
/// fallbacks).
struct Cpu(Runtime);

/// The counters the tests look at.
struct TestStats {
    plan_misses: u64,
    kernel_misses: u64,
    eval_fallbacks: Vec<String>,
}

impl Cpu {
    fn new() -> Cpu {
        Cpu(Runtime::with_device(TEST_DEVICE))
    }
    fn run(&mut self, f: &Func, args: &[HostArray]) -> Result<Vec<HostArray>, String> {
        self.0.run_func(f, args)
    }
    fn stats(&mut self) -> TestStats {
        let plan_misses = self.0.plans.misses;
        // On the GPU, float64 transcendental functions run on the CPU by design (WGSL has none).
        let mut fb: Vec<String> = self.0.fallbacks.iter().filter(|m| !(m.starts_with("ran on cpu") && m.contains("float64"))).cloned().collect();
        let c = self.0.cpu();
        fb.extend(c.stats.eval_fallbacks.iter().cloned());
        TestStats { plan_misses, kernel_misses: c.stats.kernel_misses, eval_fallbacks: fb }
    }
    fn vector_fallbacks(&mut self) -> Vec<String> {
        self.0.cpu().vector_fallbacks()
    }
    fn report(&mut self) -> String {
        self.0.kernels_report()
    }
}

/// A small deterministic generator (xorshift).
struct Rng(u64);

impl Rng {
    fn next(&mut self) -> u64 {
        self.0 ^= self.0 << 13;
        self.0 ^= self.0 >> 7;
        self.0 ^= self.0 << 17;
        self.0
    }
    fn below(&mut self, n: usize) -> usize {
        (self.next() % n.max(1) as u64) as usize
    }
    fn unit(&mut self) -> f64 {
        (self.next() >> 11) as f64 / (1u64 << 53) as f64
    }
    fn array(&mut self, shape: &[usize], dt: DType, positive: bool) -> HostArray {
        let n: usize = shape.iter().product();
        let v: Vec<Scalar> = (0..n)
            .map(|_| match dt {
                DType::Bool => Scalar::Bool(self.next() & 1 == 1),
                DType::I32 | DType::I64 => Scalar::I64(if positive { self.below(6) as i64 } else { self.below(21) as i64 - 10 }),
                DType::F32 | DType::F64 => {
                    let x = self.unit() * 6.0 - 3.0;
                    Scalar::F64(if positive { x.abs() + 0.1 } else { x })
                }
                _ => unreachable!("the CPU backend sees only the five storage dtypes"),
            })
            .collect();
        HostArray::from_scalars(shape, dt, &v)
    }
    fn shape(&mut self, max_rank: usize) -> Vec<usize> {
        const SIZES: [usize; 9] = [1, 2, 3, 4, 5, 7, 9, 13, 17];
        let r = self.below(max_rank + 1);
        (0..r).map(|_| if self.below(12) == 0 { 0 } else { SIZES[self.below(SIZES.len())] }).collect()
    }
}

/// Whether two results agree: exactly for bools and ints, within f32 rtol 1e-5 / f64 1e-12
/// (relative to the larger of the value and 1) for floats, NaN matching NaN.
fn agree(a: &HostArray, b: &HostArray) -> Result<(), String> {
    if a.shape != b.shape || a.dtype() != b.dtype() {
        return Err(format!("cpu gave {:?} {}, eval {:?} {}", a.shape, a.dtype(), b.shape, b.dtype()));
    }
    let tol = match a.dtype() {
        DType::F32 => 1e-5,
        DType::F64 => 1e-12,
        _ => 0.0,
    };
    for i in 0..a.len() {
        let (x, y) = (a.get(i).to_f64(), b.get(i).to_f64());
        if x.is_nan() && y.is_nan() || x == y {
            continue;
        }
        if (x - y).abs() > tol * y.abs().max(1.0) {
            return Err(format!("element {i}: cpu {x}, eval {y}"));
        }
    }
    Ok(())
}

/// Run `f` on both devices and compare.
fn check(cpu: &mut Cpu, f: &Func, args: &[HostArray]) {
    f.verify().unwrap_or_else(|m| panic!("test function does not verify: {m}\n{f}"));
    let want = crate::eval::eval_func(f, args).unwrap_or_else(|m| panic!("eval failed: {m}\n{f}"));
    let got = cpu.run(f, args).unwrap_or_else(|m| panic!("cpu failed: {m}\n{f}"));
    assert!(cpu.stats().eval_fallbacks.is_empty(), "ran on eval: {}\n{f}", cpu.stats().eval_fallbacks[0]);
    let fb = cpu.vector_fallbacks();
    assert!(fb.is_empty(), "a vector form did not compile: {}\n{f}", fb[0]);
    for (o, (g, w)) in got.iter().zip(&want).enumerate() {
        if let Err(m) = agree(g, w) {
            let plan = crate::fuse::plan(f).map(|p| p.to_string()).unwrap_or_default();
            panic!("output {o} differs: {m}\n{f}\n{plan}");
        }
    }
}

/// A one-primitive function of parameters of the given types.
fn func1(prim: Prim, tys: &[Type]) -> Option<Func> {
    let mut b = Builder::new();
    let ps: Vec<Var> = tys.iter().map(|t| b.param(t.clone())).collect();
    let outs = b.bind(prim, &ps).ok()?;
    Some(b.finish(outs))
}

const ALL: [DType; 5] = [DType::Bool, DType::I32, DType::I64, DType::F32, DType::F64];

#[test]
fn elementwise_primitives_on_every_dtype() {
    let mut cpu = Cpu::new();
    let mut rng = Rng(0x5eed);
    let unary = [
        Prim::Neg,
        Prim::Not,
        Prim::Abs,
        Prim::Sign,
        Prim::Floor,
        Prim::Ceil,
        Prim::Round,
        Prim::Exp,
        Prim::Log,
        Prim::Log1p,
        Prim::Expm1,
        Prim::Sqrt,
        Prim::Sin,
        Prim::Cos,
        Prim::Tan,
        Prim::Asin,
        Prim::Acos,
        Prim::Atan,
        Prim::Sinh,
        Prim::Cosh,
        Prim::Tanh,
        Prim::IntegerPow { y: 0 },
        Prim::IntegerPow { y: 1 },
        Prim::IntegerPow { y: 2 },
        Prim::IntegerPow { y: 3 },
        Prim::IntegerPow { y: 6 },
        Prim::IntegerPow { y: -1 },
        Prim::IntegerPow { y: -5 },
    ];
    let binary = [
        Prim::Add,
        Prim::Sub,
        Prim::Mul,
        Prim::Div,
        Prim::Rem,
        Prim::Pow,
        Prim::Max,
        Prim::Min,
        Prim::Atan2,
        Prim::Eq,
        Prim::Ne,
        Prim::Lt,
        Prim::Le,
        Prim::Gt,
        Prim::Ge,
        Prim::And,
        Prim::Or,
        Prim::Xor,
    ];
    for shape in [vec![], vec![0], vec![1], vec![3], vec![4], vec![7], vec![37], vec![3, 5], vec![2, 0, 3], vec![2, 3, 4, 5], vec![1030]] {
        for dt in ALL {
            let t = Type::new(&shape, dt);
            for p in &unary {
                if let Some(f) = func1(p.clone(), std::slice::from_ref(&t)) {
                    let positive = matches!(p, Prim::Log | Prim::Sqrt | Prim::Log1p);
                    let mut x = rng.array(&shape, dt, positive);
                    if matches!(p, Prim::Asin | Prim::Acos) {
                        x = HostArray::from_scalars(&shape, dt, &(0..x.len()).map(|i| Scalar::F64(x.get(i).to_f64() / 3.0)).collect::<Vec<_>>());
                    }
                    check(&mut cpu, &f, &[x]);
                }
            }
            for p in &binary {
                if let Some(f) = func1(p.clone(), &[t.clone(), t.clone()]) {
                    let positive = matches!(p, Prim::Pow) && dt.is_int();
                    let (x, y) = (rng.array(&shape, dt, false), rng.array(&shape, dt, positive));
                    check(&mut cpu, &f, &[x, y]);
                }
            }
            let pt = Type::new(&shape, DType::Bool);
            if let Some(f) = func1(Prim::Select, &[pt, t.clone(), t.clone()]) {
                let args = [rng.array(&shape, DType::Bool, false), rng.array(&shape, dt, false), rng.array(&shape, dt, false)];
                check(&mut cpu, &f, &args);
            }
            for to in ALL {
                let f = func1(Prim::Cast { dtype: to }, std::slice::from_ref(&t)).expect("cast");
                let mut x = rng.array(&shape, dt, false);
                if dt.is_float() && x.len() > 2 {
                    // Out-of-range and NaN conversions follow numpy on x86.
                    let mut v: Vec<Scalar> = (0..x.len()).map(|i| x.get(i)).collect();
                    v[0] = Scalar::F64(f64::NAN);
                    v[1] = Scalar::F64(3e10);
                    x = HostArray::from_scalars(&shape, dt, &v);
                }
                check(&mut cpu, &f, &[x]);
            }
        }
    }
}

/// `integer_pow` compiles to the very products `eval` computes: equal bits, not just close.
#[test]
fn integer_pow_matches_eval_bit_for_bit() {
    let mut cpu = Cpu::new();
    let mut rng = Rng(0x1b0);
    for dt in [DType::F32, DType::F64] {
        for n in [1, 3, 4, 8, 37] {
            let x = rng.array(&[n], dt, false);
            for y in -7..=9 {
                let f = func1(Prim::IntegerPow { y }, &[Type::new(&[n], dt)]).expect("integer_pow");
                let want = crate::eval::eval_func(&f, std::slice::from_ref(&x)).expect("eval");
                let got = cpu.run(&f, std::slice::from_ref(&x)).expect("cpu");
                for i in 0..n {
                    let (g, w) = (got[0].get(i).to_f64(), want[0].get(i).to_f64());
                    assert!(g.to_bits() == w.to_bits() || g.is_nan() && w.is_nan(), "{dt} x**{y} at {}: cpu {g}, eval {w}", x.get(i).to_f64());
                }
            }
        }
    }
}

#[test]
fn float_special_values() {
    let mut cpu = Cpu::new();
    let vals = [0.0, -0.0, 1.0, -1.0, f64::NAN, f64::INFINITY, f64::NEG_INFINITY, 1e-40, 1e-300, 88.0, 89.0, -104.0, 1e5, -3e9, 0.5, 710.0, 1e30];
    for dt in [DType::F32, DType::F64] {
        let x = HostArray::from_scalars(&[vals.len()], dt, &vals.iter().map(|&v| Scalar::F64(v)).collect::<Vec<_>>());
        let t = Type::new(&[vals.len()], dt);
        for p in [Prim::Exp, Prim::Log, Prim::Sin, Prim::Cos, Prim::Tanh, Prim::Sqrt, Prim::Sign, Prim::Round, Prim::Floor, Prim::Abs, Prim::IntegerPow { y: 3 }, Prim::IntegerPow { y: -2 }] {
            let f = func1(p, std::slice::from_ref(&t)).expect("unary");
            check(&mut cpu, &f, std::slice::from_ref(&x));
        }
        for p in [Prim::Max, Prim::Min, Prim::Rem, Prim::Pow, Prim::Atan2] {
            let f = func1(p, &[t.clone(), t.clone()]).expect("binary");
            let mut y: Vec<Scalar> = (0..vals.len()).map(|i| x.get((i * 7 + 3) % vals.len())).collect();
            y.rotate_left(1);
            check(&mut cpu, &f, &[x.clone(), HostArray::from_scalars(&[vals.len()], dt, &y)]);
        }
    }
}

/// A random subset of `0..n`, sorted.
fn axes(rng: &mut Rng, n: usize) -> Vec<usize> {
    (0..n).filter(|_| rng.below(2) == 0).collect()
}

#[test]
fn reductions_and_movement() {
    let mut cpu = Cpu::new();
    let mut rng = Rng(42);
    for _ in 0..300 {
        let shape = rng.shape(4);
        let dt = ALL[rng.below(5)];
        let t = Type::new(&shape, dt);
        let n = shape.len();
        let x = rng.array(&shape, dt, false);
        let ax = axes(&mut rng, n);
        let prims = vec![
            Prim::ReduceSum { axes: ax.clone() },
            Prim::ReduceProd { axes: ax.clone() },
            Prim::ReduceMax { axes: ax.clone() },
            Prim::ReduceMin { axes: ax.clone() },
            Prim::Argmax { axis: rng.below(n.max(1)), index_dtype: DType::I64 },
            Prim::Argmin { axis: rng.below(n.max(1)), index_dtype: DType::I32 },
            Prim::Cumsum { axis: rng.below(n.max(1)), reverse: rng.below(2) == 0 },
            Prim::Cumprod { axis: rng.below(n.max(1)), reverse: false },
            Prim::Reshape { shape: vec![shape.iter().product()] },
            Prim::Transpose { perm: (0..n).rev().collect() },
            Prim::Rev { axes: ax.clone() },
            Prim::Slice { start: shape.iter().map(|&d| d / 3).collect(), limit: shape.clone(), stride: shape.iter().map(|_| 1 + rng.below(2)).collect() },
            Prim::Pad { lo: vec![1; n], hi: vec![0; n], interior: vec![rng.below(2); n] },
            Prim::Concat { axis: rng.below(n.max(1)) },
            Prim::Sort { axis: rng.below(n.max(1)) },
            Prim::Argsort { axis: rng.below(n.max(1)), index_dtype: DType::I64 },
        ];
        for p in prims {
            let (tys, args): (Vec<Type>, Vec<HostArray>) = match &p {
                Prim::Pad { .. } => (vec![t.clone(), Type::new(&[], dt)], vec![x.clone(), rng.array(&[], dt, false)]),
                Prim::Concat { .. } => (vec![t.clone(), t.clone()], vec![x.clone(), rng.array(&shape, dt, false)]),
                _ => (vec![t.clone()], vec![x.clone()]),
            };
            // Alone, and fused behind an elementwise producer and in front of a consumer.
            if let Some(f) = func1(p.clone(), &tys) {
                check(&mut cpu, &f, &args);
            }
            if dt.is_float() {
                let mut b = Builder::new();
                let ps: Vec<Var> = tys.iter().map(|t| b.param(t.clone())).collect();
                let e = b.bind1(Prim::Sin, &[ps[0]]).expect("sin");
                let mut ins = ps.clone();
                ins[0] = e;
                let Ok(o) = b.bind1(p.clone(), &ins) else { continue };
                let ot = b.ty(o).clone();
                let o2 = if ot.dtype == dt { b.bind1(Prim::Exp, &[o]).expect("exp") } else { o };
                let f = b.finish(vec![o2, e]);
                check(&mut cpu, &f, &args);
            }
        }
    }
}

#[test]
fn broadcasting_of_every_rank() {
    let mut cpu = Cpu::new();
    let mut rng = Rng(7);
    for _ in 0..200 {
        let out = rng.shape(4);
        // An operand of lower rank whose kept dimensions are 1 or the output's size.
        let dims: Vec<usize> = (0..out.len()).filter(|_| rng.below(2) == 0).collect();
        let xs: Vec<usize> = dims.iter().map(|&d| if rng.below(3) == 0 { 1 } else { out[d] }).collect();
        for dt in [DType::F32, DType::F64, DType::I32, DType::Bool] {
            let mut b = Builder::new();
            let x = b.param(Type::new(&xs, dt));
            let y = b.param(Type::new(&out, dt));
            let bx = b.bind1(Prim::BroadcastInDim { shape: out.clone(), dims: dims.clone() }, &[x]).expect("broadcast");
            let op = if dt == DType::Bool { Prim::Xor } else { Prim::Add };
            let s = b.bind1(op, &[bx, y]).expect("op");
            let f = b.finish(vec![s, bx]);
            check(&mut cpu, &f, &[rng.array(&xs, dt, false), rng.array(&out, dt, false)]);
        }
    }
}

#[test]
fn other_primitives() {
    let mut cpu = Cpu::new();
    let mut rng = Rng(99);
    for dt in ALL {
        // gather and scatter
        let x = rng.array(&[5, 4], dt, false);
        let idx = HostArray::from_i64(&[3], vec![4, -1, 0]);
        let f = func1(Prim::Gather { axis: 0 }, &[Type::new(&[5, 4], dt), Type::new(&[3], DType::I64)]).expect("gather");
        check(&mut cpu, &f, &[x.clone(), idx.clone()]);
        for mode in [ScatterMode::Set, ScatterMode::Add, ScatterMode::Max] {
            if let Some(f) = func1(Prim::Scatter { axis: 0, mode }, &[Type::new(&[5, 4], dt), Type::new(&[3], DType::I64), Type::new(&[3, 4], dt)]) {
                check(&mut cpu, &f, &[x.clone(), idx.clone(), rng.array(&[3, 4], dt, false)]);
            }
        }
        // iota and literals
        if dt != DType::Bool {
            let f = func1(Prim::Iota { shape: vec![3, 5], axis: 1, dtype: dt }, &[]).expect("iota");
            check(&mut cpu, &f, &[]);
        }
        let f = func1(Prim::Literal(Scalar::F64(2.5).cast(dt)), &[]).expect("literal");
        check(&mut cpu, &f, &[]);
    }
    let t = Type::new(&[6], DType::I32);
    let f = func1(Prim::Threefry2x32, &[Type::new(&[], DType::I32), Type::new(&[], DType::I32), t.clone(), t]).expect("threefry");
    let args = [HostArray::from_i32(&[], vec![7]), HostArray::from_i32(&[], vec![-3]), rng.array(&[6], DType::I32, false), rng.array(&[6], DType::I32, false)];
    check(&mut cpu, &f, &args);
}

#[test]
fn dot_general_batched_and_strided() {
    let mut cpu = Cpu::new();
    let mut rng = Rng(3);
    for dt in ALL {
        // [b, m, k] x [b, k, n], then the same with a transposed rhs view and with empty sizes.
        for (b_, m, k, n) in [(2, 3, 4, 5), (1, 17, 9, 13), (3, 0, 2, 2), (2, 2, 0, 3), (1, 64, 70, 65)] {
            let lt = Type::new(&[b_, m, k], dt);
            let rt = Type::new(&[b_, k, n], dt);
            let p = Prim::DotGeneral { lhs_contract: vec![2], rhs_contract: vec![1], lhs_batch: vec![0], rhs_batch: vec![0] };
            let Some(f) = func1(p, &[lt.clone(), rt.clone()]) else { continue };
            let (l, r) = (rng.array(&[b_, m, k], dt, false), rng.array(&[b_, k, n], dt, false));
            check(&mut cpu, &f, &[l.clone(), r.clone()]);
            // rhs given as [b, n, k] and transposed in the graph; lhs sliced.
            let mut bld = Builder::new();
            let x = bld.param(lt.clone());
            let y = bld.param(Type::new(&[b_, n, k], dt));
            let yt = bld.bind1(Prim::Transpose { perm: vec![0, 2, 1] }, &[y]).expect("transpose");
            let o = bld.bind1(Prim::DotGeneral { lhs_contract: vec![2], rhs_contract: vec![1], lhs_batch: vec![0], rhs_batch: vec![0] }, &[x, yt]).expect("dot");
            let f = bld.finish(vec![o]);
            check(&mut cpu, &f, &[l, rng.array(&[b_, n, k], dt, false)]);
        }
        // Small matrix-vector products (the scan body's `W @ h`, and `h @ W`), which skip gemm:
        // contracting lengths with and without a remainder of 16, and a row view of a matrix.
        for (m, k) in [(64, 64), (5, 37), (1, 3), (33, 16)] {
            let p = Prim::DotGeneral { lhs_contract: vec![1], rhs_contract: vec![0], lhs_batch: vec![], rhs_batch: vec![] };
            if let Some(f) = func1(p.clone(), &[Type::new(&[m, k], dt), Type::new(&[k], dt)]) {
                check(&mut cpu, &f, &[rng.array(&[m, k], dt, false), rng.array(&[k], dt, false)]);
            }
            if let Some(f) = func1(p, &[Type::new(&[k], dt), Type::new(&[k, m], dt)]) {
                check(&mut cpu, &f, &[rng.array(&[k], dt, false), rng.array(&[k, m], dt, false)]);
            }
            let mut bld = Builder::new();
            let w = bld.param(Type::new(&[m, k + 3], dt));
            let x = bld.param(Type::new(&[k], dt));
            let ws = bld.bind1(Prim::Slice { start: vec![0, 2], limit: vec![m, k + 2], stride: vec![1, 1] }, &[w]).expect("slice");
            let o = bld.bind1(Prim::DotGeneral { lhs_contract: vec![1], rhs_contract: vec![0], lhs_batch: vec![], rhs_batch: vec![] }, &[ws, x]).expect("dot");
            let f = bld.finish(vec![o]);
            check(&mut cpu, &f, &[rng.array(&[m, k + 3], dt, false), rng.array(&[k], dt, false)]);
        }
        // Matrix-vector and two contracting dimensions.
        let p = Prim::DotGeneral { lhs_contract: vec![1, 2], rhs_contract: vec![0, 1], lhs_batch: vec![], rhs_batch: vec![] };
        if let Some(f) = func1(p, &[Type::new(&[3, 4, 5], dt), Type::new(&[4, 5], dt)]) {
            check(&mut cpu, &f, &[rng.array(&[3, 4, 5], dt, false), rng.array(&[4, 5], dt, false)]);
        }
        // Contracting dimensions whose strides do not merge (a transposed pair, as an im2col
        // window is), and a batch dimension in the middle: copied into gemm's layout first.
        let mut bld = Builder::new();
        let x = bld.param(Type::new(&[3, 4, 5], dt));
        let y = bld.param(Type::new(&[6, 2, 5, 4], dt));
        let xt = bld.bind1(Prim::Transpose { perm: vec![0, 2, 1] }, &[x]).expect("transpose");
        let p = Prim::DotGeneral { lhs_contract: vec![1, 2], rhs_contract: vec![2, 3], lhs_batch: vec![], rhs_batch: vec![] };
        let o = bld.bind1(p, &[xt, y]).expect("dot");
        let f = bld.finish(vec![o]);
        check(&mut cpu, &f, &[rng.array(&[3, 4, 5], dt, false), rng.array(&[6, 2, 5, 4], dt, false)]);
        let mut bld = Builder::new();
        let x = bld.param(Type::new(&[4, 3, 5], dt));
        let y = bld.param(Type::new(&[3, 5, 2], dt));
        let xt = bld.bind1(Prim::Transpose { perm: vec![2, 1, 0] }, &[x]).expect("transpose");
        let p = Prim::DotGeneral { lhs_contract: vec![0], rhs_contract: vec![1], lhs_batch: vec![1], rhs_batch: vec![0] };
        let o = bld.bind1(p, &[xt, y]).expect("dot");
        let f = bld.finish(vec![o]);
        check(&mut cpu, &f, &[rng.array(&[4, 3, 5], dt, false), rng.array(&[3, 5, 2], dt, false)]);
    }
}

/// Large products run in tiles of rows and columns, one gemm call each (so that an interrupt is
/// seen between them): here with tiny tiles, every tile lands where it belongs, for both float
/// dtypes, a batch, a transposed operand and a sliced one; and the tiles cover the product once.
#[test]
fn products_in_tiles_equal_eval() {
    use crate::backend::cpu::dot::{tiles, TILES_FOR_TESTS};
    for (m, n, k) in [(17, 13, 9), (5, 300, 4), (300, 5, 4), (64, 64, 64), (1, 1, 1)] {
        let mut seen = vec![0u8; m * n];
        TILES_FOR_TESTS.with(|t| t.set(Some((100, 3))));
        let ts: Vec<_> = tiles(m, n, k).collect();
        TILES_FOR_TESTS.with(|t| t.set(None));
        assert!(m * n * k <= 200 || ts.len() > 1, "{m}x{n}x{k} was not tiled");
        for (i0, i1, j0, j1) in ts {
            for i in i0..i1 {
                for j in j0..j1 {
                    seen[i * n + j] += 1;
                }
            }
        }
        assert!(seen.iter().all(|&c| c == 1), "the tiles of {m}x{n}x{k} do not cover it once");
    }
    assert!(tiles(4096, 4096, 4096).count() > 1, "a 4096³ product runs in one call");
    assert_eq!(tiles(1024, 1024, 1024).count(), 1, "a 1024³ product is split");
    let mut cpu = Cpu::new();
    let mut rng = Rng(11);
    TILES_FOR_TESTS.with(|t| t.set(Some((100, 3))));
    for dt in [DType::F32, DType::F64] {
        for (b_, m, k, n) in [(2, 17, 9, 13), (1, 40, 7, 33)] {
            let p = Prim::DotGeneral { lhs_contract: vec![2], rhs_contract: vec![1], lhs_batch: vec![0], rhs_batch: vec![0] };
            let f = func1(p, &[Type::new(&[b_, m, k], dt), Type::new(&[b_, k, n], dt)]).expect("dot");
            check(&mut cpu, &f, &[rng.array(&[b_, m, k], dt, false), rng.array(&[b_, k, n], dt, false)]);
            let mut bld = Builder::new();
            let x = bld.param(Type::new(&[b_, m + 2, k], dt));
            let y = bld.param(Type::new(&[b_, n, k], dt));
            let xs = bld.bind1(Prim::Slice { start: vec![0, 1, 0], limit: vec![b_, m + 1, k], stride: vec![1, 1, 1] }, &[x]).expect("slice");
            let yt = bld.bind1(Prim::Transpose { perm: vec![0, 2, 1] }, &[y]).expect("transpose");
            let o = bld.bind1(Prim::DotGeneral { lhs_contract: vec![2], rhs_contract: vec![1], lhs_batch: vec![0], rhs_batch: vec![0] }, &[xs, yt]).expect("dot");
            let f = bld.finish(vec![o]);
            check(&mut cpu, &f, &[rng.array(&[b_, m + 2, k], dt, false), rng.array(&[b_, n, k], dt, false)]);
        }
    }
    TILES_FOR_TESTS.with(|t| t.set(None));
}

/// Products of an MLP step's sizes run in pieces, this thread and the team's helpers each a
/// block of rows or of columns (`dot`, `team`): every block lands where it belongs, for both
/// float dtypes, splits along rows and along columns, sizes that are not multiples of the
/// microkernel's, and transposed operands (the backward pass's `x.T @ d` and `d @ W.T`). The
/// elements are small integers, so that every sum is exact in float32 whatever its order and
/// the pieces must give eval's values bit for bit.
#[test]
fn products_in_pieces_equal_eval() {
    if TEST_DEVICE != Device::Cpu {
        return;
    }
    use crate::backend::cpu::dot::PRODUCTS_IN_PIECES;
    use std::sync::atomic::Ordering;
    let mut cpu = Cpu::new();
    let mut rng = Rng(17);
    let before = PRODUCTS_IN_PIECES.load(Ordering::Relaxed);
    let mut products = 0;
    let mut ints = |shape: &[usize], dt: DType| {
        let v: Vec<Scalar> = (0..shape.iter().product::<usize>()).map(|_| Scalar::F64(rng.below(15) as f64 - 7.0)).collect();
        HostArray::from_scalars(shape, dt, &v)
    };
    for dt in [DType::F32, DType::F64] {
        for (m, k, n) in [(128, 784, 256), (784, 128, 256), (130, 517, 70), (33, 301, 1500)] {
            let p = Prim::DotGeneral { lhs_contract: vec![1], rhs_contract: vec![0], lhs_batch: vec![], rhs_batch: vec![] };
            let f = func1(p, &[Type::new(&[m, k], dt), Type::new(&[k, n], dt)]).expect("dot");
            check(&mut cpu, &f, &[ints(&[m, k], dt), ints(&[k, n], dt)]);
            // x.T @ d and d @ W.T: both operands transposed views.
            let mut bld = Builder::new();
            let x = bld.param(Type::new(&[k, m], dt));
            let w = bld.param(Type::new(&[n, k], dt));
            let xt = bld.bind1(Prim::Transpose { perm: vec![1, 0] }, &[x]).expect("transpose");
            let wt = bld.bind1(Prim::Transpose { perm: vec![1, 0] }, &[w]).expect("transpose");
            let o = bld.bind1(Prim::DotGeneral { lhs_contract: vec![1], rhs_contract: vec![0], lhs_batch: vec![], rhs_batch: vec![] }, &[xt, wt]).expect("dot");
            let f = bld.finish(vec![o]);
            check(&mut cpu, &f, &[ints(&[k, m], dt), ints(&[n, k], dt)]);
            products += 2;
        }
    }
    if crate::backend::cpu::team::threads() > 1 {
        assert!(PRODUCTS_IN_PIECES.load(Ordering::Relaxed) - before >= products, "the products did not run in pieces");
    }
}

/// Independent products of about the same size run side by side where pairing is on
/// (`SLOPE_CPU_PAIR=1`; off by default), one on each thread (`dot::pair`,
/// the backward pass's `dW = xᵀ·d` and `dx = d·Wᵀ`), and every output lands where it belongs:
/// pairs of both float dtypes, of a layer's sizes and of a small layer's, with transposed
/// operands; a product whose operand an elementwise step between them computes, and a product
/// far smaller than the one before it, run alone. Small integer elements keep every sum exact,
/// so the outputs must equal eval's bit for bit.
#[test]
fn independent_products_side_by_side_equal_eval() {
    if TEST_DEVICE != Device::Cpu {
        return;
    }
    let paired = || crate::backend::cpu::dot::PRODUCTS_PAIRED.with(|c| c.get());
    crate::backend::cpu::dot::FORCE_PAIR.with(|f| f.set(true));
    let mut cpu = Cpu::new();
    let mut rng = Rng(23);
    let mut ints = |shape: &[usize], dt: DType| {
        let v: Vec<Scalar> = (0..shape.iter().product::<usize>()).map(|_| Scalar::F64(rng.below(9) as f64 - 4.0)).collect();
        HostArray::from_scalars(shape, dt, &v)
    };
    let dotp = || Prim::DotGeneral { lhs_contract: vec![1], rhs_contract: vec![0], lhs_batch: vec![], rhs_batch: vec![] };
    let tr = || Prim::Transpose { perm: vec![1, 0] };
    let before = paired();
    let mut pairs = 0;
    for dt in [DType::F32, DType::F64] {
        for (b_, i, o) in [(128, 256, 256), (128, 256, 10), (40, 300, 70)] {
            // dw = x.T @ d, dx = d @ w.T, and dx * 2 after them.
            let mut bld = Builder::new();
            let x = bld.param(Type::new(&[b_, i], dt));
            let d = bld.param(Type::new(&[b_, o], dt));
            let w = bld.param(Type::new(&[i, o], dt));
            let xt = bld.bind1(tr(), &[x]).expect("transpose");
            let wt = bld.bind1(tr(), &[w]).expect("transpose");
            let dw = bld.bind1(dotp(), &[xt, d]).expect("dot");
            let dx = bld.bind1(dotp(), &[d, wt]).expect("dot");
            let two = bld.bind1(Prim::Add, &[dx, dx]).expect("add");
            let f = bld.finish(vec![dw, dx, two]);
            check(&mut cpu, &f, &[ints(&[b_, i], dt), ints(&[b_, o], dt), ints(&[i, o], dt)]);
            pairs += 2;
        }
        // y = x @ w, then (y + y) @ w: the second product needs the step between them.
        let mut bld = Builder::new();
        let x = bld.param(Type::new(&[128, 256], dt));
        let w = bld.param(Type::new(&[256, 256], dt));
        let y = bld.bind1(dotp(), &[x, w]).expect("dot");
        let y2 = bld.bind1(Prim::Add, &[y, y]).expect("add");
        let z = bld.bind1(dotp(), &[y2, w]).expect("dot");
        let f = bld.finish(vec![z]);
        check(&mut cpu, &f, &[ints(&[128, 256], dt), ints(&[256, 256], dt)]);
        // A large product then an independent one 64 times smaller: each alone.
        let mut bld = Builder::new();
        let x = bld.param(Type::new(&[128, 256], dt));
        let w = bld.param(Type::new(&[256, 256], dt));
        let v = bld.param(Type::new(&[256, 4], dt));
        let a = bld.bind1(dotp(), &[x, w]).expect("dot");
        let b = bld.bind1(dotp(), &[x, v]).expect("dot");
        let f = bld.finish(vec![a, b]);
        let p0 = paired();
        check(&mut cpu, &f, &[ints(&[128, 256], dt), ints(&[256, 256], dt), ints(&[256, 4], dt)]);
        assert_eq!(paired(), p0, "products of very different sizes ran as a pair");
    }
    crate::backend::cpu::dot::FORCE_PAIR.with(|f| f.set(false));
    if crate::backend::cpu::team::threads() > 1 {
        assert!(paired() - before >= pairs, "the independent products did not run side by side");
    }
}

/// The team runs every piece of a job once, job after job, from nested jobs too, and a piece
/// that panics neither hangs the caller nor stops the team.
#[test]
fn team_runs_each_piece_once() {
    if TEST_DEVICE != Device::Cpu {
        return;
    }
    use crate::backend::cpu::team;
    use std::sync::atomic::{AtomicUsize, Ordering};
    for round in 0..2000 {
        let n = round % 9;
        let seen: Vec<AtomicUsize> = (0..n).map(|_| AtomicUsize::new(0)).collect();
        assert!(team::run(n, &|i| {
            seen[i].fetch_add(1, Ordering::Relaxed);
        }));
        assert!(seen.iter().all(|c| c.load(Ordering::Relaxed) == 1), "round {round}: a piece did not run once");
    }
    let inner = AtomicUsize::new(0);
    assert!(team::run(4, &|_| {
        assert!(team::run(3, &|_| {
            inner.fetch_add(1, Ordering::Relaxed);
        }));
    }));
    assert_eq!(inner.load(Ordering::Relaxed), 12);
    let done = AtomicUsize::new(0);
    let r = std::panic::catch_unwind(std::panic::AssertUnwindSafe(|| {
        team::run(4, &|i| {
            if i == 1 {
                panic!("piece 1 fails");
            }
            done.fetch_add(1, Ordering::Relaxed);
        })
    }));
    // Piece 1 ran on this thread (its panic comes back) or on a helper (run says false).
    assert!(matches!(r, Err(_) | Ok(false)));
    assert_eq!(done.load(Ordering::Relaxed), 3);
    assert!(team::run(2, &|_| {}));
}

/// Fused programs as the interpreter stages them: softmax, mean and variance, a transcendental
/// chain with a scalar parameter, several outputs, views feeding reductions.
#[test]
fn fused_programs() {
    let mut cpu = Cpu::new();
    let mut rng = Rng(11);
    for dt in [DType::F32, DType::F64] {
        for (r, c) in [(4, 7), (3, 1), (0, 5), (5, 0), (33, 130)] {
            let t = Type::new(&[r, c], dt);
            let mut b = Builder::new();
            let x = b.param(t.clone());
            let m = b.bind1(Prim::ReduceMax { axes: vec![1] }, &[x]).ok();
            let Some(m) = m else { continue };
            let mb = b.bind1(Prim::BroadcastInDim { shape: vec![r, c], dims: vec![0] }, &[m]).expect("bcast");
            let d = b.bind1(Prim::Sub, &[x, mb]).expect("sub");
            let e = b.bind1(Prim::Exp, &[d]).expect("exp");
            let s = b.bind1(Prim::ReduceSum { axes: vec![1] }, &[e]).expect("sum");
            let sb = b.bind1(Prim::BroadcastInDim { shape: vec![r, c], dims: vec![0] }, &[s]).expect("bcast");
            let o = b.bind1(Prim::Div, &[e, sb]).expect("div");
            // Row mean and variance of x, and a column sum (a reduction along a strided axis).
            let n = b.bind1(Prim::Literal(Scalar::F64(c as f64).cast(dt)), &[]).expect("lit");
            let sx = b.bind1(Prim::ReduceSum { axes: vec![1] }, &[x]).expect("sum");
            let nb = b.bind1(Prim::BroadcastInDim { shape: vec![r], dims: vec![] }, &[n]).expect("bcast");
            let mean = b.bind1(Prim::Div, &[sx, nb]).expect("div");
            let meanb = b.bind1(Prim::BroadcastInDim { shape: vec![r, c], dims: vec![0] }, &[mean]).expect("bcast");
            let dev = b.bind1(Prim::Sub, &[x, meanb]).expect("sub");
            let sq = b.bind1(Prim::Mul, &[dev, dev]).expect("mul");
            let ss = b.bind1(Prim::ReduceSum { axes: vec![1] }, &[sq]).expect("sum");
            let var = b.bind1(Prim::Div, &[ss, nb]).expect("div");
            let col = b.bind1(Prim::ReduceSum { axes: vec![0] }, &[x]).expect("colsum");
            let colb = b.bind1(Prim::BroadcastInDim { shape: vec![r, c], dims: vec![1] }, &[col]).expect("bcast");
            let centered = b.bind1(Prim::Sub, &[x, colb]).expect("sub");
            let f = b.finish(vec![o, mean, var, centered]);
            check(&mut cpu, &f, &[rng.array(&[r, c], dt, false)]);
        }
        // tanh(x)*a + exp(-x*x)*sin(3*x) with `a` a 0-d parameter; a new `a` must not replan.
        let n = 1003;
        let mut b = Builder::new();
        let x = b.param(Type::new(&[n], dt));
        let a = b.param(Type::new(&[], dt));
        let ab = b.bind1(Prim::BroadcastInDim { shape: vec![n], dims: vec![] }, &[a]).expect("bcast");
        let th = b.bind1(Prim::Tanh, &[x]).expect("tanh");
        let t1 = b.bind1(Prim::Mul, &[th, ab]).expect("mul");
        let xx = b.bind1(Prim::Mul, &[x, x]).expect("mul");
        let nx = b.bind1(Prim::Neg, &[xx]).expect("neg");
        let ex = b.bind1(Prim::Exp, &[nx]).expect("exp");
        let three = b.bind1(Prim::Literal(Scalar::F64(3.0).cast(dt)), &[]).expect("lit");
        let threeb = b.bind1(Prim::BroadcastInDim { shape: vec![n], dims: vec![] }, &[three]).expect("bcast");
        let x3 = b.bind1(Prim::Mul, &[x, threeb]).expect("mul");
        let sn = b.bind1(Prim::Sin, &[x3]).expect("sin");
        let t2 = b.bind1(Prim::Mul, &[ex, sn]).expect("mul");
        let y = b.bind1(Prim::Add, &[t1, t2]).expect("add");
        let f = b.finish(vec![y]);
        let xv = rng.array(&[n], dt, false);
        check(&mut cpu, &f, &[xv.clone(), HostArray::from_scalars(&[], dt, &[Scalar::F64(0.5)])]);
        let misses = cpu.stats().plan_misses;
        let compiled = cpu.stats().kernel_misses;
        check(&mut cpu, &f, &[xv, HostArray::from_scalars(&[], dt, &[Scalar::F64(0.25)])]);
        assert_eq!(cpu.stats().plan_misses, misses, "a new scalar value planned again");
        assert_eq!(cpu.stats().kernel_misses, compiled, "a new scalar value compiled again");
        // A transposed, sliced, reversed view feeding a reduction and an elementwise op.
        let mut b = Builder::new();
        let x = b.param(Type::new(&[6, 9, 5], dt));
        let tx = b.bind1(Prim::Transpose { perm: vec![2, 0, 1] }, &[x]).expect("t");
        let sx = b.bind1(Prim::Slice { start: vec![1, 0, 2], limit: vec![5, 6, 9], stride: vec![2, 1, 3] }, &[tx]).expect("slice");
        let rx = b.bind1(Prim::Rev { axes: vec![1] }, &[sx]).expect("rev");
        let ex = b.bind1(Prim::Exp, &[rx]).expect("exp");
        let s = b.bind1(Prim::ReduceSum { axes: vec![1, 2] }, &[ex]).expect("sum");
        let rs = b.bind1(Prim::Reshape { shape: vec![4, 9] }, &[ex]).expect("reshape");
        let f = b.finish(vec![s, rs]);
        check(&mut cpu, &f, &[rng.array(&[6, 9, 5], dt, false)]);
        // A large full reduction (split in two stages) and a large row softmax (threads).
        let t = Type::new(&[300, 301], dt);
        let f = func1(Prim::ReduceSum { axes: vec![0, 1] }, std::slice::from_ref(&t)).expect("sum");
        check(&mut cpu, &f, &[rng.array(&[300, 301], dt, true)]);
        let f = func1(Prim::ReduceSum { axes: vec![0] }, &[Type::new(&[70000], dt)]).expect("sum");
        check(&mut cpu, &f, &[rng.array(&[70000], dt, true)]);
        // Large enough to run in several chunks per thread (rows 1001 do not divide evenly).
        let f = func1(Prim::ReduceMax { axes: vec![1] }, &[Type::new(&[1001, 600], dt)]).expect("max");
        check(&mut cpu, &f, &[rng.array(&[1001, 600], dt, false)]);
    }
}

/// A `Cpu` whose kernels run float32 transcendental functions on `lanes` lanes: 4 (generated
/// code), 8 or 16 (`wide`'s block functions); `None` where this CPU has no AVX2/FMA (8) or no
/// AVX-512F (16).
/// On the GPU (this file as `gpu::shared_tests`) there is one path, the WGSL functions.
fn cpu_with(lanes: usize) -> Option<Cpu> {
    let mut cpu = Cpu::new();
    if !matches!(TEST_DEVICE, Device::Cpu) {
        return if lanes > 4 { None } else { Some(cpu) };
    }
    use crate::backend::cpu::wide;
    if lanes == 8 && !wide::available() || lanes == 16 && !wide::available16() {
        return None;
    }
    let jit = cpu.0.cpu().jit().expect("jit");
    jit.wide = lanes > 4;
    jit.wide16 = lanes == 16;
    Some(cpu)
}

/// The worst error, in float32 ulps against float64, of the inlined polynomials, over float32
/// bit patterns spread over the whole range (every sign, exponent and many mantissas), on every
/// path: four-lane generated code, and eight-lane block functions where the CPU has them.
#[test]
fn f32_polynomials_within_4_ulp() {
    let n = 1 << 20;
    let stride = (1u64 << 32) / n as u64;
    let xs: Vec<f32> = (0..n as u64).map(|i| f32::from_bits((i * stride + (i * 2654435761) % stride) as u32)).collect();
    let x = HostArray::from_f32(&[n], xs.clone());
    let mut report = Vec::new();
    for lanes in [4, 8, 16] {
        let wide = lanes > 4;
        let Some(mut cpu) = cpu_with(lanes) else { continue };
        for (p, f64fn) in [
            (Prim::Exp, f64::exp as fn(f64) -> f64),
            (Prim::Log, f64::ln),
            (Prim::Sin, f64::sin),
            (Prim::Cos, f64::cos),
            (Prim::Tanh, f64::tanh),
        ] {
            let name = format!("{} ({lanes} lanes)", p.name());
            let f = func1(p, &[Type::new(&[n], DType::F32)]).expect("unary");
            let got = cpu.run(&f, std::slice::from_ref(&x)).expect("cpu");
            if wide {
                assert!(cpu.report().contains("call_indirect"), "{name}: no block call in the kernel");
            }
            let got = got[0].to_f64_vec();
            let mut worst = (0.0f64, 0.0f32);
            for (&xi, &g) in xs.iter().zip(&got) {
                let r = f64fn(xi as f64);
                let r32 = r as f32;
                if r.is_nan() {
                    assert!(g.is_nan(), "{name}({xi:e}) = {g}, want NaN");
                    continue;
                }
                if r32.is_infinite() {
                    assert_eq!(g as f32, r32, "{name}({xi:e})");
                    continue;
                }
                let a = r32.abs();
                let ulp = (f32::from_bits(a.to_bits() + 1) - a) as f64;
                let err = (g - r).abs() / ulp;
                if err > worst.0 {
                    worst = (err, xi);
                }
            }
            report.push(format!("{name}: {:.2} ulp at {:e}", worst.0, worst.1));
            assert!(worst.0 <= 4.0, "{name}: worst error {:.2} ulp at x = {:e}", worst.0, worst.1);
        }
    }
    println!("{}", report.join("\n"));
}

/// Maps with transcendental functions give the same bits on four lanes and on eight (the block
/// functions evaluate the same polynomials with the same FMAs), for lengths around the block
/// and vector sizes, rows of a 2-D map, nested functions (`exp(sin(x))`) and a value used both
/// inside and outside a function; and both agree with `eval`.
#[test]
fn wide_block_math_matches_four_lanes() {
    let (Some(mut narrow), Some(mut wide)) = (cpu_with(4), cpu_with(8)) else { return };
    let mut rng = Rng(11);
    for shape in [vec![33], vec![255], vec![256], vec![257], vec![1000], vec![7, 300], vec![3, 64]] {
        let t = Type::new(&shape, DType::F32);
        let mut b = Builder::new();
        let x = b.param(t.clone());
        let th = b.bind1(Prim::Tanh, &[x]).expect("tanh");
        let sn = b.bind1(Prim::Sin, &[x]).expect("sin");
        let es = b.bind1(Prim::Exp, &[sn]).expect("exp");
        let m = b.bind1(Prim::Mul, &[th, es]).expect("mul");
        let ab = b.bind1(Prim::Abs, &[x]).expect("abs");
        let lg = b.bind1(Prim::Log, &[ab]).expect("log");
        let cs = b.bind1(Prim::Cos, &[lg]).expect("cos");
        let y = b.bind1(Prim::Add, &[m, cs]).expect("add");
        let y2 = b.bind1(Prim::Add, &[y, x]).expect("add");
        let f = b.finish(vec![y2, es]);
        let mut xv = rng.array(&shape, DType::F32, false);
        // Large arguments (the host sin's lanes), NaN, zeros and infinities.
        if let crate::array::Data::F32(v) = &mut xv.data {
            let v = std::rc::Rc::make_mut(v);
            for (i, s) in [1e5f32, -3e4, f32::NAN, 0.0, -0.0, f32::INFINITY, 90.0, -120.0].iter().enumerate() {
                if i * 5 < v.len() {
                    v[i * 5] = *s;
                }
            }
        }
        let a = narrow.run(&f, std::slice::from_ref(&xv)).expect("cpu");
        let w = wide.run(&f, std::slice::from_ref(&xv)).expect("cpu");
        assert!(wide.report().contains("call_indirect"), "{shape:?}: no block call");
        let xs = xv.to_f64_vec();
        // The one documented difference: the lanes of a four-lane vector (rows here are
        // multiples of 4 long) where some argument of sin or cos (x, ln|x|) has magnitude ≥ 8192
        // take the host function there.
        let large = |x: f64| x.abs() >= 8192.0 || x.abs().ln().is_infinite();
        let near_large = |i: usize| (i / 4 * 4..(i / 4 * 4 + 4).min(xs.len())).any(|j| large(xs[j]));
        for (oi, (oa, ow)) in a.iter().zip(&w).enumerate() {
            let (va, vw) = (oa.to_f64_vec(), ow.to_f64_vec());
            for i in 0..va.len() {
                let near_large = near_large(i);
                assert!(va[i].to_bits() == vw[i].to_bits() || (va[i].is_nan() && vw[i].is_nan()) || near_large, "{shape:?} output {oi} element {i} (x = {}): 4 lanes {} vs 8 lanes {}", xs[i], va[i], vw[i]);
            }
        }
        check(&mut wide, &f, &[xv.clone()]);
        // Sixteen lanes: the same bits as eight on every element (both choose the host sin per
        // lane), and within the ulps of `eval`.
        if let Some(mut w16) = cpu_with(16) {
            let w2 = w16.run(&f, std::slice::from_ref(&xv)).expect("cpu");
            assert!(w16.report().contains("call_indirect"), "{shape:?}: no block call on 16 lanes");
            for (oi, (ow, o16)) in w.iter().zip(&w2).enumerate() {
                let (vw, v16) = (ow.to_f64_vec(), o16.to_f64_vec());
                for i in 0..vw.len() {
                    assert!(vw[i].to_bits() == v16[i].to_bits() || (vw[i].is_nan() && v16[i].is_nan()), "{shape:?} output {oi} element {i} (x = {}): 8 lanes {} vs 16 lanes {}", xs[i], vw[i], v16[i]);
                }
            }
            check(&mut w16, &f, &[xv]);
        }
    }
}

/// The block functions on eight and on sixteen lanes give the same bits, called directly on
/// edge values (±0, ±inf, NaN, subnormals, the limits of `exp`'s short form and clamp, of
/// `tanh`'s polynomial and clamp, |x| around 8192 and huge for `sin`/`cos`) and on float32 bit
/// patterns spread over the whole range, at lengths around the vector sizes (the tails); and
/// where a four-lane vector has no lane ≥ 8192 in magnitude, the four-lane generated code's bits.
#[test]
fn wide_block_math_same_bits_on_8_and_16_lanes() {
    use crate::backend::cpu::wide;
    if !matches!(TEST_DEVICE, Device::Cpu) || !wide::available16() {
        return;
    }
    use crate::fuse::kernel::UnOp;
    let mut xs: Vec<f32> = vec![
        0.0, -0.0, f32::INFINITY, f32::NEG_INFINITY, f32::NAN, -f32::NAN, f32::from_bits(1), -f32::from_bits(1),
        1e-40, -1e-40, f32::MIN_POSITIVE, -f32::MIN_POSITIVE, 1.0, -1.0, 0.625, -0.625, 0.624_999_94, 9.01, 10.0, -10.5,
        85.999_99, 86.0, -86.0, 88.7, 89.0, 89.5, -103.9, -104.0, -120.0, 8191.999, 8192.0, -8192.0, 1e5, -3e4, 1e30,
        f32::MAX, f32::MIN, std::f32::consts::PI, std::f32::consts::FRAC_PI_2, 1e-7,
    ];
    let n = 4096u64;
    let stride = (1u64 << 32) / n;
    xs.extend((0..n).map(|i| f32::from_bits((i * stride + (i * 2654435761) % stride) as u32)));
    let ops = [UnOp::Exp, UnOp::Log, UnOp::Tanh, UnOp::Sin, UnOp::Cos];
    for op in ops {
        let (f8, f16) = (wide::block_fn(op, false).expect("8 lanes"), wide::block_fn(op, true).expect("16 lanes"));
        // SAFETY: both are `unsafe extern "C" fn(*mut f32, i64)` (`block_fn`), and this CPU has
        // AVX-512F, AVX2 and FMA (checked above).
        let (f8, f16): (unsafe extern "C" fn(*mut f32, i64), unsafe extern "C" fn(*mut f32, i64)) = unsafe { (std::mem::transmute(f8), std::mem::transmute(f16)) };
        for len in [1usize, 7, 8, 15, 16, 17, 31, 32, 33, 64, 255, xs.len()] {
            for start in [0, 3, 40] {
                let src = &xs[start.min(xs.len() - len)..][..len];
                let (mut a, mut b) = (src.to_vec(), src.to_vec());
                // SAFETY: each holds `len` float32.
                unsafe {
                    f8(a.as_mut_ptr(), len as i64);
                    f16(b.as_mut_ptr(), len as i64);
                }
                for i in 0..len {
                    assert!(a[i].to_bits() == b[i].to_bits() || (a[i].is_nan() && b[i].is_nan()), "{op:?}({:e}) (length {len}): 8 lanes {:e} vs 16 lanes {:e}", src[i], a[i], b[i]);
                }
            }
        }
    }
    // Against the four-lane generated code and `eval`, element by element.
    let (Some(mut c4), Some(mut c16)) = (cpu_with(4), cpu_with(16)) else { return };
    let x = HostArray::from_f32(&[xs.len()], xs.clone());
    for p in [Prim::Exp, Prim::Log, Prim::Tanh, Prim::Sin, Prim::Cos] {
        let f = func1(p.clone(), &[Type::new(&[xs.len()], DType::F32)]).expect("unary");
        let a = c4.run(&f, std::slice::from_ref(&x)).expect("cpu")[0].to_f64_vec();
        let b = c16.run(&f, std::slice::from_ref(&x)).expect("cpu")[0].to_f64_vec();
        assert!(c16.report().contains("call_indirect"), "{}: no block call", p.name());
        let trig = matches!(p, Prim::Sin | Prim::Cos);
        let near_large = |i: usize| trig && (i / 4 * 4..(i / 4 * 4 + 4).min(xs.len())).any(|j| xs[j].abs() >= 8192.0);
        for i in 0..xs.len() {
            assert!(a[i].to_bits() == b[i].to_bits() || (a[i].is_nan() && b[i].is_nan()) || near_large(i), "{}({:e}): 4 lanes {:e} vs 16 lanes {:e}", p.name(), xs[i], a[i], b[i]);
        }
        check(&mut c16, &f, &[x.clone()]);
    }
}

/// The generated code uses vector lanes for float32 maps and row reductions, and the text forms
/// show what was compiled.
#[test]
fn kernels_vectorize() {
    if TEST_DEVICE != Device::Cpu {
        return;
    }
    let mut cpu = Cpu::new();
    for (p, shape) in [(Prim::Tanh, vec![64, 33]), (Prim::ReduceSum { axes: vec![1] }, vec![8, 100])] {
        let f = func1(p, &[Type::new(&shape, DType::F32)]).expect("prim");
        let x = Rng(5).array(&shape, DType::F32, false);
        check(&mut cpu, &f, &[x]);
        let report = cpu.report();
        assert!(report.contains("f32x4") && !report.contains("did not compile"), "no f32x4 lanes in:\n{report}");
        assert!(report.contains("kernel ("), "no kernel text in:\n{report}");
    }
}

/// A row softmax is one kernel that computes `exp` once per element: the sum and the division
/// read what the exponential phase wrote for the same row.
#[test]
fn softmax_is_one_kernel_with_one_exp() {
    let (r, c) = (8, 16);
    let mut b = Builder::new();
    let x = b.param(Type::new(&[r, c], DType::F32));
    let m = b.bind1(Prim::ReduceMax { axes: vec![1] }, &[x]).expect("max");
    let mb = b.bind1(Prim::BroadcastInDim { shape: vec![r, c], dims: vec![0] }, &[m]).expect("bcast");
    let d = b.bind1(Prim::Sub, &[x, mb]).expect("sub");
    let e = b.bind1(Prim::Exp, &[d]).expect("exp");
    let s = b.bind1(Prim::ReduceSum { axes: vec![1] }, &[e]).expect("sum");
    let sb = b.bind1(Prim::BroadcastInDim { shape: vec![r, c], dims: vec![0] }, &[s]).expect("bcast");
    let y = b.bind1(Prim::Div, &[e, sb]).expect("div");
    let f = b.finish(vec![e, y]);
    let plan = crate::fuse::plan(&f).expect("plan").to_string();
    assert_eq!(plan.matches("kernel (").count(), 1, "{plan}");
    assert_eq!(plan.matches("= exp").count(), 1, "{plan}");
    check(&mut Cpu::new(), &f, &[Rng(1).array(&[r, c], DType::F32, false)]);
    // When only the softmax is wanted, the exponentials live in a per-row scratch block.
    let mut g = f.clone();
    g.outs = vec![y];
    let plan = crate::fuse::plan(&g).expect("plan").to_string();
    assert!(plan.contains("scratch"), "{plan}");
    assert_eq!(plan.matches("= exp").count(), 1, "{plan}");
    let big = Rng(4).array(&[300, 257], DType::F32, false);
    let mut b = Builder::new();
    let x = b.param(Type::new(&[300, 257], DType::F32));
    let m = b.bind1(Prim::ReduceMax { axes: vec![1] }, &[x]).expect("max");
    let mb = b.bind1(Prim::BroadcastInDim { shape: vec![300, 257], dims: vec![0] }, &[m]).expect("bcast");
    let d = b.bind1(Prim::Sub, &[x, mb]).expect("sub");
    let e = b.bind1(Prim::Exp, &[d]).expect("exp");
    let s = b.bind1(Prim::ReduceSum { axes: vec![1] }, &[e]).expect("sum");
    let sb = b.bind1(Prim::BroadcastInDim { shape: vec![300, 257], dims: vec![0] }, &[s]).expect("bcast");
    let y = b.bind1(Prim::Div, &[e, sb]).expect("div");
    let g = b.finish(vec![y]);
    check(&mut Cpu::new(), &g, &[big]);
    check(&mut Cpu::new(), &g.clone(), &[Rng(1).array(&[300, 257], DType::F32, false)]);
}

/// A long chain of row reductions (more loop dimensions than one kernel may have) still plans.
#[test]
fn many_reductions_split_into_kernels() {
    let mut b = Builder::new();
    let x = b.param(Type::new(&[3, 4, 5], DType::F64));
    let mut acc = x;
    for _ in 0..40 {
        let s = b.bind1(Prim::ReduceSum { axes: vec![1, 2] }, &[acc]).expect("sum");
        let sb = b.bind1(Prim::BroadcastInDim { shape: vec![3, 4, 5], dims: vec![0] }, &[s]).expect("bcast");
        let t = b.bind1(Prim::Tanh, &[sb]).expect("tanh");
        acc = b.bind1(Prim::Add, &[acc, t]).expect("add");
    }
    let f = b.finish(vec![acc]);
    check(&mut Cpu::new(), &f, &[Rng(2).array(&[3, 4, 5], DType::F64, false)]);
}

/// Column mode: reductions over a leading axis (bias gradients) and transposed copies run with
/// lanes along the kept, contiguous axis, for sizes that are not a multiple of the lane count,
/// every reduction it takes (NaNs included), and the split across threads.
#[test]
fn column_mode_reductions_and_transposes() {
    let mut cpu = Cpu::new();
    let mut rng = Rng(7);
    for dt in [DType::F32, DType::F64, DType::I32] {
        for (r, c) in [(128, 256), (5, 7), (9, 4), (1, 13), (33, 3), (300, 301)] {
            let t = Type::new(&[r, c], dt);
            let mut x = rng.array(&[r, c], dt, false);
            if dt.is_float() && r * c > 20 {
                x = HostArray::from_scalars(&[r, c], dt, &(0..r * c).map(|i| if i % 37 == 5 { Scalar::F64(f64::NAN) } else { x.get(i) }).collect::<Vec<_>>());
            }
            let reds = [Prim::ReduceSum { axes: vec![0] }, Prim::ReduceMax { axes: vec![0] }, Prim::ReduceMin { axes: vec![0] }, Prim::ReduceProd { axes: vec![0] }];
            for p in reds {
                let mut b = Builder::new();
                let xp = b.param(t.clone());
                let Ok(s) = b.bind1(p.clone(), &[xp]) else { continue };
                // An epilogue on the reduced value and a broadcast back over the rows.
                let sq = b.bind1(Prim::Mul, &[s, s]).expect("mul");
                let sb = b.bind1(Prim::BroadcastInDim { shape: vec![r, c], dims: vec![1] }, &[sq]).expect("bcast");
                let d = b.bind1(Prim::Sub, &[xp, sb]).expect("sub");
                let f = b.finish(vec![s, d]);
                check(&mut cpu, &f, std::slice::from_ref(&x));
            }
            // A transposed copy with an elementwise op.
            let mut b = Builder::new();
            let xp = b.param(t.clone());
            let tx = b.bind1(Prim::Transpose { perm: vec![1, 0] }, &[xp]).expect("t");
            let y = b.bind1(Prim::Add, &[tx, tx]).expect("add");
            let f = b.finish(vec![y]);
            check(&mut cpu, &f, std::slice::from_ref(&x));
        }
    }
    // A bias gradient compiles to f32x4 lanes without per-lane gathers.
    let f = func1(Prim::ReduceSum { axes: vec![0] }, &[Type::new(&[128, 256], DType::F32)]).expect("sum");
    check(&mut cpu, &f, &[rng.array(&[128, 256], DType::F32, false)]);
    let report = cpu.report();
    if TEST_DEVICE == Device::Cpu {
        assert!(report.contains("load.f32x4") && !report.contains("insertlane"), "no column lanes in:\n{report}");
    }
    // A 3-d reduction over the first and last axes keeps the middle one in lanes where it can.
    let f = func1(Prim::ReduceSum { axes: vec![0, 2] }, &[Type::new(&[6, 10, 3], DType::F32)]).expect("sum");
    check(&mut cpu, &f, &[rng.array(&[6, 10, 3], DType::F32, false)]);
}

/// A division by a value that does not change along the innermost loop (softmax's division by
/// the row sum) gives bit for bit what `eval`'s division gives, for zeros of both signs,
/// infinities, NaN, overflow, subnormal and huge divisors, and many random quotients. (A
/// multiply by the reciprocal with one `fma` correction passed this too, but ran softmax 8 %
/// slower than `divps`, so the kernels divide.)
#[test]
fn division_by_a_row_value_is_correctly_rounded() {
    let mut cpu = Cpu::new();
    let mut rng = Rng(99);
    for dt in [DType::F32, DType::F64] {
        let (tiny, huge) = if dt == DType::F32 { (f32::MIN_POSITIVE as f64 / 8.0, f32::MAX as f64 / 2.0) } else { (f64::MIN_POSITIVE / 8.0, f64::MAX / 2.0) };
        let specials = [0.0, -0.0, f64::INFINITY, f64::NEG_INFINITY, f64::NAN, tiny, -tiny, huge, 1.0, 3.0, -7.0, 1e-30, 1e30];
        let divisors: Vec<f64> = specials.iter().copied().chain((0..20).map(|_| (rng.unit() - 0.5) * 10f64.powi(rng.below(13) as i32 - 6))).collect();
        let c = 37;
        let r = divisors.len();
        let xs: Vec<f64> = (0..r * c)
            .map(|i| if i % c < specials.len() { specials[i % c] } else { (rng.unit() - 0.5) * 10f64.powi(rng.below(21) as i32 - 10) })
            .collect();
        let to = |v: &[f64], shape: &[usize]| HostArray::from_scalars(shape, dt, &v.iter().map(|&x| Scalar::F64(x).cast(dt)).collect::<Vec<_>>());
        let mut b = Builder::new();
        let x = b.param(Type::new(&[r, c], dt));
        let s = b.param(Type::new(&[r], dt));
        let sb = b.bind1(Prim::BroadcastInDim { shape: vec![r, c], dims: vec![0] }, &[s]).expect("bcast");
        let q = b.bind1(Prim::Div, &[x, sb]).expect("div");
        let f = b.finish(vec![q]);
        let args = [to(&xs, &[r, c]), to(&divisors, &[r])];
        let want = crate::eval::eval_func(&f, &args).expect("eval");
        let got = cpu.run(&f, &args).expect("cpu");
        for i in 0..r * c {
            let (g, w) = (got[0].get(i).to_f64(), want[0].get(i).to_f64());
            let (gb, wb) = match dt {
                DType::F32 => ((g as f32).to_bits() as u64, (w as f32).to_bits() as u64),
                _ => (g.to_bits(), w.to_bits()),
            };
            // Subnormal quotients may be one unit off; every other one is exact.
            let subnormal = w != 0.0 && w.abs() < if dt == DType::F32 { f32::MIN_POSITIVE as f64 } else { f64::MIN_POSITIVE };
            assert!(gb == wb || g.is_nan() && w.is_nan() || subnormal && (g - w).abs() <= w.abs() * 1e-6 + tiny * 1e-6, "{dt:?} {} / {}: cpu {g:e}, eval {w:e}", xs[i], divisors[i / c]);
        }
    }
}

/// `x` times `s`, elementwise (small weights keep a recurrence contractive, so that rounding
/// differences between the devices do not grow over the steps).
fn scaled(x: &HostArray, s: f64) -> HostArray {
    let v: Vec<Scalar> = (0..x.len()).map(|i| Scalar::F64(x.get(i).to_f64() * s)).collect();
    HostArray::from_scalars(&x.shape, x.dtype(), &v)
}

/// `scan` against `eval`'s loop: an RNN cell (matrix-vector products on the rows of `xs`, a
/// carry that is also a y, a reduction and a slice as ys) forward and in reverse, over 0, 1 and
/// more steps; carries swapped or returned as they came, constants and rows of `xs` as carries
/// and ys; integer products and bools; a body kernel large enough to run on threads; and a
/// nested scan. On the cpu device, bodies without host steps run in place (`scan.rs`).
#[test]
fn scan_bodies_against_eval() {
    use std::rc::Rc;
    let mut cpu = Cpu::new();
    let mut rng = Rng(17);
    let dotp = || Prim::DotGeneral { lhs_contract: vec![1], rhs_contract: vec![0], lhs_batch: vec![], rhs_batch: vec![] };
    let scan = |body: Func, n_consts: usize, n_carry: usize, length: usize, reverse: bool| Prim::Scan { body: Rc::new(body), n_consts, n_carry, length, reverse };
    let mut in_place = 0;
    // The RNN cell: h = tanh(W @ h + U @ x + b); ys h, sum(h), h[0:1].
    // (64 × 64 over 90 steps: U @ x for every step computed in blocks on a helper thread while
    // the loop runs, in reverse.)
    for (h, len, reverse) in [(64, 90, true), (5, 7, true), (3, 0, false), (8, 1, true), (17, 4, false)] {
        for dt in [DType::F32, DType::F64] {
            let (t, m) = (Type::new(&[h], dt), Type::new(&[h, h], dt));
            let mut b = Builder::new();
            let (w, u, bb, hv, x) = (b.param(m.clone()), b.param(m.clone()), b.param(t.clone()), b.param(t.clone()), b.param(t.clone()));
            let wh = b.bind1(dotp(), &[w, hv]).expect("dot");
            let ux = b.bind1(dotp(), &[u, x]).expect("dot");
            let s = b.bind1(Prim::Add, &[wh, ux]).expect("add");
            let s = b.bind1(Prim::Add, &[s, bb]).expect("add");
            let hn = b.bind1(Prim::Tanh, &[s]).expect("tanh");
            let sum = b.bind1(Prim::ReduceSum { axes: vec![0] }, &[hn]).expect("sum");
            let h0 = b.bind1(Prim::Slice { start: vec![0], limit: vec![1], stride: vec![1] }, &[hn]).expect("slice");
            let body = b.finish(vec![hn, hn, sum, h0]);
            let mut o = Builder::new();
            let ps: Vec<Var> = [m.clone(), m.clone(), t.clone(), t.clone(), Type::new(&[len, h], dt)].into_iter().map(|t| o.param(t)).collect();
            let outs = o.bind(scan(body, 3, 1, len, reverse), &ps).expect("scan");
            let f = o.finish(outs);
            let args = [
                scaled(&rng.array(&[h, h], dt, false), 0.05),
                scaled(&rng.array(&[h, h], dt, false), 0.05),
                scaled(&rng.array(&[h], dt, false), 0.1),
                rng.array(&[h], dt, false),
                rng.array(&[len, h], dt, false),
            ];
            check(&mut cpu, &f, &args);
            in_place += 1;
        }
    }
    // Carries (c2, c1 + x, k, x): a swapped carry, a constant and a row of `xs` as carries;
    // ys (c1, x, k, c3 * c4): a carry, a row of `xs` and a constant as ys.
    for dt in ALL {
        for (len, reverse) in [(6, false), (5, true), (0, false), (1, false)] {
            let t = Type::new(&[3], dt);
            let mut b = Builder::new();
            let (k, c1, c2, c3, c4, x) = (b.param(t.clone()), b.param(t.clone()), b.param(t.clone()), b.param(t.clone()), b.param(t.clone()), b.param(t.clone()));
            let Ok(s) = b.bind1(if dt == DType::Bool { Prim::Or } else { Prim::Add }, &[c1, x]) else { continue };
            let p = b.bind1(if dt == DType::Bool { Prim::And } else { Prim::Mul }, &[c3, c4]).expect("mul");
            let body = b.finish(vec![c2, s, k, x, c1, x, k, p]);
            let mut o = Builder::new();
            let mut ps: Vec<Var> = (0..5).map(|_| o.param(t.clone())).collect();
            ps.push(o.param(Type::new(&[len, 3], dt)));
            let outs = o.bind(scan(body, 1, 4, len, reverse), &ps).expect("scan");
            let f = o.finish(outs);
            let mut args: Vec<HostArray> = (0..5).map(|_| rng.array(&[3], dt, false)).collect();
            args.push(rng.array(&[len, 3], dt, false));
            check(&mut cpu, &f, &args);
            in_place += 1;
        }
    }
    // The cell written with the matrices on the right, h @ W + x @ U + c @ V: `W` copied once
    // into columns (`dot::Packed`, the matrix the right operand; 70 outputs: a block of 64 and
    // one of 6), x @ U for every row of `xs` at once before the loop (`xs` the left operand),
    // c @ V of two constants once; and h2 = 0.5 h2 + P @ X with X a [3, 4] row of a second
    // `xs` (not hoisted: neither free part has one element), ys (h, c @ V, P @ X).
    let vdot = || Prim::DotGeneral { lhs_contract: vec![0], rhs_contract: vec![0], lhs_batch: vec![], rhs_batch: vec![] };
    // (64 outputs over 200 steps: the hoisted product in blocks on a helper thread.)
    for (h, len, reverse) in [(64, 200, false), (70, 9, true), (9, 6, false), (5, 0, false)] {
        for dt in [DType::F32, DType::F64] {
            let (t, m) = (Type::new(&[h], dt), Type::new(&[h, h], dt));
            let (pt, xt, gt) = (Type::new(&[5, 3], dt), Type::new(&[3, 4], dt), Type::new(&[5, 4], dt));
            let mut b = Builder::new();
            let (w, u, c, v, pm) = (b.param(m.clone()), b.param(m.clone()), b.param(t.clone()), b.param(m.clone()), b.param(pt.clone()));
            let (hv, g, x, xm) = (b.param(t.clone()), b.param(gt.clone()), b.param(t.clone()), b.param(xt.clone()));
            let hw = b.bind1(vdot(), &[hv, w]).expect("dot");
            let xu = b.bind1(vdot(), &[x, u]).expect("dot");
            let cv = b.bind1(vdot(), &[c, v]).expect("dot");
            let s = b.bind1(Prim::Add, &[hw, xu]).expect("add");
            let s = b.bind1(Prim::Add, &[s, cv]).expect("add");
            let hn = b.bind1(Prim::Tanh, &[s]).expect("tanh");
            let px = b.bind1(dotp(), &[pm, xm]).expect("dot");
            let half = b.bind1(Prim::Literal(Scalar::F64(0.5).cast(dt)), &[]).expect("lit");
            let half = b.bind1(Prim::BroadcastInDim { shape: vec![5, 4], dims: vec![] }, &[half]).expect("bcast");
            let gn = b.bind1(Prim::Mul, &[g, half]).expect("mul");
            let gn = b.bind1(Prim::Add, &[gn, px]).expect("add");
            let body = b.finish(vec![hn, gn, hn, cv, px]);
            let mut o = Builder::new();
            let tys = [m.clone(), m.clone(), t.clone(), m.clone(), pt.clone(), t.clone(), gt.clone(), Type::new(&[len, h], dt), Type::new(&[len, 3, 4], dt)];
            let ps: Vec<Var> = tys.into_iter().map(|t| o.param(t)).collect();
            let outs = o.bind(scan(body, 5, 2, len, reverse), &ps).expect("scan");
            let f = o.finish(outs);
            let args = [
                scaled(&rng.array(&[h, h], dt, false), 0.05),
                scaled(&rng.array(&[h, h], dt, false), 0.05),
                rng.array(&[h], dt, false),
                scaled(&rng.array(&[h, h], dt, false), 0.05),
                rng.array(&[5, 3], dt, false),
                rng.array(&[h], dt, false),
                rng.array(&[5, 4], dt, false),
                rng.array(&[len, h], dt, false),
                rng.array(&[len, 3, 4], dt, false),
            ];
            check(&mut cpu, &f, &args);
            in_place += 1;
        }
    }
    if TEST_DEVICE == Device::Cpu {
        // Hoisted: U @ x in the 8 scans of the first form with a step, x @ U and c @ V in the 6
        // of the second. Packed: W @ h and h @ W in the float32 scans of at least 4 steps (3 of
        // each form).
        let st = &cpu.0.cpu().stats;
        let got = (st.scan_products_hoisted, st.scan_products_packed);
        assert_eq!(got, (8 + 2 * 6, 3 + 3), "{}", cpu.report());
    }
    // Integer products (left to eval by `dot`): h = W @ h - h, ys h.
    for dt in [DType::I32, DType::I64] {
        let (t, m) = (Type::new(&[4], dt), Type::new(&[4, 4], dt));
        let mut b = Builder::new();
        let (w, hv) = (b.param(m.clone()), b.param(t.clone()));
        let wh = b.bind1(dotp(), &[w, hv]).expect("dot");
        let hn = b.bind1(Prim::Sub, &[wh, hv]).expect("sub");
        let body = b.finish(vec![hn, hn]);
        let mut o = Builder::new();
        let ps = vec![o.param(m.clone()), o.param(t.clone())];
        let outs = o.bind(scan(body, 1, 1, 3, false), &ps).expect("scan");
        let f = o.finish(outs);
        check(&mut cpu, &f, &[rng.array(&[4, 4], dt, false), rng.array(&[4], dt, false)]);
        in_place += 1;
    }
    // A body kernel of 70,000 elements (threads), and an exp-sum-divide body (a reduction; float64, as a 70,000-term float32 sum in another order differs by more than
    // `agree`'s float32 tolerance).
    let n = 70_000;
    let t = Type::new(&[n], DType::F64);
    let mut b = Builder::new();
    let (c, x) = (b.param(t.clone()), b.param(Type::new(&[], DType::F64)));
    let xb = b.bind1(Prim::BroadcastInDim { shape: vec![n], dims: vec![] }, &[x]).expect("bcast");
    let s = b.bind1(Prim::Sin, &[c]).expect("sin");
    let e = b.bind1(Prim::Add, &[s, xb]).expect("add");
    let z = b.bind1(Prim::ReduceSum { axes: vec![0] }, &[e]).expect("sum");
    let zb = b.bind1(Prim::BroadcastInDim { shape: vec![n], dims: vec![] }, &[z]).expect("bcast");
    let q = b.bind1(Prim::Div, &[e, zb]).expect("div");
    let body = b.finish(vec![q, z]);
    let mut o = Builder::new();
    let ps = vec![o.param(t.clone()), o.param(Type::new(&[3], DType::F64))];
    let outs = o.bind(scan(body, 0, 1, 3, false), &ps).expect("scan");
    let f = o.finish(outs);
    check(&mut cpu, &f, &[rng.array(&[n], DType::F64, true), rng.array(&[3], DType::F64, true)]);
    in_place += 1;
    // A nested scan (the outer body has a host step: the generic loop around the inner one).
    let t = Type::new(&[2], DType::F64);
    let mut b = Builder::new();
    let (c, x) = (b.param(t.clone()), b.param(t.clone()));
    let s = b.bind1(Prim::Mul, &[c, x]).expect("mul");
    let s = b.bind1(Prim::Add, &[s, x]).expect("add");
    let inner = b.finish(vec![s, c]);
    let mut b = Builder::new();
    let (c, xs) = (b.param(t.clone()), b.param(Type::new(&[3, 2], DType::F64)));
    let r = b.bind(scan(inner, 0, 1, 3, false), &[c, xs]).expect("scan");
    let body = b.finish(vec![r[0], r[1]]);
    let mut o = Builder::new();
    let ps = vec![o.param(t.clone()), o.param(Type::new(&[4, 3, 2], DType::F64))];
    let outs = o.bind(scan(body, 0, 1, 4, true), &ps).expect("scan");
    let f = o.finish(outs);
    check(&mut cpu, &f, &[scaled(&rng.array(&[2], DType::F64, false), 0.1), scaled(&rng.array(&[4, 3, 2], DType::F64, false), 0.3)]);
    if TEST_DEVICE == Device::Cpu {
        // Every scan above ran in place but the nested one's outer loop (its inner scans did).
        assert_eq!(cpu.0.cpu().stats.scans_in_place, in_place + 4);
    }
}

/// Kernels that work row by row (a bias and relu, a row softmax) compile once for every batch
/// size (`cpu::any_rows`): the same code over 2 to 5,000 rows (the largest on threads), equal to
/// `eval`, with no kernel compiled after the first size on the cpu device. One row is a shape
/// class of its own (fusion drops the size-1 dimension), compiled once too.
#[test]
fn row_kernels_compile_once_for_every_batch_size() {
    let mut cpu = Cpu::new();
    let mut rng = Rng(23);
    for dt in [DType::F32, DType::F64] {
        let c = 10;
        let mut misses = None;
        for n in [1, 3, 2, 4, 5, 8, 33, 100, 5000, 1] {
            let mut b = Builder::new();
            let (x, bias) = (b.param(Type::new(&[n, c], dt)), b.param(Type::new(&[c], dt)));
            let bb = b.bind1(Prim::BroadcastInDim { shape: vec![n, c], dims: vec![1] }, &[bias]).expect("bcast");
            let s = b.bind1(Prim::Add, &[x, bb]).expect("add");
            let z = b.bind1(Prim::Literal(Scalar::F64(0.0).cast(dt)), &[]).expect("lit");
            let zb = b.bind1(Prim::BroadcastInDim { shape: vec![n, c], dims: vec![] }, &[z]).expect("bcast");
            let h = b.bind1(Prim::Max, &[s, zb]).expect("max");
            let m = b.bind1(Prim::ReduceMax { axes: vec![1] }, &[h]).expect("max");
            let mb = b.bind1(Prim::BroadcastInDim { shape: vec![n, c], dims: vec![0] }, &[m]).expect("bcast");
            let d = b.bind1(Prim::Sub, &[h, mb]).expect("sub");
            let e = b.bind1(Prim::Exp, &[d]).expect("exp");
            let t = b.bind1(Prim::ReduceSum { axes: vec![1] }, &[e]).expect("sum");
            let tb = b.bind1(Prim::BroadcastInDim { shape: vec![n, c], dims: vec![0] }, &[t]).expect("bcast");
            let o = b.bind1(Prim::Div, &[e, tb]).expect("div");
            let f = b.finish(vec![h, o]);
            check(&mut cpu, &f, &[rng.array(&[n, c], dt, false), rng.array(&[c], dt, false)]);
            let now = cpu.stats().kernel_misses;
            if TEST_DEVICE == Device::Cpu {
                if let Some(before) = misses {
                    assert_eq!(now, before, "a kernel was compiled again at batch size {n}:\n{}", cpu.report());
                }
            }
            if n > 1 {
                misses = Some(now);
            }
        }
    }
}

/// Kernels that reduce over the batch (a bias gradient `dy.sum(axis=0)` in column mode, a loss's
/// mean over rows, a max over rows) compile once for every batch size from 2 to 511
/// (`cpu::any_len`: the size is read at run time), equal to `eval`; 512 rows and more compile
/// per size (their reductions unroll further), and so do sizes the first size's kernel does not
/// share a stride with.
#[test]
fn batch_reductions_compile_once_for_every_batch_size() {
    let mut cpu = Cpu::new();
    let mut rng = Rng(29);
    for dt in [DType::F32, DType::F64, DType::I32] {
        let c = 10;
        let mut misses = None;
        for n in [3, 2, 4, 5, 8, 33, 100, 255, 511, 7, 512, 700] {
            let mut b = Builder::new();
            let (dy, l, bias) = (b.param(Type::new(&[n, c], dt)), b.param(Type::new(&[n], dt)), b.param(Type::new(&[c], dt)));
            // bias - 0.5 * dy.sum(axis=0); -l.sum() / n; dy.max(axis=0)
            let g = b.bind1(Prim::ReduceSum { axes: vec![0] }, &[dy]).expect("sum");
            let half = b.bind1(Prim::Literal(Scalar::F64(if dt == DType::I32 { 2.0 } else { 0.5 }).cast(dt)), &[]).expect("lit");
            let hb = b.bind1(Prim::BroadcastInDim { shape: vec![c], dims: vec![] }, &[half]).expect("bcast");
            let g = b.bind1(Prim::Mul, &[g, hb]).expect("mul");
            let nb = b.bind1(Prim::Sub, &[bias, g]).expect("sub");
            let s = b.bind1(Prim::ReduceSum { axes: vec![0] }, &[l]).expect("sum");
            let s = b.bind1(Prim::Neg, &[s]).expect("neg");
            let m = b.bind1(Prim::ReduceMax { axes: vec![0] }, &[dy]).expect("max");
            let f = b.finish(vec![nb, s, m]);
            // Positive terms: float32 sums of 700 terms in another order (the gpu's) stay within
            // `agree`'s tolerance.
            check(&mut cpu, &f, &[rng.array(&[n, c], dt, true), rng.array(&[n], dt, true), rng.array(&[c], dt, false)]);
            let now = cpu.stats().kernel_misses;
            if TEST_DEVICE == Device::Cpu && n < 512 {
                if let Some(before) = misses {
                    assert_eq!(now, before, "a kernel was compiled again at batch size {n}:\n{}", cpu.report());
                }
                misses = Some(now);
            }
        }
    }
}

/// Long float sums are accurate whatever their length (blocked accumulation, `codegen::Fold`):
/// within `2·log2(n)` ulps of `Σ|x|` of a compensated float64 reference, along rows of every
/// length class (vector main loop, scalar remainder, scalar-only with a cast, column mode, several
/// reduced axes, the two-stage full reduction), for float32 and float64; one accumulator per
/// lane was off by O(n) ulps (a million 0.1s summed to 99999.66). Infinities and NaN still give
/// IEEE's sums.
#[test]
fn long_float_sums_within_log_n_ulps() {
    let mut cpu = Cpu::new();
    let mut rng = Rng(41);
    // Σ x and Σ |x| in float64, Neumaier-compensated.
    fn reference(xs: impl Iterator<Item = f64>) -> (f64, f64) {
        let (mut s, mut c, mut a) = (0.0f64, 0.0f64, 0.0f64);
        for x in xs {
            let t = s + x;
            c += if s.abs() >= x.abs() { (s - t) + x } else { (x - t) + s };
            s = t;
            a += x.abs();
        }
        (s + c, a)
    }
    for dt in [DType::F32, DType::F64] {
        let eps = if dt == DType::F32 { f32::EPSILON as f64 } else { f64::EPSILON };
        // (shape, axes reduced, values)
        let cases: Vec<(Vec<usize>, Vec<usize>, &str)> = vec![
            (vec![1_000_000], vec![0], "0.1"),
            (vec![1_000_000], vec![0], "random"),
            (vec![1_000_003], vec![0], "ramp"),
            (vec![2, 512, 512], vec![0, 1, 2], "0.55"),
            (vec![2, 512, 512], vec![1, 2], "0.55"),
            (vec![1000, 1000], vec![0, 1], "0.1"),
            (vec![3, 700_001], vec![1], "0.3"),
            (vec![4, 100_003], vec![1], "random"),
            (vec![20_000, 50], vec![0], "0.1"),
            (vec![20_000, 50], vec![0, 1], "random"),
            (vec![100_000, 7], vec![0, 1], "0.1"),
            (vec![100_000, 3], vec![0], "ramp"),
            (vec![50, 40, 500], vec![0, 2], "random"),
        ];
        for (shape, axes, kind) in cases {
            let n: usize = shape.iter().product();
            let vals: Vec<f64> = (0..n)
                .map(|i| match kind {
                    "random" => rng.unit(),
                    "ramp" => i as f64 * 1e-3,
                    k => k.parse().expect("a constant"),
                })
                .map(|v| if dt == DType::F32 { v as f32 as f64 } else { v })
                .collect();
            let x = if dt == DType::F32 { HostArray::from_f32(&shape, vals.iter().map(|&v| v as f32).collect()) } else { HostArray::from_f64(&shape, vals.clone()) };
            let f = func1(Prim::ReduceSum { axes: axes.clone() }, &[Type::new(&shape, dt)]).expect("sum");
            let got = cpu.run(&f, std::slice::from_ref(&x)).unwrap_or_else(|m| panic!("{m}"))[0].clone();
            // The reference: each output's elements in row-major order.
            let out_shape: Vec<usize> = shape.iter().enumerate().filter(|(i, _)| !axes.contains(i)).map(|(_, &d)| d).collect();
            let outs: usize = out_shape.iter().product();
            let m = n / outs;
            let strides: Vec<usize> = (0..shape.len()).map(|i| shape[i + 1..].iter().product()).collect();
            let mut groups: Vec<Vec<f64>> = vec![Vec::with_capacity(m); outs];
            for (i, &v) in vals.iter().enumerate() {
                let mut o = 0;
                for (d, &st) in strides.iter().enumerate() {
                    if !axes.contains(&d) {
                        o = o * shape[d] + (i / st) % shape[d];
                    }
                }
                groups[o].push(v);
            }
            let bound = 2.0 * (m as f64).log2() * eps;
            for (o, g) in groups.into_iter().enumerate() {
                let (want, abs) = reference(g.into_iter());
                let have = got.get(o).to_f64();
                assert!(
                    (have - want).abs() <= bound * abs,
                    "{dt} sum over {axes:?} of {shape:?} ({kind}), output {o}: {have}, want {want} (error {:.3e} of Σ|x|, bound {bound:.3e})",
                    (have - want).abs() / abs
                );
            }
        }
        // A sum whose terms are cast (the scalar loop), and a mean-like scale after it.
        let n = 300_000;
        let mut b = Builder::new();
        let other = if dt == DType::F32 { DType::F64 } else { DType::F32 };
        let xp = b.param(Type::new(&[n], other));
        let c = b.bind1(Prim::Cast { dtype: dt }, &[xp]).expect("cast");
        let s = b.bind1(Prim::ReduceSum { axes: vec![0] }, &[c]).expect("sum");
        let f = b.finish(vec![s]);
        let x = HostArray::from_scalars(&[n], other, &vec![Scalar::F64(0.1); n]);
        let have = cpu.run(&f, &[x]).unwrap_or_else(|m| panic!("{m}"))[0].get(0).to_f64();
        let want = n as f64 * (0.1f32 as f64);
        assert!((have - want).abs() <= 2.0 * (n as f64).log2() * eps * want, "{dt} cast sum: {have}, want {want}");
        // Infinities and NaN: IEEE's sums, not a NaN made by the compensation.
        for (at, v, want) in [(5usize, f64::INFINITY, f64::INFINITY), (70_000, f64::NEG_INFINITY, f64::NEG_INFINITY), (123, f64::NAN, f64::NAN)] {
            // Whole, by rows, and by columns (column mode: output `at % 10`).
            for (shape, axes, out) in [(vec![100_000], vec![0], 0), (vec![10, 10_000], vec![0, 1], 0), (vec![10_000, 10], vec![0], at % 10)] {
                let mut vals = vec![Scalar::F64(0.25); 100_000];
                vals[at] = Scalar::F64(v);
                let x = HostArray::from_scalars(&shape, dt, &vals);
                let f = func1(Prim::ReduceSum { axes }, &[Type::new(&shape, dt)]).expect("sum");
                let have = cpu.run(&f, &[x]).unwrap_or_else(|m| panic!("{m}"))[0].get(out).to_f64();
                assert!(have == want || have.is_nan() && want.is_nan(), "{dt} sum with {v} at {at} of {shape:?}: {have}");
            }
        }
        let mut vals = vec![Scalar::F64(1.0); 100_000];
        vals[10] = Scalar::F64(f64::INFINITY);
        vals[90_000] = Scalar::F64(f64::NEG_INFINITY);
        let f = func1(Prim::ReduceSum { axes: vec![0] }, &[Type::new(&[100_000], dt)]).expect("sum");
        let have = cpu.run(&f, &[HostArray::from_scalars(&[100_000], dt, &vals)]).unwrap_or_else(|m| panic!("{m}"))[0].get(0).to_f64();
        assert!(have.is_nan(), "{dt} inf + -inf summed to {have}");
    }
}
