package chatroom.client.core;

import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.cert.CertificateEncodingException;
import java.security.cert.X509Certificate;
import java.util.HexFormat;
import java.util.Locale;
import java.util.Objects;
import java.util.regex.Pattern;

/// The SHA-256 fingerprint of a server's certificate (its DER encoding), written as upper-case
/// hex pairs joined by `:`, the way `keytool -list` and `openssl x509 -fingerprint -sha256`
/// print it.
///
/// @param value the 32 bytes in that form, e.g. `AB:CD:…` (95 characters)
public record Fingerprint(String value) {

    private static final Pattern CANONICAL = Pattern.compile("[0-9A-F]{2}(:[0-9A-F]{2}){31}");
    private static final Pattern HEX = Pattern.compile("[0-9A-F]{64}");
    private static final HexFormat PAIRS = HexFormat.ofDelimiter(":").withUpperCase();

    public Fingerprint {
        Objects.requireNonNull(value, "value");
        if (!CANONICAL.matcher(value).matches()) {
            throw new IllegalArgumentException("not a canonical SHA-256 fingerprint: " + value);
        }
    }

    /// Reads a fingerprint as a person or a script gives it: 32 bytes as 64 hex digits, with or
    /// without `:` between the pairs, in any case. What `openssl x509 -fingerprint -sha256`
    /// prints (`sha256 Fingerprint=AB:…`) is accepted too: anything up to a `=` is ignored.
    ///
    /// @throws IllegalArgumentException with a message fit for the person if it is not one
    public static Fingerprint parse(String text) {
        Objects.requireNonNull(text, "text");
        String digits = text.substring(text.lastIndexOf('=') + 1).strip().toUpperCase(Locale.ROOT);
        String hex = digits.replace(":", "");
        boolean wellFormed = digits.contains(":") ? CANONICAL.matcher(digits).matches() : HEX.matcher(hex).matches();
        if (!wellFormed) {
            throw new IllegalArgumentException("'" + text + "' is not a SHA-256 fingerprint: it has 32 bytes in hex,"
                    + " with or without ':' between them, as keytool -list or openssl x509 -fingerprint -sha256 print it");
        }
        return new Fingerprint(PAIRS.formatHex(HexFormat.of().parseHex(hex)));
    }

    /// The fingerprint of `certificate`.
    public static Fingerprint of(X509Certificate certificate) {
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256").digest(certificate.getEncoded());
            return new Fingerprint(PAIRS.formatHex(digest));
        } catch (CertificateEncodingException e) {
            throw new IllegalArgumentException("the certificate cannot be encoded", e);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every Java runtime has SHA-256", e);
        }
    }

    @Override
    public String toString() {
        return value;
    }
}
