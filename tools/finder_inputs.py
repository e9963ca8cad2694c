"""Generated finder queries for the parity test (Python reference vs. finder.js): seeded random
mutations of real place names and postcodes, the way people type them: case, accents and umlauts
written out or dropped, hyphens and spaces, city + part of town, prefixes, suffixes, one or two
typing mistakes, postcode forms, Cyrillic and Arabic script, and noise."""

from __future__ import annotations

import random

CYRILLIC = "абвгґдеєёжзиіїйклмнопрстуфхцчшщьюяыэъ"
ARABIC = "ابتثجحخدذرزسشصضطظعغفقكلمنهويىةأإآئؤءپچژگکیـ\u064b\u064e\u0650\u200c"
ACCENTED = "äöüßÄÖÜéèêáàçñøłšžčřůýíóúŽŠČĐđŁ"
NOISE = ACCENTED + "-/,.'’()  \t" + "0123456789" + "٠١٢٣٤٥٦٧٨٩۰۱۲۳۴۵۶۷۸۹"
CITY_WORDS = ["Dresden", "Leipzig", "Chemnitz", "dresden", "LEIPZIG"]
PREFIXES = ["", "", "", "Stadt ", "Gemeinde ", "Kurort ", "Bad ", "stadt ", "Landkreis ", "LK "]
SUFFIXES = ["", "", "", " Stadt", "/Sachsen", ", Sachsen", " im Vogtland", " in Sachsen", " am See", " bei Dresden",
            "/O.L.", " Land", "  "]


def _typo(rng: random.Random, text: str) -> str:
    if not text:
        return text
    i = rng.randrange(len(text))
    op = rng.randrange(4)
    letter = rng.choice("abcdefghijklmnopqrstuvwxyzäöüß")
    if op == 0:
        return text[:i] + text[i + 1:]
    if op == 1:
        return text[:i] + letter + text[i:]
    if op == 2:
        return text[:i] + letter + text[i + 1:]
    return text[:i] + text[i + 1:i + 2] + text[i:i + 1] + text[i + 2:] if i + 1 < len(text) else text


def _case(rng: random.Random, text: str) -> str:
    return rng.choice([text, text.lower(), text.upper(), text.title(),
                       text.replace("ä", "ae").replace("ö", "oe").replace("ü", "ue").replace("ß", "ss")])


def random_queries(places, count: int, seed: int = 17) -> list[str]:
    rng = random.Random(seed)
    names = sorted({m.name for m in places.municipalities.values()} | {m.official_name for m in places.municipalities.values()}
                   | {loc.name for loc in places.localities} | {p for _, p in places.city_parts}
                   | {n for m in places.municipalities.values() for n in m.other_names})
    codes = sorted({c for m in places.municipalities.values() for c in m.postcodes})
    out: list[str] = []
    while len(out) < count:
        kind = rng.randrange(10)
        name = rng.choice(names)
        if kind == 0:      # postcode forms, also partial and outside Saxony
            code = rng.choice(codes + [f"{rng.randrange(100000):05d}"])
            code = code[:rng.randint(1, 5)] if rng.random() < 0.3 else code
            q = rng.choice(["{c}", "D-{c}", "d {c}", "PLZ {c}", "plz:{c}", "DE-{c}", "{c} " + name, name + " {c}",
                            "{c}", " {c} "]).format(c=code)
        elif kind == 1:    # city and part
            q = rng.choice(CITY_WORDS) + rng.choice(["-", " ", " - ", "/"]) + name
        elif kind == 2:    # a part first, then the city
            q = name + rng.choice([" ", ", "]) + rng.choice(CITY_WORDS)
        elif kind == 3:    # one or two typing mistakes
            q = _typo(rng, name)
            q = _typo(rng, q) if rng.random() < 0.5 else q
        elif kind == 4:    # Cyrillic: random letters, possibly mixed with a name's start
            q = "".join(rng.choice(CYRILLIC) for _ in range(rng.randint(1, 10)))
            q = q.capitalize() if rng.random() < 0.5 else q
        elif kind == 5:    # Arabic/Persian script: letters, marks, digits
            q = "".join(rng.choice(ARABIC + "٠١٢٣٤") for _ in range(rng.randint(1, 8)))
        elif kind == 6:    # prefixes and suffixes
            q = rng.choice(PREFIXES) + name + rng.choice(SUFFIXES)
        elif kind == 7:    # accented noise around words (the `\b` trap: "Grünin", "Müllerbei")
            q = name + rng.choice(ACCENTED) + rng.choice(["in", "im", "am", "bei", "an der"]) + " " + rng.choice(names)
        elif kind == 8:    # a prefix of a name, as while typing
            q = name[:rng.randint(1, max(1, len(name)))]
        else:              # noise characters inside a name
            i = rng.randrange(len(name) + 1)
            q = name[:i] + "".join(rng.choice(NOISE) for _ in range(rng.randint(1, 3))) + name[i:]
        out.append(_case(rng, q))
    return out
