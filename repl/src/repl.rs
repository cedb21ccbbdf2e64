//! The interactive REPL: rustyline for editing (multi-line cells, highlighting, completion,
//! hints, history with Ctrl-R), the session for running cells. Ctrl-C at the prompt cancels the
//! line; while a cell runs it sets the session's interrupt flag (KeyboardInterrupt, the session
//! survives); Ctrl-D exits.

use crate::editor::{EnterHandler, KeyClock, KeyTimer, SlopeHelper};
use crate::images::{self, Images};
use lang::StreamKind;
use lang::Output;
use rustyline::config::{CompletionType, Config};
use rustyline::error::ReadlineError;
use rustyline::history::FileHistory;
use rustyline::{Editor, Event, EventHandler, KeyCode, KeyEvent, Modifiers};
use std::cell::RefCell;
use std::io::{IsTerminal, Write};
use std::path::PathBuf;
use std::process::ExitCode;
use std::rc::Rc;
use std::sync::atomic::Ordering;

/// How many cells the history file keeps.
const HISTORY_SIZE: usize = 10_000;

/// The history file: `SLOPE_HISTORY`, else `slope/history` in the user's data directory
/// (`$XDG_DATA_HOME`, `~/.local/share`; `~/Library/Application Support` on macOS).
pub fn history_path() -> Option<PathBuf> {
    if let Some(p) = std::env::var_os("SLOPE_HISTORY") {
        return (!p.is_empty()).then(|| PathBuf::from(p));
    }
    let home = std::env::var_os("HOME").map(PathBuf::from);
    let data = if cfg!(target_os = "macos") {
        home.map(|h| h.join("Library/Application Support"))
    } else if cfg!(windows) {
        std::env::var_os("APPDATA").map(PathBuf::from)
    } else {
        std::env::var_os("XDG_DATA_HOME").filter(|d| !d.is_empty()).map(PathBuf::from).or_else(|| home.map(|h| h.join(".local/share")))
    };
    data.map(|d| d.join("slope").join("history"))
}

pub fn run() -> ExitCode {
    let session = Rc::new(RefCell::new(slope_std::session()));
    let interrupt = session.borrow().interrupt_handle();
    // While a cell runs the terminal is in cooked mode: Ctrl-C is SIGINT, and it only raises the
    // flag the interpreter checks. At the prompt rustyline reads Ctrl-C as a key.
    if let Err(e) = signal_hook::flag::register(signal_hook::consts::SIGINT, interrupt.clone()) {
        eprintln!("slope: Ctrl-C will not interrupt cells ({e})");
    }
    // Colour only on terminals, and never when NO_COLOR is set (no-color.org).
    let no_color = std::env::var_os("NO_COLOR").is_some_and(|v| !v.is_empty());
    let color_out = std::io::stdout().is_terminal() && !no_color;
    let color_err = std::io::stderr().is_terminal() && !no_color;
    let images = Rc::new(RefCell::new(Images::new(images::detect()).removed_at_exit()));
    {
        let images = images.clone();
        session.borrow_mut().set_output_handler(Box::new(move |out| print_output(out, color_err, &images)));
    }

    let config = Config::builder()
        .max_history_size(HISTORY_SIZE)
        .and_then(|b| b.history_ignore_dups(true))
        .map(|b| b.history_ignore_space(true).completion_type(CompletionType::List).auto_add_history(false).build())
        .unwrap_or_default();
    let mut rl: Editor<SlopeHelper, FileHistory> = match Editor::with_config(config) {
        Ok(rl) => rl,
        Err(e) => {
            eprintln!("slope: cannot open the terminal: {e}");
            return ExitCode::from(1);
        }
    };
    rl.set_helper(Some(SlopeHelper::new(session.clone(), color_out)));
    // Enter decides between running the cell and a new indented line; an Enter that comes right
    // after the key before it is part of a paste (a terminal without bracketed paste), whose
    // lines keep their own indentation. Every other key notes its time for that.
    let clock = KeyClock::default();
    let gap = crate::editor::paste_gap();
    rl.bind_sequence(KeyEvent(KeyCode::Enter, Modifiers::NONE), EventHandler::Conditional(Box::new(EnterHandler { clock: clock.clone(), gap })));
    rl.bind_sequence(Event::Any, EventHandler::Conditional(Box::new(KeyTimer(clock))));
    let history = history_path();
    if let Some(p) = &history {
        let _ = rl.load_history(p);
    }

    println!("Slope {} · %help lists the magics · name? shows help · Ctrl-D exits", env!("CARGO_PKG_VERSION"));
    loop {
        match rl.readline(">>> ") {
            Ok(line) => {
                let cell = line.trim_end();
                if cell.trim().is_empty() {
                    continue;
                }
                if rl.add_history_entry(cell).unwrap_or(false) {
                    if let Some(p) = &history {
                        save_history(&mut rl, p);
                    }
                }
                interrupt.store(false, Ordering::SeqCst);
                let outs = session.borrow_mut().run_cell(cell);
                for out in outs {
                    print_output(out, color_err, &images);
                }
            }
            Err(ReadlineError::Interrupted) => println!("KeyboardInterrupt"),
            Err(ReadlineError::Eof) => break,
            Err(e) => {
                eprintln!("slope: {e}");
                return ExitCode::from(1);
            }
        }
    }
    ExitCode::SUCCESS
}

/// Append the new entry to the history file (creating its folder), so that another `slope`
/// started now sees it.
fn save_history(rl: &mut Editor<SlopeHelper, FileHistory>, path: &std::path::Path) {
    if let Some(dir) = path.parent() {
        let _ = std::fs::create_dir_all(dir);
    }
    let _ = rl.append_history(path);
}

fn print_output(out: Output, color: bool, images: &RefCell<Images>) {
    match out {
        Output::Stream { kind: StreamKind::Stdout, text } => {
            let mut o = std::io::stdout().lock();
            let _ = o.write_all(text.as_bytes());
            let _ = o.flush();
        }
        Output::Stream { kind: StreamKind::Stderr, text } => {
            let _ = std::io::stdout().flush();
            eprint!("{text}");
        }
        Output::Display(b) => images.borrow_mut().show(&b),
        Output::Result(b) => {
            if b.iter().any(|(m, _)| m.starts_with("image/")) {
                images.borrow_mut().show(&b);
            } else if let Some((_, t)) = b.iter().find(|(m, _)| m == "text/plain") {
                println!("{t}");
            }
        }
        // A terminal keeps what it printed: clear_output() is for notebooks.
        Output::Clear { .. } => {}
        Output::Error(d) => {
            let _ = std::io::stdout().flush();
            eprint!("{}", d.render(color));
        }
    }
}
