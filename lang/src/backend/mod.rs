//! Backends: what runs a staged `Func` (DESIGN.md §4). `eval` is the reference; `cpu` compiles
//! plans' kernels with Cranelift; `gpu` turns them into WGSL compute pipelines on wgpu.
//!
//! The seam: `Runtime::run_bufs` (called by `Stage::sync`) legalizes the function, fuses it into
//! a `Plan` (`fuse::plan`, cached here by the function's structure), and hands the plan to the
//! chosen backend. A backend compiles and runs plans (kernels, dot steps, host steps); host steps
//! go through `host::step`, the service every backend shares. The device choice, the plan cache
//! and each backend's caches, pools and printed text live in one `Runtime`, which the `Session`
//! owns (through its `Interp`): two sessions on one thread share nothing.
//!
//! The device is chosen without user code: `SLOPE_DEVICE=eval|cpu|gpu` (or `%device`) when given;
//! otherwise a real GPU adapter (discrete, integrated or virtual; Vulkan, Metal or DX12) when one
//! exists, else the CPU JIT. A CPU adapter such as lavapipe is used only when asked for.
//!
//! This module must not look inside `Func`s (that is `fuse`'s job) nor touch interpreter state.

pub mod cpu;
pub mod eval;
pub mod gpu;
pub mod host;

use crate::array::HostArray;
use crate::fuse::Plan;
use crate::ir::Func;
use std::collections::HashMap;
use std::hash::{Hash, Hasher};
use std::rc::Rc;
use std::time::Instant;

/// An array's contents as the runtime holds them between cells: on the host, or in a buffer on
/// the GPU (`gpu::DevArray`, freed when its last holder drops it). A device buffer is copied to
/// the host only when the host needs its numbers (`to_host`, cached in the buffer); a run on the
/// GPU takes its own device's buffers as they are.
#[derive(Clone)]
pub enum Buffer {
    Host(HostArray),
    Gpu(gpu::DevArray),
}

impl Buffer {
    /// The numbers on the host: a copy from the device the first time (kept with the buffer).
    /// Fails only for a buffer of a device that was lost.
    pub fn to_host(&self) -> Result<HostArray, String> {
        match self {
            Buffer::Host(h) => Ok(h.clone()),
            Buffer::Gpu(d) => d.to_host(),
        }
    }
    pub fn shape(&self) -> &[usize] {
        match self {
            Buffer::Host(h) => &h.shape,
            Buffer::Gpu(d) => &d.ty().shape,
        }
    }
    pub fn dtype(&self) -> crate::array::DType {
        match self {
            Buffer::Host(h) => h.dtype(),
            Buffer::Gpu(d) => d.ty().dtype,
        }
    }
}

/// Every buffer's host numbers (the runs that take host arrays: eval, cpu, legalize).
pub fn hosts(args: &[Buffer]) -> Result<Vec<HostArray>, String> {
    args.iter().map(Buffer::to_host).collect()
}

fn wrap(v: Vec<HostArray>) -> Vec<Buffer> {
    v.into_iter().map(Buffer::Host).collect()
}

/// Whether the ONNX exporter's test hook is on (`SLOPE_ONNX_COLLECT`): it needs host outputs.
fn collecting() -> bool {
    static ON: std::sync::OnceLock<bool> = std::sync::OnceLock::new();
    *ON.get_or_init(|| std::env::var_os("SLOPE_ONNX_COLLECT").is_some())
}

/// Why a backend did not run a plan.
#[derive(Debug)]
pub enum RunError {
    /// The backend cannot compile this plan (a kernel it has no code for): the runtime runs the
    /// function on the next device down (gpu → cpu → eval) and `%kernels` says why.
    Fallback(String),
    /// A real error the user sees (a refused dtype, a lost device, a failed allocation).
    Fail(String),
}

impl From<String> for RunError {
    fn from(m: String) -> RunError {
        RunError::Fail(m)
    }
}

