//! `slope`: run a script (`slope FILE`), a piece of code (`slope -c CODE`), or an interactive
//! REPL (`slope`). A thin front end over `lang::Session`.

mod editor;
mod images;
mod repl;

use lang::StreamKind;
use lang::Output;
use std::io::{IsTerminal, Write};
use std::process::ExitCode;

const USAGE: &str = "\
usage: slope [FILE | -c CODE | --version | --help]

  slope            an interactive session (a script when stdin is not a terminal)
  slope FILE       run a script
  slope -c CODE    run a piece of code
  -V, --version    print the version
  -h, --help       print this help

environment:
  SLOPE_IMAGES=kitty|iterm|sixel|files   how figures are shown (default: guessed from the terminal)
  SLOPE_FIGURES=DIR                      where figure files go (default: slope-figures in the temp
                                         folder; the interactive session removes its files at exit)
  SLOPE_HISTORY=FILE                     the REPL's history file
  SLOPE_PASTE_GAP_MS=N                   an Enter within N ms of the key before it is pasted, and
                                         gets no auto-indentation (default 30; 0: never)
  SLOPE_DEVICE=cpu|eval                  the backend that runs array work (default: cpu)
  NO_COLOR=1                             no colours
";

fn main() -> ExitCode {
    // A panic inside a cell becomes an InternalError diagnostic (lang::Session catches it), so
    // the default message is kept for debugging only.
    std::panic::set_hook(Box::new(|info| {
        if std::env::var_os("SLOPE_DEBUG").is_some() {
            eprintln!("{info}");
        }
    }));
    // The interpreter recurses on the machine stack: give it room for deep user recursion.
    let child = std::thread::Builder::new().stack_size(1 << 30).spawn(run);
    match child.map(|h| h.join()) {
        Ok(Ok(code)) => code,
        _ => {
            eprintln!("slope: internal error (the interpreter thread stopped)");
            ExitCode::from(70)
        }
    }
}

fn run() -> ExitCode {
    let args: Vec<String> = std::env::args().skip(1).collect();
    // sys.argv as Python sets it: the script and its arguments, ['-c', ...] for -c, [''] else.
    let argv = match args.as_slice() {
        [flag, _code, rest @ ..] if flag == "-c" => std::iter::once("-c".to_string()).chain(rest.iter().cloned()).collect(),
        [] => vec![String::new()],
        all => all.to_vec(),
    };
    slope_std::pylib::sys::set_argv(argv);
    match args.as_slice() {
        [] => repl_or_stdin(),
        [flag, ..] if flag == "-h" || flag == "--help" => {
            print!("{USAGE}");
            ExitCode::SUCCESS
        }
        [flag, ..] if flag == "-V" || flag == "--version" => {
            println!("slope {}", env!("CARGO_PKG_VERSION"));
            ExitCode::SUCCESS
        }
        [flag, code, ..] if flag == "-c" => run_source("<string>", code),
        [flag] if flag == "-c" => usage_error("argument expected for the -c option"),
        [flag, ..] if flag.starts_with('-') && flag != "-" => usage_error(&format!("unknown option {flag}")),
        [flag, ..] if flag == "-" => repl_or_stdin(),
        [path, ..] => match std::fs::read_to_string(path) {
            Ok(src) => run_source(path, &src),
            Err(e) => {
                eprintln!("slope: can't open file '{path}': {e}");
                ExitCode::from(2)
            }
        },
    }
}

/// A command line `slope` does not understand: the usage on stderr, exit status 2 (as Python).
fn usage_error(msg: &str) -> ExitCode {
    eprint!("slope: {msg}\n\n{USAGE}");
    ExitCode::from(2)
}

/// Run a whole script; print its streams as they happen. Figures are shown inline when stdout is
/// a terminal that speaks an image protocol, else written to files whose paths are printed
/// (`images`). An error exits with 1; `sys.exit(status)` exits with its status, as Python.
fn run_source(name: &str, src: &str) -> ExitCode {
    let mut session = slope_std::session();
    let mut images = images::Images::new(images::detect());
    session.set_output_handler(Box::new(move |out| match out {
        Output::Stream { kind: StreamKind::Stdout, text } => {
            let mut o = std::io::stdout().lock();
            let _ = o.write_all(text.as_bytes());
            let _ = o.flush();
        }
        Output::Stream { kind: StreamKind::Stderr, text } => eprint!("{text}"),
        Output::Display(bundle) => images.show(&bundle),
        Output::Result(_) | Output::Error(_) | Output::Clear { .. } => {}
    }));
    let color = std::io::stderr().is_terminal();
    let mut code: u8 = 0;
    for out in session.run_named(name, src) {
        match out {
            Output::Error(d) => {
                let _ = std::io::stdout().flush();
                if let Some((status, message)) = slope_std::pylib::sys::exit_status(&d) {
                    if let Some(m) = message {
                        eprintln!("{m}");
                    }
                    code = status as u8;
                    continue;
                }
                eprint!("{}", d.render(color));
                code = 1;
            }
            Output::Stream { text, .. } => print!("{text}"),
            Output::Display(_) | Output::Result(_) | Output::Clear { .. } => {}
        }
    }
    let used_gpu = session.used_gpu();
    // Everything of the session is dropped (files flushed and closed, device buffers freed).
    drop(session);
    if used_gpu {
        // Mesa's lavapipe (LLVM) sometimes crashed in its static destructors at process exit
        // (a segfault or "pure virtual method called" after the script's last line): after a
        // GPU session, leave without running them. Rust's own cleanup has run above.
        let _ = std::io::stdout().flush();
        let _ = std::io::stderr().flush();
        // SAFETY: _exit ends the process at once; nothing after it runs.
        unsafe { libc::_exit(code as i32) }
    }
    ExitCode::from(code)
}

/// No arguments: the REPL on a terminal; a script read from stdin otherwise (`slope < file`,
/// `echo … | slope`), like Python.
fn repl_or_stdin() -> ExitCode {
    if std::io::stdin().is_terminal() {
        return repl::run();
    }
    let mut src = String::new();
    match std::io::Read::read_to_string(&mut std::io::stdin(), &mut src) {
        Ok(_) => run_source("<stdin>", &src),
        Err(e) => {
            eprintln!("slope: cannot read stdin: {e}");
            ExitCode::from(2)
        }
    }
}
