//! `match` statements (PEP 634): each case's pattern is tried against the subject in order;
//! the names a pattern captures are bound when it matches (before its guard runs), and the
//! first case that matches with a true guard runs.

use super::value::*;
use super::{Ctx, Flow, Interp};
use crate::diag::{Diagnostic, Result};
use crate::syntax::ast::*;
use std::cell::RefCell;
use std::rc::Rc;

/// Builtin classes whose one positional sub-pattern matches the subject itself (`case int(n)`).
const SELF_MATCHING: &[&str] = &["bool", "bytearray", "bytes", "dict", "float", "frozenset", "int", "list", "set", "str", "tuple"];

impl Interp {
    pub(super) fn exec_match(&mut self, subject: &Expr, cases: &[MatchCase], ctx: &Ctx) -> Result<Flow> {
        let v = self.eval(subject, ctx)?;
        for case in cases {
            let mut binds = Vec::new();
            if !self.match_pattern(&case.pattern, &v, &mut binds, ctx)? {
                continue;
            }
            for (n, x) in binds {
                self.set_var(&n, x, ctx);
            }
            if let Some(g) = &case.guard {
                let t = self.eval(g, ctx)?;
                if !self.truthy(&t).map_err(|e| e.at(&ctx.src, g.span))? {
                    continue;
                }
            }
            return self.exec_block(&case.body, ctx);
        }
        Ok(Flow::Normal)
    }

    /// Whether `v` matches `p`; the captures go into `binds` (only kept when it matches).
    fn match_pattern(&mut self, p: &Pattern, v: &Value, binds: &mut Vec<(Name, Value)>, ctx: &Ctx) -> Result<bool> {
        let at = |e: Diagnostic| e.at(&ctx.src, p.span);
        Ok(match &p.kind {
            PatternKind::Value(e) => {
                let x = self.eval(e, ctx)?;
                let eq = self.compare(CmpOp::Eq, v, &x).map_err(at)?;
                self.truthy(&eq).map_err(at)?
            }
            PatternKind::Singleton(s) => matches!((s, v), (None, Value::None)) || matches!((s, v), (Some(a), Value::Bool(b)) if a == b),
            PatternKind::As { pattern, name } => {
                let mut inner = Vec::new();
                if let Some(q) = pattern {
                    if !self.match_pattern(q, v, &mut inner, ctx)? {
                        return Ok(false);
                    }
                }
                binds.extend(inner);
                if let Some(n) = name {
                    binds.push((n.clone(), v.clone()));
                }
                true
            }
            PatternKind::Or(alts) => {
                for q in alts {
                    let mut inner = Vec::new();
                    if self.match_pattern(q, v, &mut inner, ctx)? {
                        binds.extend(inner);
                        return Ok(true);
                    }
                }
                false
            }
            PatternKind::Star(_) => return Err(at(Diagnostic::new("SyntaxError", "a starred pattern can only be used inside a sequence pattern"))),
            PatternKind::Sequence(ps) => {
                // Lists and tuples (and their subclasses') items; strings, bytes and mappings
                // are not sequences to `match`, as in Python.
                let items: Vec<Value> = match v {
                    Value::List(l) => l.borrow().clone(),
                    Value::Tuple(t) => t.to_vec(),
                    _ => return Ok(false),
                };
                self.match_items(ps, &items, binds, ctx)?
            }
            PatternKind::Mapping { keys, patterns, rest } => {
                let Value::Dict(d) = v else { return Ok(false) };
                let mut inner = Vec::new();
                let mut used = Vec::new();
                for (k, q) in keys.iter().zip(patterns) {
                    let kv = self.eval(k, ctx)?;
                    let key = self.key_of(&kv).map_err(at)?;
                    let Some(x) = d.borrow().get(&key).cloned() else { return Ok(false) };
                    if !self.match_pattern(q, &x, &mut inner, ctx)? {
                        return Ok(false);
                    }
                    used.push(key);
                }
                if let Some(r) = rest {
                    let mut left = Dict::default();
                    for (k, x) in d.borrow().entries.iter() {
                        let key = self.key_of(k).map_err(at)?;
                        if !used.contains(&key) {
                            left.insert(k.clone(), key, x.clone());
                        }
                    }
                    inner.push((r.clone(), Value::Dict(Rc::new(RefCell::new(left)))));
                }
                binds.extend(inner);
                true
            }
            PatternKind::Class { cls, patterns, keywords } => {
                let c = self.eval(cls, ctx)?;
                let Value::Class(class) = &c else {
                    return Err(at(Diagnostic::new("TypeError", "called match pattern must be a type")
                        .with_help("a pattern with parentheses names a class (`case Point(x=0):`); to compare with a value, write the value itself: a literal or a dotted name such as `Color.RED`")));
                };
                if !super::builtins::is_instance(self, v, &c).map_err(at)? {
                    return Ok(false);
                }
                let mut inner = Vec::new();
                let self_matching = class.builtin && SELF_MATCHING.contains(&class.name.as_ref());
                if self_matching && patterns.len() == 1 {
                    if !self.match_pattern(&patterns[0], v, &mut inner, ctx)? {
                        return Ok(false);
                    }
                } else if !patterns.is_empty() {
                    let names = match class.lookup("__match_args__") {
                        Some(Value::Tuple(t)) => t.to_vec(),
                        Some(other) => return Err(at(Diagnostic::new("TypeError", format!("{}.__match_args__ must be a tuple (got {})", class.name, other.type_name())))),
                        None => Vec::new(),
                    };
                    if patterns.len() > names.len() {
                        return Err(at(Diagnostic::new("TypeError", format!("{}() accepts {} positional sub-pattern{} ({} given)", class.name, names.len(), if names.len() == 1 { "" } else { "s" }, patterns.len()))
                            .with_help("give the class a `__match_args__` tuple of attribute names (dataclasses have one), or match attributes by keyword: `Point(x=0)`")));
                    }
                    for (q, n) in patterns.iter().zip(&names) {
                        let Value::Str(n) = n else {
                            return Err(at(Diagnostic::new("TypeError", format!("__match_args__ elements must be strings (got {})", n.type_name()))));
                        };
                        if !self.match_attr(v, n, q, &mut inner, ctx)? {
                            return Ok(false);
                        }
                    }
                }
                for (n, q) in keywords {
                    if !self.match_attr(v, n, q, &mut inner, ctx)? {
                        return Ok(false);
                    }
                }
                binds.extend(inner);
                true
            }
        })
    }

