//! `sys`: the script's arguments (`argv`, set by the front end with `set_argv`), the output
//! streams (`stdout`/`stderr` with `write` and `flush`, also accepted by `print(file=...)`),
//! `exit` (a `SystemExit` the front ends turn into the process's exit status, see
//! `exit_status`), and facts about the interpreter: `version`, `version_info`, `platform`,
//! `maxsize`, `float_info`, `byteorder`, `getrecursionlimit`.

use super::{err, module, nargs, no_kw, set, Entry};
use lang::native::{Builtin, Diagnostic, Interp, Kwargs, Module, Result, StreamKind, Value};
use std::rc::Rc;
use std::sync::Mutex;

/// The Python version whose standard library Slope follows.
pub const PYTHON_VERSION: (i64, i64, i64) = (3, 11, 0);

static ARGV: Mutex<Vec<String>> = Mutex::new(Vec::new());

/// Set `sys.argv` for sessions created from now on: the script's path and its arguments
/// (`["-c", ...]` for `slope -c`, `[""]` for the REPL, as Python).
pub fn set_argv(argv: Vec<String>) {
    if let Ok(mut a) = ARGV.lock() {
        *a = argv;
    }
}

/// What a `SystemExit` means for a process: its exit status, and the message to print on
/// stderr first (Python's rules: `None` is 0, an int is that status, anything else is printed
/// and the status is 1). `None` for other errors.
pub fn exit_status(d: &Diagnostic) -> Option<(i32, Option<String>)> {
    if d.kind.as_ref() != "SystemExit" {
        return None;
    }
    let m = d.message.trim();
    // sys.exit(False) and sys.exit(True) are the ints 0 and 1.
    if m.is_empty() || m == "None" || m == "False" {
        return Some((0, None));
    }
    if m == "True" {
        return Some((1, None));
    }
    match m.parse::<i64>() {
        Ok(code) => Some(((code & 0xff) as i32, None)),
        Err(_) => Some((1, Some(d.message.clone()))),
    }
}

fn write(it: &mut Interp, b: &Builtin, args: Vec<Value>, kw: Kwargs) -> Result<Value> {
    no_kw(&kw, "write")?;
    nargs(&args, 1, 1, "write")?;
    let text = match &args[0] {
        Value::Str(s) => s.to_string(),
        other => return Err(err("TypeError", format!("write() argument must be str, not {}", other.type_name())).with_help("convert with str(x) first")),
    };
    let kind = if b.name.starts_with("stderr") { StreamKind::Stderr } else { StreamKind::Stdout };
    it.write(kind, &text);
    Ok(Value::Int(text.chars().count() as i64))
}

fn flush(_it: &mut Interp, _b: &Builtin, _args: Vec<Value>, _kw: Kwargs) -> Result<Value> {
    Ok(Value::None)
}

fn exit(it: &mut Interp, _b: &Builtin, args: Vec<Value>, kw: Kwargs) -> Result<Value> {
    no_kw(&kw, "exit")?;
    nargs(&args, 0, 1, "exit")?;
    let message = match args.first() {
        None | Some(Value::None) => String::new(),
        Some(v) => it.to_str(v)?,
    };
    Err(Diagnostic::new("SystemExit", message))
}

fn getrecursionlimit(_it: &mut Interp, _b: &Builtin, args: Vec<Value>, kw: Kwargs) -> Result<Value> {
    no_kw(&kw, "getrecursionlimit")?;
    nargs(&args, 0, 0, "getrecursionlimit")?;
    Ok(Value::Int(lang::native::MAX_DEPTH as i64))
}

const FNS: &[Entry] = &[
    ("exit", exit, "exit(status=None): leave the program: None or 0 is success, an int is the exit status, anything else is printed and exits with 1."),
    ("getrecursionlimit", getrecursionlimit, "getrecursionlimit(): how deep Python calls may nest before a RecursionError."),
    ("exc_info", exc_info, "exc_info(): the exception being handled, as (type, value, traceback), or (None, None, None) outside an except block. The traceback is an object for traceback.format_tb; its frames are those of the value."),
    ("exception", exception, "exception(): the exception being handled, or None outside an except block."),
    ("_format_exc", format_exc, "_format_exc(limit=None): the exception being handled, formatted as CPython's traceback.format_exc (traceback module use)."),
];

