//! `lax.scan` on the cpu device with its body's plan run in place: the body is planned and
//! compiled once, its buffers are allocated once for the whole loop (two sets, one per parity of
//! the step, so a step reads the carry from the other set while it writes its own), the rows of
//! `xs` are read where they lie (a pointer, or a dot operand's offset, into `xs`), each step's
//! `ys` are copied into their row of the stacked outputs, and no step allocates (kernels that run
//! in one call are called directly, with scratch blocks made once; small float32 matrix-vector
//! products go to `dot::Gemv`, their layout worked out once).
//!
//! Two changes to the products, as XLA makes them: a product that does not depend on the carry
//! (`U @ x` with `U` a constant and `x` a row of `xs`, or a product of two constants) runs once
//! before the loop for every step (`U @ x` for every row of `xs`: a float32 matrix-vector
//! product runs as `dot::Packed` row by row, computed in blocks by a helper thread while the
//! loop runs when it is large, `dot::RowBlocks`; others as one `gemm`), and a step reads its
//! row; a small float32 matrix-vector product whose matrix is a constant (`W @ h`, `h @ W`) has
//! the matrix copied once into columns (`dot::Packed`: no horizontal sums, 64 outputs in
//! registers). Both sum in another order than the step's own product would (within float
//! rounding of it).
//!
//! A body whose plan has a host step (a nested loop, a primitive left to `eval`) runs through the
//! generic loop of `eval::control::scan` instead (`Cpu::nested`), as does a body that does not
//! plan (which then runs on `eval` and `%kernels` says why). The results are the generic loop's
//! (the same plan, the same kernels), within rounding where a product was hoisted or packed.

use super::{alloc, data_ptr, dot, launch, Cpu, PARALLEL_MIN};
use crate::array::{numel, HostArray};
use crate::backend::Plans;
use crate::fuse::{kernel::Role, Step, StridedView};
use crate::ir::{Func, Type};
use crate::prim::Prim;

/// Where a body buffer's value lives during a step (with an element offset beside it).
#[derive(Clone, Copy, PartialEq, Eq, Debug)]
enum Loc {
    /// Argument `i` of the scan (a constant, an initial carry, or an `xs`).
    Arg(usize),
    /// Body buffer `b` of set `s`.
    Set(usize, usize),
    /// Carry `k`'s copy in set `s` (a carry the body returns as it got it).
    Slot(usize, usize),
    /// Hoisted product `h` (computed before the loop for every step; a step's value is its row).
    Hoist(usize),
    /// Not a value (a kernel's scratch argument: its block is given at the call).
    None,
}

type Sets = [Vec<Option<HostArray>>; 2];

fn get<'a>(args: &'a [HostArray], hoisted: &'a [HostArray], sets: &'a Sets, slots: &'a Sets, l: Loc) -> Result<&'a HostArray, String> {
    let a = match l {
        Loc::Arg(i) => args.get(i),
        Loc::Hoist(h) => hoisted.get(h),
        Loc::Set(s, b) => sets[s][b].as_ref(),
        Loc::Slot(s, k) => slots[s][k].as_ref(),
        Loc::None => None,
    };
    a.ok_or_else(|| "internal error: a scan body buffer is missing".to_string())
}

/// A pointer to element `off` of `a` (in bounds: the callers' offsets are rows of `xs`, checked
/// against its length).
fn ptr_at(a: &HostArray, off: usize) -> *mut u8 {
    data_ptr(&a.data).wrapping_add(off * a.dtype().size_bytes())
}

/// A new array of type `t` holding `a`'s elements from `off` on.
fn copy_out(a: &HostArray, off: usize, t: &Type) -> HostArray {
    let (h, p) = alloc(t);
    let bytes = numel(&t.shape) * t.dtype.size_bytes();
    // SAFETY: `a` holds at least `off` plus `t`'s elements of the same dtype (a row of `xs`, or a
    // whole array), and `h` is a fresh buffer of `bytes`.
    unsafe { std::ptr::copy_nonoverlapping(ptr_at(a, off), p, bytes) };
    h
}

