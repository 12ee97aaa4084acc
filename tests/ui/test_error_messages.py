"""Errors a clerk may read are UserFacingError subclasses (Chinese + English), and the interface shows
them by that type alone (ui.i18n.error_text) — the store's StaleWrite, the status machine's
IllegalTransition and the catalogue's CatalogueError included; nothing is trusted by attribute names."""

from __future__ import annotations

import pytest
from pytestqt.qtbot import QtBot

from counter_app.domain.catalogue import CatalogueError, ScopeCatalogue
from counter_app.domain.status import CaseStatus, IllegalTransition, Role, check_transition
from counter_app.errors import UserFacingError
from counter_app.store.repository import CaseSummary, StaleWrite
from ui.case_list import CaseListPanel
from ui.i18n import error_text
from ui.tasks import SyncTaskRunner


def test_core_errors_with_chinese_messages_are_user_facing(language: str) -> None:
    stale = StaleWrite("case-1", 3, 4)
    assert isinstance(stale, UserFacingError) and "别处被修改" in stale.message("zh")
    assert "row_version 3" in str(stale)  # the log says which versions clashed
    with pytest.raises(IllegalTransition) as illegal:
        check_transition(CaseStatus.RETURNED, CaseStatus.PRE_REVIEWED, Role.CLERK)
    assert isinstance(illegal.value, UserFacingError)
    assert illegal.value.message_en == "A case cannot go from Returned for correction to Pre-reviewed"
    assert error_text(illegal.value) == "案件不能从“退回补正”变为“已初审”"
    with pytest.raises(CatalogueError) as bad:
        ScopeCatalogue.from_dict({"items": [{"id": "x"}]})
    assert isinstance(bad.value, UserFacingError) and isinstance(bad.value, ValueError)
    assert error_text(bad.value).startswith("经营范围目录文件有误")


def test_an_object_merely_carrying_message_attributes_is_not_shown_as_such(language: str) -> None:
    class LooksLikeOne(Exception):
        message_zh = "不应显示"
        message_en = "must not show"

    assert "不应显示" not in error_text(LooksLikeOne())
    assert "LooksLikeOne" in error_text(LooksLikeOne())


class _FailingService:
    def __init__(self, exc: Exception) -> None:
        self.exc = exc

    def list_cases(self, query: str = "", status: CaseStatus | None = None) -> list[CaseSummary]:
        raise self.exc


@pytest.mark.parametrize("exc", [StaleWrite("case-1", 1, 2), RuntimeError("boom")])
def test_the_case_list_reports_a_failed_load_in_chinese(qtbot: QtBot, language: str, exc: Exception) -> None:
    panel = CaseListPanel(_FailingService(exc), SyncTaskRunner())  # type: ignore[arg-type]
    qtbot.addWidget(panel)
    with qtbot.waitSignal(panel.load_failed) as failed:
        panel.refresh()
    if isinstance(exc, StaleWrite):
        assert failed.args == ["该案件已在别处被修改，请重新打开后再编辑"]
    else:
        assert failed.args == ["案件列表加载失败（RuntimeError）"]
