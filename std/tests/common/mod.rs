//! What the `Session` test files share.

use lang::StreamKind;
use lang::{Output, Session};

/// A cell's stdout and its error (rendered without colour), if any.
pub fn run(session: &mut Session, code: &str) -> (String, Option<String>) {
    let mut out = String::new();
    let mut err = None;
    for o in session.run_cell(code) {
        match o {
            Output::Stream { kind: StreamKind::Stdout, text } => out.push_str(&text),
            Output::Error(d) => err = Some(d.render(false)),
            _ => {}
        }
    }
    (out, err)
}
