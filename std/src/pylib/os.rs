//! `os` and `os.path`: the file-system calls programs make most (`getcwd`, `listdir`, `mkdir`,
//! `makedirs`, `remove`, `rmdir`, `rename`), the environment (`environ`, a dict snapshot taken
//! at import that `getenv` reads, so assignments to it are seen), and POSIX path arithmetic
//! ported from CPython's `posixpath.py` (`join`, `split`, `splitext`, `normpath`, `abspath`,
//! `expanduser`, …). OS errors are `OSError` subclasses with CPython's
//! `[Errno N] text: 'path'` messages.

use super::{err, module, nargs, no_kw, set, string, Entry};
use lang::native::{Builtin, Diagnostic, Dict, Interp, Key, Kwargs, Result, Value};
use std::path::Path;
use std::rc::Rc;

/// A path argument: a str (CPython also takes bytes and path-like objects).
fn path_arg(v: &Value, f: &str) -> Result<String> {
    match v {
        Value::Str(s) => Ok(s.to_string()),
        other => Err(err("TypeError", format!("{f}: path should be string, bytes or os.PathLike, not {}", other.type_name())).with_help("pass the path as a str")),
    }
}

/// An `io::Error` as CPython's `OSError` subclass: `[Errno 2] No such file or directory: 'x'`.
pub(crate) fn os_error(e: &std::io::Error, path: &str) -> Diagnostic {
    let errno = e.raw_os_error().unwrap_or(0);
    let text = std::io::Error::from_raw_os_error(errno).to_string();
    let text = text.split(" (os error").next().unwrap_or(&text).to_string();
    let kind = match errno {
        libc::ENOENT => "FileNotFoundError",
        libc::EEXIST => "FileExistsError",
        libc::ENOTDIR => "NotADirectoryError",
        libc::EISDIR => "IsADirectoryError",
        libc::EACCES | libc::EPERM => "PermissionError",
        _ => "OSError",
    };
    let help = match kind {
        "FileNotFoundError" => "check the path (relative paths start at os.getcwd())",
        "FileExistsError" => "pass exist_ok=True to accept an existing directory",
        "NotADirectoryError" => "a part of the path is a file, not a directory",
        "IsADirectoryError" => "the path is a directory; use rmdir for directories",
        "PermissionError" => "the process may not access this path",
        _ => "the operating system refused the operation",
    };
    err(kind, format!("[Errno {errno}] {text}: {}", lang::native::str_repr(path))).with_help(help)
}

// ---------------------------------------------------------------------------------------------
// os.path (posixpath).

fn join_paths(parts: &[String]) -> String {
    let mut path = parts.first().cloned().unwrap_or_default();
    for b in &parts[1..] {
        if b.starts_with('/') {
            path = b.clone();
        } else if path.is_empty() || path.ends_with('/') {
            path.push_str(b);
        } else {
            path.push('/');
            path.push_str(b);
        }
    }
    path
}

fn split_path(p: &str) -> (String, String) {
    let i = p.rfind('/').map(|i| i + 1).unwrap_or(0);
    let (head, tail) = (&p[..i], &p[i..]);
    let head = if !head.is_empty() && head.chars().any(|c| c != '/') { head.trim_end_matches('/') } else { head };
    (head.to_string(), tail.to_string())
}

fn splitext(p: &str) -> (String, String) {
    let sep = p.rfind('/').map(|i| i as i64).unwrap_or(-1);
    let dot = p.rfind('.').map(|i| i as i64).unwrap_or(-1);
    if dot > sep {
        // Leading dots (".bashrc") do not start an extension.
        let mut i = (sep + 1) as usize;
        while (i as i64) < dot {
            if &p[i..i + 1] != "." {
                return (p[..dot as usize].to_string(), p[dot as usize..].to_string());
            }
            i += 1;
        }
    }
    (p.to_string(), String::new())
}

fn normpath(path: &str) -> String {
    if path.is_empty() {
        return ".".into();
    }
    let mut initial = if path.starts_with('/') { 1 } else { 0 };
    // POSIX keeps exactly two leading slashes, and makes three or more one.
    if path.starts_with("//") && !path.starts_with("///") {
        initial = 2;
    }
    let mut comps: Vec<&str> = Vec::new();
    for comp in path.split('/') {
        if comp.is_empty() || comp == "." {
            continue;
        }
        if comp != ".." || (initial == 0 && comps.is_empty()) || comps.last() == Some(&"..") {
            comps.push(comp);
        } else if !comps.is_empty() {
            comps.pop();
        }
    }
    let p = "/".repeat(initial) + &comps.join("/");
    if p.is_empty() {
        ".".into()
    } else {
        p
    }
}

