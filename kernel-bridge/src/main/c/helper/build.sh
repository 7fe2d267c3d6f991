#!/bin/sh
# Builds the native helper with the machine's C compiler.
# Static, so the helper starts without the dynamic loader (it is spawned once
# per container) and runs the same whatever libc a host has.
#   usage: build.sh OUTPUT
set -eu
out="$1"
src="$(dirname "$0")/jlab-helper.c"
cc="${CC:-cc}"
if ! command -v "$cc" >/dev/null 2>&1; then
  echo "jlab: no C compiler found (needed to build the native helper): apt-get install -y gcc libc6-dev" >&2
  exit 1
fi
mkdir -p "$(dirname "$out")"
if [ -f "$out" ] && [ "$out" -nt "$src" ]; then
  exit 0
fi
# Fall back to a dynamic build where the static libc is missing.
"$cc" -std=gnu11 -O2 -Wall -Wextra -Werror -static -o "$out" "$src" 2>/dev/null \
  || "$cc" -std=gnu11 -O2 -Wall -Wextra -Werror -o "$out" "$src"
