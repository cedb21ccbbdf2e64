//! The Jupyter side of the kernel: the five sockets of the messaging protocol (5.3) and what is
//! answered on each. The shell channel is served in order, one request at a time, by `Kernel`;
//! control (interrupt, shutdown, kernel info), heartbeat and IOPub run as their own tasks so
//! that an interrupt or a heartbeat is answered while a cell runs. The session itself lives on
//! the engine thread (`engine`).

use crate::engine::{self, Bundle, Engine, ErrorInfo, Event, Request};
use crate::history::History;
use crate::wire::{self, ReadError};
use bytes::Bytes;
use futures::StreamExt;
use jupyter_protocol::{
    ClearOutput, CodeMirrorMode, CommClose, CommInfoReply, CompleteReply, ConnectionInfo, DisplayData, ErrorOutput, ExecuteInput, ExecuteReply,
    ExecuteRequest, ExecuteResult, ExecutionCount, ExpressionResult, Header, InputRequest, InspectReply, InterruptReply, IoPubWelcome,
    IsCompleteReply, JupyterMessage, JupyterMessageContent, KernelInfoReply, LanguageInfo, Payload, ReplyError, ReplyStatus, ShutdownReply,
    Status, Stdio, StreamContent, Transient, UnknownMessage,
};
use jupyter_zmq_client::{
    create_kernel_control_connection, create_kernel_heartbeat_connection, create_kernel_iopub_xpub_connection,
    create_kernel_shell_connection, create_kernel_stdin_connection, KernelControlConnection, KernelHeartbeatConnection,
    KernelIoPubXPubConnection, RouterRecvConnection, RouterSendConnection, SubscriptionEvent,
};
use serde_json::{json, Map};
use std::collections::{HashMap, VecDeque};
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::Arc;
use std::time::Duration;
use tokio::sync::mpsc::{unbounded_channel, UnboundedReceiver, UnboundedSender};
use tokio::sync::{oneshot, Notify};
use zeromq::{Socket, SocketRecv, SocketSend};

const VERSION: &str = env!("CARGO_PKG_VERSION");

/// Write a line to the kernel's log (its stderr, which Jupyter keeps in its own log).
pub fn log(msg: impl std::fmt::Display) {
    eprintln!("[slope-kernel] {msg}");
}

/// Serve the kernel on the sockets of `info` until a shutdown request.
pub async fn serve(info: ConnectionInfo) -> Result<(), Box<dyn std::error::Error>> {
    let kernel_id = uuid::Uuid::new_v4().to_string();
    let engine = engine::start()?;
    let interrupt = engine.interrupt.clone();
    let notify = Arc::new(Notify::new());

    let iopub_conn = create_kernel_iopub_xpub_connection(&info, &kernel_id).await?;
    let shell = create_kernel_shell_connection(&info, &kernel_id).await?;
    let control = create_kernel_control_connection(&info, &kernel_id).await?;
    let stdin = create_kernel_stdin_connection(&info, &kernel_id).await?;
    let heartbeat = create_kernel_heartbeat_connection(&info).await?;

    let (iopub_tx, iopub_rx) = unbounded_channel();
    let iopub = Iopub { tx: iopub_tx };
    tokio::spawn(publish_loop(iopub_conn, iopub_rx, kernel_id.clone()));
    iopub.publish(JupyterMessage::new(Status::starting(), None));
    tokio::spawn(heartbeat_loop(heartbeat));
    tokio::spawn(control_loop(control, iopub.clone(), interrupt.clone(), notify.clone()));
    #[cfg(unix)]
    {
        tokio::spawn(sigint_loop(interrupt.clone(), notify.clone()));
        tokio::spawn(watch_parent());
    }

    let (shell_send, shell_recv) = shell.split();
    let (queue_tx, queue_rx) = unbounded_channel();
    tokio::spawn(shell_reader(shell_recv, queue_tx));
    let mut stdin = stdin;
    // Who leaves the stdin socket: an input request whose frontend went away is answered.
    let stdin_events = stdin.socket.monitor();
    let (stdin_send, stdin_recv) = stdin.split();
    let mut kernel = Kernel {
        shell: shell_send,
        stdin_send,
        stdin_recv,
        stdin_events,
        iopub,
        engine,
        stash: None,
        interrupt,
        notify,
        queue: queue_rx,
        pending: VecDeque::new(),
        execution_count: 0,
        history: History::default(),
    };
    kernel.run().await;
    Ok(())
}

