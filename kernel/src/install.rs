//! `slope-kernel install`: write the kernelspec (`kernel.json` and the logos) into a Jupyter
//! data directory's `kernels/<name>/`, where `jupyter kernelspec list` finds it.

use serde_json::json;
use std::path::{Path, PathBuf};

const LOGO_32: &[u8] = include_bytes!("../assets/logo-32x32.png");
const LOGO_64: &[u8] = include_bytes!("../assets/logo-64x64.png");

/// `slope-kernel install --help`.
pub const USAGE: &str = "\
usage: slope-kernel install [--user | --sys-prefix | --prefix PREFIX] [--name NAME] [--display-name NAME]

Write Slope's kernelspec (kernel.json, which runs this slope-kernel, and its logos) into
DATA/kernels/NAME, where `jupyter kernelspec list` and Jupyter's frontends find it.

  --user                for this user (the default): DATA is $JUPYTER_DATA_DIR, else
                        ~/.local/share/jupyter (~/Library/Jupyter on macOS, %APPDATA%\\jupyter on Windows)
  --sys-prefix          into the active Python environment: DATA is ENV/share/jupyter, where ENV
                        is $VIRTUAL_ENV, else $CONDA_PREFIX, else python3's sys.prefix
  --prefix PREFIX       DATA is PREFIX/share/jupyter (packaging, tests)
  --name NAME           the kernel's name (default: slope): `jupyter kernelspec remove NAME` removes it
  --display-name NAME   the name menus show (default: Slope)
  -h, --help            print this help

The kernelspec records this program's absolute path: install again after moving or rebuilding it.
";

enum Target {
    User,
    SysPrefix,
    Prefix(PathBuf),
}

/// Parse the arguments after `install`, write the kernelspec, return its directory.
pub fn run(args: &[String]) -> Result<PathBuf, String> {
    let mut target = Target::User;
    let mut name = "slope".to_string();
    let mut display_name = "Slope".to_string();
    let mut it = args.iter();
    while let Some(a) = it.next() {
        let mut value = |flag: &str| it.next().cloned().ok_or_else(|| format!("{flag} needs a value"));
        match a.as_str() {
            "--user" => target = Target::User,
            "--sys-prefix" => target = Target::SysPrefix,
            "--prefix" => target = Target::Prefix(PathBuf::from(value("--prefix")?)),
            "--name" => name = value("--name")?,
            "--display-name" => display_name = value("--display-name")?,
            other => match other.split_once('=') {
                Some(("--prefix", p)) => target = Target::Prefix(PathBuf::from(p)),
                Some(("--name", n)) => name = n.to_string(),
                Some(("--display-name", d)) => display_name = d.to_string(),
                _ => return Err(format!("unknown argument '{other}' (see slope-kernel --help)")),
            },
        }
    }
    if name.is_empty() || !name.chars().all(|c| c.is_ascii_alphanumeric() || "._-".contains(c)) {
        return Err(format!("'{name}' is not a valid kernel name (letters, digits, '.', '_', '-')"));
    }
    let data_dir = match target {
        Target::User => user_data_dir()?,
        Target::SysPrefix => sys_prefix()?.join("share").join("jupyter"),
        Target::Prefix(p) => p.join("share").join("jupyter"),
    };
    let dir = data_dir.join("kernels").join(&name);
    write_kernelspec(&dir, &display_name)?;
    Ok(dir)
}

fn write_kernelspec(dir: &Path, display_name: &str) -> Result<(), String> {
    let exe = std::env::current_exe().and_then(|p| p.canonicalize()).map_err(|e| format!("cannot find this program's path: {e}"))?;
    let spec = json!({
        "argv": [exe.to_string_lossy(), "--connection-file", "{connection_file}"],
        "display_name": display_name,
        // Slope is a Python subset: frontends highlight it as Python.
        "language": "python",
        "interrupt_mode": "message",
        "metadata": { "debugger": false },
    });
    std::fs::create_dir_all(dir).map_err(|e| format!("cannot create {}: {e}", dir.display()))?;
    let text = serde_json::to_string_pretty(&spec).map_err(|e| e.to_string())? + "\n";
    for (file, bytes) in [("kernel.json", text.as_bytes()), ("logo-32x32.png", LOGO_32), ("logo-64x64.png", LOGO_64)] {
        let path = dir.join(file);
        std::fs::write(&path, bytes).map_err(|e| format!("cannot write {}: {e}", path.display()))?;
    }
    Ok(())
}

/// Jupyter's per-user data directory: `$JUPYTER_DATA_DIR`, else the platform's.
fn user_data_dir() -> Result<PathBuf, String> {
    if let Some(d) = std::env::var_os("JUPYTER_DATA_DIR").filter(|d| !d.is_empty()) {
        return Ok(PathBuf::from(d));
    }
    jupyter_zmq_client::user_data_dir().map_err(|e| e.to_string())
}

/// The prefix of the active Python environment: a venv, a conda environment, or whatever
/// `python3` reports.
fn sys_prefix() -> Result<PathBuf, String> {
    for var in ["VIRTUAL_ENV", "CONDA_PREFIX"] {
        if let Some(p) = std::env::var_os(var).filter(|p| !p.is_empty()) {
            return Ok(PathBuf::from(p));
        }
    }
    for python in ["python3", "python"] {
        if let Ok(out) = std::process::Command::new(python).args(["-c", "import sys; print(sys.prefix)"]).output() {
            let prefix = String::from_utf8_lossy(&out.stdout).trim().to_string();
            if out.status.success() && !prefix.is_empty() {
                return Ok(PathBuf::from(prefix));
            }
        }
    }
    Err("--sys-prefix: no active Python environment (activate a venv, or use --prefix)".into())
}
