"""What can go wrong with a backup or a restore, in words for the clerk."""

from __future__ import annotations

from counter_app.errors import UserFacingError


class BackupError(UserFacingError):
    pass


class BackupDamaged(BackupError):
    """The file fails its authentication or its manifest: damaged, tampered with, cut short, or
    encrypted with another key. Nothing of it is restored."""

    def __init__(self, detail_en: str = "") -> None:
        super().__init__("备份文件已损坏或被篡改（校验失败），已拒绝恢复，本机数据未作任何改动。请换用其他备份文件",
                         "The backup file is damaged or was tampered with (its check failed); the restore "
                         "was refused and nothing was changed. Use another backup file"
                         + (f" ({detail_en})" if detail_en else ""))
        self.detail_en = detail_en


class NotABackup(BackupError):
    def __init__(self) -> None:
        super().__init__("该文件不是本系统的备份文件，或备份格式版本过新，请使用新版本程序恢复",
                         "This file is not a backup of this program, or its format is newer than this "
                         "program understands")


class FolderNotFresh(BackupError):
    def __init__(self, folder: str) -> None:
        super().__init__(f"数据目录 {folder} 中已有案件数据。为避免覆盖，只能恢复到新的空数据目录",
                         f"The data folder {folder} already holds case data. A backup is only restored "
                         "into a new, empty data folder so that nothing is overwritten")


class KeyNotEscrowed(BackupError):
    def __init__(self, reason_zh: str, reason_en: str) -> None:
        super().__init__("备份密钥尚未托管到区级服务，为防止换机后无法恢复，暂不创建备份。"
                         f"请在联网并登录后重试：{reason_zh}",
                         "The backup key is not yet held in escrow by the district service, so no backup "
                         "is made (it could not be restored on a new PC). Connect, sign in and try again: "
                         f"{reason_en}")


class WrongTownship(BackupError):
    def __init__(self, backup_township: str, this_township: str) -> None:
        super().__init__(f"该备份属于乡镇 {backup_township}，本机登记的乡镇是 {this_township}，不能恢复",
                         f"The backup is of township {backup_township}; this computer is registered for "
                         f"{this_township}")
