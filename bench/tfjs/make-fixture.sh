#!/usr/bin/env bash
# Remakes tests/Polypose.Detection.Tests/Fixtures/movenet-multipose-tfjs.json: TF.js 4.22 (wasm backend, 1 thread)
# runs MoveNet MultiPose on the 25 Panoptic demo frames letterboxed to 640 px (the same int32 inputs our runtime sees;
# the fixture stores each input's SHA-256 so the test checks that). Needs node + npm, the models
# (./polypose models install) and ../shared/data.
set -euo pipefail
here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
root="$(cd "$here/../.." && pwd)"
(cd "$here" && npm ci --no-audit --no-fund)
"$root/polypose" bench detect --long-side 640 --repeat 1 --fixture "$root/tests/Polypose.Detection.Tests/Fixtures/movenet-multipose-tfjs.json"
