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

    /** Buffers for flat vectors of {@code length} elements of {@code type}. */
    public UpdateRules(long length, DataType type, NoiseSource noise) {
        this.ops = new ParameterOps(length);
        this.noise = noise;
        this.noiseBuffer = Nd4j.create(type, length);
        this.scratch = Nd4j.create(type, length);
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
        if (lambda != 0) {
            x.muli(1.0 - eta * lambda);
        }
        ParameterOps.axpy(-eta * f, g, x);
        noise.addNoise(x, noiseBuffer, sigma);
        return new Outcome(gNorm, f);
    }

    /**
     * Model clipping, noise after projection (§5.1): {@code x ← Π_{C2}(x − η(g + λx)) + ξ}.
     * The reported norm is that of g + λx; no gradient clip (factor 1).
     */
    public Outcome modelClippingAfterProjection(INDArray x, INDArray g, double eta, double lambda, double c2,
                                                double sigma) {
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
        double uNorm = decayedGradient(x, g, lambda);
        double f = ParameterOps.clipFactor(uNorm, c1);
        ParameterOps.axpy(-eta * f, scratch, x);
        noise.addNoise(x, noiseBuffer, sigma);
        ops.project(x, c2);
        return new Outcome(uNorm, f);
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
