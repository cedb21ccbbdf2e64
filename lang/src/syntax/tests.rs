//! Tests of the front end: lowering, rejected constructs and input completeness.

use super::ast::*;
use super::{is_complete, parse, Completeness};
use crate::diag::{Diagnostic, Source};

fn ok(code: &str) -> Vec<Stmt> {
    match parse(&Source::new("<test>", code)) {
        Ok(stmts) => stmts,
        Err(d) => panic!("expected {code:?} to parse, got {}", d.render(false)),
    }
}

fn expr(code: &str) -> Expr {
    let mut stmts = ok(code);
    match stmts.pop().map(|s| s.kind) {
        Some(StmtKind::Expr(e)) => e,
        other => panic!("expected an expression statement, got {other:?}"),
    }
}

fn fails(code: &str) -> Diagnostic {
    match parse(&Source::new("<test>", code)) {
        Ok(stmts) => panic!("expected {code:?} to be rejected, got {stmts:?}"),
        Err(d) => d,
    }
}

/// The source text a diagnostic points at.
fn pointed(code: &str, d: &Diagnostic) -> String {
    let loc = d.loc.as_ref().expect("diagnostic has a location");
    code[loc.span.range()].to_string()
}

fn name_of(e: &Expr) -> &str {
    match &e.kind {
        ExprKind::Name(n) => n,
        other => panic!("expected a name, got {other:?}"),
    }
}

fn int_of(e: &Expr) -> i64 {
    match &e.kind {
        ExprKind::Const(Constant::Int(v)) => *v,
        other => panic!("expected an int, got {other:?}"),
    }
}

#[test]
fn spans_are_byte_ranges() {
    let code = "x = 1\ny = foo(x)";
    let stmts = ok(code);
    assert_eq!(stmts.len(), 2);
    assert_eq!(&code[stmts[1].span.range()], "y = foo(x)");
    let StmtKind::Assign { targets, value } = &stmts[1].kind else {
        panic!()
    };
    assert!(matches!(&targets[0], Target::Name(n, s) if &**n == "y" && &code[s.range()] == "y"));
    assert_eq!(&code[value.span.range()], "foo(x)");
}

#[test]
fn chained_comparison_and_negated_ops() {
    let e = expr("a < b <= c not in d is not e");
    let ExprKind::Compare { left, ops, comparators } = e.kind else {
        panic!()
    };
    assert_eq!(name_of(&left), "a");
    assert_eq!(ops, vec![CmpOp::Lt, CmpOp::LtE, CmpOp::NotIn, CmpOp::IsNot]);
    assert_eq!(comparators.len(), 4);
}

#[test]
fn operators() {
    let e = expr("-a @ b ** 2 // 3 % 4");
    assert!(matches!(e.kind, ExprKind::BinOp { op: BinOp::Mod, .. }));
    let e = expr("not x and y or z");
    assert!(matches!(e.kind, ExprKind::BoolOp { op: BoolOp::Or, .. }));
    assert_eq!(int_of(&expr("-9223372036854775808")), i64::MIN);
    assert!(matches!(expr("~x").kind, ExprKind::UnaryOp { op: UnaryOp::Invert, .. }));
    assert!(matches!(expr("a if c else b").kind, ExprKind::IfExp { .. }));
}

#[test]
fn constants() {
    assert!(matches!(expr("...").kind, ExprKind::Const(Constant::Ellipsis)));
    assert!(matches!(expr("None").kind, ExprKind::Const(Constant::None)));
    assert!(matches!(expr("True").kind, ExprKind::Const(Constant::Bool(true))));
    assert!(matches!(expr("1.5e3").kind, ExprKind::Const(Constant::Float(f)) if f == 1500.0));
    assert_eq!(int_of(&expr("0x10")), 16);
    assert!(matches!(expr("'a' \"b\" '''c'''").kind, ExprKind::Const(Constant::Str(s)) if &*s == "abc"));
}

