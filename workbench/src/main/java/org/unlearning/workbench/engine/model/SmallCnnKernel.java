package org.unlearning.workbench.engine.model;

import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.indexing.NDArrayIndex;

import java.util.HashMap;
import java.util.Map;

/**
 * Forward/backward pass of {@code cnn-small} (conv 3×3 same → ReLU → avg-pool 2 → conv 3×3 same →
 * ReLU → avg-pool 2 → global mean → dense → softmax cross-entropy) computing exactly what DL4J's
 * {@link MultiLayerNetwork#computeGradientAndScore()} computes for that network, in float32, but
 * laid out for speed.
 * <p>
 * Why: profiling DL4J's {@code ConvolutionLayer} (perf, ND4J op profiler) showed only ~11 % of a
 * step in SGEMM; the rest went to strided copies (im2col written into a permuted view, permuted
 * outputs duplicated, element-wise ops on non-contiguous views through per-element offset
 * computation). Here the activations stay in contiguous NHWC arrays on the Java heap, im2col and
 * col2im copy contiguous channel runs, and the three matrix products per convolution run as single
 * ND4J GEMMs on preallocated off-heap buffers. The first layer's input gradient is not computed
 * (nothing needs it). Parameters are read from, and gradients written to, DL4J's flat layout, so
 * the network, its serialisation and every caller stay unchanged; the model's tests check this
 * kernel's gradient against DL4J's.
 * <p>
 * CPU backend only (it reads parameters through host buffers); float32 only. Single-threaded and
 * not thread-safe: {@link DataParallelKernel} runs one instance per thread on slices of the batch.
 */
final class SmallCnnKernel implements GradientKernel {
    private static final int K = SmallCnnKernelLayout.K;

    private final MultiLayerNetwork net;
    private final SmallCnnKernelLayout layout;
    private final int c0, h0, w0;          // input channels, height, width
    private final int c1, c2, classes;      // conv widths, classes
    private final int h1, w1;               // after pool 1 (input of conv 2)
    // flat offsets of the parameters in net.params()
    private final int offB1, offW1, offB2, offW2;
    private final int nParams;
    private final INDArray w1View;          // DL4J's conv-1 weights as [out, (c, ky, kx)]

    private float[] p;                      // parameter copy (heap)
    private float[] g;                      // gradient (heap)
    private int cap;                        // batch capacity of the buffers
    private float[] x, y, cols1, z1, pool1, cols2, z2, gap, logits, dz1, dpool1, dz2, dcols2, dgap;
    private float[] wm2, dwm2;
    private INDArray cols1N, z1N, dz1N, dw1N;
    private INDArray cols2N, w2N, z2N, dz2N, dw2N, dcols2N;
    private final Map<Integer, INDArray[]> viewsByBatch = new HashMap<>();

    private SmallCnnKernel(MultiLayerNetwork net, SmallCnnKernelLayout l) {
        this.net = net;
        this.layout = l;
        this.c0 = l.c0();
        this.h0 = l.h0();
        this.w0 = l.w0();
        this.h1 = l.h1();
        this.w1 = l.w1();
        this.nParams = l.nParams();
        this.c1 = l.c1();
        this.c2 = l.c2();
        this.classes = l.classes();
        offB1 = l.offB1();
        offW1 = l.offW1();
        offB2 = l.offB2();
        offW2 = l.offW2();
        this.w1View = net.getLayer(0).getParam("W").reshape('c', c1, (long) c0 * K * K);
        this.p = new float[nParams];
        this.g = new float[nParams];
        wm2 = new float[K * K * c1 * c2];
        dwm2 = new float[wm2.length];
        w2N = Nd4j.create(DataType.FLOAT, K * K * c1, c2);
        dw1N = Nd4j.create(DataType.FLOAT, c1, c0 * K * K);
        dw2N = Nd4j.create(DataType.FLOAT, K * K * c1, c2);
    }

    /** A kernel for {@code net} if it is exactly the cnn-small layout ({@link SmallCnnKernelLayout#of}), else null. */
    static SmallCnnKernel tryCreate(MultiLayerNetwork net, int channels, int height, int width) {
        SmallCnnKernelLayout l = SmallCnnKernelLayout.of(net, channels, height, width);
        return l == null ? null : new SmallCnnKernel(net, l);
    }

