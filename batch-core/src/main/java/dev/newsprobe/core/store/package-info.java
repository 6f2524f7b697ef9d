/**
 * The image store: content-addressed copies of verified images, their downloads (ImageDownloader) and
 * mirroring.
 */
package dev.newsprobe.core.store;
