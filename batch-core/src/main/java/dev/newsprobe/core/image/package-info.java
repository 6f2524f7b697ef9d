/**
 * Image formats and sizes read from the first bytes of a body (JPEG, PNG, GIF, WebP, BMP, ICO, AVIF/HEIF,
 * SVG).
 */
package dev.newsprobe.core.image;
