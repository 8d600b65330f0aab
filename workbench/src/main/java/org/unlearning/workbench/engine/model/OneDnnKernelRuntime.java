package org.unlearning.workbench.engine.model;

import org.bytedeco.dnnl.const_dnnl_op_desc_t;
import org.bytedeco.dnnl.dnnl_engine;
import org.bytedeco.dnnl.dnnl_exec_arg_t;
import org.bytedeco.dnnl.dnnl_memory;
import org.bytedeco.dnnl.dnnl_memory_desc_t;
import org.bytedeco.dnnl.dnnl_post_ops;
import org.bytedeco.dnnl.dnnl_primitive;
import org.bytedeco.dnnl.dnnl_primitive_attr;
import org.bytedeco.dnnl.dnnl_primitive_desc;
import org.bytedeco.dnnl.dnnl_stream;
import org.bytedeco.dnnl.global.dnnl;
import org.bytedeco.javacpp.BytePointer;
import org.bytedeco.javacpp.Loader;
import org.bytedeco.javacpp.Pointer;
import org.bytedeco.javacpp.PointerPointer;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.nativeblas.NativeOpsHolder;

import java.lang.ref.Cleaner;
import java.util.ArrayList;
import java.util.List;

import static org.bytedeco.dnnl.global.dnnl.*;

/**
 * oneDNN (Intel's deep-learning primitives, {@code org.bytedeco:dnnl} 2.5.2 for JavaCPP 1.5.7, the
 * JavaCPP ND4J 1.0.0-M2.1 uses) for the engine's CPU kernels: loading, the CPU engine, and small
 * helpers around its C API. oneDNN shares ND4J's OpenMP runtime (the same {@code libgomp.so.1} is
 * loaded once), so {@link #singleThreaded()} pins the calling thread's OpenMP team to one thread the
 * way {@link ComputeSettings} does for ND4J.
 * <p>
 * Loading never throws: when the natives are missing or fail to load (another platform, a CUDA
 * build without them), {@link #unavailableReason()} says why and the kernels fall back to SGEMM.
 * {@code -Duw.onednn=off} switches oneDNN off (for comparison and as an escape hatch).
 */
final class OneDnnKernelRuntime {
    private static final Cleaner CLEANER = Cleaner.create();
    private static volatile Object state; // dnnl_engine, or a String reason

    private OneDnnKernelRuntime() {}

    /** The CPU engine, or null when oneDNN is off or unavailable. */
    static dnnl_engine engine() {
        Object s = load();
        return s instanceof dnnl_engine e ? e : null;
    }

    /** Why oneDNN is not used ("" when it is). */
    static String unavailableReason() {
        Object s = load();
        return s instanceof String r ? r : "";
    }

    /** "oneDNN 2.5.2 (isa avx512_core…)" or "oneDNN off: reason", for reports. */
    static String describe() {
        Object s = load();
        if (s instanceof String r) {
            return "oneDNN off: " + r;
        }
        var v = dnnl_version();
        return "oneDNN " + v.major() + "." + v.minor() + "." + v.patch();
    }

    private static Object load() {
        Object s = state;
        if (s != null) {
            return s;
        }
        synchronized (OneDnnKernelRuntime.class) {
            if (state == null) {
                state = tryLoad();
            }
            return state;
        }
    }

    private static Object tryLoad() {
        String flag = System.getProperty("uw.onednn", "auto").trim();
        if (flag.equalsIgnoreCase("off") || flag.equalsIgnoreCase("false")) {
            return "-Duw.onednn=" + flag;
        }
        if (!Backend.isCpu()) {
            return "not the CPU backend";
        }
        try {
            Nd4j.getBackend(); // ND4J's natives (and its OpenMP runtime) first: oneDNN then links to the same one
            Loader.load(dnnl.class);
            dnnl_engine e = new dnnl_engine();
            check(dnnl_engine_create(e, dnnl_cpu, 0), "engine");
            return e;
        } catch (Throwable t) { // UnsatisfiedLinkError, NoClassDefFoundError, ExceptionInInitializerError
            return t.getClass().getSimpleName() + ": " + String.valueOf(t.getMessage()).lines().findFirst().orElse("");
        }
    }

    /** Pins the calling thread's OpenMP team (ND4J's and oneDNN's runtime) to one thread. */
    static void singleThreaded() {
        NativeOpsHolder.getInstance().getDeviceNativeOps().setOmpNumThreads(1);
    }

    static void check(int status, String what) {
        if (status != dnnl_success) {
            throw new IllegalStateException("oneDNN " + what + " failed with status " + status);
        }
    }

    /** A raw address as a JavaCPP pointer (no deallocator, position 0). */
    static final class Address extends Pointer {
        Address(long address) {
            this.address = address;
        }
    }

    /** Address of element {@code at} of a contiguous float32 host array. */
    static long address(INDArray a, long at) {
        return a.data().addressPointer().address() + 4 * (a.offset() - a.data().offset() + at);
    }

    /**
     * Owns oneDNN objects created for one kernel and destroys them when the kernel becomes
     * unreachable (or on {@link #close()}). Not thread-safe: one per kernel thread.
     */
    static final class Scope implements AutoCloseable {
        private final List<Pointer> owned = new ArrayList<>();
        private final Cleaner.Cleanable cleanable;
        final dnnl_engine engine;
        final dnnl_stream stream;

        Scope(Object owner, dnnl_engine engine) {
            this.engine = engine;
            this.stream = new dnnl_stream();
            check(dnnl_stream_create(stream, engine, dnnl_stream_default_flags), "stream");
            List<Pointer> list = owned;
            dnnl_stream s = stream;
            this.cleanable = CLEANER.register(owner, () -> destroy(list, s));
        }

