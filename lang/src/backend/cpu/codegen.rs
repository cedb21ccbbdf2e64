//! `Kernel` → Cranelift IR → machine code.
//!
//! The generated function is `fn(args: *const *mut u8, start: i64, end: i64)`: `args` holds one
//! pointer per kernel argument, and `[start, end)` is the range of the kernel's split dimension
//! (so threads can share the work). Loops run over the kernel's dimensions; a phase's innermost
//! loop is vectorized when its values allow (one lane width: f32x4 and i32x4, or f64x2 and i64x2;
//! no casts, bool loads or stores, or iota along it), unrolled (2 vectors per iteration for maps,
//! 4 independent accumulators for reductions, 8 along 512 elements or more), with a scalar loop
//! for the remainder. Values that
//! do not depend on a loop are computed before it (and stored once to a stack slot, see `keep`:
//! Cranelift's egraph pass would otherwise re-place them inside the loop). Operations with no
//! vector instruction run lane by lane; if Cranelift cannot lower a vector form, the kernel is
//! compiled again without vectors.
//!
//! Column mode (`column_lanes`): where a phase's innermost loop is strided (a reduction over a
//! leading axis, a transposed copy) but consecutive points of the last outer dimension are
//! consecutive in memory, the lanes run along that outer dimension instead and every phase's
//! loops go one element at a time.
//!
//! Reduction order, fixed and documented: with `L` lanes and `U` accumulators, the elements of
//! the innermost loop's main part go to accumulator `(j / L) % U`, lane `j % L` (counting `j`
//! from the loop start, row after row for multi-dimensional reductions); the rest go, in order,
//! into one scalar accumulator. At the end the `U` vectors are combined in order (0 with 1, that
//! with 2, …), then the lanes in order, then the scalar accumulator. In column mode each output
//! is one lane that takes its elements in order. A float sum of products `Σ a·b` accumulates
//! with `fma` where the CPU has it.
//!
//! Float sums are blocked (`Fold`), so their error does not grow with the length: the `U` vector
//! accumulators take `SUM_BLOCK` steps of the main loop (16 elements per lane), are then
//! combined as a tree (`(0+1)+(2+3)`, …), added with Kahan's compensation into an outer vector
//! sum and reset; likewise at the end of every row of the innermost loop, and the scalar
//! accumulator at the end of every row (or every `SUM_BLOCK_SCALAR` elements where the loop has
//! no vectors, and per lane in column mode). The result is the outer sums' lanes in order, then
//! the scalar one (a plain sum beside each compensated one stands in where it is not finite). A sum of one block gives the bits of the unblocked order with the tree.
//!
//! This module owns code generation (the one `match` over kernel operations per form) and the JIT
//! module; `math` owns the polynomials and host functions; `cpu` runs what this produces.

use super::math::{self, F32Math};
use crate::array::{DType, Scalar};
use crate::fuse::kernel::{BinOp, Kernel, NodeId, Op, Phase, ReduceOp, UnOp};
use cranelift_codegen::ir::condcodes::{FloatCC, IntCC};
use cranelift_codegen::ir::{types, AbiParam, StackSlotData, StackSlotKind, BlockArg, InstBuilder, MemFlagsData, SigRef, Signature, Type, UserFuncName, Value};
use cranelift_codegen::isa::CallConv;
use cranelift_codegen::settings::{self, Configurable};
use cranelift_frontend::{FunctionBuilder, FunctionBuilderContext, Variable};
use cranelift_jit::{JITBuilder, JITModule};
use cranelift_module::{default_libcall_names, Linkage, Module};
use std::collections::HashMap;

/// A compiled kernel.
pub type KernelFn = unsafe extern "C" fn(*const *mut u8, i64, i64);

/// The JIT: one Cranelift module whose code lives as long as the backend.
pub struct Jit {
    module: JITModule,
    ctx: cranelift_codegen::Context,
    fctx: FunctionBuilderContext,
    count: u32,
    fma: bool,
    /// Whether float32 `exp`/`log`/`tanh`/`sin`/`cos` in maps run on eight (or sixteen) lanes through
    /// `wide`'s block functions (AVX2 and FMA detected, and `SLOPE_CPU_WIDE` is not `0`).
    pub wide: bool,
    /// Whether those block functions run on sixteen lanes (AVX-512F detected, and
    /// `SLOPE_CPU_AVX512` is not `0`: `wide::use16`).
    pub wide16: bool,
    /// Why vector forms failed to compile (kernels then run scalar code).
    pub fallbacks: Vec<String>,
}

impl Jit {
    pub fn new() -> Result<Jit, String> {
        let mut flags = settings::builder();
        let set = |f: &mut settings::Builder, k: &str, v: &str| f.set(k, v).map_err(|e| format!("cranelift setting {k}: {e}"));
        set(&mut flags, "use_colocated_libcalls", "false")?;
        set(&mut flags, "is_pic", "false")?;
        set(&mut flags, "opt_level", "speed")?;
        set(&mut flags, "enable_verifier", if cfg!(debug_assertions) { "true" } else { "false" })?;
        let isa = cranelift_native::builder()
            .map_err(|m| format!("this CPU is not supported by Cranelift: {m}"))?
            .finish(settings::Flags::new(flags))
            .map_err(|e| format!("cranelift: {e}"))?;
        let module = JITModule::new(JITBuilder::with_isa(isa, default_libcall_names()));
        let ctx = module.make_context();
        #[cfg(target_arch = "x86_64")]
        let fma = std::is_x86_feature_detected!("fma");
        #[cfg(not(target_arch = "x86_64"))]
        let fma = true;
        let wide = super::wide::available() && std::env::var("SLOPE_CPU_WIDE").map_or(true, |v| v != "0");
        let wide16 = wide && super::wide::use16();
        Ok(Jit { module, ctx, fctx: FunctionBuilderContext::new(), count: 0, fma, wide, wide16, fallbacks: Vec::new() })
    }

    /// Compile `k`; returns the function and its Cranelift IR as text.
    pub fn compile(&mut self, k: &Kernel) -> Result<(KernelFn, String), String> {
        match self.compile_with(k, true) {
            Ok(r) => Ok(r),
            Err(first) => {
                self.fallbacks.push(first.clone());
                let (f, clif) = self.compile_with(k, false).map_err(|e| format!("{e} (with vectors: {first})"))?;
                Ok((f, format!("; the vector form did not compile ({first}); scalar code:\n{clif}")))
            }
        }
    }

    fn compile_with(&mut self, k: &Kernel, vector: bool) -> Result<(KernelFn, String), String> {
        self.module.clear_context(&mut self.ctx);
        let ptr = self.module.target_config().pointer_type();
        let mut sig = self.module.make_signature();
        sig.params.extend([AbiParam::new(ptr), AbiParam::new(types::I64), AbiParam::new(types::I64)]);
        self.count += 1;
        let id = self.module.declare_function(&format!("kernel{}", self.count), Linkage::Local, &sig).map_err(|e| e.to_string())?;
        self.ctx.func.signature = sig;
        self.ctx.func.name = UserFuncName::user(0, id.as_u32());
        let call_conv = self.module.isa().default_call_conv();
        let tcfg = self.module.target_config();
        {
            let b = FunctionBuilder::new(&mut self.ctx.func, &mut self.fctx);
            let mut g = Gen::new(b, k, vector, self.fma, call_conv);
            g.wide = vector && self.wide;
            g.wide16 = self.wide16;
            g.emit();
            g.b.seal_all_blocks();
            g.b.finalize(tcfg);
        }
        let clif = self.ctx.func.display().to_string();
        self.module.define_function(id, &mut self.ctx).map_err(|e| format!("{e:?}"))?;
        self.module.finalize_definitions().map_err(|e| e.to_string())?;
        let code = self.module.get_finalized_function(id);
        // SAFETY: the function was generated with exactly this signature.
        let f = unsafe { std::mem::transmute::<*const u8, KernelFn>(code) };
        Ok((f, clif))
    }
}

/// What the cache of emitted values is keyed by.
#[derive(Clone, Copy, PartialEq, Eq, Hash)]
enum Key {
    Scalar(NodeId),
    Vector(NodeId, u32),
    Splat(NodeId),
    /// The address of a load's (or a store's, as `!index`) element at counter 0 of the innermost loop.
    Row(usize),
}

fn scalar_ty(d: DType) -> Type {
    match d {
        DType::Bool => types::I8,
        DType::I32 => types::I32,
        DType::I64 => types::I64,
        DType::F32 => types::F32,
        DType::F64 => types::F64,
        _ => unreachable!("backends see only the five storage dtypes (transform::legalize)"),
    }
}

fn flags() -> MemFlagsData {
    MemFlagsData::new().with_notrap()
}

/// Whether values of `dt` fit the lane width seen so far (`width`, in bytes; set by the first
/// non-bool dtype). Bools are masks of whatever width the other lanes have.
fn one_width(width: &mut Option<usize>, dt: DType) -> bool {
    if dt == DType::Bool {
        return true;
    }
    let w = dt.size_bytes();
    match *width {
        Some(x) => x == w,
        None => {
            *width = Some(w);
            true
        }
    }
}

/// Whether a reduction `op` with accumulator dtype `dt` has a vector form.
fn vector_reduce(op: ReduceOp, dt: DType) -> bool {
    matches!(
        (op, dt),
        (ReduceOp::Sum | ReduceOp::Prod | ReduceOp::Max | ReduceOp::Min, DType::F32 | DType::F64)
            | (ReduceOp::Sum | ReduceOp::Max | ReduceOp::Min, DType::I32)
            | (ReduceOp::Sum, DType::I64)
    )
}

struct Gen<'a, 'k> {
    b: FunctionBuilder<'a>,
    k: &'k Kernel,
    vector_ok: bool,
    fma: bool,
    call_conv: CallConv,
    deps: Vec<u64>,
    start: Value,
    end: Value,
    /// The size of the dimensions compiled as `cpu::ANY_LEN`, read after the arguments.
    any_len: Option<Value>,
    bases: Vec<Value>,
    idx: Vec<Variable>,
    reduced: Vec<Option<Value>>,
    cache: Vec<HashMap<Key, Value>>,
    /// The innermost loop being emitted: its dimension and lane count.
    inner: Option<(usize, usize)>,
    sigs: HashMap<(Type, usize), SigRef>,
    /// The accumulators of the reduce phase being emitted: scalar, then one per unrolled vector.
    accs: (Variable, Vec<Variable>),
    /// A float sum being emitted: where its blocks are gathered (see `Fold`).
    fold: Option<Fold>,
    /// Column mode: the lanes run along the last outer dimension (see `column_lanes`).
    column: bool,
    /// The phase being emitted.
    cur_phase: usize,
    /// Whether maps may run their float32 transcendental functions on eight or sixteen lanes (`blocked_map`).
    wide: bool,
    /// Whether those run on sixteen lanes (`Jit::wide16`).
    wide16: bool,
    /// In `blocked_map`: the nodes whose values are in a block, each with the address the
    /// block's element for counter `i` is at, less `4·i`.
    ready: HashMap<NodeId, Value>,
}

