/**
 * The front matter of an article file, shared by the article parser and the write-back editor:
 * where it is in the file, its YAML composed into a node tree under limits, and its values.
 */
package dev.newsprobe.core.frontmatter;
