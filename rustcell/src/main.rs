//! `slope-rust`: the server behind Slope's `%%rust` cells. Slope starts it as a child process on
//! the first Rust cell and keeps it for the session, so nothing that happens in user Rust code
//! can take the REPL or the kernel down. It runs the cells with evcxr, which compiles each one
//! into a dylib and runs it in a further process of its own (this binary again, through
//! `evcxr::runtime_hook`).
//!
//! Protocol: JSON lines. In (stdin): `{"op":"eval","code":…}`. Out (stdout), for each cell:
//! streamed `{"t":"out"|"err","text":…}`, then `{"t":"value","text":…}` (the final expression's
//! display), `{"t":"compile_error",…}` per rustc error, `{"t":"error","kind":…,"message":…}`,
//! and always `{"t":"done"}` last. On start-up: `{"t":"ready","secs":…}` once the context has
//! compiled its first cell (the `slope` helper module, `prelude.rs`), or `{"t":"fatal",…}`.

use serde_json::{json, Value};
use std::io::{BufRead, Write};
use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant};

const PRELUDE: &str = include_str!("prelude.rs");

fn main() {
    // In evcxr's runtime process and its rustc wrapper this never returns.
    evcxr::runtime_hook();
    let out = Arc::new(Mutex::new(std::io::stdout()));
    let send = {
        let out = out.clone();
        move |v: Value| {
            let mut o = out.lock().unwrap_or_else(|e| e.into_inner());
            let _ = writeln!(o, "{v}");
            let _ = o.flush();
        }
    };
    let t0 = Instant::now();
    let (mut ctx, outputs) = match evcxr::CommandContext::new() {
        Ok(x) => x,
        Err(e) => {
            send(json!({"t": "fatal", "message": e.to_string()}));
            return;
        }
    };
    // Forward the runtime's output as it comes. The lock is held from receiving a line to
    // writing it, so once evcxr says the channel is empty, taking the lock means every line
    // has been written (`done` never overtakes output).
    for (rx, tag) in [(outputs.stdout.clone(), "out"), (outputs.stderr.clone(), "err")] {
        let out = out.clone();
        std::thread::spawn(move || loop {
            let mut o = out.lock().unwrap_or_else(|e| e.into_inner());
            match rx.recv_timeout(Duration::from_millis(5)) {
                Ok(line) => {
                    let _ = writeln!(o, "{}", json!({"t": tag, "text": format!("{line}\n")}));
                    let _ = o.flush();
                }
                Err(crossbeam_channel::RecvTimeoutError::Timeout) => {
                    drop(o);
                    std::thread::sleep(Duration::from_millis(1));
                }
                Err(_) => return,
            }
        });
    }
    let t1 = Instant::now();
    if let Err(e) = ctx.execute(PRELUDE) {
        send(json!({"t": "fatal", "message": format!("the slope helper module did not compile: {e}")}));
        return;
    }
    // SLOPE_RUST_TIMING=1: where the start-up went, on stderr.
    if std::env::var_os("SLOPE_RUST_TIMING").is_some() {
        eprintln!("slope-rust: evcxr context (its first cell) {:.2} s, helper module {:.2} s", (t1 - t0).as_secs_f64(), t1.elapsed().as_secs_f64());
    }
    send(json!({"t": "ready", "secs": t0.elapsed().as_secs_f64()}));

    let stdin = std::io::stdin();
    for line in stdin.lock().lines() {
        let Ok(line) = line else { break };
        let Ok(req) = serde_json::from_str::<Value>(&line) else { continue };
        match req["op"].as_str() {
            Some("eval") => {
                let code = req["code"].as_str().unwrap_or("");
                eval(&mut ctx, code, &send);
                // stderr comes through its own reader thread in evcxr: give it a moment.
                let t = Instant::now();
                while !outputs.stderr.is_empty() && t.elapsed() < Duration::from_millis(200) {
                    std::thread::sleep(Duration::from_millis(2));
                }
                let o = out.lock().unwrap_or_else(|e| e.into_inner());
                drop(o);
                send(json!({"t": "done"}));
            }
            Some("quit") => break,
            _ => {}
        }
    }
    // Also when the session died without a word (stdin closed): leave no socket file behind.
    // (Dropping the context then ends evcxr's runtime process and removes its build directory.)
    if let Some(p) = std::env::var_os("SLOPE_RUST_SOCKET") {
        let _ = std::fs::remove_file(p);
    }
}

fn eval(ctx: &mut evcxr::CommandContext, code: &str, send: &dyn Fn(Value)) {
    // CommandContext: evcxr's `:dep`, `:opt` and other commands work as in its REPL.
    match ctx.execute(code) {
        Ok(outputs) => {
            if let Some(text) = outputs.get("text/plain") {
                send(json!({"t": "value", "text": text}));
            }
        }
        Err(evcxr::Error::CompilationErrors(errors)) => {
            for e in errors {
                let mut v = json!({
                    "t": "compile_error",
                    "message": e.message(),
                    "code": e.code(),
                    "level": e.level(),
                    "help": e.help(),
                    "rendered": e.rendered(),
                });
                if let Some(m) = e.primary_spanned_message() {
                    v["label"] = json!(m.label);
                    if let Some(s) = &m.span {
                        v["span"] = json!([s.start_line, s.start_column, s.end_line, s.end_column]);
                    }
                }
                send(v);
            }
        }
        Err(evcxr::Error::SubprocessTerminated(m)) => send(json!({"t": "error", "kind": "terminated", "message": m})),
        Err(evcxr::Error::TypeRedefinedVariablesLost(vars)) => {
            send(json!({"t": "error", "kind": "lost", "message": format!("a type was redefined, so these variables were lost: {}", vars.join(", "))}))
        }
        Err(e) => send(json!({"t": "error", "kind": "message", "message": e.to_string()})),
    }
}
