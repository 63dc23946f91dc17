#!/bin/sh
# Makes the de_DE.UTF-8 locale available to unit_locale (tests/unit/
# test_locale.c), which runs the extension under a ',' decimal mark. When
# the locale is missing, as root it installs Debian's locales package and
# generates it with localedef; otherwise it says what to run and fails, so
# the locale test is never skipped in silence.
set -eu
have_locale() { locale -a 2>/dev/null | grep -qi '^de_DE\.utf-\{0,1\}8$'; }
have_locale && exit 0
if [ "$(id -u)" -ne 0 ]; then
  echo "the locale test needs de_DE.UTF-8 -- run as root: sh tests/locale_setup.sh" >&2
  exit 1
fi
export DEBIAN_FRONTEND=noninteractive
if [ ! -d /usr/share/i18n/locales ] || ! command -v localedef >/dev/null 2>&1; then
  apt-get update -q
  apt-get install -y -q locales
fi
localedef -i de_DE -f UTF-8 de_DE.UTF-8
have_locale || { echo "could not generate de_DE.UTF-8" >&2; exit 1; }
