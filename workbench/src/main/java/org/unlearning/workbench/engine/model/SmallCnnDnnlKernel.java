package org.unlearning.workbench.engine.model;

import org.bytedeco.dnnl.dnnl_convolution_desc_t;
import org.bytedeco.dnnl.dnnl_eltwise_desc_t;
import org.bytedeco.dnnl.dnnl_memory;
import org.bytedeco.dnnl.dnnl_memory_desc_t;
import org.bytedeco.dnnl.dnnl_pooling_desc_t;
import org.bytedeco.dnnl.dnnl_primitive_attr;
import org.bytedeco.dnnl.dnnl_primitive_desc;
import org.bytedeco.javacpp.FloatPointer;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import static org.bytedeco.dnnl.global.dnnl.*;

/**
 * {@code cnn-small}'s forward/backward pass ({@link SmallCnnKernelLayout}) on oneDNN primitives in
 * native memory: direct convolutions (AVX-512/AVX2 JIT code chosen by oneDNN for the CPU) with the
 * bias and ReLU fused into the forward pass, average pooling, the global mean as a pooling over
 * the whole map and ReLU backward from the kept activations; the tiny dense head and the softmax
 * cross-entropy in Java. No heap copies of activations and no im2col: the input is read where
 * ND4J keeps it, the weights are reordered from DL4J's flat parameters into oneDNN's preferred
 * layout (a few thousand floats), and the gradients are written straight into DL4J's flat gradient
 * layout. Computes exactly what {@link MultiLayerNetwork#computeGradientAndScore()} computes for
 * that network (float32 rounding aside), checked against DL4J by the model's tests.
 * <p>
 * Why: with im2col + SGEMM ({@link SmallCnnKernel}) about 45 % of a step went to memory-bound
 * passes over im2col matrices nine times the size of the activations and heap↔native copies;
 * oneDNN's direct convolutions need neither.
 * <p>
 * CPU backend, float32, oneDNN loaded ({@link OneDnnKernelRuntime}); single-threaded (one OpenMP
 * thread) and not thread-safe: {@link DataParallelKernel} runs one instance per thread.
 */
final class SmallCnnDnnlKernel implements GradientKernel {
    private static final int MAX_PLANS = 3;

    private final MultiLayerNetwork net;
    private final SmallCnnKernelLayout l;
    private final float[] p;      // heap copy of the parameters (the dense head reads it)
    private final float[] gDense; // dense-head gradient in DL4J's flat layout (other entries unused)
    private final Map<Integer, Plan> plans = new LinkedHashMap<>(4, 0.75f, true);
    private Thread pinned;
    private float[] gap, dgap, logits, y;

    private SmallCnnDnnlKernel(MultiLayerNetwork net, SmallCnnKernelLayout l) {
        this.net = net;
        this.l = l;
        this.p = new float[l.nParams()];
        this.gDense = new float[l.nParams()];
    }

    /**
     * A kernel for {@code net} if it is exactly cnn-small ({@link SmallCnnKernelLayout#of}) and
     * oneDNN is available and gives optimised (non-reference) primitives for it, else null.
     */
    static SmallCnnDnnlKernel tryCreate(MultiLayerNetwork net, int channels, int height, int width) {
        SmallCnnKernelLayout l = SmallCnnKernelLayout.of(net, channels, height, width);
        if (l == null || OneDnnKernelRuntime.engine() == null) {
            return null;
        }
        SmallCnnDnnlKernel k = new SmallCnnDnnlKernel(net, l);
        try {
            Plan probe = k.plan(2);
            if (probe.usesReferenceCode()) {
                return null; // oneDNN's reference loops are slower than the SGEMM kernel
            }
        } catch (RuntimeException e) { // a primitive oneDNN cannot create here: SGEMM kernel instead
            return null;
        }
        return k;
    }

    /** Implementations oneDNN chose for a batch of {@code n}, e.g. "conv1 brgconv:avx512_core, …". */
    String implementations(int n) {
        return plan(n).implementations();
    }

