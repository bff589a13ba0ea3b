package io.s3redshiftloader.warehouse;

import java.net.InetAddress;
import java.net.URLDecoder;
import java.net.UnknownHostException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.regex.Pattern;

/**
 * What the loader needs to know about the warehouse JDBC URL without connecting: its hosts, whether the connection it
 * opens is always encrypted, and the credentials it carries (so they can be masked wherever text leaves the process).
 * Parameters are read as the drivers read them: URL-decoded, the last occurrence winning; the Redshift driver takes
 * {@code ?a=1&b=2} or {@code ;a=1;b=2} and matches names case-insensitively, pgjdbc takes {@code ?a=1&b=2} and exact names.
 */
public final class JdbcUrl {
    private static final String REDSHIFT = "jdbc:redshift:";
    private static final String REDSHIFT_IAM = "jdbc:redshift:iam:";
    private static final Set<String> PG_ENCRYPTED_MODES = Set.of("require", "verify-ca", "verify-full");
    /**
     * The parameters that hold a credential: the Redshift driver reads Password, PWD, SecretAccessKey, SessionToken,
     * Client_Secret and webIdentityToken from the URL, pgjdbc reads password.
     */
    private static final Pattern CREDENTIAL_NAME = Pattern.compile("(?i).*(password|pwd|secret|token).*");
    private static final Pattern CREDENTIAL_PARAMETER = Pattern.compile("(?i)([?;&][^=?;&]*(?:password|pwd|secret|token)[^=?;&]*=)[^;&]*");
    /** A Redshift Serverless workgroup endpoint, {@code <workgroup>.<account>.<region>.redshift-serverless.amazonaws.com}. */
    private static final Pattern SERVERLESS_HOST = Pattern.compile(".+\\..+\\..+\\.redshift-serverless(-dev)?\\.amazonaws\\.com.*");

    private final String url;
    private final Map<String, String> parameters;
    private final List<String> credentials = new ArrayList<>();

    public JdbcUrl(String url) {
        this.url = url;
        boolean redshift = url.startsWith(REDSHIFT);
        this.parameters = redshift ? new TreeMap<>(String.CASE_INSENSITIVE_ORDER) : new HashMap<>();
        int start = indexOfAny(url, redshift ? "?;" : "?", 0);
        if (start >= 0) {
            for (String pair : url.substring(start + 1).split(redshift ? "[&;]" : "&")) {
                int equals = pair.indexOf('=');
                String name = decode(equals < 0 ? pair : pair.substring(0, equals));
                String raw = equals < 0 ? "" : pair.substring(equals + 1);
                String value = decode(raw);
                parameters.put(name, value);
                if (CREDENTIAL_NAME.matcher(name).matches() && !raw.isEmpty()) {
                    // A message may quote the URL as written or the value as the driver decoded it.
                    credentials.add(raw);
                    if (!value.equals(raw)) {
                        credentials.add(value);
                    }
                }
            }
        }
    }

    /**
     * Whether every connection is encrypted. Redshift driver 2.3.0: TLS unless the URL sets {@code ssl} to something
     * other than true; IAM URLs refuse to connect without TLS; {@code sslmode} accepts only verify-ca and verify-full.
     * pgjdbc: plain text is possible unless sslmode is require or verify-*, or ssl=true.
     */
    public boolean encrypted() {
        if (iamAuth()) {
            return true;
        }
        if (url.startsWith(REDSHIFT)) {
            return !parameters.containsKey("ssl") || sslTrue();
        }
        String sslmode = parameters.get("sslmode");
        return sslmode != null ? PG_ENCRYPTED_MODES.contains(sslmode.toLowerCase(Locale.ROOT)) : parameters.containsKey("ssl") && sslTrue();
    }

    /** IAM authentication: the Redshift driver fetches temporary database credentials from AWS for each connection. */
    public boolean iamAuth() {
        return url.startsWith(REDSHIFT_IAM);
    }

