"""The notebook, the trainer, Validate, the feedback page and the formgrader as people see them: JupyterLab
in a real browser (Debian's chromium driven by Playwright; no browser is ever downloaded).

The test starts JupyterLab itself, on a free loopback port with a token, in a throwaway course with a
graded sample class. Screenshots go to build/screenshots/ (git-ignored); look at them after a change.
"""
import os
import secrets
import shutil
import socket
import subprocess
import sys
import tempfile
import time
import urllib.request
from pathlib import Path

import pytest

from course_helpers import REPO, nbgrader, new_course
from scratchnet_solution.commands import demo
from scratchnet_solution.corpus.entries import load_entry
from scratchnet_solution.course.notebooks import read_notebook
from scratchnet_solution.corpus.submissions import fill_solutions

pytestmark = pytest.mark.slow

SCREENSHOTS = REPO / "build" / "screenshots"
CHROMIUM = shutil.which("chromium") or shutil.which("chromium-browser")
CHROMIUM_FLAGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
                  "--disable-background-networking", "--disable-component-update", "--disable-sync"]
# Generous: two cores shared with other work; JupyterLab, kernels and a browser start cold.
TIMEOUT_MS = 120_000

if CHROMIUM is None:
    pytestmark = [pytestmark, pytest.mark.skip(reason="no chromium on PATH: install Debian's `chromium` "
                                                      "(apt-get install chromium) to run the browser test")]
playwright = pytest.importorskip("playwright.sync_api", reason="the pip package playwright is not installed")


def free_port():
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def student_notebook(course, entry_name, folder):
    """The release notebook with a corpus entry's functions, saved in the course under `folder`."""
    release = course / "release" / "scratchnet"
    target = course / folder
    shutil.copytree(release, target, dirs_exist_ok=True)
    entry = load_entry(REPO / "tests" / "corpus" / f"{entry_name}.py")
    notebook = fill_solutions(read_notebook(release / "scratchnet.ipynb"), entry.code_by_function)
    import nbformat

    nbformat.write(notebook, target / "scratchnet.ipynb")
    return f"{folder}/scratchnet.ipynb"


def deep_student_notebook(course, entry_name, folder):
    """The second assignment's release (committed, and kept equal to what nbgrader generates by
    test_release.py) with a deep corpus entry's functions, saved in the course under `folder`."""
    import nbformat

    release = REPO / "release" / "scratchnet_deep"
    target = course / folder
    shutil.copytree(release, target, dirs_exist_ok=True, ignore=shutil.ignore_patterns("__pycache__"))
    entry = load_entry(REPO / "tests" / "corpus_deep" / f"{entry_name}.py", "scratchnet_deep")
    nbformat.write(fill_solutions(read_notebook(release / "scratchnet_deep.ipynb"), entry.code_by_function),
                   target / "scratchnet_deep.ipynb")
    return f"{folder}/scratchnet_deep.ipynb", entry


@pytest.fixture(scope="module")
def course():
    """A course with the demo's sample class graded, and two students' working folders."""
    with tempfile.TemporaryDirectory(prefix="scratchnet-browser-") as folder:
        course = new_course(Path(folder) / "course")
        demo.add_sample_students(course)
        demo.write_sample_class(course, "scratchnet")
        nbgrader(course, "autograde", "scratchnet")
        nbgrader(course, "generate_feedback", "scratchnet")
        yield course


@pytest.fixture(scope="module")
def lab(course):
    """JupyterLab serving the course: (base URL, token). Stopped at the end."""
    port, token = free_port(), secrets.token_hex(16)
    home = course.parent / "home"  # no user settings or workspaces of this machine
    home.mkdir(exist_ok=True)
    # Render every cell (JupyterLab draws only the cells in view by default), so the page can be searched.
    settings = home / ".jupyter" / "lab" / "user-settings" / "@jupyterlab" / "notebook-extension"
    settings.mkdir(parents=True, exist_ok=True)
    (settings / "tracker.jupyterlab-settings").write_text('{"windowingMode": "none"}')
    news = home / ".jupyter" / "lab" / "user-settings" / "@jupyterlab" / "apputils-extension"
    news.mkdir(parents=True, exist_ok=True)
    (news / "notification.jupyterlab-settings").write_text('{"fetchNews": "false"}')  # no pop-up over the page
    env = {**os.environ, "HOME": str(home), "JUPYTER_CONFIG_DIR": str(home / ".jupyter"),
           "JUPYTER_RUNTIME_DIR": str(home / "runtime"), "JUPYTERLAB_WORKSPACES_DIR": str(home / "workspaces"),
           "PATH": os.pathsep.join([str(Path(sys.executable).parent), os.environ.get("PATH", "")])}
    env.pop("NBGRADER_EXECUTION", None)
    log = open(course.parent / "lab.log", "w")
    server = subprocess.Popen(
        [sys.executable, "-m", "jupyterlab", "--no-browser", f"--port={port}", "--ip=127.0.0.1",
         f"--IdentityProvider.token={token}", f"--ServerApp.root_dir={course}", "--LabApp.expose_app_in_browser=True",
         "--allow-root"],  # CI runs as root; elsewhere the flag changes nothing
        cwd=course, env=env, stdout=log, stderr=subprocess.STDOUT)
    url = f"http://127.0.0.1:{port}"
    deadline = time.monotonic() + 120
    while time.monotonic() < deadline:
        try:
            urllib.request.urlopen(f"{url}/api/status?token={token}", timeout=2)
            break
        except OSError:
            if server.poll() is not None:
                log.close()
                pytest.fail("JupyterLab exited:\n" + (course.parent / "lab.log").read_text()[-2000:])
            time.sleep(0.5)
    else:
        pytest.fail("JupyterLab did not answer within 120 s")
    yield url, token
    server.terminate()
    try:
        server.wait(timeout=20)
    except subprocess.TimeoutExpired:
        server.kill()
    log.close()


