//! `getpass`: `getpass(prompt='Password: ')` reads a line through the front end's input hook
//! without echo (Jupyter's password box; standard input in a script), and `getuser()` the login
//! name from the environment, as CPython looks it up.

use super::{module, Entry};
use lang::native::{arg, check_kw, Builtin, Interp, Kwargs, Result, Value};
use std::rc::Rc;

const FNS: &[Entry] = &[
    ("getpass", getpass, "getpass(prompt='Password: ', stream=None)\nRead a password from the user without echoing it."),
    ("getuser", getuser, "getuser()\nThe login name: $LOGNAME, $USER, $LNAME or $USERNAME, the first that is set."),
];

pub fn build(_it: &mut Interp) -> Result<Value> {
    Ok(Value::Module(Rc::new(module("getpass", FNS))))
}

fn getpass(it: &mut Interp, _: &Builtin, args: Vec<Value>, kw: Kwargs) -> Result<Value> {
    check_kw(&kw, &["prompt", "stream"], "getpass")?;
    let prompt = match arg(&args, &kw, 0, "prompt") {
        Some(v) => it.to_str(&v)?,
        None => "Password: ".into(),
    };
    lang::native::read_line(it, &prompt, true)
}

fn getuser(_it: &mut Interp, _: &Builtin, _args: Vec<Value>, _kw: Kwargs) -> Result<Value> {
    for name in ["LOGNAME", "USER", "LNAME", "USERNAME"] {
        if let Ok(v) = std::env::var(name) {
            if !v.is_empty() {
                return Ok(Value::str(&v));
            }
        }
    }
    Err(super::err("OSError", "No username set in the environment").with_help("set $USER (or $LOGNAME)"))
}
