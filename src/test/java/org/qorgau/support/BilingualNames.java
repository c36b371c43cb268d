package org.qorgau.support;

import java.util.concurrent.ThreadLocalRandom;

/** Surnames no other test registers, spelled in Latin and in Cyrillic: one name in two scripts. */
public final class BilingualNames {

    private static final String[][] SYLLABLES = {
        {"ka", "ка"}, {"lo", "ло"}, {"mi", "ми"}, {"nu", "ну"}, {"ra", "ра"},
        {"se", "се"}, {"to", "то"}, {"du", "ду"}, {"be", "бе"}, {"vi", "ви"},
        {"ga", "га"}, {"po", "по"}, {"zu", "зу"}, {"fa", "фа"}, {"le", "ле"}
    };

    private BilingualNames() {}

    /** {@code {"Kalonuraev", "Калонураев"}}: six random syllables (11 million names) and a male surname ending. */
    public static String[] uniqueSurname() {
        StringBuilder latin = new StringBuilder();
        StringBuilder cyrillic = new StringBuilder();
        ThreadLocalRandom random = ThreadLocalRandom.current();
        for (int i = 0; i < 6; i++) {
            String[] s = SYLLABLES[random.nextInt(SYLLABLES.length)];
            latin.append(s[0]);
            cyrillic.append(s[1]);
        }
        latin.append("ev");
        cyrillic.append("ев");
        return new String[] {
            Character.toUpperCase(latin.charAt(0)) + latin.substring(1),
            Character.toUpperCase(cyrillic.charAt(0)) + cyrillic.substring(1)
        };
    }
}
