//! The fuser's rule table: what each primitive becomes in a kernel. One exhaustive `match` over
//! `Prim`, no `_ =>` arm. Elementwise primitives become kernel operations, movement primitives
//! become index arithmetic (`View`), reductions become reduce phases, `dot_general` a call to the
//! backend's matrix product, and the rest run on the host through `eval` (`Host`).
//!
//! This module only classifies; `fuse` does the composing, the backends the computing.

use super::kernel::{BinOp, ReduceOp, UnOp};
use crate::array::{DType, Scalar};
use crate::prim::Prim;

/// A movement primitive as index arithmetic: how an output index maps to an operand index.
#[derive(Clone, Debug)]
pub enum View {
    Reshape,
    /// Operand dimension i is output dimension `dims[i]` (or a size-1 dimension, index 0).
    Broadcast { dims: Vec<usize> },
    /// Output dimension i is operand dimension `perm[i]`.
    Transpose { perm: Vec<usize> },
    /// Operand index `start + stride · i`.
    Slice { start: Vec<usize>, stride: Vec<usize> },
    /// Operand index `n - 1 - i` along `axes`.
    Rev { axes: Vec<usize> },
}

/// What a primitive becomes.
#[derive(Clone, Debug)]
pub enum Lowering {
    Unary(UnOp),
    Binary(BinOp),
    Select,
    Cast(DType),
    /// The counter along `axis`, converted to `dtype`.
    Iota { axis: usize },
    Const(Scalar),
    View(View),
    Reduce { op: ReduceOp, axes: Vec<usize> },
    /// A matrix product through the backend's gemm.
    Dot,
    /// Not compiled: runs on the host through `eval`, one equation at a time. Its operands are
    /// materialized first.
    Host,
}

/// The rule for `prim`.
pub fn lower(prim: &Prim) -> Lowering {
    use Lowering as L;
    match prim {
        Prim::Neg => L::Unary(UnOp::Neg),
        Prim::Not => L::Unary(UnOp::Not),
        Prim::Abs => L::Unary(UnOp::Abs),
        Prim::Sign => L::Unary(UnOp::Sign),
        Prim::Floor => L::Unary(UnOp::Floor),
        Prim::Ceil => L::Unary(UnOp::Ceil),
        Prim::Round => L::Unary(UnOp::Round),
        Prim::Exp => L::Unary(UnOp::Exp),
        Prim::Log => L::Unary(UnOp::Log),
        Prim::Log1p => L::Unary(UnOp::Log1p),
        Prim::Expm1 => L::Unary(UnOp::Expm1),
        Prim::Sqrt => L::Unary(UnOp::Sqrt),
        Prim::Sin => L::Unary(UnOp::Sin),
        Prim::Cos => L::Unary(UnOp::Cos),
        Prim::Tan => L::Unary(UnOp::Tan),
        Prim::Asin => L::Unary(UnOp::Asin),
        Prim::Acos => L::Unary(UnOp::Acos),
        Prim::Atan => L::Unary(UnOp::Atan),
        Prim::Sinh => L::Unary(UnOp::Sinh),
        Prim::Cosh => L::Unary(UnOp::Cosh),
        Prim::Tanh => L::Unary(UnOp::Tanh),
        Prim::IntegerPow { y } => L::Unary(UnOp::IntPow(*y)),
        Prim::Add => L::Binary(BinOp::Add),
        Prim::Sub => L::Binary(BinOp::Sub),
        Prim::Mul => L::Binary(BinOp::Mul),
        Prim::Div => L::Binary(BinOp::Div),
        Prim::Rem => L::Binary(BinOp::Rem),
        Prim::Pow => L::Binary(BinOp::Pow),
        Prim::Max => L::Binary(BinOp::Max),
        Prim::Min => L::Binary(BinOp::Min),
        Prim::Atan2 => L::Binary(BinOp::Atan2),
        Prim::Eq => L::Binary(BinOp::Eq),
        Prim::Ne => L::Binary(BinOp::Ne),
        Prim::Lt => L::Binary(BinOp::Lt),
        Prim::Le => L::Binary(BinOp::Le),
        Prim::Gt => L::Binary(BinOp::Gt),
        Prim::Ge => L::Binary(BinOp::Ge),
        Prim::And => L::Binary(BinOp::And),
        Prim::Or => L::Binary(BinOp::Or),
        Prim::Xor => L::Binary(BinOp::Xor),
        Prim::Select => L::Select,
        Prim::Cast { dtype } => L::Cast(*dtype),
        Prim::ReduceSum { axes } => L::Reduce { op: ReduceOp::Sum, axes: axes.clone() },
        Prim::ReduceProd { axes } => L::Reduce { op: ReduceOp::Prod, axes: axes.clone() },
        Prim::ReduceMax { axes } => L::Reduce { op: ReduceOp::Max, axes: axes.clone() },
        Prim::ReduceMin { axes } => L::Reduce { op: ReduceOp::Min, axes: axes.clone() },
        Prim::Argmax { axis, .. } => L::Reduce { op: ReduceOp::Argmax, axes: vec![*axis] },
        Prim::Argmin { axis, .. } => L::Reduce { op: ReduceOp::Argmin, axes: vec![*axis] },
        // Scans are sequential along their axis; the host runs them.
        Prim::Cumsum { .. } | Prim::Cumprod { .. } => L::Host,
        Prim::Reshape { .. } => L::View(View::Reshape),
        Prim::BroadcastInDim { dims, .. } => L::View(View::Broadcast { dims: dims.clone() }),
        Prim::Transpose { perm } => L::View(View::Transpose { perm: perm.clone() }),
        Prim::Slice { start, stride, .. } => L::View(View::Slice { start: start.clone(), stride: stride.clone() }),
        Prim::Rev { axes } => L::View(View::Rev { axes: axes.clone() }),
        // Pad and concatenate write pieces at offsets; the host copies them.
        Prim::Pad { .. } | Prim::Concat { .. } => L::Host,
        // Data-dependent indexing, sorting and the cipher run on the host.
        Prim::Gather { .. } | Prim::Scatter { .. } | Prim::Sort { .. } | Prim::Argsort { .. } | Prim::Threefry2x32 => L::Host,
        // Identity for values; it only matters to differentiation.
        Prim::StopGradient => L::Host,
        // Effects and functions with custom rules run on the host (a custom rule's primal is a
        // whole function, evaluated by the reference).
        Prim::DebugPrint { .. } | Prim::CustomVjp { .. } | Prim::CustomLinear { .. } | Prim::CustomJvp { .. } => L::Host,
        // A host callback is a host step between kernels: `eval` calls the session's handler.
        Prim::HostCall { .. } => L::Host,
        // Control flow is a host step; the cpu backend runs its loop around the nested
        // functions' own compiled plans (`backend::cpu`), `eval` around `eval_func`.
        Prim::Cond { .. } | Prim::While { .. } | Prim::Scan { .. } => L::Host,
        Prim::DotGeneral { .. } => L::Dot,
        Prim::Iota { axis, .. } => L::Iota { axis: *axis },
        Prim::Literal(s) => L::Const(*s),
    }
}