    private void ensureCapacity(int n) {
        if (n <= cap) {
            return;
        }
        cap = n;
        int r1 = n * h0 * w0, r2 = n * h1 * w1;
        x = new float[n * c0 * h0 * w0];
        y = new float[n * classes];
        cols1 = new float[r1 * K * K * c0];
        z1 = new float[r1 * c1];
        dz1 = new float[r1 * c1];
        pool1 = new float[r2 * c1];
        dpool1 = new float[r2 * c1];
        cols2 = new float[r2 * K * K * c1];
        dcols2 = new float[r2 * K * K * c1];
        z2 = new float[r2 * c2];
        dz2 = new float[r2 * c2];
        gap = new float[n * c2];
        dgap = new float[n * c2];
        logits = new float[n * classes];
        cols1N = Nd4j.create(DataType.FLOAT, (long) r1 * K * K * c0); // [(c, ky, kx), rows], flat
        z1N = Nd4j.create(DataType.FLOAT, r1, c1);
        dz1N = Nd4j.create(DataType.FLOAT, r1, c1);
        cols2N = Nd4j.create(DataType.FLOAT, r2, K * K * c1);
        dcols2N = Nd4j.create(DataType.FLOAT, r2, K * K * c1);
        z2N = Nd4j.create(DataType.FLOAT, r2, c2);
        dz2N = Nd4j.create(DataType.FLOAT, r2, c2);
        viewsByBatch.clear();
    }

    /** Row-prefix views of the off-heap buffers for batch size {@code n}. */
    private INDArray[] views(int n) {
        return viewsByBatch.computeIfAbsent(n, k -> {
            int r1 = n * h0 * w0, r2 = n * h1 * w1;
            return new INDArray[] {cols1N.get(NDArrayIndex.interval(0, (long) r1 * K * K * c0)).reshape('c', K * K * c0, r1),
                    rows(z1N, r1), rows(dz1N, r1),
                    rows(cols2N, r2), rows(dcols2N, r2), rows(z2N, r2), rows(dz2N, r2)};
        });
    }

    private static INDArray rows(INDArray a, int r) {
        return r == a.rows() ? a : a.get(NDArrayIndex.interval(0, r), NDArrayIndex.all());
    }

    /**
     * Computes the SUM over the batch of the cross-entropy gradient (DL4J's convention) into
     * {@code gradFlat} (length numParams, contiguous) and returns the MEAN loss (DL4J's score).
     */
    @Override
    public double sumGradient(INDArray features, INDArray labels, INDArray gradFlat) {
        int n = (int) features.size(0);
        ensureCapacity(n);
        INDArray[] v = views(n);
        forward(features, n, v);
        Host.read(labels, y, n * classes);
        double loss = 0;
        // softmax + cross-entropy; d logits = p − y (summed over the batch by the GEMMs below)
        for (int b = 0; b < n; b++) {
            int o = b * classes;
            double lossB = SoftmaxCrossEntropy.apply(logits, o, classes, y, false);
            loss += lossB;
            for (int k = 0; k < classes; k++) {
                logits[o + k] -= y[o + k];
            }
        }
        backward(n, v);
        Host.write(g, gradFlat, nParams);
        return loss / n;
    }

    /** Class probabilities [n, classes] (a new array). */
    @Override
    public INDArray output(INDArray features) {
        int n = (int) features.size(0);
        ensureCapacity(n);
        forward(features, n, views(n));
        for (int b = 0; b < n; b++) {
            SoftmaxCrossEntropy.apply(logits, b * classes, classes, null, false);
        }
        float[] out = java.util.Arrays.copyOf(logits, n * classes);
        return Nd4j.create(out, new long[] {n, classes}, DataType.FLOAT);
    }