/// The outer accumulators of a float sum (`Gen::reduce`, column mode): the accumulators of the
/// innermost loop take at most a block of elements each (`SUM_BLOCK` vector steps,
/// `SUM_BLOCK_SCALAR` scalar or column steps), and at the end of every block and every row they
/// are combined and added into these with Kahan's compensation, so a sum's rounding error is
/// that of a block plus a few ulps, whatever its length (numpy's pairwise sum is O(log n) ulps;
/// one accumulator per lane was O(n)).
#[derive(Clone, Copy)]
struct Fold {
    /// Vector sums (lanes as the accumulators'), when the loop has vectors.
    vec: Option<Kahan>,
    /// Scalar sums, for the scalar accumulator.
    sca: Kahan,
}

/// A Kahan sum, its compensation, and the plain sum of the same terms (which says whether an
/// infinity or NaN reached the sum: the compensation is then meaningless, see `kahan_result`).
type Kahan = (Variable, Variable, Variable);

/// Unrolled vector steps of a float sum's innermost loop per block: with eight accumulators of
/// four float32 lanes, 512 elements, 16 per lane (numpy: 128 elements in eight accumulators).
const SUM_BLOCK: i64 = 16;
/// Steps per block of a float sum's innermost loop when it runs one element (or one column
/// vector) at a time.
const SUM_BLOCK_SCALAR: i64 = 16;

/// What the body of a phase's innermost loop does.
#[derive(Clone, Copy)]
enum Body {
    Reduce { op: ReduceOp, value: NodeId, dtype: DType },
    Map { phase: usize },
}

impl<'a, 'k> Gen<'a, 'k> {
    fn new(b: FunctionBuilder<'a>, k: &'k Kernel, vector_ok: bool, fma: bool, call_conv: CallConv) -> Gen<'a, 'k> {
        let deps = k.node_dims();
        let mut g = Gen {
            b,
            k,
            vector_ok,
            fma,
            call_conv,
            deps,
            start: Value::from_u32(0),
            end: Value::from_u32(0),
            any_len: None,
            bases: Vec::new(),
            idx: Vec::new(),
            reduced: vec![None; k.phases.len()],
            cache: vec![HashMap::new()],
            inner: None,
            sigs: HashMap::new(),
            accs: (Variable::from_u32(0), Vec::new()),
            fold: None,
            column: false,
            cur_phase: 0,
            wide: false,
            wide16: false,
            ready: HashMap::new(),
        };
        let entry = g.b.create_block();
        g.b.append_block_params_for_function_params(entry);
        g.b.switch_to_block(entry);
        let p = g.b.block_params(entry).to_vec();
        g.start = p[1];
        g.end = p[2];
        for i in 0..k.args.len() {
            let v = g.b.ins().load(types::I64, flags(), p[0], (8 * i) as i32);
            g.bases.push(v);
        }
        if k.dims.contains(&super::ANY_LEN) {
            g.any_len = Some(g.b.ins().load(types::I64, flags(), p[0], (8 * k.args.len()) as i32));
        }
        for _ in 0..k.dims.len() {
            let v = g.b.declare_var(types::I64);
            let zero = g.b.ins().iconst(types::I64, 0);
            g.b.def_var(v, zero);
            g.idx.push(v);
        }
        g
    }

    fn emit(&mut self) {
        self.outer(0);
        self.b.ins().return_(&[]);
    }

    fn outer(&mut self, d: usize) {
        if d == self.k.outer {
            for p in 0..self.k.phases.len() {
                self.phase(p);
            }
            return;
        }
        let (lo, hi) = self.bounds(d);
        let var = self.idx[d];
        let lanes = if d + 1 == self.k.outer { self.column_lanes() } else { 0 };
        if lanes > 1 {
            // Column mode: `lanes` consecutive outer points at once, then the rest one by one.
            self.for_loop(var, lo, hi, lanes as i64, |g| {
                g.column = true;
                g.inner = Some((d, lanes));
                for p in 0..g.k.phases.len() {
                    g.phase_column(p, lanes);
                }
                g.inner = None;
                g.column = false;
            });
            // The rest (fewer than `lanes` points) runs scalar: its phases' innermost loops are
            // the strided ones column mode avoids.
            let lo = self.b.use_var(var);
            let vector_ok = std::mem::replace(&mut self.vector_ok, false);
            self.for_loop(var, lo, hi, 1, |g| g.outer(d + 1));
            self.vector_ok = vector_ok;
            return;
        }
        self.for_loop(var, lo, hi, 1, |g| g.outer(d + 1));
    }

    /// The lane count of column mode for this kernel, or 0 where it does not apply.
    ///
    /// Column mode vectorises along the last outer dimension instead of each phase's innermost
    /// one: lane `l` computes outer point `i + l`, and every phase's loops run one element at a
    /// time. It applies where a phase's innermost loop reads or writes with a stride (a reduction
    /// over a leading axis, such as a bias gradient `dy.sum(axis=0)`, or a transposed copy), while
    /// consecutive outer points are consecutive in memory for every load that depends on them and
    /// for every store; there are no scratch blocks (which hold one outer point's values), and
    /// every value fits one lane width as in `lanes_for`. Each output's reduction then runs in
    /// order over its reduced elements.
    fn column_lanes(&self) -> usize {
        let k = self.k;
        if !self.vector_ok || k.outer == 0 || k.args.iter().any(|a| a.role == crate::fuse::kernel::Role::Scratch) {
            return 0;
        }
        let d = k.outer - 1;
        let roots: Vec<NodeId> = k.phases.iter().flat_map(|p| p.roots()).collect();
        let needed = self.needed(&roots);
        let mut width: Option<usize> = None;
        let mut fits = |dt: DType| one_width(&mut width, dt);
        let mut strided = false;
        for &n in &needed {
            let node = &k.nodes[n];
            if let Op::Load { at, .. } = &node.op {
                for &(e, c) in &at.terms {
                    if e >= k.outer && c != 1 && k.phases.iter().any(|p| p.dims().last() == Some(&e)) {
                        strided = true;
                    }
                }
            }
            if self.deps[n] & (1 << d) == 0 {
                continue;
            }
            match &node.op {
                Op::Index { .. } | Op::Cast(_) => return 0,
                Op::Load { .. } if node.dtype == DType::Bool => return 0,
                Op::Load { at, .. } if at.coef(d) != 1 => return 0,
                Op::Binary(op, a, _) if op.is_comparison() && !fits(k.nodes[*a].dtype) => return 0,
                _ => {}
            }
            if !fits(node.dtype) {
                return 0;
            }
        }
        for p in &k.phases {
            match p {
                Phase::Map { dims, stores } => {
                    for s in stores {
                        if s.at.coef(d) != 1 || k.nodes[s.value].dtype == DType::Bool || !fits(k.nodes[s.value].dtype) {
                            return 0;
                        }
                        if let Some(&e) = dims.last() {
                            if s.at.coef(e) != 1 {
                                strided = true;
                            }
                        }
                    }
                }
                Phase::Reduce { op, dtype, .. } => {
                    if !vector_reduce(*op, *dtype) || !fits(*dtype) {
                        return 0;
                    }
                }
            }
        }
        let lanes = match width {
            Some(w) => 16 / w,
            None => return 0,
        };
        if !strided || k.dims[d] < lanes {
            return 0;
        }
        lanes
    }

    /// Phase `p` in column mode (`inner` holds the outer dimension and the lane count).
    fn phase_column(&mut self, p: usize, lanes: usize) {
        let ph = self.k.phases[p].clone();
        let dims = ph.dims().to_vec();
        self.cache.push(HashMap::new());
        match ph {
            Phase::Reduce { op, value, dtype, .. } => {
                let ident = match (op, dtype) {
                    (ReduceOp::Sum, d) => Scalar::F64(0.0).cast(d),
                    (ReduceOp::Prod, d) => Scalar::F64(1.0).cast(d),
                    // An empty max or min is 0, as in `phase`.
                    _ if dims.iter().any(|&e| self.k.dims[e] == 0) => Scalar::F64(0.0).cast(dtype),
                    (_, DType::F32) => Scalar::F32(if op == ReduceOp::Max { f32::NEG_INFINITY } else { f32::INFINITY }),
                    (_, DType::F64) => Scalar::F64(if op == ReduceOp::Max { f64::NEG_INFINITY } else { f64::INFINITY }),
                    (_, DType::I32) => Scalar::I32(if op == ReduceOp::Max { i32::MIN } else { i32::MAX }),
                    (_, _) => Scalar::I64(if op == ReduceOp::Max { i64::MIN } else { i64::MAX }),
                };
                let c = self.constant(ident);
                let vt = Self::vector_ty(dtype, lanes);
                let acc = self.b.declare_var(vt);
                let init = self.b.ins().splat(vt, c);
                self.b.def_var(acc, init);
                let fold = (op == ReduceOp::Sum && dtype.is_float() && !dims.is_empty()).then(|| (self.zero_var(vt, c), self.zero_var(vt, c), self.zero_var(vt, c)));
                if !dims.iter().any(|&e| self.k.dims[e] == 0) {
                    self.fold = fold.map(|vf| Fold { vec: Some(vf), sca: vf });
                    self.column_nest(&dims, 0, Body::Reduce { op, value, dtype }, acc);
                    self.fold = None;
                }
                // A float sum's blocks are in its outer accumulators (`Fold`).
                let r = match fold {
                    Some(vf) => self.kahan_result(vf),
                    None => self.b.use_var(acc),
                };
                self.keep(r);
                self.reduced[p] = Some(r);
            }
            Phase::Map { .. } => {
                if !dims.iter().any(|&e| self.k.dims[e] == 0) {
                    let acc = Variable::from_u32(0);
                    self.column_nest(&dims, 0, Body::Map { phase: p }, acc);
                }
            }
        }
        self.cache.pop();
    }

    /// Column mode's loops over `dims[level..]`, one element at a time; the innermost runs `body`.
    fn column_nest(&mut self, dims: &[usize], level: usize, body: Body, acc: Variable) {
        if level < dims.len() {
            let e = dims[level];
            let (lo, hi) = self.bounds(e);
            let var = self.idx[e];
            // A float sum's innermost loop in blocks (see `Fold`), the accumulator gathered
            // after each block and at the end of each row.
            if let (true, Body::Reduce { .. }, Some(Fold { vec: Some(vf), .. })) = (level + 1 == dims.len(), body, self.fold) {
                let mut fold = |g: &mut Self| {
                    let x = g.b.use_var(acc);
                    g.kahan_add(vf, x);
                    let ty = g.b.func.dfg.value_type(x);
                    let z = if ty.lane_type() == types::F32 { g.b.ins().f32const(0.0) } else { g.b.ins().f64const(0.0) };
                    let z = g.b.ins().splat(ty, z);
                    g.b.def_var(acc, z);
                };
                self.blocked_loop(var, lo, hi, 1, SUM_BLOCK_SCALAR, &mut |g| g.column_nest(dims, level + 1, body, acc), &mut fold);
                fold(self);
                return;
            }
            self.for_loop(var, lo, hi, 1, |g| g.column_nest(dims, level + 1, body, acc));
            return;
        }
        match body {
            Body::Reduce { op, value, dtype } => {
                let a = self.b.use_var(acc);
                let r = self.reduce_step(op, dtype, a, value, Some(0));
                self.b.def_var(acc, r);
            }
            Body::Map { phase } => {
                let Phase::Map { stores, .. } = &self.k.phases[phase] else { return };
                for s in stores {
                    let v = self.vector(s.value, 0);
                    let addr = self.column_addr(s.arg, &s.at);
                    self.b.ins().store(flags(), v, addr, 0);
                }
            }
        }
    }

