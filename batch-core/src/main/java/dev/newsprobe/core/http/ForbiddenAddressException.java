package dev.newsprobe.core.http;

import java.net.UnknownHostException;

/**
 * Raised by the address guard instead of resolving a name to an address newsprobe must not contact; nothing was
 * sent there. Its error class is {@value ErrorClasses#FORBIDDEN}.
 */
public final class ForbiddenAddressException extends UnknownHostException {

	private static final long serialVersionUID = 1L;

	public ForbiddenAddressException(String message) {
		super(message);
	}

}
