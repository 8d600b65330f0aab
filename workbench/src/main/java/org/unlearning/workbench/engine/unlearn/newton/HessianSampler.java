package org.unlearning.workbench.engine.unlearn.newton;

import java.util.SplittableRandom;

/**
 * Draws the Hessian used at one LiSSA step (§9.2): the regularised Hessian of a mini-batch of b
 * examples sampled with replacement from the retain set, or a fixed operator.
 */
public interface HessianSampler {

    int dimension();

    /** The operator for the next recursion step. */
    LinearOperator draw(SplittableRandom rng);

    /** True when every draw is the same operator (the recursion is then deterministic). */
    default boolean deterministic() {
        return false;
    }

    /** Per-example gradients one product of a drawn operator costs (0 for explicit matrices). */
    default long examplesPerProduct() {
        return 0;
    }

    /** The same operator at every step (the reference recursion {@code lissa(A, v, scale, depth)}). */
    static HessianSampler fixed(LinearOperator op) {
        return new HessianSampler() {
            @Override
            public int dimension() {
                return op.dimension();
            }

            @Override
            public LinearOperator draw(SplittableRandom rng) {
                return op;
            }

            @Override
            public boolean deterministic() {
                return true;
            }
        };
    }

    /**
     * Mini-batch Hessians of a network: b indices drawn uniformly with replacement from
     * {@code retain}, products by central differences (§9.2), plus ρ·v.
     */
    static HessianSampler miniBatch(GradientFunction gradient, double[] w, int[] retain, int b,
                                    double regularisation, double step) {
        if (b < 1) {
            throw new IllegalArgumentException("Hessian batch size b must be >= 1, got " + b);
        }
        if (retain.length == 0) {
            throw new IllegalArgumentException("retain set is empty");
        }
        Vectors.requireLength(w, gradient.dimension(), "w");
        double[] point = w.clone();
        int[] pool = retain.clone();
        return new HessianSampler() {
            @Override
            public int dimension() {
                return gradient.dimension();
            }

            @Override
            public LinearOperator draw(SplittableRandom rng) {
                int[] batch = new int[b];
                for (int i = 0; i < b; i++) {
                    batch[i] = pool[rng.nextInt(pool.length)];
                }
                return new FiniteDifferenceHvp(gradient, point, batch, regularisation, step, true);
            }

            @Override
            public long examplesPerProduct() {
                return 2L * b;
            }
        };
    }
}
