#!/usr/bin/env bash
# Publishes eng/aot-check with Native AOT and fails on any trim/AOT warning, then runs the binary.
# Usage: eng/aot-check.sh            (needs clang; Debian's clang-14 is used when plain clang is absent)
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
out="$(mktemp -d)"
trap 'rm -rf "$out"' EXIT

linker=()
if ! command -v clang >/dev/null 2>&1 && command -v clang-14 >/dev/null 2>&1; then
  linker=(-p:CppCompilerAndLinker=clang-14)
fi

log="$out/publish.log"
if ! dotnet publish "$root/eng/aot-check/AotCheck.csproj" -c Release -r linux-x64 -p:PublishAot=true "${linker[@]}" \
     -tl:off -nologo -clp:NoSummary -o "$out/bin" >"$log" 2>&1; then
  cat "$log"
  echo "aot-check: publish failed" >&2
  exit 1
fi

if grep -i "warning" "$log"; then
  echo "aot-check: the Native AOT publish produced warnings (above)" >&2
  exit 1
fi

binary="$out/bin/aot-check"
echo "aot-check: published with 0 warnings; binary size $(stat -c %s "$binary") bytes ($(du -h "$binary" | cut -f1))"
"$binary"
