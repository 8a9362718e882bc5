"""Check features/leaders.csv against the third-party leader lists.

Run with the project venv (stdlib + pandas only):

    /work/venv/bin/python features/build/check_leaders.py [--data DIR] [--sources]

What it reports for features/leaders.csv:

1. schema problems: columns, roles, date format, start <= end, empty aliases;
2. Archigos 4.1 (effective leaders, to 2015-12-31): for every Archigos spell
   that was running on or after 2000-01-01 in a country present in the files,
   the matching head row(s) (head_of_state / head_of_government /
   head_of_state_and_government) and any start or end that differs by more
   than 31 days (spells of one leader less than 62 days apart are joined
   first; a row is credited when its own start or end was compared).
   Spells shorter than 62 days (caretakers) are listed
   separately when no row matches them.  Known differences in convention
   (Archigos' "effective leader" is not always the holder of the office) are
   listed apart, with the reason, under KNOWN;
3. CountryInfo (leaders ~1960-2009, government members 2003-2011, dates to the
   month): heads and foreign/defence ministers whose dates differ by more
   than 62 days (month rounding makes a tighter bound noisy);
4. Phoenix (petrarch2 actor dictionary, to about 2014): rows whose name is in
   the dictionary for that country but with no dated code within 62 days of
   the row's start (informational only: its codes cover any government job).

With --sources it also prints, per row, which of the three lists confirm it
(archigos41 > countryinfo > petrarch2-phoenix > public-record) and rows whose
`source` column names a list that does not confirm them.

Exit status is 1 when there are schema problems, 0 otherwise; date
differences are for a human to review.
"""
from __future__ import annotations

import argparse
import difflib
import re
import sys
import unicodedata
from datetime import date, timedelta
from pathlib import Path

import pandas as pd

ROOT = Path(__file__).resolve().parents[2]
FEATURES = ROOT / 'features'
DEFAULT_DATA = ROOT.parent / 'shared' / 'data' / 'gazetteer'

COLUMNS = ['country', 'name', 'aliases', 'role', 'title', 'start', 'end', 'source']
ROLES = {'head_of_state', 'head_of_government', 'head_of_state_and_government',
         'foreign_minister', 'defence_minister'}
HEAD_ROLES = {'head_of_state', 'head_of_government', 'head_of_state_and_government'}
SOURCES = {'archigos41', 'countryinfo', 'petrarch2-phoenix', 'public-record', 'public-record-recent'}
ARCHIGOS_TOL = 31
CI_TOL = 62
PHOENIX_TOL = 62
SHORT_SPELL = 62
ARCHIGOS_END = date(2015, 12, 31)
OPEN = date(9999, 12, 31)

# Gleditsch-Ward codes used by Archigos where they differ from the COW code
# that CountryInfo gives (or CountryInfo has none).
GW_OVERRIDES = {
    'USA': [2], 'DEU': [255, 260], 'SRB': [340, 345], 'YEM': [678, 679],
    'JPN': [740], 'RUS': [365], 'GBR': [200], 'KOR': [732], 'PRK': [731],
    'COD': [490], 'COG': [484], 'CZE': [315, 316], 'VNM': [816, 817],
    'ETH': [530], 'SDN': [625], 'SSD': [626], 'TLS': [860], 'MNE': [341],
    'KOS': [347], 'XKX': [347],
}

# Archigos obsid -> why a >31-day difference is a convention, not an error.
KNOWN = {
    'CHN-1997': 'Archigos dates paramount leadership from Deng\'s death; Jiang '
                'was state president from 1993-03-27',
    'CHN-2003': 'Archigos ends Hu at the party congress (2012-11-15); he was '
                'state president until 2013-03-14',
    'CHN-2012': 'Archigos starts Xi at the party congress (2012-11-15); state '
                'president from 2013-03-14',
    'SAU-1996': 'Archigos counts Crown Prince Abdullah as effective ruler from '
                'King Fahd\'s stroke; he was king from 2005-08-01',
    'JPN-2000-1': 'Mikio Aoki, acting PM for 3 days, not listed (acting < 2 months)',
    'ARG-2001-1': 'Ramon Puerta, acting president for 2 days, not listed',
}


