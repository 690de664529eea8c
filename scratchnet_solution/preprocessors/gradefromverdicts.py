"""The grader's side of verdicts: `GradeFromVerdicts`, an autograde preprocessor (nbgrader_config.py).

It runs after execution and before nbgrader saves the grades, and makes each graded cell's outputs
say what nbgrader should record:

- nbgrader takes a cell's FIRST `execute_result` as its grade, even before an error. Student code
  can publish one (`sys.displayhook(25)`, `get_ipython().displayhook(...)`), and a forged verdict
  the same way (`display(...)`). The hidden code publishes no result and exactly one verdict, so a
  graded cell with any result or a second verdict was tampered with: it scores 0, with the finding.
- a rubric cell (its verdict has max_points) scores the rubric's points: an `execute_result` with
  that number is appended, which is nbgrader's own partial credit. Its visible part still runs and
  its failure still shows, but the rubric, which checked the same function more closely, decides.
  Errors of the grader itself (a dead kernel, a timeout) and stderr still cost the cell, as always.
  With `partial_credit = False` a rubric cell earns all its points or none.
- every graded cell ends with one verdict holding the points nbgrader records for it (a cell whose
  hidden part never ran gets one saying so), for the class report (issue 11).
"""
import functools
import json

from nbformat.v4 import new_output
from nbgrader import utils
from nbgrader.preprocessors import NbGraderPreprocessor
from traitlets import Bool

from scratchnet_solution.assignments import topic_of, topics
from scratchnet_solution.course.folder import ASSIGNMENT
from scratchnet_solution.grading.verdicts import VERDICT_MIME, Finding, verdict_outputs
from scratchnet_solution.grading.wrapping import fitted

# Errors the grader itself reports (robustexecute.py, nbclient): they cost the cell, whatever the rubric said.
GRADER_ERRORS = ("DeadKernelError", "CellTimeoutError", "KernelLost", "ForgedResult")


def is_test_cell(cell):
    return cell.cell_type == "code" and utils.is_grade(cell) and not utils.is_solution(cell)


def read_verdict(output):
    data = output["data"][VERDICT_MIME]
    return json.loads(data) if isinstance(data, str) else dict(data)


def forged_result_error(what):
    return new_output("error", ename="ForgedResult", evalue=(
        f"{what} was published while this cell ran, by code it called: only the grader decides a cell's "
        "points, so this cell earns none."), traceback=[])


def note(text):
    """A line of the grader's in the cell's output, cut as feedback cuts messages (100 characters, words whole)."""
    return new_output("stream", name="stdout", text="\n".join(fitted(text)) + "\n")


