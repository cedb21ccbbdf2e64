//! The GPU's own tests: the error paths (float64 and int64 refused on an adapter without them,
//! a shader the driver refuses, an allocation past the adapter's limits, a device lost between
//! runs), 2-D dispatch past 65,535 workgroups, and the tiled matrix product on odd sizes. The
//! tests against `eval` of every primitive are `shared_tests` (the CPU's file). A machine
//! without an adapter fails these tests: the test command installs lavapipe.

use super::wgsl::{Launch, Shader};
use super::Gpu;
use crate::array::{DType, HostArray, Scalar};
use crate::backend::{Device, Runtime};
use crate::ir::{Builder, Func, Type};
use crate::prim::Prim;

fn gpu_runtime() -> Runtime {
    let mut rt = Runtime::with_device(Device::Gpu);
    if let Err(m) = rt.gpu() {
        panic!("no GPU adapter (scripts/test.sh installs Debian's mesa-vulkan-drivers for lavapipe): {m}");
    }
    rt
}

fn unary(p: Prim, t: Type) -> Func {
    let mut b = Builder::new();
    let x = b.param(t);
    let y = b.bind1(p, &[x]).expect("bind");
    b.finish(vec![y])
}

fn close(got: &HostArray, want: &HostArray) {
    assert_eq!(got.shape, want.shape);
    for i in 0..got.len() {
        let (g, w) = (got.get(i).to_f64(), want.get(i).to_f64());
        assert!(g == w || (g - w).abs() <= 1e-5 * w.abs().max(1.0) || g.is_nan() && w.is_nan(), "element {i}: gpu {g}, eval {w}");
    }
}

#[test]
fn float64_and_int64_are_refused_on_an_adapter_without_them() {
    let mut rt = Runtime::with_device(Device::Gpu);
    let g = Gpu::open(true, true).expect("adapter");
    rt.install_gpu(g);
    let f = unary(Prim::Neg, Type::new(&[4], DType::F64));
    let x = HostArray::from_f64(&[4], vec![1.0, 2.0, 3.0, 4.0]);
    let e = rt.run_func(&f, &[x]).expect_err("float64 must be refused");
    assert!(e.contains("float64") && e.contains("%device cpu") && e.contains("float32"), "{e}");
    let f = unary(Prim::Neg, Type::new(&[4], DType::I64));
    let x = HostArray::from_scalars(&[4], DType::I64, &[Scalar::I64(1); 4]);
    let e = rt.run_func(&f, &[x]).expect_err("int64 must be refused");
    assert!(e.contains("int64") && e.contains("%device cpu"), "{e}");
    // float32 still runs.
    let f = unary(Prim::Neg, Type::new(&[4], DType::F32));
    let x = HostArray::from_f32(&[4], vec![1.0, 2.0, 3.0, 4.0]);
    assert_eq!(rt.run_func(&f, &[x]).expect("float32")[0].to_f64_vec(), vec![-1.0, -2.0, -3.0, -4.0]);
}

#[test]
fn a_shader_that_fails_validation_is_an_error_showing_its_wgsl() {
    let mut g = Gpu::new().expect("adapter");
    let bad = "@group(0) @binding(0) var<storage, read_write> a0: array<f32>;\n@compute @workgroup_size(64)\nfn main() { a0[0] = undefined_name; }\n";
    let shader = Shader { wgsl: bad.into(), launch: Launch::Elementwise { n: 1 }, scratch: vec![None] };
    let e = g.pipeline(shader, 1, &[false]).err().expect("the shader must be refused");
    assert!(e.contains("WGSL") && e.contains("undefined_name"), "{e}");
    // The device goes on working.
    let mut rt = Runtime::with_device(Device::Gpu);
    rt.install_gpu(g);
    let f = unary(Prim::Neg, Type::new(&[2], DType::F32));
    assert!(rt.run_func(&f, &[HostArray::from_f32(&[2], vec![1.0, 2.0])]).is_ok());
}

#[test]
fn an_allocation_past_the_device_limits_is_a_memory_error() {
    let g = Gpu::new().expect("adapter");
    let max = g.limits.max_buffer_size.min(g.limits.max_storage_buffer_binding_size as u64);
    let e = g.alloc_f32((max / 4 + 1) as usize).expect_err("too large");
    assert!(e.contains("MemoryError") && e.contains("%device cpu"), "{e}");
    assert!(g.alloc_f32(1024).is_ok());
}

#[test]
fn a_lost_device_is_an_error_and_the_session_reconnects() {
    let mut rt = gpu_runtime();
    let f = unary(Prim::Exp, Type::new(&[3], DType::F32));
    let x = HostArray::from_f32(&[3], vec![0.0, 1.0, 2.0]);
    assert!(rt.run_func(&f, std::slice::from_ref(&x)).is_ok());
    rt.gpu().expect("gpu").destroy();
    let e = rt.run_func(&f, std::slice::from_ref(&x)).expect_err("a lost device");
    assert!(e.contains("lost") && e.contains("%device gpu"), "{e}");
    rt.set_device(Device::Gpu).expect("reconnect");
    let y = rt.run_func(&f, &[x]).expect("runs again");
    assert!((y[0].get(1).to_f64() - std::f64::consts::E).abs() < 1e-6);
}

