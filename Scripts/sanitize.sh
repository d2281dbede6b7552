#!/usr/bin/env bash
# Runs the whole test suite under AddressSanitizer and under ThreadSanitizer, each in its own scratch folder
# (.build-asan, .build-tsan), so the sanitized builds never mix with the normal .build.
#   Scripts/sanitize.sh [address] [thread]      (both when none is named)
# The `lettershop` binary the CLI tests launch is built into the same scratch folder with the same sanitizer.
# AddressSanitizer's leak check is off: it reports leaks inside the test harness itself, not in our code.
# A ThreadSanitizer report makes the process exit with status 66, which fails the test run (and a CLI test
# that launched the binary sees the status).
set -euo pipefail
cd "$(dirname "$0")/.."
passes=("$@")
[ ${#passes[@]} -eq 0 ] && passes=(address thread)
for pass in "${passes[@]}"; do
    start=$(date +%s)
    case "$pass" in
        address) ASAN_OPTIONS=detect_leaks=0:abort_on_error=0 swift test --sanitize=address --scratch-path .build-asan ;;
        thread) TSAN_OPTIONS=second_deadlock_stack=1 swift test --sanitize=thread --scratch-path .build-tsan ;;
        *) echo "error: unknown sanitizer pass '$pass' (address or thread)" >&2; exit 2 ;;
    esac
    echo "sanitize: $pass pass passed in $(( $(date +%s) - start ))s"
done