    /// `v.name` matched against `q`; a missing attribute does not match.
    fn match_attr(&mut self, v: &Value, name: &str, q: &Pattern, binds: &mut Vec<(Name, Value)>, ctx: &Ctx) -> Result<bool> {
        match self.getattr(v, name) {
            Ok(x) => self.match_pattern(q, &x, binds, ctx),
            Err(e) if e.kind.as_ref() == "AttributeError" => Ok(false),
            Err(e) => Err(e.at(&ctx.src, q.span)),
        }
    }

    /// A sequence pattern's items (at most one `*name`) against a list's or tuple's.
    fn match_items(&mut self, ps: &[Pattern], items: &[Value], binds: &mut Vec<(Name, Value)>, ctx: &Ctx) -> Result<bool> {
        let star = ps.iter().position(|q| matches!(q.kind, PatternKind::Star(_)));
        let mut inner = Vec::new();
        match star {
            None => {
                if items.len() != ps.len() {
                    return Ok(false);
                }
                for (q, x) in ps.iter().zip(items) {
                    if !self.match_pattern(q, x, &mut inner, ctx)? {
                        return Ok(false);
                    }
                }
            }
            Some(s) => {
                let after = ps.len() - s - 1;
                if items.len() < ps.len() - 1 {
                    return Ok(false);
                }
                for (q, x) in ps[..s].iter().zip(items) {
                    if !self.match_pattern(q, x, &mut inner, ctx)? {
                        return Ok(false);
                    }
                }
                let tail = items.len() - after;
                for (q, x) in ps[s + 1..].iter().zip(&items[tail..]) {
                    if !self.match_pattern(q, x, &mut inner, ctx)? {
                        return Ok(false);
                    }
                }
                if let PatternKind::Star(Some(n)) = &ps[s].kind {
                    inner.push((n.clone(), Value::list(items[s..tail].to_vec())));
                }
            }
        }
        binds.extend(inner);
        Ok(true)
    }
}
