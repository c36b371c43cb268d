package org.qorgau.console;

import static org.qorgau.console.ConsolePages.PAGE_SIZE;
import static org.qorgau.console.ConsolePages.blank;
import static org.qorgau.console.ConsolePages.msg;

import io.quarkus.qute.TemplateInstance;
import jakarta.annotation.security.PermitAll;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.io.InputStream;
import java.nio.file.Files;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.jboss.resteasy.reactive.RestForm;
import org.jboss.resteasy.reactive.multipart.FileUpload;
import org.qorgau.error.ConflictException;
import org.qorgau.error.ValidationException;
import org.qorgau.registry.ImportMode;
import org.qorgau.registry.RegistryService;
import org.qorgau.registry.api.ImportResult;
import org.qorgau.registry.api.RegistryResource;
import org.qorgau.registry.api.RegistryVersionView;
import org.qorgau.security.Caller;
import org.qorgau.security.Roles;

/**
 * The registry's console pages: its versions (for its administrators and the auditors) and the import of a file, with
 * the same rules, dry run and confirmation of a large replace as the API.
 */
@Path("/console/registry")
@PermitAll
@Produces(MediaType.TEXT_HTML)
public class ConsoleRegistryResource {

    private final ConsolePages pages;
    private final ConsoleTemplates templates;
    private final RegistryService registry;

    public ConsoleRegistryResource(ConsolePages pages, ConsoleTemplates templates, RegistryService registry) {
        this.pages = pages;
        this.templates = templates;
        this.registry = registry;
    }

    @GET
    public Response registryVersions(@QueryParam("cursor") String cursor) {
        ConsoleRequest request = pages.request();
        // as GET /v1/registry/versions: the registry's administrators and the auditors
        pages.require(request, Roles.REGISTRY_ADMIN, Roles.AUDITOR);
        Msg msg = msg(request);
        RegistryMsg texts = msg(RegistryMsg.class, request);
        Long before = null;
        if (!blank(cursor)) {
            try {
                before = Long.parseLong(cursor);
            } catch (NumberFormatException e) {
                throw new ValidationException("cursor", "cursor is not one this service issued");
            }
        }
        List<RegistryVersionView> versions = registry.versions(PAGE_SIZE + 1, before);
        String next = null;
        if (versions.size() > PAGE_SIZE) {
            versions = versions.subList(0, PAGE_SIZE);
            next = "/console/registry?cursor=" + versions.get(PAGE_SIZE - 1).version();
        }
        List<Views.VersionRow> rows = versions.stream()
                .map(v -> new Views.VersionRow(
                        v.version(),
                        pages.dateTime(v.createdAt(), request),
                        v.actor(),
                        v.actorOrg(),
                        kind(texts, v.kind()),
                        v.added(),
                        v.updated(),
                        v.removed(),
                        v.unchanged(),
                        v.entryCount(),
                        v.contentHash(),
                        v.reason()))
                .toList();
        return pages.render(
                request, 200, templates.registry.data("rows", rows).data("next", next), texts.registryTitle());
    }

    @GET
    @Path("/imports")
    public Response importForm() {
        ConsoleRequest request = pages.request();
        pages.require(request, Roles.REGISTRY_ADMIN);
        return importPage(request, 200, null, null, null, "upsert", false);
    }

