package org.qorgau.matching;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;

/**
 * A small deterministic Kazakh/Russian registry for tests: realistic token frequencies (a few very common names, a
 * long tail), partial dates, Latin aliases and photo hashes. Not the evaluation generator (that lives in
 * org.qorgau.evaluation); just enough to exercise the index and the term-frequency adjustment.
 */
final class SyntheticRegistry {

    static final String[] SURNAMES = {
        "Иванов",
        "Ахметов",
        "Омаров",
        "Жұмабаев",
        "Оспанов",
        "Сүлейменов",
        "Исаев",
        "Қасымов",
        "Серікбаев",
        "Байжанов",
        "Смирнов",
        "Кузнецов",
        "Попов",
        "Васильев",
        "Петров",
        "Соколов",
        "Михайлов",
        "Новиков",
        "Федоров",
        "Морозов",
        "Волков",
        "Алексеев",
        "Лебедев",
        "Семёнов",
        "Егоров",
        "Павлов",
        "Козлов",
        "Степанов",
        "Николаев",
        "Орлов",
        "Андреев",
        "Макаров",
        "Никитин",
        "Захаров",
        "Зайцев",
        "Соловьёв",
        "Борисов",
        "Яковлев",
        "Григорьев",
        "Романов",
        "Есенов",
        "Тоқаев",
        "Құнанбаев",
        "Әлиев",
        "Ержанов",
        "Бекмұхамбетов",
        "Смағұлов",
        "Жақсылықов",
        "Төлеуов",
        "Мұхаметжанов",
        "Қожахметов",
        "Ғабдуллин",
        "Ибраев",
        "Мұратов",
        "Сейтқалиев",
        "Әбілов",
        "Жанұзақов",
        "Бейсенов",
        "Кенжебаев",
        "Қалиев",
        "Шәріпов",
        "Тұрсынов",
        "Рахимов",
        "Ұзақбаев",
        "Өтегенов",
        "Үсенов",
        "Иманғалиев",
        "Аманжолов",
        "Бақытжанов",
        "Дәулетов",
        "Ермеков",
        "Жүсіпов",
        "Зейнуллин",
        "Щербаков",
        "Хабибуллин",
        "Цой",
        "Ким",
        "Пак",
        "Шевченко",
        "Коваленко",
        "Бондаренко",
        "Ткаченко",
        "Кравченко",
        "Олейник",
        "Мельник",
        "Юсупов",
        "Хасанов",
        "Чернов",
        "Журавлёв",
        "Щукин"
    };
    static final String[] MALE = {
        "Александр",
        "Нұрлан",
        "Сергей",
        "Ерлан",
        "Дмитрий",
        "Асхат",
        "Андрей",
        "Қайрат",
        "Алексей",
        "Бауыржан",
        "Максим",
        "Ержан",
        "Евгений",
        "Дәурен",
        "Иван",
        "Мұрат",
        "Михаил",
        "Серік",
        "Артём",
        "Талғат",
        "Владимир",
        "Ерболат",
        "Николай",
        "Марат",
        "Юрий",
        "Арман",
        "Олег",
        "Руслан",
        "Виктор",
        "Жанибек",
        "Павел",
        "Нұржан",
        "Игорь",
        "Асқар",
        "Фёдор",
        "Ғалым",
        "Роман",
        "Әділет",
        "Денис",
        "Бекзат"
    };
    static final String[] FEMALE = {
        "Анна",
        "Айгүл",
        "Елена",
        "Гүлнар",
        "Ольга",
        "Айгерім",
        "Наталья",
        "Динара",
        "Татьяна",
        "Жанна",
        "Мария",
        "Сәуле",
        "Ирина",
        "Әсел",
        "Светлана",
        "Назерке",
        "Юлия",
        "Жұлдыз",
        "Екатерина",
        "Аружан",
        "Людмила",
        "Мадина",
        "Галина",
        "Ләззат",
        "Дарья",
        "Салтанат",
        "Ксения",
        "Әлия",
        "Виктория",
        "Гаухар"
    };
    static final Transliterator.Scheme[] SCHEMES = Transliterator.Scheme.values();

    private SyntheticRegistry() {}

    /** Zipf-like pick: low indexes much more often. */
    static String pick(Random r, String[] list) {
        double x = r.nextDouble();
        int i = (int) (list.length * x * x);
        return list[Math.min(i, list.length - 1)];
    }

    static String feminine(String surname) {
        if (surname.endsWith("ов") || surname.endsWith("ев") || surname.endsWith("ёв") || surname.endsWith("ин")) {
            return surname + "а";
        }
        if (surname.endsWith("ий")) {
            return surname.substring(0, surname.length() - 2) + "ая";
        }
        return surname;
    }

    static String patronymic(String father, boolean female, Random r) {
        if (r.nextInt(4) == 0) {
            return father + (female ? " қызы" : " ұлы");
        }
        String stem = father.endsWith("й") ? father.substring(0, father.length() - 1) + "е" : father;
        return stem + (father.endsWith("й") ? (female ? "вна" : "вич") : (female ? "овна" : "ович"));
    }

    static String randomDob(Random r) {
        int y = 1950 + r.nextInt(56);
        int kind = r.nextInt(100);
        if (kind < 4) {
            return String.valueOf(y);
        }
        int m = 1 + r.nextInt(12);
        if (kind < 7) {
            return String.format("%04d-%02d", y, m);
        }
        return String.format("%04d-%02d-%02d", y, m, 1 + r.nextInt(28));
    }

    static String randomHash(Random r) {
        StringBuilder sb = new StringBuilder(64);
        for (int i = 0; i < 4; i++) {
            sb.append(String.format("%016x", r.nextLong()));
        }
        return sb.toString();
    }

    /** {@code count} people with ids {@code prefix0..}; about a third with a Latin alias, a fifth with a photo. */
    static List<RegistryPerson> generate(int count, long seed, String prefix) {
        Random r = new Random(seed);
        List<RegistryPerson> out = new ArrayList<>(count);
        for (int i = 0; i < count; i++) {
            boolean female = r.nextBoolean();
            String surname = pick(r, SURNAMES);
            if (female) {
                surname = feminine(surname);
            }
            String given = pick(r, female ? FEMALE : MALE);
            String full = surname + " " + given;
            if (r.nextInt(3) > 0) {
                full += " " + patronymic(pick(r, MALE), female, r);
            }
            List<String> aliases = new ArrayList<>();
            if (r.nextInt(3) == 0) {
                Transliterator.Scheme s = SCHEMES[r.nextInt(SCHEMES.length)];
                aliases.add(Transliterator.transliterate(given + " " + surname, s));
            }
            List<String> photos = new ArrayList<>();
            if (r.nextInt(5) == 0) {
                photos.add(randomHash(r));
            }
            out.add(new RegistryPerson(prefix + i, full, aliases, randomDob(r), photos));
        }
        return out;
    }
}
