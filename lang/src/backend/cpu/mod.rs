//! The `cpu` device: plans from `fuse`, kernels compiled by Cranelift (`codegen`), matrix
//! products through `gemm` (`dot`), and the host primitives through `eval`.
//!
//! Two caches. Plans come from the runtime's plan cache (`backend::Plans`); each plan's compiled
//! kernels are kept by the plan's address, so a loop that stages the same graph each iteration
//! compiles once. The *kernel cache* maps a kernel's text to its machine code, so different
//! graphs that share a kernel compile it once. Sizes are constants of a kernel (a new shape
//! compiles new kernels; see ARCHITECTURE.md for why), except the leading (batch) dimension of
//! kernels that work row by row (`any_rows`) and a dimension that a kernel only reduces over
//! (`any_len`, the batch of a bias gradient): those compile once for every batch size.
//!
//! Work is split between threads (the team, `team.rs`: this thread and one helper per other
//! core; rayon's pool where there is no team) along the kernel's split dimension when a kernel
//! has at least `PARALLEL_MIN` loop iterations.
//!
//! This module owns execution: buffers, the caches, threads. It must not make fusion decisions
//! (that is `fuse`) nor generate code (that is `codegen`).

mod codegen;
pub(crate) mod dot;
mod scan;
pub(crate) mod team;
pub mod wide;
pub mod math;
#[cfg(test)]
mod tests;
/// The device `tests.rs` checks against `eval` (the gpu module includes the same file).
#[cfg(test)]
const TEST_DEVICE: super::Device = super::Device::Cpu;

use super::{Backend, Plans, RunError};
use crate::array::{numel, DType, Data, HostArray};
use crate::fuse::{self, Plan, Step};
use crate::ir::Func;
use codegen::{Jit, KernelFn};
use std::collections::HashMap;
use std::fmt::Write;
use std::rc::Rc;
use std::sync::atomic::{AtomicBool, AtomicUsize, Ordering};
use std::time::Instant;

/// Kernels with fewer loop iterations than this run on one thread.
pub const PARALLEL_MIN: usize = 1 << 15;

/// A compiled kernel.
pub struct Compiled {
    f: KernelFn,
    /// The dimension whose size comes at run time after the kernel's arguments (`any_len`).
    len_dim: Option<usize>,
    /// The kernel's Cranelift IR.
    pub clif: String,
    pub compile_ms: f64,
}

/// A plan with its compiled kernels (one entry per step).
struct Prepared {
    plan: Rc<Plan>,
    kernels: Vec<Option<Rc<Compiled>>>,
}

/// Counters shown by `%kernels`.
#[derive(Clone, Debug, Default)]
pub struct Stats {
    pub kernel_hits: u64,
    pub kernel_misses: u64,
    pub compile_ms: f64,
    /// Why nested functions of control flow ran on `eval` instead (a fusion or compilation
    /// error); the runtime keeps the same for top-level functions.
    pub eval_fallbacks: Vec<String>,
    /// Scans whose body ran in place (`scan.rs`: buffers made once for the loop).
    pub scans_in_place: u64,
    /// Products of scan bodies run in place that ran before the loop for every step at once
    /// (they did not depend on the carry), and those whose matrix was copied once into columns.
    pub scan_products_hoisted: u64,
    pub scan_products_packed: u64,
}

pub struct Cpu {
    jit: Option<Result<Jit, String>>,
    /// Large output buffers, kept so that one no array holds any more is reused instead of
    /// freshly mapped (fresh pages cost a fault each): a loop `y = f(x)` alternates two buffers.
    pool: Vec<Data>,
    kernels: HashMap<String, Rc<Compiled>>,
    /// Each plan's compiled kernels, by the plan's address (the runtime never drops a plan).
    prepared: HashMap<usize, Rc<Prepared>>,
    pub stats: Stats,
    last: Option<Rc<Prepared>>,
    /// Per-step times of each plan, by the plan's address, where `SLOPE_CPU_PROFILE` is set
    /// (`profile_report`).
    profile: Option<(usize, HashMap<usize, Vec<Vec<f64>>>)>,
}

