package io.kgsim.replay.compare;

import java.util.Comparator;

/** Orders that read naturally: {@code c2} before {@code c10}, {@code orders-2} before {@code orders-10}. */
final class Names {
    /** Member names: the text before the trailing number, then the number. */
    static final Comparator<String> MEMBERS = Names::compareNumbered;

    /** {@code "topic-partition"}: by topic, then partition number. */
    static final Comparator<String> PARTITIONS = Comparator.comparing((String p) -> p.substring(0, p.lastIndexOf('-')))
            .thenComparingInt(p -> Integer.parseInt(p.substring(p.lastIndexOf('-') + 1)));

    private Names() {
    }

    private static int compareNumbered(String a, String b) {
        int ia = digitsFrom(a);
        int ib = digitsFrom(b);
        int c = a.substring(0, ia).compareTo(b.substring(0, ib));
        if (c != 0 || ia == a.length() || ib == b.length()) {
            return c != 0 ? c : a.compareTo(b);
        }
        String na = a.substring(ia);
        String nb = b.substring(ib);
        // Compared as digit strings (no overflow): a shorter number is smaller once zeros are equal.
        c = Integer.compare(na.length(), nb.length());
        return c != 0 ? c : na.compareTo(nb);
    }

    /** Where the trailing digits of {@code s} begin ({@code s.length()} when there are none). */
    private static int digitsFrom(String s) {
        int i = s.length();
        while (i > 0 && Character.isDigit(s.charAt(i - 1))) {
            i--;
        }
        return i;
    }
}
