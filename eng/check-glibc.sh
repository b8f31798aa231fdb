#!/usr/bin/env bash
# Fails when a bootstrap needs a glibc symbol version newer than Lambda's provided.al2023 has. Amazon Linux 2023 ships
# glibc 2.34 (https://docs.aws.amazon.com/linux/al2023/ug/core-glibc.html); a binary linked against a newer glibc
# fails to start there ("version `GLIBC_2.36' not found"), which no local run shows.
#   eng/check-glibc.sh [--optional] FILE...
#   --optional   without objdump, say so and pass: for the JIT bootstrap, whose apphost comes prebuilt (macOS has no
#                objdump for Linux binaries unless installed)
# A Native AOT bootstrap takes the glibc of the host that links it; the self-contained JIT bootstrap (AOT=false)
# starts from the runtime pack's prebuilt apphost, which targets an older glibc wherever it is built.
set -euo pipefail

max=2.34
optional=false
if [ "${1:-}" = --optional ]; then optional=true; shift; fi
[ $# -gt 0 ] || { echo "usage: eng/check-glibc.sh [--optional] FILE..." >&2; exit 2; }
if ! command -v objdump >/dev/null; then
  missing="objdump is not on PATH; it reads the glibc versions bootstrap needs (binutils: apt-get install binutils, dnf install binutils)"
  if $optional; then echo "check-glibc: not checked: $missing" >&2; exit 0; fi
  echo "check-glibc: $missing" >&2
  exit 1
fi

status=0
for file in "$@"; do
  [ -f "$file" ] || { echo "check-glibc: $file not found" >&2; status=1; continue; }
  # objdump -T prints each dynamic symbol with the version it needs, e.g. "*UND* ... (GLIBC_2.36) arc4random".
  symbols=$(objdump -T "$file") || { echo "check-glibc: objdump -T $file failed (is it an ELF file?)" >&2; status=1; continue; }
  verdict=$(printf '%s\n' "$symbols" | awk -v max="$max" '
    function key(version, parts) { split(version, parts, "."); return parts[1] * 1000000 + parts[2] * 1000 + parts[3] }
    {
      if (!match($0, /GLIBC_[0-9]+(\.[0-9]+)+/)) next
      version = substr($0, RSTART + 6, RLENGTH - 6)
      if (key(version) > key(highest)) highest = version
      if (key(version) > key(max)) { symbol = $NF; above = above (above == "" ? "" : ", ") symbol " (GLIBC_" version ")" }
    }
    END { print (highest == "" ? "none" : highest); print above }')
  highest=$(printf '%s\n' "$verdict" | sed -n 1p)
  above=$(printf '%s\n' "$verdict" | sed -n 2p)
  if [ -n "$above" ]; then
    host=$(getconf GNU_LIBC_VERSION 2>/dev/null || echo "an unknown glibc")
    cat >&2 <<EOF
check-glibc: $file needs GLIBC_$highest, above GLIBC_$max, the glibc of Amazon Linux 2023 where Lambda runs it:
  $above
It would fail to start in Lambda. This host has $host, and a Native AOT bootstrap needs the glibc of the host that
links it. Instead:
  - build on a host with glibc $max or older (for example Amazon Linux 2023: an EC2 instance, or the container
    public.ecr.aws/amazonlinux/amazonlinux:2023, with the .NET 10 SDK and clang), or
  - build the self-contained JIT bootstrap with AOT=false, whose prebuilt apphost needs an older glibc.
EOF
    status=1
  else
    echo "check-glibc: $file needs GLIBC_$highest at most (Amazon Linux 2023 has $max)"
  fi
done
exit "$status"
