//! The `slope-kernel` binary from Rust: `install` writes a kernelspec, and a kernel launched on a
//! connection file speaks the protocol to a `jupyter-zmq-client` client (kernel info, execute
//! with live streams, an interrupt, shutdown). The conformance suites proper are in Python
//! (tests/kernel), run by scripts/test.sh.

use jupyter_protocol::{
    ConnectionInfo, ExecuteRequest, ExecutionState, InterruptRequest, JupyterMessage, JupyterMessageContent, KernelInfoRequest,
    ReplyStatus, ShutdownRequest, Transport,
};
use jupyter_zmq_client::{
    create_client_control_connection, create_client_iopub_connection, create_client_shell_connection_with_identity,
    peek_ports_with_listeners, peer_identity_for_session, wait_for_iopub_welcome, ClientIoPubConnection,
};
use std::path::PathBuf;
use std::process::{Child, Command};
use std::time::{Duration, Instant};

const BIN: &str = env!("CARGO_BIN_EXE_slope-kernel");

fn temp_dir(name: &str) -> PathBuf {
    let dir = std::env::temp_dir().join(format!("slope-kernel-test-{name}-{}", std::process::id()));
    let _ = std::fs::remove_dir_all(&dir);
    std::fs::create_dir_all(&dir).unwrap();
    dir
}

/// `--version` prints Cargo's package version; `--help` and `install --help` print their usage
/// (every install flag, and what it does); all exit 0.
#[test]
fn version_and_help() {
    let run = |args: &[&str]| Command::new(BIN).args(args).output().unwrap();
    let out = run(&["--version"]);
    assert!(out.status.success());
    assert_eq!(String::from_utf8_lossy(&out.stdout), format!("slope-kernel {}\n", env!("CARGO_PKG_VERSION")));
    let out = run(&["--help"]);
    assert!(out.status.success());
    assert!(String::from_utf8_lossy(&out.stdout).contains("install --help"));
    for args in [&["install", "--help"][..], &["install", "-h"], &["install", "--prefix", "/nonexistent", "--help"]] {
        let out = run(args);
        assert!(out.status.success(), "{args:?}");
        let text = String::from_utf8_lossy(&out.stdout);
        for flag in ["--user", "--sys-prefix", "--prefix PREFIX", "--name NAME", "--display-name NAME", "kernel.json"] {
            assert!(text.contains(flag), "{args:?}: {flag} in {text}");
        }
    }
    assert!(!std::path::Path::new("/nonexistent").exists(), "--help installs nothing");
}

#[test]
fn install_writes_a_kernelspec() {
    let prefix = temp_dir("install");
    let out = Command::new(BIN).args(["install", "--prefix"]).arg(&prefix).output().unwrap();
    assert!(out.status.success(), "{}", String::from_utf8_lossy(&out.stderr));
    let dir = prefix.join("share/jupyter/kernels/slope");
    let spec: serde_json::Value = serde_json::from_str(&std::fs::read_to_string(dir.join("kernel.json")).unwrap()).unwrap();
    let argv: Vec<&str> = spec["argv"].as_array().unwrap().iter().map(|a| a.as_str().unwrap()).collect();
    assert_eq!(PathBuf::from(argv[0]), PathBuf::from(BIN).canonicalize().unwrap());
    assert_eq!(&argv[1..], ["--connection-file", "{connection_file}"]);
    assert_eq!(spec["display_name"], "Slope");
    assert_eq!(spec["language"], "python");
    assert_eq!(spec["interrupt_mode"], "message");
    for (file, size) in [("logo-32x32.png", 32u32), ("logo-64x64.png", 64)] {
        let png = std::fs::read(dir.join(file)).unwrap();
        assert_eq!(&png[..8], b"\x89PNG\r\n\x1a\n");
        // IHDR: width and height, big-endian, right after the chunk header.
        assert_eq!(u32::from_be_bytes(png[16..20].try_into().unwrap()), size);
        assert_eq!(u32::from_be_bytes(png[20..24].try_into().unwrap()), size);
    }
    let _ = std::fs::remove_dir_all(&prefix);
}

#[test]
fn bad_arguments_are_refused() {
    for args in [&["--frobnicate"][..], &["install", "--name", "no spaces"], &["--connection-file", "/nonexistent/conn.json"]] {
        let out = Command::new(BIN).args(args).output().unwrap();
        assert!(!out.status.success(), "{args:?} succeeded");
        assert!(!String::from_utf8_lossy(&out.stderr).is_empty());
    }
    let out = Command::new(BIN).arg("--help").output().unwrap();
    assert!(out.status.success() && String::from_utf8_lossy(&out.stdout).contains("--connection-file"));
}

struct Launched {
    child: Child,
    info: ConnectionInfo,
}