impl Cpu {
    /// Run the host step `f` when it is a `scan` whose body plans without host steps; None when
    /// it is not (the caller runs the generic loop).
    pub(super) fn scan_in_place(&mut self, f: &Func, args: &[HostArray], plans: &mut Plans) -> Result<Option<Vec<HostArray>>, String> {
        if !crate::backend::host::is_control(f) {
            return Ok(None);
        }
        let Prim::Scan { body, n_consts, n_carry, length, reverse } = &f.eqns[0].prim else { return Ok(None) };
        let (nc, nk, len, reverse) = (*n_consts, *n_carry, *length, *reverse);
        let Ok(prep) = plans.get(body).and_then(|p| self.prepare(&p)) else { return Ok(None) };
        let plan = prep.plan.clone();
        let np = plan.nparams;
        if plan.steps.iter().any(|s| matches!(s, Step::Host { .. })) || args.len() != np || np < nc + nk || plan.outs.len() < nk {
            return Ok(None);
        }
        let nx = np - nc - nk;
        let ny = plan.outs.len() - nk;
        let xrow: Vec<usize> = (0..nx).map(|j| numel(&plan.bufs[nc + nk + j].shape)).collect();
        if (0..nx).any(|j| args[nc + nk + j].len() != len * xrow[j] || args[nc + nk + j].dtype() != plan.bufs[nc + nk + j].dtype) {
            return Ok(None);
        }
        // The buffers the body writes: kernel and dot outputs.
        let nb = plan.bufs.len();
        let mut owned = vec![false; nb];
        for s in &plan.steps {
            match s {
                Step::Kernel { kernel, bufs } => {
                    for (a, &b) in kernel.args.iter().zip(bufs) {
                        if a.role == Role::Out {
                            owned[b] = true;
                        }
                    }
                }
                Step::Dot { out, .. } => owned[*out] = true,
                Step::Host { .. } => {}
            }
        }
        if plan.outs.iter().any(|&b| b >= np && !owned[b]) {
            return Ok(None);
        }
        // Products that do not depend on the carry run before the loop, for every step at once
        // (`U @ x` for every row `x` of `xs` as one matrix product); a step reads its row.
        let mut writers = vec![0usize; nb];
        for s in &plan.steps {
            match s {
                Step::Kernel { kernel, bufs } => kernel.args.iter().zip(bufs).filter(|(a, _)| a.role == Role::Out).for_each(|(_, &b)| writers[b] += 1),
                Step::Dot { out, .. } => writers[*out] += 1,
                Step::Host { .. } => {}
            }
        }
        let mut hoisted: Vec<HostArray> = Vec::new();
        let mut hoist_step = vec![false; plan.steps.len()];
        let mut hoist_buf: Vec<Option<(usize, usize)>> = vec![None; nb];
        let mut pending = Vec::new();
        for (si, s) in plan.steps.iter().enumerate() {
            let Step::Dot { prim, lhs, rhs, out } = s else { continue };
            if writers[*out] != 1 {
                continue;
            }
            if let Some(h) = hoist_dot(prim, lhs, rhs, &plan.bufs[*out], args, nc, nk, &xrow, len, &mut |t| self.alloc(t).0)? {
                hoist_step[si] = true;
                self.stats.scan_products_hoisted += 1;
                let (a, row) = match h {
                    Hoist::Done(a, row) => (a, row),
                    Hoist::Rows(a, row, p, xb, xo, xr) => {
                        pending.push((hoisted.len(), p, xb, xo, xr));
                        (a, row)
                    }
                };
                hoist_buf[*out] = Some((hoisted.len(), row));
                hoisted.push(a);
            }
        }
        // Hoisted products computed in blocks by a helper thread while the loop runs.
        let mut blocks: Vec<dot::RowBlocks> = Vec::with_capacity(pending.len());
        for (h, p, xb, xo, xr) in pending {
            blocks.push(dot::RowBlocks::new(p, &args[xb], xo, xr, len, reverse, &hoisted[h]).ok_or("internal error: a hoisted product does not fit its buffers")?);
        }
        let passthrough = |k: usize| (nc..nc + nk).contains(&plan.outs[k]);
        let mut sets: Sets = [vec![None; nb], vec![None; nb]];
        let mut slots: Sets = [vec![None; nk], vec![None; nk]];
        for s in 0..2 {
            for b in (np..nb).filter(|&b| owned[b] && hoist_buf[b].is_none()) {
                sets[s][b] = Some(self.alloc(&plan.bufs[b]).0);
            }
            for k in (0..nk).filter(|&k| passthrough(k)) {
                slots[s][k] = Some(alloc(&plan.bufs[plan.outs[k]]).0);
            }
        }
        // The stacked outputs, written row by row.
        let mut ys: Vec<(HostArray, *mut u8, usize)> = Vec::with_capacity(ny);
        for k in 0..ny {
            let t = &plan.bufs[plan.outs[nk + k]];
            let mut shape = vec![len];
            shape.extend(&t.shape);
            let (h, p) = alloc(&Type::new(&shape, t.dtype));
            ys.push((h, p, numel(&t.shape) * t.dtype.size_bytes()));
        }
        // Kernels that run in one call, with their scratch blocks (made once: a kernel writes its
        // scratch before it reads it, within one outer point).
        let threads = rayon::current_num_threads();
        let mut direct: Vec<Option<Vec<(usize, Vec<u64>)>>> = Vec::with_capacity(plan.steps.len());
        for s in &plan.steps {
            direct.push(match s {
                Step::Kernel { kernel: k, .. } => {
                    let n = k.split.map_or(1, |d| k.dims[d]);
                    (k.split.is_none() || threads.min(n) < 2 || k.work() < PARALLEL_MIN).then(|| {
                        k.args.iter().enumerate().filter(|(_, a)| a.role == Role::Scratch).map(|(i, a)| (i, vec![0u64; (a.len * a.dtype.size_bytes()).div_ceil(8).max(1)])).collect()
                    })
                }
                _ => None,
            });
        }
        // Dot views, copied so that their offsets can follow the rows of `xs`.
        let mut views: Vec<Option<(StridedView, StridedView)>> = plan.steps.iter().map(|s| if let Step::Dot { lhs, rhs, .. } = s { Some((lhs.clone(), rhs.clone())) } else { None }).collect();
        // Small float32 matrix-vector products with their layout worked out once.
        let gemvs: Vec<Option<dot::Gemv>> = plan.steps.iter().map(|s| if let Step::Dot { prim, lhs, rhs, out } = s { dot::Gemv::new(prim, lhs, rhs, &plan.bufs[*out]) } else { None }).collect();
        // Those whose matrix is a constant of the scan (`W @ h`), with the matrix copied once
        // into columns (and whether it is the left operand).
        let packed: Vec<Option<(dot::Packed, bool)>> = plan
            .steps
            .iter()
            .zip(&gemvs)
            .zip(&hoist_step)
            .map(|((s, g), &hoisted)| {
                let (Step::Dot { lhs, rhs, .. }, Some(g)) = (s, g) else { return None };
                let c = |b: usize| b < nc;
                if len < 4 || hoisted {
                    None
                } else if c(lhs.buf) && !c(rhs.buf) {
                    g.packed(true, &args[lhs.buf], lhs.offset).map(|p| (p, true))
                } else if c(rhs.buf) && !c(lhs.buf) {
                    g.packed(false, &args[rhs.buf], rhs.offset).map(|p| (p, false))
                } else {
                    None
                }
            })
            .collect();
        self.stats.scan_products_packed += packed.iter().flatten().count() as u64;
        let mut loc: Vec<(Loc, usize)> = vec![(Loc::None, 0); nb];
        for (i, l) in loc.iter_mut().enumerate().take(nc) {
            *l = (Loc::Arg(i), 0);
        }
        let mut carry: Vec<(Loc, usize)> = (0..nk).map(|k| (Loc::Arg(nc + k), 0)).collect();
        let mut ptrs: Vec<*mut u8> = vec![std::ptr::null_mut(); nb];
        // Each place's address and element size, so that a step finds its buffers' addresses
        // without looking their arrays up (a set's entry follows a buffer `dot` replaced).
        let at = |a: &HostArray| (data_ptr(&a.data), a.dtype().size_bytes());
        let opt = |v: &Vec<Option<HostArray>>| -> Vec<(*mut u8, usize)> { v.iter().map(|a| a.as_ref().map_or((std::ptr::null_mut(), 0), at)).collect() };
        let arg_at: Vec<(*mut u8, usize)> = args.iter().map(at).collect();
        let hoist_at: Vec<(*mut u8, usize)> = hoisted.iter().map(at).collect();
        let mut set_at = [opt(&sets[0]), opt(&sets[1])];
        let slot_at = [opt(&slots[0]), opt(&slots[1])];
        let mut kargs: Vec<*mut u8> = Vec::with_capacity(nb);
        // The loop, with a helper thread computing hoisted products ahead of it (`RowBlocks`):
        // the team's (awake during a run of steps), or rayon's where there is no team.
        let side = || while blocks.iter().any(|r| r.work()) {};
        let mut body = || -> Result<(), String> {
            for step in 0..len {
                for rb in &blocks {
                    rb.wait(step);
                }
                let i = if reverse { len - 1 - step } else { step };
                let cur = step % 2;
                loc[nc..nc + nk].copy_from_slice(&carry);
                for j in 0..nx {
                    loc[nc + nk + j] = (Loc::Arg(nc + nk + j), i * xrow[j]);
                }
                for b in (np..nb).filter(|&b| owned[b]) {
                    loc[b] = match hoist_buf[b] {
                        Some((h, row)) => (Loc::Hoist(h), i * row),
                        None => (Loc::Set(cur, b), 0),
                    };
                }
                for b in 0..nb {
                    let (l, off) = loc[b];
                    let (p, es) = match l {
                        Loc::None => (std::ptr::null_mut(), 0),
                        Loc::Arg(i) => arg_at[i],
                        Loc::Hoist(h) => hoist_at[h],
                        Loc::Set(s, b) => set_at[s][b],
                        Loc::Slot(s, k) => slot_at[s][k],
                    };
                    // In bounds: offsets are rows of `xs` or of a hoisted product (`len` rows).
                    ptrs[b] = p.wrapping_add(off * es);
                }
                for (si, s) in plan.steps.iter().enumerate() {
                    if hoist_step[si] {
                        continue;
                    }
                    match s {
                        Step::Kernel { kernel, bufs: kb } => {
                            let c = prep.kernels[si].as_ref().ok_or("internal error: a kernel step without code")?;
                            kargs.clear();
                            kargs.extend(kb.iter().map(|&b| ptrs[b]));
                            if let Some(d) = c.len_dim {
                                kargs.push(kernel.dims[d] as *mut u8);
                            }
                            match &mut direct[si] {
                                Some(scratch) => {
                                    let n = kernel.split.map_or(1, |d| kernel.dims[d]);
                                    if n == 0 {
                                        continue;
                                    }
                                    for (a, blk) in scratch.iter_mut() {
                                        kargs[*a] = blk.as_mut_ptr() as *mut u8;
                                    }
                                    // SAFETY: the kernel verified against its arguments' lengths:
                                    // the body's buffers, allocated for its plan, rows of `xs` of
                                    // the parameter's length, and scratch blocks of the arguments'.
                                    unsafe { (c.f)(kargs.as_ptr(), 0, n as i64) };
                                }
                                None => launch(c, kernel, &kargs)?,
                            }
                        }
                        Step::Dot { prim, lhs, rhs, out } => {
                            let (lv, rv) = views[si].as_mut().ok_or("internal error: a dot step without views")?;
                            lv.offset = lhs.offset + loc[lhs.buf].1 as i64;
                            rv.offset = rhs.offset + loc[rhs.buf].1 as i64;
                            if let (Some((p, mat_lhs)), Some(o)) = (&packed[si], &sets[cur][*out]) {
                                let (vb, vo) = if *mat_lhs { (rhs.buf, rv.offset) } else { (lhs.buf, lv.offset) };
                                if p.run(get(args, &hoisted, &sets, &slots, loc[vb].0)?, vo, o) {
                                    continue;
                                }
                            }
                            if let (Some(g), Some(o)) = (&gemvs[si], &sets[cur][*out]) {
                                let l = get(args, &hoisted, &sets, &slots, loc[lhs.buf].0)?;
                                let r = get(args, &hoisted, &sets, &slots, loc[rhs.buf].0)?;
                                if g.run(l, lv.offset, r, rv.offset, o) {
                                    continue;
                                }
                            }
                            // The output buffer goes to `dot` and comes back (or a new array does,
                            // for products that `dot` leaves to `eval`).
                            let ob = sets[cur][*out].take();
                            let l = get(args, &hoisted, &sets, &slots, loc[lhs.buf].0)?;
                            let r = get(args, &hoisted, &sets, &slots, loc[rhs.buf].0)?;
                            let res = dot::dot(prim, lv, l, rv, r, &plan.bufs[*out], move |t| ob.unwrap_or_else(|| alloc(t).0))?;
                            ptrs[*out] = data_ptr(&res.data);
                            set_at[cur][*out] = at(&res);
                            sets[cur][*out] = Some(res);
                        }
                        Step::Host { .. } => return Err("internal error: a host step in a scan body run in place".into()),
                    }
                }
                for (k, (_, p, bytes)) in ys.iter().enumerate() {
                    // SAFETY: the body's output holds one row of `bytes` (its type's), and row `i`
                    // of the stacked output is in bounds (`len` rows).
                    // A scalar row (a float32 `h[0]`) as one load and store, not a call to memmove.
                    unsafe {
                        let (src, dst) = (ptrs[plan.outs[nk + k]], p.add(i * bytes));
                        match *bytes {
                            4 => dst.cast::<u32>().write_unaligned(src.cast::<u32>().read_unaligned()),
                            8 => dst.cast::<u64>().write_unaligned(src.cast::<u64>().read_unaligned()),
                            b => std::ptr::copy_nonoverlapping(src, dst, b),
                        }
                    }
                }
                for k in 0..nk {
                    let b = plan.outs[k];
                    carry[k] = if b >= np && hoist_buf[b].is_none() {
                        (Loc::Set(cur, b), 0)
                    } else if passthrough(k) {
                        // A carry returned as it came: copied into this set's slot, since where it
                        // lies (the other set) is written by the next step.
                        let dst = get(args, &hoisted, &sets, &slots, Loc::Slot(cur, k))?;
                        let t = &plan.bufs[b];
                        // SAFETY: both hold one value of carry `k`'s type, in different sets.
                        unsafe { std::ptr::copy_nonoverlapping(ptrs[b], data_ptr(&dst.data), numel(&t.shape) * t.dtype.size_bytes()) };
                        (Loc::Slot(cur, k), 0)
                    } else {
                        // A constant, a row of `xs` or of a hoisted product: read-only for the
                        // whole loop.
                        loc[b]
                    };
                }
            }
            Ok(())
        };
        if blocks.is_empty() {
            body()?;
        } else if super::team::threads() > 1 {
            super::team::alongside(&side, || {
                let r = body();
                // Rows nobody needs any more (the loop stopped early) are not computed.
                blocks.iter().for_each(|b| b.stop());
                r
            })?;
        } else {
            rayon::in_place_scope(|sc| {
                sc.spawn(|_| side());
                body()
            })?;
        }
        let mut outs = Vec::with_capacity(nk + ny);
        for (k, &(l, off)) in carry.iter().enumerate() {
            let a = get(args, &hoisted, &sets, &slots, l)?;
            let t = &plan.bufs[plan.outs[k]];
            outs.push(if off == 0 && a.shape == t.shape { a.clone() } else { copy_out(a, off, t) });
        }
        outs.extend(ys.into_iter().map(|(h, _, _)| h));
        self.stats.scans_in_place += 1;
        Ok(Some(outs))
    }
}