/// What the kernel says about itself: `kernel_info_reply`.
pub fn kernel_info() -> KernelInfoReply {
    KernelInfoReply {
        status: ReplyStatus::Ok,
        protocol_version: "5.3".into(),
        implementation: "slope".into(),
        implementation_version: VERSION.into(),
        // Slope is a Python subset: frontends highlight and export it as Python.
        language_info: LanguageInfo {
            name: "python".into(),
            version: "3".into(),
            mimetype: Some("text/x-python".into()),
            file_extension: Some(".py".into()),
            pygments_lexer: Some("python".into()),
            codemirror_mode: Some(CodeMirrorMode::ipython_code_mirror_mode()),
            nbconvert_exporter: Some("python".into()),
        },
        banner: format!("Slope {VERSION}: an array language with numpy syntax (grad, vmap, jit)"),
        help_links: Vec::new(),
        debugger: false,
        error: None,
    }
}

// ---------------------------------------------------------------------------------------------
// IOPub: one task owns the XPUB socket, publishes what the other tasks hand it, and greets each
// new subscriber with an `iopub_welcome` (JEP 65).

enum IopubCmd {
    Send(Box<JupyterMessage>),
    Flush(oneshot::Sender<()>),
}

#[derive(Clone)]
struct Iopub {
    tx: UnboundedSender<IopubCmd>,
}

impl Iopub {
    fn publish(&self, msg: JupyterMessage) {
        let _ = self.tx.send(IopubCmd::Send(Box::new(msg)));
    }
    /// Publish `content` as a child of `parent`.
    fn child(&self, content: impl Into<JupyterMessageContent>, parent: &JupyterMessage) {
        self.publish(JupyterMessage::new(content.into(), Some(parent)));
    }
    /// Wait until everything handed over so far has been published.
    async fn flush(&self) {
        let (tx, rx) = oneshot::channel();
        if self.tx.send(IopubCmd::Flush(tx)).is_ok() {
            let _ = rx.await;
        }
    }
}

async fn publish_loop(mut conn: KernelIoPubXPubConnection, mut rx: UnboundedReceiver<IopubCmd>, kernel_id: String) {
    loop {
        tokio::select! {
            cmd = rx.recv() => match cmd {
                Some(IopubCmd::Send(msg)) => {
                    let mut msg = *msg;
                    msg.zmq_identities = vec![wire::topic(&kernel_id, &msg)];
                    if let Err(e) = conn.send(msg).await {
                        log(format!("iopub: could not publish: {e}"));
                    }
                }
                Some(IopubCmd::Flush(done)) => {
                    let _ = done.send(());
                }
                None => break,
            },
            // Subscriptions must be read for XPUB to route messages to the subscriber at all.
            sub = conn.recv_subscription() => match sub {
                Ok(SubscriptionEvent::Subscribe(topic)) => {
                    let mut welcome = JupyterMessage::new(IoPubWelcome::new(topic.clone()), None);
                    let frame = if topic.is_empty() { format!("kernel.{kernel_id}.iopub_welcome") } else { topic };
                    welcome.zmq_identities = vec![Bytes::from(frame)];
                    if let Err(e) = conn.send(welcome).await {
                        log(format!("iopub: could not send iopub_welcome: {e}"));
                    }
                }
                Ok(SubscriptionEvent::Unsubscribe(_)) => {}
                // A subscriber went away, or sent a stray frame.
                Err(_) => {}
            },
        }
    }
}

// ---------------------------------------------------------------------------------------------
// Heartbeat, control, signals.

/// Echo every heartbeat, whatever happens to a peer.
async fn heartbeat_loop(mut hb: KernelHeartbeatConnection) {
    loop {
        match hb.socket.recv().await {
            Ok(ping) => {
                if let Err(e) = hb.socket.send(ping).await {
                    log(format!("heartbeat: {e}"));
                }
            }
            Err(_) => tokio::time::sleep(Duration::from_millis(10)).await,
        }
    }
}

