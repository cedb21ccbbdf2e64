//! The `gpu` device: plans from `fuse` run as WGSL compute pipelines on wgpu (Vulkan, Metal or
//! DX12). Kernels become WGSL text (`wgsl`), compiled once per distinct text (the pipeline
//! cache); a plan's compiled steps are kept by the plan's address. Every buffer stays on the
//! device: a run's results are `DevArray`s, which the session's array values hold between cells
//! and which the next run takes as they are; a host array argument is uploaded (and keeps its
//! host numbers beside the buffer); a `DevArray` is copied to the host only when the host needs
//! its numbers (`DevArray::to_host`, once: the copy is kept), and freed when its last holder
//! drops it. Host steps (control flow, sorts, gathers…, through `host::step`) copy only their
//! operands down and their results up.
//!
//! Errors never panic: shader creation and every run happen inside wgpu error scopes (a shader
//! the driver refuses is an error showing its WGSL), uncaptured errors are collected instead of
//! aborting, allocations past the adapter's limits are refused before they are made, a lost
//! device is an error naming the way back (`%device gpu` reconnects), and float64 or int64 on an
//! adapter without `SHADER_F64` / `SHADER_INT64` is an error naming the fix. A kernel WGSL cannot
//! express (float64 transcendental functions, more buffers than the adapter binds) is a
//! `RunError::Fallback`: the runtime runs that function on the CPU and `%kernels` says so.
//!
//! This module owns the device, buffers and pipelines; `wgsl` owns the shader text.

pub mod wgsl;
#[cfg(test)]
mod tests;
/// The CPU backend's tests against `eval`, run on this device.
#[cfg(test)]
#[path = "../cpu/tests.rs"]
mod shared_tests;
#[cfg(test)]
const TEST_DEVICE: super::Device = super::Device::Gpu;

use super::{Backend, Plans, RunError};
use crate::array::{numel, DType, Data, HostArray};
use crate::fuse::{kernel::Role, Plan, Step};
use crate::ir::{Func, Type};
use std::borrow::Cow;
use std::cell::{Cell, OnceCell};
use std::collections::HashMap;
use std::fmt::Write;
use std::rc::Rc;
use std::sync::{Arc, Mutex, OnceLock};
use std::time::Instant;
use wgsl::{dev_size, Launch, Shader};

/// The backends Slope asks wgpu for: Vulkan, Metal and DX12 (`WGPU_BACKEND` narrows them).
fn backends() -> wgpu::Backends {
    wgpu::Backends::from_env().unwrap_or(wgpu::Backends::VULKAN | wgpu::Backends::METAL | wgpu::Backends::DX12)
}

fn instance() -> wgpu::Instance {
    let mut desc = wgpu::InstanceDescriptor::new_without_display_handle();
    desc.backends = backends();
    desc.flags = wgpu::InstanceFlags::empty();
    wgpu::Instance::new(desc)
}

/// Preference order of adapter types: real GPUs first, CPU adapters (lavapipe) last.
fn rank(t: wgpu::DeviceType) -> u8 {
    match t {
        wgpu::DeviceType::DiscreteGpu => 0,
        wgpu::DeviceType::IntegratedGpu => 1,
        wgpu::DeviceType::VirtualGpu => 2,
        wgpu::DeviceType::Cpu => 3,
        wgpu::DeviceType::Other => 4,
    }
}

fn is_real(t: wgpu::DeviceType) -> bool {
    rank(t) <= 2
}

/// The adapters found, best first.
fn enumerate(inst: &wgpu::Instance) -> Vec<wgpu::Adapter> {
    let mut v = pollster::block_on(inst.enumerate_adapters(backends()));
    v.sort_by_key(|a| rank(a.get_info().device_type));
    v
}

fn describe(info: &wgpu::AdapterInfo) -> String {
    format!("{} ({:?}, {:?})", info.name, info.backend, info.device_type)
}

/// What the process's adapters are (found once per process: adapters do not come and go).
fn found() -> &'static Vec<wgpu::AdapterInfo> {
    static FOUND: OnceLock<Vec<wgpu::AdapterInfo>> = OnceLock::new();
    FOUND.get_or_init(|| {
        std::panic::catch_unwind(|| enumerate(&instance()).iter().map(|a| a.get_info()).collect()).unwrap_or_default()
    })
}

/// Whether a real GPU adapter (not a CPU one such as lavapipe) exists: the default device then.
/// On Linux a GPU has a device node (`/dev/dri/renderD*`, `/dev/nvidia*`, WSL's `/dev/dxg`); without
/// one, no adapter is enumerated at all (loading the Vulkan drivers costs a CPU-only machine
/// about half a second per process, for lavapipe, which is never the default anyway).
pub fn real_gpu_present() -> bool {
    if cfg!(target_os = "linux") && !linux_gpu_node() {
        return false;
    }
    found().iter().any(|i| is_real(i.device_type))
}

