#!/usr/bin/env bash
# Compiles one network that must not compile and checks that the compiler's
# first error line says what the file's "// expect:" lines say (each is a
# substring of that line). A file that says "// expect: compiles" is a control:
# it must compile, proving the harness is not failing for some other reason.
# Usage: compile_fail.sh SOURCE INCLUDE_DIR COMPILER [COMPILER_ARGS...]
set -u
src=$1 inc=$2
shift 2
out=$("$@" -std=c++20 -fsyntax-only -I"$inc" "$src" 2>&1)
rc=$?
mapfile -t expects < <(sed -n 's|^// expect: ||p' "$src")
if [ ${#expects[@]} -eq 0 ]; then
  echo "FAIL: $src has no '// expect:' line"; exit 1
fi
if [ "${expects[0]}" = compiles ]; then
  if [ $rc -ne 0 ]; then echo "FAIL: $src should compile:"; echo "$out" | head -20; exit 1; fi
  echo "ok: $src compiles"; exit 0
fi
if [ $rc -eq 0 ]; then echo "FAIL: $src compiled, but it must not"; exit 1; fi
first=$(printf '%s\n' "$out" | grep -m1 'error:')
echo "first error line: $first"
for e in "${expects[@]}"; do
  case "$first" in
    *"$e"*) ;;
    *) echo "FAIL: the first error line lacks: $e"; echo "--- compiler output:"; echo "$out" | head -30; exit 1 ;;
  esac
done
echo "ok: $src fails with the expected message"