impl Default for Cpu {
    fn default() -> Self {
        Cpu::new()
    }
}

/// Raw pointers handed to kernels on other threads.
#[derive(Clone, Copy)]
struct Ptrs(*const *mut u8);
// SAFETY: the pointers stay valid for the duration of the scoped call, and threads write
// disjoint ranges of the outputs.
unsafe impl Send for Ptrs {}
unsafe impl Sync for Ptrs {}

impl Cpu {
    pub fn new() -> Cpu {
        let profile = std::env::var("SLOPE_CPU_PROFILE").ok().and_then(|v| v.parse().ok()).filter(|&n: &usize| n > 0).map(|n| (n, HashMap::new()));
        Cpu { jit: None, pool: Vec::new(), kernels: HashMap::new(), prepared: HashMap::new(), stats: Stats::default(), last: None, profile }
    }

    /// Why vector forms of kernels failed to compile, so far.
    pub fn vector_fallbacks(&self) -> Vec<String> {
        match &self.jit {
            Some(Ok(j)) => j.fallbacks.clone(),
            _ => Vec::new(),
        }
    }

    pub(crate) fn jit(&mut self) -> Result<&mut Jit, String> {
        match self.jit.get_or_insert_with(Jit::new) {
            Ok(j) => Ok(j),
            Err(m) => Err(m.clone()),
        }
    }

    /// Compile (or find) the kernel.
    pub fn compile(&mut self, k: &fuse::kernel::Kernel) -> Result<Rc<Compiled>, String> {
        let rows = any_rows(k);
        let k = rows.as_ref().unwrap_or(k);
        let len = any_len(k);
        let (k, len_dim) = match &len {
            Some((g, d)) => (g, Some(*d)),
            None => (k, None),
        };
        let text = k.to_string();
        if let Some(c) = self.kernels.get(&text) {
            self.stats.kernel_hits += 1;
            return Ok(c.clone());
        }
        let t = Instant::now();
        // A panic while compiling leaves Cranelift's builder context half used, which would fail
        // every later kernel: it becomes this kernel's error (the runtime runs the function on
        // eval instead) and the JIT is made anew.
        let jit = self.jit()?;
        let (f, clif) = match std::panic::catch_unwind(std::panic::AssertUnwindSafe(|| jit.compile(k))) {
            Ok(r) => r?,
            Err(payload) => {
                self.jit = None;
                let what = payload.downcast_ref::<String>().cloned().or_else(|| payload.downcast_ref::<&str>().map(|s| s.to_string())).unwrap_or_default();
                return Err(format!("internal error: compiling a kernel panicked ({what})"));
            }
        };
        let ms = t.elapsed().as_secs_f64() * 1e3;
        self.stats.kernel_misses += 1;
        self.stats.compile_ms += ms;
        let c = Rc::new(Compiled { f, len_dim, clif, compile_ms: ms });
        self.kernels.insert(text, c.clone());
        Ok(c)
    }

    /// The plan with its kernels compiled (once per plan).
    fn prepare(&mut self, plan: &Rc<Plan>) -> Result<Rc<Prepared>, String> {
        let key = Rc::as_ptr(plan) as usize;
        if let Some(p) = self.prepared.get(&key) {
            return Ok(p.clone());
        }
        let mut kernels = Vec::with_capacity(plan.steps.len());
        for s in &plan.steps {
            kernels.push(match s {
                Step::Kernel { kernel, .. } => Some(self.compile(kernel)?),
                Step::Dot { .. } | Step::Host { .. } => None,
            });
        }
        let p = Rc::new(Prepared { plan: plan.clone(), kernels });
        self.prepared.insert(key, p.clone());
        Ok(p)
    }
}

/// The size of the leading dimension in the compiled form of a kernel whose code does not
/// depend on it (`any_rows`).
pub const ANY_ROWS: usize = 1 << 40;