    @Override
    public double sumGradient(INDArray features, INDArray labels, INDArray gradFlat) {
        if (!Host.isContiguousFloat(gradFlat) || gradFlat.length() != l.nParams()) {
            throw new IllegalArgumentException("gradient must be a contiguous float32 vector of " + l.nParams());
        }
        int n = (int) features.size(0);
        Plan pl = start(features, n);
        pl.forward();
        int classes = l.classes();
        pl.gapOut.get(gap, 0, n * l.c2());
        l.denseForward(gap, p, logits, n);
        Host.read(labels, y, n * classes);
        double loss = 0;
        for (int b = 0; b < n; b++) {
            int o = b * classes;
            loss += SoftmaxCrossEntropy.apply(logits, o, classes, y, false);
            for (int k = 0; k < classes; k++) {
                logits[o + k] -= y[o + k]; // d loss / d logits, summed over the batch by the backward pass
            }
        }
        java.util.Arrays.fill(gDense, l.offWd(), l.offWd() + l.c2() * l.classes(), 0f);
        java.util.Arrays.fill(gDense, l.offBd(), l.offBd() + classes, 0f);
        l.denseBackward(logits, gap, p, gDense, dgap, 1f, n);
        pl.dgapIn.put(dgap, 0, n * l.c2());
        pl.backward(gradFlat);
        Host.write(java.util.Arrays.copyOfRange(gDense, l.offWd(), l.offWd() + l.c2() * classes), gradFlat, l.offWd(),
                l.c2() * classes);
        Host.write(java.util.Arrays.copyOfRange(gDense, l.offBd(), l.offBd() + classes), gradFlat, l.offBd(), classes);
        return loss / n;
    }

    @Override
    public INDArray output(INDArray features) {
        int n = (int) features.size(0);
        Plan pl = start(features, n);
        pl.forward();
        pl.gapOut.get(gap, 0, n * l.c2());
        l.denseForward(gap, p, logits, n);
        for (int b = 0; b < n; b++) {
            SoftmaxCrossEntropy.apply(logits, b * l.classes(), l.classes(), null, false);
        }
        return Nd4j.create(java.util.Arrays.copyOf(logits, n * l.classes()), new long[] {n, l.classes()}, DataType.FLOAT);
    }

    @Override
    public String name() {
        return "cnn-small-onednn";
    }

    /** Plan for {@code n}, input and parameters bound, heap scratch sized. */
    private Plan start(INDArray features, int n) {
        if (pinned != Thread.currentThread()) {
            OneDnnKernelRuntime.singleThreaded();
            pinned = Thread.currentThread();
        }
        Plan pl = plan(n);
        INDArray x = Host.isContiguousFloat(features) ? features : features.castTo(DataType.FLOAT).dup('c');
        if (gap == null || gap.length < n * l.c2()) {
            gap = new float[n * l.c2()];
            dgap = new float[n * l.c2()];
            logits = new float[n * l.classes()];
            y = new float[n * l.classes()];
        }
        INDArray params = net.params();
        Host.read(params, p, l.nParams());
        pl.bindInput(x, params);
        return pl;
    }

    private Plan plan(int n) {
        Plan pl = plans.get(n);
        if (pl == null) {
            if (plans.size() >= MAX_PLANS) {
                var eldest = plans.entrySet().iterator().next();
                eldest.getValue().scope.close();
                plans.remove(eldest.getKey());
            }
            pl = new Plan(n);
            plans.put(n, pl);
        }
        return pl;
    }

    /** The primitives and buffers for one batch size. */
    private final class Plan {
        final OneDnnKernelRuntime.Scope scope;
        final List<OneDnnKernelRuntime.Op> forwardOps = new ArrayList<>();
        final List<OneDnnKernelRuntime.Op> backwardOps = new ArrayList<>();
        final List<String> impls = new ArrayList<>();
        final dnnl_memory x0, w1User, b1, w2User, b2, dw1User, db1, dw2User, db2;
        final FloatPointer gapOut, dgapIn;

