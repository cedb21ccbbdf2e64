"""The kernel under abuse and load: forged, truncated and malformed messages, interrupts
(message and signal mode), input requests, stop-on-error, a 1 MB cell, 100 clients on one shell
socket, clients that go away mid-execution, shutdown and restart, and the kernel's memory over
1,000 executions (`SLOPE_KERNEL_EXECUTIONS`; scripts/soak.sh runs 10,000).

Each kernel is launched through the installed kernelspec by jupyter_client's KernelManager, with
its stderr (the kernel's log) written to a file the tests read.
"""

from __future__ import annotations

import hashlib
import hmac
import json
import os
import re
import signal
import time
import uuid
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

import pytest
import zmq
from jupyter_client.manager import KernelManager
from jupyter_client.session import Session

from conftest import KERNEL_NAME

TIMEOUT = 30
ANSI = re.compile(r"\x1b\[[0-9;]*m")


class Kernel:
    """A running kernel, a client connected to it, and the file its log goes to."""

    def __init__(self, log_path: Path):
        self.log_path = log_path
        self._log = open(log_path, "w")
        self.km = KernelManager(kernel_name=KERNEL_NAME)
        self.km.start_kernel(stderr=self._log)
        self.kc = self.km.client()
        self.kc.start_channels()
        self.kc.wait_for_ready(timeout=TIMEOUT)
        self.stray: list[dict] = []
        self.waiting: dict[str, list[dict]] = {}

    def close(self) -> None:
        self.kc.stop_channels()
        if self.km.has_kernel:
            self.km.shutdown_kernel(now=True)
        self._log.close()

    @property
    def pid(self) -> int:
        return self.km.provisioner.process.pid

    def log(self) -> str:
        self._log.flush()
        return self.log_path.read_text()

    def collect(self, msg_id: str) -> list[dict]:
        """The IOPub messages of request `msg_id` up to its idle status; messages of other
        requests read on the way are kept for them (and all of them in `stray`)."""
        out = []
        while True:
            waiting = self.waiting.get(msg_id)
            if waiting:
                msg = waiting.pop(0)
            else:
                msg = self.kc.get_iopub_msg(timeout=TIMEOUT)
                parent = msg["parent_header"].get("msg_id")
                if parent != msg_id:
                    self.stray.append(msg)
                    self.waiting.setdefault(parent, []).append(msg)
                    continue
            if msg["msg_type"] == "status" and msg["content"]["execution_state"] == "idle":
                self.waiting.pop(msg_id, None)
                return out
            out.append(msg)

    def shell_reply(self, msg_id: str, timeout: float = TIMEOUT) -> dict:
        while True:
            reply = self.kc.get_shell_msg(timeout=timeout)
            if reply["parent_header"].get("msg_id") == msg_id:
                return reply

    def run(self, code: str, **kw) -> tuple[dict, list[dict]]:
        """Execute `code`: its execute_reply content and its outputs."""
        msg_id = self.kc.execute(code, **kw)
        outputs = self.collect(msg_id)
        return self.shell_reply(msg_id)["content"], outputs

    def connect(self, kind: int, port: int) -> zmq.Socket:
        sock = zmq.Context.instance().socket(kind)
        sock.linger = 0
        sock.connect(f"{self.km.transport}://{self.km.ip}:{port}")
        return sock


def outputs_of(outputs: list[dict], msg_type: str) -> list[dict]:
    return [m["content"] for m in outputs if m["msg_type"] == msg_type]


def stdout_of(outputs: list[dict]) -> str:
    return "".join(c["text"] for c in outputs_of(outputs, "stream") if c["name"] == "stdout")


@pytest.fixture(scope="module")
def kernel(tmp_path_factory):
    k = Kernel(tmp_path_factory.mktemp("kernel") / "kernel.log")
    reply, _ = k.run("import numpy as np")
    assert reply["status"] == "ok", reply
    yield k
    k.close()


@pytest.fixture
def fresh_kernel(tmp_path):
    k = Kernel(tmp_path / "kernel.log")
    yield k
    k.close()


# ---------------------------------------------------------------------------------------------
# Messages that must not be obeyed, or cannot be read.


def execute_content(code: str) -> dict:
    return {"code": code, "silent": False, "store_history": True, "user_expressions": {}, "allow_stdin": False, "stop_on_error": True}