    /**
     * IAM authentication to Redshift Serverless, as the driver tells it: a workgroup endpoint host, or isServerless=true.
     * Its GetCredentials takes no database user: the user follows the IAM identity.
     */
    public boolean serverless() {
        return iamAuth() && (SERVERLESS_HOST.matcher(hosts().get(0)).matches() || Boolean.parseBoolean(parameters.get("isServerless")));
    }

    /** Plain text to a stand-in on this machine, such as PostgreSQL behind the Redshift driver relay: the one place TLS may be off. */
    public boolean plainTextOnLoopback() {
        return !encrypted() && loopbackOnly();
    }

    /** Both drivers: an empty value or "true" in any case; anything else ("false", "no", "0") is off. */
    private boolean sslTrue() {
        String ssl = parameters.get("ssl");
        return ssl.isEmpty() || Boolean.parseBoolean(ssl);
    }

    /** The hosts the URL connects to, as written (no port); a URL without one means localhost, as pgjdbc reads it. */
    public List<String> hosts() {
        int slashes = url.indexOf("//");
        if (slashes < 0) {
            return List.of("localhost");
        }
        int end = indexOfAny(url, "/?;", slashes + 2);
        String authority = url.substring(slashes + 2, end < 0 ? url.length() : end);
        return Arrays.stream(authority.split(",")).map(JdbcUrl::host).toList();
    }

    /** Each host with its port as written ({@code host} or {@code host:port}), for messages naming where the database is. */
    public List<String> addresses() {
        int slashes = url.indexOf("//");
        if (slashes < 0) {
            return List.of("localhost");
        }
        int end = indexOfAny(url, "/?;", slashes + 2);
        return List.of(url.substring(slashes + 2, end < 0 ? url.length() : end).split(","));
    }

    /** The first port that is not a number from 1 to 65535, if any: the drivers would fail on it with a message of their own. */
    public Optional<String> invalidPort() {
        for (String address : addresses()) {
            int close = address.startsWith("[") ? address.indexOf(']') : -1;
            int colon = address.indexOf(':', close + 1);
            if (colon >= 0) {
                String port = address.substring(colon + 1);
                if (!port.matches("\\d{1,5}") || Integer.parseInt(port) < 1 || Integer.parseInt(port) > 65_535) {
                    return Optional.of(port);
                }
            }
        }
        return Optional.empty();
    }

    private static String host(String hostAndPort) {
        if (hostAndPort.startsWith("[")) {
            int close = hostAndPort.indexOf(']');
            return close < 0 ? hostAndPort : hostAndPort.substring(1, close);
        }
        int colon = hostAndPort.indexOf(':');
        String host = colon < 0 ? hostAndPort : hostAndPort.substring(0, colon);
        return host.isEmpty() ? "localhost" : host;
    }

    /** Whether every host is this machine. Names other than localhost are not resolved: unknown means not loopback. */
    public boolean loopbackOnly() {
        return hosts().stream().allMatch(JdbcUrl::loopback);
    }

    private static boolean loopback(String host) {
        if (host.equalsIgnoreCase("localhost")) {
            return true;
        }
        if (!host.matches("[0-9.]+") && !host.contains(":")) {
            return false;
        }
        try {
            return InetAddress.getByName(host).isLoopbackAddress();
        } catch (UnknownHostException e) {
            return false;
        }
    }

    /** The URL as it may be logged: each credential parameter's value replaced by ***. */
    public String withoutCredentials() {
        return CREDENTIAL_PARAMETER.matcher(url).replaceAll("$1***");
    }

    /** Values of the URL's credential parameters (password, PWD, SecretAccessKey, SessionToken, ...), to be masked. */
    public List<String> credentials() {
        return List.copyOf(credentials);
    }

    private static String decode(String text) {
        try {
            return URLDecoder.decode(text, StandardCharsets.UTF_8);
        } catch (IllegalArgumentException malformed) {
            return text;
        }
    }

    private static int indexOfAny(String text, String characters, int from) {
        for (int i = from; i < text.length(); i++) {
            if (characters.indexOf(text.charAt(i)) >= 0) {
                return i;
            }
        }
        return -1;
    }
}
