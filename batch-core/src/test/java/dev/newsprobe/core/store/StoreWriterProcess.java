package dev.newsprobe.core.store;

import java.nio.ByteBuffer;
import java.nio.file.Path;

/**
 * A process that starts writing a large image into a store and never finishes, for the test that
 * kills it: prints {@value #READY} once the first bytes are on disk, then keeps writing slowly.
 */
final class StoreWriterProcess {

	static final String READY = "WRITING\n";

	private StoreWriterProcess() {
	}

	public static void main(String[] args) throws Exception {
		DirectoryImageStore store = DirectoryImageStore.open(Path.of(args[0]), 1L << 30);
		ImageStore.Upload upload = store.begin();
		byte[] chunk = new byte[256 * 1024];
		upload.write(ByteBuffer.wrap(chunk));
		System.out.print(READY);
		System.out.flush();
		for (int i = 0; i < 600; i++) {
			upload.write(ByteBuffer.wrap(chunk));
			Thread.sleep(100);
		}
	}

}
