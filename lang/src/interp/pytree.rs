//! Pytrees, as JAX defines them: nested tuples, lists, dicts (flattened in sorted key order) and
//! None around leaves (arrays and numbers). `flatten` gives the leaves and a `TreeDef`;
//! `unflatten` rebuilds the same structure around new leaves.

use super::value::{Dict, Value};
use crate::diag::{Diagnostic, Result};
use std::cell::RefCell;
use std::rc::Rc;

#[derive(Clone, Debug, PartialEq)]
pub enum TreeDef {
    Leaf,
    None,
    Tuple(Vec<TreeDef>),
    List(Vec<TreeDef>),
    /// Keys in sorted order (their repr, for comparing structures), with the key values.
    Dict(Vec<(String, TreeDef)>, Vec<Value>),
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
            TreeDef::Tuple(c) | TreeDef::List(c) => c.iter().map(|t| t.num_leaves()).sum(),
            TreeDef::Dict(c, _) => c.iter().map(|(_, t)| t.num_leaves()).sum(),
        }
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
        }
    }
    /// The children of a container node.
    pub fn children(&self) -> Vec<TreeDef> {
        match self {
            TreeDef::Leaf | TreeDef::None => vec![],
            TreeDef::Tuple(c) | TreeDef::List(c) => c.clone(),
            TreeDef::Dict(c, _) => c.iter().map(|(_, t)| t.clone()).collect(),
        }
    }
}

/// The leaves of `v`, in order, and its structure.
pub fn flatten(v: &Value, leaves: &mut Vec<Value>) -> Result<TreeDef> {
    Ok(match v {
        Value::None => TreeDef::None,
        Value::Tuple(t) => TreeDef::Tuple(t.iter().map(|x| flatten(x, leaves)).collect::<Result<_>>()?),
        Value::List(l) => {
            let items = l.borrow().clone();
            TreeDef::List(items.iter().map(|x| flatten(x, leaves)).collect::<Result<_>>()?)
        }
        Value::Dict(d) => {
            let mut entries = d.borrow().entries.clone();
            let mut keyed = Vec::new();
            for (k, v) in entries.drain(..) {
                keyed.push((sort_key(&k)?, k, v));
            }
            keyed.sort_by(|a, b| a.0.cmp(&b.0));
            let mut children = Vec::new();
            let mut keys = Vec::new();
            for (sk, k, v) in keyed {
                children.push((sk.1, flatten(&v, leaves)?));
                keys.push(k);
            }
            TreeDef::Dict(children, keys)
        }
        other => {
            leaves.push(other.clone());
            TreeDef::Leaf
        }
    })
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
pub fn unflatten(t: &TreeDef, leaves: &mut impl Iterator<Item = Value>) -> Result<Value> {
    Ok(match t {
        TreeDef::Leaf => leaves.next().ok_or_else(|| Diagnostic::new("ValueError", "too few leaves for the tree structure"))?,
        TreeDef::None => Value::None,
        TreeDef::Tuple(c) => Value::tuple(c.iter().map(|t| unflatten(t, leaves)).collect::<Result<_>>()?),
        TreeDef::List(c) => Value::list(c.iter().map(|t| unflatten(t, leaves)).collect::<Result<_>>()?),
        TreeDef::Dict(c, keys) => {
            let mut d = Dict::default();
            for ((_, t), k) in c.iter().zip(keys) {
                let v = unflatten(t, leaves)?;
                d.insert(k.clone(), k.key()?, v);
            }
            Value::Dict(Rc::new(RefCell::new(d)))
        }
    })
}