#[test]
fn elif_chain_nests() {
    let code = "if a:\n    x = 1\nelif b:\n    x = 2\nelse:\n    x = 3\n";
    let stmts = ok(code);
    let StmtKind::If { orelse, .. } = &stmts[0].kind else { panic!() };
    assert_eq!(orelse.len(), 1);
    assert!(code[orelse[0].span.range()].starts_with("elif b:"));
    let StmtKind::If { test, orelse: inner, .. } = &orelse[0].kind else {
        panic!()
    };
    assert_eq!(name_of(test), "b");
    assert!(matches!(inner[0].kind, StmtKind::Assign { .. }));
}

#[test]
fn functions() {
    let code = "@jit\ndef f(a, b=2, /, c=3, *args, d, e=5, **kw) -> int:\n    \"\"\"Doc.\"\"\"\n    return a\n";
    let stmts = ok(code);
    let StmtKind::FunctionDef(f) = &stmts[0].kind else { panic!() };
    assert_eq!(&*f.name, "f");
    assert_eq!(f.doc.as_deref(), Some("Doc."));
    assert_eq!(f.body.len(), 2, "the docstring stays in the body");
    assert_eq!(f.decorators.len(), 1);
    assert!(!f.is_lambda);
    let kinds: Vec<_> = f.params.iter().map(|p| (&*p.name, p.kind, p.default.is_some())).collect();
    assert_eq!(
        kinds,
        vec![
            ("a", ParamKind::Normal, false),
            ("b", ParamKind::Normal, true),
            ("c", ParamKind::Normal, true),
            ("args", ParamKind::VarArgs, false),
            ("d", ParamKind::KwOnly, false),
            ("e", ParamKind::KwOnly, true),
            ("kw", ParamKind::VarKw, false),
        ]
    );
    assert!(code[f.header.range()].starts_with("def f("));
    assert!(code[f.header.range()].ends_with("-> int"));
    assert!(code[f.span.range()].starts_with("@jit"));
    let kwonly = ok("def g(*, k):\n    return k\n");
    let StmtKind::FunctionDef(g) = &kwonly[0].kind else { panic!() };
    assert_eq!(g.params[0].kind, ParamKind::KwOnly);
}

#[test]
fn lambdas() {
    let e = expr("lambda x, *ys, **kw: x + 1");
    let ExprKind::Lambda(f) = e.kind else { panic!() };
    assert!(f.is_lambda);
    assert_eq!(&*f.name, "<lambda>");
    assert_eq!(f.params.len(), 3);
    assert!(matches!(
        &f.body[..],
        [Stmt {
            kind: StmtKind::Return(Some(_)),
            ..
        }]
    ));
    let ExprKind::Lambda(g) = expr("lambda: 0").kind else { panic!() };
    assert!(g.params.is_empty());
}

#[test]
fn calls() {
    let ExprKind::Call { func, args } = expr("f(1, *xs, k=2, **kw)").kind else {
        panic!()
    };
    assert_eq!(name_of(&func), "f");
    assert!(matches!(&args[..], [Arg::Pos(_), Arg::Star(_), Arg::Kw(k, _), Arg::StarStar(_)] if &**k == "k"));
}

#[test]
fn subscripts_and_slices() {
    let ExprKind::Subscript { index, .. } = expr("x[a, b]").kind else {
        panic!()
    };
    assert!(matches!(&index.kind, ExprKind::Tuple(v) if v.len() == 2));
    let ExprKind::Subscript { index, .. } = expr("x[1:2, ::-1]").kind else {
        panic!()
    };
    let ExprKind::Tuple(parts) = &index.kind else { panic!() };
    assert!(matches!(
        &parts[0].kind,
        ExprKind::Slice {
            lower: Some(_),
            upper: Some(_),
            step: None
        }
    ));
    let ExprKind::Slice {
        lower: None,
        upper: None,
        step: Some(step),
    } = &parts[1].kind
    else {
        panic!()
    };
    assert_eq!(int_of(step), -1);
    let ExprKind::Subscript { index, .. } = expr("x[..., None]").kind else {
        panic!()
    };
    assert!(matches!(&index.kind, ExprKind::Tuple(v) if matches!(v[0].kind, ExprKind::Const(Constant::Ellipsis))));
}