/// Interrupts, shutdowns and kernel info, answered even while a cell runs.
async fn control_loop(mut control: KernelControlConnection, iopub: Iopub, interrupt: Arc<AtomicBool>, notify: Arc<Notify>) {
    loop {
        let msg = match wire::read(&mut control).await {
            Ok(msg) => msg,
            Err(e) => {
                log(format!("control: {e}"));
                if let ReadError::Socket(_) = e {
                    tokio::time::sleep(Duration::from_millis(10)).await;
                }
                continue;
            }
        };
        let reply: Option<JupyterMessageContent> = match &msg.content {
            JupyterMessageContent::KernelInfoRequest(_) => Some(kernel_info().into()),
            JupyterMessageContent::InterruptRequest(_) => {
                interrupt.store(true, Ordering::SeqCst);
                notify.notify_waiters();
                Some(InterruptReply::new().into())
            }
            JupyterMessageContent::ShutdownRequest(req) => {
                shutdown(&mut control, &iopub, req.restart, &msg).await;
                None
            }
            other => {
                log(format!("control: unsupported message type '{}'", other.message_type()));
                None
            }
        };
        if let Some(content) = reply {
            iopub.child(Status::busy(), &msg);
            if let Err(e) = control.send(JupyterMessage::new(content, Some(&msg))).await {
                log(format!("control: could not reply: {e}"));
            }
            iopub.child(Status::idle(), &msg);
        }
    }
}

/// Answer a shutdown request (on whichever socket it came), tell IOPub, and exit.
async fn shutdown<S: SocketSend>(conn: &mut jupyter_zmq_client::Connection<S>, iopub: &Iopub, restart: bool, msg: &JupyterMessage) {
    let reply = ShutdownReply { restart, status: ReplyStatus::Ok, error: None };
    iopub.child(Status::busy(), msg);
    if let Err(e) = conn.send(reply.as_child_of(msg)).await {
        log(format!("could not reply to shutdown: {e}"));
    }
    iopub.child(reply, msg);
    iopub.child(Status::idle(), msg);
    iopub.flush().await;
    // Give the sockets a moment to put the last frames on the wire.
    tokio::time::sleep(Duration::from_millis(50)).await;
    std::process::exit(0);
}

/// Signal-mode interrupts: SIGINT sets the interrupt flag instead of killing the process.
#[cfg(unix)]
async fn sigint_loop(interrupt: Arc<AtomicBool>, notify: Arc<Notify>) {
    let Ok(mut sig) = tokio::signal::unix::signal(tokio::signal::unix::SignalKind::interrupt()) else {
        log("cannot install a SIGINT handler; use message-mode interrupts");
        return;
    };
    while sig.recv().await.is_some() {
        interrupt.store(true, Ordering::SeqCst);
        notify.notify_waiters();
    }
}

/// Exit when the Jupyter process that started us (JPY_PARENT_PID) goes away.
#[cfg(unix)]
async fn watch_parent() {
    let Some(parent) = std::env::var("JPY_PARENT_PID").ok().and_then(|p| p.parse::<u32>().ok()) else {
        return;
    };
    if std::os::unix::process::parent_id() != parent {
        return;
    }
    loop {
        tokio::time::sleep(Duration::from_secs(1)).await;
        if std::os::unix::process::parent_id() != parent {
            log("the parent process is gone; exiting");
            std::process::exit(0);
        }
    }
}

// ---------------------------------------------------------------------------------------------
// Shell.

/// What the shell reader hands the kernel: a request, or a request too broken to decode whose
/// header (and so its sender) is known.
enum Incoming {
    Msg(Box<JupyterMessage>),
    Malformed { header: Header, identities: Vec<Bytes>, reason: String },
}

/// Read the shell socket into a queue, so that requests that arrive while a cell runs wait in
/// order (and can be aborted after an error).
async fn shell_reader(mut shell: RouterRecvConnection, queue: UnboundedSender<Incoming>) {
    loop {
        let item = match wire::read(&mut shell).await {
            Ok(msg) => Incoming::Msg(Box::new(msg)),
            Err(ReadError::Malformed { request: Some(r), reason }) => {
                let (header, identities) = *r;
                log(format!("shell: malformed {} message: {reason}", header.msg_type));
                Incoming::Malformed { header, identities, reason }
            }
            Err(e) => {
                log(format!("shell: {e}"));
                if let ReadError::Socket(_) = e {
                    tokio::time::sleep(Duration::from_millis(10)).await;
                }
                continue;
            }
        };
        if queue.send(item).is_err() {
            break;
        }
    }
}

