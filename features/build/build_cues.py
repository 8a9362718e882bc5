"""Check features/cues.csv (and features/modifiers.csv) against the CAMEO codebooks.

features/cues.csv is the cue lexicon the feature extractors read: one row per word
or phrase of news English that signals cooperation or conflict between states, with
the CAMEO event code it typically signals and that code's Goldstein weight, quad
class and PLOVER event type. The choice of cues and of the code for each cue is the
stance developers' judgement; the weights come from the codebooks, which this script
reads:

    CAMEO.eventcodes.txt      code -> name (a code must exist here)
    CAMEO.goldsteinscale.txt  code -> Goldstein weight (-10..+10)
    CAMEO2PLOVER-2021.txt     code -> PLOVER event type (codes 01x and 02x have none)

Run from anywhere, with the project venv (standard library + pandas only):

    /work/venv/bin/python features/build/build_cues.py            # validate
    /work/venv/bin/python features/build/build_cues.py --fill     # rewrite derived columns, then validate
    /work/venv/bin/python features/build/build_cues.py --summary  # also print counts
    ... [--codebooks DIR]   default: ../shared/data/codebooks from the repository root

With --fill the columns goldstein, plover and quad are rewritten from the codebooks
for every row (goldstein exactly as the codebook writes it; plover kept when it is
one of the types the table gives for the code, else the table's first type, else
empty), and the file is written back. Add or edit a cue by filling in cue, pos,
match, cameo, polarity, source and note, then run --fill.

Checks (any failure is printed and the exit status is 1):

cues.csv
  * header is exactly cue,pos,match,cameo,goldstein,quad,plover,polarity,source,note
  * cue is lower case, trimmed, single-spaced; (cue, pos) is unique
  * pos is verb, noun, adj or phrase; a cue of several words has pos phrase and a
    one-word cue (hyphenated words count as one) does not
  * match is lemma or exact
  * cameo exists in CAMEO.eventcodes.txt (codes are strings: "042", not 42)
  * goldstein equals the codebook weight of that code
  * plover is one of the table's types for that code, or empty where the table
    gives none
  * quad matches the code's root: 01-05 verbal_cooperation, 06-08
    material_cooperation, 09-13 verbal_conflict, 14-20 material_conflict
    (roots 01-02, statements and appeals, count as verbal cooperation)
  * polarity is -1, 0 or 1; for roots 03-20 it is the sign of the quad
    (+1 cooperation, -1 conflict); for roots 01-02 it is free (0 for neutral
    statements and appeals whose direction depends on the content) but must not
    contradict the sign of a non-zero Goldstein weight
  * source is "stance; cameo-goldstein"

modifiers.csv
  * header is exactly cue,type,scope,side,source,note; cue lower case and unique
  * type, scope and side as stance.lexicon reads them (MODIFIER_TYPES: negation, hedge,
    reversal or appeal; scope an integer from 1 to MAX_SCOPE, 16; MODIFIER_SIDES: after
    or before); source is stance

Warnings (printed, exit status unaffected): the same surface form produced by two
rows (see the matching contract), and exact rows that a lemma row already covers.

Matching contract (what the matcher reading this file is expected to do)
  * case-insensitive, whole tokens;
  * match=exact: the cue as written (only the case may differ);
  * match=lemma: the cue plus its regular inflections: -s, -es, -ed / -d, -ing
    (dropping a final silent e: "praise" -> "praising"), -ies / -ied after a
    consonant + y ("deny" -> "denies", "denied"), and a doubled final consonant
    ("slam" -> "slammed", "expel" -> "expelled"). In a phrase only the first word
    is inflected ("hold talks" -> "holding talks"). Irregular forms have rows of
    their own with match=exact ("met", "held talks", "struck", "shot down"), and so
    do plurals of noun phrases ("joint exercises");
  * phrases are written without articles and possessives ("summon ambassador",
    "sign agreement", "recall ambassador"); the matcher lets a few words stand
    between the words of a phrase (stance/lexicon.py allows three: "summoned the
    ambassador", "recalled its ambassador", "signed a new agreement");
  * where matches overlap, the longest wins ("trade war" over "war", "struck deal"
    over "struck", "lift sanctions" over "sanctions").
"""
from __future__ import annotations