/// The kernel with the size of its leading dimension (and its arguments' lengths) left out, when
/// the code generated for it does not depend on them: the leading dimension is the split one,
/// whose range `[start, end)` comes at run time, and no phase loops over it (the kernel maps or
/// reduces each row on its own, as a softmax does), or the kernel is one map whose outermost
/// loop is the split one and not its innermost (a bias and relu over a batch). Such a kernel is
/// compiled once for every batch size: its key and its code say `d0=ANY_ROWS`, and `codegen`
/// takes every bound along that dimension from `end` (see ARCHITECTURE.md). None where the
/// sizes stay constants (a reduction over the batch, a one-dimensional map, whose vector loop's
/// form depends on its length).
pub fn any_rows(k: &fuse::kernel::Kernel) -> Option<fuse::kernel::Kernel> {
    let rows = k.outer > 0 && !k.phases.iter().any(|p| p.dims().contains(&0));
    let map = k.outer == 0 && matches!(k.phases.as_slice(), [fuse::kernel::Phase::Map { dims, .. }] if dims.len() >= 2 && dims[0] == 0 && !dims[1..].contains(&0));
    if k.split != Some(0) || !(rows || map) {
        return None;
    }
    let mut g = k.clone();
    g.dims[0] = ANY_ROWS;
    for a in &mut g.args {
        a.len = 0;
    }
    Some(g)
}

/// The size of the reduced dimensions in the compiled form of a kernel that reduces over a
/// dimension no other loop uses (`any_len`); the code reads the size at run time.
pub const ANY_LEN: usize = 1 << 41;

/// The kernel with the size of the dimensions it only reduces over left out (with its
/// arguments' lengths), and the first of them, where the size is between 2 and 511: a sum over
/// the batch (a loss's mean over rows, a bias gradient `dy.sum(axis=0)`) that compiles once for
/// every batch size. The dimensions are those of reduce phases that no map phase, outer loop or
/// split uses and whose size is the first such one's; their size is only a loop bound (strides
/// are constants of the kernel's text, so a stride that depends on the size keeps kernels of
/// different sizes apart), and `codegen` reads it after the kernel's arguments (`ptrs[nargs]`,
/// which the callers append from the step's own kernel). Below 512 the code is the one the
/// constant size gives (four vector accumulators, `codegen::reduce_unroll`), so the sums are
/// the same. None where there is no such dimension.
pub fn any_len(k: &fuse::kernel::Kernel) -> Option<(fuse::kernel::Kernel, usize)> {
    let n = k.dims.len();
    let mut other = vec![false; n];
    let mut reduced = vec![false; n];
    other[..k.outer.min(n)].iter_mut().for_each(|o| *o = true);
    if let Some(s) = k.split {
        other[s] = true;
    }
    for p in &k.phases {
        match p {
            fuse::kernel::Phase::Map { dims, .. } => dims.iter().for_each(|&d| other[d] = true),
            fuse::kernel::Phase::Reduce { dims, .. } => dims.iter().for_each(|&d| reduced[d] = true),
        }
    }
    let only = |d: usize| reduced[d] && !other[d] && (2..512).contains(&k.dims[d]);
    let first = (0..n).find(|&d| only(d))?;
    let size = k.dims[first];
    let mut g = k.clone();
    for d in (0..n).filter(|&d| only(d) && k.dims[d] == size) {
        g.dims[d] = ANY_LEN;
    }
    for a in &mut g.args {
        a.len = 0;
    }
    Some((g, first))
}

/// Buffers at least this large go through the pool.
const POOL_MIN_BYTES: usize = 1 << 16;
/// The pool keeps at most this many bytes that no array holds.
const POOL_MAX_IDLE_BYTES: usize = 1 << 29;

fn rc_count(d: &Data) -> usize {
    match d {
        Data::Bool(v) => Rc::strong_count(v),
        Data::I32(v) => Rc::strong_count(v),
        Data::I64(v) => Rc::strong_count(v),
        Data::F32(v) => Rc::strong_count(v),
        Data::F64(v) => Rc::strong_count(v),
        _ => unreachable!("the CPU backend sees only the five storage dtypes (transform::legalize)"),
    }
}

