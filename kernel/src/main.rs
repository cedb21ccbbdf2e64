//! `slope-kernel`: Slope's Jupyter kernel, a thin front end over `lang::Session`.
//!
//!   slope-kernel install [--user | --sys-prefix | --prefix P] [--name N] [--display-name D]
//!   slope-kernel --connection-file FILE      (what Jupyter launches, from the kernelspec)

mod engine;
mod history;
mod install;
mod server;
mod wire;

use std::process::ExitCode;

const USAGE: &str = "\
usage: slope-kernel install [--user | --sys-prefix | --prefix PREFIX] [--name NAME] [--display-name NAME]
       slope-kernel --connection-file FILE
       slope-kernel --version | --help

  install             write the kernelspec where `jupyter kernelspec list` finds it
                      (slope-kernel install --help for its options)
  --connection-file   run the kernel on the sockets of a Jupyter connection file (Jupyter does this)
  -V, --version       print the version
  -h, --help          print this help
";

fn main() -> ExitCode {
    let args: Vec<String> = std::env::args().skip(1).collect();
    match args.first().map(String::as_str) {
        Some("install") if args[1..].iter().any(|a| a == "-h" || a == "--help") => {
            print!("{}", install::USAGE);
            ExitCode::SUCCESS
        }
        Some("install") => match install::run(&args[1..]) {
            Ok(dir) => {
                println!("Installed the Slope kernelspec in {}", dir.display());
                ExitCode::SUCCESS
            }
            Err(e) => {
                eprintln!("slope-kernel install: {e}");
                ExitCode::from(1)
            }
        },
        Some("--connection-file" | "-f") => match args.get(1) {
            Some(path) => run_kernel(path),
            None => usage_error("--connection-file needs a file"),
        },
        Some(flag) if flag.starts_with("--connection-file=") => run_kernel(&flag["--connection-file=".len()..]),
        Some("-h" | "--help") => {
            print!("{USAGE}");
            ExitCode::SUCCESS
        }
        Some("--version" | "-V") => {
            println!("slope-kernel {}", env!("CARGO_PKG_VERSION"));
            ExitCode::SUCCESS
        }
        Some(other) => usage_error(&format!("unknown argument '{other}'")),
        None => usage_error("nothing to do"),
    }
}

fn usage_error(msg: &str) -> ExitCode {
    eprint!("slope-kernel: {msg}\n\n{USAGE}");
    ExitCode::from(2)
}

fn run_kernel(path: &str) -> ExitCode {
    let info = match std::fs::read_to_string(path)
        .map_err(|e| e.to_string())
        .and_then(|s| serde_json::from_str::<jupyter_protocol::ConnectionInfo>(&s).map_err(|e| e.to_string()))
    {
        Ok(info) => info,
        Err(e) => {
            eprintln!("slope-kernel: cannot read the connection file '{path}': {e}");
            return ExitCode::from(1);
        }
    };
    let runtime = match tokio::runtime::Builder::new_current_thread().enable_all().build() {
        Ok(rt) => rt,
        Err(e) => {
            eprintln!("slope-kernel: cannot start the async runtime: {e}");
            return ExitCode::from(1);
        }
    };
    match runtime.block_on(server::serve(info)) {
        Ok(()) => ExitCode::SUCCESS,
        Err(e) => {
            eprintln!("slope-kernel: {e}");
            ExitCode::from(1)
        }
    }
}
