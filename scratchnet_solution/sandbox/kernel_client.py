"""The kernel client grading uses: ready as soon as its kernel answers.

jupyter_client's `wait_for_ready` sends kernel_info until the kernel replies and IOPub delivers a
message, and then goes on reading IOPub until 0.2 s pass without one, to drop the kernel's start-up
messages. Every graded notebook sat out those 0.2 s with both processes idle: on two cores, about a
tenth of the grading time of a class. nbclient only reads the messages that answer the cell it is
running (it matches each one's parent msg_id), so start-up messages left in the queue do no harm
and this client skips that wait. Everything else is jupyter_client's AsyncKernelClient.
"""
import time
from queue import Empty

from jupyter_client.asynchronous import AsyncKernelClient
from jupyter_core.utils import ensure_async

# How long to wait for each kernel_info reply before asking again (jupyter_client's value).
REPLY_WAIT_SECONDS = 1
# How long IOPub may take to deliver a message once the kernel has replied (jupyter_client's value).
IOPUB_WAIT_SECONDS = 0.2


class PromptKernelClient(AsyncKernelClient):
    """AsyncKernelClient whose wait_for_ready returns once the kernel answers and IOPub is connected."""

    async def wait_for_ready(self, timeout=None):
        """Ask for kernel_info until it is answered and an IOPub message has arrived.

        Raises RuntimeError when the kernel dies first, or after `timeout` seconds (None: no limit).
        """
        deadline = time.monotonic() + (float("inf") if timeout is None else timeout)
        while True:
            self.kernel_info()
            try:
                reply = await ensure_async(self.shell_channel.get_msg(timeout=REPLY_WAIT_SECONDS))
            except Empty:
                reply = None
            if reply is not None and reply["msg_type"] == "kernel_info_reply":
                try:
                    # An IOPub message proves the subscription is connected; without one, ask again.
                    await ensure_async(self.iopub_channel.get_msg(timeout=IOPUB_WAIT_SECONDS))
                except Empty:
                    pass
                else:
                    self._handle_kernel_info_reply(reply)
                    return
            if not await self.is_alive():
                raise RuntimeError("Kernel died before replying to kernel_info")
            if time.monotonic() > deadline:
                raise RuntimeError(f"Kernel didn't respond in {timeout:g} seconds")
