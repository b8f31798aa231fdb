#!/usr/bin/env bash
# Prints the one CPU architecture template.yaml states for the function (x86_64 or arm64), or fails naming what is
# wrong. The Makefile builds bootstrap for it: SAM gives a makefile build only ARTIFACTS_DIR and the caller's
# environment, never the function's architecture, so the template's literal is the one setting both follow.
#   eng/template-architecture.sh template.yaml
set -euo pipefail

template=${1:?usage: eng/template-architecture.sh template.yaml}
[ -f "$template" ] || { echo "template-architecture: $template not found" >&2; exit 1; }

awk -v file="$template" -v quote="'" '
  function fail(message) { print "template-architecture: " file ": " message > "/dev/stderr"; failed = 1; exit 1 }
  function indent(text) { match(text, /^[ \t]*/); return RLENGTH }
  function trim(text) { gsub(/^[ \t]+|[ \t]+$/, "", text); return text }
  function unquote(text) {
    first = substr(text, 1, 1)
    if (length(text) >= 2 && (first == "\"" || first == quote) && substr(text, length(text)) == first) text = substr(text, 2, length(text) - 2)
    return text
  }
  {
    # YAML comments start at a "#" at the start of a line or after a blank.
    line = $0; sub(/^#.*/, "", line); sub(/[ \t]#.*/, "", line)
    if (line ~ /^[ \t]*Architectures[ \t]*:/) {
      keys++; key_indent = indent(line); in_list = 1
      rest = trim(substr(line, index(line, ":") + 1))
      if (rest != "") {
        in_list = 0
        if (rest !~ /^\[.*\]$/) fail("Architectures must be a list with one value, found \"" rest "\"")
        rest = trim(substr(rest, 2, length(rest) - 2))
        n = split(rest, flow, ",")
        for (i = 1; i <= n; i++) values[++count] = unquote(trim(flow[i]))
      }
      next
    }
    if (in_list) {
      if (trim(line) == "") next
      item = trim(line)
      # A block sequence may sit at the same indentation as its key; anything else ends it.
      if (indent(line) < key_indent || item !~ /^-/) { in_list = 0; next }
      values[++count] = unquote(trim(substr(item, 2)))
    }
  }
  END {
    if (failed) exit 1
    if (keys != 1) fail(keys + 0 " Architectures entries; the build needs exactly one, in Globals: Function")
    if (count != 1) fail("Architectures has " count + 0 " values; the build needs exactly one")
    if (values[1] != "x86_64" && values[1] != "arm64") fail("Architectures value \"" values[1] "\" is not x86_64 or arm64 (a literal: the build reads it from this file, so no !Ref)")
    print values[1]
  }
' "$template"