struct Kernel {
    shell: RouterSendConnection,
    stdin_send: RouterSendConnection,
    stdin_recv: RouterRecvConnection,
    /// The stdin socket's monitor: connections and disconnections of its peers.
    stdin_events: futures::channel::mpsc::Receiver<zeromq::SocketEvent>,
    iopub: Iopub,
    engine: Engine,
    /// An engine event read ahead while merging streams.
    stash: Option<Event>,
    interrupt: Arc<AtomicBool>,
    notify: Arc<Notify>,
    queue: UnboundedReceiver<Incoming>,
    /// Requests taken off the queue while aborting, to be served next.
    pending: VecDeque<Incoming>,
    execution_count: usize,
    history: History,
}

impl Kernel {
    async fn run(&mut self) {
        loop {
            let item = match self.pending.pop_front() {
                Some(item) => item,
                None => match self.queue.recv().await {
                    Some(item) => item,
                    None => break,
                },
            };
            match item {
                Incoming::Msg(msg) => self.handle(&msg).await,
                Incoming::Malformed { header, identities, reason } => self.reply_malformed(header, identities, reason).await,
            }
        }
    }

    async fn reply(&mut self, content: impl Into<JupyterMessageContent>, parent: &JupyterMessage) {
        let mut msg = JupyterMessage::new(content.into(), Some(parent));
        msg.header.username = "slope-kernel".into();
        if let Err(e) = self.shell.send(msg).await {
            log(format!("shell: could not reply: {e}"));
        }
    }

    /// Serve one shell request: busy, the work and its reply, idle.
    async fn handle(&mut self, msg: &JupyterMessage) {
        self.iopub.child(Status::busy(), msg);
        let mut aborted = Vec::new();
        match &msg.content {
            JupyterMessageContent::KernelInfoRequest(_) => self.reply(kernel_info(), msg).await,
            JupyterMessageContent::ExecuteRequest(req) => aborted = self.execute(req, msg).await,
            JupyterMessageContent::CompleteRequest(req) => {
                let cursor = wire::byte_offset(&req.code, req.cursor_pos);
                let c = self.ask_completions(req.code.clone(), cursor).await;
                let reply = CompleteReply {
                    matches: c.matches,
                    cursor_start: wire::char_offset(&req.code, c.start),
                    cursor_end: wire::char_offset(&req.code, c.end),
                    metadata: Map::new(),
                    status: ReplyStatus::Ok,
                    error: None,
                };
                self.reply(reply, msg).await;
            }
            JupyterMessageContent::InspectRequest(req) => {
                let cursor = wire::byte_offset(&req.code, req.cursor_pos);
                let text = self.ask_inspection(req.code.clone(), cursor).await;
                let reply = InspectReply {
                    found: text.is_some(),
                    data: wire::media(&text.map(|t| vec![("text/plain".to_string(), t)]).unwrap_or_default()),
                    metadata: Map::new(),
                    status: ReplyStatus::Ok,
                    error: None,
                };
                self.reply(reply, msg).await;
            }
            JupyterMessageContent::IsCompleteRequest(req) => {
                let reply = match self.ask_is_complete(req.code.clone()).await {
                    lang::Completeness::Complete => IsCompleteReply::complete(),
                    lang::Completeness::Incomplete { indent } => IsCompleteReply::incomplete(indent),
                    lang::Completeness::Invalid => IsCompleteReply::invalid(),
                };
                self.reply(reply, msg).await;
            }
            JupyterMessageContent::UnknownMessage(u) if u.msg_type == "history_request" => {
                let history = self.history.query(&u.content);
                let reply = UnknownMessage { msg_type: "history_reply".into(), content: json!({ "status": "ok", "history": history }) };
                self.reply(reply, msg).await;
            }
            JupyterMessageContent::CommInfoRequest(_) => self.reply(CommInfoReply::default(), msg).await,
            JupyterMessageContent::CommOpen(open) => {
                // No comm targets exist: close it at once, as the protocol asks.
                self.iopub.child(CommClose { comm_id: open.comm_id.clone(), data: Map::new() }, msg);
            }
            JupyterMessageContent::CommMsg(_) | JupyterMessageContent::CommClose(_) => {}
            JupyterMessageContent::ShutdownRequest(req) => {
                let restart = req.restart;
                shutdown(&mut self.shell, &self.iopub, restart, msg).await;
            }
            other => log(format!("shell: unsupported message type '{}'", other.message_type())),
        }
        self.iopub.child(Status::idle(), msg);
        for queued in aborted {
            self.iopub.child(Status::busy(), &queued);
            let reply = ExecuteReply {
                status: ReplyStatus::Aborted,
                execution_count: ExecutionCount::new(self.execution_count),
                payload: Vec::new(),
                user_expressions: Some(HashMap::new()),
                error: None,
            };
            self.reply(reply, &queued).await;
            self.iopub.child(Status::idle(), &queued);
        }
    }

