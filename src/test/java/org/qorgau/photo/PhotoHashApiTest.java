package org.qorgau.photo;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.matchesPattern;
import static org.hamcrest.Matchers.not;
import static org.qorgau.support.Api.as;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.Response;
import org.junit.jupiter.api.Test;
import org.qorgau.support.HostilePhotos;
import org.qorgau.support.MultipartBody;
import org.qorgau.support.TestTokens;

@QuarkusTest
class PhotoHashApiTest {

    /** PDQ's reference hash of the bridge photo ({@code reference/pdq/expected-hashes.csv}). */
    static final String BRIDGE = "d8f8f0cce0f4a84f0e370a22028f67f0b36e2ed596623e1d33e6b39c4e9c9b22";

    private static Response postImage(String token, String type, byte[] body) {
        return as(token).contentType(type).body(body).post("/v1/photo-hashes");
    }

    private static Response postForm(String token, MultipartBody form) {
        return as(token).contentType(form.contentType()).body(form.bytes()).post("/v1/photo-hashes");
    }

    @Test
    void shouldAnswerThePdqHashAndQualityOfAJpegBody() {
        postImage(TestTokens.screener("school-1"), "image/jpeg", HostilePhotos.bridgeJpeg())
                .then()
                .statusCode(200)
                .body("pdqHash", equalTo(BRIDGE))
                .body("quality", equalTo(100));
    }

    @Test
    void shouldAcceptAMultipartPhotoPartForEveryPhotoRole() {
        for (String token :
                new String[] {TestTokens.screener("school-1"), TestTokens.reviewer("school-1"), TestTokens.admin()}) {
            postForm(token, new MultipartBody().part("photo", "bridge.jpg", "image/jpeg", HostilePhotos.bridgeJpeg()))
                    .then()
                    .statusCode(200)
                    .body("pdqHash", equalTo(BRIDGE))
                    .body("quality", equalTo(100));
        }
        // a part sent as application/octet-stream: the bytes decide
        postForm(
                        TestTokens.screener("school-1"),
                        new MultipartBody()
                                .part("photo", "p.png", "application/octet-stream", HostilePhotos.pattern(3, "png")))
                .then()
                .statusCode(200)
                .body("pdqHash", matchesPattern("[0-9a-f]{64}"));
    }

    @Test
    void shouldReportALowQualityForAFlatPicture() {
        postImage(TestTokens.screener("school-1"), "image/png", HostilePhotos.flat("png"))
                .then()
                .statusCode(200)
                .body("quality", equalTo(0));
    }

    @Test
    void shouldAnswer401WithoutAValidToken() {
        given().contentType("image/jpeg")
                .body(HostilePhotos.smallJpeg())
                .post("/v1/photo-hashes")
                .then()
                .statusCode(401)
                .contentType("application/problem+json");
        for (String bad : new String[] {
            TestTokens.expired("screener"), TestTokens.wrongIssuer("screener"), TestTokens.badSignature("screener")
        }) {
            postImage(bad, "image/jpeg", HostilePhotos.smallJpeg()).then().statusCode(401);
        }
    }

    @Test
    void shouldAnswer403ForAnAuditor() {
        postImage(TestTokens.auditor(), "image/jpeg", HostilePhotos.smallJpeg())
                .then()
                .statusCode(403)
                .contentType("application/problem+json");
    }

    @Test
    void shouldAnswer415ForOtherTypesAndForBytesThatAreNotTheDeclaredImage() {
        String token = TestTokens.screener("school-1");
        postImage(token, "image/gif", HostilePhotos.gif())
                .then()
                .statusCode(415)
                .contentType("application/problem+json");
        postImage(token, "text/plain", HostilePhotos.notAnImage()).then().statusCode(415);
        postImage(token, "image/jpeg", HostilePhotos.notAnImage())
                .then()
                .statusCode(415)
                .contentType("application/problem+json");
        // a PNG sent as a JPEG
        postImage(token, "image/jpeg", HostilePhotos.pattern(1, "png"))
                .then()
                .statusCode(415)
                .body("detail", containsString("PNG"));
    }

    @Test
    void shouldAnswer422ForTruncatedTinyAndBombImagesNever5xx() {
        String token = TestTokens.screener("school-1");
        postImage(token, "image/jpeg", HostilePhotos.truncatedJpeg())
                .then()
                .statusCode(422)
                .contentType("application/problem+json");
        postImage(token, "image/png", HostilePhotos.onePixelPng()).then().statusCode(422);
        postImage(token, "image/png", HostilePhotos.pngBomb())
                .then()
                .statusCode(422)
                .body("detail", containsString("30000×30000"));
        postImage(token, "image/jpeg", HostilePhotos.jpegBomb()).then().statusCode(422);
        postImage(token, "image/jpeg", HostilePhotos.hugeExifJpeg(100)).then().statusCode(200);
        postForm(token, new MultipartBody().part("other", "x.jpg", "image/jpeg", HostilePhotos.smallJpeg()))
                .then()
                .statusCode(422)
                .body("detail", not(containsString("Exception")));
    }

    @Test
    void shouldAnswer413ForAPhotoOverTheLimitBeforeReadingIt() {
        byte[] big = new byte[10 * 1024 * 1024 + 1];
        System.arraycopy(HostilePhotos.smallJpeg(), 0, big, 0, HostilePhotos.smallJpeg().length);
        postImage(TestTokens.screener("school-1"), "image/jpeg", big)
                .then()
                .statusCode(413)
                .contentType("application/problem+json");
    }
}
