#!/bin/sh
# Make sure the system has what publisher needs, installing it when we may.
#
#   tools/system-packages.sh build   fonts and HarfBuzz subsetting (to build)
#   tools/system-packages.sh test    the above, plus poppler and LibreOffice (to test)
#   tools/system-packages.sh bench   the above, plus pandoc (to compare against)
#
# Each need is checked by what it provides (a font, a library, a command), so
# the check is quick and works whatever installed it. What is missing is
# installed with apt-get when running as root; otherwise the script stops and
# prints the exact command to run.
set -eu

purpose=${1:-build}
missing=""

need() {  # need DEBIAN-PACKAGE CHECK-COMMAND...
    package=$1; shift
    if ! "$@" >/dev/null 2>&1; then missing="$missing $package"; fi
}

has_cjk_font() { fc-list ':lang=ja' family 2>/dev/null | grep -q 'Noto Sans CJK JP'; }
has_latin_font() { fc-list 'DejaVu Sans' family 2>/dev/null | grep -q 'DejaVu Sans'; }
has_subset_lib() {
    ldconfig -p 2>/dev/null | grep -q 'libharfbuzz-subset\.so\.0' ||
        ls /usr/lib/*/libharfbuzz-subset.so.0 /usr/lib/libharfbuzz-subset.so.0 2>/dev/null | grep -q .
}

need fonts-noto-cjk has_cjk_font
need libharfbuzz-subset0 has_subset_lib
if [ "$purpose" = test ] || [ "$purpose" = bench ]; then
    need poppler-utils command -v pdftotext
    need libreoffice-impress command -v soffice
    need fonts-dejavu-core has_latin_font  # a Latin-only face for the font_latin tests
fi
if [ "$purpose" = bench ]; then
    need pandoc command -v pandoc
fi

[ -z "$missing" ] && exit 0

if command -v apt-get >/dev/null 2>&1; then
    if [ "$(id -u)" = 0 ]; then
        echo "installing:$missing"
        export DEBIAN_FRONTEND=noninteractive
        apt-get update -qq
        # shellcheck disable=SC2086
        apt-get install -y -qq --no-install-recommends $missing
        exit 0
    fi
    echo "publisher needs system packages that are missing. Run:" >&2
    echo "    sudo apt-get install -y --no-install-recommends$missing" >&2
else
    echo "publisher needs these (Debian package names):$missing" >&2
    echo "Install the equivalents with your system's package manager (see docs/troubleshooting.md)." >&2
fi
exit 1
