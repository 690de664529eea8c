"""Corpus tooling: realistic submissions (entries), building submission notebooks from them, grading them in
process or through real nbgrader, and the corpus report. It reads a corpus folder it is given (the kit's own
are in tests/); the demo and benchmarks build their classes with it."""