        Plan(int n) {
            var s = scope = new OneDnnKernelRuntime.Scope(this, OneDnnKernelRuntime.engine());
            int c0 = l.c0(), c1 = l.c1(), c2 = l.c2(), h0 = l.h0(), w0 = l.w0(), h1 = l.h1(), wd1 = l.w1();
            int k = SmallCnnKernelLayout.K;
            long[] one = {1, 1}, pad = {1, 1}, none = {0, 0};
            // descriptors: DL4J's NCHW input and OIHW weights, NHWC activations
            dnnl_memory_desc_t inputMd = s.md(dnnl_nchw, n, c0, h0, w0);
            dnnl_memory_desc_t x0md = s.md(dnnl_nhwc, n, c0, h0, w0); // == NCHW for one channel
            dnnl_memory_desc_t z1md = s.md(dnnl_nhwc, n, c1, h0, w0);
            dnnl_memory_desc_t p1md = s.md(dnnl_nhwc, n, c1, h1, wd1);
            dnnl_memory_desc_t z2md = s.md(dnnl_nhwc, n, c2, h1, wd1);
            dnnl_memory_desc_t gapmd = s.md(dnnl_nhwc, n, c2, 1, 1);
            dnnl_memory_desc_t w1md = s.md(dnnl_oihw, c1, c0, k, k), b1md = s.md(dnnl_x, c1);
            dnnl_memory_desc_t w2md = s.md(dnnl_oihw, c2, c1, k, k), b2md = s.md(dnnl_x, c2);
            dnnl_memory_desc_t anyW1 = s.md(dnnl_format_tag_any, c1, c0, k, k);
            dnnl_memory_desc_t anyW2 = s.md(dnnl_format_tag_any, c2, c1, k, k);
            dnnl_primitive_attr relu = s.reluAttr();

            dnnl_convolution_desc_t d;
            d = new dnnl_convolution_desc_t();
            OneDnnKernelRuntime.check(dnnl_convolution_forward_desc_init(d, dnnl_forward_training, dnnl_convolution_direct,
                    x0md, anyW1, b1md, z1md, one, pad, pad), "conv1");
            dnnl_primitive_desc conv1 = s.pd(d, relu, null, "conv1");
            d = new dnnl_convolution_desc_t();
            OneDnnKernelRuntime.check(dnnl_convolution_forward_desc_init(d, dnnl_forward_training, dnnl_convolution_direct,
                    p1md, anyW2, b2md, z2md, one, pad, pad), "conv2");
            dnnl_primitive_desc conv2 = s.pd(d, relu, null, "conv2");
            d = new dnnl_convolution_desc_t();
            OneDnnKernelRuntime.check(dnnl_convolution_backward_data_desc_init(d, dnnl_convolution_direct,
                    p1md, anyW2, z2md, one, pad, pad), "conv2 backward data");
            dnnl_primitive_desc conv2Data = s.pd(d, null, conv2, "conv2 backward data");
            d = new dnnl_convolution_desc_t();
            OneDnnKernelRuntime.check(dnnl_convolution_backward_weights_desc_init(d, dnnl_convolution_direct,
                    p1md, anyW2, b2md, z2md, one, pad, pad), "conv2 backward weights");
            dnnl_primitive_desc conv2Weights = s.pd(d, null, conv2, "conv2 backward weights");
            d = new dnnl_convolution_desc_t();
            OneDnnKernelRuntime.check(dnnl_convolution_backward_weights_desc_init(d, dnnl_convolution_direct,
                    x0md, anyW1, b1md, z1md, one, pad, pad), "conv1 backward weights");
            dnnl_primitive_desc conv1Weights = s.pd(d, null, conv1, "conv1 backward weights");

            dnnl_pooling_desc_t pd;
            pd = new dnnl_pooling_desc_t();
            OneDnnKernelRuntime.check(dnnl_pooling_forward_desc_init(pd, dnnl_forward_training, dnnl_pooling_avg_exclude_padding,
                    z1md, p1md, new long[] {2, 2}, new long[] {2, 2}, none, none), "pool1");
            dnnl_primitive_desc pool1 = s.pd(pd, null, null, "pool1");
            pd = new dnnl_pooling_desc_t();
            OneDnnKernelRuntime.check(dnnl_pooling_backward_desc_init(pd, dnnl_pooling_avg_exclude_padding,
                    z1md, p1md, new long[] {2, 2}, new long[] {2, 2}, none, none), "pool1 backward");
            dnnl_primitive_desc pool1Back = s.pd(pd, null, pool1, "pool1 backward");
            // avg-pool 2 then the global mean == the mean over all positions (h1, w1 even)
            long[] whole = {h1, wd1};
            pd = new dnnl_pooling_desc_t();
            OneDnnKernelRuntime.check(dnnl_pooling_forward_desc_init(pd, dnnl_forward_training, dnnl_pooling_avg_exclude_padding,
                    z2md, gapmd, whole, whole, none, none), "global mean");
            dnnl_primitive_desc mean = s.pd(pd, null, null, "global mean");
            pd = new dnnl_pooling_desc_t();
            OneDnnKernelRuntime.check(dnnl_pooling_backward_desc_init(pd, dnnl_pooling_avg_exclude_padding,
                    z2md, gapmd, whole, whole, none, none), "global mean backward");
            dnnl_primitive_desc meanBack = s.pd(pd, null, mean, "global mean backward");
            dnnl_primitive_desc relu1Back = reluBackward(s, z1md), relu2Back = reluBackward(s, z2md);

            // memories: DL4J's arrays bound per call, activations owned here
            x0 = s.external(inputMd);
            dnnl_memory x0nhwc = x0;
            if (c0 > 1) { // oneDNN's convolutions want NHWC (NCHW input: reference code)
                x0nhwc = s.allocate(x0md);
                add(forwardOps, "input reorder", s.op(s.reorderPd(inputMd, x0md), DNNL_ARG_FROM, x0, DNNL_ARG_TO, x0nhwc));
            }
            w1User = s.external(w1md);
            b1 = s.external(b1md);
            w2User = s.external(w2md);
            b2 = s.external(b2md);
            dw1User = s.external(w1md);
            db1 = s.external(b1md);
            dw2User = s.external(w2md);
            db2 = s.external(b2md);
            dnnl_memory z1 = s.allocate(z1md), p1 = s.allocate(p1md), z2 = s.allocate(z2md), gap = s.allocate(gapmd);
            dnnl_memory dz1 = s.allocate(z1md), dp1 = s.allocate(p1md), dz2 = s.allocate(z2md), dgap = s.allocate(gapmd);
            gapOut = new FloatPointer(new OneDnnKernelRuntime.Address(OneDnnKernelRuntime.Scope.handle(gap)));
            dgapIn = new FloatPointer(new OneDnnKernelRuntime.Address(OneDnnKernelRuntime.Scope.handle(dgap)));

            dnnl_memory w1 = weights(conv1, w1md, w1User, forwardOps);
            dnnl_memory w2 = weights(conv2, w2md, w2User, forwardOps);
            dnnl_memory w2d = OneDnnKernelRuntime.Scope.same(OneDnnKernelRuntime.Scope.query(conv2Data, dnnl_query_weights_md),
                    OneDnnKernelRuntime.Scope.query(conv2, dnnl_query_weights_md)) ? w2
                    : weights(conv2Data, w2md, w2User, backwardOps);

            add(forwardOps, "conv1", s.op(conv1, DNNL_ARG_SRC, x0nhwc, DNNL_ARG_WEIGHTS, w1, DNNL_ARG_BIAS, b1, DNNL_ARG_DST, z1));
            add(forwardOps, "pool1", s.op(pool1, DNNL_ARG_SRC, z1, DNNL_ARG_DST, p1));
            add(forwardOps, "conv2", s.op(conv2, DNNL_ARG_SRC, p1, DNNL_ARG_WEIGHTS, w2, DNNL_ARG_BIAS, b2, DNNL_ARG_DST, z2));
            add(forwardOps, "mean", s.op(mean, DNNL_ARG_SRC, z2, DNNL_ARG_DST, gap));

            add(backwardOps, "mean backward", s.op(meanBack, DNNL_ARG_DIFF_DST, dgap, DNNL_ARG_DIFF_SRC, dz2));
            add(backwardOps, "relu2 backward", s.op(relu2Back, DNNL_ARG_DST, z2, DNNL_ARG_DIFF_DST, dz2, DNNL_ARG_DIFF_SRC, dz2));
            weightGradient("conv2", conv2Weights, p1, dz2, w2md, dw2User, db2);
            add(backwardOps, "conv2 data", s.op(conv2Data, DNNL_ARG_DIFF_DST, dz2, DNNL_ARG_WEIGHTS, w2d, DNNL_ARG_DIFF_SRC, dp1));
            add(backwardOps, "pool1 backward", s.op(pool1Back, DNNL_ARG_DIFF_DST, dp1, DNNL_ARG_DIFF_SRC, dz1));
            add(backwardOps, "relu1 backward", s.op(relu1Back, DNNL_ARG_DST, z1, DNNL_ARG_DIFF_DST, dz1, DNNL_ARG_DIFF_SRC, dz1));
            weightGradient("conv1", conv1Weights, x0nhwc, dz1, w1md, dw1User, db1);
        }