fn getcwd_string() -> Result<String> {
    std::env::current_dir().map(|p| p.display().to_string()).map_err(|e| os_error(&e, "."))
}

fn abspath(p: &str) -> Result<String> {
    let joined = if p.starts_with('/') { p.to_string() } else { join_paths(&[getcwd_string()?, p.to_string()]) };
    Ok(normpath(&joined))
}

fn home_of(user: &str) -> Option<String> {
    if user.is_empty() {
        if let Ok(h) = std::env::var("HOME") {
            return Some(h);
        }
    }
    let name = std::ffi::CString::new(if user.is_empty() { std::env::var("USER").unwrap_or_default() } else { user.to_string() }).ok()?;
    // SAFETY: getpwnam returns null or a pointer to a static passwd record valid until the next call.
    let pw = unsafe { libc::getpwnam(name.as_ptr()) };
    if pw.is_null() {
        return None;
    }
    // SAFETY: pw is non-null and pw_dir a NUL-terminated string.
    let dir = unsafe { std::ffi::CStr::from_ptr((*pw).pw_dir) };
    Some(dir.to_string_lossy().into_owned())
}

fn expanduser(p: &str) -> String {
    if !p.starts_with('~') {
        return p.to_string();
    }
    let i = p[1..].find('/').map(|i| i + 1).unwrap_or(p.len());
    let Some(home) = home_of(&p[1..i]) else {
        return p.to_string();
    };
    let home = home.trim_end_matches('/');
    let r = format!("{home}{}", &p[i..]);
    if r.is_empty() {
        "/".into()
    } else {
        r
    }
}

fn relpath(path: &str, start: &str) -> Result<String> {
    if path.is_empty() {
        return Err(err("ValueError", "no path specified").with_help("pass a non-empty path"));
    }
    let start_abs = abspath(if start.is_empty() { "." } else { start })?;
    let path_abs = abspath(path)?;
    let s: Vec<&str> = start_abs.split('/').filter(|x| !x.is_empty()).collect();
    let p: Vec<&str> = path_abs.split('/').filter(|x| !x.is_empty()).collect();
    let common = s.iter().zip(&p).take_while(|(a, b)| a == b).count();
    let mut rel: Vec<String> = vec!["..".to_string(); s.len() - common];
    rel.extend(p[common..].iter().map(|x| x.to_string()));
    if rel.is_empty() {
        return Ok(".".into());
    }
    Ok(join_paths(&rel))
}

fn strs(args: &[Value], f: &str) -> Result<Vec<String>> {
    args.iter()
        .map(|v| match v {
            Value::Str(s) => Ok(s.to_string()),
            other => Err(err("TypeError", format!("{f}() argument must be str, bytes, or os.PathLike object, not '{}'", other.type_name())).with_help("pass the path parts as str")),
        })
        .collect()
}

fn path_fn(_it: &mut Interp, b: &Builtin, args: Vec<Value>, kw: Kwargs) -> Result<Value> {
    let name = b.name.as_ref();
    no_kw(&kw, name)?;
    if name == "join" {
        nargs(&args, 1, usize::MAX, "join")?;
        return Ok(Value::str(&join_paths(&strs(&args, "join")?)));
    }
    if name == "relpath" {
        nargs(&args, 1, 2, "relpath")?;
        let p = strs(&args, "relpath")?;
        return Ok(Value::str(&relpath(&p[0], p.get(1).map(|s| s.as_str()).unwrap_or("."))?));
    }
    nargs(&args, 1, 1, name)?;
    let p = match &args[0] {
        Value::Str(s) => s.to_string(),
        // The predicates are false for what is not a path, as CPython's are for bad paths.
        _ if matches!(name, "exists" | "isfile" | "isdir" | "islink") => return Ok(Value::Bool(false)),
        other => return Err(err("TypeError", format!("expected str, bytes or os.PathLike object, not {}", other.type_name())).with_help("pass the path as a str")),
    };
    let pair = |(a, b): (String, String)| Value::tuple(vec![Value::str(&a), Value::str(&b)]);
    Ok(match name {
        "split" => pair(split_path(&p)),
        "splitext" => pair(splitext(&p)),
        "basename" => Value::str(&split_path_tail(&p)),
        "dirname" => Value::str(&split_path(&p).0),
        "normpath" => Value::str(&normpath(&p)),
        "abspath" => Value::str(&abspath(&p)?),
        "expanduser" => Value::str(&expanduser(&p)),
        "isabs" => Value::Bool(p.starts_with('/')),
        "exists" => Value::Bool(std::fs::metadata(&p).is_ok()),
        "isfile" => Value::Bool(std::fs::metadata(&p).map(|m| m.is_file()).unwrap_or(false)),
        "isdir" => Value::Bool(std::fs::metadata(&p).map(|m| m.is_dir()).unwrap_or(false)),
        "islink" => Value::Bool(std::fs::symlink_metadata(&p).map(|m| m.file_type().is_symlink()).unwrap_or(false)),
        "getsize" => Value::Int(std::fs::metadata(&p).map_err(|e| os_error(&e, &p))?.len() as i64),
        other => return Err(err("RuntimeError", format!("internal error: no os.path.{other}"))),
    })
}

