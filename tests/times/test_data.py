"""The language data of hadath.times: provenance, validation, and no drift from the code.

Every row of every data file is read back through the grammar: the row's form is put
in a sentence and must come out with the value the row says. A row that the grammar
cannot use, a kind the code does not know, or a kind with no probe here fails — so
the data files and the code cannot drift apart (the idea of dateparser's
``test_dateparser_data_integrity.py``).
"""

from __future__ import annotations

import shutil
from collections.abc import Iterator
from datetime import date, timedelta
from fractions import Fraction
from pathlib import Path
from typing import NamedTuple

import pytest

from hadath import resources
from hadath.errors import DataFileError
from hadath.resources import data_path, iter_tsv
from hadath.text.normalize import normalize_str
from hadath.times import extract_times
from hadath.times.hijri import hijri_year_span, to_gregorian
from hadath.times.lexicon import DIR, FILES, lexicon

ANCHOR = date(2024, 6, 12)  # a Wednesday
PUB = ANCHOR.isoformat()
TIMES_DIR = data_path(f"{DIR}/months.tsv").parent


class Probe(NamedTuple):
    sentence: str
    text: str | None  # the expression that must be found; None: nothing may be found
    value: str | None


def _rows(name: str) -> Iterator[tuple[int, tuple[str, ...]]]:
    yield from iter_tsv(f"{DIR}/{name}", FILES[name])


def _duration(n: int | Fraction, unit: str) -> str:
    if unit in ("DE", "CE"):
        return f"P{n * (10 if unit == 'DE' else 100)}Y"
    if unit in ("H", "MIN", "S"):
        return f"PT{n}{'M' if unit == 'MIN' else unit}"
    return f"P{n}{unit}"


def _weekday_back(day: int) -> str:
    return (ANCHOR - timedelta(days=(ANCHOR.isoweekday() - day) % 7)).isoformat()


def _edges() -> dict[str, str]:
    return {normalize_str(r[0]): r[2] for _, r in _rows("relative.tsv") if r[1] == "edge"}


_PM_AT_THREE = {"MO": 3, "DAWN": 3, "MI": 15, "AF": 15, "EV": 15, "NI": 3}
_HIJRI_SPAN = hijri_year_span(1436)


def _probes(name: str, row: tuple[str, ...]) -> list[Probe]:
    if name == "months.tsv":
        month, _, form = row
        return [Probe(f"في 13 {form} 2024", f"13 {form} 2024", f"2024-{int(month):02d}-13")]
    if name == "hijri_months.tsv":
        month, form = row
        hijri = to_gregorian(1445, int(month), 15)
        assert hijri is not None
        return [Probe(f"في 15 {form} 1445 هـ", f"15 {form} 1445 هـ", hijri.isoformat())]
    if name == "weekdays.tsv":
        day, form = row
        return [Probe(f"قال الوزير {form} إن", form, _weekday_back(int(day)))]
    if name == "parts_of_day.tsv":
        form, part, use = row
        out = []
        if use in ("before", "both"):
            out.append(Probe(f"وصل الوزير {form} الخميس إلى", f"{form} الخميس",
                             _weekday_back(4)))
        if use in ("after", "both"):
            out.append(Probe(f"الساعة الثالثة {form}", f"الساعة الثالثة {form}",
                             f"{PUB}T{_PM_AT_THREE[part]:02d}:00"))
        return out
    if name == "numbers.tsv":
        form, kind, value = row
        if kind == "card":
            return [Probe(f"استمر {form} أيام", f"{form} أيام", f"P{value}D")]
        if kind == "teen_unit":
            return [Probe(f"استمر {form} عشر يوما", f"{form} عشر يوما", f"P{10 + int(value)}D")]
        if kind in ("teen", "tens"):
            return [Probe(f"استمر {form} يوما", f"{form} يوما", f"P{value}D")]
        if kind in ("hundred", "thousand"):
            return [Probe(f"استمر {form} عام", f"{form} عام", f"P{value}Y")]
        if kind == "ord":
            return [Probe(f"في {form} من يونيو 2024", f"{form} من يونيو 2024",
                          f"2024-06-{int(value):02d}")]
        if kind == "ord_unit":
            return [Probe(f"في {form} عشر من يونيو 2024", f"{form} عشر من يونيو 2024",
                          "2024-06-11")]
        if kind == "frac":
            minutes = Fraction(value) * 60
            return [Probe(f"بعد {form} ساعة", f"{form} ساعة", f"PT{minutes}M")]
        if kind == "decade":
            d = int(value)
            century = 20 if 2000 + d * 10 <= ANCHOR.year else 19
            return [Probe(f"في {form}، قال", form, f"{century}{d}X")]
    if name == "units.tsv":
        form, unit, count = row
        if count == "1":
            return [Probe(f"لمدة {form} فقط", form, _duration(1, unit))]
        if count == "2":
            return [Probe(f"استمر {form} فقط", form, _duration(2, unit))]
        if count == "2c":
            return [Probe(f"خلال {form} من الزمن", form, _duration(2, unit)),
                    Probe(f"وقعت {form} في", None, None)]
        if count == "n":
            return [Probe(f"استمر 5 {form} فقط", f"5 {form}", _duration(5, unit))]
    if name == "clock.tsv":
        form, kind, value = row
        if kind == "noun":
            return [Probe(f"{form} 10:30", f"{form} 10:30", f"{PUB}T10:30")]
        if kind == "minutes":
            n = int(value)
            if n > 0:
                return [Probe(f"الساعة العاشرة و{form}", f"الساعة العاشرة و{form}",
                              f"{PUB}T10:{n:02d}")]
            return [Probe(f"الساعة العاشرة {form}", f"الساعة العاشرة {form}",
                          f"{PUB}T09:{60 + n:02d}")]
        if kind == "zone":
            zone = "Z" if value == "Z" else ""
            return [Probe(f"الساعة 10:30 {form}", f"الساعة 10:30 {form}", f"{PUB}T10:30{zone}")]
    if name == "relative.tsv":
        return _relative_probes(*row)
    raise AssertionError(f"{name}: no probe for {row!r}; add one when adding a kind")