    /// In column mode, the address of element `at` of argument `arg` for lane 0 (the lanes are
    /// consecutive: `at` has coefficient 1 along the outer dimension `d`).
    fn column_addr(&mut self, arg: usize, at: &crate::fuse::kernel::Affine) -> Value {
        self.row(arg, at)
    }

    fn bounds(&mut self, d: usize) -> (Value, Value) {
        if self.k.split == Some(d) {
            (self.start, self.end)
        } else if let (Some(n), true) = (self.any_len, self.k.dims[d] == super::ANY_LEN) {
            let lo = self.b.ins().iconst(types::I64, 0);
            (lo, n)
        } else {
            let lo = self.b.ins().iconst(types::I64, 0);
            let hi = self.b.ins().iconst(types::I64, self.k.dims[d] as i64);
            (lo, hi)
        }
    }

    /// `for var in (lo..hi).step_by(step)` while a whole step fits; `var` holds the first
    /// unprocessed counter afterwards.
    fn for_loop(&mut self, var: Variable, lo: Value, hi: Value, step: i64, body: impl FnOnce(&mut Self)) {
        let header = self.b.create_block();
        let bodyb = self.b.create_block();
        let exit = self.b.create_block();
        self.b.def_var(var, lo);
        self.b.ins().jump(header, &[]);
        self.b.switch_to_block(header);
        let i = self.b.use_var(var);
        let next = self.b.ins().iadd_imm_s(i, step);
        let c = self.b.ins().icmp(IntCC::SignedLessThanOrEqual, next, hi);
        self.b.ins().brif(c, bodyb, &[], exit, &[]);
        self.b.switch_to_block(bodyb);
        self.cache.push(HashMap::new());
        body(self);
        self.cache.pop();
        let i = self.b.use_var(var);
        let next = self.b.ins().iadd_imm_s(i, step);
        self.b.def_var(var, next);
        self.b.ins().jump(header, &[]);
        self.b.switch_to_block(exit);
    }

    fn lookup(&self, key: Key) -> Option<Value> {
        self.cache.iter().rev().find_map(|m| m.get(&key).copied())
    }

    fn remember(&mut self, key: Key, v: Value) {
        if let Some(top) = self.cache.last_mut() {
            top.insert(key, v);
        }
    }

    /// The nodes `roots` need, in order.
    fn needed(&self, roots: &[NodeId]) -> Vec<NodeId> {
        let mut seen = vec![false; self.k.nodes.len()];
        let mut stack = roots.to_vec();
        while let Some(n) = stack.pop() {
            if std::mem::replace(&mut seen[n], true) {
                continue;
            }
            match &self.k.nodes[n].op {
                Op::Load { .. } | Op::Index { .. } | Op::Const(_) | Op::Reduced(_) => {}
                Op::Unary(_, a) | Op::Cast(a) => stack.push(*a),
                Op::Binary(_, a, b) => stack.extend([*a, *b]),
                Op::Select(p, a, b) => stack.extend([*p, *a, *b]),
            }
        }
        (0..seen.len()).filter(|&i| seen[i]).collect()
    }

    /// How many lanes the innermost loop of phase `p` uses (1: scalar).
    fn lanes_for(&self, p: usize, needed: &[NodeId]) -> usize {
        let ph = &self.k.phases[p];
        let Some(&d) = ph.dims().last() else { return 1 };
        if !self.vector_ok || self.k.dims[d] < 4 {
            return 1;
        }
        let mut width: Option<usize> = None;
        let mut fits = |dt: DType| one_width(&mut width, dt);
        for &n in needed {
            if self.deps[n] & (1 << d) == 0 {
                continue;
            }
            let node = &self.k.nodes[n];
            match &node.op {
                Op::Index { .. } | Op::Cast(_) => return 1,
                Op::Load { .. } if node.dtype == DType::Bool => return 1,
                Op::Binary(op, a, _) if op.is_comparison() && !fits(self.k.nodes[*a].dtype) => return 1,
                _ => {}
            }
            if !fits(node.dtype) {
                return 1;
            }
        }
        match ph {
            Phase::Map { stores, .. } => {
                if stores.iter().any(|s| self.k.nodes[s.value].dtype == DType::Bool) {
                    return 1;
                }
            }
            Phase::Reduce { op, dtype, .. } => {
                if !vector_reduce(*op, *dtype) || !fits(*dtype) {
                    return 1;
                }
            }
        }
        match width {
            Some(w) => 16 / w,
            None => 1,
        }
    }

    fn phase(&mut self, p: usize) {
        let ph = &self.k.phases[p];
        let dims = ph.dims().to_vec();
        if dims.iter().any(|&d| self.k.dims[d] == 0) {
            if let Phase::Reduce { op, dtype, .. } = ph {
                let v = match op {
                    ReduceOp::Sum => self.constant(Scalar::F64(0.0).cast(*dtype)),
                    ReduceOp::Prod => self.constant(Scalar::F64(1.0).cast(*dtype)),
                    ReduceOp::Max | ReduceOp::Min | ReduceOp::Argmax | ReduceOp::Argmin => self.constant(Scalar::F64(0.0).cast(*dtype)),
                };
                self.reduced[p] = Some(v);
            }
            return;
        }
        self.cur_phase = p;
        let needed = self.needed(&ph.roots());
        let lanes = self.lanes_for(p, &needed);
        let outer_mask = (1u64 << self.k.outer) - 1;
        self.cache.push(HashMap::new());
        for &n in &needed {
            if self.deps[n] & !outer_mask == 0 {
                self.scalar(n);
            }
        }
        match ph.clone() {
            Phase::Reduce { op, value, dtype, .. } => {
                let vin = self.k.nodes[value].dtype;
                let r = self.reduce(&dims, &needed, lanes, op, value, vin, dtype);
                self.keep(r);
                self.reduced[p] = Some(r);
            }
            Phase::Map { .. } => {
                if dims.is_empty() {
                    self.store_all(p, None);
                } else {
                    self.nest(&dims, 0, &needed, lanes, Body::Map { phase: p });
                }
            }
        }
        self.cache.pop();
    }

    /// Makes `v` computed here, once, rather than inside a later loop that uses it.
    ///
    /// Cranelift's egraph pass places pure instructions at their uses and hoists them out of a
    /// loop only as far as the loop depth of their operands. A reduction's result combines the
    /// accumulators, block parameters of the reduction's loop header: used in a later sibling
    /// loop at the same depth (softmax's exp and divide), it would be recombined on every
    /// iteration there; splats of loop invariants stayed inside their loops too. A store is not
    /// moved, so the value it stores is computed before it, and uses in blocks this one
    /// dominates reuse that value. The slot itself is never read.
    fn keep(&mut self, v: Value) {
        let ty = self.b.func.dfg.value_type(v);
        let slot = self.b.create_sized_stack_slot(StackSlotData::new(StackSlotKind::ExplicitSlot, ty.bytes(), 4));
        self.b.ins().stack_store(types::I64, v, slot, 0);
    }

    #[allow(clippy::too_many_arguments)]
    fn reduce(&mut self, dims: &[usize], needed: &[NodeId], lanes: usize, op: ReduceOp, value: NodeId, vin: DType, out: DType) -> Value {
        match op {
            ReduceOp::Argmax | ReduceOp::Argmin => {
                let max = op == ReduceOp::Argmax;
                let init = match vin {
                    DType::F32 => Scalar::F32(if max { f32::NEG_INFINITY } else { f32::INFINITY }),
                    DType::F64 => Scalar::F64(if max { f64::NEG_INFINITY } else { f64::INFINITY }),
                    DType::I32 => Scalar::I32(if max { i32::MIN } else { i32::MAX }),
                    DType::I64 => Scalar::I64(if max { i64::MIN } else { i64::MAX }),
                    DType::Bool => Scalar::Bool(!max),
                    _ => unreachable!("backends see only the five storage dtypes (transform::legalize)"),
                };
                let bv = self.b.declare_var(scalar_ty(vin));
                let bi = self.b.declare_var(types::I64);
                let c = self.constant(init);
                self.b.def_var(bv, c);
                let z = self.b.ins().iconst(types::I64, 0);
                self.b.def_var(bi, z);
                let d = dims[0];
                let (lo, hi) = self.bounds(d);
                let var = self.idx[d];
                self.inner = Some((d, 1));
                self.for_loop(var, lo, hi, 1, |g| {
                    let v = g.scalar(value);
                    let best = g.b.use_var(bv);
                    let i = g.b.use_var(var);
                    let better = g.binary_s(if max { BinOp::Gt } else { BinOp::Lt }, vin, v, best);
                    let cond = if vin.is_float() {
                        let vnan = g.b.ins().fcmp(FloatCC::Unordered, v, v);
                        let bok = g.b.ins().fcmp(FloatCC::Ordered, best, best);
                        let t = g.b.ins().bor(vnan, better);
                        g.b.ins().band(t, bok)
                    } else {
                        better
                    };
                    let nv = g.b.ins().select(cond, v, best);
                    let old = g.b.use_var(bi);
                    let ni = g.b.ins().select(cond, i, old);
                    g.b.def_var(bv, nv);
                    g.b.def_var(bi, ni);
                });
                self.inner = None;
                let r = self.b.use_var(bi);
                if out == DType::I32 {
                    self.b.ins().ireduce(types::I32, r)
                } else {
                    r
                }
            }
            ReduceOp::Sum | ReduceOp::Prod | ReduceOp::Max | ReduceOp::Min => {
                let ident = match (op, out) {
                    (ReduceOp::Sum, d) => Scalar::F64(0.0).cast(d),
                    (ReduceOp::Prod, d) => Scalar::F64(1.0).cast(d),
                    (_, DType::F32) => Scalar::F32(if op == ReduceOp::Max { f32::NEG_INFINITY } else { f32::INFINITY }),
                    (_, DType::F64) => Scalar::F64(if op == ReduceOp::Max { f64::NEG_INFINITY } else { f64::INFINITY }),
                    (_, DType::I32) => Scalar::I32(if op == ReduceOp::Max { i32::MIN } else { i32::MAX }),
                    (_, DType::I64) => Scalar::I64(if op == ReduceOp::Max { i64::MIN } else { i64::MAX }),
                    (_, DType::Bool) => Scalar::Bool(op != ReduceOp::Max),
                    _ => unreachable!("backends see only the five storage dtypes (transform::legalize)"),
                };
                let st = scalar_ty(out);
                let acc = self.b.declare_var(st);
                let c = self.constant(ident);
                self.b.def_var(acc, c);
                let unroll = dims.last().map_or(4, |&d| self.reduce_unroll(d));
                let mut vaccs = Vec::new();
                if lanes > 1 {
                    let vt = st.by(lanes as u32).unwrap_or(st);
                    for _ in 0..unroll {
                        let v = self.b.declare_var(vt);
                        let s = self.b.ins().splat(vt, c);
                        self.b.def_var(v, s);
                        vaccs.push(v);
                    }
                }
                let fold = (op == ReduceOp::Sum && out.is_float() && !dims.is_empty()).then(|| {
                    let vt = st.by(lanes as u32).unwrap_or(st);
                    let vec = (lanes > 1).then(|| (self.zero_var(vt, c), self.zero_var(vt, c), self.zero_var(vt, c)));
                    Fold { vec, sca: (self.zero_var(st, c), self.zero_var(st, c), self.zero_var(st, c)) }
                });
                if dims.is_empty() {
                    let v = self.scalar(value);
                    let a = self.b.use_var(acc);
                    let r = self.combine(op, out, a, v);
                    self.b.def_var(acc, r);
                } else {
                    self.accs = (acc, vaccs.clone());
                    self.fold = fold;
                    self.nest(dims, 0, needed, lanes, Body::Reduce { op, value, dtype: out });
                    self.fold = None;
                }
                // A float sum's parts are in its outer accumulators (the inner ones are zero).
                let mut r = match fold {
                    Some(f) => self.kahan_result(f.sca),
                    None => self.b.use_var(acc),
                };
                if lanes > 1 {
                    let t = match fold {
                        Some(Fold { vec: Some(vf), .. }) => self.kahan_result(vf),
                        _ => {
                            let mut t = self.b.use_var(vaccs[0]);
                            for v in &vaccs[1..] {
                                let x = self.b.use_var(*v);
                                t = self.combine(op, out, t, x);
                            }
                            t
                        }
                    };
                    let mut h = self.b.ins().extractlane(t, 0);
                    for l in 1..lanes {
                        let x = self.b.ins().extractlane(t, l as u8);
                        h = self.combine(op, out, h, x);
                    }
                    r = self.combine(op, out, h, r);
                }
                r
            }
        }
    }

