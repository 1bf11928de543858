"""The Markdown report of bench/join_keys.py, from its results."""

from __future__ import annotations

from typing import Any

# Groups shown per list in the report; every group is in the JSON.
SHOWN = 25

# The reading of the run of 2026-12 (hand counts of the pairs listed below the tables).
READING = """## Reading

- The old key's consonant skeleton merges a quarter of the one-word English names (Bush = Bossie =
  Bash = Betsy = Boise, Mary = Moore = Murray = Mayer) and about 5% of the Russian ones
  (Гагарин = Грин). The new key's few groups are mostly one name spelt two ways (Adolf / Adolph
  Hitler, Defence / Defense, Gregory Chamitoff / Грегори Чамитофф, Joshua Wolf / Джошуа Вольф);
  the rest are near-homophones (Backer / Baker, Camp / Kamp, Veld / Weld, Haines / Haynes).
- Spellings of one Russian name: pair recall over all 12 schemes rises, and every press-like
  scheme (Wikipedia, BGN/PCGN, passports, GOST 52290 and 52535, Moscow metro, MVD, Yandex) keys
  like the Cyrillic for 98.8% of the names or more. The scholarly schemes (scientific, GOST 7.79 =
  ISO 9: j for й, c for ц, x for х) stay low: folding c or x would merge English names, and
  English-language news does not use them.
- The cost: English names written in Russian transcription. Of the English/Cyrillic pairs only
  the old key joins (list below), about 25 are one entity (Reagan = Рейган, Nancy Pelosi = Нэнси
  Пелоси, Microsoft = Майкрософт, Greenpeace = Гринпис, Osama bin Laden = Усама бин Ладен, Gore =
  Гор, Al Qaeda = Аль-Каида) and the other 85 or so are different names (Bossie = Буш, Cooper =
  Кипр, Guardian = Гордон, Syracuse = Саркози). Russian spells an English name by its sound, so
  its vowels differ from the English letters, and no folding of transliteration alternations
  recovers those joins without merging names again. Of the pairs the new key joins, all but
  Below = Белов are one entity. Joining English names across scripts is left to the linking step
  (an alias table, or the old skeleton as a candidate checked against the context).
"""


