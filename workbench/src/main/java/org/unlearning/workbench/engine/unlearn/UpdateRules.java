package org.unlearning.workbench.engine.unlearn;

import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/**
 * The noisy update rules of theory.md §4.1 and §5.1 on the flat parameter vector, in place.
 * One instance per run owns the scratch and noise buffers, so the hot loop allocates nothing.
 * Plain SGD: no momentum, no optimizer state (§12 A-9).
 */
public final class UpdateRules {
    private final ParameterOps ops;
    private final NoiseSource noise;
    private final INDArray noiseBuffer;
    private final INDArray scratch;
    // Bulk buffers of the fused updates: one step's standard normals, drawn in one call, and heap
    // copies of float32 x and g, so that each rule is a plain loop over arrays (no per-coordinate
    // generator call or buffer accessor).
    private final double[] z;
    private final float[] xs;
    private final float[] gs;

    /** Buffers for flat vectors of {@code length} elements of {@code type}. */
    public UpdateRules(long length, DataType type, NoiseSource noise) {
        this.ops = new ParameterOps(length);
        this.noise = noise;
        this.noiseBuffer = Nd4j.create(type, length);
        this.scratch = Nd4j.create(type, length);
        boolean bulk = length <= Integer.MAX_VALUE - 8;
        this.z = bulk ? new double[(int) length] : null;
        this.xs = bulk && type == DataType.FLOAT ? new float[(int) length] : null;
        this.gs = bulk && type == DataType.FLOAT ? new float[(int) length] : null;
    }

    /** What one update did: ‖g‖ before clipping and the clip factor applied (1 = none). */
    public record Outcome(double gradientNorm, double clipFactor) {}

    public ParameterOps ops() {
        return ops;
    }

    /**
     * Gradient clipping, §4.1: {@code x ← x − η(Π_{C1}(g) + λx) + ξ}, ξ ~ N(0, σ²I).
     * Weight decay is added after the clip (§4.1 note i).
     */
    public Outcome gradientClipping(INDArray x, INDArray g, double eta, double lambda, double c1, double sigma) {
        double gNorm = ops.norm(g);
        double f = ParameterOps.clipFactor(gNorm, c1);
        double keep = 1.0 - eta * lambda;
        double step = -eta * f;
        if (fusable(x, g, sigma)) {
            // one fused pass: x_i ← (1 − ηλ) x_i − η f g_i + σ z_i, evaluated in double, rounded once
            int n = (int) x.length();
            double[] zs = draw(n, sigma);
            if (floatCopies(x, g)) {
                float[] xa = xs, ga = gs;
                FlatBuffers.read(x, xa, n);
                FlatBuffers.read(g, ga, n);
                for (int i = 0; i < n; i++) {
                    xa[i] = (float) (keep * xa[i] + step * ga[i] + sigma * zs[i]);
                }
                FlatBuffers.write(xa, x, n);
                return new Outcome(gNorm, f);
            }
            FlatBuffers.Access xa = FlatBuffers.access(x);
            FlatBuffers.Access ga = FlatBuffers.access(g);
            for (int i = 0; i < n; i++) {
                xa.set(i, keep * xa.get(i) + step * ga.get(i) + sigma * zs[i]);
            }
            return new Outcome(gNorm, f);
        }
        if (lambda != 0) {
            x.muli(keep);
        }
        ParameterOps.axpy(step, g, x);
        noise.addNoise(x, noiseBuffer, sigma);
        return new Outcome(gNorm, f);
    }

    /**
     * Model clipping, noise after projection (§5.1): {@code x ← Π_{C2}(x − η(g + λx)) + ξ}.
     * The reported norm is that of g + λx; no gradient clip (factor 1).
     */
    public Outcome modelClippingAfterProjection(INDArray x, INDArray g, double eta, double lambda, double c2,
                                                double sigma) {
        if (fusable(x, g, sigma)) {
            // pass 1: y = x − η(g + λx) into x, with ‖g + λx‖ and ‖y‖ in double; pass 2: x = Π_{C2}(y) + σz
            int n = (int) x.length();
            double[] zs = draw(n, sigma);
            double uu = 0;
            double yy = 0;
            if (floatCopies(x, g)) {
                float[] xa = xs, ga = gs;
                FlatBuffers.read(x, xa, n);
                FlatBuffers.read(g, ga, n);
                for (int i = 0; i < n; i++) {
                    double u = ga[i] + lambda * xa[i];
                    uu += u * u;
                    xa[i] = (float) (xa[i] - eta * u);
                    double y = xa[i];
                    yy += y * y;
                }
                double f = ParameterOps.clipFactor(Math.sqrt(yy), c2);
                for (int i = 0; i < n; i++) {
                    xa[i] = (float) (f * xa[i] + sigma * zs[i]);
                }
                FlatBuffers.write(xa, x, n);
                return new Outcome(Math.sqrt(uu), 1.0);
            }
            FlatBuffers.Access xa = FlatBuffers.access(x);
            FlatBuffers.Access ga = FlatBuffers.access(g);
            for (int i = 0; i < n; i++) {
                double u = ga.get(i) + lambda * xa.get(i);
                uu += u * u;
                xa.set(i, xa.get(i) - eta * u);
                double y = xa.get(i);
                yy += y * y;
            }
            double f = ParameterOps.clipFactor(Math.sqrt(yy), c2);
            for (int i = 0; i < n; i++) {
                xa.set(i, f * xa.get(i) + sigma * zs[i]);
            }
            return new Outcome(Math.sqrt(uu), 1.0);
        }
        double uNorm = decayedGradient(x, g, lambda);
        ParameterOps.axpy(-eta, scratch, x);
        ops.project(x, c2);
        noise.addNoise(x, noiseBuffer, sigma);
        return new Outcome(uNorm, 1.0);
    }