fn linux_gpu_node() -> bool {
    let dri = std::fs::read_dir("/dev/dri").map(|d| d.flatten().any(|e| e.file_name().to_string_lossy().starts_with("renderD"))).unwrap_or(false);
    dri || std::path::Path::new("/dev/nvidia0").exists() || std::path::Path::new("/dev/dxg").exists()
}

/// The adapters `%device` lists, best first.
pub fn adapters() -> Vec<String> {
    found().iter().map(describe).collect()
}

/// A compiled shader.
pub struct Pipe {
    pipeline: wgpu::ComputePipeline,
    layout: wgpu::BindGroupLayout,
    pub shader: Shader,
    pub compile_ms: f64,
}

/// A plan with its compiled steps.
struct Prepared {
    plan: Rc<Plan>,
    pipes: Vec<Option<Rc<Pipe>>>,
}

/// Counters shown by `%kernels`.
#[derive(Clone, Debug, Default)]
pub struct Stats {
    pub pipeline_hits: u64,
    pub pipeline_misses: u64,
    pub compile_ms: f64,
}

/// What one connection's buffers share with the `Gpu` that made them: the device and queue (a
/// buffer copies itself to the host), the lost flag, and counters.
struct Shared {
    device: wgpu::Device,
    queue: wgpu::Queue,
    /// Set by the device-lost callback.
    lost: Arc<Mutex<Option<String>>>,
    /// Buffers alive now (each `DevArray`, intermediates and scratch included).
    live: Cell<usize>,
    uploaded: Cell<u64>,
    downloaded: Cell<u64>,
}

impl Shared {
    /// The lost device's reason, if it was lost.
    fn lost(&self) -> Option<String> {
        self.lost.lock().map(|l| l.clone()).unwrap_or_else(|_| Some("the device-lost flag was poisoned".into()))
    }
}

struct DevInner {
    buf: wgpu::Buffer,
    ty: Type,
    shared: Rc<Shared>,
    /// The numbers on the host, once they were needed there (or when the buffer was uploaded
    /// from the host): never read back twice.
    host: OnceCell<HostArray>,
}

impl Drop for DevInner {
    fn drop(&mut self) {
        self.shared.live.set(self.shared.live.get().saturating_sub(1));
        // wgpu frees the buffer when its handle drops (after the work that uses it).
    }
}

/// An array in a GPU buffer. Cloning shares it; the buffer is freed when the last clone drops.
/// Its contents never change after the run that computed it.
#[derive(Clone)]
pub struct DevArray(Rc<DevInner>);

impl DevArray {
    pub fn ty(&self) -> &Type {
        &self.0.ty
    }

    /// Whether the host copy is already there.
    pub fn on_host(&self) -> bool {
        self.0.host.get().is_some()
    }

    /// Wait until the device has finished the work submitted so far (this buffer's run among it),
    /// without copying anything: `block_until_ready`.
    pub fn wait(&self) -> Result<(), String> {
        let sh = &self.0.shared;
        if let Some(why) = sh.lost() {
            return Err(lost_error(&why));
        }
        sh.device.poll(wgpu::PollType::wait_indefinitely()).map(|_| ()).map_err(|e| match sh.lost() {
            Some(why) => lost_error(&why),
            None => format!("waiting for the GPU failed: {e}"),
        })
    }

    /// The numbers on the host: copied from the device the first time, then kept. Fails only
    /// when the device was lost before they were copied.
    pub fn to_host(&self) -> Result<HostArray, String> {
        if let Some(h) = self.0.host.get() {
            return Ok(h.clone());
        }
        let h = download(&self.0.shared, None, &[self])?.pop().ok_or("internal error: nothing read back from the GPU")?;
        let _ = self.0.host.set(h.clone());
        Ok(h)
    }
}

/// The error for a device that is gone.
fn lost_error(why: &str) -> String {
    format!("the GPU device was lost ({why}), and the arrays that were on it with it; arrays already read to the host are safe. Run %device gpu to connect again (or %device cpu to go on on the CPU), then compute them again")
}

