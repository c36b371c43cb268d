package org.qorgau.runtime;

import io.quarkus.smallrye.openapi.OpenApiFilter;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.eclipse.microprofile.openapi.OASFactory;
import org.eclipse.microprofile.openapi.OASFilter;
import org.eclipse.microprofile.openapi.models.OpenAPI;
import org.eclipse.microprofile.openapi.models.Operation;
import org.eclipse.microprofile.openapi.models.PathItem;
import org.eclipse.microprofile.openapi.models.headers.Header;
import org.eclipse.microprofile.openapi.models.media.Content;
import org.eclipse.microprofile.openapi.models.media.Schema;
import org.eclipse.microprofile.openapi.models.parameters.RequestBody;
import org.eclipse.microprofile.openapi.models.responses.APIResponse;
import org.eclipse.microprofile.openapi.models.responses.APIResponses;

/**
 * Completes the generated OpenAPI document into a contract clients can generate code from, in one place rather than
 * on every method: each operation lists the problem answers that can really reach it (every operation: 401, 403 and
 * 503; with a request body: 400, 411, 413, 415 and 422; checks: 429), each as {@code application/problem+json} with
 * the {@code Problem} schema and, for 429 and 503, the {@code Retry-After} header; every response has a description;
 * and response schemas mark the fields that are always present as required. Problem types are listed in
 * {@code docs/problems.md}.
 */
@OpenApiFilter(OpenApiFilter.RunStage.BUILD)
public class OpenApiContract implements OASFilter {

    private static final String PROBLEM = "application/problem+json";
    private static final String JSON = "application/json";
    private static final String FORM = "multipart/form-data";
    private static final String CHECK_FORM = "#/components/schemas/CheckForm";
    private static final String PHOTO_FORM = "#/components/schemas/PhotoForm";

    /** Fields every answer of these schemas carries (never null, never left out). */
    private static final Map<String, List<String>> ALWAYS_PRESENT = Map.ofEntries(
            Map.entry(
                    "CheckResponse",
                    List.of("checkId", "createdAt", "verdict", "registryVersion", "engineVersion", "matches", "audit")),
            Map.entry("CheckPage", List.of("checks")),
            Map.entry("ReviewQueuePage", List.of("items")),
            Map.entry("ReviewHistory", List.of("reviews")),
            Map.entry("Match", List.of("externalId", "verdict", "probability", "matchWeight", "explanation")),
            Map.entry("Evidence", List.of("field", "level", "weight", "detail")),
            Map.entry("AuditRef", List.of("sequence", "hash")),
            Map.entry("PriorReview", List.of("reviewId", "checkId", "decision", "entryChangedSinceReview")),
            Map.entry(
                    "Review",
                    List.of("reviewId", "checkId", "externalId", "decision", "reviewer", "createdAt", "audit")),
            Map.entry(
                    "BatchResponse",
                    List.of("batchId", "createdAt", "purpose", "total", "succeeded", "failed", "items")),
            Map.entry("BatchItemResult", List.of("index", "status")),
            Map.entry("VerifyResult", List.of("valid", "checked", "checkpointsChecked")),
            Map.entry("Checkpoint", List.of("sequence", "hash", "signedAt", "signature")),
            Map.entry("CheckpointList", List.of("algorithm", "publicKey", "publicKeyPem", "checkpoints")),
            Map.entry("ImportResult", List.of("registryVersion", "added", "updated", "removed", "unchanged")),
            Map.entry(
                    "RegistryVersion",
                    List.of(
                            "version",
                            "createdAt",
                            "kind",
                            "added",
                            "updated",
                            "removed",
                            "unchanged",
                            "entryCount",
                            "contentHash")),
            Map.entry("RegistryVersionPage", List.of("versions")),
            Map.entry(
                    "AuditEvent",
                    List.of("sequence", "eventId", "occurredAt", "type", "actor", "redacted", "prevHash", "hash")),
            Map.entry("AuditEventPage", List.of("events")),
            Map.entry("Problem", List.of("type", "title", "status")),
            Map.entry("FieldError", List.of("message")));