# --------------------------------------------------------------- helpers ---
def norm(s: str) -> str:
    s = unicodedata.normalize('NFKD', str(s))
    s = ''.join(ch for ch in s if not unicodedata.combining(ch))
    s = s.replace('ı', 'i').replace('’', "'")
    return re.sub(r'[^a-z0-9]+', ' ', s.lower()).strip()


STOP = {'de', 'da', 'la', 'del', 'di', 'bin', 'ibn', 'al', 'el', 'van', 'von',
        'der', 'zu', 'the', 'abd', 'abdul', 'abdulaziz', 'abdilaziz', 'aziz',
        'saud', 'jr', 'sir', 'king', 'queen', 'president', 'prince', 'mr',
        'dr', 'emperor', 'crown'}


def tokens(s: str) -> set[str]:
    return {t for t in norm(s).split() if len(t) >= 2 and t not in STOP}


def d(s) -> date | None:
    if s is None or (isinstance(s, float) and pd.isna(s)) or str(s).strip() == '':
        return None
    return date.fromisoformat(str(s).strip())


def lenient(y: int, m: int, dd: int) -> date:
    m = min(max(m, 1), 12)
    for day in (dd, 30, 29, 28):
        try:
            return date(y, m, max(day, 1))
        except ValueError:
            continue
    return date(y, m, 1)


def ymd8(s: str) -> date:
    return lenient(int(s[:4]), int(s[4:6]), int(s[6:8]))


def ymd6(s: str) -> date:
    yy = int(s[:2])
    return lenient((2000 if yy <= 30 else 1900) + yy, int(s[2:4]), int(s[4:6]))


def days(a: date, b: date) -> int:
    return abs((a - b).days)


def fmt(x: date | None) -> str:
    return '' if x is None or x == OPEN else x.isoformat()


# ----------------------------------------------------------------- input ---
def load_parts() -> tuple[pd.DataFrame, list[str]]:
    problems: list[str] = []
    frames = []
    for path in sorted([FEATURES / 'leaders.csv']):
        df = pd.read_csv(path, dtype=str, keep_default_na=False, encoding='utf-8')
        if list(df.columns) != COLUMNS:
            problems.append(f'{path.name}: columns {list(df.columns)} != {COLUMNS}')
            continue
        df['file'] = path.name
        df['line'] = range(2, len(df) + 2)
        frames.append(df)
    if not frames:
        return pd.DataFrame(columns=COLUMNS + ['file', 'line']), problems
    df = pd.concat(frames, ignore_index=True)
    for r in df.itertuples():
        where = f'{r.file}:{r.line}'
        if not re.fullmatch(r'[A-Z]{3}', r.country):
            problems.append(f'{where}: country {r.country!r} is not ISO3')
        if r.role not in ROLES:
            problems.append(f'{where}: role {r.role!r}')
        if r.source not in SOURCES:
            problems.append(f'{where}: source {r.source!r}')
        if not r.name.strip() or not r.title.strip() or r.title != r.title.lower():
            problems.append(f'{where}: empty name or title not lower case')
        als = [x for x in r.aliases.split('|')]
        if not r.aliases or any(not x.strip() or x != x.strip() for x in als):
            problems.append(f'{where}: aliases empty or with blank/padded items')
        try:
            s, e = d(r.start), d(r.end)
            if s is None:
                problems.append(f'{where}: empty start')
            elif e is not None and e < s:
                problems.append(f'{where}: end {r.end} before start {r.start}')
        except ValueError:
            problems.append(f'{where}: bad date {r.start!r}/{r.end!r}')
    dup = df[df.duplicated(['country', 'name', 'role', 'start'], keep=False)]
    for r in dup.itertuples():
        problems.append(f'{r.file}:{r.line}: duplicate row {r.country} {r.name} {r.role} {r.start}')
    df['s'] = df['start'].map(lambda x: d(x) if re.fullmatch(r'\d{4}-\d{2}-\d{2}', x) else None)
    df['e'] = df['end'].map(lambda x: d(x) if re.fullmatch(r'\d{4}-\d{2}-\d{2}', x) else OPEN)
    df['tok'] = [tokens(n) | set().union(*[tokens(a) for a in al.split('|')])
                 for n, al in zip(df['name'], df['aliases'])]
    return df, problems


