"""nbgrader's Execute, made to survive whatever a submission does to its kernel.

Stock nbgrader throws a whole notebook away when its kernel dies, and keeps every byte a cell
prints. `RobustExecute` grades cell by cell instead:

- a cell that kills the kernel (os._exit, a segfault, SIGKILL at the memory limit) gets an error
  output, so it scores zero; a fresh kernel re-runs, silently, the cells that had finished
  without error (so the student's functions exist again) and grading goes on with the next cell;
- a cell that times out is interrupted as in stock nbgrader; if the kernel still does not answer
  (code that swallows KeyboardInterrupt), it is replaced the same way;
- after `max_kernel_restarts` replacements the remaining cells are marked as not run (zero);
- each cell keeps at most `max_output_bytes` of output. Outputs that decide a grade are never
  dropped: the error outputs, the first stderr stream, the first execute_result and the first two
  verdicts (verdicts.py; a second one is evidence of forgery) stay, shortened if need be.

On a notebook whose kernel lives and whose output is small it does exactly what Execute does.
"""
import time
from queue import Empty

from jupyter_core.utils import ensure_async, run_sync
from nbclient.exceptions import CellTimeoutError, DeadKernelError
from nbformat.v4 import new_output
from nbgrader.preprocessors import Execute
from traitlets import Integer, List, Unicode

from scratchnet_solution.sandbox.kernelmanager import SandboxedKernelManager
from scratchnet_solution.grading.verdicts import VERDICT_MIME

# Where the autograded notebook keeps what went wrong while it ran, for `scratchnet report`:
# nb.metadata["scratchnet"]["grading_events"] = [{"kind": ..., "cell": grade_id or "cell N"}, ...].
# The kinds: "timeout", "kernel_died", "kernel_replaced" (it ignored the interrupt), "not_run" (the
# kernel kept dying), "output_truncated". nbgrader_config.py keeps this key through ClearMetadata.
METADATA_KEY = "scratchnet"
EVENTS_KEY = "grading_events"

# Outputs that can decide a code grade cell's score (nbgrader.utils.determine_grade, gradefromverdicts.py).
GRADE_DECIDING = ("error", "stderr", "execute_result", "verdict")
# How many of each kind stay past the limit (error outputs: all of them).
KEPT_PAST_LIMIT = {"stderr": 1, "execute_result": 1, "verdict": 2}
# What a kept but shortened text ends with.
TRUNCATION_NOTE = "\n... [output truncated by the grader: this cell printed more than {limit} bytes]\n"


# What a given cell that is not run while grading shows instead of its output (see skip_ungraded_cells).
SKIPPED_NOTE = ("[not run while grading: this given cell earns no points, and no graded test uses what it computes;\n"
                " the graded tests train with your functions themselves]\n")


def error_output(ename, evalue):
    """An error output: it costs a grade cell its points, like any exception."""
    return new_output("error", ename=ename, evalue=evalue, traceback=[f"{ename}: {evalue}"])


def cell_name(cell, index):
    """The cell's grade_id when it has one (what instructors see in the formgrader), else its position."""
    meta = cell.metadata.get("nbgrader", {})
    return meta.get("grade_id") if isinstance(meta, dict) and meta.get("grade_id") else f"cell {index}"


def output_kind(msg):
    """'stdout', 'stderr', 'error', 'execute_result', 'display_data', ... for an iopub message."""
    if msg["msg_type"] == "stream":
        return msg["content"].get("name", "stdout")
    if msg["msg_type"] == "display_data" and VERDICT_MIME in msg["content"].get("data", {}):
        return "verdict"
    return msg["msg_type"]


# What an output other than a stream costs at least: its JSON around the data. Without it, a loop that
# publishes one tiny result per call could pile up hundreds of thousands of outputs under the limit.
OUTPUT_OVERHEAD_BYTES = 100


def output_size(msg):
    """Roughly how many bytes an output message would add to the notebook."""
    content = msg["content"]
    if msg["msg_type"] == "stream":
        return len(content.get("text", ""))
    if msg["msg_type"] == "error":
        return sum(len(line) for line in content.get("traceback", [])) + len(content.get("evalue", ""))
    return OUTPUT_OVERHEAD_BYTES + sum(len(str(value)) for value in content.get("data", {}).values())


