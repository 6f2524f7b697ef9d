package dev.newsprobe.core.store;

import java.io.IOException;

/** An image store refused an operation: too large an image, a store already in use, a broken directory. */
public class ImageStoreException extends IOException {

	private static final long serialVersionUID = 1L;

	public ImageStoreException(String message) {
		super(message);
	}

	public ImageStoreException(String message, Throwable cause) {
		super(message, cause);
	}

}