def read_countryinfo(path: Path):
    text = path.read_bytes().decode('utf-8', errors='replace')
    countries = {}
    for block in text.split('<Country>')[1:]:
        code = re.search(r'<CountryCode>\s*(\w+)', block)
        iso = re.search(r'<ISO3166-alpha3>\s*(\w+)', block)
        cow = re.search(r'<COW-Numeric>\s*(\d+)', block)
        key = code.group(1) if code else (iso.group(1) if iso else None)
        if not key:
            continue
        leaders = []
        L = re.search(r'<Leaders>(.*?)</Leaders>', block, re.S)
        if L:
            section = ''
            for line in L.group(1).splitlines():
                m = re.match(r'\s*<([^/][^>]*)>', line)
                if m:
                    section = m.group(1).lower()
                    continue
                m = re.match(r'\s*([{}A-Z0-9_.\'\-]+)\s+(.*)$', line)
                if not m or line.strip().startswith('<'):
                    continue
                names = re.findall(r'\{([^}]*)\}', m.group(1)) or [m.group(1)]
                for rng in re.findall(r'\[([<>]?\d{8})(?:\s*-\s*(\d{8}))?\]', m.group(2)):
                    a, b = rng
                    if a.startswith('>'):
                        s, e = ymd8(a[1:]), None
                    elif a.startswith('<'):
                        s, e = None, ymd8(a[1:])
                    else:
                        s, e = ymd8(a), (ymd8(b) if b else None)
                    leaders.append((section, names, s, e))
        gov = []
        G = re.search(r'<Government>(.*?)</Government>', block, re.S)
        if G:
            for line in G.group(1).splitlines():
                if '#' not in line or '[' not in line:
                    continue
                body, comment = line.split('#', 1)
                names = re.findall(r'\{([^}]*)\}', body) or [body.split('[')[0].strip()]
                brackets = re.findall(r'\[([A-Z]{3}[A-Z]*)\s+([^\]]*)\]', body)
                titles = [t.strip() for t in comment.split('&')]
                if len(titles) == len(brackets):
                    pairs = list(zip(brackets, titles))
                elif len(titles) == 1:
                    pairs = [(b, titles[0]) for b in brackets]
                else:
                    continue
                for (codes, rng), title in pairs:
                    rng = rng.strip()
                    m2 = re.fullmatch(r'(\d{8})\s*-\s*(\d{8})', rng)
                    if m2:
                        s, e = ymd8(m2.group(1)), ymd8(m2.group(2))
                    elif rng.startswith('>'):
                        s, e = ymd8(rng[1:9]), None
                    elif rng.startswith('<'):
                        s, e = None, ymd8(rng[1:9])
                    else:
                        continue
                    gov.append((title, names, s, e))
        clean = bool(code and iso and code.group(1) == iso.group(1))
        # a territory block may carry its sovereign's code (Jersey: GBR):
        # never let it replace the block whose code and ISO3 agree
        if key in countries and countries[key]['clean'] and not clean:
            continue
        countries[key] = {'cow': int(cow.group(1)) if cow else None,
                          'leaders': leaders, 'gov': gov, 'clean': clean}
    return countries


