package chatroom.server.internal;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.net.InetAddress;
import java.nio.charset.Charset;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import java.util.regex.Pattern;

/// Makes the self-signed keystore of [chatroom.server.TlsIdentity#selfSigned] with the
/// runtime's own `keytool` (`${java.home}/bin/keytool -genkeypair`), so no cryptography of
/// ours is involved and the file is a standard PKCS#12 keystore that `keytool -list` and
/// `openssl pkcs12` can read.
///
/// Its password is fixed and public ([#password]): PKCS#12 needs one, but what protects the
/// key is the file's permissions (folder and file readable by the owner only), exactly as for
/// an SSH host key. A random password stored next to it would protect nothing more.
public final class SelfSignedKeystore {

    private static final System.Logger LOG = System.getLogger("chatroom.server");
    private static final String PASSWORD = "chatroom-self-signed";
    private static final String ALIAS = "chatroom";
    private static final long KEYTOOL_TIMEOUT_SECONDS = 60;
    private static final int VALIDITY_DAYS = 3650;
    /// Host names and IP addresses; nothing that could change the meaning of keytool's
    /// `-dname` or `-ext` arguments (no `,`, `=`, spaces).
    private static final Pattern HOST = Pattern.compile("[A-Za-z0-9._:%-]{1,253}");
    private static final Pattern IP_ADDRESS = Pattern.compile("[0-9.]+|.*:.*");

    private SelfSignedKeystore() {
    }

    /// The password of every keystore this class makes.
    public static char[] password() {
        return PASSWORD.toCharArray();
    }

    /// Creates the keystore `file` for `host`; its folder is created if missing.
    ///
    /// @throws IOException              if keytool cannot be run, fails or takes over a minute
    /// @throws IllegalArgumentException if `host` is not a host name or IP address
    public static void create(Path file, String host) throws IOException {
        if (!HOST.matcher(host).matches()) {
            throw new IllegalArgumentException("cannot make a certificate for host '" + host + "'");
        }
        Path folder = file.toAbsolutePath().getParent();
        createPrivateFolder(folder);
        // keytool writes a temporary file that is renamed into place only when complete, so
        // an interrupted first start leaves no half-written keystore behind.
        Path partial = folder.resolve(file.getFileName() + "." + UUID.randomUUID() + ".tmp");
        try {
            runKeytool(partial, host);
            restrictToOwner(partial);
            move(partial, file);
            LOG.log(System.Logger.Level.INFO, "Created the self-signed TLS keystore {0}", file);
        } finally {
            Files.deleteIfExists(partial);
        }
    }

    private static void runKeytool(Path keystore, String host) throws IOException {
        Path keytool = Path.of(System.getProperty("java.home"), "bin",
                System.getProperty("os.name").startsWith("Windows") ? "keytool.exe" : "keytool");
        String name = isWildcard(host) ? "localhost" : host;
        List<String> command = new ArrayList<>(List.of(keytool.toString(), "-genkeypair", "-noprompt",
                "-alias", ALIAS, "-keyalg", "EC", "-groupname", "secp256r1", "-sigalg", "SHA256withECDSA",
                "-validity", Integer.toString(VALIDITY_DAYS),
                "-dname", "CN=" + name + ", O=chatroom self-signed",
                "-ext", "SAN=" + subjectAlternativeNames(name),
                "-storetype", "PKCS12", "-keystore", keystore.toString(), "-storepass", PASSWORD));
        Process process;
        try {
            process = new ProcessBuilder(command).redirectErrorStream(true).start();
        } catch (IOException e) {
            throw new IOException("cannot run " + keytool + " to make a self-signed certificate: " + e.getMessage(), e);
        }
        process.getOutputStream().close(); // keytool must never wait for an answer
        var output = new ByteArrayOutputStream();
        Thread reader = Thread.ofVirtual().start(() -> copy(process.getInputStream(), output));
        try {
            if (!process.waitFor(KEYTOOL_TIMEOUT_SECONDS, TimeUnit.SECONDS)) {
                process.destroyForcibly();
                throw new IOException(keytool + " did not finish making a self-signed certificate within "
                        + KEYTOOL_TIMEOUT_SECONDS + " s");
            }
            reader.join(TimeUnit.SECONDS.toMillis(5));
        } catch (InterruptedException e) {
            process.destroyForcibly();
            Thread.currentThread().interrupt();
            throw new IOException("interrupted while making a self-signed certificate", e);
        }
        if (process.exitValue() != 0) {
            String said;
            synchronized (output) {
                said = output.toString(Charset.defaultCharset()).strip();
            }
            throw new IOException(keytool + " failed (exit " + process.exitValue() + ") making a self-signed"
                    + " certificate" + (said.isEmpty() ? "" : ": " + said));
        }
    }

    /// `dns:NAME` (with `localhost` and the loopback addresses when the name is `localhost`),
    /// or `ip:ADDRESS`.
    private static String subjectAlternativeNames(String name) {
        if (name.equals("localhost")) {
            return "dns:localhost,ip:127.0.0.1,ip:::1";
        }
        return (IP_ADDRESS.matcher(name).matches() ? "ip:" : "dns:") + name;
    }

    private static boolean isWildcard(String host) {
        try {
            return IP_ADDRESS.matcher(host).matches() && InetAddress.getByName(host).isAnyLocalAddress();
        } catch (IOException e) {
            return false;
        }
    }

    private static void createPrivateFolder(Path folder) throws IOException {
        if (Files.isDirectory(folder)) {
            return;
        }
        Files.createDirectories(folder.getParent());
        try {
            if (isPosix(folder)) {
                Files.createDirectory(folder,
                        PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rwx------")));
            } else {
                Files.createDirectory(folder);
            }
        } catch (FileAlreadyExistsException e) {
            // Made meanwhile by another server sharing the data directory: fine.
        }
    }

    private static void restrictToOwner(Path file) throws IOException {
        if (isPosix(file)) {
            Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rw-------"));
        }
    }

    private static boolean isPosix(Path path) {
        return path.getFileSystem().supportedFileAttributeViews().contains("posix");
    }

    private static void move(Path from, Path to) throws IOException {
        try {
            Files.move(from, to, StandardCopyOption.ATOMIC_MOVE);
        } catch (AtomicMoveNotSupportedException e) {
            Files.move(from, to);
        }
    }

    private static void copy(InputStream in, ByteArrayOutputStream out) {
        byte[] buffer = new byte[1024];
        try (in) {
            for (int count; (count = in.read(buffer)) >= 0; ) {
                synchronized (out) {
                    out.write(buffer, 0, count);
                }
            }
        } catch (IOException e) {
            // keytool is gone; its exit value tells the rest.
        }
    }
}