@pytest.fixture(scope="module")
def browser():
    SCREENSHOTS.mkdir(parents=True, exist_ok=True)
    with playwright.sync_playwright() as driver, tempfile.TemporaryDirectory() as profile:
        context = driver.chromium.launch_persistent_context(
            profile, executable_path=CHROMIUM, headless=True, args=CHROMIUM_FLAGS,
            viewport={"width": 1280, "height": 900})
        context.set_default_timeout(TIMEOUT_MS)
        yield context
        context.close()


def open_notebook(browser, lab, path):
    url, token = lab
    page = browser.new_page()
    errors = []
    page.on("console", lambda message: errors.append(message.text) if message.type == "error" else None)
    page.goto(f"{url}/lab/tree/{path}?token={token}")
    # JupyterLab reopens the notebooks opened before (in tabs behind this one): wait for a cell on view.
    page.wait_for_selector(".jp-Notebook .jp-Cell >> visible=true")
    page.wait_for_function("() => window.jupyterapp && window.jupyterapp.shell.currentWidget"
                           " && window.jupyterapp.shell.currentWidget.sessionContext"
                           " && window.jupyterapp.shell.currentWidget.sessionContext.session"
                           " && window.jupyterapp.shell.currentWidget.sessionContext.session.kernel")
    page.errors = errors
    return page


def run_all(page, name):
    """Run All once the kernel is ready, and wait until every code cell has run (an execution count)."""
    page.wait_for_function("() => { const session = window.jupyterapp.shell.currentWidget.sessionContext.session;"
                           " return session && session.kernel && session.kernel.status === 'idle'; }", polling=500)
    page.evaluate("() => window.jupyterapp.commands.execute('notebook:run-all-cells')")
    try:
        wait_until_every_cell_ran(page)
    except playwright.Error:
        page.screenshot(path=SCREENSHOTS / f"{name}-did-not-finish.png")
        raise


def wait_until_every_cell_ran(page):
    page.wait_for_function("""() => {
        const panel = window.jupyterapp.shell.currentWidget;
        const cells = [...panel.content.model.cells].filter(cell => cell.type === 'code');
        const session = panel.sessionContext.session;
        return cells.every(cell => cell.executionCount) && session && session.kernel
            && session.kernel.status === 'idle';
    }""", polling=500)


def command(page, name):
    page.evaluate(f"() => window.jupyterapp.commands.execute('{name}')")


def test_a_finished_notebook_runs_and_the_trainer_trains_stops_and_survives_a_reopen(browser, lab, course):
    path = student_notebook(course, "correct_reference", "work-finished")
    page = open_notebook(browser, lab, path)
    run_all(page, "finished-notebook")
    page.wait_for_selector(".widget-image")
    # While the widgets live, the saved picture under them stays out of sight.
    assert not page.locator(".scratchnet-saved-picture").is_visible()
    page.screenshot(path=SCREENSHOTS / "finished-notebook-run-all.png", full_page=False)
    errors = page.locator(".jp-OutputArea-output[data-mime-type='application/vnd.jupyter.stderr']")
    assert errors.count() == 0, errors.all_inner_texts()

    # The trainer redraws while it trains (spirals' 20,000 epochs take seconds), and Stop ends the run.
    trainer = page.locator(".jp-OutputArea-output .widget-vbox").first
    trainer.scroll_into_view_if_needed()
    trainer.locator("select").first.select_option(label="Spirals")
    picture = trainer.locator(".widget-image")
    before = picture.get_attribute("src")
    trainer.get_by_role("button", name="Train").click()
    page.wait_for_function("(old) => document.querySelector('.widget-image').src !== old", arg=before)
    during = picture.get_attribute("src")
    page.wait_for_function("(old) => document.querySelector('.widget-image').src !== old", arg=during)
    page.screenshot(path=SCREENSHOTS / "trainer-while-training.png")
    trainer.get_by_role("button", name="Stop").click()
    page.wait_for_selector("text=Stopped.")
    page.screenshot(path=SCREENSHOTS / "trainer-stopped.png")

    # Save, shut the kernel down, close, reopen: the trainer's cell shows the saved picture.
    command(page, "docmanager:save")
    page.wait_for_timeout(1000)
    page.evaluate("() => window.jupyterapp.shell.currentWidget.sessionContext.shutdown()")  # no dialog
    page.close()
    page = open_notebook(browser, lab, path)
    page.wait_for_timeout(3000)
    trainer_cell = page.locator(".jp-CodeCell", has_text="launch_trainer(globals()")
    trainer_cell.scroll_into_view_if_needed()
    page.screenshot(path=SCREENSHOTS / "reopened-notebook.png")
    saved = trainer_cell.locator(".scratchnet-saved-picture img")
    assert saved.is_visible() and saved.bounding_box()["width"] > 300
    assert not trainer_cell.get_by_text("model not found").is_visible()
    page.close()


