"""Errors the services raise, each with a message a clerk can read."""

from __future__ import annotations

from counter_app.errors import UserFacingError


class ServiceError(UserFacingError):
    """Base class of the services' own errors."""


class CaseNotFound(ServiceError):
    def __init__(self, case_id: str) -> None:
        super().__init__("找不到该案件，可能已被删除", f"Case {case_id} was not found")


class CaseNotEditable(ServiceError):
    def __init__(self, status_zh: str, status_en: str) -> None:
        super().__init__(f"案件当前状态为“{status_zh}”，不能再修改申请内容",
                         f"The case is {status_en}; its application can no longer be changed")


class ConcurrentEdit(ServiceError):
    def __init__(self) -> None:
        super().__init__("该案件已在别处被修改，请重新打开后再编辑",
                         "The case was changed elsewhere; reopen it before editing")
