package dev.newsprobe.core.http;

import java.net.URI;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

import dev.newsprobe.core.http.CallOutcome.Ending;
import dev.newsprobe.core.url.CheckedUrl;
import dev.newsprobe.core.url.WebUrls;

/**
 * The hops of one attempt of a call and the rules for the next: at most {@code maxRedirects} followed, a
 * {@code Location} resolved against the URL that sent it and checked as a URL an article could cite, no URL
 * asked twice (a loop), 303 turning a GET-able request into GET. Every hop is recorded, answered or not;
 * the address guard checks each one when it is sent, as any request.
 * <p>
 * Hops are added from the layer's threads and copied by whichever thread ends the call, hence the locks.
 */
final class RedirectChain {

	/**
	 * Where a redirect leads: the next request, or why it is not made.
	 *
	 * @param url the next URL (normalised), or {@code null} when refused
	 * @param method the next method
	 * @param refusal why the redirect is not followed, or {@code null}
	 * @param problem the target's problem, for {@link Ending#UNUSABLE_REDIRECT}
	 * @param location the {@code Location} refused, or the URL met again for {@link Ending#REDIRECT_LOOP}
	 */
	record Next(String url, String method, Ending refusal, String problem, String location) {

		static Next refused(Ending why, String problem, String location) {
			return new Next(null, null, why, problem, location);
		}

	}

	private final int maxRedirects;

	private final List<Hop> hops = new ArrayList<>();

	private final Set<String> visited = new HashSet<>();

	RedirectChain(int maxRedirects) {
		this.maxRedirects = maxRedirects;
	}

	/** Forgets the hops of an earlier attempt; the next starts at {@code target}. */
	synchronized void restart(String target) {
		this.hops.clear();
		this.visited.clear();
		this.visited.add(target);
	}

	synchronized void add(Hop hop) {
		this.hops.add(hop);
	}

	synchronized List<Hop> hops() {
		return List.copyOf(this.hops);
	}

	/**
	 * The request a redirect leads to.
	 * @param from the URL that answered
	 * @param method the method it was asked with
	 * @param status the redirect's status
	 * @param location its {@code Location}
	 */
	synchronized Next follow(URI from, String method, int status, String location) {
		if (this.hops.size() > this.maxRedirects) {
			return Next.refused(Ending.TOO_MANY_REDIRECTS, null, location);
		}
		String next;
		try {
			next = from.resolve(location.strip().replace(" ", "%20")).toString();
		}
		catch (IllegalArgumentException ex) {
			return Next.refused(Ending.MALFORMED_REDIRECT, null, location);
		}
		CheckedUrl checked = WebUrls.check(next);
		if (!checked.valid()) {
			return Next.refused(Ending.UNUSABLE_REDIRECT, checked.problem(), location);
		}
		if (!this.visited.add(checked.normalized())) {
			return Next.refused(Ending.REDIRECT_LOOP, null, checked.normalized());
		}
		return new Next(checked.normalized(), (status == 303 && !method.equals("HEAD")) ? "GET" : method, null, null,
				null);
	}

}
