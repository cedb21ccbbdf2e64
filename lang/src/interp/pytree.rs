//! Pytrees, as JAX defines them: nested tuples, lists, dicts (flattened in sorted key order) and
//! None around leaves (arrays and numbers), plus instances of classes registered as nodes
//! (`jax.tree_util.register_pytree_node`, `register_pytree_node_class`, `register_dataclass`)
//! and NamedTuples, which are nodes by default. `flatten` gives the leaves and a `TreeDef`;
//! `unflatten` rebuilds the same structure around new leaves. Flattening a registered class
//! calls its flatten function, so both take the interpreter.

use super::object::Class;
use super::value::{Dict, Value};
use super::Interp;
use crate::diag::{Diagnostic, Result};
use std::rc::Rc;

/// How a registered class is flattened and rebuilt.
#[derive(Clone)]
pub enum NodeRule {
    /// `register_pytree_node(cls, flatten, unflatten)`: `flatten(x) -> (children, aux)`,
    /// `unflatten(aux, children) -> x`.
    Functions { flatten: Value, unflatten: Value },
    /// `register_pytree_node_class`: the methods `x.tree_flatten()` and
    /// `cls.tree_unflatten(aux, children)`.
    Methods,
    /// `register_dataclass(cls, data_fields, meta_fields)`: children are the data fields, the
    /// meta fields are static.
    Fields { data: Vec<Rc<str>>, meta: Vec<Rc<str>> },
}

/// A node made from an instance of a class: its class, rule, static data and children.
#[derive(Clone)]
pub struct ObjectNode {
    pub class: Rc<Class>,
    pub rule: Option<NodeRule>,
    /// The static (auxiliary) data, and its repr (what structures compare by).
    pub aux: Value,
    pub aux_key: String,
}

#[derive(Clone)]
pub enum TreeDef {
    Leaf,
    None,
    Tuple(Vec<TreeDef>),
    List(Vec<TreeDef>),
    /// Keys in sorted order (their repr, for comparing structures), with the key values.
    Dict(Vec<(String, TreeDef)>, Vec<Value>),
    /// An instance of a registered class or a NamedTuple (rule None).
    Object(Rc<ObjectNode>, Vec<TreeDef>),
}

impl PartialEq for TreeDef {
    fn eq(&self, other: &TreeDef) -> bool {
        match (self, other) {
            (TreeDef::Leaf, TreeDef::Leaf) | (TreeDef::None, TreeDef::None) => true,
            (TreeDef::Tuple(a), TreeDef::Tuple(b)) | (TreeDef::List(a), TreeDef::List(b)) => a == b,
            (TreeDef::Dict(a, _), TreeDef::Dict(b, _)) => a == b,
            (TreeDef::Object(n, a), TreeDef::Object(m, b)) => Rc::ptr_eq(&n.class, &m.class) && n.aux_key == m.aux_key && a == b,
            _ => false,
        }
    }
}

impl std::fmt::Debug for TreeDef {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(&self.describe())
    }
}

impl PartialEq for Value {
    fn eq(&self, other: &Value) -> bool {
        match (self.key(), other.key()) {
            (Ok(a), Ok(b)) => a == b,
            _ => false,
        }
    }
}

