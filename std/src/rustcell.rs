//! `%%rust` cells and the `slope.rust` module (ARCHITECTURE.md, "Rust cells").
//!
//! A Rust cell runs in `slope-rust` (the `rustcell/` workspace), a child process started on the
//! first `%%rust` cell and kept for the session: it runs cells with evcxr, which loads their
//! code into a process of its own, so a panic or an abort in user Rust code never takes the REPL
//! or the kernel down. Cells go to it as JSON lines; their output comes back streamed, and
//! rustc's errors become diagnostics at the cell's line.
//!
//! `slope::export("f", f)` in a Rust cell (the helper module of `rustcell/src/prelude.rs`)
//! registers `f` with a server thread of evcxr's runtime process, which answers on a Unix socket
//! (`SLOPE_RUST_SOCKET`); after every cell this side lists the exports and makes each one
//! `slope.rust.f`. Called on a JAX array or inside a trace, `f` runs through `jax.pure_callback`
//! (inside a trace a `HostCall` primitive, run when the computation runs: `jit` compiles the
//! function around it, `vmap` calls an elementwise export once on the whole batch and a
//! declared-shape one per example; `jax.custom_jvp`/`custom_vjp` give it a derivative, in
//! Slope or through another export, also inside a custom_vjp's bwd); on numpy arrays and
//! numbers it runs at once.

use lang::native::{Array, Builtin, DType, Diagnostic, HostArray, Interp, Kwargs, Module, Result, Source, Span, StreamKind, Value};
use std::io::{BufRead, BufReader, Read, Write};
use std::path::PathBuf;
use std::process::{Child, ChildStdin, ChildStdout, Command, Stdio};
use std::rc::Rc;
use std::sync::{Arc, Mutex};
use std::time::Instant;

/// The session's Rust context: the `slope-rust` child and what its cells exported.
pub struct RustCells {
    child: Child,
    stdin: ChildStdin,
    stdout: BufReader<ChildStdout>,
    /// The end of the child's stderr (for the message when it dies).
    stderr: Arc<Mutex<String>>,
    socket: PathBuf,
    conn: Option<std::os::unix::net::UnixStream>,
    /// (name, dtype code: 0 f32, 1 f64, kind: 0 elementwise, 1 declared shape).
    exports: Vec<(String, u8, u8)>,
}

impl Drop for RustCells {
    /// Ask `slope-rust` to quit (evcxr then removes its build directory and ends its runtime
    /// process); kill it if it has not within two seconds.
    fn drop(&mut self) {
        let _ = writeln!(self.stdin, "{{\"op\":\"quit\"}}").and_then(|_| self.stdin.flush());
        let t = Instant::now();
        while t.elapsed() < std::time::Duration::from_secs(2) {
            if let Ok(Some(_)) = self.child.try_wait() {
                break;
            }
            std::thread::sleep(std::time::Duration::from_millis(10));
        }
        let _ = self.child.kill();
        let _ = self.child.wait();
        let _ = std::fs::remove_file(&self.socket);
    }
}

/// Where the session keeps its `RustCells` (`Interp::extensions`).
const KEY: &str = "rustcell";

fn ctx(it: &Interp) -> Option<&RustCells> {
    it.extension(KEY).and_then(|b| b.downcast_ref())
}

fn ctx_mut(it: &mut Interp) -> Option<&mut RustCells> {
    it.extensions().get_mut(KEY).and_then(|b| b.downcast_mut())
}

const INSTALL_HELP: &str = "install Rust with rustup (https://rustup.rs: curl --proto '=https' -sSf https://sh.rustup.rs | sh), make sure cargo and rustc are on PATH, and restart the session";

