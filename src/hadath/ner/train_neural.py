"""Training the BiLSTM-CRF of :mod:`hadath.ner.neural` with torch (training time only).

torch is not a dependency of hadath: install it to retrain
(``pip install 'hadath[train]' torch``). The trained weights are exported
as numpy arrays and the model runs without torch. Training is seeded and
single-process; with the same torch build, inputs and seed it repeats.
"""

from __future__ import annotations

import random
import time
from collections import Counter
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass, replace
from typing import Any

import numpy as np

from .corpora import Sentence
from .evaluate import evaluate, spans
from .features import Lexicon
from .lm import LanguageModel, is_lm_key, lm_keys
from .neural import PHRASE_TAGS, Encoder, NeuralNet, TokenIds, ensemble

__all__ = ["NeuralConfig", "build_encoder", "quantize", "teacher_scores", "train_neural"]

LABELS = ("O", "B-PER", "I-PER", "B-ORG", "I-ORG", "B-LOC", "I-LOC", "B-MISC", "I-MISC")
# the same types with a name's last token (E-) and one-token names (S-) tagged apart
LABELS_BIOES = ("O", *(f"{p}-{t}" for t in ("PER", "ORG", "LOC", "MISC") for p in "BIES"))


def labels_of(scheme: str) -> tuple[str, ...]:
    """The tag set a network is trained on: ``"BIO"`` or ``"BIOES"``."""
    if scheme == "BIO":
        return LABELS
    if scheme == "BIOES":
        return LABELS_BIOES
    raise ValueError(f"unknown tagging scheme {scheme!r} (BIO or BIOES)")


def bioes(tags: Sequence[str]) -> list[str]:
    """BIO tags in the BIOES scheme: a name's last token E-, a one-token name S-. Names are
    read as :func:`~hadath.ner.evaluate.spans` reads them (an I- of a new type starts one)."""
    out = ["O"] * len(tags)
    for start, end, kind in spans(tags):
        if end - start == 1:
            out[start] = "S-" + kind
        else:
            out[start:end] = ["B-" + kind] + ["I-" + kind] * (end - start - 2) + ["E-" + kind]
    return out


@dataclass(frozen=True, slots=True)
class NeuralConfig:
    # chosen on the dev split: 6 with a third round of 10,000 silver articles (9 with
    # two rounds, 14 with one round of 1,200, 19 with no silver data)
    epochs: int = 6
    teacher_epochs: int = 19
    first_student_epochs: int = 14  # the first round's student, a teacher of the second
    second_student_epochs: int = 9  # the second round's student, a teacher of the third
    third_student_epochs: int = 6  # the third round's student, a teacher of a fourth
    batch: int = 16
    lr: float = 1.5e-3
    hidden: int = 128
    word_dim: int = 64
    char_dim: int = 24
    char_filters: int = 64
    prefix_dim: int = 8
    flag_dim: int = 32
    phrase_dim: int = 8
    dropout: float = 0.5
    word_dropout: float = 0.1
    # inside gold or silver names (tags other than O) words and stems are dropped this
    # often instead: the training data's names are nearly all known words (silver: 3 %
    # of their tokens unknown), the dev split's are not (21 % unknown words, 10 % stems)
    entity_word_dropout: float | None = None  # None: word_dropout
    entity_stem_dropout: float = 0.0
    min_word_count: int = 2
    orthography: bool = True
    decay: float = 1.0
    average: int = 1
    seed: int = 0
    threads: int = 1
    vocab: int = 50_000
    lm_dim: int = 32  # the language model's states enter the LSTM through this many units
    networks: int = 1  # > 1: an ensemble of networks trained alike, seeds seed, seed + 1, …
    # with a teacher: the weight, in the loss, of the squared distance between the
    # network's tag scores and the teacher's (both centred on each token's mean)
    distill: float = 0.1
    scheme: str = "BIO"  # the tags the network learns: BIO or BIOES (it outputs BIO either way)
    device: str = "cpu"  # "cuda" trains on a GPU; the weights come back to numpy either way

    def to_dict(self) -> dict[str, Any]:
        return {f: getattr(self, f) for f in self.__slots__}