def test_bad_signature_is_ignored_and_logged(kernel):
    shell = kernel.connect(zmq.DEALER, kernel.km.shell_port)
    forger = Session(key=b"not-the-connection-key", username="forger")
    msg = forger.msg("execute_request", content=execute_content("forged = 1\nprint('forged')"))
    forger.send(shell, msg)
    assert shell.poll(1000) == 0, "the kernel answered a message with a bad signature"
    reply, outputs = kernel.run("forged")
    assert reply["status"] == "error" and reply["ename"] == "NameError", "the forged cell ran"
    forged_id = msg["header"]["msg_id"]
    assert not [m for m in kernel.stray if m["parent_header"].get("msg_id") == forged_id]
    assert "invalid signature" in kernel.log()
    shell.close()


def signed_frames(key: bytes, msg_type: str, content: bytes) -> list[bytes]:
    """A message with a valid signature over arbitrary content bytes."""
    header = json.dumps({"msg_id": uuid.uuid4().hex, "username": "t", "session": uuid.uuid4().hex, "date": "2026-01-01T00:00:00Z", "msg_type": msg_type, "version": "5.3"}).encode()
    parts = [header, b"{}", b"{}", content]
    mac = hmac.new(key, digestmod=hashlib.sha256)
    for p in parts:
        mac.update(p)
    return [b"<IDS|MSG>", mac.hexdigest().encode()] + parts


def test_malformed_messages_keep_the_loop_alive(kernel):
    shell = kernel.connect(zmq.DEALER, kernel.km.shell_port)
    key = kernel.km.session.key
    # Frames without the delimiter, and a truncated message.
    shell.send_multipart([b"hello", b"world"])
    shell.send_multipart([b"<IDS|MSG>", b"", b"{}"])
    # A signed request whose content is not JSON, and one that lacks a required field: both
    # are answered with an error reply.
    for content in (b"{not json", json.dumps({"silent": False}).encode()):
        shell.send_multipart(signed_frames(key, "execute_request", content))
        assert shell.poll(5000), "no reply to a malformed execute_request"
        frames = shell.recv_multipart()
        reply = kernel.km.session.deserialize(frames[frames.index(b"<IDS|MSG>") + 1 :])
        assert reply["msg_type"] == "execute_reply"
        assert reply["content"]["status"] == "error"
        assert "malformed" in reply["content"]["evalue"]
    # A message type nobody knows.
    shell.send_multipart(signed_frames(key, "frobnicate_request", b"{}"))
    reply, outputs = kernel.run("1 + 1")
    assert reply["status"] == "ok"
    assert outputs_of(outputs, "execute_result")[0]["data"]["text/plain"] == "2"
    # The unknown message came on another socket, so the kernel may log it after it answers
    # the execute request: wait for the line rather than race it.
    deadline = time.monotonic() + 10
    log = kernel.log()
    while "frobnicate_request" not in log and time.monotonic() < deadline:
        time.sleep(0.05)
        log = kernel.log()
    assert "malformed" in log and "frobnicate_request" in log
    shell.close()


def signed_parts(key: bytes, parts: list[bytes]) -> list[bytes]:
    """`parts` (header, parent header, metadata, content, buffers...) behind a valid signature."""
    mac = hmac.new(key, digestmod=hashlib.sha256)
    for p in parts[:4]:
        mac.update(p)
    return [b"<IDS|MSG>", mac.hexdigest().encode()] + parts


def assert_alive(kernel: Kernel) -> None:
    """The kernel answers a cell and a heartbeat, and its log shows no panic."""
    reply, outputs = kernel.run("1 + 1")
    assert reply["status"] == "ok", reply
    assert outputs_of(outputs, "execute_result")[0]["data"]["text/plain"] == "2"
    hb = kernel.connect(zmq.REQ, kernel.km.hb_port)
    hb.send(b"ping")
    assert hb.poll(5000) and hb.recv() == b"ping", "no heartbeat"
    hb.close()
    assert kernel.km.is_alive()
    assert "panicked" not in kernel.log()


