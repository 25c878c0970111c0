package io.chordflow.common;

/**
 * Binary search in a sorted array with numpy's {@code searchsorted} semantics, which the mir_eval
 * ports (chord segmentation, segment sampling) follow exactly.
 */
public final class SortedSearch {
    private SortedSearch() {
    }

    /** First index with {@code a[i] >= x} ({@code searchsorted(a, x, side='left')}). */
    public static int lowerBound(double[] a, double x) {
        int lo = 0;
        int hi = a.length;
        while (lo < hi) {
            int mid = (lo + hi) >>> 1;
            if (a[mid] < x) {
                lo = mid + 1;
            } else {
                hi = mid;
            }
        }
        return lo;
    }

    /** First index with {@code a[i] > x} ({@code searchsorted(a, x, side='right')}). */
    public static int upperBound(double[] a, double x) {
        int lo = 0;
        int hi = a.length;
        while (lo < hi) {
            int mid = (lo + hi) >>> 1;
            if (a[mid] <= x) {
                lo = mid + 1;
            } else {
                hi = mid;
            }
        }
        return lo;
    }
}