    /// Loops over `dims[level..]`; the innermost one runs `body`.
    fn nest(&mut self, dims: &[usize], level: usize, needed: &[NodeId], lanes: usize, body: Body) {
        let d = dims[level];
        let (lo, hi) = self.bounds(d);
        let var = self.idx[d];
        if level + 1 < dims.len() {
            self.for_loop(var, lo, hi, 1, |g| g.nest(dims, level + 1, needed, lanes, body));
            return;
        }
        // The innermost loop: first what does not depend on it.
        self.cache.push(HashMap::new());
        self.inner = Some((d, lanes));
        for &n in needed {
            if self.deps[n] & (1 << d) == 0 {
                let s = self.scalar(n);
                if lanes > 1 {
                    let v = self.splat(n, s, lanes);
                    self.keep(v);
                    self.remember(Key::Splat(n), v);
                }
            } else if let Op::Load { arg, at } = &self.k.nodes[n].op {
                let row = self.row(*arg, &crate::fuse::kernel::Affine::new(at.offset, at.terms.iter().copied().filter(|t| t.0 != d).collect()));
                self.remember(Key::Row(n), row);
            }
        }
        if let Body::Map { phase } = body {
            if let Phase::Map { stores, .. } = &self.k.phases[phase] {
                for (si, s) in stores.iter().enumerate() {
                    let row = self.row(s.arg, &crate::fuse::kernel::Affine::new(s.at.offset, s.at.terms.iter().copied().filter(|t| t.0 != d).collect()));
                    self.remember(Key::Row(usize::MAX - si), row);
                }
            }
        }
        if let Body::Map { phase } = body {
            let heavy = if self.wide && lanes == 4 && !self.column && self.k.dims[d] >= 32 { self.wide_nodes(needed, d) } else { Vec::new() };
            if !heavy.is_empty() {
                self.blocked_map(d, lo, hi, lanes, phase, &heavy);
                self.inner = None;
                self.cache.pop();
                return;
            }
        }
        let mut lo = lo;
        let fold = match body {
            Body::Reduce { .. } => self.fold,
            Body::Map { .. } => None,
        };
        if lanes > 1 {
            let unroll = match body {
                Body::Map { .. } => 2,
                Body::Reduce { .. } => self.reduce_unroll(d),
            };
            let touch = self.next_row_touch(d);
            let step = (lanes * unroll) as i64;
            let mut vbody = |g: &mut Self| {
                for u in 0..unroll {
                    g.body_vector(body, u as u32, lanes);
                }
                if let Some((row, es)) = touch {
                    let i = g.b.use_var(g.idx[d]);
                    let off = g.b.ins().imul_imm_s(i, es);
                    let addr = g.b.ins().iadd(row, off);
                    // May-trap flags keep the load (its value is unused); the address is in bounds.
                    g.b.ins().load(types::I8, MemFlagsData::new(), addr, 0);
                }
            };
            match fold.and_then(|f| f.vec) {
                // A float sum: blocks of `SUM_BLOCK` steps, each gathered into the outer
                // accumulators, and what a row has after its last block (none where the row is
                // too short for one vector step).
                Some(vf) if self.k.dims[d] >= step as usize => {
                    self.blocked_loop(var, lo, hi, step, SUM_BLOCK, &mut vbody, &mut |g| g.fold_vectors(vf));
                    self.fold_vectors(vf);
                }
                _ => self.for_loop(var, lo, hi, step, vbody),
            }
            lo = self.b.use_var(var);
        }
        match fold {
            Some(f) => {
                let mut sbody = |g: &mut Self| g.body_scalar(body);
                if lanes > 1 {
                    self.for_loop(var, lo, hi, 1, sbody);
                } else {
                    self.blocked_loop(var, lo, hi, 1, SUM_BLOCK_SCALAR, &mut sbody, &mut |g| g.fold_scalar(f.sca));
                }
                self.fold_scalar(f.sca);
            }
            None => self.for_loop(var, lo, hi, 1, |g| g.body_scalar(body)),
        }
        self.inner = None;
        self.cache.pop();
    }

    /// `for var in (lo..hi).step_by(step)` as `for_loop`, in blocks of `block` steps with `fold`
    /// after each whole block, then the steps that remain (without `fold`).
    #[allow(clippy::too_many_arguments)]
    fn blocked_loop(&mut self, var: Variable, lo: Value, hi: Value, step: i64, block: i64, body: &mut dyn FnMut(&mut Self), fold: &mut dyn FnMut(&mut Self)) {
        let bvar = self.b.declare_var(types::I64);
        self.for_loop(bvar, lo, hi, step * block, |g| {
            let blo = g.b.use_var(bvar);
            let bhi = g.b.ins().iadd_imm_s(blo, step * block);
            g.for_loop(var, blo, bhi, step, |g| body(g));
            fold(g);
        });
        let lo = self.b.use_var(bvar);
        self.for_loop(var, lo, hi, step, |g| body(g));
    }

    /// A variable of type `ty` holding `c` splat to its lanes (or `c`).
    fn zero_var(&mut self, ty: Type, c: Value) -> Variable {
        let v = self.b.declare_var(ty);
        let z = if ty.is_vector() { self.b.ins().splat(ty, c) } else { c };
        self.b.def_var(v, z);
        v
    }

    /// Adds `x` into the Kahan sum `(s, c, p)`: `y = x - c; t = s + y; c = (t - s) - y; s = t`,
    /// and `p += x`.
    fn kahan_add(&mut self, (s, c, p): Kahan, x: Value) {
        let sv = self.b.use_var(s);
        let cv = self.b.use_var(c);
        let pv = self.b.use_var(p);
        let y = self.b.ins().fsub(x, cv);
        let t = self.b.ins().fadd(sv, y);
        let d = self.b.ins().fsub(t, sv);
        let nc = self.b.ins().fsub(d, y);
        let np = self.b.ins().fadd(pv, x);
        self.b.def_var(s, t);
        self.b.def_var(c, nc);
        self.b.def_var(p, np);
    }

    /// The Kahan sum's value, `s - c` (exactly `s` while `c` is 0), or the plain sum `p` where
    /// that is not finite (`p - p` is not 0): an infinity or NaN among the terms, or an
    /// overflow, gives IEEE's sum, not a NaN from the compensation.
    fn kahan_result(&mut self, (s, c, p): Kahan) -> Value {
        let sv = self.b.use_var(s);
        let cv = self.b.use_var(c);
        let pv = self.b.use_var(p);
        let r = self.b.ins().fsub(sv, cv);
        let ty = self.b.func.dfg.value_type(r);
        let pp = self.b.ins().fsub(pv, pv);
        let z = if ty.lane_type() == types::F32 { self.b.ins().f32const(0.0) } else { self.b.ins().f64const(0.0) };
        if ty.is_vector() {
            let z = self.b.ins().splat(ty, z);
            let fin = self.b.ins().fcmp(FloatCC::Equal, pp, z);
            let m = self.b.ins().bitcast(ty, math::flags_le(), fin);
            self.b.ins().bitselect(m, r, pv)
        } else {
            let fin = self.b.ins().fcmp(FloatCC::Equal, pp, z);
            self.b.ins().select(fin, r, pv)
        }
    }

    /// The vector accumulators of a float sum, combined as a tree (`(a0 + a1) + (a2 + a3)`, …:
    /// for equal terms a smaller error than in order), added into the outer pair `vf` and reset
    /// to zero.
    fn fold_vectors(&mut self, vf: Kahan) {
        let vaccs = self.accs.1.clone();
        let mut level: Vec<Value> = vaccs.iter().map(|&v| self.b.use_var(v)).collect();
        let ty = self.b.func.dfg.value_type(level[0]);
        while level.len() > 1 {
            level = level.chunks(2).map(|p| if p.len() == 2 { self.b.ins().fadd(p[0], p[1]) } else { p[0] }).collect();
        }
        self.kahan_add(vf, level[0]);
        let z = if ty.lane_type() == types::F32 { self.b.ins().f32const(0.0) } else { self.b.ins().f64const(0.0) };
        let z = self.b.ins().splat(ty, z);
        for v in vaccs {
            self.b.def_var(v, z);
        }
    }

    /// The scalar accumulator of a float sum added into the outer pair `sf` and reset to zero.
    fn fold_scalar(&mut self, sf: Kahan) {
        let acc = self.accs.0;
        let a = self.b.use_var(acc);
        let ty = self.b.func.dfg.value_type(a);
        self.kahan_add(sf, a);
        let z = if ty == types::F32 { self.b.ins().f32const(0.0) } else { self.b.ins().f64const(0.0) };
        self.b.def_var(acc, z);
    }