fn data_len(d: &Data) -> usize {
    match d {
        Data::Bool(v) => v.len(),
        Data::I32(v) => v.len(),
        Data::I64(v) => v.len(),
        Data::F32(v) => v.len(),
        Data::F64(v) => v.len(),
        _ => unreachable!("the CPU backend sees only the five storage dtypes (transform::legalize)"),
    }
}

fn data_dtype(d: &Data) -> DType {
    match d {
        Data::Bool(_) => DType::Bool,
        Data::I32(_) => DType::I32,
        Data::I64(_) => DType::I64,
        Data::F32(_) => DType::F32,
        Data::F64(_) => DType::F64,
        _ => unreachable!("the CPU backend sees only the five storage dtypes (transform::legalize)"),
    }
}

impl Cpu {
    /// A buffer for a step's output, from the pool when one of the right size is idle.
    fn alloc(&mut self, ty: &crate::ir::Type) -> (HostArray, *mut u8) {
        let n = numel(&ty.shape);
        let bytes = n * ty.dtype.size_bytes();
        if bytes < POOL_MIN_BYTES {
            return alloc(ty);
        }
        if let Some(d) = self.pool.iter().find(|d| rc_count(d) == 1 && data_dtype(d) == ty.dtype && data_len(d) == n) {
            let data = d.clone();
            // The pool never reads its buffers; the step writes every element before any read.
            let p = data_ptr(&data);
            return (HostArray { shape: ty.shape.clone(), data }, p);
        }
        let (h, p) = alloc(ty);
        self.pool.push(h.data.clone());
        let mut idle: usize = self.pool.iter().filter(|d| rc_count(d) == 1).map(|d| data_len(d) * data_dtype(d).size_bytes()).sum();
        while idle > POOL_MAX_IDLE_BYTES {
            let Some(i) = self.pool.iter().position(|d| rc_count(d) == 1) else { break };
            let d = self.pool.remove(i);
            idle -= data_len(&d) * data_dtype(&d).size_bytes();
        }
        (h, p)
    }
}

/// A new buffer: its data and a pointer to its first element.
fn alloc(ty: &crate::ir::Type) -> (HostArray, *mut u8) {
    // Zeroed allocations of numbers come from calloc: large ones are fresh zero pages the kernel
    // faults in as it writes, so zeroing costs nothing extra.
    fn zeroed<T: Copy + Default>(n: usize) -> Rc<Vec<T>> {
        Rc::new(vec![T::default(); n])
    }
    let n = numel(&ty.shape);
    let mut data = match ty.dtype {
        DType::Bool => Data::Bool(Rc::new(vec![false; n])),
        DType::I32 => Data::I32(zeroed(n)),
        DType::I64 => Data::I64(zeroed(n)),
        DType::F32 => Data::F32(zeroed(n)),
        DType::F64 => Data::F64(zeroed(n)),
        _ => unreachable!("the CPU backend sees only the five storage dtypes (transform::legalize)"),
    };
    let p = data_ptr_mut(&mut data);
    huge_pages(p, n * ty.dtype.size_bytes());
    (HostArray { shape: ty.shape.clone(), data }, p)
}

/// Buffers at least this large ask the kernel for transparent huge pages.
const HUGE_MIN_BYTES: usize = 4 << 20;

/// Ask for 2 MiB pages on the whole 2 MiB blocks of a fresh buffer (before it is written, so the
/// first touches fault in huge pages). Streaming kernels then take one TLB miss per 2 MiB
/// instead of per 4 KiB, and the hardware prefetchers, which stop at page boundaries, run on.
/// Where transparent huge pages are off (or not madvise-able) this does nothing.
fn huge_pages(p: *mut u8, bytes: usize) {
    #[cfg(target_os = "linux")]
    if bytes >= HUGE_MIN_BYTES {
        const HUGE: usize = 2 << 20;
        let start = (p as usize).div_ceil(HUGE) * HUGE;
        let end = (p as usize + bytes) / HUGE * HUGE;
        if end > start {
            // SAFETY: advice only, on whole pages inside the buffer just allocated.
            unsafe {
                libc::madvise(start as *mut libc::c_void, end - start, libc::MADV_HUGEPAGE);
            }
        }
    }
    #[cfg(not(target_os = "linux"))]
    let _ = (p, bytes);
}