/// Copy buffers back to the host (one submission, one wait); buffers whose host copy is already
/// there are not copied again.
fn download(sh: &Shared, enc: Option<wgpu::CommandEncoder>, bufs: &[&DevArray]) -> Result<Vec<HostArray>, String> {
    // Each buffer once, however often it is listed (a host step may take one operand twice).
    let mut need: Vec<&DevArray> = Vec::new();
    for b in bufs {
        if !b.on_host() && !need.iter().any(|n| Rc::ptr_eq(&n.0, &b.0)) {
            need.push(b);
        }
    }
    if !need.is_empty() || enc.is_some() {
        if let Some(why) = sh.lost() {
            return Err(lost_error(&why));
        }
        let mut enc = enc.unwrap_or_else(|| sh.device.create_command_encoder(&Default::default()));
        let mut staging = Vec::with_capacity(need.len());
        for b in &need {
            let bytes = numel(&b.0.ty.shape) * dev_size(b.0.ty.dtype);
            let size = (bytes as u64).max(8).div_ceil(4) * 4;
            let s = sh.device.create_buffer(&wgpu::BufferDescriptor { label: None, size, usage: wgpu::BufferUsages::MAP_READ | wgpu::BufferUsages::COPY_DST, mapped_at_creation: false });
            enc.copy_buffer_to_buffer(&b.0.buf, 0, &s, 0, size);
            staging.push((s, bytes));
        }
        sh.queue.submit([enc.finish()]);
        let (tx, rx) = std::sync::mpsc::channel::<Result<(), String>>();
        for (s, _) in &staging {
            let tx = tx.clone();
            s.slice(..).map_async(wgpu::MapMode::Read, move |r| {
                let _ = tx.send(r.map_err(|e| e.to_string()));
            });
        }
        drop(tx);
        if !staging.is_empty() {
            sh.device.poll(wgpu::PollType::wait_indefinitely()).map_err(|e| match sh.lost() {
                Some(why) => lost_error(&why),
                None => format!("waiting for the GPU failed: {e}"),
            })?;
        }
        for _ in &staging {
            let failed = |e: String| match sh.lost() {
                Some(why) => lost_error(&why),
                None => format!("reading a result back from the GPU failed: {e}"),
            };
            match rx.recv() {
                Ok(Ok(())) => {}
                Ok(Err(e)) => return Err(failed(e)),
                Err(_) => return Err(failed("the device stopped answering".into())),
            }
        }
        for ((s, bytes), b) in staging.iter().zip(&need) {
            let view = s.slice(..).get_mapped_range().map_err(|e| format!("reading a result back from the GPU failed: {e}"))?;
            let _ = b.0.host.set(from_bytes(&view[..*bytes], &b.0.ty));
            drop(view);
            s.unmap();
            sh.downloaded.set(sh.downloaded.get() + *bytes as u64);
        }
    }
    bufs.iter().map(|b| b.0.host.get().cloned().ok_or_else(|| "internal error: a result was not read back".to_string())).collect()
}

pub struct Gpu {
    instance: wgpu::Instance,
    pub info: wgpu::AdapterInfo,
    shared: Rc<Shared>,
    pub limits: wgpu::Limits,
    pub f64: bool,
    pub i64: bool,
    /// Errors no scope caught (they would otherwise abort the process).
    uncaptured: Arc<Mutex<Vec<String>>>,
    pipelines: HashMap<String, Rc<Pipe>>,
    prepared: HashMap<usize, Rc<Prepared>>,
    pub stats: Stats,
    last: Option<Rc<Prepared>>,
    /// Test hook: every shader compiled from now on gets a line the validator refuses.
    pub corrupt_shaders: bool,
}

/// What to tell a user whose machine has no adapter.
const NO_ADAPTER: &str = "no GPU adapter was found: a real GPU needs its Vulkan, Metal or DX12 driver (on Debian, `apt-get install mesa-vulkan-drivers` adds the lavapipe CPU adapter); use %device cpu or SLOPE_DEVICE=cpu to run on the CPU";

impl Gpu {
    /// Connect to the best adapter (a real GPU first; a CPU adapter only if there is no other).
    /// `SLOPE_GPU_NO_F64=1` / `SLOPE_GPU_NO_I64=1` leave out float64 / int64 support, as on an
    /// adapter without them (the error-path tests use this).
    pub fn new() -> Result<Gpu, String> {
        let off = |v: &str| std::env::var(v).map(|s| s == "1").unwrap_or(false);
        Gpu::open(off("SLOPE_GPU_NO_F64"), off("SLOPE_GPU_NO_I64"))
    }

    /// Connect, leaving out float64 / int64 when asked to.
    pub fn open(no_f64: bool, no_i64: bool) -> Result<Gpu, String> {
        std::panic::catch_unwind(|| Gpu::connect(no_f64, no_i64)).unwrap_or_else(|_| Err("the GPU driver failed while Slope was opening it (a panic inside wgpu)".into()))
    }