/// What a device does with a plan.
pub trait Backend {
    /// The device's name, as `SLOPE_DEVICE` spells it.
    fn name(&self) -> &'static str;
    /// Run `plan` on `args` (one per parameter of the function it was made from); one array per
    /// output. Nested functions of host steps are planned through `plans`.
    fn run_plan(&mut self, plan: &Rc<Plan>, args: &[HostArray], plans: &mut Plans) -> Result<Vec<HostArray>, RunError>;
    /// What the last runs compiled and ran, for `%kernels`.
    fn report(&self) -> String;
}

/// The devices this build has.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Device {
    Eval,
    Cpu,
    Gpu,
}

impl Device {
    pub fn name(self) -> &'static str {
        match self {
            Device::Eval => "eval",
            Device::Cpu => "cpu",
            Device::Gpu => "gpu",
        }
    }
    pub fn from_name(s: &str) -> Option<Device> {
        match s {
            "eval" => Some(Device::Eval),
            "cpu" => Some(Device::Cpu),
            "gpu" => Some(Device::Gpu),
            _ => None,
        }
    }
}

/// A fast multiply-rotate hasher (FxHash's): plan lookups happen at every sync point.
#[derive(Default)]
struct Fx(u64);

impl Hasher for Fx {
    fn finish(&self) -> u64 {
        self.0
    }
    fn write(&mut self, bytes: &[u8]) {
        for c in bytes.chunks(8) {
            let mut w = [0u8; 8];
            w[..c.len()].copy_from_slice(c);
            self.write_u64(u64::from_le_bytes(w));
        }
    }
    fn write_u64(&mut self, x: u64) {
        self.0 = (self.0.rotate_left(5) ^ x).wrapping_mul(0x51_7c_c1_b7_27_22_0a_95);
    }
    fn write_u32(&mut self, x: u32) {
        self.write_u64(x as u64);
    }
    fn write_usize(&mut self, x: usize) {
        self.write_u64(x as u64);
    }
}

/// A hash of a function's structure; parameters of primitives are left to `==`.
fn structure_hash(f: &Func) -> u64 {
    let mut h = Fx::default();
    f.types.hash(&mut h);
    f.params.hash(&mut h);
    f.outs.hash(&mut h);
    for e in &f.eqns {
        e.prim.name().hash(&mut h);
        e.ins.hash(&mut h);
        e.outs.hash(&mut h);
    }
    h.finish()
}

/// The plan cache: a staged function's structure (its equations, shapes and dtypes; Python
/// scalars are parameters, not constants, so a new learning rate hits the cache) to its plan, so
/// a loop that stages the same graph each iteration fuses once. Plans are never evicted, so a
/// backend may key its compiled forms by a plan's address.
#[derive(Default)]
pub struct Plans {
    map: HashMap<u64, Vec<(Func, Option<usize>, Rc<Plan>)>>,
    /// The most buffers one kernel may bind on the device the plans are for (a GPU adapter's
    /// storage buffers per shader stage; `None` on the CPU): part of the cache key.
    pub bindings: Option<usize>,
    pub hits: u64,
    pub misses: u64,
    pub ms: f64,
    /// The plan of the last top-level run, for `%kernels`.
    pub last: Option<Rc<Plan>>,
}

impl Plans {
    /// The plan of `func`, fused now or found.
    pub fn get(&mut self, func: &Func) -> Result<Rc<Plan>, String> {
        let h = structure_hash(func);
        if let Some(list) = self.map.get(&h) {
            if let Some((_, _, p)) = list.iter().find(|(f, b, _)| *b == self.bindings && f == func) {
                self.hits += 1;
                return Ok(p.clone());
            }
        }
        self.misses += 1;
        let t = Instant::now();
        let plan = Rc::new(crate::fuse::plan_bound(func, self.bindings)?);
        self.ms += t.elapsed().as_secs_f64() * 1e3;
        self.map.entry(h).or_default().push((func.clone(), self.bindings, plan.clone()));
        Ok(plan)
    }
}

/// The runtime a session owns: the device choice, the plan cache, and the backends with their
/// caches, buffer pools and reports. Made lazily: a session that never runs arrays on a device
/// starts no compiler and opens no GPU.
#[derive(Default)]
pub struct Runtime {
    device: Option<Device>,
    pub plans: Plans,
    cpu: Option<cpu::Cpu>,
    gpu: Option<Result<gpu::Gpu, String>>,
    /// Why functions ran on another device than the chosen one (a fusion or compilation error,
    /// a kernel the GPU has no code for): the device never fails a program the reference can
    /// run, and `%kernels` shows what went wrong.
    pub fallbacks: Vec<String>,
}