def read_phoenix(path: Path):
    """{ISO3: [(tokens of every form, [(start, end), ...]), ...]}"""
    out: dict[str, list] = {}
    forms: list[str] = []
    ranges: dict[str, list] = {}

    def flush():
        if forms and ranges:
            tok = set().union(*[tokens(f.replace('_', ' ')) for f in forms])
            full = {norm(f.replace('_', ' ')) for f in forms}
            for iso, rr in ranges.items():
                out.setdefault(iso, []).append((tok, full, rr))

    for raw in path.read_text(encoding='utf-8', errors='replace').splitlines():
        line = raw.split('#', 1)[0].rstrip()
        if not line.strip():
            continue
        if raw[:1] in ' \t':
            for code, rng in re.findall(r'\[([A-Z]{3})[A-Z]*\s+([^\]]+)\]', line):
                rng = rng.strip()
                m = re.fullmatch(r'(\d{6}|\d{8})\s*-\s*(\d{6}|\d{8})', rng)
                p = (lambda x: ymd8(x) if len(x) == 8 else ymd6(x))
                if m:
                    ranges.setdefault(code, []).append((p(m.group(1)), p(m.group(2))))
                elif re.fullmatch(r'>(\d{6}|\d{8})', rng):
                    ranges.setdefault(code, []).append((p(rng[1:]), None))
                elif re.fullmatch(r'<(\d{6}|\d{8})', rng):
                    ranges.setdefault(code, []).append((None, p(rng[1:])))
        elif line.startswith('+'):
            forms.append(line[1:].strip())
        else:
            flush()
            forms, ranges = [line.split('[')[0].strip()], {}
    flush()
    return out


# ---------------------------------------------------------------- checks ---
def overlap(want: set[str], have: set[str]) -> int:
    """Tokens of `want` found in `have`, allowing a typo in long tokens
    (Archigos spells "Ilhma Aliyev")."""
    n = 0
    for w in want:
        if w in have or (len(w) >= 5 and any(
                len(h) >= 5 and difflib.SequenceMatcher(None, w, h).ratio() >= 0.8
                for h in have)):
            n += 1
    return n


def best_rows(rows: pd.DataFrame, name: str) -> pd.DataFrame:
    """Rows of the person whose tokens best match `name` (>= 1 token)."""
    want = tokens(name)
    if not want or rows.empty:
        return rows.iloc[0:0]
    score = rows['tok'].map(lambda t: overlap(want, t))
    # a bare common token (e.g. a Korean surname) must not decide alone
    top = score.max()
    if top == 0 or (top == 1 and len(want) > 1 and
                    (score == 1).sum() > rows.loc[score == 1, 'name'].nunique() > 1):
        return rows.iloc[0:0]
    names = rows.loc[score == top, 'name'].unique()
    return rows[rows['name'].isin(names)]


def merge_spells(arch: pd.DataFrame) -> pd.DataFrame:
    """Join spells of one leader that follow within SHORT_SPELL days (an
    acting spell, then the elected term, split by a caretaker)."""
    arch = arch.sort_values(['gwcode', 's']).reset_index(drop=True)
    keep, last = [], {}
    for i, r in arch.iterrows():
        key = (r.gwcode, norm(r.leader))
        j = last.get(key)
        if j is not None and (r.s - arch.at[j, 'e']).days <= SHORT_SPELL:
            arch.at[j, 'e'] = max(arch.at[j, 'e'], r.e)
            arch.at[j, 'obsid'] = f'{arch.at[j, "obsid"]}+{r.obsid}'
            continue
        last[key] = i
        keep.append(i)
    return arch.loc[keep]


