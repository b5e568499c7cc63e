#!/usr/bin/env bash
# Assembles the install kit from the built jar and the generated man pages and completion scripts:
#   OUT/ikev2kit-VERSION.tar.gz   bin/ lib/ share/{man,bash-completion,zsh,doc} under ikev2kit-VERSION/
#   OUT/ikev2kit_VERSION_all.deb  built with dpkg-deb; skipped with a message where Debian's tools are missing,
#                                 except under CI=true, where a missing tool fails the build
# Usage: build-dist.sh VERSION JAR DOCS OUT   (DOCS: CommandDocs' folder, with man/*.1 made by Asciidoctor)
set -euo pipefail
version="$1" jar="$2" docs="$3" out="$4"
here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
work="$(dirname "$docs")/dist-work"
rm -rf "$work" && mkdir -p "$work" "$out"
rm -f "$out"/ikev2kit-*.tar.gz "$out"/ikev2kit_*_all.deb
# one timestamp for every file, so the same sources give the same archives
export SOURCE_DATE_EPOCH="${SOURCE_DATE_EPOCH:-$(git -C "$here" log -1 --format=%ct 2>/dev/null || echo 0)}"
umask 022

shopt -s nullglob
pages=("$docs"/man/*.1)
[[ ${#pages[@]} -gt 0 && -f "$docs/man/ikev2kit.1" ]] || { echo "no man pages in $docs/man" >&2; exit 1; }

# $1: the launcher file to write, $2: how it finds the jar, $3: where its start-up archive lives
launcher() {
  { printf '#!/usr/bin/env bash\n# ikev2kit %s: runs the ikev2kit jar with a Java 17+ runtime.\nset -euo pipefail\n' "$version"
    printf '%s\n%s\n' "$2" "$3"
    cat "$here/launcher.bash"; } > "$1"
  chmod 755 "$1"
}

# --- the tarball: an unpack-anywhere prefix
tree="$work/ikev2kit-$version"
install -d "$tree"/{bin,lib,share/man/man1,share/bash-completion/completions,share/zsh/site-functions,share/doc/ikev2kit}
launcher "$tree/bin/ikev2kit" 'jar="$(dirname "$(readlink -f "${BASH_SOURCE[0]}")")/../lib/ikev2kit.jar"' \
  'cache_base="${XDG_CACHE_HOME:-${HOME:+$HOME/.cache}}"; cache_dir="${cache_base:+$cache_base/ikev2kit}"'
install -m 644 "$jar" "$tree/lib/ikev2kit.jar"
install -m 644 "${pages[@]}" "$tree/share/man/man1/"
install -m 644 "$docs/bash/ikev2kit" "$tree/share/bash-completion/completions/ikev2kit"
install -m 644 "$docs/zsh/_ikev2kit" "$tree/share/zsh/site-functions/_ikev2kit"
install -m 644 "$here/../README.md" "$here/debian/copyright" "$tree/share/doc/ikev2kit/"
find "$tree" -exec touch -h -d "@$SOURCE_DATE_EPOCH" {} +
tar --sort=name --owner=0 --group=0 --numeric-owner --mtime="@$SOURCE_DATE_EPOCH" -C "$work" \
  -cf - "ikev2kit-$version" | gzip -9n > "$out/ikev2kit-$version.tar.gz"
echo "dist: $out/ikev2kit-$version.tar.gz"

# --- the .deb, with Debian's own tools
missing=()
for tool in dpkg-deb dpkg-gencontrol; do command -v "$tool" >/dev/null || missing+=("$tool"); done
if [[ ${#missing[@]} -gt 0 ]]; then
  echo "dist: skipping the .deb: ${missing[*]} not found (apt-get install dpkg-dev)" >&2
  [[ "${CI:-}" != true ]] || { echo "dist: CI=true requires the .deb" >&2; exit 1; }
  exit 0
fi
root="$work/deb"
install -d "$root"/{DEBIAN,usr/bin,usr/share/ikev2kit,usr/share/man/man1,usr/share/bash-completion/completions} \
  "$root"/{usr/share/zsh/vendor-completions,usr/share/doc/ikev2kit}
launcher "$root/usr/bin/ikev2kit" 'jar=/usr/share/ikev2kit/ikev2kit.jar' \
  'cache_base="${XDG_CACHE_HOME:-${HOME:+$HOME/.cache}}"; cache_dir="${cache_base:+$cache_base/ikev2kit}"'
install -m 644 "$jar" "$root/usr/share/ikev2kit/ikev2kit.jar"
for page in "${pages[@]}"; do gzip -9n < "$page" > "$root/usr/share/man/man1/$(basename "$page").gz"; done
install -m 644 "$docs/bash/ikev2kit" "$root/usr/share/bash-completion/completions/ikev2kit"
install -m 644 "$docs/zsh/_ikev2kit" "$root/usr/share/zsh/vendor-completions/_ikev2kit"
install -m 644 "$here/debian/copyright" "$root/usr/share/doc/ikev2kit/copyright"
install -D -m 644 "$here/debian/lintian-overrides" "$root/usr/share/lintian/overrides/ikev2kit"
# a native package's changelog, its one entry dated like every file
src="$work/src"
install -d "$src/debian"
sed -e "s/@VERSION@/$version/" -e "s/@DATE@/$(date -u -R -d "@$SOURCE_DATE_EPOCH")/" \
  "$here/debian/changelog.in" > "$src/debian/changelog"
cp "$here/debian/control" "$src/debian/control"
gzip -9n < "$src/debian/changelog" > "$root/usr/share/doc/ikev2kit/changelog.gz"
(cd "$root" && find usr -type f -print0 | sort -z | xargs -0 md5sum > DEBIAN/md5sums)
chmod 644 "$root/DEBIAN/md5sums"
# dpkg-gencontrol reads debian/control and debian/changelog and writes DEBIAN/control with Installed-Size
(cd "$src" && dpkg-gencontrol -pikev2kit -P"$root" -f"$work/files")
find "$root" -exec touch -h -d "@$SOURCE_DATE_EPOCH" {} +
dpkg-deb --root-owner-group -Zxz --build "$root" "$out/ikev2kit_${version}_all.deb" >/dev/null
echo "dist: $out/ikev2kit_${version}_all.deb"
