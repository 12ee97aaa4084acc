from __future__ import annotations

from pathlib import Path

import pytest

from counter_app.resource_paths import ENV_VAR, resource_path, resources_root


def test_default_is_the_repository_resources_folder(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv(ENV_VAR, raising=False)
    root = resources_root()
    assert root.name == "resources" and (root.parent / "counter_app").is_dir()
    assert resource_path("catalogue", "business_scope.json").is_file()
    assert resource_path("catalogue", "regions.json").is_file()
    assert resource_path("catalogue", "name_rules.json").is_file()


def test_environment_override(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    monkeypatch.setenv(ENV_VAR, str(tmp_path))
    assert resources_root() == tmp_path.resolve()
    assert resource_path("fonts", "x.ttf") == tmp_path.resolve() / "fonts" / "x.ttf"
    monkeypatch.setenv(ENV_VAR, "  ")
    assert resources_root().name == "resources"