    /// Answer a request whose content could not be decoded with an error reply.
    async fn reply_malformed(&mut self, header: Header, identities: Vec<Bytes>, reason: String) {
        let Some(kind) = header.msg_type.strip_suffix("_request").map(str::to_string) else {
            return;
        };
        let parent = JupyterMessage {
            zmq_identities: identities,
            header,
            parent_header: None,
            metadata: json!({}),
            content: JupyterMessageContent::UnknownMessage(UnknownMessage::default()),
            buffers: Vec::new(),
            channel: None,
        };
        self.iopub.child(Status::busy(), &parent);
        let content = json!({ "status": "error", "ename": "ValueError", "evalue": format!("malformed {}: {reason}", parent.header.msg_type), "traceback": [] });
        self.reply(UnknownMessage { msg_type: format!("{kind}_reply"), content }, &parent).await;
        self.iopub.child(Status::idle(), &parent);
    }

    /// The next engine event (one read ahead first).
    async fn next_event(&mut self) -> Option<Event> {
        if let Some(ev) = self.stash.take() {
            return Some(ev);
        }
        self.engine.events.recv().await
    }

    /// Run a cell: `execute_input`, its outputs as they come, the reply. Returns the execute
    /// requests queued behind it that must be aborted (when it failed with `stop_on_error`).
    async fn execute(&mut self, req: &ExecuteRequest, parent: &JupyterMessage) -> Vec<Box<JupyterMessage>> {
        let store = req.store_history && !req.silent;
        let count = if store { self.execution_count + 1 } else { self.execution_count };
        if store {
            self.execution_count = count;
        }
        if !req.silent {
            self.iopub.child(ExecuteInput { code: req.code.clone(), execution_count: ExecutionCount::new(count) }, parent);
        }
        if let Some(target) = help_target(&req.code) {
            return self.help(target.to_string(), req, count, parent).await;
        }
        let name = if store { format!("<cell {count}>") } else { "<cell>".to_string() };
        let user_expressions: Vec<(String, String)> = req.user_expressions.clone().unwrap_or_default().into_iter().collect();
        let number = store.then_some(count as usize);
        let sent = self.engine.requests.send(Request::Execute { name, number, code: req.code.clone(), allow_stdin: req.allow_stdin, user_expressions });
        let mut error: Option<ErrorInfo> = None;
        let mut result_text: Option<String> = None;
        let mut expressions = HashMap::new();
        if sent.is_err() {
            error = Some(engine_gone());
        }
        while sent.is_ok() {
            let Some(ev) = self.next_event().await else {
                error = Some(engine_gone());
                break;
            };
            match ev {
                Event::Stream { stderr, mut text } => {
                    // Merge what is already waiting, so a fast loop of prints is a few messages.
                    while let Ok(next) = self.engine.events.try_recv() {
                        match next {
                            Event::Stream { stderr: s, text: t } if s == stderr && text.len() < 1 << 16 => text.push_str(&t),
                            other => {
                                self.stash = Some(other);
                                break;
                            }
                        }
                    }
                    let name = if stderr { Stdio::Stderr } else { Stdio::Stdout };
                    self.iopub.child(StreamContent { name, text }, parent);
                }
                Event::Clear { wait } => {
                    self.iopub.child(ClearOutput { wait }, parent);
                }
                Event::Display(bundle) => {
                    self.iopub.child(
                        DisplayData { data: wire::media(&bundle), metadata: Map::new(), transient: Some(Transient::default()) },
                        parent,
                    );
                }
                Event::Result(bundle) => {
                    result_text = plain_text(&bundle);
                    if !req.silent {
                        let result = ExecuteResult {
                            execution_count: ExecutionCount::new(count),
                            data: wire::media(&bundle),
                            metadata: Map::new(),
                            transient: Some(Transient::default()),
                        };
                        self.iopub.child(result, parent);
                    }
                }
                Event::Error(e) => {
                    self.iopub
                        .child(ErrorOutput { ename: e.ename.clone(), evalue: e.evalue.clone(), traceback: e.traceback.clone() }, parent);
                    error = Some(e);
                }
                Event::Input { prompt, password, reply } => {
                    let answer = self.input(prompt, password, parent).await;
                    let _ = reply.send(answer);
                }
                Event::Done { user_expressions } => {
                    for (key, r) in user_expressions {
                        expressions.insert(key, expression_result(r));
                    }
                    break;
                }
                Event::Completions(_) | Event::Inspection(_) | Event::IsComplete(_) => {}
            }
        }
        if store {
            self.history.push(count, &req.code, result_text);
        }
        // Outputs go out before the reply that says they are complete.
        self.iopub.flush().await;
        let failed = error.is_some();
        // Requests that arrived before this reply is sent are queued behind the failed cell.
        let aborted = if failed && req.stop_on_error { self.take_queued_executes().await } else { Vec::new() };
        let reply = ExecuteReply {
            status: if failed { ReplyStatus::Error } else { ReplyStatus::Ok },
            execution_count: ExecutionCount::new(count),
            payload: Vec::new(),
            user_expressions: Some(expressions),
            error: error.map(|e| Box::new(ReplyError { ename: e.ename, evalue: e.evalue, traceback: e.traceback })),
        };
        self.reply(reply, parent).await;
        aborted
    }

