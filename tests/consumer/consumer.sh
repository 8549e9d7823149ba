#!/usr/bin/env bash
# Builds tests/consumer/app against an installed compdata package (ctest's
# consumer_* tests, see CMakeLists.txt here):
#
#   consumer.sh install BIN_DIR PREFIX      fresh `cmake --install BIN_DIR` into PREFIX
#   consumer.sh cmake PREFIX OUT_DIR CXX    find_package(compdata CONFIG) build, OUT_DIR/consumer
#   consumer.sh pkgconfig PREFIX OUT_DIR CXX  CXX main.cc $(pkg-config --cflags --libs compdata)
#
# The builds see PREFIX and the system only: each checks that its include
# directories, every header the compiler read and the compdata libraries it
# linked come from PREFIX, none from the checkout or its build tree (PREFIX
# itself lies in the build tree).
# Paths here hold no spaces: lists of them are split into words on purpose.
# shellcheck disable=SC2013
set -euo pipefail

src_dir=$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd -P)
app_dir="$src_dir/tests/consumer/app"
mode=$1
shift

fail() { echo "consumer.sh: $*" >&2; exit 1; }

# Directory $1 must be inside $prefix or outside the checkout.
allowed() {
  [[ "$1" == "$prefix" || "$1" == "$prefix/"* ||
     ("$1" != "$src_dir" && "$1" != "$src_dir/"*) ]]
}

# Include directories in the compile flags $1.
check_include_dirs() {
  local dir seen=0
  for dir in $(grep -oE -- '-(I|isystem) ?[^ ]+' <<<"$1" | sed -E 's/^-(I|isystem) ?//'); do
    allowed "$dir" || fail "include directory from the source tree: $dir"
    [[ "$dir" == "$prefix/include/compdata" ]] && seen=1
  done
  ((seen)) || fail "$prefix/include/compdata is not on the include path: $1"
}

# Every file in the compiler's dependency file $1.
check_headers() {
  local f
  for f in $(sed -e 's/\\$//' -e 's/^[^ ]*: //' "$1"); do
    [[ "$f" == "$app_dir/main.cc" ]] && continue
    allowed "$f" || fail "header read from the source tree: $f"
  done
  grep -q -- "$prefix/include/compdata/client/client.h" "$1" ||
    fail "client/client.h was not read from $prefix"
}

case "$mode" in
  install)
    bin_dir=$1
    prefix=$2
    rm -rf "$prefix"
    cmake --install "$bin_dir" --prefix "$prefix" >/dev/null
    for f in lib/cmake/compdata/compdataConfig.cmake \
             lib/cmake/compdata/compdataConfigVersion.cmake \
             lib/cmake/compdata/compdataTargets.cmake lib/pkgconfig/compdata.pc \
             lib/libcompdata_client.a include/compdata/client/client.h \
             bin/compdata bin/compdata-server; do
      [[ -e "$prefix/$f" ]] || fail "not installed: $prefix/$f"
    done
    echo "installed into $prefix"
    ;;

  cmake)
    prefix=$(cd "$1" && pwd -P)
    out=$2
    cxx=$3
    rm -rf "$out"
    env -u CMAKE_PREFIX_PATH -u compdata_DIR -u compdata_ROOT -u CPATH \
        -u CPLUS_INCLUDE_PATH \
      cmake -S "$app_dir" -B "$out" -G "Unix Makefiles" \
        -DCMAKE_BUILD_TYPE=Release -DCMAKE_CXX_COMPILER="$cxx" \
        -DCMAKE_PREFIX_PATH="$prefix" -DCMAKE_FIND_USE_PACKAGE_REGISTRY=OFF \
        -DCMAKE_EXPORT_COMPILE_COMMANDS=ON >"$out.configure.log" 2>&1 ||
      { cat "$out.configure.log" >&2; fail "configure failed"; }
    found=$(sed -n 's/^compdata_DIR:PATH=//p' "$out/CMakeCache.txt")
    [[ "$found" == "$prefix/lib/cmake/compdata" ]] ||
      fail "find_package(compdata) found '$found', not $prefix/lib/cmake/compdata"
    env -u CPATH -u CPLUS_INCLUDE_PATH cmake --build "$out" -j 2
    check_include_dirs "$(grep '"command"' "$out/compile_commands.json")"
    check_headers "$out/CMakeFiles/consumer.dir/main.cc.o.d"
    for lib in $(grep -oE '[^ ]*libcompdata_[a-z]+\.a' "$out/CMakeFiles/consumer.dir/link.txt"); do
      [[ "$lib" == "$prefix/"* ]] || fail "linked $lib, not from $prefix"
    done
    echo "built $out/consumer with find_package(compdata) from $found"
    ;;

  pkgconfig)
    prefix=$(cd "$1" && pwd -P)
    out=$2
    cxx=$3
    rm -rf "$out"
    mkdir -p "$out"
    export PKG_CONFIG_PATH="$prefix/lib/pkgconfig"
    unset CPATH CPLUS_INCLUDE_PATH
    found=$(pkg-config --variable=prefix compdata)
    [[ "$found" == "$prefix" ]] || fail "pkg-config compdata has prefix '$found', not $prefix"
    cflags=$(pkg-config --cflags compdata)
    libs=$(pkg-config --libs compdata)
    check_include_dirs "$cflags"
    # shellcheck disable=SC2086  # word splitting of the flags is intended
    "$cxx" -std=c++17 -MD -MF "$out/main.d" $cflags "$app_dir/main.cc" \
      -o "$out/consumer" $libs
    check_headers "$out/main.d"
    echo "built $out/consumer with pkg-config: $cflags"
    ;;

  *)
    fail "unknown mode $mode (install, cmake or pkgconfig)"
    ;;
esac
