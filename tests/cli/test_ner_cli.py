"""``hadath train ner`` and ``hadath eval ner``, in process, on tiny data."""

from __future__ import annotations

import gzip
import json
from pathlib import Path
from typing import Any

import pytest
from typer.testing import CliRunner

from hadath.cli.main import _register, app
from hadath.ner.corpora import Sentence
from hadath.ner.tagger import CrfModel, load_model

from ..ner.conftest import tiny_corpus

_register()
runner = CliRunner()


def invoke(*args: str) -> Any:
    return runner.invoke(app, list(args))


def write_conll(path: Path, sentences: list[Sentence]) -> Path:
    lines = []
    for tokens, tags in sentences:
        lines += [f"{t} {g.replace('-PER', '-PERS')}" for t, g in zip(tokens, tags, strict=True)]
        lines.append("")
    path.write_text("\n".join(lines), encoding="utf-8")
    return path


@pytest.fixture(scope="module")
def tiny_shared(tmp_path_factory: pytest.TempPathFactory) -> Path:
    shared = tmp_path_factory.mktemp("shared")
    aner = shared / "data" / "ner" / "anercorp"
    aner.mkdir(parents=True)
    write_conll(aner / "ANERCorp_CamelLab_train.txt", tiny_corpus() * 3)
    return shared


@pytest.fixture(scope="module")
def tiny_clusters(tmp_path_factory: pytest.TempPathFactory) -> Path:
    path = tmp_path_factory.mktemp("clusters") / "clusters.tsv.gz"
    with gzip.open(path, "wt", encoding="utf-8") as f:
        f.write("# columns: stem\tclusters\nبغداد\t1 5\nبيروت\t1 5\nمحمد\t2 7\n")
    return path


def train_tiny(shared: Path, clusters: Path, out: Path, *extra: str) -> Any:
    return invoke("train", "ner", "--kind", "crf", "--out", str(out), "--shared", str(shared),
                  "--clusters", str(clusters), "--sources", "", "--iterations", "20", *extra)


@pytest.mark.parametrize("networks", [1, 2])
def test_train_neural(networks: int, tiny_shared: Path, tmp_path: Path) -> None:
    pytest.importorskip("torch")
    import numpy as np

    from hadath.ner.tagger import NeuralModel

    vectors = tmp_path / "vectors.npz"
    np.savez(vectors, vocab=np.array(["بغداد", "بيروت", "محمد"]),
             vecs=np.eye(3, 8, dtype=np.float32))
    res = invoke("train", "ner", "--kind", "nn", "--out", str(tmp_path / "nn.zip"),
                 "--shared", str(tiny_shared), "--vectors", str(vectors), "--sources", "",
                 "--iterations", "2", "--dev", "--silver", "0", "--lm", "none",
                 "--networks", str(networks))
    assert res.exit_code == 0, res.output
    assert "dev_f1" in json.loads(res.stdout.strip().splitlines()[-1])
    model = load_model(tmp_path / "nn.zip")
    assert isinstance(model, NeuralModel)
    assert model.meta["dev"]["epochs"] in (1, 2)
    assert model.net.lm is None and "lm" not in model.meta
    assert model.net.networks == networks == model.meta["config"]["networks"]


def test_train_neural_with_language_model(tiny_shared: Path, tmp_path: Path) -> None:
    pytest.importorskip("torch")
    import numpy as np

    from hadath.ner.lm import save_lm
    from hadath.ner.tagger import NeuralModel

    vectors = tmp_path / "vectors.npz"
    np.savez(vectors, vocab=np.array(["بغداد", "بيروت", "محمد"]),
             vecs=np.eye(3, 8, dtype=np.float32))
    rng = np.random.default_rng(0)
    weights = {"lm_prefix_emb": rng.standard_normal((4, 2))}
    for d in "fb":
        weights |= {f"lm_w_ih_{d}": rng.standard_normal((12, 8 + 2)),
                    f"lm_w_hh_{d}": rng.standard_normal((12, 3)),
                    f"lm_b_ih_{d}": rng.standard_normal(12),
                    f"lm_b_hh_{d}": rng.standard_normal(12)}
    lm = save_lm(tmp_path / "lm.npz", weights, ["", "و"], {"hidden": 3, "tokens": 10})
    res = invoke("train", "ner", "--kind", "nn", "--out", str(tmp_path / "nn.zip"),
                 "--shared", str(tiny_shared), "--vectors", str(vectors), "--sources", "",
                 "--iterations", "1", "--no-dev", "--silver", "0", "--lm", str(lm))
    assert res.exit_code == 0, res.output
    model = load_model(tmp_path / "nn.zip")
    assert isinstance(model, NeuralModel)
    assert model.net.lm is not None and model.net.lm.hidden == 3
    assert model.meta["lm"] == {"file": "lm.npz", "hidden": 3, "tokens": 10}
    assert len(model.tag_document([["وصل", "محمد", "إلى", "بغداد"]])[0]) == 4


def test_train_is_reproducible(tiny_shared: Path, tiny_clusters: Path, tmp_path: Path) -> None:
    a = train_tiny(tiny_shared, tiny_clusters, tmp_path / "a.zip", "--no-dev")
    assert a.exit_code == 0, a.output
    summary = json.loads(a.stdout.strip().splitlines()[-1])
    assert summary["model"] == str(tmp_path / "a.zip")
    b = train_tiny(tiny_shared, tiny_clusters, tmp_path / "b.zip", "--no-dev")
    assert b.exit_code == 0, b.output
    assert (tmp_path / "a.zip").read_bytes() == (tmp_path / "b.zip").read_bytes()
    model = load_model(tmp_path / "a.zip")
    assert isinstance(model, CrfModel)
    assert model.lexicon.clusters["بغداد"] == "1 5"