/// `%%rust`: run `body` in the session's Rust context.
pub fn cell(it: &mut Interp, name: &str, first: &str, body: &str) -> Result<Option<Value>> {
    // The cell as the user wrote it, so diagnostics show its lines with their numbers.
    let src = Source::new(name, format!("%%{first}\n{body}"));
    let mut started = false;
    if ctx(it).is_none() {
        let rc = start(it)?;
        it.extensions().insert(KEY, Box::new(rc));
        started = true;
    }
    let rc = ctx_mut(it).unwrap();
    let req = format!("{{\"op\":\"eval\",\"code\":{}}}\n", json_string(body));
    if rc.stdin.write_all(req.as_bytes()).and_then(|_| rc.stdin.flush()).is_err() {
        return Err(died(it, started));
    }
    let mut errors = Vec::new();
    let mut failure: Option<Diagnostic> = None;
    let mut stderr = String::new();
    loop {
        let Some(msg) = read_msg(&mut ctx_mut(it).unwrap().stdout) else {
            return Err(died(it, started));
        };
        match msg.get("t").and_then(|t| t.as_str()).unwrap_or("") {
            "out" => it.write(StreamKind::Stdout, msg["text"].as_str().unwrap_or("")),
            "err" => {
                let text = msg["text"].as_str().unwrap_or("");
                stderr.push_str(text);
                it.write(StreamKind::Stderr, text);
            }
            "value" => {
                let text = msg["text"].as_str().unwrap_or("").trim_end_matches('\n');
                it.write(StreamKind::Stdout, &format!("{text}\n"));
            }
            "compile_error" => errors.push(msg),
            "error" => {
                let text = msg["message"].as_str().unwrap_or("").trim().to_string();
                failure = Some(match msg["kind"].as_str() {
                    Some("terminated") => {
                        // evcxr starts a new runtime process; what the old one held is gone.
                        let rc = ctx_mut(it).unwrap();
                        rc.conn = None;
                        rc.exports.clear();
                        Diagnostic::new("RuntimeError", format!("the Rust code ended its process: {text}"))
                            .with_help("the Rust variables and exported functions of earlier cells are lost: run their cells again")
                    }
                    _ => Diagnostic::new("RuntimeError", text).with_help("the Rust variables and functions of earlier cells are kept"),
                });
            }
            "done" => break,
            _ => {}
        }
    }
    refresh_exports(it);
    if !errors.is_empty() {
        return Err(compile_error(&src, &errors));
    }
    if let Some(d) = failure {
        return Err(d);
    }
    // A panic in the cell's own code: evcxr caught it (the runtime's panic hook printed it);
    // the cell fails as a Python exception would. Its message is the line after the header.
    if let Some(i) = stderr.find(" panicked at ") {
        let msg = stderr[i..].lines().nth(1).unwrap_or("").trim();
        return Err(Diagnostic::new("RuntimeError", format!("Rust panic: {msg}"))
            .with_help("the panic was caught: the Rust variables and functions of earlier cells are kept (variables this cell made are not)"));
    }
    Ok(None)
}

/// The error when the child is gone (killed, crashed): the next `%%rust` starts a new one.
fn died(it: &mut Interp, started: bool) -> Diagnostic {
    let tail = ctx(it).map(|rc| rc.stderr.lock().map(|s| s.clone()).unwrap_or_default()).unwrap_or_default();
    it.extensions().remove(KEY);
    set_module(it, &[]);
    let what = if started { "the Rust process (slope-rust) ended while starting" } else { "the Rust process (slope-rust) ended" };
    let mut d = Diagnostic::new("RuntimeError", format!("{what}: the Rust variables and exported functions of earlier cells are lost"));
    let tail = tail.trim();
    if !tail.is_empty() {
        d.message.push_str(&format!("\n{tail}"));
    }
    d.with_help("run the cell again: the next %%rust cell starts a new Rust context")
}

