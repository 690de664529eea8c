"""Who else on the machine can read the course folder: solutions, hidden checks, grades, submissions.

On a shared server with default permissions (0755 homes, umask 022) every user can read a clone of
the kit. What must stay private is listed in PRIVATE_ITEMS; release/ is left alone because it is
what students get (nbgrader's exchange copies it with permissions of its own).

"Other users" are everyone through the "other" permission bits, plus the members of the file's
group when that group is shared with someone besides the owner (Debian and Ubuntu give every user a
private group, so group bits there reach nobody). The check starts at the course folder, whatever
the folders above it allow: a private home today may be opened tomorrow, and the course folder is
the part the kit controls. Only mode bits are read, never access(), so the answer is the same for
root and for an ordinary user.
"""
import functools
import grp
import os
import pwd
import shlex
import stat
from pathlib import Path

# Course folder entry -> what other users would get from it.
PRIVATE_ITEMS = {
    "source": "the solutions",
    "scratchnet_solution": "the reference and hidden checks",
    "tests": "the corpus, with correct solutions",
    ".git": "the history, solutions included",
    "gradebook.db": "everyone's scores",
    "grades.csv": "everyone's scores",
    "autograde.log": "grading logs",
    "submitted": "every submission",
    "autograded": "graded notebooks",
    "feedback": "everyone's feedback",
}
# nbgrader creates these later with the umask's modes; the fix creates them private beforehand.
GRADING_FOLDERS = ("submitted", "autograded", "feedback")
OUTSIDERS = stat.S_IRWXG | stat.S_IRWXO


@functools.lru_cache(maxsize=None)
def group_is_shared(gid, owner_uid):
    """Whether the group has members besides the owner (an unknown group counts as shared)."""
    try:
        group = grp.getgrgid(gid)
        owner = pwd.getpwuid(owner_uid).pw_name
    except KeyError:
        return True
    members = set(group.gr_mem) | {user.pw_name for user in pwd.getpwall() if user.pw_gid == gid}
    return bool(members - {owner})


def outsider_bits(status):
    """The permission bits that apply to other users: "other", and "group" when the group is shared."""
    bits = status.st_mode & stat.S_IRWXO
    if group_is_shared(status.st_gid, status.st_uid):
        bits |= (status.st_mode & stat.S_IRWXG) >> 3
    return bits


def first_readable(path, status):
    """The first thing at or under `path` (reachable by other users) that they can read, or None."""
    bits = outsider_bits(status)
    if bits & stat.S_IROTH:  # a readable file, or a folder whose listing names what is inside
        return path
    if not stat.S_ISDIR(status.st_mode) or not bits & stat.S_IXOTH:
        return None
    try:
        children = sorted(os.scandir(path), key=lambda entry: entry.name)
    except OSError:
        return None
    for child in children:
        if child.is_symlink():
            continue  # a link's own mode means nothing; where it points is checked where it lives
        found = first_readable(Path(child.path), child.stat(follow_symlinks=False))
        if found is not None:
            return found
    return None


def exposed_items(root):
    """{private item: the first path under it other users can read}, empty when the folder is private."""
    root = Path(root)
    if not outsider_bits(root.stat()) & stat.S_IXOTH:
        return {}  # nobody else can enter the course folder, so nothing in it is reachable
    exposed = {}
    for name in PRIVATE_ITEMS:
        path = root / name
        if path.exists():
            found = first_readable(path, path.stat())
            if found is not None:
                exposed[name] = found
    return exposed


def missing_grading_folders(root):
    """Grading folders nbgrader would create readable by others, because other users can enter the course."""
    root = Path(root)
    if not outsider_bits(root.stat()) & stat.S_IXOTH:
        return []
    return [name for name in GRADING_FOLDERS if not (root / name).exists()]


def mode_text(path):
    return stat.filemode(path.lstat().st_mode)


def problem(root):
    """None when other users can read nothing private, now or once grading creates its folders, else why."""
    root = Path(root)
    exposed = exposed_items(root)
    missing = missing_grading_folders(root)
    if not exposed and not missing:
        return None
    if not exposed:
        return (f"other users can enter the course folder, and nbgrader would create "
                f"{', '.join(name + '/' for name in missing)} readable by them")
    items = ", ".join(f"{name}{'/' if (root / name).is_dir() else ''} ({PRIVATE_ITEMS[name]})" for name in exposed)
    example = next(iter(exposed.values()))
    shown = example.relative_to(root).as_posix() + ("/" if example.is_dir() else "")
    return f"other users on this machine can read {items}; for example {shown} is {mode_text(example)}"


def fix_command(root):
    """The shell command, run in the course folder, that does what `make_private` does."""
    root = Path(root)
    commands = []
    exposed = list(exposed_items(root))
    if exposed:
        commands.append("chmod -R go-rwx " + " ".join(shlex.quote(name) for name in exposed))
    missing = missing_grading_folders(root)
    if missing:
        commands.append("mkdir -m 700 " + " ".join(missing))
    return " && ".join(commands)


def warning(root):
    """The paragraph `scratchnet autograde` prints when other users can read private parts, else None."""
    found = problem(root)
    if found is None:
        return None
    return (f"WARNING: {found}. Make the course folder private with `scratchnet doctor --fix`, "
            f"or in it: `{fix_command(root)}`")


def make_private(root):
    """Take every permission of other users off the exposed items, and create missing grading folders private.

    Only permission bits change; no file is moved, rewritten or removed. Returns (the items closed,
    the folders created).
    """
    root = Path(root)
    closed = list(exposed_items(root))
    for name in closed:
        close_tree(root / name)
    created = missing_grading_folders(root)
    for name in created:
        (root / name).mkdir(mode=0o700)
    return closed, created


def close_tree(top):
    """chmod -R go-rwx, never following symbolic links (their targets are not ours to change)."""
    close(top)
    if top.is_dir() and not top.is_symlink():
        for folder, dirs, files in os.walk(top):
            for name in dirs + files:
                path = Path(folder) / name
                if not path.is_symlink():
                    close(path)


def close(path):
    mode = path.stat().st_mode
    if mode & OUTSIDERS:
        path.chmod(stat.S_IMODE(mode) & ~OUTSIDERS)
