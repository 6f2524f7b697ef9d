package dev.newsprobe.jobs.writeback;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

import dev.newsprobe.core.article.Article;
import dev.newsprobe.core.article.ArticleImage;
import dev.newsprobe.core.article.ArticleParser;
import dev.newsprobe.core.article.ParseResult;
import dev.newsprobe.core.article.RelatedArticle;
import dev.newsprobe.core.url.CheckedUrl;
import dev.newsprobe.core.url.WebUrls;
import dev.newsprobe.core.writeback.Edit;
import dev.newsprobe.core.writeback.EditResult;
import dev.newsprobe.core.writeback.FieldPath;
import dev.newsprobe.core.writeback.FileRewriter;
import dev.newsprobe.core.writeback.FileRewriter.RefusedException;
import dev.newsprobe.core.writeback.FileRewriter.Snapshot;
import dev.newsprobe.core.writeback.FrontMatterEditor;
import dev.newsprobe.jobs.auditlog.Change;
import dev.newsprobe.jobs.writeback.internal.WriteBackRepository.Refusal;
import org.springframework.batch.infrastructure.item.ItemProcessor;

/**
 * Prepares the write-back into one article file: reads it (inside the roots, not through a symlink
 * out of them), checks it still has the content the database rows came from, and turns the rows
 * into edits of the front matter, giving the new content and the changes to audit. The file itself
 * is replaced by {@link WriteBackWriter}, once the chunk's audit events are written.
 * <p>
 * Images are matched to their {@code article_image} rows by position, counted as the ingest counts
 * them: the article's own images, then each related article's, skipping entries without a URL;
 * each match is checked against the stored URL. Moved URLs are matched by their normalised form
 * wherever they appear in the front matter ({@code webUrl}, {@code ampWebUrl}, {@code cdnAmpWebUrl},
 * image URLs, the same in related articles); the Markdown body is never edited.
 */
public final class ArticleWriteBack implements ItemProcessor<WriteBackItem, WriteBackOutcome> {

	private static final List<String> PAGE_KEYS = List.of("webUrl", "ampWebUrl", "cdnAmpWebUrl");

	private final FileRewriter rewriter;

	private final ArticleParser parser;

	private final FrontMatterEditor editor;

	public ArticleWriteBack(FileRewriter rewriter, ArticleParser parser, FrontMatterEditor editor) {
		this.rewriter = rewriter;
		this.parser = parser;
		this.editor = editor;
	}

	@Override
	public WriteBackOutcome process(WriteBackItem item) {
		try {
			return writeBack(item);
		}
		catch (RuntimeException ex) {
			// A bug must cost one file, not the run; the reason says it is one. Nothing was written yet.
			return refused(item, "UNEXPECTED", "unexpected problem writing back (" + ex.getClass().getSimpleName() + ": "
					+ ex.getMessage() + "); the file is left as it was");
		}
	}

	private WriteBackOutcome writeBack(WriteBackItem item) {
		List<Refusal> refusals = new ArrayList<>();
		Snapshot snapshot;
		try {
			snapshot = this.rewriter.read(Path.of(item.path()));
		}
		catch (RefusedException ex) {
			return refused(item, ex.refusal().name(), ex.getMessage());
		}
		if (!snapshot.contentHash().equals(item.contentHash())) {
			return refused(item, "CHANGED_ON_DISK", item.path() + " changed on disk since it was ingested; left as it is"
					+ " (the next audit reads the new content and writes back then)");
		}
		ParseResult parsed = this.parser.parse(item.path(), snapshot.bytes());
		if (!(parsed instanceof ParseResult.Parsed read)) {
			return refused(item, "UNREADABLE", item.path() + " cannot be read as an article any more: "
					+ ((ParseResult.Rejected) parsed).finding().message());
		}
		Article article = read.article();
		List<Edit> edits = edits(item, article, refusals);
		EditResult result = this.editor.edit(snapshot.bytes(), edits);
		for (EditResult.Refusal refusal : result.refusals()) {
			refusals.add(new Refusal(item.articleId(), item.path(), (refusal.path() != null) ? refusal.path().toString() : null,
					"UNSAFE_EDIT", refusal.reason()));
		}
		if (!result.changed()) {
			return new WriteBackOutcome(item, List.of(), refusals, null);
		}
		String newHash = ArticleParser.sha256(result.bytes());
		List<Change> changes = new ArrayList<>();
		for (EditResult.Change change : result.changes()) {
			changes.add(auditChange(item.path(), change));
		}
		changes.add(new Change("article", item.path(), "content_hash", item.contentHash(), newHash));
		return new WriteBackOutcome(item, changes, refusals, new WriteBackOutcome.Replacement(snapshot, result.bytes()));
	}

