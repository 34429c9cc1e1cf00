"""The organisation names mined from news text by pattern (hadath.ner.orgs)."""

from __future__ import annotations

import gzip
import json
from pathlib import Path

from hadath.ner.lexicon import LexiconBuilder
from hadath.ner.orgs import mine_org_names, read_org_names, write_org_names


def _corpus(path: Path, texts: list[str]) -> Path:
    with gzip.open(path, "wt", encoding="utf-8") as f:
        for t in texts:
            f.write(json.dumps({"text": t}, ensure_ascii=False) + "\n")
    return path


def test_mines_names_after_head_nouns(tmp_path: Path) -> None:
    texts = ["فاز فريق الرجاء البيضاوي على ضيفه في المباراة ."] * 4
    texts += ["وقالت شركة موتورولا إن أرباحها ارتفعت ."] * 3
    texts += ["ارتفعت أرباح موتورولا ."]
    texts += ["وقال فريق العمل في التقرير ."] * 3
    texts += ["العمل مستمر ، و العمل شاق ، والعمل كثير ."] * 5
    rows = {name: (count, ratio) for name, count, ratio in
            mine_org_names(_corpus(tmp_path / "c.jsonl.gz", texts), min_ratio=0.3)}
    assert rows["الرجاء البيضاوي"] == (4, 1.0)
    assert rows["موتورولا"] == (3, 0.75)
    assert "العمل" not in rows  # follows «فريق» in too small a share of its uses
    assert "موتورولا ان" not in rows  # stops at a function word


def test_lexicon_source(tmp_path: Path) -> None:
    path = tmp_path / "orgs.tsv"
    write_org_names([("موتورولا", 5, 0.9), ("الرجاء البيضاوي", 4, 0.5), ("الاهلي", 9, 0.21),
                     ("رئيس", 9, 0.1)], path)
    assert read_org_names(path)[0] == ("موتورولا", 5, 0.9)
    b = LexiconBuilder()
    b.add_orgs(path)
    lex = b.build()
    assert lex.words["موتورولا"] == "org_mined"
    assert lex.words["الاهلي"] == "org_mined_weak"
    assert "رئيس" not in lex.words
    assert lex.phrases["الرجاء البيضاوي"] == "ORG"


def test_packaged_list() -> None:
    names = {n for n, _, _ in read_org_names()}
    assert len(names) > 500
    assert "فرانس برس" in names


def test_build_lexicon_source(tmp_path: Path) -> None:
    from hadath.ner.lexicon import build_lexicon

    lex = build_lexicon(tmp_path, sources=["orgs"])
    assert lex.phrases["فرانس برس"] == "ORG"
    assert all(c.startswith("org_mined") for c in lex.words.values())