/// A Diagnostic for rustc's errors: the first at its line of the cell, the others as notes.
fn compile_error(src: &Rc<Source>, errors: &[serde_json::Value]) -> Diagnostic {
    let span_of = |e: &serde_json::Value| -> Option<Span> {
        let s = e["span"].as_array()?;
        let n = |i: usize| s.get(i).and_then(|v| v.as_u64()).unwrap_or(1) as usize;
        // evcxr's lines are 1-based within the body, which is line 2 of the cell.
        let start = offset(&src.text, n(0) + 1, n(1));
        let end = offset(&src.text, n(2) + 1, n(3)).max(start + 1);
        Some(Span { start: start as u32, end: end.min(src.text.len()).max(start) as u32 })
    };
    let title = |e: &serde_json::Value| -> String {
        let m = e["message"].as_str().unwrap_or("").trim();
        match e["code"].as_str() {
            Some(c) => format!("error[{c}]: {m}"),
            None => m.to_string(),
        }
    };
    let first = &errors[0];
    let mut d = Diagnostic::new("CompileError", title(first));
    if let Some(label) = first["label"].as_str().filter(|l| !l.is_empty() && !d.message.contains(*l)) {
        d.message.push_str(&format!(" ({label})"));
    }
    let help: Vec<String> = first["help"].as_array().map(|h| h.iter().filter_map(|x| x.as_str().map(str::to_string)).collect()).unwrap_or_default();
    d = d.with_help(if help.is_empty() {
        "fix the Rust code and run the cell again; the Rust variables and functions of earlier cells are kept".to_string()
    } else {
        help.join("; ")
    });
    match span_of(first) {
        Some(s) => d = d.at(src, s),
        // No place in the cell (an error in evcxr's generated code): rustc's own text.
        None => {
            if let Some(r) = first["rendered"].as_str().filter(|r| !r.is_empty()) {
                d.message.push_str(&format!("\n{}", r.trim_end()));
            }
        }
    }
    for e in &errors[1..] {
        if let Some(s) = span_of(e) {
            d = d.with_note(src, s, title(e));
        } else {
            d.message.push_str(&format!("\n{}", title(e)));
        }
    }
    d
}

/// The byte offset of 1-based (line, char column) in `text`.
fn offset(text: &str, line: usize, col: usize) -> usize {
    let mut pos = 0;
    for (i, l) in text.split_inclusive('\n').enumerate() {
        if i + 1 == line {
            return pos + l.char_indices().nth(col.saturating_sub(1)).map(|(b, _)| b).unwrap_or(l.trim_end_matches('\n').len());
        }
        pos += l.len();
    }
    text.len()
}

fn read_msg(r: &mut BufReader<ChildStdout>) -> Option<serde_json::Value> {
    loop {
        let mut line = String::new();
        if r.read_line(&mut line).ok()? == 0 {
            return None;
        }
        if let Ok(v) = serde_json::from_str::<serde_json::Value>(line.trim()) {
            return Some(v);
        }
        // A stray line (not the protocol's) is skipped.
    }
}

fn json_string(s: &str) -> String {
    serde_json::Value::String(s.to_string()).to_string()
}

/// An executable on PATH.
fn on_path(name: &str) -> Option<PathBuf> {
    let path = std::env::var_os("PATH")?;
    std::env::split_paths(&path).map(|d| d.join(name)).find(|p| p.is_file())
}

fn cache_dir() -> PathBuf {
    match std::env::var_os("SLOPE_CACHE") {
        Some(d) => PathBuf::from(d),
        None => PathBuf::from(std::env::var_os("HOME").unwrap_or_default()).join(".cache").join("slope"),
    }
}

