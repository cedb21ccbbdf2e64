//! Files: the formats people keep arrays and models in, each through its well-kept crate.
//!
//! - `npy.rs`: `.npy` and `.npz` (numpy's formats; `npyz` parses headers, `zip` the archives);
//!   the native module `_npyio` under `np.save`/`np.load`/`np.savez` (`std/py/np_io.py`).
//! - `safetensors.rs`: the module `slope.safetensors` (`load_file`, `save_file`), memory-mapped.
//! - `tokenizers.rs`: the native `_tokenizers` under `slope.tokenizers` (`std/py/slope_tokenizers.py`),
//!   Hugging Face's `tokenizers` crate.
//! - `dtypes.rs`: the one table of dtypes ↔ bytes all of them share.
//! - here: `_fileio`, the native part of `open()` (text files; the file object is `io.py`'s
//!   `TextIOWrapper`).
//!
//! Paths are relative to the process's directory (the notebook's, in Jupyter). A bad file is a
//! `ValueError` that names the path and says what is wrong with it; a missing one is
//! `FileNotFoundError` as in Python; nothing here panics on any bytes (see the proptest suites).

pub mod dtypes;
pub mod npy;
pub mod safetensors;
pub mod tokenizers;

use crate::pylib::os::os_error;
use crate::pylib::{err, module, nargs, no_kw, Entry};
use lang::native::{Array, Builtin, Diagnostic, Interp, Kwargs, Result, Value};
use std::io::Write;
use std::rc::Rc;

/// Register the native modules of this folder.
pub fn register(s: &mut lang::Session) {
    s.register_module("_npyio", build_npyio);
    s.register_module("_fileio", build_fileio);
    s.register_module("slope.safetensors", safetensors::build);
    s.register_module("_tokenizers", tokenizers::build);
}

/// A path argument (a str).
pub(crate) fn path_of(v: &Value, f: &str) -> Result<String> {
    match v {
        Value::Str(s) => Ok(s.to_string()),
        other => Err(err("TypeError", format!("{f}: expected a path as str, not {}", other.type_name())).with_help("pass the file's path as a str (relative paths start at os.getcwd())")),
    }
}

/// An error opening or reading a file: Python's `OSError` subclass (`FileNotFoundError`, …).
pub(crate) fn read_error(e: &std::io::Error, path: &str) -> Diagnostic {
    os_error(e, path)
}

/// An error creating or writing a file.
pub(crate) fn write_error(e: &std::io::Error, path: &str) -> Diagnostic {
    os_error(e, path)
}

/// A file whose bytes are not what its format says: the path and what is wrong.
pub(crate) fn format_error(path: &str, format: &str, what: &str) -> Diagnostic {
    err("ValueError", format!("{} is not a valid {format} file: {what}", lang::native::str_repr(path))).with_help(format!("check that the file is a complete {format} file (it may be truncated, or another format)"))
}

fn read_all(path: &str) -> Result<Vec<u8>> {
    std::fs::read(path).map_err(|e| read_error(&e, path))
}

fn array_arg(it: &mut Interp, v: &Value, f: &str) -> Result<lang::native::HostArray> {
    match v {
        Value::Array(a) => it.force(a),
        other => Err(err("TypeError", format!("{f}: expected an array, not {}", other.type_name())).with_help("convert it with np.asarray first")),
    }
}

fn host_value(h: lang::native::HostArray) -> Value {
    Value::Array(Array::host(h, false))
}

// ---------------------------------------------------------------------------------------------
// _npyio: the natives under std/py/np_io.py.

/// `save(path, arr)`: write one array as `.npy` (the path as given; np_io.py adds `.npy`).
fn npy_save(it: &mut Interp, _: &Builtin, args: Vec<Value>, kw: Kwargs) -> Result<Value> {
    no_kw(&kw, "save")?;
    nargs(&args, 2, 2, "save")?;
    let path = path_of(&args[0], "save")?;
    let h = array_arg(it, &args[1], "save")?;
    std::fs::write(&path, npy::npy_bytes(&h)).map_err(|e| write_error(&e, &path))?;
    Ok(Value::None)
}

/// `load(path)`: an array for a `.npy` file, the list of member names for an `.npz` archive.
fn npy_load(_it: &mut Interp, _: &Builtin, args: Vec<Value>, kw: Kwargs) -> Result<Value> {
    no_kw(&kw, "load")?;
    nargs(&args, 1, 1, "load")?;
    let path = path_of(&args[0], "load")?;
    let bytes = read_all(&path)?;
    if npy::is_zip(&bytes) {
        let names = npy::npz_names(&bytes).map_err(|w| format_error(&path, ".npz", &w))?;
        return Ok(Value::list(names.iter().map(|n| Value::str(n)).collect()));
    }
    if !bytes.is_empty() && !bytes.starts_with(b"\x93NUMPY") {
        return Err(format_error(&path, ".npy", &npy::parse_npy(&bytes).err().unwrap_or_default())
            .with_help("np.load reads .npy files and .npz archives (numpy's pickled objects are not supported)"));
    }
    let h = npy::parse_npy(&bytes).map_err(|w| format_error(&path, ".npy", &w))?;
    Ok(host_value(h))
}

