"""Messages wrapped for an 80-column terminal, whatever the real one is, without breaking what is copied.

Rich wraps at the terminal's width and breaks a long path mid-word; a command broken across lines
runs half of it when pasted. Here a path or a `command in backticks` always stays on one line.
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