    /**
     * Model clipping, noise before projection with gradient clipping (§5.1):
     * {@code x ← Π_{C2}(x − η Π_{C1}(g + λx) + ξ)}; weight decay before the clip.
     */
    public Outcome modelClippingBeforeProjection(INDArray x, INDArray g, double eta, double lambda, double c1,
                                                 double c2, double sigma) {
        if (fusable(x, g, sigma)) {
            // pass 1: ‖g + λx‖; pass 2: y = x − η f1 (g + λx) + σz into x with ‖y‖; pass 3: x = Π_{C2}(y)
            int n = (int) x.length();
            double[] zs = draw(n, sigma);
            double uu = 0;
            double yy = 0;
            if (floatCopies(x, g)) {
                float[] xa = xs, ga = gs;
                FlatBuffers.read(x, xa, n);
                FlatBuffers.read(g, ga, n);
                for (int i = 0; i < n; i++) {
                    double u = ga[i] + lambda * xa[i];
                    uu += u * u;
                }
                double uNorm = Math.sqrt(uu);
                double f1 = ParameterOps.clipFactor(uNorm, c1);
                for (int i = 0; i < n; i++) {
                    double u = ga[i] + lambda * xa[i];
                    xa[i] = (float) (xa[i] - eta * f1 * u + sigma * zs[i]);
                    double y = xa[i];
                    yy += y * y;
                }
                double f2 = ParameterOps.clipFactor(Math.sqrt(yy), c2);
                if (f2 < 1) {
                    for (int i = 0; i < n; i++) {
                        xa[i] = (float) (f2 * xa[i]);
                    }
                }
                FlatBuffers.write(xa, x, n);
                return new Outcome(uNorm, f1);
            }
            FlatBuffers.Access xa = FlatBuffers.access(x);
            FlatBuffers.Access ga = FlatBuffers.access(g);
            for (int i = 0; i < n; i++) {
                double u = ga.get(i) + lambda * xa.get(i);
                uu += u * u;
            }
            double uNorm = Math.sqrt(uu);
            double f1 = ParameterOps.clipFactor(uNorm, c1);
            for (int i = 0; i < n; i++) {
                double u = ga.get(i) + lambda * xa.get(i);
                xa.set(i, xa.get(i) - eta * f1 * u + sigma * zs[i]);
                double y = xa.get(i);
                yy += y * y;
            }
            double f2 = ParameterOps.clipFactor(Math.sqrt(yy), c2);
            if (f2 < 1) {
                for (int i = 0; i < n; i++) {
                    xa.set(i, f2 * xa.get(i));
                }
            }
            return new Outcome(uNorm, f1);
        }
        double uNorm = decayedGradient(x, g, lambda);
        double f = ParameterOps.clipFactor(uNorm, c1);
        ParameterOps.axpy(-eta * f, scratch, x);
        noise.addNoise(x, noiseBuffer, sigma);
        ops.project(x, c2);
        return new Outcome(uNorm, f);
    }

    private boolean fusable(INDArray x, INDArray g, double sigma) {
        return z != null && x.length() == z.length && g.length() == z.length
                && FlatBuffers.direct(x) && FlatBuffers.direct(g) && sigma >= 0 && Double.isFinite(sigma);
    }

    /** Float32 x and g, updated through the heap copies. */
    private boolean floatCopies(INDArray x, INDArray g) {
        return xs != null && FlatBuffers.isFloat(x) && FlatBuffers.isFloat(g);
    }

    /**
     * This step's standard normals, drawn in one bulk call in coordinate order (the sequence the
     * per-coordinate draws had); zeros without drawing when σ = 0.
     */
    private double[] draw(int n, double sigma) {
        if (sigma == 0) {
            java.util.Arrays.fill(z, 0, n, 0.0);
        } else {
            noise.fillStandard(z, n);
        }
        return z;
    }

    /** Noise-free SGD step {@code x ← x − η(g + λx)} (fine-tuning, retraining). */
    public Outcome plainSgd(INDArray x, INDArray g, double eta, double lambda) {
        double gNorm = ops.norm(g);
        if (lambda != 0) {
            x.muli(1.0 - eta * lambda);
        }
        ParameterOps.axpy(-eta, g, x);
        return new Outcome(gNorm, 1.0);
    }

    /** One Gaussian draw on every coordinate (output perturbation, §6; initial noise σ₀, §5.1). */
    public void addNoise(INDArray x, double sigma) {
        noise.addNoise(x, noiseBuffer, sigma);
    }

    /** scratch ← g + λx; returns its norm. */
    private double decayedGradient(INDArray x, INDArray g, double lambda) {
        scratch.assign(g);
        if (lambda != 0) {
            ParameterOps.axpy(lambda, x, scratch);
        }
        return ops.norm(scratch);
    }
}