/// `npz_read(path, member)`: one member of an `.npz` archive.
fn npz_read(_it: &mut Interp, _: &Builtin, args: Vec<Value>, kw: Kwargs) -> Result<Value> {
    no_kw(&kw, "npz_read")?;
    nargs(&args, 2, 2, "npz_read")?;
    let path = path_of(&args[0], "npz_read")?;
    let member = path_of(&args[1], "npz_read")?;
    let bytes = read_all(&path)?;
    let h = npy::npz_member(&bytes, &member).map_err(|w| format_error(&path, ".npz", &w))?;
    Ok(host_value(h))
}

/// `savez(path, names, arrays, compress)`.
fn npz_save(it: &mut Interp, _: &Builtin, args: Vec<Value>, kw: Kwargs) -> Result<Value> {
    no_kw(&kw, "savez")?;
    nargs(&args, 4, 4, "savez")?;
    let path = path_of(&args[0], "savez")?;
    let names = it.iterate(&args[1])?;
    let arrays = it.iterate(&args[2])?;
    let compress = it.truthy(&args[3])?;
    let mut members = Vec::new();
    for (n, a) in names.iter().zip(&arrays) {
        members.push((path_of(n, "savez")?, array_arg(it, a, "savez")?));
    }
    let file = std::fs::File::create(&path).map_err(|e| write_error(&e, &path))?;
    npy::write_npz(file, &members, compress).map_err(|e| match e {
        zip::result::ZipError::Io(e) => write_error(&e, &path),
        other => err("ValueError", format!("cannot write {path:?}: {other}")).with_help("check the array names"),
    })?;
    Ok(Value::None)
}

const NPYIO_FNS: &[Entry] = &[
    ("save", npy_save, "save(path, arr): write arr as a .npy file at path, as numpy does byte for byte."),
    ("load", npy_load, "load(path): the array of a .npy file, or the member names of an .npz archive."),
    ("npz_read", npz_read, "npz_read(path, member): one member of an .npz archive, as an array."),
    ("savez", npz_save, "savez(path, names, arrays, compress): write an .npz archive of name.npy members."),
];

fn build_npyio(_it: &mut Interp) -> Result<Value> {
    Ok(Value::Module(Rc::new(module("_npyio", NPYIO_FNS))))
}

// ---------------------------------------------------------------------------------------------
// _fileio: the natives under io.py's text files.

/// `read_text(path)`: the whole file as a str (UTF-8).
fn read_text(_it: &mut Interp, _: &Builtin, args: Vec<Value>, kw: Kwargs) -> Result<Value> {
    no_kw(&kw, "read_text")?;
    nargs(&args, 1, 1, "read_text")?;
    let path = path_of(&args[0], "open")?;
    let bytes = read_all(&path)?;
    match String::from_utf8(bytes) {
        Ok(s) => Ok(Value::str(&s)),
        Err(e) => {
            let pos = e.utf8_error().valid_up_to();
            let byte = e.as_bytes()[pos];
            Err(err("UnicodeError", format!("'utf-8' codec can't decode byte 0x{byte:02x} in position {pos}: invalid start byte (file {})", lang::native::str_repr(&path)))
                .with_help("open() reads text files in UTF-8; binary files are read with np.load or slope.safetensors.load_file"))
        }
    }
}

/// `write_text(path, s, how)`: `how` is 'w' (create or truncate), 'a' (append, creating) or
/// 'x' (create; the file must not exist).
fn write_text(_it: &mut Interp, _: &Builtin, args: Vec<Value>, kw: Kwargs) -> Result<Value> {
    no_kw(&kw, "write_text")?;
    nargs(&args, 3, 3, "write_text")?;
    let path = path_of(&args[0], "open")?;
    let (Value::Str(s), Value::Str(how)) = (&args[1], &args[2]) else {
        return Err(err("TypeError", "write_text(path, str, how)"));
    };
    let mut o = std::fs::OpenOptions::new();
    match how.as_ref() {
        "w" => o.write(true).create(true).truncate(true),
        "x" => o.write(true).create_new(true),
        _ => o.append(true).create(true),
    };
    let mut f = o.open(&path).map_err(|e| write_error(&e, &path))?;
    f.write_all(s.as_bytes()).map_err(|e| write_error(&e, &path))?;
    Ok(Value::None)
}

const FILEIO_FNS: &[Entry] = &[
    ("read_text", read_text, "read_text(path): the whole text file as a str (UTF-8)."),
    ("write_text", write_text, "write_text(path, s, how): write s to the file: 'w' truncates, 'a' appends, 'x' creates a new file."),
];

fn build_fileio(_it: &mut Interp) -> Result<Value> {
    Ok(Value::Module(Rc::new(module("_fileio", FILEIO_FNS))))
}

/// The proptest configuration of the readers' fuzz suites: `default` cases per run, or
/// `SLOPE_FUZZ_CASES` when set (scripts/fuzz-files.sh runs them for minutes with fresh seeds).
#[cfg(test)]
pub(crate) fn fuzz_config(default: u32) -> proptest::test_runner::Config {
    let cases = std::env::var("SLOPE_FUZZ_CASES").ok().and_then(|s| s.parse().ok()).unwrap_or(default);
    proptest::test_runner::Config { cases, ..proptest::test_runner::Config::default() }
}