def test_truncated_and_garbled_frames_are_dropped(kernel):
    shell = kernel.connect(zmq.DEALER, kernel.km.shell_port)
    key = kernel.km.session.key
    header = json.dumps({"msg_id": uuid.uuid4().hex, "username": "t", "session": uuid.uuid4().hex, "date": "2026-01-01T00:00:00Z", "msg_type": "execute_request", "version": "5.3"}).encode()
    content = json.dumps(execute_content("truncated_ran = 1")).encode()
    full = signed_parts(key, [header, b"{}", b"{}", content])
    cut = [
        [b""],
        [b"<IDS|MSG>"],
        # Fewer than the five parts after the delimiter (signature, header, parent header,
        # metadata, content), signed or not.
        *[full[:n] for n in range(2, 6)],
        *[signed_parts(key, [header, b"{}", b"{}"][:n]) for n in range(4)],
        # Signatures that are empty, not hex, or of other bytes.
        [b"<IDS|MSG>", b"", header, b"{}", b"{}", content],
        [b"<IDS|MSG>", b"zz" * 32, header, b"{}", b"{}", content],
        [b"<IDS|MSG>", full[1][:-2], header, b"{}", b"{}", content],
        [b"<IDS|MSG>"] * 6,
        [b"\x00" * 70000, b"<IDS|MSG>", full[1], header],
        # Signed, but the header is not a header: garbage, not UTF-8, a list, missing fields,
        # fields of the wrong type, nested past any parser's depth.
        *[
            signed_parts(key, [h, b"{}", b"{}", content])
            for h in (
                b"",
                b"{not json",
                b"\xff\xfe\x00garbage",
                b"[]",
                b"null",
                b"{}",
                json.dumps({"msg_type": "execute_request"}).encode(),
                json.dumps({"msg_id": "m", "msg_type": "execute_request", "session": "s"}).encode(),
                json.dumps({"msg_id": 5, "username": [], "session": {}, "date": 1, "msg_type": "execute_request", "version": None}).encode(),
                b"[" * 100_000 + b"]" * 100_000,
            )
        ],
    ]
    for frames in cut:
        shell.send_multipart(frames)
    # None of them is answered, and none ran.
    assert shell.poll(1000) == 0, f"the kernel answered a broken message: {shell.recv_multipart()[:3]}"
    reply, _ = kernel.run("truncated_ran")
    assert reply["status"] == "error" and reply["ename"] == "NameError", "a broken message ran"
    # A header, parent header or metadata of the wrong kind is tolerated where the request itself
    # can be read: it runs and is answered.
    for parent, metadata in ((b"{garbage", b"[1, 2]"), (b"null", b"\xff"), (b"[]", b"{}")):
        ok_header = json.dumps({**json.loads(header), "msg_id": uuid.uuid4().hex}).encode()
        shell.send_multipart(signed_parts(key, [ok_header, parent, metadata, json.dumps(execute_content("tolerated = 2")).encode()]))
        assert shell.poll(TIMEOUT * 1000), "no reply to a request with an odd parent header"
        frames = shell.recv_multipart()
        reply = kernel.km.session.deserialize(frames[frames.index(b"<IDS|MSG>") + 1 :])
        assert reply["msg_type"] == "execute_reply" and reply["content"]["status"] == "ok", reply
        assert reply["parent_header"]["msg_id"] == json.loads(ok_header)["msg_id"]
        kernel.collect(json.loads(ok_header)["msg_id"])
    assert_alive(kernel)
    shell.close()


def test_heartbeat_echoes(kernel):
    hb = kernel.connect(zmq.REQ, kernel.km.hb_port)
    for payload in (b"ping", b"\x00\x01binary"):
        hb.send(payload)
        assert hb.poll(5000), "no heartbeat"
        assert hb.recv() == payload
    hb.close()


def test_kernel_info_is_wrapped_in_busy_idle(kernel):
    msg_id = kernel.kc.kernel_info()
    states = [m["content"]["execution_state"] for m in [*kernel.collect(msg_id)] if m["msg_type"] == "status"]
    assert states == ["busy"]
    info = kernel.shell_reply(msg_id)["content"]
    assert info["language_info"]["pygments_lexer"] == "python"
    assert info["language_info"]["codemirror_mode"]


# ---------------------------------------------------------------------------------------------
# Execution.


def test_outputs_in_order_and_traceback(kernel):
    reply, outputs = kernel.run("display(1)\nprint('mid')\ndisplay(2)\n3")
    assert [m["msg_type"] for m in outputs if m["msg_type"] != "status"] == ["execute_input", "display_data", "stream", "display_data", "execute_result"]
    assert [c["data"]["text/plain"] for c in outputs_of(outputs, "display_data")] == ["1", "2"]
    reply, outputs = kernel.run("x = 1\n1 / 0")
    assert reply["status"] == "error" and reply["ename"] == "ZeroDivisionError"
    (err,) = outputs_of(outputs, "error")
    text = "\n".join(err["traceback"])
    assert "\x1b[" in text, "the traceback is not coloured"
    plain = ANSI.sub("", text)
    assert "1 / 0" in plain and "<cell" in plain
    # A failed cell leaves the session as it was.
    reply, _ = kernel.run("x")
    assert reply["status"] == "error" and reply["ename"] == "NameError"


def test_sys_exit_ends_the_cell_not_the_session(kernel):
    # As in IPython: the cell stops with a SystemExit error and the kernel lives on.
    reply, outputs = kernel.run("import sys\nprint('before')\nsys.exit(3)\nprint('after')")
    assert reply["status"] == "error" and reply["ename"] == "SystemExit", reply
    assert stdout_of(outputs) == "before\n"
    reply, outputs = kernel.run("print('still here')")
    assert reply["status"] == "ok" and stdout_of(outputs) == "still here\n"