impl TreeDef {
    pub fn num_leaves(&self) -> usize {
        match self {
            TreeDef::Leaf => 1,
            TreeDef::None => 0,
            TreeDef::Tuple(c) | TreeDef::List(c) | TreeDef::Object(_, c) => c.iter().map(|t| t.num_leaves()).sum(),
            TreeDef::Dict(c, _) => c.iter().map(|(_, t)| t.num_leaves()).sum(),
        }
    }
    /// How many nodes the tree has, leaves and None included (as JAX counts them).
    pub fn num_nodes(&self) -> usize {
        1 + self.children().iter().map(|c| c.num_nodes()).sum::<usize>()
    }
    /// JAX's text form: `PyTreeDef((*, {'a': *}))`.
    pub fn describe(&self) -> String {
        match self {
            TreeDef::Leaf => "*".into(),
            TreeDef::None => "None".into(),
            TreeDef::Tuple(c) => {
                let parts: Vec<String> = c.iter().map(|t| t.describe()).collect();
                if parts.len() == 1 { format!("({},)", parts[0]) } else { format!("({})", parts.join(", ")) }
            }
            TreeDef::List(c) => format!("[{}]", c.iter().map(|t| t.describe()).collect::<Vec<_>>().join(", ")),
            TreeDef::Dict(c, _) => format!("{{{}}}", c.iter().map(|(k, t)| format!("{k}: {}", t.describe())).collect::<Vec<_>>().join(", ")),
            TreeDef::Object(n, c) => {
                let kids = c.iter().map(|t| t.describe()).collect::<Vec<_>>().join(", ");
                match n.rule {
                    None => format!("CustomNode(namedtuple[{}], [{kids}])", n.class.name),
                    Some(_) => format!("CustomNode({}[{}], [{kids}])", n.class.name, n.aux_key),
                }
            }
        }
    }
    /// The children of a container node.
    pub fn children(&self) -> Vec<TreeDef> {
        match self {
            TreeDef::Leaf | TreeDef::None => vec![],
            TreeDef::Tuple(c) | TreeDef::List(c) | TreeDef::Object(_, c) => c.clone(),
            TreeDef::Dict(c, _) => c.iter().map(|(_, t)| t.clone()).collect(),
        }
    }
}

/// Whether an object is a NamedTuple instance (a tuple subclass with `_fields`).
fn is_namedtuple(o: &Rc<super::object::Instance>) -> bool {
    matches!(&*o.base.borrow(), Some(Value::Tuple(_))) && o.class.lookup("_fields").is_some()
}

/// The leaves of `v`, in order, and its structure.
pub fn flatten(it: &mut Interp, v: &Value, leaves: &mut Vec<Value>) -> Result<TreeDef> {
    flatten_with(it, v, leaves, None)
}

/// `flatten` where `is_leaf(x)` (if given) stops the descent at the subtrees it is true of,
/// which become leaves (JAX's `is_leaf=`).
pub fn flatten_with(it: &mut Interp, v: &Value, leaves: &mut Vec<Value>, is_leaf: Option<&Value>) -> Result<TreeDef> {
    // A tree nested deeper than Python's recursion limit is a RecursionError (a stack overflow
    // otherwise); the levels count as frames.
    if it.depth >= super::MAX_DEPTH {
        return Err(Diagnostic::new("RecursionError", "maximum recursion depth exceeded while flattening a pytree").with_help("a pytree this deep is likely a list that contains itself, or a loop that wraps a value again and again"));
    }
    it.depth += 1;
    let r = flatten_level(it, v, leaves, is_leaf);
    it.depth -= 1;
    r
}

fn flatten_level(it: &mut Interp, v: &Value, leaves: &mut Vec<Value>, is_leaf: Option<&Value>) -> Result<TreeDef> {
    if let Some(f) = is_leaf {
        let r = it.call(f, vec![v.clone()], vec![])?;
        if it.truthy(&r)? {
            leaves.push(v.clone());
            return Ok(TreeDef::Leaf);
        }
    }
    Ok(match v {
        Value::None => TreeDef::None,
        Value::Tuple(t) => TreeDef::Tuple(t.iter().map(|x| flatten_with(it, x, leaves, is_leaf)).collect::<Result<_>>()?),
        Value::List(l) => {
            let items = l.borrow().clone();
            TreeDef::List(items.iter().map(|x| flatten_with(it, x, leaves, is_leaf)).collect::<Result<_>>()?)
        }
        Value::Dict(d) => {
            let mut entries = d.borrow().entries.clone();
            let mut keyed = Vec::new();
            for (k, v) in entries.drain(..) {
                keyed.push((sort_key(&k)?, k, v));
            }
            // JAX sorts a dict's keys with Python's `<`: numbers and strings do not compare.
            if keyed.iter().any(|k| k.0 .0 .0 != keyed[0].0 .0 .0) {
                return Err(Diagnostic::new("ValueError", "Comparator raised exception while sorting pytree dictionary keys.")
                    .with_help("a dict in a pytree needs keys of one kind (all strings or all numbers)"));
            }
            keyed.sort_by(|a, b| a.0.cmp(&b.0));
            let mut children = Vec::new();
            let mut keys = Vec::new();
            for (sk, k, v) in keyed {
                children.push((sk.1, flatten_with(it, &v, leaves, is_leaf)?));
                keys.push(k);
            }
            TreeDef::Dict(children, keys)
        }
        Value::Object(o) => {
            let Some((children, rule, aux)) = node_children(it, o, v)? else {
                leaves.push(v.clone());
                return Ok(TreeDef::Leaf);
            };
            let aux_key = it.repr(&aux)?;
            let node = Rc::new(ObjectNode { class: o.class.clone(), rule, aux, aux_key });
            let kids = children.iter().map(|x| flatten_with(it, x, leaves, is_leaf)).collect::<Result<Vec<_>>>()?;
            TreeDef::Object(node, kids)
        }
        other => {
            leaves.push(other.clone());
            TreeDef::Leaf
        }
    })
}

