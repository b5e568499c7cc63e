#!/usr/bin/env bash
# What each hand-written encoder in pki buys over the library path it replaced, side by side in one run: for every
# case, the hand-written path and the library path (BouncyCastle or the JDK) each run in a fresh JVM, alternating
# (hand, lib, hand, lib, ...) so the shared machine's drift hits both alike. Prints the median process CPU time
# (compiler threads included) of the cold pass -- what one 1000-device run pays -- with the spread over rounds,
# the warm pass, and the ratio library / hand. See pki's EncoderBench for what each case does.
# Usage: bench/encoders.sh [ROUNDS] [COUNT] [CASE...]   (defaults: 5 rounds, 1000 devices, every case)
set -euo pipefail
rounds="${1:-5}"
count="${2:-1000}"
shift $(( $# > 2 ? 2 : $# ))
cases=("$@")
[[ ${#cases[@]} -gt 0 ]] || cases=(keygen sign cert p12 p12kdf pbkdf2-p12 pbkdf2-ca)
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
work="$(mktemp -d "${TMPDIR:-/tmp}/ikev2kit-encoders.XXXXXX")"
trap 'rm -rf "$work"' EXIT

(cd "$root" && mvn -B -q -o -pl pki -am test-compile >&2 \
  && mvn -B -q -o -pl pki dependency:build-classpath -Dmdep.includeScope=test -Dmdep.outputFile="$work/cp" >/dev/null)
# a copy of the classes, so a build in this checkout during the run cannot change them under it
cp -r "$root/pki/target/classes" "$work/classes" && cp -r "$root/pki/target/test-classes" "$work/test-classes"
cp="$work/test-classes:$work/classes:$(cat "$work/cp")"

# the launcher's collector; no start-up archive on either side
run() { java -XX:+UseSerialGC -cp "$cp" io.ikev2kit.pki.encoders.EncoderBench "$@"; }
for round in $(seq 1 "$rounds"); do
  for c in "${cases[@]}"; do
    run "$c" hand "$count" >>"$work/out"
    run "$c" lib "$count" >>"$work/out"
  done
  echo "round $round of $rounds done" >&2
done

stats() {  # median min max of the numbers on stdin
  sort -n | awk '{v[NR]=$1} END {m=(NR%2)?v[(NR+1)/2]:(v[NR/2]+v[NR/2+1])/2; printf "%.0f %.0f %.0f", m, v[1], v[NR]}'
}
field() { grep "^$1 $2 " "$work/out" | tr ' ' '\n' | sed -n "s/^$3=//p"; }
printf '%d rounds, count %d; ms of process CPU (median [min-max]); wall ms medians\n' "$rounds" "$count"
printf '%-11s %-22s %-22s %7s %9s %9s %8s %8s\n' case "hand cold cpu" "lib cold cpu" "lib/hand" "hand wall" "lib wall" \
  "hand warm" "lib warm"
for c in "${cases[@]}"; do
  read -r hm hlo hhi <<<"$(field "$c" hand cold_cpu_ms | stats)"
  read -r lm llo lhi <<<"$(field "$c" lib cold_cpu_ms | stats)"
  hw=$(field "$c" hand cold_wall_ms | stats | cut -d' ' -f1)
  lw=$(field "$c" lib cold_wall_ms | stats | cut -d' ' -f1)
  hwarm=$(field "$c" hand warm_cpu_ms | stats | cut -d' ' -f1)
  lwarm=$(field "$c" lib warm_cpu_ms | stats | cut -d' ' -f1)
  ratio=$( ((hm > 0)) && printf '%.2f' "$(echo "$lm / $hm" | bc -l)" || echo '-')
  printf '%-11s %-22s %-22s %7s %9s %9s %8s %8s\n' "$c" "$hm [$hlo-$hhi]" "$lm [$llo-$lhi]" \
    "$ratio" "$hw" "$lw" "$hwarm" "$lwarm"
done
