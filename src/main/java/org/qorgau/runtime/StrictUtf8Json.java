package org.qorgau.runtime;

import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.ext.Provider;
import jakarta.ws.rs.ext.ReaderInterceptor;
import jakarta.ws.rs.ext.ReaderInterceptorContext;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import org.qorgau.error.BadRequestException;

/**
 * JSON bodies must be well-formed UTF-8 (RFC 8259). Jackson refuses most broken bytes but decodes overlong forms —
 * {@code C0 AF} becomes {@code /} — and the generalised UTF-8 of lone surrogates, a classic way to slip characters
 * past filters. Every JSON body (at most {@code qorgau.http.max-body-bytes}, see {@link BodyLimitFilter}) is checked
 * first (as strictly as the JDK's decoder, without decoding it) and answered 400 when it is not UTF-8.
 */
@Provider
public class StrictUtf8Json implements ReaderInterceptor {

    @Override
    public Object aroundReadFrom(ReaderInterceptorContext context) throws IOException {
        MediaType type = context.getMediaType();
        if (type != null && type.isCompatible(MediaType.APPLICATION_JSON_TYPE)) {
            byte[] body = context.getInputStream().readAllBytes();
            if (!wellFormed(body)) {
                throw new BadRequestException("The body is not valid UTF-8.");
            }
            context.setInputStream(new ByteArrayInputStream(body));
        }
        return context.proceed();
    }

    /**
     * Whether {@code bytes} are well-formed UTF-8 (the Unicode standard's table 3-7): what the JDK's strict decoder
     * accepts, without decoding into characters. Refuses continuation bytes without a lead, overlong forms
     * ({@code C0}, {@code C1}, {@code E0 80-9F}, {@code F0 80-8F}), surrogates ({@code ED A0-BF}), code points above
     * U+10FFFF ({@code F4 90-BF}, {@code F5-FF}) and sequences cut short.
     */
    static boolean wellFormed(byte[] bytes) {
        int i = 0;
        int n = bytes.length;
        while (i < n) {
            int lead = bytes[i];
            if (lead >= 0) {
                i++;
                continue;
            }
            lead &= 0xFF;
            if (lead < 0xC2 || lead > 0xF4) {
                return false;
            }
            if (lead < 0xE0) {
                if (i + 1 >= n || !continuation(bytes[i + 1])) {
                    return false;
                }
                i += 2;
            } else if (lead < 0xF0) {
                if (i + 2 >= n) {
                    return false;
                }
                int second = bytes[i + 1] & 0xFF;
                int low = lead == 0xE0 ? 0xA0 : 0x80;
                int high = lead == 0xED ? 0x9F : 0xBF;
                if (second < low || second > high || !continuation(bytes[i + 2])) {
                    return false;
                }
                i += 3;
            } else {
                if (i + 3 >= n) {
                    return false;
                }
                int second = bytes[i + 1] & 0xFF;
                int low = lead == 0xF0 ? 0x90 : 0x80;
                int high = lead == 0xF4 ? 0x8F : 0xBF;
                if (second < low || second > high || !continuation(bytes[i + 2]) || !continuation(bytes[i + 3])) {
                    return false;
                }
                i += 4;
            }
        }
        return true;
    }

    private static boolean continuation(byte b) {
        return (b & 0xC0) == 0x80;
    }
}