fn data_ptr_mut(d: &mut Data) -> *mut u8 {
    fn p<T>(v: &mut Rc<Vec<T>>) -> *mut u8 {
        match Rc::get_mut(v) {
            Some(v) => v.as_mut_ptr() as *mut u8,
            None => v.as_ptr() as *mut u8,
        }
    }
    match d {
        Data::Bool(v) => p(v),
        Data::I32(v) => p(v),
        Data::I64(v) => p(v),
        Data::F32(v) => p(v),
        Data::F64(v) => p(v),
        _ => unreachable!("the CPU backend sees only the five storage dtypes (transform::legalize)"),
    }
}

fn data_ptr(d: &Data) -> *mut u8 {
    match d {
        Data::Bool(v) => v.as_ptr() as *mut u8,
        Data::I32(v) => v.as_ptr() as *mut u8,
        Data::I64(v) => v.as_ptr() as *mut u8,
        Data::F32(v) => v.as_ptr() as *mut u8,
        Data::F64(v) => v.as_ptr() as *mut u8,
        _ => unreachable!("the CPU backend sees only the five storage dtypes (transform::legalize)"),
    }
}

/// Work (`Kernel::work`, loop iterations) of one piece of a kernel's split range. A launch
/// runs its range piece by piece and looks at the session's interrupt flag before each piece,
/// so Ctrl-C stops even one long kernel within a piece's time (well under a millisecond of
/// arithmetic at this size, a few with a slow transcendental per element).
const PIECE_WORK: usize = 1 << 20;

/// Run a compiled kernel over its split range, on several threads when it is large, in pieces
/// of about `PIECE_WORK` that idle threads take in turn (a thread the machine preempts, on a
/// shared host, does not hold the kernel back). Each call gets its own scratch blocks. `Err`
/// with the `INTERRUPTED` prefix when the session was interrupted before the last piece.
fn launch(c: &Compiled, k: &fuse::kernel::Kernel, ptrs: &[*mut u8]) -> Result<(), String> {
    let n = match k.split {
        Some(d) => k.dims[d],
        None => 1,
    };
    if n == 0 {
        return Ok(());
    }
    let f = c.f;
    let threads = rayon::current_num_threads().min(n);
    let work = k.work();
    let single = k.split.is_none() || threads < 2 || work < PARALLEL_MIN;
    let pieces = if k.split.is_none() { 1 } else { (work / PIECE_WORK).clamp(1, n) };
    if single && pieces == 1 && !k.args.iter().any(|a| a.role == fuse::kernel::Role::Scratch) {
        // SAFETY: as below, in one call on this thread.
        unsafe { f(ptrs.as_ptr(), 0, n as i64) };
        return Ok(());
    }
    let scratch: Vec<(usize, usize)> = k
        .args
        .iter()
        .enumerate()
        .filter(|(_, a)| a.role == fuse::kernel::Role::Scratch)
        .map(|(i, a)| (i, a.len * a.dtype.size_bytes()))
        .collect();
    // One call: its own argument array with fresh scratch blocks (u64s keep them aligned).
    let base = Ptrs(ptrs.as_ptr());
    let len = ptrs.len();
    let call = move |lo: usize, hi: usize| {
        let b = base;
        // SAFETY: `ptrs` outlives every call (the scope below ends before `launch` returns).
        let mut args = unsafe { std::slice::from_raw_parts(b.0, len) }.to_vec();
        let mut blocks: Vec<Vec<u64>> = Vec::with_capacity(scratch.len());
        for &(i, bytes) in &scratch {
            let mut b = vec![0u64; bytes.div_ceil(8).max(1)];
            args[i] = b.as_mut_ptr() as *mut u8;
            blocks.push(b);
        }
        // SAFETY: the kernel verified against its arguments' lengths, which `run` allocated;
        // calls on other threads get disjoint ranges.
        unsafe { f(args.as_ptr(), lo as i64, hi as i64) };
        drop(blocks);
    };
    let flag = crate::limits::thread_interrupt();
    let interrupted = || flag.as_ref().is_some_and(|f| f.load(Ordering::Relaxed));
    let stopped = AtomicBool::new(false);
    if single {
        for p in 0..pieces {
            if interrupted() {
                stopped.store(true, Ordering::Relaxed);
                break;
            }
            call(n * p / pieces, n * (p + 1) / pieces);
        }
    } else {
        // At least a few pieces per thread for large kernels, for the preempted thread's sake.
        let tasks = pieces.max(if work >= 16 * PARALLEL_MIN { threads * 4 } else { threads }).min(n);
        let next = AtomicUsize::new(0);
        let piece = || loop {
            let p = next.fetch_add(1, Ordering::Relaxed);
            if p >= tasks {
                break;
            }
            if interrupted() {
                stopped.store(true, Ordering::Relaxed);
                break;
            }
            call(n * p / tasks, n * (p + 1) / tasks);
        };
        if team::threads() > 1 {
            // The team's helpers are awake during a step (`team`): no thread to wake.
            if !team::run(threads, &|_| piece()) {
                return Err("internal error: a piece of a kernel failed".into());
            }
        } else {
            rayon::scope(|s| {
                for _ in 0..threads {
                    let piece = &piece;
                    s.spawn(move |_| piece());
                }
            });
        }
    }
    if stopped.load(Ordering::Relaxed) {
        crate::limits::check_interrupt_in("running a kernel")?;
    }
    Ok(())
}