/// The `slope-rust` binary: `$SLOPE_RUST_BIN`, else the cache's build, else built now from
/// the source tree this Slope was built from.
fn binary(it: &mut Interp) -> Result<PathBuf> {
    if let Some(p) = std::env::var_os("SLOPE_RUST_BIN") {
        let p = PathBuf::from(p);
        if p.is_file() {
            return Ok(p);
        }
        return Err(Diagnostic::new("RuntimeError", format!("SLOPE_RUST_BIN is {}, which is not a file", p.display())).with_help("point it at a built slope-rust (cargo build --manifest-path rustcell/Cargo.toml), or unset it"));
    }
    let target = cache_dir().join("rust-target");
    for profile in ["release", "debug"] {
        let p = target.join(profile).join("slope-rust");
        if p.is_file() {
            return Ok(p);
        }
    }
    let manifest = PathBuf::from(concat!(env!("CARGO_MANIFEST_DIR"), "/../rustcell/Cargo.toml"));
    if !manifest.is_file() {
        return Err(Diagnostic::new("RuntimeError", "%%rust needs the slope-rust program, which was not found")
            .with_help(format!("build it from Slope's source tree (cargo build --manifest-path rustcell/Cargo.toml) and set SLOPE_RUST_BIN, or put it at {}", target.join("debug/slope-rust").display())));
    }
    it.write(StreamKind::Stderr, &format!("Building slope-rust, the Rust cell server (once; several minutes) into {}...\n", target.display()));
    let out = Command::new("cargo")
        .args(["build", "--locked", "--manifest-path"])
        .arg(&manifest)
        .env("CARGO_TARGET_DIR", &target)
        .stdin(Stdio::null())
        .output()
        .map_err(|e| Diagnostic::new("RuntimeError", format!("could not run cargo to build slope-rust: {e}")).with_help(INSTALL_HELP))?;
    let p = target.join("debug").join("slope-rust");
    if !out.status.success() || !p.is_file() {
        let err = String::from_utf8_lossy(&out.stderr);
        let tail: Vec<&str> = err.lines().rev().take(15).collect::<Vec<_>>().into_iter().rev().collect();
        return Err(Diagnostic::new("RuntimeError", format!("building slope-rust failed:\n{}", tail.join("\n")))
            .with_help(format!("build it by hand: cargo build --manifest-path {}", manifest.display())));
    }
    Ok(p)
}

/// Start `slope-rust` and wait until its context is ready; reports the start-up time.
fn start(it: &mut Interp) -> Result<RustCells> {
    for tool in ["cargo", "rustc"] {
        if on_path(tool).is_none() {
            return Err(Diagnostic::new("RuntimeError", format!("%%rust needs a Rust toolchain: `{tool}` was not found on PATH")).with_help(INSTALL_HELP));
        }
    }
    let bin = binary(it)?;
    static NEXT: std::sync::atomic::AtomicUsize = std::sync::atomic::AtomicUsize::new(0);
    let n = NEXT.fetch_add(1, std::sync::atomic::Ordering::Relaxed);
    let socket = std::env::temp_dir().join(format!("slope-rust-{}-{n}.sock", std::process::id()));
    let _ = std::fs::remove_file(&socket);
    let t0 = Instant::now();
    use std::os::unix::process::CommandExt;
    let mut child = Command::new(&bin)
        .env("SLOPE_RUST_SOCKET", &socket)
        // A process group of its own: Ctrl-C in the terminal (or a kernel interrupt sent to the
        // kernel's group) interrupts Slope, not the Rust context and its variables.
        .process_group(0)
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .map_err(|e| Diagnostic::new("RuntimeError", format!("could not start {}: {e}", bin.display())).with_help("check SLOPE_RUST_BIN, or rebuild slope-rust"))?;
    let stderr = Arc::new(Mutex::new(String::new()));
    if let Some(mut e) = child.stderr.take() {
        let keep = stderr.clone();
        std::thread::spawn(move || {
            let mut buf = [0u8; 4096];
            while let Ok(n) = e.read(&mut buf) {
                if n == 0 {
                    break;
                }
                let mut s = keep.lock().unwrap_or_else(|e| e.into_inner());
                s.push_str(&String::from_utf8_lossy(&buf[..n]));
                if s.len() > 8192 {
                    let cut = s.len() - 4096;
                    let cut = (cut..s.len()).find(|&i| s.is_char_boundary(i)).unwrap_or(s.len());
                    s.drain(..cut);
                }
            }
        });
    }
    let stdin = child.stdin.take().expect("piped stdin");
    let stdout = BufReader::new(child.stdout.take().expect("piped stdout"));
    let mut rc = RustCells { child, stdin, stdout, stderr, socket, conn: None, exports: Vec::new() };
    loop {
        let Some(msg) = read_msg(&mut rc.stdout) else {
            let tail = rc.stderr.lock().map(|s| s.trim().to_string()).unwrap_or_default();
            return Err(Diagnostic::new("RuntimeError", format!("slope-rust ended before its Rust context was ready{}", if tail.is_empty() { String::new() } else { format!(":\n{tail}") }))
                .with_help("check that `cargo` and `rustc` work (cargo --version); run the cell again to retry"));
        };
        match msg["t"].as_str().unwrap_or("") {
            "ready" => {
                let secs = msg["secs"].as_f64().unwrap_or(0.0).max(t0.elapsed().as_secs_f64());
                it.write(StreamKind::Stderr, &format!("Rust context ready in {secs:.1} s\n"));
                return Ok(rc);
            }
            "fatal" => {
                return Err(Diagnostic::new("RuntimeError", format!("the Rust context did not start: {}", msg["message"].as_str().unwrap_or("").trim()))
                    .with_help("check that `cargo` and `rustc` work (cargo --version); run the cell again to retry"));
            }
            "out" => it.write(StreamKind::Stdout, msg["text"].as_str().unwrap_or("")),
            "err" => it.write(StreamKind::Stderr, msg["text"].as_str().unwrap_or("")),
            _ => {}
        }
    }
}

