"""How long `scratchnet report` takes for a large class.

Builds a synthetic class (scratchnet_solution/corpus/synthetic_class.py: gradebook entries and autograded
notebooks with verdicts, no kernels) in a throwaway copy of the course, then times writing the report
(reading the gradebook and every autograded notebook, the plots, the HTML and the CSV).

    .venv/bin/python benchmarks/report_speed.py --students 1000
"""
import argparse
import statistics
import tempfile
import time
from pathlib import Path

from scratchnet_solution.course.folder import ASSIGNMENT, course_root, new_course
from scratchnet_solution.commands.report import write_report
from scratchnet_solution.corpus.synthetic_class import random_class, write_class


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--students", type=int, default=1000)
    parser.add_argument("--runs", type=int, default=3)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as folder:
        course = new_course(Path(folder) / "course", course_root())
        started = time.monotonic()
        write_class(course, random_class(args.students))
        print(f"Built a synthetic class of {args.students} students in {time.monotonic() - started:.1f} s.")
        times = []
        for _ in range(args.runs):
            started = time.monotonic()
            summary, html, csv = write_report([course], ASSIGNMENT, course / "reports")
            times.append(time.monotonic() - started)
        print(f"scratchnet report, {len(summary.students)} students: "
              + ", ".join(f"{seconds:.2f} s" for seconds in times) + f" (median {statistics.median(times):.2f} s)")
        print(f"  HTML {html.stat().st_size / 1024:.0f} kB, CSV {csv.stat().st_size / 1024:.0f} kB; "
              f"{len(summary.causes)} causes, {len(summary.follow_up)} students to follow up")


if __name__ == "__main__":
    main()