    /**
     * Imports an uploaded file through the same service, rules and audit as {@code POST /v1/registry/imports}: all
     * or nothing, a dry run, and a large replace held until its removals are confirmed. The page shows the counts,
     * or the validation report of every invalid line.
     */
    @POST
    @Path("/imports")
    @Consumes(MediaType.MULTIPART_FORM_DATA)
    public Response importFile(
            @RestForm("file") FileUpload file,
            @RestForm("mode") String mode,
            @RestForm("dryRun") String dryRun,
            @RestForm("confirmRemovals") String confirmRemovals,
            @RestForm("csrf") String csrf) {
        ConsoleRequest request = pages.request();
        Caller caller = pages.require(request, Roles.REGISTRY_ADMIN);
        pages.checkCsrf(request, csrf);
        Msg msg = msg(request);
        RegistryMsg texts = msg(RegistryMsg.class, request);
        String chosenMode = "replace".equals(mode) ? "replace" : "upsert";
        boolean dry = dryRun != null;
        Boolean csv = file == null ? null : csv(file);
        if (csv == null) {
            return importPage(request, 422, null, texts.importChooseFile(), List.of(), chosenMode, dry);
        }
        Long confirmed = null;
        if (!blank(confirmRemovals)) {
            try {
                confirmed = Long.parseLong(confirmRemovals.strip());
            } catch (NumberFormatException e) {
                throw new ValidationException("confirmRemovals", "confirmRemovals must be a whole number");
            }
        }
        ImportMode importMode = "replace".equals(chosenMode) ? ImportMode.REPLACE : ImportMode.UPSERT;
        try (InputStream body = Files.newInputStream(file.uploadedFile())) {
            ImportResult result = registry.importEntries(importMode, csv, body, caller, dry, confirmed);
            Views.ImportOutcome outcome = new Views.ImportOutcome(
                    !dry,
                    dry,
                    result.registryVersion(),
                    result.added(),
                    result.updated(),
                    result.removed(),
                    result.unchanged());
            return importPage(request, 200, outcome, null, null, chosenMode, dry);
        } catch (ValidationException e) {
            List<Views.ImportError> errors = e.errors().stream()
                    .map(error -> new Views.ImportError(
                            error.line() == null ? "" : error.line().toString(),
                            error.field() == null ? "" : error.field(),
                            error.message()))
                    .toList();
            return importPage(request, 422, null, e.detail(), errors, chosenMode, dry);
        } catch (ConflictException e) {
            Map<String, Long> counts = e.counts();
            Views.ImportOutcome outcome = new Views.ImportOutcome(
                    false,
                    false,
                    registry.currentVersion(),
                    counts.getOrDefault("added", 0L),
                    counts.getOrDefault("updated", 0L),
                    counts.getOrDefault("removed", 0L),
                    counts.getOrDefault("unchanged", 0L));
            return importPage(request, 409, outcome, e.detail(), null, chosenMode, dry);
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    private Response importPage(
            ConsoleRequest request,
            int status,
            Views.ImportOutcome outcome,
            String problem,
            List<Views.ImportError> errors,
            String mode,
            boolean dryRun) {
        Msg msg = msg(request);
        RegistryMsg texts = msg(RegistryMsg.class, request);
        TemplateInstance instance = templates
                .registryImport
                .data("outcome", outcome)
                .data("problem", problem)
                .data("errors", errors)
                .data("conflict", status == 409)
                .data("replace", "replace".equals(mode))
                .data("dryRun", dryRun);
        return pages.render(request, status, instance, texts.importTitle());
    }

    /** CSV or NDJSON by the file's name, else by its declared type; null when it is neither. */
    private static Boolean csv(FileUpload file) {
        String name = file.fileName() == null ? "" : file.fileName().toLowerCase(Locale.ROOT);
        String type = file.contentType() == null ? "" : file.contentType().toLowerCase(Locale.ROOT);
        if (name.endsWith(".csv") || type.startsWith("text/csv")) {
            return true;
        }
        if (name.endsWith(".ndjson")
                || name.endsWith(".jsonl")
                || name.endsWith(".json")
                || type.startsWith(RegistryResource.NDJSON)) {
            return false;
        }
        return null;
    }

    private static String kind(RegistryMsg texts, String kind) {
        return switch (kind == null ? "" : kind) {
            case "IMPORT_UPSERT" -> texts.kindImportUpsert();
            case "IMPORT_REPLACE" -> texts.kindImportReplace();
            case "ENTRY_PUT" -> texts.kindEntryPut();
            case "ENTRY_DELETE" -> texts.kindEntryDelete();
            default -> kind;
        };
    }
}
