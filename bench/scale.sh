#!/usr/bin/env bash
# How every command grows with the site. Usage: bench/scale.sh [--max-growth X] [N...] (default 1000 10000 100000).
# For each size N it builds a site of N devices (ECDSA P-256) and times each command once, JVM start-up included,
# with its peak memory (maximum resident set size); then it prints, per command, time and memory at each size
# and the growth factor between consecutive sizes: of the wall time, and of the CPU time beyond start-up (less the
# CPU time of the same command on a 10-device site, measured in the same run: JVM start-up would otherwise hide a
# quadratic command at small sizes, and CPU time is steady where wall time follows the machine's other load).
# Linear growth from N to 10N is a factor of at most 10, quadratic 100. With --max-growth X it exits 1 when any
# command's growth beyond start-up between two consecutive sizes exceeds X (the CI check: a ratio measured within
# one run, not an absolute time).
# Also: a single 'device add' into each site against the same add into a 10-device site, alternating, medians of
# CPU time (user + system: what the command itself costs, steady under other load) and of wall time.
# Environment: TMPDIR (where the sites go; tmpfs keeps the file system out of the figures), SINGLES (runs per
# single-add median, default 5), IKEV2KIT_CMD (how to run ikev2kit, default this checkout's ./ikev2kit),
# KEEP_SITES=1 (leave the sites behind).
# Needs java and GNU time (/usr/bin/time).
set -euo pipefail
max_growth=""
if [[ "${1:-}" == --max-growth ]]; then
  max_growth="$2"; shift 2
