//! A traced `Func` as an ONNX model (opset 18, IR version 8): every primitive becomes standard
//! ONNX operators with Slope's semantics (numpy's floor division and remainder, NaN-propagating
//! `maximum`, clamped gathers, scatters that drop out-of-range indices), or an error that names
//! the primitive. Parts of the function that depend on no input are folded into initializers.
//!
//! `model` is the entry point (`slope.export.onnx` in `std` calls it); `collect` is the test
//! hook: with `SLOPE_ONNX_COLLECT=dir` every function a device runs is also exported there with
//! its inputs and outputs in ONNX's test-data layout, for `tests/test_onnx_export.py` to check
//! with onnxruntime.

use super::proto::{self, attr_type, AttributeProto, NodeProto, TensorProto};
use crate::array::{numel, DType, Data, HostArray, Scalar};
use crate::ir::{Func, Type, Var};
use crate::prim::{Prim, ScatterMode};
use prost::Message;
use std::collections::HashMap;

/// The operator set exported models import.
pub const OPSET: i64 = 18;
/// Folded values larger than this many elements stay operators (a broadcast constant would
/// otherwise be written out in full).
const FOLD_MAX: usize = 1 << 16;

/// `TensorProto.DataType` of a dtype.
fn onnx_type(dt: DType) -> i32 {
    match dt {
        DType::F32 => 1,
        DType::I32 => 6,
        DType::I64 => 7,
        DType::Bool => 9,
        DType::F64 => 11,
        DType::U8 => 2,
        DType::I8 => 3,
        DType::U16 => 4,
        DType::I16 => 5,
        DType::F16 => 10,
        DType::U32 => 12,
        DType::U64 => 13,
    }
}

/// A host array as a named tensor (raw little-endian data).
fn tensor(name: &str, h: &HostArray) -> TensorProto {
    let mut raw = Vec::with_capacity(h.len() * h.dtype().size_bytes());
    match &h.data {
        Data::Bool(v) => raw.extend(v.iter().map(|&b| b as u8)),
        Data::I32(v) => v.iter().for_each(|x| raw.extend_from_slice(&x.to_le_bytes())),
        Data::I64(v) => v.iter().for_each(|x| raw.extend_from_slice(&x.to_le_bytes())),
        Data::F32(v) => v.iter().for_each(|x| raw.extend_from_slice(&x.to_le_bytes())),
        Data::F64(v) => v.iter().for_each(|x| raw.extend_from_slice(&x.to_le_bytes())),
        Data::I8(v) => v.iter().for_each(|x| raw.extend_from_slice(&x.to_le_bytes())),
        Data::I16(v) => v.iter().for_each(|x| raw.extend_from_slice(&x.to_le_bytes())),
        Data::U8(v) => raw.extend_from_slice(v),
        Data::U16(v) => v.iter().for_each(|x| raw.extend_from_slice(&x.to_le_bytes())),
        Data::U32(v) => v.iter().for_each(|x| raw.extend_from_slice(&x.to_le_bytes())),
        Data::U64(v) => v.iter().for_each(|x| raw.extend_from_slice(&x.to_le_bytes())),
        Data::F16(v) => v.iter().for_each(|&x| raw.extend_from_slice(&crate::array::f16_bits(x).to_le_bytes())),
    }
    TensorProto { dims: h.shape.iter().map(|&d| d as i64).collect(), data_type: onnx_type(h.dtype()), name: name.into(), raw_data: raw }
}

fn value_info(name: &str, t: &Type) -> proto::ValueInfoProto {
    let dim = t.shape.iter().map(|&d| proto::Dimension { dim_value: Some(d as i64) }).collect();
    proto::ValueInfoProto {
        name: name.into(),
        r#type: Some(proto::TypeProto { tensor_type: Some(proto::TensorTypeProto { elem_type: onnx_type(t.dtype), shape: Some(proto::TensorShapeProto { dim }) }) }),
    }
}

