"""Errors of the local store that a clerk may see, each with a Chinese message and its English twin."""

from __future__ import annotations

from counter_app.errors import UserFacingError


class StoreError(UserFacingError):
    pass


class DatabaseTooNew(StoreError):
    """The database was migrated by a newer version of the app; this version must not touch it."""

    def __init__(self, revision: str) -> None:
        super().__init__(f"本机数据库由更新版本的程序创建（结构版本 {revision}），请升级本程序后再打开",
                         f"The database was created by a newer version of the app (schema {revision}); "
                         "upgrade the app to open it")


class UnsupportedStorage(StoreError):
    """SQLite cannot give the durability the outbox needs here (e.g. WAL on a network share)."""


class UnknownCase(StoreError, LookupError):
    def __init__(self, case_id: str) -> None:
        super().__init__("找不到该案件", f"Case {case_id} was not found")
        self.case_id = case_id


class WrongDataKey(StoreError):
    """The data key does not open this database (e.g. the keyring entry was lost or replaced)."""

    def __init__(self) -> None:
        super().__init__("数据密钥与本机数据库不匹配，无法读取已保存的案件。请勿继续录入，并联系管理员恢复原密钥",
                         "The data key does not match this database; saved cases cannot be read. Stop "
                         "entering data and contact the administrator to restore the original key")