import argparse
import math
import re
import sys
from pathlib import Path

import pandas as pd

sys.path.insert(0, str(Path(__file__).resolve().parents[2]))
from stance.lexicon import MAX_SCOPE, MODIFIER_SIDES, MODIFIER_TYPES, inflections  # noqa: E402  (the matcher's own)

ROOT = Path(__file__).resolve().parents[2]
FEATURES = ROOT / 'features'
CUES = FEATURES / 'cues.csv'
MODIFIERS = FEATURES / 'modifiers.csv'
DEFAULT_CODEBOOKS = ROOT.parent / 'shared' / 'data' / 'codebooks'

COLUMNS = ['cue', 'pos', 'match', 'cameo', 'goldstein', 'quad', 'plover', 'polarity',
           'source', 'note']
MOD_COLUMNS = ['cue', 'type', 'scope', 'side', 'source', 'note']
POS = {'verb', 'noun', 'adj', 'phrase'}
MATCH = {'lemma', 'exact'}
MOD_TYPES = set(MODIFIER_TYPES)
SOURCE = 'stance; cameo-goldstein'
MOD_SOURCE = 'stance'
QUADS = {  # root -> quad; 01-02 (statements, appeals) go with verbal cooperation
    **{r: 'verbal_cooperation' for r in range(1, 6)},
    **{r: 'material_cooperation' for r in range(6, 9)},
    **{r: 'verbal_conflict' for r in range(9, 14)},
    **{r: 'material_conflict' for r in range(14, 21)},
}
QUAD_SIGN = {'verbal_cooperation': 1, 'material_cooperation': 1,
             'verbal_conflict': -1, 'material_conflict': -1}
CODE = re.compile(r'^\d{2,4}$')


# --------------------------------------------------------------------- codebooks
def _read_table(path: Path) -> list[list[str]]:
    lines = path.read_text(encoding='utf-8', errors='replace').splitlines()
    rows = [line.split('\t') for line in lines[1:] if line.strip()]
    return [[cell.strip() for cell in row] for row in rows]


def read_codebooks(directory: Path) -> dict:
    """Return {'names': code->name, 'goldstein': code->str, 'plover': code->[types]}."""
    names = {row[0]: row[1] if len(row) > 1 else '' for row in
             _read_table(directory / 'CAMEO.eventcodes.txt')}
    goldstein = {row[0]: row[1] for row in _read_table(directory / 'CAMEO.goldsteinscale.txt')}
    plover: dict[str, list[str]] = {}
    for line in (directory / 'CAMEO2PLOVER-2021.txt').read_text(encoding='utf-8').splitlines():
        m = re.match(r'^\s*(\d{2,4})\s*:\s*([A-Z_]+)', line)
        if m:
            types = plover.setdefault(m.group(1), [])
            if m.group(2) not in types:
                types.append(m.group(2))
    for code, value in goldstein.items():
        float(value)  # fail loudly on a malformed weight
    return {'names': names, 'goldstein': goldstein, 'plover': plover}


def quad_for(code: str) -> str:
    return QUADS[int(code[:2])]


# ---------------------------------------------------------------- surface forms
def surface_forms(cue: str, match: str) -> set[str]:
    if match != 'lemma':
        return {cue}
    first, _, rest = cue.partition(' ')
    return {f'{form} {rest}'.strip() for form in inflections(first)}


# ------------------------------------------------------------------- validation
def _sign(x: float) -> int:
    return (x > 0) - (x < 0)


