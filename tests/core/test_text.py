"""Vietnamese alphabetical order (``vi_sort_key``): properties over generated
names, checked against the alphabet as the brief writes it, and real names."""

from __future__ import annotations

import random
import unicodedata

from hypothesis import given
from hypothesis import strategies as st

from lifelong_week.core.text import vi_sort_key

# Written out independently of the module: the 29 letters in order.
ALPHABET = list("aăâbcdđeêghiklmnoôơpqrstuưvxy")
# Tone marks (combining) in dictionary order; "" is ngang.
TONES = ["", "\u0300", "\u0309", "\u0303", "\u0301", "\u0323"]

letters = st.sampled_from(ALPHABET)
plain_words = st.lists(letters, min_size=1, max_size=7).map("".join)


@st.composite
def toned_words(draw, word=plain_words):
    """A word with one tone mark on one of its letters (or none)."""
    text = draw(word)
    tone = draw(st.sampled_from(TONES))
    at = draw(st.integers(0, len(text) - 1))
    return unicodedata.normalize("NFC", text[: at + 1] + tone + text[at + 1 :])


names = st.lists(toned_words(), min_size=1, max_size=4).map(" ".join)


def strip_tones(text: str) -> str:
    decomposed = unicodedata.normalize("NFD", text)
    return unicodedata.normalize("NFC", "".join(c for c in decomposed if c not in TONES[1:]))


def alphabet_ranks(word: str) -> list[int]:
    return [ALPHABET.index(letter) for letter in word]


@given(plain_words, plain_words)
def test_words_without_tones_follow_the_vietnamese_alphabet(a, b):
    assert (vi_sort_key(a) < vi_sort_key(b)) == (alphabet_ranks(a) < alphabet_ranks(b))


@given(toned_words(), toned_words())
def test_letters_decide_before_tones(a, b):
    if strip_tones(a) != strip_tones(b):
        assert (vi_sort_key(a) < vi_sort_key(b)) == (
            alphabet_ranks(strip_tones(a)) < alphabet_ranks(strip_tones(b))
        )


@given(plain_words, st.integers(0, 5), st.integers(0, 5))
def test_the_same_letters_sort_by_tone_ngang_huyen_hoi_nga_sac_nang(word, i, j):
    a = unicodedata.normalize("NFC", word[0] + TONES[i] + word[1:])
    b = unicodedata.normalize("NFC", word[0] + TONES[j] + word[1:])
    if i != j:
        assert (vi_sort_key(a) < vi_sort_key(b)) == (i < j)


@given(plain_words, plain_words)
def test_d_with_stroke_comes_after_every_d(a, b):
    assert vi_sort_key("d" + a) < vi_sort_key("đ" + b)
    assert vi_sort_key("D" + a.upper()) < vi_sort_key("Đ" + b)


@given(names, names)
def test_capitals_do_not_change_the_order_of_different_names(a, b):
    if a.lower() != b.lower():
        assert (vi_sort_key(a) < vi_sort_key(b)) == (vi_sort_key(a.upper()) < vi_sort_key(b))
        assert (vi_sort_key(a) < vi_sort_key(b)) == (
            vi_sort_key(a.title()) < vi_sort_key(b.upper())
        )


@given(names, toned_words())
def test_a_name_comes_before_the_same_name_with_more_words(name, word):
    assert vi_sort_key(name) < vi_sort_key(f"{name} {word}")


@given(st.text(), st.text())
def test_any_two_texts_compare_and_equal_keys_mean_the_same_text(a, b):
    # Never a TypeError between a number's key and a word's, whatever the text.
    ka, kb = vi_sort_key(a), vi_sort_key(b)
    assert (ka < kb) + (ka == kb) + (ka > kb) == 1
    same = unicodedata.normalize("NFC", a) == unicodedata.normalize("NFC", b)
    assert (ka == kb) == same


@given(st.text())
def test_nfc_and_nfd_spellings_sort_the_same(text):
    assert vi_sort_key(unicodedata.normalize("NFD", text)) == vi_sort_key(
        unicodedata.normalize("NFC", text)
    )


@given(st.lists(names, max_size=12), st.randoms(use_true_random=False))
def test_the_order_does_not_depend_on_the_order_given(items, rnd: random.Random):
    shuffled = items[:]
    rnd.shuffle(shuffled)
    assert sorted(shuffled, key=vi_sort_key) == sorted(items, key=vi_sort_key)


def test_numbers_sort_by_value():
    names = ["Trường THCS số 10", "Trường THCS số 2", "Trường THCS số 1", "Trường THCS"]
    assert sorted(names, key=vi_sort_key) == [
        "Trường THCS",
        "Trường THCS số 1",
        "Trường THCS số 2",
        "Trường THCS số 10",
    ]


def test_provinces_sort_in_vietnamese_order():
    provinces = [
        "An Giang",
        "Bà Rịa - Vũng Tàu",
        "Bạc Liêu",
        "Bắc Giang",
        "Bắc Kạn",
        "Bắc Ninh",
        "Bến Tre",
        "Bình Dương",
        "Bình Định",
        "Bình Phước",
        "Bình Thuận",
        "Cà Mau",
        "Cao Bằng",
        "Cần Thơ",
        "Đà Nẵng",
        "Đắk Lắk",
        "Đắk Nông",
        "Điện Biên",
        "Đồng Nai",
        "Đồng Tháp",
        "Gia Lai",
        "Hà Giang",
        "Hà Nam",
        "Hà Nội",
        "Hà Tĩnh",
        "Hải Dương",
        "Hải Phòng",
        "Hậu Giang",
        "Hòa Bình",
        "Hưng Yên",
        "Khánh Hòa",
        "Kiên Giang",
        "Kon Tum",
        "Lai Châu",
        "Lạng Sơn",
        "Lào Cai",
        "Lâm Đồng",
        "Long An",
        "Nam Định",
        "Nghệ An",
        "Ninh Bình",
        "Ninh Thuận",
        "Phú Thọ",
        "Phú Yên",
        "Quảng Bình",
        "Quảng Nam",
        "Quảng Ngãi",
        "Quảng Ninh",
        "Quảng Trị",
        "Sóc Trăng",
        "Sơn La",
        "Tây Ninh",
        "Thái Bình",
        "Thái Nguyên",
        "Thanh Hóa",
        "Thừa Thiên Huế",
        "Tiền Giang",
        "TP Hồ Chí Minh",
        "Trà Vinh",
        "Tuyên Quang",
        "Vĩnh Long",
        "Vĩnh Phúc",
        "Yên Bái",
    ]
    shuffled = provinces[:]
    random.Random(18).shuffle(shuffled)
    assert sorted(shuffled, key=vi_sort_key) == provinces


def test_long_an_districts_sort_in_vietnamese_order():
    districts = [
        "Bến Lức",
        "Cần Đước",
        "Cần Giuộc",
        "Châu Thành",
        "Đức Hòa",
        "Đức Huệ",
        "Kiến Tường",
        "Mộc Hóa",
        "Tân An",
        "Tân Hưng",
        "Tân Thạnh",
        "Tân Trụ",
        "Thạnh Hóa",
        "Thủ Thừa",
        "Vĩnh Hưng",
    ]
    assert sorted(reversed(districts), key=vi_sort_key) == districts
