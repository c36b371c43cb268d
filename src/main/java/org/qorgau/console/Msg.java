package org.qorgau.console;

import io.quarkus.qute.i18n.MessageBundle;

/**
 * The console's words shared by every page: the frame, signing in and out, error pages, the home page and the labels
 * several pages use. In templates {@code {msg:key}}; the texts are in {@code messages/msg_en.properties} (English, the
 * default), {@code msg_kk.properties} (Kazakh) and {@code msg_ru.properties} (Russian), key for key in this order. The
 * build fails when a key here has no English text, or a file names a key not declared here. Names of people are never
 * translated: they are shown exactly as written.
 */
@MessageBundle(value = "msg", locale = "en")
public interface Msg {

    String appName();

    String skipToContent();

    String language();

    String changeLanguage();

    String signedInAs(String subject, String org);

    String signOut();

    String mainMenu();

    String navQueue();

    String navEvents();

    String navVerify();

    String navUsage();

    String navCheckpoints();

    String signInTitle();

    String signInNotice();

    String role();

    String organisation();

    String subject();

    String signIn();

    String roleReviewer();

    String roleAuditor();

    String signInUnavailableTitle();

    String signInUnavailableText();

    String forbiddenTitle();

    String forbiddenText();

    String notFoundTitle();

    String notFoundText();

    String csrfFailed();

    String colVerdict();

    String colCheck();

    String nextPage();

    String verdictMatch();

    String verdictPossibleMatch();

    String verdictNoMatch();

    String colField();

    String colActor();

    String homeTitle();

    String homeNoPages();

    String navRegistry();

    String navImport();

    String roleRegistryAdmin();

    String oidcNoConsoleRole();

    String signedInTitle();

    String signedInText();

    String signedInContinue();

    String signedOutTitle();

    String signedOutText();
}
