package org.unlearning.workbench.engine.model;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;

import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.stream.Collectors;

/** The paper's architectures by name (theory.md §10.1). */
public enum Architecture {
    /** 784→5→10 ReLU, Paper A's MNIST "tiny_net" (3,985 parameters). */
    MLP_5("mlp-5", List.of(5)),
    /** One hidden layer of 20 ReLU units. */
    MLP_20("mlp-20", List.of(20)),
    /** Two hidden layers of 32 ReLU units (Paper A "three_layer_net", Paper B MLP). */
    MLP_32X32("mlp-32x32", List.of(32, 32)),
    /** conv 3×3×32 same → avg-pool 2 → conv 3×3×64 same → avg-pool 2 → global mean → dense (He init). */
    CNN_SMALL("cnn-small", List.of()),
    /** MLP head for feature vectors; hidden sizes configurable (default 32, 32). */
    MLP_HEAD("mlp-head", List.of(32, 32));

    private final String cliName;
    private final List<Integer> defaultHidden;

    Architecture(String cliName, List<Integer> defaultHidden) {
        this.cliName = cliName;
        this.defaultHidden = defaultHidden;
    }

    /** The name used on the command line and in metadata, e.g. {@code mlp-5}. */
    @JsonValue
    public String cliName() { return cliName; }

    public List<Integer> defaultHiddenSizes() { return defaultHidden; }

    public boolean isConvolutional() { return this == CNN_SMALL; }

    @JsonCreator
    public static Architecture fromName(String name) {
        String n = name == null ? "" : name.trim().toLowerCase(Locale.ROOT);
        for (Architecture a : values()) {
            if (a.cliName.equals(n) || a.name().equalsIgnoreCase(n)) {
                return a;
            }
        }
        throw new IllegalArgumentException("unknown model '" + name + "' (choose one of "
                + Arrays.stream(values()).map(Architecture::cliName).collect(Collectors.joining(", ")) + ")");
    }

    @Override
    public String toString() { return cliName; }
}
