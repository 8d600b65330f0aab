package org.unlearning.workbench.engine.unlearn.newton;

/**
 * A symmetric linear map {@code v ↦ A v} on {@code R^d} in double precision, given only through
 * products (an explicit matrix, or a Hessian-vector product of a network, §9.2).
 */
public interface LinearOperator {

    /** d, the length of the vectors this operator acts on. */
    int dimension();

    /** Returns {@code A v} as a new array; {@code v} is not modified. */
    double[] apply(double[] v);

    /** An explicit square matrix (row-major, copied) as an operator; used by tests and vectors. */
    static LinearOperator ofMatrix(double[][] a) {
        int d = a.length;
        double[][] m = new double[d][];
        for (int i = 0; i < d; i++) {
            if (a[i].length != d) {
                throw new IllegalArgumentException("matrix must be square: row " + i + " has "
                        + a[i].length + " entries, expected " + d);
            }
            m[i] = a[i].clone();
        }
        return new LinearOperator() {
            @Override
            public int dimension() {
                return d;
            }

            @Override
            public double[] apply(double[] v) {
                Vectors.requireLength(v, d, "v");
                double[] out = new double[d];
                for (int i = 0; i < d; i++) {
                    out[i] = Vectors.dot(m[i], v);
                }
                return out;
            }
        };
    }

    /** {@code (A + shift·I) v}: adds a multiple of the identity (the regulariser term, §12 B-1). */
    default LinearOperator plusIdentity(double shift) {
        LinearOperator base = this;
        return new LinearOperator() {
            @Override
            public int dimension() {
                return base.dimension();
            }

            @Override
            public double[] apply(double[] v) {
                double[] out = base.apply(v);
                Vectors.axpy(shift, v, out);
                return out;
            }
        };
    }
}
