//! `slope`: run a script (`slope FILE`), a piece of code (`slope -c CODE`), or an interactive
//! REPL (`slope`). A thin front end over `lang::Session`.

use lang::interp::StreamKind;
use lang::Output;
use std::io::{IsTerminal, Write};
use std::process::ExitCode;

const USAGE: &str = "usage: slope [FILE | -c CODE]\n\n  slope            an interactive session\n  slope FILE       run a script\n  slope -c CODE    run a piece of code\n";

fn main() -> ExitCode {
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
    match args.as_slice() {
        [] => repl(),
        [flag] if flag == "-h" || flag == "--help" => {
            print!("{USAGE}");
            ExitCode::SUCCESS
        }
        [flag, code, ..] if flag == "-c" => run_source("<string>", code),
        [path, ..] => match std::fs::read_to_string(path) {
            Ok(src) => run_source(path, &src),
            Err(e) => {
                eprintln!("slope: can't open file '{path}': {e}");
                ExitCode::from(2)
            }
        },
    }
}

/// Run a whole script; print its streams as they happen. Figures are written to
/// `slope-figure-N.png` in the current directory and their paths printed. An error exits with 1.
fn run_source(name: &str, src: &str) -> ExitCode {
    let mut session = slope_std::session();
    let mut figures = 0;
    session.set_output_handler(Box::new(move |out| match out {
        Output::Stream { kind: StreamKind::Stdout, text } => {
            let mut o = std::io::stdout().lock();
            let _ = o.write_all(text.as_bytes());
            let _ = o.flush();
        }
        Output::Stream { kind: StreamKind::Stderr, text } => eprint!("{text}"),
        Output::Display(bundle) => {
            let text = bundle.iter().find(|(m, _)| m == "text/plain").map(|(_, t)| t.clone()).unwrap_or_default();
            figures += 1;
            match slope_std::plot::save_display(&bundle, std::path::Path::new(&format!("slope-figure-{figures}"))) {
                Ok(Some(path)) => println!("{text} saved to {}", path.display()),
                Ok(None) => println!("{text}"),
                Err(e) => eprintln!("slope: cannot write the figure: {e}"),
            }
        }
        Output::Result(_) | Output::Error(_) => {}
    }));
    let color = std::io::stderr().is_terminal();
    let mut code = ExitCode::SUCCESS;
    for out in session.run_named(name, src) {
        match out {
            Output::Error(d) => {
                let _ = std::io::stdout().flush();
                eprint!("{}", d.render(color));
                code = ExitCode::from(1);
            }
            Output::Stream { text, .. } => print!("{text}"),
            Output::Display(_) | Output::Result(_) => {}
        }
    }
    code
}

/// A minimal REPL (the full one is its own issue).
fn repl() -> ExitCode {
    let mut session = slope_std::session();
    let Ok(mut rl) = rustyline::DefaultEditor::new() else {
        eprintln!("slope: cannot open the terminal");
        return ExitCode::from(1);
    };
    let color = std::io::stderr().is_terminal();
    println!("Slope {} — an array language with numpy syntax. Ctrl-D exits.", env!("CARGO_PKG_VERSION"));
    let mut buf = String::new();
    loop {
        let prompt = if buf.is_empty() { ">>> " } else { "... " };
        match rl.readline(prompt) {
            Ok(line) => {
                if !buf.is_empty() {
                    buf.push('\n');
                }
                buf.push_str(&line);
                let complete = line.trim().is_empty() || !matches!(session.is_complete(&buf), lang::syntax::Completeness::Incomplete { .. });
                if !complete {
                    continue;
                }
                let cell = std::mem::take(&mut buf);
                if cell.trim().is_empty() {
                    continue;
                }
                let _ = rl.add_history_entry(cell.as_str());
                for out in session.run_cell(&cell) {
                    match out {
                        Output::Stream { kind: StreamKind::Stdout, text } => print!("{text}"),
                        Output::Stream { kind: StreamKind::Stderr, text } => eprint!("{text}"),
                        Output::Result(b) | Output::Display(b) => {
                            if let Some((_, t)) = b.iter().find(|(m, _)| m == "text/plain") {
                                println!("{t}");
                            }
                        }
                        Output::Error(d) => eprint!("{}", d.render(color)),
                    }
                }
            }
            Err(rustyline::error::ReadlineError::Interrupted) => {
                buf.clear();
                println!("KeyboardInterrupt");
            }
            Err(_) => break,
        }
    }
    ExitCode::SUCCESS
}