    /// `name?` (or `?name`): the help text of `name` in the frontend's pager, as IPython does.
    async fn help(&mut self, target: String, req: &ExecuteRequest, count: usize, parent: &JupyterMessage) -> Vec<Box<JupyterMessage>> {
        let text = self.ask_inspection(target.clone(), target.len()).await;
        let payload = match text {
            Some(t) => vec![Payload::Page { data: wire::media(&[("text/plain".to_string(), t)]), start: 0 }],
            None => {
                self.iopub.child(StreamContent::stdout(&format!("Object `{target}` not found.\n")), parent);
                Vec::new()
            }
        };
        if req.store_history && !req.silent {
            self.history.push(count, &req.code, None);
        }
        self.iopub.flush().await;
        let reply = ExecuteReply {
            status: ReplyStatus::Ok,
            execution_count: ExecutionCount::new(count),
            payload,
            user_expressions: Some(HashMap::new()),
            error: None,
        };
        self.reply(reply, parent).await;
        Vec::new()
    }

    /// After a failed cell: take the execute requests already queued (as ipykernel aborts them);
    /// other requests stay queued and are served as usual.
    async fn take_queued_executes(&mut self) -> Vec<Box<JupyterMessage>> {
        // Let the reader move what has already arrived on the socket into the queue.
        tokio::time::sleep(Duration::from_millis(5)).await;
        let mut items: Vec<Incoming> = self.pending.drain(..).collect();
        while let Ok(item) = self.queue.try_recv() {
            items.push(item);
        }
        let mut executes = Vec::new();
        for item in items {
            match item {
                Incoming::Msg(msg) if matches!(msg.content, JupyterMessageContent::ExecuteRequest(_)) => executes.push(msg),
                other => self.pending.push_back(other),
            }
        }
        executes
    }

