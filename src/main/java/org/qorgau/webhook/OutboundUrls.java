package org.qorgau.webhook;

import java.net.Inet4Address;
import java.net.Inet6Address;
import java.net.InetAddress;
import java.net.URI;
import java.net.URISyntaxException;
import java.net.UnknownHostException;
import java.util.Locale;
import java.util.Set;

/**
 * Where webhooks may be sent (server-side request forgery defence). Unless private targets are allowed
 * ({@code QORGAU_WEBHOOK_ALLOW_PRIVATE}), a URL must be {@code https}, carry no credentials, and its host must resolve
 * only to public unicast addresses: never loopback, private, link-local (which holds the cloud metadata address
 * 169.254.169.254), carrier-grade NAT, unique-local IPv6, multicast or reserved ranges. Checked at registration and
 * again before every delivery, since a name can be re-pointed after registration (DNS rebinding); redirects are
 * never followed.
 *
 * <table>
 * <caption>Examples (private targets not allowed)</caption>
 * <tr><th>URL</th><th>answer</th></tr>
 * <tr><td>{@code https://hooks.example.com/q}</td><td>allowed when every address of the name is public</td></tr>
 * <tr><td>{@code http://hooks.example.com/q}</td><td>refused: not https</td></tr>
 * <tr><td>{@code https://127.0.0.1/}, {@code https://[::1]/}</td><td>refused: loopback</td></tr>
 * <tr><td>{@code https://10.1.2.3/}, {@code https://192.168.0.5/}</td><td>refused: private</td></tr>
 * <tr><td>{@code https://169.254.169.254/latest/meta-data}</td><td>refused: link-local (metadata)</td></tr>
 * <tr><td>{@code https://user:pw@hooks.example.com/}</td><td>refused: credentials in the URL</td></tr>
 * </table>
 */
public final class OutboundUrls {

    private static final Set<String> METADATA_HOSTS = Set.of("metadata", "metadata.google.internal", "instance-data");

    private final boolean allowPrivate;

    public OutboundUrls(boolean allowPrivate) {
        this.allowPrivate = allowPrivate;
    }

    /** Why {@code url} may not be a webhook endpoint, or null when it may (resolving its host now). */
    public String problem(String url) {
        if (url == null || url.isBlank()) {
            return "is required";
        }
        if (url.length() > 2000) {
            return "must be at most 2000 characters";
        }
        URI uri;
        try {
            uri = new URI(url);
        } catch (URISyntaxException e) {
            return "must be an absolute https URL";
        }
        String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
        if (!scheme.equals("https") && !(allowPrivate && scheme.equals("http"))) {
            return "must be an https URL";
        }
        String host = uri.getHost();
        if (host == null || host.isEmpty()) {
            return "must name a host";
        }
        if (uri.getRawUserInfo() != null) {
            return "must not carry credentials";
        }
        if (uri.getRawFragment() != null) {
            return "must not have a fragment";
        }
        if (allowPrivate) {
            return null;
        }
        String bare = host.startsWith("[") ? host.substring(1, host.length() - 1) : host;
        if (METADATA_HOSTS.contains(bare.toLowerCase(Locale.ROOT))) {
            return "must not point at a cloud metadata service";
        }
        InetAddress[] addresses;
        try {
            addresses = InetAddress.getAllByName(bare);
        } catch (UnknownHostException e) {
            return "must name a host that resolves";
        }
        for (InetAddress address : addresses) {
            if (!isPublic(address)) {
                return "must not resolve to a loopback, private, link-local or reserved address";
            }
        }
        return null;
    }

    /** Whether {@code address} is a public unicast address. */
    static boolean isPublic(InetAddress address) {
        if (address.isAnyLocalAddress()
                || address.isLoopbackAddress()
                || address.isLinkLocalAddress()
                || address.isSiteLocalAddress()
                || address.isMulticastAddress()) {
            return false;
        }
        byte[] b = address.getAddress();
        if (address instanceof Inet4Address) {
            return isPublicV4(b);
        }
        if (address instanceof Inet6Address) {
            if ((b[0] & 0xfe) == 0xfc) {
                return false; // fc00::/7 unique local (also AWS's fd00:ec2::254 metadata address)
            }
            boolean leadingZeros = true;
            for (int i = 0; i < 10; i++) {
                leadingZeros &= b[i] == 0;
            }
            if (leadingZeros && ((b[10] == 0 && b[11] == 0) || (b[10] == (byte) 0xff && b[11] == (byte) 0xff))) {
                return isPublicV4(new byte[] {b[12], b[13], b[14], b[15]}); // IPv4-compatible / -mapped
            }
            if ((b[0] & 0xff) == 0x00 && (b[1] & 0xff) == 0x64 && (b[2] & 0xff) == 0xff && (b[3] & 0xff) == 0x9b) {
                return isPublicV4(new byte[] {b[12], b[13], b[14], b[15]}); // 64:ff9b::/96 NAT64
            }
            if ((b[0] & 0xff) == 0x20 && (b[1] & 0xff) == 0x02) {
                return isPublicV4(new byte[] {b[2], b[3], b[4], b[5]}); // 2002::/16 6to4
            }
            if ((b[0] & 0xff) == 0x20 && (b[1] & 0xff) == 0x01 && b[2] == 0x0d && (b[3] & 0xff) == 0xb8) {
                return false; // 2001:db8::/32 documentation
            }
            return true;
        }
        return false;
    }

    private static boolean isPublicV4(byte[] b) {
        int a0 = b[0] & 0xff;
        int a1 = b[1] & 0xff;
        int a2 = b[2] & 0xff;
        return !(a0 == 0 // 0.0.0.0/8 "this network"
                || a0 == 10 // private
                || a0 == 127 // loopback
                || (a0 == 100 && a1 >= 64 && a1 <= 127) // 100.64.0.0/10 carrier-grade NAT (Alibaba metadata)
                || (a0 == 169 && a1 == 254) // link-local, cloud metadata
                || (a0 == 172 && a1 >= 16 && a1 <= 31) // private
                || (a0 == 192 && a1 == 0 && a2 == 0) // 192.0.0.0/24 protocol assignments
                || (a0 == 192 && a1 == 0 && a2 == 2) // documentation
                || (a0 == 192 && a1 == 168) // private
                || (a0 == 198 && (a1 == 18 || a1 == 19)) // benchmarking
                || (a0 == 198 && a1 == 51 && a2 == 100) // documentation
                || (a0 == 203 && a1 == 0 && a2 == 113) // documentation
                || a0 >= 224); // multicast, reserved, broadcast
    }
}