def test_silent_and_user_expressions(kernel):
    reply, _ = kernel.run("a = 21")
    count = reply["execution_count"]
    reply, outputs = kernel.run("a + 1", silent=True)
    assert reply["execution_count"] == count
    assert not outputs_of(outputs, "execute_input") and not outputs_of(outputs, "execute_result")
    reply, _ = kernel.run("b = 1", user_expressions={"double": "a * 2", "bad": "nope"})
    assert reply["execution_count"] == count + 1
    exprs = reply["user_expressions"]
    assert exprs["double"] == {"status": "ok", "data": {"text/plain": "42"}, "metadata": {}}
    assert exprs["bad"]["status"] == "error" and exprs["bad"]["ename"] == "NameError"


def test_stop_on_error_aborts_queued_cells(kernel):
    first = kernel.kc.execute("for i in range(20000):\n    pass\nraise ValueError('first')")
    queued = [kernel.kc.execute("print('second')"), kernel.kc.execute("print('third')")]
    statuses = [kernel.shell_reply(m)["content"]["status"] for m in [first, *queued]]
    assert statuses == ["error", "aborted", "aborted"]
    for m in [first, *queued]:
        kernel.collect(m)
    # Without stop_on_error the next cell runs.
    first = kernel.kc.execute("for i in range(20000):\n    pass\nraise ValueError('again')", stop_on_error=False)
    after = kernel.kc.execute("print('runs')")
    assert kernel.shell_reply(first)["content"]["status"] == "error"
    assert kernel.shell_reply(after)["content"]["status"] == "ok"
    kernel.collect(first)
    assert stdout_of(kernel.collect(after)) == "runs\n"


def test_completion_cursor_in_code_points(kernel):
    code = "é = 1\nnp.lins"
    msg_id = kernel.kc.complete(code)
    reply = kernel.shell_reply(msg_id)["content"]
    assert reply["matches"] == ["linspace"]
    assert (reply["cursor_start"], reply["cursor_end"]) == (len(code) - 4, len(code))
    msg_id = kernel.kc.inspect("np.zeros((2, 3))", cursor_pos=5)
    reply = kernel.shell_reply(msg_id)["content"]
    assert reply["found"] and "zeros(shape" in reply["data"]["text/plain"]


def test_comm_info_and_unknown_comms(kernel):
    msg_id = kernel.kc.comm_info()
    reply = kernel.shell_reply(msg_id)["content"]
    assert reply["status"] == "ok" and reply["comms"] == {}


# ---------------------------------------------------------------------------------------------
# Interrupts and input.


def wait_started(kernel: Kernel, msg_id: str) -> None:
    while True:
        msg = kernel.kc.get_iopub_msg(timeout=TIMEOUT)
        if msg["parent_header"].get("msg_id") == msg_id and msg["msg_type"] == "execute_input":
            return


def test_interrupt_stops_an_infinite_loop_within_100ms(kernel):
    times = []
    for _ in range(3):
        msg_id = kernel.kc.execute("while True:\n    pass")
        wait_started(kernel, msg_id)
        time.sleep(0.3)
        t0 = time.monotonic()
        kernel.km.interrupt_kernel()
        reply = kernel.shell_reply(msg_id, timeout=10)["content"]
        times.append(time.monotonic() - t0)
        assert reply["status"] == "error" and reply["ename"] == "KeyboardInterrupt"
        kernel.collect(msg_id)
        reply, outputs = kernel.run("print('next')")
        assert reply["status"] == "ok" and stdout_of(outputs) == "next\n"
    # The best of three, so that a busy test machine does not make this flaky.
    print("interrupt to reply:", ", ".join(f"{t * 1000:.1f} ms" for t in times))
    assert min(times) < 0.1, f"interrupt took {min(times) * 1000:.0f} ms"


# A compiled loop (a while_loop under jit that never ends, run by the cpu backend's loop over
# its nested plans), a trace that unrolls a Python loop for minutes, a top-level while loop, one
# long kernel and one long matrix product: an interrupt stops each within 200 ms, and the
# session is as it was before the cell.
LONG_CELLS = {
    "compiled loop": "from jax import lax\nstate = 2\njax.jit(lambda c: lax.while_loop(lambda c: c[0] < 2, lambda c: (c[0] * 1, c[1] + 1.0), c))((0, 0.0))",
    "trace": "state = 2\ndef long(x):\n    for i in range(10_000_000):\n        x = x * 1.0001\n    return x\njax.jit(long)(1.0)",
    "while loop": "state = 2\nwhile True:\n    state += 1",
    # One fused kernel of 1.6e9 sines (seconds even in a release build): the cpu backend runs
    # it in pieces and looks at the flag between them.
    "long kernel": "state = 2\nx = jnp.arange(40000.0)\njnp.sin(x[:, None] * x).sum()",
    # One product of 5e11 multiply-adds: gemm calls on tiles, the flag looked at between them.
    "long product": "state = 2\na = jnp.ones((8000, 8000))\n(a @ a).sum()",
}


