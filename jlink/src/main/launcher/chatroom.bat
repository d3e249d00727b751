@echo off
rem chatroom: runs the server (chatroom --server) or a client (chatroom --client) from this image.
rem The JVM options come from jlink/pom.xml (launcher.java.options); CHATROOM_JAVA_OPTIONS overrides them.
"%~dp0java.exe" @JAVA_OPTIONS@ %CHATROOM_JAVA_OPTIONS% -m chatroom.launcher/chatroom.launcher.Main %*