fn exc_info(it: &mut Interp, _b: &Builtin, args: Vec<Value>, kw: Kwargs) -> Result<Value> {
    no_kw(&kw, "exc_info")?;
    nargs(&args, 0, 0, "exc_info")?;
    Ok(match it.exc_info() {
        Some((c, v)) => Value::tuple(vec![c, v, Value::None]),
        None => Value::tuple(vec![Value::None, Value::None, Value::None]),
    })
}

fn exception(it: &mut Interp, _b: &Builtin, args: Vec<Value>, kw: Kwargs) -> Result<Value> {
    no_kw(&kw, "exception")?;
    nargs(&args, 0, 0, "exception")?;
    Ok(it.exc_info().map(|(_, v)| v).unwrap_or(Value::None))
}

fn format_exc(it: &mut Interp, _b: &Builtin, args: Vec<Value>, kw: Kwargs) -> Result<Value> {
    no_kw(&kw, "_format_exc")?;
    nargs(&args, 0, 1, "_format_exc")?;
    let limit = match args.first() {
        None | Some(Value::None) => None,
        Some(v) => Some(super::index(it, v)?),
    };
    Ok(match it.handling_exception() {
        Some(d) => Value::str(&d.python_traceback(limit)),
        None => Value::str("NoneType: None\n"),
    })
}

fn stream(name: &str) -> Value {
    let m = Module::new(&format!("sys.{name}"));
    let w: &'static str = if name == "stdout" { "stdout.write" } else { "stderr.write" };
    let f: &'static str = if name == "stdout" { "stdout.flush" } else { "stderr.flush" };
    m.attrs.borrow_mut().insert("write".into(), Value::Builtin(Rc::new(Builtin { name: w.into(), f: write, jax: false, doc: "write(text): write text to the stream; returns the number of characters." })));
    m.attrs.borrow_mut().insert("flush".into(), Value::Builtin(Rc::new(Builtin { name: f.into(), f: flush, jax: false, doc: "flush(): write out buffered text (streams are unbuffered here)." })));
    Value::Module(Rc::new(m))
}

/// The module `sys`.
pub fn build(_it: &mut Interp) -> Result<Value> {
    let m = module("sys", FNS);
    let argv = ARGV.lock().map(|a| a.clone()).unwrap_or_default();
    let argv = if argv.is_empty() { vec![String::new()] } else { argv };
    set(&m, "argv", Value::list(argv.iter().map(|a| Value::str(a)).collect()));
    set(&m, "stdout", stream("stdout"));
    set(&m, "stderr", stream("stderr"));
    let (major, minor, micro) = PYTHON_VERSION;
    set(&m, "version", Value::str(&format!("{major}.{minor}.{micro} (Slope {})", env!("CARGO_PKG_VERSION"))));
    set(&m, "version_info", Value::tuple(vec![Value::Int(major), Value::Int(minor), Value::Int(micro), Value::str("final"), Value::Int(0)]));
    let platform = match std::env::consts::OS {
        "macos" => "darwin",
        "windows" => "win32",
        other => other,
    };
    set(&m, "platform", Value::str(platform));
    set(&m, "byteorder", Value::str(if cfg!(target_endian = "little") { "little" } else { "big" }));
    set(&m, "maxsize", Value::Int(i64::MAX));
    set(&m, "executable", Value::str(&std::env::current_exe().map(|p| p.display().to_string()).unwrap_or_default()));
    let fi = Module::new("sys.float_info");
    for (k, v) in [
        ("max", Value::Float(f64::MAX)),
        ("min", Value::Float(f64::MIN_POSITIVE)),
        ("epsilon", Value::Float(f64::EPSILON)),
        ("dig", Value::Int(f64::DIGITS as i64)),
        ("mant_dig", Value::Int(f64::MANTISSA_DIGITS as i64)),
        ("max_exp", Value::Int(f64::MAX_EXP as i64)),
        ("min_exp", Value::Int(f64::MIN_EXP as i64)),
        ("max_10_exp", Value::Int(f64::MAX_10_EXP as i64)),
        ("min_10_exp", Value::Int(f64::MIN_10_EXP as i64)),
        ("radix", Value::Int(f64::RADIX as i64)),
        ("rounds", Value::Int(1)),
    ] {
        set(&fi, k, v);
    }
    set(&m, "float_info", Value::Module(Rc::new(fi)));
    Ok(Value::Module(Rc::new(m)))
}
