package org.unlearning.workbench.engine.unlearn;

import java.lang.reflect.Constructor;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.RecordComponent;
import java.util.Arrays;

/** The generic immutable update of configuration records: a copy with one component replaced. */
public final class Records {
    private Records() {}

    /**
     * A copy of {@code r} with component {@code name} set to {@code value} (through the canonical
     * constructor, so the record's checks and defaults apply).
     *
     * @throws IllegalArgumentException for an unknown component, a value of the wrong type, or a value the
     *                                  record rejects
     */
    @SuppressWarnings("unchecked")
    public static <R extends Record> R with(R r, String name, Object value) {
        RecordComponent[] comps = r.getClass().getRecordComponents();
        Object[] args = new Object[comps.length];
        Class<?>[] types = new Class<?>[comps.length];
        boolean found = false;
        try {
            for (int i = 0; i < comps.length; i++) {
                types[i] = comps[i].getType();
                if (comps[i].getName().equals(name)) {
                    if (value != null && !box(types[i]).isInstance(value)) {
                        throw new IllegalArgumentException(r.getClass().getSimpleName() + "." + name + " takes a "
                                + types[i].getSimpleName() + " (got " + value.getClass().getSimpleName() + ")");
                    }
                    args[i] = value;
                    found = true;
                } else {
                    args[i] = comps[i].getAccessor().invoke(r);
                }
            }
            if (!found) {
                throw new IllegalArgumentException(r.getClass().getSimpleName() + " has no component '" + name
                        + "' (it has " + String.join(", ", Arrays.stream(comps).map(RecordComponent::getName).toList()) + ")");
            }
            Constructor<?> c = r.getClass().getDeclaredConstructor(types);
            c.setAccessible(true);
            return (R) c.newInstance(args);
        } catch (InvocationTargetException e) {
            if (e.getCause() instanceof RuntimeException re) {
                throw re;
            }
            throw new IllegalStateException(e.getCause());
        } catch (ReflectiveOperationException e) {
            throw new IllegalStateException(e);
        }
    }

    private static Class<?> box(Class<?> t) {
        if (!t.isPrimitive()) {
            return t;
        }
        return t == int.class ? Integer.class : t == long.class ? Long.class : t == double.class ? Double.class
                : t == boolean.class ? Boolean.class : t;
    }
}