/// The children, rule and aux data of an object that is a pytree node (None: a leaf).
fn node_children(it: &mut Interp, o: &Rc<super::object::Instance>, v: &Value) -> Result<Option<(Vec<Value>, Option<NodeRule>, Value)>> {
    {
        {
            let rule = it.pytree_rules.iter().find(|(c, _)| Rc::ptr_eq(c, &o.class)).map(|(_, r)| r.clone());
            let (children, aux): (Vec<Value>, Value) = match &rule {
                Some(NodeRule::Functions { flatten: f, .. }) => {
                    let r = it.call(f, vec![v.clone()], vec![])?;
                    split_pair(it, &r, &o.class.name)?
                }
                Some(NodeRule::Methods) => {
                    let f = it.getattr(v, "tree_flatten")?;
                    let r = it.call(&f, vec![], vec![])?;
                    split_pair(it, &r, &o.class.name)?
                }
                Some(NodeRule::Fields { data, meta }) => {
                    let mut kids = Vec::new();
                    for f in data {
                        kids.push(it.getattr(v, f)?);
                    }
                    let mut m = Vec::new();
                    for f in meta {
                        m.push(it.getattr(v, f)?);
                    }
                    (kids, Value::tuple(m))
                }
                None if is_namedtuple(o) => {
                    let items = match &*o.base.borrow() {
                        Some(Value::Tuple(t)) => t.as_ref().clone(),
                        _ => vec![],
                    };
                    (items, Value::None)
                }
                None => return Ok(None),
            };
            Ok(Some((children, rule, aux)))
        }
    }
}

/// The subtrees of `v` at the leaves of `t` (`t` a prefix of `v`'s structure), in order: JAX's
/// `treedef.flatten_up_to(v)`, which `tree_map` uses for its extra trees.
pub fn flatten_up_to(it: &mut Interp, t: &TreeDef, v: &Value, out: &mut Vec<Value>) -> Result<()> {
    let mismatch = |what: String| Diagnostic::new("ValueError", format!("Tree structures do not match: {what}")).with_help("every extra tree must have the first tree's structure (or extend it below its leaves)");
    match (t, v) {
        (TreeDef::Leaf, _) => out.push(v.clone()),
        (TreeDef::None, Value::None) => {}
        (TreeDef::Tuple(c), Value::Tuple(items)) if c.len() == items.len() => {
            for (ct, x) in c.iter().zip(items.iter()) {
                flatten_up_to(it, ct, x, out)?;
            }
        }
        (TreeDef::List(c), Value::List(l)) => {
            let items = l.borrow().clone();
            if items.len() != c.len() {
                return Err(mismatch(format!("list arity mismatch: expected {}, got {}", c.len(), items.len())));
            }
            for (ct, x) in c.iter().zip(items.iter()) {
                flatten_up_to(it, ct, x, out)?;
            }
        }
        (TreeDef::Dict(c, keys), Value::Dict(d)) => {
            let d = d.borrow().clone();
            if d.len() != keys.len() {
                return Err(mismatch(format!("dict key mismatch: expected {} keys, got {}", keys.len(), d.len())));
            }
            for ((_, ct), k) in c.iter().zip(keys) {
                let x = d.get(&k.key()?).cloned().ok_or_else(|| mismatch(format!("dict key mismatch: the key {} is missing", it.repr(k).unwrap_or_default())))?;
                flatten_up_to(it, ct, &x, out)?;
            }
        }
        (TreeDef::Object(n, c), Value::Object(o)) if Rc::ptr_eq(&n.class, &o.class) => {
            let Some((children, _, _)) = node_children(it, o, v)? else { return Err(mismatch(format!("expected a {} node", n.class.name))) };
            if children.len() != c.len() {
                return Err(mismatch(format!("{} arity mismatch: expected {}, got {}", n.class.name, c.len(), children.len())));
            }
            for (ct, x) in c.iter().zip(children.iter()) {
                flatten_up_to(it, ct, x, out)?;
            }
        }
        _ => {
            let mut l = Vec::new();
            let got = flatten(it, v, &mut l)?;
            return Err(mismatch(format!("expected {}, got {}", t.describe(), got.describe())));
        }
    }
    Ok(())
}