#[test]
fn comprehensions() {
    let ExprKind::ListComp { generators, .. } = expr("[x * y for x in xs if x for y in ys]").kind else {
        panic!()
    };
    assert_eq!(generators.len(), 2);
    assert_eq!(generators[0].ifs.len(), 1);
    assert!(
        matches!(expr("sum(x for x in xs)").kind, ExprKind::Call { args, .. } if matches!(args[0], Arg::Pos(Expr { kind: ExprKind::GenExp { .. }, .. })))
    );
    assert!(matches!(expr("(x for x in xs)").kind, ExprKind::GenExp { .. }));
    assert!(matches!(expr("{x for x in xs}").kind, ExprKind::SetComp { .. }));
    assert!(matches!(expr("{1, 2}").kind, ExprKind::Set(v) if v.len() == 2));
    assert!(matches!(expr("(y := 3)").kind, ExprKind::Named { .. }));
    assert!(matches!(expr("{k: v for k, v in items}").kind, ExprKind::DictComp { .. }));
    let ExprKind::Dict(items) = expr("{'a': 1, **rest}").kind else {
        panic!()
    };
    assert!(items[0].0.is_some() && items[1].0.is_none());
    assert!(matches!(expr("[*a, b]").kind, ExprKind::List(v) if matches!(v[0].kind, ExprKind::Starred(_))));
}

#[test]
fn fstrings() {
    let ExprKind::FString(parts) = expr("f'a{x:.3f}b{y!r}{z=}' 'c' f'{w:{width}}'").kind else {
        panic!()
    };
    assert!(matches!(&parts[0], FPart::Lit(s) if &**s == "a"));
    let FPart::Expr {
        spec,
        conversion: None,
        debug: None,
        ..
    } = &parts[1]
    else {
        panic!("{parts:?}")
    };
    assert!(matches!(&spec[..], [FPart::Lit(s)] if &**s == ".3f"));
    assert!(matches!(&parts[3], FPart::Expr { conversion: Some('r'), .. }));
    let FPart::Expr { debug: Some(d), .. } = &parts[4] else {
        panic!("{parts:?}")
    };
    assert_eq!(&**d, "z=");
    assert!(matches!(&parts[5], FPart::Lit(s) if &**s == "c"));
    let FPart::Expr { spec, .. } = &parts[6] else { panic!("{parts:?}") };
    assert!(matches!(&spec[..], [FPart::Expr { expr, .. }] if name_of(expr) == "width"));
    let ExprKind::FString(parts) = expr("f'{{literal}}'").kind else {
        panic!()
    };
    assert!(matches!(&parts[..], [FPart::Lit(s)] if &**s == "{literal}"));
}

#[test]
fn targets() {
    let stmts = ok("a, *b = xs\n[c, d] = ys\nx[0], o.f = 1, 2\ndel x, y[0]\nx += 1\nz: int = 3\n");
    let StmtKind::Assign { targets, .. } = &stmts[0].kind else {
        panic!()
    };
    let Target::Tuple(elts, _) = &targets[0] else { panic!() };
    assert!(matches!(&elts[1], Target::Starred(inner, _) if matches!(&**inner, Target::Name(n, _) if &**n == "b")));
    let StmtKind::Assign { targets, .. } = &stmts[1].kind else {
        panic!()
    };
    assert!(matches!(&targets[0], Target::Tuple(v, _) if v.len() == 2));
    let StmtKind::Assign { targets, .. } = &stmts[2].kind else {
        panic!()
    };
    assert!(
        matches!(&targets[0], Target::Tuple(v, _) if matches!(v[0], Target::Subscript { .. }) && matches!(v[1], Target::Attribute { .. }))
    );
    assert!(matches!(&stmts[3].kind, StmtKind::Del(v) if v.len() == 2 && matches!(v[1], Target::Subscript { .. })));
    assert!(matches!(&stmts[4].kind, StmtKind::AugAssign { op: BinOp::Add, .. }));
    assert!(matches!(&stmts[5].kind, StmtKind::AnnAssign { annotation, value: Some(v), .. } if &**annotation == "int" && int_of(v) == 3));
    let stmts = ok("a = b = 1");
    assert!(matches!(&stmts[0].kind, StmtKind::Assign { targets, .. } if targets.len() == 2));
}

