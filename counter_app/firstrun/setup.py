"""Registering the counter PC with the district and saving what the wizard chose."""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from counter_app.capture.sources import CAMERA_INDEX_SETTING, CAMERA_SIZE_SETTING
from counter_app.config import SETTINGS_FILE, Mode, Settings
from counter_app.firstrun.health import normalise_url
from counter_app.sync.client import DistrictClient
from counter_app.sync.credentials import SessionKeeper, token_store_for

PRINTER_SETTING = "printer"  # Settings.extra: the printer's name; "" = save documents as PDF


def register_counter(data_dir: Path, url: str, *, ca_file: str | None, township_code: str, counter_name: str,
                     registration_code: str) -> str:
    """Register this PC with the administrator's one-time code; the device token goes into this data
    folder's keyring entry. Returns the device id. Raises the sync errors (with the server's message)."""
    client = DistrictClient(normalise_url(url), verify=ca_file or True)
    try:
        keeper = SessionKeeper(client, token_store_for(data_dir, demo_mode=False),
                               township_code=township_code, counter_name=counter_name)
        return keeper.register(registration_code.strip())
    finally:
        client.close()


@dataclass
class FirstRunChoices:
    mode: Mode = Mode.DEMO
    district_url: str = ""
    ca_file: str = ""
    township_code: str = ""
    township_name: str = ""
    counter_name: str = ""
    counter_code: str = "01"
    camera_index: int | None = None
    camera_resolution: tuple[int, int] = (1280, 720)
    printer: str = ""
    restore_from_backup: bool = False  # a replaced PC: the settings come from the backup
    extra: dict[str, Any] = field(default_factory=dict)

    def machine_extras(self) -> dict[str, Any]:
        """What belongs to this PC rather than to the counter's data: camera and printer."""
        extras: dict[str, Any] = {CAMERA_SIZE_SETTING: list(self.camera_resolution),
                                  PRINTER_SETTING: self.printer}
        if self.camera_index is not None:
            extras[CAMERA_INDEX_SETTING] = self.camera_index
        return extras

    def to_settings(self) -> Settings:
        settings = Settings()
        if self.mode is Mode.PRODUCTION:
            settings.mode = Mode.PRODUCTION
            settings.district_url = normalise_url(self.district_url)
            settings.township_code = self.township_code
            settings.township_name = self.township_name
            settings.counter_name = self.counter_name
            settings.counter_code = self.counter_code
            if self.ca_file:
                settings.extra["district_ca_file"] = self.ca_file
        settings.extra.update(self.machine_extras())
        settings.extra.update(self.extra)
        return settings


def save_choices(data_dir: Path, choices: FirstRunChoices) -> Settings:
    path = data_dir / SETTINGS_FILE
    if choices.restore_from_backup and path.exists():  # the restored counter's settings, this PC's devices
        settings = Settings.load(path)
        settings.extra.pop(CAMERA_INDEX_SETTING, None)
        settings.extra.update(choices.machine_extras())
    else:
        settings = choices.to_settings()
    settings.save(path)
    return settings


def needs_first_run(data_dir: Path) -> bool:
    return not (data_dir / SETTINGS_FILE).exists()