def test_train_reports_dev(tiny_shared: Path, tiny_clusters: Path, tmp_path: Path) -> None:
    res = train_tiny(tiny_shared, tiny_clusters, tmp_path / "m.zip", "--dev")
    assert res.exit_code == 0, res.output
    summary = json.loads(res.stdout.strip().splitlines()[-1])
    assert 0.0 <= summary["dev_f1"] <= 1.0
    assert "dev" in load_model(tmp_path / "m.zip").meta


@pytest.mark.parametrize("args", [["--extra", "nope"], ["--sources", "nope"],
                                  ["--kind", "svm"]])
def test_train_bad_options(tiny_shared: Path, tiny_clusters: Path, tmp_path: Path,
                           args: list[str]) -> None:
    res = train_tiny(tiny_shared, tiny_clusters, tmp_path / "m.zip", *args)
    assert res.exit_code == 2


def test_train_missing_data(tmp_path: Path, tiny_clusters: Path) -> None:
    res = train_tiny(tmp_path, tiny_clusters, tmp_path / "m.zip", "--no-dev")
    assert res.exit_code != 0


@pytest.fixture(scope="module")
def tiny_model_file(tiny_shared: Path, tiny_clusters: Path,
                    tmp_path_factory: pytest.TempPathFactory) -> Path:
    out = tmp_path_factory.mktemp("model") / "tiny.zip"
    res = train_tiny(tiny_shared, tiny_clusters, out, "--no-dev")
    assert res.exit_code == 0, res.output
    return out


def test_eval_json(tiny_model_file: Path, tmp_path: Path) -> None:
    gold = write_conll(tmp_path / "gold.txt", tiny_corpus())
    res = invoke("eval", "ner", str(gold), "--json", "--model", str(tiny_model_file))
    assert res.exit_code == 0, res.output
    report = json.loads(res.stdout)
    assert set(report["micro"]) >= {"precision", "recall", "f1"}
    assert set(report["per_type"]) == {"PER", "ORG", "LOC"}
    assert report["micro"]["f1"] == 1.0  # the training data itself
    assert report["tokens"] == sum(len(t) for t, _ in tiny_corpus())
    assert report["tokens_per_second"] > 0


def test_eval_table_with_misc(tiny_model_file: Path, tmp_path: Path) -> None:
    gold = write_conll(tmp_path / "gold.txt",
                       [(["زار", "محمد", "علي", "معرض", "إكسبو"],
                         ["O", "B-PER", "I-PER", "O", "B-MISC"])])
    res = invoke("eval", "ner", str(gold), "--model", str(tiny_model_file),
                 "--types", "PER,ORG,LOC,MISC")
    assert res.exit_code == 0, res.output
    lines = res.stdout.splitlines()
    assert lines[0].split() == ["type", "precision", "recall", "f1", "gold", "pred"]
    rows = {line.split()[0]: line.split()[1:] for line in lines[1:-1]}
    assert set(rows) == {"PER", "ORG", "LOC", "MISC", "micro"}
    assert rows["MISC"][-2] == "1"  # one gold MISC entity
    assert "tokens/s" in lines[-1]


def test_eval_shipped_model(tmp_path: Path) -> None:
    gold = write_conll(tmp_path / "gold.txt",
                       [(["وصل", "الوزير", "إلى", "بغداد", "."],
                         ["O", "O", "O", "B-LOC", "O"])])
    res = invoke("eval", "ner", str(gold), "--json")
    assert res.exit_code == 0, res.output
    assert json.loads(res.stdout)["micro"]["f1"] == 1.0


def test_eval_missing_file(tmp_path: Path) -> None:
    res = invoke("eval", "ner", str(tmp_path / "nope.txt"))
    assert res.exit_code == 2


def test_train_neural_with_silver(tiny_shared: Path, tiny_clusters: Path,
                                  tmp_path: Path) -> None:
    pytest.importorskip("torch")
    import numpy as np

    corpus = tiny_shared / "data" / "corpus" / "ant-v2.1.jsonl.gz"
    corpus.parent.mkdir(parents=True, exist_ok=True)
    with gzip.open(corpus, "wt", encoding="utf-8") as f:
        for i in range(3):
            text = "وصل محمد علي إلى بغداد أمس. وقال أحمد حسن إن وزارة الخارجية تدعم بيروت."
            f.write(json.dumps({"id": str(i), "category": "middleEast", "text": text}) + "\n")
    vectors = tmp_path / "vectors.npz"
    np.savez(vectors, vocab=np.array(["بغداد", "بيروت", "محمد"]),
             vecs=np.eye(3, 8, dtype=np.float32))
    res = invoke("train", "ner", "--out", str(tmp_path / "nn.zip"), "--shared", str(tiny_shared),
                 "--vectors", str(vectors), "--clusters", str(tiny_clusters), "--sources", "",
                 "--iterations", "1", "--no-dev", "--silver", "3", "--silver2", "3",
                 "--silver3", "2", "--silver4", "2", "--lm", "none")
    assert res.exit_code == 0, res.output
    meta = load_model(tmp_path / "nn.zip").meta
    assert meta["silver_articles"] == 3 and meta["silver_sentences"] >= 0
    assert meta["silver_articles_second_round"] == 3
    assert meta["silver_articles_third_round"] == 2
    assert meta["silver_articles_fourth_round"] == 2
