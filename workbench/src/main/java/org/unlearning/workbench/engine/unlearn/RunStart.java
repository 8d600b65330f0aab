package org.unlearning.workbench.engine.unlearn;

import org.unlearning.workbench.engine.data.Dataset;
import org.unlearning.workbench.engine.model.ModelMetadata;
import org.unlearning.workbench.engine.model.ModelSpec;
import org.unlearning.workbench.engine.model.WorkbenchModel;
import org.unlearning.workbench.engine.run.CancelToken;
import org.unlearning.workbench.engine.run.RunListener;

/**
 * What a method receives when a run starts.
 *
 * @param provenance       where the data and the original came from
 * @param original         the original model (null when the method trains its own)
 * @param originalMetadata its saved training record (null when trained here or unknown)
 * @param spec             the architecture for the data (for methods that train their own original)
 * @param train            the training set D (indices of all requests refer to it)
 * @param test             the test set (may be null)
 * @param plan             the run's plan (data-bound)
 * @param noise            the run's noise source (secure or seeded)
 * @param seed             the run's seed
 * @param listener         progress
 * @param cancel           cancellation
 */
public record RunStart(org.unlearning.workbench.engine.run.Provenance provenance, WorkbenchModel original, ModelMetadata originalMetadata, ModelSpec spec, Dataset train,
                       Dataset test, Calibration plan, NoiseSource noise, long seed, RunListener listener,
                       CancelToken cancel) {}