// ---------------------------------------------------------------------------------------------
// The exports: the socket client and `slope.rust`

/// The socket protocol (`rustcell/src/prelude.rs`): little-endian u64 lengths.
fn put_u64(out: &mut Vec<u8>, x: u64) {
    out.extend_from_slice(&x.to_le_bytes());
}
fn put_bytes(out: &mut Vec<u8>, b: &[u8]) {
    put_u64(out, b.len() as u64);
    out.extend_from_slice(b);
}
fn get_u64(r: &mut impl Read) -> std::io::Result<u64> {
    let mut b = [0u8; 8];
    r.read_exact(&mut b)?;
    Ok(u64::from_le_bytes(b))
}
fn get_u8(r: &mut impl Read) -> std::io::Result<u8> {
    let mut b = [0u8; 1];
    r.read_exact(&mut b)?;
    Ok(b[0])
}
fn get_bytes(r: &mut impl Read) -> std::io::Result<Vec<u8>> {
    let n = get_u64(r)? as usize;
    let mut v = vec![0u8; n];
    r.read_exact(&mut v)?;
    Ok(v)
}

/// One request on the session's connection to the exports server (connecting on first use).
/// `Ok(None)`: no server yet (nothing exported).
fn request(rc: &mut RustCells, req: &[u8], read: impl FnOnce(&mut std::os::unix::net::UnixStream) -> std::io::Result<Vec<u8>>) -> std::io::Result<Option<Vec<u8>>> {
    if rc.conn.is_none() {
        if !rc.socket.exists() {
            return Ok(None);
        }
        rc.conn = Some(std::os::unix::net::UnixStream::connect(&rc.socket)?);
    }
    let conn = rc.conn.as_mut().unwrap();
    let r = conn.write_all(req).and_then(|_| read(conn));
    if r.is_err() {
        rc.conn = None;
    }
    r.map(Some)
}

/// Ask the server what the cells exported, and make `slope.rust` say the same.
fn refresh_exports(it: &mut Interp) {
    let Some(rc) = ctx_mut(it) else { return };
    let got = request(rc, b"L", |c| {
        let n = get_u64(c)?;
        let mut out = Vec::new();
        for _ in 0..n {
            let name = get_bytes(c)?;
            out.push(name.len() as u8);
            out.extend_from_slice(&name);
            out.push(get_u8(c)?);
            out.push(get_u8(c)?);
        }
        Ok(out)
    });
    let mut exports = Vec::new();
    if let Ok(Some(b)) = got {
        let mut i = 0;
        while i < b.len() {
            let n = b[i] as usize;
            let name = String::from_utf8_lossy(&b[i + 1..i + 1 + n]).into_owned();
            exports.push((name, b[i + 1 + n], b[i + 2 + n]));
            i += n + 3;
        }
    }
    rc.exports = exports.clone();
    set_module(it, &exports);
}