def check_archigos(df, arch, gw_of):
    diffs, explained, unmatched, matched_idx = [], [], [], set()
    for iso in sorted(df['country'].unique()):
        codes = gw_of(iso)
        heads = df[(df['country'] == iso) & df['role'].isin(HEAD_ROLES)]
        spells = arch[arch['gwcode'].isin(codes) & (arch['e'] >= date(2000, 1, 1))]
        for sp in spells.itertuples():
            known = KNOWN.get(sp.obsid.split('+')[0])
            censored = sp.e >= ARCHIGOS_END
            cand = best_rows(heads, sp.leader)
            lo, hi = sp.s - timedelta(ARCHIGOS_TOL), sp.e + timedelta(ARCHIGOS_TOL)
            cand = cand[(cand['s'] <= hi) & (cand['e'] >= lo)]
            label = f'{iso} {sp.obsid} {sp.leader} [{fmt(sp.s)} .. {fmt(sp.e)}{" (censored)" if censored else ""}]'
            if cand.empty:
                if (sp.e - sp.s).days < SHORT_SPELL:
                    unmatched.append(f'{label}: short spell, no row (acting?)'
                                     + (f' -- KNOWN: {known}' if known else ''))
                else:
                    (explained if known else diffs).append(
                        f'{label}: no head row for this person overlaps the spell'
                        + (f' -- KNOWN: {known}' if known else ''))
                continue
            ds = min(days(s, sp.s) for s in cand['s'])
            if censored:
                de = 0 if (cand['e'] >= ARCHIGOS_END - timedelta(ARCHIGOS_TOL)).any() else \
                    min(days(e, sp.e) for e in cand['e'])
            else:
                de = min(days(e if e != OPEN else date.today(), sp.e) for e in cand['e'])
            rows = '; '.join(f'{r.role} {r.start}..{r.end}' for r in cand.itertuples())
            if ds > ARCHIGOS_TOL or de > ARCHIGOS_TOL:
                msg = f'{label}: start off by {ds}d, end off by {de}d -> rows: {rows}'
                if known:
                    explained.append(msg + f' -- KNOWN: {known}')
                else:
                    diffs.append(msg)
            else:
                # credit the rows whose own start / end were compared
                matched_idx.add(min(cand.itertuples(), key=lambda r: days(r.s, sp.s)).Index)
                if censored:
                    matched_idx.update(r.Index for r in cand.itertuples()
                                       if r.e >= ARCHIGOS_END - timedelta(ARCHIGOS_TOL))
                else:
                    matched_idx.add(min(cand.itertuples(),
                                        key=lambda r: days(min(r.e, date.today()), sp.e)).Index)
    return diffs, explained, unmatched, matched_idx


def classify(title: str) -> str | None:
    t = title.lower()
    if re.search(r'deputy|vice|assistant|ambassador|representative|chief|commander|'
                 r'cdr\.|secretary to|presidential secretary|minister of state for|'
                 r'state minister|industry|veterans|acting', t):
        return None
    if re.search(r'foreign (affairs|relations|minister)|external affairs|'
                 r'international relations|^secretary of state$', t):
        return 'foreign_minister'
    if re.search(r'defen[cs]e|armed forces', t) and 'civil defen' not in t and \
            re.search(r'minister|secretary', t):
        return 'defence_minister'
    return None


HOS_SECTIONS = r'president|king|queen|emperor|empress|monarch|chairm[ae]n of the (council of state|presidium)'
HOG_SECTIONS = r'prime minister|premier|chancellor'
CI_GOV_START = date(2003, 1, 1)     # government members are listed from 2003
CI_OPEN_END = date(2008, 6, 1)      # an open term there ends at compile time (2008-2011)


def person_intervals(rows: pd.DataFrame) -> list[tuple[date, date, list]]:
    """Merge one person's rows of one kind when they follow within 31 days."""
    out: list[list] = []
    for r in rows.sort_values('s').itertuples():
        if out and (r.s - out[-1][1]).days <= ARCHIGOS_TOL:
            out[-1][1] = max(out[-1][1], r.e)
            out[-1][2].append(r.Index)
        else:
            out.append([r.s, r.e, [r.Index]])
    return [tuple(x) for x in out]


