package org.unlearning.workbench.engine.model;

import org.nd4j.linalg.api.buffer.DataType;
import org.unlearning.workbench.engine.data.Dataset;

import java.util.List;

/**
 * What to build: architecture, input shape ({c, h, w} for images, {d} for feature vectors),
 * class count, hidden sizes (MLPs) and floating-point type (FLOAT default, DOUBLE for gradient
 * checks and Hessian-vector products).
 */
public record ModelSpec(Architecture architecture, List<Integer> inputShape, int numClasses,
                        List<Integer> hiddenSizes, DataType dataType) {
    /** Most input features (e.g. a 4096×4096 image) and hidden layers / units a spec may ask for. */
    public static final int MAX_INPUT_FEATURES = 1 << 24;
    public static final int MAX_HIDDEN_LAYERS = 64;
    public static final int MAX_LAYER_WIDTH = 1 << 16;
    /** Most parameters a model may have (8 GB as float32): a spec read from a file cannot ask for more. */
    public static final long MAX_PARAMETERS = 1L << 31;

    public ModelSpec {
        if (architecture == null || inputShape == null || hiddenSizes == null || dataType == null) {
            throw new IllegalArgumentException("incomplete model spec (architecture, inputShape, numClasses, "
                    + "hiddenSizes and dataType are all required)");
        }
        inputShape = List.copyOf(inputShape);
        hiddenSizes = List.copyOf(hiddenSizes);
        if (numClasses < 2 || numClasses > Dataset.MAX_CLASSES) {
            throw new IllegalArgumentException("need 2 to " + Dataset.MAX_CLASSES + " classes, got " + numClasses);
        }
        if (inputShape.isEmpty() || inputShape.size() > 3 || inputShape.stream().anyMatch(s -> s <= 0)
                || inputShape.stream().mapToLong(Integer::longValue).reduce(1, (a, b) -> a * b) > MAX_INPUT_FEATURES) {
            throw new IllegalArgumentException("bad input shape " + inputShape + " (1 to 3 positive sizes, at most "
                    + MAX_INPUT_FEATURES + " features)");
        }
        if (hiddenSizes.size() > MAX_HIDDEN_LAYERS || hiddenSizes.stream().anyMatch(h -> h <= 0 || h > MAX_LAYER_WIDTH)) {
            throw new IllegalArgumentException("hidden sizes must be 1 to " + MAX_LAYER_WIDTH + " units in at most "
                    + MAX_HIDDEN_LAYERS + " layers, got " + hiddenSizes);
        }
        if (dataType != DataType.FLOAT && dataType != DataType.DOUBLE) {
            throw new IllegalArgumentException("data type must be FLOAT or DOUBLE, got " + dataType);
        }
        if (architecture.isConvolutional()) {
            if (inputShape.size() != 3 || inputShape.get(1) < 4 || inputShape.get(2) < 4) {
                throw new IllegalArgumentException(architecture + " needs image input {channels, height, width} "
                        + "of at least 4×4, got " + inputShape);
            }
        } else if (hiddenSizes.isEmpty()) {
            throw new IllegalArgumentException(architecture + " needs at least one hidden layer");
        }
        long params = parameterCount(architecture, inputShape, numClasses, hiddenSizes);
        if (params > MAX_PARAMETERS) {
            throw new IllegalArgumentException(architecture + " " + inputShape + "→" + hiddenSizes + "→" + numClasses
                    + " would have " + params + " parameters (at most " + MAX_PARAMETERS + ")");
        }
    }

    /** Default spec for {@code arch} on data of the given shape and class count (float32). */
    public static ModelSpec of(Architecture arch, int[] inputShape, int numClasses) {
        return new ModelSpec(arch, java.util.Arrays.stream(inputShape).boxed().toList(), numClasses,
                arch.defaultHiddenSizes(), DataType.FLOAT);
    }

    public static ModelSpec forData(Architecture arch, Dataset data) {
        return of(arch, data.inputShape(), data.numClasses());
    }

    public ModelSpec withDataType(DataType type) {
        return new ModelSpec(architecture, inputShape, numClasses, hiddenSizes, type);
    }

    public ModelSpec withHiddenSizes(List<Integer> hidden) {
        return new ModelSpec(architecture, inputShape, numClasses, hidden, dataType);
    }

    /**
     * Parameter count of the network this spec builds, computed without building it (so a spec
     * read from an untrusted file is checked before anything is allocated): a dense layer n→m has
     * (n+1)·m parameters; cnn-small's two 3×3 convolutions c→32→64 and its 64→classes output.
     */
    public long parameterCount() {
        return parameterCount(architecture, inputShape, numClasses, hiddenSizes);
    }

    private static long parameterCount(Architecture architecture, List<Integer> inputShape, int numClasses,
                                       List<Integer> hiddenSizes) {
        long total;
        if (architecture.isConvolutional()) {
            total = (9L * inputShape.get(0) + 1) * 32 + (9L * 32 + 1) * 64 + (64L + 1) * numClasses;
        } else {
            total = 0;
            long in = inputShape.stream().mapToLong(Integer::longValue).reduce(1, (a, b) -> a * b);
            for (int h : hiddenSizes) {
                total = Math.addExact(total, Math.multiplyExact(in + 1, (long) h));
                in = h;
            }
            total = Math.addExact(total, Math.multiplyExact(in + 1, (long) numClasses));
        }
        return total;
    }

    /** Number of input features (product of the input shape). */
    public int inputLength() {
        return inputShape.stream().reduce(1, (a, b) -> a * b);
    }

    /** Throws a clear error when {@code data} does not fit this model. */
    public void requireCompatible(Dataset data) {
        if (!java.util.Arrays.equals(data.inputShape(), inputShape.stream().mapToInt(Integer::intValue).toArray())) {
            throw new IllegalArgumentException("model expects input shape " + inputShape + " but dataset '"
                    + data.name() + "' has " + java.util.Arrays.toString(data.inputShape()));
        }
        if (data.numClasses() != numClasses) {
            throw new IllegalArgumentException("model has " + numClasses + " classes but dataset '"
                    + data.name() + "' has " + data.numClasses());
        }
    }
}