fi
sizes=("$@")
[[ ${#sizes[@]} -gt 0 ]] || sizes=(1000 10000 100000)
singles="${SINGLES:-5}"
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
read -r -a kit <<<"${IKEV2KIT_CMD:-$root/ikev2kit}"
[[ -x /usr/bin/time ]] || { echo "scale: GNU time (/usr/bin/time) is missing: apt-get install time" >&2; exit 1; }
work="$(mktemp -d "${TMPDIR:-/tmp}/ikev2kit-scale.XXXXXX")"
# KEEP_SITES=1 keeps the sites (and prints where) for measuring something else against them afterwards
if [[ -n "${KEEP_SITES:-}" ]]; then echo "scale: sites in $work" >&2; else trap 'rm -rf "$work"' EXIT; fi
"${kit[@]}" --version >/dev/null  # builds the jar and its start-up archive when missing (not timed)

umask 077
printf 'scale CA passphrase 0123\n' >"$work/ca.pass"
printf 'scale-p12-password\n' >"$work/p12.pass"
secrets=(--ca-password-file "$work/ca.pass")
p12=(--p12-password-file "$work/p12.pass")
results="$work/results.tsv"   # size, command, wall seconds, peak KiB, CPU seconds (user + system)
: >"$results"

# measure N LABEL ARGS...: runs ikev2kit once, records wall time and peak RSS; a failure stops the benchmark.
measure() {
  local n="$1" label="$2"; shift 2
  if ! /usr/bin/time -f '%e %M %U %S' -o "$work/time" "${kit[@]}" "$@" >"$work/out" 2>"$work/err"; then
    echo "scale: '$label' failed at $n devices:" >&2; tail -5 "$work/err" >&2; exit 1
  fi
  read -r seconds kib user system <"$work/time"
  printf '%s\t%s\t%s\t%s\t%s\n' "$n" "$label" "$seconds" "$kib" "$(awk -v u="$user" -v s="$system" 'BEGIN { print u + s }')" >>"$results"
}

# single_add SITE PREFIX: one 'device add' (no output kept); prints its wall and CPU (user + system) milliseconds.
single_add() {
  /usr/bin/time -f '%e %U %S' -o "$work/single-time" "${kit[@]}" device add "$2" --dir "$1" "${secrets[@]}" "${p12[@]}" >/dev/null
  awk '{ printf "%d %d\n", $1 * 1000, ($2 + $3) * 1000 }' "$work/single-time"
}
median() { sort -n | awk '{ v[NR] = $1 } END { print v[int((NR + 1) / 2)] }'; }

small="$work/small"
"${kit[@]}" init --dir "$small" --host vpn.example.com --ip 203.0.113.10 "${secrets[@]}" >/dev/null
for i in $(seq 1 10); do echo "small-$i"; done >"$work/small.csv"
"${kit[@]}" device add --from "$work/small.csv" --dir "$small" "${secrets[@]}" "${p12[@]}" >/dev/null 2>&1

# a 10-device site first: its times are the start-up cost that the growth beyond start-up takes away
for n in 10 "${sizes[@]}"; do
  site="$work/site-$n"
  "${kit[@]}" init --dir "$site" --host vpn.example.com --ip 203.0.113.10 "${secrets[@]}" >/dev/null
  for i in $(seq 1 "$n"); do echo "device-$i"; done >"$work/devices.csv"
  # every tenth device is revoked in one run: 10,000 CRL entries at 100,000 devices
  awk 'NR % 10 == 0' "$work/devices.csv" >"$work/revoke.csv"
  one="device-$(( n / 2 + 1 ))"

  measure "$n" "device add --from (bulk)" device add --from "$work/devices.csv" --dir "$site" "${secrets[@]}" "${p12[@]}"
  measure "$n" "device list" device list --dir "$site"
  measure "$n" "device list --json" device list --json --dir "$site"
  measure "$n" "doctor" doctor --dir "$site"
  measure "$n" "device export --all (5 files each)" device export --all --format all --out "$work/export" --dir "$site"
  rm -rf "$work/export"
  measure "$n" "mail --all --eml" mail --all --to it@example.com --eml "$work/mail" --dir "$site"
  rm -rf "$work/mail"
  measure "$n" "device revoke --from (n/10)" device revoke --from "$work/revoke.csv" --dir "$site" "${secrets[@]}"
  measure "$n" "crl (n/10 entries)" crl --dir "$site" "${secrets[@]}"
  measure "$n" "server --out" server --out "$work/bundle" --dir "$site"
  measure "$n" "doctor --bundle" doctor --bundle "$work/bundle" --dir "$site"
  rm -rf "$work/bundle"
  measure "$n" "device revoke NAME" device revoke "$one" --dir "$site" "${secrets[@]}"
  measure "$n" "device renew NAME" device renew "device-1" --dir "$site" "${secrets[@]}" "${p12[@]}"
  measure "$n" "device export NAME" device export "device-2" --format all --out "$work/one" --dir "$site"
  measure "$n" "device add NAME" device add "extra-$n" --dir "$site" "${secrets[@]}" "${p12[@]}"
  measure "$n" "backup" backup --out "$work/backup.bin" --dir "$site" "${secrets[@]}"
  measure "$n" "restore" restore "$work/backup.bin" --dir "$work/restored" "${secrets[@]}"
  rm -rf "$work/restored" "$work/backup.bin" "$work/one"

  # one add into this site and into the 10-device site, alternating so both see the same machine state
  if [[ "$n" == 10 ]]; then rm -rf "$site"; continue; fi
  big=() ten=() big_cpu=() ten_cpu=()
  for i in $(seq 1 "$singles"); do
    read -r wall cpu < <(single_add "$site" "single-$i"); big+=("$wall"); big_cpu+=("$cpu")
    read -r wall cpu < <(single_add "$small" "single-$n-$i"); ten+=("$wall"); ten_cpu+=("$cpu")
  done
  printf '%s\t%s\t%s\t%s\t%s\n' "$n" "$(printf '%s\n' "${big[@]}" | median)" "$(printf '%s\n' "${ten[@]}" | median)" \
    "$(printf '%s\n' "${big_cpu[@]}" | median)" "$(printf '%s\n' "${ten_cpu[@]}" | median)" >>"$work/singles.tsv"
  [[ -n "${KEEP_SITES:-}" ]] || rm -rf "$site"
done

# --- the table -------------------------------------------------------------------------------------------------
awk -F'\t' -v sizes="${sizes[*]}" -v max="$max_growth" -v floor=0.2 '
  # growth beyond start-up, in CPU time: (cpu(b) - cpu(10)) / (cpu(a) - cpu(10)). The 10-device figure is what a
  # run costs whatever the size (JVM start, JIT, CA key); CPU time, unlike wall time, hardly moves when other
  # work shares the machine. The denominator is at least 0.2 s, so that commands with almost no per-device
  # work do not divide noise by nothing.
  function beyond(c, a, b,   d) { d = u[c, a] - u[c, 10]; if (d < floor) d = floor; return (u[c, b] - u[c, 10]) / d }
  BEGIN { ns = split(sizes, size, " ") }
  { t[$2, $1] = $3; m[$2, $1] = $4; u[$2, $1] = $5; if (!($2 in seen)) { seen[$2] = 1; order[++rows] = $2 } }
  END {
    printf "| command (wall time, CPU time, peak memory) | 10 devices |"
    for (i = 1; i <= ns; i++) printf " %s devices |", size[i]
    for (i = 2; i <= ns; i++) printf " growth %s→%s: wall (CPU beyond start-up) |", size[i-1], size[i]
    printf "\n|---|---|"
    for (i = 1; i < 2 * ns; i++) printf "---|"
    printf "\n"
    worst = 0
    for (r = 1; r <= rows; r++) {
      c = order[r]
      printf "| `%s` | %.2f s, %.1f s, %d MB |", c, t[c, 10], u[c, 10], m[c, 10] / 1024
      for (i = 1; i <= ns; i++) printf " %.2f s, %.1f s, %d MB |", t[c, size[i]], u[c, size[i]], m[c, size[i]] / 1024
      for (i = 2; i <= ns; i++) {
        g = beyond(c, size[i-1], size[i])
        printf " %.1f × (%.1f ×) |", t[c, size[i]] / (t[c, size[i-1]] > 0 ? t[c, size[i-1]] : 0.01), g
        if (g > worst) { worst = g; worstc = c; from = size[i-1]; to = size[i] }
      }
      printf "\n"
    }
    if (ns > 1) printf "\nlargest growth of CPU time beyond start-up: %.1f × (%s, %s → %s devices)\n", worst, worstc, from, to
    if (max != "" && worst > max) {
      printf "FAIL: %s grows by %.1f × beyond start-up from %s to %s devices, more than %s ×\n", worstc, worst, from, to, max
      exit 1
    }
  }' "$results"
echo
awk -F'\t' -v runs="$singles" '{ printf "single device add into %s devices against 10 devices, medians of %s alternating runs: CPU %d ms / %d ms (%+.1f %%), wall %d ms / %d ms (%+.1f %%)\n", $1, runs, $4, $5, ($4 - $5) * 100 / $5, $2, $3, ($2 - $3) * 100 / $3 }' \
  "$work/singles.tsv"
printf '\nmachine: %s, %s cores, %s GiB; %s; sites in %s\n' "$(uname -m)" "$(nproc)" \
  "$(awk '/MemTotal/ { printf "%.0f", $2 / 1048576 }' /proc/meminfo)" \
  "$(java -version 2>&1 | head -1)" "$(df -T "$work" | awk 'NR == 2 { print $2 }')"
