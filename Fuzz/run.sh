#!/usr/bin/env bash
# Runs the libFuzzer targets, each for SECONDS (default 600), from the committed seed corpora.
#   Fuzz/run.sh [SECONDS] [TARGET ...]      targets: TemplateFuzz DocumentFuzz InstructionFuzz PictureFuzz CSVFuzz WhereFuzz
# Builds each target once (release, -sanitize=fuzzer,address) in .build-fuzz. Crashes and leaks are written
# to Fuzz/findings/TARGET/; every finding becomes a regression test.
set -euo pipefail
cd "$(dirname "$0")/.."
seconds=${1:-600}
shift || true
targets=("$@")
[ ${#targets[@]} -eq 0 ] && targets=(TemplateFuzz DocumentFuzz InstructionFuzz PictureFuzz CSVFuzz WhereFuzz)
declare -A corpus=([TemplateFuzz]=template [DocumentFuzz]=document [InstructionFuzz]=instruction [PictureFuzz]=picture [CSVFuzz]=csv [WhereFuzz]=where)
for target in "${targets[@]}"; do
    LETTERSHOP_FUZZ=1 swift build -c release --sanitize=fuzzer --sanitize=address --product "$target" --scratch-path .build-fuzz >/dev/null
    work=.build-fuzz/corpus/$target
    mkdir -p "$work" "Fuzz/findings/$target"
    echo "== $target for ${seconds}s"
    ASAN_OPTIONS=detect_leaks=1 ".build-fuzz/release/$target" "$work" "Fuzz/corpus/${corpus[$target]}" \
        -max_total_time="$seconds" -rss_limit_mb=2048 -timeout=10 -max_len=65536 \
        -artifact_prefix="Fuzz/findings/$target/" -print_final_stats=1 2>&1 | grep -E "^#|stat::|ERROR|SUMMARY|Done" | tail -12
done
