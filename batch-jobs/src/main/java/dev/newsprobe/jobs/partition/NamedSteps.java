package dev.newsprobe.jobs.partition;

import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;

import org.springframework.batch.core.step.Step;
import org.springframework.batch.core.step.StepLocator;

/** The steps a worker runs partitions of, found by step name (as partitions are named), not bean name. */
final class NamedSteps implements StepLocator {

	private final Map<String, Step> steps;

	NamedSteps(List<Step> steps) {
		this.steps = steps.stream().collect(Collectors.toMap(Step::getName, Function.identity()));
	}

	@Override
	public Step getStep(String stepName) {
		Step step = this.steps.get(stepName);
		if (step == null) {
			throw new IllegalArgumentException("this worker runs no step named '" + stepName + "'; it runs " + this.steps.keySet());
		}
		return step;
	}

}