    /// The float32 `exp`/`log`/`tanh`/`sin`/`cos` nodes among `needed` that vary along `d` and
    /// have an eight-lane block function, each with its stage: 1 + the largest stage among the
    /// nodes of this kind its argument reads (`exp(sin(x))`: sin in stage 1, exp in stage 2).
    fn wide_nodes(&self, needed: &[NodeId], d: usize) -> Vec<(NodeId, usize)> {
        let k = self.k;
        let mut stage: HashMap<NodeId, usize> = HashMap::new();
        fn depth(g: &Gen, n: NodeId, d: usize, stage: &mut HashMap<NodeId, usize>) -> usize {
            if g.deps[n] & (1 << d) == 0 {
                return 0;
            }
            if let Some(&s) = stage.get(&n) {
                return s;
            }
            let node = &g.k.nodes[n];
            let below = match &node.op {
                Op::Unary(_, a) | Op::Cast(a) => depth(g, *a, d, stage),
                Op::Binary(_, a, b) => depth(g, *a, d, stage).max(depth(g, *b, d, stage)),
                Op::Select(p, a, b) => depth(g, *p, d, stage).max(depth(g, *a, d, stage)).max(depth(g, *b, d, stage)),
                Op::Load { .. } | Op::Index { .. } | Op::Const(_) | Op::Reduced(_) => 0,
            };
            let s = match &node.op {
                Op::Unary(op, _) if node.dtype == DType::F32 && super::wide::block_fn(*op, false).is_some() => below + 1,
                _ => below,
            };
            stage.insert(n, s);
            s
        }
        let mut out = Vec::new();
        for &n in needed {
            let node = &k.nodes[n];
            if let Op::Unary(op, _) = &node.op {
                if node.dtype == DType::F32 && self.deps[n] & (1 << d) != 0 && super::wide::block_fn(*op, false).is_some() {
                    out.push((n, depth(self, n, d, &mut stage)));
                }
            }
        }
        out
    }

    /// A map's innermost loop over `[lo, hi)` along `d` in blocks of `wide::BLOCK` counters: per
    /// block, stage by stage, a loop stores the arguments of that stage's `heavy` nodes into
    /// stack blocks and one call per node transforms its block on eight (sixteen) lanes; then the map's
    /// own loop runs, reading those nodes from their blocks (`ready`). Each loop is the usual
    /// vector loop (two vectors per iteration) and scalar remainder.
    fn blocked_map(&mut self, d: usize, lo: Value, hi: Value, lanes: usize, phase: usize, heavy: &[(NodeId, usize)]) {
        let bl = super::wide::BLOCK;
        let bufs: Vec<Value> = heavy
            .iter()
            .map(|_| {
                let slot = self.b.create_sized_stack_slot(StackSlotData::new(StackSlotKind::ExplicitSlot, (bl * 4) as u32, 5));
                self.b.ins().stack_addr(types::I64, slot, 0)
            })
            .collect();
        let mut sig = Signature::new(self.call_conv);
        sig.params.extend([AbiParam::new(types::I64), AbiParam::new(types::I64)]);
        let sig = self.b.import_signature(sig);
        let jb = self.b.declare_var(types::I64);
        let header = self.b.create_block();
        let bodyb = self.b.create_block();
        let exit = self.b.create_block();
        self.b.def_var(jb, lo);
        self.b.ins().jump(header, &[]);
        self.b.switch_to_block(header);
        let j = self.b.use_var(jb);
        let c = self.b.ins().icmp(IntCC::SignedLessThan, j, hi);
        self.b.ins().brif(c, bodyb, &[], exit, &[]);
        self.b.switch_to_block(bodyb);
        self.cache.push(HashMap::new());
        let j = self.b.use_var(jb);
        let jn = self.b.ins().iadd_imm_s(j, bl);
        let full = self.b.ins().icmp(IntCC::SignedLessThan, jn, hi);
        let bend = self.b.ins().select(full, jn, hi);
        let len = self.b.ins().isub(bend, j);
        let shift = self.b.ins().imul_imm_s(j, 4);
        let bases: Vec<Value> = bufs.iter().map(|&p| self.b.ins().isub(p, shift)).collect();
        let stages = heavy.iter().map(|h| h.1).max().unwrap_or(0);
        for s in 1..=stages {
            let now: Vec<(NodeId, Value, Value)> = heavy
                .iter()
                .zip(&bases)
                .zip(&bufs)
                .filter(|((h, _), _)| h.1 == s)
                .map(|((h, &base), &buf)| (h.0, base, buf))
                .collect();
            self.sub_loops(d, j, bend, lanes, &mut |g, u| {
                for &(h, base, _) in &now {
                    let Op::Unary(_, a) = g.k.nodes[h].op else { continue };
                    let v = match u {
                        Some(u) => g.vector(a, u),
                        None => g.scalar(a),
                    };
                    let i = g.b.use_var(g.idx[d]);
                    let i = g.b.ins().iadd_imm_s(i, (u.unwrap_or(0) as usize * lanes) as i64);
                    let off = g.b.ins().imul_imm_s(i, 4);
                    let addr = g.b.ins().iadd(base, off);
                    g.b.ins().store(flags(), v, addr, 0);
                }
            });
            for &(h, base, buf) in &now {
                let Op::Unary(op, _) = self.k.nodes[h].op else { continue };
                let f = super::wide::block_fn(op, self.wide16).unwrap_or(std::ptr::null());
                let fp = self.b.ins().iconst(types::I64, f as i64);
                self.b.ins().call_indirect(sig, fp, &[buf, len]);
                self.ready.insert(h, base);
            }
        }
        self.sub_loops(d, j, bend, lanes, &mut |g, u| match u {
            Some(u) => g.body_vector(Body::Map { phase }, u, lanes),
            None => g.body_scalar(Body::Map { phase }),
        });
        self.ready.clear();
        self.cache.pop();
        self.b.def_var(jb, bend);
        self.b.ins().jump(header, &[]);
        self.b.switch_to_block(exit);
    }

    /// The loops of one block of `blocked_map` over `[lo, hi)`: `f(g, Some(u))` for vector `u` of
    /// two per iteration, then `f(g, None)` for each remaining counter.
    fn sub_loops(&mut self, d: usize, lo: Value, hi: Value, lanes: usize, f: &mut dyn FnMut(&mut Self, Option<u32>)) {
        let var = self.idx[d];
        self.for_loop(var, lo, hi, (lanes * 2) as i64, |g| {
            for u in 0..2 {
                f(g, Some(u));
            }
        });
        let lo = self.b.use_var(var);
        self.for_loop(var, lo, hi, 1, |g| f(g, None));
    }

    /// Row-wise kernels (softmax, mean and variance, normalisations) read a row from memory in
    /// phase 0 and then work on it in cache; nothing asks memory for the next row meanwhile. So
    /// the first later phase whose innermost loop (dimension `d`) is as long as phase 0's
    /// touches the next row of phase 0's input, one byte per iteration of its vector loop: the
    /// address of that row (element 0; the last row touches itself) and the element size.
    fn next_row_touch(&mut self, d: usize) -> Option<(Value, i64)> {
        let k = self.k;
        let p = self.cur_phase;
        if p == 0 || k.outer == 0 || self.column {
            return None;
        }
        let o = k.outer - 1;
        let e0 = *k.phases[0].dims().last()?;
        let len = k.dims[e0];
        if k.dims[d] != len || k.dims[o] < 2 {
            return None;
        }
        let first = (1..k.phases.len()).find(|&q| k.phases[q].dims().last().is_some_and(|&e| k.dims[e] == len))?;
        if first != p {
            return None;
        }
        let needed = self.needed(&k.phases[0].roots());
        let (arg, at) = needed.iter().find_map(|&n| match &k.nodes[n].op {
            Op::Load { arg, at }
                if k.args[*arg].role == crate::fuse::kernel::Role::In
                    && at.coef(e0) == 1
                    && at.coef(o) != 0
                    && at.terms.iter().all(|&(t, _)| t < k.outer || t == e0) =>
            {
                Some((*arg, at.clone()))
            }
            _ => None,
        })?;
        let es = k.args[arg].dtype.size_bytes() as i64;
        let i = self.b.use_var(self.idx[o]);
        let next = self.b.ins().iadd_imm_s(i, 1);
        // The last row: `end - 1` along the split dimension (a kernel compiled for any number of
        // rows, `cpu::any_rows`, has no constant for it).
        let last = if k.split == Some(o) { self.b.ins().iadd_imm_s(self.end, -1) } else { self.b.ins().iconst(types::I64, k.dims[o] as i64 - 1) };
        let past = self.b.ins().icmp(IntCC::SignedGreaterThan, next, last);
        let next = self.b.ins().select(past, last, next);
        let base = self.row(arg, &crate::fuse::kernel::Affine::new(at.offset, at.terms.iter().copied().filter(|&(t, _)| t != e0 && t != o).collect()));
        let off = self.b.ins().imul_imm_s(next, at.coef(o) * es);
        Some((self.b.ins().iadd(base, off), es))
    }

    /// The address of element `at` of argument `arg` (an i64).
    fn row(&mut self, arg: usize, at: &crate::fuse::kernel::Affine) -> Value {
        let v = self.affine(at);
        let es = self.k.args[arg].dtype.size_bytes() as i64;
        let off = self.b.ins().imul_imm_s(v, es);
        self.b.ins().iadd(self.bases[arg], off)
    }

    fn affine(&mut self, at: &crate::fuse::kernel::Affine) -> Value {
        let mut v = self.b.ins().iconst(types::I64, at.offset);
        for &(d, c) in &at.terms {
            let i = self.b.use_var(self.idx[d]);
            let t = self.b.ins().imul_imm_s(i, c);
            v = self.b.ins().iadd(v, t);
        }
        v
    }

    fn body_scalar(&mut self, body: Body) {
        match body {
            Body::Reduce { op, value, dtype } => {
                let (acc, _) = self.accs.clone();
                let a = self.b.use_var(acc);
                let r = self.reduce_step(op, dtype, a, value, None);
                self.b.def_var(acc, r);
            }
            Body::Map { phase } => {
                let d = self.inner.map(|x| x.0);
                self.store_all(phase, d);
            }
        }
    }

    /// How many vector accumulators a reduction along `d` uses: 8 for long rows (more loads in
    /// flight where the reduction streams from memory), else 4 (also for a size read at run
    /// time, which `cpu::any_len` gives only below 512).
    fn reduce_unroll(&self, d: usize) -> usize {
        if self.k.dims[d] >= 512 && self.k.dims[d] != super::ANY_LEN {
            8
        } else {
            4
        }
    }