def markdown(r: dict[str, Any]) -> str:
    labels = list(r["keys"])
    out = [
        "# Join keys: different names apart, spellings of one name together (bench/join_keys.py)",
        "",
        "Run: `.venv/bin/python -m bench.join_keys` (4 to 6 minutes on the shared 2-core machine,",
        "most of it spaCy). Compares the first join key, `names.match_key` (consonant skeleton:",
        "vowels dropped), with",
        "`join_keys.name_key` (vowels kept, only transliteration alternations folded: y/i/j, iotated",
        "ye/yo, kh/h, dzh/zh/j, sh/shch, ch/tch, ts/tz/c, soft and hard signs, -iy/-yy/-ii; acronyms",
        "letter for letter in capitals).",
        "",
        f"Names: {r['english_names']} English PERSON/ORG names found by spaCy's small pipeline in",
        "PolNeAR's train and dev articles (`../shared/eval/corpus/polnear_articles.jsonl`, titles",
        f"and possessives trimmed as the entities stage does); {r['russian_names']} Person/Org",
        f"names of the factRuEval-2016 devset gold objects ({r['russian_cyrillic_names']} in",
        "Cyrillic), name parts only, put in the nominative by natasha, case forms of one name merged;",
        f"and each Cyrillic name under {len(r['schemes'])} `iuliia` schemes: {', '.join(r['schemes'])}.",
        "",
        "Names count as different when their strict Latin form (`spelling_key`) differs; one-word",
        "names and longer ones are counted apart (no whole-name key joins Lavrov to Sergei Lavrov).",
        "A shared key may still join two spellings of one name (Adolf / Adolph Hitler): every group",
        "of the new key is listed below, to be read, and so is a sample of the old key's.",
        "",
        "## Collisions: different names, one key",
        "",
        "| list | names | " + " | ".join(f"{label}: keys shared / names sharing" for label in labels) + " |",
        "|---|---|" + "---|" * len(labels),
    ]
    for lst in ("english", "russian"):
        for length in ("one_word", "several_words"):
            first = r["keys"][labels[0]][lst][length]
            cells = [
                f"{r['keys'][label][lst][length]['shared_keys']} / "
                f"{r['keys'][label][lst][length]['names_sharing']} "
                f"({100 * r['keys'][label][lst][length]['share_of_names']:.1f}%)"
                for label in labels
            ]
            out.append(
                f"| {lst}, {length.replace('_', ' ')} | {first['names']} | " + " | ".join(cells) + " |"
            )
    cells = [
        f"{r['keys'][label]['transliterations']['shared_keys']} / "
        f"{r['keys'][label]['transliterations']['names_sharing']}"
        for label in labels
    ]
    out.append(
        f"| russian, all spellings of each name | {r['russian_cyrillic_names']} | " + " | ".join(cells) + " |"
    )
    cells = [str(r["keys"][label]["cross_script"]["joined_keys"]) for label in labels]
    out += [
        "| english x russian: keys joining the two lists | | " + " | ".join(cells) + " |",
        "",
        "## Variant recall: spellings of one Russian name under one key",
        "",
        "| key | pairs of spellings | pair recall | " + " | ".join(r["schemes"]) + " |",
        "|---|---|---|" + "---|" * len(r["schemes"]),
    ]
    for label in labels:
        v = r["keys"][label]["variants"]
        schemes = " | ".join(f"{v['per_scheme'][s]:.3f}" for s in r["schemes"])
        out.append(f"| {label} | {v['pairs']} | {v['pair_recall']:.3f} | {schemes} |")
    out += [
        "",
        "## Hand cases",
        "",
        "| kind | names | " + " | ".join(labels) + " |",
        "|---|---|" + "---|" * len(labels),
    ]
    for row in r["hand_cases"]:
        cells = [
            ("ok: " if row[f"{label} right"] else "WRONG: ") + ", ".join(f"`{k}`" for k in row[label])
            for label in labels
        ]
        out.append(f"| {row['kind']} | {' / '.join(row['names'])} | " + " | ".join(cells) + " |")
    for label in labels:
        out += ["", f"## Groups under {label}", ""]
        for lst in ("english", "russian"):
            for length in ("one_word", "several_words"):
                groups = r["keys"][label][lst][length]["groups"]
                shown = list(groups.items())[:SHOWN]
                out.append(
                    f"- {lst}, {length.replace('_', ' ')} ({len(groups)} groups"
                    + (f", first {SHOWN}" if len(groups) > SHOWN else "")
                    + "): "
                    + "; ".join(f"`{k}` {' = '.join(v)}" for k, v in shown)
                )
        groups = r["keys"][label]["transliterations"]["groups"]
        shown = list(groups.items())[:SHOWN]
        out.append(
            f"- transliterations ({len(groups)} groups): "
            + "; ".join(f"`{k}` {' = '.join(v)}" for k, v in shown)
        )
    out += ["", READING]
    out += ["", "## Cross-script joins (an English name and a Cyrillic one under one key)", ""]
    new, old = labels[-1], labels[0]
    new_pairs = {tuple(p) for p in r["keys"][new]["cross_script"]["pairs"]}
    old_pairs = {tuple(p) for p in r["keys"][old]["cross_script"]["pairs"]}
    for title, pairs in (
        (f"under {new}", sorted(new_pairs)),
        (f"under {old} only", sorted(old_pairs - new_pairs)),
    ):
        listed = ", ".join(f"{a} = {b}" for a, b in pairs)
        out.append(f"- {title} ({len(pairs)} pairs): {listed}")
    return "\n".join(out) + "\n"
