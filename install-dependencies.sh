#!/bin/sh
# Installs the system libraries Lettershop builds against (Debian/Ubuntu): libzip, libxml2, sqlite3, libdeflate, zlib,
# libcurl, libcrypto (SHA-256); with --with-office also LibreOffice (PDF, previews) and poppler-utils (preview images).
# Uses sudo when not run as root. Installs nothing that is already there.
set -e
packages="libzip-dev libxml2-dev libsqlite3-dev libdeflate-dev zlib1g-dev libcurl4-openssl-dev libssl-dev pkg-config"
if [ "${1:-}" = "--with-office" ]; then packages="$packages libreoffice-writer-nogui poppler-utils"; fi
missing=""
for package in $packages; do
    dpkg -s "$package" >/dev/null 2>&1 || missing="$missing $package"
done
[ -z "$missing" ] && exit 0
if [ "$(id -u)" -eq 0 ]; then sudo=""; else sudo="sudo"; fi
echo "installing:$missing" >&2
$sudo apt-get update -qq
DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -qq $missing >/dev/null