    /// One step of a reduction: the accumulator `a` combined with `value`, as vector `u` of the
    /// innermost loop (or column mode's vector), or as a scalar when `u` is None. A float sum of
    /// products is one `fma` where the CPU has it (one rounding instead of two).
    fn reduce_step(&mut self, op: ReduceOp, dtype: DType, a: Value, value: NodeId, u: Option<u32>) -> Value {
        if let (ReduceOp::Sum, true, true, Op::Binary(BinOp::Mul, x, y)) = (op, dtype.is_float(), self.fma, self.k.nodes[value].op.clone()) {
            if self.k.nodes[value].dtype == dtype {
                let (vx, vy) = match u {
                    Some(u) => (self.vector(x, u), self.vector(y, u)),
                    None => (self.scalar(x), self.scalar(y)),
                };
                return self.b.ins().fma(vx, vy, a);
            }
        }
        let v = match u {
            Some(u) => self.vector(value, u),
            None => self.scalar(value),
        };
        match op {
            ReduceOp::Max | ReduceOp::Min if dtype.is_float() && u.is_some() => self.float_best_acc(op == ReduceOp::Max, a, v),
            _ => self.combine(op, dtype, a, v),
        }
    }

    fn store_all(&mut self, phase: usize, inner: Option<usize>) {
        let Phase::Map { stores, .. } = &self.k.phases[phase] else { return };
        for (si, s) in stores.iter().enumerate() {
            let v = self.scalar(s.value);
            let es = self.k.args[s.arg].dtype.size_bytes() as i64;
            let addr = match (inner, self.lookup(Key::Row(usize::MAX - si))) {
                (Some(d), Some(row)) => {
                    let i = self.b.use_var(self.idx[d]);
                    let off = self.b.ins().imul_imm_s(i, s.at.coef(d) * es);
                    self.b.ins().iadd(row, off)
                }
                _ => self.row(s.arg, &s.at),
            };
            self.b.ins().store(flags(), v, addr, 0);
        }
    }

    fn body_vector(&mut self, body: Body, u: u32, lanes: usize) {
        let Some((d, _)) = self.inner else { return };
        match body {
            Body::Reduce { op, value, dtype } => {
                let var = self.accs.1[u as usize];
                let a = self.b.use_var(var);
                let r = self.reduce_step(op, dtype, a, value, Some(u));
                self.b.def_var(var, r);
            }
            Body::Map { phase } => {
                let Phase::Map { stores, .. } = &self.k.phases[phase] else { return };
                for (si, s) in stores.iter().enumerate() {
                    let v = self.vector(s.value, u);
                    let es = self.k.args[s.arg].dtype.size_bytes() as i64;
                    let c = s.at.coef(d);
                    let row = self.lookup(Key::Row(usize::MAX - si)).unwrap_or(self.bases[s.arg]);
                    let i = self.b.use_var(self.idx[d]);
                    let i = self.b.ins().iadd_imm_s(i, (u as usize * lanes) as i64);
                    if c == 1 {
                        let off = self.b.ins().imul_imm_s(i, es);
                        let addr = self.b.ins().iadd(row, off);
                        self.b.ins().store(flags(), v, addr, 0);
                    } else {
                        for l in 0..lanes {
                            let x = self.b.ins().extractlane(v, l as u8);
                            let j = self.b.ins().iadd_imm_s(i, l as i64);
                            let off = self.b.ins().imul_imm_s(j, c * es);
                            let addr = self.b.ins().iadd(row, off);
                            self.b.ins().store(flags(), x, addr, 0);
                        }
                    }
                }
            }
        }
    }

    fn constant(&mut self, s: Scalar) -> Value {
        match s {
            Scalar::Bool(v) => self.b.ins().iconst(types::I8, v as i64),
            Scalar::I32(v) => self.b.ins().iconst(types::I32, v as i64),
            Scalar::I64(v) => self.b.ins().iconst(types::I64, v),
            Scalar::F32(v) => self.b.ins().f32const(v),
            Scalar::F64(v) => self.b.ins().f64const(v),
            _ => unreachable!("backends see only the five storage dtypes (transform::legalize)"),
        }
    }

    /// The vector type of `d` at `lanes` lanes (bool: a lane mask as wide as the other lanes).
    fn vector_ty(d: DType, lanes: usize) -> Type {
        match d {
            DType::Bool => {
                if lanes == 4 {
                    types::I32X4
                } else {
                    types::I64X2
                }
            }
            _ => scalar_ty(d).by(lanes as u32).unwrap_or(types::I32X4),
        }
    }

    fn splat(&mut self, n: NodeId, s: Value, lanes: usize) -> Value {
        let d = self.k.nodes[n].dtype;
        let vt = Self::vector_ty(d, lanes);
        if d == DType::Bool {
            let lane = vt.lane_type();
            let w = self.b.ins().uextend(lane, s);
            let m = self.b.ins().ineg(w);
            self.b.ins().splat(vt, m)
        } else {
            self.b.ins().splat(vt, s)
        }
    }

    /// The scalar value of node `n` at the current counters.
    fn scalar(&mut self, n: NodeId) -> Value {
        if let Some(v) = self.lookup(Key::Scalar(n)) {
            return v;
        }
        if let (Some(&base), Some((d, _))) = (self.ready.get(&n), self.inner) {
            let i = self.b.use_var(self.idx[d]);
            let off = self.b.ins().imul_imm_s(i, 4);
            let addr = self.b.ins().iadd(base, off);
            let v = self.b.ins().load(types::F32, flags(), addr, 0);
            self.remember(Key::Scalar(n), v);
            return v;
        }
        let node = self.k.nodes[n].clone();
        let dt = node.dtype;
        let v = match &node.op {
            Op::Load { arg, at } => {
                let addr = match (self.inner, self.lookup(Key::Row(n))) {
                    (Some((d, _)), Some(row)) => {
                        let i = self.b.use_var(self.idx[d]);
                        let off = self.b.ins().imul_imm_s(i, at.coef(d) * dt.size_bytes() as i64);
                        self.b.ins().iadd(row, off)
                    }
                    _ => self.row(*arg, at),
                };
                self.b.ins().load(scalar_ty(dt), flags(), addr, 0)
            }
            Op::Index { at } => {
                let v = self.affine(at);
                match dt {
                    DType::I64 => v,
                    DType::I32 => self.b.ins().ireduce(types::I32, v),
                    DType::F32 | DType::F64 => self.b.ins().fcvt_from_sint(scalar_ty(dt), v),
                    DType::Bool => {
                        let z = self.b.ins().iconst(types::I64, 0);
                        self.b.ins().icmp(IntCC::NotEqual, v, z)
                    }
                    _ => unreachable!("backends see only the five storage dtypes (transform::legalize)"),
                }
            }
            Op::Const(s) => self.constant(*s),
            Op::Unary(op, a) => {
                let x = self.scalar(*a);
                self.unary_s(*op, dt, x)
            }
            Op::Binary(op, a, b) => {
                let (x, y) = (self.scalar(*a), self.scalar(*b));
                let t = self.k.nodes[*a].dtype;
                self.binary_s(*op, t, x, y)
            }
            Op::Select(p, a, b) => {
                let (c, x, y) = (self.scalar(*p), self.scalar(*a), self.scalar(*b));
                self.b.ins().select(c, x, y)
            }
            Op::Cast(a) => {
                let x = self.scalar(*a);
                let from = self.k.nodes[*a].dtype;
                self.cast_s(from, dt, x)
            }
            Op::Reduced(p) => match self.reduced[*p] {
                Some(v) => v,
                None => self.constant(Scalar::F64(0.0).cast(dt)),
            },
        };
        self.remember(Key::Scalar(n), v);
        v
    }

    /// The vector value of node `n` for lanes `i + u·L ..` of the innermost loop.
    fn vector(&mut self, n: NodeId, u: u32) -> Value {
        let Some((d, lanes)) = self.inner else { return self.scalar(n) };
        if self.deps[n] & (1 << d) == 0 {
            if let Some(v) = self.lookup(Key::Splat(n)) {
                return v;
            }
            let s = self.scalar(n);
            return self.splat(n, s, lanes);
        }
        if let Some(v) = self.lookup(Key::Vector(n, u)) {
            return v;
        }
        if let Some(&base) = self.ready.get(&n) {
            let i = self.b.use_var(self.idx[d]);
            let i = self.b.ins().iadd_imm_s(i, u as i64 * lanes as i64);
            let off = self.b.ins().imul_imm_s(i, 4);
            let addr = self.b.ins().iadd(base, off);
            let v = self.b.ins().load(types::F32X4, flags(), addr, 0);
            self.remember(Key::Vector(n, u), v);
            return v;
        }
        let node = self.k.nodes[n].clone();
        let dt = node.dtype;
        let vt = Self::vector_ty(dt, lanes);
        let v = match &node.op {
            Op::Load { arg, at } if self.column => {
                let addr = self.column_addr(*arg, at);
                self.b.ins().load(vt, flags(), addr, 0)
            }
            Op::Reduced(p) if self.column => self.reduced[*p].unwrap_or_else(|| self.b.ins().iconst(types::I64, 0)),
            Op::Load { arg, at } => {
                let es = dt.size_bytes() as i64;
                let c = at.coef(d);
                let row = self.lookup(Key::Row(n)).unwrap_or(self.bases[*arg]);
                let i = self.b.use_var(self.idx[d]);
                let i = self.b.ins().iadd_imm_s(i, u as i64 * lanes as i64);
                if c == 1 {
                    let off = self.b.ins().imul_imm_s(i, es);
                    let addr = self.b.ins().iadd(row, off);
                    self.b.ins().load(vt, flags(), addr, 0)
                } else {
                    let mut v = None;
                    for l in 0..lanes {
                        let j = self.b.ins().iadd_imm_s(i, l as i64);
                        let off = self.b.ins().imul_imm_s(j, c * es);
                        let addr = self.b.ins().iadd(row, off);
                        let x = self.b.ins().load(scalar_ty(dt), flags(), addr, 0);
                        v = Some(match v {
                            None => self.b.ins().splat(vt, x),
                            Some(acc) => self.b.ins().insertlane(acc, x, l as u8),
                        });
                    }
                    v.unwrap_or_else(|| self.b.ins().iconst(types::I64, 0))
                }
            }
            Op::Unary(op, a) => {
                let x = self.vector(*a, u);
                self.unary_v(*op, dt, x, lanes)
            }
            Op::Binary(op, a, b) => {
                let (x, y) = (self.vector(*a, u), self.vector(*b, u));
                let t = self.k.nodes[*a].dtype;
                self.binary_v(*op, t, x, y, lanes)
            }
            Op::Select(p, a, b) => {
                let (c, x, y) = (self.vector(*p, u), self.vector(*a, u), self.vector(*b, u));
                let m = self.b.ins().bitcast(vt, math::flags_le(), c);
                self.b.ins().bitselect(m, x, y)
            }
            // Excluded from vector loops by `lanes_for`, or invariant.
            Op::Index { .. } | Op::Cast(_) | Op::Const(_) | Op::Reduced(_) => {
                let s = self.scalar(n);
                self.splat(n, s, lanes)
            }
        };
        self.remember(Key::Vector(n, u), v);
        v
    }

    fn call(&mut self, f: *const u8, ty: Type, args: &[Value]) -> Value {
        let key = (ty, args.len());
        let sig = match self.sigs.get(&key) {
            Some(s) => *s,
            None => {
                let mut sig = Signature::new(self.call_conv);
                for _ in args {
                    sig.params.push(AbiParam::new(ty));
                }
                sig.returns.push(AbiParam::new(ty));
                let s = self.b.import_signature(sig);
                self.sigs.insert(key, s);
                s
            }
        };
        let fp = self.b.ins().iconst(types::I64, f as i64);
        let inst = self.b.ins().call_indirect(sig, fp, args);
        self.b.inst_results(inst)[0]
    }