    private void forward(INDArray features, int n, INDArray[] v) {
        Host.read(net.params(), p, nParams);
        packWeights(offW2, c1, c2, wm2);
        Host.write(wm2, w2N, wm2.length);
        int hw = h0 * w0;
        // conv 1 + bias + ReLU (z1 keeps the activation: the ReLU mask), avg-pool. It reads DL4J's
        // NCHW input directly: its columns are stored transposed, one row per (channel, ky, kx)
        // holding the shifted image for every output position, so the copy is row-wise and the
        // GEMM uses DL4J's weights [out, (c, ky, kx)] as they are.
        Host.read(features, x, n * c0 * hw);
        int r1 = n * hw;
        shiftedRows(x, n, c0, h0, w0, cols1);
        Host.write(cols1, v[0], r1 * K * K * c0);
        Nd4j.gemm(v[0], w1View, v[1], true, true, 1.0, 0.0);   // z1 [rows, out] = colsᵀ · Wᵀ
        Host.read(v[1], z1, r1 * c1);
        whole(n, (from, to, part) -> {
            biasRelu(z1, from * hw, to * hw, c1, p, offB1);
            avgPool2(z1, from, to, h0, w0, c1, pool1);
            im2col(pool1, from, to, h1, w1, c1, cols2);
        });

        // conv 2 + bias + ReLU; avg-pool 2 then global mean == mean over all positions of conv 2
        // (both pooled sizes are even, checked in tryCreate)
        int hw2 = h1 * w1;
        int r2 = n * hw2;
        Host.write(cols2, v[3], r2 * K * K * c1);
        Nd4j.gemm(v[3], w2N, v[5], false, false, 1.0, 0.0);
        Host.read(v[5], z2, r2 * c2);
        float inv = 1f / hw2;
        whole(n, (from, to, part) -> {
            biasRelu(z2, from * hw2, to * hw2, c2, p, offB2);
            java.util.Arrays.fill(gap, from * c2, to * c2, 0f);
            for (int b = from; b < to; b++) {
                int go = b * c2;
                for (int pos = 0; pos < hw2; pos++) {
                    int zo = (b * hw2 + pos) * c2;
                    for (int ch = 0; ch < c2; ch++) {
                        gap[go + ch] += z2[zo + ch];
                    }
                }
                for (int ch = 0; ch < c2; ch++) {
                    gap[go + ch] *= inv;
                }
            }
        });
        layout.denseForward(gap, p, logits, n);
    }

    private void backward(int n, INDArray[] v) {
        // logits now holds d loss / d logits per example
        java.util.Arrays.fill(g, 0f);
        layout.denseBackward(logits, gap, p, g, dgap, 1f, n);
        // d z2 = d gap / (h1 w1) on every position, masked by ReLU
        int hw2 = h1 * w1;
        float inv = 1f / hw2;
        int r2 = n * hw2;
        float[][] partial = new float[1][c1 + c2];
        whole(n, (from, to, part) -> {
            for (int b = from; b < to; b++) {
                int go = b * c2;
                for (int pos = 0; pos < hw2; pos++) {
                    int zo = (b * hw2 + pos) * c2;
                    for (int ch = 0; ch < c2; ch++) {
                        dz2[zo + ch] = dgap[go + ch] * inv * reluMask(z2[zo + ch]);
                    }
                }
            }
            columnSums(dz2, from * hw2, to * hw2, c2, partial[part], c1);
        });
        Host.write(dz2, v[6], r2 * c2);
        Nd4j.gemm(v[3], v[6], dw2N, true, false, 1.0, 0.0);   // dW = cols2ᵀ · dz2
        Nd4j.gemm(v[6], w2N, v[4], false, true, 1.0, 0.0);    // dcols2 = dz2 · W2ᵀ
        Host.read(dw2N, dwm2, dwm2.length);
        unpackWeightGrad(dwm2, offW2, c1, c2);
        Host.read(v[4], dcols2, r2 * K * K * c1);

        // col2im, avg-pool 1 backward, ReLU mask
        int r1 = n * h0 * w0;
        whole(n, (from, to, part) -> {
            col2im(dcols2, from, to, h1, w1, c1, dpool1);
            for (int b = from; b < to; b++) {
                for (int yy = 0; yy < h0; yy++) {
                    for (int xx = 0; xx < w0; xx++) {
                        int zo = ((b * h0 + yy) * w0 + xx) * c1;
                        int po = ((b * h1 + yy / 2) * w1 + xx / 2) * c1;
                        for (int ch = 0; ch < c1; ch++) {
                            dz1[zo + ch] = 0.25f * dpool1[po + ch] * reluMask(z1[zo + ch]);
                        }
                    }
                }
            }
            columnSums(dz1, from * h0 * w0, to * h0 * w0, c1, partial[part], 0);
        });
        for (float[] s : partial) {
            for (int ch = 0; ch < c1; ch++) {
                g[offB1 + ch] += s[ch];
            }
            for (int ch = 0; ch < c2; ch++) {
                g[offB2 + ch] += s[c1 + ch];
            }
        }
        Host.write(dz1, v[2], r1 * c1);
        Nd4j.gemm(v[2], v[0], dw1N, true, true, 1.0, 0.0);   // dW [out, (c, ky, kx)] = dz1ᵀ · colsᵀ
        Host.read(dw1N, g, offW1, c1 * c0 * K * K);          // DL4J's layout already
    }

