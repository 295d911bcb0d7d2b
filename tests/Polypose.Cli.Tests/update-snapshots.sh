#!/usr/bin/env bash
# Rewrites tests/Polypose.Cli.Tests/Snapshots from the current CLI (help texts and error lines); review `git diff` after.
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"
POLYPOSE_UPDATE_SNAPSHOTS=1 dotnet test "$root/tests/Polypose.Cli.Tests" -c Release --filter "FullyQualifiedName~SnapshotTests"
git -C "$root" status --short -- tests/Polypose.Cli.Tests/Snapshots
