#!/usr/bin/env bash
# Start-up of the installed command against the checkout launcher, side by side in one run: the launcher from
# dist/'s tarball (the same script the .deb installs as /usr/bin/ikev2kit, its start-up archive in the user's cache
# folder) and ./ikev2kit (its archive under cli/target), alternating so the machine's drift hits both alike; the
# installed launcher once more without its archive (IKEV2KIT_CDS=0), to show what the archive is worth.
# Usage: bench/start.sh [ROUNDS] (default 15). Needs the tarball: mvn -B package. Prints medians in seconds.
set -euo pipefail
rounds="${1:-15}"
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
shopt -s nullglob
tarballs=("$root"/dist/ikev2kit-*.tar.gz)
[[ ${#tarballs[@]} -eq 1 ]] || { echo "bench: need exactly one dist/ikev2kit-*.tar.gz (run mvn -B package)" >&2; exit 1; }
work="$(mktemp -d "${TMPDIR:-/tmp}/ikev2kit-start.XXXXXX")"
trap 'rm -rf "$work"' EXIT
tar -xzf "${tarballs[0]}" -C "$work"
installed=("$work"/ikev2kit-*/bin/ikev2kit)
export XDG_CACHE_HOME="$work/cache"

checkout() { "$root/ikev2kit" "$@"; }
tarball() { "${installed[0]}" "$@"; }
# not timed: build the checkout jar if stale, make both start-up archives, and a small site to list
checkout demo "$work/demo" >/dev/null
tarball --version >/dev/null 2>&1
ls "$XDG_CACHE_HOME"/ikev2kit/*.jsa >/dev/null

seconds() { local t0 t1; t0=$(date +%s%N); "$@" >/dev/null; t1=$(date +%s%N); echo "$(( (t1 - t0) / 1000000 ))"; }
median() { sort -n | awk '{ v[NR] = $1 } END { m = (NR % 2) ? v[(NR + 1) / 2] : (v[NR / 2] + v[NR / 2 + 1]) / 2; printf "%.3f", m / 1000 }'; }

declare -A times
commands=("--version" "device list --dir $work/demo/site" "inspect $work/demo/clients/alice-phone/alice-phone.mobileconfig")
for _ in $(seq 1 "$rounds"); do
  for i in "${!commands[@]}"; do
    read -r -a args <<<"${commands[$i]}"
    times[checkout.$i]+="$(seconds checkout "${args[@]}") "
    times[tarball.$i]+="$(seconds tarball "${args[@]}") "
    times[bare.$i]+="$(IKEV2KIT_CDS=0 seconds tarball "${args[@]}") "
  done
done
printf '%-26s %10s %10s %12s\n' "median of $rounds, seconds" "checkout" "installed" "no archive"
for i in "${!commands[@]}"; do
  label="${commands[$i]%% --dir*}"; label="${label%% /*}"
  printf '%-26s %10s %10s %12s\n' "$label" "$(tr ' ' '\n' <<<"${times[checkout.$i]}" | grep . | median)" \
    "$(tr ' ' '\n' <<<"${times[tarball.$i]}" | grep . | median)" "$(tr ' ' '\n' <<<"${times[bare.$i]}" | grep . | median)"
done