def shortened(msg, limit):
    """A copy of the message whose text fits in about `limit` characters."""
    content = dict(msg["content"])
    note = TRUNCATION_NOTE.format(limit=limit)
    if msg["msg_type"] == "stream":
        content["text"] = content.get("text", "")[:limit] + note
    elif msg["msg_type"] == "error":
        content["evalue"] = content.get("evalue", "")[:limit]
        content["traceback"] = [line[:limit] for line in content.get("traceback", [])[:20]] + [note]
    elif msg["msg_type"] == "execute_result":  # a note after a number would turn it into text, which nbgrader reads as full marks
        content["data"] = {"text/plain": str(content.get("data", {}).get("text/plain", ""))[:limit]}
    elif VERDICT_MIME not in content.get("data", {}):  # a verdict is small JSON: kept whole
        content["data"] = {"text/plain": str(content.get("data", {}).get("text/plain", ""))[:limit] + note}
    return {**msg, "content": content}


class RobustExecute(Execute):
    """Execute whose notebooks survive dying kernels, hung kernels and output floods."""

    max_output_bytes = Integer(100_000, help="Output a cell may keep, in bytes of text.").tag(config=True)
    max_kernel_restarts = Integer(15, help="Fresh kernels one notebook may get before the rest is marked as not run.").tag(config=True)
    interrupt_grace_seconds = Integer(
        10, help="After a timeout, how long an interrupted kernel has to answer before it is replaced.").tag(config=True)

    skip_ungraded_cells = List(
        Unicode(), help="grade_ids of given cells (locked, not graded, no solution) that are not run while grading: "
                        "their output counts for nothing and no graded cell uses what they compute.").tag(config=True)

    def __init__(self, **kwargs):
        # The sandbox is part of executing: nbgrader passes its own manager class, so choose ours here.
        kwargs.setdefault("kernel_manager_class", SandboxedKernelManager)
        # Nothing in a graded kernel is worth a graceful goodbye; killing it saves ~0.1 s a notebook.
        kwargs.setdefault("shutdown_kernel", "immediate")
        super().__init__(**kwargs)

    def preprocess(self, nb, resources=None, km=None):
        self.restarts = 0
        self.finished_cells = []  # sources of cells that ran without error, for re-running in a new kernel
        self.kernel_lost = False  # True once max_kernel_restarts is used up
        self.stored_bytes, self.kept_kinds, self.truncated = 0, {}, False
        self.sandbox_events = []  # what the sandbox refused, per cell, for the instructor
        self.events = []
        # Whatever a submission wrote under this key is not the grader's record: start afresh.
        nb.metadata[METADATA_KEY] = {}
        nb, resources = super().preprocess(nb, resources, km)
        nb.metadata.setdefault(METADATA_KEY, {})[EVENTS_KEY] = self.events
        if self.sandbox_events:
            nb.metadata[METADATA_KEY]["sandbox_events"] = self.sandbox_events
        return nb, resources

    def record(self, kind, name):
        event = {"kind": kind, "cell": name}
        if event not in self.events:  # a time-out can be noticed twice (no reply, then no output)
            self.events.append(event)

    async def _async_cleanup_kernel(self):
        # After the last allowed restart there is no kernel left to clean up.
        if self.km is not None:
            await super()._async_cleanup_kernel()

    _cleanup_kernel = run_sync(_async_cleanup_kernel)

    def preprocess_cell(self, cell, resources, index):
        self._check_assign_resources(resources)
        if cell.cell_type != "code" or not cell.source.strip():
            return super().preprocess_cell(cell, resources, index)
        if self.kernel_lost:
            self.record("not_run", cell_name(cell, index))
            cell.outputs = [error_output("KernelLost", f"not run: the kernel died {self.restarts} times before this cell.")]
            return cell, self.resources
        if self.skipped(cell):
            cell.outputs = [new_output("stream", name="stdout", text=SKIPPED_NOTE)]
            return cell, self.resources
        self.stored_bytes, self.kept_kinds, self.truncated = 0, {}, False
        name = cell_name(cell, index)
        try:
            cell, _ = super().preprocess_cell(cell, resources, index)
        except DeadKernelError:
            self.log.warning("The kernel died while running %s; grading the rest in a fresh kernel.", name)
            self.record("kernel_died", name)
            events = self.note_sandbox_events(name)
            cause = ("the sandbox stopped it: it started more processes than allowed (a fork bomb?)"
                     if any(event["kind"] == "processes" for event in events) else "os._exit, a crash, or out of memory?")
            cell.outputs.append(error_output(
                "DeadKernelError", f"the kernel died while running this cell ({cause}). "
                                   "The cells after it ran in a fresh kernel."))
            self.replace_kernel()
            return cell, self.resources
        except CellTimeoutError as timeout:  # raised when the reply came but its output never finished
            self.log.warning("Cell %s timed out waiting for its output.", name)
            self.record("timeout", name)
            cell.outputs.append(error_output("CellTimeoutError", str(timeout).splitlines()[0]))
        self.note_sandbox_events(name)
        if self.truncated:
            self.log.warning("The output of cell %s was truncated to %s bytes.", name, self.max_output_bytes)
            self.record("output_truncated", name)
        if any(output.output_type == "error" for output in cell.outputs):
            if any(output.get("ename") == self.error_on_timeout["ename"] for output in cell.outputs):
                self.log.warning("Cell %s timed out after %s s and was interrupted.", name, self.timeout)
                self.record("timeout", name)
                if not self.kernel_responds(self.interrupt_grace_seconds):
                    self.log.warning("The kernel ignored the interrupt; grading the rest in a fresh kernel.")
                    self.record("kernel_replaced", name)
                    self.replace_kernel()
        else:
            self.finished_cells.append(cell.source)
        return cell, self.resources

    def skipped(self, cell):
        """Whether this is a given, ungraded cell the course chose not to run (never a graded or student cell:
        OverwriteCells has already put back the release's source of every locked cell)."""
        meta = cell.metadata.get("nbgrader")
        return (isinstance(meta, dict) and meta.get("grade_id") in self.skip_ungraded_cells and meta.get("locked") is True
                and not meta.get("grade") and not meta.get("solution"))

    def note_sandbox_events(self, name):
        """Log and keep what the sandbox refused while cell `name` ran."""
        drain = getattr(self.km, "drain_events", None)
        events = drain() if drain else []
        for event in events:
            self.log.warning("Sandbox blocked %s: %s (cell %s).", event["kind"], event["target"], name)
            self.sandbox_events.append({**event, "cell": name})
        return events

    def output(self, outs, msg, display_id, cell_index):
        """Keep output up to the byte limit; past it keep only what decides the grade, shortened."""
        size = output_size(msg)
        kind = output_kind(msg)
        if self.stored_bytes + size > self.max_output_bytes:
            self.truncated = True
            if kind not in GRADE_DECIDING or self.kept_kinds.get(kind, 0) >= KEPT_PAST_LIMIT.get(kind, float("inf")):
                return None
            msg = shortened(msg, max(self.max_output_bytes - self.stored_bytes, 1000))
            size = output_size(msg)
        self.stored_bytes += size
        self.kept_kinds[kind] = self.kept_kinds.get(kind, 0) + 1
        return super().output(outs, msg, display_id, cell_index)

    async def async_kernel_responds(self, seconds):
        """Whether the kernel answers a kernel_info request within `seconds` (it queues behind running code)."""
        try:
            await ensure_async(self.kc.kernel_info(reply=True, timeout=seconds))
        except TimeoutError:
            return False
        return True

    kernel_responds = run_sync(async_kernel_responds)

    async def async_replace_kernel(self):
        """Kill the kernel and start a fresh one that has re-run the cells that had finished."""
        if self.km is not None and await ensure_async(self.km.is_alive()):
            await ensure_async(self.km.shutdown_kernel(now=True))
        await self._async_cleanup_kernel()
        if self.restarts >= self.max_kernel_restarts:
            self.kernel_lost = True
            return
        self.restarts += 1
        self.km = self.create_kernel_manager()
        await self.async_start_new_kernel()
        await self.async_start_new_kernel_client()
        for source in self.finished_cells:
            if not await self.async_replay(source):
                self.log.warning("Re-running earlier cells in the fresh kernel failed; going on without them.")
                await self.async_replace_kernel_bare()
                return

    async def async_replace_kernel_bare(self):
        """A fresh kernel that re-runs nothing (when re-running is what killed the last one)."""
        self.finished_cells = []
        await self.async_replace_kernel()

    replace_kernel = run_sync(async_replace_kernel)

    async def async_replay(self, source):
        """Run a cell's source without recording anything; True if it finished within the cell timeout."""
        msg_id = self.kc.execute(source, silent=True, store_history=False, allow_stdin=False)
        deadline = time.monotonic() + (self.timeout or 60)
        while time.monotonic() < deadline:
            if not await ensure_async(self.kc.is_alive()):
                return False
            try:
                reply = await ensure_async(self.kc.shell_channel.get_msg(timeout=1))
            except Empty:  # still running
                continue
            if reply["parent_header"].get("msg_id") == msg_id:
                return True
        return False