impl Drop for Launched {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

async fn launch(name: &str) -> Launched {
    let ip = std::net::IpAddr::V4(std::net::Ipv4Addr::LOCALHOST);
    let (ports, listeners) = peek_ports_with_listeners(ip, 5).await.unwrap();
    let info = ConnectionInfo {
        transport: Transport::TCP,
        ip: ip.to_string(),
        shell_port: ports[0],
        iopub_port: ports[1],
        stdin_port: ports[2],
        control_port: ports[3],
        hb_port: ports[4],
        key: uuid::Uuid::new_v4().to_string(),
        signature_scheme: "hmac-sha256".into(),
        kernel_name: Some("slope".into()),
    };
    let file = temp_dir(name).join("connection.json");
    std::fs::write(&file, serde_json::to_string(&info).unwrap()).unwrap();
    drop(listeners);
    let child = Command::new(BIN).arg("--connection-file").arg(&file).spawn().unwrap();
    Launched { child, info }
}

/// IOPub messages of `parent` until its idle status.
async fn outputs(iopub: &mut ClientIoPubConnection, parent: &str) -> Vec<JupyterMessageContent> {
    let mut out = Vec::new();
    loop {
        let msg = tokio::time::timeout(Duration::from_secs(30), iopub.read()).await.expect("iopub timed out").unwrap();
        if msg.parent_header.as_ref().map(|h| h.msg_id.as_str()) != Some(parent) {
            continue;
        }
        if let JupyterMessageContent::Status(s) = &msg.content {
            if s.execution_state == ExecutionState::Idle {
                return out;
            }
        }
        out.push(msg.content);
    }
}

#[tokio::test]
async fn a_session_over_the_protocol() {
    let mut kernel = launch("session").await;
    let info = kernel.info.clone();
    let session = uuid::Uuid::new_v4().to_string();
    let identity = peer_identity_for_session(&session).unwrap();
    let mut shell = create_client_shell_connection_with_identity(&info, &session, identity).await.unwrap();
    let mut iopub = create_client_iopub_connection(&info, "", &session).await.unwrap();
    let mut control = create_client_control_connection(&info, &session).await.unwrap();

    // The kernel needs a moment to bind; ask until it answers.
    let mut answered = false;
    for _ in 0..50 {
        shell.send(KernelInfoRequest {}.into()).await.unwrap();
        if let Ok(reply) = tokio::time::timeout(Duration::from_millis(200), shell.read()).await {
            let JupyterMessageContent::KernelInfoReply(info) = reply.unwrap().content else { panic!("not a kernel_info_reply") };
            assert_eq!(info.language_info.name, "python");
            assert_eq!(info.implementation, "slope");
            answered = true;
            break;
        }
    }
    assert!(answered, "no kernel_info_reply");
    let _ = wait_for_iopub_welcome(&mut iopub, Duration::from_secs(2)).await;

    let request: JupyterMessage = ExecuteRequest::new("print(6 * 7)\n[1, 2][1]".into()).into();
    let id = request.header.msg_id.clone();
    shell.send(request).await.unwrap();
    let outs = outputs(&mut iopub, &id).await;
    assert!(outs.iter().any(|c| matches!(c, JupyterMessageContent::StreamContent(s) if s.text == "42\n")), "{outs:?}");
    assert!(
        outs.iter()
            .any(|c| matches!(c, JupyterMessageContent::ExecuteResult(r) if serde_json::to_value(&r.data).unwrap()["text/plain"] == "2")),
        "{outs:?}"
    );
    let JupyterMessageContent::ExecuteReply(reply) = shell.read().await.unwrap().content else { panic!("not an execute_reply") };
    assert_eq!(reply.status, ReplyStatus::Ok);
    assert_eq!(reply.execution_count.value(), 1);

    // An infinite loop, stopped by an interrupt on the control channel.
    let request: JupyterMessage = ExecuteRequest::new("while True:\n    pass".into()).into();
    let id = request.header.msg_id.clone();
    shell.send(request).await.unwrap();
    tokio::time::sleep(Duration::from_millis(300)).await;
    let t0 = Instant::now();
    control.send(InterruptRequest {}.into()).await.unwrap();
    let JupyterMessageContent::ExecuteReply(reply) =
        tokio::time::timeout(Duration::from_secs(10), shell.read()).await.expect("not interrupted").unwrap().content
    else {
        panic!("not an execute_reply")
    };
    let took = t0.elapsed();
    assert_eq!(reply.status, ReplyStatus::Error);
    assert_eq!(reply.error.unwrap().ename, "KeyboardInterrupt");
    assert!(took < Duration::from_secs(2), "the interrupt took {took:?}");
    let _ = outputs(&mut iopub, &id).await;
    let JupyterMessageContent::InterruptReply(_) = control.read().await.unwrap().content else { panic!("not an interrupt_reply") };

    control.send(ShutdownRequest { restart: false }.into()).await.unwrap();
    let JupyterMessageContent::ShutdownReply(reply) = control.read().await.unwrap().content else { panic!("not a shutdown_reply") };
    assert_eq!(reply.status, ReplyStatus::Ok);
    let deadline = Instant::now() + Duration::from_secs(10);
    loop {
        if let Some(status) = kernel.child.try_wait().unwrap() {
            assert!(status.success());
            break;
        }
        assert!(Instant::now() < deadline, "the kernel did not exit after shutdown");
        tokio::time::sleep(Duration::from_millis(20)).await;
    }
}
