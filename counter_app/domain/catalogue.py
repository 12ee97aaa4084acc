"""The business-scope catalogue (经营范围规范表述目录): the form stores item ids, never free text.

The bundled subset lives in resources/catalogue/business_scope.json. Search matches the Chinese name, the
id, and pinyin (full or initials: "cy" finds 餐饮服务) so a clerk can type on any keyboard. pypinyin is
imported on the first search only: it takes a noticeable moment to load its dictionaries.
"""

from __future__ import annotations

import enum
import functools
import json
from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from counter_app.errors import UserFacingError
from counter_app.resource_paths import resource_path


class ScopeKind(enum.StrEnum):
    GENERAL = "general"  # 一般项目
    LICENSED = "licensed"  # 许可项目: needs an approval document at filing


SCOPE_KIND_LABELS: dict[ScopeKind, tuple[str, str]] = {
    ScopeKind.GENERAL: ("一般项目", "General"),
    ScopeKind.LICENSED: ("许可项目", "Licensed"),
}


@dataclass(frozen=True)
class ScopeItem:
    id: str
    name_zh: str
    name_en: str
    kind: ScopeKind
    industry: str  # industry word (GB/T 4754 style), e.g. 餐饮
    approval_document_zh: str = ""  # licensed items only, e.g. 食品经营许可证
    approval_document_en: str = ""

    @property
    def is_licensed(self) -> bool:
        return self.kind is ScopeKind.LICENSED

    def name(self, language: str = "zh") -> str:
        return self.name_en if language.startswith("en") else self.name_zh

    def approval_document(self, language: str = "zh") -> str:
        return self.approval_document_en if language.startswith("en") else self.approval_document_zh


class CatalogueError(UserFacingError, ValueError):
    """The catalogue file is malformed (raised at load time, never during validation)."""

    def __init__(self, problem_zh: str, problem_en: str) -> None:
        super().__init__(f"经营范围目录文件有误：{problem_zh}",
                         f"The scope catalogue is malformed: {problem_en}")


class ScopeCatalogue:
    def __init__(self, items: Iterable[ScopeItem], version: str = "") -> None:
        self._items: tuple[ScopeItem, ...] = tuple(items)
        self._by_id: dict[str, ScopeItem] = {}
        for item in self._items:
            if item.id in self._by_id:
                raise CatalogueError(f"经营范围条目编号 {item.id} 重复", f"duplicate scope item id {item.id}")
            if item.is_licensed and not item.approval_document_zh:
                raise CatalogueError(f"许可类条目 {item.id} 未写明审批文件",
                                     f"licensed scope item {item.id} names no approval document")
            self._by_id[item.id] = item
        self.version = version
        self._search_keys: list[tuple[ScopeItem, str, str]] | None = None

    @classmethod
    def from_dict(cls, data: dict[str, Any]) -> ScopeCatalogue:
        try:
            items = [
                ScopeItem(
                    id=str(raw["id"]), name_zh=str(raw["name_zh"]), name_en=str(raw["name_en"]),
                    kind=ScopeKind(raw["kind"]), industry=str(raw.get("industry", "")),
                    approval_document_zh=str(raw.get("approval_document_zh", "")),
                    approval_document_en=str(raw.get("approval_document_en", "")),
                )
                for raw in data["items"]
            ]
        except (KeyError, TypeError, ValueError) as exc:
            raise CatalogueError(f"格式不正确（{type(exc).__name__}）", f"{exc!r}") from exc
        return cls(items, version=str(data.get("version", "")))

    @classmethod
    def load(cls, path: Path) -> ScopeCatalogue:
        return cls.from_dict(json.loads(path.read_text(encoding="utf-8")))

    @staticmethod
    @functools.cache
    def load_default() -> ScopeCatalogue:
        """The bundled catalogue, loaded once per process."""
        return ScopeCatalogue.load(resource_path("catalogue", "business_scope.json"))

    @property
    def items(self) -> tuple[ScopeItem, ...]:
        return self._items

    def get(self, item_id: str) -> ScopeItem | None:
        return self._by_id.get(item_id)

    def __contains__(self, item_id: object) -> bool:
        return item_id in self._by_id

    def __len__(self) -> int:
        return len(self._items)

    def search(self, text: str) -> list[ScopeItem]:
        """Items matching `text`, best first: Chinese substring, then id, then pinyin initials or full
        pinyin (prefix matches before inner ones). An empty query returns every item."""
        query = "".join(text.split()).lower()
        if not query:
            return list(self._items)
        ranked: list[tuple[int, int, ScopeItem]] = []
        for position, (item, initials, full) in enumerate(self._pinyin_keys()):
            rank = _rank(query, item, initials, full)
            if rank is not None:
                ranked.append((rank, position, item))
        ranked.sort(key=lambda entry: (entry[0], entry[1]))
        return [item for _, _, item in ranked]

    def prepare_search(self) -> None:
        """Build the pinyin index now (~0.3 s on first use: pypinyin's dictionaries). Call it from a
        background task at start-up so the clerk's first search is instant."""
        self._pinyin_keys()

    def _pinyin_keys(self) -> list[tuple[ScopeItem, str, str]]:
        if self._search_keys is None:
            from pypinyin import Style, lazy_pinyin  # slow import: only when someone searches

            self._search_keys = [
                (item,
                 "".join(lazy_pinyin(item.name_zh, style=Style.FIRST_LETTER, errors="ignore")).lower(),
                 "".join(lazy_pinyin(item.name_zh, style=Style.NORMAL, errors="ignore")).lower())
                for item in self._items
            ]
        return self._search_keys


def _rank(query: str, item: ScopeItem, initials: str, full: str) -> int | None:
    if query == item.name_zh:
        return -1
    if query in item.name_zh:
        return 0 if item.name_zh.startswith(query) else 1
    if item.id.lower().startswith(query):
        return 2
    if not query.isascii():
        return None
    if initials.startswith(query) or full.startswith(query):
        return 3
    if query in initials or query in full or query in item.name_en.lower():
        return 4
    return None
