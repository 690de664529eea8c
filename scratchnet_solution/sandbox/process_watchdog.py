"""A watch on how many processes a sandboxed kernel runs: a fork bomb ends its cell, not the machine.

The kernel's RLIMIT_NPROC (kernelmanager.py) stops a bomb from growing past a bound, whoever grades; but
the processes it made would go on spinning until the notebook ends, slowing every later cell and
every other student graded at the same time. This watch counts the sandbox's processes a few times a
second and, once they reach the limit, kills the whole sandbox. The grader sees a dead kernel: that
cell scores 0 and the rest of the notebook runs in a fresh kernel (preprocessors/robustexecute.py).
"""
import threading

import psutil

# How often the processes are counted; a bomb held by RLIMIT_NPROC cannot grow in between anyway.
POLL_SECONDS = 0.1


def sandbox_processes(root_pid):
    """The sandbox's process (bwrap) and all its descendants; [] when it is gone."""
    try:
        root = psutil.Process(root_pid)
        return [root, *root.children(recursive=True)]
    except psutil.Error:
        return []


def kill_all(processes):
    for process in processes:
        try:
            process.kill()
        except psutil.Error:
            pass


class ProcessWatchdog:
    """Kills the process tree under `root_pid` once it holds `limit` processes or more; calls `on_kill(count)`."""

    def __init__(self, root_pid, limit, on_kill):
        self.root_pid, self.limit, self.on_kill = root_pid, limit, on_kill
        self.stopping = threading.Event()
        self.thread = threading.Thread(target=self.watch, name="scratchnet-process-watchdog", daemon=True)
        self.thread.start()

    def watch(self):
        while not self.stopping.wait(POLL_SECONDS):
            processes = sandbox_processes(self.root_pid)
            if not processes:
                return
            if len(processes) >= self.limit:
                kill_all(processes)
                self.on_kill(len(processes))
                return

    def stop(self):
        self.stopping.set()
        self.thread.join(timeout=5)
