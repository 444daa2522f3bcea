#!/bin/sh
# Regenerates man/attnscope.1 with swift-argument-parser's generate-manual plugin (`make man`).
#
# The plugin builds attnscope, runs it with --experimental-dump-help and turns that description
# of the command line into an mdoc page. This script stamps the page with the dump's POSIX
# checksum (`cksum`), so that a test can tell whether the page is current without the plugin:
# Tests/attnscopeTests/Documentation/ManualPageTests.swift compares the stamp with the checksum
# of a fresh dump. A page whose stamp still matches is left as it is (its date stays the day the
# command line last changed).
set -eu
cd "$(dirname "$0")/.."

page=man/attnscope.1
swift build --product attnscope
binary="$(swift build --show-bin-path)/attnscope"
checksum="$("$binary" --experimental-dump-help | cksum | awk '{ print $1 " " $2 }')"
stamp=".\\\" attnscope --experimental-dump-help | cksum: $checksum (regenerate with: make man)"

if [ -f "$page" ] && grep -qxF "$stamp" "$page"; then
    echo "$page is current"
    exit 0
fi

swift package generate-manual --configuration debug
generated=.build/plugins/GenerateManual/outputs/attnscope/attnscope.1
mkdir -p man
# The generator's own first line (a comment), the stamp, then the page.
{ head -n 1 "$generated"; echo "$stamp"; tail -n +2 "$generated"; } > "$page.tmp"
mv "$page.tmp" "$page"
echo "wrote $page"
