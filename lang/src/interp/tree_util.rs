//! `jax.tree_util`: mapping, flattening and registering pytree nodes. Their table entries are in
//! `jax.rs`'s `TREE_API`; the flattening itself is `pytree.rs`.

use super::args::check_kw;
use super::pytree::unflatten;
use super::value::*;
use super::Interp;
use crate::diag::{Diagnostic, Result};
use std::rc::Rc;

/// The `is_leaf=` keyword of the tree functions (None when absent or None).
fn is_leaf_kw(kw: &Kwargs, f: &str) -> Result<Option<Value>> {
    check_kw(kw, &["is_leaf"], f)?;
    Ok(kw.iter().find(|(k, _)| k.as_ref() == "is_leaf").map(|(_, v)| v.clone()).filter(|v| !matches!(v, Value::None)))
}

pub(super) fn t_tree_map(it: &mut Interp, _b: &Builtin, args: Vec<Value>, kw: Kwargs) -> Result<Value> {
    let is_leaf = is_leaf_kw(&kw, "tree_map")?;
    if args.len() < 2 {
        return Err(Diagnostic::new("TypeError", "tree_map() missing required arguments: tree_map(f, tree, *rest)"));
    }
    let f = args[0].clone();
    let mut first = Vec::new();
    let tree = super::pytree::flatten_with(it, &args[1], &mut first, is_leaf.as_ref())?;
    // The other trees have the first one's structure, or extend it below its leaves (JAX).
    let mut rest = Vec::new();
    for r in &args[2..] {
        let mut l = Vec::new();
        super::pytree::flatten_up_to(it, &tree, r, &mut l)?;
        rest.push(l);
    }
    let mut outs = Vec::new();
    for (i, x) in first.iter().enumerate() {
        let mut call_args = vec![x.clone()];
        for r in &rest {
            call_args.push(r[i].clone());
        }
        outs.push(it.call(&f, call_args, vec![])?);
    }
    unflatten(it, &tree, &mut outs.into_iter())
}

pub(super) fn t_tree_leaves(it: &mut Interp, _b: &Builtin, args: Vec<Value>, kw: Kwargs) -> Result<Value> {
    let is_leaf = is_leaf_kw(&kw, "tree_leaves")?;
    let mut l = Vec::new();
    super::pytree::flatten_with(it, args.first().unwrap_or(&Value::None), &mut l, is_leaf.as_ref())?;
    Ok(Value::list(l))
}

pub(super) fn t_tree_structure(it: &mut Interp, _b: &Builtin, args: Vec<Value>, kw: Kwargs) -> Result<Value> {
    let is_leaf = is_leaf_kw(&kw, "tree_structure")?;
    let mut l = Vec::new();
    let t = super::pytree::flatten_with(it, args.first().unwrap_or(&Value::None), &mut l, is_leaf.as_ref())?;
    Ok(Value::TreeDef(Rc::new(t)))
}

pub(super) fn t_treedef_is_leaf(_it: &mut Interp, _b: &Builtin, args: Vec<Value>, _kw: Kwargs) -> Result<Value> {
    match args.first() {
        Some(Value::TreeDef(t)) => Ok(Value::Bool(t.num_nodes() == 1)),
        _ => Err(Diagnostic::new("TypeError", "treedef_is_leaf(treedef): pass a PyTreeDef (from tree_structure)")),
    }
}

/// The class argument of a registration function.
fn class_arg(v: Option<&Value>, what: &str) -> Result<Rc<super::object::Class>> {
    match v {
        Some(Value::Class(c)) if !c.builtin => Ok(c.clone()),
        Some(other) => Err(Diagnostic::new("TypeError", format!("{what} needs a class defined with `class`, got {}", other.type_name()))),
        None => Err(Diagnostic::new("TypeError", format!("{what} needs a class"))),
    }
}

fn register_rule(it: &mut Interp, cls: Rc<super::object::Class>, rule: super::pytree::NodeRule) {
    it.pytree_rules.retain(|(c, _)| !Rc::ptr_eq(c, &cls));
    it.pytree_rules.push((cls, rule));
}

