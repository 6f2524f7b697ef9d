package dev.newsprobe.jobs.probe;

import java.time.Instant;
import java.util.Comparator;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.stream.IntStream;

import dev.newsprobe.jobs.probe.internal.ProbeRepository;
import org.springframework.batch.core.partition.Partitioner;
import org.springframework.batch.infrastructure.item.ExecutionContext;

/**
 * Splits the probe step by host: every URL of one host (host and port, the prober's politeness key)
 * falls into exactly one partition, so {@code per-host-concurrency} and {@code per-host-min-interval}
 * hold across the whole cluster without any coordination between workers.
 * <p>
 * Why whole hosts rather than splitting each host's limits between partitions: a split limit
 * (per-host 4 over 4 workers = 1 each) wastes the host's allowance whenever its URLs are not spread
 * evenly over the partitions, needs every partition to know every host, and breaks politeness if
 * a partition is re-run beside the others. A host is never faster than its own limit anyway, so
 * keeping it whole costs nothing but balance, and balance comes from the many hosts of an archive.
 * <p>
 * Hosts are hashed into 1024 buckets ({@code newsprobe.url_host_bucket}); the buckets holding due
 * URLs go, largest first, to the partition with the fewest URLs so far, and the empty ones in turn.
 * Each partition's context holds its buckets as a bitmap ({@value #HOST_BUCKETS}) and the cutoff
 * shared by all partitions, so a restarted partition probes the same hosts up to the same moment.
 */
public final class HostPartitioner implements Partitioner {

	/** Context key of a partition's host buckets: 128 bytes, hex; bit {@code b % 8} of byte {@code b / 8}. */
	public static final String HOST_BUCKETS = "probe.partition.hostBuckets";

	/**
	 * Context key of the requests a partition may have in flight, set by local partitioning (whose
	 * partitions share one machine's {@code newsprobe.probe.concurrency}); absent, the whole setting.
	 */
	public static final String CONCURRENCY = "probe.partition.concurrency";

	/** How many host buckets there are. */
	public static final int BUCKETS = 1024;

	private final ProbeRepository repository;

	HostPartitioner(ProbeRepository repository) {
		this.repository = repository;
	}

	@Override
	public Map<String, ExecutionContext> partition(int gridSize) {
		int n = Math.max(1, gridSize);
		Instant cutoff = Instant.now();
		// the due URLs balance the partitions (a forced re-check reads more, spread the same way)
		long[] counts = this.repository.dueByHostBucket(ProbeScope.DUE, cutoff);
		byte[][] bitmaps = new byte[n][BUCKETS / 8];
		long[] load = new long[n];
		int[] order = IntStream.range(0, BUCKETS)
			.boxed()
			.sorted(Comparator.comparingLong((Integer b) -> counts[b]).reversed().thenComparing(b -> b))
			.mapToInt(Integer::intValue)
			.toArray();
		int turn = 0;
		for (int bucket : order) {
			int target;
			if (counts[bucket] > 0) {
				target = 0;
				for (int p = 1; p < n; p++) {
					if (load[p] < load[target]) {
						target = p;
					}
				}
			}
			else {
				target = turn++ % n;
			}
			load[target] += counts[bucket];
			bitmaps[target][bucket / 8] |= (byte) (1 << (bucket % 8));
		}
		Map<String, ExecutionContext> partitions = new LinkedHashMap<>();
		for (int p = 0; p < n; p++) {
			ExecutionContext context = new ExecutionContext();
			context.putString(ProbingReader.CUTOFF, cutoff.toString());
			context.putString(HOST_BUCKETS, HexFormat.of().formatHex(bitmaps[p]));
			context.putLong("probe.partition.dueUrls", load[p]);
			partitions.put("partition" + p, context);
		}
		return partitions;
	}

	/** The bitmap of a partition's host buckets, or {@code null} for the unpartitioned step. */
	static byte[] hostBuckets(String hex) {
		return (hex == null || hex.isEmpty()) ? null : HexFormat.of().parseHex(hex);
	}

}