impl Backend for Cpu {
    fn name(&self) -> &'static str {
        "cpu"
    }

    fn run_plan(&mut self, plan: &Rc<Plan>, args: &[HostArray], plans: &mut Plans) -> Result<Vec<HostArray>, RunError> {
        let prep = self.prepare(plan).map_err(RunError::Fallback)?;
        let outs = self.exec(&prep, args, plans)?;
        self.last = Some(prep);
        Ok(outs)
    }

    fn report(&self) -> String {
        report(self)
    }
}

impl Cpu {
    /// Run a nested function of a host step's control flow: planned through the runtime's
    /// cache, its kernels compiled once for the whole loop (`preps`, by the function's address),
    /// so the carry goes from one step's buffers to the next.
    fn nested(&mut self, g: &Func, a: &[HostArray], plans: &mut Plans, preps: &mut Vec<(*const Func, Rc<Prepared>)>) -> Result<Vec<HostArray>, String> {
        let key = g as *const Func;
        let p = match preps.iter().find(|(k, _)| *k == key) {
            Some((_, p)) => p.clone(),
            None => match plans.get(g).and_then(|plan| self.prepare(&plan)) {
                Ok(p) => {
                    preps.push((key, p.clone()));
                    p
                }
                Err(m) => {
                    self.stats.eval_fallbacks.push(m);
                    return crate::eval::eval_func(g, a);
                }
            },
        };
        self.exec(&p, a, plans)
    }