    /// Ask the frontend for a line of input on the stdin channel; an interrupt cancels it.
    async fn input(&mut self, prompt: String, password: bool, parent: &JupyterMessage) -> Result<String, (String, String)> {
        let interrupted = || Err(("KeyboardInterrupt".to_string(), "interrupted while waiting for input".to_string()));
        if self.interrupt.swap(false, Ordering::SeqCst) {
            return interrupted();
        }
        let request = JupyterMessage::new(InputRequest { prompt, password }, Some(parent));
        let request_id = request.header.msg_id.clone();
        // The frontend answers from a stdin socket under the identity its request came from;
        // departures noted before this request are someone else's.
        let requester = parent.zmq_identities.first().cloned();
        while self.stdin_events.try_recv().is_ok() {}
        if let Err(e) = self.stdin_send.send(request).await {
            return Err(("RuntimeError".into(), format!("could not send input_request: {e}")));
        }
        let mut monitored = true;
        loop {
            let notified = self.notify.notified();
            tokio::select! {
                ev = self.stdin_events.next(), if monitored => match ev {
                    Some(zeromq::SocketEvent::Disconnected(peer)) if requester.as_deref() == Some(&*peer) => {
                        return Err(("EOFError".into(), "the frontend that asked for input went away".into()));
                    }
                    Some(_) => {}
                    None => monitored = false,
                },
                r = wire::read(&mut self.stdin_recv) => match r {
                    Ok(msg) => match msg.content {
                        JupyterMessageContent::InputReply(reply)
                            if msg.parent_header.as_ref().is_none_or(|p| p.msg_id == request_id) =>
                        {
                            return Ok(reply.value);
                        }
                        other => log(format!("stdin: ignored a '{}' message", other.message_type())),
                    },
                    Err(e) => {
                        log(format!("stdin: {e}"));
                        if let ReadError::Socket(_) = e {
                            tokio::time::sleep(Duration::from_millis(10)).await;
                        }
                    }
                },
                _ = notified => {
                    self.interrupt.store(false, Ordering::SeqCst);
                    return interrupted();
                }
            }
        }
    }

    async fn ask_completions(&mut self, code: String, cursor: usize) -> lang::Completions {
        let empty = lang::Completions { matches: Vec::new(), start: cursor, end: cursor };
        if self.engine.requests.send(Request::Complete { code, cursor }).is_err() {
            return empty;
        }
        loop {
            match self.next_event().await {
                Some(Event::Completions(c)) => return c,
                Some(Event::Done { .. }) | None => return empty,
                Some(_) => {}
            }
        }
    }

    async fn ask_is_complete(&mut self, code: String) -> lang::Completeness {
        if self.engine.requests.send(Request::IsComplete { code }).is_err() {
            return lang::Completeness::Invalid;
        }
        loop {
            match self.next_event().await {
                Some(Event::IsComplete(c)) => return c,
                Some(Event::Done { .. }) | None => return lang::Completeness::Invalid,
                Some(_) => {}
            }
        }
    }

    async fn ask_inspection(&mut self, code: String, cursor: usize) -> Option<String> {
        self.engine.requests.send(Request::Inspect { code, cursor }).ok()?;
        loop {
            match self.next_event().await {
                Some(Event::Inspection(text)) => return text,
                Some(Event::Done { .. }) | None => return None,
                Some(_) => {}
            }
        }
    }
}

/// The name in a help request `name?`, `name??`, `?name` or `??name`.
fn help_target(code: &str) -> Option<&str> {
    let t = code.trim();
    let name = t.trim_start_matches('?').trim_end_matches('?').trim();
    let marked = t.starts_with('?') || t.ends_with('?');
    let valid = !name.is_empty()
        && name
            .split('.')
            .all(|p| p.chars().next().is_some_and(|c| c == '_' || c.is_alphabetic()) && p.chars().all(|c| c == '_' || c.is_alphanumeric()));
    (marked && valid).then_some(name)
}

fn plain_text(bundle: &Bundle) -> Option<String> {
    bundle.iter().find(|(m, _)| m == "text/plain").map(|(_, t)| t.clone())
}

fn expression_result(r: Result<Bundle, ErrorInfo>) -> ExpressionResult {
    match r {
        Ok(bundle) => ExpressionResult::Ok { data: wire::media(&bundle), metadata: Map::new() },
        Err(e) => ExpressionResult::Error { ename: e.ename, evalue: e.evalue, traceback: e.traceback },
    }
}

fn engine_gone() -> ErrorInfo {
    let evalue = "the Slope engine stopped; restart the kernel".to_string();
    ErrorInfo { ename: "InternalError".into(), traceback: vec![format!("InternalError: {evalue}")], evalue }
}
