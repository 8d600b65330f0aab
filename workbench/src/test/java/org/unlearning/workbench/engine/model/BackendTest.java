package org.unlearning.workbench.engine.model;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.net.URL;
import java.net.URLClassLoader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Collections;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The workbench's backend choice: what it says, and the class loader that hides the other backend. */
class BackendTest {

    @Test
    void selectsABackendOnceAndSaysWhy() {
        BackendChoice c = Backend.select();
        assertEquals(c, Backend.choice(), "chosen once");
        assertEquals(c.isCuda(), !Backend.isCpu(), "ND4J loaded the backend the workbench chose");
        assertEquals(c.label(), c.describe().get("backend"));
        if (!c.cudaInBuild()) { // the default build
            assertEquals(BackendChoice.CPU, c.backend());
            assertEquals("ND4J backend: CPU — this build carries only the CPU backend (mvn -Pcuda package adds CUDA)",
                    c.line());
            assertEquals("ND4J CPU (CPU-only build)", c.statusText());
            assertTrue(c.provenance().startsWith("ND4J 1.0.0-M2.1 CPU (this build carries only the CPU backend"),
                    c.provenance());
        } else if (!c.isCuda()) { // -Pcuda on a machine where CUDA does not work
            assertTrue(c.line().startsWith("ND4J backend: CPU — CUDA unusable here: "), c.line());
            assertEquals("11.6", c.cudaVersion());
        } else {
            assertTrue(c.line().startsWith("ND4J backend: CUDA 11.6 — the CUDA probe found "), c.line());
        }
    }

    @Test
    void aCudaChoiceNamesTheDevice() {
        String gpu = "Fake GPU 3000 (compute capability 8.6, 24.0 GB, driver for CUDA 12.4)";
        BackendChoice c = new BackendChoice(BackendChoice.CUDA, "the CUDA probe found " + gpu, gpu, true, "11.6");
        assertEquals("ND4J backend: CUDA 11.6 — the CUDA probe found " + gpu, c.line());
        assertEquals("ND4J CUDA 11.6 · " + gpu, c.statusText());
        assertTrue(c.provenance().endsWith("CUDA 11.6 (" + gpu + ")"), c.provenance());
        BackendChoice cpu = new BackendChoice(BackendChoice.CPU, "CUDA unusable here: no NVIDIA driver (libcuda.so.1 not found)",
                null, true, "11.6");
        assertEquals("ND4J CPU · CUDA unusable here: no NVIDIA driver (libcuda.so.1 not found)", cpu.statusText());
    }

    @Test
    void anUnknownRequestIsBadInput() {
        String before = System.getProperty("uw.backend");
        try {
            System.setProperty("uw.backend", "gpu");
            assertEquals("-Duw.backend=gpu is not a backend: use auto, cpu or cuda", Backend.invalidRequest());
            assertEquals("auto", Backend.requested());
            System.setProperty("uw.backend", "CPU");
            assertNull(Backend.invalidRequest());
            assertEquals("cpu", Backend.requested());
        } finally {
            if (before == null) {
                System.clearProperty("uw.backend");
            } else {
                System.setProperty("uw.backend", before);
            }
        }
    }

    @Test
    void theCudaVersionComesFromTheBackendsJarName() {
        assertEquals("11.6", Backend.cudaVersion(
                "jar:file:/x/lib/nd4j-cuda-11.6-1.0.0-M2.1.jar!/org/nd4j/linalg/jcublas/JCublasBackend.class"));
        assertNull(Backend.cudaVersion("file:/x/classes/org/nd4j/linalg/jcublas/JCublasBackend.class"));
    }

    @Test
    void theHidingLoaderHidesOnlyTheOtherBackendsServiceRegistrations(@TempDir Path dir) throws Exception {
        String service = "META-INF/services/org.nd4j.linalg.factory.Nd4jBackend";
        Path cpu = dir.resolve("cpu");
        Path cuda = dir.resolve("cuda");
        for (Path jar : List.of(cpu, cuda)) {
            Files.createDirectories(jar.resolve("META-INF/services"));
            Files.writeString(jar.resolve(service), jar.getFileName() + "Backend\n");
            Files.writeString(jar.resolve("readme.txt"), "x");
        }
        try (URLClassLoader parent = new URLClassLoader(new URL[] {cpu.toUri().toURL(), cuda.toUri().toURL()}, null)) {
            ClassLoader hiding = new Backend.HidingServices(parent, cuda.toUri().toURL().toString());
            List<URL> services = Collections.list(hiding.getResources(service));
            assertEquals(List.of(cpu.resolve(service).toUri().toURL()), services);
            assertEquals(2, Collections.list(hiding.getResources("readme.txt")).size(), "other resources untouched");
            assertEquals(String.class, hiding.loadClass("java.lang.String"), "classes come from the parent");
        }
    }
}
