package dev.newsprobe.app.cli;

import java.io.PrintWriter;
import java.util.Map;

import dev.newsprobe.jobs.definition.ArticleAuditJobConfiguration;
import dev.newsprobe.jobs.definition.CacheRefreshJobConfiguration;
import dev.newsprobe.jobs.ingest.IngestSummaries;
import dev.newsprobe.jobs.ingest.IngestSummary;
import dev.newsprobe.jobs.probe.ProbeSummaries;
import dev.newsprobe.jobs.reconcile.ReconcileSummaries;
import dev.newsprobe.jobs.reconcile.ReconcileSummaries.ReconcileSummary;
import dev.newsprobe.jobs.report.RunReports;
import dev.newsprobe.jobs.writeback.WriteBackSummaries;
import org.springframework.batch.core.BatchStatus;
import org.springframework.batch.core.job.JobExecution;
import org.springframework.batch.core.repository.JobRepository;
import org.springframework.batch.core.step.StepExecution;
import org.springframework.context.ApplicationContext;

/**
 * The summary of a run, as every command that runs a job prints it ({@code audit},
 * {@code refresh}, {@code restart}, {@code recover --restart}): what the run did, job by job, then
 * what to do about a run that did not complete, on the error output. The one printer of runs; the
 * commands call it and nothing calls back.
 */
final class RunSummary {

	private final ApplicationContext beans;

	private final PrintWriter out;

	private final PrintWriter err;

	/**
	 * @param beans the application the run went in (its summaries, its report directory)
	 * @param out where the summary goes
	 * @param err where what to do next goes
	 */
	RunSummary(ApplicationContext beans, PrintWriter out, PrintWriter err) {
		this.beans = beans;
		this.out = out;
		this.err = err;
	}

	/**
	 * Prints the summary of a run and what to do about it.
	 * @param execution the run
	 * @return the exit code it gives
	 */
	int print(JobExecution execution) {
		String job = execution.getJobInstance().getJobName();
		if (ArticleAuditJobConfiguration.JOB_NAME.equals(job)) {
			audit(execution);
		}
		else if (CacheRefreshJobConfiguration.JOB_NAME.equals(job)) {
			refresh(execution);
		}
		else {
			headline(execution);
			for (StepExecution step : execution.getStepExecutions()) {
				this.out.printf("  %-32s %-9s read %,d, written %,d, skipped %,d%n", step.getStepName(), step.getStatus(),
						step.getReadCount(), step.getWriteCount(), step.getSkipCount());
			}
		}
		this.out.flush();
		whatNext(execution);
		return ExitCodes.of(execution.getStatus());
	}

	private void audit(JobExecution execution) {
		headline(execution);
		IngestSummary files = this.beans.getBean(IngestSummaries.class).of(execution);
		this.out.printf("  files   %,d seen: %,d parsed, %,d unchanged, %,d rejected (%,d rejected in all)%n", files.filesSeen(),
				files.parsed(), files.unchanged(), files.rejected(), files.stillRejected());
		this.out.printf("  issues  %,d warnings (invalid URLs, AMP-cache mismatches, duplicate webUrls, lenient values)%n",
				files.warnings());
		this.out.printf("  urls    %,d new, %,d distinct in all%n", files.newUrls(), files.totalUrls());
		this.out.printf("  gone    %,d articles whose file disappeared%n", files.gone());
		if (files.rejected() + files.warnings() > 0) {
			this.out.printf("  details SELECT path, line, code, reason FROM newsprobe.ingest_error WHERE job_execution_id = %d;%n",
					execution.getId());
		}
		verdicts(execution);
		reconciliation(this.beans.getBean(ReconcileSummaries.class).of(execution));
		WriteBackSummaries.Summary written = this.beans.getBean(WriteBackSummaries.class).of(execution);
		if (written.mode().enabled()) {
			this.out.printf("  written %,d files rewritten (%s), %,d values changed, %,d left alone%n", written.files(),
					written.mode(), written.values(), written.refused());
			if (written.refused() > 0) {
				this.out.printf("  details SELECT path, field, code, reason FROM newsprobe.write_back_refusal"
						+ " WHERE job_execution_id = %d;%n", execution.getId());
			}
		}
		this.beans.getBean(RunReports.class)
			.writtenBy(execution)
			.ifPresent(report -> this.out.printf(
					"  report  %s (and .md, .json and the broken links' .csv.gz beside it; index.html lists every report)%n",
					report));
	}