def check_cues(cues: pd.DataFrame, books: dict, name: str = 'cues.csv') -> tuple[list[str], list[str]]:
    problems: list[str] = []
    warnings: list[str] = []
    if list(cues.columns) != COLUMNS:
        return [f'{name}: header is {list(cues.columns)}, expected {COLUMNS}'], warnings
    for i, row in cues.iterrows():
        where = f'{name} line {i + 2} ({row.cue!r})'
        cue = row.cue
        if not cue or cue != cue.strip() or cue != cue.lower() or '  ' in cue:
            problems.append(f'{where}: cue must be lower case, trimmed, single-spaced')
        if row.pos not in POS:
            problems.append(f'{where}: pos {row.pos!r} not in {sorted(POS)}')
        elif (' ' in cue) != (row.pos == 'phrase'):
            problems.append(f'{where}: pos phrase is for cues of several words, and only for them')
        if row.match not in MATCH:
            problems.append(f'{where}: match {row.match!r} not in {sorted(MATCH)}')
        if row.source != SOURCE:
            problems.append(f'{where}: source {row.source!r}, expected {SOURCE!r}')
        try:
            polarity = int(row.polarity)
            if polarity not in (-1, 0, 1):
                raise ValueError
        except ValueError:
            problems.append(f'{where}: polarity {row.polarity!r} is not -1, 0 or 1')
            polarity = None
        code = row.cameo
        if not CODE.match(code) or code not in books['names']:
            problems.append(f'{where}: cameo {code!r} is not a code of CAMEO.eventcodes.txt')
            continue
        weight = books['goldstein'].get(code)
        if weight is None:
            problems.append(f'{where}: cameo {code} has no Goldstein weight')
            continue
        try:
            ok = math.isclose(float(row.goldstein), float(weight), abs_tol=1e-9)
        except ValueError:
            ok = False
        if not ok:
            problems.append(f'{where}: goldstein {row.goldstein!r}, codebook says {weight} for {code}')
        allowed = books['plover'].get(code, [])
        if allowed and row.plover not in allowed:
            problems.append(f'{where}: plover {row.plover!r}, table says {"/".join(allowed)} for {code}')
        if not allowed and row.plover:
            problems.append(f'{where}: plover {row.plover!r}, but the table gives no type for {code}')
        quad = quad_for(code)
        if row.quad != quad:
            problems.append(f'{where}: quad {row.quad!r}, root {code[:2]} is {quad}')
        if polarity is not None:
            if int(code[:2]) >= 3 and polarity != QUAD_SIGN[quad]:
                problems.append(f'{where}: polarity {polarity} contradicts quad {quad}')
            if polarity and float(weight) and polarity != _sign(float(weight)):
                problems.append(f'{where}: polarity {polarity} contradicts Goldstein {weight}')

    dup = cues[cues.duplicated(['cue', 'pos'], keep=False)]
    for (cue, pos), _ in dup.groupby(['cue', 'pos']):
        problems.append(f'{name}: duplicate row ({cue!r}, {pos})')
    for cue, group in cues[cues.duplicated('cue', keep=False)].groupby('cue'):
        warnings.append(f'{name}: {cue!r} has rows for pos {", ".join(group.pos)}')

    seen: dict[str, list[int]] = {}
    for i, row in cues.iterrows():
        for form in surface_forms(row.cue, row.match):
            seen.setdefault(form, []).append(i)
    for form, rows in sorted(seen.items()):
        if len(rows) > 1:
            desc = '; '.join(f'{cues.cue[r]} ({cues.match[r]}, {cues.cameo[r]})' for r in rows)
            warnings.append(f'{name}: surface form {form!r} comes from several rows: {desc}')
    return problems, warnings


