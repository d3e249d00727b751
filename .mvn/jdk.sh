# Sourced by ./mvnw. chatroom builds and runs on JDK 25 or newer, and Maven itself must run on
# it (its jar tool writes the modules' descriptors). If JAVA_HOME does not name such a JDK,
# use the first one found in the usual install locations, so nobody has to set JAVA_HOME.
chatroom_is_jdk25() {
  [ -x "$1/bin/javac" ] && "$1/bin/java" -version 2>&1 | grep -qE 'version "(2[5-9]|[3-9][0-9])'
}
if [ -z "${JAVA_HOME-}" ] || ! chatroom_is_jdk25 "$JAVA_HOME"; then
  set +f
  for chatroom_jdk in /usr/lib/jvm/* /opt/java/* /opt/jdk* "$HOME"/.jdks/* \
    "$HOME"/.sdkman/candidates/java/* /Library/Java/JavaVirtualMachines/*/Contents/Home; do
    if chatroom_is_jdk25 "$chatroom_jdk"; then
      JAVA_HOME=$chatroom_jdk
      export JAVA_HOME
      break
    fi
  done
  set -f
  chatroom_is_jdk25 "${JAVA_HOME-}" || echo "mvnw: no JDK 25 or newer found; set JAVA_HOME to one." >&2
fi