    @Override
    public void filterOpenAPI(OpenAPI openAPI) {
        inlineFreeFormJson(openAPI);
        addFormSchemas(openAPI);
        if (openAPI.getComponents() != null && openAPI.getComponents().getSchemas() != null) {
            openAPI.getComponents().getSchemas().forEach((name, schema) -> {
                List<String> required = ALWAYS_PRESENT.get(name);
                if (required != null) {
                    List<String> merged =
                            new ArrayList<>(schema.getRequired() == null ? List.of() : schema.getRequired());
                    required.stream().filter(r -> !merged.contains(r)).forEach(merged::add);
                    schema.setRequired(merged);
                }
            });
        }
        if (openAPI.getPaths() == null || openAPI.getPaths().getPathItems() == null) {
            return;
        }
        openAPI.getPaths()
                .getPathItems()
                .forEach((path, item) ->
                        item.getOperations().forEach((method, operation) -> complete(path, method, operation)));
    }

    /**
     * Free-form JSON fields (Jackson {@code JsonNode}, mapped to a plain object by {@code mp.openapi.schema.*}) become
     * inline {@code type: object} schemas: no component named after a Java class reaches clients.
     */
    private static void inlineFreeFormJson(OpenAPI openAPI) {
        if (openAPI.getComponents() == null || openAPI.getComponents().getSchemas() == null) {
            return;
        }
        Map<String, Schema> schemas = openAPI.getComponents().getSchemas();
        List<String> javaNamed =
                schemas.keySet().stream().filter(name -> name.contains(".")).toList();
        if (javaNamed.isEmpty()) {
            return;
        }
        for (Schema schema : schemas.values()) {
            if (schema.getProperties() == null) {
                continue;
            }
            schema.getProperties().forEach((name, property) -> {
                String ref = property.getRef();
                if (ref != null && javaNamed.contains(ref.substring(ref.lastIndexOf('/') + 1))) {
                    property.setRef(null);
                    property.setType(List.of(Schema.SchemaType.OBJECT));
                    property.setAdditionalPropertiesBoolean(Boolean.TRUE);
                }
            });
        }
        javaNamed.forEach(openAPI.getComponents()::removeSchema);
    }

    private static void complete(String path, PathItem.HttpMethod method, Operation operation) {
        APIResponses responses = operation.getResponses();
        if (responses == null) {
            responses = OASFactory.createAPIResponses();
            operation.setResponses(responses);
        }
        boolean body = operation.getRequestBody() != null;
        if (body) {
            describeForms(path, operation.getRequestBody());
        }
        boolean parameters = operation.getParameters() != null
                && operation.getParameters().stream()
                        .anyMatch(p ->
                                p.getIn() != null && !"path".equals(p.getIn().toString()));
        addProblem(responses, "401", "No valid bearer token", false);
        addProblem(responses, "403", "The token's role does not allow this", false);
        if (body) {
            addProblem(responses, "400", "The body could not be read (not JSON, not UTF-8, or the wrong shape)", false);
            addProblem(responses, "411", "A body without Content-Length", false);
            addProblem(responses, "413", "The body is larger than the limit", false);
            addProblem(responses, "415", "The body's media type is not accepted here", false);
        }
        if (body || parameters) {
            addProblem(responses, "422", "Invalid content; every reason is listed in `errors`", false);
        }
        if (method == PathItem.HttpMethod.POST && path.startsWith("/v1/checks") && !path.endsWith("/reviews")) {
            addProblem(responses, "429", "A quota is used up; `Retry-After` says when to come back", true);
        }
        addProblem(
                responses,
                "503",
                "The database is not answering, the index is loading, or this replica is shutting down; nothing was"
                        + " done. `Retry-After` says when to try again",
                true);
        Map<String, APIResponse> sorted = new TreeMap<>(responses.getAPIResponses());
        sorted.forEach((status, response) -> {
            if (response.getRef() == null
                    && (response.getDescription() == null
                            || response.getDescription().isBlank())) {
                response.setDescription(defaultDescription(status));
            }
        });
        responses.setAPIResponses(sorted);
    }

