//! The loops of the control-flow primitives (`Cond`, `While`, `Scan`), shared by `eval` and the
//! cpu backend: each takes a runner that executes a nested `Func` (`eval_func`, or a compiled
//! plan of it), so the loop itself is written once. The carry moves from one step to the next as
//! the arrays the runner returned; nothing is copied but the rows of `xs` and `ys`.

use super::elem::{with_dtype, Elem};
use crate::array::{numel, DType, HostArray};
use crate::ir::Func;
use std::rc::Rc;

/// Runs a nested function on arguments, one array per output.
pub type Run<'a> = dyn FnMut(&Func, &[HostArray]) -> Result<Vec<HostArray>, String> + 'a;

/// `branches[index]` on the operands (the index clamped into range, as `lax.switch`).
pub fn cond(branches: &[Rc<Func>], ins: &[HostArray], run: &mut Run) -> Result<Vec<HostArray>, String> {
    let (idx, ops) = ins.split_first().ok_or("cond: no index operand")?;
    let n = branches.len() as i64;
    let i = idx.get(0).to_i64().clamp(0, n - 1) as usize;
    run(&branches[i], ops)
}

/// `while cond(cond_consts, carry): carry = body(body_consts, carry)`.
pub fn while_loop(cond: &Func, body: &Func, n_cond: usize, n_body: usize, ins: &[HostArray], run: &mut Run) -> Result<Vec<HostArray>, String> {
    let (cc, rest) = ins.split_at(n_cond);
    let (bc, init) = rest.split_at(n_body);
    let mut carry = init.to_vec();
    let mut args: Vec<HostArray> = Vec::with_capacity(ins.len());
    loop {
        crate::limits::check_interrupt()?;
        args.clear();
        args.extend(cc.iter().cloned());
        args.extend(carry.iter().cloned());
        let p = run(cond, &args)?;
        if !p.first().ok_or("while: the condition returned nothing")?.get(0).to_bool() {
            return Ok(carry);
        }
        args.clear();
        args.extend(bc.iter().cloned());
        args.extend(carry.drain(..));
        carry = run(body, &args)?;
    }
}

/// Row `i` of `x` along its leading axis, as a new array.
pub fn row(x: &HostArray, i: usize) -> Result<HostArray, String> {
    let shape = x.shape[1..].to_vec();
    let n = numel(&shape);
    let data = with_dtype!(x.dtype(), T => {
        let s = T::slice(&x.data).ok_or("scan: dtype mismatch")?;
        T::wrap(s.get(i * n..(i + 1) * n).ok_or("scan: row out of range")?.to_vec())
    });
    Ok(HostArray { shape, data })
}

/// The arrays `rows` (each of `shape` and `dtype`) stacked along a new leading axis.
pub fn stack(rows: &[HostArray], shape: &[usize], dtype: DType) -> Result<HostArray, String> {
    let mut out_shape = vec![rows.len()];
    out_shape.extend(shape);
    let data = with_dtype!(dtype, T => {
        let mut v: Vec<T> = Vec::with_capacity(numel(&out_shape));
        for r in rows {
            v.extend_from_slice(T::slice(&r.data).ok_or("scan: dtype mismatch")?);
        }
        T::wrap(v)
    });
    Ok(HostArray { shape: out_shape, data })
}

/// `lax.scan`'s loop: the final carry, then the ys stacked.
#[allow(clippy::too_many_arguments)]
pub fn scan(body: &Func, n_consts: usize, n_carry: usize, length: usize, reverse: bool, ins: &[HostArray], run: &mut Run) -> Result<Vec<HostArray>, String> {
    let consts = &ins[..n_consts];
    let mut carry: Vec<HostArray> = ins[n_consts..n_consts + n_carry].to_vec();
    let xs = &ins[n_consts + n_carry..];
    let n_ys = body.outs.len() - n_carry;
    let mut ys: Vec<Vec<HostArray>> = (0..n_ys).map(|_| Vec::with_capacity(length)).collect();
    let mut args: Vec<HostArray> = Vec::with_capacity(body.params.len());
    for step in 0..length {
        crate::limits::check_interrupt()?;
        let i = if reverse { length - 1 - step } else { step };
        args.clear();
        args.extend(consts.iter().cloned());
        args.extend(carry.drain(..));
        for x in xs {
            args.push(row(x, i)?);
        }
        let mut out = run(body, &args)?;
        for (k, y) in out.drain(n_carry..).enumerate() {
            ys[k].push(y);
        }
        carry = out;
    }
    for (k, mut rows) in ys.into_iter().enumerate() {
        if reverse {
            rows.reverse();
        }
        let t = body.ty(body.outs[n_carry + k]);
        carry.push(stack(&rows, &t.shape, t.dtype)?);
    }
    Ok(carry)
}