    /// Apply a scalar operation lane by lane.
    fn lanes(&mut self, vs: &[Value], lanes: usize, f: impl Fn(&mut Self, &[Value]) -> Value) -> Value {
        let mut out: Option<Value> = None;
        for l in 0..lanes {
            let xs: Vec<Value> = vs.iter().map(|&v| self.b.ins().extractlane(v, l as u8)).collect();
            let r = f(self, &xs);
            out = Some(match out {
                None => {
                    let t = self.b.func.dfg.value_type(r);
                    let vt = t.by(lanes as u32).unwrap_or(t);
                    self.b.ins().splat(vt, r)
                }
                Some(acc) => self.b.ins().insertlane(acc, r, l as u8),
            });
        }
        out.unwrap_or(vs[0])
    }

    fn host1(op: UnOp, dt: DType) -> Option<*const u8> {
        let f32s: Option<extern "C" fn(f32) -> f32> = match op {
            UnOp::Exp => Some(math::exp_f32),
            UnOp::Log => Some(math::ln_f32),
            UnOp::Log1p => Some(math::ln1p_f32),
            UnOp::Expm1 => Some(math::expm1_f32),
            UnOp::Sin => Some(math::sin_f32),
            UnOp::Cos => Some(math::cos_f32),
            UnOp::Tan => Some(math::tan_f32),
            UnOp::Asin => Some(math::asin_f32),
            UnOp::Acos => Some(math::acos_f32),
            UnOp::Atan => Some(math::atan_f32),
            UnOp::Sinh => Some(math::sinh_f32),
            UnOp::Cosh => Some(math::cosh_f32),
            UnOp::Tanh => Some(math::tanh_f32),
            UnOp::Neg | UnOp::Not | UnOp::Abs | UnOp::Sign | UnOp::Floor | UnOp::Ceil | UnOp::Round | UnOp::Sqrt | UnOp::IntPow(_) => None,
        };
        let f64s: Option<extern "C" fn(f64) -> f64> = match op {
            UnOp::Exp => Some(math::exp_f64),
            UnOp::Log => Some(math::ln_f64),
            UnOp::Log1p => Some(math::ln1p_f64),
            UnOp::Expm1 => Some(math::expm1_f64),
            UnOp::Sin => Some(math::sin_f64),
            UnOp::Cos => Some(math::cos_f64),
            UnOp::Tan => Some(math::tan_f64),
            UnOp::Asin => Some(math::asin_f64),
            UnOp::Acos => Some(math::acos_f64),
            UnOp::Atan => Some(math::atan_f64),
            UnOp::Sinh => Some(math::sinh_f64),
            UnOp::Cosh => Some(math::cosh_f64),
            UnOp::Tanh => Some(math::tanh_f64),
            UnOp::Neg | UnOp::Not | UnOp::Abs | UnOp::Sign | UnOp::Floor | UnOp::Ceil | UnOp::Round | UnOp::Sqrt | UnOp::IntPow(_) => None,
        };
        match dt {
            DType::F32 => f32s.map(|f| f as *const u8),
            DType::F64 => f64s.map(|f| f as *const u8),
            DType::Bool | DType::I32 | DType::I64 => None,
            _ => None,
        }
    }

    fn host2(op: BinOp, dt: DType) -> Option<*const u8> {
        Some(match (op, dt) {
            (BinOp::Atan2, DType::F32) => math::atan2_f32 as *const u8,
            (BinOp::Atan2, DType::F64) => math::atan2_f64 as *const u8,
            (BinOp::Pow, DType::F32) => math::pow_f32 as *const u8,
            (BinOp::Pow, DType::F64) => math::pow_f64 as *const u8,
            (BinOp::Rem, DType::F32) => math::rem_f32 as *const u8,
            (BinOp::Rem, DType::F64) => math::rem_f64 as *const u8,
            (BinOp::Div, DType::I32) => math::div_i32 as *const u8,
            (BinOp::Div, DType::I64) => math::div_i64 as *const u8,
            (BinOp::Rem, DType::I32) => math::rem_i32 as *const u8,
            (BinOp::Rem, DType::I64) => math::rem_i64 as *const u8,
            (BinOp::Pow, DType::I32) => math::pow_i32 as *const u8,
            (BinOp::Pow, DType::I64) => math::pow_i64 as *const u8,
            _ => return None,
        })
    }

    /// sin or cos of f32 values (scalar or vector): the polynomial, or the host function when
    /// some |x| ≥ 8192.
    fn sincos_f32(&mut self, x: Value, cos: bool, lanes: usize) -> Value {
        let ty = self.b.func.dfg.value_type(x);
        let mut m = F32Math { b: &mut self.b, ty, fma: self.fma };
        let fast = if cos { m.sincos(x, true) } else { m.sin(x) };
        self.fast_unless_large(x, fast, 8192.0, FloatCC::GreaterThanOrEqual, |g| {
            let f = if cos { math::cos_f32 as *const u8 } else { math::sin_f32 as *const u8 };
            if ty.is_vector() {
                g.lanes(&[x], lanes, |g, xs| g.call(f, types::F32, xs))
            } else {
                g.call(f, types::F32, &[x])
            }
        })
    }

    /// e^x of f32 values (scalar or vector): the short form when every |x| is below
    /// `EXP_SMALL_LIMIT` (then no clamping and one scaling), else the full one.
    fn exp_f32(&mut self, x: Value) -> Value {
        let ty = self.b.func.dfg.value_type(x);
        let fast = F32Math { b: &mut self.b, ty, fma: self.fma }.exp_small(x);
        self.fast_unless_large(x, fast, F32Math::EXP_SMALL_LIMIT, FloatCC::UnorderedOrGreaterThanOrEqual, |g| F32Math { b: &mut g.b, ty, fma: g.fma }.exp(x))
    }

    /// `fast`, unless some lane of |x| compares `cc` to `lim`: then what `slow` emits, in a
    /// block of its own that only such vectors (or scalars) take.
    fn fast_unless_large(&mut self, x: Value, fast: Value, lim: f32, cc: FloatCC, slow: impl FnOnce(&mut Self) -> Value) -> Value {
        let ty = self.b.func.dfg.value_type(x);
        let ax = self.b.ins().fabs(x);
        let lim = F32Math { b: &mut self.b, ty, fma: self.fma }.c(lim);
        let big = self.b.ins().fcmp(cc, ax, lim);
        let any = if ty.is_vector() { self.b.ins().vany_true(big) } else { big };
        let slow_b = self.b.create_block();
        let done = self.b.create_block();
        self.b.append_block_param(done, ty);
        self.b.ins().brif(any, slow_b, &[], done, &[BlockArg::Value(fast)]);
        self.b.switch_to_block(slow_b);
        let s = slow(self);
        self.b.ins().jump(done, &[BlockArg::Value(s)]);
        self.b.switch_to_block(done);
        self.b.block_params(done)[0]
    }

    /// The inlined float32 polynomial for `op`, if there is one.
    fn f32_poly(&mut self, op: UnOp, x: Value, lanes: usize) -> Option<Value> {
        let ty = self.b.func.dfg.value_type(x);
        let mut m = F32Math { b: &mut self.b, ty, fma: self.fma };
        Some(match op {
            UnOp::Exp => self.exp_f32(x),
            UnOp::Log => m.log(x),
            UnOp::Tanh => m.tanh(x),
            UnOp::Sin => self.sincos_f32(x, false, lanes),
            UnOp::Cos => self.sincos_f32(x, true, lanes),
            _ => return None,
        })
    }

    fn unary_s(&mut self, op: UnOp, dt: DType, x: Value) -> Value {
        let float = dt.is_float();
        match op {
            UnOp::Neg => {
                if float {
                    self.b.ins().fneg(x)
                } else {
                    self.b.ins().ineg(x)
                }
            }
            UnOp::Not => {
                if dt == DType::Bool {
                    self.b.ins().bxor_imm_s(x, 1)
                } else {
                    self.b.ins().bnot(x)
                }
            }
            UnOp::Abs => {
                if float {
                    self.b.ins().fabs(x)
                } else {
                    self.b.ins().iabs(x)
                }
            }
            UnOp::Sign => {
                if float {
                    let (zero, one, mone) = if dt == DType::F32 {
                        (self.b.ins().f32const(0.0), self.b.ins().f32const(1.0), self.b.ins().f32const(-1.0))
                    } else {
                        (self.b.ins().f64const(0.0), self.b.ins().f64const(1.0), self.b.ins().f64const(-1.0))
                    };
                    let eq = self.b.ins().fcmp(FloatCC::Equal, x, zero);
                    let r = self.b.ins().select(eq, zero, x);
                    let lt = self.b.ins().fcmp(FloatCC::LessThan, x, zero);
                    let r = self.b.ins().select(lt, mone, r);
                    let gt = self.b.ins().fcmp(FloatCC::GreaterThan, x, zero);
                    self.b.ins().select(gt, one, r)
                } else {
                    let t = scalar_ty(dt);
                    let mone = self.b.ins().iconst(t, -1);
                    let one = self.b.ins().iconst(t, 1);
                    let r = self.b.ins().smax(x, mone);
                    self.b.ins().smin(r, one)
                }
            }
            UnOp::Floor => self.b.ins().floor(x),
            UnOp::Ceil => self.b.ins().ceil(x),
            UnOp::Round => self.b.ins().nearest(x),
            UnOp::Sqrt => self.b.ins().sqrt(x),
            UnOp::IntPow(y) => self.int_pow(dt, x, y),
            UnOp::Exp
            | UnOp::Log
            | UnOp::Log1p
            | UnOp::Expm1
            | UnOp::Sin
            | UnOp::Cos
            | UnOp::Tan
            | UnOp::Asin
            | UnOp::Acos
            | UnOp::Atan
            | UnOp::Sinh
            | UnOp::Cosh
            | UnOp::Tanh => {
                if dt == DType::F32 {
                    if let Some(v) = self.f32_poly(op, x, 1) {
                        return v;
                    }
                }
                match Self::host1(op, dt) {
                    Some(f) => self.call(f, scalar_ty(dt), &[x]),
                    None => x,
                }
            }
        }
    }