	private static Change auditChange(String path, EditResult.Change change) {
		FieldPath field = change.path();
		if (field.parent().contains("images")) {
			return new Change("article_image", path + "#" + field.location(), field.field(), change.oldValue(),
					change.newValue());
		}
		return new Change("article", path, field.toString(), change.oldValue(), change.newValue());
	}

	private static List<Edit> edits(WriteBackItem item, Article article, List<Refusal> refusals) {
		Map<Integer, WriteBackItem.Flag> flags = new HashMap<>();
		item.flags().forEach(flag -> flags.put(flag.position(), flag));
		Map<String, String> moved = item.moved();
		List<Edit> edits = new ArrayList<>();
		pageUrls(null, Arrays.asList(article.webUrl(), article.ampWebUrl(), article.cdnAmpWebUrl()), moved, edits);
		int position = 0;
		List<List<ArticleImage>> groups = new ArrayList<>();
		groups.add(article.images());
		article.related().forEach(related -> groups.add(related.images()));
		for (int g = 0; g < groups.size(); g++) {
			Integer related = (g == 0) ? null : g - 1;
			if (related != null) {
				RelatedArticle entry = article.related().get(related);
				pageUrls(related, Arrays.asList(entry.webUrl(), entry.ampWebUrl(), entry.cdnAmpWebUrl()), moved, edits);
			}
			List<ArticleImage> images = groups.get(g);
			for (int index = 0; index < images.size(); index++) {
				ArticleImage image = images.get(index);
				if (image.url() == null || image.url().isBlank()) {
					continue;
				}
				WriteBackItem.Flag flag = flags.remove(position++);
				CheckedUrl url = image.checkedUrl();
				String normalized = url.valid() ? url.normalized() : null;
				if (flag != null) {
					FieldPath path = FieldPath.image(related, index, "isCached");
					if (Objects.equals(normalized, flag.url())) {
						edits.add(Edit.flag(path, flag.cached()));
					}
					else {
						refusals.add(new Refusal(item.articleId(), item.path(), path.toString(), "UNSAFE_EDIT",
								"the image there is " + image.url() + ", not " + flag.url() + " as ingested; left as it is"));
					}
				}
				if (normalized != null && moved.containsKey(normalized)) {
					edits.add(Edit.text(FieldPath.image(related, index, "url"), image.url(), moved.get(normalized)));
				}
			}
		}
		for (WriteBackItem.Flag flag : flags.values()) {
			refusals.add(new Refusal(item.articleId(), item.path(), "image " + flag.position(), "UNSAFE_EDIT",
					"no image at position " + flag.position() + " (" + flag.url() + ") in the file; left as it is"));
		}
		return edits;
	}

	private static void pageUrls(Integer related, List<String> values, Map<String, String> moved, List<Edit> edits) {
		for (int k = 0; k < PAGE_KEYS.size(); k++) {
			String raw = values.get(k);
			if (raw == null || raw.isBlank()) {
				continue;
			}
			CheckedUrl url = WebUrls.check(raw);
			if (url.valid() && moved.containsKey(url.normalized())) {
				FieldPath path = (related == null) ? FieldPath.key(PAGE_KEYS.get(k)) : FieldPath.related(related, PAGE_KEYS.get(k));
				edits.add(Edit.text(path, raw, moved.get(url.normalized())));
			}
		}
	}

	private static WriteBackOutcome refused(WriteBackItem item, String code, String reason) {
		return new WriteBackOutcome(item, List.of(), List.of(new Refusal(item.articleId(), item.path(), null, code, reason)),
				null);
	}

}