const EXPORT_DOC: &str = "a function written in Rust in a %%rust cell (slope::export): f(x) on an array of the element type it takes (float32 or float64; other dtypes are cast); inside jit, grad or vmap it runs through jax.pure_callback when the computation runs (vmap calls an elementwise export once on the whole batch), and jax.custom_jvp or custom_vjp gives it a derivative";

/// `slope.rust`, built on import: the functions exported so far (none before a Rust cell).
pub fn build_module(it: &mut Interp) -> Result<Value> {
    let m = Module::new("slope.rust");
    let names: Vec<String> = ctx(it).map(|rc| rc.exports.iter().map(|e| e.0.clone()).collect()).unwrap_or_default();
    for n in names {
        m.attrs.borrow_mut().insert(n.as_str().into(), export_fn(&n));
    }
    Ok(Value::Module(Rc::new(m)))
}

fn export_fn(name: &str) -> Value {
    Value::Builtin(Rc::new(Builtin { name: name.into(), f: call_export, jax: false, doc: EXPORT_DOC }))
}

/// Make the module `slope.rust` (and the attribute `rust` of `slope`, when imported) hold
/// exactly the exported functions.
fn set_module(it: &mut Interp, exports: &[(String, u8, u8)]) {
    let m = match it.loaded_modules().get("slope.rust") {
        Some(Value::Module(m)) => m.clone(),
        _ => {
            let m = Rc::new(Module::new("slope.rust"));
            it.loaded_modules().insert("slope.rust".into(), Value::Module(m.clone()));
            m
        }
    };
    {
        let mut attrs = m.attrs.borrow_mut();
        attrs.retain(|k, _| k.starts_with("__") || exports.iter().any(|e| e.0.as_str() == k.as_ref()));
        for (n, _, _) in exports {
            if !attrs.contains_key(n.as_str()) {
                attrs.insert(n.as_str().into(), export_fn(n));
            }
        }
    }
    if let Some(Value::Module(s)) = it.loaded_modules().get("slope") {
        s.attrs.borrow_mut().insert("rust".into(), Value::Module(m));
    }
}

fn gone(name: &str) -> Diagnostic {
    Diagnostic::new("RuntimeError", format!("slope.rust.{name} is gone: the Rust process that held it ended"))
        .with_help("run the %%rust cell that exports it again")
}

fn dtype_code(d: DType) -> Option<u8> {
    match d {
        DType::F32 => Some(0),
        DType::F64 => Some(1),
        _ => None,
    }
}

/// The variant of `name` for an argument of dtype `d`: the one of its dtype, else float32's,
/// else the first. (dtype code, kind)
fn variant(it: &Interp, name: &str, d: DType) -> Result<(u8, u8)> {
    let rc = ctx(it).ok_or_else(|| gone(name))?;
    let vs: Vec<(u8, u8)> = rc.exports.iter().filter(|e| e.0 == name).map(|e| (e.1, e.2)).collect();
    let want = dtype_code(d);
    vs.iter().find(|v| Some(v.0) == want).or_else(|| vs.iter().find(|v| v.0 == 0)).or(vs.first()).copied().ok_or_else(|| gone(name))
}

