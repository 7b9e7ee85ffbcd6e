"""A BERT-style WordPiece tokenizer in plain Python: training, encoding and
Hugging Face `tokenizer.json` export.

The encoder mirrors what `@huggingface/tokenizers` (tokenizers.js 0.2.0) does
with the exported JSON, quirk for quirk, so Node and Python give the same ids:
- special tokens are split out of the raw text first (exact match, not normalised);
- BertNormalizer: drop NUL, U+FFFD and control chars (Cc/Cf/Co/Cs except \t \n \r),
  map JavaScript `\s` whitespace to ' ', pad CJK ideographs with spaces (BMP
  ranges only: tokenizers.js checks UTF-16 code units), lowercase, NFD, drop Mn;
- BertPreTokenizer: split on whitespace, every punctuation char (Unicode P* or
  ASCII punctuation) is its own token;
- WordPiece: greedy longest-match-first over code points, `##` continuation,
  words longer than 100 code points become [UNK].
"""
from __future__ import annotations

import hashlib
import heapq
import unicodedata
from collections import Counter, defaultdict
from typing import Dict, Iterable, List, Optional, Tuple

SPECIAL_TOKENS = ["[PAD]", "[UNK]", "[CLS]", "[SEP]", "[MASK]"]
PREFIX = "##"
MAX_CHARS_PER_WORD = 100

# JavaScript's \s (what tokenizers.js tests with /^\s$/ and String.trim).
JS_WHITESPACE = set("\t\n\v\f\r \u00a0\u1680\u2028\u2029\u202f\u205f\u3000\ufeff") | {
    chr(c) for c in range(0x2000, 0x200B)}


def _is_control(ch: str) -> bool:
    if ch in "\t\n\r":
        return False
    return unicodedata.category(ch) in ("Cc", "Cf", "Co", "Cs")


def _is_cjk_bmp(cp: int) -> bool:
    # Only the BMP ranges of BERT's CJK check: tokenizers.js walks UTF-16 units,
    # so astral ideographs (U+20000…) are never padded there.
    return 0x4E00 <= cp <= 0x9FFF or 0x3400 <= cp <= 0x4DBF or 0xF900 <= cp <= 0xFAFF


def _is_punct(ch: str) -> bool:
    cp = ord(ch)
    if 0x21 <= cp <= 0x2F or 0x3A <= cp <= 0x40 or 0x5B <= cp <= 0x60 or 0x7B <= cp <= 0x7E:
        return True
    return unicodedata.category(ch).startswith("P")


def normalize(text: str) -> str:
    """BertNormalizer(clean_text, handle_chinese_chars, lowercase, strip_accents)."""
    out = []
    for ch in text:
        cp = ord(ch)
        if cp == 0 or cp == 0xFFFD or _is_control(ch):
            continue
        if ch in JS_WHITESPACE:
            out.append(" ")
        elif _is_cjk_bmp(cp):
            out.append(" " + ch + " ")
        else:
            out.append(ch)
    text = "".join(out).lower()
    text = unicodedata.normalize("NFD", text)
    return "".join(ch for ch in text if unicodedata.category(ch) != "Mn")


def pre_tokenize(text: str) -> List[str]:
    """BertPreTokenizer on normalised text: whitespace split + isolated punctuation."""
    words: List[str] = []
    cur: List[str] = []
    for ch in text:
        if ch in JS_WHITESPACE:
            if cur:
                words.append("".join(cur))
                cur = []
        elif _is_punct(ch):
            if cur:
                words.append("".join(cur))
                cur = []
            words.append(ch)
        else:
            cur.append(ch)
    if cur:
        words.append("".join(cur))
    return words