    /**
     * ReLU derivative from the activation a = max(z, 0) ≥ 0: exactly 1 for every a > 0 (even the
     * smallest subnormal: 2⁻¹⁴⁹·2¹⁰⁰·2⁴⁹ = 1; overflow gives +∞ → 1), 0 for a = 0, NaN for NaN.
     * Multiplications and a min, so the JIT vectorises the loops (a branch here does not).
     */
    static float reluMask(float a) {
        return Math.min(a * 0x1p100f * 0x1p49f, 1f);
    }

    /** Runs a loop body over all examples (the batch is split across threads one level up). */
    private static void whole(int n, Parallel.Chunk body) {
        body.run(0, n, 0);
    }

    /** DL4J's conv weights [out, in, ky, kx] ('c') → matrix [(ky, kx, in), out]. */
    private void packWeights(int off, int cin, int cout, float[] wm) {
        for (int o = 0; o < cout; o++) {
            for (int ci = 0; ci < cin; ci++) {
                for (int k = 0; k < K * K; k++) {
                    wm[(k * cin + ci) * cout + o] = p[off + (o * cin + ci) * K * K + k];
                }
            }
        }
    }

    private void unpackWeightGrad(float[] dwm, int off, int cin, int cout) {
        for (int o = 0; o < cout; o++) {
            for (int ci = 0; ci < cin; ci++) {
                for (int k = 0; k < K * K; k++) {
                    g[off + (o * cin + ci) * K * K + k] = dwm[(k * cin + ci) * cout + o];
                }
            }
        }
    }

    /**
     * Transposed im2col of an NCHW input for a 3×3 "same" convolution: row (c, ky, kx) of
     * {@code cols} [c·9, n·h·w] holds input[b, c, y+ky−1, x+kx−1] (0 outside) at column (b, y, x).
     */
    private static void shiftedRows(float[] in, int n, int c, int h, int w, float[] cols) {
        int r = n * h * w;
        for (int ch = 0; ch < c; ch++) {
            for (int ky = 0; ky < K; ky++) {
                for (int kx = 0; kx < K; kx++) {
                    int row = ((ch * K + ky) * K + kx) * r;
                    int dx = kx - 1;
                    for (int b = 0; b < n; b++) {
                        for (int yy = 0; yy < h; yy++) {
                            int dst = row + (b * h + yy) * w;
                            int sy = yy + ky - 1;
                            if (sy < 0 || sy >= h) {
                                java.util.Arrays.fill(cols, dst, dst + w, 0f);
                                continue;
                            }
                            int src = ((b * c + ch) * h + sy) * w;
                            if (dx < 0) {
                                cols[dst] = 0f;
                                System.arraycopy(in, src, cols, dst + 1, w - 1);
                            } else if (dx == 0) {
                                System.arraycopy(in, src, cols, dst, w);
                            } else {
                                System.arraycopy(in, src + 1, cols, dst, w - 1);
                                cols[dst + w - 1] = 0f;
                            }
                        }
                    }
                }
            }
        }
    }