#[test]
fn statements() {
    let code = "import jax.numpy as jnp, os\nfrom a.b import c as d, e\nglobal g\n\
                for i in range(3):\n    if i:\n        continue\n    break\n\
                while x:\n    pass\n\
                try:\n    raise ValueError('x') from None\nexcept (TypeError, KeyError) as err:\n    raise\nexcept:\n    pass\nelse:\n    y = 1\nfinally:\n    z = 2\n\
                assert x, 'msg'\n";
    let stmts = ok(code);
    let StmtKind::Import(names) = &stmts[0].kind else { panic!() };
    assert_eq!(&*names[0].name, "jax.numpy");
    assert_eq!(names[0].asname.as_deref(), Some("jnp"));
    let StmtKind::ImportFrom { module, names } = &stmts[1].kind else {
        panic!()
    };
    assert_eq!(&**module, "a.b");
    assert_eq!(names.len(), 2);
    assert!(matches!(&stmts[2].kind, StmtKind::Global(v) if &*v[0] == "g"));
    assert!(matches!(&stmts[3].kind, StmtKind::For { body, .. } if body.len() == 2));
    assert!(matches!(&stmts[4].kind, StmtKind::While { .. }));
    let StmtKind::Try {
        body,
        handlers,
        orelse,
        finalbody,
    } = &stmts[5].kind
    else {
        panic!()
    };
    assert!(matches!(&body[0].kind, StmtKind::Raise { exc: Some(_) }));
    assert_eq!(handlers.len(), 2);
    assert_eq!(handlers[0].name.as_deref(), Some("err"));
    assert!(handlers[1].typ.is_none());
    assert!(matches!(&handlers[0].body[0].kind, StmtKind::Raise { exc: None }));
    assert_eq!((orelse.len(), finalbody.len()), (1, 1));
    assert!(matches!(&stmts[6].kind, StmtKind::Assert { msg: Some(_), .. }));
    let stmts = ok("def f():\n    x = 0\n    def g():\n        nonlocal x\n        x = 1\n    return g\n");
    assert!(matches!(&stmts[0].kind, StmtKind::FunctionDef(_)));
}

/// Each construct outside the language, the text its diagnostic must point into, and a word
/// its help must contain.
const REJECTED: &[(&str, &str, &str)] = &[
    ("async def f():\n    pass\n", "async def", "def"),
    ("def f():\n    await g()\n", "await g()", "directly"),
    ("try:\n    pass\nexcept* ValueError:\n    pass\n", "try", "except"),
    ("type T = int\n", "type T = int", "="),
    ("from . import x\n", "from . import x", "full name"),
    ("from .m import x\n", "from .m import x", "full name"),
    ("x = 99999999999999999999\n", "99999999999999999999", "64-bit"),
    ("x = b'abc'\n", "b'abc'", "str"),
    ("x = 1j\n", "1j", "complex"),
    ("return 1\n", "return 1", "def"),
    ("break\n", "break", "loop"),
    ("def f():\n    continue\n", "continue", "loop"),
    ("t't{x}'\n", "t't{x}'", "f-string"),
    ("def f[T](x):\n    pass\n", "[T]", "types"),
    ("x = [i async for i in y]\n", "async for i in y", "for"),
    ("for x in xs:\n    def f():\n        break\n", "break", "loop"),
    ("yield 1\n", "yield 1", "def"),
    ("class A:\n    yield 1\n", "yield 1", "def"),
    ("class A:\n    return 1\n", "return 1", "def"),
    ("with a as g:\n    pass\nasync with b:\n    pass\n", "async with b", "with"),
    ("class A[T]:\n    pass\n", "[T]", "types"),
];

