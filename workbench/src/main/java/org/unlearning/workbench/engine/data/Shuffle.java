package org.unlearning.workbench.engine.data;

import java.util.Random;

/** Seeded Fisher–Yates shuffles (reproducible from a {@link Random} seed). */
public final class Shuffle {
    private Shuffle() {}

    public static void shuffle(int[] a, Random rnd) {
        for (int i = a.length - 1; i > 0; i--) {
            int j = rnd.nextInt(i + 1);
            int t = a[i];
            a[i] = a[j];
            a[j] = t;
        }
    }
}
