"""Where the app keeps its data and settings, and the settings themselves.

Data and settings live in platformdirs locations (per user) unless `--data-dir` overrides them, which
development and every test do. Settings are a small JSON file beside the database so a clerk's machine
can be reconfigured by replacing one file.
"""

from __future__ import annotations

import enum
import json
import os
from dataclasses import asdict, dataclass, field
from pathlib import Path
from typing import Any

import platformdirs

APP_NAME = "counter-app"
APP_AUTHOR = "township-counter"
SETTINGS_FILE = "settings.json"


class Mode(enum.StrEnum):
    DEMO = "demo"  # embedded SQLite district service, demo accounts, simulated camera
    PRODUCTION = "production"  # a real district service; refuses to run without an OS keyring


@dataclass
class Settings:
    mode: Mode = Mode.DEMO
    language: str = "zh_CN"  # "zh_CN" or "en"
    district_url: str = ""  # empty in demo mode: the embedded service is used
    township_code: str = "510411001"  # the counter's township (demo: 攀枝花市仁和区仁和镇)
    township_name: str = "仁和镇"
    district_name: str = "攀枝花市仁和区"
    counter_name: str = "1号窗口"
    # Two counters of one township number their cases independently: the code keeps the numbers apart.
    counter_code: str = "01"
    counter_phone: str = "0812-2900000"
    committed_days: int = 3  # 承诺时限 in working days (local, never above the legal 3)
    allow_name_suffix: bool = False  # the local trailing "（个体工商户）" in business names
    default_province: str = "四川省"
    default_city: str = "攀枝花市"
    default_county: str = "仁和区"
    extra: dict[str, Any] = field(default_factory=dict)

    @classmethod
    def load(cls, path: Path) -> Settings:
        if not path.exists():
            return cls()
        raw = json.loads(path.read_text(encoding="utf-8"))
        known = {k: v for k, v in raw.items() if k in cls.__dataclass_fields__}
        settings = cls(**known)
        settings.mode = Mode(settings.mode)
        return settings

    def save(self, path: Path) -> None:
        path.parent.mkdir(parents=True, exist_ok=True)
        tmp = path.with_suffix(".tmp")
        tmp.write_text(json.dumps(asdict(self), ensure_ascii=False, indent=2), encoding="utf-8")
        os.replace(tmp, path)


def default_data_dir() -> Path:
    """The per-user data folder (e.g. ~/.local/share/counter-app on Linux,
    %LOCALAPPDATA%\\township-counter\\counter-app on Windows)."""
    return Path(platformdirs.user_data_dir(APP_NAME, APP_AUTHOR))


def resolve_data_dir(override: str | os.PathLike[str] | None) -> Path:
    if override:
        return Path(override).expanduser().resolve()
    env = os.environ.get("COUNTER_APP_DATA_DIR")
    return Path(env).expanduser().resolve() if env else default_data_dir()
