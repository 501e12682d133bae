#!/usr/bin/env bash
# The optional system parts of mlbench on Debian/Ubuntu, in one command (README "Quick start";
# .ci/run runs the same script): scikit-learn and xgboost for the Python peers, Debian's Chromium
# (browser host, the report's browser test), and a Vulkan driver for the WebGPU runtimes
# (ort-node:webgpu, tfjs:webgpu through Dawn): Mesa >= 24 (llvmpipe, a software adapter on the
# CPU). Bookworm's Mesa 22.3 is refused by Dawn ("shaderUniform*ArrayDynamicIndexing required"),
# so on bookworm it comes from bookworm-backports. Installs only what is missing; idempotent.
# `mlbench doctor` says which parts a machine has.
set -euo pipefail
NEED=""
command -v chromium >/dev/null 2>&1 || NEED="$NEED chromium"
/usr/bin/python3 -c 'import numpy, scipy, sklearn, xgboost' >/dev/null 2>&1 || NEED="$NEED python3-sklearn python3-xgboost"
MESA=$(dpkg-query -W -f='${Version}' mesa-vulkan-drivers 2>/dev/null || true)
NEED_MESA=""
if [ -z "$MESA" ] || ! dpkg --compare-versions "$MESA" ge 24 || ! dpkg-query -W libvulkan1 >/dev/null 2>&1; then NEED_MESA=1; fi
[ -z "$NEED" ] && [ -z "$NEED_MESA" ] && exit 0
if [ "$(id -u)" = 0 ]; then SUDO=""; else SUDO="sudo"; fi
export DEBIAN_FRONTEND=noninteractive
BACKPORTS=""
if [ -n "$NEED_MESA" ] && grep -q '^VERSION_CODENAME=bookworm' /etc/os-release 2>/dev/null; then
  BACKPORTS="-t bookworm-backports"
  if [ ! -e /etc/apt/sources.list.d/bookworm-backports.sources ]; then
    # Same mirror and key as the image's own deb822 source (/etc/apt/sources.list.d/debian.sources).
    printf '%s\n' 'Types: deb' 'URIs: http://deb.debian.org/debian' 'Suites: bookworm-backports' 'Components: main' \
      'Signed-By: /usr/share/keyrings/debian-archive-keyring.gpg' | $SUDO tee /etc/apt/sources.list.d/bookworm-backports.sources >/dev/null
  fi
fi
$SUDO apt-get update -qq
# shellcheck disable=SC2086
if [ -n "$NEED" ]; then $SUDO apt-get install -y -qq $NEED >/dev/null; fi
# shellcheck disable=SC2086
if [ -n "$NEED_MESA" ]; then $SUDO apt-get install -y -qq $BACKPORTS mesa-vulkan-drivers libvulkan1 >/dev/null; fi
