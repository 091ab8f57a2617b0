"""Writing a file whole or not at all.

A file written in place is truncated first: a full disk, a crash or a kill halfway leaves a
short or empty file where the old one was. `write_atomic` writes a new temporary file in the
same folder (created exclusively, never through a symbolic link), flushes it to the disk and
only then renames it over the target, which the file system does in one step. On failure the
temporary file is removed and the target is left as it was."""

import os
import secrets
from pathlib import Path

_NEW = os.O_WRONLY | os.O_CREAT | os.O_EXCL | getattr(os, "O_NOFOLLOW", 0) | os.O_CLOEXEC


def write_atomic(path: str | os.PathLike, data: bytes, mode: int = 0o666) -> None:
    """Replace `path` with `data` in one step (`mode` before the umask, as `open` does).

    Raises:
        OSError: the folder is missing or not writable, the disk is full...; `path` is then
            unchanged and no temporary file is left behind.
    """
    path = Path(path)
    while True:
        tmp = path.with_name(f".{path.name}.{secrets.token_hex(4)}.tmp")
        try:
            fd = os.open(tmp, _NEW, mode)
            break
        except FileExistsError:  # another writer's temporary name: draw another
            continue
    try:
        with os.fdopen(fd, "wb") as f:
            f.write(data)
            f.flush()
            os.fsync(f.fileno())
        os.replace(tmp, path)
    except BaseException:
        tmp.unlink(missing_ok=True)
        raise
