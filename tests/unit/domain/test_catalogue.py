from __future__ import annotations

import json
from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st

from counter_app.domain.catalogue import CatalogueError, ScopeCatalogue, ScopeKind


@pytest.fixture(scope="module")
def catalogue() -> ScopeCatalogue:
    return ScopeCatalogue.load_default()


def test_bundled_catalogue_shape(catalogue: ScopeCatalogue) -> None:
    assert 40 <= len(catalogue) <= 60
    ids = [item.id for item in catalogue.items]
    assert len(ids) == len(set(ids))
    for item in catalogue.items:
        assert item.name_zh and item.name_en and item.industry
        prefix = "L-" if item.kind is ScopeKind.LICENSED else "G-"
        assert item.id.startswith(prefix)
        assert bool(item.approval_document_zh) == item.is_licensed
        assert bool(item.approval_document_en) == item.is_licensed
    assert ScopeCatalogue.load_default() is catalogue  # cached


def test_get(catalogue: ScopeCatalogue) -> None:
    food = catalogue.get("L-0102")
    assert food is not None and food.name_zh == "餐饮服务" and food.is_licensed
    assert food.approval_document("zh") == "食品经营许可证" and food.name("en") == "Catering services"
    tobacco = catalogue.get("L-0104")
    assert tobacco is not None and tobacco.approval_document_zh == "烟草专卖零售许可证"
    general = catalogue.get("G-0101")
    assert general is not None and general.kind is ScopeKind.GENERAL
    assert catalogue.get("X-9999") is None
    assert "G-0101" in catalogue and "nope" not in catalogue


@pytest.mark.parametrize(("query", "expected"), [
    ("cy", "餐饮服务"), ("CY", "餐饮服务"), ("canyin", "餐饮服务"), ("餐饮", "餐饮服务"),
    ("ypls", "药品零售"),
    ("L-0104", "烟草制品零售"), ("tobacco", "烟草制品零售"), ("五金", "五金产品零售"),
])
def test_search_finds(catalogue: ScopeCatalogue, query: str, expected: str) -> None:
    assert expected in [item.name_zh for item in catalogue.search(query)]


def test_prepare_search_builds_the_index_once(tmp_path: Path) -> None:
    item = {"id": "G-1", "name_zh": "餐饮管理", "name_en": "x", "kind": "general", "industry": "餐饮"}
    fresh = ScopeCatalogue.load(_write(tmp_path, [item]))
    fresh.prepare_search()
    assert [i.id for i in fresh.search("cygl")] == ["G-1"]


def test_search_ranks_exact_and_chinese_matches_first(catalogue: ScopeCatalogue) -> None:
    assert catalogue.search("食品销售")[0].name_zh == "食品销售"
    assert catalogue.search("餐饮")[0].name_zh.startswith("餐饮")
    assert catalogue.search("") == list(catalogue.items)
    assert catalogue.search("zzzzqqq") == []


@given(st.text())
def test_search_never_raises(text: str) -> None:
    results = ScopeCatalogue.load_default().search(text)
    assert len(results) == len({item.id for item in results})


def _write(tmp_path: Path, items: list[dict[str, str]]) -> Path:
    path = tmp_path / "scope.json"
    path.write_text(json.dumps({"version": "t", "items": items}, ensure_ascii=False), encoding="utf-8")
    return path


def test_malformed_catalogues_are_rejected(tmp_path: Path) -> None:
    good = {"id": "G-1", "name_zh": "百货", "name_en": "x", "kind": "general", "industry": "百货"}
    assert len(ScopeCatalogue.load(_write(tmp_path, [good]))) == 1
    with pytest.raises(CatalogueError, match="duplicate"):
        ScopeCatalogue.load(_write(tmp_path, [good, good]))
    licensed = {**good, "id": "L-1", "kind": "licensed"}
    with pytest.raises(CatalogueError, match="approval"):
        ScopeCatalogue.load(_write(tmp_path, [licensed]))
    with pytest.raises(CatalogueError):
        ScopeCatalogue.load(_write(tmp_path, [{**good, "kind": "weird"}]))
    with pytest.raises(CatalogueError):
        ScopeCatalogue.load(_write(tmp_path, [{"id": "G-2"}]))
