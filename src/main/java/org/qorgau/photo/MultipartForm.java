package org.qorgau.photo;

import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import org.qorgau.error.BadRequestException;

/**
 * A {@code multipart/form-data} body (RFC 7578) split into its named parts, in memory. Parsed here rather than by the
 * REST layer, whose file parts may be spooled to a temporary file: a photo must never reach the disk.
 *
 * <table>
 *   <caption>Edge cases</caption>
 *   <tr><th>input</th><th>result</th></tr>
 *   <tr><td>no {@code boundary} parameter, no closing delimiter</td><td>400</td></tr>
 *   <tr><td>a part without a {@code name}</td><td>ignored</td></tr>
 *   <tr><td>the same name twice</td><td>400 (ambiguous)</td></tr>
 * </table>
 */
public final class MultipartForm {

    /** One part: its declared content type (may be null) and its bytes. */
    public record Part(String contentType, byte[] body) {}

    private final Map<String, Part> parts;

    private MultipartForm(Map<String, Part> parts) {
        this.parts = parts;
    }

    public Part part(String name) {
        return parts.get(name);
    }

    public static MultipartForm parse(String contentType, byte[] body) {
        String boundary = boundary(contentType);
        if (boundary == null) {
            throw new BadRequestException("A multipart/form-data body needs a boundary parameter.");
        }
        byte[] delimiter = ("--" + boundary).getBytes(StandardCharsets.ISO_8859_1);
        int at = indexOf(body, delimiter, 0);
        if (at < 0) {
            throw new BadRequestException("The multipart body has no parts.");
        }
        Map<String, Part> parts = new LinkedHashMap<>();
        byte[] next = ("\r\n--" + boundary).getBytes(StandardCharsets.ISO_8859_1);
        while (true) {
            int p = at + delimiter.length;
            if (p + 2 <= body.length && body[p] == '-' && body[p + 1] == '-') {
                return new MultipartForm(parts); // closing delimiter
            }
            int headersStart = indexOf(body, new byte[] {'\r', '\n'}, p);
            int headersEnd = headersStart < 0 ? -1 : indexOf(body, new byte[] {'\r', '\n', '\r', '\n'}, headersStart);
            if (headersEnd < 0) {
                throw new BadRequestException("The multipart body is truncated.");
            }
            String headers = new String(body, headersStart + 2, headersEnd - headersStart - 2, StandardCharsets.UTF_8);
            int contentStart = headersEnd + 4;
            int contentEnd = indexOf(body, next, contentStart);
            if (contentEnd < 0) {
                throw new BadRequestException("The multipart body is truncated.");
            }
            String name = null;
            String type = null;
            for (String line : headers.split("\r\n")) {
                int colon = line.indexOf(':');
                if (colon < 0) {
                    continue;
                }
                String header = line.substring(0, colon).trim().toLowerCase(Locale.ROOT);
                String value = line.substring(colon + 1).trim();
                if (header.equals("content-disposition")) {
                    name = parameter(value, "name");
                } else if (header.equals("content-type")) {
                    type = value;
                }
            }
            if (name != null) {
                byte[] content = java.util.Arrays.copyOfRange(body, contentStart, contentEnd);
                if (parts.putIfAbsent(name, new Part(type, content)) != null) {
                    throw new BadRequestException("The multipart body has the part '" + safe(name) + "' twice.");
                }
            }
            at = contentEnd + 2;
        }
    }

    static String boundary(String contentType) {
        if (contentType == null) {
            return null;
        }
        String b = parameter(contentType, "boundary");
        return b == null || b.isEmpty() || b.length() > 70 ? null : b;
    }

    /** A {@code key=value} or {@code key="value"} parameter of a header value; exact key match, case-insensitive. */
    static String parameter(String headerValue, String key) {
        for (String piece : headerValue.split(";")) {
            int eq = piece.indexOf('=');
            if (eq < 0) {
                continue;
            }
            if (piece.substring(0, eq).trim().equalsIgnoreCase(key)) {
                String v = piece.substring(eq + 1).trim();
                if (v.length() >= 2 && v.startsWith("\"") && v.endsWith("\"")) {
                    v = v.substring(1, v.length() - 1);
                }
                return v;
            }
        }
        return null;
    }

    private static String safe(String name) {
        return name.length() > 40 || !name.matches("[A-Za-z0-9_.-]*") ? "…" : name;
    }

    static int indexOf(byte[] haystack, byte[] needle, int from) {
        outer:
        for (int i = Math.max(0, from); i <= haystack.length - needle.length; i++) {
            for (int j = 0; j < needle.length; j++) {
                if (haystack[i + j] != needle[j]) {
                    continue outer;
                }
            }
            return i;
        }
        return -1;
    }
}
