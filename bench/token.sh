#!/usr/bin/env bash
# Bulk issuance with the CA key in a PKCS#11 token (SoftHSM2) against the same with the CA key in a file, side by
# side in one run, alternating the two so a shared machine's drift hits both alike; medians are printed.
# Usage: bench/token.sh [N] [ROUNDS]   (defaults: 1000 devices, 3 rounds). Needs java, maven, bc, softhsm2-util.
# Works in ${TMPDIR:-/tmp} with a token directory of its own; secrets go through files only.
set -euo pipefail
n="${1:-1000}"
rounds="${2:-3}"
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
kit="$root/ikev2kit"
module=/usr/lib/softhsm/libsofthsm2.so
[[ -f "$module" ]] || module=/usr/lib/x86_64-linux-gnu/softhsm/libsofthsm2.so
work="$(mktemp -d "${TMPDIR:-/tmp}/ikev2kit-token.XXXXXX")"
trap 'rm -rf "$work"' EXIT
"$kit" --version >/dev/null  # builds the jar and its start-up archive (not timed)

umask 077
mkdir -p "$work/tokens"
printf 'directories.tokendir = %s\nobjectstore.backend = file\nlog.level = ERROR\n' "$work/tokens" >"$work/softhsm2.conf"
export SOFTHSM2_CONF="$work/softhsm2.conf"
printf 'bench CA passphrase 0123\n' >"$work/ca.pass"
printf '246810\n' >"$work/pin"
printf 'bench-p12-password\n' >"$work/p12.pass"
for i in $(seq 1 "$n"); do echo "device-$i"; done >"$work/devices.csv"
now() { date +%s.%N; }
declare -A times

run() {  # run LABEL: one round of bulk issuance for one kind of CA key
  local label="$1" dir="$work/$1" t0 t1
  rm -rf "$dir"
  local ca=(--ca-password-file "$work/ca.pass")
  if [[ "$label" == token ]]; then
    # a fresh token per round, so each round generates its key like a new site does
    softhsm2-util --delete-token --token "bench-ca" >/dev/null 2>&1 || true
    softhsm2-util --init-token --free --label bench-ca --so-pin 13579135 --pin "$(cat "$work/pin")" >/dev/null
    ca=(--ca-pin-file "$work/pin")
    "$kit" init --dir "$dir" --host vpn.example.com --ca-key 'pkcs11:token=bench-ca;object=ca' \
      --pkcs11-module "$module" "${ca[@]}" >/dev/null
  else
    "$kit" init --dir "$dir" --host vpn.example.com "${ca[@]}" >/dev/null
  fi
  t0=$(now)
  "$kit" device add --from "$work/devices.csv" --dir "$dir" "${ca[@]}" --p12-password-file "$work/p12.pass" >/dev/null 2>&1
  t1=$(now)
  times[$label]+="$(echo "$t1 - $t0" | bc) "
}

for _ in $(seq 1 "$rounds"); do
  run file
  run token
done

median() { tr ' ' '\n' | grep . | sort -n | awk '{v[NR]=$1} END {print (NR % 2) ? v[(NR+1)/2] : (v[NR/2] + v[NR/2+1]) / 2}'; }
file=$(echo "${times[file]}" | median)
token=$(echo "${times[token]}" | median)
printf '%d devices, %d rounds, median seconds for device add --from (ecdsa-p256, %s cores)\n' "$n" "$rounds" "$(nproc)"
printf '  CA key in a file (pki/ca.key):  %6.2f s  (%.0f devices/s)\n' "$file" "$(echo "$n / $file" | bc -l)"
printf '  CA key in SoftHSM2 (PKCS#11):   %6.2f s  (%.0f devices/s)\n' "$token" "$(echo "$n / $token" | bc -l)"
printf '  token/file: %.2f\n' "$(echo "$token / $file" | bc -l)"