@pytest.mark.parametrize("what", list(LONG_CELLS))
def test_interrupt_stops_long_work_within_200ms(kernel, what):
    reply, _ = kernel.run("import jax\nimport jax.numpy as jnp\nstate = 1")
    assert reply["status"] == "ok", reply
    times = []
    for _ in range(3):
        msg_id = kernel.kc.execute(LONG_CELLS[what])
        wait_started(kernel, msg_id)
        time.sleep(0.5)
        t0 = time.monotonic()
        kernel.km.interrupt_kernel()
        reply = kernel.shell_reply(msg_id, timeout=20)["content"]
        times.append(time.monotonic() - t0)
        assert reply["status"] == "error" and reply["ename"] == "KeyboardInterrupt", reply
        kernel.collect(msg_id)
        reply, outputs = kernel.run("print(state)")
        assert stdout_of(outputs) == "1\n", f"the interrupted cell changed the session: {stdout_of(outputs)!r}"
    print(f"{what}: interrupt to reply:", ", ".join(f"{t * 1000:.1f} ms" for t in times))
    # The best of three, so that a busy test machine does not make this flaky.
    assert min(times) < 0.2, f"interrupting the {what} took {min(times) * 1000:.0f} ms"


def test_sigint_interrupts(kernel):
    msg_id = kernel.kc.execute("n = 0\nwhile True:\n    n += 1")
    wait_started(kernel, msg_id)
    time.sleep(0.3)
    kernel.km.signal_kernel(signal.SIGINT)
    reply = kernel.shell_reply(msg_id, timeout=10)["content"]
    assert reply["status"] == "error" and reply["ename"] == "KeyboardInterrupt"
    kernel.collect(msg_id)
    reply, outputs = kernel.run("print('alive')")
    assert stdout_of(outputs) == "alive\n"


def test_input_request_with_live_streams(kernel):
    msg_id = kernel.kc.execute('print("before")\nname = input("who? ")\nprint("hi", name)', allow_stdin=True)
    request = kernel.kc.get_stdin_msg(timeout=TIMEOUT)
    assert request["msg_type"] == "input_request"
    assert request["content"]["prompt"] == "who? " and request["content"]["password"] is False
    # `input()` is waiting, so "before" can only be here if streams go out as they happen.
    seen = []
    while "before\n" not in stdout_of(seen):
        msg = kernel.kc.get_iopub_msg(timeout=5)
        if msg["parent_header"].get("msg_id") == msg_id:
            seen.append(msg)
    kernel.kc.input("Ada")
    outputs = seen + kernel.collect(msg_id)
    assert kernel.shell_reply(msg_id)["content"]["status"] == "ok"
    assert stdout_of(outputs) == "before\nhi Ada\n"


def test_input_interrupted_or_not_allowed(kernel):
    msg_id = kernel.kc.execute('input("wait: ")', allow_stdin=True)
    kernel.kc.get_stdin_msg(timeout=TIMEOUT)
    kernel.km.interrupt_kernel()
    reply = kernel.shell_reply(msg_id, timeout=10)["content"]
    assert reply["status"] == "error" and reply["ename"] == "KeyboardInterrupt"
    kernel.collect(msg_id)
    reply, _ = kernel.run('input("no stdin: ")', allow_stdin=False)
    assert reply["status"] == "error" and reply["ename"] == "StdinNotImplementedError"


# ---------------------------------------------------------------------------------------------
# Size, many clients, clients that go away.


def test_megabyte_cells_run_and_reply(kernel):
    # 1 MB of statements (each line padded by a comment), then a 1 MB string literal.
    line = "total += 1  # " + "x" * 50 + "\n"
    n = (1 << 20) // len(line) + 1
    code = "total = 0\n" + line * n + "print(total)"
    assert len(code) > 1 << 20
    t0 = time.monotonic()
    reply, outputs = kernel.run(code)
    print(f"1 MB of statements: {time.monotonic() - t0:.2f} s")
    assert reply["status"] == "ok", reply
    assert stdout_of(outputs) == f"{n}\n"
    (echo,) = outputs_of(outputs, "execute_input")
    assert echo["code"] == code
    reply, outputs = kernel.run("s = '" + "ab" * (1 << 19) + "'\nlen(s)")
    assert reply["status"] == "ok", reply
    assert outputs_of(outputs, "execute_result")[0]["data"]["text/plain"] == str(1 << 20)
    assert_alive(kernel)