    /** The parts of the form uploads, as named schemas so that generated clients get a type for each. */
    private static void addFormSchemas(OpenAPI openAPI) {
        if (openAPI.getComponents() == null) {
            openAPI.setComponents(OASFactory.createComponents());
        }
        openAPI.getComponents()
                .addSchema(
                        "PhotoForm",
                        OASFactory.createSchema()
                                .addType(Schema.SchemaType.OBJECT)
                                .description("A photo sent as a form upload")
                                .addProperty("photo", photoPart())
                                .addRequired("photo"));
        openAPI.getComponents()
                .addSchema(
                        "CheckForm",
                        OASFactory.createSchema()
                                .addType(Schema.SchemaType.OBJECT)
                                .description("A check sent with a photo as a form upload")
                                .addProperty(
                                        "request",
                                        OASFactory.createSchema()
                                                .ref("#/components/schemas/CheckRequest")
                                                .description(
                                                        "The check, as for application/json, without candidate.photoHash"))
                                .addProperty("photo", photoPart())
                                .addRequired("request")
                                .addRequired("photo"));
    }

    private static Schema photoPart() {
        return OASFactory.createSchema()
                .addType(Schema.SchemaType.STRING)
                .format("binary")
                .description("The photo: a JPEG, PNG or WebP image. It is hashed and never kept.");
    }

    /**
     * A request body that takes JSON and a form upload lists JSON first (code generators build their method from the
     * first media type), and a form upload is described by its parts, not as opaque bytes: {@code photo} (the image)
     * and, for a check, {@code request} (the check's JSON).
     */
    private static void describeForms(String path, RequestBody requestBody) {
        Content content = requestBody.getContent();
        if (content == null || content.getMediaTypes() == null || !content.hasMediaType(FORM)) {
            return;
        }
        Content ordered = OASFactory.createContent();
        if (content.hasMediaType(JSON)) {
            ordered.addMediaType(JSON, content.getMediaType(JSON));
        }
        content.getMediaTypes().forEach((type, media) -> {
            if (!JSON.equals(type)) {
                ordered.addMediaType(type, media);
            }
        });
        boolean check = path.equals("/v1/checks");
        ordered.getMediaType(FORM).schema(OASFactory.createSchema().ref(check ? CHECK_FORM : PHOTO_FORM));
        if (check) {
            ordered.getMediaType(FORM)
                    .addEncoding("request", OASFactory.createEncoding().contentType(JSON));
        }
        requestBody.setContent(ordered);
    }

    private static void addProblem(APIResponses responses, String status, String description, boolean retryAfter) {
        APIResponse existing = responses.getAPIResponse(status);
        if (existing != null
                && existing.getContent() != null
                && existing.getContent().hasMediaType(PROBLEM)) {
            if (retryAfter
                    && (existing.getHeaders() == null || !existing.getHeaders().containsKey("Retry-After"))) {
                existing.addHeader("Retry-After", retryAfterHeader());
            }
            return;
        }
        APIResponse response = OASFactory.createAPIResponse()
                .description(description)
                .content(OASFactory.createContent()
                        .addMediaType(
                                PROBLEM,
                                OASFactory.createMediaType()
                                        .schema(OASFactory.createSchema().ref("#/components/schemas/Problem"))));
        if (retryAfter) {
            response.addHeader("Retry-After", retryAfterHeader());
        }
        responses.addAPIResponse(status, response);
    }

    private static Header retryAfterHeader() {
        return OASFactory.createHeader()
                .description("Seconds to wait before trying again")
                .schema(OASFactory.createSchema().addType(Schema.SchemaType.INTEGER));
    }

    private static String defaultDescription(String status) {
        return switch (status) {
            case "200" -> "OK";
            case "201" -> "Created";
            case "204" -> "No content";
            default -> "HTTP " + status;
        };
    }
}
