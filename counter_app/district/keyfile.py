"""The district's data key: 32 random bytes in an owner-only file shared by every server process.

In production the file sits on the server's protected disk (or a mounted secret); losing it makes stored
case data and images unreadable, so back it up with the database. Two processes starting together must
end up with the same key: the file is written completely under a temporary name and published with
link(), which fails if another process published first.
"""

from __future__ import annotations

import contextlib
import os
import tempfile
from pathlib import Path

from counter_app.errors import UserFacingError
from counter_app.security.crypto import KEY_BYTES


class KeyFileError(UserFacingError):
    pass


def load_or_create_key(path: Path) -> bytes:
    path = Path(path)
    if not path.exists():
        path.parent.mkdir(mode=0o700, parents=True, exist_ok=True)
        fd, tmp = tempfile.mkstemp(dir=path.parent, prefix=".key-")  # 0600
        try:
            with os.fdopen(fd, "wb") as fh:
                fh.write(os.urandom(KEY_BYTES))
                fh.flush()
                os.fsync(fh.fileno())
            with contextlib.suppress(FileExistsError):
                os.link(tmp, path)
        finally:
            os.unlink(tmp)
    try:
        key = path.read_bytes()
    except OSError as exc:
        raise KeyFileError(f"无法读取区县服务数据密钥文件 {path}", f"Cannot read the data key file {path}: "
                           f"{exc.strerror}") from exc
    if len(key) != KEY_BYTES:
        raise KeyFileError(f"区县服务数据密钥文件 {path} 已损坏", f"The data key file {path} is damaged "
                           f"({len(key)} bytes, expected {KEY_BYTES})")
    return key