# 1 MB cells nested a million deep: an error (or a value), never a crash, in every request that
# reads code (execute, is_complete, complete, inspect).
DEEP_CELLS = {
    "parentheses": "(" * (1 << 19) + "1" + ")" * (1 << 19),
    "lists": "[" * (1 << 19) + "]" * (1 << 19),
    "unary minus": "-" * (1 << 20) + "1",
    "not": "not " * (1 << 18) + "True",
    "unclosed": "(" * (1 << 20),
    "lambda": "lambda: " * (1 << 17) + "1",
}


@pytest.mark.parametrize("what", list(DEEP_CELLS))
def test_deeply_nested_megabyte_cells(kernel, what):
    code = DEEP_CELLS[what]
    reply, outputs = kernel.run(code)
    assert reply["status"] in ("ok", "error"), reply
    if reply["status"] == "error":
        assert reply["ename"] in ("SyntaxError", "RecursionError", "MemoryError"), reply
    for request, statuses in (
        (kernel.kc.is_complete, ("complete", "incomplete", "invalid", "unknown")),
        (kernel.kc.complete, ("ok", "error")),
        (kernel.kc.inspect, ("ok", "error")),
    ):
        msg_id = request(code)
        reply = kernel.shell_reply(msg_id)
        assert reply["content"]["status"] in statuses, reply["content"]
        kernel.collect(msg_id)
    assert_alive(kernel)


def test_hundred_clients_on_one_shell_socket(kernel):
    session = kernel.km.session
    socks = [kernel.connect(zmq.DEALER, kernel.km.shell_port) for _ in range(100)]

    def send(i: int) -> str:
        content = execute_content(f"c{i} = {i} * 3\nprint('client', c{i})")
        content["user_expressions"] = {"v": f"c{i} + 1"}
        msg = session.msg("execute_request", content=content)
        session.send(socks[i], msg)
        return msg["header"]["msg_id"]

    # From threads, so that the requests arrive interleaved.
    with ThreadPoolExecutor(max_workers=20) as pool:
        ids = list(pool.map(send, range(100)))
    poller = zmq.Poller()
    for s in socks:
        poller.register(s, zmq.POLLIN)
    replies: dict[int, dict] = {}
    deadline = time.monotonic() + 120
    while len(replies) < 100 and time.monotonic() < deadline:
        for s, _ in poller.poll(1000):
            i = socks.index(s)
            frames = s.recv_multipart()
            assert i not in replies, f"client {i} got two replies"
            replies[i] = session.deserialize(frames[frames.index(b"<IDS|MSG>") + 1 :])
    assert len(replies) == 100, f"only {len(replies)} of 100 clients got a reply"
    for i, reply in replies.items():
        assert reply["parent_header"]["msg_id"] == ids[i], f"client {i} got another client's reply"
        assert reply["content"]["status"] == "ok", reply
        assert reply["content"]["user_expressions"]["v"]["data"]["text/plain"] == str(i * 3 + 1)
    for i, msg_id in enumerate(ids):
        assert stdout_of(kernel.collect(msg_id)) == f"client {i * 3}\n"
    assert poller.poll(200) == [], "a client got a message after its reply"
    for s in socks:
        s.close()
    assert_alive(kernel)


def wait_started_keeping(kernel: Kernel, msg_id: str) -> None:
    """Wait for the execute_input of `msg_id`, keeping every message read for `collect`."""
    while True:
        msg = kernel.kc.get_iopub_msg(timeout=TIMEOUT)
        parent = msg["parent_header"].get("msg_id")
        kernel.waiting.setdefault(parent, []).append(msg)
        if parent == msg_id and msg["msg_type"] == "execute_input":
            return


