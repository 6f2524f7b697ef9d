/**
 * URLs as articles cite them: offline checks, normalisation and AMP cache URLs.
 */
package dev.newsprobe.core.url;
