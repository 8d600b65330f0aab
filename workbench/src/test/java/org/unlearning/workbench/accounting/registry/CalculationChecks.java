package org.unlearning.workbench.accounting.registry;

import org.unlearning.workbench.accounting.method.Calculation;
import org.unlearning.workbench.accounting.method.Curve;

import java.lang.reflect.RecordComponent;
import java.util.Collection;

import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

/** Walks a result record tree and fails on any NaN or infinity. */
final class CalculationChecks {
    private CalculationChecks() {}

    static void assertAllFinite(Object o, String path) {
        if (o == null) {
            return;
        }
        if (o instanceof Double d) {
            assertTrue(Double.isFinite(d), path + " = " + d);
        } else if (o instanceof double[] a) {
            for (int i = 0; i < a.length; i++) {
                assertTrue(Double.isFinite(a[i]), path + "[" + i + "] = " + a[i]);
            }
        } else if (o instanceof Collection<?> c) {
            int i = 0;
            for (Object e : c) {
                assertAllFinite(e, path + "[" + i++ + "]");
            }
        } else if (o.getClass().isRecord()) {
            for (RecordComponent rc : o.getClass().getRecordComponents()) {
                try {
                    assertAllFinite(rc.getAccessor().invoke(o), path + "." + rc.getName());
                } catch (ReflectiveOperationException e) {
                    fail(e);
                }
            }
        }
    }

    static void assertWellFormed(Calculation c) {
        assertAllFinite(c, "calculation");
        assertNotNull(c.statement());
        if (c.feasible()) {
            assertNotNull(c.epsilon());
            assertNotNull(c.delta());
            assertTrue(c.epsilon() >= 0 && c.delta() >= 0 && c.delta() < 1);
        } else {
            assertNotNull(c.reason());
        }
        for (Curve curve : c.curves()) {
            assertTrue(curve.x().length == curve.y().length, curve.name());
        }
    }
}
