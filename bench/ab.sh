#!/usr/bin/env bash
# A/B timing of this checkout against an older revision. Runs alternate (old, new, old, new, ...) so that a
# shared machine's drift hits both builds alike, and the medians are printed side by side.
# Usage: bench/ab.sh REV [N] [ROUNDS]   (defaults: 1000 devices, 3 rounds). Needs git, java, maven and bc.
# Works in ${TMPDIR:-/tmp}; secrets go through files only.
set -euo pipefail
rev="${1:?usage: bench/ab.sh REV [N] [ROUNDS]}"
n="${2:-1000}"
rounds="${3:-3}"
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
work="$(mktemp -d "${TMPDIR:-/tmp}/ikev2kit-ab.XXXXXX")"
cleanup() {
  git -C "$root" worktree remove --force "$work/old" >/dev/null 2>&1 || true
  rm -rf "$work"
}
trap cleanup EXIT

git -C "$root" worktree add --detach "$work/old" "$rev" >/dev/null 2>&1
for build in "$work/old" "$root"; do
  "$build/ikev2kit" --version >/dev/null  # builds the jar and its start-up archive (not timed)
done

umask 077
printf 'ab CA passphrase 0123\n' >"$work/ca.pass"
printf 'ab-p12-password\n' >"$work/p12.pass"
for i in $(seq 1 "$n"); do echo "device-$i"; done >"$work/devices.csv"
now() { date +%s.%N; }
declare -A times

run() {  # run LABEL BUILD: one round of every measurement for one build
  local label="$1" kit="$2/ikev2kit" dir="$work/run" t0 t1 t2 t3 t4 t5
  rm -rf "$dir" && mkdir -p "$dir"
  "$kit" init --dir "$dir/site" --host vpn.example.com --ip 203.0.113.10 --ca-password-file "$work/ca.pass" >/dev/null
  "$kit" init --dir "$dir/one" --host vpn.example.com --ip 203.0.113.10 --ca-password-file "$work/ca.pass" >/dev/null
  t0=$(now)
  "$kit" device add --from "$work/devices.csv" --dir "$dir/site" --ca-password-file "$work/ca.pass" \
    --p12-password-file "$work/p12.pass" >/dev/null 2>&1
  t1=$(now)
  "$kit" device export --all --format all --out "$dir/out" --dir "$dir/site" >/dev/null 2>&1
  t2=$(now)
  "$kit" device add --from "$work/devices.csv" --export "$dir/out1" --format all --dir "$dir/one" \
    --ca-password-file "$work/ca.pass" --p12-password-file "$work/p12.pass" >/dev/null 2>&1
  t3=$(now)
  "$kit" device add single --dir "$dir/site" --ca-password-file "$work/ca.pass" \
    --p12-password-file "$work/p12.pass" >/dev/null
  t4=$(now)
  times[$label add]+="$(echo "$t1 - $t0" | bc) "
  times[$label export]+="$(echo "$t2 - $t1" | bc) "
  times[$label one-step]+="$(echo "$t3 - $t2" | bc) "
  times[$label single]+="$(echo "$t4 - $t3" | bc) "
}

for round in $(seq 1 "$rounds"); do
  run old "$work/old"
  run new "$root"
done

median() { tr ' ' '\n' | grep . | sort -n | awk '{v[NR]=$1} END {print (NR % 2) ? v[(NR+1)/2] : (v[NR/2] + v[NR/2+1]) / 2}'; }
printf '%d devices, %d rounds, medians in seconds (old = %s)\n' "$n" "$rounds" "$rev"
printf '%-10s %8s %8s\n' "" old new
for metric in add export one-step single; do
  printf '%-10s %8.2f %8.2f\n' "$metric" "$(echo "${times[old $metric]}" | median)" "$(echo "${times[new $metric]}" | median)"
done