        private void add(List<OneDnnKernelRuntime.Op> ops, String what, OneDnnKernelRuntime.Op op) {
            ops.add(op);
            impls.add(what + " " + op.impl());
        }

        /** ReLU backward from the kept activation (dst): passes the gradient where dst > 0. */
        private dnnl_primitive_desc reluBackward(OneDnnKernelRuntime.Scope s, dnnl_memory_desc_t md) {
            dnnl_eltwise_desc_t fwd = new dnnl_eltwise_desc_t();
            OneDnnKernelRuntime.check(dnnl_eltwise_forward_desc_init(fwd, dnnl_forward_training,
                    dnnl_eltwise_relu_use_dst_for_bwd, md, 0f, 0f), "relu");
            dnnl_primitive_desc hint = s.pd(fwd, null, null, "relu");
            dnnl_eltwise_desc_t bwd = new dnnl_eltwise_desc_t();
            OneDnnKernelRuntime.check(dnnl_eltwise_backward_desc_init(bwd, dnnl_eltwise_relu_use_dst_for_bwd, md, md, 0f, 0f),
                    "relu backward");
            return s.pd(bwd, null, hint, "relu backward");
        }

        /** The weights in the primitive's preferred layout: DL4J's own, or a reorder of them run first. */
        private dnnl_memory weights(dnnl_primitive_desc pd, dnnl_memory_desc_t userMd, dnnl_memory user,
                                    List<OneDnnKernelRuntime.Op> ops) {
            dnnl_memory_desc_t want = OneDnnKernelRuntime.Scope.query(pd, dnnl_query_weights_md);
            if (OneDnnKernelRuntime.Scope.same(want, userMd)) {
                return user;
            }
            dnnl_memory m = scope.allocate(want);
            add(ops, "weights reorder", scope.op(scope.reorderPd(userMd, want), DNNL_ARG_FROM, user, DNNL_ARG_TO, m));
            return m;
        }