def _relative_probes(form: str, kind: str, value: str) -> list[Probe]:
    if kind == "day":
        return [Probe(f"وصل الوزير {form} إلى", form,
                      (ANCHOR + timedelta(days=int(value))).isoformat())]
    if kind == "day_bound":
        return [Probe(f"وصل صباح {form} إلى", f"صباح {form}",
                      (ANCHOR + timedelta(days=int(value))).isoformat())]
    if kind == "gran":
        last = {"W": "2024-W23", "M": "2024-05", "Y": "2023", "CE": "19XX"}[value]
        return [Probe(f"في {form} الماضي قال", f"{form} الماضي", last)]
    if kind == "mod":
        return [Probe(f"في الشهر {form} قال", f"الشهر {form}", f"2024-{6 + int(value):02d}")]
    if kind == "this":
        return [Probe(f"خلال {form} الأسبوع", f"{form} الأسبوع", "2024-W24")]
    if kind == "edge":
        year = {"end": "2023-12", "start": "2023-01", "mid": "2023"}[value]
        return [Probe(f"في {form} العام الماضي", f"{form} العام الماضي", year)]
    if kind == "ago":
        return [Probe(f"وصل {form} أسبوع إلى", f"{form} أسبوع", "2024-06-05")]
    if kind == "since":
        return [Probe(f"تعمل {form} 9 سنوات", "9 سنوات", "P9Y")]
    if kind == "dur_cue":
        return [Probe(f"وصل {form} يوم من الهجوم", "يوم", "P1D")]
    if kind == "year_cue":
        edge = _edges().get(normalize_str(form))
        if edge is not None:
            year = {"end": "2013-12", "start": "2013-01", "mid": "2013"}[edge]
            return [Probe(f"قال {form} 2013 إن", f"{form} 2013", year)]
        if value == "strong":
            return [Probe(f"{form} 2013 حربا", "2013", "2013")]
        return [Probe(f"قال {form} 2013.", "2013", "2013")]
    if kind == "month_cue":
        spoken = normalize_str(form) in _edges() or normalize_str(form) == normalize_str("شهر")
        return [Probe(f"قال {form} مارس إن", f"{form} مارس" if spoken else "مارس", "2024-03")]
    if kind == "quantity":
        return [Probe(f"بلغ العدد {form} 2000 شخص", None, None)]
    if kind == "age_cue":
        return [Probe(f"الرجل {form} 32 عاما", None, None)]
    if kind == "future":
        return [Probe(f"{form} أن يلتقي الوزير نظيره الخميس", "الخميس", "2024-06-13")]
    if kind == "function":
        return [Probe(f"في 2013 {form} الهند", "2013", "2013")]
    if kind == "day_noun":
        if value == "1":
            return [Probe(f"قال {form} الخميس إن", f"{form} الخميس", _weekday_back(4))]
        return [Probe(f"في {form} 12 و13 يونيو 2024", "13 يونيو 2024", "2024-06-13")]
    if kind == "month_noun":
        return [Probe(f"في {form} مارس الماضي", f"{form} مارس الماضي", "2024-03")]
    if kind == "year_noun":
        if value == "1":
            return [Probe(f"في {form} 2011 قال", f"{form} 2011", "2011")]
        return [Probe(f"بين {form} 1980 و1988", f"{form} 1980 و1988", "1980/1988")]
    if kind == "era":
        if value == "G":
            return [Probe(f"في 2015 {form} قال", f"2015 {form}", "2015")]
        if value == "H":
            assert _HIJRI_SPAN is not None
            span = f"{_HIJRI_SPAN[0].isoformat()}/{_HIJRI_SPAN[1].isoformat()}"
            return [Probe(f"في عام 1436 {form} قال", f"عام 1436 {form}", span)]
        return [Probe(f"في عام 300 {form} قال", None, None)]
    if kind == "every":
        return [Probe(f"يقام {form} عام", f"{form} عام", "P1Y")]
    if kind == "block":
        return [Probe(f"قال {form} إن", None, None)]
    raise AssertionError(f"relative.tsv: no probe for kind {kind!r}; add one")


