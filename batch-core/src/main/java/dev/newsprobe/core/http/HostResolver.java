package dev.newsprobe.core.http;

import java.net.InetAddress;
import java.net.UnknownHostException;

/**
 * Turns a host name into addresses for the prober. The system resolver by default; a test supplies its own to
 * play a DNS server whose answers change (rebinding). Whatever it answers still passes the prober's address
 * guard, and the prober connects only to the addresses it checked.
 */
@FunctionalInterface
public interface HostResolver {

	/**
	 * The addresses of a host name.
	 * @param host the host name, as in the URL
	 * @return its addresses, at least one
	 * @throws UnknownHostException when the name does not resolve
	 */
	InetAddress[] resolve(String host) throws UnknownHostException;

}