def quantize(vecs: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """int8 rows and their float32 scales (``q * scale`` ≈ ``vecs``)."""
    scale = np.abs(vecs).max(axis=1) / 127.0
    scale[scale == 0] = 1.0
    q = np.round(vecs / scale[:, None]).clip(-127, 127).astype(np.int8)
    return q, scale.astype(np.float32)


def drops(cfg: NeuralConfig) -> bool:
    """Whether ``cfg`` drops any words or stems in training."""
    return bool(cfg.word_dropout or cfg.entity_word_dropout or cfg.entity_stem_dropout)


def drop_known(arrays: Mapping[str, np.ndarray], cfg: NeuralConfig,
               rng: np.random.Generator) -> None:
    """Word (and stem) dropout on a training batch, in place: a known word's id becomes 1,
    the unknown word's, with probability ``cfg.word_dropout`` outside names and
    ``cfg.entity_word_dropout`` inside them (tags other than 0, O); a known stem inside
    a name becomes the unknown stem with probability ``cfg.entity_stem_dropout``. Ids 0
    (padding) and 1 are left alone.
    """
    word, stem, tags = arrays["word"], arrays["stem"], arrays["tags"]
    p_name = cfg.word_dropout if cfg.entity_word_dropout is None else cfg.entity_word_dropout
    named = tags != 0
    drop = (rng.random(word.shape) < np.where(named, p_name, cfg.word_dropout)) & (word > 1)
    word[drop] = 1
    if cfg.entity_stem_dropout:
        drop = (rng.random(stem.shape) < cfg.entity_stem_dropout) & named & (stem > 1)
        stem[drop] = 1


def build_encoder(sentences: Sequence[Sentence], lexicon: Lexicon, stems: Sequence[str],
                  min_word_count: int = 2, orthography: bool = True,
                  lm_prefixes: Sequence[str] = ()) -> Encoder:
    probe = Encoder(lexicon, [], [], [], [], [])
    words: Counter[str] = Counter()
    chars: Counter[str] = Counter()
    prefixes: Counter[str] = Counter()
    for tokens, _ in sentences:
        for t in tokens:
            a = probe.featurizer.analysis(t)
            words[a.norm] += 1
            chars.update(a.norm)
            prefixes[a.prefix] += 1
    classes = sorted({c for v in lexicon.words.values() for c in v.split()})
    return Encoder(lexicon, list(stems),
                   sorted(w for w, n in words.items() if n >= min_word_count),
                   sorted(c for c, n in chars.items() if n >= 3),
                   sorted(prefixes), classes, orthography, lm_prefixes)


def train_neural(train: Sequence[Sentence], lexicon: Lexicon, stems: Sequence[str],
                 vectors: np.ndarray, config: NeuralConfig | None = None,
                 dev: Sequence[Sentence] = (), log: Callable[[str], None] | None = None,
                 on_epoch: Callable[[int, dict[str, Any]], None] | None = None,
                 lm: Mapping[str, np.ndarray] | None = None, lm_prefixes: Sequence[str] = (),
                 teacher: NeuralNet | None = None,
                 start: tuple[Encoder, Mapping[str, np.ndarray]] | None = None,
                 ) -> tuple[NeuralNet, dict[str, Any], list[dict[str, Any]]]:
    """Train; returns (the numpy net, its weights, per-epoch history with dev F1).

    ``lm``, when given, is a pretrained language model's weights (:mod:`.lm`;
    ``lm_prefixes`` its proclitic vocabulary): its states, computed once with
    numpy exactly as at tagging time, are an input of the tagger, which does
    not train the language model further.

    ``on_epoch(epoch, weights)``, when given, sees the (averaged) weights
    after every epoch: checkpoints, or models of several epoch counts from
    one run.

    With ``config.networks`` > 1 the model is an ensemble of that many networks
    trained alike with successive seeds (:func:`_train_ensemble`).

    ``teacher``, when given, is a trained model (an ensemble, say) whose tag
    scores the network also learns to reproduce on every training sentence
    (knowledge distillation): the loss adds ``config.distill`` times the
    squared distance between the two, each token's scores centred on their
    mean (a CRF's distribution does not change when a token's scores all
    move together). The teacher's scores are computed once, by its numpy code.

    ``start``, when given, is a trained single network (its encoder and
    weights) to go on training: fine-tuning, its encoder and sizes kept (``lm``
    must be the language model it reads).
    """
    cfg = config or NeuralConfig()
    scores = (teacher_scores(teacher, [t for t, _ in train if t])
              if teacher is not None else None)
    if start is not None and cfg.networks > 1:
        raise ValueError("only a single network goes on training from another")
    if cfg.networks <= 1:
        return _train_network(train, lexicon, stems, vectors, cfg, dev, log, on_epoch, lm,
                              lm_prefixes, teacher=scores, start=start)
    return _train_ensemble(train, lexicon, stems, vectors, cfg, dev, log, on_epoch, lm,
                           lm_prefixes, scores)


def teacher_scores(teacher: NeuralNet, texts: Sequence[Sequence[str]], batch: int = 256
                   ) -> list[np.ndarray]:
    """A model's tag scores (tokens, labels; float16) of each of the non-empty ``texts``,
    each token's centred on their mean."""
    if teacher.labels not in (list(LABELS), list(LABELS_BIOES)):
        raise ValueError(f"the teacher's labels {teacher.labels} are neither BIO nor BIOES")
    out: list[np.ndarray] = [np.empty(0)] * len(texts)
    order = sorted(range(len(texts)), key=lambda i: -len(texts[i]))  # long with long
    for k in range(0, len(order), batch):
        idx = order[k:k + batch]
        sents = [texts[i] for i in idx]
        em = teacher.emissions(sents)  # (sentences, longest, labels)
        em -= em.mean(axis=2, keepdims=True)
        for j, (i, s) in enumerate(zip(idx, sents, strict=True)):
            out[i] = em[j, :len(s)].astype(np.float16)
    return out


def _train_ensemble(train: Sequence[Sentence], lexicon: Lexicon, stems: Sequence[str],
                    vectors: np.ndarray, cfg: NeuralConfig, dev: Sequence[Sentence],
                    log: Callable[[str], None] | None,
                    on_epoch: Callable[[int, dict[str, Any]], None] | None,
                    lm: Mapping[str, np.ndarray] | None, lm_prefixes: Sequence[str],
                    teacher: list[np.ndarray] | None = None,
                    ) -> tuple[NeuralNet, dict[str, Any], list[dict[str, Any]]]:
    """``cfg.networks`` networks trained one after another (seeds ``cfg.seed`` + i) for
    ``cfg.epochs`` each, as one model (:func:`hadath.ner.neural.ensemble`).

    With ``dev``, the ensemble of each epoch's networks is scored on it and the
    best epoch's kept (the networks are trained alike, so one epoch count
    serves all); ``on_epoch`` sees each epoch's ensemble once all are trained.
    """
    say = log or (lambda _m: None)
    by_epoch: list[list[dict[str, Any]]] = [[] for _ in range(cfg.epochs)]
    histories = []
    # the networks read the same training data: one encoder, the language model's states
    # computed once
    enc, _, _, stem_table = _encoding(train, lexicon, stems, vectors, cfg, lm is not None,
                                      lm_prefixes)
    states = (_lm_states(lm, enc, stem_table, [t for t, _ in train if t])
              if lm is not None else None)
    for i in range(cfg.networks):
        say(f"network {i + 1} of {cfg.networks} (seed {cfg.seed + i})")
        _, _, own = _train_network(
            train, lexicon, stems, vectors, replace(cfg, networks=1, seed=cfg.seed + i), (),
            log, lambda epoch, weights: by_epoch[epoch - 1].append(weights), lm, lm_prefixes,
            states, teacher, encoder=enc)
        histories.append(own)
    history: list[dict[str, Any]] = []
    best: tuple[float, dict[str, Any]] | None = None
    weights: dict[str, Any] = {}
    for epoch, members in enumerate(by_epoch, 1):
        weights = ensemble(members)
        record: dict[str, Any] = {"epoch": epoch, "networks": len(members)}
        if on_epoch is not None:
            on_epoch(epoch, weights)
        if dev:
            record |= _dev_scores(NeuralNet(weights, enc, labels_of(cfg.scheme)), dev)
            if best is None or record["dev_f1"] > best[0]:
                best = (record["dev_f1"], weights)
            say(str(record))
        history.append(record)
    history.append({"networks": histories})
    if best is not None:
        weights = best[1]
    return NeuralNet(weights, enc, labels_of(cfg.scheme)), weights, history


def _train_network(train: Sequence[Sentence], lexicon: Lexicon, stems: Sequence[str],
                   vectors: np.ndarray, cfg: NeuralConfig, dev: Sequence[Sentence],
                   log: Callable[[str], None] | None,
                   on_epoch: Callable[[int, dict[str, Any]], None] | None,
                   lm: Mapping[str, np.ndarray] | None, lm_prefixes: Sequence[str],
                   lm_states: list[np.ndarray] | None = None,
                   teacher: list[np.ndarray] | None = None,
                   start: tuple[Encoder, Mapping[str, np.ndarray]] | None = None,
                   encoder: Encoder | None = None,
                   ) -> tuple[NeuralNet, dict[str, Any], list[dict[str, Any]]]:
    """One network: see :func:`train_neural`. ``lm_states``: the language model's states of
    the non-empty sentences of ``train``, when already computed; ``teacher``: a teacher's
    centred tag scores of them (:func:`teacher_scores`); ``encoder``: the training set's,
    when already built."""
    import torch
    from torch import nn

    say = log or (lambda _m: None)
    torch.manual_seed(cfg.seed)
    random.seed(cfg.seed)
    torch.set_num_threads(cfg.threads)
    if start is not None:
        if any("/" in k for k in start[1]):
            raise ValueError("training goes on from a single network, not an ensemble")
        own = {k: v for k, v in start[1].items() if is_lm_key(k)}
        given = dict(lm or {})
        if set(own) != set(given) or not all(
                np.allclose(np.asarray(v, np.float32), np.asarray(given[k], np.float32),
                            rtol=1e-3, atol=1e-3) for k, v in own.items()):
            raise ValueError("the network reads another language model than the one given")
        encoder = start[0]
    enc, q, scale, stem_table = _encoding(train, lexicon, stems, vectors, cfg, lm is not None,
                                          lm_prefixes, encoder)
    labels = labels_of(cfg.scheme)
    label_ix = {lab: i for i, lab in enumerate(labels)}

    data = []
    texts = [tokens for tokens, _ in train if tokens]
    if lm is not None and lm_states is None:
        lm_states = _lm_states(lm, enc, stem_table, texts)
    d_lm = lm_states[0].shape[1] if lm_states else 0
    for tokens, tags in train:
        if tokens:
            ids = [enc.token(t) for t in tokens]
            if cfg.scheme == "BIOES":
                tags = bioes(tags)
            data.append((ids, enc.phrases(tokens), [label_ix.get(t, 0) for t in tags]))

    n_labels = len(labels)
    known_words = len(enc.words) + 2

    class Net(nn.Module):
        def __init__(self) -> None:
            super().__init__()
            self.stem = nn.Embedding.from_pretrained(torch.tensor(stem_table), freeze=True)
            self.word = nn.Embedding(known_words, cfg.word_dim, padding_idx=0)
            self.char = nn.Embedding(len(enc.chars) + 2, cfg.char_dim, padding_idx=0)
            self.conv = nn.Conv1d(cfg.char_dim, cfg.char_filters, 3, padding=1)
            self.prefix = nn.Embedding(len(enc.prefixes) + 2, cfg.prefix_dim, padding_idx=0)
            self.flags = nn.Linear(enc.n_flags, cfg.flag_dim)
            self.phrase = nn.Embedding(len(PHRASE_TAGS), cfg.phrase_dim)
            d_in = (stem_table.shape[1] + cfg.word_dim + cfg.char_filters + cfg.prefix_dim
                    + cfg.flag_dim + cfg.phrase_dim)
            if d_lm:
                self.lm_down = nn.Linear(d_lm, cfg.lm_dim)
                d_in += cfg.lm_dim
            self.drop = nn.Dropout(cfg.dropout)
            self.lstm = nn.LSTM(d_in, cfg.hidden, batch_first=True, bidirectional=True)
            self.out = nn.Linear(2 * cfg.hidden + d_lm, n_labels)
            self.trans = nn.Parameter(torch.zeros(n_labels, n_labels))
            self.start = nn.Parameter(torch.zeros(n_labels))
            self.end = nn.Parameter(torch.zeros(n_labels))

        def emissions(self, b: dict[str, Any]) -> Any:
            bsz, t_max = b["stem"].shape
            chars = self.char(b["chars"])  # (B*T, L, C)
            conv = self.conv(chars.transpose(1, 2))  # (B*T, F, L)
            conv = conv.masked_fill(~b["char_mask"][:, None, :], -1e4)
            char_vec = torch.tanh(conv.max(dim=2).values).view(bsz, t_max, -1)
            parts = [self.stem(b["stem"]), self.word(b["word"]), char_vec,
                     self.prefix(b["prefix"]), torch.relu(self.flags(b["flags"])),
                     self.phrase(b["phrase"])]
            if d_lm:
                parts.append(self.lm_down(b["lm"]))
            x = self.drop(torch.cat(parts, dim=2))
            packed = nn.utils.rnn.pack_padded_sequence(x, b["lengths"], batch_first=True,
                                                       enforce_sorted=False)
            h, _ = self.lstm(packed)
            h, _ = nn.utils.rnn.pad_packed_sequence(h, batch_first=True, total_length=t_max)
            if d_lm:
                h = torch.cat([h, b["lm"]], dim=2)
            return self.out(self.drop(h))

        def nll(self, b: dict[str, Any], em: Any = None) -> Any:
            if em is None:
                em = self.emissions(b)
            tags, mask = b["tags"], b["mask"]
            bsz, t_max, _ = em.shape
            ar = torch.arange(bsz, device=em.device)
            gold = self.start[tags[:, 0]] + em[ar, 0, tags[:, 0]]
            alpha = self.start[None] + em[:, 0]
            for t in range(1, t_max):
                m = mask[:, t]
                step = self.trans[tags[:, t - 1], tags[:, t]] + em[ar, t, tags[:, t]]
                gold = gold + step * m
                nxt = torch.logsumexp(alpha[:, :, None] + self.trans[None] + em[:, t, None, :],
                                      dim=1)
                alpha = torch.where(m[:, None].bool(), nxt, alpha)
            last = tags[ar, b["last"]]
            gold = gold + self.end[last]
            log_z = torch.logsumexp(alpha + self.end[None], dim=1)
            return (log_z - gold).mean()

    def prepare(ids: list[TokenIds], ph: list[int], lab: list[int]) -> dict[str, Any]:
        n = len(ids)
        l_max = max(len(t.chars) for t in ids)
        chars = np.zeros((n, l_max), np.int64)
        for j, t in enumerate(ids):
            chars[j, :len(t.chars)] = t.chars
        return {"stem": np.array([t.stem for t in ids], np.int64),
                "word": np.array([t.word for t in ids], np.int64),
                "prefix": np.array([t.prefix for t in ids], np.int64),
                "phrase": np.array(ph, np.int64), "tags": np.array(lab, np.int64),
                "flags": [(j, f) for j, t in enumerate(ids) for f in t.flags],
                "chars": chars, "n": n}

    prepared = [prepare(*x) for x in data]
    if lm_states is not None:
        for p, st in zip(prepared, lm_states, strict=True):
            p["lm"] = st
    if teacher is not None:
        for p, em in zip(prepared, teacher, strict=True):
            if em.shape != (p["n"], n_labels):
                raise ValueError(f"teacher scores {em.shape} for a sentence of {p['n']} tokens")
            p["teacher"] = em

    def batchify(items: Sequence[dict[str, Any]], training: bool) -> dict[str, Any]:
        lengths = [x["n"] for x in items]
        t_max = max(lengths)
        bsz = len(items)
        l_max = max(x["chars"].shape[1] for x in items)
        arrays = {k: np.zeros((bsz, t_max), np.int64)
                  for k in ("stem", "word", "prefix", "phrase", "tags")}
        mask = np.zeros((bsz, t_max), np.float32)
        flags = np.zeros((bsz, t_max, enc.n_flags), np.float32)
        chars = np.zeros((bsz, t_max, l_max), np.int64)
        for i, x in enumerate(items):
            n = x["n"]
            for k, arr in arrays.items():
                arr[i, :n] = x[k]
            mask[i, :n] = 1.0
            if x["flags"]:
                jf = np.array(x["flags"])
                flags[i, jf[:, 0], jf[:, 1]] = 1.0
            chars[i, :n, :x["chars"].shape[1]] = x["chars"]
        if d_lm:
            arrays_lm = np.zeros((bsz, t_max, d_lm), np.float32)
            for i, x in enumerate(items):
                arrays_lm[i, :x["n"]] = x["lm"]
        if training and drops(cfg):
            drop_known(arrays, cfg, np.random.default_rng(random.getrandbits(32)))
        chars2 = chars.reshape(bsz * t_max, l_max)
        char_mask = chars2 > 0
        char_mask[:, 0] = True
        out: dict[str, Any] = {k: torch.from_numpy(v) for k, v in arrays.items()}
        out.update(mask=torch.from_numpy(mask), flags=torch.from_numpy(flags),
                   chars=torch.from_numpy(chars2), char_mask=torch.from_numpy(char_mask))
        if d_lm:
            out["lm"] = torch.from_numpy(arrays_lm)
        if teacher is not None:
            scores = np.zeros((bsz, t_max, n_labels), np.float32)
            for i, x in enumerate(items):
                scores[i, :x["n"]] = x["teacher"]
            out["teacher"] = torch.from_numpy(scores)
        out = {k: v.to(device, non_blocking=True) for k, v in out.items()}
        out["lengths"] = torch.tensor(lengths)  # packing wants them on the CPU
        out["last"] = (out["lengths"] - 1).to(device)
        return out

    device = torch.device(cfg.device)
    net = Net()
    if start is not None:
        net.load_state_dict({k: torch.from_numpy(v) for k, v in _state_dict(start[1]).items()})
    net = net.to(device)
    opt = torch.optim.Adam([p for p in net.parameters() if p.requires_grad], lr=cfg.lr)
    history: list[dict[str, Any]] = []
    best: tuple[float, dict[str, Any]] | None = None

    def export() -> dict[str, Any]:
        sd = {k: v.detach().cpu().numpy().astype(np.float32) for k, v in net.state_dict().items()}
        return {
            "stem_q": np.concatenate([np.zeros((2, q.shape[1]), np.int8), q]),
            "stem_scale": np.concatenate([np.ones(2, np.float32), scale]),
            "word_emb": sd["word.weight"], "char_emb": sd["char.weight"],
            "conv_w": sd["conv.weight"], "conv_b": sd["conv.bias"],
            "prefix_emb": sd["prefix.weight"], "phrase_emb": sd["phrase.weight"],
            "flag_w": sd["flags.weight"].T.copy(), "flag_b": sd["flags.bias"],
            "w_ih_f": sd["lstm.weight_ih_l0"], "w_hh_f": sd["lstm.weight_hh_l0"],
            "b_ih_f": sd["lstm.bias_ih_l0"], "b_hh_f": sd["lstm.bias_hh_l0"],
            "w_ih_b": sd["lstm.weight_ih_l0_reverse"], "w_hh_b": sd["lstm.weight_hh_l0_reverse"],
            "b_ih_b": sd["lstm.bias_ih_l0_reverse"], "b_hh_b": sd["lstm.bias_hh_l0_reverse"],
            "out_w": sd["out.weight"], "out_b": sd["out.bias"],
            "trans": sd["trans"], "start": sd["start"], "end": sd["end"],
            **({k: np.asarray(lm[k], np.float32) for k in lm_keys(lm)} if lm is not None else {}),
            **({"lm_down_w": sd["lm_down.weight"], "lm_down_b": sd["lm_down.bias"]}
               if d_lm else {}),
        }

    recent: list[dict[str, Any]] = []  # the last `average` epochs' weights
    sched = torch.optim.lr_scheduler.ExponentialLR(opt, gamma=cfg.decay)
    for epoch in range(1, cfg.epochs + 1):
        t0 = time.perf_counter()
        net.train()
        order = list(range(len(prepared)))
        random.shuffle(order)
        # batches of similar length, in random order
        order.sort(key=lambda i: prepared[i]["n"] + random.random() * 8)
        batches = [order[k:k + cfg.batch] for k in range(0, len(order), cfg.batch)]
        random.shuffle(batches)
        total = 0.0
        for idx in batches:
            b = batchify([prepared[i] for i in idx], training=True)
            em = net.emissions(b)
            loss = net.nll(b, em)
            if teacher is not None:  # squared distance of the centred scores, per sentence
                gap = em - em.mean(dim=2, keepdim=True) - b["teacher"]
                loss = loss + cfg.distill * ((gap * gap).mean(dim=2) * b["mask"]).sum(1).mean()
            opt.zero_grad()
            loss.backward()
            nn.utils.clip_grad_norm_(net.parameters(), 5.0)
            opt.step()
            total += float(loss.detach()) * len(idx)
        sched.step()
        net.eval()
        recent = [*recent, export()][-cfg.average:]
        record: dict[str, Any] = {"epoch": epoch, "loss": round(total / len(data), 4),
                                  "seconds": round(time.perf_counter() - t0, 1)}
        if on_epoch is not None:
            on_epoch(epoch, _mean(recent))
        if dev:
            weights = _mean(recent)
            record |= _dev_scores(NeuralNet(weights, enc, labels), dev)
            if best is None or record["dev_f1"] > best[0]:
                best = (record["dev_f1"], weights)
        history.append(record)
        say(str(record))
    weights = best[1] if best is not None else _mean(recent)
    result = NeuralNet(weights, enc, labels)
    if best is None:  # check that numpy computes what torch does
        probe = prepared[:8]
        with torch.no_grad():
            ref = net.emissions(batchify(probe, training=False)).cpu().numpy()
        got = result.emissions(texts[:len(probe)])
        diff = max(float(np.abs(ref[i, :p["n"]] - got[i, :p["n"]]).max())
                   for i, p in enumerate(probe))
        history.append({"numpy_max_abs_diff": diff})
    return result, weights, history


def _dev_scores(model: NeuralNet, dev: Sequence[Sentence]) -> dict[str, float]:
    """Micro F1 on ``dev``: PER, ORG, LOC (what picks the epoch), and with MISC."""
    return {"dev_f1": round(evaluate(model, dev).micro.f1, 4),
            "dev_f1_all": round(evaluate(model, dev, ("PER", "ORG", "LOC", "MISC")).micro.f1, 4)}


def _encoding(train: Sequence[Sentence], lexicon: Lexicon, stems: Sequence[str],
              vectors: np.ndarray, cfg: NeuralConfig, with_lm: bool, lm_prefixes: Sequence[str],
              encoder: Encoder | None = None
              ) -> tuple[Encoder, np.ndarray, np.ndarray, np.ndarray]:
    """(encoder, quantized stem vectors, their scales, the stem table as the tagger sees it
    — rows 0 and 1 padding and unknown) of a training set; ``encoder``, when given, is
    kept rather than built from it."""
    enc = encoder if encoder is not None else build_encoder(
        train, lexicon, stems, cfg.min_word_count, cfg.orthography, lm_prefixes if with_lm else ())
    q, scale = quantize(vectors)
    stem_table = np.zeros((len(stems) + 2, vectors.shape[1]), np.float32)
    stem_table[2:] = q.astype(np.float32) * scale[:, None]
    return enc, q, scale, stem_table


def _lm_states(lm: Mapping[str, np.ndarray], enc: Encoder, stem_table: np.ndarray,
               texts: Sequence[Sequence[str]]) -> list[np.ndarray]:
    """The language model's states of each sentence's tokens (float16), by the numpy
    code that tags."""
    model = LanguageModel(lm, stem_table, enc.lm_ids)
    out: list[np.ndarray] = []
    for k in range(0, len(texts), 256):
        chunk = texts[k:k + 256]
        states = model.states(chunk)
        pos = 0
        for s in chunk:
            out.append(states[pos:pos + len(s)].astype(np.float16))
            pos += len(s)
    return out


def _state_dict(weights: Mapping[str, np.ndarray]) -> dict[str, np.ndarray]:
    """The torch parameters of a network from its exported weights (the inverse of
    ``export`` in :func:`_train_network`; the stem table is rebuilt, not read)."""
    names = {"word.weight": "word_emb", "char.weight": "char_emb", "conv.weight": "conv_w",
             "conv.bias": "conv_b", "prefix.weight": "prefix_emb", "phrase.weight": "phrase_emb",
             "flags.bias": "flag_b", "out.weight": "out_w", "out.bias": "out_b",
             "trans": "trans", "start": "start", "end": "end",
             "lm_down.weight": "lm_down_w", "lm_down.bias": "lm_down_b"}
    for d, suffix in (("f", ""), ("b", "_reverse")):
        names |= {f"lstm.weight_ih_l0{suffix}": f"w_ih_{d}", f"lstm.weight_hh_l0{suffix}":
                  f"w_hh_{d}", f"lstm.bias_ih_l0{suffix}": f"b_ih_{d}",
                  f"lstm.bias_hh_l0{suffix}": f"b_hh_{d}"}
    out = {k: np.asarray(weights[v], np.float32) for k, v in names.items() if v in weights}
    out["flags.weight"] = np.ascontiguousarray(np.asarray(weights["flag_w"], np.float32).T)
    scale = np.asarray(weights["stem_scale"], np.float32)
    out["stem.weight"] = np.asarray(weights["stem_q"], np.float32) * scale[:, None]
    return out


def _mean(snapshots: Sequence[dict[str, Any]]) -> dict[str, Any]:
    """The element-wise mean of weight snapshots (the quantized table is the same in all)."""
    if len(snapshots) == 1:
        return snapshots[0]
    out: dict[str, Any] = {}
    for k, v in snapshots[0].items():
        if v.dtype == np.int8 or k == "stem_scale":
            out[k] = v
        else:
            out[k] = np.mean([s[k] for s in snapshots], axis=0).astype(np.float32)
    return out