class GradeFromVerdicts(NbGraderPreprocessor):
    """Graded cells' outputs made to say the points their verdicts give (see the module docstring)."""

    partial_credit = Bool(True, help="A rubric cell earns the points of the parts that are right; False: all or none.").tag(
        config=True)

    def preprocess_cell(self, cell, resources, index):
        if not is_test_cell(cell):
            return cell, resources
        grade_id = cell.metadata["nbgrader"]["grade_id"]
        max_points = float(cell.metadata["nbgrader"].get("points", 0))
        verdicts = verdict_outputs(cell)
        results = [o for o in cell.outputs if o.get("output_type") == "execute_result"]
        outputs = [o for o in cell.outputs if o not in results and o not in verdicts]
        verdict = read_verdict(verdicts[0]) if verdicts else None
        forged = []
        if results:
            forged.append(Finding("integrity.forged_result", "A result (sys.displayhook) was published by code this test "
                                                             "called: only the grader decides a cell's points, so this "
                                                             "cell earns none."))
        if len(verdicts) > 1:
            forged.append(Finding("integrity.forged_result", "A second verdict was published by code this test called: "
                                                             "only the grader decides a cell's points, so this cell "
                                                             "earns none."))
        if forged:
            outputs.append(forged_result_error("A result or a verdict"))
        elif verdict is not None and verdict.get("max_points") is not None:
            outputs = self.rubric_outputs(outputs, verdict, max_points)
        cell.outputs = outputs
        topics = assignment_topics(resources.get("nbgrader", {}).get("assignment", ASSIGNMENT))
        cell.outputs.append(self.final_verdict(cell, grade_id, verdict, forged, topics))
        return cell, resources

    def rubric_outputs(self, outputs, verdict, max_points):
        """A rubric cell's outputs: the rubric's points as the cell's result, the visible part's failure as a note.

        The verdict's share of its own maximum is the share of the cell's points it earns: a rubric is written
        for its cell's points (the same figure), and a check graded all or nothing says 1 of 1 when it passes.
        """
        verdict_max = float(verdict.get("max_points") or 0)
        points = float(verdict.get("points") or 0) / verdict_max * max_points if verdict_max > 0 else 0.0
        decided_elsewhere = any(o.get("output_type") == "error" and o.get("ename") in GRADER_ERRORS or
                                o.get("output_type") == "stream" and o.get("name") == "stderr" for o in outputs)
        if points <= 0 or decided_elsewhere:
            return outputs  # the hidden part failed the cell, or the grader did: nbgrader's own rule gives 0
        kept = []
        for output in outputs:
            if output.get("output_type") == "error":
                kept.append(note(f"The visible check in this cell failed as well ({output.get('ename')}: "
                                 f"{output.get('evalue')}); the points above come from the hidden checks."))
            else:
                kept.append(output)
        if not self.partial_credit and points < max_points:
            kept.append(note(f"This course grades each test cell all or nothing: {points:g} of {max_points:g} "
                             "earns 0 here."))
            points = 0.0
        kept.append(new_output("execute_result", data={"text/plain": repr(float(min(points, max_points)))},
                               execution_count=None))
        return kept

    def final_verdict(self, cell, grade_id, verdict, forged, topics):
        """The verdict with the points nbgrader will record for the cell, as one display_data output."""
        function = (verdict or {}).get("function") or topic_of(grade_id, topics) or grade_id
        points, max_points = utils.determine_grade(cell, self.log)
        final = dict(verdict or {"cell": grade_id, "function": function, "deductions": [], "integrity": []})
        final.update(cell=grade_id, points=points, max_points=max_points)
        final["integrity"] = list(final.get("integrity", [])) + [f.as_record() for f in forged]
        lost = max_points - points - sum(d.get("points", 0) for d in final.get("deductions", []))
        if lost > 1e-9 and not final["integrity"]:
            final["deductions"] = list(final.get("deductions", [])) + [self.visible_deduction(cell, function, lost, verdict)]
        return new_output("display_data", data={VERDICT_MIME: final}, metadata={})

    @staticmethod
    def visible_deduction(cell, function, lost, verdict):
        """Points the visible part, a crash, or the course's all-or-nothing rule took, as a deduction."""
        error = next((o for o in cell.outputs if o.get("output_type") == "error"), None)
        stderr = next((o for o in cell.outputs if o.get("output_type") == "stream" and o.get("name") == "stderr"), None)
        if verdict is not None and verdict.get("cause"):  # a check without a rubric says why it failed
            return {"id": verdict["cause"], "points": lost, "message": error.get("evalue", "") if error else ""}
        if verdict is None:
            cause, message = "not_run", "the hidden checks did not finish in this cell" + (
                f" ({error.get('ename')}: {error.get('evalue')})" if error else "")
        elif error is not None and error.get("ename") == "NotImplementedError":
            cause, message = "not_implemented", f"{function} is not implemented yet"
        elif error is not None:
            cause, message = "visible_check", f"{error.get('ename')}: {error.get('evalue')}"
        elif stderr is not None:
            cause, message = "stderr", "the cell wrote to stderr, which costs a test cell its points"
        else:
            cause, message = "all_or_nothing", "this course grades each test cell all or nothing"
        return {"id": f"{function}.{cause}", "points": lost, "message": message}


@functools.lru_cache
def assignment_topics(assignment):
    """The assignment's topics; none for an assignment the kit has no checks for (its cells keep their ids).

    Asked for every test cell; the answer never changes while nbgrader runs."""
    try:
        return topics(assignment)
    except KeyError:
        return ()


def partial_credit_setting(course_root):
    """`c.GradeFromVerdicts.partial_credit` as the course's nbgrader_config.py sets it (True when unset)."""
    from traitlets.config.loader import PyFileConfigLoader

    config = PyFileConfigLoader("nbgrader_config.py", path=str(course_root)).load_config()
    return bool(config.GradeFromVerdicts.get("partial_credit", True))


def course_points(points, max_points, partial_credit):
    """The points a rubric cell records: as earned, or all or nothing."""
    return points if partial_credit or points >= max_points else 0
