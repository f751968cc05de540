#!/usr/bin/env bash
# Instructions per byte of each extraction stage, counted by callgrind (steady
# under load, unlike wall time). Runs the `stages` example at two corpus sizes
# and reports the difference, so lexicon compilation and start-up cancel out.
#
#   scripts/stage-cost.sh [DIR] [SMALL_MB] [LARGE_MB]   (default examples/corpus 1 3)
#
# Needs valgrind and python3. Honours CARGO_TARGET_DIR.
set -euo pipefail
cd "$(dirname "$0")/.."
dir=${1:-examples/corpus}
small=${2:-1}
large=${3:-3}
target=${CARGO_TARGET_DIR:-target}
cargo build --release -q -p evident-extract --example stages
out=$(mktemp -d)
for mb in "$small" "$large"; do
  valgrind --tool=callgrind --callgrind-out-file="$out/cg.$mb" \
    "$target/release/examples/stages" "$dir" "$mb" >/dev/null 2>&1
  callgrind_annotate --inclusive=yes --threshold=100 "$out/cg.$mb" >"$out/an.$mb" 2>/dev/null
done
python3 - "$out/an.$small" "$out/an.$large" "$small" "$large" <<'PY'
import re, sys
stages = [
    ("segment", ["evident_text::Context::new"]),
    ("entities", ["evident_entities::recognize"]),
    ("dates", ["evident_claims::prep::Tokenized::new", "evident_claims::find_dates_in"]),
    ("claims", ["evident_claims::extract_with"]),
    ("events", ["evident_events::extract"]),
]
def costs(path):
    found = {}
    for line in open(path):
        m = re.match(r"\s*([\d,]+) \(.*?\)\s+\S*?:(\S+) \[", line)
        if m:
            found.setdefault(m.group(2), int(m.group(1).replace(",", "")))
    return found
a, b = costs(sys.argv[1]), costs(sys.argv[2])
mb = (float(sys.argv[4]) - float(sys.argv[3])) * 1e6
total = 0.0
for name, funcs in stages:
    per = sum(b.get(f, 0) - a.get(f, 0) for f in funcs) / mb
    total += per
    print(f"{name:<9} {per:7.1f} instructions/byte")
print(f"{'total':<9} {total:7.1f} instructions/byte")
PY
rm -rf "$out"
