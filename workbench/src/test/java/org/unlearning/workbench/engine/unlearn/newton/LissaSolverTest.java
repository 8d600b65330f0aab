package org.unlearning.workbench.engine.unlearn.newton;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.SplittableRandom;
import java.util.concurrent.CancellationException;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class LissaSolverTest {

    static List<JsonNode> vectors(String method) throws IOException {
        try (InputStream in = LissaSolverTest.class.getResourceAsStream("/accountant-vectors.json")) {
            assertNotNull(in, "accountant-vectors.json on the test classpath");
            List<JsonNode> out = new ArrayList<>();
            for (JsonNode n : new ObjectMapper().readTree(in)) {
                if (method.equals(n.get("method").asText())) {
                    out.add(n);
                }
            }
            return out;
        }
    }

    static double[] doubles(JsonNode arr) {
        double[] out = new double[arr.size()];
        for (int i = 0; i < out.length; i++) {
            out[i] = arr.get(i).asDouble();
        }
        return out;
    }

    @Test
    void matchesReferenceLissaVectors() throws IOException {
        List<JsonNode> cases = vectors("lissa");
        assertEquals(2, cases.size());
        for (JsonNode c : cases) {
            JsonNode in = c.get("inputs");
            double[][] a = new double[in.get("A").size()][];
            for (int i = 0; i < a.length; i++) {
                a[i] = doubles(in.get("A").get(i));
            }
            LissaConfig cfg = new LissaConfig(1, in.get("depth").asInt(), in.get("scale").asDouble(), 1, 0);
            LissaResult r = LissaSolver.solve(HessianSampler.fixed(LinearOperator.ofMatrix(a)),
                    doubles(in.get("v")), cfg);
            double[] exp = doubles(c.get("expected").get("x"));
            double tol = c.get("tolerance_rel").asDouble();
            for (int i = 0; i < exp.length; i++) {
                assertEquals(exp[i], r.solution()[i], tol * Math.abs(exp[i]), c.get("id").asText() + " x[" + i + "]");
            }
            assertEquals(c.get("expected").get("converges").asBoolean(), !r.diverged(), c.get("id").asText());
            assertEquals(cfg.depth(), r.hessianProducts());
        }
    }

    /** Random SPD matrix Q diag(eigs) Qᵀ. */
    static double[][] spd(double[] eigs, long seed) {
        int d = eigs.length;
        Random rnd = new Random(seed);
        double[][] q = new double[d][d];
        for (int i = 0; i < d; i++) {
            for (int j = 0; j < d; j++) {
                q[i][j] = rnd.nextGaussian();
            }
        }
        for (int i = 0; i < d; i++) { // Gram-Schmidt on rows -> orthogonal Q
            for (int k = 0; k < i; k++) {
                Vectors.axpy(-Vectors.dot(q[k], q[i]), q[k], q[i]);
            }
            Vectors.scale(1 / Vectors.norm(q[i]), q[i]);
        }
        double[][] a = new double[d][d];
        for (int i = 0; i < d; i++) {
            for (int j = 0; j < d; j++) {
                double s = 0;
                for (int k = 0; k < d; k++) {
                    s += q[k][i] * eigs[k] * q[k][j];
                }
                a[i][j] = s;
            }
        }
        return a;
    }

    @Test
    void solvesSpdSystemsWithKnownSolution() {
        Random rnd = new Random(7);
        for (int trial = 0; trial < 5; trial++) {
            int d = 6 + trial;
            double[] eigs = new double[d];
            for (int i = 0; i < d; i++) {
                eigs[i] = 0.2 + 4.8 * rnd.nextDouble();
            }
            double[][] a = spd(eigs, trial);
            double[] xTrue = new double[d];
            for (int i = 0; i < d; i++) {
                xTrue[i] = rnd.nextGaussian();
            }
            double[] g = LinearOperator.ofMatrix(a).apply(xTrue);
            LissaResult r = LissaSolver.solve(HessianSampler.fixed(LinearOperator.ofMatrix(a)), g,
                    new LissaConfig(1, 800, 5.0, 1, 0));
            assertFalse(r.diverged(), r.divergenceReason());
            assertTrue(Vectors.distance(r.solution(), xTrue) < 1e-8 * Vectors.norm(xTrue));
            assertTrue(r.recursionResidual() < 1e-8);
        }
    }

    @Test
    void indefiniteMatrixIsFlagged() {
        double[][] a = spd(new double[] {-0.3, 1, 2}, 3);
        LissaResult r = LissaSolver.solve(HessianSampler.fixed(LinearOperator.ofMatrix(a)), new double[] {1, 1, 1},
                new LissaConfig(1, 100, 4, 1, 0));
        assertTrue(r.diverged());
        assertTrue(r.divergenceReason().contains("spectral radius"), r.divergenceReason());
    }

    /**
     * Stochastic LiSSA: A = mean of per-example PSD matrices a_i a_iᵀ + ρI; each step uses the mean
     * over b examples drawn with replacement. The average of many repetitions approaches A⁻¹g.
     */
    @Test
    void stochasticMiniBatchesConvergeToTheFullSolution() {
        int d = 5;
        int n = 40;
        Random rnd = new Random(11);
        double[][] ex = new double[n][d];
        for (double[] e : ex) {
            for (int k = 0; k < d; k++) {
                e[k] = rnd.nextGaussian();
            }
        }
        double rho = 0.5;
        HessianSampler sampler = batchSampler(ex, rho, 10);
        double[][] full = new double[d][d];
        for (double[] e : ex) {
            for (int i = 0; i < d; i++) {
                for (int j = 0; j < d; j++) {
                    full[i][j] += e[i] * e[j] / n;
                }
            }
            }
        for (int i = 0; i < d; i++) {
            full[i][i] += rho;
        }
        double[] xTrue = {1, -2, 0.5, 0, 3};
        double[] g = LinearOperator.ofMatrix(full).apply(xTrue);
        LissaResult r = LissaSolver.solve(sampler, g, new LissaConfig(200, 300, 20, 10, 42));
        assertFalse(r.diverged(), r.divergenceReason());
        double err = Vectors.distance(r.solution(), xTrue) / Vectors.norm(xTrue);
        assertTrue(err < 0.05, "relative error " + err);
        assertTrue(r.repetitionSpread() > 0);
        assertTrue(r.recursionResidual() > 0, "sampled Hessians leave a noise floor");
    }

    @Test
    void stochasticDivergenceIsDetectedByTheNormLimit() {
        double[][] ex = {{3, 0}, {0, 2}, {2, 2}};
        HessianSampler sampler = batchSampler(ex, 0.1, 2);
        double[] g = {1, 1};
        // λ_max ≈ 5.7 > 2H with H = 1: the recursion grows geometrically
        LissaConfig cfg = new LissaConfig(3, 1000, 1.0, 2, 1).withDivergenceNormLimit(1e6);
        LissaResult r = LissaSolver.solve(sampler, g, cfg);
        assertTrue(r.diverged());
        assertTrue(r.hessianProducts() < 1000, "stops early: " + r.hessianProducts());
        assertTrue(r.divergenceReason().contains("exceeds the limit"), r.divergenceReason());
    }

    @Test
    void nonFiniteValuesAreFlaggedWithoutALimit() {
        double[][] a = {{1e6, 0}, {0, 1}};
        LissaResult r = LissaSolver.solve(HessianSampler.fixed(LinearOperator.ofMatrix(a)), new double[] {1, 1},
                new LissaConfig(2, 5000, 1, 1, 0));
        assertTrue(r.diverged());
        assertTrue(r.divergenceReason().contains("non-finite"), r.divergenceReason());
    }

    @Test
    void zeroGradientGivesZeroSolution() {
        LissaResult r = LissaSolver.solve(HessianSampler.fixed(LinearOperator.ofMatrix(new double[][] {{2}})),
                new double[] {0}, new LissaConfig(1, 10, 1, 1, 0));
        assertEquals(0, r.solution()[0]);
        assertFalse(r.diverged());
    }

    @Test
    void cancellationStopsPromptly() {
        int[] calls = {0};
        HessianSampler counting = new HessianSampler() {
            public int dimension() {
                return 1;
            }

            public LinearOperator draw(SplittableRandom rng) {
                calls[0]++;
                return LinearOperator.ofMatrix(new double[][] {{1}});
            }
        };
        assertThrows(CancellationException.class, () -> LissaSolver.solve(counting, new double[] {1},
                new LissaConfig(10, 1000, 2, 1, 0), () -> calls[0] >= 17, null));
        assertEquals(17, calls[0]);
    }

    @Test
    void rejectsBadInput() {
        assertThrows(IllegalArgumentException.class, () -> new LissaConfig(0, 10, 1, 1, 0));
        assertThrows(IllegalArgumentException.class, () -> new LissaConfig(1, 0, 1, 1, 0));
        assertThrows(IllegalArgumentException.class, () -> new LissaConfig(1, 1, 0, 1, 0));
        assertThrows(IllegalArgumentException.class, () -> new LissaConfig(1, 1, Double.NaN, 1, 0));
        assertThrows(IllegalArgumentException.class, () -> new LissaConfig(1, 1, 1, 0, 0));
        HessianSampler s = HessianSampler.fixed(LinearOperator.ofMatrix(new double[][] {{1}}));
        assertThrows(IllegalArgumentException.class,
                () -> LissaSolver.solve(s, new double[] {Double.NaN}, new LissaConfig(1, 1, 1, 1, 0)));
        assertThrows(IllegalArgumentException.class,
                () -> LissaSolver.solve(s, new double[] {1, 2}, new LissaConfig(1, 1, 1, 1, 0)));
    }

    /** Mean of a_i a_iᵀ over b indices drawn with replacement, plus ρI. */
    static HessianSampler batchSampler(double[][] ex, double rho, int b) {
        int d = ex[0].length;
        return new HessianSampler() {
            public int dimension() {
                return d;
            }

            public LinearOperator draw(SplittableRandom rng) {
                int[] batch = new int[b];
                for (int i = 0; i < b; i++) {
                    batch[i] = rng.nextInt(ex.length);
                }
                return new LinearOperator() {
                    public int dimension() {
                        return d;
                    }

                    public double[] apply(double[] v) {
                        double[] out = new double[d];
                        for (int i : batch) {
                            Vectors.axpy(Vectors.dot(ex[i], v) / b, ex[i], out);
                        }
                        Vectors.axpy(rho, v, out);
                        return out;
                    }
                };
            }
        };
    }
}
