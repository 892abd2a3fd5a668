package io.asyncapikafka.benchmarks;

import java.util.Arrays;
import java.util.List;

/** Medians and percentiles of repeated measurements. */
public final class Stats {

    private Stats() {}

    /** The median; for an even count the lower middle value, so it is always a value that was measured. */
    public static double median(List<Double> values) {
        if (values.isEmpty()) {
            return Double.NaN;
        }
        double[] sorted = values.stream().mapToDouble(Double::doubleValue).sorted().toArray();
        return sorted[(sorted.length - 1) / 2];
    }

    /** The {@code p}-th percentile (0 < p <= 100, nearest rank) of the first {@code n} values; sorts them in place. */
    public static long percentile(long[] values, int n, double p) {
        if (n == 0) {
            return -1;
        }
        Arrays.sort(values, 0, n);
        int rank = (int) Math.ceil(p / 100.0 * n);
        return values[Math.max(0, Math.min(n, rank) - 1)];
    }
}