/// More than 65,535 workgroups: rows (a reduction over 70,000 rows) and elementwise (over
/// 65,535 × 256 elements) go 2-D.
#[test]
fn dispatch_past_65535_workgroups() {
    let mut rt = gpu_runtime();
    let rows = 70_000;
    let f = unary(Prim::ReduceSum { axes: vec![1] }, Type::new(&[rows, 3], DType::F32));
    let x = HostArray::from_f32(&[rows, 3], (0..rows * 3).map(|i| (i % 7) as f32).collect());
    let want = crate::eval::eval_func(&f, std::slice::from_ref(&x)).expect("eval");
    close(&rt.run_func(&f, &[x]).expect("gpu")[0], &want[0]);
    let n = 65_535 * 256 + 300;
    let f = unary(Prim::Neg, Type::new(&[n], DType::F32));
    let x = HostArray::from_f32(&[n], (0..n).map(|i| (i % 1000) as f32).collect());
    let got = rt.run_func(&f, &[x]).expect("gpu");
    assert_eq!(got[0].get(n - 1).to_f64(), -(((n - 1) % 1000) as f64));
    assert_eq!(got[0].get(12345).to_f64(), -345.0);
}

/// The tiled product on sizes that are not multiples of the tile, batched and transposed.
#[test]
fn tiled_dot_general_on_odd_sizes() {
    let mut rt = gpu_runtime();
    for (b, m, k, n) in [(1, 1, 1, 1), (1, 65, 17, 70), (3, 33, 129, 5), (2, 100, 1, 64)] {
        let mut bl = Builder::new();
        let l = bl.param(Type::new(&[b, m, k], DType::F32));
        let r = bl.param(Type::new(&[b, n, k], DType::F32));
        let y = bl.bind1(Prim::DotGeneral { lhs_contract: vec![2], rhs_contract: vec![2], lhs_batch: vec![0], rhs_batch: vec![0] }, &[l, r]).expect("dot");
        let f = bl.finish(vec![y]);
        let lv = HostArray::from_f32(&[b, m, k], (0..b * m * k).map(|i| ((i * 37) % 11) as f32 - 5.0).collect());
        let rv = HostArray::from_f32(&[b, n, k], (0..b * n * k).map(|i| ((i * 13) % 7) as f32 * 0.5).collect());
        let want = crate::eval::eval_func(&f, &[lv.clone(), rv.clone()]).expect("eval");
        let got = rt.run_func(&f, &[lv, rv]).expect("gpu");
        close(&got[0], &want[0]);
    }
    assert!(rt.fallbacks.is_empty(), "{:?}", rt.fallbacks);
}

/// An adapter that binds only 4 storage buffers per kernel: fusion splits what would need more
/// (ten inputs summed with their squares and exps, a row reduction of it, a product of two
/// inputs), every kernel binds at most 4, nothing falls back to the CPU, and the results are
/// `eval`'s.
#[test]
fn kernels_are_split_within_the_adapters_bindings() {
    let mut g = Gpu::new().expect("adapter");
    g.limits.max_storage_buffers_per_shader_stage = 4;
    let mut rt = Runtime::with_device(Device::Gpu);
    rt.install_gpu(g);
    let t = Type::new(&[3, 5], DType::F32);
    let mut b = Builder::new();
    let xs: Vec<_> = (0..10).map(|_| b.param(t.clone())).collect();
    let mut acc = xs[0];
    for &x in &xs[1..] {
        let e = b.bind1(Prim::Exp, &[x]).expect("exp");
        let sq = b.bind1(Prim::Mul, &[x, e]).expect("mul");
        acc = b.bind1(Prim::Add, &[acc, sq]).expect("add");
    }
    let rows = b.bind1(Prim::ReduceSum { axes: vec![1] }, &[acc]).expect("sum");
    let p = b.bind1(Prim::Mul, &[xs[3], xs[7]]).expect("mul");
    let f = b.finish(vec![acc, rows, p]);
    let args: Vec<HostArray> = (0..10).map(|i| HostArray::from_f32(&[3, 5], (0..15).map(|j| ((i * 7 + j * 3) % 11) as f32 * 0.1 - 0.5).collect())).collect();
    let want = crate::eval::eval_func(&f, &args).expect("eval");
    let got = rt.run_func(&f, &args).expect("gpu");
    for (g, w) in got.iter().zip(&want) {
        close(g, w);
    }
    assert!(rt.fallbacks.is_empty(), "{:?}", rt.fallbacks);
    let plan = rt.plans.last.clone().expect("a plan");
    let kernels: Vec<usize> = plan.steps.iter().filter_map(|s| match s {
        crate::fuse::Step::Kernel { kernel, .. } => Some(kernel.args.len()),
        _ => None,
    }).collect();
    assert!(kernels.len() >= 3 && kernels.iter().all(|&n| n <= 4), "bindings per kernel: {kernels:?}\n{plan}");
    // The CPU's plan of the same function is not split.
    let mut cpu = Runtime::with_device(Device::Cpu);
    cpu.run_func(&f, &args).expect("cpu");
    let cpu_plan = cpu.plans.last.clone().expect("a plan");
    assert!(cpu_plan.steps.len() < plan.steps.len(), "cpu:\n{cpu_plan}\ngpu:\n{plan}");
}

