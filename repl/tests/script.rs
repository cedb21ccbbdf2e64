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