fn attr_i(name: &str, i: i64) -> AttributeProto {
    AttributeProto { name: name.into(), r#type: attr_type::INT, i, ..Default::default() }
}
fn attr_ints(name: &str, v: &[i64]) -> AttributeProto {
    AttributeProto { name: name.into(), r#type: attr_type::INTS, ints: v.to_vec(), ..Default::default() }
}
fn attr_s(name: &str, s: &str) -> AttributeProto {
    AttributeProto { name: name.into(), r#type: attr_type::STRING, s: s.as_bytes().to_vec(), ..Default::default() }
}
/// What a variable is while exporting: a tensor of the graph, or a value known at export time.
#[derive(Clone)]
enum Val {
    Name(String),
    Known(HostArray),
}

/// A tensor of the graph being built: its name and type.
#[derive(Clone)]
struct T {
    name: String,
    ty: Type,
}

struct Graph {
    nodes: Vec<NodeProto>,
    inits: Vec<TensorProto>,
    count: usize,
}

impl Graph {
    fn fresh(&mut self, what: &str) -> String {
        self.count += 1;
        format!("{what}_{}", self.count)
    }

    fn node(&mut self, op: &str, ins: &[&str], n_out: usize, attrs: Vec<AttributeProto>) -> Vec<String> {
        let outs: Vec<String> = (0..n_out).map(|_| self.fresh(&op.to_lowercase())).collect();
        let name = self.fresh(op);
        self.nodes.push(NodeProto { input: ins.iter().map(|s| s.to_string()).collect(), output: outs.clone(), name, op_type: op.into(), attribute: attrs });
        outs
    }

    /// One operator with one output of type `ty`.
    fn op(&mut self, op: &str, ins: &[&T], ty: Type, attrs: Vec<AttributeProto>) -> T {
        let names: Vec<&str> = ins.iter().map(|t| t.name.as_str()).collect();
        let name = self.node(op, &names, 1, attrs).remove(0);
        T { name, ty }
    }

    fn init(&mut self, h: &HostArray) -> T {
        let name = self.fresh("const");
        self.inits.push(tensor(&name, h));
        T { name, ty: Type::new(&h.shape, h.dtype()) }
    }

    fn ints(&mut self, v: &[i64]) -> T {
        self.init(&HostArray::from_i64(&[v.len()], v.to_vec()))
    }

    fn scalar(&mut self, s: Scalar) -> T {
        self.init(&HostArray::scalar(s))
    }

    /// A 0-d constant `v` of dtype `dt`.
    fn num(&mut self, v: f64, dt: DType) -> T {
        self.scalar(Scalar::F64(v).cast(dt))
    }

    fn bool_ty(t: &Type) -> Type {
        Type::new(&t.shape, DType::Bool)
    }

    fn bin(&mut self, op: &str, a: &T, b: &T) -> T {
        let ty = a.ty.clone();
        self.op(op, &[a, b], ty, vec![])
    }

    fn cmp(&mut self, op: &str, a: &T, b: &T) -> T {
        let ty = Self::bool_ty(&a.ty);
        self.op(op, &[a, b], ty, vec![])
    }

    fn where_(&mut self, c: &T, a: &T, b: &T) -> T {
        let ty = a.ty.clone();
        self.op("Where", &[c, a, b], ty, vec![])
    }

    fn cast(&mut self, x: &T, to: DType) -> T {
        if x.ty.dtype == to {
            return x.clone();
        }
        let ty = Type::new(&x.ty.shape, to);
        self.op("Cast", &[x], ty, vec![attr_i("to", onnx_type(to) as i64)])
    }

    fn reshape(&mut self, x: &T, shape: &[usize]) -> T {
        if x.ty.shape == shape {
            return x.clone();
        }
        let s = self.ints(&shape.iter().map(|&d| d as i64).collect::<Vec<_>>());
        self.op("Reshape", &[x, &s], Type::new(shape, x.ty.dtype), vec![])
    }

    fn transpose(&mut self, x: &T, perm: &[usize]) -> T {
        if perm.iter().enumerate().all(|(i, &p)| i == p) {
            return x.clone();
        }
        let shape: Vec<usize> = perm.iter().map(|&p| x.ty.shape[p]).collect();
        let p: Vec<i64> = perm.iter().map(|&p| p as i64).collect();
        self.op("Transpose", &[x], Type::new(&shape, x.ty.dtype), vec![attr_ints("perm", &p)])
    }

    fn expand(&mut self, x: &T, shape: &[usize]) -> T {
        if x.ty.shape == shape {
            return x.clone();
        }
        let s = self.ints(&shape.iter().map(|&d| d as i64).collect::<Vec<_>>());
        self.op("Expand", &[x, &s], Type::new(shape, x.ty.dtype), vec![])
    }

    /// `x` sliced along `axes` (ONNX `Slice`; `ends` may be `i64::MIN` with negative steps).
    fn slice(&mut self, x: &T, starts: &[i64], ends: &[i64], axes: &[usize], steps: &[i64], shape: &[usize]) -> T {
        let (s, e) = (self.ints(starts), self.ints(ends));
        let a = self.ints(&axes.iter().map(|&a| a as i64).collect::<Vec<_>>());
        let st = self.ints(steps);
        self.op("Slice", &[x, &s, &e, &a, &st], Type::new(shape, x.ty.dtype), vec![])
    }

    /// A tensor of type `ty` filled with `v`.
    fn full(&mut self, v: f64, ty: &Type) -> T {
        let c = self.num(v, ty.dtype);
        self.expand(&c, &ty.shape)
    }

    /// Floats: NaN where either operand is NaN, else `r`.
    fn nan_propagate(&mut self, a: &T, b: &T, r: T) -> T {
        if !a.ty.dtype.is_float() {
            return r;
        }
        let (na, nb) = (self.op("IsNaN", &[a], Self::bool_ty(&a.ty), vec![]), self.op("IsNaN", &[b], Self::bool_ty(&b.ty), vec![]));
        let r = self.where_(&nb, b, &r);
        self.where_(&na, a, &r)
    }
}

/// An error naming what cannot be exported.
fn unsupported(p: &Prim, why: &str) -> String {
    format!("the primitive `{}` cannot be exported to ONNX: {why}", p.name())
}

struct Exporter<'a> {
    g: &'a mut Graph,
}

impl Exporter<'_> {
    /// The tensor of `v`, writing a known value as an initializer.
    fn get(&mut self, env: &mut HashMap<Var, Val>, f: &Func, v: Var) -> Result<T, String> {
        match env.get(&v) {
            Some(Val::Name(n)) => Ok(T { name: n.clone(), ty: f.ty(v).clone() }),
            Some(Val::Known(h)) => {
                let h = h.clone();
                let t = self.g.init(&h);
                env.insert(v, Val::Name(t.name.clone()));
                Ok(t)
            }
            None => Err(format!("internal error: variable {} used before it is defined", v.0)),
        }
    }

    /// Emit `f`'s equations with its parameters bound to `params`; the tensors of its outputs.
    fn func(&mut self, f: &Func, params: Vec<Val>) -> Result<Vec<Val>, String> {
        let mut env: HashMap<Var, Val> = f.params.iter().copied().zip(params).collect();
        for e in &f.eqns {
            // Fold what depends on no input.
            let known: Option<Vec<HostArray>> = e.ins.iter().map(|v| if let Some(Val::Known(h)) = env.get(v) { Some(h.clone()) } else { None }).collect();
            let foldable = !matches!(e.prim, Prim::DebugPrint { .. } | Prim::HostCall { .. } | Prim::CustomVjp { .. } | Prim::CustomJvp { .. } | Prim::CustomLinear { .. });
            // An empty result depends on nothing (onnxruntime's Expand also makes a size-0
            // dimension 1): a known empty tensor.
            if foldable && !e.outs.is_empty() && e.outs.iter().all(|&o| numel(&f.ty(o).shape) == 0) {
                for &o in &e.outs {
                    let t = f.ty(o);
                    env.insert(o, Val::Known(HostArray::zeros(&t.shape, t.dtype)));
                }
                continue;
            }
            let small = e.outs.iter().all(|&o| numel(&f.ty(o).shape) <= FOLD_MAX) || matches!(e.prim, Prim::Threefry2x32);
            if let (Some(ins), true, true) = (known, foldable, small) {
                let mut b = crate::ir::Builder::new();
                let ps: Vec<Var> = ins.iter().map(|h| b.param(Type::new(&h.shape, h.dtype()))).collect();
                let outs = b.bind(e.prim.clone(), &ps)?;
                let sub = b.finish(outs);
                let vals = crate::eval::eval_func(&sub, &ins)?;
                for (&o, h) in e.outs.iter().zip(vals) {
                    env.insert(o, Val::Known(h));
                }
                continue;
            }
            let outs = match &e.prim {
                Prim::CustomVjp { primal, .. } | Prim::CustomJvp { primal, .. } => {
                    let ins = e.ins.iter().map(|v| env.get(v).cloned().ok_or("internal error: undefined operand")).collect::<Result<Vec<_>, _>>()?;
                    self.func(primal, ins)?
                }
                Prim::DebugPrint { .. } => vec![],
                _ => {
                    let ins = e.ins.iter().map(|&v| self.get(&mut env, f, v)).collect::<Result<Vec<_>, _>>()?;
                    let out_tys: Vec<Type> = e.outs.iter().map(|&o| f.ty(o).clone()).collect();
                    self.prim(&e.prim, &ins, &out_tys)?.into_iter().map(|t| Val::Name(t.name)).collect()
                }
            };
            for (&o, v) in e.outs.iter().zip(outs) {
                env.insert(o, v);
            }
        }
        f.outs.iter().map(|o| env.get(o).cloned().ok_or_else(|| "internal error: an output is not defined".to_string())).collect()
    }

    /// The operators of one primitive.
    fn prim(&mut self, p: &Prim, x: &[T], outs: &[Type]) -> Result<Vec<T>, String> {
        let g = &mut *self.g;
        let ot = outs.first().cloned().unwrap_or_else(|| Type::new(&[], DType::F32));
        let dt = x.first().map(|t| t.ty.dtype).unwrap_or(ot.dtype);
        let un = |g: &mut Graph, op: &str| g.op(op, &[&x[0]], ot.clone(), vec![]);
        let r = match p {
            Prim::Neg => {
                if dt == DType::Bool {
                    return Err(unsupported(p, "negation of bool"));
                }
                un(g, "Neg")
            }
            Prim::Not => un(g, if dt == DType::Bool { "Not" } else { "BitwiseNot" }),
            Prim::Abs => un(g, "Abs"),
            Prim::Sign => un(g, "Sign"),
            Prim::Floor => un(g, "Floor"),
            Prim::Ceil => un(g, "Ceil"),
            Prim::Round => un(g, "Round"),
            Prim::Exp => un(g, "Exp"),
            Prim::Log => un(g, "Log"),
            Prim::Sqrt => un(g, "Sqrt"),
            Prim::Sin => un(g, "Sin"),
            Prim::Cos => un(g, "Cos"),
            Prim::Tan => un(g, "Tan"),
            Prim::Asin => un(g, "Asin"),
            Prim::Acos => un(g, "Acos"),
            Prim::Atan => un(g, "Atan"),
            Prim::Sinh => un(g, "Sinh"),
            Prim::Cosh => un(g, "Cosh"),
            Prim::Tanh => un(g, "Tanh"),
            Prim::Log1p => {
                // Kahan's log1p: log(u) * x / (u - 1) with u = 1 + x, exact where u rounds to 1.
                let one = g.num(1.0, dt);
                let u = g.bin("Add", &x[0], &one);
                let d = g.bin("Sub", &u, &one);
                let zero = g.num(0.0, dt);
                let is0 = g.cmp("Equal", &d, &zero);
                let l = g.op("Log", &[&u], ot.clone(), vec![]);
                let q = g.bin("Div", &x[0], &d);
                let r = g.bin("Mul", &l, &q);
                let r = g.where_(&is0, &x[0], &r);
                let inf = g.num(f64::INFINITY, dt);
                let isinf = g.cmp("Equal", &x[0], &inf);
                g.where_(&isinf, &x[0], &r)
            }
            Prim::Expm1 => {
                // Kahan's expm1: (u - 1) * x / log(u) with u = exp(x), exact where u rounds to 1.
                let u = g.op("Exp", &[&x[0]], ot.clone(), vec![]);
                let one = g.num(1.0, dt);
                let d = g.bin("Sub", &u, &one);
                let l = g.op("Log", &[&u], ot.clone(), vec![]);
                let q = g.bin("Div", &x[0], &l);
                let r = g.bin("Mul", &d, &q);
                let is1 = g.cmp("Equal", &u, &one);
                let r = g.where_(&is1, &x[0], &r);
                let m1 = g.num(-1.0, dt);
                let ism1 = g.cmp("Equal", &d, &m1);
                let mm1 = g.expand(&m1, &ot.shape);
                let r = g.where_(&ism1, &mm1, &r);
                let inf = g.num(f64::INFINITY, dt);
                let isinf = g.cmp("Equal", &x[0], &inf);
                g.where_(&isinf, &x[0], &r)
            }
            Prim::IntegerPow { y } => {
                let mut n = y.unsigned_abs();
                let mut acc: Option<T> = None;
                let mut base = x[0].clone();
                while n > 0 {
                    if n & 1 == 1 {
                        acc = Some(match acc {
                            None => base.clone(),
                            Some(a) => g.bin("Mul", &a, &base),
                        });
                    }
                    n >>= 1;
                    if n > 0 {
                        base = g.bin("Mul", &base, &base);
                    }
                }
                let r = match acc {
                    Some(a) => a,
                    None => g.full(1.0, &ot),
                };
                if *y < 0 {
                    let one = g.num(1.0, dt);
                    g.bin("Div", &one, &r)
                } else {
                    r
                }
            }
            Prim::Add => g.bin(if dt == DType::Bool { "Or" } else { "Add" }, &x[0], &x[1]),
            Prim::Sub => g.bin("Sub", &x[0], &x[1]),
            Prim::Mul => g.bin(if dt == DType::Bool { "And" } else { "Mul" }, &x[0], &x[1]),
            Prim::Div if dt.is_float() => g.bin("Div", &x[0], &x[1]),
            Prim::Div => {
                // numpy's floor division, x // 0 == 0: a truncating Div on a divisor without
                // zeros, one less where the remainder is nonzero and the signs differ.
                let zero = g.num(0.0, dt);
                let one = g.num(1.0, dt);
                let bz = g.cmp("Equal", &x[1], &zero);
                let ones = g.expand(&one, &ot.shape);
                let b = g.where_(&bz, &ones, &x[1]);
                let q = g.bin("Div", &x[0], &b);
                let qb = g.bin("Mul", &q, &b);
                let exact = g.cmp("Equal", &qb, &x[0]);
                let an = g.cmp("Less", &x[0], &zero);
                let bn = g.cmp("Less", &b, &zero);
                let differ = g.cmp("Xor", &an, &bn);
                let inexact = g.op("Not", &[&exact], Graph::bool_ty(&ot), vec![]);
                let fix = g.cmp("And", &differ, &inexact);
                let q1 = g.bin("Sub", &q, &one);
                let q = g.where_(&fix, &q1, &q);
                let zeros = g.expand(&zero, &ot.shape);
                g.where_(&bz, &zeros, &q)
            }
            Prim::Rem if dt.is_float() => {
                // numpy's %: fmod, moved into the divisor's sign when nonzero.
                let r = g.op("Mod", &[&x[0], &x[1]], ot.clone(), vec![attr_i("fmod", 1)]);
                let zero = g.num(0.0, dt);
                let rz = g.cmp("Equal", &r, &zero);
                let rn = g.cmp("Less", &r, &zero);
                let bn = g.cmp("Less", &x[1], &zero);
                let differ = g.cmp("Xor", &rn, &bn);
                let nz = g.op("Not", &[&rz], Graph::bool_ty(&ot), vec![]);
                let fix = g.cmp("And", &differ, &nz);
                let rb = g.bin("Add", &r, &x[1]);
                g.where_(&fix, &rb, &r)
            }
            Prim::Rem => {
                // Python's % on ints (ONNX Mod with fmod=0), x % 0 == 0.
                let zero = g.num(0.0, dt);
                let one = g.num(1.0, dt);
                let bz = g.cmp("Equal", &x[1], &zero);
                let ones = g.expand(&one, &ot.shape);
                let b = g.where_(&bz, &ones, &x[1]);
                let r = g.op("Mod", &[&x[0], &b], ot.clone(), vec![attr_i("fmod", 0)]);
                let zeros = g.expand(&zero, &ot.shape);
                g.where_(&bz, &zeros, &r)
            }
            Prim::Pow => g.bin("Pow", &x[0], &x[1]),
            Prim::Max | Prim::Min => {
                let max = matches!(p, Prim::Max);
                if dt == DType::Bool {
                    g.bin(if max { "Or" } else { "And" }, &x[0], &x[1])
                } else {
                    let r = g.bin(if max { "Max" } else { "Min" }, &x[0], &x[1]);
                    g.nan_propagate(&x[0], &x[1], r)
                }
            }
            Prim::Atan2 => {
                // atan(y / x), moved by ±π where x < 0; 0 at the origin.
                let (y, xx) = (&x[0], &x[1]);
                let q = g.bin("Div", y, xx);
                let a = g.op("Atan", &[&q], ot.clone(), vec![]);
                let zero = g.num(0.0, dt);
                let pi = g.num(std::f64::consts::PI, dt);
                let ap = g.bin("Add", &a, &pi);
                let am = g.bin("Sub", &a, &pi);
                let yneg = g.cmp("Less", y, &zero);
                let shifted = g.where_(&yneg, &am, &ap);
                let xneg = g.cmp("Less", xx, &zero);
                let r = g.where_(&xneg, &shifted, &a);
                let x0 = g.cmp("Equal", xx, &zero);
                let y0 = g.cmp("Equal", y, &zero);
                let origin = g.cmp("And", &x0, &y0);
                let zeros = g.expand(&zero, &ot.shape);
                g.where_(&origin, &zeros, &r)
            }
            Prim::Eq => g.cmp("Equal", &x[0], &x[1]),
            Prim::Ne => {
                let e = g.cmp("Equal", &x[0], &x[1]);
                g.op("Not", &[&e], ot.clone(), vec![])
            }
            Prim::Lt | Prim::Le | Prim::Gt | Prim::Ge => {
                let op = match p {
                    Prim::Lt => "Less",
                    Prim::Le => "LessOrEqual",
                    Prim::Gt => "Greater",
                    _ => "GreaterOrEqual",
                };
                let (a, b) = if dt == DType::Bool { (g.cast(&x[0], DType::I32), g.cast(&x[1], DType::I32)) } else { (x[0].clone(), x[1].clone()) };
                g.cmp(op, &a, &b)
            }
            Prim::And | Prim::Or | Prim::Xor => {
                let name = match p {
                    Prim::And => "And",
                    Prim::Or => "Or",
                    _ => "Xor",
                };
                if dt == DType::Bool {
                    g.bin(name, &x[0], &x[1])
                } else {
                    g.bin(&format!("Bitwise{name}"), &x[0], &x[1])
                }
            }
            Prim::Select if x[1].ty.dtype == DType::Bool => {
                // onnxruntime has no bool `Where`: (p and a) or (not p and b).
                let a = g.cmp("And", &x[0], &x[1]);
                let np_ = g.op("Not", &[&x[0]], ot.clone(), vec![]);
                let b = g.cmp("And", &np_, &x[2]);
                g.cmp("Or", &a, &b)
            }
            Prim::Select => g.where_(&x[0], &x[1], &x[2]),
            Prim::Cast { dtype } => g.cast(&x[0], *dtype),
            Prim::ReduceSum { axes } | Prim::ReduceProd { axes } | Prim::ReduceMax { axes } | Prim::ReduceMin { axes } => {
                if axes.is_empty() {
                    g.op("Identity", &[&x[0]], ot.clone(), vec![])
                } else {
                    let op = match p {
                        Prim::ReduceSum { .. } => "ReduceSum",
                        Prim::ReduceProd { .. } => "ReduceProd",
                        Prim::ReduceMax { .. } => "ReduceMax",
                        _ => "ReduceMin",
                    };
                    // Slope's float sums are accurate at any length (pairwise / blocked);
                    // onnxruntime's float32 ReduceSum adds in order (1e6 float32 0.1s: 99910.3),
                    // so a float32 sum is exported as a float64 sum cast back.
                    let xin = if dt == DType::Bool {
                        g.cast(&x[0], DType::I32)
                    } else if op == "ReduceSum" && x[0].ty.dtype == DType::F32 {
                        g.cast(&x[0], DType::F64)
                    } else {
                        x[0].clone()
                    };
                    let a = g.ints(&axes.iter().map(|&a| a as i64).collect::<Vec<_>>());
                    let r = g.op(op, &[&xin, &a], Type::new(&ot.shape, xin.ty.dtype), vec![attr_i("keepdims", 0)]);
                    g.cast(&r, ot.dtype)
                }
            }
            Prim::Argmax { axis, index_dtype } | Prim::Argmin { axis, index_dtype } => {
                let op = if matches!(p, Prim::Argmax { .. }) { "ArgMax" } else { "ArgMin" };
                let xin = if dt == DType::Bool { g.cast(&x[0], DType::I32) } else { x[0].clone() };
                let r = g.op(op, &[&xin], Type::new(&ot.shape, DType::I64), vec![attr_i("axis", *axis as i64), attr_i("keepdims", 0)]);
                g.cast(&r, *index_dtype)
            }
            Prim::Cumsum { axis, reverse } => {
                let a = g.num(*axis as f64, DType::I64);
                g.op("CumSum", &[&x[0], &a], ot.clone(), vec![attr_i("reverse", *reverse as i64)])
            }
            Prim::Cumprod { .. } => return Err(unsupported(p, "ONNX has no running product")),
            Prim::Reshape { shape } => g.reshape(&x[0], shape),
            Prim::BroadcastInDim { shape, dims } => {
                let mut mid = vec![1usize; shape.len()];
                for (k, &d) in dims.iter().enumerate() {
                    mid[d] = x[0].ty.shape[k];
                }
                let r = g.reshape(&x[0], &mid);
                g.expand(&r, shape)
            }
            Prim::Transpose { perm } => g.transpose(&x[0], perm),
            Prim::Slice { start, limit, stride } => {
                let axes: Vec<usize> = (0..start.len()).filter(|&i| start[i] != 0 || limit[i] != x[0].ty.shape[i] || stride[i] != 1).collect();
                if axes.is_empty() {
                    g.op("Identity", &[&x[0]], ot.clone(), vec![])
                } else {
                    let s: Vec<i64> = axes.iter().map(|&i| start[i] as i64).collect();
                    let e: Vec<i64> = axes.iter().map(|&i| limit[i] as i64).collect();
                    let st: Vec<i64> = axes.iter().map(|&i| stride[i] as i64).collect();
                    g.slice(&x[0], &s, &e, &axes, &st, &ot.shape)
                }
            }
            Prim::Rev { axes } => {
                let axes: Vec<usize> = axes.iter().copied().filter(|&a| x[0].ty.shape[a] > 1).collect();
                if axes.is_empty() {
                    g.op("Identity", &[&x[0]], ot.clone(), vec![])
                } else {
                    let n = axes.len();
                    g.slice(&x[0], &vec![-1; n], &vec![i64::MIN; n], &axes, &vec![-1; n], &ot.shape)
                }
            }
            Prim::Pad { lo, hi, interior } => {
                let mut cur = x[0].clone();
                let v = &x[1];
                for (a, &k) in interior.iter().enumerate() {
                    let n = cur.ty.shape[a];
                    if k == 0 || n < 2 {
                        continue;
                    }
                    // [.., n, ..] -> [.., n, 1, ..] -> padded to [.., n, 1 + k, ..] -> [.., n (1 + k), ..],
                    // then the k after the last element dropped.
                    let mut s1 = cur.ty.shape.clone();
                    s1.insert(a + 1, 1);
                    let u = g.reshape(&cur, &s1);
                    let mut pads = vec![0i64; 2 * s1.len()];
                    pads[s1.len() + a + 1] = k as i64;
                    let pt = g.ints(&pads);
                    let mut s2 = s1.clone();
                    s2[a + 1] = 1 + k;
                    let padded = g.op("Pad", &[&u, &pt, v], Type::new(&s2, dt), vec![attr_s("mode", "constant")]);
                    let mut s3 = cur.ty.shape.clone();
                    s3[a] = n * (1 + k);
                    let flat = g.reshape(&padded, &s3);
                    let mut s4 = s3.clone();
                    s4[a] = n * (1 + k) - k;
                    cur = g.slice(&flat, &[0], &[s4[a] as i64], &[a], &[1], &s4);
                }
                if lo.iter().chain(hi).all(|&p| p == 0) {
                    g.op("Identity", &[&cur], ot.clone(), vec![])
                } else {
                    let pads: Vec<i64> = lo.iter().chain(hi).map(|&p| p as i64).collect();
                    let pt = g.ints(&pads);
                    g.op("Pad", &[&cur, &pt, v], ot.clone(), vec![attr_s("mode", "constant")])
                }
            }
            Prim::Concat { axis } => {
                let refs: Vec<&T> = x.iter().collect();
                g.op("Concat", &refs, ot.clone(), vec![attr_i("axis", *axis as i64)])
            }
            Prim::Gather { axis } => {
                let n = x[0].ty.shape[*axis];
                if n == 0 {
                    return Err(unsupported(p, "a gather from an empty axis"));
                }
                let idx = clamp_index(g, &x[1], n);
                g.op("Gather", &[&x[0], &idx], ot.clone(), vec![attr_i("axis", *axis as i64)])
            }
            Prim::Scatter { axis, mode } => scatter(g, &x[0], &x[1], &x[2], *axis, *mode, &ot)?,
            Prim::Sort { axis } | Prim::Argsort { axis, .. } => {
                let n = x[0].ty.shape[*axis];
                let xin = if dt == DType::Bool { g.cast(&x[0], DType::I32) } else { x[0].clone() };
                let k = g.ints(&[n as i64]);
                let names = g.node("TopK", &[&xin.name, &k.name], 2, vec![attr_i("axis", *axis as i64), attr_i("largest", 0), attr_i("sorted", 1)]);
                if let Prim::Argsort { index_dtype, .. } = p {
                    let i = T { name: names[1].clone(), ty: Type::new(&ot.shape, DType::I64) };
                    g.cast(&i, *index_dtype)
                } else {
                    let v = T { name: names[0].clone(), ty: Type::new(&ot.shape, xin.ty.dtype) };
                    g.cast(&v, dt)
                }
            }
            Prim::DotGeneral { lhs_contract, rhs_contract, lhs_batch, rhs_batch } => {
                let free = |n: usize, c: &[usize], b: &[usize]| -> Vec<usize> { (0..n).filter(|d| !c.contains(d) && !b.contains(d)).collect() };
                let (l, r) = (&x[0], &x[1]);
                let (lf, rf) = (free(l.ty.shape.len(), lhs_contract, lhs_batch), free(r.ty.shape.len(), rhs_contract, rhs_batch));
                let size = |t: &T, ds: &[usize]| -> usize { ds.iter().map(|&d| t.ty.shape[d]).product() };
                let (b, m, k, n) = (size(l, lhs_batch), size(l, &lf), size(l, lhs_contract), size(r, &rf));
                let lp: Vec<usize> = lhs_batch.iter().chain(&lf).chain(lhs_contract).copied().collect();
                let rp: Vec<usize> = rhs_batch.iter().chain(rhs_contract).chain(&rf).copied().collect();
                let lt = g.transpose(l, &lp);
                let rt = g.transpose(r, &rp);
                let l3 = g.reshape(&lt, &[b, m, k]);
                let r3 = g.reshape(&rt, &[b, k, n]);
                let (l3, r3) = if dt == DType::Bool { (g.cast(&l3, DType::I32), g.cast(&r3, DType::I32)) } else { (l3, r3) };
                let prod = g.op("MatMul", &[&l3, &r3], Type::new(&[b, m, n], l3.ty.dtype), vec![]);
                let prod = g.cast(&prod, dt);
                g.reshape(&prod, &ot.shape)
            }
            Prim::Iota { .. } | Prim::Literal(_) => {
                // Sources are folded before they get here, unless too large: write them out.
                let mut bld = crate::ir::Builder::new();
                let o = bld.bind1(p.clone(), &[])?;
                let f = bld.finish(vec![o]);
                let h = crate::eval::eval_func(&f, &[])?.remove(0);
                g.init(&h)
            }
            Prim::Threefry2x32 => return Err(unsupported(p, "random bits are exported only for keys fixed at export time; pass random numbers as an input instead")),
            Prim::Cond { .. } | Prim::While { .. } | Prim::Scan { .. } => {
                return Err(unsupported(p, "loops and conditionals are not exported yet (ONNX's If, Loop and Scan would hold them)"))
            }
            Prim::StopGradient => g.op("Identity", &[&x[0]], ot.clone(), vec![]),
            Prim::CustomLinear { .. } => return Err(unsupported(p, "a linearised custom_vjp; export the function before linearize/vjp, or its grad")),
            Prim::HostCall { .. } => return Err(unsupported(p, "a host callback runs Python (or Rust) in this session, which an ONNX runtime cannot call; compute the callback's part outside the exported function and pass it as an input")),
            Prim::DebugPrint { .. } | Prim::CustomVjp { .. } | Prim::CustomJvp { .. } => return Err("internal error: handled by the caller".into()),
        };
        Ok(vec![r])
    }
}

/// Slope's gather index: negative counts from the end, then clamped into `0..n`.
fn clamp_index(g: &mut Graph, idx: &T, n: usize) -> T {
    let dt = idx.ty.dtype;
    let zero = g.num(0.0, dt);
    let nn = g.num(n as f64, dt);
    let neg = g.cmp("Less", idx, &zero);
    let wrapped = g.bin("Add", idx, &nn);
    let i = g.where_(&neg, &wrapped, idx);
    let hi = g.num(n as f64 - 1.0, dt);
    let i = g.bin("Min", &i, &hi);
    let i = g.bin("Max", &i, &zero);
    g.cast(&i, DType::I64)
}

/// `Scatter` as `ScatterND` on the operand with `axis` moved first and one spare row at the end,
/// which receives the updates whose index is out of range (Slope drops them) and is cut off.
fn scatter(g: &mut Graph, x: &T, idx: &T, upd: &T, axis: usize, mode: ScatterMode, ot: &Type) -> Result<T, String> {
    let r = x.ty.shape.len();
    let n = x.ty.shape[axis];
    let perm: Vec<usize> = std::iter::once(axis).chain((0..r).filter(|&d| d != axis)).collect();
    let xt = g.transpose(x, &perm);
    let rest: Vec<usize> = perm[1..].iter().map(|&d| x.ty.shape[d]).collect();
    let mut spare_shape = vec![1usize];
    spare_shape.extend(&rest);
    let spare = g.full(0.0, &Type::new(&spare_shape, x.ty.dtype));
    let mut big = vec![n + 1];
    big.extend(&rest);
    let xb = g.op("Concat", &[&xt, &spare], Type::new(&big, x.ty.dtype), vec![attr_i("axis", 0)]);
    // Indices: negative from the end once, anything still outside 0..n to the spare row n.
    let m = numel(&idx.ty.shape);
    let flat = g.reshape(idx, &[m]);
    let i = g.cast(&flat, DType::I64);
    let zero = g.num(0.0, DType::I64);
    let nn = g.num(n as f64, DType::I64);
    let neg = g.cmp("Less", &i, &zero);
    let wrapped = g.bin("Add", &i, &nn);
    let i = g.where_(&neg, &wrapped, &i);
    let lo = g.cmp("Less", &i, &zero);
    let hi = g.cmp("GreaterOrEqual", &i, &nn);
    let out = g.cmp("Or", &lo, &hi);
    let spare_i = g.expand(&nn, &[m]);
    let i = g.where_(&out, &spare_i, &i);
    let i2 = g.reshape(&i, &[m, 1]);
    // Updates: x.shape[..axis] ++ idx.shape ++ x.shape[axis+1..] -> [m] ++ rest.
    let ir = idx.ty.shape.len();
    let ur = upd.ty.shape.len();
    let uperm: Vec<usize> = (axis..axis + ir).chain(0..axis).chain(axis + ir..ur).collect();
    let ut = g.transpose(upd, &uperm);
    let mut ushape = vec![m];
    ushape.extend(&rest);
    let u = g.reshape(&ut, &ushape);
    let reduction = match mode {
        ScatterMode::Set => "none",
        ScatterMode::Add => "add",
        ScatterMode::Mul => "mul",
        ScatterMode::Min => "min",
        ScatterMode::Max => "max",
    };
    let s = g.op("ScatterND", &[&xb, &i2, &u], Type::new(&big, x.ty.dtype), vec![attr_s("reduction", reduction)]);
    let mut cut = vec![n];
    cut.extend(&rest);
    let c = g.slice(&s, &[0], &[n as i64], &[0], &[1], &cut);
    let mut inv = vec![0usize; r];
    for (i, &p) in perm.iter().enumerate() {
        inv[p] = i;
    }
    let back = g.transpose(&c, &inv);
    Ok(T { name: back.name, ty: ot.clone() })
}

/// `func` as a serialized ONNX model. Its first `inputs.len()` parameters are the graph's inputs
/// (named `inputs`), the rest are bound to `consts` (written as initializers); the outputs are
/// named `outputs`.
pub fn model(func: &Func, inputs: &[String], consts: &[HostArray], outputs: &[String], name: &str) -> Result<Vec<u8>, String> {
    if inputs.len() + consts.len() != func.params.len() {
        return Err(format!("internal error: {} inputs and {} constants for {} parameters", inputs.len(), consts.len(), func.params.len()));
    }
    if outputs.len() != func.outs.len() {
        return Err(format!("internal error: {} output names for {} outputs", outputs.len(), func.outs.len()));
    }
    let mut g = Graph { nodes: Vec::new(), inits: Vec::new(), count: 0 };
    let mut params: Vec<Val> = inputs.iter().map(|n| Val::Name(n.clone())).collect();
    params.extend(consts.iter().map(|h| Val::Known(h.clone())));
    let outs = Exporter { g: &mut g }.func(func, params)?;
    let mut graph_out = Vec::new();
    for ((o, n), &v) in outs.into_iter().zip(outputs).zip(&func.outs) {
        let src = match o {
            Val::Name(s) => s,
            Val::Known(h) => g.init(&h).name,
        };
        g.nodes.push(NodeProto { input: vec![src], output: vec![n.clone()], name: format!("output_{n}"), op_type: "Identity".into(), attribute: vec![] });
        graph_out.push(value_info(n, func.ty(v)));
    }
    let graph_in = inputs.iter().zip(&func.params).map(|(n, &p)| value_info(n, func.ty(p))).collect();
    let m = proto::ModelProto {
        ir_version: 8,
        opset_import: vec![proto::OperatorSetIdProto { domain: String::new(), version: OPSET }],
        producer_name: "slope".into(),
        producer_version: env!("CARGO_PKG_VERSION").into(),
        doc_string: String::new(),
        graph: Some(proto::GraphProto { node: g.nodes, name: name.into(), initializer: g.inits, doc_string: String::new(), input: graph_in, output: graph_out }),
    };
    Ok(m.encode_to_vec())
}

/// A host array as a serialized `TensorProto` (ONNX's test-data files, `input_0.pb`).
pub fn tensor_bytes(name: &str, h: &HostArray) -> Vec<u8> {
    tensor(name, h).encode_to_vec()
}

thread_local! {
    static COLLECTED: std::cell::RefCell<(usize, std::collections::HashSet<String>)> = std::cell::RefCell::new((0, std::collections::HashSet::new()));
}

/// The most functions one process collects.
const COLLECT_MAX: usize = 40;

/// With `SLOPE_ONNX_COLLECT=dir`, export `func` with these inputs and outputs as
/// `dir/<pid>_<n>/{model.onnx, test_data_set_0/{input,output}_<i>.pb}` (one per distinct
/// function, at most `COLLECT_MAX` per process); functions that cannot be exported are listed
/// in `dir/<pid>_skipped.txt` with the reason. Errors here never reach the program.
pub fn collect(func: &Func, args: &[HostArray], outs: &[HostArray]) {
    static DIR: std::sync::OnceLock<Option<std::ffi::OsString>> = std::sync::OnceLock::new();
    let Some(dir) = DIR.get_or_init(|| std::env::var_os("SLOPE_ONNX_COLLECT")) else { return };
    if func.outs.is_empty() || args.iter().chain(outs).any(|h| h.is_empty()) {
        return;
    }
    let key = func.to_string();
    let n = COLLECTED.with(|c| {
        let mut c = c.borrow_mut();
        if c.0 >= COLLECT_MAX || !c.1.insert(key) {
            return None;
        }
        c.0 += 1;
        Some(c.0)
    });
    let Some(n) = n else { return };
    let dir = std::path::PathBuf::from(dir);
    let pid = std::process::id();
    let inputs: Vec<String> = (0..args.len()).map(|i| format!("input_{i}")).collect();
    let outputs: Vec<String> = (0..outs.len()).map(|i| format!("output_{i}")).collect();
    match model(func, &inputs, &[], &outputs, &format!("slope_{n}")) {
        Ok(bytes) => {
            let d = dir.join(format!("{pid}_{n}"));
            let data = d.join("test_data_set_0");
            if std::fs::create_dir_all(&data).is_err() {
                return;
            }
            let _ = std::fs::write(d.join("model.onnx"), bytes);
            let _ = std::fs::write(d.join("func.txt"), func.to_string());
            for (i, h) in args.iter().enumerate() {
                let _ = std::fs::write(data.join(format!("input_{i}.pb")), tensor_bytes(&inputs[i], h));
            }
            for (i, h) in outs.iter().enumerate() {
                let _ = std::fs::write(data.join(format!("output_{i}.pb")), tensor_bytes(&outputs[i], h));
            }
        }
        Err(m) => {
            use std::io::Write;
            if let Ok(mut f) = std::fs::OpenOptions::new().create(true).append(true).open(dir.join(format!("{pid}_skipped.txt"))) {
                let _ = writeln!(f, "{}", m.replace('\n', " "));
            }
        }
    }
}
