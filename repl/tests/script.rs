//! `slope FILE` end to end: a script that plots writes its figures to files (in `SLOPE_FIGURES`)
//! and prints their paths, in order with its prints.

use std::process::Command;

#[test]
fn a_script_writes_its_figures_to_files() {
    let dir = std::env::temp_dir().join(format!("slope-script-{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    let script = dir.join("plot.py");
    std::fs::write(&script, "import matplotlib.pyplot as plt\nprint('before')\nplt.plot([1, 4, 9])\nplt.show()\nplt.plot([3, 2])\nprint('after')\n").unwrap();
    let out = Command::new(env!("CARGO_BIN_EXE_slope")).arg(&script).env("SLOPE_FIGURES", &dir).output().unwrap();
    let stdout = String::from_utf8_lossy(&out.stdout);
    assert!(out.status.success(), "{stdout}{}", String::from_utf8_lossy(&out.stderr));
    let lines: Vec<&str> = stdout.lines().collect();
    assert_eq!(lines.len(), 4, "{stdout}");
    assert_eq!((lines[0], lines[2]), ("before", "after"));
    for line in [lines[1], lines[3]] {
        let path = line.strip_prefix("[figure: ").and_then(|l| l.strip_suffix(']')).unwrap_or_else(|| panic!("not a figure line: {line}"));
        assert!(path.starts_with(dir.to_str().unwrap()) && path.ends_with(".png"), "{path}");
        let png = std::fs::read(path).unwrap();
        assert_eq!(&png[1..4], b"PNG");
    }
    let _ = std::fs::remove_dir_all(&dir);
}

/// `slope --version` prints Cargo's package version; `--help` the usage; both exit 0. A
/// flag slope does not know is a usage error (status 2), not a file it cannot open.
#[test]
fn version_and_help() {
    let slope = |args: &[&str]| Command::new(env!("CARGO_BIN_EXE_slope")).args(args).output().unwrap();
    for flag in ["--version", "-V"] {
        let out = slope(&[flag]);
        assert!(out.status.success());
        assert_eq!(String::from_utf8_lossy(&out.stdout), format!("slope {}\n", env!("CARGO_PKG_VERSION")));
    }
    assert_eq!(env!("CARGO_PKG_VERSION"), "0.1.0");
    for flag in ["--help", "-h"] {
        let out = slope(&[flag]);
        assert!(out.status.success());
        let text = String::from_utf8_lossy(&out.stdout);
        assert!(text.starts_with("usage: slope [FILE | -c CODE"), "{text}");
        assert!(text.contains("--version") && text.contains("SLOPE_FIGURES") && text.contains("SLOPE_IMAGES"), "{text}");
    }
    let out = slope(&["--frobnicate"]);
    assert_eq!(out.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&out.stderr).starts_with("slope: unknown option --frobnicate\n\nusage:"));
    let out = slope(&["-c"]);
    assert_eq!(out.status.code(), Some(2));
}
