#!/usr/bin/env bash
# Times ikev2kit against the classic shell approach (strongSwan pki + openssl pkcs12 per device), and a
# single 'device add'. Usage: bench/bench.sh [N] (default 1000). Needs java, pki (strongSwan), openssl and bc.
# Secrets go through files only, never through arguments.
set -euo pipefail
n="${1:-1000}"
singles="${SINGLES:-7}"
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
jar="$root/cli/target/ikev2kit.jar"
work="$(mktemp -d "${TMPDIR:-/tmp}/ikev2kit-bench.XXXXXX")"
trap 'rm -rf "$work"' EXIT

for tool in java pki openssl bc; do
  command -v "$tool" >/dev/null || { echo "bench: '$tool' is missing" >&2; exit 1; }
done
"$root/ikev2kit" --version >/dev/null  # builds the jar when it is missing or stale (not timed)

now() { date +%s.%N; }
elapsed() { echo "$2 - $1" | bc; }
umask 077
printf 'bench CA passphrase 0123\n' >"$work/ca.pass"
printf 'bench-p12-password\n' >"$work/p12.pass"

# Through the ./ikev2kit launcher, as a user of this checkout runs it (its class-data archive is made before timing).
run() { "$root/ikev2kit" "$@"; }

# --- ikev2kit: N devices, then every client output for all of them ---------------------------------------
site="$work/site"
run init --dir "$site" --host vpn.example.com --ip 203.0.113.10 --ca-password-file "$work/ca.pass" >/dev/null
for i in $(seq 1 "$n"); do echo "device-$i"; done >"$work/devices.csv"
t0=$(now)
run device add --from "$work/devices.csv" --dir "$site" --ca-password-file "$work/ca.pass" \
  --p12-password-file "$work/p12.pass" >/dev/null 2>&1
t1=$(now)
run device export --all --format all --out "$work/out" --dir "$site" >/dev/null 2>&1
t2=$(now)
files=$(find "$work/out" -type f | wc -l)
kit_add=$(elapsed "$t0" "$t1"); kit_export=$(elapsed "$t1" "$t2"); kit=$(elapsed "$t0" "$t2")

# --- ikev2kit in one step: issue and write every client output in the same process ---------------------
onestep="$work/onestep"
run init --dir "$onestep" --host vpn.example.com --ip 203.0.113.10 --ca-password-file "$work/ca.pass" >/dev/null
t5=$(now)
run device add --from "$work/devices.csv" --export "$work/out1" --format all --dir "$onestep" \
  --ca-password-file "$work/ca.pass" --p12-password-file "$work/p12.pass" >/dev/null 2>&1
t6=$(now)
onestep_files=$(find "$work/out1" -type f | wc -l)
kit_one=$(elapsed "$t5" "$t6")

# --- the classic shell approach: one pki --gen/--issue and openssl pkcs12 per device -----------------------
shell="$work/shell"
mkdir -p "$shell"
cat >"$shell/strongswan.conf" <<'CONF'
pki {
  load = random pem pkcs1 pkcs8 openssl x509 sha2
}
CONF
export STRONGSWAN_CONF="$shell/strongswan.conf"
pki --gen --type ecdsa --size 256 --outform pem >"$shell/ca.key"
pki --self --ca --lifetime 3650 --in "$shell/ca.key" --type ecdsa --dn "C=DE, O=Bench, CN=Bench Root CA" \
  --outform pem >"$shell/ca.pem"
t3=$(now)
for i in $(seq 1 "$n"); do
  name="device-$i"
  pki --gen --type ecdsa --size 256 --outform pem >"$shell/$name.key"
  pki --issue --cacert "$shell/ca.pem" --cakey "$shell/ca.key" --type ecdsa --in "$shell/$name.key" \
    --dn "C=DE, O=Bench, CN=$name@vpn.example.com" --san "$name@vpn.example.com" --flag clientAuth \
    --lifetime 730 --outform pem >"$shell/$name.pem"
  openssl pkcs12 -export -inkey "$shell/$name.key" -in "$shell/$name.pem" -certfile "$shell/ca.pem" \
    -name "$name@vpn.example.com" -passout file:"$work/p12.pass" -out "$shell/$name.p12"
done
t4=$(now)
sh=$(elapsed "$t3" "$t4")

# --- a single device add, JVM start included, median of several runs ---------------------------------------
# Plain 'java -jar' (what any user gets) and the ./ikev2kit launcher (adds a class-data sharing archive).
single() {
  local label="$1"; shift
  local times=() s e
  for i in $(seq 1 "$singles"); do
    s=$(now)
    "$@" device add "$label-$i" --dir "$site" --ca-password-file "$work/ca.pass" \
      --p12-password-file "$work/p12.pass" >/dev/null
    e=$(now)
    times+=("$(elapsed "$s" "$e")")
  done
  printf '%s\n' "${times[@]}" | sort -n | sed -n "$(( (singles + 1) / 2 ))p"
}
plain=$(single plain java -jar "$jar")
launcher=$(single launcher "$root/ikev2kit")

printf 'devices:                          %d (ECDSA P-256)\n' "$n"
printf 'ikev2kit device add --from:       %6.2f s\n' "$kit_add"
printf 'ikev2kit device export --all:     %6.2f s (%d files: p12, mobileconfig, ps1, cmd, sswan)\n' "$kit_export" "$files"
printf 'ikev2kit total:                   %6.2f s\n' "$kit"
printf 'shell (pki + openssl pkcs12):     %6.2f s (p12 only)\n' "$sh"
printf 'ratio shell / ikev2kit:           %6.1f x\n' "$(echo "$sh / $kit" | bc -l)"
printf 'ikev2kit device add --export:     %6.2f s (one step, %d files)\n' "$kit_one" "$onestep_files"
printf 'ratio shell / one step:           %6.1f x\n' "$(echo "$sh / $kit_one" | bc -l)"
printf 'single device add, java -jar:     %6.3f s (median of %d)\n' "$plain" "$singles"
printf 'single device add, ./ikev2kit:    %6.3f s (median of %d)\n' "$launcher" "$singles"