/// `slope.rust.f(x)`.
fn call_export(it: &mut Interp, b: &Builtin, args: Vec<Value>, kw: Kwargs) -> Result<Value> {
    let name = b.name.to_string();
    if args.len() != 1 || !kw.is_empty() {
        return Err(Diagnostic::new("TypeError", format!("{name}() takes one array argument ({} given)", args.len() + kw.len()))
            .with_help("a Rust export takes one array; pass several values stacked in one array"));
    }
    let x = args.into_iter().next().unwrap();
    let jax = match &x {
        Value::Array(a) => a.jax() || it.is_traced(a),
        // Python numbers are JAX's weak float32, as jnp.sin(1.0) would take them.
        _ => true,
    };
    let xa = it.to_array(&x, jax)?;
    let (code, kind) = variant(it, &name, xa.dtype())?;
    let target = if code == 0 { DType::F32 } else { DType::F64 };
    let xa = if xa.dtype() == target {
        xa
    } else {
        match it.call_method(&Value::Array(xa), "astype", vec![Value::str(target.name())], Vec::new())? {
            Value::Array(a) => a,
            _ => unreachable!("astype gives an array"),
        }
    };
    if !jax {
        let h = it.force(&xa)?;
        return Ok(Value::Array(Array::host(run(it, &name, code, &h)?, false)));
    }
    let shape = if kind == 0 { xa.shape().to_vec() } else { out_shape(it, &name, code, xa.shape())? };
    let jax_mod = it.import("jax")?;
    let sds = it.getattr(&jax_mod, "ShapeDtypeStruct")?;
    let shape_v = Value::Tuple(Rc::new(shape.iter().map(|&d| Value::Int(d as i64)).collect()));
    let sds = it.call(&sds, vec![shape_v, Value::str(xa.dtype().name())], Vec::new())?;
    let raw = Value::Builtin(Rc::new(Builtin { name: b.name.clone(), f: call_raw, jax: false, doc: EXPORT_DOC }));
    let pc = it.getattr(&jax_mod, "pure_callback")?;
    // An elementwise export is called once on a whole batch under vmap; a declared-shape one
    // once per example.
    let kw = if kind == 0 { vec![("vmap_method".into(), Value::str("expand_dims"))] } else { Vec::new() };
    it.call(&pc, vec![raw, sds, Value::Array(xa)], kw)
}

/// The callback `pure_callback` runs: `f` on the argument's values.
fn call_raw(it: &mut Interp, b: &Builtin, args: Vec<Value>, _kw: Kwargs) -> Result<Value> {
    let Some(Value::Array(a)) = args.first() else {
        return Err(Diagnostic::new("TypeError", format!("{}() takes one array", b.name)));
    };
    let (code, _) = variant(it, &b.name, a.dtype())?;
    let h = it.force(a)?;
    Ok(Value::Array(Array::host(run(it, &b.name, code, &h)?, false)))
}

fn request_err(it: &mut Interp, name: &str, e: std::io::Error) -> Diagnostic {
    // The runtime process died (an abort, a stack overflow): start afresh on the next cell.
    it.extensions().remove(KEY);
    set_module(it, &[]);
    Diagnostic::new("RuntimeError", format!("the Rust process ended while running {name} ({e}): an abort, a stack overflow or a crash in Rust code; the Rust variables and exported functions are lost"))
        .with_help("run the Rust cells again: the next %%rust cell starts a new Rust context")
}

/// The output shape of a declared-shape export for input shape `shape`.
fn out_shape(it: &mut Interp, name: &str, code: u8, shape: &[usize]) -> Result<Vec<usize>> {
    let mut req = vec![b'S'];
    put_bytes(&mut req, name.as_bytes());
    req.push(code);
    put_u64(&mut req, shape.len() as u64);
    shape.iter().for_each(|&d| put_u64(&mut req, d as u64));
    let rc = ctx_mut(it).ok_or_else(|| gone(name))?;
    let r = request(rc, &req, |c| {
        let mut out = vec![get_u8(c)?];
        if out[0] == b'o' {
            let n = get_u64(c)?;
            for _ in 0..n {
                out.extend_from_slice(&get_u64(c)?.to_le_bytes());
            }
        } else {
            out.extend_from_slice(&get_bytes(c)?);
        }
        Ok(out)
    });
    match r {
        Ok(Some(b)) if b[0] == b'o' => Ok(b[1..].chunks_exact(8).map(|c| u64::from_le_bytes(c.try_into().unwrap()) as usize).collect()),
        Ok(Some(b)) => Err(panic_error(name, &b[1..], "computing its output shape")),
        Ok(None) => Err(gone(name)),
        Err(e) => Err(request_err(it, name, e)),
    }
}

