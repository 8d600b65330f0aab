package org.unlearning.workbench.engine.model;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;

import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * The CUDA probe: its reading of the child's answer, the real child on this machine, and (with gcc)
 * every path up to ND4J's own check against a stand-in driver ({@code cuda-probe/fakecuda.c}).
 */
class CudaProbeTest {
    private static final Duration TIMEOUT = Duration.ofSeconds(60);

    @Test
    void readsTheChildsAnswer() {
        CudaProbe.Report r = CudaProbe.interpret(0, """
                driver_cuda=12.4
                device=Fake GPU 3000
                compute_capability=8.6
                memory_bytes=24000000000
                usable=true
                """, "");
        assertTrue(r.usable());
        assertEquals("Fake GPU 3000 (compute capability 8.6, 24.0 GB, driver for CUDA 12.4)", r.device());
        CudaProbe.Report no = CudaProbe.interpret(0, "reason=no NVIDIA driver (libcuda.so.1 not found)\nusable=false\n", "");
        assertFalse(no.usable());
        assertEquals("no NVIDIA driver (libcuda.so.1 not found)", no.reason());
        assertEquals(null, no.device());
    }

    @Test
    void aCrashOrAMissingAnswerIsNotUsable() {
        CudaProbe.Report crash = CudaProbe.interpret(134, "driver_cuda=12.4\n", "some noise\nSIGABRT in cuInit\n");
        assertFalse(crash.usable());
        assertEquals("the CUDA probe crashed (exit status 134, signal 6: SIGABRT in cuInit)", crash.reason());
        assertFalse(CudaProbe.interpret(0, "driver_cuda=12.4\n", "").usable(), "no usable= line");
        assertFalse(CudaProbe.interpret(1, "usable=true\n", "").usable(), "non-zero exit");
    }

    @Test
    void cudaVersionNumbers() {
        assertEquals("11.6", CudaProbe.version(11060));
        assertEquals("12.4", CudaProbe.version(12040));
        assertEquals("10.2", CudaProbe.version(10020));
    }

    @Test
    void theChildAnswersOnThisMachine() {
        CudaProbe.Report r = CudaProbe.run(TIMEOUT);
        // the default build carries no CUDA bindings, so whatever the machine the answer is "not
        // usable" — with the first missing piece as the reason, and without crashing
        assertFalse(r.usable());
        assertFalse(r.reason().contains("crashed") || r.reason().contains("did not answer"), r.reason());
        if (!Files.exists(Path.of("/dev/nvidiactl"))) {
            assertTrue(r.reason().contains("libcuda.so.1") || r.reason().contains("driver"), r.reason());
        }
    }

    /** The probe's paths against a stand-in driver built with gcc (skipped where gcc is missing). */
    @Nested
    @TestInstance(TestInstance.Lifecycle.PER_CLASS)
    class WithAStandInDriver {
        private Path driverDir;
        private Path runtimeDir;

        @BeforeAll
        void build(@TempDir Path dir) throws Exception {
            assumeTrue(gccAvailable(), "gcc builds the stand-in driver");
            Path src = dir.resolve("fakecuda.c");
            try (InputStream in = CudaProbeTest.class.getResourceAsStream("/cuda-probe/fakecuda.c")) {
                Files.copy(in, src);
            }
            driverDir = Files.createDirectories(dir.resolve("driver"));
            runtimeDir = Files.createDirectories(dir.resolve("runtime"));
            gcc(src, driverDir.resolve("libcuda.so.1"));
            for (String lib : CudaProbe.RUNTIME_LIBRARIES) {
                gcc(src, runtimeDir.resolve(lib));
            }
        }

        private CudaProbe.Report probe(String mode, boolean runtime, Duration timeout) {
            String path = driverDir + (runtime ? ":" + runtimeDir : "");
            return CudaProbe.run(timeout, Map.of("UW_FAKE_CUDA", mode, "LD_LIBRARY_PATH", path));
        }

        @Test
        void aDriverWithoutDevice() {
            CudaProbe.Report r = probe("no-device", false, TIMEOUT);
            assertFalse(r.usable());
            assertEquals("the NVIDIA driver is installed but cuInit failed: CUDA_ERROR_NO_DEVICE (100) "
                    + "(no CUDA-capable device)", r.reason());
        }

        @Test
        void aDriverTooOldForCuda11() {
            CudaProbe.Report r = probe("old-driver", false, TIMEOUT);
            assertFalse(r.usable());
            assertTrue(r.reason().startsWith("the NVIDIA driver supports CUDA 10.2 only"), r.reason());
        }

        @Test
        void aGpuWithoutTheCuda11Runtime() {
            CudaProbe.Report r = probe("ok", false, TIMEOUT);
            assertFalse(r.usable());
            assertTrue(r.reason().startsWith("the CUDA 11 runtime library libcudart.so.11.0 was not found"), r.reason());
            assertEquals("Fake GPU 3000 (compute capability 8.6, 24.0 GB, driver for CUDA 12.4)", r.device());
        }

        @Test
        void driverAndRuntimeFoundThenNd4jsOwnCheck() {
            CudaProbe.Report r = probe("ok", true, TIMEOUT);
            assertFalse(r.usable());
            if (CudaProbeTest.class.getClassLoader().getResource("org/bytedeco/cuda/global/cudart.class") == null) {
                assertTrue(r.reason().startsWith("this build carries no CUDA bindings"), r.reason());
                assertEquals("11.6", r.details().get("runtime_cuda"));
            } else { // -Pcuda: JavaCPP's cudart bindings miss their symbols in the stand-in, and the
                     // dynamic linker aborts the child
                assertTrue(r.reason().startsWith("the CUDA probe crashed"), r.reason());
            }
        }

        @Test
        void aCrashingDriverCannotTakeTheWorkbenchDown() {
            CudaProbe.Report r = probe("abort", false, TIMEOUT);
            assertFalse(r.usable());
            assertTrue(r.reason().startsWith("the CUDA probe crashed (exit status 134, signal 6"), r.reason());
        }

        @Test
        void aHungDriverIsGivenUpOn() {
            long t0 = System.nanoTime();
            CudaProbe.Report r = probe("hang", false, Duration.ofSeconds(2));
            assertFalse(r.usable());
            assertEquals("the CUDA probe did not answer within 2 s (driver hung?)", r.reason());
            assertTrue(System.nanoTime() - t0 < TimeUnit.SECONDS.toNanos(30));
        }
    }

    private static boolean gccAvailable() {
        try {
            return new ProcessBuilder("gcc", "--version").redirectErrorStream(true)
                    .redirectOutput(ProcessBuilder.Redirect.DISCARD).start().waitFor() == 0;
        } catch (Exception e) {
            return false;
        }
    }

    private static void gcc(Path src, Path out) throws Exception {
        Process p = new ProcessBuilder(List.of("gcc", "-shared", "-fPIC", "-o", out.toString(), src.toString()))
                .redirectErrorStream(true).start();
        String log = new String(p.getInputStream().readAllBytes());
        assertEquals(0, p.waitFor(), log);
    }
}
