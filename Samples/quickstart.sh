#!/bin/sh
# Lettershop quick start: from the sample contacts and templates to a logged segment with letters on disk.
#
#   Samples/quickstart.sh [WORK_FOLDER]
#
# Everything happens in WORK_FOLDER (default: a new temporary folder): the database (lettershop.sqlite)
# and the letters (letters/1/). Every step is a plain lettershop command you can copy. Set LETTERSHOP to
# use a lettershop that is not on your PATH.
set -eu

here=$(cd "$(dirname "$0")" && pwd)
repository=$(dirname "$here")
lettershop=${LETTERSHOP:-lettershop}
work=${1:-$(mktemp -d "${TMPDIR:-/tmp}/lettershop-quickstart.XXXXXX")}
mkdir -p "$work"
cd "$work"
# This script's own database, never the one of the folder you ran it from.
LETTERSHOP_DB="$work/lettershop.sqlite"
export LETTERSHOP_DB
echo "working in $work"
set -x

# 1. The contacts and the letter template (English and Norwegian documents).
"$lettershop" contacts import "$repository/Samples/contacts.csv"
"$lettershop" templates add LETTER --file "$repository/Templates/letter-en.docx" --language en \
    --description "Framework agreement letter" --unit-cost 1.5
"$lettershop" templates add LETTER --file "$repository/Templates/letter-nb.docx" --language nb

# 2. A segment of the people in Oslo, with a personal note for one of them. Each line goes the way its
#    contact prefers: a .docx to print, or an e-mail with the letter attached (sent from --from).
"$lettershop" segment create SM-QUICK --description "Framework agreement 2027" --template LETTER \
    --subject "Our new framework agreement"
"$lettershop" segment add SM-QUICK --where "City = Oslo and Type = person"
"$lettershop" segment line SM-QUICK CT000011 --note "Thank you for the tour of your new office, Åse!"
"$lettershop" segment show SM-QUICK

# 3. Check, then log: one letter per line into letters/1 (letters/<EntryNo>), one interaction per line.
"$lettershop" segment check SM-QUICK --from "Nordlys Kontor <post@nordlys.example>"
"$lettershop" segment log SM-QUICK --from "Nordlys Kontor <post@nordlys.example>"

# 4. What was sent, to whom.
"$lettershop" logged list
"$lettershop" interactions list
"$lettershop" interactions list --contact CT000011
ls letters/1