def test_client_that_disconnects_mid_execution(kernel):
    session = kernel.km.session
    gone = []
    for i in range(5):
        sock = kernel.connect(zmq.DEALER, kernel.km.shell_port)
        # The cell prints while it runs and after the client has gone.
        code = f"import time\nprint('start {i}')\ntime.sleep(0.3)\nleft{i} = {i}\nprint('end {i}')\n{i}"
        msg = session.msg("execute_request", content=execute_content(code))
        session.send(sock, msg)
        wait_started_keeping(kernel, msg["header"]["msg_id"])
        sock.close(linger=0)
        gone.append(msg["header"]["msg_id"])
    # The cells ran to their end; the kernel goes on and answers the next client.
    for i, msg_id in enumerate(gone):
        outputs = kernel.collect(msg_id)
        assert stdout_of(outputs) == f"start {i}\nend {i}\n"
    reply, outputs = kernel.run("print(left0 + left4)")
    assert reply["status"] == "ok" and stdout_of(outputs) == "4\n"
    # A client that asks for input while its input box is open (shell and stdin sockets under
    # one identity, as jupyter_client connects them) and goes away: the cell fails, the kernel
    # goes on.
    ident = uuid.uuid4().hex.encode()
    shell, stdin = zmq.Context.instance().socket(zmq.DEALER), zmq.Context.instance().socket(zmq.DEALER)
    for sock, port in ((shell, kernel.km.shell_port), (stdin, kernel.km.stdin_port)):
        sock.linger = 0
        sock.setsockopt(zmq.IDENTITY, ident)
        sock.connect(f"{kernel.km.transport}://{kernel.km.ip}:{port}")
    time.sleep(0.2)
    msg = session.msg("execute_request", content={**execute_content("name = input('who? ')"), "allow_stdin": True})
    session.send(shell, msg)
    assert stdin.poll(TIMEOUT * 1000), "no input_request"
    frames = stdin.recv_multipart()
    assert session.deserialize(frames[frames.index(b"<IDS|MSG>") + 1 :])["msg_type"] == "input_request"
    shell.close()
    stdin.close()
    t0 = time.monotonic()
    outputs = kernel.collect(msg["header"]["msg_id"])
    (err,) = outputs_of(outputs, "error")
    print(f"input() of a client that went away: {err['ename']} after {time.monotonic() - t0:.2f} s")
    assert_alive(kernel)


def test_iopub_subscriber_that_never_reads(fresh_kernel):
    """A client subscribed to IOPub that never reads (a stalled notebook tab) does not stall the
    kernel: PUB drops what that subscriber cannot take, as ZeroMQ's PUB does at its high-water
    mark, while the client that reads gets every output, and memory stays bounded."""
    kernel = fresh_kernel
    stalled = []
    for _ in range(3):
        sub = kernel.connect(zmq.SUB, kernel.km.iopub_port)
        sub.setsockopt(zmq.RCVHWM, 1)
        sub.setsockopt(zmq.RCVBUF, 4096)
        sub.setsockopt(zmq.SUBSCRIBE, b"")
        stalled.append(sub)
    time.sleep(0.5)
    reply, _ = kernel.run("line = 'x' * 999")
    assert reply["status"] == "ok", reply
    rss0 = rss_kib(kernel.pid)
    t0 = time.monotonic()
    for i in range(100):
        # 400 KB of stdout a cell, 40 MB in all (far past the sockets' buffers), that the
        # stalled subscribers never take.
        reply, outputs = kernel.run(f"for _ in range(400):\n    print(line)\nprint({i})")
        assert reply["status"] == "ok", reply
        assert stdout_of(outputs) == ("x" * 999 + "\n") * 400 + f"{i}\n"
    took = time.monotonic() - t0
    grown = rss_kib(kernel.pid) - rss0
    print(f"100 cells of 400 KB with 3 stalled IOPub subscribers: {took:.1f} s, RSS +{grown} KiB")
    assert grown < 64 * 1024, f"the kernel kept {grown} KiB for subscribers that never read"
    for sub in stalled:
        sub.close()
    assert_alive(kernel)


# ---------------------------------------------------------------------------------------------
# Load, shutdown, restart.


# Executions of mixed work, each cell defining new functions (a new jitted lambda, a new
# differentiated one, a new vmapped def) besides eager numpy and plain Python: a cache that keeps
# dead functions alive grows by a few KiB per cell. The expected text of each execute_result.
EXECUTIONS = int(os.environ.get("SLOPE_KERNEL_EXECUTIONS", "1000"))
MEMORY_CELLS = [
    ("y = np.arange(64) * 2.0\nprint(len(y))\ny.sum()", lambda i: "np.float64(4032.0)"),
    ("f = jax.jit(lambda x: x * {i} + 1.0)\nfloat(f(jnp.ones(8)).sum())", lambda i: repr(float(8 * (i + 1)))),
    ("g = jax.grad(lambda x: jnp.sum(x * x * {i}))\nfloat(g(jnp.ones(4))[0])", lambda i: repr(float(2 * i))),
    ("def h(x):\n    return jnp.tanh(x) * {i}\njax.vmap(h)(jnp.ones((2, 3))).shape", lambda i: "(2, 3)"),
    ("[k * {i} for k in range(50)][-1]", lambda i: str(49 * i)),
]