    fn connect(no_f64: bool, no_i64: bool) -> Result<Gpu, String> {
        let inst = instance();
        let adapter = enumerate(&inst).into_iter().next().ok_or_else(|| NO_ADAPTER.to_string())?;
        let info = adapter.get_info();
        let have = adapter.features();
        let f64 = have.contains(wgpu::Features::SHADER_F64) && !no_f64;
        let i64 = have.contains(wgpu::Features::SHADER_INT64) && !no_i64;
        let mut features = wgpu::Features::empty();
        if f64 {
            features |= wgpu::Features::SHADER_F64;
        }
        if i64 {
            features |= wgpu::Features::SHADER_INT64;
        }
        let limits = adapter.limits();
        let desc = wgpu::DeviceDescriptor { label: Some("slope"), required_features: features, required_limits: limits.clone(), ..Default::default() };
        let (device, queue) = pollster::block_on(adapter.request_device(&desc)).map_err(|e| format!("the GPU adapter {} refused a device: {e}", describe(&info)))?;
        let lost: Arc<Mutex<Option<String>>> = Arc::new(Mutex::new(None));
        let l2 = lost.clone();
        device.set_device_lost_callback(move |reason, msg| {
            if let Ok(mut l) = l2.lock() {
                *l = Some(format!("{reason:?}: {msg}"));
            }
        });
        let uncaptured: Arc<Mutex<Vec<String>>> = Arc::new(Mutex::new(Vec::new()));
        let u2 = uncaptured.clone();
        device.on_uncaptured_error(Arc::new(move |e: wgpu::Error| {
            if let Ok(mut u) = u2.lock() {
                u.push(e.to_string());
            }
        }));
        let shared = Rc::new(Shared { device, queue, lost, live: Cell::new(0), uploaded: Cell::new(0), downloaded: Cell::new(0) });
        Ok(Gpu {
            instance: inst,
            info,
            shared,
            limits,
            f64,
            i64,
            uncaptured,
            pipelines: HashMap::new(),
            prepared: HashMap::new(),
            stats: Stats::default(),
            last: None,
            corrupt_shaders: false,
        })
    }

    /// The adapter, for `%device` and `%kernels`.
    pub fn describe(&self) -> String {
        let mut s = describe(&self.info);
        s.push_str(if self.f64 { ", float64" } else { ", no float64" });
        s.push_str(if self.i64 { ", int64" } else { ", no int64" });
        s
    }

    fn device(&self) -> &wgpu::Device {
        &self.shared.device
    }

    /// Whether the device was lost (a driver reset, a removed card, `destroy`).
    pub fn is_lost(&self) -> bool {
        self.shared.lost().is_some()
    }

    /// Destroy the device, as a driver reset would (the device-lost tests).
    pub fn destroy(&mut self) {
        self.device().destroy();
        let _ = self.device().poll(wgpu::PollType::Poll);
        if let Ok(mut l) = self.shared.lost.lock() {
            if l.is_none() {
                *l = Some("Destroyed".into());
            }
        }
    }

    fn check_lost(&self) -> Result<(), String> {
        match self.shared.lost() {
            Some(why) => Err(lost_error(&why)),
            None => Ok(()),
        }
    }

    /// Bytes copied to the device and back so far.
    pub fn stats_bytes(&self) -> (u64, u64) {
        (self.shared.uploaded.get(), self.shared.downloaded.get())
    }

    /// Buffers of this connection alive now (our count: arrays, intermediates, scratch).
    pub fn live_buffers(&self) -> usize {
        self.shared.live.get()
    }

    /// Buffers wgpu itself holds for the user now (its hub's count), when it reports one.
    pub fn wgpu_buffers(&self) -> Option<usize> {
        self.instance.generate_report().map(|r| r.hub.buffers.num_kept_from_user)
    }

    /// Run `f` inside validation and out-of-memory error scopes; a captured error becomes the
    /// message `what` returns for it.
    fn scoped<T>(&self, f: impl FnOnce() -> T) -> (T, Option<String>) {
        let v = self.device().push_error_scope(wgpu::ErrorFilter::Validation);
        let o = self.device().push_error_scope(wgpu::ErrorFilter::OutOfMemory);
        let t = f();
        let oe = pollster::block_on(o.pop());
        let ve = pollster::block_on(v.pop());
        let mut err = oe.map(|e| format!("the GPU ran out of memory: {e}")).or_else(|| ve.map(|e| e.to_string()));
        if err.is_none() {
            if let Ok(mut u) = self.uncaptured.lock() {
                if !u.is_empty() {
                    err = Some(u.join("\n"));
                    u.clear();
                }
            }
        }
        (t, err)
    }

