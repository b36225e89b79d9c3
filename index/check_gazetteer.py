#!/usr/bin/env python3
"""Validates gazette's gazetteer files (index/*.tsv).

Usage: python3 index/check_gazetteer.py [FILE.tsv ...]

Without arguments, checks whichever of leaders.tsv, people.tsv,
organizations.tsv and places.tsv exist next to this script.

Every file: UTF-8, '#' comment lines and blank lines ignored, otherwise exactly
six tab-separated columns: id, kind, name, aliases, country, details.
  - id: ^[a-z0-9_]+$, unique across ALL the files checked;
  - kind: leader | person | org | place (and the one the file name implies);
  - name: non-empty, no surrounding spaces;
  - aliases: '|'-separated, no empty items, no duplicates; '~X' declares the
    surname, at most one per entity;
  - country: empty or two uppercase letters (required for leaders);
  - details (leaders only): ';'-separated 'Office YYYY-' or 'Office YYYY-YYYY',
    START <= END, in time order.
For leaders.tsv, also reports any of the 193 UN member states that have no
entry (by country code).

Exits 1 when any error is found, printing each as FILE:LINE: message.
"""
import os
import re
import sys

KINDS = {"leader", "person", "org", "place"}
FILE_KINDS = {
    "leaders.tsv": "leader",
    "people.tsv": "person",
    "organizations.tsv": "org",
    "places.tsv": "place",
}
ID_RE = re.compile(r"^[a-z0-9_]+$")
COUNTRY_RE = re.compile(r"^[A-Z]{2}$")
OFFICE_RE = re.compile(r"^(\S.*\S|\S) (\d{4})-(\d{4})?$")

