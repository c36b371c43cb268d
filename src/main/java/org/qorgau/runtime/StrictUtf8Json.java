package org.qorgau.runtime;

import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.ext.Provider;
import jakarta.ws.rs.ext.ReaderInterceptor;
import jakarta.ws.rs.ext.ReaderInterceptorContext;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import org.qorgau.error.BadRequestException;

/**
 * JSON bodies must be well-formed UTF-8 (RFC 8259). Jackson refuses most broken bytes but decodes overlong forms —
 * {@code C0 AF} becomes {@code /} — and the generalised UTF-8 of lone surrogates, a classic way to slip characters
 * past filters. Every JSON body (at most {@code qorgau.http.max-body-bytes}, see {@link BodyLimitFilter}) is checked
 * with the JDK's strict decoder first and answered 400 when it is not UTF-8.
 */
@Provider
public class StrictUtf8Json implements ReaderInterceptor {

    @Override
    public Object aroundReadFrom(ReaderInterceptorContext context) throws IOException {
        MediaType type = context.getMediaType();
        if (type != null && type.isCompatible(MediaType.APPLICATION_JSON_TYPE)) {
            byte[] body = context.getInputStream().readAllBytes();
            try {
                StandardCharsets.UTF_8
                        .newDecoder()
                        .onMalformedInput(CodingErrorAction.REPORT)
                        .onUnmappableCharacter(CodingErrorAction.REPORT)
                        .decode(ByteBuffer.wrap(body));
            } catch (CharacterCodingException e) {
                throw new BadRequestException("The body is not valid UTF-8.");
            }
            context.setInputStream(new ByteArrayInputStream(body));
        }
        return context.proceed();
    }
}