/// `(children, aux)` from a flatten function's result.
fn split_pair(it: &mut Interp, r: &Value, class: &str) -> Result<(Vec<Value>, Value)> {
    let parts = it.iterate(r)?;
    if parts.len() != 2 {
        return Err(Diagnostic::new("TypeError", format!("the pytree flatten function of {class} must return a pair (children, aux_data)")));
    }
    Ok((it.iterate(&parts[0])?, parts[1].clone()))
}

/// Keys sort as JAX sorts them: numbers before strings, each in natural order.
fn sort_key(k: &Value) -> Result<((u8, i64, String), String)> {
    Ok(match k {
        Value::Int(i) => ((0, *i, String::new()), i.to_string()),
        Value::Bool(b) => ((0, *b as i64, String::new()), if *b { "True".into() } else { "False".into() }),
        Value::Str(s) => ((1, 0, s.to_string()), format!("'{s}'")),
        other => {
            let r = format!("{:?}", other.key()?);
            ((2, 0, r.clone()), r)
        }
    })
}

/// Rebuild a structure around `leaves` (consumed in order).
pub fn unflatten(it: &mut Interp, t: &TreeDef, leaves: &mut impl Iterator<Item = Value>) -> Result<Value> {
    Ok(match t {
        TreeDef::Leaf => leaves.next().ok_or_else(|| Diagnostic::new("ValueError", "too few leaves for the tree structure"))?,
        TreeDef::None => Value::None,
        TreeDef::Tuple(c) => Value::tuple(c.iter().map(|t| unflatten(it, t, leaves)).collect::<Result<_>>()?),
        TreeDef::List(c) => Value::list(c.iter().map(|t| unflatten(it, t, leaves)).collect::<Result<_>>()?),
        TreeDef::Dict(c, keys) => {
            let mut d = Dict::default();
            for ((_, t), k) in c.iter().zip(keys) {
                let v = unflatten(it, t, leaves)?;
                d.insert(k.clone(), k.key()?, v);
            }
            Value::dict(d)
        }
        TreeDef::Object(n, c) => {
            let kids: Vec<Value> = c.iter().map(|t| unflatten(it, t, leaves)).collect::<Result<_>>()?;
            let cls = Value::Class(n.class.clone());
            match &n.rule {
                Some(NodeRule::Functions { unflatten: f, .. }) => it.call(f, vec![n.aux.clone(), Value::tuple(kids)], vec![])?,
                Some(NodeRule::Methods) => {
                    let f = it.getattr(&cls, "tree_unflatten")?;
                    it.call(&f, vec![n.aux.clone(), Value::tuple(kids)], vec![])?
                }
                Some(NodeRule::Fields { data, meta }) => {
                    let metas = it.iterate(&n.aux)?;
                    let mut kw: Vec<(Rc<str>, Value)> = data.iter().cloned().zip(kids).collect();
                    kw.extend(meta.iter().cloned().zip(metas));
                    it.call(&cls, vec![], kw)?
                }
                None => it.call(&cls, kids, vec![])?,
            }
        }
    })
}
