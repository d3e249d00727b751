@echo off
rem chatroom: runs the server (chatroom --server) or a client (chatroom --client) from this image.
"%~dp0java.exe" --enable-native-access=javafx.graphics -XX:G1PeriodicGCInterval=5000 -XX:MinHeapFreeRatio=10 -XX:MaxHeapFreeRatio=30 %CHATROOM_JAVA_OPTIONS% -m chatroom.launcher/chatroom.launcher.Main %*
