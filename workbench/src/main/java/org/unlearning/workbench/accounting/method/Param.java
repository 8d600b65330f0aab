package org.unlearning.workbench.accounting.method;

import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Declares one parameter of a method's parameter record, once (Tribuo {@code @Config} style): the
 * {@link ParameterSchema} derives from it the {@code --param} key, the YAML key, the window's control,
 * tooltips, defaults and the certificate's inputs. The component's Java type is the parameter's type:
 * {@code double}/{@code int}/{@code long}/{@code boolean} (required, with a default), their boxed
 * forms (optional: null = "not fixed"), an enum (a choice) or {@code String}.
 */
@Retention(RetentionPolicy.RUNTIME)
@Target(ElementType.RECORD_COMPONENT)
public @interface Param {
    /** Key in {@code --param key=value} and in calculator JSON (theory.md spelling where possible). */
    String key();

    /** Key in YAML/JSON run configurations when it differs from {@link #key()} (e.g. {@code init_clip} for C0). */
    String yaml() default "";

    /** Other accepted spellings (e.g. {@code T} for {@code steps}). */
    String[] aliases() default {};

    /**
     * Take the whole declaration from the component with the same {@link #key()} in this record
     * instead (shared declarations, e.g. {@link SharedParams}'s ε and δ); then nothing else is set here.
     */
    Class<? extends Record> from() default Record.class;

    /** Human name (required unless {@link #from()} is set). */
    String name() default "";

    /** Symbol as in theory.md. */
    String symbol() default "";

    /** Unit or role. */
    String unit() default "";

    /** Smallest allowed value (numbers; a UI bound, the accountant checks the maths). */
    double min() default Double.NEGATIVE_INFINITY;

    boolean minInclusive() default true;

    /** Largest allowed value (numbers). */
    double max() default Double.POSITIVE_INFINITY;

    boolean maxInclusive() default true;

    /** Default as text, parsed once by the schema ("" = none: optional, or required). */
    String dflt() default "";

    /** Log-scale slider. */
    boolean log() default false;

    /** Typical slider range {lo, hi} in the window (empty: derived from the range and default). */
    double[] slider() default {};

    /** Plain-words explanation (tooltips, {@code --list}; required unless {@link #from()} is set). */
    String tooltip() default "";

    /** Where the parameter is used. */
    Use use() default Use.BOTH;

    /** How the window offers it. */
    Control control() default Control.AUTO;

    /** Who reads a parameter. */
    enum Use {
        /** The accountant and the run. */
        BOTH,
        /** Only the calculator; a run derives it (e.g. n and k from the data, λ_min measured). */
        CALCULATOR,
        /** Only the engine (e.g. batch size, LiSSA depth): not an input of the accountant. */
        RUN
    }

    /** How the window shows a parameter. */
    enum Control {
        /** Slider + field for numbers, combo box for choices. */
        AUTO,
        /** Expert "fix it yourself" knob of an optional value (the accountant recomputes the guarantee). */
        FIXABLE,
        /** Not in the window (configuration files and {@code --param} only). */
        HIDDEN
    }
}