def _all_probes() -> Iterator[object]:
    for name in FILES:
        for line, row in _rows(name):
            for k, probe in enumerate(_probes(name, row)):
                yield pytest.param(probe, id=f"{name}:{line}:{k}")


@pytest.mark.parametrize("probe", list(_all_probes()))
def test_every_data_row_is_read_by_the_grammar(probe: Probe) -> None:
    found = [(t.text, t.value) for t in extract_times(probe.sentence, PUB).times]
    if probe.text is None:
        assert not found, found
    else:
        assert (probe.text, probe.value) in found, found


# -- provenance and layout ------------------------------------------------------------

@pytest.mark.parametrize("name", sorted(FILES))
def test_every_file_says_schema_source_and_licence(name: str) -> None:
    head = [ln for ln in (TIMES_DIR / name).read_text(encoding="utf-8").splitlines()
            if ln.startswith("#")]
    text = "\n".join(head)
    assert "Source:" in text and "Licence:" in text and "Schema" in text
    assert any(ln.startswith("# columns:") for ln in head)


def test_no_stray_data_files() -> None:
    assert {p.name for p in TIMES_DIR.iterdir()} == set(FILES)


def test_lexicon_is_built_once_and_complete() -> None:
    lex = lexicon()
    assert lex is lexicon()
    kinds = {e.kind for entries in lex.phrases.values() for e in entries}
    assert {"month", "hmonth", "weekday", "part", "card", "ord", "unit", "day", "mod",
            "clock_zone"} <= kinds


# -- validation: a bad file names itself and its line -----------------------------------

@pytest.fixture
def data_copy(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Iterator[Path]:
    """A copy of the packaged data folder in place of it, with empty caches."""
    shutil.copytree(resources.DATA_DIR, tmp_path / "data")
    monkeypatch.setattr(resources, "DATA_DIR", tmp_path / "data")
    lexicon.cache_clear()
    yield tmp_path / "data" / DIR
    lexicon.cache_clear()


def _replace(path: Path, old: str, new: str) -> int:
    text = path.read_text(encoding="utf-8")
    assert old in text
    line = text[:text.index(old)].count("\n") + 1
    path.write_text(text.replace(old, new, 1), encoding="utf-8")
    return line


@pytest.mark.parametrize(("name", "old", "new", "message"), [
    ("months.tsv", "6\tlevantine\tحزيران", "13\tlevantine\tحزيران", "month must be"),
    ("months.tsv", "6\tlevantine\tحزيران", "6\tsyriac\tحزيران", "system must be"),
    ("months.tsv", "4\tegyptian\tأبريل", "4\tegyptian\tابريل\n4\tegyptian\tإبريل",
     "listed twice"),
    ("weekdays.tsv", "4\tالخميس", "4\tخميس", "with its article"),
    ("numbers.tsv", "ثلاثة\tcard\t3", "ثلاثة\tcardinal\t3", "kind must be"),
    ("units.tsv", "يومين\tD\t2", "يومين\tD\ttwo", "count must be"),
    ("relative.tsv", "أمس\tday\t-1", "أمس\tday\tyesterday", "not a valid value"),
    ("relative.tsv", "أمس\tday\t-1", "أمس\tday", "tab-separated fields"),
    ("clock.tsv", "النصف\tminutes\t30", "النصف\tminutes\t90", "not a valid value"),
])
def test_a_bad_row_is_reported_with_file_and_line(
        data_copy: Path, name: str, old: str, new: str, message: str) -> None:
    line = _replace(data_copy / name, old, new)
    with pytest.raises(DataFileError, match=message) as err:
        lexicon()
    assert err.value.input is not None and err.value.input.endswith(name)
    assert err.value.line in (line, line + 1)


def test_a_system_missing_a_month_is_reported(data_copy: Path) -> None:
    _replace(data_copy / "months.tsv", "7\tlevantine\tتموز\n", "")
    with pytest.raises(DataFileError, match=r"levantine: no name for month \[7\]"):
        lexicon()


def test_a_wrong_column_header_is_reported(data_copy: Path) -> None:
    line = _replace(data_copy / "weekdays.tsv", "# columns: weekday\tform",
                    "# columns: day\tform")
    with pytest.raises(DataFileError, match="declared columns") as err:
        lexicon()
    assert err.value.line == line
