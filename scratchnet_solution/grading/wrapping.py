"""Messages cut into lines a reader never scrolls sideways for; words are never split.

- `fill`: for an 80-column terminal, whatever the real one is. Rich wraps at the terminal's width and
  breaks a long path mid-word; a command broken across lines runs half of it when pasted, so a path or a
  `command in backticks` stays on one line.
- `fitted` and `wrapped`: the grader's messages in notebooks and feedback, lines of at most 100 characters.
"""
import re
import textwrap

WIDTH = 80
NO_BREAK = "\0"  # stands for a space textwrap must not break at


def fill(text, first="", rest="", width=WIDTH):
    """`text` in lines of at most `width` columns where words allow; `first` and `rest` start the lines."""
    unbroken = re.sub(r"`[^`]*`", lambda match: match.group().replace(" ", NO_BREAK), text)
    lines = textwrap.fill(unbroken, width, initial_indent=first, subsequent_indent=rest,
                          break_long_words=False, break_on_hyphens=False)
    return lines.replace(NO_BREAK, " ")


FEEDBACK_WIDTH = 100


def fitted(message, width=FEEDBACK_WIDTH, first_line_room=0):
    """The message as a list of lines of at most `width` characters (words kept whole, paragraphs kept).

    first_line_room: characters something else puts before the first line (e.g. "AssertionError: ").
    """
    lines = []
    for paragraph in message.split("\n"):
        indent = " " * (first_line_room if not lines else 0)
        lines += [line.removeprefix(indent) for line in textwrap.wrap(
            paragraph, width, initial_indent=indent, break_long_words=False, break_on_hyphens=False)] or [""]
    return lines


def wrapped(message, width=FEEDBACK_WIDTH, first_line_room=len("AssertionError: ")):
    """The message as one string in lines of at most `width` characters; the first line leaves room for the
    "AssertionError: " the notebook and the feedback put in front of it."""
    return "\n".join(fitted(message, width, first_line_room))
