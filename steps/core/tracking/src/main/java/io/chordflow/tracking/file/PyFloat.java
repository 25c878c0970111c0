package io.chordflow.tracking.file;

import java.math.BigDecimal;

/**
 * Python's {@code str(float)}, which MLflow's file store writes into metric lines: shortest
 * round-trip digits, fixed notation for exponents -4..15, else {@code 1e-05} style, and
 * {@code nan}/{@code inf}. Java's {@code Double.toString} differs ({@code 1.0E-5}, {@code NaN}).
 */
final class PyFloat {
    private PyFloat() {
    }

    static String format(double v) {
        if (Double.isNaN(v)) {
            return "nan";
        }
        if (Double.isInfinite(v)) {
            return v > 0 ? "inf" : "-inf";
        }
        if (v == 0) {
            return (1 / v < 0) ? "-0.0" : "0.0";
        }
        BigDecimal bd = new BigDecimal(Double.toString(v)).stripTrailingZeros();
        String digits = bd.unscaledValue().abs().toString();
        int exp = digits.length() - 1 - bd.scale(); // decimal exponent of the first digit
        String sign = v < 0 ? "-" : "";
        if (exp >= -5 && exp < 16) {
            if (exp < -4) {
                // Python switches to scientific below 1e-4
                return sign + sci(digits, exp);
            }
            String plain = bd.abs().toPlainString();
            return sign + (plain.contains(".") ? plain : plain + ".0");
        }
        return sign + sci(digits, exp);
    }

    private static String sci(String digits, int exp) {
        String mant = digits.length() == 1 ? digits : digits.charAt(0) + "." + digits.substring(1);
        String e = String.format("%02d", Math.abs(exp));
        return mant + "e" + (exp < 0 ? "-" : "+") + e;
    }
}