    /// Run a prepared plan on arguments already checked against its function.
    fn exec(&mut self, prep: &Rc<Prepared>, args: &[HostArray], plans: &mut Plans) -> Result<Vec<HostArray>, String> {
        let plan = &prep.plan;
        let mut bufs: Vec<Option<HostArray>> = vec![None; plan.bufs.len()];
        let mut ptrs: Vec<*mut u8> = vec![std::ptr::null_mut(); plan.bufs.len()];
        for (i, a) in args.iter().enumerate() {
            ptrs[i] = data_ptr(&a.data);
            bufs[i] = Some(a.clone());
        }
        let mut times = self.profile.as_ref().map(|_| Vec::with_capacity(plan.steps.len()));
        // Products already run beside an earlier one.
        let mut early = vec![false; plan.steps.len()];
        for (si, step) in plan.steps.iter().enumerate() {
            crate::limits::check_interrupt_in("running a kernel")?;
            let t0 = times.as_ref().map(|_| Instant::now());
            match step {
                Step::Kernel { kernel, bufs: kb } => {
                    for (a, &b) in kernel.args.iter().zip(kb) {
                        if a.role == fuse::kernel::Role::Out && bufs[b].is_none() {
                            let (h, p) = self.alloc(&plan.bufs[b]);
                            bufs[b] = Some(h);
                            ptrs[b] = p;
                        }
                    }
                    let mut kp: Vec<*mut u8> = kb.iter().map(|&b| ptrs[b]).collect();
                    let c = prep.kernels[si].as_ref().ok_or("internal error: a kernel step without code")?;
                    if let Some(d) = c.len_dim {
                        kp.push(kernel.dims[d] as *mut u8);
                    }
                    launch(c, kernel, &kp)?;
                }
                Step::Dot { .. } if early[si] => {}
                Step::Dot { prim, lhs, rhs, out } => {
                    let (l, r) = (bufs[lhs.buf].clone(), bufs[rhs.buf].clone());
                    let (l, r) = (l.ok_or("internal error: dot operand missing")?, r.ok_or("internal error: dot operand missing")?);
                    // A later product whose operands are ready runs beside this one (`dot::pair`).
                    if let Some(j) = partner(plan, si, &bufs) {
                        let Step::Dot { prim: p2, lhs: l2, rhs: r2, out: o2 } = &plan.steps[j] else { unreachable!("partner gives a dot step") };
                        let (bl, br) = (bufs[l2.buf].clone(), bufs[r2.buf].clone());
                        let (bl, br) = (bl.ok_or("internal error: dot operand missing")?, br.ok_or("internal error: dot operand missing")?);
                        let a = (prim, lhs, &l, rhs, &r, &plan.bufs[*out]);
                        let b = (p2, l2, &bl, r2, &br, &plan.bufs[*o2]);
                        if let Some(res) = dot::pair(a, b, &mut |t| self.alloc(t).0) {
                            let (ra, rb) = res?;
                            ptrs[*out] = data_ptr(&ra.data);
                            bufs[*out] = Some(ra);
                            ptrs[*o2] = data_ptr(&rb.data);
                            bufs[*o2] = Some(rb);
                            early[j] = true;
                            if let (Some(t), Some(t0)) = (times.as_mut(), t0) {
                                t.push(t0.elapsed().as_secs_f64());
                            }
                            continue;
                        }
                    }
                    let res = dot::dot(prim, lhs, &l, rhs, &r, &plan.bufs[*out], |t| self.alloc(t).0)?;
                    ptrs[*out] = data_ptr(&res.data);
                    bufs[*out] = Some(res);
                }
                Step::Host { func: f, ins, outs } => {
                    let a: Vec<HostArray> = ins.iter().map(|&b| bufs[b].clone().ok_or("internal error: host operand missing")).collect::<Result<_, _>>()?;
                    let r = match self.scan_in_place(f, &a, plans)? {
                        Some(r) => r,
                        None => {
                            let mut preps = Vec::new();
                            super::host::step(f, &a, &mut |g, x| self.nested(g, x, plans, &mut preps))?
                        }
                    };
                    for (&b, h) in outs.iter().zip(r) {
                        ptrs[b] = data_ptr(&h.data);
                        bufs[b] = Some(h);
                    }
                }
            }
            if let (Some(t), Some(t0)) = (times.as_mut(), t0) {
                t.push(t0.elapsed().as_secs_f64());
            }
        }
        if let Some(t) = times {
            self.profile_step(plan, t);
        }
        plan.outs.iter().map(|&b| bufs[b].clone().ok_or_else(|| "internal error: an output was not computed".to_string())).collect()
    }
}

