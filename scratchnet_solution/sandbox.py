"""The sandbox student code runs in: an IPython kernel started inside bubblewrap (`bwrap`).

Inside the sandbox the whole file system is read-only, the course folder (gradebook, source/,
release/, every submission) is hidden, there is no network, and the kernel works on a private
copy of its own folder, so the grader alone writes the autograded notebook. Every process the
kernel starts lives in the sandbox's own PID namespace and dies with it, even one started in a
new session. The kernel is held to an address-space and a CPU-time limit.

Where bwrap is missing or cannot create namespaces, kernels start unsandboxed (as in stock
nbgrader) and a warning says so, once per grading process.
"""
import functools
import importlib.util
import logging
import os
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

from jupyter_client.asynchronous import AsyncKernelClient
from jupyter_client.manager import AsyncKernelManager
from traitlets import Bool, Integer, List, Type, Unicode

from .kernel_client import PromptKernelClient

# The command that installs the sandbox, for the messages below.
INSTALL_HINT = "install bubblewrap (Debian/Ubuntu: `sudo apt-get install bubblewrap`)"
# How long the availability probe may take; a working bwrap answers in milliseconds.
PROBE_TIMEOUT_SECONDS = 10
# Namespaces every sandbox gets; the PID namespace is what kills a kernel's descendants with it.
NAMESPACE_OPTIONS = ("--unshare-net", "--unshare-pid", "--unshare-ipc", "--unshare-uts", "--unshare-cgroup-try")
# Unlimited BLAS threads per kernel would fight over the cores that parallel grading already fills.
KERNEL_ENVIRONMENT = {"OPENBLAS_NUM_THREADS": "1", "OMP_NUM_THREADS": "1", "MKL_NUM_THREADS": "1"}

log = logging.getLogger(__name__)


def base_options(bwrap):
    """The bwrap arguments every sandbox shares (also what the probe runs)."""
    return [
        bwrap, "--ro-bind", "/", "/", "--dev", "/dev", "--proc", "/proc", "--tmpfs", "/tmp",
        *NAMESPACE_OPTIONS,
        # When the grader dies, so does the sandbox; --new-session stops TIOCSTI typing into our terminal.
        "--die-with-parent", "--new-session",
        # Run as root, bwrap would otherwise hand its capabilities (remount, ...) to student code.
        "--cap-drop", "ALL",
    ]


@functools.lru_cache(maxsize=None)
def sandbox_problem(bwrap="bwrap"):
    """None when bwrap works on this machine, else a sentence saying why it does not."""
    path = shutil.which(bwrap)
    if path is None:
        return f"`{bwrap}` was not found on PATH"
    if shutil.which("prlimit") is None:
        return "`prlimit` (from util-linux), which sets the kernel's limits, was not found on PATH"
    try:
        probe = subprocess.run([*base_options(path), "true"], capture_output=True, text=True,
                               timeout=PROBE_TIMEOUT_SECONDS, stdin=subprocess.DEVNULL)
    except (OSError, subprocess.TimeoutExpired) as error:
        return f"`{path}` could not be run ({error})"
    if probe.returncode != 0:
        return f"`{path}` cannot create a sandbox here ({probe.stderr.strip() or f'exit code {probe.returncode}'})"
    return None


def unsandboxed_warning(problem):
    """The loud message printed when grading runs without the sandbox."""
    line = "!" * 78
    return (f"\n{line}\nNOT SANDBOXED: student code will run with your permissions, network and files,\n"
            f"because {problem}.\nTo grade safely, {INSTALL_HINT} and grade again.\n{line}")


@functools.lru_cache(maxsize=None)
def warn_unsandboxed_once(problem):
    """Say it on stderr and in the log, but only once per process however many kernels start."""
    message = unsandboxed_warning(problem)
    print(message, file=sys.stderr, flush=True)
    log.warning("Kernels are NOT sandboxed: %s.", problem)


def package_directory(name):
    """The folder of an importable package (the reference package must stay importable in the sandbox)."""
    spec = importlib.util.find_spec(name)
    if spec is None or not spec.submodule_search_locations:
        return None
    return Path(next(iter(spec.submodule_search_locations))).resolve()


