#!/usr/bin/env bash
# Builds chatroom's .deb from jpackage's application image (the runtime image with its native
# launcher), adding what jpackage's own .deb cannot carry: the `chatroom` command on the PATH,
# the systemd unit, /etc/chatroom/server.conf as a conffile, the menu entry and the icons.
#
# The command on the PATH and the service run the image's own bin/chatroom (lib/runtime/bin),
# the archive's launcher, so that CHATROOM_JAVA_OPTIONS works for them as for the archive;
# jpackage's native launcher (bin/chatroom), which reads no options from the environment,
# starts the desktop client from the menu.
#
#   build-deb.sh APP_IMAGE VERSION ICONS DOCS OUTPUT_DIR
#
# APP_IMAGE is jpackage's `--type app-image` output (bin/chatroom, lib/runtime, …), VERSION the
# Maven version (0.1.0-SNAPSHOT becomes the Debian version 0.1.0~SNAPSHOT, which sorts before
# 0.1.0), ICONS the folder with chatroom.svg and chatroom-NN.png, DOCS a folder with README.md
# and LICENSE. Writes OUTPUT_DIR/chatroom_VERSION_ARCH.deb and prints its path.
set -euo pipefail

if (($# != 5)); then
  echo "usage: $0 APP_IMAGE VERSION ICONS DOCS OUTPUT_DIR" >&2
  exit 2
fi
app_image=$1 version=$2 icons=$3 docs=$4 output=$5
here=$(cd "$(dirname "$0")" && pwd)
for tool in dpkg-deb dpkg; do
  command -v "$tool" >/dev/null || { echo "$0: $tool is needed to build the .deb (Debian's dpkg package)" >&2; exit 1; }
done
for launcher in bin/chatroom lib/runtime/bin/chatroom; do
  [ -x "$app_image/$launcher" ] || { echo "$0: no launcher at $app_image/$launcher" >&2; exit 1; }
done

deb_version=${version//-/\~}
arch=$(dpkg --print-architecture)
root=$(mktemp -d)
trap 'rm -rf "$root"' EXIT

install -d "$root/opt" "$root/usr/bin" "$root/etc/chatroom" "$root/usr/lib/systemd/system" \
  "$root/usr/share/applications" "$root/usr/share/doc/chatroom" "$root/DEBIAN"
cp -a "$app_image" "$root/opt/chatroom"
# Windows' launcher has no use here.
rm -f "$root/opt/chatroom/lib/runtime/bin/chatroom.bat"
ln -s /opt/chatroom/lib/runtime/bin/chatroom "$root/usr/bin/chatroom"
install -m 644 "$here/server.conf" "$root/etc/chatroom/server.conf"
install -m 644 "$here/chatroom-server.service" "$root/usr/lib/systemd/system/chatroom-server.service"
install -m 644 "$here/chatroom.desktop" "$root/usr/share/applications/chatroom.desktop"
install -D -m 644 "$icons/chatroom.svg" "$root/usr/share/icons/hicolor/scalable/apps/chatroom.svg"
for size in 16 24 32 48 64 128 256 512; do
  install -D -m 644 "$icons/chatroom-$size.png" "$root/usr/share/icons/hicolor/${size}x${size}/apps/chatroom.png"
done
install -m 644 "$docs/README.md" "$root/usr/share/doc/chatroom/README.md"
install -m 644 "$docs/LICENSE" "$root/usr/share/doc/chatroom/copyright"

installed_kib=$(du -sk --exclude=DEBIAN "$root" | cut -f1)
sed -e "s/@VERSION@/$deb_version/" -e "s/@ARCH@/$arch/" -e "s/@INSTALLED_SIZE@/$installed_kib/" \
  "$here/debian/control" >"$root/DEBIAN/control"
install -m 644 "$here/debian/conffiles" "$root/DEBIAN/conffiles"
for script in postinst prerm postrm; do
  install -m 755 "$here/debian/$script" "$root/DEBIAN/$script"
done
# Directories 755 and files readable by all, whatever the builder's umask.
find "$root" -type d -exec chmod 755 {} +
chmod -R a+rX,go-w "$root"

deb="$output/chatroom_${deb_version}_${arch}.deb"
mkdir -p "$output"
dpkg-deb --root-owner-group -Zxz --build "$root" "$deb" >/dev/null
echo "$deb"