        private static void destroy(List<Pointer> list, dnnl_stream s) {
            for (int i = list.size() - 1; i >= 0; i--) {
                Pointer p = list.get(i);
                if (p instanceof dnnl_primitive x) {
                    dnnl_primitive_destroy(x);
                } else if (p instanceof dnnl_primitive_desc x) {
                    dnnl_primitive_desc_destroy(x);
                } else if (p instanceof dnnl_memory x) {
                    dnnl_memory_destroy(x);
                } else if (p instanceof dnnl_primitive_attr x) {
                    dnnl_primitive_attr_destroy(x);
                } else if (p instanceof dnnl_post_ops x) {
                    dnnl_post_ops_destroy(x);
                }
            }
            list.clear();
            dnnl_stream_destroy(s);
        }

        @Override
        public void close() {
            cleanable.clean();
        }

        /** A plain memory descriptor (f32) with dimensions in oneDNN's logical order and a format tag. */
        dnnl_memory_desc_t md(int tag, long... dims) {
            dnnl_memory_desc_t m = new dnnl_memory_desc_t();
            check(dnnl_memory_desc_init_by_tag(m, dims.length, dims, dnnl_f32, tag), "memory descriptor");
            return m;
        }

        /** Memory allocated by oneDNN for {@code md}. */
        dnnl_memory allocate(dnnl_memory_desc_t md) {
            dnnl_memory m = new dnnl_memory();
            check(dnnl_memory_create(m, md, engine, new Address(-1L)), "memory"); // DNNL_MEMORY_ALLOCATE
            owned.add(m);
            return m;
        }

        /** Memory whose data handle the caller sets before each use. */
        dnnl_memory external(dnnl_memory_desc_t md) {
            dnnl_memory m = new dnnl_memory();
            check(dnnl_memory_create(m, md, engine, null), "memory"); // DNNL_MEMORY_NONE
            owned.add(m);
            return m;
        }

        /** Data address of a memory object. */
        static long handle(dnnl_memory m) {
            PointerPointer<Pointer> h = new PointerPointer<>(1);
            check(dnnl_memory_get_data_handle(m, h), "data handle");
            return h.get(0).address();
        }

        static void setHandle(dnnl_memory m, long address) {
            check(dnnl_memory_set_data_handle(m, new Address(address)), "set data handle");
        }

        /** A ReLU post-op attribute (the convolution's activation fused into its output pass). */
        dnnl_primitive_attr reluAttr() {
            dnnl_post_ops po = new dnnl_post_ops();
            check(dnnl_post_ops_create(po), "post ops");
            owned.add(po);
            check(dnnl_post_ops_append_eltwise(po, 1f, dnnl_eltwise_relu, 0f, 0f), "relu post op");
            dnnl_primitive_attr a = new dnnl_primitive_attr();
            check(dnnl_primitive_attr_create(a), "attr");
            owned.add(a);
            check(dnnl_primitive_attr_set_post_ops(a, po), "set post ops");
            return a;
        }

        dnnl_primitive_desc pd(Pointer opDesc, dnnl_primitive_attr attr, dnnl_primitive_desc hint, String what) {
            dnnl_primitive_desc p = new dnnl_primitive_desc();
            check(dnnl_primitive_desc_create(p, new const_dnnl_op_desc_t(opDesc), attr, engine, hint), what);
            owned.add(p);
            return p;
        }

        dnnl_primitive_desc reorderPd(dnnl_memory_desc_t from, dnnl_memory_desc_t to) {
            dnnl_primitive_desc p = new dnnl_primitive_desc();
            check(dnnl_reorder_primitive_desc_create(p, from, engine, to, engine, null), "reorder");
            owned.add(p);
            return p;
        }

        /** Implementation name, e.g. {@code brgconv:avx512_core}; "ref" ones are slow reference code. */
        static String impl(dnnl_primitive_desc p) {
            PointerPointer<BytePointer> s = new PointerPointer<>(1);
            check(dnnl_primitive_desc_query(p, dnnl_query_impl_info_str, 0, s), "query");
            return s.getString(0);
        }

        static dnnl_memory_desc_t query(dnnl_primitive_desc p, int what) {
            return dnnl_primitive_desc_query_md(p, what, 0);
        }

        static boolean same(dnnl_memory_desc_t a, dnnl_memory_desc_t b) {
            return dnnl_memory_desc_equal(a, b) != 0;
        }

        /** A primitive with its execution arguments bound (pairs: DNNL_ARG_*, memory). */
        Op op(dnnl_primitive_desc pd, Object... argsAndMemories) {
            dnnl_primitive p = new dnnl_primitive();
            check(dnnl_primitive_create(p, pd), "primitive " + impl(pd));
            owned.add(p);
            int n = argsAndMemories.length / 2;
            dnnl_exec_arg_t args = new dnnl_exec_arg_t(n);
            for (int i = 0; i < n; i++) {
                args.position(i).arg((Integer) argsAndMemories[2 * i]).memory((dnnl_memory) argsAndMemories[2 * i + 1]);
            }
            args.position(0);
            return new Op(p, args, n, stream, impl(pd));
        }
    }

    /** A primitive ready to run on its scope's stream. */
    record Op(dnnl_primitive primitive, dnnl_exec_arg_t args, int nArgs, dnnl_stream stream, String impl) {
        void run() {
            check(dnnl_primitive_execute(primitive, stream, nArgs, args), impl);
        }
    }
}
