#!/usr/bin/env bash
# Instructions per byte of the whole extraction on the pipeline benchmark's
# generated corpus, by callgrind: the difference between a 2 MB and a 4 MB
# run, so lexicon compilation and start-up cancel out. Prints the total and
# the extraction's parts (inlined code counted where it runs).
#
#   scripts/pipeline-cost.sh          (needs valgrind and python3; honours CARGO_TARGET_DIR)
set -euo pipefail
cd "$(dirname "$0")/.."
target=${CARGO_TARGET_DIR:-target}
cargo bench -q -p evident-cli --bench pipeline --no-run
bench=$(ls -t "$target"/release/deps/pipeline-* | grep -v '\.d$' | head -1)
out=$(mktemp -d)
for mb in 2 4; do
  EVIDENT_BENCH_MB=$mb EVIDENT_BENCH_PASSES=1 valgrind --tool=callgrind --callgrind-out-file="$out/cg.$mb" \
    --toggle-collect='evident_extract::extract' "$bench" --bench >/dev/null 2>&1
  callgrind_annotate --tree=calling --inclusive=yes "$out/cg.$mb" >"$out/an.$mb" 2>/dev/null
done
python3 - "$out/an.2" "$out/an.4" <<'PY'
import re, sys
def costs(path):
    text = open(path).read()
    total = int(re.search(r"([\d,]+) \(100.0%\)  PROGRAM TOTALS", text).group(1).replace(",", ""))
    parts = {}
    for block in text.split("\n\n"):
        if re.search(r"\*  \S*evident_extract::extract \[", block):
            for line in block.split("\n"):
                m = re.match(r"\s*([\d,]+) \(.*?\)\s+>\s+(.*?) \(\d", line)
                if m:
                    path = m.group(2).split(".rs:")[-1].split(" [")[0]
                    name = "::".join(path.split("::")[-2:])
                    parts[name] = parts.get(name, 0) + int(m.group(1).replace(",", ""))
    return total, parts
(ta, a), (tb, b) = costs(sys.argv[1]), costs(sys.argv[2])
mb = 2e6
print(f"{'extraction':<40} {(tb - ta) / mb:7.1f} instructions/byte")
for name in sorted(b, key=lambda k: a.get(k, 0) - b[k])[:8]:
    per = (b[name] - a.get(name, 0)) / mb
    if per >= 0.5:
        print(f"  {name:<38} {per:7.1f}")
PY
rm -rf "$out"