def split_special(text: str) -> List[Tuple[str, bool]]:
    """Split raw text on literal special tokens (they are matched before normalisation)."""
    parts: List[Tuple[str, bool]] = []
    start = i = 0
    while i < len(text):
        hit = next((t for t in SPECIAL_TOKENS if text.startswith(t, i)), None)
        if hit:
            if i > start:
                parts.append((text[start:i], False))
            parts.append((hit, True))
            i += len(hit)
            start = i
        else:
            i += 1
    if start < len(text):
        parts.append((text[start:], False))
    return parts


def train_wordpiece(texts: Iterable[List[str]], vocab_size: int, min_frequency: int = 2) -> List[str]:
    """Learn a WordPiece vocabulary from pre-tokenised words with BPE-style merges
    (the way the Hugging Face WordPiece trainer does it): start from characters
    (`##c` inside words), repeatedly merge the most frequent adjacent pair."""
    word_freq: Counter = Counter()
    for words in texts:
        word_freq.update(words)
    words = sorted(word_freq)  # sorted: deterministic merge order on ties
    freqs = [word_freq[w] for w in words]
    splits: List[List[str]] = [[w[0]] + [PREFIX + c for c in w[1:]] for w in words]

    vocab: List[str] = list(SPECIAL_TOKENS)
    seen = set(vocab)
    alphabet = sorted({t for s in splits for t in s}, key=lambda t: (t.startswith(PREFIX), t))
    for t in alphabet:
        if t not in seen:
            vocab.append(t)
            seen.add(t)

    pair_count: Dict[Tuple[str, str], int] = defaultdict(int)
    pair_words: Dict[Tuple[str, str], set] = defaultdict(set)
    for wi, s in enumerate(splits):
        for a, b in zip(s, s[1:]):
            pair_count[(a, b)] += freqs[wi]
            pair_words[(a, b)].add(wi)
    heap = [(-c, p) for p, c in pair_count.items()]
    heapq.heapify(heap)

    while len(vocab) < vocab_size and heap:
        negc, pair = heapq.heappop(heap)
        if pair_count.get(pair, 0) != -negc:
            continue  # stale heap entry
        if -negc < min_frequency:
            break
        a, b = pair
        new = a + (b[len(PREFIX):] if b.startswith(PREFIX) else b)
        if new not in seen:
            vocab.append(new)
            seen.add(new)
        changed: Dict[Tuple[str, str], int] = {}
        for wi in sorted(pair_words.pop(pair, ())):
            s, f = splits[wi], freqs[wi]
            for x, y in zip(s, s[1:]):  # remove old pairs of this word
                pair_count[(x, y)] -= f
                changed[(x, y)] = 1
            merged: List[str] = []
            i = 0
            while i < len(s):
                if i + 1 < len(s) and s[i] == a and s[i + 1] == b:
                    merged.append(new)
                    i += 2
                else:
                    merged.append(s[i])
                    i += 1
            splits[wi] = merged
            for x, y in zip(merged, merged[1:]):
                pair_count[(x, y)] += f
                pair_words[(x, y)].add(wi)
                changed[(x, y)] = 1
        pair_count.pop(pair, None)
        for p in changed:
            c = pair_count.get(p, 0)
            if c > 0:
                heapq.heappush(heap, (-c, p))
            else:
                pair_count.pop(p, None)
    return vocab