fn panic_error(name: &str, msg: &[u8], doing: &str) -> Diagnostic {
    let msg = String::from_utf8_lossy(msg);
    let what = if doing.is_empty() { String::new() } else { format!(" ({doing})") };
    Diagnostic::new("RuntimeError", format!("Rust panic in {name}{what}: {msg}"))
        .with_help("the panic was caught: the Rust context and its variables are intact; fix the input or the Rust function")
}

/// The bytes of floats, as the protocol sends them (little-endian, which `cfg` below requires):
/// one copy, not a loop per element (the session's crates are unoptimized in debug builds).
fn as_bytes<T: Copy>(v: &[T]) -> &[u8] {
    // SAFETY: f32/f64 have no padding and every byte pattern is a valid u8.
    unsafe { std::slice::from_raw_parts(v.as_ptr() as *const u8, std::mem::size_of_val(v)) }
}

fn from_bytes<T: Copy + Default>(b: &[u8]) -> Vec<T> {
    let n = b.len() / std::mem::size_of::<T>();
    let mut v = vec![T::default(); n];
    // SAFETY: `v` holds n elements, n·size_of::<T>() ≤ b.len() bytes; floats accept any bits.
    unsafe { std::ptr::copy_nonoverlapping(b.as_ptr(), v.as_mut_ptr() as *mut u8, n * std::mem::size_of::<T>()) };
    v
}

#[cfg(not(target_endian = "little"))]
compile_error!("the %%rust socket protocol sends floats little-endian: add byte swaps for this target");

/// Run export `name` (variant `code`) on host data; the result has `h`'s dtype.
fn run(it: &mut Interp, name: &str, code: u8, h: &HostArray) -> Result<HostArray> {
    let target = if code == 0 { DType::F32 } else { DType::F64 };
    let x = h.cast(target);
    let mut req = vec![b'C'];
    put_bytes(&mut req, name.as_bytes());
    req.push(code);
    put_u64(&mut req, x.shape.len() as u64);
    x.shape.iter().for_each(|&d| put_u64(&mut req, d as u64));
    let mut bytes = Vec::with_capacity(x.len() * target.size_bytes());
    match &x.data {
        lang::native::Data::F32(v) => bytes.extend_from_slice(as_bytes(v)),
        lang::native::Data::F64(v) => bytes.extend_from_slice(as_bytes(v)),
        _ => unreachable!("cast to a float dtype"),
    }
    put_bytes(&mut req, &bytes);
    let rc = ctx_mut(it).ok_or_else(|| gone(name))?;
    let r = request(rc, &req, |c| {
        let status = get_u8(c)?;
        let mut out = vec![status];
        if status == b'o' {
            let n = get_u64(c)?;
            put_u64(&mut out, n);
            for _ in 0..n {
                put_u64(&mut out, get_u64(c)?);
            }
        }
        out.extend_from_slice(&get_bytes(c)?);
        Ok(out)
    });
    let b = match r {
        Ok(Some(b)) => b,
        Ok(None) => return Err(gone(name)),
        Err(e) => return Err(request_err(it, name, e)),
    };
    if b[0] != b'o' {
        return Err(panic_error(name, &b[1..], ""));
    }
    let rd = |i: usize| u64::from_le_bytes(b[i..i + 8].try_into().unwrap()) as usize;
    let n = rd(1);
    let shape: Vec<usize> = (0..n).map(|k| rd(9 + 8 * k)).collect();
    let data = &b[9 + 8 * n..];
    let out = if code == 0 {
        HostArray::from_f32(&shape, from_bytes(data))
    } else {
        HostArray::from_f64(&shape, from_bytes(data))
    };
    Ok(if h.dtype() == target { out } else { out.cast(h.dtype()) })
}
