# Sourced by the bench scripts: install_packages PACKAGE... installs the
# Debian packages that are missing (apt-get runs only when one is).
install_packages() {
  local missing=() p
  for p in "$@"; do
    dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed" || missing+=("$p")
  done
  [ ${#missing[@]} -eq 0 ] && return 0
  local sudo=""
  [ "$(id -u)" -ne 0 ] && sudo=sudo
  $sudo apt-get update -qq
  DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -qq --no-install-recommends "${missing[@]}"
}

# unpack_package PACKAGE DIR: unpacks the candidate version of a Debian
# package under DIR (once per version) without installing it, and prints the
# unpacked root. For a program whose package conflicts with one the bench
# installs: rsyslog and syslog-ng-core both provide system-log-daemon, so
# installing one removes the other. An unpacked package also registers no
# service and ships no config into /etc. Its dependencies are installed
# with install_packages.
unpack_package() {
  local pkg=$1 root=$2 ver dir dl
  ver=$(apt-cache policy "$pkg" 2>/dev/null | awk '/Candidate:/{print $2}')
  if [ -z "$ver" ] || [ "$ver" = "(none)" ]; then
    local sudo=""
    [ "$(id -u)" -ne 0 ] && sudo=sudo
    $sudo apt-get update -qq
    ver=$(apt-cache policy "$pkg" | awk '/Candidate:/{print $2}')
  fi
  dir=$root/${pkg}_$ver
  if [ ! -e "$dir/.unpacked" ]; then
    dl=$(mktemp -d)
    chmod a+rwx "$dl"  # apt's unprivileged download user writes here
    (cd "$dl" && apt-get download -qq "$pkg=$ver") >&2
    rm -rf "$dir"
    mkdir -p "$dir"
    dpkg-deb -x "$dl"/*.deb "$dir"
    rm -rf "$dl"
    touch "$dir/.unpacked"
  fi
  echo "$dir"
}