/// A hoisted product: computed (with the elements between two steps' values), or to be computed
/// by `dot::RowBlocks` while the loop runs (the buffer, the elements between rows, the packed
/// matrix, and the `xs` argument with the offset of the first row's vector and the elements
/// between two rows).
enum Hoist {
    Done(HostArray, usize),
    Rows(HostArray, usize, dot::Packed, usize, i64, usize),
}

/// A dot step's product for every step of the loop at once, and the elements between two steps'
/// values in it, where it does not depend on the carry: both operands are constants (one
/// product, read by every step), or one is a constant and the other a row of an `xs` (one
/// product over all rows, the row index its leading free dimension: `xs @ Uᵀ` for `U @ x`).
/// None otherwise, and where the stacked result would be large beside `xs`. A float32
/// matrix-vector product (`U @ x`, `x @ U`) runs as `dot::Packed` row by row (the sums of the
/// packed product in the loop; `gemm` at k = 64 was slower), others as one `dot` (its sums, within
/// rounding of the step's own). `mk` gives the output buffer.
#[allow(clippy::too_many_arguments)]
fn hoist_dot(prim: &Prim, lhs: &StridedView, rhs: &StridedView, out: &Type, args: &[HostArray], nc: usize, nk: usize, xrow: &[usize], len: usize, mk: &mut dyn FnMut(&Type) -> HostArray) -> Result<Option<Hoist>, String> {
    let Prim::DotGeneral { lhs_contract, rhs_contract, lhs_batch, rhs_batch } = prim else { return Ok(None) };
    let np = args.len();
    let carry_or_body = |b: usize| b >= np || (nc..nc + nk).contains(&b);
    if !out.dtype.is_float() || !lhs_batch.is_empty() || !rhs_batch.is_empty() || len == 0 || carry_or_body(lhs.buf) || carry_or_body(rhs.buf) {
        return Ok(None);
    }
    let xs = |b: usize| b >= nc + nk;
    match (xs(lhs.buf), xs(rhs.buf)) {
        (false, false) => Ok(Some(Hoist::Done(dot::dot(prim, lhs, &args[lhs.buf], rhs, &args[rhs.buf], out, mk)?, 0))),
        (true, true) => Ok(None),
        (xl, _) => {
            let (xv, cv, xc, cc) = if xl { (lhs, rhs, lhs_contract, rhs_contract) } else { (rhs, lhs, rhs_contract, lhs_contract) };
            let free = |v: &StridedView, c: &[usize]| -> Vec<usize> { (0..v.shape.len()).filter(|d| !c.contains(d)).map(|d| v.shape[d]).collect() };
            let (xf, cf) = (free(xv, xc), free(cv, cc));
            // The stacked product is [len, x's free, c's free]; a row is the step's
            // [lhs free, rhs free] where x is the left operand or a free part has one element.
            if !xl && numel(&xf) != 1 && numel(&cf) != 1 {
                return Ok(None);
            }
            let row = numel(&out.shape);
            let size = out.dtype.size_bytes();
            if len * row * size > (4 * args[xv.buf].len() * size).max(1 << 20).min(1 << 30) {
                return Ok(None);
            }
            let j = xv.buf - nc - nk;
            if let Some(g) = dot::Gemv::new(prim, lhs, rhs, out) {
                if let Some(p) = g.packed(!xl, &args[cv.buf], cv.offset) {
                    let res = mk(&Type::new(&[len, row], out.dtype));
                    if p.pipelined(len) {
                        return Ok(Some(Hoist::Rows(res, row, p, xv.buf, xv.offset, xrow[j])));
                    }
                    if p.run_rows(&args[xv.buf], xv.offset, xrow[j], len, &res) {
                        return Ok(Some(Hoist::Done(res, row)));
                    }
                }
            }
            let mut sv = xv.clone();
            sv.shape.insert(0, len);
            sv.strides.insert(0, xrow[j] as i64);
            let p = Prim::DotGeneral { lhs_contract: xc.iter().map(|d| d + 1).collect(), rhs_contract: cc.clone(), lhs_batch: vec![], rhs_batch: vec![] };
            let mut shape = vec![len];
            shape.extend(xf);
            shape.extend(cf);
            Ok(Some(Hoist::Done(dot::dot(&p, &sv, &args[xv.buf], cv, &args[cv.buf], &Type::new(&shape, out.dtype), mk)?, row)))
        }
    }
}
