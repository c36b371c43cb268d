package org.qorgau.console;

import io.quarkus.qute.i18n.MessageBundle;

/**
 * The registry pages: the registry's versions and importing a file. In templates {@code {registry:key}}; the texts are
 * in {@code messages/registry_en.properties} (English, the default), {@code registry_kk.properties} (Kazakh) and {@code
 * registry_ru.properties} (Russian), key for key in this order. The build fails when a key here has no English text, or
 * a file names a key not declared here. Names of people are never translated: they are shown exactly as written.
 */
@MessageBundle(value = "registry", locale = "en")
public interface RegistryMsg {

    String registryTitle();

    String registryIntro();

    String noVersions();

    String colVersion();

    String colMade();

    String colKind();

    String colAdded();

    String colUpdated();

    String colRemoved();

    String colUnchanged();

    String colEntries();

    String colContentHash();

    String kindImportUpsert();

    String kindImportReplace();

    String kindEntryPut();

    String kindEntryDelete();

    String importTitle();

    String importIntro();

    String importFile();

    String importMode();

    String modeUpsert();

    String modeReplace();

    String dryRun();

    String confirmRemovals();

    String upload();

    String uploadProgress();

    String uploaded();

    String importChecking();

    String importApplied(long version);

    String importDryRun(long version);

    String importRejected();

    String importConflict();

    String colLine();

    String colProblem();

    String importChooseFile();
}
