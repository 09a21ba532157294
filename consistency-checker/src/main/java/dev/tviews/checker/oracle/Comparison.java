package dev.tviews.checker.oracle;

import java.math.BigDecimal;
import java.math.MathContext;

/**
 * How two row documents are compared, so that equal values never differ.
 *
 * @param unorderedArrays   arrays are compared as multisets; set when the definition builds arrays
 *                          with an aggregate that has no ORDER BY, whose element order PostgreSQL
 *                          does not define (only then: a genuine ordering bug must stay visible)
 * @param relativeTolerance numbers may differ by this fraction of the larger one; non-zero only when
 *                          the definition computes with floating point, where the order of summation
 *                          changes the last bits. Numeric values are exact.
 */
public record Comparison(boolean unorderedArrays, double relativeTolerance) {

    /** Exact comparison: ordered arrays, exact numbers. */
    public static final Comparison EXACT = new Comparison(false, 0);

    /** Doubles: a few bits of rounding; reals (float4) keep only about 7 significant digits. */
    public static final double DOUBLE_TOLERANCE = 1e-9;
    public static final double REAL_TOLERANCE = 1e-5;

    /** Below this magnitude two floating-point results count as equal (sums that cancel out to ~0). */
    private static final BigDecimal ABSOLUTE_FLOOR = new BigDecimal("1e-12");

    public Comparison {
        if (relativeTolerance < 0 || relativeTolerance >= 1) {
            throw new IllegalArgumentException("relative tolerance must be in [0, 1), not " + relativeTolerance);
        }
    }

    boolean numbersEqual(BigDecimal a, BigDecimal b) {
        if (a.compareTo(b) == 0) {
            return true;
        }
        if (relativeTolerance == 0) {
            return false;
        }
        BigDecimal diff = a.subtract(b).abs();
        if (diff.compareTo(ABSOLUTE_FLOOR) <= 0) {
            return true;
        }
        BigDecimal scale = a.abs().max(b.abs());
        return diff.compareTo(scale.multiply(BigDecimal.valueOf(relativeTolerance), MathContext.DECIMAL64)) <= 0;
    }
}