def check_countryinfo(df, ci):
    """Compare merged CountryInfo terms with merged rows of the same person."""
    notes, matched_idx = [], set()
    for iso in sorted(df['country'].unique()):
        if iso not in ci:
            continue
        rows = df[df['country'] == iso]
        has_hos = any(re.search(HOS_SECTIONS, sec) for sec, *_ in ci[iso]['leaders'])
        kinds = {}
        for r in rows.itertuples():
            if r.role == 'head_of_state' or (r.role == 'head_of_state_and_government' and has_hos):
                k = 'hos'
            elif r.role in HEAD_ROLES:
                k = 'hog'
            else:
                k = r.role
            kinds.setdefault((k, r.name), []).append(r.Index)
        entries = []   # (kind, names, start, end)
        for sec, names, s, e in ci[iso]['leaders']:
            if re.search(r'vice|deputy|junta|cabinet chief|governor|secretar|party', sec):
                continue
            k = 'hos' if re.search(HOS_SECTIONS, sec) else 'hog' if re.search(HOG_SECTIONS, sec) else None
            if k:
                entries.append((k, names, s, e))
        for title, names, s, e in ci[iso]['gov']:
            k = classify(title)
            if k:
                entries.append((k, names, s or CI_GOV_START, e))
        ptoks = {key: set().union(*[df.at[i, 'tok'] for i in idx]) for key, idx in kinds.items()}
        hits_of: dict = {}
        for kk, names, s, e in entries:
            nt = set().union(*[tokens(n.replace('_', ' ')) for n in names])
            if not nt:
                continue
            scored = [(len(nt & pt), key) for key, pt in ptoks.items() if key[0] == kk]
            top = max((sc for sc, _ in scored), default=0)
            if top < min(2, len(nt)):
                continue
            for sc, key in scored:
                if sc == top:   # only the best-matching person(s) of that kind
                    hits_of.setdefault(key, []).append((s or date.min, e))
        for (k, name), idx in kinds.items():
            hits = hits_of.get((k, name), [])
            if not hits:
                continue
            hits.sort()
            merged = []
            for s, e in hits:
                if merged and merged[-1][1] is not None and (s - merged[-1][1]).days <= CI_TOL:
                    merged[-1] = (merged[-1][0], e)
                elif merged and merged[-1][1] is None:
                    continue
                else:
                    merged.append((s, e))
            mine = person_intervals(df.loc[idx])
            for s, e in merged:
                best = None
                for ms, me, members in mine:
                    me_ = None if me == OPEN else me
                    if not (s <= (me_ or date.max) and (e or date.max) >= ms):
                        continue
                    artefact = k in ('foreign_minister', 'defence_minister') and s == CI_GOV_START
                    ds = 0 if (s == date.min or (artefact and ms <= s)) else days(s, ms)
                    if e is None:
                        de = 0 if (me_ is None or me_ >= CI_OPEN_END) else days(CI_OPEN_END, me_)
                    else:
                        de = days(e, me_) if me_ is not None else days(e, date.today())
                    if best is None or ds + de < best[0] + best[1]:
                        best = (ds, de, ms, me, members)
                if best is None:
                    continue
                ds, de, ms, me, members = best
                if ds > CI_TOL or de > CI_TOL:
                    r0 = df.loc[members[0]]
                    notes.append(f'{r0.file}:{r0.line} {iso} {name} {k} {fmt(ms)}..{fmt(me)} vs '
                                 f'CountryInfo {fmt(s) if s != date.min else "<"}..{fmt(e) or ">"} '
                                 f'(start off {ds}d, end off {de}d)')
                else:
                    matched_idx.update(members)
    return notes, matched_idx


