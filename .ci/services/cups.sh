#!/usr/bin/env bash
# Bring up a real CUPS printer for the device tests: a `MotCuaPDF` queue on the cups-pdf backend.
#
# Usage (as root, on Debian with cups cups-client cups-filters printer-driver-cups-pdf installed):
#   .ci/services/cups.sh [OUTPUT_DIR]        # default OUTPUT_DIR: /var/spool/cups-pdf/motcua
#   then: MOTCUA_CUPS_PDF_DIR=OUTPUT_DIR npx vitest run test/devices/printer-cups.test.ts
#
# Safe to run again: config edits are replacements, cupsd is started only when not running,
# and lpadmin on an existing queue just re-applies the same settings.
set -euo pipefail

OUTDIR="${1:-/var/spool/cups-pdf/motcua}"
QUEUE="${MOTCUA_CUPS_QUEUE:-MotCuaPDF}"
CONF=/etc/cups/cups-pdf.conf

case "$OUTDIR" in
  /*) ;;
  *) echo "cups.sh: OUTPUT_DIR must be an absolute path (got '$OUTDIR')" >&2; exit 2 ;;
esac
if [ "$(id -u)" -ne 0 ]; then
  echo "cups.sh: must run as root (edits $CONF, starts cupsd, runs lpadmin)" >&2; exit 2
fi
for bin in /usr/sbin/cupsd lpstat lpadmin lpinfo cupsenable cupsaccept; do
  command -v "$bin" >/dev/null 2>&1 || { echo "cups.sh: '$bin' not found; install cups cups-client printer-driver-cups-pdf" >&2; exit 2; }
done
[ -f "$CONF" ] || { echo "cups.sh: $CONF missing; install printer-driver-cups-pdf" >&2; exit 2; }

# cups-pdf drops privileges to the job's user (or `nobody` for anonymous IPP jobs), so the folder
# must be writable by anyone; the sticky bit keeps users from deleting each other's files.
mkdir -p "$OUTDIR"
chmod 1777 "$OUTDIR"

# Replace the key whether it is active or commented out; append it when the file lacks it entirely.
set_key() {
  local key="$1" value="$2"
  if grep -Eq "^#?[[:space:]]*${key}[[:space:]]" "$CONF"; then
    # '|' as the sed delimiter: paths contain '/'. Only the first occurrence is rewritten.
    sed -i -E "0,/^#?[[:space:]]*${key}[[:space:]].*/s||${key} ${value}|" "$CONF"
  else
    printf '%s %s\n' "$key" "$value" >>"$CONF"
  fi
}
set_key Out "$OUTDIR"
set_key AnonDirName "$OUTDIR"
# Label 2 appends "-job_N" to every output name: no silent overwrite when two jobs share a title,
# and tests can find the file of a given job id.
set_key Label 2

LANG=C
export LANG LC_ALL=C

if ! lpstat -r 2>/dev/null | grep -q 'is running'; then
  # Without systemd: cupsd forks into the background by itself.
  /usr/sbin/cupsd
fi
for _ in $(seq 1 100); do
  lpstat -r 2>/dev/null | grep -q 'is running' && break
  sleep 0.1
done
if ! lpstat -r 2>/dev/null | grep -q 'is running'; then
  echo "cups.sh: cupsd did not come up within 10 s; see /var/log/cups/error_log" >&2
  tail -n 30 /var/log/cups/error_log >&2 2>/dev/null || true
  exit 1
fi

# Debian ships the PPD as lsb/usr/cups-pdf/CUPS-PDF_opt.ppd; ask lpinfo in case another release renames it.
MODEL="$(lpinfo -m 2>/dev/null | awk 'tolower($0) ~ /cups-pdf/ { print $1 }' | grep -m1 '_opt' || true)"
[ -n "$MODEL" ] || MODEL="$(lpinfo -m 2>/dev/null | awk 'tolower($0) ~ /cups-pdf/ { print $1; exit }' || true)"
[ -n "$MODEL" ] || MODEL="lsb/usr/cups-pdf/CUPS-PDF_opt.ppd"

# "Printer drivers are deprecated" is a warning on stderr, not a failure.
lpadmin -p "$QUEUE" -v cups-pdf:/ -E -m "$MODEL" -D "MotCua Desk test printer (PDF)" -o media=A4 2> >(grep -v -i 'deprecated' >&2)
# A previous run (or a test that was interrupted) may have left the queue stopped or rejecting.
cupsenable "$QUEUE"
cupsaccept "$QUEUE"
# Default only when the machine has none, so a developer's own default printer is left alone.
if ! lpstat -d 2>/dev/null | grep -q 'system default destination:'; then
  lpadmin -d "$QUEUE"
fi

lpstat -p "$QUEUE" -d
echo "cups.sh: queue $QUEUE ready; cups-pdf writes to $OUTDIR"