# ISO 3166-1 alpha-2 codes of the 193 UN member states.
UN_MEMBERS = {
    "AF": "Afghanistan", "AL": "Albania", "DZ": "Algeria", "AD": "Andorra",
    "AO": "Angola", "AG": "Antigua and Barbuda", "AR": "Argentina",
    "AM": "Armenia", "AU": "Australia", "AT": "Austria", "AZ": "Azerbaijan",
    "BS": "Bahamas", "BH": "Bahrain", "BD": "Bangladesh", "BB": "Barbados",
    "BY": "Belarus", "BE": "Belgium", "BZ": "Belize", "BJ": "Benin",
    "BT": "Bhutan", "BO": "Bolivia", "BA": "Bosnia and Herzegovina",
    "BW": "Botswana", "BR": "Brazil", "BN": "Brunei", "BG": "Bulgaria",
    "BF": "Burkina Faso", "BI": "Burundi", "CV": "Cabo Verde",
    "KH": "Cambodia", "CM": "Cameroon", "CA": "Canada",
    "CF": "Central African Republic", "TD": "Chad", "CL": "Chile",
    "CN": "China", "CO": "Colombia", "KM": "Comoros", "CG": "Congo",
    "CR": "Costa Rica", "CI": "Côte d'Ivoire", "HR": "Croatia", "CU": "Cuba",
    "CY": "Cyprus", "CZ": "Czechia", "KP": "North Korea",
    "CD": "DR Congo", "DK": "Denmark", "DJ": "Djibouti", "DM": "Dominica",
    "DO": "Dominican Republic", "EC": "Ecuador", "EG": "Egypt",
    "SV": "El Salvador", "GQ": "Equatorial Guinea", "ER": "Eritrea",
    "EE": "Estonia", "SZ": "Eswatini", "ET": "Ethiopia", "FJ": "Fiji",
    "FI": "Finland", "FR": "France", "GA": "Gabon", "GM": "Gambia",
    "GE": "Georgia", "DE": "Germany", "GH": "Ghana", "GR": "Greece",
    "GD": "Grenada", "GT": "Guatemala", "GN": "Guinea",
    "GW": "Guinea-Bissau", "GY": "Guyana", "HT": "Haiti", "HN": "Honduras",
    "HU": "Hungary", "IS": "Iceland", "IN": "India", "ID": "Indonesia",
    "IR": "Iran", "IQ": "Iraq", "IE": "Ireland", "IL": "Israel",
    "IT": "Italy", "JM": "Jamaica", "JP": "Japan", "JO": "Jordan",
    "KZ": "Kazakhstan", "KE": "Kenya", "KI": "Kiribati", "KW": "Kuwait",
    "KG": "Kyrgyzstan", "LA": "Laos", "LV": "Latvia", "LB": "Lebanon",
    "LS": "Lesotho", "LR": "Liberia", "LY": "Libya", "LI": "Liechtenstein",
    "LT": "Lithuania", "LU": "Luxembourg", "MG": "Madagascar",
    "MW": "Malawi", "MY": "Malaysia", "MV": "Maldives", "ML": "Mali",
    "MT": "Malta", "MH": "Marshall Islands", "MR": "Mauritania",
    "MU": "Mauritius", "MX": "Mexico", "FM": "Micronesia", "MC": "Monaco",
    "MN": "Mongolia", "ME": "Montenegro", "MA": "Morocco",
    "MZ": "Mozambique", "MM": "Myanmar", "NA": "Namibia", "NR": "Nauru",
    "NP": "Nepal", "NL": "Netherlands", "NZ": "New Zealand",
    "NI": "Nicaragua", "NE": "Niger", "NG": "Nigeria",
    "MK": "North Macedonia", "NO": "Norway", "OM": "Oman",
    "PK": "Pakistan", "PW": "Palau", "PA": "Panama",
    "PG": "Papua New Guinea", "PY": "Paraguay", "PE": "Peru",
    "PH": "Philippines", "PL": "Poland", "PT": "Portugal", "QA": "Qatar",
    "KR": "South Korea", "MD": "Moldova", "RO": "Romania", "RU": "Russia",
    "RW": "Rwanda", "KN": "Saint Kitts and Nevis", "LC": "Saint Lucia",
    "VC": "Saint Vincent and the Grenadines", "WS": "Samoa",
    "SM": "San Marino", "ST": "São Tomé and Príncipe", "SA": "Saudi Arabia",
    "SN": "Senegal", "RS": "Serbia", "SC": "Seychelles",
    "SL": "Sierra Leone", "SG": "Singapore", "SK": "Slovakia",
    "SI": "Slovenia", "SB": "Solomon Islands", "SO": "Somalia",
    "ZA": "South Africa", "SS": "South Sudan", "ES": "Spain",
    "LK": "Sri Lanka", "SD": "Sudan", "SR": "Suriname", "SE": "Sweden",
    "CH": "Switzerland", "SY": "Syria", "TJ": "Tajikistan",
    "TH": "Thailand", "TL": "Timor-Leste", "TG": "Togo", "TO": "Tonga",
    "TT": "Trinidad and Tobago", "TN": "Tunisia", "TR": "Turkey",
    "TM": "Turkmenistan", "TV": "Tuvalu", "UG": "Uganda", "UA": "Ukraine",
    "AE": "United Arab Emirates", "GB": "United Kingdom", "TZ": "Tanzania",
    "US": "United States", "UY": "Uruguay", "UZ": "Uzbekistan",
    "VU": "Vanuatu", "VE": "Venezuela", "VN": "Viet Nam", "YE": "Yemen",
    "ZM": "Zambia", "ZW": "Zimbabwe",
}
assert len(UN_MEMBERS) == 193

# Codes that are not UN members but are used on purpose (leaders.tsv).
EXTRA_CODES = {"EU": "European Union", "SU": "Soviet Union",
               "XU": "African Union (user-assigned code; AU is Australia)"}


def check_details(details, err):
    prev_start = None
    for item in details.split(";"):
        m = OFFICE_RE.match(item)
        if not m:
            err(f"details item {item!r} is not 'Office YYYY-' or 'Office YYYY-YYYY'")
            continue
        start = int(m.group(2))
        end = int(m.group(3)) if m.group(3) else None
        if not 1900 <= start <= 2100 or (end is not None and not start <= end <= 2100):
            err(f"details item {item!r}: bad years")
        if prev_start is not None and start < prev_start:
            err(f"details item {item!r} is out of time order")
        prev_start = start


