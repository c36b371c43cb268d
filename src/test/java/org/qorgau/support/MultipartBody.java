package org.qorgau.support;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;

/**
 * A {@code multipart/form-data} body built in memory with a known length: the service refuses bodies of unknown
 * length outside the import, and REST Assured's own multipart support sends them chunked.
 */
public final class MultipartBody {

    private static final String BOUNDARY = "qorgau-test-7f3a9c";
    private final ByteArrayOutputStream out = new ByteArrayOutputStream();

    public MultipartBody part(String name, String filename, String contentType, byte[] content) {
        StringBuilder head =
                new StringBuilder("--" + BOUNDARY + "\r\nContent-Disposition: form-data; name=\"" + name + "\"");
        if (filename != null) {
            head.append("; filename=\"").append(filename).append('"');
        }
        head.append("\r\n");
        if (contentType != null) {
            head.append("Content-Type: ").append(contentType).append("\r\n");
        }
        head.append("\r\n");
        out.writeBytes(head.toString().getBytes(StandardCharsets.UTF_8));
        out.writeBytes(content);
        out.writeBytes("\r\n".getBytes(StandardCharsets.US_ASCII));
        return this;
    }

    public String contentType() {
        return "multipart/form-data; boundary=" + BOUNDARY;
    }

    public byte[] bytes() {
        ByteArrayOutputStream copy = new ByteArrayOutputStream();
        copy.writeBytes(out.toByteArray());
        copy.writeBytes(("--" + BOUNDARY + "--\r\n").getBytes(StandardCharsets.US_ASCII));
        return copy.toByteArray();
    }
}