        /**
         * Weight and bias gradients of a convolution, written into DL4J's gradient: directly when
         * oneDNN's preferred layout is DL4J's, else into a buffer reordered into it.
         */
        private void weightGradient(String conv, dnnl_primitive_desc pd, dnnl_memory src, dnnl_memory diffDst,
                                    dnnl_memory_desc_t userMd, dnnl_memory user, dnnl_memory bias) {
            dnnl_memory_desc_t want = OneDnnKernelRuntime.Scope.query(pd, dnnl_query_diff_weights_md);
            boolean direct = OneDnnKernelRuntime.Scope.same(want, userMd);
            dnnl_memory dw = direct ? user : scope.allocate(want);
            add(backwardOps, conv + " weights", scope.op(pd, DNNL_ARG_SRC, src, DNNL_ARG_DIFF_DST, diffDst,
                    DNNL_ARG_DIFF_WEIGHTS, dw, DNNL_ARG_DIFF_BIAS, bias));
            if (!direct) {
                add(backwardOps, conv + " dW reorder", scope.op(scope.reorderPd(want, userMd), DNNL_ARG_FROM, dw, DNNL_ARG_TO, user));
            }
        }

        boolean usesReferenceCode() {
            return impls.stream().anyMatch(s -> s.contains("ref:") || s.contains("ref_"));
        }

        String implementations() {
            return String.join(", ", impls);
        }

        void bindInput(INDArray x, INDArray params) {
            OneDnnKernelRuntime.Scope.setHandle(x0, OneDnnKernelRuntime.address(x, 0));
            OneDnnKernelRuntime.Scope.setHandle(w1User, OneDnnKernelRuntime.address(params, l.offW1()));
            OneDnnKernelRuntime.Scope.setHandle(b1, OneDnnKernelRuntime.address(params, l.offB1()));
            OneDnnKernelRuntime.Scope.setHandle(w2User, OneDnnKernelRuntime.address(params, l.offW2()));
            OneDnnKernelRuntime.Scope.setHandle(b2, OneDnnKernelRuntime.address(params, l.offB2()));
        }

        void forward() {
            for (var op : forwardOps) {
                op.run();
            }
        }

        void backward(INDArray grad) {
            OneDnnKernelRuntime.Scope.setHandle(dw1User, OneDnnKernelRuntime.address(grad, l.offW1()));
            OneDnnKernelRuntime.Scope.setHandle(db1, OneDnnKernelRuntime.address(grad, l.offB1()));
            OneDnnKernelRuntime.Scope.setHandle(dw2User, OneDnnKernelRuntime.address(grad, l.offW2()));
            OneDnnKernelRuntime.Scope.setHandle(db2, OneDnnKernelRuntime.address(grad, l.offB2()));
            for (var op : backwardOps) {
                op.run();
            }
        }
    }
}