	private void refresh(JobExecution execution) {
		headline(execution);
		verdicts(execution);
		reconciliation(this.beans.getBean(ReconcileSummaries.class).of(execution));
	}

	private void headline(JobExecution execution) {
		this.out.printf("%n%s execution %d %s in %s%n", execution.getJobInstance().getJobName(), execution.getId(),
				execution.getStatus(), Durations.human(execution.getStartTime(), execution.getEndTime()));
	}

	private void verdicts(JobExecution execution) {
		ProbeSummaries probes = this.beans.getBean(ProbeSummaries.class);
		Map<String, Long> verdicts = probes.verdicts(execution);
		long notModified = probes.notModified(execution);
		long probed = verdicts.values().stream().mapToLong(Long::longValue).sum();
		this.out.printf("  probed  %,d URLs%s%s%n", probed, verdicts.isEmpty() ? "" : ": " + String.join(", ",
				verdicts.entrySet().stream().map(e -> String.format("%,d %s", e.getValue(), e.getKey())).toList()),
				(notModified > 0) ? String.format(" (%,d unchanged: 304 to a conditional request)", notModified) : "");
	}

	private void reconciliation(ReconcileSummary summary) {
		this.out.printf("  images  %,d disagree with their isCached, %,d unknown (unprobed or inconclusive); %,d changed in this run%n",
				summary.disagreements(), summary.unknown(), summary.changed());
		if (summary.disagreements() > 0) {
			this.out.printf("  details SELECT url, declared_is_cached, verified_cached, verdict FROM newsprobe.image_reconciliation"
					+ " WHERE state = 'DISAGREE';%n");
		}
		if (summary.sizesUnverified() > 0) {
			this.out.printf("  sizes   %,d declared image sizes unverified (the images' own sizes could not be read):"
					+ " SELECT * FROM newsprobe.v_image_size_checks WHERE size_state = 'unverified';%n",
					summary.sizesUnverified());
		}
	}

	/** Says what to do about a run that did not complete, and why the partitions of a failed one failed. */
	private void whatNext(JobExecution execution) {
		if (execution.getStatus() == BatchStatus.STOPPED) {
			NewsprobeRuntime.warn(this.err, Executions.describe(execution) + " stopped after its last commit; resume it with"
					+ " 'newsprobe restart " + execution.getId() + "' (or the same command again).");
			return;
		}
		if (execution.getAllFailureExceptions().isEmpty()) {
			return;
		}
		Throwable cause = execution.getAllFailureExceptions().get(0);
		while (cause.getCause() != null) {
			cause = cause.getCause();
		}
		NewsprobeRuntime.warn(this.err, "the run failed: " + cause.getClass().getSimpleName() + ": " + cause.getMessage());
		NewsprobeRuntime.warn(this.err, "fix the cause and run the same command again (or 'newsprobe restart "
				+ execution.getId() + "'): it resumes after the last commit.");
		JobExecution stored = this.beans.getBean(JobRepository.class).getJobExecution(execution.getId());
		if (stored == null) {
			return;
		}
		for (StepExecution step : stored.getStepExecutions()) {
			if (step.getStepName().contains(":partition") && step.getStatus() == BatchStatus.FAILED) {
				String description = step.getExitStatus().getExitDescription();
				String first = (description == null || description.isBlank()) ? "failed"
						: description.strip().lines().findFirst().orElse("failed");
				NewsprobeRuntime.warn(this.err, step.getStepName() + ": " + first);
			}
		}
	}

}
