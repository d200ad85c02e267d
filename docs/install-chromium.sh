#!/usr/bin/env bash
# Installs Debian's Chromium for ChromiumRenderTest (cli), which renders `fputsim report` headless
# and takes a screenshot, and for ServePageChromiumTest (cli), which plays `fputsim serve`'s page over
# the DevTools protocol. Idempotent; without it the test skips with a one-line reason.
set -euo pipefail
if command -v chromium >/dev/null 2>&1; then
    exit 0
fi
if [ "$(id -u)" -ne 0 ]; then
    echo "install-chromium: not root, skipping (ChromiumRenderTest and ServePageChromiumTest will skip)" >&2
    exit 0
fi
apt-get update -qq
DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium >/dev/null
