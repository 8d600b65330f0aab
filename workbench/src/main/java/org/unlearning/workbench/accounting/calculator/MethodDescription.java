package org.unlearning.workbench.accounting.calculator;

import java.util.List;

/**
 * A method as the window lists it: title, plain-words summary, whether it is experimental, and its
 * parameters in display order.
 */
public record MethodDescription(Method method, String title, String summary, List<ParameterDescription> parameters) {
    public MethodDescription {
        parameters = List.copyOf(parameters);
    }

    /** The row with this key, if any. */
    public java.util.Optional<ParameterDescription> parameter(String key) {
        return parameters.stream().filter(p -> p.key().equals(key)).findFirst();
    }
}