    /// Compile (or find) the pipeline of a shader.
    pub fn pipeline(&mut self, shader: Shader, nbind: usize, read_only: &[bool]) -> Result<Rc<Pipe>, String> {
        let mut shader = shader;
        if self.corrupt_shaders {
            shader.wgsl.push_str("fn slope_test_hook() -> f32 { return no_such_name; }\n");
        }
        if let Some(p) = self.pipelines.get(&shader.wgsl) {
            self.stats.pipeline_hits += 1;
            return Ok(p.clone());
        }
        let t = Instant::now();
        let entries: Vec<wgpu::BindGroupLayoutEntry> = (0..nbind)
            .map(|i| wgpu::BindGroupLayoutEntry {
                binding: i as u32,
                visibility: wgpu::ShaderStages::COMPUTE,
                ty: wgpu::BindingType::Buffer { ty: wgpu::BufferBindingType::Storage { read_only: read_only[i] }, has_dynamic_offset: false, min_binding_size: None },
                count: None,
            })
            .collect();
        let ((pipeline, layout), err) = self.scoped(|| {
            let module = self.device().create_shader_module(wgpu::ShaderModuleDescriptor { label: Some("slope kernel"), source: wgpu::ShaderSource::Wgsl(Cow::Borrowed(&shader.wgsl)) });
            let layout = self.device().create_bind_group_layout(&wgpu::BindGroupLayoutDescriptor { label: None, entries: &entries });
            let pl = self.device().create_pipeline_layout(&wgpu::PipelineLayoutDescriptor { label: None, bind_group_layouts: &[Some(&layout)], immediate_size: 0 });
            let pipeline = self.device().create_compute_pipeline(&wgpu::ComputePipelineDescriptor {
                label: Some("slope kernel"),
                layout: Some(&pl),
                module: &module,
                entry_point: Some("main"),
                compilation_options: Default::default(),
                cache: None,
            });
            (pipeline, layout)
        });
        if let Some(e) = err {
            return Err(format!("the GPU refused a generated shader (a bug in Slope; %device cpu runs this on the CPU): {e}\n--- WGSL ---\n{}", shader.wgsl));
        }
        let ms = t.elapsed().as_secs_f64() * 1e3;
        self.stats.pipeline_misses += 1;
        self.stats.compile_ms += ms;
        let p = Rc::new(Pipe { pipeline, layout, shader, compile_ms: ms });
        self.pipelines.insert(p.shader.wgsl.clone(), p.clone());
        Ok(p)
    }

    /// Whether the adapter holds `dt`; the error names the fix.
    fn dtype_ok(&self, dt: DType) -> Result<(), RunError> {
        let (ok, what, feat) = match dt {
            DType::F64 => (self.f64, "float64", "SHADER_F64"),
            DType::I64 => (self.i64, "int64", "SHADER_INT64"),
            _ => (true, "", ""),
        };
        if ok {
            return Ok(());
        }
        let fix = if dt == DType::F64 {
            "use float32 (jax.numpy arrays are float32 by default; np.float32 / .astype(np.float32) for numpy), or %device cpu"
        } else {
            "use int32 (.astype(np.int32)), or %device cpu"
        };
        Err(RunError::Fail(format!("this GPU adapter ({}) has no {what} ({feat}), and Slope does not narrow {what} silently: {fix}", describe(&self.info))))
    }

    fn prepare(&mut self, plan: &Rc<Plan>) -> Result<Rc<Prepared>, RunError> {
        let key = Rc::as_ptr(plan) as usize;
        if let Some(p) = self.prepared.get(&key) {
            return Ok(p.clone());
        }
        for t in &plan.bufs {
            self.dtype_ok(t.dtype)?;
        }
        let maxb = self.max_bindings();
        let mut pipes = Vec::with_capacity(plan.steps.len());
        for s in &plan.steps {
            pipes.push(match s {
                Step::Kernel { kernel, bufs } => {
                    if kernel.args.len() > maxb {
                        return Err(RunError::Fallback(format!("a kernel needs {} storage buffers; this adapter binds {maxb}", kernel.args.len())));
                    }
                    // Parameters are the caller's buffers (arrays that live on between cells):
                    // never written. fuse never writes one, but check.
                    if kernel.args.iter().zip(bufs).any(|(a, &b)| a.role == Role::Out && b < plan.nparams) {
                        return Err(RunError::Fallback("a kernel writes into a parameter's buffer".into()));
                    }
                    // A buffer written and also bound for reading in one dispatch is refused by
                    // wgpu; fuse never makes one, but check.
                    for (i, a) in kernel.args.iter().enumerate() {
                        if a.role != Role::In && kernel.args.iter().enumerate().any(|(j, _)| j != i && bufs[j] == bufs[i]) {
                            return Err(RunError::Fallback("a kernel binds one buffer twice".into()));
                        }
                    }
                    let shader = wgsl::kernel(kernel).map_err(RunError::Fallback)?;
                    let ro: Vec<bool> = kernel.args.iter().map(|a| a.role == Role::In).collect();
                    Some(self.pipeline(shader, kernel.args.len(), &ro)?)
                }
                Step::Dot { prim, lhs, rhs, out } => {
                    let dt = plan.bufs[*out].dtype;
                    let shader = wgsl::dot(prim, lhs, rhs, dt).map_err(RunError::Fallback)?;
                    Some(self.pipeline(shader, 3, &[true, true, false])?)
                }
                Step::Host { .. } => None,
            });
        }
        let p = Rc::new(Prepared { plan: plan.clone(), pipes });
        self.prepared.insert(key, p.clone());
        Ok(p)
    }

