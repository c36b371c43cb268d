package org.qorgau.support;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/**
 * Reads the hostile-input corpus under {@code src/test/resources/hostile/} (format in its README.md). A value is kept
 * as text and raw bytes side by side, so it can be written into JSON (lone surrogates as {@code \ud800} escapes, raw
 * bytes verbatim), into CSV or NDJSON files, or percent-encoded into a URL.
 */
public final class HostileCorpus {

    private HostileCorpus() {}

    /** One piece of a value: text (any UTF-16, lone surrogates included) or raw bytes. */
    private record Segment(String text, byte[] bytes) {}

    /** One corpus case. */
    public record Case(String file, String name, List<Segment> segments) {

        @Override
        public String toString() {
            return name;
        }

        /** The value's bytes: text as UTF-8 (a lone surrogate as its 3 WTF-8 bytes), raw bytes verbatim. */
        public byte[] raw() {
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            for (Segment s : segments) {
                if (s.bytes() != null) {
                    out.writeBytes(s.bytes());
                } else {
                    wtf8(s.text(), out);
                }
            }
            return out.toByteArray();
        }

        /** A JSON string literal, quotes included; text is escaped, raw bytes go in verbatim. */
        public byte[] jsonString() {
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            out.write('"');
            for (Segment s : segments) {
                if (s.bytes() != null) {
                    out.writeBytes(s.bytes());
                    continue;
                }
                StringBuilder escaped = new StringBuilder();
                for (char c : s.text().toCharArray()) {
                    if (c == '"' || c == '\\') {
                        escaped.append('\\').append(c);
                    } else if (c < 0x20 || Character.isSurrogate(c) || c == 0x7f) {
                        escaped.append(String.format("\\u%04x", (int) c));
                    } else {
                        escaped.append(c);
                    }
                }
                // only well-formed text is left unescaped here, so UTF-8 is exact
                out.writeBytes(escaped.toString().getBytes(StandardCharsets.UTF_8));
            }
            out.write('"');
            return out.toByteArray();
        }

        /** A quoted CSV cell (RFC 4180: quotes doubled). */
        public byte[] csvCell() {
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            out.write('"');
            for (byte b : raw()) {
                if (b == '"') {
                    out.write('"');
                }
                out.write(b);
            }
            out.write('"');
            return out.toByteArray();
        }

        /** Every byte but the unreserved ones percent-encoded, for a query parameter or a path segment. */
        public String urlEncoded() {
            StringBuilder out = new StringBuilder();
            for (byte b : raw()) {
                int c = b & 0xff;
                if ((c >= 'A' && c <= 'Z')
                        || (c >= 'a' && c <= 'z')
                        || (c >= '0' && c <= '9')
                        || "-._~".indexOf(c) >= 0) {
                    out.append((char) c);
                } else {
                    out.append('%').append(String.format("%02X", c));
                }
            }
            return out.toString();
        }

        /** The value as Java text when it holds no raw bytes, else null. */
        public String text() {
            StringBuilder out = new StringBuilder();
            for (Segment s : segments) {
                if (s.bytes() != null) {
                    return null;
                }
                out.append(s.text());
            }
            return out.toString();
        }

        /** True when the value can travel in an HTTP header as is (printable ASCII). */
        public boolean headerSafe() {
            String text = text();
            return text != null && !text.isEmpty() && text.chars().allMatch(c -> c >= 0x20 && c < 0x7f);
        }
    }

    public static List<Case> load(String resource) {
        try (InputStream in = HostileCorpus.class.getClassLoader().getResourceAsStream(resource)) {
            if (in == null) {
                throw new IllegalArgumentException("no corpus " + resource);
            }
            String content = new String(in.readAllBytes(), StandardCharsets.UTF_8);
            List<Case> cases = new ArrayList<>();
            for (String line : content.split("\n", -1)) {
                if (line.isEmpty() || line.startsWith("#")) {
                    continue;
                }
                int tab = line.indexOf('\t');
                String name = tab < 0 ? line : line.substring(0, tab);
                String value = tab < 0 ? "" : line.substring(tab + 1);
                cases.add(new Case(resource, name, parse(value)));
            }
            return cases;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static List<Segment> parse(String value) {
        List<Segment> segments = new ArrayList<>();
        StringBuilder text = new StringBuilder();
        int i = 0;
        while (i < value.length()) {
            char c = value.charAt(i);
            if (c == '{') {
                int star = value.indexOf('*', i);
                int close = star < 0 ? -1 : value.indexOf('}', star);
                if (star > i + 1
                        && close > star
                        && value.substring(i + 1, star).chars().allMatch(Character::isDigit)) {
                    int times = Integer.parseInt(value.substring(i + 1, star));
                    List<Segment> unit = parse(value.substring(star + 1, close));
                    flush(text, segments);
                    for (int n = 0; n < times; n++) {
                        segments.addAll(unit);
                    }
                    i = close + 1;
                    continue;
                }
            }
            if (c == '\\' && i + 1 < value.length()) {
                char e = value.charAt(i + 1);
                switch (e) {
                    case 'n' -> {
                        text.append('\n');
                        i += 2;
                        continue;
                    }
                    case 'r' -> {
                        text.append('\r');
                        i += 2;
                        continue;
                    }
                    case 't' -> {
                        text.append('\t');
                        i += 2;
                        continue;
                    }
                    case '\\' -> {
                        text.append('\\');
                        i += 2;
                        continue;
                    }
                    case 'u' -> {
                        if (i + 6 <= value.length() && isHex(value.substring(i + 2, i + 6))) {
                            text.append((char) Integer.parseInt(value.substring(i + 2, i + 6), 16));
                            i += 6;
                            continue;
                        }
                    }
                    case 'x' -> {
                        if (i + 4 <= value.length() && isHex(value.substring(i + 2, i + 4))) {
                            flush(text, segments);
                            segments.add(new Segment(null, new byte[] {
                                (byte) Integer.parseInt(value.substring(i + 2, i + 4), 16)
                            }));
                            i += 4;
                            continue;
                        }
                    }
                    default -> {}
                }
            }
            text.append(c);
            i++;
        }
        flush(text, segments);
        return segments;
    }

    private static void flush(StringBuilder text, List<Segment> segments) {
        if (text.length() > 0) {
            segments.add(new Segment(text.toString(), null));
            text.setLength(0);
        }
    }

    private static boolean isHex(String s) {
        return s.chars().allMatch(c -> Character.digit(c, 16) >= 0);
    }

    private static void wtf8(String text, ByteArrayOutputStream out) {
        for (int i = 0; i < text.length(); ) {
            int cp = text.codePointAt(i);
            i += Character.charCount(cp);
            if (cp < 0x80) {
                out.write(cp);
            } else if (cp < 0x800) {
                out.write(0xC0 | (cp >> 6));
                out.write(0x80 | (cp & 0x3F));
            } else if (cp < 0x10000) {
                // a lone surrogate lands here too: its generalised UTF-8 (WTF-8) bytes, which are invalid UTF-8
                out.write(0xE0 | (cp >> 12));
                out.write(0x80 | ((cp >> 6) & 0x3F));
                out.write(0x80 | (cp & 0x3F));
            } else {
                out.write(0xF0 | (cp >> 18));
                out.write(0x80 | ((cp >> 12) & 0x3F));
                out.write(0x80 | ((cp >> 6) & 0x3F));
                out.write(0x80 | (cp & 0x3F));
            }
        }
    }
}