/// The part after the last slash (`basename` keeps trailing-slash paths' empty tail).
fn split_path_tail(p: &str) -> String {
    p.rfind('/').map(|i| p[i + 1..].to_string()).unwrap_or_else(|| p.to_string())
}

const PATH_FNS: &[Entry] = &[
    ("join", path_fn, "join(a, *p): the path parts joined with '/'; an absolute part restarts the path."),
    ("split", path_fn, "split(p): (head, tail), where tail is the part after the last '/'."),
    ("splitext", path_fn, "splitext(p): (root, ext), where ext is the last '.suffix' of the file name (or '')."),
    ("basename", path_fn, "basename(p): the part of the path after the last '/'."),
    ("dirname", path_fn, "dirname(p): the part of the path before the last '/'."),
    ("normpath", path_fn, "normpath(p): the path with redundant separators and '.'/'..' parts removed."),
    ("abspath", path_fn, "abspath(p): the absolute, normalized path (relative paths start at os.getcwd())."),
    ("relpath", path_fn, "relpath(path, start='.'): path relative to start."),
    ("expanduser", path_fn, "expanduser(p): the path with a leading ~ or ~user replaced by the home directory."),
    ("isabs", path_fn, "isabs(p): whether the path is absolute (starts with '/')."),
    ("exists", path_fn, "exists(p): whether the path names an existing file or directory."),
    ("isfile", path_fn, "isfile(p): whether the path names an existing regular file."),
    ("isdir", path_fn, "isdir(p): whether the path names an existing directory."),
    ("islink", path_fn, "islink(p): whether the path is a symbolic link."),
    ("getsize", path_fn, "getsize(p): the size of the file in bytes."),
];

/// The module `os.path`.
pub fn build_path(_it: &mut Interp) -> Result<Value> {
    let m = module("os.path", PATH_FNS);
    set(&m, "sep", Value::str("/"));
    Ok(Value::Module(Rc::new(m)))
}

// ---------------------------------------------------------------------------------------------
// os.