    /// The most storage buffers one kernel may bind here (plans for this device are fused
    /// within it: `fuse::plan_bound`).
    pub fn max_bindings(&self) -> usize {
        self.limits.max_storage_buffers_per_shader_stage as usize
    }

    /// A device buffer for `n` elements of `dt`, refused past the adapter's limits.
    fn alloc(&self, ty: &Type, extra: usize) -> Result<DevArray, String> {
        let n = numel(&ty.shape).max(extra);
        let bytes = (n as u64).saturating_mul(dev_size(ty.dtype) as u64).max(8).div_ceil(4) * 4;
        let max = self.limits.max_buffer_size.min(self.limits.max_storage_buffer_binding_size as u64);
        if bytes > max {
            return Err(format!(
                "MemoryError: an array of {n} {} elements needs {:.1} MiB on the GPU, more than this adapter allows in one buffer ({:.1} MiB); use %device cpu for arrays this large",
                ty.dtype,
                bytes as f64 / 1048576.0,
                max as f64 / 1048576.0
            ));
        }
        let buf = self.device().create_buffer(&wgpu::BufferDescriptor {
            label: None,
            size: bytes,
            usage: wgpu::BufferUsages::STORAGE | wgpu::BufferUsages::COPY_SRC | wgpu::BufferUsages::COPY_DST,
            mapped_at_creation: false,
        });
        self.shared.live.set(self.shared.live.get() + 1);
        Ok(DevArray(Rc::new(DevInner { buf, ty: ty.clone(), shared: self.shared.clone(), host: OnceCell::new() })))
    }

    /// Test hook: allocate a buffer of `n` float32 elements.
    pub fn alloc_f32(&self, n: usize) -> Result<(), String> {
        let (r, err) = self.scoped(|| self.alloc(&Type::new(&[n], DType::F32), 0).map(|_| ()));
        r?;
        err.map_or(Ok(()), Err)
    }

    /// A host array on the device (it keeps its host numbers too).
    fn upload(&mut self, h: &HostArray) -> Result<DevArray, String> {
        let ty = Type { shape: h.shape.clone(), dtype: h.dtype() };
        let b = self.alloc(&ty, 0)?;
        let bytes = to_bytes(h);
        if !bytes.is_empty() {
            self.shared.queue.write_buffer(&b.0.buf, 0, &bytes);
        }
        self.shared.uploaded.set(self.shared.uploaded.get() + bytes.len() as u64);
        let _ = b.0.host.set(h.clone());
        Ok(b)
    }

    /// An argument on this device: one of its own buffers as it is, anything else uploaded.
    fn take(&mut self, a: &super::Buffer) -> Result<DevArray, String> {
        match a {
            super::Buffer::Gpu(d) if Rc::ptr_eq(&d.0.shared, &self.shared) => Ok(d.clone()),
            other => {
                let h = other.to_host()?;
                self.upload(&h)
            }
        }
    }

    fn dispatch(&self, enc: &mut wgpu::CommandEncoder, pipe: &Pipe, bufs: &[&DevArray]) -> Result<(), String> {
        let Some((x, y, z)) = pipe.shader.launch.groups(self.limits.max_compute_workgroups_per_dimension) else {
            return Err("a kernel needs more workgroups than the adapter dispatches at once".into());
        };
        if x == 0 || y == 0 || z == 0 {
            return Ok(());
        }
        let entries: Vec<wgpu::BindGroupEntry> = bufs.iter().enumerate().map(|(i, b)| wgpu::BindGroupEntry { binding: i as u32, resource: b.0.buf.as_entire_binding() }).collect();
        let bg = self.device().create_bind_group(&wgpu::BindGroupDescriptor { label: None, layout: &pipe.layout, entries: &entries });
        let mut pass = enc.begin_compute_pass(&wgpu::ComputePassDescriptor { label: None, timestamp_writes: None });
        pass.set_pipeline(&pipe.pipeline);
        pass.set_bind_group(0, &bg, &[]);
        pass.dispatch_workgroups(x, y, z);
        Ok(())
    }

