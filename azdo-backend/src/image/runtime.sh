#!/usr/bin/env bash
# Builds the container image's root file system layer (target/image-root) without a container runtime or a
# registry: a Java runtime cut by jlink from the build's own JDK to the modules the service uses, the shared
# libraries that runtime links (glibc, libstdc++, libgcc_s, zlib; found by ldd, copied from the build machine's
# Debian packages), a non-root user and an empty /tmp. Jib puts this layer on an empty ("scratch") base; see
# docs/operations.md for why, and ImageIT for the proof that the result runs.
#
# The modules are what `jdeps --print-module-deps --ignore-missing-deps --multi-release 17` reports for the
# shaded jar, plus jdk.crypto.ec (TLS key exchange with Azure DevOps and Entra), java.xml, java.logging and
# java.management (loaded reflectively).
#
# usage: runtime.sh JAVA_HOME OUTPUT_DIR
set -euo pipefail
java_home="$1"
out="$2"
modules="java.base,java.compiler,java.desktop,java.instrument,java.logging,java.management,java.naming,java.net.http,java.rmi,java.scripting,java.security.jgss,java.sql,java.xml,jdk.crypto.ec,jdk.management,jdk.net,jdk.unsupported"
stamp="$out.modules"
stamp_value="$modules $(sha256sum "$0" | cut -d' ' -f1)"
if [[ -f "$stamp" && "$(cat "$stamp")" == "$stamp_value" && -x "$out/opt/java/bin/java" ]]; then
  echo "image root up to date: $out"
  exit 0
fi
rm -rf "$out"
mkdir -p "$out/opt" "$out/etc" "$out/tmp"
"$java_home/bin/jlink" --add-modules "$modules" --strip-debug --no-man-pages --no-header-files --compress=2 \
  --output "$out/opt/java"

# java.desktop is there for java.beans (PostgreSQL's driver, Micrometer and H2 reference it); the service runs
# headless (-Djava.awt.headless=true), so the native parts that would pull X11, ALSA and font libraries into the
# image are left out, and the tools nobody runs in the container.
rm -f "$out"/opt/java/lib/{libawt_xawt.so,libjawt.so,libsplashscreen.so,libjsound.so,libfontmanager.so}
rm -f "$out"/opt/java/bin/{jrunscript,rmiregistry}

# Every shared library the runtime's executables and libraries need from outside the runtime, at the same path.
# Resolved against the build machine: the image runs the libraries of the machine that built it.
copy_lib() {
  local lib="$1"
  local target="$out$lib"
  if [[ ! -e "$target" ]]; then
    mkdir -p "$(dirname "$target")"
    cp -L "$lib" "$target"
  fi
}
while IFS= read -r -d '' elf; do
  if file -b "$elf" 2>/dev/null | grep -q ELF || head -c 4 "$elf" | grep -q $'\x7fELF'; then
    while read -r lib; do
      [[ "$lib" == /* && "$lib" != "$out"* ]] && copy_lib "$lib"
    done < <(LD_LIBRARY_PATH="$out/opt/java/lib:$out/opt/java/lib/server" ldd "$elf" 2>/dev/null \
      | awk '/=> \// {print $3} /^\s*\/[^ ]+ \(/ {print $1}')
  fi
done < <(find "$out/opt/java/bin" "$out/opt/java/lib" -type f \( -perm -u+x -o -name '*.so' -o -name '*.so.*' \) -print0)
# The ELF interpreter named in the executables (PT_INTERP), at its absolute path.
interp=/lib64/ld-linux-x86-64.so.2
mkdir -p "$out/lib64"
cp -L "$interp" "$out$interp"

# The service's user (10001) and group; no shell, no home directory to write to.
cat > "$out/etc/passwd" <<'PASSWD'
root:x:0:0:root:/nonexistent:/sbin/nologin
flowtrack:x:10001:10001:FlowTrack:/tmp:/sbin/nologin
PASSWD
cat > "$out/etc/group" <<'GROUP'
root:x:0:
flowtrack:x:10001:
GROUP
cat > "$out/etc/nsswitch.conf" <<'NSS'
passwd: files
group: files
hosts: files dns
NSS
echo "$stamp_value" > "$stamp"
du -sh "$out"
