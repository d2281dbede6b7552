#!/bin/sh
# Segments at scale: for each N, imports N generated contacts, adds them all to a segment with
# `--where`, previews the letters (`segment merge`) and logs the segment (`segment log --timings`),
# printing the time and peak memory of each step and the log's split between writing the letters
# and the database.
#
#   Benchmarks/segment-bench.sh [N …]          (default: 1000 10000 100000)
#
# Set LETTERSHOP to the binary to measure (default: .build/release/lettershop, built when missing),
# JOBS to pass --jobs (default: every core), WORK to keep the files in a folder of your choice.
set -eu

repository=$(cd "$(dirname "$0")/.." && pwd)
lettershop=${LETTERSHOP:-$repository/.build/release/lettershop}
if [ ! -x "$lettershop" ]; then
    (cd "$repository" && swift build -c release --product lettershop)
fi
[ -x /usr/bin/time ] || { echo "error: /usr/bin/time is needed (apt-get install time)" >&2; exit 1; }
jobs=${JOBS:-$(nproc)}
template="$repository/Templates/letter-en.docx"
[ $# -gt 0 ] || set -- 1000 10000 100000

work=${WORK:-$(mktemp -d "${TMPDIR:-/tmp}/lettershop-segment-bench.XXXXXX")}
mkdir -p "$work"
trap '[ -n "${WORK:-}" ] || rm -rf "$work"' EXIT

# step NAME COMMAND…: runs COMMAND, prints NAME, seconds and peak memory; stops on failure.
step() {
    name=$1
    shift
    if ! /usr/bin/time -f "%e %M" -o "$work/time" "$@" >"$work/out" 2>"$work/err"; then
        echo "error: $name failed:" >&2
        cat "$work/err" >&2
        exit 1
    fi
    read -r elapsed kilobytes <"$work/time"
    printf '  %-34s %8s s %6d MB' "$name" "$elapsed" $((kilobytes / 1024))
    timings=$(grep '^timings:' "$work/err" || true)
    [ -z "$timings" ] || printf '   (%s)' "$timings"
    printf '\n'
}

for n in "$@"; do
    run="$work/$n"
    rm -rf "$run"
    mkdir -p "$run"
    # Persons with their own postal address and e-mail; one in 50 shares an address with the one before.
    awk -v n="$n" 'BEGIN {
        print "No,Type,FirstName,Surname,CompanyName,Address,Address2,PostCode,City,CountryCode,Email,LanguageCode,CorrespondenceType,Salutation"
        split("Åse Ola Kari Bjørn Søren Ingrid Märta Jürgen Anna Per", first, " ")
        split("Ødegård Nordmann Hansen Berg Strauß Lindqvist Johansen Müller Dahl Aasen", last, " ")
        split("Oslo Bergen Trondheim Tromsø Stavanger", city, " ")
        for (i = 1; i <= n; i++) {
            house = (i % 50 == 0) ? i - 1 : i
            printf "CT%07d,person,%s,%s,\"Kunde %d & Co AS\",Storgata %d,,%04d,%s,NO,kunde%d@example.com,en,hard-copy,Dear\n",
                i, first[1 + i % 10], last[1 + (i * 7) % 10], i % 997, house, house % 9000, city[1 + house % 5], i
        }
    }' >"$run/contacts.csv"
    export LETTERSHOP_DB="$run/lettershop.sqlite"
    echo "N = $n contacts, --jobs $jobs"
    step "contacts import" "$lettershop" contacts import "$run/contacts.csv"
    "$lettershop" templates add BENCH --file "$template" --language en --description "Bench letter" >/dev/null
    "$lettershop" segment create SM-BENCH --description "Bench letters" --template BENCH --subject "Framework 2027" \
        --date 2026-12-01 --salesperson JO >/dev/null
    step "segment add --where" "$lettershop" segment add SM-BENCH --where "Type = person and Email is not empty"
    step "segment check" "$lettershop" segment check SM-BENCH
    step "segment merge (preview)" "$lettershop" segment merge SM-BENCH --out "$run/preview" --jobs "$jobs"
    step "segment log" "$lettershop" segment log SM-BENCH --out "$run/letters" --jobs "$jobs" --timings
    # The letters stay until the end: a file system that skips recently deleted inodes when it makes
    # new ones (ext4 without a journal scans past those deleted in the last 30 s) would make the next
    # N pay for removing them now.
done
