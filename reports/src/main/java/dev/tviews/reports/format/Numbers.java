package dev.tviews.reports.format;

import java.math.BigDecimal;
import java.math.MathContext;
import java.text.DecimalFormat;
import java.text.DecimalFormatSymbols;
import java.util.Locale;

/** Number formatting for people: three significant digits, thousands grouped, locale-independent. */
public final class Numbers {
    private static final DecimalFormatSymbols SYMBOLS = DecimalFormatSymbols.getInstance(Locale.ROOT);

    private Numbers() {
    }

    /** 3 significant digits, grouped: 0.000412, 0.412, 41.2, 4,120, 1,523,500 → "1,520,000". */
    public static String sig(double value) {
        if (Double.isNaN(value)) {
            return "n/a";
        }
        if (Double.isInfinite(value)) {
            return value > 0 ? "∞" : "-∞";
        }
        if (value == 0) {
            return "0";
        }
        BigDecimal rounded = new BigDecimal(value).round(new MathContext(3));
        DecimalFormat format = new DecimalFormat("#,##0.##########", SYMBOLS);
        return format.format(rounded);
    }

    /** A count, grouped: 1,000,000. */
    public static String count(long value) {
        return new DecimalFormat("#,##0", SYMBOLS).format(value);
    }

    /** Short axis labels for counts and factors: 1, 10, 100, 1k, 10k, 1M, 0.1. */
    public static String compact(double value) {
        double abs = Math.abs(value);
        if (abs >= 1e9) {
            return sig(value / 1e9) + "G";
        }
        if (abs >= 1e6) {
            return sig(value / 1e6) + "M";
        }
        if (abs >= 1e3) {
            return sig(value / 1e3) + "k";
        }
        return sig(value);
    }

    /** "12.3%" with a sign: "+12.3%", "-4.01%". */
    public static String signedPercent(double percent) {
        if (Double.isNaN(percent)) {
            return "n/a";
        }
        return (percent > 0 ? "+" : "") + sig(percent) + "%";
    }

    /** "775×". */
    public static String factor(double value) {
        return sig(value) + "×";
    }

    /** Bytes with a binary unit: "512 B", "1.5 KiB", "12.3 MiB". */
    public static String bytes(double bytes) {
        String[] units = {"B", "KiB", "MiB", "GiB", "TiB"};
        int unit = 0;
        while (Math.abs(bytes) >= 1024 && unit < units.length - 1) {
            bytes /= 1024;
            unit++;
        }
        return sig(bytes) + " " + units[unit];
    }

    /** A duration given in milliseconds, in the unit that reads best: "412 µs", "1.52 s", "3.1 ms". */
    public static String millis(double ms) {
        double abs = Math.abs(ms);
        if (abs >= 1000) {
            return sig(ms / 1000) + " s";
        }
        if (abs >= 1 || abs == 0) {
            return sig(ms) + " ms";
        }
        if (abs >= 0.001) {
            return sig(ms * 1000) + " µs";
        }
        return sig(ms * 1e6) + " ns";
    }
}