    /// Run a nested function of a host step's control flow on the GPU.
    fn nested(&mut self, g: &Func, a: &[HostArray], plans: &mut Plans, preps: &mut Vec<(*const Func, Rc<Prepared>)>) -> Result<Vec<HostArray>, String> {
        let key = g as *const Func;
        let p = match preps.iter().find(|(k, _)| *k == key) {
            Some((_, p)) => p.clone(),
            None => {
                let plan = match plans.get(g) {
                    Ok(p) => p,
                    Err(_) => return crate::eval::eval_func(g, a),
                };
                match self.prepare(&plan) {
                    Ok(p) => {
                        preps.push((key, p.clone()));
                        p
                    }
                    Err(RunError::Fail(m)) => return Err(m),
                    // A nested function the GPU cannot compile runs on the reference.
                    Err(RunError::Fallback(_)) => return crate::eval::eval_func(g, a),
                }
            }
        };
        let a: Vec<super::Buffer> = a.iter().cloned().map(super::Buffer::Host).collect();
        super::hosts(&self.exec(&p, &a, plans)?)
    }

    fn exec(&mut self, prep: &Rc<Prepared>, args: &[super::Buffer], plans: &mut Plans) -> Result<Vec<super::Buffer>, String> {
        self.check_lost()?;
        let (r, err) = self.scoped_exec(prep, args, plans);
        if let Some(e) = err {
            self.check_lost()?;
            return Err(format!("the GPU reported an error while running a kernel: {e}"));
        }
        r
    }

    fn scoped_exec(&mut self, prep: &Rc<Prepared>, args: &[super::Buffer], plans: &mut Plans) -> (Result<Vec<super::Buffer>, String>, Option<String>) {
        let v = self.device().push_error_scope(wgpu::ErrorFilter::Validation);
        let o = self.device().push_error_scope(wgpu::ErrorFilter::OutOfMemory);
        let r = self.exec_inner(prep, args, plans);
        let oe = pollster::block_on(o.pop());
        let ve = pollster::block_on(v.pop());
        let err = oe.map(|e| format!("the GPU ran out of memory: {e}")).or_else(|| ve.map(|e| e.to_string())).or_else(|| {
            let mut u = self.uncaptured.lock().ok()?;
            if u.is_empty() {
                None
            } else {
                let s = u.join("\n");
                u.clear();
                Some(s)
            }
        });
        (r, err)
    }

    fn exec_inner(&mut self, prep: &Rc<Prepared>, args: &[super::Buffer], plans: &mut Plans) -> Result<Vec<super::Buffer>, String> {
        let plan = prep.plan.clone();
        let mut bufs: Vec<Option<DevArray>> = vec![None; plan.bufs.len()];
        for (i, a) in args.iter().enumerate() {
            bufs[i] = Some(self.take(a)?);
        }
        let mut enc: Option<wgpu::CommandEncoder> = None;
        for (si, step) in plan.steps.iter().enumerate() {
            match step {
                Step::Kernel { kernel, bufs: kb } => {
                    let pipe = prep.pipes[si].clone().ok_or("internal error: a kernel step without a pipeline")?;
                    let mut bound: Vec<DevArray> = Vec::with_capacity(kb.len());
                    for (ai, (a, &b)) in kernel.args.iter().zip(kb).enumerate() {
                        if a.role == Role::Scratch {
                            let rows = match pipe.shader.launch {
                                Launch::Rows { rows } => rows as usize,
                                _ => 1,
                            };
                            let len = pipe.shader.scratch.get(ai).copied().flatten().unwrap_or(a.len);
                            bound.push(self.alloc(&Type::new(&[len.saturating_mul(rows.max(1))], a.dtype), 0)?);
                            continue;
                        }
                        if bufs[b].is_none() {
                            bufs[b] = Some(self.alloc(&plan.bufs[b], 0)?);
                        }
                        bound.push(bufs[b].clone().ok_or("internal error: a kernel operand is missing")?);
                    }
                    let refs: Vec<&DevArray> = bound.iter().collect();
                    let e = enc.get_or_insert_with(|| self.device().create_command_encoder(&Default::default()));
                    self.dispatch(e, &pipe, &refs)?;
                }
                Step::Dot { lhs, rhs, out, .. } => {
                    let pipe = prep.pipes[si].clone().ok_or("internal error: a dot step without a pipeline")?;
                    let o = self.alloc(&plan.bufs[*out], 0)?;
                    let l = bufs[lhs.buf].clone().ok_or("internal error: dot operand missing")?;
                    let r = bufs[rhs.buf].clone().ok_or("internal error: dot operand missing")?;
                    let e = enc.get_or_insert_with(|| self.device().create_command_encoder(&Default::default()));
                    self.dispatch(e, &pipe, &[&l, &r, &o])?;
                    bufs[*out] = Some(o);
                }
                Step::Host { func, ins, outs } => {
                    let ops: Vec<DevArray> = ins.iter().map(|&b| bufs[b].clone().ok_or("internal error: host operand missing")).collect::<Result<_, _>>()?;
                    let refs: Vec<&DevArray> = ops.iter().collect();
                    let a = download(&self.shared, enc.take(), &refs)?;
                    let mut preps = Vec::new();
                    let r = super::host::step(func, &a, &mut |g, x| self.nested(g, x, plans, &mut preps))?;
                    for (&b, h) in outs.iter().zip(&r) {
                        bufs[b] = Some(self.upload(h)?);
                    }
                }
            }
        }
        // The work is submitted now, not waited for: the results stay on the device, and the
        // first read of one waits (`download`).
        if let Some(e) = enc.take() {
            self.shared.queue.submit([e.finish()]);
        }
        let mut outs = Vec::with_capacity(plan.outs.len());
        for &b in &plan.outs {
            if b < plan.nparams {
                // A parameter comes back as it came.
                outs.push(args[b].clone());
            } else {
                outs.push(super::Buffer::Gpu(bufs[b].clone().ok_or("internal error: an output was not computed")?));
            }
        }
        Ok(outs)
    }

