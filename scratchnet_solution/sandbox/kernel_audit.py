"""Runs in the sandboxed kernel: notes what the sandbox is about to refuse, so the instructor sees it.

The sandbox (kernelmanager.py) already blocks these; this only makes the attempts visible. Before ipykernel
starts, an audit hook (PEP 578: it cannot be removed) watches for

- files opened for writing outside the kernel's own folder, HOME and /tmp ("write"),
- files opened or folders listed in places the sandbox hides ("read": home folders, the course, the
  exchange, /srv, /var, ...; the grader lists them),
- network connections ("connect"; the kernel's own sockets are unix sockets made by libzmq, not Python),

and appends one JSON line per attempt to an events file the grader reads after every cell. It is a
record, not the defence: code that goes around Python (ctypes) is still blocked, just not noted.

The grader starts the kernel as `python -c <this file's source> <settings as JSON> <ipykernel args>`,
so nothing of the grader's package is imported before the student's code runs.
"""
import json
import os
import sys

# Modes of open() and flags of os.open() that write.
WRITE_MODE_CHARACTERS = set("wax+")
WRITE_FLAGS = os.O_WRONLY | os.O_RDWR | os.O_CREAT | os.O_APPEND | os.O_TRUNC
# At most this many events are recorded per kernel: a loop of attempts must not fill the disk.
MAX_EVENTS = 200


def _under(path, roots):
    return any(path == root or path.startswith(root.rstrip("/") + "/") for root in roots)


def install(settings):
    """Start recording; `settings` has the events file, the folders the sandbox shows and lets write, and
    the hidden places worth reporting a read of."""
    readable = [os.path.realpath(p) for p in settings["readable"]]
    writable = [os.path.realpath(p) for p in settings["writable"]]
    watched = [os.path.realpath(p) for p in settings["watched"]]
    events_fd = os.open(settings["events"], os.O_WRONLY | os.O_APPEND | os.O_CREAT, 0o600)
    state = {"count": 0, "busy": False}

    def record(kind, target):
        if state["count"] >= MAX_EVENTS:
            return
        state["count"] += 1
        line = json.dumps({"kind": kind, "target": str(target)[:300]}) + "\n"
        os.write(events_fd, line.encode("utf-8", "replace"))

    def absolute(target):
        if isinstance(target, bytes):
            target = os.fsdecode(target)
        if not isinstance(target, str):
            return None  # a file descriptor: already open, so already allowed
        return os.path.normpath(os.path.join(os.getcwd(), target))

    def hook(event, args):
        if state["busy"] or event not in ("open", "os.listdir", "os.scandir", "socket.connect"):
            return
        state["busy"] = True  # the checks below must not audit themselves
        try:
            if event == "socket.connect":
                family = getattr(args[0], "family", None)
                if family in (2, 10):  # AF_INET, AF_INET6: the sandbox has no network
                    record("connect", args[1])
                return
            path = absolute(args[0])
            if path is None:
                return
            writes = event == "open" and (
                (isinstance(args[1], str) and WRITE_MODE_CHARACTERS & set(args[1]))
                or (isinstance(args[2], int) and args[2] & WRITE_FLAGS))
            if writes and not _under(path, writable):
                record("write", path)
            elif not writes and _under(path, watched) and not _under(path, readable):
                record("read", path)
        except Exception:
            pass  # never let the record break the student's code
        finally:
            state["busy"] = False

    sys.addaudithook(hook)


def main():
    settings = json.loads(sys.argv.pop(1))
    install(settings)
    # What ipykernel_launcher does: the current folder must not shadow ipykernel's own imports.
    if sys.path and sys.path[0] == "":
        del sys.path[0]
    from ipykernel import kernelapp
    kernelapp.launch_new_instance()


if __name__ == "__main__":
    main()