#[test]
fn match_statements_lower() {
    let stmts = parse(&Source::new("<test>", "match p:\n    case Point(x=0, y=py) | [0, py, *_] if py > 1:\n        pass\n    case {'k': v, **rest}:\n        pass\n    case _:\n        pass\n")).expect("parses");
    let StmtKind::Match { cases, .. } = &stmts[0].kind else { panic!("not a match: {:?}", stmts[0].kind) };
    assert_eq!(cases.len(), 3);
    assert!(cases[0].guard.is_some());
    let PatternKind::Or(alts) = &cases[0].pattern.kind else { panic!("not an or-pattern") };
    assert!(matches!(&alts[0].kind, PatternKind::Class { patterns, keywords, .. } if patterns.is_empty() && keywords.len() == 2));
    assert!(matches!(&alts[1].kind, PatternKind::Sequence(ps) if ps.len() == 3 && matches!(ps[2].kind, PatternKind::Star(None))));
    assert!(matches!(&cases[1].pattern.kind, PatternKind::Mapping { keys, rest: Some(r), .. } if keys.len() == 1 && &**r == "rest"));
    assert!(matches!(&cases[2].pattern.kind, PatternKind::As { pattern: None, name: None }));
}

#[test]
fn rejected_constructs() {
    for &(code, at, help) in REJECTED {
        let d = fails(code);
        assert_eq!(&*d.kind, "SyntaxError", "{code:?}");
        let text = pointed(code, &d);
        assert!(
            text.contains(at),
            "{code:?}: the diagnostic points at {text:?}, expected it to cover {at:?}"
        );
        let h = d.help.as_deref().unwrap_or_else(|| panic!("{code:?} has no help"));
        assert!(h.contains(help), "{code:?}: help {h:?} should mention {help:?}");
    }
    assert!(REJECTED.len() >= 20);
}

#[test]
fn parse_errors_are_diagnostics() {
    let d = fails("x = (1,\ny = 2");
    assert_eq!(&*d.kind, "SyntaxError");
    assert!(d.loc.is_some());
    let d = fails("foo(1, 2");
    assert_eq!(d.message, "'(' was never closed");
    assert_eq!(pointed("foo(1, 2", &d), "(");
    let d = fails("x = [1, 2\ny = 3\n");
    assert_eq!(d.notes.len(), 1);
    assert!(d.help.as_deref().is_some_and(|h| h.contains("']'")));
    let d = fails("if x\n    pass\n");
    assert!(d.help.is_some(), "{d:?}");
    let d = fails("x = 'abc\n");
    assert_eq!(d.message, "unterminated string literal");
    let d = fails("  x = 1\n");
    assert!(d.help.is_some());
    let d = fails("x = )");
    assert!(d.loc.is_some());
    // Rendering must not panic, even for an error at the end of the input.
    let _ = d.render(false);
    let _ = fails("def f(x):").render(false);
}

#[test]
fn deep_nesting_is_an_error_not_a_crash() {
    let d = fails(&"(".repeat(10_000));
    assert!(d.message.contains("nested"), "{d:?}");
    let deep = format!("{}1{}", "(".repeat(5000), ")".repeat(5000));
    assert!(fails(&deep).message.contains("nested"));
    let chain = format!("x = {}1", "1 + ".repeat(5000));
    assert!(fails(&chain).message.contains("nested"));
    let chain = format!("x = {}1", "-".repeat(50_000));
    let _ = fails(&chain);
    let chain = format!("x = a{}", ".b".repeat(100_000));
    let _ = fails(&chain);
    let long = format!("x = {}1", "1 + ".repeat(100_000));
    let _ = fails(&long);
    let list = format!("x = [{}]", "1, ".repeat(50_000));
    assert!(parse(&Source::new("<t>", list)).is_ok());
    let nested_fn = (0..300).map(|i| format!("{}if x:\n", " ".repeat(i))).collect::<String>() + &" ".repeat(300) + "pass\n";
    assert!(fails(&nested_fn).message.contains("indentation"));
    let nested_fn = (0..99).map(|i| format!("{}if x:\n", " ".repeat(i))).collect::<String>() + &" ".repeat(99) + "pass\n";
    let _ = ok(&nested_fn);
    let within = format!("x = {}1", "1 + ".repeat(150));
    let _ = ok(&within);
    let _ = is_complete(&"(".repeat(10_000));
    let _ = is_complete(&"[".repeat(100_000));
}