    /// Run `plan` on `args`; the results stay on the device (`Buffer::Gpu`), except outputs that
    /// are parameters, which come back as they came.
    pub fn run_plan_dev(&mut self, plan: &Rc<Plan>, args: &[super::Buffer], plans: &mut Plans) -> Result<Vec<super::Buffer>, RunError> {
        self.check_lost()?;
        let prep = self.prepare(plan)?;
        let outs = self.exec(&prep, args, plans)?;
        self.last = Some(prep);
        Ok(outs)
    }
}

/// A host array's bytes as the device holds them (bool as u32 words).
fn to_bytes(h: &HostArray) -> Vec<u8> {
    fn raw<T: Copy>(v: &[T]) -> Vec<u8> {
        let n = std::mem::size_of_val(v);
        // SAFETY: plain numbers viewed as their bytes.
        unsafe { std::slice::from_raw_parts(v.as_ptr() as *const u8, n) }.to_vec()
    }
    match &h.data {
        Data::Bool(v) => v.iter().flat_map(|&b| (b as u32).to_le_bytes()).collect(),
        Data::I32(v) => raw(v),
        Data::I64(v) => raw(v),
        Data::F32(v) => raw(v),
        Data::F64(v) => raw(v),
        _ => to_bytes(&h.to_storage()),
    }
}

fn from_bytes(b: &[u8], ty: &Type) -> HostArray {
    fn vals<T: Copy + Default, const N: usize>(b: &[u8], f: fn([u8; N]) -> T) -> Vec<T> {
        b.chunks_exact(N).map(|c| f(c.try_into().unwrap_or([0; N]))).collect()
    }
    let data = match ty.dtype {
        DType::Bool => Data::Bool(Rc::new(vals::<u32, 4>(b, u32::from_le_bytes).into_iter().map(|x| x != 0).collect())),
        DType::I32 => Data::I32(Rc::new(vals(b, i32::from_le_bytes))),
        DType::I64 => Data::I64(Rc::new(vals(b, i64::from_le_bytes))),
        DType::F32 => Data::F32(Rc::new(vals(b, f32::from_le_bytes))),
        _ => Data::F64(Rc::new(vals(b, f64::from_le_bytes))),
    };
    HostArray { shape: ty.shape.clone(), data }
}

impl Backend for Gpu {
    fn name(&self) -> &'static str {
        "gpu"
    }

    fn run_plan(&mut self, plan: &Rc<Plan>, args: &[HostArray], plans: &mut Plans) -> Result<Vec<HostArray>, RunError> {
        let a: Vec<super::Buffer> = args.iter().cloned().map(super::Buffer::Host).collect();
        let outs = self.run_plan_dev(plan, &a, plans)?;
        Ok(super::hosts(&outs)?)
    }

    fn report(&self) -> String {
        let mut s = String::new();
        let st = &self.stats;
        let _ = writeln!(
            s,
            "adapter {}: pipelines {} cached / {} compiled ({:.2} ms compiling), {:.1} KiB uploaded, {:.1} KiB read back, {} buffers on the device",
            self.describe(),
            st.pipeline_hits,
            st.pipeline_misses,
            st.compile_ms,
            self.shared.uploaded.get() as f64 / 1024.0,
            self.shared.downloaded.get() as f64 / 1024.0,
            self.shared.live.get()
        );
        if let Some(p) = &self.last {
            for (i, k) in p.pipes.iter().enumerate() {
                if let Some(k) = k {
                    let _ = writeln!(s, "-- step {i}: WGSL ({:?}, compiled in {:.2} ms)\n{}", k.shader.launch, k.compile_ms, k.shader.wgsl);
                }
            }
        }
        s
    }
}