impl Cpu {
    /// Keep one run's step times (`SLOPE_CPU_PROFILE=N`); after every N runs of a plan, print
    /// each step's median and the whole run's to stderr, and start again.
    fn profile_step(&mut self, plan: &Rc<Plan>, t: Vec<f64>) {
        let Some((n, runs)) = self.profile.as_mut() else { return };
        let v = runs.entry(Rc::as_ptr(plan) as usize).or_default();
        v.push(t);
        if v.len() < *n {
            return;
        }
        let med = |mut x: Vec<f64>| {
            x.sort_by(f64::total_cmp);
            x[x.len() / 2]
        };
        let mut s = format!("-- cpu profile: medians of {} runs of a plan of {} steps (µs)\n", v.len(), plan.steps.len());
        let mut sum = 0.0;
        for (si, step) in plan.steps.iter().enumerate() {
            let m = med(v.iter().map(|r| r[si]).collect()) * 1e6;
            sum += m;
            let what = match step {
                Step::Kernel { kernel, .. } => format!("kernel dims {:?} split {:?} work {}", kernel.dims, kernel.split, kernel.work()),
                Step::Dot { lhs, rhs, out, .. } => {
                    format!("dot {:?}{:?} · {:?}{:?} -> {:?}", lhs.shape, lhs.strides, rhs.shape, rhs.strides, plan.bufs[*out].shape)
                }
                Step::Host { func, .. } => format!("host {}", func.eqns.first().map(|e| e.prim.name()).unwrap_or("?")),
            };
            let _ = writeln!(s, "  step {si:2}: {m:8.1}  {what}");
        }
        let tot = med(v.iter().map(|r| r.iter().sum()).collect()) * 1e6;
        let _ = writeln!(s, "  sum of medians {sum:.1}, median of sums {tot:.1}");
        eprint!("{s}");
        v.clear();
    }
}

/// How many steps after a product `partner` looks for one to run beside it.
const PARTNER_WINDOW: usize = 6;

/// The first product among the next few steps after product `si` that can run beside it now
/// (`dot::pair` decides whether it does): its operands are computed, no step in between writes
/// them, and its output is not yet made. Its result is then ready before the steps in between,
/// which cannot read it (they come before it in the plan).
fn partner(plan: &Plan, si: usize, bufs: &[Option<HostArray>]) -> Option<usize> {
    let writes = |s: &Step, b: usize| match s {
        Step::Kernel { kernel, bufs: kb } => kernel.args.iter().zip(kb).any(|(a, &x)| x == b && a.role == fuse::kernel::Role::Out),
        Step::Dot { out, .. } => *out == b,
        Step::Host { outs, .. } => outs.contains(&b),
    };
    let end = (si + 1 + PARTNER_WINDOW).min(plan.steps.len());
    (si + 1..end).find(|&j| {
        let Step::Dot { lhs, rhs, out, .. } = &plan.steps[j] else { return false };
        bufs[lhs.buf].is_some() && bufs[rhs.buf].is_some() && bufs[*out].is_none() && !plan.steps[si..j].iter().any(|s| writes(s, lhs.buf) || writes(s, rhs.buf) || writes(s, *out))
    })
}

/// What `%kernels` prints.
fn report(c: &Cpu) -> String {
    {
        let mut s = String::new();
        let st = &c.stats;
        let _ = writeln!(s, "kernels {} cached / {} compiled ({:.2} ms compiling)", st.kernel_hits, st.kernel_misses, st.compile_ms);
        if st.scans_in_place > 0 {
            let _ = writeln!(s, "scans run in place: {} ({} products hoisted out of the loop, {} with a packed matrix)", st.scans_in_place, st.scan_products_hoisted, st.scan_products_packed);
        }
        for m in &st.eval_fallbacks {
            let _ = writeln!(s, "ran on eval instead: {m}");
        }
        if let Some(p) = &c.last {
            for (i, k) in p.kernels.iter().enumerate() {
                if let Some(k) = k {
                    let _ = writeln!(s, "-- step {i}: Cranelift IR (compiled in {:.2} ms)\n{}", k.compile_ms, k.clif);
                }
            }
        }
        s
    }
}
