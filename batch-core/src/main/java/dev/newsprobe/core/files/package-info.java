/**
 * Reading archive files safely: what a file is (its kind, size, times, identity, links, owner),
 * and reads that cannot leave the walk's view (no symbolic link followed, nothing but a regular
 * file opened, the file opened checked to be the one walked, an open that blocks bounded in time).
 */
package dev.newsprobe.core.files;