def check_file(path, seen_ids, errors, leader_countries):
    expected_kind = FILE_KINDS.get(os.path.basename(path))
    count = 0
    with open(path, "rb") as fh:
        raw = fh.read()
    try:
        text = raw.decode("utf-8")
    except UnicodeDecodeError as e:
        errors.append(f"{path}: not valid UTF-8 ({e})")
        return 0
    if text.startswith("\ufeff"):
        errors.append(f"{path}:1: starts with a byte-order mark")
    for lineno, line in enumerate(text.split("\n"), 1):
        def err(msg, lineno=lineno):
            errors.append(f"{path}:{lineno}: {msg}")
        if line.endswith("\r"):
            err("CRLF line ending")
            line = line[:-1]
        if not line.strip() or line.startswith("#"):
            continue
        fields = line.split("\t")
        if len(fields) != 6:
            err(f"{len(fields)} tab-separated fields, expected 6")
            continue
        count += 1
        ident, kind, name, aliases, country, details = fields
        for label, value in zip(("id", "kind", "name", "aliases", "country", "details"), fields):
            if value != value.strip():
                err(f"{label} has leading/trailing whitespace")
        if not ID_RE.match(ident):
            err(f"id {ident!r} does not match [a-z0-9_]+")
        elif ident in seen_ids:
            err(f"duplicate id {ident!r} (first at {seen_ids[ident]})")
        else:
            seen_ids[ident] = f"{path}:{lineno}"
        if kind not in KINDS:
            err(f"kind {kind!r} is not one of {sorted(KINDS)}")
        elif expected_kind and kind != expected_kind:
            err(f"kind {kind!r} in a file of kind {expected_kind!r}")
        if not name.strip():
            err("empty name")
        if aliases:
            items = aliases.split("|")
            if any(not a.strip() or a != a.strip() for a in items):
                err("empty alias or alias with surrounding spaces")
            if len(set(items)) != len(items):
                err("duplicate alias")
            surnames = [a for a in items if a.startswith("~")]
            if len(surnames) > 1:
                err(f"more than one ~surname alias: {surnames}")
            if any(a == "~" for a in items):
                err("empty ~surname alias")
            if name in items:
                err("alias repeats the name")
        if country and not COUNTRY_RE.match(country):
            err(f"country {country!r} is not two uppercase letters")
        if kind == "leader":
            if not country:
                err("leader without a country")
            if not details:
                err("leader without details")
            else:
                check_details(details, err)
            leader_countries.add(country)
    return count


def main(argv):
    here = os.path.dirname(os.path.abspath(__file__))
    paths = argv[1:] or [os.path.join(here, f) for f in FILE_KINDS
                         if os.path.exists(os.path.join(here, f))]
    if not paths:
        print("no gazetteer files found")
        return 1
    errors, seen_ids, leader_countries = [], {}, set()
    has_leaders = False
    for path in paths:
        n = check_file(path, seen_ids, errors, leader_countries)
        has_leaders |= os.path.basename(path) == "leaders.tsv"
        print(f"{path}: {n} entries")
    if has_leaders:
        missing = sorted(set(UN_MEMBERS) - leader_countries)
        for code in missing:
            errors.append(f"leaders: no entry for UN member {code} {UN_MEMBERS[code]}")
        unknown = sorted(leader_countries - set(UN_MEMBERS) - set(EXTRA_CODES))
        for code in unknown:
            errors.append(f"leaders: country code {code!r} is neither a UN member nor one of {sorted(EXTRA_CODES)}")
        covered = len(set(UN_MEMBERS) & leader_countries)
        print(f"leaders: {covered}/193 UN member states covered; "
              f"also {sorted(leader_countries & set(EXTRA_CODES))}")
    for e in errors:
        print(e)
    print(f"{len(seen_ids)} ids checked, {len(errors)} errors")
    return 1 if errors else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))
