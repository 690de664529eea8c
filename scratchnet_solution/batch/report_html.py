"""The class report as one self-contained HTML page: plots are inline PNGs, styles are inline, no links out.

The page wraps at any width (no horizontal scrolling): text breaks anywhere it must, tables have a
fixed layout at 100% width, images shrink to the page.
"""
import base64
import io
from html import escape

from scratchnet_solution.batch.class_report import BROKEN_WORDING

# Lists longer than this are folded into a <details> element so the page stays readable.
LONG_LIST = 12

STYLE = """
body { font-family: system-ui, sans-serif; margin: 1rem auto; max-width: 60rem; padding: 0 1rem;
       line-height: 1.4; overflow-wrap: anywhere; word-break: break-word; }
table { border-collapse: collapse; width: 100%; table-layout: fixed; }
th, td { border-bottom: 1px solid #ddd; padding: 0.25rem 0.4rem; text-align: left; vertical-align: top; }
td.number, th.number { text-align: right; width: 6rem; }
img { max-width: 100%; height: auto; }
code { white-space: pre-wrap; }
.none { color: #666; }
"""


def png_data_uri(figure):
    buffer = io.BytesIO()
    figure.savefig(buffer, format="png", dpi=100, bbox_inches="tight")
    return "data:image/png;base64," + base64.b64encode(buffer.getvalue()).decode("ascii")


def score_plot(summary):
    from matplotlib.figure import Figure  # no pyplot: no global state, no display needed
    from matplotlib.ticker import MaxNLocator

    figure = Figure(figsize=(7, 2.8))
    axes = figure.add_subplot()
    bins = summary.histogram()
    axes.bar([f"{low}-{high}" if high < 100 else f"{low}-100" for low, high, _ in bins],
             [count for _, _, count in bins], color="#4c72b0")
    axes.set_xlabel("score, % of full marks")
    axes.set_ylabel("students")
    axes.yaxis.set_major_locator(MaxNLocator(integer=True))  # students come whole
    axes.tick_params(axis="x", labelsize=8)
    return png_data_uri(figure)


def topic_plot(summary):
    from matplotlib.figure import Figure

    figure = Figure(figsize=(7, 2.8))
    axes = figure.add_subplot()
    total = len(summary.students) or 1
    axes.barh([t.topic for t in summary.topics][::-1], [100 * t.passed / total for t in summary.topics][::-1],
              color="#55a868")
    axes.set_xlim(0, 100)
    axes.set_xlabel("% of students with full marks")
    return png_data_uri(figure)


def student_list(students):
    names = ", ".join(escape(student) for student in students)
    if len(students) <= LONG_LIST:
        return names
    return f"<details><summary>{len(students)} students</summary>{names}</details>"


def table(headers, rows, numeric=()):
    head = "".join(f'<th class="number">{escape(h)}</th>' if i in numeric else f"<th>{escape(h)}</th>"
                   for i, h in enumerate(headers))
    body = "".join("<tr>" + "".join(f'<td class="number">{cell}</td>' if i in numeric else f"<td>{cell}</td>"
                                    for i, cell in enumerate(row)) + "</tr>" for row in rows)
    return f"<table><thead><tr>{head}</tr></thead><tbody>{body}</tbody></table>"


def section(title, content, empty="None."):
    return f"<h2>{escape(title)}</h2>" + (content or f'<p class="none">{escape(empty)}</p>')


def render(summary):
    """The whole page as a string."""
    count, graded = len(summary.students), len(summary.graded)
    scores = sorted(record.score for record in summary.students.values())
    median = scores[len(scores) // 2] if scores else 0
    parts = [f"<h1>{escape(summary.assignment)}: class report</h1>",
             f"<p>{count} students, {graded} graded; full marks {summary.max_score:g}; median score {median:g}; "
             f"{len(summary.follow_up)} to follow up.</p>"]
    if count:
        parts.append(section("Score distribution", f'<img alt="score distribution" src="{score_plot(summary)}">'))
        rows = [(escape(t.topic), f"{t.passed} of {count} ({100 * t.passed / count:.0f}%)",
                 f"{t.mean_points:.1f} of {t.max_points:g}") for t in summary.topics]
        parts.append(section("Per function", f'<img alt="pass rate per function" src="{topic_plot(summary)}">'
                             + table(("function", "full marks", "mean points"), rows, numeric=(1, 2))))
    causes = [(f"<code>{escape(c.id)}</code><br>{escape(c.message)}", str(c.count), student_list(c.students))
              for c in summary.causes]
    parts.append(section("Most common mistakes, by cause",
                         causes and table(("cause", "students", "who"), causes, numeric=(1,)),
                         "No verdict names a cause (no test cell failed, or the notebooks carry no verdicts)."))
    integrity = [(f"<code>{escape(c.id)}</code><br>{escape(c.message)}", str(c.count), student_list(c.students))
                 for c in summary.integrity]
    parts.append(section("Integrity findings", integrity and table(("finding", "students", "who"), integrity, numeric=(1,))))
    sandbox = [(escape(student), "<br>".join(escape(f"{e.get('kind')}: {e.get('target')}"
                                                   + (f" (in {e['cell']})" if e.get("cell") else "")) for e in events))
               for student, events in sorted(summary.sandbox.items())]
    parts.append(section("Blocked sandbox attempts", sandbox and table(("student", "what was blocked"), sandbox)))
    broken = [(escape(student), "<br>".join(escape(BROKEN_WORDING.get(e["kind"], e["kind"])
                                                  + (f" in {e['cell']}" if e.get("cell") else "")
                                                  + (f": {e['detail']}" if e.get("detail") else "")) for e in events))
              for student, events in sorted(summary.broken.items())]
    parts.append(section("Notebooks that broke", broken and table(("student", "what happened"), broken)))
    follow = [(escape(student), escape(f"{summary.students[student].score:g}"), escape("; ".join(reasons)))
              for student, reasons in sorted(summary.follow_up.items())]
    parts.append(section("Students to follow up", follow and table(("student", "score", "why"), follow, numeric=(1,))))
    return ("<!DOCTYPE html>\n<html lang=\"en\"><head><meta charset=\"utf-8\">"
            "<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">"
            f"<title>{escape(summary.assignment)}: class report</title><style>{STYLE}</style></head>"
            f"<body>{''.join(parts)}</body></html>\n")
