//! `slope FILE` end to end: a script that plots writes its figure to a file and prints the path.

use std::process::Command;

#[test]
fn a_script_writes_its_figures_to_files() {
    let dir = std::env::temp_dir().join(format!("slope-script-{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    let script = dir.join("plot.py");
    std::fs::write(&script, "import matplotlib.pyplot as plt\nprint('before')\nplt.plot([1, 4, 9])\nplt.show()\nplt.plot([3, 2])\nprint('after')\n").unwrap();
    let out = Command::new(env!("CARGO_BIN_EXE_slope")).arg(&script).current_dir(&dir).output().unwrap();
    let stdout = String::from_utf8_lossy(&out.stdout);
    assert!(out.status.success(), "{stdout}{}", String::from_utf8_lossy(&out.stderr));
    assert_eq!(
        stdout,
        "before\n<Figure size 640x480 with 1 Axes> saved to slope-figure-1.png\nafter\n<Figure size 640x480 with 1 Axes> saved to slope-figure-2.png\n"
    );
    for n in [1, 2] {
        let png = std::fs::read(dir.join(format!("slope-figure-{n}.png"))).unwrap();
        assert_eq!(&png[1..4], b"PNG");
    }
    let _ = std::fs::remove_dir_all(&dir);
}
