#!/usr/bin/env python3
"""build-aliases.py -- writes models/aliases.tsv, the alias table of
newsgraph's entity resolution: every country of GeoNames countryInfo
(CC BY 4.0) with its ISO 3166 alpha-3 code, merged with the hand-written
models/aliases/hand.tsv (short forms, demonyms, organizations; MIT).

    scripts/build-aliases.py [SHARED_DATA_DIR]      (default ../shared/data)

Output lines: TYPE <TAB> canonical <TAB> alias|alias|..., sorted by
canonical name. A country's canonical name is its hand-written one when
the hand table names it (its GeoNames name becomes an alias), else the
GeoNames name."""
import os
import sys

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
data = sys.argv[1] if len(sys.argv) > 1 else os.path.join(
    os.path.dirname(ROOT), "shared", "data")

entries = {}  # (type, canonical) -> list of aliases, in order
order = []


def add(kind, canonical, aliases):
    key = (kind, canonical)
    if key not in entries:
        entries[key] = []
        order.append(key)
    for a in aliases:
        if a and a != canonical and a not in entries[key]:
            entries[key].append(a)


hand = {}
with open(os.path.join(ROOT, "models", "aliases", "hand.tsv"),
          encoding="utf-8") as f:
    for line in f:
        if not line.strip() or line.startswith("#"):
            continue
        kind, canonical, aliases = line.rstrip("\n").split("\t")
        hand[canonical] = (kind, aliases.split("|"))

geo_names = {}
with open(os.path.join(data, "ner-resources", "geonames", "countryInfo.tsv"),
          encoding="utf-8") as f:
    for line in f:
        if line.startswith("#"):
            continue
        col = line.rstrip("\n").split("\t")
        if len(col) < 5:
            continue
        iso3, name = col[1], col[4]
        geo_names[name] = iso3

# GeoNames names that the hand table calls otherwise.
renamed = {"Palestinian Territory": "Palestinian Territory",
           "Turkey": "Turkey", "Czechia": "Czech Republic",
           "The Netherlands": "Netherlands", "Myanmar": "Myanmar"}
for name, iso3 in sorted(geo_names.items()):
    canonical = renamed.get(name, name)
    aliases = [iso3]
    if canonical != name:
        aliases.append(name)
    if canonical in hand:
        aliases += hand[canonical][1]
    add("LOC", canonical, aliases)
for canonical, (kind, aliases) in hand.items():
    add(kind, canonical, aliases)

out = os.path.join(ROOT, "models", "aliases.tsv")
with open(out, "w", encoding="utf-8") as f:
    f.write("# newsgraph alias table (scripts/build-aliases.py): TYPE, "
            "canonical name, aliases.\n# Countries and ISO 3166 alpha-3 "
            "codes from GeoNames countryInfo (CC BY 4.0, geonames.org);\n"
            "# the rest from models/aliases/hand.tsv (MIT).\n")
    for kind, canonical in sorted(order, key=lambda k: (k[1], k[0])):
        f.write("%s\t%s\t%s\n" % (kind, canonical,
                                 "|".join(entries[(kind, canonical)])))
print("wrote %s: %d entities" % (out, len(order)))