def test_a_stub_notebook_lists_what_is_left_and_validate_is_short(browser, lab, course):
    path = student_notebook(course, "untouched_stub", "work-stub")
    page = open_notebook(browser, lab, path)
    run_all(page, "stub-notebook")  # goes on past the failing test cells: every function's state shows
    page.screenshot(path=SCREENSHOTS / "stub-notebook-run-all.png")
    failures = page.locator(".jp-OutputArea-output[data-mime-type='application/vnd.jupyter.stderr']")
    texts = failures.all_inner_texts()
    assert len(texts) >= 6 and all(len(text.splitlines()) == 1 for text in texts), texts  # one to-do line each
    for name in ("sigmoid", "forward", "compute_loss", "backward", "update_weights"):
        assert f"To do: {name} is not implemented yet: replace `raise NotImplementedError()` in its cell." in texts
    page.get_by_role("button", name="Validate").click()
    dialog = page.locator(".jp-Dialog-content")
    dialog.wait_for()
    dialog.locator("text=Validation Results").wait_for()
    page.wait_for_timeout(500)
    page.screenshot(path=SCREENSHOTS / "stub-validate-dialog.png")
    shown = dialog.inner_text()
    print(f"Validate dialog on the untouched notebook: {len(shown)} characters")
    traceback_at = shown.find("Traceback")
    assert traceback_at < 0, shown[max(0, traceback_at - 1500):traceback_at + 500]
    # nbgrader shows each failing test cell's code and message: 22,000 characters with tracebacks, 13,200
    # with one-line messages; now only the XOR test fails while Validate runs, listing what is left.
    assert shown.count("The following cell failed") == 1
    for name in ("sigmoid", "forward", "compute_loss", "backward", "update_weights"):
        assert shown.count(f"{name}: replace `raise NotImplementedError()` in its cell") == 1, shown
    assert len(shown) < 1_500, shown
    page.close()


def test_a_deep_mistake_is_named_by_its_visible_test_in_lines_that_fit_the_notebook(browser, lab, course):
    path, entry = deep_student_notebook(course, "mistake_linear_backward_dW_not_averaged", "work-deep-mistake")
    page = open_notebook(browser, lab, path)
    run_all(page, "deep-mistake-notebook")
    # :visible: the notebooks of the tests before are still open, in tabs behind this one
    failures = page.locator(".jp-OutputArea-output[data-mime-type='application/vnd.jupyter.stderr']:visible")
    texts = failures.all_inner_texts()
    assert len(texts) == 1, texts  # the mistake fails its own function's test only
    failure = failures.first
    failure.scroll_into_view_if_needed()
    page.screenshot(path=SCREENSHOTS / "deep-mistake-linear-backward.png")
    assert entry.cause in texts[0] and "linear_backward" in texts[0], texts[0]
    assert "Traceback" not in texts[0]
    assert page.evaluate("(output) => output.scrollWidth <= output.clientWidth", failure.element_handle())
    page.close()


def test_the_feedback_page_shows_the_diagnosis_without_sideways_scrolling(browser, lab, course):
    url, token = lab
    page = browser.new_page()
    page.goto(f"{url}/files/feedback/demo-backward-bug/scratchnet/scratchnet.html?token={token}")
    diagnosis = page.locator("pre", has_text="AssertionError: backward:").first
    diagnosis.scroll_into_view_if_needed()
    page.screenshot(path=SCREENSHOTS / "feedback-backward-bug.png")
    assert diagnosis.inner_text().lstrip().startswith("AssertionError: backward: All four gradients")  # cause first
    overflow = page.evaluate("() => [document.scrollingElement.scrollWidth, document.scrollingElement.clientWidth]")
    assert overflow[0] <= overflow[1], overflow
    assert diagnosis.bounding_box()["x"] + diagnosis.bounding_box()["width"] <= overflow[1]
    page.close()


def test_the_formgrader_lists_the_sample_class_by_name(browser, lab):
    url, token = lab
    page = browser.new_page()
    page.goto(f"{url}/formgrader/manage_students?token={token}")
    page.wait_for_selector("text=Lovelace")
    page.screenshot(path=SCREENSHOTS / "formgrader-students.png")
    text = page.inner_text("body")
    assert "None, None" not in text
    for first, last in demo.SAMPLE_NAMES.values():
        assert last in text
    page.close()
