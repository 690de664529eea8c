"""Student code runs in a sandbox: each attack of issue 4 is tried from a submission and must fail.

The attacks sit in a submission whose functions are otherwise correct, so the submission still
scores 100 and the only difference a sandbox makes is whether an attack gets through. Network
attacks target only a server this test starts on 127.0.0.1.
"""
import hashlib
import os
import socket
import threading
import time
import uuid
from pathlib import Path

import pytest

from grading_course import (  # course_template and course are fixtures
    course, course_template, add_config, autograded_notebook, grade_cell, nbgrader, scratchnet, submission,
    submit, totals)
from scratchnet_solution.sandbox import INSTALL_HINT, SandboxedKernelManager, sandbox_problem

PROBLEM = sandbox_problem()
if PROBLEM and os.environ.get("CI"):
    pytest.fail(f"CI must run the sandbox tests, but {PROBLEM}: .ci/run installs bubblewrap.", pytrace=False)
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
def test_without_bwrap_grading_works_and_says_loudly_it_is_not_sandboxed(course):
    add_config(course, 'c.SandboxedKernelManager.bwrap = "bwrap-which-is-not-installed"')
    submit(course, "ada", submission(course))
    plain = nbgrader(course, "autograde", "scratchnet")
    assert plain.returncode == 0, plain.stderr[-3000:]
    assert "NOT SANDBOXED" in plain.stderr and INSTALL_HINT in plain.stderr.replace("\n", " ")
    ours = scratchnet(course, "autograde", "scratchnet", "--force")
    assert ours.returncode == 0 and "NOT SANDBOXED" in ours.stderr
    assert totals(course) == {"ada": 100}


def test_the_sandbox_command_hides_the_course_and_drops_privileges(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    manager = SandboxedKernelManager()
    manager._sandbox_dir = tmp_path / "kernel"
    manager._sandbox_dir.mkdir()
    (tmp_path / "work").mkdir()
    command = manager.sandbox_command(["python", "-m", "ipykernel_launcher"], tmp_path / "work")
    text = " ".join(command)
    assert f"--tmpfs {tmp_path} " in text and "--unshare-net" in text and "--unshare-pid" in text
    assert "--die-with-parent" in text and "--cap-drop ALL" in text and "--as=" in text
    assert command[-3:] == ["python", "-m", "ipykernel_launcher"]