fn os_fn(it: &mut Interp, b: &Builtin, args: Vec<Value>, kw: Kwargs) -> Result<Value> {
    let name = b.name.as_ref();
    Ok(match name {
        "getcwd" => {
            no_kw(&kw, name)?;
            nargs(&args, 0, 0, name)?;
            Value::str(&getcwd_string()?)
        }
        "listdir" => {
            no_kw(&kw, name)?;
            nargs(&args, 0, 1, name)?;
            let p = match args.first() {
                Some(v) => path_arg(v, "listdir")?,
                None => ".".into(),
            };
            let mut names = Vec::new();
            for e in std::fs::read_dir(&p).map_err(|e| os_error(&e, &p))? {
                let e = e.map_err(|e| os_error(&e, &p))?;
                names.push(Value::str(&e.file_name().to_string_lossy()));
            }
            Value::list(names)
        }
        "mkdir" | "makedirs" => {
            nargs(&args, 1, 3, name)?;
            let p = path_arg(&args[0], name)?;
            let mut exist_ok = false;
            for (k, v) in &kw {
                match k.as_ref() {
                    "exist_ok" if name == "makedirs" => exist_ok = it.truthy(v)?,
                    "mode" => {}
                    other => return Err(err("TypeError", format!("{name}() got an unexpected keyword argument '{other}'")).with_help(format!("{name} accepts mode={}", if name == "makedirs" { " and exist_ok=" } else { "" }))),
                }
            }
            if name == "makedirs" {
                if let Some(v) = args.get(2) {
                    exist_ok = it.truthy(v)?;
                }
                if Path::new(&p).exists() {
                    if exist_ok && Path::new(&p).is_dir() {
                        return Ok(Value::None);
                    }
                    return Err(os_error(&std::io::Error::from_raw_os_error(libc::EEXIST), &p));
                }
                std::fs::create_dir_all(&p).map_err(|e| os_error(&e, &p))?;
            } else {
                std::fs::create_dir(&p).map_err(|e| os_error(&e, &p))?;
            }
            Value::None
        }
        "remove" | "unlink" | "rmdir" => {
            no_kw(&kw, name)?;
            nargs(&args, 1, 1, name)?;
            let p = path_arg(&args[0], name)?;
            let r = if name == "rmdir" { std::fs::remove_dir(&p) } else { std::fs::remove_file(&p) };
            r.map_err(|e| os_error(&e, &p))?;
            Value::None
        }
        "rename" | "replace" => {
            no_kw(&kw, name)?;
            nargs(&args, 2, 2, name)?;
            let (a, c) = (path_arg(&args[0], name)?, path_arg(&args[1], name)?);
            std::fs::rename(&a, &c).map_err(|e| os_error(&e, &a))?;
            Value::None
        }
        "getenv" => {
            no_kw(&kw, name)?;
            nargs(&args, 1, 2, name)?;
            let key = string(&args[0], "str expected, not")?;
            let os = it.import("os")?;
            let env = it.getattr(&os, "environ")?;
            let found = match &env {
                Value::Dict(d) => d.borrow().get(&Key::Str(key.as_str().into())).cloned(),
                _ => std::env::var(&key).ok().map(|v| Value::str(&v)),
            };
            found.unwrap_or_else(|| args.get(1).cloned().unwrap_or(Value::None))
        }
        "getpid" => {
            nargs(&args, 0, 0, name)?;
            Value::Int(std::process::id() as i64)
        }
        "cpu_count" => {
            nargs(&args, 0, 0, name)?;
            std::thread::available_parallelism().map(|n| Value::Int(n.get() as i64)).unwrap_or(Value::None)
        }
        other => return Err(err("RuntimeError", format!("internal error: no os.{other}"))),
    })
}

const OS_FNS: &[Entry] = &[
    ("getcwd", os_fn, "getcwd(): the current working directory."),
    ("listdir", os_fn, "listdir(path='.'): the names of the entries in the directory, in the order the file system gives them."),
    ("mkdir", os_fn, "mkdir(path, mode=0o777): create a directory."),
    ("makedirs", os_fn, "makedirs(name, mode=0o777, exist_ok=False): create a directory and any missing parents."),
    ("remove", os_fn, "remove(path): delete a file."),
    ("unlink", os_fn, "unlink(path): delete a file (the same as remove)."),
    ("rmdir", os_fn, "rmdir(path): delete an empty directory."),
    ("rename", os_fn, "rename(src, dst): rename a file or directory."),
    ("replace", os_fn, "replace(src, dst): rename, replacing dst if it exists."),
    ("getenv", os_fn, "getenv(key, default=None): the environment variable key from os.environ, or default."),
    ("getpid", os_fn, "getpid(): this process's id."),
    ("cpu_count", os_fn, "cpu_count(): the number of CPUs."),
];

/// The module `os`, with `os.path` and `os.environ` (a dict snapshot of the environment).
pub fn build(it: &mut Interp) -> Result<Value> {
    let m = module("os", OS_FNS);
    let mut env = Dict::default();
    for (k, v) in std::env::vars_os() {
        let (k, v) = (k.to_string_lossy().into_owned(), v.to_string_lossy().into_owned());
        env.insert(Value::str(&k), Key::Str(k.as_str().into()), Value::str(&v));
    }
    set(&m, "environ", Value::dict(env));
    set(&m, "path", it.import("os.path")?);
    for (k, v) in [("sep", "/"), ("pathsep", ":"), ("linesep", "\n"), ("name", "posix"), ("curdir", "."), ("pardir", ".."), ("extsep", "."), ("devnull", "/dev/null")] {
        set(&m, k, Value::str(v));
    }
    Ok(Value::Module(Rc::new(m)))
}