    /** NHWC input [n, h, w, c] → rows (b, y, x), columns (ky, kx, c); zero padding 1 ("same"). */
    private static void im2col(float[] in, int from, int to, int h, int w, int c, float[] cols) {
        int rowLen = K * K * c;
        for (int b = from; b < to; b++) {
            for (int yy = 0; yy < h; yy++) {
                for (int xx = 0; xx < w; xx++) {
                    int ro = ((b * h + yy) * w + xx) * rowLen;
                    for (int ky = 0; ky < K; ky++) {
                        int sy = yy + ky - 1;
                        for (int kx = 0; kx < K; kx++) {
                            int sx = xx + kx - 1;
                            int co = ro + (ky * K + kx) * c;
                            if (sy < 0 || sy >= h || sx < 0 || sx >= w) {
                                for (int ch = 0; ch < c; ch++) {
                                    cols[co + ch] = 0f;
                                }
                            } else if (c < 8) {
                                int io = ((b * h + sy) * w + sx) * c;
                                for (int ch = 0; ch < c; ch++) {
                                    cols[co + ch] = in[io + ch];
                                }
                            } else {
                                System.arraycopy(in, ((b * h + sy) * w + sx) * c, cols, co, c);
                            }
                        }
                    }
                }
            }
        }
    }

    /** Adjoint of {@link #im2col}: scatter-adds column gradients into an NHWC gradient. */
    private static void col2im(float[] cols, int from, int to, int h, int w, int c, float[] out) {
        java.util.Arrays.fill(out, from * h * w * c, to * h * w * c, 0f);
        int rowLen = K * K * c;
        for (int b = from; b < to; b++) {
            for (int yy = 0; yy < h; yy++) {
                for (int xx = 0; xx < w; xx++) {
                    int ro = ((b * h + yy) * w + xx) * rowLen;
                    for (int ky = 0; ky < K; ky++) {
                        int sy = yy + ky - 1;
                        if (sy < 0 || sy >= h) {
                            continue;
                        }
                        for (int kx = 0; kx < K; kx++) {
                            int sx = xx + kx - 1;
                            if (sx < 0 || sx >= w) {
                                continue;
                            }
                            int co = ro + (ky * K + kx) * c;
                            int oo = ((b * h + sy) * w + sx) * c;
                            for (int ch = 0; ch < c; ch++) {
                                out[oo + ch] += cols[co + ch];
                            }
                        }
                    }
                }
            }
        }
    }

    /** Rows {@code [from, to)} of a [rows, c] matrix: add the bias, then ReLU, in place. */
    private static void biasRelu(float[] z, int from, int to, int c, float[] p, int offB) {
        float[] bias = java.util.Arrays.copyOfRange(p, offB, offB + c);
        for (int r = from; r < to; r++) {
            int o = r * c;
            for (int ch = 0; ch < c; ch++) {
                z[o + ch] = Math.max(z[o + ch] + bias[ch], 0f);
            }
        }
    }

    /** Adds the column sums of rows {@code [from, to)} of a [rows, c] matrix to {@code s[at..at+c)}. */
    private static void columnSums(float[] dz, int from, int to, int c, float[] s, int at) {
        float[] acc = new float[c];
        for (int r = from; r < to; r++) {
            int o = r * c;
            for (int ch = 0; ch < c; ch++) {
                acc[ch] += dz[o + ch];
            }
        }
        for (int ch = 0; ch < c; ch++) {
            s[at + ch] += acc[ch];
        }
    }

    private static void avgPool2(float[] in, int from, int to, int h, int w, int c, float[] out) {
        int ho = h / 2, wo = w / 2;
        for (int b = from; b < to; b++) {
            for (int yy = 0; yy < ho; yy++) {
                for (int xx = 0; xx < wo; xx++) {
                    int oo = ((b * ho + yy) * wo + xx) * c;
                    int i00 = ((b * h + 2 * yy) * w + 2 * xx) * c;
                    int i01 = i00 + c, i10 = i00 + w * c, i11 = i10 + c;
                    for (int ch = 0; ch < c; ch++) {
                        out[oo + ch] = 0.25f * (in[i00 + ch] + in[i01 + ch] + in[i10 + ch] + in[i11 + ch]);
                    }
                }
            }
        }
    }

    @Override
    public String name() {
        return "cnn-small-nhwc-gemm";
    }
}
