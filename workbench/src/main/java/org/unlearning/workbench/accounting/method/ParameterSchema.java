package org.unlearning.workbench.accounting.method;

import java.lang.reflect.Constructor;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.RecordComponent;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * The parameters of a method, read once from its parameter record ({@link Param} on each component):
 * descriptions for the calculator, the window and {@code --list}; typed construction from YAML values,
 * from {@code key=value} text and from the window's controls; a generic immutable
 * {@link #with(Record, String, Object) with}; and the values a certificate records.
 *
 * <p>Values are typed all the way: numbers stay numbers, integers must be whole, booleans accept only
 * {@code true}/{@code false}, choices only their listed values, and an empty value is an error (a
 * missing one takes the declared default).
 *
 * @param <P> the parameter record
 */
public final class ParameterSchema<P extends Record> {
    /** A decimal number as written in YAML or on a command line (no Java suffixes such as 1d, no hex, no NaN). */
    private static final java.util.regex.Pattern DECIMAL =
            java.util.regex.Pattern.compile("[+-]?(\\d+\\.?\\d*|\\.\\d+)([eE][+-]?\\d+)?");

    private final Class<P> type;
    private final String owner;
    private final List<Entry> entries;
    private final Map<String, Entry> byName = new LinkedHashMap<>();
    private final Constructor<P> constructor;
    private final List<ParameterDescription> descriptions;
    private final P defaults;

    /** One component: its description, accessor and Java type. */
    private record Entry(ParameterDescription d, RecordComponent component, Class<?> javaType, Object dflt) {}

    private ParameterSchema(Class<P> type, String owner) {
        this.type = type;
        this.owner = owner;
        RecordComponent[] comps = type.getRecordComponents();
        List<Entry> list = new ArrayList<>();
        Class<?>[] types = new Class<?>[comps.length];
        for (int i = 0; i < comps.length; i++) {
            RecordComponent c = comps[i];
            types[i] = c.getType();
            Param p = c.getAnnotation(Param.class);
            if (p == null) {
                throw new IllegalStateException(type.getName() + "." + c.getName() + " has no @Param");
            }
            list.add(entry(c, declaration(c, p)));
        }
        this.entries = List.copyOf(list);
        for (Entry e : entries) {
            register(e.d().key(), e);
            register(e.d().yamlKey(), e);
            for (String a : e.d().aliases()) {
                register(a, e);
            }
        }
        try {
            this.constructor = type.getDeclaredConstructor(types);
            this.constructor.setAccessible(true);
        } catch (NoSuchMethodException e) {
            throw new IllegalStateException(type.getName() + " has no canonical constructor", e);
        }
        this.descriptions = entries.stream().map(Entry::d).toList();
        this.defaults = entries.stream().anyMatch(e -> e.javaType().isPrimitive() && e.dflt() == null) ? null
                : construct(entries.stream().map(Entry::dflt).toArray());
    }

    /** Reads the schema of a parameter record; {@code owner} names it in messages (the method key). */
    public static <P extends Record> ParameterSchema<P> of(Class<P> type, String owner) {
        return new ParameterSchema<>(type, owner);
    }

    private void register(String name, Entry e) {
        Entry old = byName.put(name, e);
        if (old != null && old != e) {
            throw new IllegalStateException(type.getName() + ": name '" + name + "' used twice");
        }
    }

    /** The annotation that declares {@code c}: its own, or the shared one it points to with {@code from}. */
    private Param declaration(RecordComponent c, Param p) {
        String where = type.getName() + "." + c.getName();
        if (p.from() == Record.class) {
            if (p.name().isEmpty() || p.tooltip().isEmpty()) {
                throw new IllegalStateException(where + ": @Param needs a name and a tooltip");
            }
            return p;
        }
        for (RecordComponent shared : p.from().getRecordComponents()) {
            Param q = shared.getAnnotation(Param.class);
            if (q != null && q.key().equals(p.key())) {
                if (shared.getType() != c.getType()) {
                    throw new IllegalStateException(where + ": type differs from " + p.from().getName() + "." + shared.getName());
                }
                return declaration(shared, q);
            }
        }
        throw new IllegalStateException(where + ": " + p.from().getName() + " declares no '" + p.key() + "'");
    }

    private Entry entry(RecordComponent c, Param p) {
        Class<?> t = c.getType();
        ParameterDescription.Type kind;
        List<String> choices = List.of();
        if (t == double.class || t == Double.class) {
            kind = ParameterDescription.Type.NUMBER;
        } else if (t == int.class || t == Integer.class || t == long.class || t == Long.class) {
            kind = ParameterDescription.Type.INTEGER;
        } else if (t == boolean.class || t == Boolean.class) {
            kind = ParameterDescription.Type.BOOLEAN;
            choices = List.of("true", "false");
        } else if (t.isEnum()) {
            kind = ParameterDescription.Type.CHOICE;
            List<String> cs = new ArrayList<>();
            for (Object k : t.getEnumConstants()) {
                cs.add(choiceName((Enum<?>) k));
            }
            choices = cs;
        } else if (t == String.class) {
            kind = ParameterDescription.Type.TEXT;
        } else {
            throw new IllegalStateException(type.getName() + "." + c.getName() + ": unsupported type " + t);
        }
        boolean numeric = kind == ParameterDescription.Type.NUMBER || kind == ParameterDescription.Type.INTEGER;
        if (numeric && !(Double.isFinite(p.min()) && Double.isFinite(p.max()))) {
            throw new IllegalStateException(type.getName() + "." + c.getName() + ": a number needs a finite min and max");
        }
        String yaml = p.yaml().isEmpty() ? p.key() : p.yaml();
        ParameterDescription provisional = new ParameterDescription(p.key(), yaml, List.of(p.aliases()), p.name(),
                p.symbol(), p.unit(), kind, numeric ? p.min() : 0, p.minInclusive(), numeric ? p.max() : 0,
                p.maxInclusive(), null, null, p.log(), p.slider().length == 2 ? p.slider() : null,
                !t.isPrimitive(), choices, p.tooltip(), p.use(), p.control());
        Object dflt = p.dflt().isEmpty() ? null : coerce(provisional, t, p.dflt());
        Double dNum = dflt instanceof Number n ? n.doubleValue() : null;
        String dChoice = dflt == null || dflt instanceof Number ? null
                : dflt instanceof Enum<?> en ? choiceName(en) : dflt.toString();
        ParameterDescription d = new ParameterDescription(p.key(), yaml, List.of(p.aliases()), p.name(), p.symbol(),
                p.unit(), kind, provisional.min(), p.minInclusive(), provisional.max(), p.maxInclusive(), dNum,
                dChoice, p.log(), provisional.slider(), provisional.optional(), choices, p.tooltip(), p.use(),
                p.control());
        return new Entry(d, c, t, dflt);
    }

    private static String choiceName(Enum<?> e) {
        return e.name().toLowerCase(Locale.ROOT);
    }

    /** The record type. */
    public Class<P> type() {
        return type;
    }

    /** Every parameter in declaration order. */
    public List<ParameterDescription> parameters() {
        return descriptions;
    }

    /** The parameter with this key, YAML key or alias (exact, else ignoring case and '-' vs '_'). */
    public Optional<ParameterDescription> parameter(String name) {
        return find(name).map(Entry::d);
    }

    private Optional<Entry> find(String name) {
        if (name == null) {
            return Optional.empty();
        }
        Entry e = byName.get(name.trim());
        if (e != null) {
            return Optional.of(e);
        }
        String n = normalise(name);
        Entry found = null;
        for (Map.Entry<String, Entry> m : byName.entrySet()) {
            if (normalise(m.getKey()).equals(n)) {
                if (found != null && found != m.getValue()) {
                    return Optional.empty(); // ambiguous ignoring case: only exact spellings match
                }
                found = m.getValue();
            }
        }
        return Optional.ofNullable(found);
    }

    private static String normalise(String s) {
        return s.trim().toLowerCase(Locale.ROOT).replace('-', '_');
    }

    private Entry require(String name) {
        return find(name).orElseThrow(() -> new IllegalArgumentException("unknown parameter '" + name
                + "' for method " + owner + (entries.isEmpty() ? " (it takes none)"
                : "; allowed: " + String.join(", ", descriptions.stream().map(ParameterDescription::key).toList()))));
    }

    /** Every default (throws when a required parameter has none). */
    public P defaults() {
        if (defaults == null) {
            throw new IllegalStateException(type.getName() + " has required parameters without defaults");
        }
        return defaults;
    }

    /**
     * A record from values by name (key, YAML key or alias): numbers, booleans, enum constants or text,
     * each checked and converted to its component's type; missing names take their defaults.
     */
    public P build(Map<String, ?> values) {
        Object[] args = entries.stream().map(Entry::dflt).toArray();
        boolean[] seen = new boolean[args.length];
        for (Map.Entry<String, ?> v : values.entrySet()) {
            Entry e = require(v.getKey());
            int i = entries.indexOf(e);
            if (seen[i]) {
                throw new IllegalArgumentException(e.d().key() + " is given twice (as '" + v.getKey() + "')");
            }
            seen[i] = true;
            args[i] = coerce(e.d(), e.javaType(), v.getValue());
        }
        for (int i = 0; i < args.length; i++) {
            if (args[i] == null && entries.get(i).javaType().isPrimitive()) {
                throw new IllegalArgumentException(entries.get(i).d().key() + " is required");
            }
        }
        return construct(args);
    }

    /**
     * One value by name checked and converted alone (type and declared range), as {@link #build} does
     * for each; lets a reader point at the offending value before the record is built.
     */
    public Object value(String name, Object v) {
        Entry e = require(name);
        return coerce(e.d(), e.javaType(), v);
    }

    /** A record from {@code key=value} text (CLI, saved settings); see {@link #build}. */
    public P parse(Map<String, String> text) {
        return build(text);
    }

    /** A copy of {@code p} with one parameter changed (typed value or text); the record's checks apply. */
    public P with(P p, String name, Object value) {
        Entry e = require(name);
        Object[] args = new Object[entries.size()];
        for (int i = 0; i < args.length; i++) {
            args[i] = entries.get(i) == e ? coerce(e.d(), e.javaType(), value) : read(entries.get(i), p);
        }
        if (args[entries.indexOf(e)] == null && e.javaType().isPrimitive()) {
            throw new IllegalArgumentException(e.d().key() + " is required");
        }
        return construct(args);
    }

    /** The typed value of one parameter (enums as their constant). */
    public Object get(P p, String name) {
        return read(require(name), p);
    }

    /** Every value by key, enums as their lower-case names (certificate inputs, calculator JSON). */
    public Map<String, Object> values(P p) {
        return valuesBy(p, false);
    }

    /** Every value by YAML key, enums as their lower-case names (run configurations). */
    public Map<String, Object> yamlValues(P p) {
        return valuesBy(p, true);
    }

    private Map<String, Object> valuesBy(P p, boolean yaml) {
        Map<String, Object> m = new LinkedHashMap<>();
        for (Entry e : entries) {
            Object v = read(e, p);
            m.put(yaml ? e.d().yamlKey() : e.d().key(), v instanceof Enum<?> en ? choiceName(en) : v);
        }
        return Collections.unmodifiableMap(m);
    }

    private static Object read(Entry e, Record p) {
        try {
            return e.component().getAccessor().invoke(p);
        } catch (IllegalAccessException | InvocationTargetException ex) {
            throw new IllegalStateException(ex);
        }
    }

    private P construct(Object[] args) {
        try {
            return constructor.newInstance(args);
        } catch (InvocationTargetException ex) {
            if (ex.getCause() instanceof RuntimeException r) {
                throw r;
            }
            throw new IllegalStateException(ex.getCause());
        } catch (InstantiationException | IllegalAccessException ex) {
            throw new IllegalStateException(ex);
        }
    }

    /** Converts one value to the component's type and checks its declared range, or explains in one line why it cannot. */
    private static Object coerce(ParameterDescription d, Class<?> t, Object v) {
        Object x = convert(d, t, v);
        if (x instanceof Number n) {
            inRange(d, n.doubleValue());
        }
        return x;
    }

    /**
     * The declared range (from {@link Param}), so that a value like 1e308 is refused here with its
     * range rather than overflowing in an accountant into an unrelated message.
     */
    private static void inRange(ParameterDescription d, double x) {
        boolean okMin = d.minInclusive() ? x >= d.min() : x > d.min();
        boolean okMax = d.maxInclusive() ? x <= d.max() : x < d.max();
        if (!Double.isFinite(x) || !okMin || !okMax) {
            throw new IllegalArgumentException(d.key() + " must be in " + d.range() + " (got "
                    + (x == Math.rint(x) && Math.abs(x) < 1e15 ? String.valueOf((long) x) : String.valueOf(x)) + ")");
        }
    }

    private static Object convert(ParameterDescription d, Class<?> t, Object v) {
        String key = d.key();
        if (v == null) {
            return null;
        }
        if (v instanceof String s) {
            if (s.trim().isEmpty()) {
                throw new IllegalArgumentException(key + " must not be empty (leave it out for the default)");
            }
            return fromText(d, t, s.trim());
        }
        switch (d.type()) {
            case NUMBER -> {
                if (v instanceof Number n) {
                    return n.doubleValue();
                }
            }
            case INTEGER -> {
                if (v instanceof Number n) {
                    return integer(key, t, n.doubleValue(), v.toString());
                }
            }
            case BOOLEAN -> {
                if (v instanceof Boolean b) {
                    return b;
                }
            }
            case CHOICE -> {
                if (t.isInstance(v)) {
                    return v;
                }
            }
            default -> {
            }
        }
        throw new IllegalArgumentException(key + " must be " + expected(d) + " (got " + v + ")");
    }

    private static Object fromText(ParameterDescription d, Class<?> t, String s) {
        String key = d.key();
        switch (d.type()) {
            case NUMBER -> {
                return number(key, s);
            }
            case INTEGER -> {
                return integer(key, t, number(key, s), s);
            }
            case BOOLEAN -> {
                if (s.equals("true")) {
                    return Boolean.TRUE;
                }
                if (s.equals("false")) {
                    return Boolean.FALSE;
                }
                throw new IllegalArgumentException(key + " must be true or false (got '" + s + "')");
            }
            case CHOICE -> {
                String n = s.toUpperCase(Locale.ROOT).replace('-', '_');
                for (Object k : t.getEnumConstants()) {
                    if (((Enum<?>) k).name().equals(n)) {
                        return k;
                    }
                }
                throw new IllegalArgumentException(key + " must be " + d.range() + " (got '" + s + "')");
            }
            default -> {
                return s;
            }
        }
    }

    private static String expected(ParameterDescription d) {
        return switch (d.type()) {
            case NUMBER -> "a number";
            case INTEGER -> "a whole number";
            case BOOLEAN -> "true or false";
            case CHOICE -> d.range();
            case TEXT -> "text";
        };
    }

    private static double number(String key, String s) {
        if (!DECIMAL.matcher(s).matches()) {
            throw new IllegalArgumentException(key + " must be a number (got '" + s + "')");
        }
        return Double.parseDouble(s);
    }

    private static Object integer(String key, Class<?> t, double x, String shown) {
        boolean isInt = t == int.class || t == Integer.class;
        double limit = isInt ? Integer.MAX_VALUE : 9.0e15;
        if (x != Math.rint(x) || Math.abs(x) > limit) {
            throw new IllegalArgumentException(key + " must be a whole number" + (isInt ? " up to " + Integer.MAX_VALUE : "")
                    + " (got " + shown + ")");
        }
        return isInt ? (Object) (int) x : (Object) (long) x;
    }
}
