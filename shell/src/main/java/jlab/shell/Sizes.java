package jlab.shell;

import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Docker's sizes. Read: memory sizes, {@code 64m}, {@code 1.5g}, {@code 512k}, {@code 1024}
 * (bytes), units binary (m = MiB), case-insensitive, with an optional "b" or "ib". Printed: memory in
 * binary units ({@code 32MiB}, as {@code docker stats}); images and layers in decimal units with three
 * significant digits ({@code 4.26MB}, as {@code docker images} and {@code docker history}).
 */
public final class Sizes {
    private static final Pattern SIZE = Pattern.compile("(\\d+(?:\\.\\d+)?)\\s*([bkmgtp]?)(i?b)?");

    private Sizes() {}

    /** Bytes; throws IllegalArgumentException with Docker's wording for anything else. */
    public static long parse(String text) {
        Matcher m = SIZE.matcher(text.trim().toLowerCase(Locale.ROOT));
        if (!m.matches()) throw new IllegalArgumentException("invalid size: '" + text + "' (use a number and b, k, m or g: 64m)");
        double n = Double.parseDouble(m.group(1));
        int shift = switch (m.group(2)) {
            case "k" -> 10;
            case "m" -> 20;
            case "g" -> 30;
            case "t" -> 40;
            case "p" -> 50;
            default -> 0;
        };
        return (long) (n * (1L << shift));
    }

    /** 33554432 -> "32MiB". */
    public static String human(long bytes) {
        String[] units = {"B", "KiB", "MiB", "GiB", "TiB"};
        double v = bytes;
        int u = 0;
        while (v >= 1024 && u < units.length - 1) {
            v /= 1024;
            u++;
        }
        return (v == Math.rint(v) ? String.valueOf((long) v) : String.format(Locale.ROOT, "%.1f", v)) + units[u];
    }

    /**
     * 4261550 -> "4.26MB": powers of 1000, three significant digits, trailing zeros dropped, as Docker's
     * {@code units.HumanSizeWithPrecision(size, 3)}. (Where Go's %g would print "1e+03kB" for 999999,
     * this goes on to the next unit: "1MB".)
     */
    public static String decimal(long bytes) {
        String[] units = {"B", "kB", "MB", "GB", "TB", "PB"};
        java.math.MathContext three = new java.math.MathContext(3, java.math.RoundingMode.HALF_EVEN);
        java.math.BigDecimal v = java.math.BigDecimal.valueOf(bytes);
        java.math.BigDecimal thousand = java.math.BigDecimal.valueOf(1000);
        int u = 0;
        while (u < units.length - 1 && v.round(three).compareTo(thousand) >= 0) {
            v = v.divide(thousand);
            u++;
        }
        return v.round(three).stripTrailingZeros().toPlainString() + units[u];
    }
}