class SandboxedKernelManager(AsyncKernelManager):
    """A kernel manager whose kernels run inside bwrap with resource limits.

    nbgrader's Execute preprocessor (through `RobustExecute`) creates one per notebook. The course
    folder is the working directory of the grading process (nbgrader changes into it), and that
    is the folder hidden from student code.
    """

    sandbox = Bool(True, help="Run kernels inside bwrap when it works; False runs them as stock nbgrader does.").tag(config=True)
    bwrap = Unicode("bwrap", help="The bubblewrap executable.").tag(config=True)
    memory_limit_mb = Integer(
        2048, help="Address-space limit of a sandboxed kernel in MiB; allocations past it raise MemoryError.").tag(config=True)
    cpu_limit_seconds = Integer(
        1800, help="CPU seconds a sandboxed kernel may use in all before it is killed (the per-cell "
                   "timeout is the finer limit).").tag(config=True)
    # Clients that do not idle 0.2 s after the kernel is ready (kernel_client.py).
    client_factory = Type(PromptKernelClient, klass=AsyncKernelClient, config=True)
    readable_paths = List(Unicode(), help="Extra folders inside the course folder student code may read.").tag(config=True)
    hidden_paths = List(Unicode(), help="Extra folders outside the course folder to hide from student code.").tag(config=True)

    _sandbox_dir = None

    @property
    def sandboxed(self):
        """Whether kernels started now go into the sandbox; warns once when they cannot."""
        if not self.sandbox:
            return False
        problem = sandbox_problem(self.bwrap)
        if problem is not None:
            warn_unsandboxed_once(problem)
        return problem is None

    async def _async_pre_start_kernel(self, **kw):
        if not self.sandboxed:
            return await super()._async_pre_start_kernel(**kw)
        # One private folder per kernel: connection file, ZMQ sockets, working copy and HOME.
        self._sandbox_dir = Path(tempfile.mkdtemp(prefix="scratchnet-kernel-"))
        # No network in the sandbox, so the kernel talks to us over unix sockets in that folder.
        self.transport = "ipc"
        self.ip = str(self._sandbox_dir / "zmq")
        self.connection_file = str(self._sandbox_dir / "connection.json")
        # A signal cannot cross into the sandbox's new session; an interrupt message can.
        self.kernel_spec.interrupt_mode = "message"
        kernel_cmd, kw = await super()._async_pre_start_kernel(**kw)
        cwd = Path(kw.get("cwd") or os.getcwd()).resolve()
        kw["env"] = {**(kw.get("env") or os.environ), **KERNEL_ENVIRONMENT, "HOME": str(self._sandbox_dir / "home")}
        return self.sandbox_command(kernel_cmd, cwd), kw

    def sandbox_command(self, kernel_cmd, cwd):
        """Wrap the kernel command in bwrap and prlimit."""
        course = Path.cwd().resolve()
        work_copy = self._sandbox_dir / "work"
        # Student code may write in its folder, but only to a copy that is thrown away afterwards.
        shutil.copytree(cwd, work_copy, symlinks=True) if cwd.is_dir() else work_copy.mkdir()
        (self._sandbox_dir / "home").mkdir()
        command = base_options(shutil.which(self.bwrap))
        for hidden in [course, *map(Path, self.hidden_paths)]:
            command += ["--tmpfs", str(hidden)]
        # The interpreter, the kit's packages and the reference package stay readable wherever they are:
        # also when the hidden course folder or the sandbox's empty /tmp would cover them (a clone in /tmp).
        readable = [Path(sys.base_prefix).resolve(), Path(sys.prefix).resolve(),
                    package_directory("scratchnet_solution"), *map(Path, self.readable_paths)]
        for path in readable:
            if path is not None and path.exists():
                command += ["--ro-bind", str(path), str(path)]
        # Our PID means nothing in the sandbox's PID namespace; 1 turns ipykernel's parent poller off
        # (--die-with-parent does that job).
        command += ["--setenv", "JPY_PARENT_PID", "1"]
        command += ["--bind", str(self._sandbox_dir), str(self._sandbox_dir),
                    "--bind", str(work_copy), str(cwd), "--chdir", str(cwd)]
        # The empty stand-ins for hidden folders must not take writes either (the working copy still does).
        for hidden in [course, *map(Path, self.hidden_paths)]:
            if hidden.resolve() != cwd:  # that path is the working copy now, which stays writable
                command += ["--remount-ro", str(hidden)]
        memory = self.memory_limit_mb * 1024 * 1024
        limits = [shutil.which("prlimit"), f"--as={memory}", f"--cpu={self.cpu_limit_seconds}", "--"]
        return [*command, "--", *limits, *kernel_cmd]

    async def _async_cleanup_resources(self, restart=False):
        await super()._async_cleanup_resources(restart=restart)
        if self._sandbox_dir is not None:
            shutil.rmtree(self._sandbox_dir, ignore_errors=True)
            self._sandbox_dir = None

    # The base class binds this name to its own coroutine, so point it at ours.
    cleanup_resources = _async_cleanup_resources
