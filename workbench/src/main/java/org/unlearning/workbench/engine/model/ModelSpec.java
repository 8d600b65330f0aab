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

    public ModelSpec {
        inputShape = List.copyOf(inputShape);
        hiddenSizes = List.copyOf(hiddenSizes);
        if (numClasses < 2) {
            throw new IllegalArgumentException("need at least 2 classes, got " + numClasses);
        }
        if (inputShape.isEmpty() || inputShape.stream().anyMatch(s -> s <= 0)) {
            throw new IllegalArgumentException("bad input shape " + inputShape);
        }
        if (hiddenSizes.stream().anyMatch(h -> h <= 0)) {
            throw new IllegalArgumentException("hidden sizes must be positive, got " + hiddenSizes);
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
