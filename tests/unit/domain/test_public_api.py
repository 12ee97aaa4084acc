from __future__ import annotations

import subprocess
import sys

import pytest

import counter_app.domain as domain


def test_every_exported_name_resolves() -> None:
    for name in domain.__all__:
        assert getattr(domain, name) is not None, name


def test_unknown_attribute_raises() -> None:
    with pytest.raises(AttributeError, match="does_not_exist"):
        getattr(domain, "does_not_exist")  # noqa: B009


def test_importing_the_package_is_light() -> None:
    # python-stdnum pulls in ssl and pydoc, pypinyin loads large dictionaries: neither on plain import.
    code = ("import sys, counter_app.domain; "
            "print(any(m.split('.')[0] in ('stdnum', 'pypinyin', 'chinese_calendar', 'PySide6') "
            "for m in sys.modules))")
    result = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert result.stdout.strip() == "False"


def test_validation_does_not_load_pypinyin_or_qt() -> None:
    code = ("import sys, datetime; from counter_app.domain import validate_application, Application; "
            "validate_application(Application(), today=datetime.date(2026, 3, 2)); "
            "print(sorted({m.split('.')[0] for m in sys.modules} & {'pypinyin', 'PySide6', 'shiboken6'}))")
    result = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert result.stdout.strip() == "[]"