/// `%kernels` shows the WGSL.
#[test]
fn the_report_shows_wgsl() {
    let mut rt = gpu_runtime();
    let f = unary(Prim::Tanh, Type::new(&[8], DType::F32));
    rt.run_func(&f, &[HostArray::from_f32(&[8], vec![0.5; 8])]).expect("gpu");
    let r = rt.kernels_report();
    assert!(r.contains("@compute") && r.contains("device gpu") && r.contains("kernel ("), "{r}");
}

/// The worst error in float32 ulps against float64 of every float32 transcendental function in
/// WGSL, over float32 bit patterns spread over the range each is defined on. The CPU documents
/// ≤ 4 ulp for its polynomials (exp, log, sin, cos, tanh: `cpu::math`); the GPU is held to that
/// for every function.
#[test]
fn float32_transcendentals_against_float64() {
    let mut rt = gpu_runtime();
    let n = 1 << 18;
    let stride = (1u64 << 32) / n as u64;
    let all: Vec<f32> = (0..n as u64).map(|i| f32::from_bits((i * stride + (i * 2654435761) % stride) as u32)).collect();
    type F = fn(f64) -> f64;
    let funcs: [(Prim, F, f64); 13] = [
        (Prim::Exp, f64::exp, 4.0),
        (Prim::Log, f64::ln, 4.0),
        (Prim::Sin, f64::sin, 4.0),
        (Prim::Cos, f64::cos, 4.0),
        (Prim::Tan, f64::tan, 4.0),
        (Prim::Tanh, f64::tanh, 4.0),
        (Prim::Expm1, f64::exp_m1, 4.0),
        (Prim::Log1p, f64::ln_1p, 4.0),
        (Prim::Sinh, f64::sinh, 4.0),
        (Prim::Cosh, f64::cosh, 4.0),
        (Prim::Asin, f64::asin, 4.0),
        (Prim::Acos, f64::acos, 4.0),
        (Prim::Atan, f64::atan, 4.0),
    ];
    let mut report = Vec::new();
    let mut bad = Vec::new();
    for (p, f64fn, bound) in funcs {
        let name = p.name();
        let xs: Vec<f32> = all.iter().copied().filter(|x| !f64fn(*x as f64).is_nan() || x.is_nan()).collect();
        let m = xs.len();
        let f = unary(p, Type::new(&[m], DType::F32));
        let got = rt.run_func(&f, &[HostArray::from_f32(&[m], xs.clone())]).expect("gpu");
        let got = got[0].to_f64_vec();
        let mut worst = (0.0f64, 0.0f32, 0.0f64);
        for (&xi, &g) in xs.iter().zip(&got) {
            let r = f64fn(xi as f64);
            let r32 = r as f32;
            if r.is_nan() {
                if !g.is_nan() {
                    bad.push(format!("{name}({xi:e}) = {g}, want NaN"));
                }
                continue;
            }
            if r32.is_infinite() || r32 == 0.0 || r32.is_subnormal() {
                // Results out of float32's normal range: within one unit of the last place.
                let tiny = f32::from_bits(1) as f64;
                if !(g == r32 as f64 || (g - r).abs() <= tiny.max(r.abs() * 1e-6)) {
                    bad.push(format!("{name}({xi:e}) = {g:e}, want {r:e}"));
                }
                continue;
            }
            let a = r32.abs();
            let ulp = (f32::from_bits(a.to_bits() + 1) - a) as f64;
            let err = (g - r).abs() / ulp;
            if err > worst.0 {
                worst = (err, xi, g);
            }
        }
        report.push(format!("{name}: {:.2} ulp at {:e} (got {:e})", worst.0, worst.1, worst.2));
        if worst.0 > bound {
            bad.push(format!("{name}: worst error {:.2} ulp at x = {:e}", worst.0, worst.1));
        }
    }
    println!("{}", report.join("\n"));
    assert!(bad.is_empty(), "{}\n{}", bad.iter().take(20).cloned().collect::<Vec<_>>().join("\n"), report.join("\n"));
}