def rss_kib(pid: int) -> int:
    for line in Path(f"/proc/{pid}/status").read_text().splitlines():
        if line.startswith("VmRSS:"):
            return int(line.split()[1])
    raise AssertionError("no VmRSS")


@pytest.mark.skipif(not Path("/proc/self/status").exists(), reason="needs /proc to read the kernel's memory")
def test_executions_with_stable_memory(kernel):
    reply, _ = kernel.run("import jax\nimport jax.numpy as jnp")
    assert reply["status"] == "ok", reply
    done = 0

    def batch(n: int) -> None:
        nonlocal done
        cells = [(MEMORY_CELLS[(done + j) % len(MEMORY_CELLS)], (done + j) % 7) for j in range(n)]
        ids = [kernel.kc.execute(code.format(i=i)) for (code, _), i in cells]
        for msg_id in ids:
            assert kernel.shell_reply(msg_id)["content"]["status"] == "ok"
        for msg_id, ((code, want), i) in zip(ids, cells):
            outputs = kernel.collect(msg_id)
            assert outputs_of(outputs, "execute_result")[0]["data"]["text/plain"] == want(i), code
        kernel.stray.clear()
        done += n

    warm_up = max(250, EXECUTIONS // 5)
    while done < warm_up:
        batch(50)  # caches, allocator pools
    before = rss_kib(kernel.pid)
    samples = [(done, before)]
    while done < warm_up + EXECUTIONS:
        batch(50)
        samples.append((done, rss_kib(kernel.pid)))
    after = samples[-1][1]
    # The growth per execution over the second half of the run: a leak keeps growing there,
    # while an allocator's pools settle.
    half = samples[len(samples) // 2]
    per_exec = (after - half[1]) / (done - half[0])
    print(f"RSS after warm-up {before} KiB, after {EXECUTIONS} more executions {after} KiB "
          f"({(after - before) / before * 100:+.1f} %); second half {per_exec * 1024:.0f} bytes per execution")
    assert after <= before * 1.10, f"RSS grew from {before} KiB to {after} KiB over {EXECUTIONS} executions"
    # Measured: 0.6 KiB over 1,000 executions (0.2 KiB over 10,000), 4.2 KiB while traces kept
    # their dead functions.
    assert per_exec < 1.5, f"RSS grows by {per_exec:.2f} KiB per execution"


def test_shutdown_request_exits(fresh_kernel):
    k = fresh_kernel
    proc = k.km.provisioner.process
    msg_id = k.kc.shutdown()
    reply = k.kc.control_channel.get_msg(timeout=TIMEOUT)
    assert reply["parent_header"]["msg_id"] == msg_id
    assert reply["content"] == {"restart": False, "status": "ok"}
    assert proc.wait(timeout=10) == 0


def test_restart_gives_a_fresh_session(fresh_kernel):
    k = fresh_kernel
    reply, _ = k.run("kept = 1")
    assert reply["status"] == "ok"
    old_pid = k.pid
    k.km.restart_kernel(now=False)
    k.kc.wait_for_ready(timeout=TIMEOUT)
    assert k.pid != old_pid
    reply, _ = k.run("kept")
    assert reply["status"] == "error" and reply["ename"] == "NameError"
    reply, outputs = k.run("print('fresh')")
    assert stdout_of(outputs) == "fresh\n"


# ---------------------------------------------------------------------------------------------
# Plots, as kernel/README.md describes them.


def test_plots_are_inline_images_and_savefig_writes_files(kernel, tmp_path):
    png, svg = tmp_path / "a.png", tmp_path / "a.svg"
    code = f"import matplotlib.pyplot as plt\nplt.plot([1, 3, 2])\nplt.savefig({str(png)!r})\nplt.savefig({str(svg)!r})\n"
    reply, outputs = kernel.run(code)
    assert reply["status"] == "ok", reply
    # savefig does not show the figure; the end of the cell does, once.
    (shown,) = outputs_of(outputs, "display_data")
    assert shown["data"]["image/png"][:8] == "iVBORw0K"
    assert shown["data"]["text/plain"] == "<Figure size 640x480 with 1 Axes>"
    assert png.read_bytes()[:8] == b"\x89PNG\r\n\x1a\n"
    assert svg.read_text().startswith("<svg") and 'class="artist line"' in svg.read_text()
    # slope.show_graph: an SVG with a PNG beside it.
    reply, outputs = kernel.run("import slope\nslope.show_graph(lambda x: x * x + 1.0, 2.0)")
    assert reply["status"] == "ok", reply
    (graph,) = outputs_of(outputs, "display_data")
    assert graph["data"]["image/svg+xml"].startswith("<svg") and "image/png" in graph["data"]