impl Runtime {
    pub fn new() -> Runtime {
        Runtime::default()
    }

    /// A runtime on a given device (tests).
    pub fn with_device(d: Device) -> Runtime {
        Runtime { device: Some(d), ..Runtime::default() }
    }

    /// The current device: the one `set_device` chose, else `SLOPE_DEVICE`, else a real GPU
    /// when there is one, else the CPU JIT.
    pub fn device(&mut self) -> Device {
        if let Some(d) = self.device {
            return d;
        }
        let d = match std::env::var("SLOPE_DEVICE") {
            Ok(s) if Device::from_name(s.trim()).is_some() => Device::from_name(s.trim()).unwrap_or(Device::Cpu),
            _ => {
                if gpu::real_gpu_present() {
                    Device::Gpu
                } else {
                    Device::Cpu
                }
            }
        };
        self.device = Some(d);
        d
    }

    /// The device's name without choosing one when none is chosen yet (no GPU probe).
    pub fn device_name(&mut self) -> &'static str {
        self.device().name()
    }

    /// Choose the device for this session's later runs. Choosing the GPU connects to it now, so
    /// a machine without an adapter says so at once.
    pub fn set_device(&mut self, dev: Device) -> Result<(), String> {
        if dev == Device::Gpu {
            // A lost device, or an earlier failure to connect, is retried.
            if !matches!(&self.gpu, Some(Ok(g)) if !g.is_lost()) {
                self.gpu = None;
            }
            self.gpu()?;
        }
        self.device = Some(dev);
        Ok(())
    }

    /// The CPU backend (made on first use).
    pub fn cpu(&mut self) -> &mut cpu::Cpu {
        self.cpu.get_or_insert_with(cpu::Cpu::new)
    }

    /// Whether this runtime connected to a GPU adapter.
    pub fn gpu_opened(&self) -> bool {
        matches!(self.gpu, Some(Ok(_)))
    }

    /// Use `g` as this runtime's GPU (tests: an adapter opened without float64).
    pub fn install_gpu(&mut self, g: gpu::Gpu) {
        self.gpu = Some(Ok(g));
    }

    /// The GPU backend, connecting on first use; the error names what is missing.
    pub fn gpu(&mut self) -> Result<&mut gpu::Gpu, String> {
        let g = self.gpu.get_or_insert_with(gpu::Gpu::new);
        match g {
            Ok(g) => Ok(g),
            Err(m) => Err(m.clone()),
        }
    }

    /// Run `func` on the current device (through `transform::legalize` when it uses a dtype the
    /// devices lack: int8, int16, uint8, uint16, uint32, uint64, float16). On the GPU the results
    /// stay there (`Buffer::Gpu`); the other devices return host arrays.
    pub fn run_bufs(&mut self, func: &Func, args: &[Buffer]) -> Result<Vec<Buffer>, String> {
        if crate::transform::legalize::needed(func) {
            // Legalized functions run on host arrays: their arguments and results are converted
            // from and to the small dtypes' storage on the host.
            let a = hosts(args)?;
            return crate::transform::legalize::run(func, &a, |f, a| self.run_func(f, a)).map(wrap);
        }
        let r = self.run_legal(func, args);
        if let Ok(outs) = &r {
            // The ONNX exporter's test hook (SLOPE_ONNX_COLLECT); nothing when unset.
            if collecting() {
                if let (Ok(a), Ok(o)) = (hosts(args), hosts(outs)) {
                    crate::export::onnx::collect(func, &a, &o);
                }
            }
        }
        r
    }

    /// `run_bufs` on host arrays, with host results (tests, legalized functions).
    pub fn run_func(&mut self, func: &Func, args: &[HostArray]) -> Result<Vec<HostArray>, String> {
        let a: Vec<Buffer> = args.iter().cloned().map(Buffer::Host).collect();
        hosts(&self.run_bufs(func, &a)?)
    }

    fn run_legal(&mut self, func: &Func, args: &[Buffer]) -> Result<Vec<Buffer>, String> {
        let dev = self.device();
        if dev == Device::Eval {
            return crate::eval::eval_func(func, &hosts(args)?).map(wrap);
        }
        check_args(func, args)?;
        self.plans.bindings = None;
        if dev == Device::Gpu {
            if let Ok(g) = self.gpu.get_or_insert_with(gpu::Gpu::new) {
                self.plans.bindings = Some(g.max_bindings());
            }
        }
        let plan = match self.plans.get(func) {
            Ok(p) => p,
            Err(m) => {
                self.fallbacks.push(format!("ran on eval: {m}"));
                return crate::eval::eval_func(func, &hosts(args)?).map(wrap);
            }
        };
        self.plans.last = Some(plan.clone());
        // The buffers the plan allocates (its parameters exist already).
        let bytes: u128 = plan.bufs[plan.nparams.min(plan.bufs.len())..].iter().map(|t| t.shape.iter().fold(t.dtype.size_bytes() as u128, |a, &d| a.saturating_mul(d as u128))).sum();
        crate::limits::check_bytes(bytes, || format!("the {} buffers of this computation", plan.bufs.len() - plan.nparams.min(plan.bufs.len()))).map_err(|m| format!("{}{m}", crate::limits::MEMORY_ERROR))?;
        if dev == Device::Gpu {
            let gpu = match self.gpu.get_or_insert_with(gpu::Gpu::new) {
                Ok(g) => g,
                Err(m) => return Err(m.clone()),
            };
            match gpu.run_plan_dev(&plan, args, &mut self.plans) {
                Ok(v) => return Ok(v),
                Err(RunError::Fail(m)) => return Err(m),
                Err(RunError::Fallback(m)) => self.fallbacks.push(format!("ran on cpu: {m}")),
            }
        }
        let args = hosts(args)?;
        let cpu = self.cpu.get_or_insert_with(cpu::Cpu::new);
        match cpu.run_plan(&plan, &args, &mut self.plans) {
            Ok(v) => Ok(wrap(v)),
            Err(RunError::Fail(m)) => Err(m),
            Err(RunError::Fallback(m)) => {
                self.fallbacks.push(format!("ran on eval: {m}"));
                crate::eval::eval_func(func, &args).map(wrap)
            }
        }
    }

    /// What `%kernels` prints: the plan cache, the last plan, and the device's compiled code
    /// (Cranelift IR or WGSL) with compile times and cache hits.
    pub fn kernels_report(&mut self) -> String {
        let dev = self.device();
        let mut s = String::new();
        if dev == Device::Eval {
            return eval::Eval.report();
        }
        s.push_str(&format!(
            "device {}: plans {} cached / {} built ({:.2} ms fusing)\n",
            dev.name(),
            self.plans.hits,
            self.plans.misses,
            self.plans.ms
        ));
        for m in &self.fallbacks {
            s.push_str(m);
            s.push('\n');
        }
        if let Some(p) = &self.plans.last {
            s.push_str(&format!("{p}\n"));
        }
        match dev {
            Device::Gpu => match &self.gpu {
                Some(Ok(g)) => s.push_str(&g.report()),
                Some(Err(m)) => s.push_str(m),
                None => {}
            },
            _ => s.push_str(&self.cpu().report()),
        }
        s
    }
}

/// Check the arguments against the function's parameters.
fn check_args(func: &Func, args: &[Buffer]) -> Result<(), String> {
    if args.len() != func.params.len() {
        return Err(format!("the function takes {} arguments, got {}", func.params.len(), args.len()));
    }
    for (i, (&p, a)) in func.params.iter().zip(args).enumerate() {
        let t = func.ty(p);
        let bad = match a {
            Buffer::Host(h) => h.shape != t.shape || h.dtype() != t.dtype || h.len() != crate::array::numel(&h.shape),
            Buffer::Gpu(d) => d.ty() != t,
        };
        if bad {
            return Err(format!("argument {i} should be {t}, got {:?} {}", a.shape(), a.dtype()));
        }
    }
    Ok(())
}