#[test]
fn odd_inputs_do_not_panic() {
    for code in [
        "",
        "\n",
        "#",
        "\\",
        "'''",
        "f'{",
        "f'{x!}'",
        "x = \u{e9}\u{301}",
        "\u{feff}x = 1",
        "\r\n\r\n",
        "x\u{0}",
        "f'{x:{y:{z}}}'",
        "@",
        "lambda",
        "def",
        "(*x)",
        "*x = 1",
        "del 1",
        "x[]",
        "\t\tx",
        "if 1:\n\tx\n        y",
    ] {
        let _ = parse(&Source::new("<t>", code)).map_err(|d| d.render(false));
        let _ = is_complete(code);
    }
}

fn incomplete(indent: &str) -> Completeness {
    Completeness::Incomplete {
        indent: indent.to_string(),
    }
}

#[test]
fn completeness() {
    use Completeness::{Complete, Invalid};
    let table: &[(&str, Completeness)] = &[
        ("x = 1", Complete),
        ("def f(x):", incomplete("    ")),
        ("def f(x):\n    return x", incomplete("    ")),
        ("def f(x):\n    return x\n\n", Complete),
        ("def f(x):\n    return x\n", Complete),
        ("x = (1,", incomplete("")),
        ("print('a'", incomplete("")),
        ("x = )", Invalid),
        ("for i in range(3):\n    if i:", incomplete("        ")),
        ("for i in range(3):\n    if i:\n        print(i)", incomplete("        ")),
        ("", Complete),
        ("   \n", Complete),
        ("# just a comment", Complete),
        ("x = 1\ny = 2", Complete),
        ("x = 1 +", Invalid),
        ("x = 1 + \\", incomplete("")),
        ("    x = [1,\n    2,", incomplete("    ")),
        ("s = '''abc", incomplete("")),
        ("s = '''abc\ndef", incomplete("")),
        ("s = f\"\"\"abc {x}", incomplete("")),
        ("s = 'abc", Invalid),
        ("if x:\n    pass\nelse:", incomplete("    ")),
        ("if x: pass", Complete),
        ("x = 1:", Invalid),
        ("@jit", incomplete("")),
        ("@jit\ndef f(x):", incomplete("    ")),
        ("def f(x):  # comment", incomplete("    ")),
        ("d = {'a':", incomplete("")),
        ("x = ]", Invalid),
        ("(1, 2))", Invalid),
        ("if x:\n    y = 1\nz = 2", Complete),
        ("def f(x):\n    if x:\n        return 1\n    return 2", incomplete("    ")),
        ("def f(x):\n    return x\n    ", Complete),
        ("x = 1 2", Invalid),
    ];
    for (code, want) in table {
        assert_eq!(&is_complete(code), want, "is_complete({code:?})");
    }
}

#[test]
fn classes_generators_and_with() {
    let code = "@dataclass\nclass P(Base, metaclass=M):\n    \"\"\"Doc.\"\"\"\n    x: float = 0.0\n    def f(self):\n        yield self.x\n        yield from g()\n";
    let stmts = ok(code);
    let StmtKind::ClassDef(c) = &stmts[0].kind else { panic!() };
    assert_eq!(&*c.name, "P");
    assert_eq!(c.bases.len(), 2);
    assert!(matches!(&c.bases[1], Arg::Kw(n, _) if &**n == "metaclass"));
    assert_eq!(c.decorators.len(), 1);
    assert_eq!(c.doc.as_deref(), Some("Doc."));
    assert!(matches!(&c.body[1].kind, StmtKind::AnnAssign { .. }));
    let StmtKind::FunctionDef(f) = &c.body[2].kind else { panic!() };
    assert!(f.is_generator);
    let stmts = ok("def f():\n    return [x for x in g()]\n");
    let StmtKind::FunctionDef(f) = &stmts[0].kind else { panic!() };
    assert!(!f.is_generator);
    let stmts = ok("with a() as x, b:\n    pass\nfor i in y:\n    pass\nelse:\n    pass\nfrom m import *\n");
    assert!(matches!(&stmts[0].kind, StmtKind::With { items, .. } if items.len() == 2 && items[0].target.is_some() && items[1].target.is_none()));
    assert!(matches!(&stmts[1].kind, StmtKind::For { orelse, .. } if orelse.len() == 1));
    assert!(matches!(&stmts[2].kind, StmtKind::ImportStar { module } if &**module == "m"));
}
