#!/usr/bin/env bash
# Runs the libFuzzer targets, each for SECONDS (default 600), one after the other, from the committed seed corpora.
#   Fuzz/run.sh [SECONDS] [TARGET ...]      targets: TemplateFuzz DocumentFuzz InstructionFuzz PictureFuzz CSVFuzz WhereFuzz
# Builds each target (release, with libFuzzer's coverage and AddressSanitizer) in .build-fuzz. The working corpus
# grows in .build-fuzz/corpus/TARGET, the whole log is .build-fuzz/logs/TARGET.log, and crashes, leaks, timeouts
# and out-of-memory inputs are written to Fuzz/findings/TARGET/.
#
# `--sanitize=fuzzer --sanitize=address` alone reaches the compiler as two -sanitize= options of which only the
# last (address) takes effect: nothing would be instrumented for coverage. `-sanitize=fuzzer,address` as one
# option instruments every module (DocxMerge, Relationship, the target) with libFuzzer's coverage counters and
# comparison tracing, and SwiftPM's own options still link libFuzzer's main.
set -euo pipefail
cd "$(dirname "$0")/.."
seconds=${1:-600}
shift || true
targets=("$@")
[ ${#targets[@]} -eq 0 ] && targets=(TemplateFuzz DocumentFuzz InstructionFuzz PictureFuzz CSVFuzz WhereFuzz)
declare -A corpus=([TemplateFuzz]=template [DocumentFuzz]=document [InstructionFuzz]=instruction [PictureFuzz]=picture [CSVFuzz]=csv [WhereFuzz]=where)
for target in "${targets[@]}"; do
    [ -n "${corpus[$target]:-}" ] || { echo "error: unknown fuzz target '$target'" >&2; exit 2; }
    LETTERSHOP_FUZZ=1 swift build -c release --sanitize=fuzzer --sanitize=address -Xswiftc -sanitize=fuzzer,address \
        --product "$target" --scratch-path .build-fuzz >/dev/null
    work=.build-fuzz/corpus/$target
    log=.build-fuzz/logs/$target.log
    mkdir -p "$work" .build-fuzz/logs "Fuzz/findings/$target"
    echo "== $target for ${seconds}s ($(date -u '+%Y-%m-%d %H:%M UTC'))"
    status=0
    ASAN_OPTIONS=detect_leaks=1 ".build-fuzz/release/$target" "$work" "Fuzz/corpus/${corpus[$target]}" \
        -max_total_time="$seconds" -rss_limit_mb=2048 -timeout=10 -max_len=65536 \
        -artifact_prefix="Fuzz/findings/$target/" -print_final_stats=1 >"$log" 2>&1 || status=$?
    grep -E "INITED|DONE|stat::number_of_executed_units|stat::new_units_added|stat::peak_rss_mb|ERROR|SUMMARY" "$log" || true
    echo "corpus: $(find "$work" -type f | wc -l) files; findings: $(find "Fuzz/findings/$target" -type f | wc -l); exit $status"
done