def check_modifiers(mods: pd.DataFrame, name: str = 'modifiers.csv') -> list[str]:
    problems = []
    if list(mods.columns) != MOD_COLUMNS:
        return [f'{name}: header is {list(mods.columns)}, expected {MOD_COLUMNS}']
    for i, row in mods.iterrows():
        where = f'{name} line {i + 2} ({row.cue!r})'
        if not row.cue or row.cue != row.cue.strip().lower() or '  ' in row.cue:
            problems.append(f'{where}: cue must be lower case, trimmed, single-spaced')
        if row.type not in MOD_TYPES:
            problems.append(f'{where}: type {row.type!r} not in {sorted(MOD_TYPES)}')
        if not row.scope.isdigit() or not 1 <= int(row.scope) <= MAX_SCOPE:
            problems.append(f'{where}: scope {row.scope!r} is not an integer 1-{MAX_SCOPE}')
        if row.side not in MODIFIER_SIDES:
            problems.append(f'{where}: side {row.side!r} not in {list(MODIFIER_SIDES)}')
        if row.source != MOD_SOURCE:
            problems.append(f'{where}: source {row.source!r}, expected {MOD_SOURCE!r}')
    for cue in sorted(set(mods.cue[mods.cue.duplicated()])):
        problems.append(f'{name}: duplicate cue {cue!r}')
    return problems


# ------------------------------------------------------------------------- fill
def fill(cues: pd.DataFrame, books: dict) -> pd.DataFrame:
    cues = cues.copy()
    for i, row in cues.iterrows():
        code = row.cameo
        if code not in books['goldstein']:
            continue  # reported by the check
        cues.at[i, 'goldstein'] = books['goldstein'][code]
        allowed = books['plover'].get(code, [])
        cues.at[i, 'plover'] = row.plover if row.plover in allowed else (allowed[0] if allowed else '')
        cues.at[i, 'quad'] = quad_for(code)
    return cues


def read_csv(path: Path) -> pd.DataFrame:
    return pd.read_csv(path, dtype=str, keep_default_na=False, encoding='utf-8')


def summary(cues: pd.DataFrame) -> str:
    table = pd.crosstab(cues.quad, cues.polarity.astype(int), margins=True, margins_name='all')
    roots = cues.cameo.str[:2].value_counts().sort_index()
    return (f'{len(cues)} cues\n{table.to_string()}\n\nrows by CAMEO root:\n'
            + ' '.join(f'{r}:{n}' for r, n in roots.items()))


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split('\n\n')[0])
    parser.add_argument('--codebooks', type=Path, default=DEFAULT_CODEBOOKS,
                        help='folder with the three CAMEO codebook files (default: %(default)s)')
    parser.add_argument('--cues', type=Path, default=CUES, help=argparse.SUPPRESS)
    parser.add_argument('--modifiers', type=Path, default=MODIFIERS, help=argparse.SUPPRESS)
    parser.add_argument('--fill', action='store_true',
                        help='rewrite goldstein, plover and quad from the codebooks, then check')
    parser.add_argument('--summary', action='store_true', help='print counts by quad and polarity')
    parser.add_argument('--quiet', action='store_true', help='do not print warnings')
    args = parser.parse_args(argv)

    books = read_codebooks(args.codebooks)
    cues = read_csv(args.cues)
    if args.fill and list(cues.columns) == COLUMNS:
        cues = fill(cues, books)
        cues.to_csv(args.cues, index=False, lineterminator='\n')
        print(f'filled goldstein, plover and quad for {len(cues)} rows of {args.cues}')
    problems, warnings = check_cues(cues, books, args.cues.name)
    if args.modifiers.exists():
        problems += check_modifiers(read_csv(args.modifiers), args.modifiers.name)
    if not args.quiet:
        for warning in warnings:
            print(f'warning: {warning}')
    for problem in problems:
        print(f'problem: {problem}')
    if args.summary and not problems:
        print(summary(cues))
    print(f'{args.cues.name}: {len(cues)} rows, {len(problems)} problems, {len(warnings)} warnings')
    return 1 if problems else 0


if __name__ == '__main__':
    sys.exit(main())
