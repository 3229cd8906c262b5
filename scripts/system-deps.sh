#!/usr/bin/env bash
# Install the few Debian packages claimboard needs outside Python, only when missing.
#   scripts/system-deps.sh venv      python3-venv, to create .venv
#   scripts/system-deps.sh browser   chromium, the browser the dashboard's browser tests drive
# Works as root; otherwise uses sudo when there is one. A no-op when all is already there.
set -euo pipefail

python=${PYTHON:-python3}
wanted=()
for need in "$@"; do
    case "$need" in
        venv) "$python" -c "import ensurepip, venv" 2>/dev/null || wanted+=(python3-venv) ;;
        browser) [ -x /usr/bin/chromium ] || wanted+=(chromium) ;;
        *) echo "error: scripts/system-deps.sh: unknown need '$need' (use venv or browser)" >&2; exit 2 ;;
    esac
done
[ ${#wanted[@]} -eq 0 ] && exit 0

if [ "$(id -u)" -eq 0 ]; then
    as_root=()
elif command -v sudo >/dev/null; then
    as_root=(sudo)
else
    echo "error: need ${wanted[*]} installed, and neither root nor sudo is available" >&2
    exit 1
fi
command -v apt-get >/dev/null || {
    echo "error: need ${wanted[*]} installed; this script knows only apt-get (Debian/Ubuntu)" >&2
    exit 1
}
"${as_root[@]}" apt-get update
"${as_root[@]}" env DEBIAN_FRONTEND=noninteractive apt-get install -y --no-install-recommends "${wanted[@]}"