class WordPieceTokenizer:
    """Encoder for a trained vocabulary; `encode()` equals tokenizers.js `encode().ids`."""

    def __init__(self, vocab: List[str], max_length: int = 64) -> None:
        self.vocab = vocab
        self.ids = {t: i for i, t in enumerate(vocab)}
        self.unk_id = self.ids["[UNK]"]
        self.cls_id = self.ids["[CLS]"]
        self.sep_id = self.ids["[SEP]"]
        self.pad_id = self.ids["[PAD]"]
        self.max_length = max_length
        self._cache: Dict[str, List[int]] = {}

    def _word(self, word: str) -> List[int]:
        hit = self._cache.get(word)
        if hit is not None:
            return hit
        chars = list(word)  # code points, like [...token] in JS
        if len(chars) > MAX_CHARS_PER_WORD:
            out = [self.unk_id]
        else:
            out = []
            start = 0
            while start < len(chars):
                end = len(chars)
                found: Optional[int] = None
                while start < end:
                    sub = "".join(chars[start:end])
                    if start > 0:
                        sub = PREFIX + sub
                    if sub in self.ids:
                        found = self.ids[sub]
                        break
                    end -= 1
                if found is None:
                    out = [self.unk_id]
                    break
                out.append(found)
                start = end
        self._cache[word] = out
        return out

    def tokenize_ids(self, text: str) -> List[int]:
        """Token ids without [CLS]/[SEP] and without truncation."""
        ids: List[int] = []
        for part, special in split_special(text):
            if special:
                ids.append(self.ids[part])
                continue
            for w in pre_tokenize(normalize(part)):
                ids.extend(self._word(w))
        return ids

    def encode(self, text: str, truncate: bool = True) -> List[int]:
        """[CLS] ids [SEP]; with truncate, at most max_length ids in all (tail dropped)."""
        ids = self.tokenize_ids(text)
        if truncate:
            ids = ids[: self.max_length - 2]
        return [self.cls_id] + ids + [self.sep_id]

    @staticmethod
    def digest(ids: List[int]) -> str:
        """Short digest used by tokenization-check.json: sha1 of comma-joined ids, 12 hex chars."""
        return hashlib.sha1(",".join(str(i) for i in ids).encode("ascii")).hexdigest()[:12]

    def to_hf_json(self) -> dict:
        """A Hugging Face `tokenizer.json` (tokenizers 0.x serialisation)."""
        added = [{"id": self.ids[t], "content": t, "single_word": False, "lstrip": False, "rstrip": False,
                  "normalized": False, "special": True} for t in SPECIAL_TOKENS]
        return {
            "version": "1.0",
            "truncation": {"direction": "Right", "max_length": self.max_length, "strategy": "LongestFirst", "stride": 0},
            "padding": None,
            "added_tokens": added,
            "normalizer": {"type": "BertNormalizer", "clean_text": True, "handle_chinese_chars": True,
                           "strip_accents": None, "lowercase": True},
            "pre_tokenizer": {"type": "BertPreTokenizer"},
            "post_processor": {
                "type": "TemplateProcessing",
                "single": [{"SpecialToken": {"id": "[CLS]", "type_id": 0}}, {"Sequence": {"id": "A", "type_id": 0}},
                           {"SpecialToken": {"id": "[SEP]", "type_id": 0}}],
                "pair": [{"SpecialToken": {"id": "[CLS]", "type_id": 0}}, {"Sequence": {"id": "A", "type_id": 0}},
                         {"SpecialToken": {"id": "[SEP]", "type_id": 0}}, {"Sequence": {"id": "B", "type_id": 1}},
                         {"SpecialToken": {"id": "[SEP]", "type_id": 1}}],
                "special_tokens": {t: {"id": t, "ids": [self.ids[t]], "tokens": [t]} for t in ("[CLS]", "[SEP]")},
            },
            "decoder": {"type": "WordPiece", "prefix": PREFIX, "cleanup": True},
            "model": {"type": "WordPiece", "unk_token": "[UNK]", "continuing_subword_prefix": PREFIX,
                      "max_input_chars_per_word": MAX_CHARS_PER_WORD,
                      "vocab": {t: i for i, t in enumerate(self.vocab)}},
        }

    def hf_config(self) -> dict:
        """`tokenizer_config.json` next to tokenizer.json."""
        return {
            "tokenizer_class": "BertTokenizerFast", "do_lower_case": True, "strip_accents": None,
            "tokenize_chinese_chars": True, "model_max_length": self.max_length, "clean_up_tokenization_spaces": True,
            "cls_token": "[CLS]", "sep_token": "[SEP]", "pad_token": "[PAD]", "unk_token": "[UNK]",
            "mask_token": "[MASK]", "padding_side": "right", "truncation_side": "right",
        }