    fn unary_v(&mut self, op: UnOp, dt: DType, x: Value, lanes: usize) -> Value {
        let float = dt.is_float();
        match op {
            UnOp::Neg if float => self.b.ins().fneg(x),
            UnOp::Neg => self.b.ins().ineg(x),
            UnOp::Not => self.b.ins().bnot(x),
            UnOp::Abs if float => self.b.ins().fabs(x),
            UnOp::Floor => self.b.ins().floor(x),
            UnOp::Ceil => self.b.ins().ceil(x),
            UnOp::Round => self.b.ins().nearest(x),
            UnOp::Sqrt => self.b.ins().sqrt(x),
            UnOp::IntPow(y) => self.int_pow(dt, x, y),
            UnOp::Exp | UnOp::Log | UnOp::Tanh | UnOp::Sin | UnOp::Cos if dt == DType::F32 => match self.f32_poly(op, x, lanes) {
                Some(v) => v,
                None => x,
            },
            UnOp::Abs
            | UnOp::Sign
            | UnOp::Exp
            | UnOp::Log
            | UnOp::Log1p
            | UnOp::Expm1
            | UnOp::Sin
            | UnOp::Cos
            | UnOp::Tan
            | UnOp::Asin
            | UnOp::Acos
            | UnOp::Atan
            | UnOp::Sinh
            | UnOp::Cosh
            | UnOp::Tanh => self.lanes(&[x], lanes, |g, xs| g.unary_s(op, dt, xs[0])),
        }
    }

    /// `x ** y` (scalars or vectors) by binary exponentiation: the products `eval` computes, in
    /// its order, then the reciprocal for `y < 0`.
    fn int_pow(&mut self, dt: DType, x: Value, y: i32) -> Value {
        let mut n = y.unsigned_abs();
        let mut base = x;
        let mut acc: Option<Value> = None;
        while n > 0 {
            if n & 1 == 1 {
                acc = Some(match acc {
                    None => base,
                    Some(a) => self.binary_any(BinOp::Mul, dt, a, base),
                });
            }
            n >>= 1;
            if n > 0 {
                base = self.binary_any(BinOp::Mul, dt, base, base);
            }
        }
        if let (Some(a), true) = (acc, y > 0) {
            return a;
        }
        let ty = self.b.func.dfg.value_type(x);
        let one = self.constant(Scalar::F64(1.0).cast(dt));
        let one = if ty.is_vector() { self.b.ins().splat(ty, one) } else { one };
        match acc {
            Some(a) => self.b.ins().fdiv(one, a),
            None => one,
        }
    }

    /// `max_nan`/`min_nan` as `eval`: a NaN operand wins, else the larger (smaller) one, the
    /// first on ties. Works on scalars and vectors.
    fn float_best(&mut self, max: bool, a: Value, b: Value) -> Value {
        let ty = self.b.func.dfg.value_type(a);
        let better = self.b.ins().fcmp(if max { FloatCC::GreaterThan } else { FloatCC::LessThan }, b, a);
        let bn = self.b.ins().fcmp(FloatCC::Unordered, b, b);
        let an = self.b.ins().fcmp(FloatCC::Unordered, a, a);
        let mut m = F32Math { b: &mut self.b, ty, fma: false };
        let r = m.sel(better, b, a);
        let r = m.sel(bn, b, r);
        m.sel(an, a, r)
    }

    /// One step of a vectorised float max (min) reduction: the accumulator `acc` takes `x` where
    /// `x` is larger (smaller), which is one `maxps` (`minps`) that keeps a NaN already in `acc`;
    /// a NaN in `x` is or-ed in as an all-ones lane, a NaN from then on. Three instructions where
    /// `float_best` takes six; the result is the same up to the sign of zero on ties and the
    /// payload of a NaN.
    fn float_best_acc(&mut self, max: bool, acc: Value, x: Value) -> Value {
        let ty = self.b.func.dfg.value_type(acc);
        let (lo, hi) = if max { (acc, x) } else { (x, acc) };
        let better = self.b.ins().fcmp(FloatCC::LessThan, lo, hi);
        let m = self.b.ins().bitcast(ty, math::flags_le(), better);
        let r = self.b.ins().bitselect(m, x, acc);
        let nan = self.b.ins().fcmp(FloatCC::Unordered, x, x);
        let nan = self.b.ins().bitcast(ty, math::flags_le(), nan);
        self.b.ins().bor(r, nan)
    }

    fn combine(&mut self, op: ReduceOp, dt: DType, a: Value, b: Value) -> Value {
        match op {
            ReduceOp::Sum => self.binary_any(BinOp::Add, dt, a, b),
            ReduceOp::Prod => self.binary_any(BinOp::Mul, dt, a, b),
            ReduceOp::Max => self.binary_any(BinOp::Max, dt, a, b),
            ReduceOp::Min => self.binary_any(BinOp::Min, dt, a, b),
            ReduceOp::Argmax | ReduceOp::Argmin => a,
        }
    }

    /// A binary operation that has one instruction form for scalars and vectors.
    fn binary_any(&mut self, op: BinOp, dt: DType, a: Value, b: Value) -> Value {
        if self.b.func.dfg.value_type(a).is_vector() {
            let lanes = self.b.func.dfg.value_type(a).lane_count() as usize;
            self.binary_v(op, dt, a, b, lanes)
        } else {
            self.binary_s(op, dt, a, b)
        }
    }

    fn binary_s(&mut self, op: BinOp, dt: DType, a: Value, b: Value) -> Value {
        let float = dt.is_float();
        let boolean = dt == DType::Bool;
        let cmp = |g: &mut Self, f: FloatCC, s: IntCC, u: IntCC| -> Value {
            if float {
                g.b.ins().fcmp(f, a, b)
            } else if boolean {
                g.b.ins().icmp(u, a, b)
            } else {
                g.b.ins().icmp(s, a, b)
            }
        };
        match op {
            BinOp::Add if float => self.b.ins().fadd(a, b),
            BinOp::Add if boolean => self.b.ins().bor(a, b),
            BinOp::Add => self.b.ins().iadd(a, b),
            BinOp::Sub if float => self.b.ins().fsub(a, b),
            BinOp::Sub => self.b.ins().isub(a, b),
            BinOp::Mul if float => self.b.ins().fmul(a, b),
            BinOp::Mul if boolean => self.b.ins().band(a, b),
            BinOp::Mul => self.b.ins().imul(a, b),
            BinOp::Div if float => self.b.ins().fdiv(a, b),
            BinOp::Max if float => self.float_best(true, a, b),
            BinOp::Min if float => self.float_best(false, a, b),
            BinOp::Max if boolean => self.b.ins().bor(a, b),
            BinOp::Min if boolean => self.b.ins().band(a, b),
            BinOp::Max => self.b.ins().smax(a, b),
            BinOp::Min => self.b.ins().smin(a, b),
            BinOp::Eq => cmp(self, FloatCC::Equal, IntCC::Equal, IntCC::Equal),
            BinOp::Ne => cmp(self, FloatCC::NotEqual, IntCC::NotEqual, IntCC::NotEqual),
            BinOp::Lt => cmp(self, FloatCC::LessThan, IntCC::SignedLessThan, IntCC::UnsignedLessThan),
            BinOp::Le => cmp(self, FloatCC::LessThanOrEqual, IntCC::SignedLessThanOrEqual, IntCC::UnsignedLessThanOrEqual),
            BinOp::Gt => cmp(self, FloatCC::GreaterThan, IntCC::SignedGreaterThan, IntCC::UnsignedGreaterThan),
            BinOp::Ge => cmp(self, FloatCC::GreaterThanOrEqual, IntCC::SignedGreaterThanOrEqual, IntCC::UnsignedGreaterThanOrEqual),
            BinOp::And => self.b.ins().band(a, b),
            BinOp::Or => self.b.ins().bor(a, b),
            BinOp::Xor => self.b.ins().bxor(a, b),
            BinOp::Div | BinOp::Rem | BinOp::Pow | BinOp::Atan2 => match Self::host2(op, dt) {
                Some(f) => self.call(f, scalar_ty(dt), &[a, b]),
                None => a,
            },
        }
    }

    fn binary_v(&mut self, op: BinOp, dt: DType, a: Value, b: Value, lanes: usize) -> Value {
        let float = dt.is_float();
        let boolean = dt == DType::Bool;
        match op {
            BinOp::Add | BinOp::Sub | BinOp::Mul | BinOp::Eq | BinOp::Ne | BinOp::Lt | BinOp::Le | BinOp::Gt | BinOp::Ge | BinOp::And | BinOp::Or | BinOp::Xor => {
                // Masks compare as unsigned: true (all ones) is above false.
                if boolean && matches!(op, BinOp::Add) {
                    return self.b.ins().bor(a, b);
                }
                if boolean && matches!(op, BinOp::Mul) {
                    return self.b.ins().band(a, b);
                }
                self.binary_s(op, dt, a, b)
            }
            BinOp::Div if float => self.b.ins().fdiv(a, b),
            BinOp::Max | BinOp::Min if float || boolean || dt == DType::I32 => self.binary_s(op, dt, a, b),
            BinOp::Div | BinOp::Rem | BinOp::Pow | BinOp::Atan2 | BinOp::Max | BinOp::Min => {
                self.lanes(&[a, b], lanes, |g, xs| g.binary_s(op, dt, xs[0], xs[1]))
            }
        }
    }

    fn cast_s(&mut self, from: DType, to: DType, x: Value) -> Value {
        let tt = scalar_ty(to);
        match (from, to) {
            (f, t) if f == t => x,
            (DType::Bool, DType::I32 | DType::I64) => self.b.ins().uextend(tt, x),
            (DType::Bool, DType::F32 | DType::F64) => {
                let w = self.b.ins().uextend(types::I32, x);
                self.b.ins().fcvt_from_sint(tt, w)
            }
            (DType::I32 | DType::I64, DType::Bool) => self.b.ins().icmp_imm_s(IntCC::NotEqual, x, 0),
            (DType::I32, DType::I64) => self.b.ins().sextend(tt, x),
            (DType::I64, DType::I32) => self.b.ins().ireduce(tt, x),
            (DType::I32 | DType::I64, DType::F32 | DType::F64) => self.b.ins().fcvt_from_sint(tt, x),
            (DType::F32 | DType::F64, DType::Bool) => {
                let z = if from == DType::F32 { self.b.ins().f32const(0.0) } else { self.b.ins().f64const(0.0) };
                self.b.ins().fcmp(FloatCC::NotEqual, x, z)
            }
            (DType::F32, DType::F64) => self.b.ins().fpromote(tt, x),
            (DType::F64, DType::F32) => self.b.ins().fdemote(tt, x),
            (DType::F32 | DType::F64, DType::I32 | DType::I64) => {
                // numpy on x86: NaN and out-of-range values become the integer minimum.
                let r = self.b.ins().fcvt_to_sint_sat(tt, x);
                let lim = if to == DType::I32 { 2f64.powi(31) } else { 2f64.powi(63) };
                let (lo, hi) = if from == DType::F32 {
                    (self.b.ins().f32const(-lim as f32), self.b.ins().f32const(lim as f32))
                } else {
                    (self.b.ins().f64const(-lim), self.b.ins().f64const(lim))
                };
                let below = self.b.ins().fcmp(FloatCC::UnorderedOrLessThan, x, lo);
                let above = self.b.ins().fcmp(FloatCC::GreaterThanOrEqual, x, hi);
                let bad = self.b.ins().bor(below, above);
                let min = self.b.ins().iconst(tt, if to == DType::I32 { i32::MIN as i64 } else { i64::MIN });
                self.b.ins().select(bad, min, r)
            }
            (_, _) => x,
        }
    }
}
