# The body of the ikev2kit launcher, shared by the checkout's ./ikev2kit and the installed bin/ikev2kit (the build
# appends it to a header there). The caller sets: jar (the ikev2kit jar) and cache_dir (where the start-up archive
# may live; a folder this user owns, made on demand).
# shellcheck shell=bash disable=SC2154

# Class-data sharing: an archive of the classes the everyday commands load, recorded once from a training run
# of them on a throwaway site (StartupTraining, temp directory), lets every later start skip loading and
# verifying them. It is tied to this jar and this JDK, so its name carries both, and it is remade when the jar
# is newer. Where no folder can be had (no home, read-only) the command just starts without it.
java_bin="$(readlink -f "$(command -v java)")"
archive_key="$(printf '%s %s %s %s' "$java_bin" "$(stat -c %Y "$java_bin" 2>/dev/null || echo 0)" \
  "$jar" "$(stat -c %s "$jar" 2>/dev/null || echo 0)" | cksum | cut -d' ' -f1)"
archive="$cache_dir/ikev2kit-$archive_key.jsa"
cds=()
if [[ "${IKEV2KIT_CDS:-1}" != 0 ]] && (umask 077 && mkdir -p "$cache_dir") 2>/dev/null \
    && [[ -O "$cache_dir" && -w "$cache_dir" ]]; then
  if [[ ! -f "$archive" || "$jar" -nt "$archive" ]]; then
    echo "preparing a start-up archive (once, a few seconds)..." >&2
    training="$(mktemp -d "${TMPDIR:-/tmp}/ikev2kit-cds.XXXXXX")"
    # Compiling in the foreground: JDK 17 archives a method's "queued for compilation" mark if a compile is
    # pending at exit (JDK-8306460, fixed in 21), and such a method is then never compiled in later runs.
    if java -XX:ArchiveClassesAtExit="$archive.$$" -XX:-BackgroundCompilation -Xlog:cds=off -Xlog:cds+dynamic=off \
        -cp "$jar" io.ikev2kit.cli.StartupTraining "$training" >/dev/null 2>&1 && [[ -s "$archive.$$" ]]; then
      mv -f "$archive.$$" "$archive"
    else
      rm -f "$archive.$$"
    fi
    rm -rf "$training"
  fi
  # a stale or foreign archive is ignored by the JVM; keep that quiet, the only cost is a slower start
  [[ -f "$archive" ]] && cds=(-XX:SharedArchiveFile="$archive" -Xlog:cds=off -Xlog:cds+dynamic=off)
fi
# Serial GC: a short command's live data is small, and G1's start-up threads cost more than its collections save.
jit=()
# Commands that derive no key from a passphrase run faster on the quick C1 compiler alone: the optimising C2
# compiler only pays off for the PBKDF2 loops (SHA-256 CPU instructions are used from C2 code only), and on a
# small machine its compile threads take the cores from the work. Only speed depends on this list.
case "${1:-} ${2:-}" in
  "device export"*|"device list"*|inspect*|doctor*) jit=(-XX:TieredStopAtLevel=1) ;;
esac
# How the user typed this command, for the hints a command prints: the bare name when PATH finds this very file,
# else the path used (./ikev2kit in a checkout, bin/ikev2kit in an unpacked tarball).
invoked_as="$0"
if [[ "$(command -v "${0##*/}" 2>/dev/null || true)" -ef "$0" ]]; then
  invoked_as="${0##*/}"
fi
# IKEV2KIT_JAVA_OPTS is split into words on purpose: it holds several JVM options.
# shellcheck disable=SC2086
exec java ${cds[@]+"${cds[@]}"} -XX:+UseSerialGC ${jit[@]+"${jit[@]}"} ${IKEV2KIT_JAVA_OPTS:-} -Dikev2kit.invokedAs="$invoked_as" -jar "$jar" "$@"
