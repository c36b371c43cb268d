package org.qorgau.console;

import io.quarkus.qute.i18n.MessageBundle;

/**
 * The reviewer's pages: the review queue, one check with its evidence, and the decision form. In templates {@code
 * {review:key}}; the texts are in {@code messages/review_en.properties} (English, the default), {@code
 * review_kk.properties} (Kazakh) and {@code review_ru.properties} (Russian), key for key in this order. The build fails
 * when a key here has no English text, or a file names a key not declared here. Names of people are never translated:
 * they are shown exactly as written.
 */
@MessageBundle(value = "review", locale = "en")
public interface ReviewMsg {

    String queueTitle();

    String queueIntro();

    String queueEmpty();

    String colChecked();

    String colPurpose();

    String colPending();

    String open();

    String decidedNotice();

    String checkTitle();

    String checkSubtitle(String id, long version);

    String candidateAsSent();

    String registryEntry(String id);

    String fullName();

    String aliases();

    String dateOfBirth();

    String photoHash();

    String region();

    String offence();

    String source();

    String none();

    String candidateRedacted();

    String evidence();

    String colLevel();

    String colWeight();

    String colDetail();

    String probability(String p);

    String photoDistance();

    String noPhoto();

    String priorDecisions();

    String noPriorDecisions();

    String current();

    String superseded();

    String decidedBy(String reviewer, String when);

    String yourDecision();

    String samePerson();

    String notSamePerson();

    String reason();

    String record();

    String willSupersede(String decision);

    String errorTitle();
}