def check_phoenix(df, ph):
    notes, matched_idx = [], set()
    for r in df.itertuples():
        if r.s is None or r.s > date(2013, 12, 31) or r.country not in ph:
            continue
        full = {norm(r.name)} | {norm(a) for a in r.aliases.split('|') if len(tokens(a)) >= 2}
        ranges = [rr for tok, fulls, rrs in ph[r.country] if fulls & full for rr in rrs]
        if not ranges:
            continue
        ok_s = any(s is not None and days(s, r.s) <= PHOENIX_TOL for s, e in ranges) or \
            r.s < date(1991, 1, 1) or \
            (r.s < CI_GOV_START and any(s == CI_GOV_START for s, e in ranges))
        re_ = None if r.e == OPEN else r.e
        ok_e = re_ is None or re_ > date(2013, 12, 31) or \
            any(e is not None and days(e, re_) <= PHOENIX_TOL for s, e in ranges)
        if ok_s and ok_e:
            matched_idx.add(r.Index)
        elif not ok_s:
            near = min((s for s, e in ranges if s is not None), key=lambda s: days(s, r.s), default=None)
            notes.append(f'{r.file}:{r.line} {r.country} {r.name} {r.role} starts {r.start}; '
                         f'nearest Phoenix code start {fmt(near)}')
    return notes, matched_idx


# ------------------------------------------------------------------ main ---
def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.split('\n\n')[0])
    ap.add_argument('--data', type=Path, default=DEFAULT_DATA,
                    help='directory with the gazetteer files')
    ap.add_argument('--sources', action='store_true',
                    help='print which list confirms each row')
    args = ap.parse_args()

    df, problems = load_parts()
    files = sorted(df['file'].unique()) if not df.empty else []
    print(f'files: {", ".join(files) or "none"}; rows: {len(df)}')
    print(f'\n== schema problems: {len(problems)}')
    for p in problems:
        print('  ' + p)
    if df.empty:
        return 1 if problems else 0
    df = df[df['s'].notna()].copy()

    arch = pd.read_csv(args.data / 'peacesciencer_archigos41_leaders.csv')
    arch['s'] = arch['startdate'].map(d)
    arch['e'] = arch['enddate'].map(d)
    arch['gwcode'] = arch['gwcode'].astype(int)
    arch = merge_spells(arch)
    ci = read_countryinfo(args.data / 'CountryInfo.120116.txt')
    ph = read_phoenix(args.data / 'Phoenix.Countries.actors.txt')

    def gw_of(iso):
        if iso in GW_OVERRIDES:
            return GW_OVERRIDES[iso]
        cow = ci.get(iso, {}).get('cow')
        return [cow] if cow else []

    diffs, explained, unmatched, a_idx = check_archigos(df, arch, gw_of)
    print(f'\n== Archigos 4.1: head terms differing by more than {ARCHIGOS_TOL} days: {len(diffs)}')
    for x in diffs:
        print('  ' + x)
    print(f'\n== Archigos 4.1: known differences of convention: {len(explained)}')
    for x in explained:
        print('  ' + x)
    print(f'\n== Archigos 4.1: short spells without a row: {len(unmatched)}')
    for x in unmatched:
        print('  ' + x)

    ci_notes, c_idx = check_countryinfo(df, ci)
    print(f'\n== CountryInfo: terms differing by more than {CI_TOL} days (review): {len(ci_notes)}')
    for x in ci_notes:
        print('  ' + x)

    ph_notes, p_idx = check_phoenix(df, ph)
    print(f'\n== Phoenix: rows with no dated code near their start (info): {len(ph_notes)}')
    for x in ph_notes:
        print('  ' + x)

    if args.sources:
        print('\n== sources')
        for r in df.itertuples():
            found = ('archigos41' if r.Index in a_idx else 'countryinfo' if r.Index in c_idx
                     else 'petrarch2-phoenix' if r.Index in p_idx else 'public-record')
            confirmed = {'archigos41': r.Index in a_idx, 'countryinfo': r.Index in c_idx,
                         'petrarch2-phoenix': r.Index in p_idx, 'public-record': True}
            flag = '' if confirmed.get(r.source, False) else '  <- source not confirmed'
            print(f'  {r.file}:{r.line}\t{r.country}\t{r.name}\t{r.role}\t{r.start}\t'
                  f'suggested={found}\tcolumn={r.source}{flag}')
    return 1 if problems else 0


if __name__ == '__main__':
    sys.exit(main())
