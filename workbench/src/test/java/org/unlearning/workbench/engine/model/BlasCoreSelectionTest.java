package org.unlearning.workbench.engine.model;

import org.junit.jupiter.api.Test;

import java.util.List;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

class BlasCoreSelectionTest {
    private static final String AVX512 = "flags : fpu sse avx avx2 fma avx512f avx512dq avx512cd avx512bw avx512vl";

    @Test
    void forcesAvx512KernelsOnlyOnAmdCpusWithTheNeededAvx512Subsets() {
        assertTrue(BlasCoreSelection.amdWithAvx512(List.of("vendor_id : AuthenticAMD", AVX512)));
        assertFalse(BlasCoreSelection.amdWithAvx512(List.of("vendor_id : GenuineIntel", AVX512)),
                "OpenBLAS recognises Intel's AVX-512 CPUs itself");
        assertFalse(BlasCoreSelection.amdWithAvx512(List.of("vendor_id : AuthenticAMD", "flags : fpu avx avx2 fma")),
                "Zen 2/3: AVX2 only");
        assertFalse(BlasCoreSelection.amdWithAvx512(List.of("vendor_id : AuthenticAMD", "flags : avx2 avx512f")),
                "partial AVX-512");
    }

    @Test
    void applyNeverThrowsAndIsIdempotent() {
        String first = BlasCoreSelection.apply();
        assertNotNull(first);
        assertTrue(first.equals(BlasCoreSelection.apply()));
        assertTrue(BlasCoreSelection.describe().equals(first));
    }
}
