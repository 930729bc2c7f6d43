#!/usr/bin/env bash
# Build and install Citus 13.0.5 into Debian's PostgreSQL 15 when it is missing.
# Source: ../shared/vendor/citus-13.0.5.tar.gz (AGPL-3.0, built and run as a separate extension).
# About 3.5 minutes on an idle 2-core machine; re-running is a no-op once citus.so is installed.
set -euo pipefail

PG_CONFIG=${PG_CONFIG:-/usr/lib/postgresql/15/bin/pg_config}
HERE=$(cd "$(dirname "$0")" && pwd)
ROOT=$(cd "$HERE/../.." && pwd)
TARBALL=${CITUS_TARBALL:-$ROOT/../shared/vendor/citus-13.0.5.tar.gz}
[[ -f $TARBALL ]] || TARBALL=/work/shared/vendor/citus-13.0.5.tar.gz

installed() {
  [[ -x $PG_CONFIG ]] && [[ -f "$("$PG_CONFIG" --pkglibdir)/citus.so" ]] \
    && [[ -f "$("$PG_CONFIG" --sharedir)/extension/citus.control" ]]
}

if installed && [[ ${1:-} != --force ]]; then
  echo "citus: already installed in $("$PG_CONFIG" --pkglibdir)"
  exit 0
fi

PKGS=(postgresql-server-dev-15 liblz4-dev libzstd-dev libkrb5-dev libssl-dev flex bison make gcc)
missing=()
for p in "${PKGS[@]}"; do dpkg -s "$p" >/dev/null 2>&1 || missing+=("$p"); done
if ((${#missing[@]})); then
  echo "citus: installing Debian packages: ${missing[*]}"
  # Other jobs may hold the dpkg lock: wait for it rather than fail.
  apt-get -o DPkg::Lock::Timeout=600 update -qq
  DEBIAN_FRONTEND=noninteractive apt-get -o DPkg::Lock::Timeout=600 install -y -qq "${missing[@]}" >/dev/null
fi

BUILD=${CITUS_BUILD_DIR:-$(mktemp -d /tmp/citus-build.XXXXXX)}
echo "citus: building in $BUILD from $TARBALL"
tar -xzf "$TARBALL" -C "$BUILD"
SRC=$(find "$BUILD" -mindepth 1 -maxdepth 1 -type d | head -1)
cd "$SRC"
./configure --without-libcurl PG_CONFIG="$PG_CONFIG" >"$BUILD/configure.log" 2>&1 \
  || { tail -30 "$BUILD/configure.log"; exit 1; }
make -j"${CITUS_JOBS:-2}" >"$BUILD/make.log" 2>&1 || { tail -40 "$BUILD/make.log"; exit 1; }
make install >"$BUILD/install.log" 2>&1 || { tail -30 "$BUILD/install.log"; exit 1; }
installed || { echo "citus: install finished but citus.so is not in place" >&2; exit 1; }
echo "citus: installed $(grep default_version "$("$PG_CONFIG" --sharedir)/extension/citus.control")"
[[ -n ${CITUS_BUILD_DIR:-} ]] || rm -rf "$BUILD"
