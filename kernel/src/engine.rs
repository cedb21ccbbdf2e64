//! The engine thread: owns the `lang::Session` (which is `!Send`) on one dedicated thread with a
//! big stack, takes `Request`s over a channel and answers with `Event`s. Streams and displays
//! are sent as they happen, so the socket side can publish them while the cell still runs.
//! `input()` reads through the session's input hook, set here: it asks the socket side for a
//! line and waits.

use lang::StreamKind;
use lang::Output;
use std::cell::RefCell;
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::mpsc;
use std::sync::Arc;
use tokio::sync::mpsc::UnboundedSender;

/// A MIME bundle: type → content, `text/plain` first.
pub type Bundle = Vec<(String, String)>;

/// An error as Jupyter shows it.
#[derive(Clone, Debug)]
pub struct ErrorInfo {
    pub ename: String,
    pub evalue: String,
    pub traceback: Vec<String>,
}

pub enum Request {
    /// Run a cell under `name` (`<cell N>`), then evaluate `user_expressions` (key, code).
    /// `number`: the execution count of a cell kept in the history (store_history), None otherwise.
    Execute { name: String, number: Option<usize>, code: String, allow_stdin: bool, user_expressions: Vec<(String, String)> },
    /// Completions at byte `cursor` of `code`.
    Complete { code: String, cursor: usize },
    /// Help text for the name at byte `cursor` of `code`.
    Inspect { code: String, cursor: usize },
    /// Whether `code` is a complete cell (parsed here, on the engine's big stack: a deeply
    /// nested cell would overflow the socket side's).
    IsComplete { code: String },
}

pub enum Event {
    Stream {
        stderr: bool,
        text: String,
    },
    Display(Bundle),
    /// `clear_output(wait)`.
    Clear {
        wait: bool,
    },
    Result(Bundle),
    Error(ErrorInfo),
    /// `input()` was called: answer on `reply` with the line, or with an error (name, message).
    Input {
        prompt: String,
        password: bool,
        reply: mpsc::Sender<Result<String, (String, String)>>,
    },
    /// The end of an `Execute`, with the user expressions' results.
    Done {
        user_expressions: Vec<(String, Result<Bundle, ErrorInfo>)>,
    },
    Completions(lang::Completions),
    Inspection(Option<String>),
    IsComplete(lang::Completeness),
}

/// The socket side's handle on the engine thread.
pub struct Engine {
    pub requests: mpsc::Sender<Request>,
    pub events: tokio::sync::mpsc::UnboundedReceiver<Event>,
    pub interrupt: Arc<AtomicBool>,
}

/// Start the engine thread with a fresh session.
pub fn start() -> std::io::Result<Engine> {
    let (req_tx, req_rx) = mpsc::channel::<Request>();
    let (ev_tx, ev_rx) = tokio::sync::mpsc::unbounded_channel::<Event>();
    let (int_tx, int_rx) = mpsc::channel::<Arc<AtomicBool>>();
    std::thread::Builder::new()
        .name("slope-engine".into())
        // The interpreter recurses on the machine stack: give it room for deep user recursion.
        .stack_size(1 << 30)
        .spawn(move || run(req_rx, ev_tx, int_tx))?;
    let interrupt = int_rx.recv().map_err(|_| std::io::Error::other("the engine thread did not start"))?;
    Ok(Engine { requests: req_tx, events: ev_rx, interrupt })
}

/// How `input()` reaches the frontend: set per execution, on the engine thread.
type InputHook = Box<dyn FnMut(&str, bool) -> Result<String, (String, String)>>;

thread_local! {
    static INPUT: RefCell<Option<InputHook>> = RefCell::new(None);
}

