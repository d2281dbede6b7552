#!/bin/sh
# Sending at scale: logs an e-mail segment of N generated contacts, then sends it with `mail send`
# to a loopback SMTP server (Tests/Tools/loopback-smtp.py, aiosmtpd, STARTTLS with a certificate
# made at start), once over 1 connection and once over 4 (each from a segment logged for it).
# Prints messages/s, our CPU time per message (user + system of `mail send`), and peak memory.
#
#   Benchmarks/mail-bench.sh [N]              (default: 10000)
#
# Needs python3 with aiosmtpd (pip install aiosmtpd) and /usr/bin/time. Set LETTERSHOP to the binary
# to measure (default: .build/release/lettershop, built when missing), WORK to keep the files, and
# BASELINE to another build to measure in the same run against the same server (each of its sends
# right before the same send of LETTERSHOP, from a segment logged for it).
set -eu

repository=$(cd "$(dirname "$0")/.." && pwd)
lettershop=${LETTERSHOP:-$repository/.build/release/lettershop}
if [ ! -x "$lettershop" ]; then
    (cd "$repository" && swift build -c release --product lettershop)
fi
[ -x /usr/bin/time ] || { echo "error: /usr/bin/time is needed (apt-get install time)" >&2; exit 1; }
python3 -c 'import aiosmtpd' 2>/dev/null || { echo "error: python3 with aiosmtpd is needed (pip install aiosmtpd)" >&2; exit 1; }
n=${1:-10000}
work=${WORK:-$(mktemp -d "${TMPDIR:-/tmp}/lettershop-mail-bench.XXXXXX")}
mkdir -p "$work"
server=""
cleanup() {
    [ -z "$server" ] || kill -9 "$server" 2>/dev/null || true
    [ -n "${WORK:-}" ] || rm -rf "$work"
}
trap cleanup EXIT

awk -v n="$n" 'BEGIN {
    print "No,Type,FirstName,Surname,City,Email,LanguageCode,CorrespondenceType"
    split("Åse Ola Kari Bjørn Søren Ingrid Märta Jürgen Anna Per", first, " ")
    split("Ødegård Nordmann Hansen Berg Strauß Lindqvist Johansen Müller Dahl Aasen", last, " ")
    for (i = 1; i <= n; i++)
        printf "CT%07d,person,%s,%s,Oslo,kunde%d@example.com,en,email\n", i, first[1 + i % 10], last[1 + (i * 7) % 10], i
}' >"$work/contacts.csv"
export LETTERSHOP_DB="$work/lettershop.sqlite" LETTERSHOP_MAIL_CONFIG="$work/mail.conf"
"$lettershop" contacts import "$work/contacts.csv" >/dev/null
"$lettershop" templates add BENCH --file "$repository/Templates/letter-en.docx" --language en >/dev/null
binaries="$lettershop"
[ -z "${BASELINE:-}" ] || binaries="$BASELINE $lettershop"
segments=0
for jobs in 1 4; do for binary in $binaries; do
    segments=$((segments + 1))
    "$lettershop" segment create "SM-MAIL$segments" --description "Bench mail" --template BENCH --subject "Framework 2027" >/dev/null
    "$lettershop" segment add "SM-MAIL$segments" --where "City = Oslo" >/dev/null
    "$lettershop" segment log "SM-MAIL$segments" --out "$work/letters$segments" --from "Nordlys <post@nordlys.example>" >/dev/null
done; done

python3 "$repository/Tests/Tools/loopback-smtp.py" --out "$work/server" --count-only >/dev/null 2>&1 &
server=$!
while [ ! -f "$work/server/port" ]; do sleep 0.1; done
"$lettershop" mail configure --host 127.0.0.1 --port "$(cat "$work/server/port")" --ca-file "$work/server/cert.pem" >/dev/null

echo "N = $n messages to a loopback SMTP server (STARTTLS)"
logged=0
for jobs in 1 4; do for binary in $binaries; do
    logged=$((logged + 1))
    /usr/bin/time -f "%e %U %S %M" -o "$work/time" "$binary" mail send "$logged" --jobs "$jobs" >"$work/out" 2>"$work/err" || {
        echo "error: mail send failed:" >&2; cat "$work/err" >&2; exit 1; }
    read -r elapsed user system kilobytes <"$work/time"
    received=$(wc -l <"$work/server/received.log")
    label=""
    [ -z "${BASELINE:-}" ] || label=$([ "$binary" = "$BASELINE" ] && echo "baseline " || echo "measured ")
    awk -v n="$n" -v j="$jobs" -v e="$elapsed" -v u="$user" -v s="$system" -v k="$kilobytes" -v r="$received" -v l="$label" 'BEGIN {
        printf "  %s--jobs %d: %6.1f s  %7.0f messages/s  %5.2f ms CPU per message  %4d MB peak  (server has %d)\n",
            l, j, e, n / e, (u + s) * 1000 / n, k / 1024, r }'
done; done