/// `register_pytree_node(cls, flatten_func, unflatten_func)`.
pub(super) fn t_register_node(it: &mut Interp, _b: &Builtin, args: Vec<Value>, kw: Kwargs) -> Result<Value> {
    let cls = class_arg(args.first(), "register_pytree_node")?;
    let flatten = super::args::need(&args, &kw, 1, "flatten_func", "register_pytree_node")?;
    let unflatten = super::args::need(&args, &kw, 2, "unflatten_func", "register_pytree_node")?;
    register_rule(it, cls, super::pytree::NodeRule::Functions { flatten, unflatten });
    Ok(Value::None)
}

/// `@register_pytree_node_class`: the class flattens with `tree_flatten` and rebuilds with the
/// class method `tree_unflatten`.
pub(super) fn t_register_class(it: &mut Interp, _b: &Builtin, args: Vec<Value>, _kw: Kwargs) -> Result<Value> {
    let cls = class_arg(args.first(), "register_pytree_node_class")?;
    if cls.lookup("tree_flatten").is_none() || cls.lookup("tree_unflatten").is_none() {
        return Err(Diagnostic::new("TypeError", format!("register_pytree_node_class: {} must define tree_flatten(self) and the classmethod tree_unflatten(cls, aux_data, children)", cls.name)));
    }
    register_rule(it, cls.clone(), super::pytree::NodeRule::Methods);
    Ok(Value::Class(cls))
}

/// `register_dataclass(cls, data_fields, meta_fields)`: the data fields are children, the meta
/// fields static; with no field lists, a dataclass's fields are all data.
pub(super) fn t_register_dataclass(it: &mut Interp, _b: &Builtin, args: Vec<Value>, kw: Kwargs) -> Result<Value> {
    let cls = class_arg(args.first(), "register_dataclass")?;
    let names = |it: &mut Interp, v: Option<Value>| -> Result<Vec<Rc<str>>> {
        match v {
            None | Some(Value::None) => Ok(vec![]),
            Some(v) => it.iterate(&v)?.into_iter().map(|x| match x {
                Value::Str(s) => Ok(s),
                other => Err(Diagnostic::new("TypeError", format!("field names must be strings, got {}", other.type_name()))),
            }).collect(),
        }
    };
    let mut data = names(it, super::args::arg(&args, &kw, 1, "data_fields"))?;
    let mut meta = names(it, super::args::arg(&args, &kw, 2, "meta_fields"))?;
    if data.is_empty() && meta.is_empty() {
        // A dataclass: its fields are data, but those marked field(metadata=dict(static=True)).
        let Some(Value::Dict(f)) = cls.lookup("__dataclass_fields__") else {
            return Err(Diagnostic::new("TypeError", format!("register_dataclass: {} is not a dataclass; pass data_fields and meta_fields", cls.name)).with_help("decorate the class with @dataclasses.dataclass first"));
        };
        let entries = f.borrow().entries.clone();
        for (k, field) in entries {
            let Value::Str(name) = k else { continue };
            let md = it.getattr(&field, "metadata")?;
            let stat = match md {
                Value::Dict(d) => d.borrow().get(&Key::Str("static".into())).cloned().unwrap_or(Value::Bool(false)),
                _ => Value::Bool(false),
            };
            if it.truthy(&stat)? {
                meta.push(name);
            } else {
                data.push(name);
            }
        }
    }
    register_rule(it, cls.clone(), super::pytree::NodeRule::Fields { data, meta });
    Ok(Value::Class(cls))
}

pub(super) fn t_tree_flatten(it: &mut Interp, _b: &Builtin, args: Vec<Value>, kw: Kwargs) -> Result<Value> {
    let is_leaf = is_leaf_kw(&kw, "tree_flatten")?;
    let mut l = Vec::new();
    let t = super::pytree::flatten_with(it, args.first().unwrap_or(&Value::None), &mut l, is_leaf.as_ref())?;
    Ok(Value::tuple(vec![Value::list(l), Value::TreeDef(Rc::new(t))]))
}

pub(super) fn t_tree_unflatten(it: &mut Interp, _b: &Builtin, args: Vec<Value>, _kw: Kwargs) -> Result<Value> {
    let (Some(Value::TreeDef(t)), Some(leaves)) = (args.first(), args.get(1)) else {
        return Err(Diagnostic::new("TypeError", "tree_unflatten(treedef, leaves)"));
    };
    let l = it.iterate(leaves)?;
    unflatten(it, t, &mut l.into_iter())
}