fn run(requests: mpsc::Receiver<Request>, events: UnboundedSender<Event>, int_tx: mpsc::Sender<Arc<AtomicBool>>) {
    let mut session = slope_std::session();
    let interrupt = session.interrupt_handle();
    if int_tx.send(interrupt.clone()).is_err() {
        return;
    }
    let live = events.clone();
    session.set_output_handler(Box::new(move |out| match out {
        Output::Stream { kind, text } => {
            let _ = live.send(Event::Stream { stderr: kind == StreamKind::Stderr, text });
        }
        Output::Display(b) => {
            let _ = live.send(Event::Display(b));
        }
        Output::Result(b) => {
            let _ = live.send(Event::Result(b));
        }
        Output::Error(d) => {
            let _ = live.send(Event::Error(error_info(&d)));
        }
        Output::Clear { wait } => {
            let _ = live.send(Event::Clear { wait });
        }
    }));
    session.set_input_hook(Box::new(|prompt, password| {
        INPUT.with(|h| match h.borrow_mut().as_mut() {
            Some(f) => f(prompt, password),
            None => Err(("StdinNotImplementedError".into(), "input() is only available while a cell runs".into())),
        })
    }));

    while let Ok(req) = requests.recv() {
        let outcome = std::panic::catch_unwind(std::panic::AssertUnwindSafe(|| handle(&mut session, &interrupt, &events, req)));
        if let Err(p) = outcome {
            let what = p.downcast_ref::<&str>().map(|s| s.to_string()).or_else(|| p.downcast_ref::<String>().cloned()).unwrap_or_default();
            let _ = events.send(Event::Error(ErrorInfo {
                ename: "InternalError".into(),
                evalue: format!("the Slope engine panicked: {what}"),
                traceback: vec![
                    format!("\x1b[31mInternalError\x1b[0m: the Slope engine panicked: {what}"),
                    "This is a bug in Slope; the session may be inconsistent: restart the kernel if it misbehaves.".into(),
                ],
            }));
            // Whatever was asked still gets its closing event, so the socket side never hangs.
            let _ = events.send(Event::Done { user_expressions: Vec::new() });
        }
    }
}

fn handle(session: &mut lang::Session, interrupt: &AtomicBool, events: &UnboundedSender<Event>, req: Request) {
    match req {
        Request::Execute { name, number, code, allow_stdin, user_expressions } => {
            // An interrupt that arrived while idle must not stop this cell.
            interrupt.store(false, Ordering::SeqCst);
            let ev = events.clone();
            INPUT.with(|h| {
                *h.borrow_mut() = Some(Box::new(move |prompt: &str, password: bool| {
                    if !allow_stdin {
                        return Err((
                            "StdinNotImplementedError".into(),
                            "input() was called, but this frontend does not support input requests".into(),
                        ));
                    }
                    let (tx, rx) = mpsc::channel();
                    ev.send(Event::Input { prompt: prompt.to_string(), password, reply: tx })
                        .map_err(|_| ("RuntimeError".to_string(), "the kernel is shutting down".to_string()))?;
                    rx.recv().unwrap_or_else(|_| Err(("RuntimeError".into(), "the kernel is shutting down".into())))
                }));
            });
            // Streams and displays went out live through the output handler; the rest is here.
            // A cell kept in the history (store_history) gets IPython's `In`, `Out`, `_N`, ...
            let outs = match number {
                Some(n) => session.run_cell_numbered(n, &name, &code),
                None => session.run_named(&name, &code),
            };
            for out in outs {
                let _ = events.send(match out {
                    Output::Stream { kind, text } => Event::Stream { stderr: kind == StreamKind::Stderr, text },
                    Output::Display(b) => Event::Display(b),
                    Output::Result(b) => Event::Result(b),
                    Output::Error(d) => Event::Error(error_info(&d)),
                    Output::Clear { wait } => Event::Clear { wait },
                });
            }
            INPUT.with(|h| *h.borrow_mut() = None);
            let results = user_expressions.into_iter().map(|(key, expr)| (key, user_expression(session, &expr))).collect();
            let _ = events.send(Event::Done { user_expressions: results });
        }
        Request::Complete { code, cursor } => {
            let _ = events.send(Event::Completions(session.complete(&code, cursor)));
        }
        Request::Inspect { code, cursor } => {
            let _ = events.send(Event::Inspection(session.inspect(&code, cursor)));
        }
        Request::IsComplete { code } => {
            let _ = events.send(Event::IsComplete(lang::is_complete(&code)));
        }
    }
}

/// Evaluate one of `execute_request`'s `user_expressions`, leaving `_` as it was.
fn user_expression(session: &mut lang::Session, expr: &str) -> Result<Bundle, ErrorInfo> {
    session.eval_expression(expr).map_err(|d| error_info(&d))
}

fn error_info(d: &lang::Diagnostic) -> ErrorInfo {
    let rendered = d.render(true);
    let traceback = rendered.trim_end_matches('\n').split('\n').map(str::to_string).collect();
    ErrorInfo { ename: d.kind.to_string(), evalue: d.message.clone(), traceback }
}
